"""C++ calls in Python, typed, for the C++ -> Python rule (:mod:`cpp_py_body`).

Covered: the file's own functions (not an overloaded name); ``string`` and ``vector`` methods (``size``,
``length``, ``empty``, ``substr``, ``find``, ``back``, ``push_back``, ``pop_back``, ``insert``/``erase`` at an
iterator, ``clear``); ``<algorithm>``/``<numeric>`` over iterator ranges (``sort`` with ``greater`` or a comparator
function, ``reverse``, ``count``, ``find(...) != v.end()``, ``*max_element``, ``accumulate``, ``swap``); the
``<cmath>``/``<cctype>`` functions whose Python is one expression (``pow`` gives a ``double``, ``floor`` too;
``isalpha`` and ``toupper`` on characters); ``to_string`` and ``stoi``/``atoi`` of integers; ``string(n, c)``,
``vector<T>(n, v)`` and copies from iterator ranges. The calls that only mutate are statements
(:func:`statement_call`).
"""
from __future__ import annotations

import re

from translate.translation import cpp_py_maps as maps
from translate.translation.cpp_py_exprs import copied, root_name
from translate.translation.cpp_py_types import ctype, function_name
from translate.translation.java_rule_ints import bare
from translate.translation.java_rule_types import CHAR, FLOATING, INTEGRAL, element, wider, wrap
from translate.translation.junit_jdk import Unsupported, text

_MATH = {"sqrt": "math.sqrt", "pow": "math.pow", "log": "math.log", "exp": "math.exp", "log10": "math.log10",
         "log2": "math.log2", "sin": "math.sin", "cos": "math.cos", "tan": "math.tan", "atan": "math.atan",
         "atan2": "math.atan2", "hypot": "math.hypot", "fmod": "math.fmod"}
_CTYPE = {"isalpha": "isalpha", "isdigit": "isdigit", "isupper": "isupper", "islower": "islower",
          "isspace": "isspace", "isalnum": "isalnum"}
_CASE = {"toupper": "upper", "tolower": "lower"}


def _args(node) -> list:
    return [a for a in node.child_by_field_name("arguments").named_children if a.type != "comment"]


def _name(fn) -> str | None:
    """The plain name a call's function node gives (``std::sort`` -> ``sort``), or None."""
    if fn.type in ("identifier", "primitive_type"):
        return text(fn)
    if fn.type == "qualified_identifier" and re.fullmatch(r"std::\w+", text(fn)):
        return text(fn)[5:]
    return None


def _iterator(ex, node) -> tuple[str, str, str | None] | None:
    """(container, ``begin``/``end``/``rbegin``/``rend``, offset) of ``v.begin()``, ``v.begin() + k`` (offset
    ``k``), ``v.end() - k`` (offset ``-k``); None for another expression."""
    offset = None
    if node.type == "binary_expression" and text(node.child_by_field_name("operator")) in ("+", "-"):
        k, ktyp = ex.expr(node.child_by_field_name("right"))
        if ktyp not in INTEGRAL:
            return None
        offset = ("" if text(node.child_by_field_name("operator")) == "+" else "-") + bare(k)
        node = node.child_by_field_name("left")
    if node.type != "call_expression" or _args(node):
        return None
    fn = node.child_by_field_name("function")
    if fn.type != "field_expression" or text(fn.child_by_field_name("field")) not in ("begin", "end", "rbegin",
                                                                                      "rend"):
        return None
    return text(fn.child_by_field_name("argument")), text(fn.child_by_field_name("field")), offset


def span(ex, first, last) -> tuple[str, str, str, bool]:
    """(Python of the items, their container's type, the container's Python, whole) of the iterator range
    ``first``, ``last`` over one container: ``v`` for ``v.begin(), v.end()``, ``v[1:-1]`` for
    ``v.begin() + 1, v.end() - 1``, ``v[::-1]`` for ``v.rbegin(), v.rend()``."""
    a, b = _iterator(ex, first), _iterator(ex, last)
    if a is None or b is None or a[0] != b[0]:
        raise Unsupported("an iterator range that is not of one container")
    obj, typ = ex.wrapped(first.child_by_field_name("function").child_by_field_name("argument")
                          if first.type == "call_expression" else
                          first.child_by_field_name("left").child_by_field_name("function")
                          .child_by_field_name("argument"))
    if maps.is_set(typ) and (a[1], b[1], a[2], b[2]) == ("begin", "end", None, None):
        items, vtyp = maps.ordered(obj, typ)
        return items, vtyp, obj, False
    if typ != "String" and not typ.endswith("[]"):
        raise Unsupported(f"an iterator of a {typ}")
    if (a[1], b[1]) == ("rbegin", "rend") and a[2] is None and b[2] is None:
        return f"{obj}[::-1]", typ, obj, False
    start, end = _position(obj, a), _position(obj, b)
    start = "" if start == "0" else start
    end = "" if end is None else end
    if not start and not end:
        return obj, typ, obj, True
    return f"{obj}[{start}:{end}]", typ, obj, False


