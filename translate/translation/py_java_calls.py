"""Python's builtins in Java, for the Python -> Java rule (:mod:`py_java_exprs`); methods: :mod:`py_java_methods`.

Where Python raises, the Java throws (``max`` of an empty list: ``Collections.max``'s NoSuchElementException,
``int`` of a string that is no number: NumberFormatException), so the behaviour check sees the same outcome.
``sorted`` is a stable sort of a copy (``key=`` as a comparator of the keys, ``reverse=`` reversing it: equal
items keep their order either way, as Python's), ``round`` halves to even (``Math.rint``), ``str`` of an integer
is ``String.valueOf``; ``str`` of a float prints differently in Java and is left to the model.
"""
from __future__ import annotations

import ast

from translate.translation.py_cpp_calls import _keywords
from translate.translation.py_cpp_exprs import E, negate, par
from translate.translation.py_cpp_types import CHAR, py
from translate.translation.py_js_exprs import ATOM, COND, UNARY, pure
from translate.translation.py_js_types import BOOL, FLOAT, INT, STR, Ty, Unsupported, elem, is_num, known

_MATH = {"sqrt", "exp", "log", "log10", "sin", "cos", "tan", "atan", "hypot", "pow"}


def call(x, node: ast.Call) -> E:
    f = node.func
    if isinstance(f, ast.Attribute):
        if isinstance(f.value, ast.Name) and f.value.id == "math" and "math" not in x.scope:
            return _math(x, f.attr, node)
        if isinstance(f.value, ast.Name) and f.value.id in x.shims and f.value.id not in x.scope:
            from translate.translation.py_java_re import call as shim_call

            return shim_call(x, f.value.id, f.attr, node)
        from translate.translation.py_java_methods import method

        return method(x, node)
    if not isinstance(f, ast.Name):
        raise Unsupported("a call of a computed function")
    if f.id in x.scope:
        raise Unsupported(f"a call of the local {f.id!r}")
    if f.id in x.functions:
        ret = x.functions[f.id]
        if ret.kind in ("any", "mixed") or node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise Unsupported(f"a call of {f.id} (its return type is not known)")
        args = [x.java(a) for a in node.args]
        return E(f"{f.id}({', '.join(x.string(a).code for a in args)})", ATOM, ret)
    handler = _BUILTINS.get(f.id)
    if handler is None:
        raise Unsupported(f"the builtin {f.id}")
    if node.keywords and f.id not in ("sorted", "max", "min"):
        raise Unsupported(f"{f.id} with keywords")
    return handler(x, node)


def one(node: ast.Call, name: str) -> ast.expr:
    if len(node.args) != 1 or isinstance(node.args[0], ast.Starred):
        raise Unsupported(f"{name} of {len(node.args)} arguments")
    return node.args[0]


def seq_of(x, node: ast.expr) -> tuple[E, Ty]:
    """A Java collection (a comprehension's list for a generator or a range) or a string holding what iterating
    ``node`` gives, and its items' Python type (a string's: ``char``)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range" \
            and "range" not in x.scope:
        node = ast.ListComp(ast.Name("_i_"), [ast.comprehension(ast.Name("_i_", ast.Store()), node, [], 0)])
    e = x.java(node)
    kind = known(e.ty, "a sequence").kind
    if kind == "str":
        return e, CHAR
    if kind in ("list", "set") and e.ty.args:
        return e, py(elem(e.ty))
    if kind == "dict" and e.ty.args:
        return E(f"{par(e, ATOM)}.keySet()", ATOM, Ty("set", (e.ty.args[0],))), py(e.ty.args[0])
    raise Unsupported(f"iterating a {e.ty}")


def as_int(x, e: E) -> E:
    """A Java ``int`` (a size, an index) as an integer of the function's width."""
    return e if x.widths.int_t == "int" else E(f"(long) {par(e, UNARY)}", UNARY, INT)


def _len(x, node):
    arg = x.java(one(node, "len"))
    kind = known(arg.ty, "len's argument").kind
    if kind == "str":
        return as_int(x, E(f"{par(arg, ATOM)}.length()", ATOM, INT))
    if kind in ("list", "set", "dict"):
        return as_int(x, E(f"{par(arg, ATOM)}.size()", ATOM, INT))
    raise Unsupported(f"len of a {arg.ty}")


