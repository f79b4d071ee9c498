"""Python's ``for`` headers and comprehensions in C++, for the Python -> C++ rule (:mod:`py_cpp_rule`).

``for i in range(a, b, k)`` is a counting loop whose bound is read once where the body could change it;
``enumerate`` and ``zip`` count over indexes; a string's characters are ``char``s; a tuple target reads each
part with ``std::get``. A dict is never iterated: ``std::map`` orders its keys, Python keeps the order they were
inserted in. A comprehension is a lambda called in place that fills a ``vector``, ``set`` or ``map``.
"""
from __future__ import annotations

import ast

from translate.translation.py_cpp_exprs import E, negate, par
from translate.translation.py_cpp_types import CHAR, py
from translate.translation.py_js_exprs import ATOM, REL, pure
from translate.translation.py_js_types import INT, Ty, Unsupported, elem, known


def _range_args(call: ast.Call) -> tuple[ast.expr, ast.expr, int]:
    args = call.args
    if call.keywords or not 1 <= len(args) <= 3:
        raise Unsupported("range with keywords or without arguments")
    start = args[0] if len(args) > 1 else ast.Constant(0)
    stop = args[1] if len(args) > 1 else args[0]
    step = 1
    if len(args) == 3:
        s = args[2]
        if isinstance(s, ast.UnaryOp) and isinstance(s.op, ast.USub) and isinstance(s.operand, ast.Constant):
            s = ast.Constant(-s.operand.value)
        if not (isinstance(s, ast.Constant) and isinstance(s.value, int) and s.value != 0):
            raise Unsupported("a range with a computed step")
        step = s.value
    return start, stop, step


def _is_call(node: ast.expr, name: str, x) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name \
        and name not in x.scope


def loop(x, target: ast.expr, iterable: ast.expr, changed: set[str]) -> tuple[list[str], str, list[str]]:
    """(lines before the loop, the ``for (...)`` header, declarations at the top of its body) of ``for target in
    iterable``; the target's names are bound in ``x`` (a child scope: they live in the loop). ``changed``: the
    names the loop's body assigns or changes."""
    if _is_call(iterable, "range", x):
        return _range(x, target, iterable, changed)
    if _is_call(iterable, "enumerate", x):
        return _enumerate(x, target, iterable, changed)
    if _is_call(iterable, "zip", x):
        return _zip(x, target, iterable, changed)
    seq = x.cpp(iterable)
    kind = known(seq.ty, "what a for loop iterates").kind
    if kind == "dict":
        raise Unsupported("iterating a dict (std::map orders its keys; Python keeps their insertion order)")
    if kind not in ("list", "str", "set", "tuple"):
        raise Unsupported(f"iterating a {seq.ty}")
    if any(isinstance(n, ast.Name) and n.id in changed for n in ast.walk(iterable)):
        raise Unsupported("a loop whose body changes what it iterates")
    if kind == "tuple":
        raise Unsupported("iterating a tuple")
    item = CHAR if kind == "str" else py(elem(seq.ty))
    if isinstance(target, ast.Name):
        name = x.bind(target.id, item)
        return [], f"for ({x.t(item)} {name} : {par(seq, ATOM)})", []
    p = x.tmp("p")
    return [], f"for (const auto& {p} : {par(seq, ATOM)})", unpack(x, target, p, item)


def unpack(x, target: ast.expr, source: str, ty: Ty) -> list[str]:
    """Declarations binding a (tuple) target to the value ``source`` of type ``ty``."""
    if isinstance(target, ast.Name):
        name = x.bind(target.id, ty)
        return [f"{x.t(ty)} {name} = {source};"]
    if not isinstance(target, ast.Tuple) or any(not isinstance(e, (ast.Name, ast.Tuple)) for e in target.elts):
        raise Unsupported("a loop target that is not a name or a tuple of names")
    if ty.kind == "tuple" and len(ty.args) == len(target.elts):
        parts = [(f"std::get<{i}>({source})", t) for i, t in enumerate(ty.args)]
    elif ty.kind == "list" and ty.args:
        parts = [(f"{source}[{i}]", ty.args[0]) for i in range(len(target.elts))]
    else:
        raise Unsupported(f"unpacking a {ty}")
    out = []
    for t, (code, part_ty) in zip(target.elts, parts, strict=True):
        out += unpack(x, t, code, part_ty)
    return out


