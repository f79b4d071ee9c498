"""The Python -> Java rule: a Python function written in Java without the model, where it is certain.

Offered beside the model's answers (:mod:`translate.translation.premade`) as the Python -> C++ rule is: tried once
a turn's answers fail the behaviour check, kept only where the check ran it and it matched the source on the
recorded inputs. The names' Python types are the JavaScript rule's (:class:`~translate.translation.py_js_rule.
PyFunction`: annotations, the recorded arguments, each local's assignments); the header's types are the ones the
callers declare where they do (``UnitContext.declared``: HumanEval-X's ``public List<Integer> f(List<Integer>
l)``), else the Java of those types (Python's ``int`` a ``long``); a parameter whose first statement retypes it
(``number = abs(int(number))`` of a declared ``String``) keeps the declared type under another name. In ``translate
repo`` the module's tables are read as the static fields the unit is shown (a pair row is its ``Map.Entry``) and
``re`` calls are the project's class ``re`` (:mod:`py_java_re`). Expressions: :mod:`py_java_exprs`; statements:
:mod:`py_java_statements`. Nested functions, lambdas but a sort's ``key``, classes, ``try``, tuples as values,
generators, a type it cannot tell: the unit stays the model's. The function is written ``public static`` under
its Python name (the answer's names are the pipeline's to map, as the model's are).
"""
from __future__ import annotations

import ast
import copy
import re

from translate.translation.declared import header as declared_header
from translate.translation.declared import types as declared_types
from translate.translation.py_cpp_rule import _Builtins, _in_for_target, _items_known, _key_lambda, _typed_functions
from translate.translation.py_cpp_types import py
from translate.translation.py_java_defaults import full_declaration, overloads, without_defaults
from translate.translation.py_java_exprs import JavaExprs, as_list, java_name
from translate.translation.py_java_re import replacer
from translate.translation.py_java_statements import Body
from translate.translation.py_java_types import JWidths, declared_text, of_java, widths_of
from translate.translation.py_js_rule import PyFunction, file_functions, one_function, recorded_types
from translate.translation.py_js_types import ANY, Ty, Unsupported, join, known

_NOT_COVERED = (ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.Yield, ast.YieldFrom, ast.TryStar, ast.With,
                ast.Global, ast.Nonlocal, ast.Try)


class _Pairs(ast.NodeTransformer):
    """``dict([(k, v) for x in xs])`` -> ``{k: v for x in xs}`` (the same dict; the rule writes, and types, that)."""

    def visit_Call(self, node: ast.Call) -> ast.expr:
        self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id == "dict" and len(node.args) == 1 and not node.keywords \
                and isinstance(node.args[0], (ast.ListComp, ast.GeneratorExp)) \
                and isinstance(node.args[0].elt, ast.Tuple) and len(node.args[0].elt.elts) == 2:
            comp = node.args[0]
            return ast.copy_location(ast.DictComp(*comp.elt.elts, comp.generators), node)
        return node


