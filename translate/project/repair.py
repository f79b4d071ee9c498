"""Repair rounds after the check: each failing migrated test gives the units it blames (translate.project.blame)
a repair turn with its error, the files holding them are translated again (every other unit from the cache),
rewritten, and the project is checked again; up to ``rounds`` times, stopping early when every test passes or
nothing changed. A round that leaves fewer tests passing or running (or breaks the build, or a test file), or the
same tests failing with the same errors, is undone; one that passes as many tests but fails them differently is kept (a fixed error often
uncovers the next one, which the next round then blames). When an undone round changed several units, each one's new
answer is tried alone (from the cache: no model call, one check each) and the best that would have been kept is: one
bad answer no longer throws away a good one beside it.

A unit's repair is kept across later rounds: a file translated again for another unit's repair turn gives every
unit repaired in a kept round the same repair turn again (served from the cache), not its first answer.

A repair turn is the pipeline's own (``translate_parsed(prior=...)``): the unit starts from its current answer
with the problem quoted, and is cached under its unit key plus that answer and that problem. A re-run replays
the same way: the first pass serves the old answers from the cache, the check fails with the same errors, and
the repair turns are served from the cache too, so a killed run resumes and a repaired unit is never replaced
by the stale answer.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from translate.project.blame import Blamer, UnitRef, load_problem, problem
from translate.project.check import CheckResult
from translate.project.symbols import SymbolMap
from translate.translation.naming import target_name
from translate.translation.records import FAILED, OK, REPAIRED, Attempt, FileResult

MAX_PROBLEMS = 2  # failing tests quoted in one unit's repair turn
MAX_ALONE = 4  # changed units of an undone round tried one at a time (a check each)


LOAD = "<load>"  # the test name of a test file that did not load (TestRepair.test)
BUILD = "<build>"  # the test name of the compile errors of one unit (a typed target's project does not compile)
_BUILD_LINE = re.compile(r"^line (\d+): (.*)$", re.S)


@dataclass
class TestRepair:
    """One migrated test that failed the first check."""

    test: str
    file: str  # the test file (output path)
    error: str | None  # its first error line at the first check
    blamed: list[str] = field(default_factory=list)  # ``source path::unit``, every round's
    rounds: list[int] = field(default_factory=list)  # the rounds it sent units to repair in
    fixed: bool = False  # passes at the end


@dataclass
class RepairRound:
    number: int
    units: list[dict] = field(default_factory=list)  # {"unit", "tests", "changed"}
    passed: int | None = None  # the check after it (None: not run, nothing changed)
    failed: int | None = None
    reverted: bool = False
    kept_alone: str | None = None  # the unit whose answer alone was kept when the round was undone


@dataclass
class RepairOutcome:
    budget: int
    before: tuple[int, int]  # (passed, failed) at the first check
    rounds: list[RepairRound] = field(default_factory=list)
    tests: list[TestRepair] = field(default_factory=list)
    stopped: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


Retranslate = Callable[[dict[str, dict[str, list[Attempt]]]], dict[str, FileResult]]


def repair_rounds(symbols: SymbolMap, target, results: dict[str, FileResult], first: CheckResult,
                  check: Callable[[], CheckResult], retranslate: Retranslate,
                  restore: Callable[[dict[str, FileResult]], None], read: Callable[[str], str | None],
                  rounds: int, chat: bool, applied: dict[str, dict[str, list[Attempt]]] | None = None
                  ) -> tuple[CheckResult, RepairOutcome]:
    """Run up to ``rounds`` repair rounds from the check ``first``; the last check kept and what was done.

    ``results``: source path -> its written result (updated in place); ``retranslate({path: {unit: [attempt, ...]}})``
    translates those files again with those units on a repair turn and writes them; ``restore`` writes results
    back as they were; ``read(output path)`` the written text of an output file; ``applied``: filled with the repair turns of the kept
    answers (by file and unit, oldest first)."""
    out = RepairOutcome(rounds, (first.passed, first.failed))
    tests_of = {r.output_path: p for p, r in results.items() if p in symbols.by_path and symbols.by_path[p].is_test}
    outputs = [r.output_path or "" for r in results.values()]
    by_key: dict[str, TestRepair] = {}
    applied = {} if applied is None else applied  # the repair turns of kept answers, by file and unit, oldest first
    current = first
    for n in range(1, rounds + 1):
        failing = [(tf.path, c) for tf in current.files if tf.path in tests_of for c in tf.tests if not c.passed]
        unloaded = [tf for tf in current.files if tf.path in tests_of and tf.error and tf.error_at]
        if not failing and not unloaded:
            break
        blamer = Blamer(symbols, results, target)
        passing: set[UnitRef] = set()
        for tf in current.files:
            for c in tf.tests:
                if c.passed and tf.path in tests_of:
                    passing.update(blamer.direct(tests_of[tf.path], c.name))
        seeds: dict[UnitRef, list[tuple[str, str]]] = {}
        widened = True  # every failing test already blamed its widest set (it failed an earlier round)
        for test_out, case in failing:
            key = f"{test_out}::{case.name}"
            entry = by_key.get(key)
            if entry is None:
                entry = by_key[key] = TestRepair(case.name, test_out, case.error)
                out.tests.append(entry)
            widened = widened and bool(entry.rounds)
            refs = blamer.blame(tests_of[test_out], case, passing, widen=bool(entry.rounds))
            if not refs:
                continue
            entry.rounds.append(n)
            entry.blamed += [str(r) for r in refs if str(r) not in entry.blamed]
            test_rec = blamer.test_record(tests_of[test_out], case.name)
            text = problem(case, test_out, test_rec.output if test_rec else None, outputs, read, chat,
                           target.fence)
            for r in refs:
                seeds.setdefault(r, []).append((case.name, text))
        compiled = _build_seeds(current, blamer, read)  # a typed target that does not compile: each error's unit
        for unit, (where, text) in compiled.items():
            key = f"{where}::{BUILD}"
            entry = by_key.get(key)
            if entry is None:
                entry = by_key[key] = TestRepair(BUILD, where, text)
                out.tests.append(entry)
            widened = widened and bool(entry.rounds)
            entry.rounds.append(n)
            entry.blamed += [str(unit)] if str(unit) not in entry.blamed else []
            seeds.setdefault(unit, []).append((BUILD, text))
        if compiled:
            unloaded = []  # the test files failed with the build: the errors above say why
        for tf in unloaded:  # a test file that died when it loaded: the code at the line it died at
            assert tf.error_at is not None and tf.error is not None
            ref = blamer.at_line(tf.error_at[0], tf.error_at[1], read)
            key = f"{tf.path}::{LOAD}"
            entry = by_key.get(key)
            if entry is None:
                entry = by_key[key] = TestRepair(LOAD, tf.path, tf.error)
                out.tests.append(entry)
            widened = widened and bool(entry.rounds)
            if ref is None:
                continue
            entry.rounds.append(n)
            entry.blamed += [str(ref)] if str(ref) not in entry.blamed else []
            seeds.setdefault(ref, []).append((LOAD, load_problem(tf.path, tf.error, tf.error_at, read)))
        if not seeds:
            out.stopped = "no unit to blame for the failing tests"
            return current, _close(out, current)
        prior: dict[str, dict[str, Attempt]] = {}
        before: dict[UnitRef, str | None] = {}
        for r, quoted in seeds.items():
            rec = blamer.record(r)
            assert rec is not None  # blamed units have records (Blamer._uses)
            before[r] = rec.output
            last = rec.output if rec.output is not None else (rec.attempts[-1].text if rec.attempts else "")
            prior.setdefault(r.path, {})[r.name] = Attempt(turn=0, candidate=0, text=last,
                                                           problem="\n\n".join(t for _, t in quoted[:MAX_PROBLEMS]))
        old = {p: results[p] for p in prior}
        results.update(retranslate(_with(applied, prior)))
        rnd = RepairRound(n)
        out.rounds.append(rnd)
        changed: list[UnitRef] = []
        for r, quoted in seeds.items():
            rec = Blamer(symbols, results, target).record(r)
            if rec is not None and rec.output != before[r]:
                changed.append(r)
                if rec.status == OK:
                    rec.status = REPAIRED  # a new answer from a repair turn
            rnd.units.append({"unit": str(r), "tests": [t for t, _ in quoted], "changed": r in changed})
        if not changed:
            if widened:  # the next round would ask the same
                out.stopped = "the repair turns changed nothing"
                return current, _close(out, current)
            continue  # the same files: the next round widens the blame without checking again
        after = check()
        rnd.passed, rnd.failed = after.passed, after.failed
        if _kept(after, current):
            for r in changed:
                _keep(applied, prior, r)
            current = after
            continue
        restore(old)
        results.update(old)
        rnd.reverted = True
        best: tuple[UnitRef, CheckResult] | None = None
        for r in changed[:MAX_ALONE] if len(changed) > 1 else []:
            one = {r.path: {r.name: prior[r.path][r.name]}}
            was = {r.path: results[r.path]}
            results.update(retranslate(_with(applied, one)))
            trial = check()
            if _kept(trial, current) and (best is None or trial.passed > best[1].passed):
                best = (r, trial)
            restore(was)
            results.update(was)
        if best is not None:
            r, current = best
            results.update(retranslate(_with(applied, {r.path: {r.name: prior[r.path][r.name]}})))
            _keep(applied, prior, r)
            rec = Blamer(symbols, results, target).record(r)
            if rec is not None and rec.status == OK:
                rec.status = REPAIRED
            rnd.kept_alone = str(r)
    left = current.failed or any(tf.error for tf in current.files)
    out.stopped = (f"the budget of {rounds} round(s) is spent" if left and out.rounds else
                   "all migrated tests pass" if not left else "nothing to repair")
    return current, _close(out, current)


def _failed_unit(blamer: Blamer, error: str) -> UnitRef | None:
    """The unit that failed to translate (kept as a comment) whose name a ``cannot find symbol`` error is about:
    the code that names it is right, the unit is missing."""
    from translate.project.check_java import MISSING_SYMBOL

    m = MISSING_SYMBOL.search(error)
    if m is None:
        return None
    for path, res in blamer.results.items():
        for u in res.units:
            if u.kind != "glue" and u.status == FAILED and m.group(2) in (u.name, target_name(u.name, u.kind, blamer.target)):
                return UnitRef(path, u.name)
    return None


def _build_seeds(check: CheckResult, blamer: Blamer, read) -> dict[UnitRef, tuple[str, str]]:
    """The unit at each compile error of a project that does not compile, with its errors (at most 5 a unit)."""
    found: dict[UnitRef, tuple[str, list[str]]] = {}
    if check.builds is not False:
        return {}
    for err in check.build_errors:
        m = _BUILD_LINE.match(str(err.get("error", "")))
        path = str(err.get("file", ""))
        if m is None:
            continue
        ref = _failed_unit(blamer, m.group(2)) or blamer.at_line(path, int(m.group(1)), read)
        if ref is None:
            continue
        lines = (read(path) or "").split("\n")
        n = int(m.group(1))
        code = lines[n - 1].strip() if 0 < n <= len(lines) else ""
        where, errs = found.setdefault(ref, (path, []))
        if len(errs) < 5:
            errs.append(f"{path}:{n}: {m.group(2).strip()}" + (f": `{code}`" if code else ""))
    return {ref: (path, "the migrated project does not compile:\n" + "\n".join(errs)) for ref, (path, errs) in found.items()}


def _with(applied: dict[str, dict[str, list[Attempt]]],
          prior: dict[str, dict[str, Attempt]]) -> dict[str, dict[str, list[Attempt]]]:
    """The repair turns for the files of ``prior``: those of kept answers in the same files, each unit's oldest
    first, then ``prior``'s own (a split class replays its kept turns: translation.split_repair)."""
    return {p: {**applied.get(p, {}), **{n: [*applied.get(p, {}).get(n, []), a] for n, a in units.items()}}
            for p, units in prior.items()}


