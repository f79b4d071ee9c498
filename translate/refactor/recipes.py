"""Built-in refactoring recipes: a tuned instruction, which parts of a unit it may change, a pre-filter
(units with nothing to do are "unchanged" without a model call) and extra checks on every answer.

``--instruction TEXT`` builds an ad-hoc recipe: no pre-filter, no extra check, and the name,
parameters and decorators stay fixed unless the instruction talks about them.
"""
from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import libcst as cst

from translate.errors import InputError
from translate.source import pyast
from translate.source.validate import Diagnostic

Check = Callable[[str, str, str], list[Diagnostic]]  # (new code, original code, kind) -> problems
_TOO_COMPLEX = (RecursionError, MemoryError, ValueError)  # what ast.parse/visitors raise on deep or odd input


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
    example: tuple[str, str] | None = None  # (before, after): a worked one-shot exchange for chat models
    start: Callable[[str], str] | None = field(default=None, compare=False)  # unit -> forced start of the answer
    until: str = ""  # with ``start``: the answer is complete once this text follows the forced start
    finish: Callable[[str, str], str] | None = field(default=None, compare=False)  # (answer, unit) -> code


# --- py2to3 -------------------------------------------------------------------------------------
_PY2_ATTRS = {"iteritems": "items", "itervalues": "values", "iterkeys": "keys", "has_key": "`in`",
              "viewitems": "items", "viewkeys": "keys", "viewvalues": "values"}
_PY2_NAMES = {"xrange": "range", "unicode": "str", "raw_input": "input", "basestring": "str", "long": "int",
              "unichr": "chr", "execfile": "exec(open(...).read())"}


def _py3_parse(code: str) -> cst.Module | None:
    from translate.source.languages import get_language
    from translate.source.validate import text_depth_diagnostic

    if text_depth_diagnostic(code, get_language("python")) is not None:  # libcst would crash the process
        return None
    try:
        return cst.parse_module(code)
    except Exception:
        return None


def py2_leftovers(code: str) -> list[Diagnostic]:
    """Python 2 idioms still in ``code``: it must parse as Python 3 and use no Python 2-only names."""
    try:
        tree = pyast.parse(code)
    except SyntaxError as exc:
        return [Diagnostic(exc.lineno or 1, (exc.offset or 0) + 1, f"not valid Python 3: {exc.msg}")]
    except _TOO_COMPLEX:
        return [Diagnostic(1, 1, "too deeply nested for Python's parser")]
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
        tree = pyast.parse(code)
    except (SyntaxError, *_TOO_COMPLEX):
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
        a, b = pyast.parse(code_a), pyast.parse(code_b)
        dump = lambda t: ast.dump(transformer().visit(t), include_attributes=False)
        return dump(a) == dump(b)
    except (SyntaxError, *_TOO_COMPLEX):  # the visitors recurse: deep nesting is a RecursionError
        return None


def _strip_imports(code: str) -> str:
    return "\n".join(ln for ln in code.split("\n") if not re.match(r"\s*(from\s+\S+\s+)?import\s", ln))


def _check_hints(new: str, old: str, kind: str) -> list[Diagnostic]:
    problems = missing_hints(new, kind)
    if not problems and same_without(_strip_imports(new), old, _DropHints) is False:
        problems.append(Diagnostic(1, 1, "the code changed besides the type hints; change only the annotations"))
    return problems


# --- f-strings ----------------------------------------------------------------------------------
def old_formatting(code: str) -> list[Diagnostic]:
    try:
        tree = pyast.parse(code)
    except (SyntaxError, *_TOO_COMPLEX):
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
        tree = pyast.parse(code)
    except (SyntaxError, *_TOO_COMPLEX):
        return True  # unparsable: nothing sensible to do here
    defs = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    return bool(defs) and ast.get_docstring(defs[0]) is not None


def docstring_start(code: str) -> str:
    """The unit's header up to its body, then an opening triple quote: the answer must go on with a docstring."""
    at = _body_start(code)
    return "" if at is None else code.encode("utf-8")[:at].decode("utf-8") + '"""'


def _body_start(code: str) -> int | None:
    """Byte offset of the first statement of the unit's body (None: no multi-line body)."""
    from translate.source.languages import get_language

    root = get_language("python").parse(code.encode("utf-8")).root_node
    node = next((n for n in root.named_children
                 if n.type in ("function_definition", "class_definition", "decorated_definition")), None)
    if node is not None and node.type == "decorated_definition":
        node = node.child_by_field_name("definition")
    body = node.child_by_field_name("body") if node is not None else None
    if body is None or body.start_point[0] == node.start_point[0]:
        return None
    return body.start_byte


