"""Python's tuple unpacking carried into JavaScript as a declaration of several names, made a destructuring.

``l, s, r = super().partition(sep)`` comes back as ``let l, s, r = super.partition(sep);``: it parses, and it
declares ``l`` and ``s`` empty and gives ``r`` the whole array (markupsafe's ``Markup.partition``). The fix is
certain only where the Python source unpacks those very names: a declaration whose names, all but the last
without a value, are the targets of one of the source's tuple assignments (the same names in order, either case
style) becomes ``let [l, s, r] = super.partition(sep);``.

The same in loops: ``for rule, replacement in PLURALS:`` came back as ``for (let rule of PLURALS)`` with the body
still reading ``replacement`` (undeclared: inflection's ``pluralize``); where the source loops over those names
and the body reads the others without declaring them, the loop variable becomes ``[rule, replacement]``.
"""
from __future__ import annotations

from translate.source.languages import Language, get_language
from translate.source.validate import normalize_name
from translate.translation.assemble import splice

_DECLARATIONS = ("lexical_declaration", "variable_declaration")


def python_unpackings(source: str, loops: bool = False) -> frozenset[tuple[str, ...]]:
    """The name tuples (normalized) of each tuple assignment in Python ``source`` (``a, b = ...``); with
    ``loops``, of each ``for a, b in ...`` loop's target instead."""
    py = get_language("python")
    data = source.encode("utf-8")
    tree = py.parse(data)
    found: set[tuple[str, ...]] = set()
    stack = [tree.root_node]
    while stack:
        n = stack.pop()
        stack.extend(n.children)
        if n.type != ("for_statement" if loops else "assignment"):
            continue
        left = n.child_by_field_name("left")
        if left is None or left.type not in ("pattern_list", "tuple_pattern"):
            continue
        names = [c for c in left.named_children]
        if len(names) >= 2 and all(c.type == "identifier" for c in names):
            found.add(tuple(normalize_name(data[c.start_byte:c.end_byte].decode("utf-8")) for c in names))
    return frozenset(found)


def destructure(data: bytes, node, unpackings: frozenset[tuple[str, ...]]) -> tuple[int, int, str] | None:
    """The edit that makes the JavaScript declaration ``node`` (``let a, b = v``) the destructuring
    ``let [a, b] = v``, when the source unpacks those names; None otherwise."""
    if node.type not in _DECLARATIONS or not unpackings:
        return None
    decls = [c for c in node.named_children if c.type == "variable_declarator"]
    if len(decls) < 2:
        return None
    *empty, last = decls
    if any(d.child_by_field_name("value") is not None for d in empty) or last.child_by_field_name("value") is None:
        return None
    names = [d.child_by_field_name("name") for d in decls]
    if any(n is None or n.type != "identifier" for n in names):
        return None
    texts = [data[n.start_byte:n.end_byte].decode("utf-8") for n in names]  # type: ignore[union-attr]
    if tuple(normalize_name(t) for t in texts) not in unpackings:
        return None
    value = last.child_by_field_name("value")
    start, end = decls[0].start_byte, value.start_byte  # type: ignore[union-attr]
    return start, end, f"[{', '.join(texts)}] = "


def _names_in(data: bytes, node) -> tuple[set[str], set[str]]:
    """(identifiers read in ``node``, names declared in it)."""
    read: set[str] = set()
    declared: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type == "identifier":
            read.add(data[n.start_byte:n.end_byte].decode("utf-8"))
        if n.type == "variable_declarator" and (d := n.child_by_field_name("name")) is not None:
            declared.add(data[d.start_byte:d.end_byte].decode("utf-8"))
        stack.extend(n.children)
    return read, declared


def loop_destructure(data: bytes, node, loops: frozenset[tuple[str, ...]]) -> tuple[int, int, str] | None:
    """The edit that makes ``for (let rule of PLURALS)`` ``for (let [rule, replacement] of PLURALS)`` when the
    source loops ``for rule, replacement in PLURALS`` and the body reads ``replacement`` without declaring it."""
    if node.type != "for_in_statement" or not loops or node.child_by_field_name("kind") is None:
        return None
    left, body = node.child_by_field_name("left"), node.child_by_field_name("body")
    if left is None or left.type != "identifier" or body is None:
        return None
    first = data[left.start_byte:left.end_byte].decode("utf-8")
    read, declared = _names_in(data, body)
    by_norm = {normalize_name(r): r for r in read}
    for names in loops:
        if names[0] != normalize_name(first):
            continue
        rest = [by_norm.get(n) for n in names[1:]]
        if all(r is not None and r not in declared for r in rest):
            return left.start_byte, left.end_byte, f"[{', '.join([first, *rest])}]"  # type: ignore[list-item]
    return None


def fix_unpacking(text: str, target: Language, source: str) -> tuple[str, list[str]]:
    """``text`` (JavaScript) with each declaration or loop variable that unpacks a Python tuple made a
    destructuring; notes."""
    if target.name != "javascript" or "," not in source:
        return text, []
    unpackings, loops = python_unpackings(source), python_unpackings(source, loops=True)
    if not unpackings and not loops:
        return text, []
    data = text.encode("utf-8")
    edits: list[tuple[int, int, str]] = []
    notes: list[str] = []
    stack = [target.parse(data).root_node]
    while stack:
        n = stack.pop()
        loop = loop_destructure(data, n, loops)
        if loop is not None:
            edits.append(loop)
            notes.append(f"line {n.start_point[0] + 1}: Python's loop over pairs made a destructuring: "
                         f"`for (... {loop[2]} of ...)`")
        edit = destructure(data, n, unpackings)
        if edit is not None:
            edits.append(edit)
            notes.append(f"line {n.start_point[0] + 1}: Python's tuple unpacking made a destructuring: "
                         f"`{edit[2].strip()} ...`")
        stack.extend(n.children)
    return (splice(text, edits), notes) if edits else (text, [])
