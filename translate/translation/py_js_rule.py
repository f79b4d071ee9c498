"""The Python -> JavaScript rule: a Python function written in JavaScript without the model, where it is certain.

Offered beside the model's answers (:mod:`translate.translation.premade`): the model is asked first; where its
answers fail the behaviour check, the rule's answer is tried and kept only where the check ran it and it matched
the source on the recorded inputs. The rule types every expression (:mod:`py_js_types`, :mod:`py_js_exprs`,
:mod:`py_js_calls`, :mod:`py_js_methods`) and writes Python's meaning where JavaScript's differs; any construct
outside what it covers (classes, ``try``, ``print``, generators, a type it cannot tell) leaves the unit to the
model. Measured on HumanEval-X (``bench/rule_bench.py --from python --to javascript``).
"""
from __future__ import annotations

import ast
import textwrap

from translate.source import pyast
from translate.translation.py_js_comps import bind_target
from translate.translation.py_js_exprs import Exprs, literal
from translate.translation.py_js_names import js_name
from translate.translation.py_js_statements import IND, Statements
from translate.translation.py_js_types import (
    ANY,
    Ty,
    Unsupported,
    constant,
    elem,
    from_annotation,
    join,
    join_all,
    list_of,
    of_value,
    refine,
)

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_COMPS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _walk(node: ast.AST, inside_comp: bool = False):
    """(name node, inside a comprehension) in source order, not entering nested functions."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, _SCOPES):
            continue
        if isinstance(child, ast.Name):
            yield child, inside_comp
        yield from _walk(child, inside_comp or isinstance(child, _COMPS))


class PyFunction:
    def __init__(self, node: ast.FunctionDef, functions: dict[str, Ty], outer: Exprs | None,
                 hints: list[Ty] | None = None):
        self.node = node
        self.hints = hints or []  # the parameters' types as observed (recorded calls, or the calls in the file)
        self.nested_hints: dict[str, list[Ty]] = {}
        self.functions = functions
        self.outer = outer
        self.returns: list[Ty] = []

    def _params(self, scope: dict[str, tuple[str, Ty]]) -> list[str]:
        a = self.node.args
        if a.vararg or a.kwarg or a.kwonlyargs or a.posonlyargs:
            raise Unsupported("*args, **kwargs or keyword-only parameters")
        defaults = [None] * (len(a.args) - len(a.defaults)) + list(a.defaults)
        out = []
        for i, (arg, default) in enumerate(zip(a.args, defaults, strict=True)):
            ty = refine(from_annotation(arg.annotation), self.hints[i] if i < len(self.hints) else ANY)
            if ty.kind in ("dict", "set"):
                raise Unsupported("a dict or set parameter (a JavaScript caller passes an object or an array)")
            name = js_name(arg.arg, {js for js, _ in scope.values()} | self._outer_names())
            if default is not None:
                if not isinstance(default, ast.Constant):
                    raise Unsupported("a default that is not a constant")
                ty = join(ty, constant(default.value)) if ty.kind == "any" else ty
                out.append(f"{name} = {literal(default.value)}")
            else:
                out.append(name)
            scope[arg.arg] = (name, ty)
        return out

    def _outer_names(self) -> set[str]:
        return {js for js, _ in self.outer.scope.values()} if self.outer else set()

    def _locals(self, params: set[str]):
        """(locals in order of first use, inline, once, loop_only): see :class:`Statements`."""
        order: list[str] = []
        stores: dict[str, int] = {}
        for name, in_comp in _walk(self.node):
            if isinstance(name.ctx, ast.Store) and not in_comp and name.id not in params:
                stores[name.id] = stores.get(name.id, 0) + 1
                if name.id not in order:
                    order.append(name.id)
        aug = {n.target.id for n in ast.walk(self.node) if isinstance(n, ast.AugAssign)
               and isinstance(n.target, ast.Name)}
        inline, once = set(), set()
        uses: dict[str, list[int]] = {}
        for n, _ in _walk(self.node):
            uses.setdefault(n.id, []).append(id(n))
        for block in _blocks(self.node):
            for i, stmt in enumerate(block):
                if not isinstance(stmt, (ast.Assign, ast.AnnAssign)) or stmt.value is None:
                    continue
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                value_names = {n.id for n in ast.walk(stmt.value) if isinstance(n, ast.Name)}
                before = {id(n) for s in block[:i] for n in ast.walk(s) if isinstance(n, ast.Name)}
                here = {id(n) for s in block[i:] for n in ast.walk(s) if isinstance(n, ast.Name)}
                for t in targets:
                    for n in ast.walk(t):
                        if not isinstance(n, ast.Name) or n.id not in stores or n.id in inline \
                                or n.id in value_names:
                            continue
                        if all(u in here and u not in before for u in uses[n.id]):
                            inline.add(n.id)
                            if stores[n.id] == 1 and n.id not in aug and isinstance(t, ast.Name):
                                once.add(n.id)
        loop_only = set()
        fors = [n for n in ast.walk(self.node) if isinstance(n, ast.For)]
        for name in stores:
            binding = [f for f in fors if name in {t.id for t in ast.walk(f.target) if isinstance(t, ast.Name)}]
            if not binding:
                continue
            inside = {id(n) for f in binding for n in ast.walk(f) if isinstance(n, ast.Name)}
            if all(id(n) in inside for n, in_comp in _walk(self.node) if n.id == name and not in_comp):
                loop_only.add(name)
        return order, inline - loop_only, once, loop_only

    def _infer(self, w: Exprs, locals_: list[str]) -> None:
        """The locals' types from their assignments, in a few passes (a later assignment refines an earlier
        ``[]``); the ``for`` targets from what they iterate."""
        for _ in range(3):
            found: dict[str, Ty] = {}

            def note(name: str, ty: Ty, found: dict[str, Ty] = found) -> None:
                if name in locals_:
                    found[name] = join(found.get(name, ANY), ty)

            for n in ast.walk(self.node):
                try:
                    if isinstance(n, ast.Assign) and len(n.targets) == 1:
                        self._note_target(w, n.targets[0], w.js(n.value).ty, note)
                    elif isinstance(n, ast.AnnAssign) and n.value is not None:
                        self._note_target(w, n.target, join(from_annotation(n.annotation), w.js(n.value).ty), note)
                    elif isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name):
                        note(n.target.id, w.js(ast.BinOp(ast.Name(n.target.id, ast.Load()), n.op, n.value)).ty)
                    elif isinstance(n, ast.For):
                        self._note_target(w, n.target, elem(w.js(n.iter).ty), note)
                    elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) \
                            and isinstance(n.func.value, ast.Name) and n.func.attr in ("append", "add") \
                            and len(n.args) == 1:
                        kind = "list" if n.func.attr == "append" else "set"
                        note(n.func.value.id, Ty(kind, (w.js(n.args[0]).ty,)))
                    elif isinstance(n, ast.FunctionDef) and n is not self.node and n.name in locals_:
                        fn = PyFunction(n, self.functions, w, self.nested_hints.get(n.name))
                        note(n.name, Ty("func", (fn.return_type(),)))
                except Unsupported:
                    continue
            for name in locals_:
                js = w.scope[name][0]
                w.scope[name] = (js, found.get(name, ANY))
            self._hints(self.node, w, set(locals_))

    def _hints(self, node: ast.AST, w: Exprs, local: set[str]) -> None:
        """The types the calls of the nested functions pass (what types their parameters), read with each call's
        comprehension variables bound."""
        for child in ast.iter_child_nodes(node):
            inner = w
            if isinstance(child, _COMPS):
                inner = w.child()
                try:
                    for gen in child.generators:
                        bind_target(inner, gen.target, elem(inner.js(gen.iter).ty))
                except Unsupported:
                    continue
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Name) and child.func.id in local \
                    and not child.keywords:
                try:
                    self._hint(child.func.id, [inner.js(a).ty for a in child.args])
                except Unsupported:
                    pass
            if not isinstance(child, (ast.Lambda, ast.ClassDef)):
                self._hints(child, inner, local)

    def _hint(self, name: str, types: list[Ty]) -> None:
        old = self.nested_hints.get(name)
        self.nested_hints[name] = types if old is None or len(old) != len(types) else [
            join(a, b) for a, b in zip(old, types, strict=True)]

    @staticmethod
    def _note_target(w: Exprs, target: ast.expr, ty: Ty, note) -> None:
        if isinstance(target, ast.Name):
            note(target.id, ty)
        elif isinstance(target, ast.Tuple):
            parts = ty.args if ty.kind == "tuple" and len(ty.args) == len(target.elts) else [elem(ty)] * len(
                target.elts)
            for t, p in zip(target.elts, parts, strict=True):
                PyFunction._note_target(w, t, p, note)
        elif isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) \
                and not isinstance(target.slice, ast.Slice):
            box = w.scope.get(target.value.id, (None, ANY))[1]
            if box.kind == "dict":
                note(target.value.id, Ty("dict", (w.js(target.slice).ty, ty)))
            elif box.kind == "list":
                note(target.value.id, list_of(ty))

    def return_type(self) -> Ty:
        declared = from_annotation(self.node.returns)
        if declared.kind != "any":
            return declared
        try:
            self.write(0)
        except Unsupported:
            return ANY
        out = ANY
        for t in self.returns:
            out = join(out, t)
        return out

    def typed(self):
        """(parameters as written, the expressions' writer whose ``scope`` types every name, locals in order of
        first use, inline, once, loop_only): see :class:`Statements`. Also what the Python -> C++ rule reads."""
        node = self.node
        if node.decorator_list:
            raise Unsupported("a decorated function")
        scope = dict(self.outer.scope) if self.outer else {}
        params = self._params(scope)
        w = Exprs(scope, self.functions)
        locals_, inline, once, loop_only = self._locals({a.arg for a in node.args.args})
        taken = {js for js, _ in scope.values()}
        for name in locals_:
            if name not in {a.arg for a in node.args.args}:
                js = js_name(name, taken)
                taken.add(js)
                scope[name] = (js, ANY)
        for fn in _defs(node):
            js = js_name(fn.name, taken)
            taken.add(js)
            scope[fn.name] = (js, Ty("func", (from_annotation(fn.returns),)))
            locals_.append(fn.name)
        self._infer(w, locals_)
        return params, w, locals_, inline, once, loop_only

    def write(self, depth: int) -> list[str]:
        node = self.node
        params, w, locals_, inline, once, loop_only = self.typed()
        scope = w.scope
        nested = self._nested(w)
        body = Statements(w, inline, once, loop_only, nested)
        self.returns = body.returns = []  # (read after a failed write: a recursive function's return type)
        defs = {fn.name for fn in _defs(node)}
        hoisted = [scope[n][0] for n in locals_ if n not in inline and n not in loop_only and n not in defs]
        if hoisted:
            body.emit(depth + 1, f"let {', '.join(hoisted)};")
        body.block(node.body, depth + 1)
        name = scope[node.name][0] if self.outer and node.name in scope else node.name
        out = _doc(node, depth) + [IND * depth + f"function {name}({', '.join(params)}) {{"]
        return out + body.lines + [IND * depth + "}"]

    def _nested(self, w: Exprs):
        def write(fn: ast.FunctionDef, depth: int) -> list[str]:
            return PyFunction(fn, self.functions, w, self.nested_hints.get(fn.name)).write(depth)
        return write


def _blocks(node: ast.AST):
    """Every list of statements of a function, not entering nested functions."""
    for field in ("body", "orelse", "finalbody"):
        block = getattr(node, field, None)
        if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
            yield block
            for s in block:
                if not isinstance(s, _SCOPES):
                    yield from _blocks(s)


def _defs(node: ast.FunctionDef) -> list[ast.FunctionDef]:
    """The functions defined in ``node``'s body (at any depth of its blocks, not inside another function)."""
    out = []
    stack = list(node.body)
    while stack:
        s = stack.pop(0)
        if isinstance(s, ast.FunctionDef):
            out.append(s)
        elif not isinstance(s, _SCOPES):
            stack.extend(c for c in ast.iter_child_nodes(s) if isinstance(c, ast.stmt))
    return out


