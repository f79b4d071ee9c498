"""Python expressions in C++, typed, for the Python -> C++ rule (:mod:`py_cpp_rule`).

Every expression carries its Python type (:mod:`py_js_types`; a string's character is a ``char``,
:data:`~translate.translation.py_cpp_types.CHAR`). Python's meaning is written where C++'s differs: ``/`` on
integers divides as floats, ``//`` floors and ``%`` takes the divisor's sign, ``**`` on integers stays exact, a
negative index counts from the end, a slice clamps its bounds, ``len`` is signed, an empty container is false,
``d[k]`` on a missing key raises (``at``). What needs statements inside an expression (a comprehension, a sorted
copy) is a lambda called where it stands (``[&] { ... }()``). What is not covered raises
:class:`~translate.translation.py_js_types.Unsupported`.
"""
from __future__ import annotations

import ast
import itertools
from dataclasses import dataclass

from translate.translation.py_cpp_types import CHAR, Widths, py
from translate.translation.py_js_exprs import (
    ADD,
    AND,
    ATOM,
    COND,
    EQ,
    OR,
    REL,
    UNARY,
    Exprs,
    pure,
)
from translate.translation.py_js_statements import none_test as js_none_test
from translate.translation.py_js_types import (
    BOOL,
    FLOAT,
    INT,
    NONE,
    STR,
    Ty,
    Unsupported,
    is_num,
    join,
    known,
    list_of,
)

_INT_MAX = 2 ** 63 - 1


@dataclass
class E:
    code: str
    prec: int
    ty: Ty
    raw: bool = False  # a string literal (``const char*``), not yet a ``std::string``


def par(e: E, level: int) -> str:
    return e.code if e.prec >= level else f"({e.code})"


def str_literal(s: str) -> str:
    out = []
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 32 or ord(ch) == 127:
            out.append(f"\\{ord(ch):03o}")
        elif ord(ch) > 127:
            raise Unsupported("a string that is not ASCII (a C++ string holds bytes, Python's code points)")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def char_literal(ch: str) -> str:
    return "'" + ("\\'" if ch == "'" else str_literal(ch)[1:-1].replace('\\"', '"')) + "'"


