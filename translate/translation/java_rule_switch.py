"""Two Java statements with blocks inside, for the method rule (:mod:`java_rule_statements`' ``Body``): a
``switch`` on a local (the arrow form, and the classic form where every group ends in ``break``, ``return``,
``throw`` or ``continue`` or falls off the end, empty groups sharing the next one's code) as ``if``/``elif``;
and a list sorted by a comparator (a two-parameter lambda, or an anonymous ``Comparator`` class) as a nested
``def`` given to ``functools.cmp_to_key`` (Java's ``List.sort`` is stable, as Python's is). Anything else raises
:class:`Unsupported`.
"""
from __future__ import annotations

from translate.source.validate import walk
from translate.translation.java_rule_exprs import Unsupported
from translate.translation.java_rule_types import IND
from translate.translation.junit_jdk import text

_ENDS = ("break_statement", "return_statement", "throw_statement", "continue_statement")


def _test(body, subject: str, styp: str, label) -> str | None:
    """``subject == a or subject == b`` for ``case a, b``; None for ``default``."""
    values = [c for c in label.named_children if c.type not in ("line_comment", "block_comment")]
    if not values:
        if text(label).strip() != "default":
            raise Unsupported("a switch label that is not a value")
        return None
    tests = []
    for v in values:
        code, typ = body.expr(v)
        if v.type == "identifier" and body.local(text(v)) is None:
            raise Unsupported("a case of an enum constant")
        tests.append(f"{subject} == {body.as_number(code, typ) if styp not in ('char', 'Character') else code}")
    return " or ".join(tests)


def _chain(branches: list[tuple[str | None, list[str]]]) -> list[str]:
    out: list[str] = []
    default = None
    for test, lines in branches:
        if test is None:
            default = lines
            continue
        out += [f"{'if' if not out else 'elif'} {test}:", *[IND + ln for ln in (lines or ["pass"])]]
    if default is not None:
        out += ["else:", *[IND + ln for ln in (default or ["pass"])]] if out else default
    return out


def switch_lines(body, node) -> list[str]:
    """The Python of a ``switch`` statement (see the module)."""
    cond = node.child_by_field_name("condition")
    inner = cond.named_children[0] if cond is not None and cond.type == "parenthesized_expression" else cond
    if inner is None or inner.type != "identifier":
        raise Unsupported("a switch on an expression")
    subject, styp = body.expr(inner)
    block = node.child_by_field_name("body")
    kids = [k for k in block.named_children if k.type not in ("line_comment", "block_comment")]
    branches: list[tuple[str | None, list[str]]] = []
    if all(k.type == "switch_rule" for k in kids):
        for rule in kids:
            label, stmt = rule.named_children[0], rule.named_children[-1]
            test = _test(body, subject, styp, label)
            branches.append((test, [ln[len(IND):] for ln in body.block(stmt)]))
        return _chain(branches)
    pending: list[str | None] = []
    for k, group in enumerate(kids):
        if group.type != "switch_block_statement_group":
            raise Unsupported(f"a {group.type} in a switch")
        labels = [c for c in group.named_children if c.type == "switch_label"]
        stmts = [c for c in group.named_children if c.type not in ("switch_label", "line_comment", "block_comment")]
        pending += [_test(body, subject, styp, lab) for lab in labels]
        if not stmts:
            continue  # ``case 2: case 3:``: the next group's code
        last = k == len(kids) - 1
        if not last and stmts[-1].type not in _ENDS:
            raise Unsupported("a switch group that falls through")
        if any(n.type == "break_statement" for s in stmts[:-1] for n in walk(s)):
            raise Unsupported("a break inside a switch group")
        kept = stmts[:-1] if stmts[-1].type == "break_statement" else stmts
        body.scopes.append({})
        lines = [ln for s in kept for ln in body.statement(s)]
        body.scopes.pop()
        if None in pending and len(pending) > 1:
            raise Unsupported("default sharing a group with a case")
        branches.append((None if None in pending else " or ".join(t for t in pending if t), lines))
        pending = []
    return _chain(branches)


def comparator_lines(body, xs: str, elem: str, node) -> list[str]:
    """``xs.sort(cmp)`` for a comparator lambda or anonymous ``Comparator`` class ``node`` on elements ``elem``."""
    if node.type == "lambda_expression":
        params = node.child_by_field_name("parameters")
        names = [text(c) for c in params.named_children] if params is not None else []
        code = node.child_by_field_name("body")
    elif node.type == "object_creation_expression" and text(node.child_by_field_name("type")).startswith("Comparator"):
        cls = next((c for c in node.named_children if c.type == "class_body"), None)
        methods = [m for m in cls.named_children if m.type == "method_declaration"] if cls is not None else []
        if len(methods) != 1 or text(methods[0].child_by_field_name("name")) != "compare" or \
                len(cls.named_children) != 1:
            raise Unsupported("a Comparator class with more than compare")
        params = methods[0].child_by_field_name("parameters")
        names = [text(p.child_by_field_name("name")) for p in params.named_children if p.type == "formal_parameter"]
        code = methods[0].child_by_field_name("body")
    else:
        return []
    if len(names) != 2 or code is None:
        raise Unsupported("a comparator of other than two parameters")
    returns, body.returns = body.returns, "int"
    body.scopes.append({})
    try:
        args = [body.declare(n, elem) for n in names]
        if code.type == "block":
            lines = [ln for s in code.named_children for ln in body.statement(s)]
        else:
            value, typ = body.expr(code)
            lines = [f"return {value}"]
    finally:
        body.scopes.pop()
        body.returns = returns
    body.imports.add("functools")
    return [f"def _compare({', '.join(args)}):", *[IND + ln for ln in (lines or ["return 0"])],
            f"{xs}.sort(key=functools.cmp_to_key(_compare))"]
