"""Python expressions in JavaScript, typed, for the Python -> JavaScript rule (:mod:`py_js_rule`).

Every expression is written with its Python type (:mod:`py_js_types`) so Python's meaning is kept where
JavaScript's operators differ: ``//`` floors (``Math.floor(a / b)``), ``%`` takes the divisor's sign, ``+`` and
``*`` on lists and strings concatenate and repeat, ``==`` on lists compares values, an empty list or dict is false,
a negative index counts from the end (``.at(i)``), dicts are ``Map`` and sets ``Set`` (insertion order and keys of
any type, as Python's). Builtins and methods: :mod:`py_js_calls`. What is not covered raises
:class:`~translate.translation.py_js_types.Unsupported`.
"""
from __future__ import annotations

import ast
import json
from dataclasses import dataclass

from translate.translation.py_js_types import (
    ANY,
    BOOL,
    FLOAT,
    INT,
    PRIMITIVES,
    SEQUENCES,
    SIZED,
    STR,
    Ty,
    Unsupported,
    constant,
    elem,
    is_num,
    join,
    join_all,
    known,
    list_of,
)

ATOM, UNARY, POW, MUL, ADD, SHIFT, REL, EQ, BAND, BXOR, BOR, AND, OR, COND, ARROW = (
    20, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 4, 3)
_ARITH = {ast.Sub: ("-", ADD), ast.Mult: ("*", MUL), ast.Div: ("/", MUL), ast.Pow: ("**", POW),
          ast.BitAnd: ("&", BAND), ast.BitOr: ("|", BOR), ast.BitXor: ("^", BXOR), ast.LShift: ("<<", SHIFT),
          ast.RShift: (">>", SHIFT)}


@dataclass
class E:
    code: str
    prec: int
    ty: Ty


def par(e: E, level: int) -> str:
    return e.code if e.prec >= level else f"({e.code})"


def simple(node: ast.expr) -> bool:
    """Whether evaluating ``node`` twice is the same as once (a name, a constant, an attribute of a name)."""
    return isinstance(node, (ast.Name, ast.Constant)) or (
        isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)) or (
        isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant))


def pure(node: ast.expr) -> bool:
    """Whether ``node`` may be evaluated twice: names, constants, items, lengths and arithmetic of those."""
    if simple(node):
        return True
    if isinstance(node, ast.BinOp):
        return pure(node.left) and pure(node.right)
    if isinstance(node, ast.UnaryOp):
        return pure(node.operand)
    if isinstance(node, ast.Subscript):
        return pure(node.value) and not isinstance(node.slice, ast.Slice) and pure(node.slice)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("len", "abs", "ord"):
        return len(node.args) == 1 and pure(node.args[0]) and not node.keywords
    return False


def literal(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, float):
        return "Infinity" if value == float("inf") else repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return repr(value)