def _nested(fn: ast.FunctionDef) -> list[ast.FunctionDef]:
    """The functions defined in ``fn``'s body (not in a loop or a branch), each of which must read none of
    ``fn``'s names: they are written as methods of their own beside it."""
    defs = [n for n in fn.body if isinstance(n, ast.FunctionDef)]
    if any(isinstance(n, ast.FunctionDef) and n is not fn and n not in defs for n in ast.walk(fn)):
        raise Unsupported("a function defined in a branch, a loop or another nested function")
    outer = {a.arg for a in fn.args.args} | {n.id for s in fn.body if not isinstance(s, ast.FunctionDef)
                                              for n in ast.walk(s) if isinstance(n, ast.Name)
                                              and isinstance(n.ctx, ast.Store)}
    for d in defs:
        own = {a.arg for a in d.args.args} | {n.id for n in ast.walk(d) if isinstance(n, ast.Name)
                                             and isinstance(n.ctx, ast.Store)}
        read = {n.id for n in ast.walk(d) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        if (read - own) & (outer - {x.name for x in defs}):
            raise Unsupported(f"the nested function {d.name} reads the enclosing function's names")
    return defs


class _Module:
    """What the function's module gives it in ``translate repo``: its tables (``fields``: name -> type; static
    fields of its class), as an enclosing scope of its names, and the modules the project has a class for with
    Python's API (``shims``: ``re``, translate/project/templates/re.java)."""

    def __init__(self, fields: dict[str, Ty] | None = None, shims: frozenset[str] = frozenset()):
        self.fields = fields or {}
        self.shims = shims
        self.scope = {name: (name, ty) for name, ty in self.fields.items()}
        # the names PyFunction types the locals with: the tables, and each shim as a module (py_js_calls)
        self.typing = {**self.scope, **{m: (m, Ty("shim")) for m in shims if m not in self.fields}}

    def reading(self, fn: ast.FunctionDef) -> _Module:
        """The tables ``fn`` reads (none may be assigned or be a parameter: Python's local then)."""
        read = {k: v for k, v in self.fields.items() if any(isinstance(n, ast.Name) and n.id == k
                                                              for n in ast.walk(fn))}
        if any(isinstance(n, ast.Name) and n.id in read and not isinstance(n.ctx, ast.Load) for n in ast.walk(fn)) \
                or any(a.arg in read for a in fn.args.args):
            raise Unsupported("a local named as one of the module's tables")
        return _Module(read, self.shims)


class _Typing:
    """An enclosing scope for PyFunction's typing (its ``scope``)."""

    def __init__(self, scope: dict[str, tuple[str, Ty]]):
        self.scope = scope


def _write(fn: ast.FunctionDef, functions: dict[str, Ty], hints: list[Ty] | None, declared: str,
           returns: dict[str, Ty] | None = None, widths: JWidths | None = None,
           module: _Module | None = None) -> list[str]:
    """The Java lines of ``fn`` (and of the functions it defines, after it); ``returns`` gets its return type."""
    module = (module or _Module()).reading(fn)
    if any(isinstance(n, _NOT_COVERED) and not _key_lambda(n, fn) and not replacer(n, fn, module.shims)
           for n in ast.walk(fn)):
        raise Unsupported("a class, lambda, generator, try, with, global or nonlocal")
    defs = _nested(fn)
    if any(d.name in functions for d in defs):
        raise Unsupported("a nested function named as one of the file's")
    if fn.args.vararg or fn.args.kwarg or fn.args.kwonlyargs or fn.args.defaults:
        raise Unsupported("*args, **kwargs, keyword-only parameters or defaults")
    decl = declared_types(declared_header(declared, fn.name), fn.name) if declared else None
    if declared and decl is None:
        raise Unsupported("the declared header names another function")
    widths = widths or JWidths()
    ret_ty = None
    if decl is not None:
        if len(decl[1]) != len(fn.args.args):
            raise Unsupported("the declaration takes another number of parameters")
        if decl[0].count("<") != decl[0].count(">"):  # ``Map<String, Integer> f(...)``: cut at its comma
            m = re.search(r"([\w.]+\s*<.*>)\s+\w+\s*\(", declared_header(declared, fn.name))
            decl = (m.group(1).replace(" ", "") if m else decl[0], decl[1])
        widths = widths_of([decl[0], *decl[1]])
        hints = [py(of_java(p)) for p in decl[1]]
        ret_ty = of_java(decl[0])
        functions = dict(functions, **{fn.name: ret_ty})  # its recursive calls
    pf = PyFunction(fn, functions, _Typing(module.typing) if module.typing else None, hints)
    _params, w, locals_, inline, _once, _loop_only = pf.typed()
    helpers: list[str] = []
    for d in defs:  # each before the body that calls it: its return type is the calls' type
        got: dict[str, Ty] = {}
        helpers += [""] + _write(d, functions, pf.nested_hints.get(d.name), "", got, widths, module)
        functions = dict(functions, **got)
    locals_ = [n for n in locals_ if n not in {d.name for d in defs}]
    arg_names = [a.arg for a in fn.args.args]
    unpacked = {t.id for n in ast.walk(fn) if isinstance(n, ast.Assign) for tt in n.targets
                if isinstance(tt, ast.Tuple) for t in ast.walk(tt) if isinstance(t, ast.Name)}
    inline = set(inline) - unpacked - set(arg_names)
    scope: dict[str, tuple[str, Ty]] = dict(module.scope)
    taken: set[str] = set(module.fields)
    for py_name in [*arg_names, *locals_]:
        if py_name not in _loop_only:
            scope[py_name] = (java_name(py_name, taken), as_list(_items_known(w.scope[py_name][1])))
            taken.add(scope[py_name][0])
    if decl is not None:  # the declared types, not the ones read from the body (``List<Double>`` of ints)
        for a, h in zip(arg_names, hints, strict=True):
            scope[a] = (scope[a][0], h)
    if ret_ty is None:
        known_ret = functions.get(fn.name, ANY)
        ret_ty = known_ret if known_ret.kind != "any" else None
    if ret_ty is None:  # the returns' types, from a first writing
        first = Body(JavaExprs(dict(scope), functions, widths, shims=module.shims), inline, None)
        first.hoisted = {d.name for d in defs}
        try:
            first.block(fn.body, 1)
        except Unsupported:
            pass
        guess = ANY
        for t in first.returns:
            guess = join(guess, t)
        ret_ty = known(guess, "the return type") if first.returns else Ty("none")
        functions = dict(functions, **{fn.name: ret_ty})
    if returns is not None:
        returns[fn.name] = ret_ty
    x = JavaExprs(scope, functions, widths, shims=module.shims)
    body = Body(x, inline, ret_ty, declared_text(decl[0]) if decl is not None else "")
    body.hoisted = {d.name for d in defs}
    for name in locals_:
        if name not in inline and name not in arg_names and name in scope and any(
                isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store) and not _in_for_target(n, fn)
                for n in ast.walk(fn)):
            ty = scope[name][1]
            if ty.kind != "opt" or not ty.args:
                known(ty, f"the local {name}")
            body.emit(1, f"{x.t(ty)} {scope[name][0]} = {widths.zero(ty)};")
    body.block(fn.body, 1)
    if not _ends(fn.body) and ret_ty.kind == "opt":  # Python's None at the end
        body.emit(1, "return Optional.empty();" if decl is not None and declared_text(decl[0]).startswith(
            "Optional<") else "return null;")
    elif not _ends(fn.body) and ret_ty.kind != "none":  # Python returns None, which the Java type cannot hold
        body.emit(1, 'throw new IllegalStateException("the Python returns None here");')
    if decl is not None:
        parts = [f"{declared_text(t)} {scope[a][0]}" for t, a in zip(decl[1], arg_names, strict=True)]
        ret = declared_text(decl[0])
    else:
        parts = [f"{x.t(known(scope[a][1], f'the parameter {a}'))} {scope[a][0]}" for a in arg_names]
        ret = x.t(ret_ty)
    return _doc(fn) + [f"public static {ret} {fn.name}({', '.join(parts)}) {{", *body.lines, "}", *helpers]