def _abs(x, node):
    v = x.num(x.java(one(node, "abs")))
    if not is_num(v.ty):
        raise Unsupported(f"abs of a {v.ty}")
    return E(f"Math.abs({v.code})", ATOM, v.ty)


def compare_keys(x, ka: E, kb: E) -> str:
    """``cmp(ka, kb)`` of two keys of one Python type: numbers, strings, bools."""
    kind = ka.ty.kind
    if kind == "int":
        return f"{'Long' if x.widths.int_t == 'long' else 'Integer'}.compare({ka.code}, {kb.code})"
    if kind == "float":
        return f"Double.compare({ka.code}, {kb.code})"
    if kind == "char":
        return f"Character.compare({ka.code}, {kb.code})"
    if kind == "bool":
        return f"Boolean.compare({ka.code}, {kb.code})"
    if kind == "str":
        return f"{par(ka, ATOM)}.compareTo({kb.code})"
    raise Unsupported(f"a key of type {ka.ty}")


def comparator(x, key: ast.expr | None, item: Ty, reverse: bool) -> str:
    """A Java ``Comparator`` lambda ordering items of ``item`` by Python's ``key`` (None: the items)."""
    a, b = x.tmp("a"), x.tmp("b")
    keys, pre = [], []
    for name in (a, b):
        inner = x.child(pre=[])
        v = inner.unboxed(name, item) if item.kind in ("int", "float", "bool", "char") else E(name, ATOM, item)
        if key is None:
            k = v
        elif isinstance(key, ast.Lambda):
            if len(key.args.args) != 1 or key.args.defaults:
                raise Unsupported("a key lambda that does not take one argument")
            inner.bind(key.args.args[0].arg, item, f"(({v.code}))")
            k = inner.java(key.body)
        elif isinstance(key, ast.Name):
            inner.bind("_item_", item, f"({v.code})")
            k = inner.java(ast.Call(key, [ast.Name("_item_", ast.Load())], []))
        else:
            raise Unsupported("a key that is not a lambda or a function's name")
        pre += inner.pre  # statements a key needs: the lambda's block
        keys.append(k)
    ka, kb = keys
    if py(ka.ty) != py(kb.ty):
        raise Unsupported("keys of two types")
    first, second = (kb, ka) if reverse else (ka, kb)
    if pre:
        return f"({a}, {b}) -> {{ {' '.join(pre)} return {compare_keys(x, first, second)}; }}"
    return f"({a}, {b}) -> {compare_keys(x, first, second)}"


def reverse_of(kw: dict[str, ast.expr]) -> bool:
    rev = kw.get("reverse")
    if rev is not None and not (isinstance(rev, ast.Constant) and isinstance(rev.value, bool)):
        raise Unsupported("reverse= that is not a constant")
    return rev is not None and rev.value


def _minmax(x, node):
    name = node.func.id
    kw = _keywords(node, {"key"})
    if len(node.args) > 1:
        if "key" in kw:
            raise Unsupported(f"{name} of several arguments with a key")
        parts = [x.num(x.java(a)) for a in node.args]
        if not all(is_num(p.ty) for p in parts):
            raise Unsupported(f"{name} of {', '.join(str(p.ty) for p in parts)}")
        ty = FLOAT if any(p.ty.kind == "float" for p in parts) else INT
        out = parts[0].code
        for p in parts[1:]:
            out = f"Math.{name}({out}, {p.code})"
        return E(out, ATOM, ty)
    seq, item = seq_of(x, one(node, name))
    if item.kind not in ("int", "float", "str", "char"):
        raise Unsupported(f"{name} of {item}")
    if seq.ty.kind == "str":
        raise Unsupported(f"{name} of a string's characters")
    pick = "max" if name == "max" else "min"
    if "key" in kw:
        # both keep the first of equal keys, as Python's
        return x.unboxed(f"Collections.{pick}({seq.code}, {comparator(x, kw['key'], item, False)})", item)
    return x.unboxed(f"Collections.{pick}({seq.code})", item)