def _keep(applied: dict[str, dict[str, list[Attempt]]], prior: dict[str, dict[str, Attempt]], r: UnitRef) -> None:
    """Keep ``r``'s repair turn of this round after its earlier kept ones."""
    applied.setdefault(r.path, {})[r.name] = [*applied.get(r.path, {}).get(r.name, []), prior[r.path][r.name]]


def _kept(after: CheckResult, current: CheckResult) -> bool:
    """Whether the check ``after`` a change is kept over ``current``: no fewer tests pass or run, the build and the
    test files load as before, and not the same tests failing the same way. (The same count failing differently is
    kept: a fixed error often uncovers the next one.)"""
    if current.builds is False and after.builds is False:  # still not compiling: kept when errors were fixed
        if after.passed != current.passed:  # (the tests that ran with the errors set aside: translate.oracle.java_stubs)
            return after.passed > current.passed
        errors = [(e.get("file"), e.get("error")) for e in after.build_errors]
        return errors != [(e.get("file"), e.get("error")) for e in current.build_errors] \
            and len(errors) <= len(current.build_errors)
    worse = (after.passed < current.passed or (current.builds and not after.builds)
             or after.passed + after.failed < current.passed + current.failed  # tests lost (a refused test)
             or sum(bool(tf.error) for tf in after.files) > sum(bool(tf.error) for tf in current.files))
    return not worse and not (after.passed == current.passed and _failures(after) == _failures(current))


def _failures(check: CheckResult) -> list[tuple[str, str, str | None]]:
    return sorted((tf.path, c.name, c.error) for tf in check.files for c in tf.tests if not c.passed) + \
        sorted((tf.path, "", tf.error) for tf in check.files if tf.error)


def _close(out: RepairOutcome, last: CheckResult) -> RepairOutcome:
    passing = {(tf.path, c.name) for tf in last.files for c in tf.tests if c.passed}
    passing |= {(tf.path, LOAD) for tf in last.files if not tf.error}
    for t in out.tests:
        t.fixed = (t.file, t.test) in passing
    return out