def _range(x, target, call, changed) -> tuple[list[str], str, list[str]]:
    if not isinstance(target, ast.Name):
        raise Unsupported("a range loop over a tuple target")
    start, stop, step = _range_args(call)
    a, b = x.cpp(start), x.cpp(stop)
    for e in (a, b):
        if e.ty.kind not in ("int", "bool"):
            raise Unsupported(f"a range over a {e.ty}")
    before = []
    if not (isinstance(stop, ast.Constant) or isinstance(stop, ast.Name) and stop.id not in changed) and (
            not pure(stop) or any(isinstance(n, ast.Name) and n.id in changed for n in ast.walk(stop))):
        end = x.tmp("end")
        before.append(f"const long long {end} = {b.code};")
        b = E(end, ATOM, INT)
    name = x.bind(target.id, INT)
    if step > 0 and x.nonnegative(start):
        x.nonneg.add(target.id)
    else:
        x.nonneg.discard(target.id)
    cmp = "<" if step > 0 else ">"
    inc = "++" + name if step == 1 else "--" + name if step == -1 else \
        f"{name} += {step}" if step > 0 else f"{name} -= {-step}"
    return before, f"for (long long {name} = {a.code}; {name} {cmp} {par(b, REL + 1)}; {inc})", []


def _sequence(x, node: ast.expr, changed, before: list[str]) -> tuple[str, Ty]:
    """A name for the sequence ``node`` (bound before the loop when it is computed) and its items' type."""
    seq = x.cpp(node)
    kind = known(seq.ty, "a loop's sequence").kind
    if kind not in ("list", "str"):
        raise Unsupported(f"enumerate or zip over a {seq.ty}")
    if any(isinstance(n, ast.Name) and n.id in changed for n in ast.walk(node)):
        raise Unsupported("a loop whose body changes what it iterates")
    if isinstance(node, ast.Name):
        code = seq.code
    else:
        code = x.tmp("s")
        before.append(f"const {x.t(py(seq.ty))} {code} = {seq.code};")
    return code, CHAR if kind == "str" else py(elem(seq.ty))


def _enumerate(x, target, call, changed) -> tuple[list[str], str, list[str]]:
    if call.keywords or len(call.args) not in (1, 2) or not (
            isinstance(target, ast.Tuple) and len(target.elts) == 2 and isinstance(target.elts[0], ast.Name)):
        raise Unsupported("an enumerate this rule does not write")
    before: list[str] = []
    seq, item = _sequence(x, call.args[0], changed, before)
    k = x.tmp("k")
    inside = []
    if len(call.args) == 2:
        first = x.cpp(call.args[1])
        name = x.bind(target.elts[0].id, INT)
        inside.append(f"const long long {name} = {k} + {par(first, 14)};")
    else:
        k = x.bind(target.elts[0].id, INT)
        x.nonneg.add(target.elts[0].id)
    inside += unpack(x, target.elts[1], f"{seq}[{k}]", item)
    return before, f"for (long long {k} = 0; {k} < static_cast<long long>({seq}.size()); ++{k})", inside


def _zip(x, target, call, changed) -> tuple[list[str], str, list[str]]:
    if call.keywords or len(call.args) < 2 or not (
            isinstance(target, ast.Tuple) and len(target.elts) == len(call.args)):
        raise Unsupported("a zip this rule does not write")
    before: list[str] = []
    seqs = [_sequence(x, a, changed, before) for a in call.args]
    k = x.tmp("k")
    size = f"{seqs[0][0]}.size()"
    for s, _ in seqs[1:]:
        size = f"std::min({size}, {s}.size())"
    inside = []
    for t, (s, item) in zip(target.elts, seqs, strict=True):
        inside += unpack(x, t, f"{s}[{k}]", item)
    return before, f"for (long long {k} = 0; {k} < static_cast<long long>({size}); ++{k})", inside


def comprehension(x, node) -> E:
    """A list, set or dict comprehension (a generator expression: a list) as a lambda called in place."""
    inner = x.child()
    lines: list[str] = []
    for gen in node.generators:
        if gen.is_async:
            raise Unsupported("an async comprehension")
        before, header, inside = loop(inner, gen.target, gen.iter, set())
        lines += before + [header + " {"] + inside
        for cond in gen.ifs:
            lines.append(f"if ({negate(inner.truth(cond)).code}) continue;")
    out = x.tmp("out")
    if isinstance(node, ast.DictComp):
        k, v = inner.cpp(node.key), inner.cpp(node.value)
        ty = Ty("dict", (py(k.ty), py(v.ty)))
        add = f"{out}[{inner.value(k, ty.args[0])}] = {inner.value(v, ty.args[1])};"
    else:
        e = inner.cpp(node.elt)
        item = py(known(e.ty, "a comprehension's items"))
        if isinstance(node, ast.SetComp):
            ty = Ty("set", (item,))
            add = f"{out}.insert({inner.value(e, item)});"
        else:
            ty = Ty("list", (item,))
            add = f"{out}.push_back({inner.value(e, item)});"
    body = f"{x.t(ty)} {out}; " + " ".join(lines) + f" {add}" + " }" * len(node.generators) + f" return {out};"
    return E(x.iife(body).code, ATOM, ty)
