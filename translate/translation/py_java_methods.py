"""Python's str, list, dict and set methods in Java, for the Python -> Java rule (:mod:`py_java_calls`).

A string's tests (``isdigit``, ``isupper``...) on a character are ``Character``'s, on a string every character's
(and not empty); ``split()`` splits at runs of whitespace and drops empty ends as Python does, ``split(sep)``
keeps every part (``-1``: Java drops trailing empty ones otherwise) of the literal separator; ``count`` counts
non-overlapping occurrences; ``find`` is ``indexOf``. A list's ``pop`` removes by index (``remove(int)``),
``remove`` by value (``remove(Object)``: the box of the list's item type); a dict's ``get`` with a default is
``getOrDefault``. ``"{}{}".format(a, b)`` and ``"%s%s" % (a, b)`` on a literal are the f-string ``f"{a}{b}"``.
"""
from __future__ import annotations

import ast
import re
import string

from translate.translation.py_cpp_exprs import E, par
from translate.translation.py_cpp_types import CHAR, py
from translate.translation.py_java_calls import as_int, comparator, reverse_of, seq_of
from translate.translation.py_java_re import match_method
from translate.translation.py_java_text import capitalize, title
from translate.translation.py_js_exprs import ADD, ATOM, MUL, UNARY, pure
from translate.translation.py_js_types import BOOL, INT, NONE, STR, Ty, Unsupported, elem, known

_CHAR_TESTS = {"isdigit": "isDigit", "isalpha": "isLetter", "isupper": "isUpperCase", "islower": "isLowerCase",
               "isspace": "isWhitespace", "isalnum": "isLetterOrDigit", "isdecimal": "isDigit",
               "isnumeric": "isDigit"}


def method(x, node: ast.Call) -> E:
    f = node.func
    assert isinstance(f, ast.Attribute)
    literal_format = isinstance(f.value, ast.Constant) and isinstance(f.value.value, str) and f.attr == "format"
    if node.keywords and not (f.attr == "sort" and all(k.arg in ("key", "reverse") for k in node.keywords)) \
            and not (literal_format and all(k.arg for k in node.keywords)):
        raise Unsupported(f".{f.attr} with keywords")
    if any(isinstance(a, ast.Starred) for a in node.args):
        raise Unsupported("a starred argument")
    if literal_format:
        return x.java(_formatted(f.value.value, node.args, {k.arg: k.value for k in node.keywords if k.arg}))
    recv = x.java(f.value)
    kind = known(recv.ty, f"the receiver of .{f.attr}").kind
    if kind == "match":  # the project's re.Match (py_java_re)
        return match_method(x, node, recv)
    table = {"str": _STR, "char": _CHAR, "list": _LIST, "dict": _DICT, "set": _SET}.get(kind, {})
    write = table.get(f.attr)
    if write is None:
        raise Unsupported(f"the {kind} method .{f.attr}")
    return write(x, node, recv, node.args)


def _formatted(template: str, args: list[ast.expr], named: dict[str, ast.expr] | None = None) -> ast.JoinedStr:
    """``"{}-{}".format(a, b)`` as the f-string ``f"{a}-{b}"`` (plain, numbered and keyword fields: ``"{sep}"
    .format(sep=s)``; no format specs, conversions or attributes: those stay the model's)."""
    named = named or {}
    values: list[ast.expr] = []
    auto, modes = 0, set()
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise Unsupported(f"a format string that does not parse ({exc})") from exc
    for literal, name, spec, conversion in fields:
        if literal:
            values.append(ast.Constant(literal))
        if name is None:
            continue
        if name in named and not spec and not conversion:
            values.append(ast.FormattedValue(named[name], -1, None))
            continue
        if spec or conversion or not (name == "" or name.isdigit()):
            raise Unsupported("a format field with a name not given, a conversion or a spec")
        modes.add(name == "")
        if len(modes) > 1:
            raise Unsupported("automatic and numbered format fields together (Python raises ValueError)")
        index = auto if name == "" else int(name)
        auto += name == ""
        if index >= len(args):
            raise Unsupported("a format field without its argument")
        values.append(ast.FormattedValue(args[index], -1, None))
    return ast.JoinedStr(values)


