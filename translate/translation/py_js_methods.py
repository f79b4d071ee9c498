"""Methods of Python strings, lists, dicts and sets, in JavaScript, for the Python -> JavaScript rule.

Python's meaning is kept where the JavaScript method of the same name differs: ``s.replace(a, b)`` replaces every
occurrence (``replaceAll``, with ``b`` taken literally), ``s.split()`` drops empty words, ``isdigit``/``isalpha``
test the whole string and are false on an empty one, ``lst.pop(0)`` is ``shift()``, ``lst.sort()`` orders by
value (:func:`~translate.translation.py_js_calls.comparator`), ``d.get(k, default)``. Dicts are ``Map``: ``keys``,
``values`` and ``items`` are arrays of them.
"""
from __future__ import annotations

import ast

from translate.translation.py_js_calls import comparator
from translate.translation.py_js_comps import as_array
from translate.translation.py_js_exprs import ADD, ARROW, ATOM, COND, E, Exprs, par, simple
from translate.translation.py_js_types import (
    BOOL,
    INT,
    NONE,
    PRIMITIVES,
    STR,
    Ty,
    Unsupported,
    elem,
    known,
    list_of,
)

_CASE = {"upper": "toUpperCase", "lower": "toLowerCase", "strip": "trim", "lstrip": "trimStart",
         "rstrip": "trimEnd"}
_TESTS = {"isdigit": r"/^\p{Nd}+$/u", "isnumeric": r"/^\p{N}+$/u", "isdecimal": r"/^\p{Nd}+$/u",
          "isalpha": r"/^\p{L}+$/u", "isalnum": r"/^[\p{L}\p{N}]+$/u", "isspace": r"/^\s+$/"}


def method(w: Exprs, recv_node: ast.expr, name: str, node: ast.Call) -> E:
    recv = w.js(recv_node)
    kind = known(recv.ty, f".{name}()").kind
    if node.keywords and not (kind == "list" and name == "sort"):
        raise Unsupported(f".{name}() with keywords")
    args = [w.js(a) for a in node.args]
    r = par(recv, ATOM)
    handler = {"str": _string, "list": _list, "dict": _dict, "set": _set}.get(kind)
    if kind == "tuple" and name in ("index", "count"):
        handler = _list
    if handler is None:
        raise Unsupported(f".{name}() of {recv.ty}")
    return handler(w, recv_node, recv, r, name, args, node)


def _str_arg(args: list[E], i: int, name: str) -> E:
    if len(args) <= i or args[i].ty.kind != "str":
        raise Unsupported(f".{name}() without a string argument")
    return args[i]


def _string(w: Exprs, recv_node, recv: E, r: str, name: str, args: list[E], node) -> E:
    if name in _CASE and not args:
        return E(f"{r}.{_CASE[name]}()", ATOM, STR)
    if name in _TESTS and not args:
        return E(f"{_TESTS[name]}.test({recv.code})", ATOM, BOOL)
    if name in ("isupper", "islower") and not args and simple(recv_node):
        same, other = ("toUpperCase", "toLowerCase") if name == "isupper" else ("toLowerCase", "toUpperCase")
        return E(f"{r}.{same}() === {recv.code} && {r}.{other}() !== {recv.code}", 7, BOOL)
    if name == "split" and not args:
        return E(f"{r}.split(/\\s+/).filter((x) => x)", ATOM, list_of(STR))
    if name == "split" and len(args) == 1:
        sep = _str_arg(args, 0, name)
        if isinstance(node.args[0], ast.Constant) and node.args[0].value == "":
            raise Unsupported("split by an empty separator")
        return E(f"{r}.split({sep.code})", ATOM, list_of(STR))
    if name == "join" and len(args) == 1:
        items = as_array(args[0])
        if elem(items.ty).kind not in ("str", "any"):
            raise Unsupported(f"join of {elem(items.ty)}")
        return E(f"{par(items, ATOM)}.join({recv.code})", ATOM, STR)
    if name == "replace" and len(args) == 2:
        a, b = _str_arg(args, 0, name), _str_arg(args, 1, name)
        if isinstance(node.args[1], ast.Constant) and "$" not in str(node.args[1].value):
            return E(f"{r}.replaceAll({a.code}, {b.code})", ATOM, STR)
        return E(f"{r}.replaceAll({a.code}, () => {par(b, ARROW)})", ATOM, STR)
    if name in ("startswith", "endswith") and len(args) == 1:
        arg = _str_arg(args, 0, name)
        return E(f"{r}.{'startsWith' if name == 'startswith' else 'endsWith'}({arg.code})", ATOM, BOOL)
    if name in ("find", "rfind", "index", "rindex") and len(args) == 1:
        arg = _str_arg(args, 0, name)
        fn = "indexOf" if name in ("find", "index") else "lastIndexOf"
        return E(f"{r}.{fn}({arg.code})", ATOM, INT)
    if name == "count" and len(args) == 1:
        arg = _str_arg(args, 0, name)
        if not (isinstance(node.args[0], ast.Constant) and node.args[0].value):
            raise Unsupported("count of a computed substring")
        return E(f"{r}.split({arg.code}).length - 1", ADD, INT)
    if name == "swapcase" and not args:
        return E(f"[...{r}].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('')",
                 ATOM, STR)
    if name == "capitalize" and not args and simple(recv_node):
        return E(f"{r}.charAt(0).toUpperCase() + {r}.slice(1).toLowerCase()", ADD, STR)
    if name in ("ljust", "rjust") and 1 <= len(args) <= 2:
        fn = "padEnd" if name == "ljust" else "padStart"
        return E(f"{r}.{fn}({', '.join(a.code for a in args)})", ATOM, STR)
    raise Unsupported(f"str.{name}()")


