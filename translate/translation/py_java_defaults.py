"""Python's parameter defaults as Java overloads, for the Python -> Java rule (:mod:`py_java_rule`).

Java has no defaults: ``def parameterize(string, separator='-')`` is written with every parameter, and one
overload per trailing default calls it with the default's value (``parameterize(String string) { return
parameterize(string, "-"); }``), as ``translate repo`` declares the function to its callers
(translate.project.java_context: the full header, then one per default). Defaults that are literals of a simple
type only (a default of None or a container is evaluated once in Python and shared between calls: the model's).
"""
from __future__ import annotations

import ast
import copy
import re

from translate.translation.declared import header as declared_header
from translate.translation.declared import types as declared_types
from translate.translation.py_java_names import char_literal, str_literal
from translate.translation.py_java_types import split_top
from translate.translation.py_js_types import Unsupported


def without_defaults(fn: ast.FunctionDef) -> tuple[ast.FunctionDef, list[object]]:
    """``fn`` with its defaults taken off, and their values (the last parameters'); :class:`Unsupported` for a
    default that is not a literal number, string or bool."""
    values = []
    for d in fn.args.defaults:
        if not isinstance(d, ast.Constant) or not isinstance(d.value, (bool, int, float, str)):
            raise Unsupported("a default that is not a literal number, string or bool")
        values.append(d.value)
    if not values:
        return fn, []
    bare = copy.deepcopy(fn)
    bare.args.defaults = []
    return bare, values


def full_declaration(declared: str, name: str, count: int) -> str:
    """The line of ``declared`` that declares ``name`` with ``count`` parameters (``translate repo`` declares
    the full header and then one per default: the rule writes the full one); ``declared`` where no one line does."""
    for line in declared.split("\n"):
        line = line.split("  //")[0]
        found = declared_types(declared_header(line, name), name) if re.search(rf"\b{name}\s*\(", line) else None
        if found is not None and len(found[1]) == count:
            return line
    return declared


def _literal(value: object, java_type: str) -> str:
    t = java_type.strip()
    if isinstance(value, bool):
        if t not in ("boolean", "Boolean"):
            raise Unsupported(f"a bool default for a {t}")
        return "true" if value else "false"
    if isinstance(value, int) and t in ("long", "Long", "int", "Integer"):
        return f"{value}L" if t in ("long", "Long") else str(value)
    if isinstance(value, (int, float)) and t in ("double", "Double"):
        text = repr(float(value))
        return text if "inf" not in text and "nan" not in text else "Double.NaN"
    if isinstance(value, str) and t == "String":
        return str_literal(value)
    if isinstance(value, str) and t in ("char", "Character") and len(value) == 1:
        return char_literal(value)
    raise Unsupported(f"a default {value!r} for a {t}")


def overloads(lines: list[str], name: str, defaults: list[object]) -> list[str]:
    """One overload per trailing default of the written function ``name`` (``lines``: its Java, header first
    after its comment), each calling it with the defaults' values."""
    head = next((ln for ln in lines if ln.startswith("public static ") and f" {name}(" in ln), None)
    if head is None or not defaults:
        return []
    before, _, rest = head.partition(f" {name}(")
    ret = before[len("public static "):]
    params = [p.rsplit(" ", 1) for p in split_top(rest[:rest.rindex(")")])]
    out: list[str] = []
    for cut in range(len(params) - 1, len(params) - len(defaults) - 1, -1):
        values = [_literal(v, params[i][0]) for i, v in zip(range(cut, len(params)),
                                                             defaults[len(defaults) - (len(params) - cut):],
                                                             strict=True)]
        call = f"{name}({', '.join([p[1] for p in params[:cut]] + values)})"
        out += ["", f"public static {ret} {name}({', '.join(' '.join(p) for p in params[:cut])}) {{",
                f"    {'return ' if ret != 'void' else ''}{call};", "}"]
    return out


__all__ = ["full_declaration", "overloads", "without_defaults"]
