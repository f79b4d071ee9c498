"""`translate eval humaneval-x` and `translate eval mtpb` end to end with the tiny random CodeGen model.

The model's answers are noise, so the scores are (almost surely) 0: what is tested is that the whole
path runs (model -> pipeline -> sandbox -> scoring -> report) and the report is complete.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from translate.cli import main
from translate.evaluation.humanevalx import humanevalx_dir

pytestmark = pytest.mark.skipif(not (humanevalx_dir(None) / "python").is_dir(), reason="benchmark data not found")

SAMPLE_KEYS = {"passed", "message", "run", "parsed", "repaired", "turns", "new_tokens", "output"}


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.slow
def test_humaneval_x_limit_3_with_tiny_codegen(tiny_codegen_dir, tmp_path):
    report_path = tmp_path / "report.json"
    res = _run("eval", "humaneval-x", "--from", "python", "--to", "javascript", "--limit", "3",
               "--model", str(tiny_codegen_dir), "--baseline", "naive", "--max-turns", "2",
               "--max-new-tokens", "12", "--report", str(report_path), "-q")
    assert res.exit_code == 0, res.output
    assert "pass@1" in res.stdout and "pipeline" in res.stdout and "naive" in res.stdout
    report = json.loads(report_path.read_text())
    assert report["benchmark"] == "humaneval-x" and report["tasks"] == 3
    assert report["source"] == "python" and report["target"] == "javascript"
    assert report["model"] == str(tiny_codegen_dir)
    for system in ("pipeline", "naive"):
        summary = report["systems"][system]
        assert 0.0 <= summary["pass@1"] <= 1.0
        assert summary["tasks"] == 3 and summary["samples"] == 3
        assert 0.0 <= summary["parse_rate"] <= 1.0
        assert summary["new_tokens"] > 0
    assert [t["task_id"] for t in report["per_task"]] == ["Python/0", "Python/1", "Python/2"]
    for task in report["per_task"]:
        assert task["target_task"].startswith("JavaScript/") and task["entry"]
        for system in ("pipeline", "naive"):
            rec = task[system]
            assert rec["n"] == 1 and rec["c"] in (0, 1)
            sample = rec["samples"][0]
            assert SAMPLE_KEYS <= set(sample)
            assert sample["passed"] == (sample["message"] is None)
        units = task["pipeline"]["samples"][0]["units"]
        assert any(u["kind"] == "function" for u in units)
        assert all(u["status"] in ("ok", "repaired", "failed", "skipped") for u in units)


@pytest.mark.slow
def test_humaneval_x_pass_at_k_with_samples(tiny_codegen_dir, tmp_path):
    report_path = tmp_path / "k.json"
    res = _run("eval", "humaneval-x", "--from", "java", "--to", "python", "--limit", "1", "--samples", "2",
               "--model", str(tiny_codegen_dir), "--max-turns", "1", "--max-new-tokens", "8", "--seed", "1",
               "--report", str(report_path), "-q")
    assert res.exit_code == 0, res.output
    report = json.loads(report_path.read_text())
    summary = report["systems"]["pipeline"]
    assert {"pass@1", "pass@2"} <= set(summary)
    assert report["per_task"][0]["pipeline"]["n"] == 2
    assert report["settings"]["temperature"] == 0.8


@pytest.mark.slow
def test_mtpb_limit_with_tiny_codegen(tiny_codegen_dir, tmp_path):
    report_path = tmp_path / "mtpb.json"
    res = _run("eval", "mtpb", "--limit", "2", "--model", str(tiny_codegen_dir), "--max-gen-length", "8",
               "--report", str(report_path), "-q")
    assert res.exit_code == 0, res.output
    assert "pass rate" in res.stdout
    report = json.loads(report_path.read_text())
    assert report["problems"] == 2 and report["pairs"] == 10 and len(report["cases"]) == 10
    case = report["cases"][0]
    assert case["program"].startswith("# Import libraries.\n\nimport numpy as np\n\n# ")
    assert len(case["turns"]) == 5 and all(t["new_tokens"] <= 8 for t in case["turns"])


def test_missing_target_toolchain_is_refused_before_loading_a_model(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no javac, java, node, g++
    res = CliRunner().invoke(main, ["eval", "humaneval-x", "--from", "python", "--to", "java", "--limit", "1"])
    assert res.exit_code == 2
    assert "cannot run java programs here (no javac)" in res.stderr


@pytest.mark.slow
def test_humaneval_x_resumes_the_pipelines_answers_from_its_cache(tiny_codegen_dir, tmp_path):
    """``--cache FILE``: the pipeline's answers are kept as they arrive, so the same command again (after a dead
    server or a kill) asks the model nothing it already answered and scores the same programs."""
    cache = tmp_path / "answers.sqlite"
    args = ("eval", "humaneval-x", "--from", "python", "--to", "javascript", "--limit", "2", "--model",
            str(tiny_codegen_dir), "--max-turns", "1", "--max-new-tokens", "10", "--cache", str(cache), "-q")
    first, again = tmp_path / "first.json", tmp_path / "again.json"
    assert _run(*args, "--report", str(first)).exit_code == 0
    assert cache.is_file()
    assert _run(*args, "--report", str(again)).exit_code == 0
    one, two = (json.loads(p.read_text()) for p in (first, again))
    assert one["systems"]["pipeline"]["new_tokens"] > 0 and two["systems"]["pipeline"]["new_tokens"] == 0
    outputs = [[t["pipeline"]["samples"][0]["output"] for t in r["per_task"]] for r in (one, two)]
    assert outputs[0] == outputs[1]
    refused = CliRunner().invoke(main, [*args, "--tests", "example"])
    assert refused.exit_code == 2 and "not with --tests" in refused.stderr
    refused = CliRunner().invoke(main, [*args, "--samples", "2"])  # each sample would replay the first's answers
    assert refused.exit_code == 2 and "not with --samples > 1" in refused.stderr


@pytest.mark.parametrize("args, message", [
    (["eval", "humaneval-x", "--from", "rust"], "HumanEval-X has no 'rust'"),
    (["eval", "humaneval-x", "--from", "python", "--to", "python"], "--from and --to are both python"),
    (["eval", "humaneval-x", "--data", "/nonexistent-bench"], "HumanEval-X data not found"),
    (["eval", "humaneval-x", "--from", "klingon"], "unknown language 'klingon'"),
    (["eval", "mtpb", "--data", "/nonexistent-bench"], "MTPB data not found"),
])
def test_bad_input_is_one_line_and_exit_2(args, message):
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 2
    assert message in res.stderr
    assert "Traceback" not in res.output
    assert res.stderr.strip().count("\n") == 0
