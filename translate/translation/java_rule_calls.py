"""Java method calls in Python, typed, for the method rule (:mod:`java_rule_exprs`, :mod:`java_rule_methods`).

Covered: the unit's own class's methods (``self.m(...)``, ``Owner.m(...)`` for a static one; not an overloaded
name), the JDK's strings, ``StringBuilder`` held in a local (its ``append`` chains as ``sb += ...``), lists, maps,
sets and their entries, arrays, boxed numbers, and the static helpers of ``Math``, ``Character``, ``Integer``,
``Long``, ``Double``, ``String``, ``Arrays`` and ``Objects`` whose Python is one expression; streams,
``Collections``, ``List.of`` and ``Optional`` in :mod:`java_rule_jdk`. The calls that only
mutate (``list.add``, ``map.put``, ``sb.append``, ``Arrays.sort``) are statements (:func:`statement_call`).
"""
from __future__ import annotations

import re

from translate.translation.java_rule_exprs import Exprs, Unsupported
from translate.translation.java_rule_jdk import list_statement, listed, optional, static, stream
from translate.translation.java_rule_types import (
    CHAR,
    FLOATING,
    INTEGRAL,
    NUMERIC,
    atomic,
    base,
    element,
    jtype,
    numeric,
    py_member,
    py_name,
    wider,
    wrap,
)
from translate.translation.junit_jdk import arguments, kind, text, type_args

_MATH = {"sqrt": "math.sqrt", "pow": "math.pow", "log": "math.log", "exp": "math.exp", "log10": "math.log10",
         "sin": "math.sin", "cos": "math.cos", "tan": "math.tan", "atan": "math.atan", "atan2": "math.atan2",
         "hypot": "math.hypot"}
_CHAR_TESTS = {"isDigit": "isdigit", "isLetter": "isalpha", "isLetterOrDigit": "isalnum", "isWhitespace": "isspace",
               "isUpperCase": "isupper", "isLowerCase": "islower"}
_STR_SIMPLE = {"startsWith": "startswith", "endsWith": "endswith", "toUpperCase": "upper", "toLowerCase": "lower",
               "strip": "strip", "stripLeading": "lstrip", "stripTrailing": "rstrip"}
_BOXES = {"Integer", "Long", "Short", "Byte", "Double", "Float", "Character", "Boolean"}


def _own(ex: Exprs, name: str, args: list[tuple[str, str]], on_class: bool) -> tuple[str, str]:
    members = ex.members
    if name not in members.methods or name in members.overloaded:
        raise Unsupported(f"a call of {name}")
    ret, static, params, varargs = members.methods[name]
    if not static and (on_class or ex.static):
        raise Unsupported(f"the instance method {name} without its object")
    written = []
    for i, (code, typ) in enumerate(args):
        if typ == "StringBuilder":
            raise Unsupported("a StringBuilder passed on")
        if varargs and i >= len(params) - 1:
            last = params[-1]
            spread = len(args) == len(params) and typ == last
            written.append(f"*{code}" if spread else ex.convert(code, typ, last[:-2]))
        else:
            written.append(ex.convert(code, typ, params[i]) if i < len(params) else code)
    if not varargs and not members.least.get(name, len(params)) <= len(args) <= len(params):
        raise Unsupported(f"a call of {name} with {len(args)} arguments")
    owner = members.name if static else "self"
    return f"{owner}.{py_member(name)}({', '.join(written)})", base(ret) if ret != "void" else "void"


