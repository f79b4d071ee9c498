"""Hostile nesting: deep code never reaches libcst's native parser (a SIGSEGV that kills the process, and
``translate serve`` with it) nor a recursive walker; long comment runs do not make parsing quadratic.

Every crash probe runs in a subprocess: on code without the guard it dies with SIGSEGV (exit -11/139).
"""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import httpx
import pytest
from serve_process import serve_process

from translate.source.languages import get_language
from translate.source.validate import MAX_DEPTH, nesting_depth, validate

TRANSLATE = str(Path(sys.executable).parent / "translate")
PY = get_language("python")

DEEP = {
    "parens": "x = " + "(" * 2000 + "1" + ")" * 2000 + "\n",
    "lists": "def f():\n    return " + "[" * 2000 + "1" + "]" * 2000 + "\n",
    "ifelse": "x = " + "1 if c else " * 2000 + "1\n",
    "unary": "x = " + "-" * 3000 + "1\n",
}
# just under the limit: module > function_definition > block > return_statement > 390 lists > integer
SHALLOW_ENOUGH = "def f():\n    return " + "[" * 390 + "1" + "]" * 390 + "\n"


def run_cli(*args: str, cwd: Path, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([TRANSLATE, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False)


def assert_one_line_input_error(proc: subprocess.CompletedProcess, name: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-500:])
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr[-500:]
    assert name in lines[0] and f"nests deeper than {MAX_DEPTH}" in lines[0] and "at line " in lines[0]


@pytest.mark.parametrize("kind", sorted(DEEP))
# `file` with a model path that does not exist: refused before any model would load (exit 3 if not)
@pytest.mark.parametrize("command", [["check"], ["units"], ["file", "--to", "javascript", "-o", "-", "--model", "./none"]])
def test_deep_file_is_an_input_error(tmp_path, kind, command):
    src = tmp_path / f"deep_{kind}.py"
    src.write_text(DEEP[kind])
    proc = run_cli(*command, src.name, cwd=tmp_path)
    assert_one_line_input_error(proc, src.name)


def test_depth_just_under_the_limit_still_works(tmp_path):
    src = tmp_path / "ok.py"
    src.write_text(SHALLOW_ENOUGH)
    assert nesting_depth(PY.parse(SHALLOW_ENOUGH.encode()))[0] <= MAX_DEPTH
    assert run_cli("check", src.name, cwd=tmp_path).returncode == 0
    units = run_cli("units", src.name, cwd=tmp_path)
    assert units.returncode == 0 and "function  f" in units.stdout, units.stderr
    assert validate(SHALLOW_ENOUGH, PY) == []


def test_deep_line_is_reported(tmp_path):
    src = tmp_path / "late.py"
    src.write_text("import os\n\n\ndef g():\n    pass\n\n" + DEEP["parens"])
    proc = run_cli("check", src.name, cwd=tmp_path)
    assert_one_line_input_error(proc, src.name)
    assert "at line 7" in proc.stderr


def test_depth_is_measured_without_recursion():
    """100,000 levels: tree-sitter parses it; the walk is iterative, so no RecursionError."""
    deep = ("x = " + "[" * 100_000 + "]" * 100_000 + "\n").encode()
    depth, line = nesting_depth(PY.parse(deep))
    assert depth == MAX_DEPTH + 1 and line == 1
    assert nesting_depth(PY.parse(deep), limit=20_000)[0] == 20_001


def test_rename_refuses_deep_files(tmp_path):
    (tmp_path / "m.py").write_text("def f():\n    return 1\n\n" + DEEP["lists"].replace("def f", "def h"))
    proc = run_cli("rename", "--diff", "f", "g", "m.py", cwd=tmp_path)
    assert_one_line_input_error(proc, "m.py")


def test_rename_too_deep_for_libcst_visitors_is_an_input_error(tmp_path):
    """Under the parse limit but past what libcst's recursive Python visitors take (~140 levels)."""
    (tmp_path / "m.py").write_text("def f():\n    return " + "[" * 300 + "1" + "]" * 300 + "\n\nx = f()\n")
    proc = run_cli("rename", "--diff", "f", "g", "m.py", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr[-500:]
    assert len(proc.stderr.strip().splitlines()) == 1 and "nests too deep" in proc.stderr


ANSWER_SCRIPT = textwrap.dedent('''
    import sys
    from translate.engines.scripted import ScriptedBackend
    from translate.translation.pipeline import TranslateOptions, translate_source

    SRC = "function add(a, b) {\\n  return a + b;\\n}\\n\\nfunction hyp(a, b) {\\n  return a * b;\\n}\\n"
    DEEP = "def hyp(a, b):\\n    return " + "(" * 2000 + "a" + ")" * 2000 + "\\n"

    def answer(req):
        text = req.messages[3]["content"] if req.messages and len(req.messages) > 3 else (
            req.messages[-1]["content"] if req.messages else req.prompt)
        if "function hyp" in text:
            return "```python\\n" + DEEP + "```"
        if "function add" in text:
            return "```python\\ndef add(a, b):\\n    return a + b\\n```"
        return "```python\\n```"

    res = translate_source(SRC, "javascript", "python", ScriptedBackend(answer), TranslateOptions(max_turns=2))
    for u in res.units:
        if u.kind != "glue":
            print(u.name, u.status, (u.reason or "").replace("\\n", " "))
    print("TEXT-HAS-ADD", "def add(a, b):" in res.text)
''')


def test_too_deep_answer_fails_its_unit_only(tmp_path):
    proc = subprocess.run([sys.executable, "-c", ANSWER_SCRIPT], capture_output=True, text=True, timeout=300,
                          cwd=tmp_path, check=False)
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-1000:])
    rows = {line.split()[0]: line for line in proc.stdout.splitlines()}
    assert rows["add"].split()[1] == "ok"
    assert rows["hyp"].split()[1] == "failed", rows["hyp"]
    assert "TEXT-HAS-ADD True" in proc.stdout


