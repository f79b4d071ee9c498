"""Python statements in C++, for the Python -> C++ rule (:mod:`py_cpp_rule`).

A ``for`` binds its target in the loop (a target used after its loop is left to the model: Python keeps its last
value); assignments declare a local where the function first binds it at its top level, else at the top of the
function (Python's names live in the whole function); ``a, b = b, a + b`` assigns through ``std::tie`` (the right
side first, as Python); ``raise`` throws; a nested ``def`` is a lambda (a ``std::function`` where it calls
itself).
"""
from __future__ import annotations

import ast

from translate.translation.py_cpp_exprs import CppExprs, none_test
from translate.translation.py_cpp_items import store_target
from translate.translation.py_cpp_loops import loop
from translate.translation.py_cpp_types import py
from translate.translation.py_js_statements import stored
from translate.translation.py_js_types import Ty, Unsupported, known

IND = "    "
_THROWN = {"ValueError": "std::invalid_argument", "IndexError": "std::out_of_range", "KeyError": "std::out_of_range"}
_CAUGHT = {**_THROWN, "LookupError": "std::out_of_range", "Exception": "std::exception"}
_CONTAINERS = ("list", "set", "dict", "str", "tuple")


class Body:
    """The statements of one function; ``ret``: its Python return type (None while it is being found)."""

    def __init__(self, x: CppExprs, inline: set[str], ret: Ty | None, nested=None):
        self.x = x
        self.nested = nested  # writes a nested def: (node, depth, the expressions where it stands) -> lines
        self.broke: list[str] = []  # per enclosing loop: the flag its ``break`` sets ("": no ``else``)
        self.inline = inline  # locals declared at their first assignment (the rest at the top)
        self.declared: set[str] = set()
        self.ret = ret
        self.returns: list[Ty] = []
        self.lines: list[str] = []

    loop = staticmethod(loop)  # a ``for``'s header in the target (the Java rule's Body gives its own)

    def emit(self, depth: int, text: str) -> None:
        self.lines.append(IND * depth + text)

    def block(self, body: list[ast.stmt], depth: int) -> None:
        for stmt in body:
            method = getattr(self, "_" + type(stmt).__name__, None)
            if method is None:
                raise Unsupported(f"a Python {type(stmt).__name__} statement")
            method(stmt, depth)

    def _Pass(self, node, depth):
        pass

    def _Break(self, node, depth):
        if self.broke and self.broke[-1]:  # a loop with an ``else``: it is skipped
            self.emit(depth, f"{self.broke[-1]} = true;")
        self.emit(depth, "break;")

    def _loop_else(self, node: ast.For | ast.While, depth: int) -> str:
        """The flag a ``break`` sets in a loop with an ``else`` ("" for a loop without one), declared here."""
        if not node.orelse:
            return ""
        flag = self.x.tmp("broke")
        self.emit(depth, f"bool {flag} = false;")
        return flag

    def _after_loop(self, node: ast.For | ast.While, flag: str, depth: int) -> None:
        if flag:
            self.emit(depth, f"if (!{flag}) {{")
            self.block(node.orelse, depth + 1)
            self.emit(depth, "}")

    def _Continue(self, node, depth):
        self.emit(depth, "continue;")

    def _Import(self, node: ast.Import, depth):
        if any(a.name != "math" or a.asname for a in node.names):
            raise Unsupported("an import of a module other than math")

    def _Expr(self, node: ast.Expr, depth):
        if isinstance(node.value, ast.Constant):
            return
        if not isinstance(node.value, ast.Call):
            raise Unsupported("an expression statement that is not a call")
        self.emit(depth, self.x.cpp(node.value).code + ";")

    def _FunctionDef(self, node: ast.FunctionDef, depth):
        if self.nested is None:
            raise Unsupported("a nested function")
        self.lines.extend(self.nested(node, depth, self.x))

    def _Raise(self, node: ast.Raise, depth):
        exc = node.exc
        name = exc.func.id if isinstance(exc, ast.Call) and isinstance(exc.func, ast.Name) else \
            exc.id if isinstance(exc, ast.Name) else None
        if name is None:
            raise Unsupported("a raise of a computed exception")
        self.emit(depth, f"throw {_THROWN.get(name, 'std::runtime_error')}(\"{name}\");")

    def _Try(self, node: ast.Try, depth):
        """``try``/``except`` of the errors the written C++ throws as Python raises them: ``ValueError`` is
        ``std::invalid_argument`` (``int("x")``, ``max([])``, ``index``), ``IndexError``/``KeyError`` are
        ``std::out_of_range`` (``pop``, a dict's ``at``), ``Exception`` or a bare ``except`` any of them. An
        integer division by zero does not throw in C++: ``ZeroDivisionError`` is left to the model."""
        if node.orelse or node.finalbody:
            raise Unsupported("try ... else or finally")
        catches = []
        for h in node.handlers:
            if h.name is not None:
                raise Unsupported("except ... as")
            names = [] if h.type is None else [e.id if isinstance(e, ast.Name) else "" for e in (
                h.type.elts if isinstance(h.type, ast.Tuple) else [h.type])]
            kinds = {_CAUGHT.get(n) for n in names} if names else {"std::exception"}
            if None in kinds:
                raise Unsupported(f"except {', '.join(names)}")
            catches.append((sorted(kinds), h.body))
        before = set(self.x.narrowed)
        self.emit(depth, "try {")
        self.block(node.body, depth + 1)
        for kinds, body in catches:
            for kind in kinds:
                self.emit(depth, f"}} catch (const {kind}&) {{")
                self.x.narrowed = set(before)
                self.block(body, depth + 1)
        self.emit(depth, "}")
        self.x.narrowed = before

    def _Return(self, node: ast.Return, depth):
        if node.value is None:
            self.emit(depth, "return;")
            return
        if self.ret is None:
            e = self.x.cpp(node.value)
            self.returns.append(py(e.ty))
            self.emit(depth, f"return {e.code};")
            return
        self.emit(depth, f"return {self.x.value_of(node.value, self.ret)};")

    def _If(self, node: ast.If, depth, prefix: str = ""):
        """Each branch with the names its test narrows; after the ``if``, the names known not None at the end of
        every branch that does not jump away (``if x is None: return 0`` narrows ``x`` for the rest)."""
        x = self.x
        before = set(x.narrowed)
        some, none = none_test(node.test)
        self.emit(depth, f"{prefix}if ({x.truth(node.test).code}) {{")
        x.narrowed = before | ({some} if some else set())
        self.block(node.body, depth + 1)
        ends = [] if _jumps(node.body) else [x.narrowed]
        x.narrowed = before | ({none} if none else set())
        rest = node.orelse
        if len(rest) == 1 and isinstance(rest[0], ast.If):
            self._If(rest[0], depth, prefix="} else ")
            ends.append(x.narrowed)
        else:
            if rest:
                self.emit(depth, "} else {")
                self.block(rest, depth + 1)
            if not _jumps(rest):
                ends.append(x.narrowed)
            self.emit(depth, "}")
        x.narrowed = set.intersection(*ends) if ends else before

    def _While(self, node: ast.While, depth):
        before = self._unnarrow(node.body)
        flag = self._loop_else(node, depth)
        self.emit(depth, f"while ({self.x.truth(node.test).code}) {{")
        self.broke.append(flag)
        try:
            self.block(node.body, depth + 1)
        finally:
            self.broke.pop()
        self.emit(depth, "}")
        self.x.narrowed = before
        self._after_loop(node, flag, depth)

    def _unnarrow(self, body: list[ast.stmt]) -> set[str]:
        """Before a loop: a name the loop may set to None is not known to hold a value in it, nor after it."""
        x = self.x
        x.narrowed = {n for n in x.narrowed if not any(
            isinstance(a, ast.Assign) and isinstance(a.value, ast.Constant) and a.value.value is None
            and any(isinstance(t, ast.Name) and t.id == n for t in a.targets) for s in body for a in ast.walk(s))}
        return set(x.narrowed)

    def _For(self, node: ast.For, depth):
        outer = self.x
        targets = {n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)}
        if any(t in outer.scope for t in targets):
            raise Unsupported("a loop variable used outside its loop")
        narrowed = self._unnarrow(node.body)
        inner = outer.child()
        before, header, inside = self.loop(inner, node.target, node.iter, stored(node.body))
        flag = self._loop_else(node, depth)
        for line in before:
            self.emit(depth, line)
        self.emit(depth, header + " {")
        for line in inside:
            self.emit(depth + 1, line)
        self.x = inner
        self.broke.append(flag)
        try:
            self.block(node.body, depth + 1)
        finally:
            self.x = outer
            outer.narrowed = narrowed
            self.broke.pop()
        self.emit(depth, "}")
        self._after_loop(node, flag, depth)

    def _Assign(self, node: ast.Assign, depth):
        if len(node.targets) != 1:
            raise Unsupported("a chained assignment")
        self.assign(node.targets[0], node.value, depth)

    def _AnnAssign(self, node: ast.AnnAssign, depth):
        if node.value is None:
            raise Unsupported("an annotation without a value")
        self.assign(node.target, node.value, depth)

    def assign(self, target: ast.expr, value: ast.expr, depth: int) -> None:
        x = self.x
        if isinstance(target, ast.Name):
            name, ty = x.scope[target.id]
            if ty.kind == "opt":  # None empties it; a value fills it, and the name holds one from here
                e = x.cpp(value)
                if e.ty.kind == "none":
                    code = "std::nullopt"
                    x.narrowed.discard(target.id)
                else:
                    code = x.value(e, ty.args[0]) if e.ty.kind != "opt" else e.code
                    x.narrowed.add(target.id) if e.ty.kind != "opt" else x.narrowed.discard(target.id)
                if target.id in self.inline and target.id not in self.declared:
                    self.declared.add(target.id)
                    self.emit(depth, f"{x.t(ty)} {name} = {code};")
                else:
                    self.emit(depth, f"{name} = {code};")
                return
            code = x.value_of(value, known(ty, f"the local {target.id}"))
            if target.id in self.inline and target.id not in self.declared:
                self.declared.add(target.id)
                self.emit(depth, f"{x.t(ty)} {name} = {code};")
            else:
                self.emit(depth, f"{name} = {code};")
            x.nonneg.discard(target.id)
            return
        if isinstance(target, ast.Subscript):
            lvalue, item = store_target(x, target)
            self.emit(depth, f"{lvalue} = {x.value_of(value, item)};")
            return
        if isinstance(target, ast.Tuple) and all(isinstance(t, ast.Name) for t in target.elts):
            names = [x.scope[t.id][0] for t in target.elts]
            types = [known(x.scope[t.id][1], f"the local {t.id}") for t in target.elts]
            if isinstance(value, ast.Tuple) and len(value.elts) == len(names):
                parts = [x.value_of(v, t) for v, t in zip(value.elts, types, strict=True)]
                self.emit(depth, f"std::tie({', '.join(names)}) = std::make_tuple({', '.join(parts)});")
                return
            e = x.cpp(value)
            if e.ty.kind != "tuple" or len(e.ty.args) != len(names):
                raise Unsupported(f"unpacking a {e.ty}")
            self.emit(depth, f"std::tie({', '.join(names)}) = {e.code};")
            return
        raise Unsupported(f"an assignment to a {type(target).__name__}")

    def _AugAssign(self, node: ast.AugAssign, depth):
        x = self.x
        op = node.op
        if isinstance(node.target, ast.Name):
            name, ty = x.scope[node.target.id]
            x.nonneg.discard(node.target.id)
            if ty.kind == "list" and isinstance(op, ast.Add):
                self.emit(depth, x.cpp(ast.Call(ast.Attribute(node.target, "extend"), [node.value], [])).code + ";")
                return
            if py(ty).kind == "str" and isinstance(op, ast.Add):
                v = x.cpp(node.value)
                if py(v.ty).kind != "str":
                    raise Unsupported(f"adding a {v.ty} to a string")
                self.emit(depth, f"{name} += {v.code};")
                return
            whole = x.cpp(ast.BinOp(ast.Name(node.target.id, ast.Load()), op, node.value))
            if ty.kind == "int" and whole.ty.kind == "float":
                raise Unsupported("an integer local given a float")
            sym = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^",
                   ast.LShift: "<<", ast.RShift: ">>"}.get(type(op))
            prefix = f"{name} {sym} "
            if sym is not None and ty.kind in ("int", "float") and whole.code.startswith(prefix):
                self.emit(depth, f"{name} {sym}= {_unwrapped(whole.code[len(prefix):])};")  # ``total += 1``
            else:
                self.emit(depth, f"{name} = {whole.code};")
            return
        if isinstance(node.target, ast.Subscript):
            lvalue, item = store_target(x, node.target)
            if not isinstance(op, (ast.Add, ast.Sub, ast.Mult)) or known(item, "an item").kind not in (
                    "int", "float", "str"):
                raise Unsupported("an augmented item assignment")
            sym = {ast.Add: "+=", ast.Sub: "-=", ast.Mult: "*="}[type(op)]
            v = x.cpp(node.value)
            self.emit(depth, f"{lvalue} {sym} {v.code};")
            return
        raise Unsupported("an augmented assignment to an attribute")


def _jumps(body: list[ast.stmt]) -> bool:
    """Whether ``body`` ends by leaving it (``return``, ``raise``, ``continue``, ``break``)."""
    return bool(body) and isinstance(body[-1], (ast.Return, ast.Raise, ast.Continue, ast.Break))


def _unwrapped(code: str) -> str:
    """``(n - 1)`` -> ``n - 1`` (the right side of a compound assignment needs no parentheses)."""
    if not (code.startswith("(") and code.endswith(")")):
        return code
    depth = 0
    for i, ch in enumerate(code):
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and i < len(code) - 1:
            return code
    return code[1:-1]
