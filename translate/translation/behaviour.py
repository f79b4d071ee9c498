"""Behaviour checks inside the job loop: each function unit's candidates are run against its source.

``--verify auto`` (the commands' default) records every top-level source function that the oracle can
run (:mod:`translate.oracle`: documented examples, literal calls, generated values; run in the sandbox)
while the model answers the first turn, then checks each candidate that passed the syntax checks in the
target, inside the file as it is assembled at that moment (so its callees, translated beside it, exist).
A candidate that differs gets a repair turn quoting the smallest counterexamples (input, the source's
result, the candidate's); when turns run out the candidate that matched best is kept, documented inputs
weighing most. Each unit ends with a line saying what was observed (:attr:`UnitRecord.check`):
``verified (N inputs)``, ``differs (input ...)``, ``unverifiable (why)`` or ``failed (why)``.

Recordings are cached by the source text, the function, the oracle's code and the input limit (the
unit cache's table, when the run has one), and a verdict by the exact program checked: a byte-identical
candidate is never run twice.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from translate.oracle import (
    DIFFERS,
    FAILED,
    UNVERIFIABLE,
    VERIFIED,
    Recording,
    Verdict,
    check_candidate,
)
from translate.oracle.inputs import call_text
from translate.source.languages import Language
from translate.source.units import ParsedFile
from translate.translation.recorder import STATS, count  # noqa: F401  (STATS: the benchmarks read it)
from translate.translation.records import FAILED as UNIT_FAILED
from translate.translation.records import OK, UnitRecord

_SCORE = {VERIFIED: 3, DIFFERS: 2, FAILED: 0, UNVERIFIABLE: 1}


@dataclass
class FileState:
    """The units of one file as the run goes: the latest candidate of each, to assemble programs from."""
    parsed: ParsedFile
    records: list[UnitRecord]
    target: Language
    latest: dict[int, str] = field(default_factory=dict)  # record position -> latest checked candidate
    rules: dict[int, str] = field(default_factory=dict)  # record position -> the rule's answer (Job.premade), cleaned
    verifiers: dict[int, UnitVerifier] = field(default_factory=dict)  # record position -> its behaviour check

    def holder_ready(self, pos: int) -> bool:
        """Whether the class a big class's method unit ``pos`` goes into has its own translation (the skeleton:
        its fields and constructor), without which the method cannot run as the source's does."""
        from translate.translation.bigclass import SKELETON, is_constructor

        k = next((k for k in range(pos - 1, -1, -1) if self.parsed.segments[k].role == SKELETON), None)
        if k is None:
            return True
        ctor = [j for j, s in enumerate(self.parsed.segments) if j > k and s.unit is not None and is_constructor(s.unit)
                and s.unit.parent == self.parsed.segments[k].unit.qualname]  # type: ignore[union-attr]
        return self.known(k) is not None and all(self.known(j) is not None for j in ctor)

    def known(self, i: int) -> str | None:
        """The latest code of unit ``i``: its output, or the candidate last noted (one that passed its checks); for
        a big class's skeleton, which soft checks may send back for turns, else its last answer that parsed (its
        method units run in it: waiting for its last turn used up theirs, hashids' run)."""
        from translate.translation.bigclass import SKELETON

        r = self.records[i]
        if r.output is not None and r.status != UNIT_FAILED:
            return r.output
        parsed = [a.text for a in r.attempts if a.text and not a.diagnostics] \
            if self.parsed.segments[i].role == SKELETON and r.status != UNIT_FAILED else []
        return self.latest.get(i) or (parsed[-1] if parsed else None)

    def program(self, pos: int, candidate: str, alone: bool = False, also: dict[int, str] | None = None) -> str:
        """The file with ``candidate`` for unit ``pos`` and the latest candidates of the others (``alone``:
        the others left out, the top-level code kept; ``also``: other units' candidates, by position)."""
        from translate.translation.output import finalize

        recs = []
        for i, r in enumerate(self.records):
            text = candidate if i == pos else (also or {}).get(i) or self.known(i)
            if alone and i != pos and r.kind != "glue":
                r = replace(r, status=UNIT_FAILED, output=None)
            elif text is not None and r.kind != "glue":
                r = replace(r, status=OK, output=text)
            recs.append(r)
        return with_python_re(finalize(self.parsed, recs, self.target)[0], self.parsed, self.target)


# Python's ``re`` for JavaScript: ``translate repo`` writes it beside the modules, and its writer routes ``new
# RegExp(p)`` over a pattern of a Python module through it (translation.idioms); the programs checked here get it
# the same way (inlined: the oracle's driver is a CommonJS script), or one ``new RegExp("(?i)...")`` run at load
# stops the file and no unit of it can be checked.
_PYRE = Path(__file__).resolve().parent.parent / "project" / "templates" / "pyre.js"
_PYRE_NAME = "__pyre"
_IMPORTS_RE = re.compile(r"^\s*(import\s+re\b|from\s+re\s+import\b)", re.M)


