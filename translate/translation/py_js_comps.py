"""Comprehensions and generator expressions of the Python -> JavaScript rule: array pipelines.

``[x * 2 for x in xs if x > 0]`` is ``xs.filter((x) => x > 0).map((x) => x * 2)``; a second ``for`` is a
``flatMap``; a set or dict comprehension wraps the array in ``new Set(...)``/``new Map(...)``. What a ``for``
iterates becomes an array first (:func:`as_array`): a string's characters, a set's members, a dict's keys.
"""
from __future__ import annotations

import ast

from translate.translation.py_js_exprs import ARROW, ATOM, E, Exprs, par
from translate.translation.py_js_types import ANY, Ty, Unsupported, elem, known, list_of


def as_array(v: E) -> E:
    """``v`` as a JavaScript array of what iterating it in Python gives."""
    kind = known(v.ty, "what is iterated").kind
    if kind in ("list", "tuple"):
        return v
    if kind in ("str", "set"):
        return E(f"[...{par(v, ATOM)}]", ATOM, list_of(elem(v.ty)))
    if kind == "dict":
        return E(f"[...{par(v, ATOM)}.keys()]", ATOM, list_of(elem(v.ty)))
    raise Unsupported(f"iterating a {v.ty}")


def bind_target(w: Exprs, target: ast.expr, ty: Ty) -> str:
    """Bind a ``for`` target in ``w`` (a name or a tuple of names): the JavaScript parameter pattern."""
    if isinstance(target, ast.Name):
        return w.bind(target.id, ty)
    if isinstance(target, ast.Tuple):
        names = [t.id for t in target.elts if isinstance(t, ast.Name)]
        if len(names) != len(target.elts):
            raise Unsupported("a for target that is not names")
        parts = ty.args if ty.kind == "tuple" and len(ty.args) == len(target.elts) else (
            (elem(ty),) * len(target.elts) if ty.kind == "list" else (ANY,) * len(target.elts))
        return "[" + ", ".join(w.bind(t, p) for t, p in zip(names, parts, strict=True)) + "]"
    raise Unsupported("a for target that is not names")


def comprehension(w: Exprs, node: ast.ListComp | ast.GeneratorExp | ast.SetComp | ast.DictComp) -> E:
    inner = w.child()
    steps: list[tuple[str, str, list[str]]] = []  # (array, parameter, conditions)
    for gen in node.generators:
        if gen.is_async:
            raise Unsupported("an async comprehension")
        src = as_array(inner.js(gen.iter))
        param = bind_target(inner, gen.target, elem(src.ty))
        conds = [par(inner.truth(c), ARROW) for c in gen.ifs]
        steps.append((par(src, ATOM), param, conds))
    if isinstance(node, ast.DictComp):
        k, v = inner.js(node.key), inner.js(node.value)
        w.hashable(k.ty, "a dict")
        value, vty = E(f"[{par(k, ARROW)}, {par(v, ARROW)}]", ATOM, Ty("tuple", (k.ty, v.ty))), Ty("dict", (k.ty, v.ty))
    else:
        value = inner.js(node.elt)
        vty = list_of(value.ty)
    code = _chain(steps, value)
    if isinstance(node, ast.SetComp):
        w.hashable(value.ty, "a set")
        return E(f"new Set({code})", ATOM, Ty("set", (value.ty,)))
    if isinstance(node, ast.DictComp):
        return E(f"new Map({code})", ATOM, vty)
    return E(code, ATOM, vty)


def _chain(steps: list[tuple[str, str, list[str]]], value: E) -> str:
    array, param, conds = steps[0]
    out = array
    for cond in conds:
        out += f".filter(({param}) => {cond})"
    if len(steps) > 1:
        return out + f".flatMap(({param}) => {_chain(steps[1:], value)})"
    if value.code != param:
        body = value.code if not value.code.startswith("{") else f"({value.code})"
        out += f".map(({param}) => {par(E(body, value.prec, value.ty), ARROW)})"
    elif out == array and not array.startswith("[..."):
        out += ".slice()"  # [x for x in xs]: a new list
    return out
