"""Python's ``for`` headers and comprehensions in Java, for the Python -> Java rule (:mod:`py_java_rule`).

``for i in range(a, b, k)`` is a counting loop whose bound is read once where the body could change it;
``enumerate`` and ``zip`` count over indexes; a string's characters are ``char``s (``toCharArray``); a list's
items are unboxed into the loop variable; a dict iterates its keys (a ``LinkedHashMap``: Python's insertion
order), ``.items()`` its entries. A comprehension is written as statements before the one holding it, filling a
new ``ArrayList``, ``HashSet`` or ``LinkedHashMap``.
"""
from __future__ import annotations

import ast

from translate.translation.py_cpp_exprs import E, par
from translate.translation.py_cpp_loops import _range_args
from translate.translation.py_cpp_types import CHAR, py
from translate.translation.py_js_exprs import ATOM, REL, pure
from translate.translation.py_js_types import INT, Ty, Unsupported, elem, known

IND = "    "


def _is_call(node: ast.expr, name: str, x, attr: bool = False) -> bool:
    if attr:
        return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == name \
            and not node.args and not node.keywords
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name \
        and name not in x.scope


def loop(x, target: ast.expr, iterable: ast.expr, changed: set[str]) -> tuple[list[str], str, list[str]]:
    """(lines before the loop, the ``for (...)`` header, declarations at the top of its body) of ``for target in
    iterable``; the target's names are bound in ``x`` (a child scope). ``changed``: the names the body assigns."""
    if _is_call(iterable, "range", x):
        return _range(x, target, iterable, changed)
    if _is_call(iterable, "enumerate", x):
        return _enumerate(x, target, iterable, changed)
    if _is_call(iterable, "zip", x):
        return _zip(x, target, iterable, changed)
    if any(isinstance(n, ast.Name) and n.id in changed for n in ast.walk(iterable)):
        raise Unsupported("a loop whose body changes what it iterates")
    if _is_call(iterable, "items", x, attr=True):
        d = x.java(iterable.func.value)
        if d.ty.kind != "dict" or len(d.ty.args) != 2 or not (
                isinstance(target, ast.Tuple) and len(target.elts) == 2):
            raise Unsupported("an .items() loop this rule does not write")
        e = x.tmp("e")
        k, v = (py(a) for a in d.ty.args)
        header = f"for (Map.Entry<{x.widths.boxed(k)}, {x.widths.boxed(v)}> {e} : {par(d, ATOM)}.entrySet())"
        inside = unpack(x, target.elts[0], x.unboxed(f"{e}.getKey()", k)) + \
            unpack(x, target.elts[1], x.unboxed(f"{e}.getValue()", v))
        return [], header, inside
    if _is_call(iterable, "keys", x, attr=True) or _is_call(iterable, "values", x, attr=True):
        d = x.java(iterable.func.value)
        if d.ty.kind != "dict" or len(d.ty.args) != 2:
            raise Unsupported("keys()/values() of what is not a dict")
        keys = iterable.func.attr == "keys"
        item = py(d.ty.args[0 if keys else 1])
        seq_code, kind = f"{par(d, ATOM)}.{'keySet' if keys else 'values'}()", "set"
    else:
        seq = x.java(iterable)
        kind = known(seq.ty, "what a for loop iterates").kind
        if kind not in ("list", "str", "set", "dict"):
            raise Unsupported(f"iterating a {seq.ty}")
        item = CHAR if kind == "str" else py(elem(seq.ty)) if kind != "dict" else py(seq.ty.args[0])
        seq_code = f"{par(seq, ATOM)}.toCharArray()" if kind == "str" else \
            f"{par(seq, ATOM)}.keySet()" if kind == "dict" else seq.code
    if isinstance(target, ast.Name):
        name = x.bind(target.id, item)
        return [], f"for ({x.t(item)} {name} : {seq_code})", []
    p = x.tmp("p")
    return [], f"for ({x.widths.boxed(item)} {p} : {seq_code})", unpack(x, target, E(p, ATOM, item))