@lru_cache(maxsize=1)
def _pyre_inline() -> str:
    body = re.sub(r"^export\s+", "", _PYRE.read_text(encoding="utf-8"), flags=re.M)
    return f"const {_PYRE_NAME} = (() => {{\n{body}\nreturn {{ regexp }};\n}})();\n"


def with_python_re(program: str, parsed: ParsedFile, target: Language) -> str:
    """``program`` (JavaScript from a Python module that imports ``re``) with ``new RegExp(p)`` made
    ``__pyre.regexp(p)``, the template's ``regexp`` defined before it; else as it is."""
    from translate.translation.idioms import fix_python_idioms

    if target.name != "javascript" or parsed.language.name != "python" or "RegExp(" not in program \
            or not _IMPORTS_RE.search(parsed.source):
        return program
    fixed = fix_python_idioms(program, target, python_re=_PYRE_NAME)[0]
    return _pyre_inline() + fixed if f"{_PYRE_NAME}.regexp(" in fixed else program


class UnitVerifier:
    """The job loop's verifier for one function unit: ``(passed, problem)`` per candidate (see the module)."""

    def __init__(self, state: FileState, pos: int, function: str, recording: Future, source_lang: str):
        self.state, self.pos, self.function = state, pos, function
        self.group = id(state)  # the job loop judges a file's units together (translation.loop)
        self._recording, self.source_lang = recording, source_lang
        self.verdicts: dict[str, Verdict] = {}
        self.label = "differs from the source"
        # more to say about a candidate that differs (a call of the source it dropped): appended to the problem
        self.hint: Callable[[str], str | None] = lambda candidate: None

    @property
    def recording(self) -> Recording:
        return self._recording.result()

    def note(self, candidate: str) -> None:
        self.state.latest[self.pos] = candidate

    def verdict(self, candidate: str) -> Verdict:
        if "." in self.function and not self.state.holder_ready(self.pos):  # ``Owner.method`` without its Owner
            return Verdict(UNVERIFIABLE, reason="its class's own translation (fields, constructor) is not there")
        program = self.state.program(self.pos, candidate)
        if program in self.verdicts:
            count("verdicts_reused")
        else:
            t0 = time.perf_counter()
            rec = self.recording
            count("recording_wait_seconds", time.perf_counter() - t0)
            if rec.failed:  # the source itself did not run: nothing to hold the candidate to
                self.verdicts[program] = Verdict(UNVERIFIABLE, reason=f"the source does not run: {rec.failed}")
            else:
                t0 = time.perf_counter()
                self.verdicts[program] = check_candidate(rec, program, self.state.target.name)
                if rec.usable:
                    count("target_runs")
                    count("target_seconds", time.perf_counter() - t0)
        self.verdicts[candidate] = self.verdicts[program]
        return self.verdicts[program]

    def confirms(self, candidate: str) -> bool:
        """Whether the candidate ran and matched the source on its recorded inputs (not merely unverifiable)."""
        return self.verdict(candidate).status == VERIFIED

    def _fails_without(self, v: Verdict, candidate: str | None) -> bool:
        """Whether the file fails the same way with this unit's body left out (:func:`hollowed`): it stops before any check in code outside
        the unit (top-level code that fails at load, or another unit's answer that it runs). inflection's
        ``_irregular('person', ...)`` calls at load compiled a Python ``(?i)`` pattern as a JavaScript RegExp:
        every unit of the file was "failed" and got a repair turn quoting that error, which no answer of theirs
        could change."""
        if v.status != FAILED or not self.recording.usable or candidate is None:
            return False
        without = self._hollow_verdict(candidate)
        return without is not None and without.status == FAILED and without.reason == v.reason

    def _hollow_verdict(self, candidate: str) -> Verdict | None:
        """The verdict on the file with this unit's body left out (:func:`hollowed`; None: no body found)."""
        hollow = hollowed(candidate, self.state.target, self.function)
        if hollow is None:
            return None
        without = self.state.program(self.pos, hollow)
        if without not in self.verdicts:
            self.verdicts[without] = check_candidate(self.recording, without, self.state.target.name)
            count("target_runs")
        return self.verdicts[without]

    def __call__(self, candidate: str) -> tuple[bool | None, str | None]:
        if "." in self.function and not self.state.holder_ready(self.pos):  # not judged: tested again with the
            return None, "its class's own translation is not there yet"  # class's next answer (translation.loop)
        v = self.verdict(candidate)
        if v.status in (VERIFIED, UNVERIFIABLE):
            return True, None
        if v.status == FAILED:
            if self._runs_alone(candidate) or self._fails_without(v, candidate):  # not this candidate's fault
                return None, f"the file does not run with the other units' answers: {v.reason}"
            return False, self._hinted(f"it does not run: {v.reason}{error_hint(v.reason or '')}", candidate)
        if "." in self.function and self._raises_without(v, candidate):  # its class raises before it runs
            return None, f"its class does not build as the source's does: {v.counterexamples[0]}"
        lines = "; ".join(str(c) for c in sorted(v.counterexamples, key=lambda c: len(c.call)))
        of = f" ({v.differing} of {v.inputs} inputs differ)" if v.differing > 1 else ""
        return False, self._hinted(f"it does not do what the {self.source_lang} source does{of}: {lines}. "
                                   f"Keep the source's behaviour for these inputs", candidate)

    def _hinted(self, problem: str, candidate: str) -> str:
        hint = self.hint(candidate)
        return f"{problem}. Also, {hint}" if hint else problem

    def _raises_without(self, v: Verdict, candidate: str) -> bool:
        """Whether a method unit differs only by raising, and the same with its body left out: the error is its
        class's (an ``__init__`` that ``new Owner()``'s call does not fit), not the method's."""
        if not v.counterexamples or not all(c.actual.startswith("raises") for c in v.counterexamples):
            return False
        without = self._hollow_verdict(candidate)
        return without is not None and [str(c) for c in without.counterexamples] == [str(c) for c in v.counterexamples]

    def _runs_alone(self, candidate: str) -> bool:
        """Whether the candidate runs in the file without the other units' answers (a run of its own)."""
        program = self.state.program(self.pos, candidate, alone=True)
        if program not in self.verdicts:
            self.verdicts[program] = check_candidate(self.recording, program, self.state.target.name)
            count("target_runs")
        return self.verdicts[program].status != FAILED

    def score(self, candidate: str) -> tuple[int, int, int]:
        """Higher is better: the status, then fewer documented inputs differing, then fewer inputs differing."""
        v = self.verdicts.get(candidate) or self.verdict(candidate)
        if v.status != DIFFERS:
            return _SCORE[v.status], 0, 0
        calls = {c.call for c in v.counterexamples}
        calls |= {n[len("also differs on "):] for n in v.notes if n.startswith("also differs on ")}
        documented = {call_text(self.function, c.args) for c in self.recording.cases if c.origin != "generated"}
        return _SCORE[DIFFERS], -len(calls & documented), -v.differing

    def line(self, output: str | None) -> str:
        if output is None:
            return "failed (no translation)"
        v = self.verdict(output)
        if self._fails_without(v, output):
            why = (v.reason or "").removeprefix("the candidate does not run (").removesuffix(")")
            return f"unverifiable (the file stops before the check, in code outside this unit: {why})"
        return v.line()