def _list(w: Exprs, recv_node, recv: E, r: str, name: str, args: list[E], node) -> E:
    item = elem(recv.ty)
    if name == "append" and len(args) == 1:
        return E(f"{r}.push({args[0].code})", ATOM, NONE)
    if name == "extend" and len(args) == 1:
        return E(f"{r}.push(...{par(as_array(args[0]), ATOM)})", ATOM, NONE)
    if name == "pop" and not args:
        return E(f"{r}.pop()", ATOM, item)
    if name == "pop" and len(args) == 1:
        if isinstance(node.args[0], ast.Constant) and node.args[0].value == 0:
            return E(f"{r}.shift()", ATOM, item)
        if not w.nonnegative(node.args[0]):
            raise Unsupported("pop() at an index that may be negative")
        return E(f"{r}.splice({args[0].code}, 1)[0]", ATOM, item)
    if name == "insert" and len(args) == 2 and w.nonnegative(node.args[0]):
        return E(f"{r}.splice({args[0].code}, 0, {par(args[1], ARROW)})", ATOM, NONE)
    if name in ("index", "count", "remove") and len(args) == 1:
        if args[0].ty.kind not in PRIMITIVES:
            raise Unsupported(f"list.{name}() of a {args[0].ty} (JavaScript compares it by identity)")
        if name == "index":
            return E(f"{r}.indexOf({args[0].code})", ATOM, INT)
        if name == "count":
            return E(f"{r}.filter((x) => x === {par(args[0], 12)}).length", ATOM, INT)
        if not simple(recv_node):
            raise Unsupported("remove() from a computed list")
        return E(f"{r}.splice({r}.indexOf({args[0].code}), 1)", ATOM, NONE)
    if name == "sort" and not args:
        return E(f"{r}.sort({comparator(w, node, item)})", ATOM, NONE)
    if name == "reverse" and not args:
        return E(f"{r}.reverse()", ATOM, NONE)
    if name == "copy" and not args:
        return E(f"{r}.slice()", ATOM, recv.ty)
    if name == "clear" and not args:
        return E(f"{r}.splice(0)", ATOM, NONE)
    raise Unsupported(f"list.{name}()")


def _dict(w: Exprs, recv_node, recv: E, r: str, name: str, args: list[E], node) -> E:
    key, value = (recv.ty.args + (Ty("any"), Ty("any")))[:2]
    if name == "get" and len(args) == 1:
        return E(f"{r}.get({args[0].code})", ATOM, value)
    if name == "get" and len(args) == 2:
        if simple(recv_node) and simple(node.args[0]):
            return E(f"{r}.has({args[0].code}) ? {r}.get({args[0].code}) : {par(args[1], ARROW)}", COND,
                     value if value.kind != "any" else args[1].ty)
        raise Unsupported("get() with a default on a computed key")
    if name == "keys" and not args:
        return E(f"[...{r}.keys()]", ATOM, list_of(key))
    if name == "values" and not args:
        return E(f"[...{r}.values()]", ATOM, list_of(value))
    if name == "items" and not args:
        return E(f"[...{r}.entries()]", ATOM, list_of(Ty("tuple", (key, value))))
    if name == "copy" and not args:
        return E(f"new Map({recv.code})", ATOM, recv.ty)
    raise Unsupported(f"dict.{name}()")


def _set(w: Exprs, recv_node, recv: E, r: str, name: str, args: list[E], node) -> E:
    if name == "add" and len(args) == 1:
        w.hashable(args[0].ty, "a set")
        return E(f"{r}.add({args[0].code})", ATOM, NONE)
    if name in ("discard", "remove") and len(args) == 1:
        return E(f"{r}.delete({args[0].code})", ATOM, NONE)
    raise Unsupported(f"set.{name}()")

