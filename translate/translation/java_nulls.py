"""Java's ``x != null`` answered as Python's truth test ``if x:``, put back as ``x is not None``.

sqids' builder: ``if (blockList != null) { this.blockList = ...; }``. The 1.5B wrote ``if block_list:``, and an
empty block list, which the Java takes, is false in Python: ``BlockListTests.emptyBlockList`` failed on the
default list's words. Java has no truth test but for booleans, so where the Java method compares a name with
``null`` as a whole condition (``if (x != null)``, ``x == null ? a : b``) and the answer tests the same name bare
(``if x:``, ``if not x:``, ``a if x else b``), the answer's test is the comparison: ``x is not None`` (``x is None``
for ``not x`` against ``== null``). A name the Java also tests as a boolean, or compares otherwise, is left alone.
"""
from __future__ import annotations

from translate.source.languages import Language
from translate.source.validate import node_text, normalize_name, walk
from translate.translation.assemble import splice
from translate.translation.java_fields import java_members, python_root


def _java_null_tests(java: str) -> dict[str, set[str]]:
    """Normalized name -> the operators (``!=``, ``==``) it is compared with ``null`` by, as a whole condition."""
    root = java_members(java)
    out: dict[str, set[str]] = {}
    bare: set[str] = set()
    for n in walk(root):
        cond = n.child_by_field_name("condition") if n.type in ("if_statement", "ternary_expression",
                                                                 "while_statement") else None
        while cond is not None and cond.type == "parenthesized_expression" and cond.named_children:
            cond = cond.named_children[0]
        if cond is None:
            continue
        if cond.type == "identifier" or cond.type == "unary_expression":
            bare.add(normalize_name(node_text(cond).lstrip("!").strip()))
        if cond.type != "binary_expression":
            continue
        op = node_text(cond.child_by_field_name("operator"))
        left, right = cond.child_by_field_name("left"), cond.child_by_field_name("right")
        if op in ("!=", "==") and right.type == "null_literal" and left.type == "identifier":
            out.setdefault(normalize_name(node_text(left)), set()).add(op)
    return {k: v for k, v in out.items() if k not in bare}


def fix_null_tests(code: str, target: Language, java: str) -> tuple[str, bool]:
    """``code`` (Python, from the Java ``java``) with each bare truth test of a name the Java compares with
    ``null`` written as that comparison (the module's rule)."""
    if target.name != "python" or "null" not in java:
        return code, False
    tests = _java_null_tests(java)
    if not tests:
        return code, False
    root = python_root(code, target)
    if root is None:
        return code, False
    edits = []
    for n in walk(root):
        if n.type in ("if_statement", "elif_clause", "while_statement"):
            cond = n.child_by_field_name("condition")
        elif n.type == "conditional_expression" and len(n.named_children) == 3:
            cond = n.named_children[1]
        else:
            continue
        negated = cond is not None and cond.type == "not_operator"
        name = cond.child_by_field_name("argument") if negated else cond
        if name is None or name.type != "identifier":
            continue
        ops = tests.get(normalize_name(node_text(name)))
        if not ops:
            continue
        want = "==" if negated else "!="
        if want in ops:  # ``if x:`` for ``x != null``; ``if not x:`` for ``x == null``
            said = f"{node_text(name)} is {'None' if negated else 'not None'}"
            edits.append((cond.start_byte, cond.end_byte, said))
    if not edits:
        return code, False
    return splice(code, edits), True