_INLINE_FLAGS = re.compile(r"Invalid regular expression: /.*\(\?[aiLmsux]+\)")


def error_hint(reason: str) -> str:
    """What a run-time error means for a translation from Python, where the message alone does not say it."""
    if _INLINE_FLAGS.search(reason):  # new RegExp("(?i)...") built from Python's pattern
        return (". JavaScript regular expressions have no inline flags such as `(?i)`: leave them out of the "
                "pattern and pass the flags as RegExp's second argument (`new RegExp(p, \"i\")`)")
    return ""


def hollowed(candidate: str, target: Language, function: str) -> str | None:
    """``candidate`` with the body of its function ``function`` emptied (``{}``; ``pass`` in Python): the unit
    still declares the function, and runs none of its code. None when the function is not found."""
    from translate.source.validate import normalize_name, walk

    data = candidate.encode("utf-8")
    want = normalize_name(function.rpartition(".")[2])  # ``Owner.method``: the method
    for n in walk(target.parse(data).root_node):
        name, body = n.child_by_field_name("name"), n.child_by_field_name("body")
        if name is not None and body is not None and normalize_name(name.text.decode("utf-8", "replace")) == want \
                and body.type in ("statement_block", "block", "compound_statement"):
            empty = b"pass" if target.name == "python" else b"{}"
            return (data[:body.start_byte] + empty + data[body.end_byte:]).decode("utf-8")
    return None


def unit_function(rec: UnitRecord, parsed: ParsedFile, target: Language | None = None) -> str | None:
    """The source function a unit stands for, when the oracle can call it: a top-level function; from Java to
    Python, also a method of a top-level class (a big class's method unit, ``Owner.method``: static ones called on
    the class, the others on ``new Owner()``; translate.oracle.from_java says when it cannot build one)."""
    if rec.kind == "method" and parsed.language.name == "java" and target is not None and target.name == "python" \
            and rec.qualname.count(".") == 1:
        owner, name = rec.qualname.split(".")
        if name == owner:  # its constructor: run as part of each of its methods
            return None
        return rec.qualname if owner in {u.name for u in parsed.top_units if u.kind == "class"} else None
    if rec.kind != "function":
        return None
    tops = {u.name for u in parsed.top_units if u.kind == "function"}
    return rec.name if rec.name in tops else None


def not_checked(rec: UnitRecord) -> str:
    owner, _, name = rec.qualname.rpartition(".")
    if rec.kind == "method" and name in (owner.rpartition(".")[2], "__init__", "constructor"):
        return "unverifiable (a constructor runs within its class's method checks)"
    kinds = {"method": "methods of classes are run from Java to Python only",
             "class": "classes are run method by method from Java to Python only", "glue": "top-level code is not run"}
    return f"unverifiable ({kinds.get(rec.kind, 'not a top-level function')})"
