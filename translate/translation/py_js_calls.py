"""Python builtins and the file's own functions called, in JavaScript, for the Python -> JavaScript rule.

``len`` is ``.length`` or ``.size``; ``int(s)`` of a string ``parseInt(s, 10)``, of a float ``Math.trunc``;
``sorted`` copies and sorts with a comparator on the elements' (or the key's) types, as Python orders them
(``[10, 9].sort()`` would compare strings); ``sum``/``any``/``all``/``max``/``min`` reduce arrays; ``range``,
``enumerate``, ``zip`` are arrays where an expression needs them (a ``for`` over ``range`` is a counting loop:
:mod:`py_js_rule`). Methods of strings, lists, dicts and sets: :mod:`py_js_methods`.
"""
from __future__ import annotations

import ast

from translate.translation.py_js_comps import as_array
from translate.translation.py_js_exprs import ARROW, ATOM, MUL, E, Exprs, par, simple
from translate.translation.py_js_numbers import NUMBERS, args_of, math_call, one_arg
from translate.translation.py_js_types import (
    BOOL,
    INT,
    PRIMITIVES,
    STR,
    Ty,
    Unsupported,
    elem,
    is_num,
    join_all,
    known,
    list_of,
)


def call(w: Exprs, node: ast.Call) -> E:
    f = node.func
    if any(isinstance(a, ast.Starred) for a in node.args):
        raise Unsupported("a call with *args")
    if isinstance(f, ast.Name) and f.id in w.scope:
        fn = w.scope[f.id]
        if fn[1].kind != "func" or node.keywords:
            raise Unsupported(f"calling the local {f.id!r}")
        return E(f"{fn[0]}({args_of(w, node.args)})", ATOM, fn[1].args[0] if fn[1].args else Ty("any"))
    if isinstance(f, ast.Name) and f.id in w.functions:
        if node.keywords:
            raise Unsupported("keyword arguments to a function of the file")
        return E(f"{f.id}({args_of(w, node.args)})", ATOM, w.functions[f.id])
    if isinstance(f, ast.Name):
        handler = _BUILTINS.get(f.id)
        if handler is None:
            raise Unsupported(f"the builtin {f.id}()")
        allowed = _KEYWORDS.get(f.id, ())
        if any(k.arg not in allowed for k in node.keywords):
            raise Unsupported(f"{f.id}() with keywords")
        return handler(w, node)
    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "math" \
            and "math" not in w.scope:
        return math_call(w, f.attr, node)
    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in w.scope \
            and w.scope[f.value.id][1].kind == "shim":  # typing only: the Java rule's project class (py_java_re)
        from translate.translation.py_java_re import result_type

        return E(f"{f.value.id}.{f.attr}(...)", ATOM, result_type(f.value.id, f.attr))
    if isinstance(f, ast.Attribute):
        from translate.translation.py_js_methods import method

        return method(w, f.value, f.attr, node)
    raise Unsupported("a computed callee")


def _len(w: Exprs, node: ast.Call) -> E:
    v = one_arg(w, node, "len")
    kind = known(v.ty, "len()").kind
    if kind in ("str", "list", "tuple"):
        return E(f"{par(v, ATOM)}.length", ATOM, INT)
    if kind in ("dict", "set"):
        return E(f"{par(v, ATOM)}.size", ATOM, INT)
    raise Unsupported(f"len() of {v.ty}")


def _bool(w: Exprs, node: ast.Call) -> E:
    v = w.truth(node.args[0]) if len(node.args) == 1 else None
    if v is None:
        raise Unsupported("bool() without one argument")
    return v if v.ty == BOOL else E(f"Boolean({v.code})", ATOM, BOOL)


def _list(w: Exprs, node: ast.Call) -> E:
    if not node.args:
        return E("[]", ATOM, list_of(Ty("any")))
    v = as_array(one_arg(w, node, "list"))
    if isinstance(node.args[0], (ast.GeneratorExp, ast.ListComp)) or v.code.startswith("[..."):
        return v
    return E(f"[...{par(v, ATOM)}]", ATOM, list_of(elem(v.ty)))


def _set(w: Exprs, node: ast.Call) -> E:
    if not node.args:
        return E("new Set()", ATOM, Ty("set"))
    v = one_arg(w, node, "set")
    item = elem(known(v.ty, "set()"))
    w.hashable(item, "a set")
    inner = f"{par(v, ATOM)}.keys()" if v.ty.kind == "dict" else v.code
    return E(f"new Set({inner})", ATOM, Ty("set", (item,)))


def _dict(w: Exprs, node: ast.Call) -> E:
    if node.args or node.keywords:
        raise Unsupported("dict() with arguments")
    return E("new Map()", ATOM, Ty("dict"))


def compare(kinds: list[Ty], a: list[str], b: list[str]) -> str:
    """A comparator's body: ``a`` before ``b`` by the keys (lexicographically, as Python orders tuples)."""
    parts = []
    for ty, x, y in zip(kinds, a, b, strict=True):
        if is_num(ty):
            parts.append(f"{x} - {y}")
        elif ty.kind == "str":
            parts.append(f"({x} < {y} ? -1 : {x} > {y} ? 1 : 0)")
        else:
            raise Unsupported(f"ordering by a {ty}")
    return " || ".join(parts) if len(parts) == 1 else " || ".join(f"({p})" for p in parts)


