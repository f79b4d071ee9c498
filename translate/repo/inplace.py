"""``translate repo``'s last step: each unit checked in its place in the written project, and the units that
differ there given one repair turn with what differs.

The unit checks of the pipeline ran each source file alone; here both sides run among their project's files
(translate.repo.verify): a function calling into its package, a class replayed as the source's tests use it.
A unit that differs gets a repair turn quoting the calls that show it (the source's result and the
translation's), its file is translated again (every other unit from the cache) and rewritten, and the project
is checked again. The round is kept only if no unit verified before is lost, more units are verified, and
(with ``--check``) no fewer migrated tests pass; else the files are written back as they were. It is one of the
``--check-rounds`` repair rounds (it runs when the test repairs left one), and a model that stops answering
costs only this round: the files stay as they were.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from translate.errors import ModelError
from translate.project.session import ProjectSession
from translate.repo.report import RepoReport, in_place_text
from translate.translation.cache import UnitCache
from translate.translation.records import OK, REPAIRED, Attempt, UnitRecord

if TYPE_CHECKING:
    from translate.repo.finish import Source
    from translate.repo.runner import RepoOptions


@dataclass
class InPlaceRepair:
    """What the repair round did: the units asked, those verified after it, and whether it was kept."""

    asked: list[str] = field(default_factory=list)  # ``path::unit``
    verified: list[str] = field(default_factory=list)  # of those, verified after the round
    kept: bool = False
    reason: str = ""

    def to_dict(self) -> dict:
        return {"asked": self.asked, "verified": self.verified, "kept": self.kept, "reason": self.reason}

    def line(self) -> str:
        return (f"behaviour repair in place: {len(self.asked)} unit(s) asked, {len(self.verified)} verified after it; "
                f"{'kept' if self.kept else 'undone'} ({self.reason})")


def check_in_place(opts: RepoOptions, sources: list[Source], dst: Path, report: RepoReport, stream: TextIO,
                   repair: Any = None) -> None:
    """Each translated unit checked against the source in its place (``--verify off`` skips it); ``repair``: a
    callable ``(rows) -> rows`` that may give the units that differ a repair round (:func:`repair_round`)."""
    from translate.source.languages import get_language

    if (opts.extra or {}).get("verify", "auto") == "off":
        return
    target = get_language(opts.target)
    pairs = in_place_pairs(sources, target)
    if not pairs:
        return
    if not opts.quiet:
        print(f"checking behaviour in the written project ({len(pairs)} file(s))...", file=stream, flush=True)
    traces: dict = {}  # the source tests are traced once, for this check and the repair round's
    rows = _rows(pairs, dst, target, traces)
    if repair is not None and any(r["status"] == "differs" for r in rows):
        rows = repair(rows, traces=traces)
    report.in_place = rows
    if rows and not opts.quiet:
        print(f"behaviour in the written project: {in_place_text(report.in_place)}", file=stream, flush=True)


def in_place_pairs(sources: list[Source], target) -> list:
    """(source path, its file, its language, its output) of each translated file whose pair of languages runs
    in place (translate.repo.verify.IN_PLACE)."""
    from translate.repo.verify import IN_PLACE

    return [(s.entry.path, s.picked.path, s.picked.language, s.entry.output) for s in sources
            if s.entry.result is not None and s.entry.output and s.picked.language is not None
            and (s.picked.language.name, target.name) in IN_PLACE]


def _rows(pairs: list, dst: Path, target, traces: dict | None = None) -> list[dict]:
    from translate.repo.verify import verify_pairs

    found, _ = verify_pairs(pairs, dst, target, traces=traces)
    return [{"path": path, "unit": name, "status": v.status, "check": v.line()} for path, name, v in found]


def _turns(kept: dict[str, dict[str, list[Attempt]]], prior: dict[str, dict[str, Attempt]], path: str,
           rec: UnitRecord) -> list[Attempt]:
    """A unit's repair turns: those the test repair rounds kept (its answer now), then the in-place one."""
    new = prior.get(path, {}).get(rec.name) if rec.kind != "glue" else None
    return [*kept.get(path, {}).get(rec.qualname if rec.kind == "glue" else rec.name, []),
            *([new] if new is not None else [])]