def _position(obj: str, it: tuple[str, str, str | None]) -> str | None:
    """The index of the iterator ``it`` (:func:`_iterator`) into ``obj``: ``k`` for ``begin() + k``, ``len(v) - k``
    for ``end() - k`` (a slice's ``-k`` is the whole for ``k`` 0), None for ``end()``."""
    kind, off = it[1], it[2]
    if kind == "begin" and (off is None or not off.startswith("-")):
        return off or "0"
    if kind == "end" and (off is None or off.startswith("-")):
        return None if off is None else f"len({bare(obj)}) - {wrap(off[1:])}"
    raise Unsupported("an iterator before begin() or after end()")


def _index(ex, node) -> str | None:
    """The index an iterator ``v.begin() + i`` stands for; None for ``v.end()``."""
    it = _iterator(ex, node)
    if it is None or it[1] not in ("begin", "end"):
        raise Unsupported("an iterator position")
    obj_node = node if node.type == "call_expression" else node.child_by_field_name("left")
    return _position(ex.wrapped(obj_node.child_by_field_name("function").child_by_field_name("argument"))[0], it)


def construct(ex, typ: str, args: list) -> tuple[str, str]:
    """``T x(args)`` and ``T(args)`` for a ``string``, ``vector`` or ``set`` type ``typ``."""
    if maps.is_set(typ):
        if not args:
            return "set()", typ
        if len(args) == 2:
            return f"set({span(ex, *args)[0]})", typ
        raise Unsupported(f"a {typ} built from these values")
    if typ not in ("String",) and not typ.endswith("[]"):
        if len(args) == 1:
            code, atyp = ex.expr(args[0])
            return ex.convert(code, atyp, typ), typ
        raise Unsupported(f"a {typ} built from {len(args)} values")
    if not args:
        return ('""' if typ == "String" else "[]"), typ
    if len(args) == 2 and _iterator(ex, args[0]) is not None:
        items, styp, _, whole = span(ex, *args)
        if typ == "String":
            return items, typ
        return (copied(items, styp) if whole else items), typ
    values = [ex.expr(a) for a in args]
    if len(values) == 1 and values[0][1] == typ:
        return copied(values[0][0], typ), typ
    n, ntyp = values[0]
    if ntyp not in INTEGRAL or len(values) > 2:
        raise Unsupported(f"a {typ} built from these values")
    el = "char" if typ == "String" else element(typ)
    if len(values) == 1:
        if el.endswith("[]"):
            return f"[[] for _ in range({n})]", typ
        if el not in maps.ZERO:  # ([{}] * n would be n names for one map)
            raise Unsupported(f"a vector of {el} built from a size")
        return f"[{maps.ZERO[el]}] * {ex.wrapped(args[0])[0]}", typ
    v, vtyp = values[1]
    v = ex.convert(v, vtyp, el)
    if el.endswith("[]"):
        return f"[{v if args[1].type == 'call_expression' else copied(v, el)} for _ in range({n})]", typ
    return f"{v if typ == 'String' else '[' + v + ']'} * {ex.wrapped(args[0])[0]}", typ


