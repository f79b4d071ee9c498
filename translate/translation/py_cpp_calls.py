"""Python's builtins in C++, for the Python -> C++ rule (:mod:`py_cpp_exprs`); methods: :mod:`py_cpp_methods`.

Where Python raises, the C++ throws (``max`` of an empty list, ``int`` of a string that is no number), so the
behaviour check sees the same outcome. ``sorted`` is a stable sort of a copy (``key=`` and ``reverse=`` as
Python's: equal items keep their order either way), ``round`` halves to even, ``str`` of an integer is
``std::to_string``; ``str`` of a float or a bool prints differently in C++ and is left to the model.
"""
from __future__ import annotations

import ast

from translate.translation.py_cpp_exprs import E, negate, par
from translate.translation.py_cpp_types import CHAR, py
from translate.translation.py_js_exprs import ATOM, pure
from translate.translation.py_js_types import BOOL, FLOAT, INT, STR, Ty, Unsupported, elem, is_num, known

_MATH = {"sqrt": FLOAT, "fabs": FLOAT, "exp": FLOAT, "log": FLOAT, "log2": FLOAT, "log10": FLOAT, "sin": FLOAT,
         "cos": FLOAT, "tan": FLOAT, "atan": FLOAT, "pow": FLOAT, "hypot": FLOAT}


def call(x, node: ast.Call) -> E:
    f = node.func
    if isinstance(f, ast.Attribute):
        if isinstance(f.value, ast.Name) and f.value.id == "math" and "math" not in x.scope:
            return _math(x, f.attr, node)
        from translate.translation.py_cpp_methods import method

        return method(x, node)
    if not isinstance(f, ast.Name):
        raise Unsupported("a call of a computed function")
    if f.id in x.scope:  # a nested function (a lambda)
        name, ty = x.scope[f.id]
        if ty.kind != "func" or not ty.args or ty.args[0].kind in ("any", "mixed") or node.keywords:
            raise Unsupported(f"a call of the local {f.id!r}")
        args = [x.cpp(a) for a in node.args]
        return E(f"{name}({', '.join(x.string(a).code if a.ty.kind == 'char' else a.code for a in args)})", ATOM,
                 ty.args[0])
    if f.id in x.functions:
        ret = x.functions[f.id]
        if ret.kind in ("any", "mixed") or node.keywords:
            raise Unsupported(f"a call of {f.id} (its return type is not known)")
        args = [x.cpp(a) for a in node.args]
        return E(f"{f.id}({', '.join(x.string(a).code if a.ty.kind == 'char' else a.code for a in args)})", ATOM,
                 ret)
    handler = _BUILTINS.get(f.id)
    if handler is None:
        raise Unsupported(f"the builtin {f.id}")
    if node.keywords and f.id not in ("sorted", "max", "min"):
        raise Unsupported(f"{f.id} with keywords")
    return handler(x, node)


