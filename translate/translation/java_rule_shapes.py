"""The shapes of loops the Java -> Python and C++ -> Python rules read (translate.translation.java_rule_statements,
cpp_py_body): whether a body assigns a local or continues its loop, a loop's constant stride, ``code + k``
folded."""
from __future__ import annotations

import re

from translate.source.validate import walk
from translate.translation.junit_jdk import text

_LOOPS = ("for_statement", "while_statement", "do_statement", "enhanced_for_statement")


def assigns(body, name: str) -> bool:
    """Whether ``body`` assigns or steps the local ``name``."""
    for n in walk(body):
        target = n.child_by_field_name("left") if n.type == "assignment_expression" else \
            n.named_children[0] if n.type == "update_expression" and n.named_children else None
        if target is not None and target.type == "identifier" and text(target) == name:
            return True
    return False


def continues(body) -> bool:
    """Whether ``body`` (a loop's) has a ``continue`` of that loop (not of a loop inside it)."""
    stack = list(body.named_children) if body.type == "block" else [body]
    while stack:
        n = stack.pop()
        if n.type == "continue_statement":
            return True
        if n.type not in _LOOPS:
            stack.extend(n.named_children)
    return False


def on_self(obj) -> bool:
    """Whether a call's object (None: none written) is the class's own: a bare call or ``this.m()``."""
    return obj is None or obj.type == "this"


def plus(code: str, k: int) -> str:
    """``code + k`` folded where it is a literal or ends in ``- k`` / ``+ -k`` (``n - 1`` plus one is ``n``)."""
    if re.fullmatch(r"-?\d+", code):
        return str(int(code) + k)
    undo = f" - {k}" if k > 0 else f" + {-k}"
    if code.endswith(undo):
        return code[: -len(undo)]
    return f"{code} + {k}" if k > 0 else f"{code} - {-k}"


def stride(node, var: str) -> int | None:
    """The constant step of a loop's update of ``var`` (``i++``, ``i -= 2``), or None."""
    if node.type == "update_expression" and text(node.named_children[0]) == var:
        return 1 if "++" in text(node) else -1
    if node.type == "assignment_expression" and text(node.child_by_field_name("left")) == var:
        op, right = text(node.child_by_field_name("operator")), node.child_by_field_name("right")
        positive = right.type == "decimal_integer_literal" and int(text(right)) > 0 or \
            right.type == "number_literal" and re.fullmatch(r"[1-9]\d*", text(right)) is not None  # (C++'s)
        if op in ("+=", "-=") and positive:
            return int(text(right)) * (1 if op == "+=" else -1)
    return None

