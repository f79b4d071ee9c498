"""Java's ``replaceAll``/``replaceFirst``, answered as Python's ``str.replace``, put back as ``re.sub``.

hashids' ``_decode`` cuts a hash at its guards with ``hash.replaceAll("[" + this.guards + "]", " ")``: a character
class, so each guard character becomes a space. The 1.5B's answer wrote ``hash.replace(regexp, " ")``, and
Python's ``str.replace`` looks for the text ``[abc]`` itself, never finds it: ``_decode`` differed from the source
on every input. Java's ``replaceAll`` and ``replaceFirst`` take a regular expression; ``str.replace`` takes text.

Where the answer calls ``s.replace(p, r)`` with ``p`` the pattern the Java passes to ``replaceAll`` or
``replaceFirst`` (the same expression, ``this.x`` written ``self.x`` and names in any style; the same literal; the
same local), and that pattern holds a regular expression's special character (in its literals, or in those of
the local it names), the call becomes ``re.sub(p, r, s)`` (``count=1`` for ``replaceFirst``). A Java pattern of
plain text (``replaceAll(" ", "")``) means what ``str.replace`` does and is left alone, as is a replacement
holding ``$`` (Java's group reference) or ``\\`` (escapes the two languages read differently).
"""
from __future__ import annotations

import re

from translate.source.languages import Language
from translate.source.validate import node_text, walk
from translate.translation.assemble import splice
from translate.translation.java_fields import java_members, python_root

_SPECIAL = set("[](){}*+?|^$.\\")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'", "0": "\0", "b": "\b", "f": "\f"}


def _unescape(body: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), body)


def _literal_value(node, python: bool) -> str | None:
    """The text of a string literal node (Java's or Python's), None for another node."""
    if node.type not in ("string_literal", "string"):
        return None
    text = node_text(node)
    prefix = re.match(r"[A-Za-z]*", text).group(0) if python else ""  # type: ignore[union-attr]
    if "f" in prefix.lower() or "b" in prefix.lower():
        return None
    body = text[len(prefix):]
    quote = 3 if body[:3] in ('"""', "'''") else 1
    body = body[quote:-quote]
    return body if "r" in prefix.lower() else _unescape(body)


def _canonical(node, python: bool) -> str:
    value = _literal_value(node, python)
    if value is not None:
        return "lit:" + value
    text = re.sub(r"\s+", "", node_text(node))
    text = re.sub(r"\b(?:this|self)\.", "", text)
    return "expr:" + text.replace("_", "").lower()


def _patterns(java: str) -> dict[str, str]:
    """Canonical pattern -> ``replaceAll``/``replaceFirst``, for the Java calls whose pattern is a regular
    expression with a special character."""
    root = java_members(java)
    locals_: dict[str, list] = {}
    for d in walk(root):
        if d.type == "variable_declarator" and d.child_by_field_name("value") is not None:
            locals_.setdefault(node_text(d.child_by_field_name("name")), []).append(d.child_by_field_name("value"))
    out: dict[str, str] = {}
    for n in walk(root):
        name = n.child_by_field_name("name") if n.type == "method_invocation" else None
        if name is None or node_text(name) not in ("replaceAll", "replaceFirst"):
            continue
        args = n.child_by_field_name("arguments").named_children
        if len(args) != 2:
            continue
        sources = [args[0], *(locals_.get(node_text(args[0]), []) if args[0].type == "identifier" else [])]
        texts = [_literal_value(s, False) for src in sources for s in walk(src) if s.type == "string_literal"]
        if any(t is not None and _SPECIAL & set(t) for t in texts):
            out.setdefault(_canonical(args[0], False), node_text(name))
    return out


def fix_replace_all(code: str, target: Language, java: str) -> tuple[str, bool]:
    """``code`` (Python, from the Java ``java``) with each ``s.replace(p, r)`` of a Java regular expression's
    pattern written ``re.sub(p, r, s)`` (the module's rule)."""
    if target.name != "python" or ("replaceAll" not in java and "replaceFirst" not in java) or ".replace(" not in code:
        return code, False
    patterns = _patterns(java)
    if not patterns:
        return code, False
    root = python_root(code, target)
    if root is None:
        return code, False
    edits = []
    for n in walk(root):
        fn = n.child_by_field_name("function") if n.type == "call" else None
        if fn is None or fn.type != "attribute" or node_text(fn.child_by_field_name("attribute")) != "replace":
            continue
        args = [a for a in n.child_by_field_name("arguments").named_children if a.type != "comment"]
        if len(args) != 2 or any(a.type == "keyword_argument" for a in args):
            continue
        method = patterns.get(_canonical(args[0], True))
        if method is None or "$" in node_text(args[1]) or "\\" in node_text(args[1]):
            continue
        obj = node_text(fn.child_by_field_name("object"))
        count = ", count=1" if method == "replaceFirst" else ""
        edits.append((n.start_byte, n.end_byte, f"re.sub({node_text(args[0])}, {node_text(args[1])}, {obj}{count})"))
    if not edits:
        return code, False
    edits = [e for e in edits if not any(o is not e and o[0] <= e[0] and e[1] <= o[1] for o in edits)]
    return splice(code, edits), True