class Exprs:
    """Expressions of one function: ``scope`` maps its Python names to (JavaScript name, type); ``nonneg`` holds
    the names known never to be negative (loop counters from 0 up), where ``%`` and indexing need no correction."""

    def __init__(self, scope: dict[str, tuple[str, Ty]], functions: dict[str, Ty]):
        self.scope = scope
        self.functions = functions  # the file's functions (called by their Python names: renamed afterwards)
        self.nonneg: set[str] = set()

    def child(self) -> Exprs:
        out = Exprs(dict(self.scope), self.functions)
        out.nonneg = set(self.nonneg)
        return out

    def js(self, node: ast.expr) -> E:
        method = getattr(self, "_" + type(node).__name__, None)
        if method is None:
            raise Unsupported(f"a Python {type(node).__name__} expression")
        return method(node)

    def ty(self, node: ast.expr) -> Ty:
        return self.js(node).ty

    # atoms
    def _Constant(self, node: ast.Constant) -> E:
        if node.value is ...:
            raise Unsupported("an Ellipsis")
        return E(literal(node.value), ATOM if not (isinstance(node.value, (int, float)) and node.value < 0)
                 else UNARY, constant(node.value))

    def _Name(self, node: ast.Name) -> E:
        if node.id in self.scope:
            name, ty = self.scope[node.id]
            return E(name, ATOM, ty)
        if node.id in self.functions:
            return E(node.id, ATOM, Ty("func", (self.functions[node.id],)))
        raise Unsupported(f"the name {node.id!r} (not a local, a parameter or a function of the file)")

    def _Attribute(self, node: ast.Attribute) -> E:
        if isinstance(node.value, ast.Name) and node.value.id == "math" and "math" not in self.scope:
            consts = {"pi": "Math.PI", "e": "Math.E", "inf": "Infinity", "tau": "(2 * Math.PI)"}
            if node.attr in consts:
                return E(consts[node.attr], ATOM, FLOAT)
        raise Unsupported(f"the attribute .{node.attr}")

    def _List(self, node: ast.List | ast.Tuple) -> E:
        parts = [self.js(e) for e in node.elts]
        if any(isinstance(e, ast.Starred) for e in node.elts):
            raise Unsupported("a starred element")
        code = "[" + ", ".join(par(p, ARROW) for p in parts) + "]"
        if isinstance(node, ast.Tuple):
            return E(code, ATOM, Ty("tuple", tuple(p.ty for p in parts)))
        return E(code, ATOM, list_of(join_all(p.ty for p in parts)))

    _Tuple = _List

    def _Set(self, node: ast.Set) -> E:
        inner = self._List(ast.List(elts=node.elts))
        self.hashable(elem(inner.ty), "a set")
        return E(f"new Set({inner.code})", ATOM, Ty("set", (elem(inner.ty),)))

    def _Dict(self, node: ast.Dict) -> E:
        if not node.keys:
            return E("new Map()", ATOM, Ty("dict"))
        if any(k is None for k in node.keys):
            raise Unsupported("a ** in a dict display")
        keys = [self.js(k) for k in node.keys if k is not None]
        values = [self.js(v) for v in node.values]
        kt = join_all(k.ty for k in keys)
        self.hashable(kt, "a dict")
        pairs = ", ".join(f"[{par(k, ARROW)}, {par(v, ARROW)}]" for k, v in zip(keys, values, strict=True))
        return E(f"new Map([{pairs}])", ATOM, Ty("dict", (kt, join_all(v.ty for v in values))))

    @staticmethod
    def hashable(t: Ty, what: str) -> None:
        """Keys of a Map and members of a Set compare by identity in JavaScript: only primitives are the same."""
        if t.kind not in PRIMITIVES and t.kind != "any":
            raise Unsupported(f"{what} of {t} (JavaScript compares those by identity)")

    def _JoinedStr(self, node: ast.JoinedStr) -> E:
        out = []
        for part in node.values:
            if isinstance(part, ast.Constant):
                out.append(str(part.value).replace("\\", "\\\\").replace("`", "\\`").replace("${", "\\${"))
                continue
            assert isinstance(part, ast.FormattedValue)
            if part.conversion != -1 or part.format_spec is not None:
                raise Unsupported("an f-string conversion or format")
            value = self.js(part.value)
            if value.ty.kind not in ("int", "str"):
                raise Unsupported(f"an f-string of a {value.ty} (Python and JavaScript print it differently)")
            out.append("${" + value.code + "}")
        return E("`" + "".join(out) + "`", ATOM, STR)

    # operators
    def _UnaryOp(self, node: ast.UnaryOp) -> E:
        if isinstance(node.op, ast.Not):
            t = self.truth(node.operand)
            for test, empty in ((".length > 0", ".length === 0"), (".size > 0", ".size === 0")):
                if t.code.endswith(test) and t.prec == REL:
                    return E(t.code[: -len(test)] + empty, EQ, BOOL)
            return E("!" + par(t, UNARY), UNARY, BOOL)
        v = self.js(node.operand)
        if not is_num(known(v.ty, "a unary operator")):
            raise Unsupported(f"a unary operator on {v.ty}")
        op = {ast.USub: "-", ast.UAdd: "+", ast.Invert: "~"}[type(node.op)]
        return E(op + par(v, UNARY + (1 if v.code.startswith(op) else 0)), UNARY, INT if v.ty.kind == "bool" else v.ty)

    def _BinOp(self, node: ast.BinOp) -> E:
        a, b = self.js(node.left), self.js(node.right)
        ka, kb = known(a.ty, "an operand").kind, known(b.ty, "an operand").kind
        op = type(node.op)
        if is_num(a.ty) and is_num(b.ty):
            num = FLOAT if "float" in (ka, kb) or op is ast.Div else INT
            if op is ast.Add:
                return E(f"{par(a, ADD)} + {par(b, ADD + 1)}", ADD, num)
            if op is ast.FloorDiv:
                return E(f"Math.floor({par(a, MUL)} / {par(b, MUL + 1)})", ATOM, num)
            if op is ast.Mod:
                return self.mod(node, a, b, num)
            if op is ast.Pow:
                return E(f"{par(a, ATOM)} ** {par(b, UNARY)}", POW, FLOAT if ka == "float" or kb == "float" else INT)
            sym, level = _ARITH.get(op, (None, 0))
            if sym is None:
                raise Unsupported("a matrix product")
            return E(f"{par(a, level)} {sym} {par(b, level + 1)}", level, num)
        if op is ast.Add and ka == kb == "str":
            return E(f"{par(a, ADD)} + {par(b, ADD + 1)}", ADD, STR)
        if op is ast.Add and ka in SEQUENCES and kb in SEQUENCES:
            return E(f"[...{par(a, ATOM)}, ...{par(b, ATOM)}]", ATOM, join(a.ty, b.ty) if ka == kb else list_of(
                join(elem(a.ty), elem(b.ty))))
        if op is ast.Mult and {ka, kb} in ({"str", "int"}, {"list", "int"}):
            return self.repeat(node, a, b)
        if ka == kb == "set" and op in (ast.BitAnd, ast.BitOr, ast.Sub, ast.BitXor):
            if op is ast.BitOr:
                return E(f"new Set([...{par(a, ATOM)}, ...{par(b, ATOM)}])", ATOM, join(a.ty, b.ty))
            if op is ast.BitXor:
                raise Unsupported("a set's symmetric difference")
            keep = "" if op is ast.BitAnd else "!"
            if not simple(node.right):
                raise Unsupported("a set operation on a computed set")
            return E(f"new Set([...{par(a, ATOM)}].filter((x) => {keep}{par(b, ATOM)}.has(x)))", ATOM, a.ty)
        raise Unsupported(f"{type(node.op).__name__} on {a.ty} and {b.ty}")

    def mod(self, node: ast.BinOp, a: E, b: E, num: Ty) -> E:
        """Python's ``%`` (the divisor's sign): plain where the dividend is never negative and the divisor a
        positive number, else ``((a % b) + b) % b``."""
        r = node.right
        positive = isinstance(r, ast.Constant) and isinstance(r.value, (int, float)) and r.value > 0
        plain = f"{par(a, MUL)} % {par(b, MUL + 1)}"
        if positive and self.nonnegative(node.left):
            return E(plain, MUL, num)
        if not pure(node.right):
            raise Unsupported("% by a computed divisor")
        return E(f"(({plain}) + {par(b, ADD + 1)}) % {par(b, MUL + 1)}", MUL, num)

    def nonnegative(self, node: ast.expr) -> bool:
        if isinstance(node, ast.Constant):
            return isinstance(node.value, (int, float)) and node.value >= 0
        if isinstance(node, ast.Name):
            return node.id in self.nonneg
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            return node.func.id in ("len", "abs", "ord") and node.func.id not in self.scope
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mult, ast.FloorDiv, ast.Mod)):
            return self.nonnegative(node.left) and self.nonnegative(node.right)
        return False

    def repeat(self, node: ast.BinOp, a: E, b: E) -> E:
        seq, n = (a, b) if a.ty.kind != "int" else (b, a)
        count_node = node.right if seq is a else node.left
        count = n.code if self.nonnegative(count_node) else f"Math.max({n.code}, 0)"
        if seq.ty.kind == "str":
            return E(f"{par(seq, ATOM)}.repeat({count})", ATOM, STR)
        seq_node = node.left if seq is a else node.right
        if not (isinstance(seq_node, ast.List) and len(seq_node.elts) == 1):
            raise Unsupported("a list repeated that is not a one-element display")
        item = self.js(seq_node.elts[0])
        if item.ty.kind not in PRIMITIVES:
            raise Unsupported("a list of lists repeated (Python shares the inner list)")
        return E(f"Array.from({{ length: {count} }}, () => {par(item, ARROW)})", ATOM, seq.ty)

    def _BoolOp(self, node: ast.BoolOp) -> E:
        parts = [self.js(v) for v in node.values]
        for p in parts:
            if p.ty.kind not in PRIMITIVES:
                raise Unsupported(f"and/or on a {p.ty} (its truth differs in JavaScript)")
        sym, level = ("&&", AND) if isinstance(node.op, ast.And) else ("||", OR)
        return E(f" {sym} ".join(par(p, level + 1) for p in parts), level, join_all(p.ty for p in parts))

    def _IfExp(self, node: ast.IfExp) -> E:
        a, b = self.js(node.body), self.js(node.orelse)
        return E(f"{par(self.truth(node.test), OR)} ? {par(a, ARROW)} : {par(b, ARROW)}", COND, join(a.ty, b.ty))

    def truth(self, node: ast.expr) -> E:
        """``node`` as a JavaScript condition with Python's truth: an empty list, dict or set is false."""
        v = self.js(node)
        kind = v.ty.kind
        if kind in ("bool", "int", "float", "str", "none", "opt"):
            if kind == "opt" and v.ty.args and v.ty.args[0].kind not in PRIMITIVES:
                raise Unsupported(f"the truth of {v.ty}")
            return v
        if kind in SEQUENCES:
            return E(f"{par(v, ATOM)}.length > 0", REL, BOOL)
        if kind in SIZED:
            return E(f"{par(v, ATOM)}.size > 0", REL, BOOL)
        raise Unsupported(f"the truth of {v.ty}")

    def _Compare(self, node: ast.Compare) -> E:
        from translate.translation.py_js_compare import compare

        return compare(self, node)

    def _Subscript(self, node: ast.Subscript) -> E:
        from translate.translation.py_js_items import subscript

        return subscript(self, node)

    def _Call(self, node: ast.Call) -> E:
        from translate.translation.py_js_calls import call

        return call(self, node)

    def _Lambda(self, node: ast.Lambda, params: list[Ty] | None = None) -> E:
        args = node.args
        if args.vararg or args.kwarg or args.kwonlyargs or args.defaults or args.posonlyargs:
            raise Unsupported("a lambda with defaults or variable arguments")
        inner = self.child()
        names = []
        for i, a in enumerate(args.args):
            name = inner.bind(a.arg, params[i] if params and i < len(params) else ANY)
            names.append(name)
        body = inner.js(node.body)
        return E(f"({', '.join(names)}) => {par(body, ARROW) if not body.code.startswith('{') else f'({body.code})'}",
                 ARROW, Ty("func", (body.ty,)))

    def bind(self, name: str, ty: Ty) -> str:
        from translate.translation.py_js_names import js_name

        taken = {js for js, _ in self.scope.values()}
        js = js_name(name, taken, self.scope.get(name, (None,))[0])
        self.scope[name] = (js, ty)
        return js

    def _ListComp(self, node) -> E:
        from translate.translation.py_js_comps import comprehension

        return comprehension(self, node)

    _GeneratorExp = _SetComp = _DictComp = _ListComp
