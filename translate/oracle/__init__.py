"""Translations checked against the source: run the source, record what it does, compare candidates.

``record_source`` runs a source function in the sandbox on its documented examples, the literal calls of
it in its file and generated values (edge values first) and records each result, the arguments after the
call, or the exception; ``check_candidate`` runs a translation on the same inputs in one program and
names the first inputs where it differs. ``verify_unit`` does both. Sources: Python, Java and C++.
Targets: Python, JavaScript, Java and C++ (the other languages are not done yet: ``unverifiable``). Classes
(a Python project migrated to JavaScript): replayed as the project's own tests use them,
:mod:`translate.oracle.scenarios`.
"""
from __future__ import annotations

from typing import Any

from translate.oracle.cases import (
    DIFFERS,
    FAILED,
    UNVERIFIABLE,
    VERIFIED,
    Case,
    Counterexample,
    Outcome,
    Recording,
    Verdict,
)
from translate.oracle.compare import check_candidate, same_value
from translate.oracle.inputs import DEFAULT_LIMIT
from translate.oracle.record import record_source


def verify_unit(source_code: str, source_lang: str, function_name: str, candidate_code: str, target_lang: str, *,
                inputs: list[list[Any]] | None = None, limit: int = DEFAULT_LIMIT) -> Verdict:
    """Record ``function_name`` of the source, then check the candidate against it (two sandbox runs)."""
    recording = record_source(source_code, source_lang, function_name, inputs=inputs, limit=limit)
    return check_candidate(recording, candidate_code, target_lang)


__all__ = ["DEFAULT_LIMIT", "DIFFERS", "FAILED", "UNVERIFIABLE", "VERIFIED", "Case", "Counterexample", "Outcome",
           "Recording", "Verdict", "check_candidate", "record_source", "same_value", "verify_unit"]
