"""Inputs as the target's declared header takes them (translate.oracle.fit, inputs.gather's ``hints``)."""
from __future__ import annotations

import pytest

from translate.oracle import check_candidate, record_source
from translate.oracle.cases import UNVERIFIABLE, VERIFIED, Case
from translate.oracle.fit import fitted
from translate.oracle.inputs import gather
from translate.sandbox import missing_tool

SOURCE = '''def suffix(number: int) -> str:
    """
    >>> suffix(-11)
    'th'
    >>> suffix(2)
    'nd'
    """
    n = abs(int(number))
    return "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
'''


def test_numbers_are_passed_as_text_where_a_string_is_declared():
    cases = fitted([Case([-11], "doc"), Case([2.5], "doc"), Case([True], "doc"), Case(["x"], "doc")], ["str"])
    assert [c.args for c in cases] == [["-11"], ["2.5"], ["x"]]
    assert [c.origin for c in cases] == ["doc", "doc", "doc"]


def test_a_value_the_declared_type_cannot_take_is_left_out():
    cases = [Case(["a", 1], "doc"), Case([3, 2.5], "doc"), Case([3, 2], "call"), Case([[1], 2], "doc")]
    assert [c.args for c in fitted(cases, ["int", "int"])] == [[3, 2]]
    assert [c.args for c in fitted(cases, ["list[int]", None])] == [[[1], 2]]
    assert [c.args for c in fitted(cases, [None, "float"])] == [c.args for c in cases]  # an int is a float
    same = Case([3, 2], "call")
    assert fitted([same], ["int", "int"])[0] is same


def test_the_declared_kind_decides_over_the_annotation_and_the_examples():
    """Without a hint the annotation and the docstring's ints make every input a number; declared ``String``,
    every input is text, numbers as text first (the body parses it), the examples kept as their text."""
    _, plain = gather(SOURCE, "suffix")
    assert all(isinstance(c.args[0], int) for c in plain), [c.args for c in plain]
    _, typed = gather(SOURCE, "suffix", hints=["str"])
    args = [c.args[0] for c in typed]
    assert all(isinstance(a, str) for a in args) and args[:2] == ["-11", "2"], args
    assert sum(a.lstrip("-").isdigit() for a in args) >= 6, args


@pytest.mark.skipif(missing_tool("java") is not None, reason="no javac/java")
def test_the_overload_that_takes_the_declared_inputs_is_the_one_checked():
    """``translate repo`` adds a ``String`` adapter after an answer typed from the annotation (``ordinal(int)``,
    translation.java_adapters); with the inputs typed as the callers declare (text), the check calls the
    overload that takes them instead of calling nothing."""
    recording = record_source(SOURCE, "python", "suffix", hints=["str"])
    own = ("public static String suffix(int number) {\n    int n = Math.abs(number);\n"
           "    if (n % 100 >= 11 && n % 100 <= 13) return \"th\";\n"
           "    return switch (n % 10) { case 1 -> \"st\"; case 2 -> \"nd\"; case 3 -> \"rd\"; default -> \"th\"; };\n}\n")
    adapter = "public static String suffix(String number) {\n    return suffix(Integer.parseInt(number.strip()));\n}\n"
    alone = check_candidate(recording, own, "java")
    assert alone.status == UNVERIFIABLE and "no recorded input fits" in (alone.reason or ""), alone.line()
    both = check_candidate(recording, own + "\n" + adapter, "java")
    assert both.status == VERIFIED and both.inputs >= 6, both.line()
