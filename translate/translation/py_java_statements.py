"""Python statements in Java, for the Python -> Java rule (:mod:`py_java_rule`).

The statement structure is the Python -> C++ rule's (:class:`~translate.translation.py_cpp_statements.Body`:
``if``/``elif`` narrowing names known not None, loops with ``else`` through a flag, locals declared where Python
first binds them or at the top of the function); what differs in Java is here: the statements an expression
needs run before the statement holding it (``JavaExprs.pre``; never before a ``while`` test or an ``elif``, which
Python evaluates again or only sometimes), ``a, b = b, a + b`` through temporaries, an item stored with
``set``/``put``, ``raise`` as an unchecked exception, a return where the callers declare ``Optional``.
"""
from __future__ import annotations

import ast
import re

from translate.translation.py_cpp_exprs import negate
from translate.translation.py_cpp_statements import IND
from translate.translation.py_cpp_statements import Body as CppBody
from translate.translation.py_cpp_types import py
from translate.translation.py_java_items import store
from translate.translation.py_java_loops import loop
from translate.translation.py_js_types import Ty, Unsupported, known

_THROWN = {"ValueError": "IllegalArgumentException", "IndexError": "IndexOutOfBoundsException",
           "KeyError": "java.util.NoSuchElementException", "ZeroDivisionError": "ArithmeticException"}
_CAST = re.compile(r"^\((?:long|int|double|boolean|char)\) (?=\w[\w.]*\()")


