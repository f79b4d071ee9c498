"""The Python -> C++ rule: a Python function written in C++ without the model, where it is certain.

Offered beside the model's answers (:mod:`translate.translation.premade`) as the Python -> JavaScript rule is:
tried once a turn's answers fail the behaviour check, kept only where the check ran it and it matched the source
on the recorded inputs. The names' Python types are the JavaScript rule's (:class:`~translate.translation.
py_js_rule.PyFunction`: annotations, the recorded arguments, each local's assignments); the header is the one
the callers declare where they do (``UnitContext.declared``), else the C++ of those types. Every local is
declared with its type where Python first binds it (at the top of the function where it is first bound in a
branch or loop). Expressions: :mod:`py_cpp_exprs`; statements: :mod:`py_cpp_statements`. Classes, ``try``, ``print``, generators,
a dict iterated, a type it cannot tell: the unit stays the model's.
"""
from __future__ import annotations

import ast

from translate.source import pyast
from translate.translation.declared import header as declared_header
from translate.translation.declared import types as declared_types
from translate.translation.py_cpp_exprs import CppExprs, E
from translate.translation.py_cpp_names import cpp_name
from translate.translation.py_cpp_statements import IND, Body
from translate.translation.py_cpp_types import Widths, ctype, of_ctype, py, widths_of
from translate.translation.py_js_rule import PyFunction, file_functions, one_function, recorded_types
from translate.translation.py_js_types import ANY, Ty, Unsupported, join, known

_CONTAINERS = ("list", "set", "dict", "str", "tuple")
_MUTATORS = frozenset({"append", "pop", "insert", "sort", "reverse", "extend", "remove", "clear", "add", "discard",
                       "update", "setdefault"})  # a list, set or dict changed in place: the caller's (a reference)
_NOT_COVERED = (ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.Yield, ast.YieldFrom, ast.TryStar, ast.With,
                ast.Global, ast.Nonlocal)


class _Builtins(ast.NodeTransformer):
    """``filter(lambda x: c, xs)`` -> ``(x for x in xs if c)``, ``map(lambda x: e, xs)`` and ``map(int, xs)`` ->
    generator expressions (the same values in the same order; the rule writes those)."""

    def visit_Call(self, node: ast.Call) -> ast.expr:
        self.generic_visit(node)
        f = node.func
        if not (isinstance(f, ast.Name) and f.id in ("filter", "map") and len(node.args) == 2 and not node.keywords):
            return node
        fn, seq = node.args
        if isinstance(fn, ast.Lambda) and len(fn.args.args) == 1 and not fn.args.defaults:
            var, body = fn.args.args[0].arg, fn.body
        elif isinstance(fn, ast.Name) and f.id == "map":
            var = "_item_"
            body = ast.Call(fn, [ast.Name(var, ast.Load())], [])
        else:
            return node
        target = ast.Name(var, ast.Store())
        if f.id == "filter":
            gen = ast.comprehension(target, seq, [body], 0)
            return ast.copy_location(ast.GeneratorExp(ast.Name(var, ast.Load()), [gen]), node)
        return ast.copy_location(ast.GeneratorExp(body, [ast.comprehension(target, seq, [], 0)]), node)


def _param_text(name: str, ty: Ty, body: list[ast.stmt], x: CppExprs) -> str:
    t = x.t(ty)
    if ty.kind not in _CONTAINERS:
        return f"{t} {name}"
    changed = any(isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store) and n.id == name
                  for s in body for n in ast.walk(s))
    in_place = ty.kind != "str" and not changed and any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in _MUTATORS
        and isinstance(n.func.value, ast.Name) and n.func.value.id == name
        or isinstance(n, ast.Subscript) and isinstance(n.ctx, ast.Store) and isinstance(n.value, ast.Name)
        and n.value.id == name for s in body for n in ast.walk(s))
    return f"{t}& {name}" if in_place else f"{t} {name}" if changed else f"const {t}& {name}"