def _static(ex: Exprs, cls: str, name: str, args: list[tuple[str, str]]) -> tuple[str, str] | None:
    n = len(args)
    codes = [c for c, _ in args]
    types = [t for _, t in args]
    if cls == "Math":
        if name in ("min", "max") and n == 2 and all(numeric(t) for t in types):
            return f"{name}({', '.join(ex.as_number(c, t) for c, t in args)})", wider(*types)
        if name == "abs" and n == 1 and numeric(types[0]):
            return f"abs({ex.as_number(*args[0])})", wider(types[0], "int")
        if name in ("floor", "ceil") and n == 1:
            ex.imports.add("math")
            return f"float(math.{name}({ex.as_number(*args[0])}))", "double"
        if name == "round" and n == 1 and types[0] in FLOATING:
            ex.imports.add("math")
            return f"math.floor({codes[0]} + 0.5)", "long"
        if name in _MATH and all(numeric(t) for t in types):
            ex.imports.add("math")
            return f"{_MATH[name]}({', '.join(ex.as_number(c, t) for c, t in args)})", "double"
        return None
    if cls == "Character" and n == 1 and types[0] in CHAR:
        if name in _CHAR_TESTS:
            return f"{wrap(codes[0])}.{_CHAR_TESTS[name]}()", "boolean"
        if name in ("toUpperCase", "toLowerCase"):
            return f"{wrap(codes[0])}.{'upper' if name == 'toUpperCase' else 'lower'}()", "char"
        if name in ("toString", "valueOf"):
            return codes[0], "String" if name == "toString" else "Character"
        return None
    if cls in ("Integer", "Long", "Short", "Byte"):
        if name in ("parseInt", "parseLong", "valueOf") and n in (1, 2) and types[0] == "String":
            return f"int({', '.join(codes)})", "int" if cls == "Integer" else "long"
        if name == "valueOf" and n == 1 and types[0] in INTEGRAL:
            return codes[0], cls
        if name == "toString" and n == 1 and types[0] in INTEGRAL:
            return f"str({codes[0]})", "String"
        if name in ("max", "min") and n == 2:
            return f"{name}({', '.join(codes)})", wider(*types)
        if name == "compare" and n == 2 and all(t in INTEGRAL for t in types):
            a, b = (wrap(c) for c in codes)
            return f"({a} > {b}) - ({a} < {b})", "int"
        return None
    if cls == "Double" and name in ("parseDouble", "valueOf") and n == 1 and types[0] == "String":
        return f"float({codes[0]})", "double"
    if cls == "String" and name == "valueOf" and n == 1:
        if types[0] == "char[]":
            return f'"".join({codes[0]})', "String"
        return ex.as_string(*args[0]), "String"
    if cls == "String" and name == "join" and n == 2 and types[0] in ("String", "char"):
        return f"{wrap(codes[0])}.join({codes[1]})", "String"
    if cls == "Objects" and name == "equals" and n == 2:
        return f"{wrap(codes[0])} == {wrap(codes[1])}", "boolean"
    if cls == "Arrays" and name == "asList" and n == 1 and types[0].endswith("[]"):
        if element(types[0]) in NUMERIC | CHAR | {"boolean"}:
            raise Unsupported("Arrays.asList of a primitive array")  # a list of one array in Java
        return f"list({codes[0]})", f"List<{element(types[0])}>"  # the array's elements (varargs)
    if cls == "Arrays" and name == "asList":
        return f"[{', '.join(codes)}]", f"List<{types[0] if types else 'Object'}>"
    if cls == "Arrays" and name == "copyOfRange" and n == 3 and types[0].endswith("[]"):
        return f"{wrap(codes[0])}[{codes[1]}:{codes[2]}]", types[0]
    return None


def _regex(ex: Exprs, x: str, name: str, args: list[tuple[str, str]], nodes: list) -> tuple[str, str] | None:
    """``replaceAll``/``replaceFirst``/``matches`` with ``re``: a pattern of Python's syntax (no possessive
    quantifiers, no ``\\p{...}`` classes where it is a literal), a replacement literal without ``$`` or ``\\``."""
    if name not in ("replaceAll", "replaceFirst", "matches") or any(t != "String" for _, t in args):
        return None
    if nodes[0].type == "string_literal" and re.search(r"\\\\p\{|[*+?}]\+", text(nodes[0])):
        raise Unsupported("a Java-only regular expression")
    if name == "matches" and len(args) == 1:
        ex.imports.add("re")
        return f"re.fullmatch({args[0][0]}, {x}) is not None", "boolean"
    if len(args) != 2 or nodes[1].type != "string_literal" or re.search(r"[$\\]", text(nodes[1])):
        return None
    ex.imports.add("re")
    count = ", count=1" if name == "replaceFirst" else ""
    return f"re.sub({args[0][0]}, {args[1][0]}, {x}{count})", "String"