def _ends(body: list[ast.stmt]) -> bool:
    """Whether every path through ``body`` ends in a ``return`` or ``raise`` (javac's own test is close to it)."""
    if not body:
        return False
    last = body[-1]
    if isinstance(last, (ast.Return, ast.Raise)):
        return True
    if isinstance(last, ast.If):
        return bool(last.orelse) and _ends(last.body) and _ends(last.orelse)
    if isinstance(last, ast.While) and isinstance(last.test, ast.Constant) and last.test.value is True:
        return not any(isinstance(n, ast.Break) for n in ast.walk(last))
    return False


def _doc(fn: ast.FunctionDef) -> list[str]:
    doc = ast.get_docstring(fn)
    return [("// " + line).rstrip() for line in doc.splitlines()] if doc else []


def write_function(code: str, source: str = "", arg_types: list[Ty] | None = None, declared: str = "",
                   fields: dict[str, str] | None = None, shims: frozenset[str] = frozenset()) -> str:
    """The Java of the Python function ``code`` (of the file ``source``; ``declared``: the Java header its callers
    declare; ``fields``: the module's tables as static fields of its class, name -> Java type; ``shims``: the
    Python modules the project has a class of for, ``re``); :class:`Unsupported` (why) where the rule does not
    cover it."""
    fn, defaults = without_defaults(ast.fix_missing_locations(_Pairs().visit(_Builtins().visit(one_function(code)))))
    if declared and defaults:
        declared = full_declaration(declared, fn.name, len(fn.args.args))
    functions = _typed_functions(source)
    functions.pop(fn.name, None)
    if fn.returns is not None:
        functions[fn.name] = file_functions(ast.unparse(fn)).get(fn.name, ANY)
    elif any(isinstance(n, ast.FunctionDef) for n in fn.body):  # its nested functions' returns are not its own:
        functions[fn.name] = ANY  # read from its first writing
    else:
        functions[fn.name] = PyFunction(fn, functions, None).return_type()
    try:
        tables = {}
        for name, java_type in (fields or {}).items():
            try:
                tables[name] = of_java(java_type)
            except Unsupported:
                continue
        try:
            lines = _write(fn, functions, arg_types, declared, module=_Module(tables, shims))
        except Unsupported:
            split = _retyped_params(fn)
            if split is None:
                raise
            lines = _write(split, functions, arg_types, declared, module=_Module(tables, shims))
        return "\n".join(lines + overloads(lines, fn.name, defaults)) + "\n"
    except RecursionError as exc:
        raise Unsupported("nested too deeply") from exc


