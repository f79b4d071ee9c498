"""Python's ``re`` in Java on the project's class ``re`` (translate/project/templates/re.java), for the Python ->
Java rule (:mod:`py_java_rule`).

``translate repo`` gives a Python project that imports ``re`` a Java class of that name with Python's API: its
patterns are Python's (``(?i)``, ``\\Z``, named groups), its replacements take ``\\1``. Where the unit's module has
it (``JavaExprs.shims``), a call is written as the same call on the class, so nothing of the pattern's or the
replacement's syntax is translated: ``re.search``/``match``/``fullmatch`` give a ``re.Match`` or ``null`` (false
as a condition, as Python's None), ``re.sub`` a ``String`` (its replacement a string, or a lambda of the match
written as a ``Function<re.Match, String>``: ``m.group(1)``), ``re.split`` a ``List<String>``, ``re.escape`` a
``String``; the flags are the class's ``int`` constants. Keywords, compiled patterns and ``findall`` (a list of
strings or of tuples) stay the model's.
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
    for i, (kind, arg) in enumerate(zip(kinds, node.args, strict=False)):
        if name == "sub" and i == 1 and isinstance(arg, ast.Lambda):
            args.append(_replacer(x, arg))
            continue
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


def replacer(node: ast.AST, fn: ast.AST, shims: frozenset[str]) -> bool:
    """Whether ``node`` is a lambda given as ``re.sub``'s replacement (one parameter, the match), which
    :func:`call` writes as a ``Function<re.Match, String>``."""
    return isinstance(node, ast.Lambda) and "re" in shims and len(node.args.args) == 1 and not (
        node.args.defaults or node.args.vararg or node.args.kwarg or node.args.kwonlyargs) and any(
        isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute) and c.func.attr == "sub"
        and isinstance(c.func.value, ast.Name) and c.func.value.id == "re" and len(c.args) >= 2 and c.args[1] is node
        for c in ast.walk(fn))


def _replacer(x, node: ast.Lambda) -> str:
    """``lambda m: m.group(1).upper()`` as ``(re.Match m) -> m.group(1).toUpperCase()``: an expression of its
    match only (Java's lambda sees only effectively final names; one needing statements stays the model's)."""
    param = node.args.args[0].arg
    if any(isinstance(n, ast.Name) and n.id != param for n in ast.walk(node.body)) \
            or any(isinstance(n, ast.Lambda) for n in ast.walk(node.body)):
        raise Unsupported("a replacement function reading names other than its match")
    inner = x.child(pre=[])
    name = inner.bind(param, Ty("match"))
    body = inner.string(inner.java(node.body))
    if inner.pre or body.ty.kind != "str":
        raise Unsupported("a replacement function that needs statements or gives no str")
    return f"(re.Match {name}) -> {body.code}"


def match_method(x, node: ast.Call, recv: E) -> E:
    """``m.group()``, ``m.group(1)``, ``m.group("name")`` of a match: the class's ``group`` (a str; None where
    the group did not take part: ``null``, on which the Java's next call throws as Python's does)."""
    attr = node.func.attr if isinstance(node.func, ast.Attribute) else ""
    if attr != "group" or len(node.args) > 1:
        raise Unsupported(f"the match method .{attr}")
    if not node.args:
        return E(f"{par(recv, ATOM)}.group()", ATOM, STR)
    arg = node.args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, int) and not isinstance(arg.value, bool):
        return E(f"{par(recv, ATOM)}.group({arg.value})", ATOM, STR)
    e = x.java(arg)
    if e.ty.kind != "str":
        raise Unsupported("a match group by a computed number")
    return E(f"{par(recv, ATOM)}.group({e.code})", ATOM, STR)


def _flags(x, node: ast.expr) -> str | None:
    """``re.I`` or ``re.I | re.M`` as the class's constants, None for another expression."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        a, b = _flags(x, node.left), _flags(x, node.right)
        return f"{a} | {b}" if a is not None and b is not None else None
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "re" \
            and "re" not in x.scope and node.attr in _FLAGS:
        return f"re.{node.attr}"
    return None


__all__ = ["MATCH", "call", "match_method", "replacer", "result_type"]