def _method(ex, obj: str, typ: str, name: str, args: list) -> tuple[str, str]:
    values = [ex.expr(a) for a in args]
    if maps.is_map(typ) or maps.is_set(typ):
        return maps.method(ex, obj, typ, name, values)
    is_list = typ.endswith("[]")
    if typ != "String" and not is_list:
        raise Unsupported(f"the method {name} of a {typ or 'value of unknown type'}")
    if name in ("size", "length") and not values:
        return f"len({bare(obj)})", "int"
    if name == "empty" and not values:
        return f"len({bare(obj)}) == 0", "boolean"
    item = "char" if typ == "String" else element(typ)
    if name == "back" and not values:
        return f"{obj}[-1]", item
    if name == "front" and not values:
        return f"{obj}[0]", item
    if name == "at" and len(values) == 1 and values[0][1] in INTEGRAL:
        return f"{obj}[{values[0][0]}]", item
    if typ == "String":
        if name == "c_str" and not values:
            return obj, "String"
        if name == "substr" and values and all(t in INTEGRAL for _, t in values) and len(values) <= 2:
            start = bare(values[0][0])
            if len(values) == 1:
                return f"{obj}[{start}:]", "String"
            if not re.fullmatch(r"[\w.()\[\] +*-]+", start) or any(
                    f not in ("len", "ord", "abs") for f in re.findall(r"(\w+)\(", start)):
                raise Unsupported("substr from an expression with calls")
            end = bare(values[1][0]) if start == "0" else f"{start} + {ex.wrapped(args[1])[0]}"
            return f"{obj}[{'' if start == '0' else start}:{end}]", "String"
        if name in ("find", "rfind") and 1 <= len(values) <= 2 and values[0][1] in ("String", "char"):
            return f"{obj}.{name}({', '.join(c for c, _ in values)})", "long"
    raise Unsupported(f"the method {name} of a {typ}")


def _comparator(ex, node, el: str) -> str:
    """The ``key=``/``reverse=`` arguments of ``sort``'s comparator ``node``."""
    if re.fullmatch(r"(std::)?greater<\w*>\(\)|(std::)?greater<\w*>\{\}", text(node)):
        return ", reverse=True"
    if re.fullmatch(r"(std::)?less<\w*>\(\)|(std::)?less<\w*>\{\}", text(node)):
        return ""
    name = _name(node)
    methods = ex.members.methods
    if name is None or name not in methods or name in ex.members.overloaded or methods[name][0] != "boolean" \
            or len(methods[name][2]) != 2:
        raise Unsupported("a sort with a comparator other than a function of the file")
    ex.imports.add("functools")
    f = function_name(name)
    return f", key=functools.cmp_to_key(lambda _a, _b: -1 if {f}(_a, _b) else (1 if {f}(_b, _a) else 0))"


