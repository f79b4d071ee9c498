"""Comparisons of the Python -> JavaScript rule: ``==`` is ``===`` on primitives and compares lists by value
(their JSON); ``in`` is ``includes``/``has``; ``is None`` is ``== null`` (a function that returned nothing is None
too); chained comparisons are ``&&`` of their parts; ``x % k == 0`` keeps JavaScript's plain ``%`` (zero exactly
where Python's is)."""
from __future__ import annotations

import ast

from translate.translation.py_js_exprs import AND, ATOM, EQ, MUL, REL, UNARY, E, Exprs, par, pure
from translate.translation.py_js_types import (
    BOOL,
    FLOAT,
    INT,
    PRIMITIVES,
    SEQUENCES,
    SIZED,
    Ty,
    Unsupported,
    is_num,
    known,
)

_ORDER = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}


def compare(w: Exprs, node: ast.Compare) -> E:
    if len(node.ops) > 1:
        if not all(pure(c) for c in node.comparators[:-1]):
            raise Unsupported("a chained comparison of computed values")
        parts = [compare(w, ast.Compare(left=left, ops=[op], comparators=[right]))
                 for left, op, right in zip([node.left, *node.comparators], node.ops, node.comparators)]
        return E(" && ".join(par(p, AND + 1) for p in parts), AND, BOOL)
    op, a, b = node.ops[0], _zero_test(w, node) or w.js(node.left), w.js(node.comparators[0])
    if isinstance(op, (ast.In, ast.NotIn)):
        return contains(w, a, b, isinstance(op, ast.NotIn))
    if isinstance(op, (ast.Is, ast.IsNot)):
        if not (isinstance(node.comparators[0], ast.Constant) and node.comparators[0].value is None):
            raise Unsupported("`is` with something other than None")
        return E(f"{par(a, EQ)} {'===' if isinstance(op, ast.Is) else '!=='} null", EQ, BOOL)
    if isinstance(op, (ast.Eq, ast.NotEq)):
        sym = "===" if isinstance(op, ast.Eq) else "!=="
        right = node.comparators[0]
        if isinstance(right, (ast.List, ast.Tuple)) and not right.elts and a.ty.kind in SEQUENCES:
            return E(f"{par(a, ATOM)}.length {sym} 0", EQ, BOOL)
        if a.ty.kind == "none" or b.ty.kind == "none" or (a.ty.kind in PRIMITIVES and b.ty.kind in PRIMITIVES):
            if "bool" in (a.ty.kind, b.ty.kind) and a.ty.kind != b.ty.kind:
                raise Unsupported("a bool compared with a number")
            if a.ty.kind == "none" or b.ty.kind == "none":
                sym = sym[:2]  # null == undefined: a function that returned nothing is None too
            return E(f"{par(a, EQ)} {sym} {par(b, EQ + 1)}", EQ, BOOL)
        if a.ty.kind in SEQUENCES and b.ty.kind in SEQUENCES and (flat(a.ty) or flat(b.ty)) \
                and "dict" not in str(a.ty) + str(b.ty) and "set" not in str(a.ty) + str(b.ty):
            return E(f"JSON.stringify({a.code}) {sym} JSON.stringify({b.code})", EQ, BOOL)
        raise Unsupported(f"== on {a.ty} and {b.ty}")
    for side in (a, b):
        if side.ty.kind not in ("int", "float", "bool", "str"):
            raise Unsupported(f"an order comparison of {side.ty}")
    if (a.ty.kind == "str") != (b.ty.kind == "str"):
        raise Unsupported("a string ordered against a number")
    sym = _ORDER[type(op)]
    return E(f"{par(a, REL)} {sym} {par(b, REL + 1)}", REL, BOOL)


def _zero_test(w: Exprs, node: ast.Compare) -> E | None:
    """``x % k == 0`` (or ``!=``): JavaScript's ``%`` is zero exactly where Python's is, so it stays plain."""
    left, right = node.left, node.comparators[0]
    if not (isinstance(node.ops[0], (ast.Eq, ast.NotEq)) and isinstance(right, ast.Constant)
            and right.value == 0 and not isinstance(right.value, bool)
            and isinstance(left, ast.BinOp) and isinstance(left.op, ast.Mod)):
        return None
    a, b = w.js(left.left), w.js(left.right)
    if not (is_num(a.ty) and is_num(b.ty)):
        return None
    return E(f"{par(a, MUL)} % {par(b, MUL + 1)}", MUL, INT if a.ty == b.ty == INT else FLOAT)


def flat(t: Ty) -> bool:
    """An array whose JSON is its value (primitives, or arrays of them, all the way down)."""
    if t.kind in ("int", "str", "bool", "none"):
        return True
    if t.kind in SEQUENCES:
        return bool(t.args) and all(flat(a) for a in t.args)
    return False


def contains(w: Exprs, item: E, box: E, negate: bool) -> E:
    kind = known(box.ty, "`in`").kind
    if kind in SIZED:
        w.hashable(item.ty, "a lookup")
        code = f"{par(box, ATOM)}.has({item.code})"
    elif kind == "str":
        code = f"{par(box, ATOM)}.includes({item.code})"
    elif kind in SEQUENCES:
        if item.ty.kind not in PRIMITIVES:
            raise Unsupported(f"`in` of a {item.ty} in a list (JavaScript compares it by identity)")
        code = f"{par(box, ATOM)}.includes({item.code})"
    else:
        raise Unsupported(f"`in` on {box.ty}")
    return E("!" + code, UNARY, BOOL) if negate else E(code, ATOM, BOOL)
