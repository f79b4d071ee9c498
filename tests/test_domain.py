"""The domain a docstring states keeps generated inputs inside it (translate.oracle.domain); no model."""
from __future__ import annotations

import pytest

from translate.oracle import check_candidate, record_source
from translate.oracle.domain import stated_domain
from translate.oracle.inputs import gather
from translate.sandbox import missing_tool


def reasons(doc, params, kinds):
    return [r for r, _ in stated_domain(doc, params, kinds).checks]


def outside(doc, params, kinds, args):
    return stated_domain(doc, params, kinds).outside(args)


def test_a_positive_number_given():
    doc = "Given a positive floating point number, it can be decomposed. Return the decimal part."
    assert outside(doc, ["number"], ["float"], [-2.25]) == "number positive"
    assert outside(doc, ["number"], ["float"], [0.0]) == "number positive"
    assert outside(doc, ["number"], ["float"], [3.5]) is None


def test_what_the_function_returns_states_nothing_about_its_input():
    assert reasons("Return only positive numbers in the list.", ["l"], ["list[int]"]) == []
    assert reasons("Check if x is positive.", ["x"], ["int"]) == []
    assert reasons("Returns 1 if n > 0 else 0.", ["n"], ["int"]) == []
    assert reasons("Given a list of positive and negative numbers, sort it.", ["xs"], ["list[int]"]) == []


def test_attribution_to_the_named_parameter_and_to_list_elements():
    doc = "Given a positive integer n and a list of numbers xs, return ..."
    assert outside(doc, ["xs", "n"], ["list[int]", "int"], [[-5], 2]) is None
    assert outside(doc, ["xs", "n"], ["list[int]", "int"], [[1], -1]) == "n positive"
    doc = "Given a list of positive integers x, return the sorted list."
    assert outside(doc, ["x"], ["list[int]"], [[1, -2]]) == "x: positive numbers"
    assert outside(doc, ["x"], ["list[int]"], [[1, 2]]) is None


def test_non_empty_equal_length_and_written_constraints():
    doc = ("Given a non-empty array of integers arr and an integer k, return the sum.\n\nConstraints:\n"
           "    1. 1 <= len(arr) <= 100\n    2. 1 <= k <= len(arr)\n")
    assert outside(doc, ["arr", "k"], ["list[int]", "int"], [[], 1]) == "arr non-empty"
    assert outside(doc, ["arr", "k"], ["list[int]", "int"], [[1, 2], 3]) == "1 <= k <= len(arr)"
    assert outside(doc, ["arr", "k"], ["list[int]", "int"], [[1, 2], 2]) is None
    doc = "You are given two arrays of scores and guesses of equal length."
    assert outside(doc, ["game", "guess"], ["list[int]", "list[int]"], [[1], [1, 2]]) == "game, guess of equal length"
    # a comparison inside the description is no constraint; one whose names are not parameters neither
    assert reasons("Given a grid with N rows and N columns (N >= 2) and a positive integer k.", ["grid", "k"],
                   ["list[list[int]]", "int"]) == ["k positive"]


def test_alphabets_in_words_and_in_quotes():
    doc = "Input are two strings a and b consisting only of 1s and 0s.\nPerform binary XOR."
    assert outside(doc, ["a", "b"], ["str", "str"], ["01", "110"]) is None
    assert outside(doc, ["a", "b"], ["str", "str"], ["01", "hello"]) == "b only of '01'"
    doc = 'brackets is a string of "(" and ")".'
    assert outside(doc, ["brackets"], ["str"], ["(()"]) is None and outside(doc, ["brackets"], ["str"], ["a"])


def test_a_value_of_another_shape_is_not_judged():
    assert outside("Given a positive integer n.", ["n"], ["int"], ["text"]) is None


POSITIVE = '''def frac(number: float) -> float:
    """Given a positive floating point number, return its decimal part.

    >>> frac(3.5)
    0.5
    """
    return number % 1.0
'''


def test_generated_inputs_outside_the_domain_are_dropped_with_the_reason():
    dropped: list[tuple[str, str]] = []
    _, cases = gather(POSITIVE, "frac", dropped=dropped)
    generated = [c.args[0] for c in cases if c.origin == "generated"]
    assert generated and all(v > 0 for v in generated)
    assert any("outside the stated domain (number positive)" in why and "frac(-" in call for call, why in dropped)
    _, unfiltered = gather(POSITIVE.replace("Given a positive floating point number, r", "R"), "frac")
    assert any(c.args[0] <= 0 for c in unfiltered if c.origin == "generated")


@pytest.mark.skipif(missing_tool("javascript") is not None, reason="no node")
def test_a_translation_right_on_the_stated_domain_is_verified():
    # JavaScript's % keeps the dividend's sign: wrong for negatives only, which the docstring rules out
    js = "function frac(number) {\n  return number % 1.0;\n}\n"
    assert check_candidate(record_source(POSITIVE, "python", "frac"), js, "javascript").status == "verified"
    unstated = POSITIVE.replace("Given a positive floating point number, r", "R")
    assert check_candidate(record_source(unstated, "python", "frac"), js, "javascript").status == "differs"


JAVA = '''class Digits {
    /**
     * Given a positive integer n, return the sum of its digits.
     * sumDigits(123) == 6
     */
    public static int sumDigits(int n) {
        int s = 0;
        while (n > 0) { s += n % 10; n /= 10; }
        return s;
    }
}
'''


@pytest.mark.skipif(missing_tool("java") is not None, reason="no javac/java")
def test_javadoc_domains_hold_for_java_sources_too():
    rec = record_source(JAVA, "java", "sumDigits")
    assert rec.usable, rec.unverifiable or rec.failed
    assert all(c.args[0] > 0 for c in rec.cases), [c.args for c in rec.cases]
    assert any("outside the stated domain (n positive)" in why for _, why in rec.dropped)
