"""``ast.parse`` behind one lock: the only way this package parses Python with the standard library.

The behaviour checks record sources in worker threads while the pipeline parses on its own thread. CPython 3.11
before 3.11.8 keeps the AST converter's recursion depth in state shared by threads, so two ``ast.parse`` calls
that overlap can fail with ``SystemError: AST constructor recursion depth mismatch`` (CPython gh-106905; seen in a
CI run here on 3.11.7: a unit left "unverifiable"). Parsing is a small part of any run, so one lock costs nothing
that shows.
"""
from __future__ import annotations

import ast
import threading

_LOCK = threading.Lock()


def parse(source: str) -> ast.Module:
    """``ast.parse(source)``, never at the same time as another thread's."""
    with _LOCK:
        return ast.parse(source)


def parse_expression(source: str) -> ast.Expression:
    """``ast.parse(source, mode="eval")``, never at the same time as another thread's."""
    with _LOCK:
        return ast.parse(source, mode="eval")