def split_lines(ex: Exprs, target: str, node) -> list[str] | None:
    """``xs = s.split(p);`` as Java splits: ``re.split`` without the trailing empty strings (one empty string from
    an empty ``s``); None for another value."""
    if node.type != "method_invocation" or text(node.child_by_field_name("name")) != "split" \
            or node.child_by_field_name("object") is None:
        return None
    s, typ = ex.expr(node.child_by_field_name("object"))
    args = ex.args(node)
    if typ != "String" or len(args) != 1 or args[0][1] not in ("String", "char") or not s.isidentifier() \
            and not re.fullmatch(r"self\.\w+", s):
        raise Unsupported("a split of an expression")
    ex.imports.add("re")
    return [f"{target} = re.split({args[0][0]}, {s})",
            f"while {target} and {target}[-1] == \"\" and {s} != \"\":", f"    {target}.pop()"]


def _string(x: str, name: str, args: list[tuple[str, str]]) -> tuple[str, str] | None:
    n = len(args)
    a = [c for c, _ in args]
    if name == "length" and n == 0:
        return f"len({x})", "int"
    if name == "charAt" and n == 1:
        return f"{x}[{a[0]}]", "char"
    if name == "isEmpty" and n == 0:
        return f"len({x}) == 0", "boolean"
    if name == "compareTo" and n == 1 and args[0][1] == "String" and atomic(a[0]):
        return f"(({x} > {a[0]}) - ({x} < {a[0]}))", "int"  # its sign (Java's value is a difference: a comparator's)
    if name in ("equals", "contentEquals") and n == 1:
        return f"{x} == {wrap(a[0])}", "boolean"
    if name == "equalsIgnoreCase" and n == 1:
        return f"{x}.lower() == {wrap(a[0])}.lower()", "boolean"
    if name == "contains" and n == 1:
        return f"{wrap(a[0])} in {x}", "boolean"
    if name in ("indexOf", "lastIndexOf") and n in (1, 2) and args[0][1] in ("String", "char", "Character"):
        return f"{x}.{'find' if name == 'indexOf' else 'rfind'}({', '.join(a)})", "int"
    if name in ("substring", "subSequence") and n in (1, 2):
        return f"{x}[{a[0]}:{a[1] if n == 2 else ''}]", "String"
    if name in _STR_SIMPLE and n == (1 if name.endswith("With") else 0):
        return f"{x}.{_STR_SIMPLE[name]}({', '.join(a)})", "boolean" if name.endswith("With") else "String"
    if name == "trim" and n == 0:
        return f"{x}.strip()", "String"
    if name == "replace" and n == 2 and all(t in ("String", "char", "Character") for _, t in args):
        return f"{x}.replace({a[0]}, {a[1]})", "String"
    if name == "toCharArray" and n == 0:
        return f"list({x})", "char[]"
    if name == "concat" and n == 1:
        return f"{x} + {wrap(a[0])}", "String"
    if name == "repeat" and n == 1:
        return f"{x} * {wrap(a[0])}", "String"
    if name == "toString" and n == 0:
        return x, "String"
    if name == "split" and n == 1 and re.fullmatch(r'"[^\\.$|()\[\]{}^?*+]"', a[0]) and re.fullmatch(r"[\w.]+", x):
        # Java's split drops the trailing empty strings (all of them: "  " gives none) and keeps one from ""
        return f"({x}.rstrip({a[0]}).split({a[0]}) if {x}.rstrip({a[0]}) or not {x} else [])", "String[]"
    return None


def _collection(x: str, typ: str, name: str, args: list[tuple[str, str]]) -> tuple[str, str] | None:
    coll, targs, n = kind(typ), type_args(typ), len(args)
    a = [c for c, _ in args]
    if name == "size" and n == 0 and coll:
        return f"len({x})", "int"
    if name == "isEmpty" and n == 0 and coll:
        return f"len({x}) == 0", "boolean"
    if coll in ("list", "set") and name == "contains" and n == 1:
        return f"{wrap(a[0])} in {x}", "boolean"
    if coll == "list" and name == "get" and n == 1:
        return f"{x}[{a[0]}]", element(typ)
    if coll == "map" and len(targs) == 2:
        k, v = targs
        if name == "get" and n == 1:
            return f"{x}.get({a[0]})", v
        if name == "getOrDefault" and n == 2:
            return f"{x}.get({a[0]}, {a[1]})", v
        if name == "containsKey" and n == 1:
            return f"{wrap(a[0])} in {x}", "boolean"
        if name == "containsValue" and n == 1:
            return f"{wrap(a[0])} in {x}.values()", "boolean"
        if name == "keySet" and n == 0:
            return f"{x}.keys()", f"Set<{k}>"
        if name == "values" and n == 0:
            return f"list({x}.values())", f"List<{v}>"
        if name == "entrySet" and n == 0:
            return f"{x}.items()", f"Set<Map.Entry<{k}, {v}>>"
    if base(typ) in ("Map.Entry", "Entry") and len(targs) == 2 and n == 0 and name in ("getKey", "getValue"):
        return f"{x}[{0 if name == 'getKey' else 1}]", targs[0 if name == "getKey" else 1]
    return None