def _doc(node: ast.FunctionDef, depth: int) -> list[str]:
    doc = ast.get_docstring(node)
    if not doc:
        return []
    pad = IND * depth
    lines = [pad + "/**"] + [(pad + " * " + line.replace("*/", "* /")).rstrip() for line in doc.splitlines()]
    return lines + [pad + " */"]


def file_functions(source: str) -> dict[str, Ty]:
    """The top-level functions of the file ``source`` and their declared return types."""
    try:
        tree = pyast.parse(source)
    except (SyntaxError, ValueError, RecursionError):
        return {}
    return {n.name: from_annotation(n.returns) for n in tree.body if isinstance(n, ast.FunctionDef)}


def one_function(code: str) -> ast.FunctionDef:
    """The one function ``code`` defines (:class:`Unsupported` where it does not parse or is not one function)."""
    try:
        tree = pyast.parse(textwrap.dedent(code))
    except (SyntaxError, ValueError, RecursionError) as exc:
        raise Unsupported("the source does not parse") from exc
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.FunctionDef):
        raise Unsupported("not one function")
    return tree.body[0]


def write_function(code: str, source: str = "", arg_types: list[Ty] | None = None) -> str:
    """The JavaScript of the Python function ``code`` (of the file ``source``); :class:`Unsupported` (why) where
    the rule does not cover it."""
    fn = one_function(code)
    functions = file_functions(source)
    functions[fn.name] = from_annotation(fn.returns)
    for _ in range(3):  # a recursive function without an annotation: its type from the returns written first
        writer = PyFunction(fn, functions, None, arg_types)
        try:
            return "\n".join(writer.write(0)) + "\n"
        except RecursionError as exc:
            raise Unsupported("nested too deeply") from exc
        except Unsupported:
            guess = join_all(writer.returns)
            if fn.returns is not None or guess.kind in ("any", "mixed") or guess == functions[fn.name]:
                raise
            functions[fn.name] = guess
    raise Unsupported("its return type is not known")


