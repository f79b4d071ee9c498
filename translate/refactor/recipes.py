"""Built-in refactoring recipes: a tuned instruction, which parts of a unit it may change, a pre-filter
(units with nothing to do are "unchanged" without a model call) and extra checks on every answer.

``--instruction TEXT`` builds an ad-hoc recipe: no pre-filter, no extra check, and the name,
parameters and decorators stay fixed unless the instruction talks about them.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Callable

import libcst as cst

from translate.errors import InputError
from translate.validate import Diagnostic

Check = Callable[[str, str, str], list[Diagnostic]]  # (new code, original code, kind) -> problems
RECIPES_VERSION = 1


@dataclass(frozen=True)
class Recipe:
    name: str
    summary: str
    instruction: str
    allow: frozenset[str] = frozenset()  # of "name", "params", "decorators"
    languages: tuple[str, ...] | None = ("python",)  # None: any language
    include_glue: bool = False  # also rewrite top-level code between units
    applies: Callable[[str, str], bool] | None = field(default=None, compare=False)  # (code, kind)
    checks: tuple[Check, ...] = field(default=(), compare=False)


# --- py2to3 -------------------------------------------------------------------------------------
_PY2_ATTRS = {"iteritems": "items", "itervalues": "values", "iterkeys": "keys", "has_key": "`in`",
              "viewitems": "items", "viewkeys": "keys", "viewvalues": "values"}
_PY2_NAMES = {"xrange": "range", "unicode": "str", "raw_input": "input", "basestring": "str", "long": "int",
              "unichr": "chr", "execfile": "exec(open(...).read())"}


def _py3_parse(code: str) -> cst.Module | None:
    try:
        return cst.parse_module(code)
    except Exception:
        return None


def py2_leftovers(code: str) -> list[Diagnostic]:
    """Python 2 idioms still in ``code``: it must parse as Python 3 and use no Python 2-only names."""
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        return [Diagnostic(exc.lineno or 1, (exc.offset or 0) + 1, f"not valid Python 3: {exc.msg}")]
    if _py3_parse(code) is None:
        return [Diagnostic(1, 1, "libcst cannot parse it as Python 3")]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in _PY2_ATTRS:
            out.append(Diagnostic(node.lineno, node.col_offset + 1,
                                  f"still uses the Python 2 method .{node.attr}() (use {_PY2_ATTRS[node.attr]})"))
        elif isinstance(node, ast.Name) and node.id in _PY2_NAMES and isinstance(node.ctx, ast.Load):
            out.append(Diagnostic(node.lineno, node.col_offset + 1,
                                  f"still uses the Python 2 builtin {node.id} (use {_PY2_NAMES[node.id]})"))
    return sorted(set(out))


def _needs_py3(code: str, kind: str) -> bool:
    return bool(py2_leftovers(code))


def _check_py3(new: str, old: str, kind: str) -> list[Diagnostic]:
    return py2_leftovers(new)


# --- type hints ---------------------------------------------------------------------------------
def _functions(code: str) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    return [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


def missing_hints(code: str, kind: str) -> list[Diagnostic]:
    out = []
    for fn in _functions(code)[:1] if kind in ("function", "method") else _functions(code):
        args = [*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs]
        skip_first = kind == "method" or (kind == "class")
        for i, a in enumerate(args):
            if a.annotation is None and not (skip_first and i == 0 and a.arg in ("self", "cls")):
                out.append(Diagnostic(fn.lineno, 1, f"parameter `{a.arg}` of {fn.name} has no type hint"))
        for a in (fn.args.vararg, fn.args.kwarg):
            if a is not None and a.annotation is None:
                out.append(Diagnostic(fn.lineno, 1, f"parameter `{a.arg}` of {fn.name} has no type hint"))
        if fn.returns is None:
            out.append(Diagnostic(fn.lineno, 1, f"{fn.name} has no return type hint"))
    return out


class _DropHints(ast.NodeTransformer):
    def visit_arg(self, node: ast.arg):
        node.annotation = None
        return node

    def visit_FunctionDef(self, node):
        node.returns = None
        self.generic_visit(node)
        return node

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_AnnAssign(self, node: ast.AnnAssign):
        if node.value is None:
            return None
        return ast.copy_location(ast.Assign(targets=[node.target], value=node.value), node)


def same_without(code_a: str, code_b: str, transformer: type[ast.NodeTransformer]) -> bool | None:
    """Do two snippets have the same AST once ``transformer`` removed what may differ? None: unparsable."""
    try:
        a, b = ast.parse(code_a), ast.parse(code_b)
    except SyntaxError:
        return None
    dump = lambda t: ast.dump(transformer().visit(t), include_attributes=False)  # noqa: E731
    return dump(a) == dump(b)


def _strip_imports(code: str) -> str:
    return "\n".join(l for l in code.split("\n") if not re.match(r"\s*(from\s+\S+\s+)?import\s", l))


def _check_hints(new: str, old: str, kind: str) -> list[Diagnostic]:
    problems = missing_hints(new, kind)
    if not problems and same_without(_strip_imports(new), old, _DropHints) is False:
        problems.append(Diagnostic(1, 1, "the code changed besides the type hints; change only the annotations"))
    return problems


# --- f-strings ----------------------------------------------------------------------------------
def old_formatting(code: str) -> list[Diagnostic]:
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant) \
                and isinstance(node.left.value, str):
            out.append(Diagnostic(node.lineno, node.col_offset + 1, "still uses %-formatting; use an f-string"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format" \
                and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str):
            out.append(Diagnostic(node.lineno, node.col_offset + 1, "still uses str.format(); use an f-string"))
    return out


# --- docstrings ---------------------------------------------------------------------------------
class _DropDocstrings(ast.NodeTransformer):
    def generic_visit(self, node):
        super().generic_visit(node)
        body = getattr(node, "body", None)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module)) and body \
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            node.body = body[1:] or [ast.Pass()]
        return node


def _has_docstring(code: str) -> bool:
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return True  # unparsable: nothing sensible to do here
    defs = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    return bool(defs) and ast.get_docstring(defs[0]) is not None


def _check_docstring(new: str, old: str, kind: str) -> list[Diagnostic]:
    if not _has_docstring(new):
        return [Diagnostic(1, 1, "it still has no docstring")]
    if same_without(new, old, _DropDocstrings) is False:
        return [Diagnostic(1, 1, "the code changed besides the docstring; add the docstring only")]
    return []


RECIPES: dict[str, Recipe] = {r.name: r for r in (
    Recipe("py2to3", "Python 2 idioms -> Python 3 (print, except E as e, dict views, xrange, ...)",
           "Convert this Python 2 code to Python 3. print statements become print() calls, `except E, e` "
           "becomes `except E as e`, d.iteritems()/itervalues()/iterkeys() become d.items()/values()/keys(), "
           "d.has_key(k) becomes `k in d`, xrange becomes range, unicode becomes str, raw_input becomes input, "
           "`<>` becomes `!=`. Keep everything else exactly as it is.",
           include_glue=True, applies=_needs_py3, checks=(_check_py3,)),
    Recipe("type-hints", "add type hints to every parameter and return value (nothing else changes)",
           "Add type hints to every parameter (except self and cls) and to the return value. Use built-in "
           "generics such as list[int] and dict[str, int], and `X | None` for optional values. Change nothing "
           "else: same names, defaults, body and comments.",
           applies=lambda code, kind: bool(missing_hints(code, kind)), checks=(_check_hints,)),
    Recipe("f-strings", "%-formatting and str.format() -> f-strings",
           "Replace every %-formatting and str.format() call on a string literal with an equivalent f-string. "
           "The resulting strings must be exactly the same. Change nothing else.",
           applies=lambda code, kind: bool(old_formatting(code)),
           checks=(lambda new, old, kind: old_formatting(new),)),
    Recipe("docstrings", "add a concise docstring where one is missing (code unchanged)",
           "Add a concise docstring to this definition: one summary line saying what it does, then short "
           "Args/Returns lines when they help. Do not change the code itself.",
           applies=lambda code, kind: not _has_docstring(code), checks=(_check_docstring,)),
)}


def get_recipe(name: str) -> Recipe:
    try:
        return RECIPES[name]
    except KeyError:
        raise InputError(f"unknown recipe {name!r} (known: {', '.join(RECIPES)}; see `translate refactor --list`)") \
            from None


def from_instruction(text: str) -> Recipe:
    """An ad-hoc recipe; the name/parameters/decorators may change only when the instruction says so."""
    text = " ".join(text.split())
    if not text:
        raise InputError("--instruction is empty")
    low = text.lower()
    allow = set()
    if re.search(r"\b(rename|renames|renaming|name|names)\b", low):
        allow.add("name")
    if re.search(r"\b(param\w*|argument\w*|signature\w*|keyword[- ]only|default\w*)\b", low):
        allow.add("params")
    if re.search(r"\bdecorat\w*", low):
        allow.add("decorators")
    return Recipe("instruction", text, text, frozenset(allow), languages=None)
