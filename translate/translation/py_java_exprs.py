"""Python expressions in Java, typed, for the Python -> Java rule (:mod:`py_java_rule`).

Every expression carries its Python type (:mod:`py_js_types`; a string's character is a ``char``, as in the
Python -> C++ rule) and is of the Java type :class:`~translate.translation.py_java_types.JWidths` gives it: an
integer is always of the function's one width, an item read from a container is unboxed where it is read
(``(long) xs.get(i)``), so ``==`` never compares two boxes. Strings compare with ``equals``/``compareTo``.
What needs statements where an expression stands (a comprehension, a copy sorted or reversed) is written as
statements run before the statement holding it (``pre``): never inside a condition that is evaluated again
(``while``), nor in an operand that Python may not evaluate (after ``and``/``or``, a branch of ``x if c
else y``). What is not covered raises :class:`~translate.translation.py_js_types.Unsupported`.
"""
from __future__ import annotations

import ast
import itertools

from translate.translation.py_cpp_exprs import E, negate, none_test, par
from translate.translation.py_cpp_exprs import _join as join_types
from translate.translation.py_cpp_types import CHAR, py
from translate.translation.py_java_names import as_list, char_literal, java_name, str_literal
from translate.translation.py_java_types import JWidths
from translate.translation.py_js_exprs import ADD, AND, ATOM, COND, EQ, OR, REL, UNARY, Exprs, pure
from translate.translation.py_js_types import BOOL, FLOAT, INT, NONE, STR, Ty, Unsupported, is_num, known

_INT_MAX = {"long": 2 ** 63 - 1, "int": 2 ** 31 - 1}
IND = "    "


def _empty(node: ast.expr) -> bool:
    return isinstance(node, (ast.List, ast.Tuple, ast.Set)) and not node.elts or isinstance(
        node, ast.Dict) and not node.keys


