"""bench/repo_corpus.py: the pinned table, safe extraction, sha256 refusal, report rows (no network, no model)."""
from __future__ import annotations

import importlib.util
import io
import json
import re
import sys
import tarfile
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parent.parent / "bench" / "repo_corpus.py"
_spec = importlib.util.spec_from_file_location("repo_corpus", _PATH)
assert _spec and _spec.loader
rc = importlib.util.module_from_spec(_spec)
sys.modules["repo_corpus"] = rc  # dataclasses look the module up
_spec.loader.exec_module(rc)


def test_corpus_table_is_pinned_and_well_formed():
    assert len(rc.CORPUS) >= 5
    assert len({p.name for p in rc.CORPUS}) == len(rc.CORPUS)
    for p in rc.CORPUS:
        assert re.fullmatch(r"[0-9a-f]{64}", p.sha256), p.name
        assert re.fullmatch(r"\d+(\.\d+)+", p.version), p.name
        assert p.sdist.lower() == f"{p.name}-{p.version}.tar.gz", p.name
        assert re.search(r"\b(MIT|BSD|Apache|PSF)", p.licence), p.name
        assert p.keep and all(not k.startswith("/") and ".." not in k.split("/") for k in p.keep), p.name
        assert 200 <= p.lines <= 2000, p.name
        assert p.source_passed > 0, p.name


def _tar(path: Path, members: dict[str, bytes], links: dict[str, str] | None = None) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for name, target in (links or {}).items():
            info = tarfile.TarInfo(name)
            info.type = tarfile.SYMTYPE
            info.linkname = target
            tar.addfile(info)
    return path


def test_safe_extract_keeps_a_plain_archive(tmp_path):
    arc = _tar(tmp_path / "ok.tar.gz", {"pkg-1.0/pkg/__init__.py": b"x = 1\n"}, {"pkg-1.0/alias.py": "pkg/__init__.py"})
    rc.safe_extract(arc, tmp_path / "out")
    assert (tmp_path / "out" / "pkg-1.0" / "pkg" / "__init__.py").read_text() == "x = 1\n"


@pytest.mark.parametrize("members,links", [
    ({"pkg-1.0/../x": b"evil"}, None),
    ({"/tmp/evil-absolute": b"evil"}, None),
    ({"pkg-1.0/a/../../x": b"evil"}, None),
    ({}, {"pkg-1.0/link": "../../etc/passwd"}),
    ({}, {"pkg-1.0/link": "/etc/passwd"}),
])
def test_safe_extract_refuses_unsafe_members(tmp_path, members, links):
    arc = _tar(tmp_path / "bad.tar.gz", members, links)
    out = tmp_path / "out"
    with pytest.raises(rc.CorpusError):
        rc.safe_extract(arc, out)
    assert not out.exists() or not any(out.rglob("*"))  # refused before anything is written


def test_sha256_mismatch_is_refused(tmp_path):
    f = tmp_path / "fake-1.0.tar.gz"
    f.write_bytes(b"not the real sdist")
    with pytest.raises(rc.CorpusError, match="does not match"):
        rc.verify_sha256(f, "0" * 64)
    rc.verify_sha256(f, rc.sha256_file(f))  # the right hash passes


def test_download_refuses_a_cached_file_with_the_wrong_hash(tmp_path, monkeypatch):
    p = rc.CORPUS[0]
    (tmp_path / p.sdist).write_bytes(b"tampered")

    def no_network(*a, **k):
        raise AssertionError("a verified cache would not fetch; a tampered one must not be used")

    monkeypatch.setattr(rc.urllib.request, "urlopen", no_network)
    with pytest.raises(AssertionError):  # it went to the index instead of trusting the tampered file
        rc.download(p, tmp_path)


def test_corpus_dir_inside_the_repo_is_refused():
    with pytest.raises(rc.CorpusError):
        rc.outside_repo(rc.ROOT / "corpus")
    assert rc.main(["fetch", "--dir", str(rc.ROOT / "corpus")]) == 2


def test_pytest_counts_reads_the_summary_line():
    out = "....F.s\n=== short test summary ===\n1 failed, 5 passed, 1 skipped, 2 errors in 0.3s\n"
    assert rc.pytest_counts(out) == {"failed": 1, "passed": 5, "skipped": 1, "errors": 2}
    assert rc.pytest_counts("no tests ran in 0.01s") == {}


