"""C++ ``map``, ``unordered_map``, ``set``, ``unordered_set`` and ``pair`` in Python, for the C++ -> Python rule (:mod:`cpp_py_body`).

A map is a Python ``dict`` with C++'s meanings written out: ``m[k]`` read inserts the value type's zero when the
key is missing (``m.setdefault(k, 0)``), ``m[k] += v`` and ``m[k]++`` start from it (``m.get(k, 0) + v``), a
``std::map`` iterates in key order (``sorted(m.items())``; an ``unordered_map``'s order is the library's, so a
loop over one is refused), ``count`` is 0 or 1, ``find(k) != end()`` is ``k in m``, and an entry's
``first``/``second`` are the items of a ``(key, value)`` tuple. A set is a Python ``set``: ``insert`` is ``add``,
``erase`` is ``discard``, and a ``std::set`` iterates (or fills a vector) in order (``sorted(s)``). A map's type is written ``map<K,V>`` (``umap<K,V>``
unordered) and a pair's ``pair<A,B>`` in the rule's type names (:mod:`cpp_py_types`).
"""
from __future__ import annotations

import re

from translate.translation.java_rule_ints import bare
from translate.translation.junit_jdk import Unsupported, text

# the value C++ default-constructs for each scalar type and string (a map's missing key, a local without a value)
ZERO = {"int": "0", "long": "0", "double": "0.0", "char": "'\\0'", "boolean": "False", "String": '""'}