def _retyped_params(fn: ast.FunctionDef) -> ast.FunctionDef | None:
    """``fn`` with each parameter whose first use is a top-level assignment to it (``number = abs(int(number))``)
    renamed in its header and that assignment's value (``number_arg``): Java's parameter keeps the declared type
    (a ``String``), the local takes the value's (a ``long``). None where no parameter is assigned so."""
    fn = copy.deepcopy(fn)
    taken = {n.id for n in ast.walk(fn) if isinstance(n, ast.Name)} | {a.arg for a in fn.args.args}
    changed = False
    for arg in fn.args.args:
        first = next((st for st in fn.body if any(isinstance(n, ast.Name) and n.id == arg.arg for n in ast.walk(st))),
                     None)
        if not (isinstance(first, ast.Assign) and len(first.targets) == 1
                and isinstance(first.targets[0], ast.Name) and first.targets[0].id == arg.arg):
            continue
        fresh = next(f"{arg.arg}_arg{i or ''}" for i in range(100) if f"{arg.arg}_arg{i or ''}" not in taken)
        taken.add(fresh)
        for n in ast.walk(first.value):
            if isinstance(n, ast.Name) and n.id == arg.arg:
                n.id = fresh
        arg.arg, changed = fresh, True
    return fn if changed else None


def java_function(code: str, source: str = "", arg_types: list[Ty] | None = None, declared: str = "",
                  fields: dict[str, str] | None = None, shims: frozenset[str] = frozenset()) -> str | None:
    try:
        return write_function(code, source, arg_types, declared, fields, shims)
    except Unsupported:
        return None


_FIELD = re.compile(r"^static (.+?) (\w+);  // a field of this module's class")


def module_fields(imported: list[str]) -> dict[str, str]:
    """The module's tables as ``translate repo`` shows them to a unit (translate.project.java_context): name ->
    Java type of each ``static List<Map.Entry<String, String>> PLURALS;  // a field of this module's class``."""
    return {m.group(2): m.group(1) for m in map(_FIELD.match, imported) if m}


def rule_answer(task, fenced: bool, holder: str = "", recording=None, answered: str = "") -> str | None:
    """The rule's answer to a Python -> Java ``TranslationTask`` of a top-level function, in the form the model
    answers; None for any other task. Where the callers declare no header, the header of the model's answer
    (``answered``) is taken where the rule can write it, as the file's other units call that one."""
    if task.source.name != "python" or task.target.name != "java" or task.kind != "function" \
            or task.context.test or task.context.must_call:
        return None
    types = recorded_types(recording) if recording is not None else None
    declared = task.context.declared
    fields = module_fields(task.context.imported or [])
    shims = frozenset({"re"} if any(c.startswith("re.") for c in task.context.keep_calls or []) else ())
    out = java_function(task.code, holder, types, declared or answered, fields, shims)
    if out is None and answered and not declared:
        out = java_function(task.code, holder, types, "", fields, shims)
    return None if out is None else f"```java\n{out}```\n" if fenced else out


__all__ = ["write_function", "java_function", "module_fields", "rule_answer"]
