"""More of the JDK in Python for the method rule (:mod:`java_rule_calls`): ``Collections``' helpers, ``List.of``,
``Optional`` values (a value or ``None``, as Python code returns them), and streams over a list or set (or a
string's ``chars()``): a chain of ``filter``/``map``/``mapToInt``/``mapToDouble`` with one-parameter lambdas of
one expression or the method references below, ended by ``collect(Collectors.toList())``/``toList()``, ``sum()``, ``count()``,
``reduce(0, Integer::sum)``, ``reduce(Integer::sum).get()``/``.orElse(0)``, ``anyMatch``, ``allMatch`` or
``noneMatch``. Anything else raises :class:`Unsupported`.
"""
from __future__ import annotations

from translate.translation.java_rule_exprs import Exprs, Unsupported
from translate.translation.java_rule_switch import comparator_lines
from translate.translation.java_rule_types import CHAR, INTEGRAL, NUMERIC, atomic, base, element, wrap
from translate.translation.junit_jdk import arguments, kind, text

_SORTABLE = NUMERIC | CHAR | {"String", "Integer", "Long", "Double", "Character"}
_REFS = {"Integer::intValue": ("{}", "int"), "Long::longValue": ("{}", "long"),
         "Double::doubleValue": ("float({})", "double"), "Math::abs": ("abs({})", ""),
         "Integer::parseInt": ("int({})", "int"), "String::length": ("len({})", "int"),
         "String::valueOf": ("str({})", "String")}
_SET_UPDATES = {"addAll": "update", "retainAll": "intersection_update", "removeAll": "difference_update"}
_STREAM_OF = {"mapToInt": "int", "mapToLong": "long", "mapToDouble": "double", "map": ""}


def static(ex: Exprs, cls: str, name: str, args: list[tuple[str, str]]) -> tuple[str, str] | None:
    """``Collections.max/min/frequency``, ``List.of``, ``Set.of``, ``Optional.of/empty/ofNullable``."""
    codes = [c for c, _ in args]
    if cls == "Collections" and name in ("max", "min") and len(args) == 1 and kind(args[0][1]) in ("list", "set") \
            and element(args[0][1]) in _SORTABLE:
        return f"{name}({codes[0]})", element(args[0][1])
    if cls == "Collections" and name == "frequency" and len(args) == 2 and kind(args[0][1]) == "list":
        return f"{wrap(codes[0])}.count({codes[1]})", "int"
    if cls in ("List", "Set") and name == "of":
        if not args:
            return ("[]" if cls == "List" else "set()"), f"{cls}<Object>"
        elem = args[0][1] if args and all(t == args[0][1] for _, t in args) else "Object"
        return (f"[{', '.join(codes)}]" if cls == "List" else f"{{{', '.join(codes)}}}"), f"{cls}<{elem}>"
    if cls in ("Integer", "Long") and name == "toBinaryString" and len(args) == 1 and args[0][1] in INTEGRAL:
        mask = "0xFFFFFFFF" if cls == "Integer" else "0xFFFFFFFFFFFFFFFF"  # two's complement, as Java prints it
        return f'format({wrap(codes[0])} & {mask}, "b")', "String"
    if cls == "Optional" and name in ("of", "ofNullable") and len(args) == 1:
        return codes[0], f"Optional<{args[0][1]}>"
    if cls == "Optional" and name == "empty" and not args:
        return "None", "null"
    return None


def statement(ex: Exprs, name: str, nodes: list) -> list[str] | None:
    """``Collections.sort(xs)``, ``Collections.sort(xs, Collections.reverseOrder())``, ``Collections.reverse(xs)``."""
    if not nodes:
        return None
    xs, typ = ex.wrapped(nodes[0])
    if kind(typ) != "list":
        return None
    if name == "sort" and element(typ) in _SORTABLE:
        if len(nodes) == 1:
            return [f"{xs}.sort()"]
        if len(nodes) == 2 and text(nodes[1]).replace(" ", "") == "Collections.reverseOrder()":
            return [f"{xs}.sort(reverse=True)"]
    if name == "sort" and len(nodes) == 2:
        return comparator_lines(ex, xs, element(typ), nodes[1]) or None
    if name == "sort":
        return None
    if name == "reverse" and len(nodes) == 1:
        return [f"{xs}.reverse()"]
    return None