def test_refactor_recipe_checks_survive_deep_answers():
    script = textwrap.dedent('''
        from translate.refactor.recipes import py2_leftovers, same_without, _DropHints
        deep = "x = " + "-" * 3000 + "1\\n"
        print(bool(py2_leftovers(deep)), same_without(deep, deep, _DropHints))
    ''')
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-1000:])
    assert proc.stdout.split() == ["True", "None"]


# --- long comment runs ---------------------------------------------------------------------------
def _comment_heavy(run: int) -> str:
    return ("import os\n\nx = 1\n" + "# filler comment\n" * run + "\n# doc of f\ndef f(a):\n    return a\n"
            + "\n\nclass C:\n    def m(self):\n        pass\n" + "        # inner comment\n" * run + "\ny = 2\n")


def _shape(text: str):
    from translate.source.units import parse_text

    parsed = parse_text(text, PY)
    return ([(u.qualname, u.start_line, u.end_line, u.signature) for u in parsed.units],
            [(s.kind, s.start_byte, s.end_byte) for s in parsed.segments], parsed.diagnostics)


def test_long_comment_runs_are_not_fed_to_the_scanner(monkeypatch):
    """The middle of a long comment run is left out of the parse (tree-sitter-python rescans every following
    comment line at each line end: quadratic); units, segments and diagnostics stay the same."""
    from translate.source.languages import base

    text = _comment_heavy(1000)
    comments = sum(1 for c in PY.parse(text.encode()).root_node.children if c.type == "comment")
    assert comments <= 2 * base._KEEP_LINES + 2
    got = _shape(text)
    monkeypatch.setattr(base, "_KEEP_LINES", 10_000)  # no skipping: the old, quadratic parse
    want = _shape(text)
    assert got == want and [u[0] for u in got[0]] == ["f", "C", "C.m"]


def test_a_long_leading_comment_run_keeps_its_tail():
    """By design: of a comment run longer than 2 * _KEEP_LINES right above a unit, only the last
    _KEEP_LINES lines travel with the unit; the rest stays in the glue before it (nothing is lost)."""
    from translate.source.languages import base
    from translate.source.units import parse_text

    text = "x = 1\n" + "".join(f"# line {i}\n" for i in range(1000)) + "def f():\n    pass\n"
    parsed = parse_text(text, PY)
    (f,) = parsed.units
    assert f.start_line == 2 + 1000 - base._KEEP_LINES and f.text.startswith(f"# line {1000 - base._KEEP_LINES}\n")
    assert "".join(s.text for s in parsed.segments) == text


def test_comment_runs_inside_strings_and_errors_keep_their_meaning():
    text = "s = '''\n" + "# looks like a comment\n" * 400 + "'''\n" + "# c\n" * 400 + "def f(:\n    pass\n"
    diags = validate(text, PY)
    assert diags and diags[0].line == 803  # the syntax error is still found, on its real line
    ok = text.replace("def f(:", "def f():")
    assert validate(ok, PY) == []


# --- translate serve ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def server(tiny_codegen_dir):
    with serve_process(str(tiny_codegen_dir), "--max-body", "65536") as (url, proc):
        yield url, proc


def test_server_survives_a_deep_file(server):
    url, proc = server
    # a stub to complete (the model's answer is checked with libcst, in the file) and 1,300 nested parens
    deep = 'def area(r):\n    """Area."""\n    ...\n\n\nx = ' + "(" * 1300 + "1" + ")" * 1300 + "\n"
    r = httpx.post(url + "/v1/complete", json={"source": deep, "language": "python"}, timeout=120)
    assert proc.poll() is None, "translate serve died on a deeply nested file"
    assert r.status_code == 400 and "nests deeper than" in r.text, r.text
    again = httpx.post(url + "/v1/complete", json={"source": 'def area(r):\n    """Area."""\n    ...\n',
                                                   "language": "python", "max_new_tokens": 16}, timeout=120)
    assert again.status_code == 200, again.text
    assert httpx.get(url + "/health", timeout=30).json()["status"] == "ok"
