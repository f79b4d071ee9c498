"""Java overloads in a Python class (translate.translation.py_overloads): a definition that only forwards to another
of the same name with default-able values becomes that one's defaults; other duplicates are named as a problem."""
from __future__ import annotations

import pytest

from translate import get_language
from translate.translation.pipeline import TranslateOptions, translate_source
from translate.translation.py_nested import shadowing_fields
from translate.translation.py_overloads import duplicate_methods, merge_overloads

PY = get_language("python")

LEV = '''class Levenshtein:
    LIMIT = 99

    def distance(self, s1, s2):
        return self.distance(s1, s2, float('inf'))

    def distance(self, s1, s2, limit):
        return min(abs(len(s1) - len(s2)), limit)

    def ratio(self, a):
        return Levenshtein.ratio(a, self.LIMIT)

    def ratio(self, a, cap):
        return min(a, cap)
'''


def _run(code: str):
    space: dict = {}
    exec(code, space)
    return space


def test_forwarding_overloads_become_defaults_and_both_arities_work():
    got, changed = merge_overloads(LEV, PY)
    assert changed and got.count("def distance") == 1 and got.count("def ratio") == 1
    assert "def distance(self, s1, s2, limit=float('inf')):" in got and "def ratio(self, a, cap=LIMIT):" in got
    lev = _run(got)["Levenshtein"]()
    assert (lev.distance("ab", "abcd"), lev.distance("ab", "abcd", 1), lev.ratio(500), lev.ratio(5, 2)) == (2, 1, 99, 2)
    assert duplicate_methods(got, PY) is None
    with pytest.raises(TypeError):  # before: the second definition hid the first
        _run(LEV)["Levenshtein"]().distance("ab", "abcd")


def test_a_chain_folds_from_its_full_end():
    code = ("class A:\n    def f(self, x):\n        return self.f(x, 1)\n\n    def f(self, x, y):\n"
            "        return self.f(x, y, 2)\n\n    def f(self, x, y, z):\n        return x + y + z\n")
    got, changed = merge_overloads(code, PY)
    assert changed and got.count("def f") == 1 and "def f(self, x, y=1, z=2):" in got
    a = _run(got)["A"]()
    assert (a.f(0), a.f(0, 5), a.f(0, 5, 7)) == (3, 7, 12)


@pytest.mark.parametrize("code", [
    # overloads by type: neither forwards
    "class A:\n    def f(self, x: int):\n        return x\n\n    def f(self, x: str):\n        return len(x)\n",
    # forwards a value that cannot be a default (an instance attribute)
    "class A:\n    def f(self, x):\n        return self.f(x, self.n)\n\n    def f(self, x, y):\n        return x + y\n",
    # forwards its parameters out of order
    "class A:\n    def f(self, x, y):\n        return self.f(y, x, 1)\n\n    def f(self, x, y, z):\n        return x\n",
    # does more than forward
    "class A:\n    def f(self, x):\n        x += 1\n        return self.f(x, 1)\n\n    def f(self, x, y):\n        return x\n",
])
def test_duplicates_that_are_not_forwarders_are_left_and_named(code):
    assert merge_overloads(code, PY) == (code, False)
    problem = duplicate_methods(code, PY)
    assert problem is not None and "f defined more than once in class A" in problem


def test_a_java_class_answer_with_both_overloads_is_merged_in_the_pipeline(scripted):
    java = ("public class Lev {\n  private int calls = 0;\n  public double distance(String a, String b) {\n"
            "    return distance(a, b, Integer.MAX_VALUE);\n  }\n"
            "  public double distance(String a, String b, int limit) {\n    return Math.min(limit, 1);\n  }\n}\n")
    answer = ("```python\nclass Lev:\n    calls = 0\n\n    def distance(self, a, b):\n        return self.distance(a, b, float('inf'))\n\n"
              "    def distance(self, a, b, limit):\n        return min(limit, 1)\n```")
    backend = scripted({"Lev": answer})
    res = translate_source(java, "java", "python", backend, TranslateOptions())
    assert len(backend.by_unit.asked["Lev"]) == 1  # no repair turn: the fold left one definition
    assert res.text.count("def distance") == 1 and _run(res.text)["Lev"]().distance("a", "b") == 1


def test_a_field_named_as_a_method_is_a_problem():
    """sqids' Builder: Java's field ``alphabet`` and setter ``alphabet(...)``; in Python the attribute set in
    ``__init__`` hides the method (``builder.alphabet("abc")`` calls a string)."""
    code = ("class Builder:\n    def __init__(self):\n        self.alphabet = 'abc'\n        self.n = 1\n\n"
            "    def alphabet(self, alphabet):\n        self.alphabet = alphabet\n        return self\n")
    problem = shadowing_fields(code, PY)
    assert problem is not None and "`self.alphabet`" in problem and "`_alphabet`" in problem
    assert shadowing_fields(code.replace("self.alphabet =", "self._alphabet ="), PY) is None
    nested = ("class Outer:\n    def size(self):\n        return 1\n\n    class Inner:\n        def __init__(self):\n"
              "            self.size = 2\n")  # the nested class's own attribute, not the outer's method
    assert shadowing_fields(nested, PY) is None
    assert shadowing_fields(code, get_language("javascript")) is None