def percent_formatted(template: str, value: ast.expr) -> ast.JoinedStr:
    """``"(%s)" % a`` and ``"%s-%s" % (a, b)`` on a literal as the f-string ``f"({a})"`` (``%s`` and ``%%``
    only: other conversions, widths and a mapping stay the model's; a tuple display gives its items, any other
    value is the one argument, as Python takes a non-tuple)."""
    args = list(value.elts) if isinstance(value, ast.Tuple) else [value]
    parts = re.split(r"(%.)", template)
    values: list[ast.expr] = []
    used = 0
    for i, part in enumerate(parts):
        if i % 2 == 0:
            if part:
                values.append(ast.Constant(part))
        elif part == "%%":
            values.append(ast.Constant("%"))
        elif part == "%s" and used < len(args):
            values.append(ast.FormattedValue(args[used], -1, None))
            used += 1
        else:
            raise Unsupported(f"a % format with {part!r} or too few arguments")
    if used != len(args) or "%" in parts[-1]:
        raise Unsupported("a % format with arguments left over (Python raises TypeError)")
    return ast.JoinedStr(values)


def _arity(args, *counts: int) -> None:
    if len(args) not in counts:
        raise Unsupported(f"a method of {len(args)} arguments")


def _char_test(name):
    def write(x, node, recv, args):
        _arity(args, 0)
        return E(f"Character.{_CHAR_TESTS[name]}({recv.code})", ATOM, BOOL)
    return write


def _str_test(name):
    def write(x, node, recv, args):
        _arity(args, 0)
        if not pure(node.func.value):
            recv = x.named(recv)
        c = x.tmp("c")  # a lambda's parameter may not shadow a local
        if name in ("isupper", "islower"):  # a cased character, and none of the other case
            other = "isLowerCase" if name == "isupper" else "isUpperCase"
            return E(f"({par(recv, ATOM)}.chars().anyMatch({c} -> Character.{_CHAR_TESTS[name]}({c})) && "
                     f"{par(recv, ATOM)}.chars().noneMatch({c} -> Character.{other}({c})))", ATOM, BOOL)
        return E(f"(!{par(recv, ATOM)}.isEmpty() && {par(recv, ATOM)}.chars().allMatch("
                 f"{c} -> Character.{_CHAR_TESTS[name]}({c})))", ATOM, BOOL)
    return write


def _char_case(fn):
    def write(x, node, recv, args):
        _arity(args, 0)
        return E(f"Character.{fn}({recv.code})", ATOM, CHAR)
    return write


def _to_str(fn):
    """A Python method without arguments that is the Java ``String`` method ``fn`` (``upper``, ``strip``)."""
    def write(x, node, recv, args):
        _arity(args, 0)
        return E(f"{par(recv, ATOM)}.{fn}()", ATOM, STR)
    return write


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _split(x, node, recv, args):
    _arity(args, 0, 1)
    ty = Ty("list", (STR,))
    v = x.tmp("parts")
    if not args or isinstance(args[0], ast.Constant) and args[0].value is None:
        s = x.tmp("s")
        x.pre.append(f"String {s} = {recv.code}.strip();")
        x.pre.append(f"List<String> {v} = {s}.isEmpty() ? new ArrayList<String>() : "
                     f"new ArrayList<String>(Arrays.asList({s}.split(\"\\\\s+\")));")
        return E(v, ATOM, ty)
    sep = _literal(args[0])
    if not sep:
        raise Unsupported("split at a computed or empty separator")
    from translate.translation.py_java_exprs import str_literal

    return E(f"new ArrayList<String>(Arrays.asList({par(recv, ATOM)}.split(java.util.regex.Pattern.quote("
             f"{str_literal(sep)}), -1)))", ATOM, ty)


def _join(x, node, recv, args):
    _arity(args, 1)
    seq, item = seq_of(x, args[0])
    if item.kind != "str":
        raise Unsupported(f"join of {item}")
    return E(f"String.join({x.string(recv).code}, {seq.code})", ATOM, STR)


