"""Java's integer ``/`` and ``%`` in Python, for the method rule (:mod:`java_rule_exprs`).

Java truncates toward zero (``-7 / 2`` is ``-3``, ``-7 % 2`` is ``-1``); Python floors (``-4``, ``1``). Where the
dividend is known not to be negative and the divisor positive (a literal, a length, a character's code, a loop
counter that only counts up from zero or more), the two agree and the rule writes Python's ``//`` and ``%`` as
they are. Elsewhere it writes Java's value: ``a // b if a >= 0 else -(-a // b)`` for a positive divisor, and with
``abs`` for a divisor of unknown sign. (hashids' ``hash(-1, alphabet)``: Java's ``-1 % 5`` is ``-1`` and the index
check skips it, Python's ``4`` picked a letter; the behaviour check saw it.)
"""
from __future__ import annotations

import re

from translate.translation.java_rule_types import CHAR, wrap
from translate.translation.junit_jdk import Unsupported, text

_PURE_CALLS = {"len", "ord", "abs", "min", "max", "chr", "float", "int", "str"}


def nonneg(ex, node) -> bool:
    """Whether an integer expression is never negative (see the module)."""
    t = node.type
    if t in ("identifier", "subscript_expression", "array_access") and _typed(ex, node) in CHAR:
        return True  # a character's code (ord) is never negative
    if t in ("decimal_integer_literal", "hex_integer_literal", "character_literal", "char_literal"):
        return True
    if t == "number_literal":  # (tree-sitter-cpp's, for the C++ rule: translate.translation.cpp_py_body)
        return re.fullmatch(r"\d+[uUlL]*", text(node)) is not None
    if t == "call_expression":  # C++'s v.size(), s.length()
        fn = node.child_by_field_name("function")
        return fn.type == "field_expression" and text(fn.child_by_field_name("field")) in ("size", "length")
    if t == "parenthesized_expression":
        return nonneg(ex, node.named_children[0])
    if t == "identifier":
        return text(node) in ex.counting or text(node) in ex.fixed_nonneg
    if t == "field_access":
        return text(node.child_by_field_name("field")) == "length"
    if t == "method_invocation":
        return text(node.child_by_field_name("name")) in ("length", "size", "charAt")
    if t == "cast_expression":
        return nonneg(ex, node.child_by_field_name("value"))
    if t == "binary_expression" and text(node.child_by_field_name("operator")) in ("+", "*", "/", "%", ">>"):
        return nonneg(ex, node.child_by_field_name("left")) and nonneg(ex, node.child_by_field_name("right"))
    return False


def _typed(ex, node) -> str:
    try:
        return ex.expr(node)[1]
    except Unsupported:
        return ""


def positive(ex, node) -> bool:
    """Whether an integer divisor is positive or a length (a zero length raises in both languages)."""
    t = node.type
    if t == "decimal_integer_literal":
        return int(text(node).rstrip("lL").replace("_", "") or "0", 8 if text(node).startswith("0") and
                   len(text(node)) > 1 else 10) > 0
    if t == "number_literal":
        return re.fullmatch(r"0*[1-9]\d*[uUlL]*", text(node)) is not None
    if t == "parenthesized_expression":
        return positive(ex, node.named_children[0])
    if t == "binary_expression" and text(node.child_by_field_name("operator")) in ("+", "*"):
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        return nonneg(ex, left) and positive(ex, right) or positive(ex, left) and nonneg(ex, right)
    return t != "binary_expression" and nonneg(ex, node)


def _pure(code: str) -> bool:
    """Whether ``code`` may be written twice: no call but the builtins the rule writes and string methods."""
    return all(name in _PURE_CALLS or name in ("find", "rfind", "lower", "upper", "strip")
               for name in re.findall(r"(\w+)\(", code))


def bare(code: str) -> str:
    """``code`` without the parentheses around the whole of it, if it has them (``(a + b)`` but not ``(a) + (b)``)."""
    if not code.startswith("(") or not code.endswith(")"):
        return code
    depth = 0
    for i, ch in enumerate(code):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0 and i < len(code) - 1:
            return code
    return code[1:-1]


def divide(ex, op: str, left: str, right: str, lnode, rnode) -> str:
    """Java's integer ``left / right`` or ``left % right`` (``op``) in Python."""
    py = "//" if op == "/" else "%"
    left, right = bare(left), bare(right)
    a, b = wrap(left), wrap(right)
    if nonneg(ex, lnode) and positive(ex, rnode):
        return f"{a} {py} {b}"
    if not _pure(left) or not _pure(right):
        raise Unsupported(f"integer {op} of an expression with calls, whose sign is not known")
    if positive(ex, rnode):
        return f"({a} {py} {b} if {a} >= 0 else -(-{a} {py} {b}))"  # (a conditional: parenthesized, as an operand)
    if op == "/":
        return f"abs({left}) // abs({right}) * (1 if ({left} >= 0) == ({right} >= 0) else -1)"
    return f"abs({left}) % abs({right}) * (1 if {left} >= 0 else -1)"
