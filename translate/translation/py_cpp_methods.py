"""Python's string, list, dict and set methods in C++, for the Python -> C++ rule (:mod:`py_cpp_calls`).

Strings are ASCII here (a literal that is not is left to the model): ``lower``, ``upper`` and the ``is...``
tests go character by character with ``<cctype>``; ``split()`` splits at runs of whitespace, ``split(sep)`` at
each ``sep``; ``find`` gives -1 where C++ gives ``npos``; ``index`` and ``remove`` throw where Python raises.
A dict's ``get`` with a default finds once. Methods that give a dict's keys, values or items are left to the
model (``std::map`` orders its keys, Python keeps their insertion order).
"""
from __future__ import annotations

import ast

from translate.translation.py_cpp_calls import _keywords, bound, seq_of, sort_lines
from translate.translation.py_cpp_exprs import E, par
from translate.translation.py_cpp_types import CHAR, py
from translate.translation.py_js_exprs import ATOM, EQ
from translate.translation.py_js_types import BOOL, INT, NONE, STR, Ty, Unsupported, elem, known

_CTYPE = {"isdigit": "isdigit", "isalpha": "isalpha", "isalnum": "isalnum", "isspace": "isspace",
          "isupper": "isupper", "islower": "islower"}
_WS = '" \\t\\n\\r\\f\\v"'


def method(x, node: ast.Call) -> E:
    f = node.func
    assert isinstance(f, ast.Attribute)
    recv = x.cpp(f.value)
    kind = known(recv.ty, f".{f.attr}()").kind
    if f.attr == "sort" and kind == "list":
        kw = _keywords(node, {"key", "reverse"})
        if node.args or not isinstance(f.value, ast.Name):
            raise Unsupported("sort with arguments or of a computed list")
        return E(sort_lines(x, recv.code, py(elem(recv.ty)), kw)[:-1], ATOM, NONE)
    if node.keywords:
        raise Unsupported(f".{f.attr}() with keywords")
    args = [x.cpp(a) for a in node.args]
    table = {"char": _CHAR, "str": _STR, "list": _LIST, "dict": _DICT, "set": _SET}.get(kind, {})
    handler = table.get(f.attr)
    if handler is None:
        raise Unsupported(f"the method .{f.attr}() of a {recv.ty}")
    return handler(x, node, recv, args)


def _arity(args, *counts: int) -> None:
    if len(args) not in counts:
        raise Unsupported(f"a method with {len(args)} arguments")


# a character (a string's item)
def _char_test(name):
    def write(x, node, recv, args):
        _arity(args, 0)
        return E(f"std::{_CTYPE[name]}(static_cast<unsigned char>({recv.code})) != 0", EQ, BOOL)
    return write


def _char_case(fn):
    def write(x, node, recv, args):
        _arity(args, 0)
        return E(f"static_cast<char>(std::{fn}(static_cast<unsigned char>({recv.code})))", ATOM, CHAR)
    return write


_CHAR = {name: _char_test(name) for name in _CTYPE} | {"lower": _char_case("tolower"),
                                                        "upper": _char_case("toupper")}


# strings
def _s(x, recv: E) -> str:
    return par(x.string(recv), ATOM)


def _case(fn):
    def write(x, node, recv, args):
        _arity(args, 0)
        r, c = x.tmp("r"), x.tmp("c")
        return E(x.iife(f"std::string {r} = {x.string(recv).code}; for (char& {c} : {r}) {c} = static_cast<char>("
                        f"std::{fn}(static_cast<unsigned char>({c}))); return {r};").code, ATOM, STR)
    return write


def _str_test(name):
    def write(x, node, recv, args):
        _arity(args, 0)
        s, c = x.tmp("s"), x.tmp("c")
        if name in ("isupper", "islower"):  # a cased character, and none of the other case
            other = "islower" if name == "isupper" else "isupper"
            body = (f"const std::string {s} = {x.string(recv).code}; bool {c}_any = false; for (unsigned char {c} : "
                    f"{s}) {{ if (std::{other}({c})) return false; if (std::{name}({c})) {c}_any = true; }} "
                    f"return {c}_any;")
        else:
            body = (f"const std::string {s} = {x.string(recv).code}; if ({s}.empty()) return false; for (unsigned "
                    f"char {c} : {s}) if (!std::{_CTYPE[name]}({c})) return false; return true;")
        return E(x.iife(body).code, ATOM, BOOL)
    return write


def _strip(side):
    def write(x, node, recv, args):
        _arity(args, 0, 1)
        chars = x.string(args[0]).code if args else _WS
        s, a, b, w = x.tmp("s"), x.tmp("a"), x.tmp("b"), x.tmp("w")
        lines = [f"const std::string {s} = {x.string(recv).code}; const std::string {w} = {chars};",
                 f"std::string::size_type {a} = 0, {b} = {s}.size();"]
        if side in ("both", "left"):
            lines.append(f"while ({a} < {b} && {w}.find({s}[{a}]) != std::string::npos) ++{a};")
        if side in ("both", "right"):
            lines.append(f"while ({b} > {a} && {w}.find({s}[{b} - 1]) != std::string::npos) --{b};")
        lines.append(f"return {s}.substr({a}, {b} - {a});")
        return E(x.iife(" ".join(lines)).code, ATOM, STR)
    return write


