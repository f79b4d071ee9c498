"""Python's tuple unpacking carried into JavaScript as a declaration of several names, made a destructuring.

``l, s, r = super().partition(sep)`` comes back as ``let l, s, r = super.partition(sep);``: it parses, and it
declares ``l`` and ``s`` empty and gives ``r`` the whole array (markupsafe's ``Markup.partition``). The fix is
certain only where the Python source unpacks those very names: a declaration whose names, all but the last
without a value, are the targets of one of the source's tuple assignments (the same names in order, either case
style) becomes ``let [l, s, r] = super.partition(sep);``.
"""
from __future__ import annotations

from translate.source.languages import Language, get_language
from translate.source.validate import normalize_name

_DECLARATIONS = ("lexical_declaration", "variable_declaration")


def python_unpackings(source: str) -> frozenset[tuple[str, ...]]:
    """The name tuples (normalized) of each tuple assignment in Python ``source`` (``a, b = ...``, ``for a, b in``
    is not one: it is a loop)."""
    py = get_language("python")
    data = source.encode("utf-8")
    tree = py.parse(data)
    found: set[tuple[str, ...]] = set()
    stack = [tree.root_node]
    while stack:
        n = stack.pop()
        stack.extend(n.children)
        if n.type != "assignment":
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


def fix_unpacking(text: str, target: Language, source: str) -> tuple[str, list[str]]:
    """``text`` (JavaScript) with each declaration that unpacks a Python tuple made a destructuring; notes."""
    if target.name != "javascript" or "," not in source:
        return text, []
    unpackings = python_unpackings(source)
    if not unpackings:
        return text, []
    data = text.encode("utf-8")
    edits: list[tuple[int, int, str]] = []
    notes: list[str] = []
    stack = [target.parse(data).root_node]
    while stack:
        n = stack.pop()
        edit = destructure(data, n, unpackings)
        if edit is not None:
            edits.append(edit)
            notes.append(f"line {n.start_point[0] + 1}: Python's tuple unpacking made a destructuring: "
                         f"`{edit[2].strip()} ...`")
        stack.extend(n.children)
    if not edits:
        return text, []
    out = data
    for a, z, new in sorted(edits, key=lambda e: -e[0]):
        out = out[:a] + new.encode("utf-8") + out[z:]
    return out.decode("utf-8"), notes