def js_function(code: str, source: str = "", arg_types: list[Ty] | None = None) -> str | None:
    """:func:`write_function`, or None where the rule does not cover the function."""
    try:
        return write_function(code, source, arg_types)
    except Unsupported:
        return None


def recorded_types(recording) -> list[Ty]:
    """Each parameter's type over the inputs the source was recorded with (``any`` where they disagree)."""
    cases = getattr(recording, "cases", None) or []
    width = len(getattr(recording, "params", []) or [])
    out = []
    for i in range(width):
        t = join_all(of_value(c.args[i]) for c in cases if len(c.args) == width)
        out.append(ANY if t.kind == "mixed" else t)
    return out


def rule_answer(task, fenced: bool, holder: str = "", recording=None) -> str | None:
    """The rule's answer to a Python -> JavaScript ``TranslationTask`` of a top-level function (``holder``: its
    file's source; ``recording``: the source's recorded runs, whose arguments type untyped parameters), in the
    form the model answers (``fenced``: in a code fence); None for any other task."""
    if task.source.name != "python" or task.target.name != "javascript" or task.kind != "function" \
            or task.context.test or task.context.must_call:
        return None
    out = js_function(task.code, holder, recorded_types(recording) if recording is not None else None)
    return None if out is None else f"```javascript\n{out}```\n" if fenced else out