class JavaExprs:
    """Expressions of one function: ``scope`` maps its Python names to (Java name, type); ``pre`` collects the
    statements the current statement needs run first (shared with child scopes of the same statement)."""

    def __init__(self, scope: dict[str, tuple[str, Ty]], functions: dict[str, Ty], widths: JWidths,
                 counter: itertools.count | None = None, pre: list[str] | None = None,
                 shims: frozenset[str] = frozenset()):
        self.scope = scope
        self.shims = shims  # Python modules the project has a class of (``re``: py_java_re)
        self.functions = functions
        self.widths = widths
        self.nonneg: set[str] = set()
        self.narrowed: set[str] = set()
        self.counter = counter or itertools.count(1)
        self.pre: list[str] = pre if pre is not None else []

    def child(self, pre: list[str] | None = None) -> JavaExprs:
        out = JavaExprs(dict(self.scope), self.functions, self.widths, self.counter,
                        self.pre if pre is None else pre, self.shims)
        out.nonneg = set(self.nonneg)
        out.narrowed = set(self.narrowed)
        return out

    def tmp(self, stem: str) -> str:
        return f"{stem}{next(self.counter)}_"

    def t(self, ty: Ty) -> str:
        return self.widths.java(ty)

    def bind(self, name: str, ty: Ty, java: str | None = None) -> str:
        out = java or java_name(name, {c for c, _ in self.scope.values()})
        self.scope[name] = (out, ty)
        return out

    def cpp(self, node: ast.expr) -> E:  # the name the Python -> C++ rule's statements call
        method = getattr(self, "_" + type(node).__name__, None)
        if method is None:
            raise Unsupported(f"a Python {type(node).__name__} expression")
        return method(node)

    java = cpp

    def guarded(self, write, node: ast.expr) -> E:
        """``write(node)`` where Python may not evaluate ``node``: no statements may run before it."""
        n = len(self.pre)
        out = write(node)
        if len(self.pre) != n:
            raise Unsupported("a comprehension or copy where Python may not evaluate it")
        return out

    # conversions
    def num(self, e: E) -> E:
        """A bool as Python's 0/1 where a number is wanted."""
        if e.ty.kind == "bool":
            return E(f"({par(e, COND + 1)} ? 1{self.widths.suffix} : 0{self.widths.suffix})", ATOM, INT)
        return e

    @staticmethod
    def string(e: E) -> E:
        if e.ty.kind == "char":
            return E(f"String.valueOf({e.code})", ATOM, STR)
        return e

    def unboxed(self, code: str, ty: Ty) -> E:
        """An item read from a container (a box) as the value it holds."""
        if ty.kind in ("int", "float", "bool", "char"):
            return E(f"({self.t(ty)}) {code}", UNARY, ty)
        return E(code, ATOM, ty)

    def value(self, e: E, ty: Ty, boxed: bool = False) -> str:
        """``e`` written where a value of type ``ty`` is wanted; ``boxed``: as a container's item (Java boxes
        only a value of exactly the item's primitive type)."""
        have, want = py(e.ty).kind, py(ty).kind
        if want == "opt":
            if e.ty.kind == "none":
                return "null"
            return self.value(e, ty.args[0], boxed=True) if e.ty.kind != "opt" else e.code
        if have in ("any", "mixed") or want in ("any", "mixed"):
            raise Unsupported(f"a {e.ty} where a {ty} is wanted")
        if e.ty.kind == "opt":
            raise Unsupported("a value that may be None where one is wanted")
        if have == "bool" and want in ("int", "float"):
            e = self.num(e)
            have = "int"
        if have != want and not (have == "int" and want == "float"):
            raise Unsupported(f"a {e.ty} where a {ty} is wanted")
        if want == "str" and ty.kind != "char":
            return self.string(e).code
        if ty.kind == "char" and e.ty.kind != "char":
            raise Unsupported("a string where a character is wanted")
        if have == "int" and want == "float" and boxed:
            return f"(double) {par(e, UNARY)}"
        if e.ty.kind == ty.kind and ty.kind in ("list", "set", "dict") and self.t(py(e.ty)) != self.t(ty):
            raise Unsupported(f"a {e.ty} where a {ty} is wanted")
        return e.code

    def value_of(self, node: ast.expr, ty: Ty, boxed: bool = False) -> str:
        """``node`` where a value of type ``ty`` is wanted: an empty display typed from ``ty``, a display item by
        item (a tuple too, where a list is wanted: the callers' ``List``; a pair where a table's row is wanted: its
        ``Map.entry``)."""
        empty = isinstance(node, (ast.List, ast.Set, ast.Tuple)) and not node.elts or isinstance(
            node, ast.Dict) and not node.keys or isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
            and node.func.id in ("list", "set", "dict") and node.func.id not in self.scope and not node.args \
            and not node.keywords
        if empty and ty.kind in ("list", "set", "dict"):
            return self.widths.new(ty)
        if isinstance(node, (ast.Tuple, ast.List)) and ty.kind == "list" and ty.args and not any(
                isinstance(e, ast.Starred) for e in node.elts):
            items = ", ".join(self.value_of(e, ty.args[0], boxed=True) for e in node.elts)
            return self.widths.new(ty, f"Arrays.asList({items})")
        if isinstance(node, ast.Tuple) and ty.kind == "tuple" and len(ty.args) == len(node.elts) == 2:  # a row
            key, value = (self.value_of(e, t, True) for e, t in zip(node.elts, ty.args, strict=True))
            return f"Map.entry({key}, {value})"
        return self.value(self.java(node), ty, boxed)

    # atoms
    def _Constant(self, node: ast.Constant) -> E:
        v = node.value
        if isinstance(v, bool):
            return E("true" if v else "false", ATOM, BOOL)
        if isinstance(v, int):
            if abs(v) > _INT_MAX[self.widths.int_t]:
                raise Unsupported(f"an integer beyond Java's {self.widths.int_t}")
            return E(str(v) + self.widths.suffix, ATOM, INT)
        if isinstance(v, float):
            if v != v:
                return E("Double.NaN", ATOM, FLOAT)
            if v in (float("inf"), float("-inf")):
                return E("Double.POSITIVE_INFINITY" if v > 0 else "Double.NEGATIVE_INFINITY", ATOM, FLOAT)
            text = repr(v)
            return E(text if any(c in text for c in ".e") else text + ".0", ATOM, FLOAT)
        if isinstance(v, str):
            return E(str_literal(v), ATOM, STR)
        if v is None:
            return E("null", ATOM, NONE)
        raise Unsupported(f"a {type(v).__name__} constant")

    def _Name(self, node: ast.Name) -> E:
        if node.id in self.scope:
            name, ty = self.scope[node.id]
            if ty.kind == "opt" and node.id in self.narrowed and ty.args:
                return E(name, ATOM, ty.args[0])  # known not None here: the box unboxes where a value is wanted
            return E(name, ATOM, ty)
        if node.id in self.functions:
            raise Unsupported(f"the function {node.id} as a value")
        raise Unsupported(f"the name {node.id!r} (not a local, a parameter or a function of the file)")

    def _Attribute(self, node: ast.Attribute) -> E:
        if isinstance(node.value, ast.Name) and node.value.id == "math" and "math" not in self.scope:
            consts = {"pi": "Math.PI", "e": "Math.E", "inf": "Double.POSITIVE_INFINITY"}
            if node.attr in consts:
                return E(consts[node.attr], ATOM, FLOAT)
        raise Unsupported(f"the attribute .{node.attr}")

    def _List(self, node: ast.List) -> E:
        if any(isinstance(e, ast.Starred) for e in node.elts) or not node.elts:
            raise Unsupported("a starred element or an empty list whose type is not known here")
        parts = [self.java(e) for e in node.elts]
        ty = Ty("list", (py(join_types([p.ty for p in parts])),))
        items = ", ".join(self.value(p, ty.args[0], boxed=True) for p in parts)
        return E(self.widths.new(ty, f"Arrays.asList({items})"), ATOM, ty)

    def _Tuple(self, node: ast.Tuple) -> E:
        """A tuple of one type is read as a list (``c in ("a", "b")``, ``for x in (1, 2)``); others are no Java
        value."""
        parts = [self.java(e) for e in node.elts]
        if not parts or len({py(p.ty) for p in parts}) != 1:
            raise Unsupported("a tuple of several types (not a Java value)")
        return self._List(ast.List(node.elts, ast.Load()))

    def _Set(self, node: ast.Set) -> E:
        parts = [self.java(e) for e in node.elts]
        ty = Ty("set", (py(join_types([p.ty for p in parts])),))
        items = ", ".join(self.value(p, ty.args[0], boxed=True) for p in parts)
        return E(self.widths.new(ty, f"Arrays.asList({items})"), ATOM, ty)

    def _Dict(self, node: ast.Dict) -> E:
        if not node.keys or any(k is None for k in node.keys):
            raise Unsupported("an empty dict or a ** in a dict display")
        keys = [self.java(k) for k in node.keys if k is not None]
        values = [self.java(v) for v in node.values]
        ty = Ty("dict", (py(join_types([k.ty for k in keys])), py(join_types([v.ty for v in values]))))
        out = self.tmp("d")
        self.pre.append(f"{self.t(ty)} {out} = {self.widths.new(ty)};")
        for k, v in zip(keys, values, strict=True):
            self.pre.append(f"{out}.put({self.value(k, ty.args[0], True)}, {self.value(v, ty.args[1], True)});")
        return E(out, ATOM, ty)

    # operators
    def _UnaryOp(self, node: ast.UnaryOp) -> E:
        if isinstance(node.op, ast.Not):
            return negate(self.truth(node.operand))
        v = self.num(self.java(node.operand))
        if not is_num(known(v.ty, "a unary operator")):
            raise Unsupported(f"a unary operator on {v.ty}")
        op = {ast.USub: "-", ast.UAdd: "+", ast.Invert: "~"}[type(node.op)]
        return E(op + par(v, UNARY + (1 if v.code.startswith(op) else 0)), UNARY, v.ty)

    def _BinOp(self, node: ast.BinOp) -> E:
        from translate.translation.py_java_ops import binop

        return binop(self, node)

    def nonnegative(self, node: ast.expr) -> bool:
        """Python's: also ``a % b`` where ``b`` is not negative (the remainder takes the divisor's sign)."""
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and self.nonnegative(node.right):
            return True
        return Exprs.nonnegative(self, node)

    def named(self, e: E) -> E:
        """``e`` held in a local set before the statement (read more than once, evaluated once)."""
        v = self.tmp("v")
        self.pre.append(f"{self.t(py(e.ty) if e.ty.kind != 'char' else e.ty)} {v} = {e.code};")
        return E(v, ATOM, e.ty)

    def held(self, node: ast.expr) -> ast.Name:
        """``node`` evaluated once into a local (:meth:`named`), as a Python name that reads it."""
        e = self.named(self.java(node))
        self.scope[e.code] = (e.code, e.ty)
        return ast.Name(e.code, ast.Load())

    def _BoolOp(self, node: ast.BoolOp) -> E:
        sym, level = ("&&", AND) if isinstance(node.op, ast.And) else ("||", OR)
        parts = self.operands(node, self.java)
        if all(p.ty.kind == "bool" for p in parts):
            return E(f" {sym} ".join(par(p, level + 1) for p in parts), level, BOOL)
        if len(parts) == 2 and pure(node.values[0]) and py(parts[0].ty) == py(parts[1].ty):
            a, b = parts  # ``s or "none"``: the first where it is true (or, for and, false), else the second
            test = self.truth(node.values[0])
            if isinstance(node.op, ast.And):
                test = negate(test)
            ty = py(a.ty)
            return E(f"{par(test, OR)} ? {self.value(a, ty)} : {self.value(b, ty)}", COND, ty)
        raise Unsupported("and/or on values that are not bools")

    def apart(self, write, node: ast.expr) -> tuple[E, list[str]]:
        """``write(node)`` and the statements it needs, kept apart from this statement's."""
        saved, self.pre = self.pre, []
        try:
            return write(node), self.pre
        finally:
            self.pre = saved

    def _IfExp(self, node: ast.IfExp) -> E:
        test = self.truth(node.test)
        body, orelse = node.body, node.orelse
        if _empty(body) and not _empty(orelse):  # ``[] if c else xs``: the empty one typed as the other
            (b, pre_b) = self.apart(self.java, orelse)
            a, pre_a = E(self.value_of(body, b.ty), ATOM, b.ty), []
        else:
            (a, pre_a) = self.apart(self.java, body)
            (b, pre_b) = (E(self.value_of(orelse, a.ty), ATOM, a.ty), []) if _empty(orelse) else \
                self.apart(self.java, orelse)
        ty = join_types([a.ty, b.ty])
        if py(a.ty).kind == "str" or py(b.ty).kind == "str":
            ty = STR if a.ty.kind != "char" or b.ty.kind != "char" else CHAR
        if not pre_a and not pre_b:
            return E(f"{par(test, OR)} ? {self.value(a, ty)} : {self.value(b, ty)}", COND, ty)
        r = self.tmp("r")  # a branch needs statements: run only where Python evaluates it
        self.pre += [f"{self.t(ty)} {r};", f"if ({test.code}) {{", *(IND + line for line in pre_a),
                     f"{IND}{r} = {self.value(a, ty)};", "} else {", *(IND + line for line in pre_b),
                     f"{IND}{r} = {self.value(b, ty)};", "}"]
        return E(r, ATOM, ty)

    def operands(self, node: ast.BoolOp, write) -> list[E]:
        """The operands of ``and``/``or`` in order, each later one where the earlier ones narrow a name. A later
        one that needs statements makes the whole a local set step by step (Python may not evaluate it)."""
        saved = set(self.narrowed)
        out: list[E] = []
        sym, level = ("&&", AND) if isinstance(node.op, ast.And) else ("||", OR)
        try:
            for i, v in enumerate(node.values):
                e, pre = self.apart(write, v) if i else (write(v), [])
                if pre:
                    if any(p.ty.kind != "bool" for p in (*out, e)):
                        raise Unsupported("and/or of values that need statements")
                    r = self.tmp("r")
                    self.pre.append(f"boolean {r} = {f' {sym} '.join(par(p, level + 1) for p in out)};")
                    self.pre += [f"if ({'' if sym == '&&' else '!'}{r}) {{", *(IND + line for line in pre),
                                 f"{IND}{r} = {e.code};", "}"]
                    out = [E(r, ATOM, BOOL)]
                else:
                    out.append(e)
                some, none = none_test(v)
                name = some if isinstance(node.op, ast.And) else none
                if name is not None:
                    self.narrowed.add(name)
        finally:
            self.narrowed = saved
        return out

    def truth(self, node: ast.expr) -> E:
        """``node`` as a Java condition with Python's truth: zero, an empty string or container is false."""
        if isinstance(node, ast.BoolOp):
            sym, level = ("&&", AND) if isinstance(node.op, ast.And) else ("||", OR)
            return E(f" {sym} ".join(par(p, level + 1) for p in self.operands(node, self.truth)), level, BOOL)
        v = self.java(node)
        kind = v.ty.kind
        if kind == "bool":
            return v
        if kind in ("int", "float"):
            return E(f"{par(v, REL)} != 0", EQ, BOOL)
        if kind == "char":
            return E("true", ATOM, BOOL)
        if kind in ("str", "list", "dict", "set"):
            return E(f"!{par(v, ATOM)}.isEmpty()", UNARY, BOOL)
        if kind == "opt" and v.ty.args and v.ty.args[0].kind in ("str", "list", "int", "float", "bool"):
            raise Unsupported(f"the truth of a {v.ty} (None and an empty value are both false)")
        if kind == "opt":
            return E(f"{par(v, EQ)} != null", EQ, BOOL)
        raise Unsupported(f"the truth of {v.ty}")

    def _Compare(self, node: ast.Compare) -> E:
        from translate.translation.py_java_ops import compare

        return compare(self, node)

    def _Subscript(self, node: ast.Subscript) -> E:
        from translate.translation.py_java_items import subscript

        return subscript(self, node)

    def _Call(self, node: ast.Call) -> E:
        from translate.translation.py_java_calls import call

        return call(self, node)

    def _ListComp(self, node) -> E:
        from translate.translation.py_java_loops import comprehension

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
            v = self.java(part.value)
            if v.ty.kind in ("int", "str", "char"):
                parts.append(f"String.valueOf({v.code})")
            else:
                raise Unsupported(f"an f-string of a {v.ty}")
        return E('""' + "".join(" + " + p for p in parts), ADD, STR) if parts else E('""', ATOM, STR)


__all__ = ["E", "JavaExprs", "as_list", "char_literal", "java_name", "negate", "none_test", "par", "str_literal"]