def _starts(java):
    def write(x, node, recv, args):
        _arity(args, 1)
        arg = x.java(args[0])
        if py(arg.ty).kind != "str":
            raise Unsupported(f"{java} of a {arg.ty} (a tuple of prefixes)")
        return E(f"{par(recv, ATOM)}.{java}({x.string(arg).code})", ATOM, BOOL)
    return write


def _count(x, node, recv, args):
    _arity(args, 1)
    sub = _literal(args[0])
    if not sub:
        raise Unsupported("count of a computed or empty substring")
    if not pure(node.func.value):
        recv = x.named(recv)
    from translate.translation.py_java_exprs import str_literal

    lit = str_literal(sub)
    code = f"({par(recv, ATOM)}.length() - {par(recv, ATOM)}.replace({lit}, \"\").length()) / {len(sub)}"
    return as_int(x, E(code, MUL, INT)) if x.widths.int_t == "int" else E(f"(long) ({code})", UNARY, INT)


def _find(x, node, recv, args):
    _arity(args, 1)
    arg = x.java(args[0])
    if py(arg.ty).kind != "str":
        raise Unsupported(f"find of a {arg.ty}")
    return as_int(x, E(f"{par(recv, ATOM)}.indexOf({arg.code})", ATOM, INT))


def _replace(x, node, recv, args):
    _arity(args, 2)
    a, b = (x.java(v) for v in args)
    if py(a.ty).kind != "str" or py(b.ty).kind != "str":
        raise Unsupported("replace of what is not a string")
    if a.ty.kind == "str" and _literal(args[0]) == "":
        raise Unsupported("replace of the empty string")
    if a.ty.kind == "str" and _literal(args[0]) is None:
        raise Unsupported("replace of a computed string (it may be empty)")
    return E(f"{par(recv, ATOM)}.replace({x.string(a).code}, {x.string(b).code})", ATOM, STR)


def _append(x, node, recv, args):
    _arity(args, 1)
    return E(f"{par(recv, ATOM)}.add({x.value_of(args[0], py(elem(recv.ty)), boxed=True)})", ATOM, NONE)


def _pop(x, node, recv, args):
    _arity(args, 0, 1)
    item = py(elem(recv.ty))
    if not pure(node.func.value):
        raise Unsupported("pop of a computed list")
    if not args:
        at = f"{par(recv, ATOM)}.size() - 1"
    else:
        from translate.translation.py_java_items import index

        at = index(x, node.func.value, args[0], recv)
    return x.unboxed(f"{par(recv, ATOM)}.remove({at})", item)


def _insert(x, node, recv, args):
    _arity(args, 2)
    if not (isinstance(args[0], ast.Constant) and args[0].value == 0):
        raise Unsupported("insert at a position other than 0")
    return E(f"{par(recv, ATOM)}.add(0, {x.value_of(args[1], py(elem(recv.ty)), boxed=True)})", ATOM, NONE)


def _list_count(x, node, recv, args):
    _arity(args, 1)
    v = x.value(x.java(args[0]), py(elem(recv.ty)), boxed=True)
    return as_int(x, E(f"Collections.frequency({recv.code}, {v})", ATOM, INT))


def _extend(x, node, recv, args):
    _arity(args, 1)
    seq, item = seq_of(x, args[0])
    if seq.ty.kind == "str" or py(item) != py(elem(recv.ty)):
        raise Unsupported("extend with items of another type")
    return E(f"{par(recv, ATOM)}.addAll({seq.code})", ATOM, NONE)


def _remove(x, node, recv, args):
    _arity(args, 1)
    v = x.value(x.java(args[0]), py(elem(recv.ty)), boxed=True)
    if recv.ty.kind == "list":  # by value (an int argument would remove by index); Python raises where missing
        x.pre.append(f"if (!{par(recv, ATOM)}.remove((Object) ({v}))) "
                     f"{{ throw new IllegalArgumentException(\"ValueError\"); }}")
        return E("", ATOM, NONE)
    return E(f"{par(recv, ATOM)}.remove({v})", ATOM, NONE)


