"""The candidate's method that stands for a Java method: the one spelled as the source's (or its snake case)
before one of the same letters (translate.oracle.drivers.candidate_unit): hashids has ``encode`` and ``_encode``,
and every check of ``_encode`` ran ``encode``."""
from __future__ import annotations

import pytest

from translate.oracle.compare import check_candidate
from translate.oracle.drivers import candidate_unit
from translate.oracle.record import record_source
from translate.sandbox import missing_tool

JAVA = """public class Twice {
    public int encode(int x) {
        return _encode(x) + 1;
    }

    private int _encode(int x) {
        return x * 2;
    }

    public int toId(int x) {
        return x - 1;
    }
}
"""
PY = ("class Twice:\n    def encode(self, x):\n        return self._encode(x) + 1\n\n"
      "    def _encode(self, x):\n        return x * 2\n\n    def to_id(self, x):\n        return x - 1\n")


def test_the_method_spelled_as_the_source_is_chosen_over_one_of_the_same_letters():
    assert candidate_unit(PY, "python", "Twice._encode").name == "_encode"
    assert candidate_unit(PY, "python", "Twice.encode").name == "encode"
    assert candidate_unit(PY, "python", "Twice.toId").name == "to_id"


@pytest.mark.skipif(missing_tool("java") is not None, reason="java is not installed")
def test_a_private_method_beside_a_public_one_of_the_same_letters_is_checked_itself():
    rec = record_source(JAVA, "java", "Twice._encode", limit=6)
    assert rec.usable, (rec.unverifiable, rec.failed)
    assert check_candidate(rec, PY, "python").status == "verified"
    wrong = PY.replace("return x * 2", "return x * 3")
    v = check_candidate(rec, wrong, "python")
    assert v.status == "differs" and v.counterexamples[0].call.startswith("Twice._encode("), v