def statement_call(ex, node) -> list[str] | None:
    """The lines of a call that only changes something (``v.push_back(x)``, ``sort(...)``, ``swap(a, b)``), or
    None for a call that is an expression."""
    fn, args = node.child_by_field_name("function"), _args(node)
    if fn.type == "field_expression":
        if text(fn.child_by_field_name("operator")) != ".":
            raise Unsupported("a call through a pointer")
        obj_node, name = fn.child_by_field_name("argument"), text(fn.child_by_field_name("field"))
        obj, typ = ex.target(obj_node)
        if maps.is_map(typ) or maps.is_set(typ):
            return maps.statement(ex, obj, typ, name, args)
        item = "char" if typ == "String" else element(typ)
        if name in ("push_back", "emplace_back") and len(args) == 1:
            if args[0].type == "initializer_list":
                v = ex.listed(args[0], item)[0]
            else:
                v, vtyp = ex.expr(args[0])
                if vtyp.endswith("[]") and args[0].type != "call_expression":
                    v = copied(v, vtyp)
                v = ex.convert(v, vtyp, item)
            return [f"{obj} += {v}" if typ == "String" else f"{obj}.append({v})"]
        if name == "pop_back" and not args:
            return [f"{obj} = {obj}[:-1]" if typ == "String" else f"del {obj}[-1]"]
        if name == "clear" and not args:
            return [f"{obj} = \"\"" if typ == "String" else f"{obj}.clear()"]
        if typ.endswith("[]") and name == "insert" and len(args) == 2:
            at = _index(ex, args[0])
            v, vtyp = ex.expr(args[1])
            v = ex.convert(copied(v, vtyp) if vtyp.endswith("[]") else v, vtyp, item)
            return [f"{obj}.append({v})" if at is None else f"{obj}.insert({at}, {v})"]
        if typ.endswith("[]") and name == "erase" and len(args) in (1, 2):
            at = _index(ex, args[0])
            if len(args) == 1 and at is not None:
                return [f"del {obj}[{at}]"]
            end = _index(ex, args[1]) if len(args) == 2 else None
            return [f"del {obj}[{at}:{end or ''}]"]
        return None
    name = _name(fn)
    if name == "transform" and len(args) == 4 and text(args[3]).lstrip(":") in ("tolower", "toupper") \
            and text(args[0]) == text(args[2]):
        items, typ, obj, whole = span(ex, args[0], args[1])
        if typ != "String" or not whole:
            raise Unsupported("a transform of other than a whole string")
        ex.target(args[0].child_by_field_name("function").child_by_field_name("argument"))
        return [f"{obj} = {obj}.{'lower' if 'lower' in text(args[3]) else 'upper'}()"]
    if name in ("sort", "stable_sort", "reverse") and len(args) in (2, 3) and not (name == "reverse" and len(args) == 3):
        items, typ, obj, whole = span(ex, args[0], args[1])
        ex.target(args[0].child_by_field_name("function").child_by_field_name("argument")
                  if args[0].type == "call_expression" else args[0].child_by_field_name("left")
                  .child_by_field_name("function").child_by_field_name("argument"))
        if items.endswith("[::-1]"):
            raise Unsupported(f"{name} of a reversed range")
        extra = _comparator(ex, args[2], element(typ)) if len(args) == 3 else ""
        if typ == "String":
            new = f"\"\".join(sorted({items}{extra}))" if name != "reverse" else f"{items}[::-1]"
            if not whole:
                raise Unsupported(f"{name} of a part of a string")
            return [f"{obj} = {new}"]
        if whole:
            return [f"{obj}.reverse()" if name == "reverse" else f"{obj}.sort({extra[2:]})"]
        return [f"{items} = {items}[::-1]" if name == "reverse" else f"{items} = sorted({items}{extra})"]
    if name == "swap" and len(args) == 2:
        (a, atyp), (b, btyp) = ex.target(args[0]), ex.target(args[1])
        if atyp != btyp:
            raise Unsupported("a swap of two types")
        return [f"{a}, {b} = {b}, {a}"]
    return None


def found(ex, node, op: str) -> tuple[str, str] | None:
    """``find(b, e, x) != v.end()`` as ``x in v`` (and ``==`` as ``not in``); None for another expression."""
    if op not in ("==", "!="):
        return None
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    if right.type == "call_expression" and _name(right.child_by_field_name("function")) == "find":
        left, right = right, left
    if left.type != "call_expression" or _name(left.child_by_field_name("function")) != "find":
        return None
    args, end = _args(left), _iterator(ex, right)
    if len(args) != 3 or end is None or end[1:] != ("end", None):
        raise Unsupported("a find that is not compared with end()")
    items, typ, _, _ = span(ex, args[0], args[1])
    if end[0] != _iterator(ex, args[0])[0] or not items.startswith(root_name(right.child_by_field_name(
            "function").child_by_field_name("argument")) or ""):
        raise Unsupported("a find compared with another container's end()")
    v, vtyp = ex.expr(args[2])
    return f"{v} {'in' if op == '!=' else 'not in'} {items}", "boolean"


def dereference(ex, node) -> tuple[str, str]:
    """``*max_element(b, e)`` and ``*min_element(b, e)``."""
    if text(node.child_by_field_name("operator")) != "*":
        raise Unsupported("an address")
    inner = node.child_by_field_name("argument")
    if inner.type == "identifier" and (ex.local(text(inner)) or "").startswith("ptr<"):
        return ex.expr(inner)[0], ex.local(text(inner))[4:-1]  # a set's value through its iterator
    name = _name(inner.child_by_field_name("function")) if inner.type == "call_expression" else None
    if name not in ("max_element", "min_element") or len(_args(inner)) != 2:
        raise Unsupported("a pointer")
    items, typ, _, _ = span(ex, *_args(inner))
    return f"{name[:3]}({items})", "char" if typ == "String" else element(typ)


def _own(ex, name: str, args: list) -> tuple[str, str]:
    members = ex.members
    if name not in members.methods or name in members.overloaded:
        raise Unsupported(f"a call of {name}")
    ret, _, params, _ = members.methods[name]
    if len(args) != len(params):
        raise Unsupported(f"a call of {name} with {len(args)} arguments")
    written = []
    for a, p in zip(args, params, strict=True):
        code, typ = ex.listed(a, p) if a.type == "initializer_list" else ex.expr(a)
        written.append(ex.convert(code, typ, p))
    return f"{function_name(name)}({', '.join(written)})", ret


