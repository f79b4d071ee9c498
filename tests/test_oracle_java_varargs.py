"""A Java varargs method is recorded with its array and checked against a Python ``*xs`` candidate spread
(translate.oracle: from_java, py_driver): javac and java in the sandbox, the Python driver."""
from __future__ import annotations

import pytest

from translate.oracle.compare import check_candidate
from translate.oracle.record import record_source
from translate.sandbox import missing_tool

pytestmark = pytest.mark.skipif(missing_tool("java") is not None, reason="java is not installed")

JAVA = """public class Sums {
    public long total(long... numbers) {
        long sum = 0;
        for (long n : numbers) {
            sum += n;
        }
        return sum * numbers.length;
    }
}
"""


def test_a_varargs_method_is_recorded_and_a_starred_candidate_checked():
    rec = record_source(JAVA, "java", "Sums.total", limit=6)
    assert rec.usable and rec.varargs, (rec.unverifiable, rec.failed)
    assert any(c.args == [[3, 1, 2]] and c.expected.value == 18 for c in rec.cases), [(c.args, c.expected) for c in rec.cases]
    right = "class Sums:\n    def total(self, *numbers):\n        return sum(numbers) * len(numbers)\n"
    assert check_candidate(rec, right, "python").status == "verified"
    listed = "class Sums:\n    def total(self, numbers):\n        return sum(numbers) * len(numbers)\n"
    assert check_candidate(rec, listed, "python").status == "verified"  # a list parameter takes the array as is
    wrong = "class Sums:\n    def total(self, *numbers):\n        return sum(numbers)\n"
    v = check_candidate(rec, wrong, "python")
    assert v.status == "differs" and str(v.counterexamples[0]).startswith("input Sums.total(3, 1, 2): expected 18"), v
