"""How a unit is called: the lines of a file that call it, found with tree-sitter.

A translation has to fit its callers. The prompt shows the model a few of them: calls in the source file
(same file, other units or top-level code) and, when the user gave target-language tests (``--tests``),
the calls the tests make, with the lines that declare the arguments they pass (``int v[] = {...};``), so
that a typed target gets parameter types its callers can use.
"""
from __future__ import annotations

import re

from translate.source.languages import Language
from translate.source.validate import normalize_name

_CALLS = ("call", "call_expression", "method_invocation", "invocation_expression", "function_call_expression")


def call_lines(text: str, lang: Language, name: str, *, limit: int = 3, skip: tuple[int, int] | None = None,
               with_arguments: bool = True) -> list[str]:
    """Up to ``limit`` distinct source lines of ``text`` that call ``name`` (any naming style), each with the
    lines above it that define the identifiers it passes. ``skip``: a (first, last) 1-based line range to
    ignore (the unit itself: its recursive calls say nothing about its callers)."""
    data = text.encode("utf-8")
    tree = lang.parse(data)
    want = normalize_name(name)
    lines = text.split("\n")
    found: list[tuple[int, int]] = []  # (row of the call, first row of its scope)
    stack = [tree.root_node]
    while stack and len(found) < limit:
        node = stack.pop(0)
        if node.type in _CALLS and _callee_matches(node, data, want):
            row = node.start_point[0]
            if not (skip and skip[0] <= row + 1 <= skip[1]) and row not in [r for r, _ in found]:
                found.append((row, _scope_start(node)))
        stack[0:0] = node.children
    out: list[str] = []
    for row, start in found:
        call = lines[row].strip()[:240]
        if with_arguments:
            out += [d for d in _definitions(lines, row, call, start) if d not in out]
        out.append(call)
    return out


def _scope_start(node) -> int:
    """First row of the function (or file) the call is in: argument definitions are looked for there only."""
    parent = node.parent
    while parent is not None:
        if any(w in parent.type for w in ("function", "method", "lambda", "constructor")) and \
                "call" not in parent.type and "invocation" not in parent.type:
            return parent.start_point[0]
        parent = parent.parent
    return 0


def _callee_matches(node, data: bytes, want: str) -> bool:
    callee = node.child_by_field_name("function") or node.child_by_field_name("name") or (
        node.children[0] if node.children else None)
    if callee is None:
        return False
    # a.b.name(...) / a->name(...): the last identifier is the name called
    ids = [c for c in _leaves(callee) if "identifier" in c.type]
    return bool(ids) and normalize_name(data[ids[-1].start_byte:ids[-1].end_byte].decode("utf-8", "replace")) == want


def _leaves(node):
    """The leaves under ``node`` in source order (iterative: deeply nested code must not recurse)."""
    stack = [node]
    while stack:
        n = stack.pop()
        if n.child_count == 0:
            yield n
        stack.extend(reversed(n.children))


def _definitions(lines: list[str], row: int, call: str, start: int) -> list[str]:
    """Lines above ``row`` (down to ``start``) that assign identifiers passed in ``call`` (the nearest wins)."""
    inside = call[call.find("(") + 1:] if "(" in call else ""
    idents = [i for i in dict.fromkeys(re.findall(r"\b[A-Za-z_]\w*\b", inside)) if not i[0].isupper()]
    out = []
    for ident in idents[:4]:
        pat = re.compile(rf"(^|[\s*&(,])({re.escape(ident)})\s*(\[[^\]]*\])?\s*(=|\{{)")
        for k in range(row - 1, max(start - 1, row - 40), -1):
            if pat.search(lines[k]) and "(" not in lines[k].split("=")[0].replace(f"{ident}(", ""):
                out.append(lines[k].strip())
                break
    return out