def _index(x, node, recv, args):
    """``indexOf``, raising where Python raises (the item is not there)."""
    _arity(args, 1)
    arg = x.java(args[0])
    v = x.value(arg, py(elem(recv.ty)), boxed=True) if recv.ty.kind == "list" else \
        arg.code if arg.ty.kind == "char" else x.value(arg, STR)
    i = x.tmp("i")
    x.pre.append(f"int {i} = {par(recv, ATOM)}.indexOf({v});")
    x.pre.append(f"if ({i} < 0) {{ throw new IllegalArgumentException(\"ValueError\"); }}")
    return as_int(x, E(i, ATOM, INT))


def _swapcase(x, node, recv, args):
    _arity(args, 0)
    if recv.ty.kind == "char":
        c = recv.code
        c = c if pure(node.func.value) else x.named(recv).code
        return E(f"(Character.isUpperCase({c}) ? Character.toLowerCase({c}) : Character.toUpperCase({c}))",
                 ATOM, CHAR)
    b, c = x.tmp("b"), x.tmp("c")
    x.pre += [f"StringBuilder {b} = new StringBuilder();",
              f"for (char {c} : {par(recv, ATOM)}.toCharArray()) {{ {b}.append(Character.isUpperCase({c}) ? "
              f"Character.toLowerCase({c}) : Character.toUpperCase({c})); }}"]
    return E(f"{b}.toString()", ATOM, STR)


def _sort(x, node, recv, args):
    _arity(args, 0)
    kw = {k.arg: k.value for k in node.keywords}
    reverse = reverse_of(kw)
    item = py(elem(recv.ty))
    if item.kind not in ("int", "float", "str", "bool"):
        raise Unsupported(f"sorting {item}")
    if "key" not in kw and not reverse:
        return E(f"Collections.sort({recv.code})", ATOM, NONE)
    return E(f"{par(recv, ATOM)}.sort({comparator(x, kw.get('key'), item, reverse)})", ATOM, NONE)


def _simple(java, ret=NONE, n=0):
    def write(x, node, recv, args):
        _arity(args, n)
        return E(f"{java.format(par(recv, ATOM))}", ATOM, recv.ty if ret == "self" else ret)
    return write


def _get(x, node, recv, args):
    _arity(args, 1, 2)
    k, v = recv.ty.args
    key = x.value(x.java(args[0]), k, boxed=True)
    if len(args) == 1:
        return E(f"{par(recv, ATOM)}.get({key})", ATOM, Ty("opt", (v,)))
    return x.unboxed(f"{par(recv, ATOM)}.getOrDefault({key}, {x.value_of(args[1], v, boxed=True)})", py(v))


def _add(x, node, recv, args):
    _arity(args, 1)
    return E(f"{par(recv, ATOM)}.add({x.value_of(args[0], py(elem(recv.ty)), boxed=True)})", ATOM, NONE)


_STR = {"upper": _to_str("toUpperCase"), "lower": _to_str("toLowerCase"), "strip": _to_str("strip"),
        "lstrip": _to_str("stripLeading"), "rstrip": _to_str("stripTrailing"), "split": _split, "join": _join,
        "startswith": _starts("startsWith"), "endswith": _starts("endsWith"), "count": _count, "find": _find,
        "replace": _replace, "index": _index, "swapcase": _swapcase, "title": title, "capitalize": capitalize,
        **{name: _str_test(name) for name in _CHAR_TESTS}}
_CHAR = {"upper": _char_case("toUpperCase"), "lower": _char_case("toLowerCase"), "swapcase": _swapcase,
         "title": title, "capitalize": capitalize,
         **{name: _char_test(name) for name in _CHAR_TESTS}}
_LIST = {"append": _append, "index": _index, "pop": _pop, "insert": _insert, "count": _list_count, "extend": _extend,
         "remove": _remove, "sort": _sort, "reverse": _simple("Collections.reverse({})"),
         "copy": lambda x, node, recv, args: E(x.widths.new(recv.ty, recv.code), ATOM, recv.ty),
         "clear": _simple("{}.clear()")}
_DICT = {"get": _get, "clear": _simple("{}.clear()")}
_SET = {"add": _add, "discard": _remove, "clear": _simple("{}.clear()")}

__all__ = ["method", "ADD"]
