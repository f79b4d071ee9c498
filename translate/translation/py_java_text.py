"""Python's ``str.title`` and ``str.capitalize`` in Java, for the Python -> Java rule (:mod:`py_java_methods`).

``title`` upper-cases a letter that follows no letter and lower-cases the others (``"they're 3rd"`` ->
``"They'Re 3Rd"``: Python's word boundary is any character without case, digits and apostrophes too);
``capitalize`` upper-cases the first character and lower-cases the rest. Both are written as a loop before the
statement (a ``StringBuilder``), as ``swapcase`` is; a character's are a string's of one character.
"""
from __future__ import annotations

import ast

from translate.translation.py_cpp_exprs import E, par
from translate.translation.py_js_exprs import ATOM
from translate.translation.py_js_types import STR, Unsupported


def _text(x, recv: E) -> str:
    return f"String.valueOf({recv.code})" if recv.ty.kind == "char" else par(recv, ATOM)


def _repeatable(node: ast.expr) -> bool:
    """A name, or a match's ``group`` of a constant (``m.group(1)``): the same value read twice, nothing run."""
    if isinstance(node, ast.Name):
        return True
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "group" \
        and isinstance(node.func.value, ast.Name) and all(isinstance(a, ast.Constant) for a in node.args) \
        and not node.keywords


def title(x, node, recv: E, args) -> E:
    if args:
        raise Unsupported("str.title with arguments")
    b, c, prev = x.tmp("b"), x.tmp("c"), x.tmp("cased")
    x.pre += [f"StringBuilder {b} = new StringBuilder();", f"boolean {prev} = false;",
              f"for (char {c} : {_text(x, recv)}.toCharArray()) {{ {b}.append({prev} ? Character.toLowerCase({c}) : "
              f"Character.toUpperCase({c})); {prev} = Character.isLetter({c}); }}"]
    return E(f"{b}.toString()", ATOM, STR)


def capitalize(x, node, recv: E, args) -> E:
    if args:
        raise Unsupported("str.capitalize with arguments")
    if _repeatable(node.func.value):  # read twice: no temporary (a lambda's body has no statements)
        s = _text(x, recv)
    else:
        s = x.tmp("s")
        x.pre.append(f"String {s} = {_text(x, recv)};")
    return E(f"({s}.isEmpty() ? {s} : {s}.substring(0, 1).toUpperCase() + {s}.substring(1).toLowerCase())", ATOM, STR)


__all__ = ["capitalize", "title"]