def seq_of(x, node: ast.expr) -> tuple[E, Ty]:
    """A C++ container (a comprehension's vector for a generator) holding what iterating ``node`` gives, and its
    items' Python type; a string's items are its characters."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range" \
            and "range" not in x.scope:
        node = ast.ListComp(ast.Name("_i_"), [ast.comprehension(ast.Name("_i_", ast.Store()), node, [], 0)])
    e = x.cpp(node)
    kind = known(e.ty, "a sequence").kind
    if kind == "dict":
        raise Unsupported("iterating a dict (std::map orders its keys; Python keeps their insertion order)")
    if kind not in ("list", "str", "set"):
        raise Unsupported(f"iterating a {e.ty}")
    return x.string(e), CHAR if kind == "str" else py(elem(e.ty))


def bound(x, node: ast.expr, e: E) -> tuple[str, str]:
    """(a statement binding ``e`` once, its name), or ("", the name itself) for a plain name."""
    if isinstance(node, ast.Name):
        return "", e.code
    v = x.tmp("v")
    return f"const auto {v} = {e.code}; ", v


def _one(node: ast.Call, name: str) -> ast.expr:
    if len(node.args) != 1:
        raise Unsupported(f"{name} with {len(node.args)} arguments")
    return node.args[0]


def _len(x, node):
    e = x.cpp(_one(node, "len"))
    if e.ty.kind == "tuple":
        return E(str(len(e.ty.args)), ATOM, INT)
    if e.ty.kind == "char":
        return E("1", ATOM, INT)
    if known(e.ty, "len").kind not in ("list", "str", "dict", "set"):
        raise Unsupported(f"len of a {e.ty}")
    return E(f"static_cast<long long>({par(x.string(e), ATOM)}.size())", ATOM, INT)


def _abs(x, node):
    e = x.cpp(_one(node, "abs"))
    if not is_num(e.ty):
        raise Unsupported(f"abs of a {e.ty}")
    return E(f"std::abs({e.code})", ATOM, FLOAT if e.ty.kind == "float" else INT)


def _key(x, keyword: ast.expr | None, item: Ty, name: str) -> str:
    """The C++ of ``key(name)`` for a ``key=`` function (a lambda or a function's name)."""
    if keyword is None:
        return name
    inner = x.child()
    if isinstance(keyword, ast.Lambda):
        if len(keyword.args.args) != 1 or keyword.args.defaults:
            raise Unsupported("a key lambda that does not take one argument")
        inner.bind(keyword.args.args[0].arg, item, name)
        return inner.cpp(keyword.body).code
    if isinstance(keyword, ast.Name):
        inner.bind("_item_", item, name)
        return inner.cpp(ast.Call(keyword, [ast.Name("_item_", ast.Load())], [])).code
    raise Unsupported("a key that is not a lambda or a function's name")


def _keywords(node: ast.Call, allowed: set[str]) -> dict[str, ast.expr]:
    out = {k.arg: k.value for k in node.keywords if k.arg is not None}
    if len(out) != len(node.keywords) or set(out) - allowed:
        raise Unsupported(f"keywords {sorted(set(out) - allowed)}")
    return out


def _minmax(x, node):
    name = node.func.id
    kw = _keywords(node, {"key"})
    if len(node.args) > 1:
        if "key" in kw:
            raise Unsupported(f"{name} of several arguments with a key")
        parts = [x.cpp(a) for a in node.args]
        if all(is_num(p.ty) for p in parts):
            ty = FLOAT if any(p.ty.kind == "float" for p in parts) else INT
        elif all(py(p.ty).kind == "str" for p in parts):
            ty = STR
        else:
            raise Unsupported(f"{name} of {', '.join(str(p.ty) for p in parts)}")
        t = "double" if ty == FLOAT else x.t(ty)
        return E(f"std::{name}<{t}>({{{', '.join(x.value(p, ty) for p in parts)}}})", ATOM, ty)
    seq, item = seq_of(x, _one(node, name))
    if item.kind not in ("int", "float", "str", "char", "tuple", "list", "bool"):
        raise Unsupported(f"{name} of {item}")
    v, a, b = x.tmp("v"), x.tmp("a"), x.tmp("b")
    cmp = ""
    if "key" in kw:
        cmp = f", [&](const auto& {a}, const auto& {b}) {{ return {_key(x, kw['key'], item, a)} < " \
              f"{_key(x, kw['key'], item, b)}; }}"
    body = (f"const auto& {v} = {seq.code}; if ({v}.empty()) throw std::invalid_argument(\"{name}() arg is an "
            f"empty sequence\"); return *std::{name}_element({v}.begin(), {v}.end(){cmp});")
    ty = STR if item.kind == "char" and seq.ty.kind == "str" else item
    out = x.iife(body).code
    return E(out if ty.kind != "str" or item.kind != "char" else f"std::string(1, {out})", ATOM, ty)


def _sum(x, node):
    seq, item = seq_of(x, _one(node, "sum"))
    if not is_num(item):
        raise Unsupported(f"sum of {item}")
    init = "0.0" if item.kind == "float" else "0LL"
    v = x.tmp("v")
    return E(x.iife(f"const auto& {v} = {seq.code}; return std::accumulate({v}.begin(), {v}.end(), {init});").code,
             ATOM, FLOAT if item.kind == "float" else INT)


def sort_lines(x, v: str, item: Ty, kw: dict[str, ast.expr]) -> str:
    """``std::stable_sort`` of the vector ``v`` with Python's ``key=`` and ``reverse=``."""
    rev = kw.get("reverse")
    if rev is not None and not (isinstance(rev, ast.Constant) and isinstance(rev.value, bool)):
        raise Unsupported("reverse= that is not a constant")
    reverse = rev is not None and rev.value
    if item.kind not in ("int", "float", "str", "char", "tuple", "list", "bool"):
        raise Unsupported(f"sorting {item}")
    if "key" not in kw and not reverse:
        return f"std::stable_sort({v}.begin(), {v}.end());"
    a, b = x.tmp("a"), x.tmp("b")
    ka, kb = _key(x, kw.get("key"), item, a), _key(x, kw.get("key"), item, b)
    less = f"{kb} < {ka}" if reverse else f"{ka} < {kb}"
    return f"std::stable_sort({v}.begin(), {v}.end(), [&](const auto& {a}, const auto& {b}) {{ return {less}; }});"


def _sorted(x, node):
    kw = _keywords(node, {"key", "reverse"})
    seq, item = seq_of(x, _one(node, "sorted"))
    v = x.tmp("v")
    if seq.ty.kind == "str":  # a string's characters, as one-character strings
        item = STR
        c = x.tmp("c")
        start = f"std::vector<std::string> {v}; for (char {c} : {seq.code}) {v}.push_back(std::string(1, {c}));"
    else:
        start = f"{x.t(Ty('list', (item,)))} {v}({seq.code}.begin(), {seq.code}.end());" \
            if seq.ty.kind == "set" else f"auto {v} = {seq.code};"
        if seq.ty.kind == "set" and not isinstance(_one(node, "sorted"), ast.Name):
            raise Unsupported("sorted of a computed set")
    return E(x.iife(f"{start} {sort_lines(x, v, item, kw)} return {v};").code, ATOM, Ty("list", (item,)))


def _list(x, node):
    if not node.args:
        raise Unsupported("list() whose type is not known here")
    arg = _one(node, "list")
    seq, item = seq_of(x, arg)
    if seq.ty.kind == "list":
        return seq
    v = x.tmp("v")
    if seq.ty.kind == "str":
        c = x.tmp("c")
        return E(x.iife(f"std::vector<std::string> {v}; for (char {c} : {seq.code}) {v}.push_back(std::string(1, "
                        f"{c})); return {v};").code, ATOM, Ty("list", (STR,)))
    pre, name = bound(x, arg, seq)
    ty = Ty("list", (item,))
    return E(x.iife(f"{pre}return {x.t(ty)}({name}.begin(), {name}.end());").code, ATOM, ty)


def _set(x, node):
    if not node.args:
        raise Unsupported("set() whose type is not known here")
    arg = _one(node, "set")
    seq, item = seq_of(x, arg)
    item = STR if item.kind == "char" else item
    ty = Ty("set", (item,))
    if seq.ty.kind == "str":
        v, c = x.tmp("v"), x.tmp("c")
        return E(x.iife(f"{x.t(ty)} {v}; for (char {c} : {seq.code}) {v}.insert(std::string(1, {c})); return {v};"
                        ).code, ATOM, ty)
    pre, name = bound(x, arg, seq)
    return E(x.iife(f"{pre}return {x.t(ty)}({name}.begin(), {name}.end());").code if pre else
             f"{x.t(ty)}({name}.begin(), {name}.end())", ATOM, ty)


def _reversed(x, node):
    arg = _one(node, "reversed")
    seq, item = seq_of(x, arg)
    if seq.ty.kind not in ("list", "str"):
        raise Unsupported(f"reversed of a {seq.ty}")
    t = "std::string" if seq.ty.kind == "str" else x.t(seq.ty)
    pre, name = bound(x, arg, seq)
    code = f"{t}({name}.rbegin(), {name}.rend())"
    return E(x.iife(f"{pre}return {code};").code if pre else code, ATOM, STR if seq.ty.kind == "str" else seq.ty)


def _str(x, node):
    e = x.cpp(_one(node, "str"))
    if e.ty.kind == "int":
        return E(f"std::to_string({e.code})", ATOM, STR)
    if py(e.ty).kind == "str":
        return x.string(e)
    raise Unsupported(f"str of a {e.ty} (C++ prints it differently)")


def _parsed(x, fn: str, text: E, ty: Ty, base: str = "") -> E:
    """``std::stoll``/``std::stod`` of the whole string (surrounding whitespace allowed), throwing as Python's
    ``int``/``float`` raise where characters are left over (``stoll("12ab")`` alone gives 12)."""
    s, p, v = x.tmp("s"), x.tmp("p"), x.tmp("v")
    extra = f", {base}" if base else ""
    return E(x.iife(f"const std::string {s} = {x.string(text).code}; std::size_t {p} = 0; const auto {v} = std::{fn}("
                    f"{s}, &{p}{extra}); while ({p} < {s}.size() && std::isspace(static_cast<unsigned char>({s}[{p}])))"
                    f" ++{p}; if ({p} != {s}.size()) throw std::invalid_argument(\"invalid literal\"); return {v};"
                    ).code, ATOM, ty)


def _int(x, node):
    if len(node.args) == 2:
        s, base = x.cpp(node.args[0]), x.cpp(node.args[1])
        if py(s.ty).kind != "str":
            raise Unsupported("int(x, base) of a non-string")
        return _parsed(x, "stoll", s, INT, base.code)
    e = x.cpp(_one(node, "int"))
    if py(e.ty).kind == "str":
        if e.ty.kind == "char":  # a digit
            return E(f"std::stoll(std::string(1, {e.code}))", ATOM, INT)
        return _parsed(x, "stoll", e, INT)
    if e.ty.kind in ("float", "bool"):
        return E(f"static_cast<long long>({e.code})", ATOM, INT)
    if e.ty.kind == "int":
        return e
    raise Unsupported(f"int of a {e.ty}")


def _float(x, node):
    e = x.cpp(_one(node, "float"))
    if py(e.ty).kind == "str":
        return _parsed(x, "stod", e, FLOAT)
    if is_num(e.ty):
        return E(f"static_cast<double>({e.code})", ATOM, FLOAT)
    raise Unsupported(f"float of a {e.ty}")


def _bool(x, node):
    return x.truth(_one(node, "bool"))


def _round(x, node):
    e = x.cpp(_one(node, "round"))
    if e.ty.kind == "int":
        return e
    if e.ty.kind != "float":
        raise Unsupported(f"round of a {e.ty}")
    return E(f"static_cast<long long>(std::nearbyint({e.code}))", ATOM, INT)


def _ord(x, node):
    arg = _one(node, "ord")
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and len(arg.value) == 1 and arg.value.isascii():
        return E(str(ord(arg.value)), ATOM, INT)  # ``ord("a")``: the number
    e = x.cpp(arg)
    if e.ty.kind != "char":
        raise Unsupported("ord of a string that is not known to be one character")
    return E(f"static_cast<long long>(static_cast<unsigned char>({e.code}))", ATOM, INT)


def _chr(x, node):
    e = x.cpp(_one(node, "chr"))
    if e.ty.kind != "int":
        raise Unsupported(f"chr of a {e.ty}")
    return E(f"static_cast<char>({e.code})", ATOM, CHAR)


def _bin(x, node):
    e = x.cpp(_one(node, "bin"))
    if e.ty.kind not in ("int", "bool"):
        raise Unsupported(f"bin of a {e.ty}")
    v, u, r = x.tmp("v"), x.tmp("u"), x.tmp("r")
    return E(x.iife(f"const long long {v} = {e.code}; unsigned long long {u} = {v} < 0 ? 0ULL - static_cast<unsigned "
                    f"long long>({v}) : static_cast<unsigned long long>({v}); std::string {r}; do {{ {r} += static_cast"
                    f"<char>('0' + ({u} & 1ULL)); {u} >>= 1; }} while ({u} != 0); std::reverse({r}.begin(), {r}.end());"
                    f" return ({v} < 0 ? std::string(\"-0b\") : std::string(\"0b\")) + {r};").code, ATOM, STR)


def _all_any(x, node):
    from translate.translation.py_cpp_loops import loop

    name = node.func.id
    arg = _one(node, name)
    miss = "true" if name == "all" else "false"
    if isinstance(arg, (ast.GeneratorExp, ast.ListComp)):
        inner = x.child()
        lines = []
        for gen in arg.generators:
            before, header, inside = loop(inner, gen.target, gen.iter, set())
            lines += before + [header + " {"] + inside
            for cond in gen.ifs:
                lines.append(f"if ({negate(inner.truth(cond)).code}) continue;")
        test = inner.truth(arg.elt)
        check = f"if ({negate(test).code}) return false;" if name == "all" else f"if ({test.code}) return true;"
        body = " ".join(lines) + f" {check}" + " }" * len(arg.generators) + f" return {miss};"
        return E(x.iife(body).code, ATOM, BOOL)
    seq, item = seq_of(x, arg)
    if item.kind != "bool":
        raise Unsupported(f"{name} of {item}")
    b = x.tmp("b")
    test = f"if (!{b}) return false;" if name == "all" else f"if ({b}) return true;"
    return E(x.iife(f"for (bool {b} : {seq.code}) {{ {test} }} return {miss};").code, ATOM, BOOL)


def _math(x, attr: str, node: ast.Call) -> E:
    args = [x.cpp(a) for a in node.args]
    if node.keywords or any(not is_num(a.ty) for a in args):
        raise Unsupported(f"math.{attr} of {[str(a.ty) for a in args]}")
    codes = ", ".join(a.code for a in args)
    if attr in _MATH:
        return E(f"std::{attr}({codes})", ATOM, _MATH[attr])
    if attr in ("floor", "ceil", "trunc") and len(args) == 1:
        return E(f"static_cast<long long>(std::{attr}({codes}))", ATOM, INT)
    if attr == "gcd" and len(args) == 2 and all(a.ty.kind == "int" for a in args):
        return E(f"std::gcd<long long, long long>({codes})", ATOM, INT)
    if attr == "isqrt" and len(args) == 1 and pure(node.args[0]):
        r = x.tmp("r")
        return E(x.iife(f"long long {r} = static_cast<long long>(std::sqrt(static_cast<double>({codes}))); "
                        f"while ({r} * {r} > {codes}) --{r}; while (({r} + 1) * ({r} + 1) <= {codes}) ++{r}; "
                        f"return {r};").code, ATOM, INT)
    raise Unsupported(f"math.{attr}")


_BUILTINS = {"len": _len, "abs": _abs, "min": _minmax, "max": _minmax, "sum": _sum, "sorted": _sorted,
             "list": _list, "set": _set, "reversed": _reversed, "str": _str, "int": _int, "float": _float,
             "bool": _bool, "bin": _bin, "round": _round, "ord": _ord, "chr": _chr, "all": _all_any, "any": _all_any}
