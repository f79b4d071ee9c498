"""Subscripts and slices in C++, for the Python -> C++ rule (:mod:`py_cpp_exprs`).

``xs[i]`` counts from the end where ``i`` may be negative, a string's item is a ``char``, a tuple's item is
``std::get<k>`` (a constant ``k``), a dict's item is ``at`` (a missing key raises, as Python's ``KeyError``);
a slice clamps its bounds as Python does (``s[5:]`` of a short string is empty, not an exception), ``[::-1]``
is a reversed copy, ``[::k]`` takes every k-th item.
"""
from __future__ import annotations

import ast

from translate.translation.py_cpp_exprs import E, par
from translate.translation.py_cpp_types import CHAR
from translate.translation.py_js_exprs import ADD, ATOM, pure
from translate.translation.py_js_types import STR, Ty, Unsupported, elem, known


def subscript(x, node: ast.Subscript) -> E:
    box = x.cpp(node.value)
    kind = known(box.ty, "a subscript").kind
    if isinstance(node.slice, ast.Slice):
        return _slice(x, node, box)
    if kind == "dict":
        key = x.cpp(node.slice)
        return E(f"{par(box, ATOM)}.at({x.value(key, box.ty.args[0])})", ATOM, box.ty.args[1])
    if kind == "tuple":
        k = node.slice
        if isinstance(k, ast.UnaryOp) and isinstance(k.op, ast.USub) and isinstance(k.operand, ast.Constant):
            k = ast.Constant(-k.operand.value)
        if not (isinstance(k, ast.Constant) and isinstance(k.value, int) and -len(box.ty.args) <= k.value
                < len(box.ty.args)):
            raise Unsupported("a tuple indexed by a computed index")
        i = k.value % len(box.ty.args)
        return E(f"std::get<{i}>({box.code})", ATOM, box.ty.args[i])
    if kind not in ("list", "str"):
        raise Unsupported(f"an item of a {box.ty}")
    item = CHAR if kind == "str" else elem(box.ty)
    return E(f"{par(box, ATOM)}[{index(x, node.value, node.slice, box)}]", ATOM, item)


def index(x, box_node: ast.expr, idx: ast.expr, box: E) -> str:
    """The C++ index of Python's ``box[idx]``: counted from the end where it may be negative."""
    i = x.cpp(idx)
    if i.ty.kind not in ("int", "bool"):
        raise Unsupported(f"an index of type {i.ty}")
    if x.nonnegative(idx):
        return i.code
    if not pure(box_node):
        raise Unsupported("a possibly negative index into a computed value")
    size = f"static_cast<long long>({par(box, ATOM)}.size())"
    if isinstance(idx, ast.UnaryOp) and isinstance(idx.op, ast.USub) and isinstance(idx.operand, ast.Constant):
        return f"{size} - {idx.operand.value}"
    if not pure(idx):
        raise Unsupported("a computed index that may be negative")
    return f"{par(i, 12)} < 0 ? {size} + {par(i, ADD + 1)} : {i.code}"


def _slice(x, node: ast.Subscript, box: E) -> E:
    s = node.slice
    assert isinstance(s, ast.Slice)
    kind = box.ty.kind
    if kind not in ("list", "str"):
        raise Unsupported(f"a slice of a {box.ty}")
    t = "std::string" if kind == "str" else x.t(box.ty)
    ty = STR if kind == "str" else box.ty
    step = None
    if s.step is not None:
        if isinstance(s.step, ast.UnaryOp) and isinstance(s.step.op, ast.USub) \
                and isinstance(s.step.operand, ast.Constant) and s.step.operand.value == 1:
            step = -1
        elif isinstance(s.step, ast.Constant) and isinstance(s.step.value, int) and s.step.value > 0:
            step = s.step.value
        else:
            raise Unsupported("a slice with a computed or negative step")
    v = x.tmp("v")
    bind = f"const auto& {v} = {box.code};"
    if step == -1:
        if s.lower is not None or s.upper is not None:
            raise Unsupported("a reversed slice with bounds")
        if isinstance(node.value, ast.Name):
            return E(f"{t}({box.code}.rbegin(), {box.code}.rend())", ATOM, ty)
        return E(x.iife(f"{bind} return {t}({v}.rbegin(), {v}.rend());").code, ATOM, ty)
    short = _one_bound(x, node, box, t, step)
    if short is not None:
        return E(short, ATOM, ty)
    n, a, b = x.tmp("n"), x.tmp("a"), x.tmp("b")
    lines = [bind, f"const long long {n} = static_cast<long long>({v}.size());"]
    for name, bound, default in ((a, s.lower, "0"), (b, s.upper, n)):
        if bound is None:
            lines.append(f"long long {name} = {default};")
            continue
        e = x.cpp(bound)
        if e.ty.kind not in ("int", "bool"):
            raise Unsupported(f"a slice bound of type {e.ty}")
        lines.append(f"long long {name} = {e.code};")
        if not x.nonnegative(bound):
            lines.append(f"if ({name} < 0) {name} += {n};")
        lines.append(f"{name} = std::clamp({name}, 0LL, {n});")
    if step is None or step == 1:
        lines.append(f"if ({b} < {a}) {b} = {a};")
        lines.append(f"return {t}({v}.begin() + {a}, {v}.begin() + {b});")
    else:
        r, i = x.tmp("r"), x.tmp("i")
        add = f"{r} += {v}[{i}];" if kind == "str" else f"{r}.push_back({v}[{i}]);"
        lines.append(f"{t} {r}; for (long long {i} = {a}; {i} < {b}; {i} += {step}) {add} return {r};")
    return E(x.iife(" ".join(lines)).code, ATOM, ty)


def _one_bound(x, node: ast.Subscript, box: E, t: str, step: int | None) -> str | None:
    """``s[k:]`` or ``s[:k]`` of a name with ``k`` never negative, without the general slice's lambda."""
    s = node.slice
    assert isinstance(s, ast.Slice)
    if step not in (None, 1) or not isinstance(node.value, ast.Name) or (s.lower is None) == (s.upper is None):
        return None
    bound = s.lower if s.lower is not None else s.upper
    if bound is None or not x.nonnegative(bound):
        return None
    k = x.cpp(bound)
    if k.ty.kind != "int":
        return None
    v = box.code
    at = f"std::min<long long>({k.code}, static_cast<long long>({v}.size()))"
    if box.ty.kind == "str":
        return f"{v}.substr({k.code})" if isinstance(bound, ast.Constant) and bound.value == 0 else \
            f"{v}.substr(0, {k.code})" if s.upper is not None else f"{v}.substr({at})"
    return f"{t}({v}.begin(), {v}.begin() + {at})" if s.upper is not None else f"{t}({v}.begin() + {at}, {v}.end())"


def store_target(x, node: ast.Subscript) -> tuple[str, Ty]:
    """(C++ lvalue, the item's type) of ``box[i] = ...``: a list's item or a dict's entry."""
    if isinstance(node.slice, ast.Slice):
        raise Unsupported("an assignment to a slice")
    box = x.cpp(node.value)
    kind = known(box.ty, "an item assignment").kind
    if kind == "dict":
        key = x.cpp(node.slice)
        return f"{par(box, ATOM)}[{x.value(key, box.ty.args[0])}]", box.ty.args[1]
    if kind == "list":
        return f"{par(box, ATOM)}[{index(x, node.value, node.slice, box)}]", elem(box.ty)
    raise Unsupported(f"an item assignment to a {box.ty}")
