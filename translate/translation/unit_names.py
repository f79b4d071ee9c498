"""A Java answer's calls of the file's units by a name that differs only in underscores or case, renamed.

inflection's top-level ``_irregular('person', 'people')`` calls came back from the 1.5B as
``irregular("person", "people")`` in a ``static {}`` block: javac stopped on ``cannot find symbol``, the block
was set aside and the module's tables never got their irregular words. A method called without a receiver in
Java is the class's own or a static import, never a library builtin, so a bare call of a name the answer does
not declare, matching exactly one of the file's units when underscores and case are ignored
(:func:`translate.source.validate.normalize_name`), can only mean that unit: it is renamed to the unit's name.
Java only: in JavaScript or Python a bare call may be a builtin (``len``), which a unit ``_len`` must not take.
"""
from __future__ import annotations

from collections.abc import Iterable

from translate.source.languages import Language
from translate.source.validate import normalize_name, walk
from translate.translation.assemble import splice

_DECLARES = ("method_declaration", "constructor_declaration", "variable_declarator", "formal_parameter",
             "class_declaration", "interface_declaration", "enum_declaration", "record_declaration",
             "lambda_expression", "catch_formal_parameter", "enhanced_for_statement")


def fix_unit_names(code: str, target: Language, units: Iterable[str]) -> tuple[str, list[str]]:
    """``code`` (a Java answer) with bare calls of undeclared names renamed to the one unit of ``units``
    (target names) they match but for underscores and case; notes."""
    if target.name != "java":
        return code, []
    by_norm: dict[str, set[str]] = {}
    for u in units:
        by_norm.setdefault(normalize_name(u), set()).add(u)
    if not by_norm:
        return code, []
    data = code.encode("utf-8")
    text = lambda n: data[n.start_byte:n.end_byte].decode("utf-8")
    root = target.parse(data).root_node
    declared: set[str] = set()
    calls = []
    for n in walk(root):
        if n.type in _DECLARES:
            name = n.child_by_field_name("name")
            if name is not None:
                declared.add(text(name))
            if n.type == "lambda_expression":  # its parameters: x -> ..., (a, b) -> ...
                params = n.child_by_field_name("parameters")
                declared |= {text(p) for p in walk(params) if p.type == "identifier"} if params else set()
        elif n.type == "method_invocation" and n.child_by_field_name("object") is None:
            calls.append(n.child_by_field_name("name"))
    edits: list[tuple[int, int, str]] = []
    notes: list[str] = []
    for name in calls:
        said = text(name) if name is not None else ""
        if not said or said in declared or said in by_norm.get(normalize_name(said), ()):
            continue
        matches = by_norm.get(normalize_name(said), set())
        if len(matches) == 1:
            unit = next(iter(matches))
            edits.append((name.start_byte, name.end_byte, unit))
            notes.append(f"line {name.start_point[0] + 1}: `{said}(...)` calls the file's `{unit}`: renamed")
    return (splice(code, edits), notes) if edits else (code, [])