REPORT = {
    "version": 1, "source_language": "python", "target_language": "javascript",
    "totals": {"units": 20, "failed": 2, "new_tokens": 4321},
    "files": [
        {"path": "pkg/__init__.py", "output": "pkg/index.js", "status": "translated"},
        {"path": "pkg/core.py", "output": "pkg/core.js", "status": "translated"},
        {"path": "tests/test_core.py", "output": "tests/test_core.test.js", "status": "translated",
         "notes": [], "tests": ["test_a", "test_b"]},
        {"path": "README.md", "output": None, "status": "skipped", "reason": "not a source file"},
    ],
    "project": {"build_files": ["package.json"], "check": {
        "tool": "node --test", "builds": True, "skipped": None, "passed": 7, "failed": 3, "files_passing": 1,
        "all_passed": False, "files": [{"path": "tests/test_core.test.js"}, {"path": "tests/test_x.test.js"}]}},
}


def test_report_row_and_table(tmp_path):
    (tmp_path / "translate-report.json").write_text(json.dumps(REPORT))
    report = json.loads((tmp_path / "translate-report.json").read_text())
    row = rc.report_row(report, project="demo", lines=500, source={"passed": 42, "failed": 0},
                        target="javascript", check=True, wall=12.34, returncode=1)
    assert (row["builds"], row["tests_passed"], row["tests_total"]) == (True, 7, 10)
    assert (row["test_files_passing"], row["test_files"], row["all_pass"]) == (1, 2, False)
    assert (row["tokens"], row["wall_s"], row["check"], row["source_passed"]) == (4321, 12.3, "on", 42)
    table = rc.markdown_table([row])
    assert "| demo | 500 | 42 | python->javascript | on | yes | 7/10 (70%) | 1/2 | no | 12.3 | 4321 |" in table
    assert rc.check_outputs(report) == (["pkg/index.js", "pkg/core.js"], ["tests/test_core.test.js"],
                                        ["package.json"])


def test_report_row_without_a_check_says_so():
    report = {**REPORT, "project": {"build_files": ["package.json"], "check": None}}
    row = rc.report_row(report, project="demo", lines=500, source={"passed": 42}, target="javascript",
                        check=False, wall=1.0, returncode=0)
    assert row["builds"] is None and row["tests_total"] is None and row["all_pass"] is None
    assert "| off | - | - | - | - |" in rc.markdown_table([row])
    scored = {"builds": False, "passed": 0, "failed": 4, "files_passing": 0, "all_passed": False,
              "files": [{"path": "t.test.js"}]}
    row = rc.report_row(report, project="demo", lines=500, source={"passed": 42}, target="javascript",
                        check=False, wall=1.0, returncode=0, scored=scored)
    assert row["scored_after"] and row["tests_total"] == 4 and row["builds"] is False
    assert "off (tests run after) | no | 0/4 (0%) | 0/1 | no |" in rc.markdown_table([row])


def test_fetch_keeps_the_listed_paths_and_records_the_source_tests(tmp_path):
    root = tmp_path / "corpus"
    arc = _tar(tmp_path / "demo-1.0.tar.gz", {
        "demo-1.0/demo/__init__.py": b"def double(x):\n    return 2 * x\n",
        "demo-1.0/test_demo.py": b"from demo import double\n\ndef test_a():\n    assert double(2) == 4\n\n"
                                 b"def test_b():\n    assert double(3) == 5\n",
        "demo-1.0/setup.py": b"raise SystemExit('not kept')\n",
        "demo-1.0/LICENSE": b"MIT\n",
    })
    (root / ".sdist").mkdir(parents=True)
    arc.rename(root / ".sdist" / "demo-1.0.tar.gz")
    p = rc.Project("demo", "1.0", "demo-1.0.tar.gz", rc.sha256_file(root / ".sdist" / "demo-1.0.tar.gz"), "MIT",
                   ("demo", "test_demo.py", "LICENSE"), 9, 1)
    res = rc.fetch_one(p, root)  # the sdist is in the cache and verified: no download
    assert (res["passed"], res["failed"], res["lines"]) == (1, 1, 9)
    tree = root / "demo"
    assert sorted(x.name for x in tree.iterdir()) == [".corpus.json", ".source-tests.json", "LICENSE", "demo",
                                                       "test_demo.py"]
    assert not list(tree.rglob("__pycache__"))
    assert rc.is_fetched(p, tree)
    (tree / "test_demo.py").write_text("edited\n")
    rc.fetch_one(p, root)  # already there and verified: left alone
    assert (tree / "test_demo.py").read_text() == "edited\n"
    assert not rc.is_fetched(rc.Project(**{**p.__dict__, "sha256": "1" * 64}), tree)
