"""Top-level Python code made of literal values, translated without the model.

A module's tables (``PLURALS = [(r"(?i)(quiz)$", r"\1zes"), ...]``, ``COLORS = {"red": 31}``) are data: their
JavaScript is certain, and the model is slow and unsure on them (inflection's 100-row test table took 3 turns,
900 s and 2,100 tokens, and never parsed). Top-level code whose every statement assigns a Python literal to
a name (``NAME = ...`` or ``NAME: type = ...``; numbers, strings, booleans, None, lists, tuples, dicts with
string keys, sets of plain values as a ``Set``) becomes ``const NAME = <literal>;``, with its comments (in Java a
typed static field of the module's class: translate.translation.java_values); anything else is left to the model.
"""
from __future__ import annotations

import ast
import json
import math

from translate.source import pyast
from translate.source.languages import Language
from translate.translation.naming import target_name

TARGETS = ("javascript", "typescript")


def js_literal(value: object) -> str | None:
    """``value`` (a Python literal) as a JavaScript literal; None when it has none (bytes, sets, complex)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value) if abs(value) <= 2**53 else f"{value}n"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, (list, tuple)):
        items = [js_literal(v) for v in value]
        return None if any(i is None for i in items) else "[" + ", ".join(items) + "]"  # type: ignore[arg-type]
    if isinstance(value, dict):
        pairs = []
        for k, v in value.items():
            lit = js_literal(v)
            if not isinstance(k, str) or lit is None:
                return None
            pairs.append(f"{json.dumps(k)}: {lit}")
        return "{" + ", ".join(pairs) + "}"
    return None


def literal_glue(code: str, source: Language, target: Language) -> str | None:
    """The JavaScript (or Java: translate.translation.java_values) of top-level Python ``code`` made only of
    literal assignments (see the module), else None."""
    if source.name != "python" or target.name not in (*TARGETS, "java") or not code.strip():
        return None
    try:
        tree = pyast.parse(code)
    except (SyntaxError, ValueError, RecursionError):
        return None
    if not tree.body:
        return None
    lines = code.split("\n")
    inner = _inner_comments(code, tree)
    if inner is None:
        return None
    declare = _java_declaration if target.name == "java" else _js_declaration
    out: list[str] = []
    last = 0  # source lines consumed
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            name, value = stmt.targets[0].id, stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            name, value = stmt.target.id, stmt.value
        else:
            return None
        try:
            lit = declare(name, value, target)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return None
        if lit is None or stmt.end_lineno is None:
            return None
        out += [_comment(ln) for ln in lines[last:stmt.lineno - 1]]  # comments and blank lines before it
        out.append(lit)
        out += [f"// {c}" for c in inner.get(stmt.lineno, [])]  # comments inside the literal: kept after it
        last = stmt.end_lineno
    out += [_comment(ln) for ln in lines[last:]]
    return "\n".join(out).rstrip("\n") + "\n"


def _js_declaration(name: str, value: ast.expr, target: Language) -> str | None:
    if isinstance(value, ast.Set):  # a set keeps its elements in source order (literal_eval's set would not)
        items = [ast.literal_eval(e) for e in value.elts]
        lit = js_literal(items)
        lit = f"new Set({_layout(items, lit)})" if lit is not None and _hashable(items) else None
    else:
        lit = js_literal(ast.literal_eval(value))
        lit = _layout(ast.literal_eval(value), lit) if lit is not None else None
    return f"const {target_name(name, 'constant', target)} = {lit};" if lit is not None else None


def _java_declaration(name: str, value: ast.expr, target: Language) -> str | None:
    """A static field of the module's class, typed (translate.translation.java_values)."""
    from translate.translation.java_values import java_field

    found = java_field(value)
    return f"static {found[0]} {name} = {found[1]};" if found is not None and found[1] != "null" else None


def _inner_comments(code: str, tree: ast.Module) -> dict[int, list[str]] | None:
    """The comments inside each statement (by its first line), from the tokens; None when it does not tokenize."""
    import io
    import tokenize

    spans = [(s.lineno, s.end_lineno or s.lineno) for s in tree.body]
    found: dict[int, list[str]] = {}
    try:
        for tok in tokenize.generate_tokens(io.StringIO(code).readline):
            if tok.type == tokenize.COMMENT:
                for start, end in spans:
                    if start <= tok.start[0] <= end:
                        found.setdefault(start, []).append(tok.string[1:].strip())
    except (tokenize.TokenError, SyntaxError):
        return None
    return found


def _layout(value: object, lit: str) -> str:
    """A long list or dict one element a line (what a person would write); short ones as they are."""
    if len(lit) <= 100 or not isinstance(value, (list, tuple, dict)) or not value:
        return lit
    if isinstance(value, dict):
        items = [f"{json.dumps(k)}: {js_literal(v)}" for k, v in value.items()]
        return "{\n" + "".join(f"  {i},\n" for i in items) + "}"
    return "[\n" + "".join(f"  {js_literal(v)},\n" for v in value) + "]"


def _hashable(items: list) -> bool:
    """Set elements a JavaScript Set compares as Python does: by value (strings, numbers, booleans, None)."""
    return all(v is None or isinstance(v, (str, int, float, bool)) for v in items)


def _comment(line: str) -> str:
    stripped = line.strip()
    return "// " + stripped[1:].lstrip() if stripped.startswith("#") else ("" if not stripped else "// " + stripped)
