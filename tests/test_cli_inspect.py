"""`translate units | check | languages`, through click's CliRunner and as a real subprocess.

Every bad input gives exactly one `translate: error: ...` line on stderr, no traceback, and a
non-zero exit."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from translate.cli import main
from translate.source.languages import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ROOT / "samples" / "python" / "shapes.py"
DIAG_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<msg>.+)$")


def _exe() -> str:
    local = Path(sys.executable).parent / "translate"
    found = str(local) if local.exists() else shutil.which("translate")
    assert found, "the `translate` console script is not installed (pip install -e .)"
    return found


def run_sub(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k != "TRANSLATE_MAX_BYTES"}
    full_env.update(env or {})
    return subprocess.run([_exe(), *args], capture_output=True, text=True, env=full_env, cwd=cwd, timeout=120)


def run_cli(*args: str, env: dict | None = None):
    env = {"TRANSLATE_MAX_BYTES": None, **(env or {})}  # None: unset for the run
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def code(res) -> int:
    return res.exit_code if hasattr(res, "exit_code") else res.returncode


@pytest.fixture()
def bad(tmp_path) -> Path:
    (tmp_path / "syntax.py").write_text("def f(x):\nreturn x\n\n\ndef g():\n    return 1\n")
    (tmp_path / "binary.py").write_bytes(b"\x7fELF\x00\x00\x01\x02" + bytes(range(256)))
    (tmp_path / "latin1.py").write_bytes(b"name = 'Jos\xe9'\n")
    (tmp_path / "empty.py").write_bytes(b"")
    (tmp_path / "blank.js").write_text("\n   \n")
    (tmp_path / "notes.xyz").write_text("def f():\n    pass\n")
    (tmp_path / "noext").write_text("def f():\n    pass\n")
    (tmp_path / "pkg.py").mkdir()
    (tmp_path / "big.py").write_text("x = 1\n" * 100)
    return tmp_path


# --- units ------------------------------------------------------------------------------------

def test_units_table():
    res = run_cli("units", str(SHAPES))
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0].split() == ["KIND", "NAME", "LINES", "SIGNATURE"]
    rows = [line.split(None, 3) for line in lines[1:]]
    assert [r[1] for r in rows] == ["circle_area", "fibonacci", "make_scaler", "Stack", "Stack.__init__",
                                    "Stack.push", "Stack.pop", "Stack.size"]
    assert rows[3][:3] == ["class", "Stack", "31-49"]
    assert rows[1][3] == "@lru_cache(maxsize=None) def fibonacci(n)"
    assert "8 unit(s)" in res.stderr


def test_units_json_covers_the_file():
    res = run_cli("units", "--json", str(SHAPES))
    assert res.exit_code == 0
    doc = json.loads(res.stdout)
    assert doc["language"] == "python" and doc["diagnostics"] == []
    assert [u["qualname"] for u in doc["units"]][:2] == ["circle_area", "fibonacci"]
    segs = doc["segments"]
    assert segs[0]["start_byte"] == 0 and segs[-1]["end_byte"] == SHAPES.stat().st_size
    assert all(a["end_byte"] == b["start_byte"] for a, b in zip(segs, segs[1:]))


@pytest.mark.parametrize("lang", sorted(REGISTRY))
def test_units_of_every_language_sample(lang):
    sample = sorted((ROOT / "samples" / lang).glob("*"))[0]
    res = run_cli("units", "--json", str(sample))
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["language"] == lang
    assert json.loads(res.stdout)["units"]


def test_units_with_syntax_errors_lists_units_reports_errors_and_exits_1(bad):
    path = str(bad / "syntax.py")
    for res in (run_cli("units", path), run_sub("units", path)):
        assert code(res) == 1
        assert [line.split()[1] for line in res.stdout.splitlines()[1:]] == ["f", "g"]
        errors = [line for line in res.stderr.splitlines() if DIAG_LINE.match(line)]
        assert errors and errors[0].startswith(f"{path}:2:1: ")
        assert "Traceback" not in res.stderr


def test_lang_overrides_the_extension(bad):
    res = run_cli("units", "--lang", "py", str(bad / "notes.xyz"))
    assert res.exit_code == 0
    assert res.stdout.splitlines()[1].split()[:2] == ["function", "f"]


# --- check ------------------------------------------------------------------------------------

def test_check_clean_files_exit_0():
    files = [str(p) for lang in REGISTRY for p in sorted((ROOT / "samples" / lang).glob("*"))]
    res = run_cli("check", *files)
    assert res.exit_code == 0, res.output
    assert res.stdout == ""
    assert f"{len(files)} ok, 0 with syntax errors, 0 unreadable" in res.stderr


def test_check_reports_path_line_col_message_and_exits_1(tmp_path):
    (tmp_path / "A.java").write_text("class A {\n    int f() {\n        int x = 1\n        return x;\n    }\n}\n")
    (tmp_path / "ok.go").write_text("package p\n\nfunc F() int { return 1 }\n")
    java = str(tmp_path / "A.java")
    for res in (run_cli("check", java, str(tmp_path / "ok.go")), run_sub("check", java, str(tmp_path / "ok.go"))):
        assert code(res) == 1
        assert res.stdout.splitlines() == [f"{java}:3:18: missing ';'"]
        assert "1 ok, 1 with syntax errors, 0 unreadable" in res.stderr


def test_check_python_uses_the_libcst_gate(tmp_path):
    path = tmp_path / "p2.py"
    path.write_text("print 'hi'\n")
    res = run_cli("check", str(path))
    assert res.exit_code == 1
    (line,) = res.stdout.splitlines()
    m = DIAG_LINE.match(line)
    assert m and (m["line"], m["col"]) == ("1", "1") and "print" in m["msg"]


def test_check_unreadable_file_exits_2_but_checks_the_others(bad):
    res = run_cli("check", str(bad / "missing.py"), str(SHAPES))
    assert res.exit_code == 2
    assert res.stderr.splitlines()[0] == f"translate: error: {bad / 'missing.py'}: no such file"


# --- languages --------------------------------------------------------------------------------

def test_languages():
    res = run_cli("languages")
    assert res.exit_code == 0
    assert [line.split()[0] for line in res.stdout.splitlines()] == list(REGISTRY)
    doc = json.loads(run_cli("languages", "--json").stdout)
    assert {d["name"] for d in doc} == set(REGISTRY)
    assert next(d for d in doc if d["name"] == "cpp")["extensions"][0] == ".cpp"
    sub = run_sub("languages")
    assert sub.returncode == 0 and sub.stdout == res.stdout


# --- bad input: one line, no traceback, non-zero exit -------------------------------------------

BAD_INPUTS = [
    (["units", "{d}/does-not-exist.py"], "does-not-exist.py: no such file"),
    (["units", "{d}/pkg.py"], "pkg.py: is a directory"),
    (["units", "{d}/notes.xyz"], "cannot tell the language from the extension '.xyz'"),
    (["units", "{d}/noext"], "cannot tell the language from the extension '(none)'"),
    (["units", "{d}/binary.py"], "binary file"),
    (["units", "{d}/latin1.py"], "not valid UTF-8 (byte 0xe9 at line 1, column 12)"),
    (["units", "{d}/empty.py"], "file is empty"),
    (["units", "{d}/blank.js"], "file is empty"),
    (["units", "--max-bytes", "100", "{d}/big.py"], "600 bytes is over the size limit of 100 bytes"),
    (["units", "--lang", "klingon", "{d}/big.py"], "unknown language 'klingon'"),
    (["check", "--lang", "cobol", "{d}/big.py"], "unknown language 'cobol'"),
    (["check", "{d}/binary.py"], "binary file"),
]


@pytest.mark.parametrize("args,message", BAD_INPUTS, ids=[" ".join(a) for a, _ in BAD_INPUTS])
def test_bad_input_gives_one_error_line(bad, args, message):
    argv = [a.format(d=bad) for a in args]
    res = run_cli(*argv)
    sub = run_sub(*argv)
    for out, err, rc in ((res.stdout, res.stderr, res.exit_code), (sub.stdout, sub.stderr, sub.returncode)):
        assert rc == 2
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1, err
        assert lines[0].startswith("translate: error: ") and message in lines[0], lines[0]
        assert "Traceback" not in err + out


def test_size_limit_from_the_environment(bad):
    path = str(bad / "big.py")
    res = run_cli("units", path, env={"TRANSLATE_MAX_BYTES": "50"})
    assert res.exit_code == 2
    assert res.stderr.strip() == f"translate: error: {path}: 600 bytes is over the size limit of 50 bytes (--max-bytes / TRANSLATE_MAX_BYTES)"
    sub = run_sub("units", path, env={"TRANSLATE_MAX_BYTES": "50"})
    assert sub.returncode == 2 and sub.stderr.strip() == res.stderr.strip()
    # the option wins over the environment
    assert run_cli("units", "--max-bytes", "1000", path, env={"TRANSLATE_MAX_BYTES": "50"}).exit_code == 0
    res = run_cli("units", path, env={"TRANSLATE_MAX_BYTES": "lots"})
    assert res.exit_code == 2
    assert res.stderr.strip() == "translate: error: TRANSLATE_MAX_BYTES must be a number of bytes, got 'lots'"
