"""Check a candidate translation against a recording: one driver program for all cases, then compare.

Values compare as canonical JSON: ints exactly, floats with a relative tolerance (1e-6), booleans only
with booleans, ``null`` with ``None``, lists element by element, dicts key by key. Where the target does
not tell ints from floats (JavaScript) a number compares by value; in Python ``3`` is not ``3.0``. An
expected exception matches any exception of the candidate (the type names differ across languages).
"""
from __future__ import annotations

import math
from typing import Any

from translate.oracle import drivers, java_aside, py_driver, to_cpp
from translate.oracle.cases import DIFFERS, FAILED, UNVERIFIABLE, VERIFIED, Counterexample, Outcome, Recording, Verdict
from translate.oracle.inputs import call_text
from translate.oracle.java_stubs import STATIC_BLOCK
from translate.oracle.js_modules import ModuleFiles
from translate.oracle.record import error_gist, outcome_text, repr_value
from translate.sandbox import run_program, sandbox_language
from translate.source.languages import get_language
from translate.source.units import parse_text

REL_TOL = 1e-6
MAX_COUNTEREXAMPLES = 3


def same_value(expected: Any, actual: Any, *, strict_numbers: bool = False, rel_tol: float = REL_TOL,
               int_for_float: bool = False) -> bool:
    """``int_for_float``: with ``strict_numbers``, an int may still stand for an expected float (a Java or C++
    ``double`` result 3.0, a Python candidate's 3); an expected int is never matched by a float."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return isinstance(expected, bool) and isinstance(actual, bool) and expected == actual
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        if strict_numbers and isinstance(expected, int) != isinstance(actual, int) and not (
                int_for_float and isinstance(expected, float)):
            return False
        if isinstance(expected, int) and isinstance(actual, int):
            return expected == actual
        return math.isclose(float(expected), float(actual), rel_tol=rel_tol, abs_tol=1e-9)
    if isinstance(expected, list) and isinstance(actual, list):
        return len(expected) == len(actual) and all(
            same_value(e, a, strict_numbers=strict_numbers, rel_tol=rel_tol, int_for_float=int_for_float)
            for e, a in zip(expected, actual))
    if isinstance(expected, dict) and isinstance(actual, dict):
        return expected.keys() == actual.keys() and all(
            same_value(expected[k], actual[k], strict_numbers=strict_numbers, rel_tol=rel_tol,
                       int_for_float=int_for_float) for k in expected)
    return type(expected) is type(actual) and expected == actual


def difference(expected: Outcome, actual: Outcome | str | None, *, strict_numbers: bool = False,
               int_for_float: bool = False) -> tuple[str, str] | None:
    """``None`` when the candidate did the same, else (expected text, actual text)."""
    if not isinstance(actual, Outcome):
        return outcome_text(expected), outcome_text(actual)
    if expected.raised or actual.raised:
        if expected.raised and actual.raised:
            return None
        return outcome_text(expected), outcome_text(actual)
    if not same_value(expected.value, actual.value, strict_numbers=strict_numbers, int_for_float=int_for_float):
        return outcome_text(expected), outcome_text(actual)
    for j, before in enumerate(expected.after or []):
        if before is None:
            continue
        got = (actual.after or [])[j] if j < len(actual.after or []) else None
        if not same_value(before, got, strict_numbers=strict_numbers, int_for_float=int_for_float):
            return (f"argument {j + 1} after the call to be {repr_value(before)}",
                    repr_value(got) if got is not None else "it unchanged or not returned")
    return None


def _missing(candidate: str, target: str, function: str) -> str:
    try:
        diags = parse_text(candidate, get_language(target)).diagnostics
    except (ValueError, RuntimeError) as exc:
        return f"the candidate does not parse ({exc})"
    if diags:
        return f"the candidate does not parse (line {diags[0].line}: {diags[0].message})"
    return f"the candidate defines no function {function}"


def _call(recording: Recording, args: list) -> str:
    """A case's call as a person reads it: on the object the project's tests build, where the recording has one."""
    if recording.varargs and args and isinstance(args[-1], list):  # Java's ``encode(1, 2, 3)``
        args = [*args[:-1], *args[-1]]
    if recording.receiver:
        return f"{recording.receiver}.{call_text(recording.function.rpartition('.')[2], args)}"
    return call_text(recording.function, args)


def check_candidate(recording: Recording, candidate_code: str, target_lang: str, *, per_call: float = 1.0,
                    modules: ModuleFiles | None = None) -> Verdict:
    """Run the candidate on every recorded case in one program and compare; see the module doc. ``modules``
    (JavaScript): the project files the candidate imports; the program then runs in the candidate's place
    among them (translate.oracle.js_modules)."""
    if recording.failed:
        return Verdict(FAILED, reason=f"the source: {recording.failed}")
    if not recording.usable:
        return Verdict(UNVERIFIABLE, reason=recording.unverifiable or "no inputs")
    try:
        lang = sandbox_language(target_lang)
    except ValueError:
        return Verdict(UNVERIFIABLE, reason=f"no driver for {target_lang} targets yet")
    if lang not in drivers.LANGUAGES:
        return Verdict(UNVERIFIABLE, reason=f"no driver for {target_lang} targets yet")
    units = drivers.candidate_units(candidate_code, lang, recording.function)
    if not units:
        return Verdict(FAILED, reason=_missing(candidate_code, lang, recording.function))
    first = None
    for i, unit in enumerate(units):  # overloads: the first whose parameters take the recorded inputs
        try:
            built = drivers.build(lang, candidate_code, unit, recording.function, recording.cases, per_call=per_call,
                                  receiver=recording.receiver, spread_last=recording.varargs)
        except drivers.NoDriver as exc:
            if i == 0:
                return Verdict(UNVERIFIABLE, reason=str(exc))
            continue
        first = first or built
        if built.cases:
            break
    else:
        built = first  # none takes them: the first overload's notes
    assert built is not None
    notes, cases = built.notes, built.cases
    if not cases:
        return Verdict(UNVERIFIABLE, reason="no recorded input fits the candidate's types", notes=notes)
    extra, filename = built.extra_files, None
    if modules is not None and lang == "javascript":
        extra, filename = {**modules.files, **extra}, modules.program_path(built.program)
        if modules.missing:
            notes.append(f"imports not found in its project: {', '.join(modules.missing)}")
    program, aside = built.program, []
    if lang == "java":
        extra = {**java_aside.support_files(program), **extra}
    for _ in range(java_aside.MAX_ROUNDS if lang == "java" else 1):
        res = run_program(program, lang, timeout=10.0 + per_call * len(cases), extra_files=extra,
                          filename=filename, prelude=to_cpp.PRELUDE if lang == "cpp" else None)
        if lang != "java" or res.reason != "compile error":
            break
        done = java_aside.set_aside(program, res.stderr or "", "OracleMain.java", unit.name)
        if done is None:
            break
        program, aside = done[0], aside + done[1]
    if aside:
        notes.append("set aside, as they do not compile here: " + ", ".join(dict.fromkeys(aside)))
    if res.status == "skipped":
        return Verdict(UNVERIFIABLE, reason=res.reason, notes=notes)
    results, load = py_driver.parse_lines(res.stdout)
    if load or (not results and not res.passed):
        said = java_aside.gist(res.stderr or "", program, unit.name) if lang == "java" and res.reason == "compile error" else None
        why = load or f"{res.reason or res.status}: {said or error_gist(res.stderr or res.stdout)}"
        if modules is not None and modules.missing:
            why += f"; imports not found in its project: {', '.join(modules.missing)}"
        return Verdict(FAILED, reason=f"the candidate does not run ({why})", notes=notes)
    counter: list[Counterexample] = []
    differing = 0
    loose = recording.source != "python"  # a typed source's double: the candidate's int 3 is its 3.0
    stopped = f"no result ({res.reason or 'the run stopped'})"
    reached = 0  # cases that reach code set aside: they say nothing of the unit
    for i, case in enumerate(cases):
        got = results.get(i, stopped)
        diff = difference(case.expected, got, strict_numbers=drivers.STRICT_NUMBERS[lang], int_for_float=loose)
        if diff is not None and aside and isinstance(got, Outcome) and got.error == java_aside.ASIDE:
            reached += 1
            continue
        differing += diff is not None
        if diff is not None and len(counter) < MAX_COUNTEREXAMPLES:
            counter.append(Counterexample(_call(recording, case.args), *diff))
        elif diff is not None:
            notes.append(f"also differs on {_call(recording, case.args)}")
    used = ", ".join(java_aside.reads_fields(program, unit.name)) if counter and STATIC_BLOCK in aside else ""
    if used:
        return Verdict(UNVERIFIABLE, reason=f"it uses {used}, which the file's top-level code fills, and that code "
                       f"does not compile here (set aside); with it: {counter[0]}", notes=notes)
    if reached and not counter:
        return Verdict(UNVERIFIABLE, reason=f"{reached} of {len(cases)} inputs reach code that does not compile "
                       f"here ({', '.join(dict.fromkeys(aside))})", notes=notes)
    if counter:
        return Verdict(DIFFERS, len(cases) - reached, counter, notes=notes, differing=differing)
    return Verdict(VERIFIED, len(cases) - reached, notes=notes)

