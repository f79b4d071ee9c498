"""`translate complete` in-process: real models (tiny CodeGen: never validates), exit codes, bad input."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from translate.cli import main

STUB = 'def area(radius):\n    """Area of a circle."""\n    ...\n'


def run(*args: str):
    return CliRunner().invoke(main, ["complete", *args], catch_exceptions=False)


@pytest.mark.slow
@pytest.mark.parametrize("sample", ["textutil.py", "stack.js"])
def test_random_model_fails_every_stub_and_leaves_the_file(tiny_codegen_dir, samples_dir, tmp_path, sample):
    f = tmp_path / sample
    shutil.copy(samples_dir / "stubs" / sample, f)
    before = f.read_bytes()
    r = run("--model", str(tiny_codegen_dir), "--max-turns", "2", "--context-tokens", "64",
            "--max-new-tokens", "48", str(f))
    assert r.exit_code == 2, r.output
    lines = [ln for ln in r.stderr.splitlines() if "cannot complete" in ln]
    expected = {"textutil.py": 6, "stack.js": 3}[sample]
    assert len(lines) == expected and all(ln.startswith(f"{f}:") and "(after 2 turns)" in ln for ln in lines)
    assert "completed" not in r.stderr and "Traceback" not in r.output
    assert f.read_bytes() == before


def test_nothing_to_do_does_not_load_the_model(tmp_path):
    f = tmp_path / "done.py"
    f.write_text("def area(r):\n    return 3.14 * r * r\n")
    r = run("--model", str(tmp_path / "no-model"), str(f))
    assert r.exit_code == 0 and r.output == ""


def test_model_unavailable_is_exit_3_with_the_reason(tmp_path):
    f = tmp_path / "m.py"
    f.write_text(STUB)
    r = run("--model", str(tmp_path / "no-model"), str(f))
    assert r.exit_code == 3
    assert r.stderr.startswith("translate: error: model unavailable, 1 stub(s) left as they are:")
    assert f.read_text() == STUB


def test_unreadable_and_broken_files_are_reported_and_others_still_checked(tmp_path):
    broken = tmp_path / "broken.py"
    broken.write_text("def f():\n    pass\n\ndef g(:\n")
    good = tmp_path / "good.py"
    good.write_text(STUB)
    r = run("--check", str(tmp_path / "missing.py"), str(broken), str(good), str(tmp_path / "x.txt"))
    assert r.exit_code == 2
    err = r.stderr
    assert f"translate: error: {tmp_path / 'missing.py'}: no such file" in err
    assert f"{broken}: cannot complete 1 stub(s): the file has syntax errors" in err
    assert "cannot tell the language" in err
    assert r.stdout == f"{good}:1: stub function area\n"
    assert broken.read_text().startswith("def f():\n    pass")


def test_check_lists_stubs_with_lines(samples_dir):
    r = run("--check", str(samples_dir / "stubs" / "mathutil.rs"))
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [f"{samples_dir / 'stubs' / 'mathutil.rs'}:{n}: stub {k}"
                                     for n, k in [(1, "function gcd"), (6, "function is_even"),
                                                  (16, "method Counter.increment")]]


def test_lang_override_and_help():
    assert "Exit 0 nothing to do" in CliRunner().invoke(main, ["complete", "--help"]).output
    r = run("--lang", "klingon", "x.py")
    assert r.exit_code == 2 and "unknown language" in r.stderr