def _write(fn: ast.FunctionDef, functions: dict[str, Ty], hints: list[Ty] | None, declared: str,
           outer: CppExprs | None = None, outer_js=None, depth: int = 0) -> list[str]:
    """The C++ lines of ``fn``: a function, or (``outer``: the enclosing function's expressions) a lambda."""
    if outer is None and any(isinstance(n, _NOT_COVERED) and not _key_lambda(n, fn) for n in ast.walk(fn)):
        raise Unsupported("a class, lambda, generator, try, with, global or nonlocal")
    decl = declared_types(declared_header(declared, fn.name), fn.name) if declared else None
    if declared and decl is None:
        raise Unsupported("the declared header names another function")
    widths = outer.widths if outer is not None else Widths()
    ret_ty = None
    if decl is not None:
        ret_ct, param_cts = ctype(decl[0]), [ctype(p) for p in decl[1]]
        if len(param_cts) != len(fn.args.args):
            raise Unsupported("the declaration takes another number of parameters")
        widths = widths_of([ret_ct, *param_cts])
        hints = [py(of_ctype(ct)) for ct in param_cts]
        ret_ty = of_ctype(ret_ct)
    pf = PyFunction(fn, functions, outer_js, hints)
    _params, w, locals_, inline, _once, loop_only = pf.typed()
    arg_names = [a.arg for a in fn.args.args]
    unpacked = {t.id for n in ast.walk(fn) if isinstance(n, ast.Assign) for tt in n.targets
                if isinstance(tt, ast.Tuple) for t in ast.walk(tt) if isinstance(t, ast.Name)}
    inline = set(inline) - unpacked - set(arg_names)
    scope: dict[str, tuple[str, Ty]] = dict(outer.scope) if outer is not None else {}
    for py_name in loop_only:  # a nested function's own loop variable, not the enclosing function's local
        scope.pop(py_name, None)
    taken = {c for c, _ in scope.values()}
    for py_name in [*arg_names, *locals_]:
        if py_name not in loop_only:
            scope[py_name] = (cpp_name(py_name, taken), _items_known(w.scope[py_name][1]))
            taken.add(scope[py_name][0])
    if ret_ty is None:
        known_ret = functions.get(fn.name, ANY) if outer is None else outer.scope[fn.name][1].args[0]
        ret_ty = known_ret if known_ret.kind != "any" else None
    counter = outer.counter if outer is not None else None

    def nested(node: ast.FunctionDef, at: int, x: CppExprs) -> list[str]:
        return _write(node, functions, pf.nested_hints.get(node.name), "", x, w, at)

    if ret_ty is None:  # the returns' types, from a first writing
        first = Body(CppExprs(dict(scope), functions, widths, counter), inline, None, nested)
        try:
            first.block(fn.body, depth + 1)
        except Unsupported:
            pass
        guess = ANY
        for t in first.returns:
            guess = join(guess, t)
        ret_ty = known(guess, "the return type") if first.returns else Ty("none")
        if outer is None:
            functions = dict(functions, **{fn.name: ret_ty})
        else:
            scope[fn.name] = (scope[fn.name][0], Ty("func", (ret_ty,)))
    x = CppExprs(scope, functions, widths, counter)
    body = Body(x, inline, ret_ty, nested)
    for name in locals_:
        if name not in inline and name not in arg_names and name in scope and any(
                isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store) and not _in_for_target(n, fn)
                for n in ast.walk(fn)):
            ty = scope[name][1]
            if ty.kind != "opt" or not ty.args:
                known(ty, f"the local {name}")
            body.emit(depth + 1, f"{x.t(ty)} {scope[name][0]}{{}};")
    body.block(fn.body, depth + 1)
    if decl is not None:
        parts = [f"{_std(t)} {scope[a][0]}" for t, a in zip(decl[1], arg_names, strict=True)]
    else:
        parts = [_param_text(scope[a][0], known(scope[a][1], f"the parameter {a}"), fn.body, x) for a in arg_names]
    defaults = [None] * (len(fn.args.args) - len(fn.args.defaults)) + list(fn.args.defaults)
    for i, d in enumerate(defaults):
        if d is not None:
            if outer is not None:
                raise Unsupported("a nested function with defaults")
            parts[i] += f" = {x.value_of(d, scope[arg_names[i]][1])}"
    pad = IND * depth
    ret = _std(decl[0]) if decl is not None else x.t(ret_ty)
    if outer is None:
        return _doc(fn) + [f"{ret} {fn.name}({', '.join(parts)}) {{", *body.lines, "}"]
    name = outer.scope[fn.name][0]
    calls_itself = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == fn.name
                       for n in ast.walk(fn))
    if calls_itself:
        kinds = ", ".join(x.t(known(scope[a][1], "a parameter")) for a in arg_names)
        start = f"std::function<{ret}({kinds})> {name} = [&]({', '.join(parts)}) -> {ret} {{"
    else:
        start = f"auto {name} = [&]({', '.join(parts)}) -> {ret} {{"
    return [pad + start, *body.lines, pad + "};"]