def _split(x, node, recv, args):
    _arity(args, 0, 1)
    r, s = x.tmp("r"), x.tmp("s")
    if not args or isinstance(node.args[0], ast.Constant) and node.args[0].value is None:
        w, i = x.tmp("w"), x.tmp("in")
        body = (f"std::vector<std::string> {r}; std::istringstream {i}({x.string(recv).code}); std::string {w}; "
                f"while ({i} >> {w}) {r}.push_back({w}); return {r};")
    else:
        sep, st, p = x.tmp("sep"), x.tmp("st"), x.tmp("p")
        body = (f"std::vector<std::string> {r}; const std::string {s} = {x.string(recv).code}; const std::string "
                f"{sep} = {x.string(args[0]).code}; if ({sep}.empty()) throw std::invalid_argument(\"empty separator\");"
                f" std::string::size_type {st} = 0, {p}; while (({p} = {s}.find({sep}, {st})) != std::string::npos) "
                f"{{ {r}.push_back({s}.substr({st}, {p} - {st})); {st} = {p} + {sep}.size(); }} "
                f"{r}.push_back({s}.substr({st})); return {r};")
    return E(x.iife(body).code, ATOM, Ty("list", (STR,)))


def _join(x, node, recv, args):
    _arity(args, 1)
    seq, item = seq_of(x, node.args[0])
    if py(item).kind != "str":
        raise Unsupported(f"join of {item}")
    r, sep, e, first = x.tmp("r"), x.tmp("sep"), x.tmp("e"), x.tmp("first")
    body = (f"std::string {r}; const std::string {sep} = {x.string(recv).code}; bool {first} = true; for (const auto& "
            f"{e} : {seq.code}) {{ if (!{first}) {r} += {sep}; {first} = false; {r} += {e}; }} return {r};")
    return E(x.iife(body).code, ATOM, STR)


def _startswith(x, node, recv, args):
    _arity(args, 1)
    if py(args[0].ty).kind != "str":
        raise Unsupported("startswith of a tuple")
    return E(f"{_s(x, recv)}.rfind({args[0].code}, 0) == 0", EQ, BOOL)


def _endswith(x, node, recv, args):
    _arity(args, 1)
    if py(args[0].ty).kind != "str":
        raise Unsupported("endswith of a tuple")
    s, p = x.tmp("s"), x.tmp("p")
    return E(x.iife(f"const std::string {s} = {x.string(recv).code}; const std::string {p} = "
                    f"{x.string(args[0]).code}; return {s}.size() >= {p}.size() && {s}.compare({s}.size() - "
                    f"{p}.size(), {p}.size(), {p}) == 0;").code, ATOM, BOOL)


def _count(x, node, recv, args):
    _arity(args, 1)
    s, sub, n, p = x.tmp("s"), x.tmp("sub"), x.tmp("n"), x.tmp("p")
    return E(x.iife(f"const std::string {s} = {x.string(recv).code}; const std::string {sub} = "
                    f"{x.string(args[0]).code}; if ({sub}.empty()) return static_cast<long long>({s}.size()) + 1; "
                    f"long long {n} = 0; for (auto {p} = {s}.find({sub}); {p} != std::string::npos; {p} = "
                    f"{s}.find({sub}, {p} + {sub}.size())) ++{n}; return {n};").code, ATOM, INT)


def _find(raises: bool):
    def write(x, node, recv, args):
        _arity(args, 1)
        if not raises:
            return E(f"static_cast<long long>({_s(x, recv)}.find({args[0].code}))", ATOM, INT)
        p = x.tmp("p")
        return E(x.iife(f"const auto {p} = {_s(x, recv)}.find({args[0].code}); if ({p} == std::string::npos) throw "
                        f"std::invalid_argument(\"substring not found\"); return static_cast<long long>({p});").code,
                 ATOM, INT)
    return write


def _replace(x, node, recv, args):
    _arity(args, 2)
    s, a, b, p = x.tmp("s"), x.tmp("a"), x.tmp("b"), x.tmp("p")
    return E(x.iife(f"std::string {s} = {x.string(recv).code}; const std::string {a} = {x.string(args[0]).code}; "
                    f"const std::string {b} = {x.string(args[1]).code}; if ({a}.empty()) throw std::invalid_argument("
                    f"\"empty pattern\"); for (auto {p} = {s}.find({a}); {p} != std::string::npos; {p} = {s}.find({a}, "
                    f"{p} + {b}.size())) {s}.replace({p}, {a}.size(), {b}); return {s};").code, ATOM, STR)


_STR = {"lower": _case("tolower"), "upper": _case("toupper"), "strip": _strip("both"), "lstrip": _strip("left"),
        "rstrip": _strip("right"), "split": _split, "join": _join, "startswith": _startswith,
        "endswith": _endswith, "count": _count, "find": _find(False), "index": _find(True), "replace": _replace}