def _sum(x, node):
    if len(node.args) == 2 and isinstance(node.args[1], ast.Constant) and node.args[1].value == 0:
        node = ast.Call(node.func, node.args[:1], [])
    seq, item = seq_of(x, one(node, "sum"))
    if item.kind not in ("int", "float", "bool"):
        raise Unsupported(f"sum of {item}")
    s = x.tmp("sum")
    ty = FLOAT if item.kind == "float" else INT
    v = x.tmp("v")
    x.pre.append(f"{x.t(ty)} {s} = 0;")
    add = f"({v} ? 1 : 0)" if item.kind == "bool" else v
    x.pre.append(f"for ({x.t(item)} {v} : {seq.code}) {{ {s} += {add}; }}")
    return E(s, ATOM, ty)


def _sorted(x, node):
    kw = _keywords(node, {"key", "reverse"})
    seq, item = seq_of(x, one(node, "sorted"))
    if seq.ty.kind == "str":  # a string's characters, as one-character strings
        item, v = STR, _strings(x, seq, "list").code
    else:
        v = x.tmp("v")
        x.pre.append(f"{x.t(Ty('list', (item,)))} {v} = {x.widths.new(Ty('list', (item,)), seq.code)};")
    if item.kind not in ("int", "float", "str", "char", "bool") and "key" not in kw:
        raise Unsupported(f"sorting {item}")
    rev = kw.get("reverse")
    if rev is not None and not isinstance(rev, ast.Constant) and "key" not in kw:  # a reverse= computed
        flag = x.truth(rev)
        x.pre.append(f"{v}.sort({par(flag, COND + 1)} ? Collections.reverseOrder() : Comparator.naturalOrder());")
        return E(v, ATOM, Ty("list", (item,)))
    reverse = reverse_of(kw)
    if "key" in kw or reverse:
        x.pre.append(f"{v}.sort({comparator(x, kw.get('key'), item, reverse)});")
    else:
        x.pre.append(f"Collections.sort({v});")
    return E(v, ATOM, Ty("list", (item,)))


def _strings(x, seq: E, kind: str) -> E:
    """A new list or set (``kind``) of the string ``seq``'s characters, as one-character strings."""
    ty = Ty(kind, (STR,))
    v, c = x.tmp("v"), x.tmp("c")
    x.pre.append(f"{x.t(ty)} {v} = {x.widths.new(ty)};")
    x.pre.append(f"for (char {c} : {par(seq, ATOM)}.toCharArray()) {{ {v}.add(String.valueOf({c})); }}")
    return E(v, ATOM, ty)


def _collection(x, node):
    """``list(xs)`` or ``set(xs)``: a new one holding what iterating ``xs`` gives."""
    kind = node.func.id
    if not node.args:
        raise Unsupported(f"{kind}() whose type is not known here")
    seq, item = seq_of(x, one(node, kind))
    if seq.ty.kind == "str":
        return _strings(x, seq, kind)
    ty = Ty(kind, (item,))
    return E(x.widths.new(ty, seq.code), ATOM, ty)


def _reversed(x, node):
    seq, item = seq_of(x, one(node, "reversed"))
    if seq.ty.kind == "str":
        return E(f"new StringBuilder({seq.code}).reverse().toString()", ATOM, STR)  # iterated: its chars
    if seq.ty.kind != "list":
        raise Unsupported(f"reversed of a {seq.ty}")
    v = x.tmp("v")
    x.pre += [f"{x.t(seq.ty)} {v} = {x.widths.new(seq.ty, seq.code)};", f"Collections.reverse({v});"]
    return E(v, ATOM, seq.ty)


def _str(x, node):
    v = x.java(one(node, "str"))
    kind = v.ty.kind
    if kind in ("int", "char"):
        return E(f"String.valueOf({v.code})", ATOM, STR)
    if kind == "str":
        return v
    if kind == "bool":
        return E(f'({par(v, COND + 1)} ? "True" : "False")', ATOM, STR)
    raise Unsupported(f"str of a {v.ty} (Java prints it differently)")


def _int(x, node):
    v = x.java(one(node, "int"))
    kind = v.ty.kind
    parse = "Long.parseLong" if x.widths.int_t == "long" else "Integer.parseInt"
    if kind == "str":
        return E(f"{parse}({par(v, ATOM)}.strip())", ATOM, INT)
    if kind == "char":
        return E(f"{parse}(String.valueOf({v.code}))", ATOM, INT)
    if kind == "float":
        return E(f"({x.widths.int_t}) {par(v, UNARY)}", UNARY, INT)
    if kind in ("int", "bool"):
        return x.num(v)
    raise Unsupported(f"int of a {v.ty}")


