"""Java ``StringBuilder`` chains written as the Python they mean, for the notes a Java -> Python prompt carries.

sqids builds its alphabets so: ``new StringBuilder(alphabet.substring(offset)).append(alphabet, 0, offset)
.reverse().toString()``. The 1.5B's answers, in every run recorded, lost the ``.reverse()`` (``decode``) or read
``alphabetB.charAt(0)`` after the reversal instead of before it (``encodeNumbers``): ``reverse()`` turns the
builder round in place, and ``append(s, start, end)`` appends a slice, neither of which reads as it acts. Every
test of the project failed on those two lines. The chain has one Python reading, written here by rule:
``new StringBuilder(x)`` is ``x``, ``.append(y)`` is ``+ y``, ``.append(s, a, b)`` is ``+ s[a:b]``, ``.reverse()`` is ``[::-1]``, ``.toString()`` nothing, ``.substring``
and ``.charAt`` slices and indexes, ``this.x`` ``self.x``, a cast dropped. A chain holding anything else is left
to the model.
"""
from __future__ import annotations

import re

import tree_sitter

from translate.source.validate import node_text, walk
from translate.translation.java_fields import python_literal

_ATOM = re.compile(r"[\w.]+(?:\[[^\[\]]*\])*")


def _py(node: tree_sitter.Node) -> str | None:
    """The Python of a Java expression of the chain's simple kinds (None: not one of them)."""
    t = node.type
    if t == "identifier":
        return node_text(node)
    if t in ("decimal_integer_literal", "string_literal", "character_literal"):
        return python_literal(node_text(node))
    if t == "this":
        return "self"
    if t == "field_access":
        obj, field = node.child_by_field_name("object"), node.child_by_field_name("field")
        inner = _py(obj) if obj is not None else None
        return f"{inner}.{node_text(field)}" if inner is not None and field is not None else None
    if t == "cast_expression":
        value = node.child_by_field_name("value")
        return _py(value) if value is not None else None
    if t == "parenthesized_expression" and node.named_children:
        inner = _py(node.named_children[0])
        return f"({inner})" if inner is not None else None
    if t == "binary_expression" and node_text(node.child_by_field_name("operator")) in ("+", "-", "*"):
        left, right = _py(node.child_by_field_name("left")), _py(node.child_by_field_name("right"))
        op = node_text(node.child_by_field_name("operator"))
        return f"{left} {op} {right}" if left is not None and right is not None else None
    if t == "object_creation_expression":
        if node_text(node.child_by_field_name("type")) != "StringBuilder":
            return None
        args = node.child_by_field_name("arguments").named_children
        if not args:
            return '""'
        inner = _py(args[0]) if len(args) == 1 and args[0].type != "decimal_integer_literal" else None
        return inner
    if t == "method_invocation":
        obj, name = node.child_by_field_name("object"), node_text(node.child_by_field_name("name"))
        args = [_py(a) for a in node.child_by_field_name("arguments").named_children]
        base = _py(obj) if obj is not None else None
        if base is None or any(a is None for a in args):
            return None
        atom = base if _ATOM.fullmatch(base) else f"({base})"
        if name == "append" and len(args) == 1:
            return f"{base} + {args[0]}"
        if name == "append" and len(args) == 3:
            return f"{base} + {args[0]}[{args[1]}:{args[2]}]"
        if name == "reverse" and not args:
            return f"{atom}[::-1]"
        if name == "toString" and not args:
            return base
        if name == "substring" and len(args) in (1, 2):
            return f"{atom}[{args[0]}:{args[1] if len(args) == 2 else ''}]"
        if name == "charAt" and len(args) == 1:
            return f"{atom}[{args[0]}]"
        if name == "length" and not args:
            return f"len({base})"
    return None


def _chain(node: tree_sitter.Node) -> bool:
    """Whether the method call ``node`` ends a chain that starts at ``new StringBuilder(...)``."""
    start = _links(node)[-1].child_by_field_name("object")
    return start is not None and start.type == "object_creation_expression" \
        and node_text(start.child_by_field_name("type")) == "StringBuilder"


def _telling(node: tree_sitter.Node) -> bool:
    """Whether a chain reads other than it acts: it reverses, or appends a slice."""
    for link in _links(node):
        name, args = node_text(link.child_by_field_name("name")), link.child_by_field_name("arguments").named_children
        if (name, len(args)) in (("reverse", 0), ("append", 3)):
            return True
    return False


def builder_notes(root: tree_sitter.Node) -> list[str]:
    """Notes for the ``StringBuilder`` chains and in-place reversals of the Java tree ``root`` (Python targets)."""
    chains: list[str] = []
    reversed_in_place: list[str] = []
    for node in walk(root):
        if node.type != "method_invocation":
            continue
        obj = node.child_by_field_name("object")
        if node_text(node.child_by_field_name("name")) == "reverse" and obj is not None and obj.type == "identifier" \
                and not node.child_by_field_name("arguments").named_children:
            reversed_in_place.append(node_text(obj))  # ``alphabetB.reverse()``, alone or inside a chain
        up = node.parent
        if up is not None and up.type == "method_invocation" and up.child_by_field_name("object") == node:
            continue  # inside a longer chain
        if _chain(node) and _telling(node) and len(chains) < 3 and (py := _py(node)) is not None:
            chains.append(f"`{' '.join(node_text(node).split())}` is `{py}`")
    notes = []
    if chains:
        notes.append("Java's StringBuilder chains, in Python (the names as you write them): " + "; ".join(chains)
                     + ". `append(s, start, end)` appends the slice `s[start:end]`.")
    for name in dict.fromkeys(reversed_in_place):
        notes.append(f"`{name}.reverse()` turns the StringBuilder `{name}` round in place: what the Java reads from "
                     f"`{name}` before that line (`{name}.charAt(0)`) comes from the text before it was reversed, "
                     f"and after it from the reversed text; keep each read on its side of the reversal.")
    return notes[:3]


def _links(node: tree_sitter.Node) -> list[tree_sitter.Node]:
    out = []
    while node.type == "method_invocation":
        out.append(node)
        obj = node.child_by_field_name("object")
        if obj is None:
            break
        node = obj
    return out
