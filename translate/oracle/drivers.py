"""One driver program per candidate, whatever the target: which cases it can take, and the program.

Targets: Python (:mod:`translate.oracle.to_python`), JavaScript (:mod:`translate.oracle.to_javascript`),
Java (:mod:`translate.oracle.to_java`), C++ (:mod:`translate.oracle.to_cpp`). A case whose input or recorded result the target cannot hold
(a 64-bit result for a JavaScript number, an int beyond 32 bits for a Java ``int``) is skipped with a
note; a candidate whose parameters have no literal form here makes the unit unverifiable.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from translate.oracle import to_cpp, to_java, to_javascript, to_python
from translate.oracle.cases import Case
from translate.oracle.inputs import call_text
from translate.source.languages import get_language
from translate.source.units import Unit, parse_text
from translate.source.validate import normalize_name

LANGUAGES = ("python", "javascript", "java", "cpp")
STRICT_NUMBERS = {"python": to_python.STRICT_NUMBERS, "javascript": to_javascript.STRICT_NUMBERS,
                  "java": to_java.STRICT_NUMBERS, "cpp": to_cpp.STRICT_NUMBERS}


class NoDriver(ValueError):
    """The candidate cannot be called from a generated driver (the message says why)."""


@dataclass
class Build:
    program: str
    cases: list[Case]  # the cases the program runs, in its output order
    extra_files: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # cases skipped, and why


def _spelled(name: str, source: str) -> bool:
    """Whether ``name`` is the source's name as written or in snake case (``toId``, ``to_id``), not only the same
    letters (``_encode`` and ``encode`` are two methods of hashids)."""
    return name in (source, re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", source).lower())


def candidate_unit(candidate: str, lang: str, function: str) -> Unit | None:
    """The candidate's unit that stands for ``function`` (any naming style): a top-level function first,
    then (Java) a method of a top-level class."""
    found = candidate_units(candidate, lang, function)
    return found[0] if found else None


def candidate_units(candidate: str, lang: str, function: str) -> list[Unit]:
    """Every unit of the candidate that may stand for ``function``, the one :func:`candidate_unit` picks first
    (Java overloads after it in their order: ``ordinal(int)``, then the ``ordinal(String)`` adapter)."""
    try:
        parsed = parse_text(candidate, get_language(lang))
    except (ValueError, RuntimeError):
        return []
    if "." in function and lang == "python":  # ``Owner.method``: a method of a top-level class (the driver
        owner, _, method = function.rpartition(".")  # calls a static one on the class, another on ``Owner()``)
        classes = [u for u in parsed.top_units if u.kind == "class" and normalize_name(u.name) == normalize_name(owner)]
        found = [c for c in (classes[0].children if classes else [])
                 if c.kind in ("function", "method") and normalize_name(c.name) == normalize_name(method)]
        found.sort(key=lambda c: not _spelled(c.name, method))  # ``_encode`` beside ``encode``: the one so named
        return found[:1]
    want = normalize_name(function)
    units = [u for u in parsed.units if normalize_name(u.name) == want and u.kind in ("function", "method")]
    units.sort(key=lambda u: (u.kind != "function", not _spelled(u.name, function), u.qualname.count(".")))
    if lang != "java":
        units = [u for u in units if u.kind == "function"]
        return units[:1]
    return units


def build(lang: str, candidate: str, unit: Unit, function: str, cases: list[Case], *, per_call: float = 1.0,
          receiver: str | None = None, spread_last: bool = False) -> Build:
    """``receiver``: the Java recipe of the object an instance method runs on (translate.oracle.java_receivers;
    Python candidates), else a fresh ``Owner()``; ``spread_last``: the source's last parameter is Java's varargs
    (a Python candidate's ``*xs`` takes the recorded array spread)."""
    kept: list[Case] = []
    notes: list[str] = []

    def skip(case: Case, why: str) -> None:
        notes.append(f"skipped {call_text(function, case.args)}: {why}")

    expected_of = (lambda c: [c.expected.value, *(c.expected.after or [])] if c.expected else [])
    if lang == "python":
        name = unit.qualname if "." in function else unit.name
        try:
            program, extra = to_python.program(candidate, name, [c.args for c in cases], per_call=per_call,
                                               receiver=receiver, spread_last=spread_last)
        except ValueError as exc:
            raise NoDriver(str(exc)) from exc
        return Build(program, list(cases), extra)
    if receiver:
        raise NoDriver(f"its object is built as {receiver}: run so for Python candidates only")
    if lang == "javascript":
        for case in cases:
            why = to_javascript.fits(case.args) or to_javascript.fits(expected_of(case))
            skip(case, why) if why else kept.append(case)
        return Build(to_javascript.program(candidate, unit.name, [c.args for c in kept]) if kept else "", kept,
                     notes=notes)
    if lang == "java":
        try:
            ret, types, _ = to_java.parse_signature(unit.signature, unit.name)
        except to_java.Unrepresentable as exc:
            raise NoDriver(str(exc)) from exc
        ready: list[tuple[int, list[Any]]] = []
        for case in cases:
            if len(case.args) != len(types):
                raise NoDriver(f"{unit.name} takes {len(types)} parameters, the source {len(case.args)}")
            why = to_java.result_fits(case.expected.value if case.expected else None, ret)
            if why is None:
                try:
                    for v, t in zip(case.args, types):
                        to_java.literal(v, t)
                except to_java.Unrepresentable as exc:
                    why = str(exc)
            if why:
                skip(case, why)
            else:
                ready.append((len(kept), case.args))
                kept.append(case)
        return Build(to_java.program(candidate, unit.qualname, unit.signature, ready, per_call=per_call) if kept else "",
                     kept,
                     notes=notes)
    if lang == "cpp":
        try:
            c_ret, c_types, kept, notes = to_cpp.prepare(candidate, unit.signature, unit.name, cases)
        except to_cpp.Unrepresentable as exc:
            raise NoDriver(str(exc)) from exc
        program = to_cpp.program(candidate, unit.name, c_ret, c_types, [c.args for c in kept], per_call=per_call)
        return Build(program if kept else "", kept, notes=notes)
    raise NoDriver(f"no driver for {lang} targets yet")
