"""Python's ``re`` in Java on the project's class ``re`` (translate/project/templates/re.java), for the Python ->
Java rule (:mod:`py_java_rule`).

``translate repo`` gives a Python project that imports ``re`` a Java class of that name with Python's API: its
patterns are Python's (``(?i)``, ``\\Z``, named groups), its replacements take ``\\1``. Where the unit's module has
it (``JavaExprs.shims``), a call is written as the same call on the class, so nothing of the pattern's or the
replacement's syntax is translated: ``re.search``/``match``/``fullmatch`` give a ``re.Match`` or ``null`` (false
as a condition, as Python's None), ``re.sub`` a ``String`` (a string replacement only: a function stays the
model's), ``re.split`` a ``List<String>``, ``re.escape`` a ``String``; the flags are the class's ``int``
constants. Keywords, compiled patterns and ``findall`` (a list of strings or of tuples) stay the model's.
"""
from __future__ import annotations

import ast

from translate.translation.py_cpp_exprs import E, par
from translate.translation.py_js_exprs import ATOM, UNARY
from translate.translation.py_js_types import STR, Ty, Unsupported, list_of

MATCH = Ty("opt", (Ty("match"),))  # a re.Match or null
_FLAGS = {"IGNORECASE", "I", "MULTILINE", "M", "DOTALL", "S", "VERBOSE", "X", "UNICODE", "U", "ASCII", "A"}
# name -> (the types of its arguments in order: "s" a string, "i" an int; the fewest it takes), its result
_CALLS: dict[str, tuple[str, int, Ty]] = {
    "search": ("ssi", 2, MATCH), "match": ("ssi", 2, MATCH), "fullmatch": ("ss", 2, MATCH),
    "sub": ("sssii", 3, STR), "split": ("ssi", 2, list_of(STR)), "escape": ("s", 1, STR),
}


def result_type(module: str, name: str) -> Ty:
    """What ``module.name(...)`` gives, for the typing of the function's locals (py_js_rule.PyFunction)."""
    if module != "re" or name not in _CALLS:
        raise Unsupported(f"{module}.{name}()")
    return _CALLS[name][2]


def call(x, module: str, name: str, node: ast.Call) -> E:
    """``re.name(...)`` as the project's class's call."""
    if module != "re" or name not in _CALLS:
        raise Unsupported(f"{module}.{name}()")
    kinds, fewest, result = _CALLS[name]
    if node.keywords or not fewest <= len(node.args) <= len(kinds):
        raise Unsupported(f"re.{name} with keywords or {len(node.args)} arguments")
    args = []
    for kind, arg in zip(kinds, node.args, strict=False):
        flags = _flags(x, arg) if kind == "i" else None
        if flags is not None:
            args.append(flags)
            continue
        e = x.java(arg)
        if kind == "s":
            e = x.string(e)
            if e.ty.kind != "str":
                raise Unsupported(f"re.{name} of a {e.ty} where a str is wanted")
            args.append(e.code)
        elif e.ty.kind == "int":
            args.append(e.code if x.widths.int_t == "int" else f"(int) {par(e, UNARY)}")
        else:
            raise Unsupported(f"re.{name} of a {e.ty} where an int is wanted")
    return E(f"re.{name}({', '.join(args)})", ATOM, result)


def _flags(x, node: ast.expr) -> str | None:
    """``re.I`` or ``re.I | re.M`` as the class's constants, None for another expression."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        a, b = _flags(x, node.left), _flags(x, node.right)
        return f"{a} | {b}" if a is not None and b is not None else None
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "re" \
            and "re" not in x.scope and node.attr in _FLAGS:
        return f"re.{node.attr}"
    return None


__all__ = ["MATCH", "call", "result_type"]