def _builder_chain(ex: Exprs, node) -> tuple[str, str] | None:
    """``new StringBuilder(s).reverse().append(t).toString()``: a builder made and read in one expression; or a
    local builder's chain in a ``return`` (nothing reads the builder after it)."""
    steps = []
    cur = node
    while cur.type == "method_invocation" and cur.child_by_field_name("object") is not None:
        steps.append(cur)
        cur = cur.child_by_field_name("object")
    returned = node.parent is not None and node.parent.type == "return_statement"
    if not (cur.type == "object_creation_expression" and base(jtype(cur)) == "StringBuilder"
            or returned and cur.type == "identifier" and ex.local(text(cur)) == "StringBuilder") or len(steps) < 2:
        return None
    code = ex.expr(cur)[0]
    for step in reversed(steps):
        name, args = text(step.child_by_field_name("name")), ex.args(step)
        if name == "reverse" and not args:
            code = f"{wrap(code)}[::-1]"
        elif name == "append" and len(args) == 1:
            code = f"{code} + {ex.as_string(*args[0])}"
        elif name == "toString" and not args and step.start_byte == node.start_byte and step.end_byte == node.end_byte:
            return code, "String"
        else:
            raise Unsupported(f"StringBuilder.{name} in an expression")
    return code, "StringBuilder"


def call(ex: Exprs, node) -> tuple[str, str]:
    """(Python, Java type) of a method invocation in an expression."""
    obj, name = node.child_by_field_name("object"), text(node.child_by_field_name("name"))
    if obj is None or obj.type == "this":
        return _own(ex, name, ex.args(node), on_class=False)
    chain = _builder_chain(ex, node) or stream(ex, node)
    if chain is not None:
        return chain
    if obj.type == "identifier" and ex.local(text(obj)) is None and text(obj) not in ex.members.fields:
        cls = text(obj)
        if cls == ex.members.name:
            return _own(ex, name, ex.args(node), on_class=True)
        args = ex.args(node)
        done = _static(ex, cls, name, args) or static(ex, cls, name, args)
        if done is None:
            raise Unsupported(f"{cls}.{name}")
        return done
    x, typ = ex.wrapped(obj)
    args = ex.args(node)
    btyp = base(typ)
    if btyp == "String":
        done = _string(x, name, args) or _regex(ex, x, name, args, arguments(node.child_by_field_name("arguments")))
    elif btyp == "StringBuilder":
        done = {("toString", 0): (x, "String"), ("length", 0): (f"len({x})", "int")}.get((name, len(args)))
        if name == "charAt" and len(args) == 1:
            done = f"{x}[{args[0][0]}]", "char"
        if name == "indexOf" and len(args) == 1 and args[0][1] in ("String", "char"):
            done = f"{x}.find({args[0][0]})", "int"
    elif btyp == "Optional":
        done = optional(x, typ, name, args)
    elif typ.endswith("[]") and name == "clone" and not args:
        done = f"list({x})", typ
    elif btyp in _BOXES:
        done = {"intValue": (x, "int"), "longValue": (x, "long"), "doubleValue": (f"float({x})", "double"),
                "charValue": (x, "char"), "booleanValue": (x, "boolean")}.get(name) if not args else None
        if name == "equals" and len(args) == 1 and (numeric(args[0][1]) or args[0][1] == btyp):
            done = f"{x} == {wrap(args[0][0])}", "boolean"
        if name == "compareTo" and len(args) == 1 and btyp != "Boolean":
            done = f"({x} > {wrap(args[0][0])}) - ({x} < {wrap(args[0][0])})", "int"
    else:
        done = _collection(x, typ, name, args) or listed(x, typ, name, args)
    if done is None:
        raise Unsupported(f"the method {name} of a {typ or 'value of unknown type'}")
    return done