def keyed(w: Exprs, key: ast.expr | None, item: Ty, names: tuple[str, ...]) -> tuple[list[Ty], list[list[str]]]:
    """The key's parts and their code for each element name in ``names`` (no key: the element itself)."""
    if key is None:
        kinds = list(item.args) if item.kind == "tuple" and item.args else [item]
        if item.kind in ("tuple", "list"):
            raise Unsupported("ordering lists without a key")
        return kinds, [[n] for n in names]
    if isinstance(key, ast.Name) and key.id in _BUILTINS and key.id not in w.scope:
        key = ast.Lambda(args=ast.arguments(posonlyargs=[], args=[ast.arg("_k")], kwonlyargs=[], kw_defaults=[],
                                            defaults=[]), body=ast.Call(ast.Name(key.id), [ast.Name("_k")], []))
    if not isinstance(key, ast.Lambda) or len(key.args.args) != 1:
        raise Unsupported("a key that is not a lambda of one parameter")
    body = key.body.elts if isinstance(key.body, ast.Tuple) else [key.body]
    found: list[Ty] = []
    codes = []
    for n in names:
        inner = w.child()
        inner.scope[key.args.args[0].arg] = (n, item)
        parts = [inner.js(b) for b in body]
        found = [p.ty for p in parts]
        codes.append([par(p, MUL if len(parts) == 1 else ATOM) for p in parts])
    return found, codes


def _sortargs_of(node: ast.Call) -> tuple[ast.expr | None, bool]:
    key, reverse = None, False
    for k in node.keywords:
        if k.arg == "key":
            key = k.value
        elif k.arg == "reverse":
            if not isinstance(k.value, ast.Constant):
                raise Unsupported("reverse= computed")
            reverse = bool(k.value.value)
    return key, reverse


def comparator(w: Exprs, node: ast.Call, item: Ty) -> str:
    key, reverse = _sortargs_of(node)
    taken = {js for js, _ in w.scope.values()}
    a, b = ("a", "b") if not taken & {"a", "b"} else ("x_", "y_")
    kinds, (ka, kb) = keyed(w, key, item, (a, b))
    if key is None and item.kind == "str" and not reverse:
        return ""
    body = compare(kinds, kb, ka) if reverse else compare(kinds, ka, kb)
    return f"({a}, {b}) => {body}"


def _sorted(w: Exprs, node: ast.Call) -> E:
    src = as_array(one_arg(w, node, "sorted"))
    fresh = src.code.startswith("[...") or isinstance(node.args[0], (ast.ListComp, ast.GeneratorExp))
    array = src.code if fresh else f"[...{par(src, ATOM)}]"
    return E(f"{array}.sort({comparator(w, node, elem(src.ty))})", ATOM, list_of(elem(src.ty)))


def _reversed(w: Exprs, node: ast.Call) -> E:
    src = as_array(one_arg(w, node, "reversed"))
    array = src.code if src.code.startswith("[...") else f"[...{par(src, ATOM)}]"
    return E(f"{array}.reverse()", ATOM, list_of(elem(src.ty)))


def _sum(w: Exprs, node: ast.Call) -> E:
    if len(node.args) == 2:
        start = w.js(node.args[1])
    elif len(node.args) == 1:
        start = E("0", ATOM, INT)
    else:
        raise Unsupported("sum() without an iterable")
    src = as_array(w.js(node.args[0]))
    item = elem(src.ty)
    if item.kind == "bool":
        return E(f"{par(src, ATOM)}.filter((x) => x).length", ATOM, INT)
    if not is_num(known(item, "sum()")):
        raise Unsupported(f"sum() of {item}")
    return E(f"{par(src, ATOM)}.reduce((s, x) => s + x, {start.code})", ATOM, join_all([item, start.ty]))


def _anyall(w: Exprs, node: ast.Call) -> E:
    name = node.func.id  # type: ignore[attr-defined]
    src = as_array(one_arg(w, node, name))
    if elem(src.ty).kind not in PRIMITIVES:
        raise Unsupported(f"{name}() of {elem(src.ty)}")
    return E(f"{par(src, ATOM)}.{'some' if name == 'any' else 'every'}((x) => x)", ATOM, BOOL)


def _maxmin(w: Exprs, node: ast.Call) -> E:
    name = node.func.id  # type: ignore[attr-defined]
    key, reverse = _sortargs_of(node)
    if reverse or any(k.arg not in ("key",) for k in node.keywords):
        raise Unsupported(f"{name}() with default=")
    if len(node.args) > 1:
        parts = [w.js(a) for a in node.args]
        ty = join_all(p.ty for p in parts)
        if key is not None or not is_num(known(ty, f"{name}()")):
            raise Unsupported(f"{name}() of several {ty}")
        return E(f"Math.{name}({', '.join(par(p, ARROW) for p in parts)})", ATOM, ty)
    src = as_array(one_arg(w, node, name))
    item = elem(src.ty)
    if key is None and is_num(known(item, f"{name}()")):
        return E(f"Math.{name}(...{par(src, ATOM)})", ATOM, item)
    kinds, (kx, kb) = keyed(w, key, item, ("x", "best"))
    if len(kinds) != 1 or kinds[0].kind not in ("int", "float", "str", "bool"):
        raise Unsupported(f"{name}() by a {kinds}")
    sym = ">" if name == "max" else "<"
    return E(f"{par(src, ATOM)}.reduce((best, x) => ({kx[0]} {sym} {kb[0]} ? x : best))", ATOM, item)