def docstring_finish(answer: str, original: str) -> str:
    """Only the docstring comes from the model: it goes into the original unit, whose code stays as it was."""
    at = _body_start(original)
    m = re.search(r'("""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\')', answer)
    if at is None or m is None:
        return answer
    data = original.encode("utf-8")
    head, rest = data[:at].decode("utf-8"), data[at:].decode("utf-8")
    indent = head[head.rfind("\n") + 1:]
    return f"{head}{m.group(1)}\n{indent}{rest}"


def hints_start(code: str) -> str:
    """Decorators and ``def name(`` of the unit: the answer goes on with the annotated parameters."""
    m = re.search(r"\bdef\s+\w+\s*\(", code)
    return code[: m.end()] if m and _body_start(code) is not None else ""


def signature_finish(answer: str, original: str) -> str:
    """Only the header (decorators, ``def`` line, imports above it) comes from the model; the body stays."""
    a_at, o_at = _body_start(answer), _body_start(original)
    if o_at is None:
        return answer
    if a_at is None:  # the answer stopped after the header (forced start + ``until``)
        m = re.search(r"\bdef\s+\w+\s*\([\s\S]*?:[ \t]*(#[^\n]*)?\n", answer)
        if m is None:
            return answer
        head = answer[: m.end()]
    else:
        head = answer.encode("utf-8")[:a_at].decode("utf-8")
    o_head, body = original.encode("utf-8")[:o_at].decode("utf-8"), original.encode("utf-8")[o_at:].decode("utf-8")
    indent = o_head[o_head.rfind("\n") + 1:]
    return head[: head.rfind("\n") + 1] + indent + body


def _check_docstring(new: str, old: str, kind: str) -> list[Diagnostic]:
    if not _has_docstring(new):
        return [Diagnostic(1, 1, "it still has no docstring")]
    if same_without(new, old, _DropDocstrings) is False:
        return [Diagnostic(1, 1, "the code changed besides the docstring; add the docstring only")]
    return []


_VOWELS = 'def count_vowels(text):\n    return sum(1 for ch in text.lower() if ch in "aeiou")\n'
EXAMPLES = {
    "py2to3": ('def show(d):\n    for k, v in d.iteritems():\n        print "%s=%s" % (k, v)\n',
               'def show(d):\n    for k, v in d.items():\n        print("%s=%s" % (k, v))\n'),
    "type-hints": (_VOWELS, _VOWELS.replace("(text):", "(text: str) -> int:")),
    "f-strings": ('def greet(name, n):\n    return "Hello %s, %d new" % (name, n)\n',
                  'def greet(name, n):\n    return f"Hello {name}, {n} new"\n'),
    "docstrings": (_VOWELS, _VOWELS.replace("):\n", '):\n    """Return how many vowels text contains."""\n', 1)),
}

RECIPES: dict[str, Recipe] = {r.name: r for r in (
    Recipe("py2to3", "Python 2 idioms -> Python 3 (print, except E as e, dict views, xrange, ...)",
           "Convert this Python 2 code to Python 3. print statements become print() calls, `except E, e` "
           "becomes `except E as e`, d.iteritems()/itervalues()/iterkeys() become d.items()/values()/keys(), "
           "d.has_key(k) becomes `k in d`, xrange becomes range, unicode becomes str, raw_input becomes input, "
           "`<>` becomes `!=`. Keep everything else exactly as it is.",
           include_glue=True, applies=_needs_py3, checks=(_check_py3,), example=EXAMPLES["py2to3"]),
    Recipe("type-hints", "add type hints to every parameter and return value (nothing else changes)",
           "Add type hints to every parameter (except self and cls) and to the return value. Use built-in "
           "generics such as list[int] and dict[str, int], and `X | None` for optional values. Change nothing "
           "else: same names, defaults, body and comments.",
           applies=lambda code, kind: bool(missing_hints(code, kind)), checks=(_check_hints,),
           example=EXAMPLES["type-hints"], start=hints_start, until=":\n", finish=signature_finish),
    Recipe("f-strings", "%-formatting and str.format() -> f-strings",
           "Replace every %-formatting and str.format() call on a string literal with an equivalent f-string. "
           "The resulting strings must be exactly the same. Change nothing else.",
           applies=lambda code, kind: bool(old_formatting(code)),
           checks=(lambda new, old, kind: old_formatting(new),), example=EXAMPLES["f-strings"]),
    Recipe("docstrings", "add a concise docstring where one is missing (code unchanged)",
           "Add a concise docstring to this definition: one summary line saying what it does, then short "
           "Args/Returns lines when they help. Do not change the code itself.",
           applies=lambda code, kind: not _has_docstring(code), checks=(_check_docstring,),
           example=EXAMPLES["docstrings"], start=docstring_start, until='"""', finish=docstring_finish),
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
