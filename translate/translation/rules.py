"""Units translated by rule, without the model, where the translation is certain: by (source, target) language,
``rule(code, kind, context) -> target code | None`` (None: the model translates the unit). ``context`` is the
unit's project context (translate.project.context): ``test``, ``must_call`` and, for a Java target, ``rule``
(what the test may call, a :class:`~translate.translation.pytest_junit.JavaProject`).

- Java -> Python: JUnit test classes (translate.translation.junit_python).
- Python -> Java: pytest test functions (a parametrized one: a method per case) and unittest classes
  (translate.translation.pytest_junit, unittest_junit), an exception class with no body of its own (``class
  OutOfStock(Exception): pass``), and in a test file the main guard and the tables the cases came from.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from translate.translation.junit_helpers import helper_class
from translate.translation.junit_python import junit_class

RULED = "unverifiable (a test, translated by rule without the model: the project check runs it)"
RULED_CODE = "unverifiable (translated by rule without the model: nothing of its own to run)"
# Python's exception classes that stand for Java's unchecked root (a migrated exception is unchecked, as in Python)
_PY_ERRORS = ("Exception", "BaseException", "ValueError", "RuntimeError", "KeyError", "LookupError", "TypeError",
              "IndexError", "ArithmeticError", "AttributeError")
_EMPTY_ERROR = re.compile(r"^class\s+([A-Za-z_]\w*)\s*\(\s*(?:\w+\.)?(" + "|".join(_PY_ERRORS) + r")\s*\)\s*:\s*"
                          r"(?:(?:\"\"\"[^\"]*\"\"\"|'[^'\n]*'|\"[^\"\n]*\")\s*)?(?:pass\s*)?$")


def empty_exception(code: str) -> str | None:
    """The Java of a Python exception class with nothing but a docstring or ``pass``: unchecked, with the
    constructors Python's ``raise OutOfStock(name)`` and ``raise OutOfStock()`` need."""
    m = _EMPTY_ERROR.match(code.strip())
    if m is None:
        return None
    name = m.group(1)
    return (f"class {name} extends RuntimeException {{\n    {name}() {{\n        super();\n    }}\n\n"
            f"    {name}(Object message) {{\n        super(String.valueOf(message));\n    }}\n}}\n")


_TEST_MAIN = re.compile(r"^if\s+__name__\s*==\s*(['\"])__main__\1\s*:\s*\n\s+(?:unittest|pytest)\.main\([^\n]*\)\s*$")


def test_main_guard(code: str, comment: str) -> str | None:
    """A test file's ``if __name__ == "__main__": unittest.main()``, as a comment: the target's runner runs the
    tests (the model would write a ``main`` of its own)."""
    if _TEST_MAIN.match(code.strip()) is None:
        return None
    return comment + " Python's `if __name__ == \"__main__\":` ran the tests as a script: JUnit runs them\n"


def table_constants(code: str, tables: list[str], comment: str) -> str | None:
    """A test file's top-level assignments of pytest tables whose rows every test using them holds in its own
    methods now (translate.project.pytest_params.resolve_tables), as comments; None if ``code`` is anything else."""
    from translate.source.languages import get_language

    root = get_language("python").parse(code.encode()).root_node
    names = []
    for node in root.named_children:
        inner = node.named_children[0] if node.type == "expression_statement" and node.named_child_count == 1 else None
        left = inner.child_by_field_name("left") if inner is not None and inner.type == "assignment" else None
        if node.type == "comment":
            continue
        if left is None or left.type != "identifier" or (left.text or b"").decode() not in tables:
            return None
        names.append((left.text or b"").decode())
    if root.has_error or not names:
        return None
    return "".join(f"{comment} {n}: a parametrize table; each of its cases is a test method of its own\n" for n in names)


def _java_python(code: str, kind: str, context: dict[str, Any]) -> str | None:
    rule = context.get("rule") or {}
    if kind == "class" and rule.get("helper"):  # a class of static methods the tests call (junit_helpers)
        return helper_class(code, list(rule.get("classes") or []), rule.get("varargs", ()), rule.get("methods"))
    if kind != "class" or not context.get("test"):
        return None
    return junit_class(code, list(context.get("must_call") or []), rule.get("varargs", ()), rule.get("methods"))


def _python_java(code: str, kind: str, context: dict[str, Any]) -> str | None:
    if kind == "glue":
        if context.get("rule") is None:
            return None
        return test_main_guard(code, "//") or table_constants(code, list(context.get("tables") or []), "//")
    if kind == "class" and not context.get("test"):
        return empty_exception(code)
    names = context.get("rule")
    if not context.get("test") or names is None:
        return None
    from translate.translation.pytest_junit import pytest_function
    from translate.translation.unittest_junit import unittest_class

    if kind == "function":
        return pytest_function(code, names, context.get("cases"))
    return unittest_class(code, names) if kind == "class" else None


# Context keys only the rules read (translate.project.context): taken out before a UnitContext is built
RULE_ONLY = ("rule", "cases", "tables")


def ruled(source: str, target: str, code: str, kind: str, context: dict[str, Any]) -> str | None:
    """The rule's translation of a unit of ``kind`` (None: no rule for the pair, or not covered)."""
    rule = RULES.get((source, target))
    return rule(code, kind, context) if rule is not None else None


RULES: dict[tuple[str, str], Callable[[str, str, dict[str, Any]], str | None]] = {
    ("java", "python"): _java_python, ("python", "java"): _python_java}