def _items_known(t: Ty) -> Ty:
    """A container's items typed without ``None``: ``out.append(best)`` where ``best`` may be None types ``out``
    as a list of optionals; the C++ holds values, and pushing one that may be None is refused where it is
    written (only a name known to hold a value goes in)."""
    if not t.args or t.kind == "func":
        return t
    args = tuple(a.args[0] if a.kind == "opt" and a.args else a for a in t.args)
    return Ty(t.kind, tuple(_items_known(a) for a in args)) if t.kind != "opt" else Ty("opt", (_items_known(args[0]),))


def _std(t: str) -> str:
    """A declared type with the standard library's names qualified (the answer does not assume ``using``)."""
    import re

    return re.sub(r"(?<![\w:])(vector|string|map|set|pair|tuple|optional|unordered_map|unordered_set)\b", r"std::\1", t)


def _key_lambda(n: ast.AST, fn: ast.FunctionDef) -> bool:
    """A lambda given as ``key=`` (sorted, min, max, sort): written by the rule as a comparator."""
    if not isinstance(n, ast.Lambda):
        return False
    return any(isinstance(c, ast.Call) and any(k.arg == "key" and k.value is n for k in c.keywords)
               for c in ast.walk(fn))


def _in_for_target(name: ast.Name, fn: ast.FunctionDef) -> bool:
    return any(isinstance(f, (ast.For, ast.comprehension)) and any(t is name for t in ast.walk(f.target))
               for f in ast.walk(fn))


def _doc(fn: ast.FunctionDef) -> list[str]:
    doc = ast.get_docstring(fn)
    return [("// " + line).rstrip() for line in doc.splitlines()] if doc else []


def write_function(code: str, source: str = "", arg_types: list[Ty] | None = None, declared: str = "") -> str:
    """The C++ of the Python function ``code`` (of the file ``source``; ``declared``: the C++ header its callers
    declare); :class:`Unsupported` (why) where the rule does not cover it."""
    fn = ast.fix_missing_locations(_Builtins().visit(one_function(code)))
    functions = _typed_functions(source)
    functions.pop(fn.name, None)
    functions[fn.name] = PyFunction(fn, functions, None).return_type() if fn.returns is None else \
        file_functions(ast.unparse(fn)).get(fn.name, ANY)
    try:
        return "\n".join(_write(fn, functions, arg_types, declared)) + "\n"
    except RecursionError as exc:
        raise Unsupported("nested too deeply") from exc


def _typed_functions(source: str) -> dict[str, Ty]:
    """The file's top-level functions and their return types: annotated, else read from their returns."""
    out = file_functions(source)
    if not any(t.kind == "any" for t in out.values()):
        return out
    try:
        tree = pyast.parse(source)
    except (SyntaxError, ValueError, RecursionError):
        return out
    for n in tree.body:
        if isinstance(n, ast.FunctionDef) and out.get(n.name, ANY).kind == "any":
            try:
                out[n.name] = PyFunction(n, dict(out), None).return_type()
            except (Unsupported, RecursionError):
                continue
    return out


def cpp_function(code: str, source: str = "", arg_types: list[Ty] | None = None, declared: str = "") -> str | None:
    try:
        return write_function(code, source, arg_types, declared)
    except Unsupported:
        return None


def rule_answer(task, fenced: bool, holder: str = "", recording=None) -> str | None:
    """The rule's answer to a Python -> C++ ``TranslationTask`` of a top-level function, in the form the model
    answers; None for any other task."""
    if task.source.name != "python" or task.target.name != "cpp" or task.kind != "function" \
            or task.context.test or task.context.must_call:
        return None
    types = recorded_types(recording) if recording is not None else None
    out = cpp_function(task.code, holder, types, task.context.declared)
    return None if out is None else f"```cpp\n{out}```\n" if fenced else out


__all__ = ["E", "write_function", "cpp_function", "rule_answer"]