def unpack(x, target: ast.expr, value: E) -> list[str]:
    """Declarations binding a (tuple) target to ``value``."""
    if isinstance(target, ast.Name):
        name = x.bind(target.id, py(value.ty) if value.ty.kind != "char" else CHAR)
        return [f"{x.t(x.scope[target.id][1])} {name} = {value.code};"]
    ty = value.ty
    if not isinstance(target, ast.Tuple) or any(not isinstance(e, (ast.Name, ast.Tuple)) for e in target.elts):
        raise Unsupported("a loop target that is not a name or a tuple of names")
    if ty.kind == "tuple" and len(ty.args) == 2 and len(target.elts) == 2:  # a table's row: a Map.Entry
        return unpack(x, target.elts[0], x.unboxed(f"{par(value, ATOM)}.getKey()", py(ty.args[0]))) + \
            unpack(x, target.elts[1], x.unboxed(f"{par(value, ATOM)}.getValue()", py(ty.args[1])))
    if ty.kind != "list" or not ty.args:
        raise Unsupported(f"unpacking a {ty}")
    out = []
    for i, t in enumerate(target.elts):
        out += unpack(x, t, x.unboxed(f"{par(value, ATOM)}.get({i})", py(ty.args[0])))
    return out


def _range(x, target, call, changed) -> tuple[list[str], str, list[str]]:
    if not isinstance(target, ast.Name):
        raise Unsupported("a range loop over a tuple target")
    if target.id in changed:
        raise Unsupported("a range loop whose body assigns its variable")
    start, stop, step = _range_args(call)
    a, b = x.num(x.java(start)), x.num(x.java(stop))
    for e in (a, b):
        if e.ty.kind != "int":
            raise Unsupported(f"a range over a {e.ty}")
    before = []
    t = x.widths.int_t
    if not (isinstance(stop, ast.Constant) or isinstance(stop, ast.Name) and stop.id not in changed) and (
            not pure(stop) or any(isinstance(n, ast.Name) and n.id in changed for n in ast.walk(stop))):
        end = x.tmp("end")
        before.append(f"{t} {end} = {b.code};")
        b = E(end, ATOM, INT)
    if any(isinstance(n, ast.Name) and n.id in changed for n in ast.walk(start)) and not pure(start):
        raise Unsupported("a range whose start the body changes")
    name = x.bind(target.id, INT)
    if step > 0 and x.nonnegative(start):
        x.nonneg.add(target.id)
    else:
        x.nonneg.discard(target.id)
    cmp = "<" if step > 0 else ">"
    inc = name + "++" if step == 1 else name + "--" if step == -1 else \
        f"{name} += {step}" if step > 0 else f"{name} -= {-step}"
    return before, f"for ({t} {name} = {a.code}; {name} {cmp} {par(b, REL + 1)}; {inc})", []


def _sequence(x, node: ast.expr, changed, before: list[str]) -> tuple[E, Ty]:
    """The sequence ``node`` (bound to a name before the loop when it is computed) and its items' type."""
    seq = x.java(node)
    kind = known(seq.ty, "a loop's sequence").kind
    if kind not in ("list", "str"):
        raise Unsupported(f"enumerate or zip over a {seq.ty}")
    if any(isinstance(n, ast.Name) and n.id in changed for n in ast.walk(node)):
        raise Unsupported("a loop whose body changes what it iterates")
    if not isinstance(node, ast.Name):
        name = x.tmp("s")
        before.append(f"{x.t(py(seq.ty))} {name} = {seq.code};")
        seq = E(name, ATOM, seq.ty)
    return seq, CHAR if kind == "str" else py(elem(seq.ty))


def _item(x, seq: E, k: str, item: Ty) -> E:
    if seq.ty.kind == "str":
        return E(f"{seq.code}.charAt({k})", ATOM, CHAR)
    return x.unboxed(f"{seq.code}.get({k})", item)


