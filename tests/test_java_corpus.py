"""bench/java_corpus.py: the pinned table, extraction from a local git clone, sha256 refusal (no network, no model)."""
from __future__ import annotations

import argparse
import importlib.util
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parent.parent / "bench" / "java_corpus.py"
_spec = importlib.util.spec_from_file_location("java_corpus", _PATH)
assert _spec and _spec.loader
jc = importlib.util.module_from_spec(_spec)
sys.modules["java_corpus"] = jc  # dataclasses look the module up
_spec.loader.exec_module(jc)

_GIT = shutil.which("git")


def test_table_is_pinned_and_well_formed():
    assert len(jc.JAVA_CORPUS) >= 3
    assert len({p.name for p in jc.JAVA_CORPUS}) == len(jc.JAVA_CORPUS)
    for p in jc.JAVA_CORPUS:
        assert re.fullmatch(r"[0-9a-f]{40}", p.version), p.name
        assert re.fullmatch(r"[0-9a-f]{64}", p.sha256), p.name
        assert re.fullmatch(r"[\w.-]+/[\w.-]+", p.repo), p.name
        assert re.search(r"\b(MIT|BSD|Apache)", p.licence), p.name
        assert p.keep and all(not k.startswith("/") and ".." not in k.split("/") for k in p.keep), p.name
        assert 200 <= p.lines <= 2000 and p.source_passed > 0 and p.junit in (4, 5), p.name


def _clone(tmp: Path, files: dict[str, str]) -> tuple[Path, str]:
    work = tmp / "work"
    for rel, text in files.items():
        (work / rel).parent.mkdir(parents=True, exist_ok=True)
        (work / rel).write_text(text, encoding="utf-8")
    git = ["git", "-C", str(work), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q", str(work)], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "c"], check=True)
    commit = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    mirrors = tmp / "mirrors"
    mirrors.mkdir()
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(mirrors / "acme+lib")], check=True)
    return mirrors, commit


_FILES = {"src/main/java/a/A.java": "package a;\npublic class A { public static int two() { return 2; } }\n",
          "src/test/java/a/ATest.java": "package a;\nimport org.junit.Test;\npublic class ATest {\n"
                                        "  @Test public void two() { org.junit.Assert.assertEquals(2, A.two()); }\n}\n",
          "LICENSE": "MIT\n", "docs/skip.md": "not kept\n"}


@pytest.mark.skipif(_GIT is None, reason="git is not installed")
def test_fetch_keeps_the_pinned_paths_and_refuses_another_tree(tmp_path):
    mirrors, commit = _clone(tmp_path, _FILES)
    p = jc.JavaProject("lib", "acme/lib", commit, "", "MIT", ("src/main/java", "src/test/java", "LICENSE"), 6, 1)
    root = tmp_path / "corpus"
    root.mkdir()
    res = jc.fetch_one(p, root, mirrors, tmp_path / "no-m2")
    tree = root / "lib"
    assert sorted(f.relative_to(tree).as_posix() for f in tree.rglob("*") if f.is_file() and f.name[0] != ".") == \
        ["LICENSE", "src/main/java/a/A.java", "src/test/java/a/ATest.java"]
    assert res["lines"] == 7 and res["passed"] is None and "missing" in res["why"]  # no JUnit jars: no counts
    assert res["sha256"] == jc.tree_sha256(tree)
    pinned = replace(p, sha256=res["sha256"])
    assert jc.rc.is_fetched(pinned, tree)  # repo_corpus's run reads the same marker
    with pytest.raises(jc.rc.CorpusError, match="does not match the pinned"):
        jc.fetch_one(replace(p, sha256="0" * 64), root, mirrors, tmp_path / "no-m2", force=True)
    with pytest.raises(jc.rc.CorpusError, match="no git directory with commit"):
        jc.fetch_one(replace(p, version="1" * 40), root, mirrors, tmp_path / "no-m2", force=True)


def test_tree_sha256_depends_on_paths_and_bytes(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.java").write_text("class X {}\n")
    first = jc.tree_sha256(tmp_path)
    (tmp_path / "a" / "x.java").rename(tmp_path / "a" / "y.java")
    second = jc.tree_sha256(tmp_path)
    assert second != first
    (tmp_path / "a" / "y.java").write_text("class Y {}\n")
    assert jc.tree_sha256(tmp_path) not in (first, second)


def test_unknown_project_is_a_usage_error(capsys):
    assert jc.main(["run", "--out", "/tmp/x", "--projects", "nope", "--dir", "/tmp/jc-none"]) == 2
    assert "unknown project(s): nope" in capsys.readouterr().err


def test_a_java_projects_row_says_java_to_python():
    """``translate repo`` of a tree leaves the report's source_language empty: the row reads the files' language."""
    report = {"source_language": None, "files": [{"status": "translated", "language": "java"},
                                                 {"status": "copied", "language": None}], "totals": {}}
    row = jc.rc.report_row(report, project="p", lines=1, source={}, target="python", check=True, wall=1.0,
                           returncode=0)
    assert row["direction"] == "java->python"


def test_a_run_that_left_no_report_still_says_java_to_python(tmp_path, monkeypatch):
    """A ``translate repo`` that exits without a report (a missing module in the run's environment) made a row
    that said python->python: the project's own language says it."""
    p = jc.JAVA_CORPUS[0]
    tree = tmp_path / p.name
    tree.mkdir()
    (tree / jc.rc.SOURCE_TESTS).write_text('{"passed": 17, "failed": 0}', encoding="utf-8")
    monkeypatch.setattr(jc.rc, "is_fetched", lambda project, src: True)
    monkeypatch.setattr(jc.rc, "translate_command", lambda: [sys.executable, "-c", "raise SystemExit(1)"])
    args = argparse.Namespace(to="python", check_rounds=1, resume=False, model=None, rescue=0)
    row = jc.rc.run_one(p, tmp_path, tmp_path / "out", args, check=True)
    assert row["direction"] == "java->python" and row["returncode"] == 1 and row["tests_passed"] is None
