"""Strings the source parses as numbers get numbers as text for inputs (translate.oracle.numeric_text): the
kind read from the function's text, and what it changes in a real recording (real sandbox, g++, javac)."""
from __future__ import annotations

import pytest

from translate.oracle import check_candidate, record_source
from translate.oracle.inputs import gather
from translate.oracle.numeric_text import pool, refine
from translate.sandbox import missing_tool

needs_cpp = pytest.mark.skipif(missing_tool("cpp") is not None, reason="no g++")
needs_java = pytest.mark.skipif(missing_tool("java") is not None, reason="no javac/java")

CPP_ROUND = ("#include<math.h>\n#include<string>\n#include<stdlib.h>\nusing namespace std;\n"
             "int closest(string value){\n    double w;\n    w=atof(value.c_str());\n    return round(w);\n}\n")
JAVA_RATIO = ("class Solution {\n    public boolean whole(String x) {\n        String[] a = x.split(\"/\");\n"
              "        int p = Integer.parseInt(a[0]);\n        int q = Integer.parseInt(a[1]);\n"
              "        return p % q == 0;\n    }\n}\n")


@pytest.mark.parametrize("text, param, kind", [
    (CPP_ROUND, "value", "str:float"),
    (JAVA_RATIO, "x", "str:int:/"),
    ("def total(s):\n    return sum(int(p) for p in s.split(','))\n", "s", "str:int:,"),
    ("def f(x, n):\n    a, b = x.split('/')\n    return int(a) * int(b) == n\n", "x", "str:int:/"),
    ("function f(t) { return parseFloat(t) * 2; }\n", "t", "str:float"),
    ("int f(String s) {\n  int t = 0;\n  for (String w : s.split(\" \")) {\n    try { t += Integer.parseInt(w); }"
     " catch (NumberFormatException e) {}\n  }\n  return t;\n}\n", "s", "str:int: "),
    # a text whose characters are read, or whose length is parsed, is still a text
    ("def digits(s):\n    return sum(int(c) for c in s if c.isdigit())\n", "s", "str"),
    ("int f(string s) { int n = s.size(); return int(n * 1.5); }\n", "s", "str"),
    ("def shout(s):\n    return s.upper() + '!'\n", "s", "str"),
])
def test_the_kind_of_text_a_parameter_holds(text, param, kind):
    assert refine(text, param) == kind


def test_numbers_joined_by_spaces_have_words_between_them_in_some():
    """A sentence's numbers ("5 apples and 6 oranges"): numbers alone would never take the branch for a word."""
    _, texts = pool("str:int: ")
    assert "1 5" in texts and "3 ab and 4 cd" in texts[:4] and "ab" in texts
    assert all("ab" not in t for t in pool("str:int:/")[1])  # a fraction's parts are numbers


def test_python_inputs_for_a_string_the_body_parses_are_numbers():
    src = ("def closest(value):\n    num = float(value)\n    if value[-2:] == '.5':\n"
           "        return int(num + (0.5 if num > 0 else -0.5))\n    return int(round(num))\n")
    _, cases = gather(src, "closest")
    args = [c.args[0] for c in cases]
    assert all(isinstance(a, str) for a in args)
    assert "2.5" in args and "-2.5" in args
    plain = "def shout(s):\n    return s.upper() + '!'\n"
    assert "hello" in [c.args[0] for c in gather(plain, "shout")[1]]


@needs_cpp
def test_a_candidate_rounding_halves_to_even_differs_from_cs_round():
    rec = record_source(CPP_ROUND, "cpp", "closest")
    assert rec.usable
    assert any(c.args == ["2.5"] and c.expected.value == 3 for c in rec.cases)
    even = "def closest(value):\n    return round(float(value))\n"
    verdict = check_candidate(rec, even, "python")
    assert verdict.status == "differs"
    away = ("import math\n\ndef closest(value):\n    w = float(value)\n"
            "    return int(math.copysign(math.floor(abs(w) + 0.5), w))\n")
    assert check_candidate(rec, away, "python").status == "verified"


@needs_java
def test_java_fractions_as_text_are_recorded_as_results_not_exceptions():
    rec = record_source(JAVA_RATIO, "java", "whole")
    assert rec.usable
    assert all("/" in c.args[0] for c in rec.cases)
    assert any(c.expected.value is True for c in rec.cases) and any(c.expected.value is False for c in rec.cases)
    right = "def whole(x):\n    a = x.split('/')\n    return int(a[0]) % int(a[1]) == 0\n"
    assert check_candidate(rec, right, "python").status == "verified"
    wrong = "def whole(x):\n    p, q = x.split('/')\n    return int(p) > int(q)\n"
    assert check_candidate(rec, wrong, "python").status == "differs"


@needs_cpp
def test_lists_that_decrease_are_among_the_generated_inputs():
    """A test of order must see both ways: C++'s ``monotonic`` sets flags; a translation counting with ``+=``
    differs only on a list that rises (or falls) more than once, which the pools had only one way round."""
    src = ("#include<vector>\nusing namespace std;\nbool monotonic(vector<float> l){\n    int incr=0,decr=0;\n"
           "    for (int i=1;i<l.size();i++){\n        if (l[i]>l[i-1]) incr=1;\n        if (l[i]<l[i-1]) decr=1;\n"
           "    }\n    if (incr+decr==2) return false;\n    return true;\n}\n")
    rec = record_source(src, "cpp", "monotonic")
    assert any(len(c.args[0]) > 2 and c.args[0] == sorted(c.args[0], reverse=True) for c in rec.cases)
    counting = ("def monotonic(l):\n    incr = decr = 0\n    for i in range(1, len(l)):\n"
                "        if l[i] > l[i - 1]:\n            incr += 1\n        if l[i] < l[i - 1]:\n            decr += 1\n"
                "    return incr + decr != 2\n")
    assert check_candidate(rec, counting, "python").status == "differs"