def _size(seq: E) -> str:
    return f"{seq.code}.{'length' if seq.ty.kind == 'str' else 'size'}()"


def _enumerate(x, target, call, changed) -> tuple[list[str], str, list[str]]:
    if call.keywords or len(call.args) not in (1, 2) or not (
            isinstance(target, ast.Tuple) and len(target.elts) == 2 and isinstance(target.elts[0], ast.Name)):
        raise Unsupported("an enumerate this rule does not write")
    if target.elts[0].id in changed:
        raise Unsupported("an enumerate loop whose body assigns its counter")
    before: list[str] = []
    seq, item = _sequence(x, call.args[0], changed, before)
    k = x.tmp("k")
    inside = []
    first = x.num(x.java(call.args[1])).code if len(call.args) == 2 else ""
    name = x.bind(target.elts[0].id, INT)
    inside.append(f"{x.widths.int_t} {name} = {k}" + (f" + {first};" if first else ";"))
    if not first:
        x.nonneg.add(target.elts[0].id)
    inside += unpack(x, target.elts[1], _item(x, seq, k, item))
    return before, f"for (int {k} = 0; {k} < {_size(seq)}; {k}++)", inside


def _zip(x, target, call, changed) -> tuple[list[str], str, list[str]]:
    if call.keywords or len(call.args) < 2 or not (
            isinstance(target, ast.Tuple) and len(target.elts) == len(call.args)):
        raise Unsupported("a zip this rule does not write")
    before: list[str] = []
    seqs = [_sequence(x, a, changed, before) for a in call.args]
    k = x.tmp("k")
    size = _size(seqs[0][0])
    for s, _ in seqs[1:]:
        size = f"Math.min({size}, {_size(s)})"
    inside = []
    for t, (s, item) in zip(target.elts, seqs, strict=True):
        inside += unpack(x, t, _item(x, s, k, item))
    return before, f"for (int {k} = 0; {k} < {size}; {k}++)", inside


def comprehension(x, node) -> E:
    """A list, set or dict comprehension (a generator expression: a list) as statements before the one that
    holds it; each part's own statements (a nested comprehension) run where Python evaluates it."""
    out = x.tmp("out")
    lines: list[str] = []
    inner = x.child(pre=[])
    depth = 0

    def flush() -> None:
        lines.extend(IND * depth + line for line in inner.pre)
        inner.pre.clear()

    for gen in node.generators:
        if gen.is_async:
            raise Unsupported("an async comprehension")
        before, header, inside = loop(inner, gen.target, gen.iter, set())
        flush()
        lines.extend(IND * depth + line for line in before)
        lines.append(IND * depth + header + " {")
        depth += 1
        lines.extend(IND * depth + line for line in inside)
        for cond in gen.ifs:
            test = inner.truth(cond)
            flush()
            lines.append(IND * depth + f"if ({test.code}) {{")
            depth += 1
    if isinstance(node, ast.DictComp):
        k, v = inner.java(node.key), inner.java(node.value)
        ty = Ty("dict", (py(k.ty), py(v.ty)))
        add = f"{out}.put({inner.value(k, ty.args[0], True)}, {inner.value(v, ty.args[1], True)});"
    else:
        e = inner.java(node.elt)
        item = py(known(e.ty, "a comprehension's items"))
        if item.kind == "opt":
            raise Unsupported("a comprehension of values that may be None")
        ty = Ty("set" if isinstance(node, ast.SetComp) else "list", (item,))
        add = f"{out}.add({inner.value(e, item, boxed=True)});"
    flush()
    lines.append(IND * depth + add)
    while depth:
        depth -= 1
        lines.append(IND * depth + "}")
    x.pre.append(f"{x.t(ty)} {out} = {x.widths.new(ty)};")
    x.pre.extend(lines)
    return E(out, ATOM, ty)
