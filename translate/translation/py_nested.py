"""A nested class named bare inside its outer class's methods, in Python: qualified with the outer class.

Java code in ``Sqids`` and in its nested ``Builder`` says ``new Builder()`` and ``Builder.DEFAULT_ALPHABET``: the
nested class is in scope everywhere in the outer one. A Python class body is no scope for the functions in it:
``Builder`` in a method of ``Sqids`` (or of ``Sqids.Builder``) is looked up among the module's globals, a
NameError at the first call. Each such bare name is written ``Sqids.Builder``, the name that resolves, unless the
function binds the name itself (a parameter, an assignment).
"""
from __future__ import annotations

from translate.source.languages import get_language
from translate.source.validate import node_text, walk
from translate.translation.assemble import splice

_BINDS = ("parameters", "lambda_parameters")


def _nested(cls) -> list[str]:
    body = cls.child_by_field_name("body")
    out = []
    for stmt in body.named_children if body is not None else []:
        inner = stmt.child_by_field_name("definition") if stmt.type == "decorated_definition" else stmt
        if inner is not None and inner.type == "class_definition":
            out.append(node_text(inner.child_by_field_name("name")))
    return out


def _bound(fn, name: str) -> bool:
    """Does function ``fn`` bind ``name`` itself (a parameter, an assignment, a loop variable)?"""
    for n in walk(fn):
        if n.type in _BINDS and any(node_text(i) == name for i in walk(n) if i.type == "identifier"):
            return True
        target = n.child_by_field_name("left") if n.type in ("assignment", "for_statement") else None
        if target is not None and any(node_text(i) == name for i in walk(target) if i.type == "identifier"
                                      and (i.parent is None or i.parent.type != "attribute")):
            return True
    return False


def qualify_nested(code: str) -> str:
    """``code`` (Python) with each bare use of a nested class inside the functions of its top-level outer class
    written ``Outer.Nested``; unchanged when it does not parse or has no nested class."""
    python = get_language("python")
    data = code.encode("utf-8")
    root = python.parse(data).root_node
    if root.has_error:
        return code
    edits: dict[int, tuple[int, int, str]] = {}  # by start: a def inside a def is walked twice
    for top in root.named_children:
        cls = top.child_by_field_name("definition") if top.type == "decorated_definition" else top
        if cls is None or cls.type != "class_definition":
            continue
        outer = node_text(cls.child_by_field_name("name"))
        nested = set(_nested(cls))
        if not nested:
            continue
        for fn in (n for n in walk(cls) if n.type == "function_definition"):
            for ident in walk(fn.child_by_field_name("body")):
                name = node_text(ident) if ident.type == "identifier" else ""
                parent = ident.parent
                if name not in nested or parent is None or _bound(fn, name):
                    continue
                if parent.type == "attribute" and parent.child_by_field_name("attribute") == ident:
                    continue  # ``x.Builder``: an attribute, not the name
                if parent.type in ("class_definition", "function_definition", "keyword_argument") \
                        and parent.child_by_field_name("name") == ident:
                    continue
                edits[ident.start_byte] = (ident.start_byte, ident.end_byte, f"{outer}.{name}")
    if not edits:
        return code
    return splice(code, list(edits.values()))