def _float(x, node):
    v = x.java(one(node, "float"))
    kind = v.ty.kind
    if kind == "str":
        return E(f"Double.parseDouble({par(v, ATOM)}.strip())", ATOM, FLOAT)
    if kind in ("int", "float", "bool"):
        return E(f"(double) {par(x.num(v), UNARY)}", UNARY, FLOAT)
    raise Unsupported(f"float of a {v.ty}")


def _bool(x, node):
    return x.truth(one(node, "bool"))


def _bin(x, node):
    v = x.num(x.java(one(node, "bin")))
    if v.ty.kind != "int":
        raise Unsupported(f"bin of a {v.ty}")
    n = v.code if pure(one(node, "bin")) else x.tmp("n")
    if n != v.code:
        x.pre.append(f"long {n} = {v.code};")
    return E(f'({n} < 0 ? "-0b" + Long.toBinaryString(-{n}) : "0b" + Long.toBinaryString({n}))', ATOM, STR)


def _round(x, node):
    if len(node.args) == 2 and isinstance(node.args[1], ast.Constant) and type(node.args[1].value) is int:
        v = x.num(x.java(node.args[0]))  # the double's exact value rounded half to even, as Python's
        if v.ty.kind != "float":
            raise Unsupported(f"round of a {v.ty} to digits")
        return E(f"new java.math.BigDecimal({v.code}).setScale({node.args[1].value}, "
                 f"java.math.RoundingMode.HALF_EVEN).doubleValue()", ATOM, FLOAT)
    v = x.num(x.java(one(node, "round")))
    if v.ty.kind == "int":
        return v
    if v.ty.kind != "float":
        raise Unsupported(f"round of a {v.ty}")
    return E(f"({x.widths.int_t}) Math.rint({v.code})", UNARY, INT)  # halves to even, as Python


def _ord(x, node):
    v = x.java(one(node, "ord"))
    if v.ty.kind == "char":
        return E(f"({x.widths.int_t}) {par(v, UNARY)}", UNARY, INT)
    if v.ty.kind == "str":
        return E(f"({x.widths.int_t}) {par(v, ATOM)}.charAt(0)", UNARY, INT)
    raise Unsupported(f"ord of a {v.ty}")


def _chr(x, node):
    v = x.java(one(node, "chr"))
    if v.ty.kind != "int":
        raise Unsupported(f"chr of a {v.ty}")
    return E(f"(char) {par(v, UNARY)}", UNARY, CHAR)


def _all_any(x, node):
    name = node.func.id
    arg = one(node, name)
    if isinstance(arg, (ast.GeneratorExp, ast.ListComp)):  # each item's truth, short of the first that decides
        arg = type(arg)(ast.Call(ast.Name("bool", ast.Load()), [arg.elt], []), arg.generators)
    seq, item = seq_of(x, arg)
    if item.kind != "bool":
        raise Unsupported(f"{name} of {item}")
    code = f"{par(seq, ATOM)}.contains({'false' if name == 'all' else 'true'})"
    return negate(E(code, ATOM, BOOL)) if name == "all" else E(code, ATOM, BOOL)


def _math(x, attr: str, node: ast.Call) -> E:
    args = [x.num(x.java(a)) for a in node.args]
    if not all(is_num(a.ty) for a in args) or node.keywords:
        raise Unsupported(f"math.{attr} of these arguments")
    codes = ", ".join(a.code for a in args)
    if attr in ("floor", "ceil") and len(args) == 1:
        return E(f"({x.widths.int_t}) Math.{attr}({codes})", UNARY, INT)
    if attr == "fabs" and len(args) == 1:
        return E(f"Math.abs((double) {par(args[0], UNARY)})", ATOM, FLOAT)
    if attr in _MATH:
        if attr in ("sqrt", "log", "log10") and len(args) != 1:
            raise Unsupported(f"math.{attr} with a base")
        return E(f"Math.{attr}({codes})", ATOM, FLOAT)
    raise Unsupported(f"math.{attr}")


_BUILTINS = {"len": _len, "abs": _abs, "min": _minmax, "max": _minmax, "sum": _sum, "sorted": _sorted,
             "list": _collection, "set": _collection, "reversed": _reversed, "str": _str, "int": _int, "float": _float,
             "bool": _bool, "round": _round, "bin": _bin, "ord": _ord, "chr": _chr, "all": _all_any, "any": _all_any}
