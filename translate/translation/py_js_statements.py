"""Python statements in JavaScript, for the Python -> JavaScript rule (:mod:`py_js_rule`).

A ``for`` over ``range`` is a counting loop whose bound is read once where the body could change it; any other
``for`` is ``for ... of`` over what Python iterates (a dict's keys, a string's characters). A name first assigned
at the function's top level is declared there (``const`` when it is never assigned again); any other is declared
at the top of the function (Python's names live in the whole function, JavaScript's ``let`` in its block).
Augmented assignments keep Python's operators (``x //= 2`` is ``x = Math.floor(x / 2)``, ``xs += ys`` extends
``xs`` in place); ``d[k] = v`` on a dict is ``d.set(k, v)``.
"""
from __future__ import annotations

import ast
import json
from contextlib import contextmanager

from translate.translation.py_js_comps import as_array, bind_target
from translate.translation.py_js_exprs import ARROW, ATOM, E, Exprs, par, simple
from translate.translation.py_js_types import SEQUENCES, Ty, Unsupported, elem, known

IND = "  "


def stored(nodes: list[ast.stmt]) -> set[str]:
    """Names assigned, or changed in place by a method call or an item assignment, in ``nodes``."""
    out: set[str] = set()
    for stmt in nodes:
        for n in ast.walk(stmt):
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
                out.add(n.id)
            elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name):
                out.add(n.func.value.id)
            elif isinstance(n, (ast.Subscript, ast.Attribute)) and isinstance(n.ctx, ast.Store) \
                    and isinstance(n.value, ast.Name):
                out.add(n.value.id)
    return out


def none_test(test: ast.expr) -> tuple[str | None, str | None]:
    """(the name known not None in the ``if`` branch, the one in the ``else``) of ``x is not None`` / ``x is None``."""
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.left, ast.Name) \
            and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value is None:
        if isinstance(test.ops[0], ast.IsNot):
            return test.left.id, None
        if isinstance(test.ops[0], ast.Is):
            return None, test.left.id
    return None, None


def unspread(code: str) -> str:
    """``[...xs.entries()]`` -> ``xs.entries()``: what a ``for ... of`` iterates needs no array of its own."""
    if not (code.startswith("[...") and code.endswith("]")):
        return code
    inner, depth = code[4:-1], 0
    for ch in inner:
        depth += ch in "([{"
        depth -= ch in ")]}"
        if depth < 0 or depth == 0 and ch == ",":
            return code
    return inner if depth == 0 else code


