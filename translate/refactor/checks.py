"""Checks on a rewritten unit beyond "it parses": the same kind and name, the same parameters (names,
kinds, defaults; annotations may change) and decorators unless the instruction is about them, plus the
recipe's own checks. Python signatures are read with tree-sitter, so Python 2 originals work too.
"""
from __future__ import annotations

from dataclasses import dataclass

from translate.refactor.recipes import Recipe
from translate.source.languages import Language
from translate.source.units import parse_text
from translate.source.validate import Diagnostic, check_unit, validate
from translate.translation.checks import split_imports

_DEFS = ("function_definition", "class_definition")


@dataclass(frozen=True)
class Shape:
    name: str
    params: tuple[str, ...]  # "a", "c=1", "*args", "**kw", "*", "/"; annotations left out
    decorators: tuple[str, ...]
    bases: str  # a class's argument list, "" for functions


def _text(node) -> str:
    return " ".join(node.text.decode("utf-8", "replace").split())


def _param(node) -> str:
    t = node.type
    if t in ("identifier", "keyword_separator", "positional_separator"):
        return _text(node)
    if t in ("list_splat_pattern", "dictionary_splat_pattern"):
        return _text(node)
    if t == "typed_parameter":
        first = node.named_children[0]
        return _param(first)
    if t in ("default_parameter", "typed_default_parameter"):
        name = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        return f"{_text(name)}={_text(value) if value is not None else ''}"
    return _text(node)


def python_shape(code: str, lang: Language) -> Shape | None:
    """Name, parameters, decorators and bases of the first top-level definition in ``code``."""
    tree = lang.parse(code.encode("utf-8"))
    for node in tree.root_node.named_children:
        decorators: tuple[str, ...] = ()
        if node.type == "decorated_definition":
            decorators = tuple(_text(d) for d in node.named_children if d.type == "decorator")
            node = node.child_by_field_name("definition")
        if node is None or node.type not in _DEFS:
            continue
        name = _text(node.child_by_field_name("name"))
        if node.type == "function_definition":
            params = node.child_by_field_name("parameters")
            plist = tuple(_param(p) for p in params.named_children if p.type != "comment") if params else ()
            return Shape(name, plist, decorators, "")
        bases = node.child_by_field_name("superclasses")
        return Shape(name, (), decorators, _text(bases) if bases is not None else "")
    return None


def check_rewrite(code: str, original: str, lang: Language, kind: str, name: str, recipe: Recipe) -> list[Diagnostic]:
    """Problems with a rewritten unit (empty: accept). ``original`` is the unit before, dedented."""
    if kind == "glue":
        diags = validate(code, lang) if code.strip() else []
        if diags:
            return diags
        tops = parse_text(code, lang).top_units
        if tops:
            return [Diagnostic(tops[0].start_line, 1, f"top-level code must not define {tops[0].kind} {tops[0].name}")]
        return _recipe_checks(code, original, kind, recipe)
    diags = check_unit(code, lang, kind, None if "name" in recipe.allow else name)
    if diags:
        return diags
    _, body = split_imports(code, lang)
    if lang.name == "python":
        before, after = python_shape(original, lang), python_shape(body, lang)
        if before is not None and after is not None:
            problems = _compare(before, after, recipe.allow)
            if problems:
                return problems
    elif "name" not in recipe.allow:
        tops = parse_text(body, lang).top_units
        if tops and tops[0].name != name:
            return [Diagnostic(1, 1, f"the name changed: expected {name}, found {tops[0].name}")]
    return _recipe_checks(body, original, kind, recipe)


def _compare(before: Shape, after: Shape, allow: frozenset[str]) -> list[Diagnostic]:
    if "name" not in allow and before.name != after.name:
        return [Diagnostic(1, 1, f"the name changed: expected {before.name}, found {after.name}")]
    if "params" not in allow and before.params != after.params:
        return [Diagnostic(1, 1, f"the parameters changed: expected ({', '.join(before.params)}), "
                                 f"found ({', '.join(after.params)})")]
    if "params" not in allow and before.bases != after.bases:
        return [Diagnostic(1, 1, f"the base classes changed: expected {before.bases or '(none)'}, "
                                 f"found {after.bases or '(none)'}")]
    if "decorators" not in allow and before.decorators != after.decorators:
        return [Diagnostic(1, 1, f"the decorators changed: expected {' '.join(before.decorators) or '(none)'}, "
                                 f"found {' '.join(after.decorators) or '(none)'}")]
    return []


def _recipe_checks(code: str, original: str, kind: str, recipe: Recipe) -> list[Diagnostic]:
    for check in recipe.checks:
        problems = check(code, original, kind)
        if problems:
            return problems
    return []


def same_code(a: str, b: str) -> bool:
    """Identical up to trailing whitespace on lines and blank lines at the ends."""
    norm = lambda s: "\n".join(line.rstrip() for line in s.strip("\n").split("\n"))
    return norm(a) == norm(b)
