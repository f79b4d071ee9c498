"""Subscripts and slices in Java, for the Python -> Java rule (:mod:`py_java_exprs`).

``xs[i]`` counts from the end where ``i`` may be negative; a string's item is a ``char`` (``charAt``), a list's
is unboxed where it is read; a dict's item is ``get`` (a missing key gives ``null``: unboxing it throws, where
Python raises ``KeyError``; a missing ``String`` item is refused where it cannot be told). A slice clamps its
bounds as Python does (computed before the statement: ``substring`` and ``subList`` of the clamped bounds), a
``[::-1]`` is a reversed copy, ``[::k]`` takes every k-th item.
"""
from __future__ import annotations

import ast

from translate.translation.py_cpp_exprs import E, par
from translate.translation.py_cpp_types import CHAR, py
from translate.translation.py_js_exprs import ADD, ATOM, COND, REL, UNARY, pure
from translate.translation.py_js_types import STR, Unsupported, elem, known


def _size(box: E) -> str:
    return f"{par(box, ATOM)}.{'length' if box.ty.kind == 'str' else 'size'}()"


def subscript(x, node: ast.Subscript) -> E:
    box = x.java(node.value)
    kind = known(box.ty, "a subscript").kind
    if isinstance(node.slice, ast.Slice):
        return _slice(x, node, box)
    if kind == "dict" and len(box.ty.args) == 2:
        key = x.java(node.slice)
        if box.ty.args[1].kind not in ("int", "float", "bool"):
            raise Unsupported("a dict's item that is not a number (a missing key would not raise)")
        return x.unboxed(f"{par(box, ATOM)}.get({x.value(key, box.ty.args[0], boxed=True)})", box.ty.args[1])
    if kind not in ("list", "str"):
        raise Unsupported(f"an item of a {box.ty}")
    box_node = node.value
    if not pure(box_node) and not x.nonnegative(node.slice):  # the box read once, before the statement
        v = x.tmp("v")
        x.pre.append(f"{x.t(py(box.ty))} {v} = {box.code};")
        box, box_node = E(v, ATOM, box.ty), ast.Name(v, ast.Load())
    at = index(x, box_node, node.slice, box)
    if kind == "str":
        return E(f"{par(box, ATOM)}.charAt({at})", ATOM, CHAR)
    return x.unboxed(f"{par(box, ATOM)}.get({at})", py(elem(box.ty)))


def index(x, box_node: ast.expr, idx: ast.expr, box: E) -> str:
    """The Java ``int`` index of Python's ``box[idx]``: counted from the end where it may be negative."""
    if isinstance(idx, ast.Constant) and type(idx.value) is int and 0 <= idx.value < 2 ** 31:
        return str(idx.value)
    i = x.num(x.java(idx))
    if i.ty.kind != "int":
        raise Unsupported(f"an index of type {i.ty}")
    as_int = i.code if x.widths.int_t == "int" else f"(int) {par(i, UNARY)}"
    if x.nonnegative(idx):
        return as_int
    if not pure(box_node):
        raise Unsupported("a possibly negative index into a computed value")
    if isinstance(idx, ast.UnaryOp) and isinstance(idx.op, ast.USub) and isinstance(idx.operand, ast.Constant):
        return f"{_size(box)} - {idx.operand.value}"
    if not pure(idx):
        raise Unsupported("a computed index that may be negative")
    return f"({as_int} < 0 ? {_size(box)} + {par(E(as_int, UNARY, i.ty), ADD + 1)} : {as_int})"


def _step(s: ast.Slice) -> int | None:
    if s.step is None:
        return None
    if isinstance(s.step, ast.UnaryOp) and isinstance(s.step.op, ast.USub) \
            and isinstance(s.step.operand, ast.Constant) and s.step.operand.value == 1:
        return -1
    if isinstance(s.step, ast.Constant) and isinstance(s.step.value, int) and s.step.value > 0:
        return s.step.value
    raise Unsupported("a slice with a computed or negative step")


