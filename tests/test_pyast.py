"""Python is parsed with the standard library through one lock (translate.source.pyast): the behaviour checks
record sources in worker threads, and CPython 3.11 before 3.11.8 fails overlapping ast.parse calls with
"SystemError: AST constructor recursion depth mismatch" (gh-106905)."""
from __future__ import annotations

import ast
import re
import threading
from pathlib import Path

import translate
from translate.source import pyast


def test_parse_is_ast_parse():
    code = "def f(x):\n    return x % 3\n"
    assert ast.dump(pyast.parse(code)) == ast.dump(ast.parse(code))
    assert ast.dump(pyast.parse_expression("f(1, 'a')")) == ast.dump(ast.parse("f(1, 'a')", mode="eval"))


def test_a_parse_waits_for_another_threads_parse():
    done = threading.Event()
    worker = threading.Thread(target=lambda: (pyast.parse("x = 1\n"), done.set()))
    with pyast._LOCK:  # another thread is inside a parse
        worker.start()
        assert not done.wait(0.5)
    worker.join(10)
    assert done.is_set()


def test_no_module_calls_ast_parse_directly():
    root = Path(translate.__file__).parent
    direct = [str(p.relative_to(root)) for p in root.rglob("*.py")
              if p.name != "pyast.py" and re.search(r"\bast\.parse\(", p.read_text(encoding="utf-8"))]
    assert direct == ["evaluation/mtpb.py"]  # its harness text, a program of its own run in the sandbox
