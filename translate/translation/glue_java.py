"""A module's top-level code translated to Java: members of the module's class, as Java allows them.

Python runs a module's top-level statements when it is imported; Java has static fields and static initializer
blocks for that. Asked for inflection's ``_irregular('person', 'people')`` calls, the 1.5B pack answered
``public class Main { public static void main(String[] args) { _irregular(...); ... } }``: a program that never
runs, in a class of its own that the project does not have. This rewrites such an answer, deterministically:

- a class the model wrapped the code in (Python's top-level code defines no class: those are units of their
  own) is opened: its members are the module's;
- its ``main(String[] args)``, a demo or the module's own statements, becomes a ``static { ... }`` block;
- statements at the top level (``_irregular(...);``, ``for``, ``if``) go into ``static { ... }`` blocks where
  they stand, so they run in the source's order with the fields around them;
- a local variable declaration at the top level is a field (``static``); methods are ``static``, and one named
  like a unit of the file is dropped (the unit's own translation defines it).

Anything that does not parse is left as it is (the checks say what is wrong).
"""
from __future__ import annotations

import textwrap

from translate.source.languages import Language

_KEPT = ("import_declaration", "package_declaration", "comment", "line_comment", "block_comment")
_MEMBERS = ("field_declaration", "method_declaration", "static_initializer", "constant_declaration")


def _text(data: bytes, node) -> str:
    line_start = data.rfind(b"\n", 0, node.start_byte) + 1
    lead = data[line_start:node.start_byte].decode("utf-8")
    text = data[node.start_byte:node.end_byte].decode("utf-8")
    return textwrap.dedent(lead + text) if not lead.strip() else text


def _static(data: bytes, node) -> str:
    """A field or method with ``static`` (and without ``public``/``private``: the module's members are open)."""
    text = _text(data, node)
    mods = next((c for c in node.children if c.type == "modifiers"), None)
    words = mods.text.decode("utf-8").split() if mods is not None and mods.text else []
    kept = [w for w in words if w not in ("public", "private", "protected")]
    if "static" not in kept:
        kept.insert(next((i for i, w in enumerate(kept) if not w.startswith("@")), len(kept)), "static")
    rest = text[len(mods.text.decode("utf-8")):].lstrip() if mods is not None and mods.text else text.lstrip()
    return " ".join(kept) + " " + rest


def java_glue_members(code: str, lang: Language, units: frozenset[str] = frozenset()) -> str:
    """``code`` (the Java answer for a module's top-level code) as members of the module's class, without its
    own methods named as the file's ``units`` (normalized names: their translations define them; the 1.5B's
    answer for inflection's ``_irregular(...)`` calls brought an ``irregular`` that only printed)."""
    from translate.source.validate import normalize_name

    if lang.name != "java" or not code.strip():
        return code
    data = code.encode("utf-8")
    root = lang.parse(data).root_node
    if root.has_error:
        return code
    nodes = list(root.named_children)
    classes = [n for n in nodes if n.type == "class_declaration"]
    if not classes and all(n.type in _KEPT + ("field_declaration", "static_initializer") for n in nodes):
        return code  # already members (``static final int X = 1;``)
    out: list[str] = []
    block: list[str] = []

    def flush() -> None:
        if block:
            out.append("static {\n" + textwrap.indent("\n".join(block), "    ") + "\n}")
            block.clear()

    def member(node, inner: bytes) -> None:
        if node.type == "method_declaration" and _is_main(node):
            body = node.child_by_field_name("body")
            block.extend(_text(inner, s) for s in (body.named_children if body is not None else []))
        elif node.type in _KEPT:
            flush()
            out.append(_text(inner, node))
        elif node.type == "method_declaration" and normalize_name(_name(node)) in units:
            return
        elif node.type in ("field_declaration", "method_declaration", "local_variable_declaration"):
            flush()
            out.append(_static(inner, node))
        elif node.type == "static_initializer":
            flush()
            out.append(_text(inner, node))
        elif node.type in ("class_declaration", "constructor_declaration", "interface_declaration",
                           "enum_declaration", "record_declaration"):
            raise ValueError(node.type)  # a real type: not a wrapper of top-level code
        else:  # a statement
            block.append(_text(inner, node))

    try:
        for node in nodes:
            if node.type == "class_declaration":
                body = node.child_by_field_name("body")
                for child in body.named_children if body is not None else []:
                    member(child, data)
            else:
                member(node, data)
    except ValueError:
        return code
    flush()
    return "\n".join(out).strip("\n") + "\n"


def _name(node) -> str:
    name = node.child_by_field_name("name")
    return name.text.decode("utf-8") if name is not None and name.text else ""


def _is_main(node) -> bool:
    name = node.child_by_field_name("name")
    params = node.child_by_field_name("parameters")
    return name is not None and name.text == b"main" and params is not None and params.named_child_count == 1


def dedupe_fields(text: str, lang: Language, holder: str) -> str:
    """``text`` (a Java file) with one declaration per field of class ``holder``: the 1.5B, shown
    ``static List<...> PLURALS;`` as context, declared it again in each function's answer ("already defined": the
    whole file stops). The one with a value (the module's table) is kept, else the first."""
    if lang.name != "java":
        return text
    data = text.encode("utf-8")
    root = lang.parse(data).root_node
    cls = next((c for c in root.named_children if c.type == "class_declaration" and _name(c) == holder), None)
    body = cls.child_by_field_name("body") if cls is not None else None
    fields: dict[str, list] = {}
    for member in body.named_children if body is not None else []:
        declarators = [c for c in member.named_children if c.type == "variable_declarator"]
        if member.type == "field_declaration" and len(declarators) == 1:
            fields.setdefault(_name(declarators[0]), []).append((member, declarators[0].child_by_field_name("value")))
    drop = []
    for found in fields.values():
        if len(found) > 1:
            keep = next((m for m, value in found if value is not None), found[0][0])
            drop += [m for m, _ in found if m is not keep]
    for member in sorted(drop, key=lambda m: m.start_byte, reverse=True):
        end = member.end_byte
        while end < len(data) and data[end:end + 1] in (b" ", b"\t"):
            end += 1
        if data[end:end + 2] == b"//":  # the comment the model copied with it
            end = data.find(b"\n", end) if data.find(b"\n", end) >= 0 else len(data)
        start = data.rfind(b"\n", 0, member.start_byte) + 1
        start = start if not data[start:member.start_byte].strip() else member.start_byte
        if start != member.start_byte and data[end:end + 1] == b"\n":
            end += 1  # the whole line
        data = data[:start] + data[end:]
    return data.decode("utf-8")
