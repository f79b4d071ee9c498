"""Run the source once on all candidate inputs (in the sandbox) and record what it does.

A documented input (docstring, comment, a literal call in the file, or one the caller passed) is kept
even when the source raises on it: "raises ValueError" is then the expected behaviour. A generated input
the source raises on is outside the function's domain and is dropped, with the reason. Inputs that time
out or return something that is no plain value are dropped too. A function that reads files, the clock,
randomness or the network is *unverifiable*, never run. Java sources: :mod:`translate.oracle.from_java`,
C++ sources: :mod:`translate.oracle.from_cpp`.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from translate.oracle import py_driver, to_cpp
from translate.oracle.cases import Case, Outcome, Recording
from translate.oracle.hazards import hazard
from translate.oracle.inputs import DEFAULT_LIMIT, NoInputs, call_text, gather
from translate.oracle.py_project import PythonModule
from translate.sandbox import run_program
from translate.source import pyast

SOURCE_LANGUAGES = ("python", "java", "cpp")


def record_source(source_code: str, source_lang: str, function_name: str, *, inputs: list[list[Any]] | None = None,
                  limit: int = DEFAULT_LIMIT, per_call: float = 1.0, generate: bool = True,
                  module: PythonModule | None = None, receiver: str | None = None,
                  hints: list[str | None] | None = None) -> Recording:
    """Run ``function_name`` of ``source_code`` on up to ``limit`` inputs; see the module doc.

    ``inputs``: argument lists to use first (kept even when they raise); ``generate``: add generated values;
    ``module`` (Python): the source's place in its project and the project's files, so what it imports is
    there (:mod:`translate.oracle.py_project`); without it the source runs as a module of its own. ``receiver``
    (Java): how the project's tests build the object of a method whose class has no constructor without
    arguments (:mod:`translate.oracle.java_receivers`). ``hints`` (Python): each parameter's kind as the callers'
    declared target header types it (``str`` for ``String num``), a vote as strong as an annotation."""
    lang = source_lang.lower()
    if lang == "java":
        from translate.oracle.from_java import record_java

        return record_java(source_code, function_name, inputs=inputs, limit=limit, per_call=per_call,
                           generate_inputs=generate, receiver=receiver)
    if lang in ("cpp", "c++"):
        from translate.oracle.from_cpp import record_cpp

        return record_cpp(source_code, function_name, inputs=inputs, limit=limit, per_call=per_call,
                          generate_inputs=generate)
    rec = Recording(function_name, [])
    if lang not in ("python", "py", "python3"):
        rec.unverifiable = f"running {source_lang} sources is not supported yet (only Python, Java and C++)"
        return rec
    try:
        tree = pyast.parse(source_code)
    except SyntaxError as exc:
        rec.failed = f"the source does not parse: {exc.msg} (line {exc.lineno})"
        return rec
    why = hazard(tree, function_name)
    if why:
        rec.unverifiable = why
        return rec
    try:
        sig, cases = gather(source_code, function_name, limit=limit, given=inputs, generated=generate, dropped=rec.dropped,
                            hints=hints)
    except NoInputs as exc:
        rec.unverifiable = str(exc)
        return rec
    rec.params = sig.params
    cases = choose_cases(cases, limit)
    if module is not None:
        name, files, main = module.name, {**module.files, module.path: source_code}, "__oracle_driver__.py"
    else:
        name, files, main = py_driver.MODULE, {f"{py_driver.MODULE}.py": source_code}, None
    program = py_driver.program(function_name, [c.args for c in cases], per_call=per_call, module=name)
    res = run_program(program, "python", timeout=min(120.0, 5.0 + per_call * len(cases)), extra_files=files,
                      filename=main)
    results, load = py_driver.parse_lines(res.stdout)
    if res.status == "skipped":
        rec.unverifiable = res.reason or "the sandbox cannot run Python here"
        return rec
    if load:
        rec.failed = f"the source module does not load: {load}"
        return rec
    if not results:
        rec.failed = f"the source run printed nothing ({res.reason or res.status}): {_gist(res.stderr)}"
        return rec
    keep_results(rec, cases, results, res.reason, limit)
    return rec


def choose_cases(cases: list[Case], limit: int) -> list[Case]:
    """The cases to run: up to ``limit`` documented ones first, then generated ones up to ``2 * limit`` in all
    (generated inputs the source raises on are dropped afterwards)."""
    documented = [c for c in cases if c.origin != "generated"][:limit]
    return documented + [c for c in cases if c.origin == "generated"][:2 * limit - len(documented)]


def run_typed(rec: Recording, cases: list[Case], limit: int, *, lang: str, display: str,
              program: Callable[[list[Case]], str], timeout: float, per_call: float,
              outputs: list[bool], gist: Callable[[str], str]) -> Recording:
    """Run a typed source (Java, C++) on ``cases`` through its driver ``program`` and keep the results.
    ``outputs``: the parameters whose value after the call is recorded; ``gist``: the line that names an error."""
    if not cases:
        reasons = sorted({w for _, w in rec.dropped})
        rec.unverifiable = "no inputs" + (f" ({'; '.join(reasons[:3])})" if reasons else "")
        return rec
    cases = choose_cases(cases, limit)
    prelude = to_cpp.PRELUDE if lang == "cpp" else None  # its headers precompiled once (translate.sandbox.pch)
    res = run_program(program(cases), lang, timeout=min(120.0, timeout + per_call * len(cases)), prelude=prelude)
    if res.status == "skipped":
        rec.unverifiable = res.reason or f"the sandbox cannot run {display} here"
        return rec
    results, load = py_driver.parse_lines(res.stdout)
    if load or not results:
        rec.failed = f"the source does not run ({load or res.reason or res.status}): {gist(res.stderr or res.stdout)}"
        return rec
    for out in results.values():
        if not isinstance(out, str) and out.after is not None:
            out.after = [a if keep else None for a, keep in zip(out.after, outputs)]
    keep_results(rec, cases, results, res.reason, limit)
    return rec


def error_gist(text: str, width: int = 240) -> str:
    """The line that names the error: javac's first ``error:``, node's ``ReferenceError: ...``."""
    lines = [line.strip() for line in (text or "").strip().split("\n") if line.strip()]
    keep = [line for line in lines if re.search(r"error:|^\w*(Error|Exception)\b", line)] or lines[-1:]
    return (keep[0] if keep else "no output")[:width]


def keep_results(rec: Recording, cases: list[Case], results: dict[int, Outcome | str], reason: str | None,
                 limit: int) -> None:
    """Keep up to ``limit`` cases with their outcome: a documented input even when it raises, a generated one
    only when the source returns; the others go to ``rec.dropped`` with the reason."""
    for i, case in enumerate(cases):
        got = results.get(i)
        text = call_text(rec.function, case.args)
        if got is None:
            rec.dropped.append((text, f"no result ({reason or 'the run stopped'})"))
        elif isinstance(got, str):
            rec.dropped.append((text, got))
        elif got.raised and case.origin == "generated":
            rec.dropped.append((text, f"raises {got.error}"))
        elif len(rec.cases) < limit:
            case.expected = got
            rec.cases.append(case)
    if not rec.cases:
        reasons = sorted({why for _, why in rec.dropped})
        rec.unverifiable = "no input on which the source runs" + (f" ({'; '.join(reasons[:3])})" if reasons else "")


def _gist(text: str, width: int = 200) -> str:
    lines = [line for line in (text or "").strip().split("\n") if line.strip()]
    return (lines[-1] if lines else "no output")[:width]


def outcome_text(out: Outcome | str | None) -> str:
    if out is None:
        return "no result"
    if isinstance(out, str):
        return out
    if out.raised:
        return f"raises {out.error}"
    return repr_value(out.value)


def repr_value(v: Any) -> str:
    text = repr(v)
    return text if len(text) <= 120 else text[:117] + "..."


__all__ = ["SOURCE_LANGUAGES", "Case", "keep_results", "outcome_text", "record_source", "repr_value"]