class CppExprs:
    """Expressions of one function: ``scope`` maps its Python names to (C++ name, type); ``nonneg`` holds the
    names known never to be negative (counters from 0 up)."""

    def __init__(self, scope: dict[str, tuple[str, Ty]], functions: dict[str, Ty], widths: Widths,
                 counter: itertools.count | None = None):
        self.scope = scope
        self.functions = functions
        self.widths = widths
        self.nonneg: set[str] = set()
        self.narrowed: set[str] = set()  # optional names known to hold a value here (``if x is not None:``)
        self.counter = counter or itertools.count(1)

    def child(self) -> CppExprs:
        out = CppExprs(dict(self.scope), self.functions, self.widths, self.counter)
        out.nonneg = set(self.nonneg)
        out.narrowed = set(self.narrowed)
        return out

    def tmp(self, stem: str) -> str:
        """A name no Python name takes (Python names never end in a digit and an underscore here)."""
        return f"{stem}{next(self.counter)}_"

    def t(self, ty: Ty) -> str:
        return self.widths.cpp(ty)

    def bind(self, name: str, ty: Ty, cpp: str | None = None) -> str:
        from translate.translation.py_cpp_names import cpp_name

        out = cpp or cpp_name(name, {c for c, _ in self.scope.values()})
        self.scope[name] = (out, ty)
        return out

    def cpp(self, node: ast.expr) -> E:
        method = getattr(self, "_" + type(node).__name__, None)
        if method is None:
            raise Unsupported(f"a Python {type(node).__name__} expression")
        return method(node)

    # what a value becomes where C++ needs a std::string, or a value of a type
    @staticmethod
    def string(e: E) -> E:
        if e.ty.kind == "char":
            return E(f"std::string(1, {e.code})", ATOM, STR)
        if e.raw:
            return E(f"std::string({e.code})", ATOM, STR)
        return e

    def value(self, e: E, ty: Ty) -> str:
        """``e`` written where a value of type ``ty`` is wanted (a declaration, an argument, a return)."""
        have, want = py(e.ty).kind, py(ty).kind
        if have != want and have not in ("any", "mixed") and want not in ("any", "mixed", "opt") and not (
                have in ("int", "bool", "float") and want in ("int", "bool", "float")):
            raise Unsupported(f"a {e.ty} where a {ty} is wanted")
        if want == "str" and ty.kind != "char":
            return self.string(e).code
        if ty.kind == "char" and e.ty.kind != "char":
            raise Unsupported("a string where a character is wanted")
        if e.ty.kind == ty.kind and ty.kind in ("list", "set", "dict", "tuple") and self.t(py(e.ty)) != self.t(ty):
            raise Unsupported(f"a {e.ty} where a {ty} is wanted")
        return e.code

    def value_of(self, node: ast.expr, ty: Ty) -> str:
        """The Python expression ``node`` written where a value of type ``ty`` is wanted: an empty display or
        ``list()`` typed from ``ty``, a tuple or list display element by element (a C++ brace list)."""
        empty = isinstance(node, (ast.List, ast.Set, ast.Tuple)) and not node.elts or isinstance(
            node, ast.Dict) and not node.keys or isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
            and node.func.id in ("list", "set", "dict") and node.func.id not in self.scope and not node.args \
            and not node.keywords
        if empty:
            return f"{self.t(ty)}{{}}"
        if isinstance(node, (ast.Tuple, ast.List)) and ty.kind in ("tuple", "list") and ty.args and not any(
                isinstance(e, ast.Starred) for e in node.elts):
            if ty.kind == "tuple" and len(ty.args) != len(node.elts):
                raise Unsupported(f"a display of {len(node.elts)} items where a {ty} is wanted")
            items = ty.args if ty.kind == "tuple" else [ty.args[0]] * len(node.elts)
            return f"{self.t(ty)}{{{', '.join(self.braced(self.value_of(e, t), t, e) for e, t in zip(node.elts, items, strict=True))}}}"
        return self.value(self.cpp(node), ty)

    def braced(self, code: str, ty: Ty, node: ast.expr | None) -> str:
        """``code`` as an item of a brace list of ``ty``: a computed number cast where the declared type is
        narrower than the one it is computed in (``{static_cast<int>(i)}``: braces refuse a narrowing)."""
        if isinstance(node, ast.Constant) or ty.kind not in ("int", "float"):
            return code
        if ty.kind == "int" and self.widths.int_t != "long long" or ty.kind == "float" and self.widths.float_t \
                != "double":
            return f"static_cast<{self.t(ty)}>({code})"
        return code

    def iife(self, body: str) -> E:
        """Statements run where an expression stands; ``body`` ends in a ``return``."""
        return E(f"[&] {{ {body} }}()", ATOM, Ty("any"))

    # atoms
    def _Constant(self, node: ast.Constant) -> E:
        v = node.value
        if isinstance(v, bool):
            return E("true" if v else "false", ATOM, BOOL)
        if isinstance(v, int):
            if v > _INT_MAX:
                raise Unsupported("an integer beyond 64 bits")
            return E(str(v) + ("LL" if v > 2 ** 31 - 1 else ""), ATOM, INT)
        if isinstance(v, float):
            if v != v or v in (float("inf"), float("-inf")):
                return E("std::numeric_limits<double>::infinity()", ATOM, FLOAT) if v > 0 else E(
                    "-std::numeric_limits<double>::infinity()", UNARY, FLOAT)
            text = repr(v)
            text = text if any(c in text for c in ".e") else text + ".0"
            # where the values are declared ``float``, so are the constants they are compared with (Python's
            # ``x > 1.7`` is false for ``x = 1.7``; C++'s ``1.7f > 1.7`` is true)
            return E(text + ("f" if self.widths.float_t == "float" else ""), ATOM, FLOAT)
        if isinstance(v, str):
            return E(str_literal(v), ATOM, STR, raw=True)
        if v is None:
            return E("std::nullopt", ATOM, NONE)
        raise Unsupported(f"a {type(v).__name__} constant")

    def _Name(self, node: ast.Name) -> E:
        if node.id in self.scope:
            name, ty = self.scope[node.id]
            if ty.kind == "opt" and node.id in self.narrowed and ty.args:
                return E(f"*{name}", UNARY, ty.args[0])  # known not None here
            return E(name, ATOM, ty)
        if node.id in self.functions:
            return E(node.id, ATOM, Ty("func", (self.functions[node.id],)))
        raise Unsupported(f"the name {node.id!r} (not a local, a parameter or a function of the file)")

    def _Attribute(self, node: ast.Attribute) -> E:
        if isinstance(node.value, ast.Name) and node.value.id == "math" and "math" not in self.scope:
            consts = {"pi": "M_PI", "e": "M_E", "inf": "std::numeric_limits<double>::infinity()"}
            if node.attr in consts:
                return E(consts[node.attr], ATOM, FLOAT)
        raise Unsupported(f"the attribute .{node.attr}")

    def _List(self, node: ast.List) -> E:
        if any(isinstance(e, ast.Starred) for e in node.elts):
            raise Unsupported("a starred element")
        if not node.elts:
            raise Unsupported("an empty list whose type is not known here")
        parts = [self.cpp(e) for e in node.elts]
        ty = list_of(py(_join([p.ty for p in parts])))
        elt = ty.args[0]
        return E(f"{self.t(ty)}{{{', '.join(self.braced(self.value(p, elt), elt, n) for p, n in zip(parts, node.elts))}}}",
                 ATOM, ty)

    def _Tuple(self, node: ast.Tuple) -> E:
        parts = [self.cpp(e) for e in node.elts]
        ty = Ty("tuple", tuple(py(p.ty) for p in parts))
        return E(f"std::make_tuple({', '.join(self.value(p, py(p.ty)) for p in parts)})", ATOM, ty)

    def _Set(self, node: ast.Set) -> E:
        parts = [self.cpp(e) for e in node.elts]
        ty = Ty("set", (py(_join([p.ty for p in parts])),))
        items = ", ".join(self.braced(self.value(p, ty.args[0]), ty.args[0], n) for p, n in zip(parts, node.elts))
        return E(f"{self.t(ty)}{{{items}}}", ATOM, ty)

    def _Dict(self, node: ast.Dict) -> E:
        if not node.keys or any(k is None for k in node.keys):
            raise Unsupported("an empty dict or a ** in a dict display")
        keys = [self.cpp(k) for k in node.keys if k is not None]
        values = [self.cpp(v) for v in node.values]
        ty = Ty("dict", (py(_join([k.ty for k in keys])), py(_join([v.ty for v in values]))))
        pairs = ", ".join(f"{{{self.braced(self.value(k, ty.args[0]), ty.args[0], kn)}, "
                          f"{self.braced(self.value(v, ty.args[1]), ty.args[1], vn)}}}"
                          for k, v, kn, vn in zip(keys, values, node.keys, node.values, strict=True))
        return E(f"{self.t(ty)}{{{pairs}}}", ATOM, ty)

    # operators
    def _UnaryOp(self, node: ast.UnaryOp) -> E:
        if isinstance(node.op, ast.Not):
            return negate(self.truth(node.operand))
        v = self.cpp(node.operand)
        if not is_num(known(v.ty, "a unary operator")):
            raise Unsupported(f"a unary operator on {v.ty}")
        op = {ast.USub: "-", ast.UAdd: "+", ast.Invert: "~"}[type(node.op)]
        return E(op + par(v, UNARY + (1 if v.code.startswith(op) else 0)), UNARY, INT if v.ty.kind == "bool" else v.ty)

    def _BinOp(self, node: ast.BinOp) -> E:
        from translate.translation.py_cpp_ops import binop

        return binop(self, node)

    nonnegative = Exprs.nonnegative  # the same names, constants, lengths and sums as the JavaScript rule's

    def _BoolOp(self, node: ast.BoolOp) -> E:
        sym, level = ("&&", AND) if isinstance(node.op, ast.And) else ("||", OR)
        parts = self.operands(node, self.cpp)
        if all(p.ty.kind == "bool" for p in parts):
            return E(f" {sym} ".join(par(p, level + 1) for p in parts), level, BOOL)
        if len(parts) == 2 and pure(node.values[0]) and py(parts[0].ty) == py(parts[1].ty):
            a, b = parts  # ``s or "none"``: the first where it is true (or, for and, false), else the second
            test = self.truth(node.values[0])
            if isinstance(node.op, ast.And):
                test = E("!" + par(test, UNARY), UNARY, BOOL)
            ty = py(a.ty)
            return E(f"{par(test, OR)} ? {self.value(a, ty)} : {self.value(b, ty)}", COND, ty)
        raise Unsupported("and/or on values that are not bools")

    def _IfExp(self, node: ast.IfExp) -> E:
        a, b = self.cpp(node.body), self.cpp(node.orelse)
        ty = _join([a.ty, b.ty])
        if py(a.ty).kind == "str" or py(b.ty).kind == "str":
            ty = STR if a.ty.kind != "char" or b.ty.kind != "char" else CHAR
        return E(f"{par(self.truth(node.test), OR)} ? {self.value(a, ty)} : {self.value(b, ty)}", COND, ty)

    def operands(self, node: ast.BoolOp, write) -> list[E]:
        """The operands of ``and``/``or`` written in order, each later one where the earlier ones narrow a name
        (``x is not None and x > 0``, ``x is None or x > 0``)."""
        saved = set(self.narrowed)
        out = []
        try:
            for v in node.values:
                out.append(write(v))
                some, none = none_test(v)
                name = some if isinstance(node.op, ast.And) else none
                if name is not None:
                    self.narrowed.add(name)
        finally:
            self.narrowed = saved
        return out

    def truth(self, node: ast.expr) -> E:
        """``node`` as a C++ condition with Python's truth: zero, an empty string or container is false."""
        if isinstance(node, ast.BoolOp):
            sym, level = ("&&", AND) if isinstance(node.op, ast.And) else ("||", OR)
            return E(f" {sym} ".join(par(p, level + 1) for p in self.operands(node, self.truth)), level, BOOL)
        v = self.cpp(node)
        kind = v.ty.kind
        if kind == "bool":
            return v
        if kind in ("int", "float"):
            return E(f"{par(v, REL)} != 0", EQ, BOOL)
        if kind == "char":
            return E("true", ATOM, BOOL)
        if kind in ("str", "list", "dict", "set"):
            return E(f"!{par(self.string(v), ATOM)}.empty()", UNARY, BOOL)
        if kind == "opt" and v.ty.args and v.ty.args[0].kind == "bool":
            raise Unsupported("the truth of an optional bool")
        if kind == "opt":
            return E(f"{par(v, ATOM)}.has_value()", ATOM, BOOL)
        raise Unsupported(f"the truth of {v.ty}")

    def _Compare(self, node: ast.Compare) -> E:
        from translate.translation.py_cpp_ops import compare

        return compare(self, node)

    def _Subscript(self, node: ast.Subscript) -> E:
        from translate.translation.py_cpp_items import subscript

        return subscript(self, node)

    def _Call(self, node: ast.Call) -> E:
        from translate.translation.py_cpp_calls import call

        return call(self, node)

    def _ListComp(self, node) -> E:
        from translate.translation.py_cpp_loops import comprehension

        return comprehension(self, node)

    _GeneratorExp = _SetComp = _DictComp = _ListComp

    def _JoinedStr(self, node: ast.JoinedStr) -> E:
        parts = []
        for part in node.values:
            if isinstance(part, ast.Constant):
                parts.append(str_literal(str(part.value)))
                continue
            assert isinstance(part, ast.FormattedValue)
            if part.conversion != -1 or part.format_spec is not None:
                raise Unsupported("an f-string conversion or format")
            v = self.cpp(part.value)
            if v.ty.kind == "int":
                parts.append(f"std::to_string({v.code})")
            elif py(v.ty).kind == "str":
                parts.append(self.string(v).code if not parts else par(v, ADD + 1))
            else:
                raise Unsupported(f"an f-string of a {v.ty}")
        if not parts:
            return E('std::string("")', ATOM, STR)
        if parts[0].startswith('"'):
            parts[0] = f"std::string({parts[0]})"
        return E(" + ".join(parts), ADD, STR)


def none_test(test: ast.expr) -> tuple[str | None, str | None]:
    """(the name known not None where ``test`` holds, the one known not None where it does not) of ``x is not
    None`` / ``x is None`` (or of an ``and`` holding the first, an ``or`` the second: ``x is None or x < y`` false)."""
    if isinstance(test, ast.BoolOp):
        picks = [none_test(v)[0 if isinstance(test.op, ast.And) else 1] for v in test.values]
        name = next((p for p in picks if p is not None), None)
        return (name, None) if isinstance(test.op, ast.And) else (None, name)
    return js_none_test(test)


def negate(e: E) -> E:
    """``!e``, without a double negation."""
    if e.prec == UNARY and e.code.startswith("!") and not e.code.startswith("!="):
        inner = e.code[1:]
        return E(inner, ATOM if inner.startswith("(") and inner.endswith(")") else UNARY, BOOL)
    return E("!" + par(e, UNARY), UNARY, BOOL)


def _join(types: list[Ty]) -> Ty:
    out = types[0] if types else Ty("any")
    for t in types[1:]:
        out = join(py(out), py(t)) if out != t else out
    return out
