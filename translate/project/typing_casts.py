"""Python's ``typing.cast(T, value)`` copied into a JavaScript module, written as the value.

``cast`` only tells a type checker what a value is; at run time it returns the value. A model translating
``value = t.cast(list, value)`` (``import typing as t``) writes ``value = t.cast(Array, value);``, which throws
a ReferenceError where it runs (uritemplate's ``variable.js``). Each call of ``cast`` through a name the source
module binds to ``typing`` or ``typing_extensions`` (``t.cast``, ``typing.cast``, or ``cast`` imported from
them), with two arguments, becomes its second argument.
"""
from __future__ import annotations

from translate.project.symbols import ModuleInfo
from translate.source.languages import Language
from translate.translation.assemble import splice

TYPING = ("typing", "typing_extensions")


def cast_names(m: ModuleInfo) -> set[str]:
    """How the source module ``m`` spells ``typing.cast``: ``t.cast``, ``typing.cast``, ``cast``."""
    out: set[str] = set()
    for mod, name, local in m.imports:
        if mod in TYPING and name is None:
            out.add(f"{local}.cast")
        elif mod in TYPING and name == "cast":
            out.add(local)
    return out


def drop_casts(text: str, target: Language, names: set[str]) -> tuple[str, list[str]]:
    """``text`` with each ``NAME(T, value)`` call (``NAME`` one of ``names``) written as ``value``; the notes."""
    if not names or target.name not in ("javascript", "typescript") or not any(n in text for n in names):
        return text, []
    data = text.encode("utf-8")
    edits: list[tuple[int, int, str]] = []
    stack = [target.parse(data).root_node]
    while stack:
        node = stack.pop()
        fn = node.child_by_field_name("function") if node.type == "call_expression" else None
        args = node.child_by_field_name("arguments") if fn is not None else None
        if fn is not None and args is not None and data[fn.start_byte:fn.end_byte].decode("utf-8") in names \
                and len(args.named_children) == 2:
            value = args.named_children[1]
            edits.append((node.start_byte, node.end_byte, data[value.start_byte:value.end_byte].decode("utf-8")))
            continue  # a cast inside the value stays (rare); the outer one is written
        stack.extend(node.children)
    if not edits:
        return text, []
    return splice(text, edits), [f"{len(edits)} typing cast(...) call(s) written as their value (a no-op at run time)"]
