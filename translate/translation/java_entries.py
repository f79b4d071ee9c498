"""Names a Python tuple unpacking declared, used undeclared in a Java answer that holds the pair as a Map.Entry.

``item, have = self.stock.get(name, (None, 0))`` has no Java form; the 1.5B's ``Store.sell`` declares
``Map.Entry<Item, Integer> itemEntry = this.stock.get(name);``, reads ``itemEntry.getKey()`` and
``itemEntry.getValue()`` for most uses, and then writes ``new AbstractMap.SimpleEntry<>(item, count)`` with
``item`` declared nowhere (javac: cannot find symbol). Two turns with the note on unpacking and two repair rounds
left it so in recorded runs. The meaning is certain where the source unpacks a pair into those names, the Java
method declares exactly one ``Map.Entry`` local before the use, and the name is declared nowhere in the method or
its class: the name is that entry's ``getKey()`` (the first of the pair) or ``getValue()`` (the second).
"""
from __future__ import annotations

import re

from translate.source.languages import Language
from translate.source.validate import normalize_name, walk
from translate.translation.assemble import splice
from translate.translation.unpacking import python_unpackings

_ENTRY_TYPE = re.compile(r"^(java\.util\.)?(Map\.Entry|Entry|AbstractMap\.SimpleEntry|SimpleEntry)\b")
_METHODS = ("method_declaration", "constructor_declaration")
_SCOPES = _METHODS + ("lambda_expression",)


def _text(data: bytes, node) -> str:
    return data[node.start_byte:node.end_byte].decode("utf-8")


def _declared(data: bytes, root) -> set[str]:
    """Every name the Java ``root`` declares anywhere: fields, parameters, locals, loop and catch variables."""
    out: set[str] = set()
    for n in walk(root):
        if n.type in ("variable_declarator", "formal_parameter", "spread_parameter", "catch_formal_parameter",
                      "enhanced_for_statement", "resource"):
            name = n.child_by_field_name("name")
            if name is not None:
                out.add(_text(data, name))
        elif n.type == "lambda_expression":
            params = n.child_by_field_name("parameters")
            if params is not None:
                out.update(_text(data, i) for i in walk(params) if i.type == "identifier")
    return out


def _entry_locals(data: bytes, method) -> list[tuple[str, int]]:
    """(name, end byte of its declaration) of each local declared with an entry type in ``method``."""
    out = []
    for n in walk(method):
        if n.type != "local_variable_declaration":
            continue
        kind = n.child_by_field_name("type")
        if kind is None or not _ENTRY_TYPE.match(_text(data, kind)):
            continue
        for d in n.named_children:
            if d.type == "variable_declarator" and (name := d.child_by_field_name("name")) is not None:
                out.append((_text(data, name), n.end_byte))
    return out


def _reads(method):
    """The identifiers of ``method`` read as values (not a field after a dot, a method's name, a type)."""
    for n in walk(method):
        if n.type != "identifier" or n.parent is None:
            continue
        p = n.parent
        if p.type == "field_access" and p.child_by_field_name("field") == n:
            continue
        if p.type == "method_invocation" and p.child_by_field_name("name") == n:
            continue
        if p.type in ("variable_declarator", "formal_parameter", "labeled_statement", "lambda_expression"):
            continue
        yield n


def fix_entry_names(text: str, target: Language, source: str) -> tuple[str, list[str]]:
    """(fixed text, notes) for Java ``text`` translated from Python ``source``."""
    if target.name != "java" or "," not in source or "Entry" not in text:
        return text, []
    pairs = [p for p in python_unpackings(source) if len(p) == 2]
    if not pairs:
        return text, []
    data = text.encode("utf-8")
    root = target.parse(data).root_node
    fields = {_text(data, d.child_by_field_name("name")) for n in walk(root) if n.type == "field_declaration"
              for d in n.named_children if d.type == "variable_declarator" and d.child_by_field_name("name")}
    edits: list[tuple[int, int, str]] = []
    notes: list[str] = []
    for method in (n for n in walk(root) if n.type in _METHODS):
        entries = _entry_locals(data, method)
        if not entries:
            continue
        declared = _declared(data, method) | fields
        for n in _reads(method):
            name = _text(data, n)
            if name in declared:
                continue
            place = [(p, p.index(normalize_name(name))) for p in pairs if normalize_name(name) in p]
            before = [e for e, end in entries if end <= n.start_byte]
            if len(place) != 1 or len(before) != 1 or len(entries) != 1:
                continue
            accessor = f"{before[0]}.{'getKey' if place[0][1] == 0 else 'getValue'}()"
            edits.append((n.start_byte, n.end_byte, accessor))
            notes.append(f"line {n.start_point[0] + 1}: `{name}`, a name of the source's tuple unpacking declared "
                         f"nowhere, read from the entry as `{accessor}`")
    return (splice(text, edits), notes) if edits else (text, [])