def statement_call(ex: Exprs, node) -> list[str] | None:
    """The Python statements of a call that only mutates (``list.add(x);``, ``sb.append(a).append(b);``,
    ``Arrays.sort(a);``), None when the call is an expression's."""
    obj, name = node.child_by_field_name("object"), text(node.child_by_field_name("name"))
    if obj is None or obj.type == "this":
        return None
    if obj.type == "identifier" and text(obj) == "Arrays" and ex.local("Arrays") is None:
        args = ex.args(node)
        if name == "sort" and len(args) == 1 and args[0][1].endswith("[]") and element(args[0][1]) in NUMERIC | CHAR:
            return [f"{args[0][0]}.sort()"]
        if name == "fill" and len(args) == 2 and args[0][1].endswith("[]"):
            value = ex.convert(args[1][0], args[1][1], element(args[0][1]))
            return [f"{args[0][0]}[:] = [{value}] * len({args[0][0]})"]
        return None
    if obj.type == "identifier" and text(obj) == "Collections" and ex.local("Collections") is None:
        from translate.translation.java_rule_jdk import statement

        return statement(ex, name, arguments(node.child_by_field_name("arguments")))
    builder = _builder_statement(ex, node)
    if builder is not None:
        return builder
    x, typ = ex.wrapped(obj)
    if kind(typ) in ("list", "set") and name in ("sort", "remove", "addAll", "retainAll", "removeAll"):
        return list_statement(ex, x, typ, name, arguments(node.child_by_field_name("arguments")))
    coll, args = kind(typ), ex.args(node)
    a = [c for c, _ in args]
    if coll == "list" and name == "add" and len(args) == 1:
        return [f"{x}.append({ex.convert(a[0], args[0][1], element(typ))})"]
    if coll == "list" and name == "add" and len(args) == 2 and args[0][1] in INTEGRAL:
        return [f"{x}.insert({a[0]}, {ex.convert(a[1], args[1][1], element(typ))})"]
    if coll == "list" and name == "set" and len(args) == 2:
        return [f"{x}[{a[0]}] = {ex.convert(a[1], args[1][1], element(typ))}"]
    if coll == "set" and name in ("add", "remove") and len(args) == 1:
        return [f"{x}.{'add' if name == 'add' else 'discard'}({a[0]})"]
    if coll == "map" and name == "put" and len(args) == 2:
        targs = type_args(typ)
        value = ex.convert(a[1], args[1][1], targs[1]) if len(targs) == 2 else a[1]
        return [f"{x}[{a[0]}] = {value}"]
    if coll == "map" and name == "remove" and len(args) == 1:
        return [f"{x}.pop({a[0]}, None)"]
    if coll and name == "clear" and not args:
        return [f"{x}.clear()"]
    return None


def _builder_statement(ex: Exprs, node) -> list[str] | None:
    """``sb.append(a).append(b);``, ``sb.reverse();``, ``sb.insert(0, x);``, ``sb.setLength(0);`` on a local
    ``StringBuilder`` (held in Python as a ``str``)."""
    steps = []
    cur = node
    while cur.type == "method_invocation" and cur.child_by_field_name("object") is not None:
        steps.append(cur)
        cur = cur.child_by_field_name("object")
    if cur.type != "identifier" or ex.local(text(cur)) != "StringBuilder":
        return None
    sb = py_name(text(cur))
    out = []
    for step in reversed(steps):
        name, args = text(step.child_by_field_name("name")), ex.args(step)
        if name == "append" and len(args) == 1:
            if args[0][1] == "char[]":
                out.append(f'{sb} += "".join({args[0][0]})')
            else:
                out.append(f"{sb} += {ex.as_string(*args[0])}")
        elif name == "reverse" and not args:
            out.append(f"{sb} = {sb}[::-1]")
        elif name == "insert" and len(args) == 2 and args[0][0] == "0":
            out.append(f"{sb} = {ex.as_string(*args[1])} + {sb}")
        elif name == "setLength" and len(args) == 1 and args[0][0] == "0":
            out.append(f'{sb} = ""')
        elif name == "deleteCharAt" and len(args) == 1:
            i = wrap(args[0][0])
            out.append(f"{sb} = {sb}[:{i}] + {sb}[{i} + 1:]")
        elif name == "setCharAt" and len(args) == 2:
            i = wrap(args[0][0])
            out.append(f"{sb} = {sb}[:{i}] + {args[1][0]} + {sb}[{i} + 1:]")
        else:
            raise Unsupported(f"StringBuilder.{name}")
    return out