def split_args(inner: str) -> list[str]:
    """The top-level comma-separated parts of a template's arguments (``string,vector<int>``)."""
    parts, depth, cur = [], 0, ""
    for ch in inner:
        depth += {"<": 1, ">": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    return [*parts, cur]


def is_map(typ: str) -> bool:
    return typ.startswith(("map<", "umap<"))


def is_set(typ: str) -> bool:
    return typ.startswith(("set<", "uset<"))


def ordered(code: str, typ: str) -> tuple[str, str]:
    """The items of the set ``code`` in C++'s order, as a new list (``sorted(s)``), and their vector type; an
    ``unordered_set``'s order is the library's: refused."""
    if typ.startswith("uset<"):
        raise Unsupported("an unordered_set iterated (its order is the library's)")
    return f"sorted({bare(code)})", parts(typ)[0] + "[]"


def parts(typ: str) -> list[str]:
    """``map<K,V>`` -> [K, V]; ``pair<A,B>`` -> [A, B]."""
    m = re.fullmatch(r"\w+<(.*)>", typ)
    if m is None:
        raise Unsupported(f"a {typ}")
    return split_args(m[1])


def zero(typ: str) -> str:
    """The value a C++ container default-constructs for the type ``typ`` (a map's missing key)."""
    if typ in ZERO:
        return ZERO[typ]
    if typ.endswith("[]"):
        return "[]"
    if is_map(typ):
        return "{}"
    if is_set(typ):
        return "set()"
    raise Unsupported(f"the default value of a {typ}")


def key(ex, node, typ: str) -> str:
    """The key of ``m[k]`` of the map type ``typ``, converted to its key type."""
    kids = [k for k in node.child_by_field_name("indices").named_children if k.type != "comment"]
    if len(kids) != 1:
        raise Unsupported("a map index of several values")
    code, ktyp = ex.expr(kids[0])
    return ex.convert(code, ktyp, parts(typ)[0])


def read(ex, obj: str, typ: str, node) -> tuple[str, str]:
    """``m[k]`` read: C++ inserts the value type's zero for a missing key."""
    k, v = key(ex, node, typ), parts(typ)[1]
    return f"{obj}.setdefault({k}, {zero(v)})", v


def write(ex, obj: str, typ: str, node) -> tuple[str, str]:
    """``m[k]`` as an assignment's target."""
    return f"{obj}[{key(ex, node, typ)}]", parts(typ)[1]


def compound(ex, target, op: str, value: str, vtyp: str) -> str | None:
    """``m[k] op= value`` (``op``: ``+``, ``-``, ``*``; ``++`` is ``+`` 1) where ``target`` is a map's subscript,
    starting from the value type's zero; None where ``target`` is not one."""
    if target.type != "subscript_expression":
        return None
    obj, typ = ex.wrapped(target.child_by_field_name("argument"))
    if not is_map(typ):
        return None
    k, v = key(ex, target, typ), parts(typ)[1]
    if not re.fullmatch(r"[\w.'\"]+(\[\w+\])*", k):
        raise Unsupported("a map's key with calls, changed in place")
    if v not in ("int", "long", "double") and not (v == "String" and op == "+"):
        raise Unsupported(f"{op}= on a map's {v}")
    if v == "String":
        value = ex.as_string(value, vtyp)
    elif vtyp not in ("int", "long", "double"):
        value = ex.as_number(value, vtyp)
    return f"{obj}[{k}] = {obj}.get({k}, {zero(v)}) {op} {value}"


def copy(code: str, typ: str) -> str:
    if is_set(typ):
        return f"set({code})"
    if all(p in ZERO for p in parts(typ)):
        return f"dict({code})"
    raise Unsupported(f"a copy of a {typ}")


def items(code: str, typ: str) -> tuple[str, str]:
    """The items a range ``for`` over the map ``code`` gets, in C++'s order, and their pair type."""
    if typ.startswith("umap<"):
        raise Unsupported("a loop over an unordered_map (its order is the library's)")
    k, v = parts(typ)
    return f"sorted({bare(code)}.items())", f"pair<{k},{v}>"


def member(code: str, typ: str, name: str) -> tuple[str, str]:
    """``p.first`` / ``p.second`` of a pair."""
    if not typ.startswith("pair<") or name not in ("first", "second"):
        raise Unsupported(f"the field {name} of a {typ or 'value of unknown type'}")
    return f"{code}[{0 if name == 'first' else 1}]", parts(typ)[0 if name == "first" else 1]


def method(ex, obj: str, typ: str, name: str, values: list[tuple[str, str]]) -> tuple[str, str]:
    k = parts(typ)[0]
    if name == "size" and not values:
        return f"len({bare(obj)})", "int"
    if name == "empty" and not values:
        return f"len({bare(obj)}) == 0", "boolean"
    if name == "count" and len(values) == 1:
        return f"int({ex.convert(*values[0], k)} in {obj})", "int"
    if name == "at" and len(values) == 1 and is_map(typ):
        return f"{obj}[{ex.convert(*values[0], k)}]", parts(typ)[1]
    raise Unsupported(f"the method {name} of a {typ}")


def statement(ex, obj: str, typ: str, name: str, args: list) -> list[str] | None:
    if name == "erase" and len(args) == 1:
        code, ktyp = ex.expr(args[0])
        key_ = ex.convert(code, ktyp, parts(typ)[0])
        return [f"{obj}.discard({key_})" if is_set(typ) else f"{obj}.pop({key_}, None)"]
    if name in ("insert", "emplace") and len(args) == 1 and is_set(typ):
        code, ktyp = ex.expr(args[0])
        return [f"{obj}.add({ex.convert(code, ktyp, parts(typ)[0])})"]
    if name == "clear" and not args:
        return [f"{obj}.clear()"]
    return None


def found(ex, left, right, op: str) -> tuple[str, str] | None:
    """``m.find(k) != m.end()`` as ``k in m``; None for another comparison."""
    for a, b in ((left, right), (right, left)):
        if a.type == "call_expression" and b.type == "call_expression":
            fa, fb = a.child_by_field_name("function"), b.child_by_field_name("function")
            if fa.type == fb.type == "field_expression" and text(fa.child_by_field_name("field")) == "find" \
                    and text(fb.child_by_field_name("field")) == "end" \
                    and text(fa.child_by_field_name("argument")) == text(fb.child_by_field_name("argument")):
                obj, typ = ex.wrapped(fa.child_by_field_name("argument"))
                args = [x for x in a.child_by_field_name("arguments").named_children if x.type != "comment"]
                if not (is_map(typ) or is_set(typ)) or len(args) != 1:
                    return None
                code, ktyp = ex.expr(args[0])
                return f"{ex.convert(code, ktyp, parts(typ)[0])} {'in' if op == '!=' else 'not in'} {obj}", \
                    "boolean"
    return None
