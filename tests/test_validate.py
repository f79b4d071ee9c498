"""Validation: tree-sitter ERROR/MISSING nodes with positions, libcst as the Python gate, and the
one-unit check used on model answers."""
from __future__ import annotations

import pytest

from translate.source.languages import REGISTRY, get_language
from translate.source.validate import Diagnostic, check_unit, validate

PY = get_language("python")


@pytest.mark.parametrize("code", ["def f(x):\nreturn x\n", "print 'hi'\n"])
def test_tree_sitter_python_blind_spots_are_caught_by_libcst(code):
    data = code.encode()
    assert not PY.parse(data).root_node.has_error, "tree-sitter-python accepts this (the reason for the gate)"
    assert validate(code, PY), "libcst rejects it"


def test_python_error_position_and_message_are_accurate():
    (diag,) = validate("def f(x):\nreturn x\n", PY)
    assert (diag.line, diag.column) == (2, 1)
    assert "expected an indented block" in diag.message
    (diag,) = validate("x = 1\nprint 'hi'\n", PY)
    assert (diag.line, diag.column) == (2, 1)
    assert "print" in diag.message and "\n" not in diag.message


def test_valid_python_has_no_diagnostics():
    assert validate("async def f():\n    match x:\n        case 1:\n            return [y async for y in z]\n", PY) == []


def test_java_missing_semicolon_is_reported_with_its_position():
    code = "class A {\n    int f() {\n        int x = 1\n        return x;\n    }\n}\n"
    diags = validate(code, get_language("java"))
    assert diags == [Diagnostic(3, 18, "missing ';'")]
    assert diags[0].format("A.java") == "A.java:3:18: missing ';'"


def test_error_node_is_reported_with_a_snippet():
    diags = validate("function f() {\n  return 1 +* 2;\n}\n", get_language("javascript"))
    assert diags and diags[0].line == 2
    assert "syntax error" in diags[0].message


@pytest.mark.parametrize("lang", sorted(REGISTRY))
def test_garbage_is_rejected_in_every_language(lang):
    assert validate("}{ ) ( @@ ;;; class def fn func", get_language(lang))


def test_error_at_end_of_text_without_newline_stays_on_the_last_line():
    (diag,) = validate("package p\n\nfunc f() {\n\tx := 1", get_language("go"))
    assert diag.line == 4 and "'}'" in diag.message


# --- check_unit: one unit of the expected kind and name ---------------------------------------

def test_check_unit_accepts_one_unit_of_the_right_kind_and_name():
    assert check_unit("def add(a, b):\n    return a + b\n", PY, "function", "add") == []
    assert check_unit("import math\n\n# helper\ndef add(a, b):\n    return a + b\n", PY, "function", "add") == []
    js = get_language("javascript")
    assert check_unit("function getValue(x) {\n  return x;\n}\n", js, "method", "get_value") == []
    assert check_unit("class Stack {\n  push(x) {}\n}\n", js, "class", "Stack") == []


def test_check_unit_rejects_two_units():
    (diag,) = check_unit("def a():\n    pass\n\n\ndef b():\n    pass\n", PY, "function", "a")
    assert "exactly one" in diag.message and "function a" in diag.message and "function b" in diag.message


def test_check_unit_rejects_wrong_name_and_kind():
    (diag,) = check_unit("def other():\n    pass\n", PY, "function", "add")
    assert "expected the name add" in diag.message
    (diag,) = check_unit("class Add:\n    pass\n", PY, "function", "add")
    assert "expected a function" in diag.message


def test_check_unit_rejects_extra_code_and_syntax_errors_and_empty_answers():
    (diag,) = check_unit("def add(a, b):\n    return a + b\n\nprint(add(1, 2))\n", PY, "function", "add")
    assert diag.line == 4 and "unexpected code" in diag.message
    java = get_language("java")
    diags = check_unit("int add(int a, int b) {\n    return a + b\n}\n", java, "method", "add")
    assert diags and "missing" in diags[0].message
    assert check_unit("   \n", PY, "function", "add")[0].message == "empty answer"
    assert "no function or class" in check_unit("x = 1\n", PY, "function", "add")[0].message


@pytest.mark.parametrize("lang,code,name", [
    ("java", "@Override\npublic String toString() {\n    return \"x\";\n}\n", "toString"),
    ("csharp", "public override string ToString() => \"x\";\n", "ToString"),
    ("cpp", "int Stack::size() const { return n_; }\n", "size"),
    ("go", "func (q *Queue) Len() int { return len(q.items) }\n", "Len"),
    ("rust", "pub fn len(&self) -> usize {\n    self.items.len()\n}\n", "len"),
    ("python", "def push(self, item):\n    self.items.append(item)\n", "push"),
])
def test_check_unit_accepts_a_method_translated_on_its_own(lang, code, name):
    assert check_unit(code, get_language(lang), "method", name) == []