class Statements:
    """The body of one function: ``declare`` holds the Python names declared where first assigned (the rest
    were declared at the top), ``outside`` the names used outside the loop that binds them."""

    def __init__(self, w: Exprs, inline: set[str], once: set[str], loop_only: set[str], nested):
        self.w = w
        self.inline = set(inline)  # declared at their first (top-level) assignment
        self.once = once  # assigned exactly once: const
        self.loop_only = loop_only  # for targets used only inside their loop: declared in the loop
        self.nested = nested  # writes a nested def: (node, depth) -> lines
        self.lines: list[str] = []
        self.returns: list[Ty] = []  # the types returned (a nested function's type)

    def block(self, body: list[ast.stmt], depth: int) -> None:
        for stmt in body:
            method = getattr(self, "_" + type(stmt).__name__, None)
            if method is None:
                raise Unsupported(f"a Python {type(stmt).__name__} statement")
            method(stmt, depth)

    def emit(self, depth: int, text: str) -> None:
        self.lines.append(IND * depth + text)

    def _Pass(self, node, depth: int) -> None:
        pass

    def _Import(self, node: ast.Import, depth: int) -> None:
        if any(a.name != "math" or a.asname for a in node.names):
            raise Unsupported("an import of a module other than math")

    def _Break(self, node, depth: int) -> None:
        self.emit(depth, "break;")

    def _Continue(self, node, depth: int) -> None:
        self.emit(depth, "continue;")

    def _Expr(self, node: ast.Expr, depth: int) -> None:
        if isinstance(node.value, ast.Constant):
            return  # a docstring or a bare string: nothing to run
        if not isinstance(node.value, ast.Call):
            raise Unsupported("an expression statement that is not a call")
        self.emit(depth, self.w.js(node.value).code + ";")

    def _Return(self, node: ast.Return, depth: int) -> None:
        if node.value is None:
            self.emit(depth, "return;")
            return
        v = self.w.js(node.value)
        if v.ty.kind == "dict":
            if not v.ty.args or v.ty.args[0].kind != "str":
                raise Unsupported("returning a dict whose keys are not strings")
            v = E(f"Object.fromEntries({v.code})", ATOM, v.ty)
        elif v.ty.kind == "set":
            raise Unsupported("returning a set")
        self.returns.append(v.ty)
        self.emit(depth, f"return {v.code};")

    def _FunctionDef(self, node: ast.FunctionDef, depth: int) -> None:
        self.lines.extend(self.nested(node, depth))

    def _If(self, node: ast.If, depth: int, prefix: str = "") -> None:
        self.emit(depth, f"{prefix}if ({self.w.truth(node.test).code}) {{")
        body_not_none, else_not_none = none_test(node.test)
        with self._narrowed(body_not_none):
            self.block(node.body, depth + 1)
        rest = node.orelse
        with self._narrowed(else_not_none):
            if len(rest) == 1 and isinstance(rest[0], ast.If):
                self._If(rest[0], depth, prefix="} else ")
                return
            if rest:
                self.emit(depth, "} else {")
                self.block(rest, depth + 1)
        self.emit(depth, "}")

    @contextmanager
    def _narrowed(self, name: str | None):
        """Within a branch where ``name is not None`` holds, its optional type is the type it holds."""
        entry = self.w.scope.get(name) if name else None
        if name is None or entry is None or entry[1].kind != "opt" or not entry[1].args:
            yield
            return
        self.w.scope[name] = (entry[0], entry[1].args[0])
        try:
            yield
        finally:
            self.w.scope[name] = entry

    def _While(self, node: ast.While, depth: int) -> None:
        if node.orelse:
            raise Unsupported("while ... else")
        test = node.test
        cond = "true" if isinstance(test, ast.Constant) and test.value is True else self.w.truth(test).code
        self.emit(depth, f"while ({cond}) {{")
        self.block(node.body, depth + 1)
        self.emit(depth, "}")

    def _For(self, node: ast.For, depth: int) -> None:
        if node.orelse:
            raise Unsupported("for ... else")
        it = node.iter
        inner_stored = stored(node.body)
        if isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "range" \
                and "range" not in self.w.scope and not it.keywords:
            self._range_loop(node, it, depth, inner_stored)
            return
        src = self.w.js(it)
        kind = known(src.ty, "what the for iterates").kind
        seq = f"{par(src, ATOM)}.keys()" if kind == "dict" else unspread(src.code)
        names = {t.id for t in ast.walk(node.target) if isinstance(t, ast.Name)}
        if names & self.loop_only:
            keyword = "let " if names & inner_stored else "const "
        else:
            keyword = ""
        target = bind_target(self.w, node.target, elem(src.ty))
        self.emit(depth, f"for ({keyword}{target} of {seq}) {{")
        self.block(node.body, depth + 1)
        self.emit(depth, "}")

    def _range_loop(self, node: ast.For, it: ast.Call, depth: int, inner_stored: set[str]) -> None:
        if not isinstance(node.target, ast.Name) or node.target.id in inner_stored \
                or node.target.id not in self.loop_only:
            raise Unsupported("a range loop whose counter is changed in it or read after it")
        args = list(it.args)
        if not 1 <= len(args) <= 3:
            raise Unsupported("range() of no arguments")
        step = 1
        if len(args) == 3:
            s = args[2]
            value = s.value if isinstance(s, ast.Constant) else (
                -s.operand.value if isinstance(s, ast.UnaryOp) and isinstance(s.op, ast.USub)
                and isinstance(s.operand, ast.Constant) and isinstance(s.operand.value, int) else None)
            if not isinstance(value, int) or value == 0:
                raise Unsupported("range() with a computed step")
            step = value
        lo = self.w.js(args[0]) if len(args) > 1 else E("0", ATOM, Ty("int"))
        hi = self.w.js(args[1] if len(args) > 1 else args[0])
        for v in (lo, hi):
            if known(v.ty, "range()").kind not in ("int", "bool"):
                raise Unsupported(f"range() of a {v.ty}")
        bound_names = {n.id for n in ast.walk(args[1] if len(args) > 1 else args[0]) if isinstance(n, ast.Name)}
        i = self.w.bind(node.target.id, Ty("int"))
        head = f"let {i} = {par(lo, ARROW)}"
        bound = hi.code
        hi_node = args[1] if len(args) > 1 else args[0]
        calls = [c for c in ast.walk(hi_node) if isinstance(c, ast.Call)
                 and not (isinstance(c.func, ast.Name) and c.func.id == "len")]
        if bound_names & inner_stored or calls:
            end = self.w.bind(f"{node.target.id}_end", Ty("int"))
            head += f", {end} = {par(hi, ARROW)}"
            bound = end
        cmp_, inc = ("<", f"{i}++" if step == 1 else f"{i} += {step}") if step > 0 else (
            ">", f"{i}--" if step == -1 else f"{i} -= {-step}")
        if step > 0 and (len(args) == 1 or self.w.nonnegative(args[0])):
            self.w.nonneg.add(node.target.id)
        cond_bound = bound if bound != hi.code else par(hi, 13)
        self.emit(depth, f"for ({head}; {i} {cmp_} {cond_bound}; {inc}) {{")
        self.block(node.body, depth + 1)
        self.w.nonneg.discard(node.target.id)
        self.emit(depth, "}")

    def _declare(self, name: str) -> str:
        """The keyword for assigning ``name`` here: ``let``/``const`` at its first top-level assignment."""
        if name in self.inline:
            self.inline.discard(name)
            return "const " if name in self.once else "let "
        return ""

    def _Assign(self, node: ast.Assign, depth: int) -> None:
        if len(node.targets) != 1:
            raise Unsupported("a chained assignment")
        self._assign(node.targets[0], node.value, depth)

    def _AnnAssign(self, node: ast.AnnAssign, depth: int) -> None:
        if node.value is None:
            return
        self._assign(node.target, node.value, depth)

    def _assign(self, target: ast.expr, value: ast.expr, depth: int) -> None:
        v = self.w.js(value)
        if isinstance(target, ast.Name):
            keyword = self._declare(target.id)
            name = self.w.scope[target.id][0]
            self.emit(depth, f"{keyword}{name} = {par(v, ARROW)};")
            return
        if isinstance(target, ast.Subscript):
            self.emit(depth, self._item_store(target, v) + ";")
            return
        if isinstance(target, ast.Tuple):
            parts, keywords = [], set()
            for t in target.elts:
                if isinstance(t, ast.Name):
                    keywords.add(self._declare(t.id))
                    parts.append(self.w.scope[t.id][0])
                elif isinstance(t, ast.Subscript) and known(self.w.ty(t.value), "a target").kind == "list" \
                        and not isinstance(t.slice, ast.Slice):
                    parts.append(self.w.js(t).code)
                else:
                    raise Unsupported("a tuple target of that kind")
            if len(keywords) > 1:
                raise Unsupported("a tuple assignment declaring some names and not others")
            keyword = keywords.pop() if keywords else ""
            keyword = "let " if keyword == "const " and len(parts) > 1 else keyword
            if v.ty.kind not in (*SEQUENCES, "any"):
                raise Unsupported(f"unpacking a {v.ty}")
            self.emit(depth, f"{keyword}[{', '.join(parts)}] = {par(v, ARROW)};")
            return
        raise Unsupported("an assignment to an attribute")

    def _item_store(self, target: ast.Subscript, v: E) -> str:
        box = self.w.js(target.value)
        kind = known(box.ty, "an item assignment").kind
        if isinstance(target.slice, ast.Slice):
            raise Unsupported("a slice assignment")
        if kind == "dict":
            key = self.w.js(target.slice)
            self.w.hashable(key.ty, "a dict")
            return f"{par(box, ATOM)}.set({key.code}, {par(v, ARROW)})"
        if kind != "list" or not self.w.nonnegative(target.slice):
            raise Unsupported("an item assignment at an index that may be negative")
        return f"{par(box, ATOM)}[{self.w.js(target.slice).code}] = {par(v, ARROW)}"

    def _AugAssign(self, node: ast.AugAssign, depth: int) -> None:
        target = node.target
        load = ast.Name(target.id, ast.Load()) if isinstance(target, ast.Name) else ast.Subscript(
            target.value, target.slice, ast.Load()) if isinstance(target, ast.Subscript) else None
        if load is None or isinstance(target, ast.Subscript) and not simple(target.slice):
            raise Unsupported("an augmented assignment to that target")
        left = self.w.js(load)
        if left.ty.kind == "list" and isinstance(node.op, ast.Add):
            self.emit(depth, f"{par(left, ATOM)}.push(...{par(as_array(self.w.js(node.value)), ATOM)});")
            return
        value = self.w.js(ast.BinOp(load, node.op, node.value))
        plain = isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div)) and value.code.startswith(left.code + " ")
        if isinstance(target, ast.Name):
            name = self.w.scope[target.id][0]
            if plain:
                sym = {ast.Add: "+=", ast.Sub: "-=", ast.Mult: "*=", ast.Div: "/="}[type(node.op)]
                self.emit(depth, f"{name} {sym} {value.code[len(left.code) + 3:]};")
            else:
                self.emit(depth, f"{name} = {value.code};")
            return
        assert isinstance(target, ast.Subscript)
        self.emit(depth, self._item_store(target, value) + ";")

    def _Raise(self, node: ast.Raise, depth: int) -> None:
        exc = node.exc
        if exc is None or node.cause is not None:
            raise Unsupported("a bare raise or raise ... from")
        call = exc if isinstance(exc, ast.Call) else None
        name = (call.func if call else exc)
        if not isinstance(name, ast.Name) or not name.id.endswith(("Error", "Exception")):
            raise Unsupported("raising something other than a builtin exception")
        args = call.args if call else []
        msg = self.w.js(args[0]).code if len(args) == 1 else json.dumps(name.id)
        self.emit(depth, f"throw new Error({msg});")

    def _Assert(self, node: ast.Assert, depth: int) -> None:
        self.emit(depth, f"if (!{par(self.w.truth(node.test), 17)}) throw new Error('assertion failed');")

    def _Delete(self, node: ast.Delete, depth: int) -> None:
        for t in node.targets:
            if not isinstance(t, ast.Subscript) or isinstance(t.slice, ast.Slice):
                raise Unsupported("del of a name or a slice")
            box = self.w.js(t.value)
            if box.ty.kind == "dict":
                self.emit(depth, f"{par(box, ATOM)}.delete({self.w.js(t.slice).code});")
            elif box.ty.kind == "list" and self.w.nonnegative(t.slice):
                self.emit(depth, f"{par(box, ATOM)}.splice({self.w.js(t.slice).code}, 1);")
            else:
                raise Unsupported("del at an index that may be negative")
