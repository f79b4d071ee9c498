"""Subscripts and slices of the Python -> JavaScript rule: a dict's item is ``d.get(k)`` (a ``Map``), an index
that may count from the end is ``.at(i)``, a slice is ``.slice(lo, hi)`` (JavaScript's takes negative bounds as
Python's does), ``[::-1]`` reverses a copy."""
from __future__ import annotations

import ast

from translate.translation.py_js_exprs import ATOM, E, Exprs, par
from translate.translation.py_js_types import ANY, SEQUENCES, Ty, Unsupported, elem, known


def subscript(w: Exprs, node: ast.Subscript) -> E:
    box = w.js(node.value)
    kind = known(box.ty, "a subscript").kind
    if isinstance(node.slice, ast.Slice):
        return slice_of(w, box, node.slice)
    if kind == "dict":
        key = w.js(node.slice)
        return E(f"{par(box, ATOM)}.get({key.code})", ATOM, box.ty.args[1] if len(box.ty.args) == 2 else ANY)
    if kind not in (*SEQUENCES, "str"):
        raise Unsupported(f"a subscript of {box.ty}")
    if kind == "tuple" and box.ty.args and isinstance(node.slice, ast.Constant) \
            and isinstance(node.slice.value, int) and -len(box.ty.args) <= node.slice.value < len(box.ty.args):
        item = box.ty.args[node.slice.value]
    else:
        item = elem(box.ty)
    return E(index(w, box, node.slice), ATOM, item)

def index(w: Exprs, box: E, index: ast.expr) -> str:
    """``box[index]``: ``.at(i)`` where the index may count from the end."""
    i = w.js(index)
    if known(i.ty, "an index").kind not in ("int", "bool"):
        raise Unsupported(f"an index of type {i.ty}")
    if w.nonnegative(index):
        return f"{par(box, ATOM)}[{i.code}]"
    return f"{par(box, ATOM)}.at({i.code})"

def slice_of(w: Exprs, box: E, s: ast.Slice) -> E:
    if box.ty.kind not in (*SEQUENCES, "str"):
        raise Unsupported(f"a slice of {box.ty}")
    step = None if s.step is None else s.step
    lo = None if s.lower is None else w.js(s.lower)
    hi = None if s.upper is None else w.js(s.upper)
    out_ty = box.ty if box.ty.kind != "tuple" else Ty("list", (elem(box.ty),))
    if step is not None:
        if not (isinstance(step, ast.UnaryOp) and isinstance(step.op, ast.USub)
                and isinstance(step.operand, ast.Constant) and step.operand.value == 1) \
                and not (isinstance(step, ast.Constant) and isinstance(step.value, int) and step.value > 0):
            raise Unsupported("a slice with a computed step")
        if lo is not None or hi is not None:
            raise Unsupported("a slice with both bounds and a step")
        spread = f"[...{par(box, ATOM)}]"
        if isinstance(step, ast.UnaryOp):
            out = f"{spread}.reverse()"
        else:
            out = f"{spread}.filter((_, i) => i % {step.value!r} === 0)"
        return E(out + (".join('')" if box.ty.kind == "str" else ""), ATOM, out_ty)
    args = [lo.code if lo else "0"] + ([hi.code] if hi else [])
    if args == ["0"]:
        return E(f"{par(box, ATOM)}.slice()", ATOM, out_ty)
    return E(f"{par(box, ATOM)}.slice({', '.join(args)})", ATOM, out_ty)
