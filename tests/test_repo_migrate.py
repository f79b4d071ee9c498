"""`translate repo` end to end with the tiny random-weight CodeGen model (real tokenizer, real generate).

The model's answers are garbage, so units fail and are kept as marked comments: that is expected and
exercises the failure path. What matters here is the bookkeeping: every file and unit accounted for,
outputs that parse, cache hits on re-runs, and byte-identical results after a SIGKILL and a resume.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from translate.cli.main import main
from translate.repo.report import REPORT_JSON, REPORT_MD
from translate.source.files import load
from translate.source.languages import get_language
from translate.source.validate import validate
from translate.translation.cache import count_units

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
JS = get_language("javascript")
# Small answers, one turn, small batches and chunks: fast, and the cache fills in several steps.
FLAGS = ["--to", "javascript", "--max-turns", "1", "--max-new-tokens", "32", "--batch-size", "4",
         "--chunk-units", "4", "--quiet"]
NOT_OUTPUTS = {REPORT_JSON, REPORT_MD}


def _run(src, out, model, *extra):
    res = CliRunner().invoke(main, ["repo", str(src), "--out", str(out), "--model", str(model), *FLAGS, *extra])
    assert "Traceback" not in res.output, res.output
    return res


def _outputs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name not in NOT_OUTPUTS and ".translate-cache" not in p.name}


def _report(out: Path) -> dict:
    return json.loads((out / REPORT_JSON).read_text())


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("proj") / "project"
    shutil.copytree(ROOT / "samples" / "project", src, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return src


@pytest.fixture(scope="module")
def baseline(project, tiny_codegen_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("base") / "out"
    res = _run(project, out, tiny_codegen_dir)
    return out, res


def test_migrates_the_sample_project(project, baseline):
    out, res = baseline
    assert res.exit_code == 1, res.output  # the random model fails units; outputs are still written
    sources = sorted(p.relative_to(project) for p in project.rglob("*.py"))
    # a test file is named so `node --test` finds it; package.json comes from its template, and so does the
    # TestCase that the unittest file's class extends (translate.project)
    expected = {str(p.with_suffix(".test.js" if p.name.startswith("test_") else ".js")).replace("__init__.js", "index.js")
                for p in sources}
    assert set(_outputs(out)) == expected | {"package.json", "unittest.js"}
    report = _report(out)
    files = {f["path"]: f for f in report["files"]}
    assert set(files) == {str(p) for p in sources}
    total = 0
    for rel in sources:
        parsed = load(project / rel)
        f = files[str(rel)]
        assert f["status"] == "translated" and f["output"] in expected
        assert [u["qualname"] for u in f["units"]] == [u.qualname for u in parsed.top_units]
        assert all(u["status"] in ("ok", "repaired", "failed") for u in f["units"])
        total += len(parsed.top_units)
        text = (out / f["output"]).read_text()
        assert validate(text, JS) == [], f["output"]
        for u in f["units"]:  # a failed unit is kept, commented, in the output
            if u["status"] == "failed":
                assert f"translate: FAILED {u['kind']} {u['qualname']}" in text
    assert report["totals"]["units"] == total == 14
    assert report["totals"]["generated_tokens"] > 0 and report["totals"]["cache_hits"] == 0
    assert "| files |" in (out / REPORT_MD).read_text()
    if shutil.which("node"):
        for rel in _outputs(out):
            if rel.endswith(".js"):
                subprocess.run(["node", "--check", str(out / rel)], check=True, capture_output=True)


def test_unchanged_rerun_is_all_cache_hits(project, baseline, tiny_codegen_dir, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(baseline[0], out)
    res = _run(project, out, tiny_codegen_dir)
    assert res.exit_code == 1
    t = _report(out)["totals"]
    assert t["cache_hit_rate"] == 1.0 and t["model_calls"] == 0 and t["generated_tokens"] == 0 and t["new_tokens"] == 0
    assert _outputs(out) == _outputs(baseline[0])


def test_a_warm_rerun_loads_no_model(project, baseline, tiny_codegen_dir, tmp_path):
    src, out = tmp_path / "project", tmp_path / "out"
    shutil.copytree(project, src)
    shutil.copytree(baseline[0], out)
    args = ["repo", str(src), "--out", str(out), "--model", str(tiny_codegen_dir), *[f for f in FLAGS if f != "--quiet"]]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 1 and "cached 14" in res.stderr
    assert "loading model" not in res.stderr  # every unit came from the cache: the weights never loaded
    util = src / "inventory" / "util.py"
    util.write_text(util.read_text() + "\n\ndef one():\n    return 1\n")
    res = CliRunner().invoke(main, args)
    assert "loading model" in res.stderr  # one new unit: now it loads


def test_editing_one_function_regenerates_only_that_unit(project, baseline, tiny_codegen_dir, tmp_path):
    src = tmp_path / "project"
    shutil.copytree(project, src)
    util = src / "inventory" / "util.py"
    util.write_text(util.read_text().replace("round(amount * 100) / 100", "round(amount * 100) / 100.0"))
    cache = tmp_path / "cache.sqlite"
    shutil.copy(baseline[0] / ".translate-cache.sqlite", cache)
    out = tmp_path / "out"
    res = _run(src, out, tiny_codegen_dir, "--cache", str(cache))
    assert res.exit_code == 1
    report = _report(out)
    missed = [(f["path"], u["qualname"]) for f in report["files"] for u in f["units"] + f["glue"]
              if not u["cache_hit"]]
    assert missed == [("inventory/util.py", "round_cents")]
    assert report["totals"]["model_calls"] == 1 and report["totals"]["generated_tokens"] > 0
    before, after = _outputs(baseline[0]), _outputs(out)
    assert [k for k in before if before[k] != after[k]] == ["inventory/util.js"]


def test_sigkill_then_resume_gives_identical_outputs(project, baseline, tiny_codegen_dir, tmp_path):
    out = tmp_path / "out"
    cache = out / ".translate-cache.sqlite"
    cmd = [sys.executable, "-c", "from translate.cli import main; main()", "repo", str(project), "--out", str(out),
           "--model", str(tiny_codegen_dir), *FLAGS]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 600  # a safety net only; progress is read from the cache
        while count_units(cache) == 0:
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "no unit was committed"
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    done = count_units(cache)
    total = _report(baseline[0])["totals"]
    assert 0 < done < total["units"] + total["glue_segments"]
    assert not (out / REPORT_JSON).exists()  # the killed run never finished
    res = _run(project, out, tiny_codegen_dir)
    assert res.exit_code == 1, res.output
    t = _report(out)["totals"]
    assert 0 < t["cache_hits"] < t["units"] + t["glue_segments"]
    assert _outputs(out) == _outputs(baseline[0])
    assert not [p for p in out.rglob("*") if p.name.startswith(".translate-tmp-")]


def test_refusals(tmp_path, tiny_codegen_dir):
    src = tmp_path / "src"
    (src / "pkg").mkdir(parents=True)
    (src / "pkg" / "ok.py").write_text("def add(a, b):\n    return a + b\n")
    (src / "pkg" / "latin1.py").write_bytes(b"# caf\xe9\ndef f():\n    pass\n")
    (src / "pkg" / "_ext.c").write_text("#include <Python.h>\nstatic int f(void) { return 1; }\n")
    secret = tmp_path / "elsewhere" / "secret.py"
    secret.parent.mkdir()
    secret.write_text("def leak():\n    return 'secret'\n")
    (src / "pkg" / "escape.py").symlink_to(secret)
    locked = src / "pkg" / "locked.py"
    locked.write_text("def g():\n    pass\n")
    locked.chmod(0)
    before = {p: p.read_bytes() for p in src.rglob("*") if p.is_file() and os.access(p, os.R_OK)}

    for dst, msg in ((src, "is SRC_DIR itself"), (src / "out", "is inside SRC_DIR")):
        res = _run(src, dst, tiny_codegen_dir)
        assert res.exit_code == 2
        assert res.output.strip().count("\n") == 0 and msg in res.output
    res = _run(src / "missing", tmp_path / "o", tiny_codegen_dir)
    assert res.exit_code == 2 and "no such directory" in res.output
    res = _run(src, tmp_path / "o", tiny_codegen_dir, "--from", "klingon")
    assert res.exit_code == 2 and "unknown language" in res.output
    res = _run(src, tmp_path / "o", tmp_path / "no-such-model")
    assert res.exit_code == 3 and "does not exist" in res.output
    assert not (tmp_path / "o").exists()  # nothing created before the model resolved

    out = tmp_path / "out"
    res = _run(src, out, tiny_codegen_dir)
    assert res.exit_code == 1
    files = {f["path"]: f for f in _report(out)["files"]}
    assert files["pkg/ok.py"]["status"] == "translated" and (out / "pkg" / "ok.js").exists()
    assert files["pkg/escape.py"]["status"] == "skipped" and "outside SRC_DIR" in files["pkg/escape.py"]["reason"]
    assert files["pkg/latin1.py"]["status"] == "skipped" and "UTF-8" in files["pkg/latin1.py"]["reason"]
    assert files["pkg/_ext.c"]["status"] == "skipped" and "Python extension" in files["pkg/_ext.c"]["reason"]
    assert not (out / "pkg" / "escape.js").exists() and "leak" not in (out / REPORT_JSON).read_text()
    if os.geteuid() != 0:  # root reads mode-000 files
        assert files["pkg/locked.py"]["status"] == "skipped" and "permission" in files["pkg/locked.py"]["reason"]
    assert {p: p.read_bytes() for p in before} == before  # SRC was never written
    assert sorted(p.name for p in src.rglob("*")) == ["_ext.c", "escape.py", "latin1.py", "locked.py", "ok.py", "pkg"]