def _slice(x, node: ast.Subscript, box: E) -> E:
    s = node.slice
    assert isinstance(s, ast.Slice)
    kind = box.ty.kind
    if kind not in ("list", "str"):
        raise Unsupported(f"a slice of a {box.ty}")
    ty = STR if kind == "str" else box.ty
    step = _step(s)
    if isinstance(node.value, ast.Name):
        v = box.code
    else:
        v = x.tmp("v")
        x.pre.append(f"{x.t(py(box.ty))} {v} = {box.code};")
    vb = E(v, ATOM, box.ty)
    if step == -1:
        if s.lower is not None or s.upper is not None:
            raise Unsupported("a reversed slice with bounds")
        if kind == "str":
            return E(f"new StringBuilder({v}).reverse().toString()", ATOM, STR)
        r = x.tmp("r")
        x.pre += [f"{x.t(ty)} {r} = {x.widths.new(ty, v)};", f"Collections.reverse({r});"]
        return E(r, ATOM, ty)
    bounds = []
    for bound, default in ((s.lower, "0"), (s.upper, _size(vb))):
        if bound is None:
            bounds.append(default)
            continue
        e = x.num(x.java(bound))
        if e.ty.kind != "int":
            raise Unsupported(f"a slice bound of type {e.ty}")
        code = e.code if x.widths.int_t == "int" else f"(int) {par(e, UNARY)}"
        if isinstance(bound, ast.Constant) and bound.value == 0:
            bounds.append("0")
            continue
        if isinstance(bound, ast.UnaryOp) and isinstance(bound.op, ast.USub) and isinstance(
                bound.operand, ast.Constant):
            bounds.append(f"Math.max(0, {_size(vb)} - {bound.operand.value})")
            continue
        if x.nonnegative(bound):
            bounds.append(f"Math.min({code}, {_size(vb)})")
            continue
        b = x.tmp("b")
        x.pre.append(f"int {b} = {code};")
        bounds.append(f"Math.max(0, Math.min({b} < 0 ? {b} + {_size(vb)} : {b}, {_size(vb)}))")
    lo, hi = bounds
    if step in (None, 1):
        if lo != "0" and s.upper is not None:
            a = x.tmp("a")
            x.pre.append(f"int {a} = {lo};")
            lo, hi = a, f"Math.max({a}, {hi})"
        if kind == "str":
            return E(f"{v}.substring({lo})" if s.upper is None else f"{v}.substring({lo}, {hi})", ATOM, STR)
        return E(x.widths.new(ty, f"{v}.subList({lo}, {hi})"), ATOM, ty)
    r, i = x.tmp("r"), x.tmp("i")
    if kind == "str":
        x.pre.append(f"StringBuilder {r} = new StringBuilder();")
        add = f"{r}.append({v}.charAt({i}));"
    else:
        x.pre.append(f"{x.t(ty)} {r} = {x.widths.new(ty)};")
        add = f"{r}.add({v}.get({i}));"
    x.pre.append(f"for (int {i} = {lo}; {i} < {hi}; {i} += {step}) {{ {add} }}")
    return E(f"{r}.toString()" if kind == "str" else r, ATOM, ty)


def store(x, node: ast.Subscript, value: ast.expr, op: str | None = None) -> str:
    """The statement of ``box[i] = value`` (``op``: ``+``, ``-``, ``*`` of an augmented assignment)."""
    if isinstance(node.slice, ast.Slice):
        raise Unsupported("an assignment to a slice")
    box = x.java(node.value)
    kind = known(box.ty, "an item assignment").kind
    if kind == "dict" and len(box.ty.args) == 2:
        key = x.value(x.java(node.slice), box.ty.args[0], boxed=True)
        item = box.ty.args[1]
        put = "put"
    elif kind == "list":
        key = index(x, node.value, node.slice, box)
        item = py(elem(box.ty))
        put = "set"
    else:
        raise Unsupported(f"an item assignment to a {box.ty}")
    if op is None:
        return f"{par(box, ATOM)}.{put}({key}, {x.value_of(value, item, boxed=True)});"
    if not pure(node.slice) or not pure(node.value) or item.kind not in ("int", "float", "str"):
        raise Unsupported("an augmented item assignment")
    old = subscript(x, node) if kind == "list" else x.unboxed(f"{par(box, ATOM)}.get({key})", item)
    v = x.num(x.java(value))
    if py(v.ty).kind != item.kind and not (item.kind == "float" and v.ty.kind == "int"):
        raise Unsupported(f"a {v.ty} added to a {item} item")
    level = 15 if op == "*" else ADD  # MUL or ADD
    whole = E(f"{par(old, level)} {op} {par(x.string(v) if item.kind == 'str' else v, level + 1)}", level, item)
    if item.kind == "int" and v.ty.kind == "float":
        raise Unsupported("an integer item given a float")
    return f"{par(box, ATOM)}.{put}({key}, {x.value(whole, item, boxed=True)});"


__all__ = ["subscript", "index", "store", "COND", "REL"]