def _enumerate(w: Exprs, node: ast.Call) -> E:
    src = as_array(w.js(node.args[0]))
    start = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "start"), None)
    ty = list_of(Ty("tuple", (INT, elem(src.ty))))
    if start is None or isinstance(start, ast.Constant) and start.value == 0:
        return E(f"[...{par(src, ATOM)}.entries()]", ATOM, ty)
    s = w.js(start)
    return E(f"{par(src, ATOM)}.map((x, i) => [i + {par(s, MUL)}, x])", ATOM, ty)


def _zip(w: Exprs, node: ast.Call) -> E:
    if len(node.args) < 2 or node.keywords:
        raise Unsupported("zip() of one iterable or with strict=")
    if not all(simple(a) for a in node.args):
        raise Unsupported("zip() of computed lists")
    parts = [w.js(a) for a in node.args]
    for p in parts:
        if known(p.ty, "zip()").kind not in ("list", "tuple", "str"):
            raise Unsupported(f"zip() of a {p.ty}")
    first = parts[0] if parts[0].ty.kind != "str" else E(f"[...{parts[0].code}]", ATOM, list_of(STR))
    shortest = "Math.min(" + ", ".join(f"{p.code}.length" for p in parts) + ")"
    items = ", ".join(["x"] + [f"{p.code}[i]" for p in parts[1:]])
    return E(f"{par(first, ATOM)}.slice(0, {shortest}).map((x, i) => [{items}])", ATOM,
             list_of(Ty("tuple", tuple(elem(p.ty) for p in parts))))


def _range(w: Exprs, node: ast.Call) -> E:
    args = [w.js(a) for a in node.args]
    if not all(is_num(known(a.ty, "range()")) for a in args) or not 1 <= len(args) <= 3:
        raise Unsupported("range() of non-numbers")
    if len(args) == 1:
        return E(f"Array.from({{ length: {args[0].code} }}, (_, i) => i)", ATOM, list_of(INT))
    lo, hi = args[0], args[1]
    if len(args) == 2:
        return E(f"Array.from({{ length: {par(hi, 15)} - {par(lo, 15)} }}, (_, i) => {par(lo, 14)} + i)", ATOM,
                 list_of(INT))
    step = node.args[2]
    if not (isinstance(step, ast.Constant) and isinstance(step.value, int) and step.value > 0):
        raise Unsupported("range() with a step that is not a positive number")
    return E(f"Array.from({{ length: Math.ceil(({par(hi, 15)} - {par(lo, 15)}) / {step.value}) }}, "
             f"(_, i) => {par(lo, 14)} + i * {step.value})", ATOM, list_of(INT))


def _map_filter(w: Exprs, node: ast.Call) -> E:
    name = node.func.id  # type: ignore[attr-defined]
    if len(node.args) != 2 or isinstance(node.args[0], ast.Constant):
        raise Unsupported(f"{name}() of several iterables or None")
    src = as_array(w.js(node.args[1]))
    inner = w.child()
    x = inner.bind("_x", elem(src.ty))
    fn = node.args[0]
    if isinstance(fn, ast.Lambda):
        applied = _lambda_body(inner, fn, x, elem(src.ty))
    else:
        applied = inner.js(ast.Call(fn, [ast.Name("_x")], []))
    if name == "map":
        return E(f"{par(src, ATOM)}.map(({x}) => {par(applied, ARROW)})", ATOM, list_of(applied.ty))
    if applied.ty.kind not in PRIMITIVES:
        raise Unsupported("filter() by a non-primitive")
    return E(f"{par(src, ATOM)}.filter(({x}) => {par(applied, ARROW)})", ATOM, src.ty)


def _lambda_body(w: Exprs, fn: ast.Lambda, x: str, item: Ty) -> E:
    if len(fn.args.args) != 1:
        raise Unsupported("a lambda of several parameters")
    w.scope[fn.args.args[0].arg] = (x, item)
    return w.js(fn.body)


_BUILTINS = {**NUMBERS, "len": _len, "bool": _bool, "list": _list, "tuple": _list, "set": _set, "dict": _dict,
             "sorted": _sorted, "reversed": _reversed, "sum": _sum, "any": _anyall, "all": _anyall, "max": _maxmin,
             "min": _maxmin, "enumerate": _enumerate, "zip": _zip, "range": _range, "map": _map_filter,
             "filter": _map_filter}
_KEYWORDS = {"sorted": ("key", "reverse"), "max": ("key",), "min": ("key",), "enumerate": ("start",)}