_STR.update({name: _str_test(name) for name in _CTYPE})


# lists
def _append(x, node, recv, args):
    _arity(args, 1)
    item = elem(recv.ty)
    return E(f"{par(recv, ATOM)}.push_back({x.value_of(node.args[0], item)})", ATOM, NONE)


def _pop(x, node, recv, args):
    _arity(args, 0, 1)
    v, r = recv.code, x.tmp("r")
    if not isinstance(node.func.value, ast.Name):
        raise Unsupported("pop of a computed list")
    if not args:
        return E(x.iife(f"if ({v}.empty()) throw std::out_of_range(\"pop from empty list\"); auto {r} = {v}.back(); "
                        f"{v}.pop_back(); return {r};").code, ATOM, elem(recv.ty))
    if not x.nonnegative(node.args[0]):
        raise Unsupported("pop at an index that may be negative")
    i = x.tmp("i")
    return E(x.iife(f"const long long {i} = {args[0].code}; auto {r} = {v}.at({i}); {v}.erase({v}.begin() + {i}); "
                    f"return {r};").code, ATOM, elem(recv.ty))


def _insert(x, node, recv, args):
    _arity(args, 2)
    if not x.nonnegative(node.args[0]) or not isinstance(node.func.value, ast.Name):
        raise Unsupported("insert at an index that may be negative, or into a computed list")
    v = recv.code
    return E(f"{v}.insert({v}.begin() + std::min<long long>({args[0].code}, static_cast<long long>({v}.size())), "
             f"{x.value_of(node.args[1], elem(recv.ty))})", ATOM, NONE)


def _reverse(x, node, recv, args):
    _arity(args, 0)
    return E(f"std::reverse({recv.code}.begin(), {recv.code}.end())", ATOM, NONE)


def _list_count(x, node, recv, args):
    _arity(args, 1)
    pre, v = bound(x, node.func.value, recv)
    code = f"static_cast<long long>(std::count({v}.begin(), {v}.end(), {x.value(args[0], elem(recv.ty))}))"
    return E(x.iife(f"{pre}return {code};").code if pre else code, ATOM, INT)


def _list_index(x, node, recv, args):
    _arity(args, 1)
    pre, v = bound(x, node.func.value, recv)
    p = x.tmp("p")
    return E(x.iife(f"{pre}const auto {p} = std::find({v}.begin(), {v}.end(), {x.value(args[0], elem(recv.ty))}); "
                    f"if ({p} == {v}.end()) throw std::invalid_argument(\"not in list\"); return static_cast<long "
                    f"long>({p} - {v}.begin());").code, ATOM, INT)


def _extend(x, node, recv, args):
    _arity(args, 1)
    seq, item = seq_of(x, node.args[0])
    if py(item) != py(elem(recv.ty)) or seq.ty.kind == "str":
        raise Unsupported("extend with items of another type")
    s = x.tmp("s")
    return E(x.iife(f"const auto {s} = {seq.code}; {recv.code}.insert({recv.code}.end(), {s}.begin(), {s}.end());"
                    ).code, ATOM, NONE)


def _remove(x, node, recv, args):
    _arity(args, 1)
    p = x.tmp("p")
    v = recv.code
    return E(x.iife(f"auto {p} = std::find({v}.begin(), {v}.end(), {x.value(args[0], elem(recv.ty))}); if ({p} == "
                    f"{v}.end()) throw std::invalid_argument(\"not in list\"); {v}.erase({p});").code, ATOM, NONE)


def _clear(x, node, recv, args):
    _arity(args, 0)
    return E(f"{par(recv, ATOM)}.clear()", ATOM, NONE)


def _copy(x, node, recv, args):
    _arity(args, 0)
    return E(recv.code, recv.prec, recv.ty)


_LIST = {"append": _append, "pop": _pop, "insert": _insert, "reverse": _reverse, "count": _list_count,
         "index": _list_index, "extend": _extend, "remove": _remove, "copy": _copy, "clear": _clear}


# dicts and sets
def _get(x, node, recv, args):
    _arity(args, 2)
    key, value = recv.ty.args
    pre, m = bound(x, node.func.value, recv)
    it = x.tmp("it")
    return E(x.iife(f"{pre}const auto {it} = {m}.find({x.value(args[0], key)}); return {it} != {m}.end() ? "
                    f"{it}->second : static_cast<{x.t(value)}>({x.value(args[1], value)});").code, ATOM, value)


def _add(x, node, recv, args):
    _arity(args, 1)
    return E(f"{par(recv, ATOM)}.insert({x.value(args[0], recv.ty.args[0])})", ATOM, NONE)


def _discard(x, node, recv, args):
    _arity(args, 1)
    return E(f"{par(recv, ATOM)}.erase({x.value(args[0], recv.ty.args[0])})", ATOM, NONE)


_DICT = {"get": _get, "clear": _clear}
_SET = {"add": _add, "discard": _discard, "remove": _discard, "clear": _clear}