def listed(x: str, typ: str, name: str, args: list[tuple[str, str]]) -> tuple[str, str] | None:
    """``subList``, ``indexOf``/``lastIndexOf`` (-1 where it is absent) and ``equals`` of a list or set."""
    coll, a = kind(typ), [c for c, _ in args]
    if coll == "list" and name == "subList" and len(args) == 2:
        return f"{x}[{a[0]}:{a[1]}]", typ  # (a copy: read, not written through as Java's view would be)
    if coll == "list" and name in ("indexOf", "lastIndexOf") and len(args) == 1 and atomic(a[0]):
        found = f"{x}.index({a[0]})" if name == "indexOf" else f"len({x}) - 1 - {x}[::-1].index({a[0]})"
        return f"({found} if {a[0]} in {x} else -1)", "int"
    if coll in ("list", "set") and name == "equals" and len(args) == 1 and kind(args[0][1]) == coll:
        return f"{x} == {wrap(a[0])}", "boolean"
    return None


def list_statement(ex: Exprs, x: str, typ: str, name: str, nodes: list) -> list[str] | None:
    """``xs.sort(null)``, ``xs.sort(Collections.reverseOrder())``, a comparator, ``xs.remove(i)`` (an ``int``: by
    index), ``xs.remove(v)`` (an object: its first occurrence, where there is one), ``addAll``, ``retainAll`` and
    ``removeAll`` of a list or set, as statements."""
    coll = kind(typ)
    if name in ("addAll", "retainAll", "removeAll") and len(nodes) == 1:
        other, otyp = ex.expr(nodes[0])
        if kind(otyp) not in ("list", "set"):
            return None
        if coll == "set":
            return [f"{x}.{_SET_UPDATES[name]}({other})"]
        if name == "addAll":
            return [f"{x}.extend({other})"]
        keep = "in" if name == "retainAll" else "not in"
        return [f"{x}[:] = [v for v in {x} if v {keep} {wrap(other)}]"]
    if coll != "list":
        return None
    if name == "sort" and len(nodes) == 1 and nodes[0].type in ("lambda_expression", "object_creation_expression"):
        return comparator_lines(ex, x, element(typ), nodes[0]) or None
    if name == "sort" and len(nodes) == 1 and element(typ) in _SORTABLE:
        order = text(nodes[0]).replace(" ", "")
        if order == "null":
            return [f"{x}.sort()"]
        if order == "Collections.reverseOrder()":
            return [f"{x}.sort(reverse=True)"]
        return None
    if name == "remove" and len(nodes) == 1:
        code, atyp = ex.expr(nodes[0])
        if atyp in ("int", "short", "byte"):
            return [f"del {x}[{code}]"]
        if atomic(code):
            return [f"if {code} in {x}:", f"    {x}.remove({code})"]
    return None


def optional(x: str, typ: str, name: str, args: list[tuple[str, str]]) -> tuple[str, str] | None:
    """``isPresent``, ``isEmpty``, ``get``, ``orElse`` of an ``Optional`` held as a value or ``None``."""
    inner = typ[typ.find("<") + 1:-1] if "<" in typ else "Object"
    if name == "isPresent" and not args:
        return f"{x} is not None", "boolean"
    if name == "isEmpty" and not args:
        return f"{x} is None", "boolean"
    if name == "get" and not args:
        return x, inner
    if name == "orElse" and len(args) == 1:
        return f"{x} if {x} is not None else {wrap(args[0][0])}", inner
    return None


