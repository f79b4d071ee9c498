"""Texts built from the source's own string and character literals, for its string parameters.

Generic texts (``"hello"``, ``"a,b;c d"``) rarely reach the branches a function keeps for the texts it looks
for: ``is_bored`` counts sentences that start with ``"I "`` (split on ``[.?!]``), ``split_words`` has a branch
for a text with a comma and no space; a translation wrong in such a branch was "verified" on inputs that never
took it. As test generators do (EvoSuite's seeding of constants, a fuzzer's dictionary), the literals the
function compares with, splits on or searches for are the texts worth trying: each literal alone, inside
other text, and two of them together. A regular expression's character classes give their characters
(``[.?!]`` -> ``.``, ``?``, ``!``); the module's tables the function reads give their first words
(:func:`table_literals`). At most :data:`LIMIT` texts, in a fixed order.
"""
from __future__ import annotations

import ast
import re

from translate.source import pyast

LIMIT = 8
_QUOTED = re.compile(r""""((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'""")
_ESCAPES = {"n": "\n", "t": "\t", "s": " ", "\\": "\\", '"': '"', "'": "'", "0": "\0"}
_REGEX = re.compile(r"[\[\]()*+?{}|^$]|\\[sdwSDWb]")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text)


def _texts(literal: str) -> list[str]:
    """The plain text of a literal; for a regular expression, the characters of its classes instead."""
    if not _REGEX.search(literal):
        return [_unescape(literal)] if literal else []
    out: list[str] = []
    for cls in re.findall(r"\[((?:[^\]\\]|\\.)+)\]", literal):
        for m in re.finditer(r"\\(.)|([^\\-])", cls):
            ch = _ESCAPES.get(m.group(1), m.group(1)) if m.group(1) else m.group(2)
            if ch not in out and ch != "^":
                out.append(ch)
    return out


def literals_in(code: str, python: bool = False) -> list[str]:
    """The string and character literals of a function's text, in order, each once (a Python function's
    docstring left out)."""
    found: list[str] = []
    if python:
        try:
            tree = pyast.parse(code)
        except (SyntaxError, RecursionError, MemoryError):
            return []
        docs = {id(n.body[0].value) for n in ast.walk(tree)
                if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.body
                and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        raw = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
               and id(n) not in docs]
        texts = _ordered(raw, escaped=False)  # Python's constants hold their characters already
    else:
        code = re.sub(r"//[^\n]*|/\*.*?\*/", " ", code, flags=re.DOTALL)
        texts = _ordered([m.group(1) if m.group(1) is not None else m.group(2) for m in _QUOTED.finditer(code)],
                         escaped=True)
    for t in texts:
        if t and t not in found and len(t) <= 40:
            found.append(t)
    return found


def table_literals(tree: ast.Module, fn: ast.FunctionDef, per_table: int = 3) -> list[str]:
    """The first plain string literals of each module-level table ``fn`` reads (a list, tuple, set or dict
    display bound to a name at the top of the module; no pattern or replacement template, nothing with a
    backslash), as EvoSuite seeds a class's static constants too:
    inflection's ``pluralize`` has a branch for the words of ``UNCOUNTABLES`` that no generic text reaches."""
    read = {n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    out: list[str] = []
    for st in tree.body:
        target = st.targets[0] if isinstance(st, ast.Assign) and len(st.targets) == 1 else \
            st.target if isinstance(st, ast.AnnAssign) else None
        if not (isinstance(target, ast.Name) and target.id in read
                and isinstance(st.value, (ast.List, ast.Tuple, ast.Set, ast.Dict))):
            continue
        words = [n.value for n in ast.walk(st.value) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                 and n.value and not _REGEX.search(n.value) and "\\" not in n.value and len(n.value) <= 40]
        out += [w for w in words if w not in out][:per_table]
    return out


def _ordered(raw: list[str], escaped: bool) -> list[str]:
    """The plain literals first (``escaped``: as written in the source, escapes still to read), then the
    characters of regular expressions' classes."""
    plain = [t for r in raw if r and not _REGEX.search(r) for t in (_texts(r) if escaped else [r])]
    return plain + [t for r in raw if _REGEX.search(r) for t in _texts(r)]


def seeded_texts(literals: list[str]) -> list[str]:
    """Each literal alone and inside other text; the first one also around each of the next two."""
    out: list[str] = []

    def add(s: str) -> None:
        if s not in out and len(out) < LIMIT:
            out.append(s)

    for i, lit in enumerate(literals[:4]):
        add(lit)
        add(f"ab{lit}cd")
        if i == 0:
            for other in literals[1:3]:
                add(f"{lit}x{other}{lit}y")
    return out
