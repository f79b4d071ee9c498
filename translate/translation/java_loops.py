"""Java loops that Python has no form for, written as ``while`` loops before the model reads them.

A Java ``for`` with several variables or updates (hashids' ``for (int i = n - 1, v = 0, p = 0; i > 0; i--, v++)``)
and a ``do { ... } while (c);`` have no Python statement of their shape, and the 1.5B pack rewrote them into
loops that differ: in every run it turned ``v`` and the running sum ``p`` of hashids' ``consistentShuffle`` into
values computed afresh from ``i``, and every id the class encodes changed; repair notes naming the construct did
not help. The same loops written as Java ``while`` loops mean the same and translate line by line:

- ``for (A, B; c; u1, u2) body`` -> ``A; B; while (c) { body u1; u2; }`` (no condition: ``true``);
- ``do body while (c);`` -> ``while (true) { body if (!(c)) break; }``, a comparison flipped (``if (n <= 0) break;``
  for ``while (n > 0)``: the model keeps an operator, it loses a ``!``).

Exact only when the body has no ``continue`` of its own (it would skip the updates or the test): such loops are
left as they are, as are the plain ``for (int i = 0; i < n; i++)`` loops the model translates well. Used from Java
to Python only (JavaScript has both forms). The source the behaviour checks run is the original.
"""
from __future__ import annotations

import re

import tree_sitter

from translate.source.languages import Language
from translate.source.validate import walk

_LOOPS = ("for_statement", "enhanced_for_statement", "while_statement", "do_statement")
_OWN_SCOPES = _LOOPS + ("lambda_expression", "class_body", "switch_expression")
_WRAP = "class __Loops {\n"
MAX_REWRITES = 50


def _fields(node: tree_sitter.Node, name: str) -> list[tree_sitter.Node]:
    return [c for i, c in enumerate(node.children) if node.field_name_for_child(i) == name]


def _continues(body: tree_sitter.Node) -> bool:
    """Whether ``body`` holds a ``continue`` of the loop it is the body of: one not inside a nested loop, lambda or
    class, or any labelled one (``continue outer;``)."""
    return any(n.type == "continue_statement" and (n.named_child_count or not _nested(n, body)) for n in walk(body))


def _nested(node: tree_sitter.Node, body: tree_sitter.Node) -> bool:
    parent = node.parent
    while parent is not None and parent != body:
        if parent.type in _OWN_SCOPES:
            return True
        parent = parent.parent
    return False


def _rewritable(node: tree_sitter.Node) -> bool:
    body = node.child_by_field_name("body")
    if body is None or _continues(body):
        return False
    if node.type == "do_statement":
        return node.child_by_field_name("condition") is not None
    if node.type != "for_statement":
        return False
    init = _fields(node, "init")
    declarators = sum(1 for d in init for c in d.named_children if c.type == "variable_declarator")
    return len(init) > 1 or declarators > 1 or len(_fields(node, "update")) > 1


def _line_indent(data: bytes, at: int) -> str:
    start = data.rfind(b"\n", 0, at) + 1
    head = data[start:at].decode("utf-8")
    return head if not head.strip() else re.match(r"[ \t]*", head).group(0)  # type: ignore[union-attr]


def _body_lines(data: bytes, body: tree_sitter.Node, ind: str, unit: str) -> tuple[str, str]:
    """(the body's lines, each ending in a newline, the indentation of a statement in it)."""
    step = ind + unit
    if body.type != "block":
        return step + data[body.start_byte:body.end_byte].decode("utf-8") + "\n", step
    lines = data[body.start_byte + 1:body.end_byte - 1].decode("utf-8").split("\n")
    if len(lines) == 1:  # ``{ x++; }``
        return (step + lines[0].strip() + "\n") if lines[0].strip() else "", step
    if lines[0].strip():  # code right after the brace
        lines[0] = step + lines[0].strip()
    else:
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines.pop()
    first = next((ln for ln in lines if ln.strip()), "")
    inner = first[:len(first) - len(first.lstrip())] or step
    return "".join(ln + "\n" for ln in lines), inner


_FLIP = {">": "<=", "<": ">=", ">=": "<", "<=": ">", "==": "!=", "!=": "=="}


def _negated(cond: tree_sitter.Node, text) -> str:
    """``!(c)`` for a do-while's condition ``(c)``, written as the flipped comparison where ``c`` is one
    (``num <= 0`` for ``num > 0``: hashids' and sqids' answers lost the ``!`` of ``!(num > 0)``)."""
    inner = cond.named_children[0] if cond.type == "parenthesized_expression" and cond.named_child_count == 1 \
        else cond
    op = inner.child_by_field_name("operator") if inner.type == "binary_expression" else None
    if op is not None and text(op) in _FLIP:
        left, right = inner.child_by_field_name("left"), inner.child_by_field_name("right")
        return f"{text(left)} {_FLIP[text(op)]} {text(right)}"
    return "!" + text(cond)


def _rewrite(data: bytes, node: tree_sitter.Node, unit: str) -> str:
    ind = _line_indent(data, node.start_byte)
    body = node.child_by_field_name("body")
    assert body is not None
    lines, inner = _body_lines(data, body, ind, unit)
    text = lambda n: data[n.start_byte:n.end_byte].decode("utf-8")
    if node.type == "do_statement":
        cond = node.child_by_field_name("condition")
        assert cond is not None
        return f"while (true) {{\n{lines}{inner}if ({_negated(cond, text)}) break;\n{ind}}}"
    init = _fields(node, "init")
    head = "".join((text(d) if d.type == "local_variable_declaration" else text(d) + ";") + f"\n{ind}" for d in init)
    cond = node.child_by_field_name("condition")
    updates = "".join(f"{inner}{text(u)};\n" for u in _fields(node, "update"))
    return f"{head}while ({text(cond) if cond is not None else 'true'}) {{\n{lines}{updates}{ind}}}"


def _parse(code: str, java: Language) -> tuple[bytes, tree_sitter.Node, int] | None:
    """(the bytes parsed, the root, where ``code`` starts in them): alone, or a member in a class."""
    for head in ("", _WRAP):
        data = (head + code + ("\n}\n" if head else "")).encode("utf-8")
        root = java.parse(data).root_node
        if not root.has_error:
            return data, root, len(head)
    return None


def whiled(code: str, java: Language) -> str:
    """``code`` (Java) with its several-variable ``for`` loops and ``do``/``while`` loops written as ``while`` loops
    (see the module); unchanged when it has none or does not parse."""
    if "for" not in code and "do" not in code:
        return code
    widths = [len(ln) - len(ln.lstrip(" ")) for ln in code.split("\n") if ln.strip()]
    unit = " " * min((w for w in widths if w > 0), default=4)  # the code's own indentation step
    for _ in range(MAX_REWRITES):
        parsed = _parse(code, java)
        if parsed is None:
            return code
        data, root, at = parsed
        loops = [n for n in walk(root) if n.type in ("for_statement", "do_statement") and _rewritable(n)]
        inner = [n for n in loops if not any(m != n and n.start_byte <= m.start_byte and m.end_byte <= n.end_byte
                                             for m in loops)]
        if not inner:
            return code
        n = inner[0]
        out = data[:n.start_byte] + _rewrite(data, n, unit).encode("utf-8") + data[n.end_byte:]
        code = out[at:len(out) - (3 if at else 0)].decode("utf-8")
    return code