def repair_round(rows: list[dict], *, opts: RepoOptions, project: ProjectSession, sources: list[Source], dst: Path,
                 report: RepoReport, stream: TextIO, backend, cache_path: Path, topts: Any,
                 check_tests: Any = None, traces: dict | None = None) -> list[dict]:
    """One repair round for the units of ``rows`` that differ; the rows after it (or ``rows`` when undone).
    ``check_tests``: ``() -> (passed, builds)`` of the migrated tests, when ``--check`` runs them; ``traces``:
    the source tests' traces of the first check (:func:`translate.repo.verify.verify_pairs`)."""
    from translate.repo.finish import CountingBackend, emit
    from translate.source.languages import get_language
    from translate.translation.pipeline import translate_parsed

    target = get_language(opts.target)
    by_path = {s.entry.path: s for s in sources if s.entry.result is not None}
    prior: dict[str, dict[str, Attempt]] = {}
    outcome = InPlaceRepair()
    for row in rows:
        s = by_path.get(row["path"])
        if row["status"] != "differs" or s is None or s.entry.result is None:
            continue
        rec = next((u for u in s.entry.result.units if u.name == row["unit"] and u.kind != "glue"), None)
        if rec is None or rec.output is None:
            continue
        what = row["check"].removeprefix("differs (").removesuffix(")")
        lang = s.picked.language.display if s.picked.language else "original"
        problem = (f"run in the project it belongs to, it does not do what the {lang} source does: "
                   f"{what}. Keep the source's behaviour for these calls")
        prior.setdefault(row["path"], {})[rec.name] = Attempt(turn=0, candidate=0, text=rec.output, problem=problem)
        outcome.asked.append(f"{row['path']}::{rec.name}")
    if not prior:
        return rows
    last = project.outcome.check  # the check as the files stand now (the first one, or the test repairs' last)
    before_tests = (last.passed, bool(last.builds)) if check_tests is not None and last is not None else None
    old = {p: r for p in prior if (r := by_path[p].entry.result) is not None}
    counting = CountingBackend(backend)
    store = UnitCache(cache_path)
    if not opts.quiet:
        print(f"repairing {len(outcome.asked)} unit(s) that differ in place...", file=stream, flush=True)
    try:
        with project.prompts():
            got = translate_parsed([by_path[p].parsed for p in prior], project.target, counting, topts, cache=store,
                                   prior=lambda path, rec: _turns(project.kept_turns, prior, path or "", rec))
    except ModelError as exc:  # the translation is written and checked: a model gone now costs only this round
        outcome.reason = f"not done: {exc}"
        report.in_place_repair = outcome.to_dict()
        if not opts.quiet:
            print(outcome.line(), file=stream, flush=True)
        return rows
    finally:
        store.close()
        report.model_calls += counting.calls
        report.generated_tokens += counting.new_tokens
    changed = []
    for path, res in zip(prior, got):
        new = {u.name: u.output for u in res.units}
        if any(new.get(name) != att.text for name, att in prior[path].items()):
            changed.append(path)
        emit(by_path[path], res, dst, project)
    after = _rows(in_place_pairs(sources, target), dst, target, traces) if changed else rows
    status = {(r["path"], r["unit"]): r["status"] for r in after}
    outcome.verified = [a for a in outcome.asked if status.get(tuple(a.split("::", 1))) == "verified"]  # type: ignore[arg-type]
    lost = [f"{r['path']}::{r['unit']}" for r in rows
            if r["status"] == "verified" and status.get((r["path"], r["unit"])) != "verified"]
    after_tests = check_tests() if check_tests is not None and changed else before_tests
    worse_tests = before_tests is not None and after_tests is not None and (
        after_tests[0] < before_tests[0] or (before_tests[1] and not after_tests[1]))
    gained = sum(r["status"] == "verified" for r in after) > sum(r["status"] == "verified" for r in rows)
    outcome.kept = bool(changed) and gained and not lost and not worse_tests
    outcome.reason = ("the repair turns changed nothing" if not changed else
                      f"it lost {', '.join(lost)}" if lost else
                      "fewer migrated tests pass" if worse_tests else
                      "no unit more verified" if not gained else "more units verified")
    if outcome.kept:
        for path in prior:
            for u in by_path[path].entry.result.units:  # type: ignore[union-attr]
                if u.name in prior[path] and u.status == OK and u.output != prior[path][u.name].text:
                    u.status = REPAIRED
    else:
        for path, res in old.items():
            emit(by_path[path], res, dst, None)
        if changed and check_tests is not None:
            check_tests()  # the project's check result back to the files as written
        after = rows
    report.in_place_repair = outcome.to_dict()
    if not opts.quiet:
        print(outcome.line(), file=stream, flush=True)
    return after
