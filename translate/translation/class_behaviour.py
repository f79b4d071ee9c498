"""A Java class translated to Python as one unit, held to its source method by method.

java-string-similarity's classes are small: each is one unit (``Levenshtein``, ``Damerau``, ``NGram``), and their
answers ran into ``IndexError``s and other values that only the project's tests showed, after the run. Each method
of such a class is recorded in the Java source like a big class's method unit (:mod:`translate.oracle.from_java`:
a static one on the class, another on ``new Owner()``) and each candidate class is checked on all of them, in the
file as assembled; the verdict is the class's: failed when a method does not run, differs when one differs (the
counterexamples name the method), verified when those that could be run match (the others are named in its notes).
A big class's skeleton has no behaviour of its own to check (:class:`HolderVerifier` says so); its method units
run inside its latest answer, and one judged while it has none is tested again with its next
(behaviour.UnitVerifier).
"""
from __future__ import annotations

from concurrent.futures import Future
from typing import Any

from translate.oracle import DIFFERS, FAILED, UNVERIFIABLE, VERIFIED, Recording, Verdict
from translate.oracle.from_java import overload_first
from translate.source.languages import Language
from translate.source.units import ParsedFile
from translate.translation.behaviour import FileState, UnitVerifier, unit_function
from translate.translation.bigclass import SKELETON
from translate.translation.declared import declared_for, declared_kinds
from translate.translation.prompts import PROJECT_CONTEXT
from translate.translation.records import UnitRecord

MAX_METHODS = 8  # methods of one class recorded and checked (each a source run and a driver run a candidate)
HOLDER = "<the class its method units run in>"


def unit_functions(rec: UnitRecord, parsed: ParsedFile, target: Language) -> list[str]:
    """What the oracle runs for a unit: its function (see behaviour.unit_function), or for a top-level Java class
    translated to Python, its methods as ``Owner.method`` (constructors aside, an overloaded name once)."""
    function = unit_function(rec, parsed, target)
    if function is not None:
        return [function]
    if parsed.segments[rec.index].role == SKELETON and parsed.language.name == "java" and target.name == "python":
        return [HOLDER]  # a big class's skeleton: its methods are units of their own, run inside it
    if rec.kind != "class" or parsed.language.name != "java" or target.name != "python" or "." in rec.qualname:
        return []
    cls = next((u for u in parsed.top_units if u.kind == "class" and u.name == rec.name), None)
    names = [c.name for c in (cls.children if cls is not None else [])
             if c.kind == "method" and c.name != cls.name and "constructor" not in c.node_type]  # type: ignore[union-attr]
    return [f"{rec.name}.{n}" for n in dict.fromkeys(names)][:MAX_METHODS]


def combine(verdicts: list[Verdict]) -> Verdict:
    """One class's verdict from its methods' (see the module)."""
    failed = [v for v in verdicts if v.status == FAILED]
    if failed:
        return failed[0]
    differs = [v for v in verdicts if v.status == DIFFERS]
    ran = [v for v in verdicts if v.status in (DIFFERS, VERIFIED)]
    if differs:
        shown = [c for v in differs for c in v.counterexamples[:1]] + \
            [c for v in differs for c in v.counterexamples[1:]]
        return Verdict(DIFFERS, inputs=sum(v.inputs for v in ran), counterexamples=shown[:3],
                       differing=sum(v.differing for v in differs), notes=[n for v in differs for n in v.notes])
    if ran:
        return Verdict(VERIFIED, inputs=sum(v.inputs for v in ran),
                       notes=[f"not run: {v.reason}" for v in verdicts if v.status == UNVERIFIABLE])
    return Verdict(UNVERIFIABLE, reason="; ".join(dict.fromkeys(v.reason or "no inputs" for v in verdicts)))


class ClassVerifier(UnitVerifier):
    """The job loop's verifier for a class unit: its methods' verifiers, one verdict (see the module)."""

    def __init__(self, state: FileState, pos: int, parts: list[UnitVerifier], source_lang: str):
        super().__init__(state, pos, parts[0].function, parts[0]._recording, source_lang)
        self.parts = parts

    def verdict(self, candidate: str) -> Verdict:
        if candidate not in self.verdicts:
            self.verdicts[candidate] = combine([p.verdict(candidate) for p in self.parts])
        return self.verdicts[candidate]

    def _fails_without(self, v: Verdict, candidate: str | None) -> bool:
        return False  # a class has no one body to leave out

    def _raises_without(self, v: Verdict, candidate: str) -> bool:
        return False  # its constructor is its own: a class that does not build is this unit's answer's fault


class HolderVerifier(UnitVerifier):
    """A big class's skeleton: nothing of its own to check; judged in its file's group, where each answer is
    noted (for the method units to run in) before any is tested."""

    def __init__(self, state: FileState, pos: int, source_lang: str):
        done: Future = Future()
        done.set_result(Recording(HOLDER, [], unverifiable="its methods are checked as units of their own"))
        super().__init__(state, pos, HOLDER, done, source_lang)

    def verdict(self, candidate: str) -> Verdict:
        return Verdict(UNVERIFIABLE, reason="its methods are checked as units of their own")


def _receiver(source: ParsedFile, function: str) -> str | None:
    """How the project's tests build the object of the Java method ``function`` (``Owner.method``), in ``translate
    repo`` (translate.oracle.java_receivers); None elsewhere."""
    ctx = PROJECT_CONTEXT.get()
    if source.language.name != "java" or "." not in function or not hasattr(ctx, "receiver"):
        return None
    return ctx.receiver(function.rpartition(".")[0])  # type: ignore[union-attr]


def _hints(source: ParsedFile, function: str) -> list[str | None] | None:
    """A Python function's parameter kinds as the callers' declared target header types them (``--target-declaration``;
    in ``translate repo`` to Java, the header typed from what the project's tests passed)."""
    if source.language.name != "python":
        return None
    declared = declared_for(source.path, function)
    ctx = PROJECT_CONTEXT.get()
    if not declared and hasattr(ctx, "declared"):  # translate repo: the signatures typed from the project's tests
        declared = ctx.declared(source.path, function)  # type: ignore[union-attr]
    return declared_kinds(declared, function)


def behaviour_verifier(state: FileState, pos: int, functions: list[str], recorder: Any, source: ParsedFile,
                       display: str) -> UnitVerifier:
    """The verifier of unit ``pos`` for ``functions`` (unit_functions), each recorded by ``recorder``."""
    if functions == [HOLDER]:
        return HolderVerifier(state, pos, display)
    rec = state.records[pos]
    text = source.source
    if source.language.name == "java" and rec.kind == "method" and len(functions) == 1:
        text = overload_first(text, functions[0], rec.source)  # this unit's overload recorded, not the first
    parts = [UnitVerifier(state, pos, f, recorder.submit(text, source.language.name, f, _receiver(source, f),
                                                         _hints(source, f)), display) for f in functions]
    return parts[0] if len(parts) == 1 and rec.kind != "class" else ClassVerifier(state, pos, parts, display)