def _apply(ex: Exprs, fn, elem: str) -> tuple[str, str, str]:
    """(variable, Python expression of it, the expression's Java type) of a lambda or method reference applied to
    one element of Java type ``elem``."""
    if fn.type == "method_reference":
        ref = text(fn).replace(" ", "")
        if ref not in _REFS:
            raise Unsupported(f"the method reference {ref}")
        form, typ = _REFS[ref]
        return "x", form.format("x"), typ or elem
    if fn.type != "lambda_expression":
        raise Unsupported(f"a {fn.type} in a stream")
    params, body = fn.child_by_field_name("parameters"), fn.child_by_field_name("body")
    if params is None or params.type != "identifier" or body is None or body.type == "block":
        raise Unsupported("a lambda of more than one parameter or expression")
    ex.scopes.append({})
    try:
        var = ex.declare(text(params), elem)
        code, typ = ex.expr(body)
    finally:
        ex.scopes.pop()
    return var, code, typ


def stream(ex: Exprs, node) -> tuple[str, str] | None:
    """(Python, Java type) of ``xs.stream()...terminal()``; None where ``node`` is not such a chain."""
    steps, cur = [], node
    while cur.type == "method_invocation" and cur.child_by_field_name("object") is not None:
        if text(cur.child_by_field_name("name")) in ("stream", "chars") \
                and not arguments(cur.child_by_field_name("arguments")):
            break
        steps.append(cur)
        cur = cur.child_by_field_name("object")
    else:
        return None
    if not steps:
        return None
    src, typ = ex.wrapped(cur.child_by_field_name("object"))
    if text(cur.child_by_field_name("name")) == "chars":
        if typ != "String":
            raise Unsupported(f"chars of a {typ or 'value of unknown type'}")
        it, elem = f"map(ord, {src})", "int"  # an IntStream of the code units
    elif kind(typ) not in ("list", "set"):
        raise Unsupported(f"a stream of a {typ or 'value of unknown type'}")
    else:
        it, elem = src, element(typ)  # ``it``: an iterable expression of Java elements ``elem``
    for i, step in enumerate(reversed(steps)):
        name = text(step.child_by_field_name("name"))
        args = arguments(step.child_by_field_name("arguments"))
        last = i == len(steps) - 1
        if name == "filter" and len(args) == 1:
            var, cond, ctyp = _apply(ex, args[0], elem)
            if ctyp not in ("boolean", "Boolean"):
                raise Unsupported("a filter that is not a boolean")
            it = f"({var} for {var} in {it} if {cond})"
        elif name in _STREAM_OF and len(args) == 1:
            var, code, mtyp = _apply(ex, args[0], elem)
            it, elem = (it if code == var else f"({code} for {var} in {it})"), _STREAM_OF[name] or mtyp
        elif last and (name == "toList" and not args or name == "collect" and len(args) == 1
                       and text(args[0]).replace(" ", "") == "Collectors.toList()"):
            return (f"[{it[1:-1]}]" if it.startswith("(") else f"list({it})"), f"List<{base(elem)}>"
        elif last and name == "sum" and not args and elem in NUMERIC:
            return f"sum({it})", elem
        elif last and name == "count" and not args:
            return f"sum(1 for _ in {it})", "long"
        elif last and name in ("anyMatch", "allMatch", "noneMatch") and len(args) == 1:
            var, cond, _ = _apply(ex, args[0], elem)
            test = {"anyMatch": "any", "allMatch": "all", "noneMatch": "not any"}[name]
            return f"{test}({cond} for {var} in {it})", "boolean"
        elif name == "reduce" and args and text(args[-1]).replace(" ", "") in ("Integer::sum", "Long::sum"):
            if len(args) == 2 and last and text(args[0]) == "0":
                return f"sum({it})", elem
            nxt = steps[len(steps) - 2 - i] if i < len(steps) - 1 else None
            tail = text(nxt.child_by_field_name("name")) if nxt is not None else ""
            if len(args) == 1 and i == len(steps) - 2 and tail == "orElse" and \
                    text(arguments(nxt.child_by_field_name("arguments"))[0]) == "0":
                return f"sum({it})", elem
            if len(args) == 1 and i == len(steps) - 2 and tail == "get":
                ex.imports.add("functools")
                return f"functools.reduce(lambda a, b: a + b, {it})", elem
            raise Unsupported("a reduce whose Optional is kept")
        else:
            raise Unsupported(f"the stream step {name}")
    raise Unsupported("a stream that is not collected")