class Body(CppBody):
    """The statements of one function in Java; ``declared_ret``: the return type the callers declare ("")."""

    loop = staticmethod(loop)

    def __init__(self, x, inline: set[str], ret: Ty | None, declared_ret: str = ""):
        super().__init__(x, inline, ret, None)
        self.declared_ret = declared_ret
        self.hoisted: set[str] = set()  # nested functions written as methods of their own

    def emit(self, depth: int, text: str) -> None:
        pre = self.x.pre
        if pre:
            if text.startswith(("} else if", "while (")):
                raise Unsupported("a comprehension or copy in an elif or while test")
            self.lines.extend(IND * depth + line for line in pre)
            pre.clear()
        self.lines.append(IND * depth + text)

    def _FunctionDef(self, node: ast.FunctionDef, depth):
        if node.name not in self.hoisted:
            raise Unsupported("a nested function")

    def block(self, body: list[ast.stmt], depth: int) -> None:
        """The statements up to the first that leaves the block (javac refuses code after it)."""
        end = next((i + 1 for i, st in enumerate(body) if isinstance(
            st, (ast.Return, ast.Raise, ast.Break, ast.Continue))), len(body))
        super().block(body[:end], depth)

    def _While(self, node: ast.While, depth):
        """A test that needs statements is evaluated at the top of ``while (true)``, each time round."""
        probe = self.x.child(pre=[])
        probe.truth(node.test)
        if not probe.pre:
            return super()._While(node, depth)
        before = self._unnarrow(node.body)
        flag = self._loop_else(node, depth)
        self.emit(depth, "while (true) {")
        test = self.x.truth(node.test)
        self.emit(depth + 1, f"if ({negate(test).code}) {{")
        self.emit(depth + 2, "break;")
        self.emit(depth + 1, "}")
        self.broke.append(flag)
        try:
            self.block(node.body, depth + 1)
        finally:
            self.broke.pop()
        self.emit(depth, "}")
        self.x.narrowed = before
        self._after_loop(node, flag, depth)

    def _If(self, node: ast.If, depth, prefix: str = ""):
        """An ``elif`` whose test needs statements is an ``if`` inside the ``else``."""
        if prefix:
            probe = self.x.child(pre=[])
            probe.truth(node.test)
            if probe.pre:
                self.emit(depth, "} else {")
                super()._If(node, depth + 1)
                self.emit(depth, "}")
                return
        super()._If(node, depth, prefix)

    def _loop_else(self, node, depth: int) -> str:
        if not node.orelse:
            return ""
        flag = self.x.tmp("broke")
        self.emit(depth, f"boolean {flag} = false;")
        return flag

    def _Expr(self, node: ast.Expr, depth):
        if isinstance(node.value, ast.Constant):
            return
        if not isinstance(node.value, ast.Call):
            raise Unsupported("an expression statement that is not a call")
        code = _CAST.sub("", self.x.java(node.value).code)
        if not code:  # all of it in the statements before it
            self.lines.extend(IND * depth + line for line in self.x.pre)
            self.x.pre.clear()
            return
        if not re.fullmatch(r"[\w.]+\(.*\)", code, re.S):
            raise Unsupported("a call whose value is not a statement in Java")
        self.emit(depth, code + ";")

    def _Raise(self, node: ast.Raise, depth):
        exc = node.exc
        name = exc.func.id if isinstance(exc, ast.Call) and isinstance(exc.func, ast.Name) else \
            exc.id if isinstance(exc, ast.Name) else None
        if name is None:
            raise Unsupported("a raise of a computed exception")
        self.emit(depth, f"throw new {_THROWN.get(name, 'RuntimeException')}(\"{name}\");")

    def _Try(self, node, depth):
        raise Unsupported("try (Java throws other exceptions than Python raises)")

    def _Return(self, node: ast.Return, depth):
        x = self.x
        if node.value is None:
            self.emit(depth, "return;")
            return
        if self.ret is None:
            e = x.java(node.value)
            self.returns.append(py(e.ty))
            self.emit(depth, f"return {e.code};")
            return
        if self.declared_ret.startswith("Optional<"):
            e = x.java(node.value)
            inner = self.ret.args[0] if self.ret.kind == "opt" and self.ret.args else self.ret
            code = "Optional.empty()" if e.ty.kind == "none" else f"Optional.ofNullable({e.code})" \
                if e.ty.kind == "opt" else f"Optional.of({x.value(e, inner, boxed=True)})"
            self.emit(depth, f"return {code};")
            return
        code = x.value_of(node.value, self.ret)
        if self.ret.kind == "int" and self.declared_ret == "int" and x.widths.int_t == "long":
            code = f"(int) ({code})"
        self.emit(depth, f"return {code};")

    def assign(self, target: ast.expr, value: ast.expr, depth: int) -> None:
        x = self.x
        if isinstance(target, ast.Name):
            name, ty = x.scope[target.id]
            if ty.kind == "opt":
                e = x.java(value)
                code = "null" if e.ty.kind == "none" else x.value(e, ty)
                if e.ty.kind == "none" or e.ty.kind == "opt":
                    x.narrowed.discard(target.id)
                else:
                    x.narrowed.add(target.id)
            else:
                code = x.value_of(value, known(ty, f"the local {target.id}"))
            if target.id in self.inline and target.id not in self.declared:
                self.declared.add(target.id)
                self.emit(depth, f"{x.t(ty)} {name} = {code};")
            else:
                self.emit(depth, f"{name} = {code};")
            x.nonneg.discard(target.id)
            return
        if isinstance(target, ast.Subscript):
            self.emit(depth, store(x, target, value))
            return
        if isinstance(target, ast.Tuple) and all(isinstance(t, ast.Name) for t in target.elts):
            names = [x.scope[t.id][0] for t in target.elts]
            types = [known(x.scope[t.id][1], f"the local {t.id}") for t in target.elts]
            if not (isinstance(value, ast.Tuple) and len(value.elts) == len(names)):  # a list: its items, by count
                seq = x.java(value)
                if seq.ty.kind != "list" or not seq.ty.args:
                    raise Unsupported(f"unpacking a {seq.ty}")
                v = x.tmp("v")
                self.emit(depth, f"{x.t(seq.ty)} {v} = {seq.code};")
                self.emit(depth, f"if ({v}.size() != {len(names)}) {{ throw new IllegalArgumentException("
                                 f"\"ValueError\"); }}")
                for i, (t, name, ty) in enumerate(zip(target.elts, names, types, strict=True)):
                    item = x.unboxed(f"{v}.get({i})", py(seq.ty.args[0]))
                    self.emit(depth, f"{name} = {x.value(item, ty)};")
                    x.nonneg.discard(t.id)
                return
            temps = []
            for v, t in zip(value.elts, types, strict=True):
                tmp = x.tmp("t")
                self.emit(depth, f"{x.t(t)} {tmp} = {x.value_of(v, t)};")
                temps.append(tmp)
            for t, name, tmp in zip(target.elts, names, temps, strict=True):
                self.emit(depth, f"{name} = {tmp};")
                x.nonneg.discard(t.id)
            return
        raise Unsupported(f"an assignment to a {type(target).__name__}")

    def _AugAssign(self, node: ast.AugAssign, depth):
        x = self.x
        op = node.op
        if isinstance(node.target, ast.Subscript):
            sym = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*"}.get(type(op))
            if sym is None:
                raise Unsupported("an augmented item assignment")
            self.emit(depth, store(x, node.target, node.value, sym))
            return
        if not isinstance(node.target, ast.Name):
            raise Unsupported("an augmented assignment to an attribute")
        name, ty = x.scope[node.target.id]
        if ty.kind in ("list", "str", "set", "dict"):
            if ty.kind == "list" and isinstance(op, ast.Add):
                self._Expr(ast.Expr(ast.Call(ast.Attribute(node.target, "extend"), [node.value], [])), depth)
                return
            if ty.kind == "str" and isinstance(op, ast.Add):
                v = x.java(node.value)
                if py(v.ty).kind != "str":
                    raise Unsupported(f"adding a {v.ty} to a string")
                self.emit(depth, f"{name} += {v.code};")  # a char appends as a character
                x.nonneg.discard(node.target.id)
                return
            raise Unsupported(f"an augmented assignment to a {ty}")
        whole = x.java(ast.BinOp(ast.Name(node.target.id, ast.Load()), op, node.value))
        if ty.kind == "int" and whole.ty.kind == "float":
            raise Unsupported("an integer local given a float")
        if ty.kind not in ("int", "float") or whole.ty.kind not in ("int", "float"):
            raise Unsupported(f"an augmented assignment to a {ty}")
        self.emit(depth, f"{name} = {whole.code};")
        x.nonneg.discard(node.target.id)