def call(ex, node) -> tuple[str, str]:
    fn, args = node.child_by_field_name("function"), _args(node)
    if fn.type == "field_expression":
        if text(fn.child_by_field_name("operator")) != ".":
            raise Unsupported("a call through a pointer")
        obj, typ = ex.wrapped(fn.child_by_field_name("argument"))
        return _method(ex, obj, typ, text(fn.child_by_field_name("field")), args)
    if fn.type == "template_function" or fn.type == "qualified_identifier" and "<" in text(fn):
        return construct(ex, ctype(text(fn)), args)
    name = _name(fn)
    if name is None:
        raise Unsupported(f"a call of {text(fn)}")
    if name in ("string", "int", "long", "double", "float", "char", "bool") and ex.local(name) is None:
        return construct(ex, ctype(name), args)  # a functional cast or a constructor
    if name in ex.members.methods and ex.local(name) is None:
        return _own(ex, name, args)
    return _library(ex, name, args)


def _library(ex, name: str, args: list) -> tuple[str, str]:
    if name in ("accumulate", "count") and len(args) == 3:
        items, typ, _, _ = span(ex, args[0], args[1])
        v, vtyp = ex.expr(args[2])
        if name == "count":
            return f"{items}.count({v})", "int"
        el = "char" if typ == "String" else element(typ)
        if el not in INTEGRAL | FLOATING or vtyp in INTEGRAL and el in FLOATING:
            raise Unsupported(f"accumulate of {el} into {vtyp}")
        return (f"sum({items})" if v == "0" else f"sum({items}, {v})"), wider(vtyp, el) if el in FLOATING else vtyp
    values = [ex.expr(a) for a in args]
    if name in ("abs", "fabs", "llabs", "labs") and len(values) == 1:
        code, typ = values[0]
        return f"abs({bare(ex.as_number(code, typ))})", "double" if name == "fabs" or typ in FLOATING else \
            wider(typ, "int")
    if name in ("max", "min") and len(values) == 2:
        (a, at), (b, bt) = values
        if at in CHAR and bt in CHAR:
            return f"{name}({a}, {b})", "char"
        if at not in INTEGRAL | FLOATING or bt not in INTEGRAL | FLOATING:
            raise Unsupported(f"{name} of a {at} and a {bt}")
        return f"{name}({a}, {b})", wider(at, bt)
    if name in _MATH and 1 <= len(values) <= 2:
        ex.imports.add("math")
        return f"{_MATH[name]}({', '.join(bare(ex.as_number(c, t)) for c, t in values)})", "double"
    if name in ("floor", "ceil", "trunc") and len(values) == 1:
        ex.imports.add("math")
        return f"float(math.{name}({bare(values[0][0])}))", "double"
    if name == "round" and len(values) == 1 and re.fullmatch(r"[\w.]+(\[\w+\])*", values[0][0]):
        ex.imports.add("math")  # C++ rounds halves away from zero (Python's round to even)
        x = values[0][0]
        return f"math.copysign(math.floor(abs({x}) + 0.5), {x})", "double"
    if name in ("atof", "stod", "stof") and len(values) == 1 and values[0][1] == "String":
        return f"float({bare(values[0][0])})", "double"
    if name == "to_string" and len(values) == 1 and values[0][1] in INTEGRAL:
        return f"str({bare(values[0][0])})", "String"
    if name in ("stoi", "atoi", "stol", "stoll", "atol", "atoll") and len(values) == 1 and values[0][1] == "String":
        return f"int({bare(values[0][0])})", "int" if name in ("stoi", "atoi") else "long"
    if (name in _CTYPE or name in _CASE) and len(values) == 1:
        code, typ = values[0]
        code = code if typ in CHAR else f"chr({bare(code)})" if typ in INTEGRAL else None
        if code is None:
            raise Unsupported(f"{name} of a {typ}")
        return (f"{code}.{_CTYPE[name]}()", "boolean") if name in _CTYPE else (f"{code}.{_CASE[name]}()", "char")
    raise Unsupported(f"a call of {name}")
