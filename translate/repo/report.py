"""What a migration did: ``translate-report.json`` (everything) and ``translate-report.md`` (a summary).

Per file: where it went and its status (translated, copied, skipped with the reason); per unit:
status, attempts, last diagnostics, tokens generated, seconds, whether it came from the cache.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from translate.fsutil import atomic_write_text
from translate.project.session import ProjectOutcome
from translate.translation.records import CHECK_WORDS, FAILED, OK, REPAIRED, RULE_MARK, SKIPPED, FileResult, UnitRecord

REPORT_JSON = "translate-report.json"
REPORT_MD = "translate-report.md"
REPORT_VERSION = 1

# File statuses.
TRANSLATED = "translated"
COPIED = "copied"
FILE_SKIPPED = "skipped"  # unreadable, refused, colliding output
PLANNED = "planned"  # --dry-run


@dataclass
class FileEntry:
    path: str  # relative to SRC
    status: str
    output: str | None = None  # relative to DST
    language: str | None = None
    reason: str | None = None
    units: int = 0  # planned units (dry run)
    result: FileResult | None = None
    notes: list[str] = field(default_factory=list)  # what the project writer did (translate.project.javascript)
    tests: list[str] = field(default_factory=list)  # the migrated tests registered in it

    def to_dict(self) -> dict:
        d: dict = {"path": self.path, "output": self.output, "status": self.status, "language": self.language,
                   "reason": self.reason}
        if self.notes or self.tests:
            d.update(notes=self.notes, tests=self.tests)
        if self.result is not None:
            r = self.result
            d.update(counts=r.counts(), seconds=round(r.seconds, 3), diagnostics=[x.to_dict() for x in r.diagnostics],
                     units=[unit_dict(u) for u in r.units if u.kind != "glue"],
                     glue=[unit_dict(u) for u in r.units if u.kind == "glue" and needs_model(u)])
        elif self.status == PLANNED:
            d["planned_units"] = self.units
        return d


def needs_model(u: UnitRecord) -> bool:
    """A record the model had to produce (a unit, or top-level code that is more than comments)."""
    return u.kind != "glue" or u.status != SKIPPED or u.cache_hit


def unit_dict(u: UnitRecord) -> dict:
    last = u.attempts[-1] if u.attempts else None
    return {
        "qualname": u.qualname, "kind": u.kind, "status": u.status, "reason": u.reason,
        "cache_hit": u.cache_hit, "turns": u.turns, "attempts": len(u.attempts),
        # tokens generated *by this run*: a cache hit costs none
        "new_tokens": 0 if u.cache_hit else u.new_tokens,
        "recorded_tokens": u.new_tokens, "seconds": 0.0 if u.cache_hit else round(u.seconds, 3),
        "diagnostics": [d.to_dict() for d in last.diagnostics] if last else [],
        "problem": last.problem if last else None,
        # what its behaviour check observed against the source (None: no check ran)
        "check": u.check,
    }


@dataclass
class RepoReport:
    src: str
    dst: str
    source_language: str | None
    target_language: str
    model: str | None = None
    revision: str | None = None
    cache: str | None = None
    seconds: float = 0.0
    model_calls: int = 0  # backend.generate calls made by this run
    generated_tokens: int = 0  # as counted by the backend during this run
    dry_run: bool = False
    files: list[FileEntry] = field(default_factory=list)
    project: ProjectOutcome | None = None  # build files, the build and the migrated tests (translate.project)
    in_place: list[dict] | None = None  # each unit checked in its place in the written project (repo.verify)
    in_place_repair: dict | None = None  # the repair round for the units that differed there (repo.inplace)

    def units(self) -> list[UnitRecord]:
        return [u for f in self.files if f.result for u in f.result.units if u.kind != "glue"]

    def model_work(self) -> list[UnitRecord]:
        """Units plus the top-level code segments that went to the model (or came from the cache)."""
        return [u for f in self.files if f.result for u in f.result.units if needs_model(u)]

    def totals(self) -> dict:
        units = self.units()
        by_file: dict[str, int] = {}
        for f in self.files:
            by_file[f.status] = by_file.get(f.status, 0) + 1
        c = {s: sum(u.status == s for u in units) for s in (OK, REPAIRED, FAILED, SKIPPED)}
        behaviour: dict[str, int] = {}  # units by what the behaviour check against the source observed
        for f in self.files:
            for word, n in (f.result.behaviour() if f.result else {}).items():
                behaviour[word] = behaviour.get(word, 0) + n
        work = self.model_work()
        glue = [u for u in work if u.kind == "glue"]
        hits = sum(u.cache_hit for u in work)
        return {
            "files": len(self.files), **{f"files_{k}": v for k, v in sorted(by_file.items())},
            "units": len(units), **c,
            "behaviour": {w: behaviour[w] for w in CHECK_WORDS if behaviour.get(w)},
            "by_rule": sum(RULE_MARK in (u.check or "") for u in units),  # outputs that are a rule's answer
            "glue_segments": len(glue), "glue_failed": sum(u.status == FAILED for u in glue),
            # over units and model-translated top-level code alike
            "cache_hits": hits, "cache_hit_rate": round(hits / len(work), 4) if work else None,
            "new_tokens": sum(u.new_tokens for u in work if not u.cache_hit),
            "model_calls": self.model_calls, "generated_tokens": self.generated_tokens,
            "units_per_second": round(len(units) / self.seconds, 3) if self.seconds > 0 else None,
        }

    @property
    def failed(self) -> int:
        """Failed units and failed top-level code segments."""
        return sum(u.status == FAILED for u in self.model_work())

    def to_dict(self) -> dict:
        return {
            "version": REPORT_VERSION, "src": self.src, "dst": self.dst, "source_language": self.source_language,
            "target_language": self.target_language, "model": self.model, "revision": self.revision,
            "cache": self.cache, "dry_run": self.dry_run, "seconds": round(self.seconds, 3),
            "totals": self.totals(), "files": [f.to_dict() for f in self.files],
            "project": self.project.to_dict() if self.project is not None else None,
            "in_place": self.in_place, "in_place_repair": self.in_place_repair,
        }

    def markdown(self, worst: int = 10) -> str:
        t = self.totals()
        lines = [f"# translate repo: {self.src} -> {self.dst}", "",
                 f"{self.source_language or 'auto'} -> {self.target_language}, model `{self.model}`"
                 f"{' (dry run)' if self.dry_run else ''}, {self.seconds:.1f}s", "",
                 "| files | translated | copied | skipped | units | ok | repaired | failed | cache hits | new tokens |",
                 "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
                 f"| {t['files']} | {t.get('files_translated', 0)} | {t.get('files_copied', 0)} | "
                 f"{t.get('files_skipped', 0)} | {t['units']} | {t[OK]} | {t[REPAIRED]} | {t[FAILED]} | "
                 f"{t['cache_hits']} | {t['new_tokens']} |", ""]
        if t["behaviour"]:
            ruled = f"; {t['by_rule']} of the units {RULE_MARK} (the model's answers differed)" if t["by_rule"] else ""
            lines += ["Behaviour against the source: " + behaviour_text(t["behaviour"]) + ruled + ".", ""]
        done = [(f, f.result) for f in self.files if f.result is not None]
        ranked = sorted(done, key=lambda fr: (-fr[1].counts()[FAILED], -len(fr[1].diagnostics), fr[0].path))
        ranked = [(f, r) for f, r in ranked if r.counts()[FAILED] or r.diagnostics][:worst]
        if ranked:
            lines += ["## Worst files", "", "| file | output | ok | repaired | failed | output errors |",
                      "|---|---|---:|---:|---:|---:|"]
            for f, r in ranked:
                c = r.counts()
                lines.append(f"| {_md(f.path)} | {_md(f.output or '')} | {c[OK]} | {c[REPAIRED]} | {c[FAILED]} | "
                             f"{len(r.diagnostics)} |")
            lines.append("")
        fails = [(f, u) for f, r in done for u in r.units if u.status == FAILED]  # glue included
        if fails:
            lines += ["## Failed units", "", "| file | unit | turns | reason |", "|---|---|---:|---|"]
            for f, u in fails:
                lines.append(f"| {_md(f.path)} | {_md(u.qualname)} | {u.turns} | {_md(_one_line(u.reason))} |")
            lines.append("")
        differ = [(f, u) for f, r in done for u in r.units
                  if u.kind != "glue" and u.status != FAILED and u.check and u.check.startswith(("differs", "failed"))]
        if differ:
            lines += ["## Units that do not do what the source does", "",
                      "Kept as answered; the behaviour check ran the source and this translation on the same inputs.",
                      "", "| file | unit | status | check |", "|---|---|---|---|"]
            for f, u in differ:
                lines.append(f"| {_md(f.path)} | {_md(u.qualname)} | {u.status} | {_md(_one_line(u.check or ''))} |")
            lines.append("")
        if self.project is not None:
            lines += project_markdown(self.project)
        if self.in_place:
            lines += ["## Behaviour in the written project", "",
                      "Each unit run against the source in its place: the source in its package, the translation "
                      f"among the files it imports. {in_place_text(self.in_place)}.", "",
                      "| file | unit | check |", "|---|---|---|"]
            lines += [f"| {_md(r['path'])} | {_md(r['unit'])} | {_md(_one_line(r['check']))} |" for r in self.in_place]
            lines.append("")
            if self.in_place_repair:
                fix = self.in_place_repair
                lines += [f"A repair turn for the {len(fix['asked'])} unit(s) that differed "
                          f"({', '.join(fix['asked'])}): {len(fix['verified'])} verified after it; "
                          f"{'kept' if fix['kept'] else 'undone'} ({fix['reason']}).", ""]
        skipped = [f for f in self.files if f.status == FILE_SKIPPED]
        if skipped:
            lines += ["## Skipped files", "", "| file | reason |", "|---|---|"]
            lines += [f"| {_md(f.path)} | {_md(_one_line(f.reason))} |" for f in skipped]
            lines.append("")
        return "\n".join(lines)


def behaviour_text(counts: dict[str, int]) -> str:
    """``{"verified": 5, "differs": 2}`` -> "5 verified, 2 differ"."""
    said = {"differs": "differ"}
    return ", ".join(f"{counts[w]} {said.get(w, w)}" for w in CHECK_WORDS if counts.get(w))


def in_place_text(rows: list[dict]) -> str:
    """"3 verified, 1 differs, 0 unverifiable, 0 failed" over the in-place checks' rows."""
    counts = {w: sum(r["status"] == w for r in rows) for w in ("verified", "differs", "unverifiable", "failed")}
    return ", ".join(f"{n} {w}" for w, n in counts.items())


def project_markdown(p: ProjectOutcome) -> list[str]:
    """The build-and-test section: builds yes/no, tests passed/failed per file, each failing test's first error."""
    lines = ["## Build and tests", ""]
    if p.build_files:
        lines += [f"Build files from templates: {', '.join(p.build_files)}.", ""]
    c = p.check
    if c is None:
        return lines + ["Not checked (--no-check).", ""]
    if c.skipped:
        return lines + [f"Not checked: {_md(c.skipped)}.", ""]
    lines += [f"Builds: **{'yes' if c.builds else 'no'}** ({c.tool}); tests: **{c.passed} passed, {c.failed} failed**.", ""]
    if c.set_aside:
        lines += [f"To run the tests, the check set aside {len(c.set_aside)} method(s) that do not compile (each "
                  f"throws its compile error): {_md(', '.join(c.set_aside))}.", ""]
    for e in c.build_errors:
        lines.append(f"- build error in {_md(e['file'] or 'the project')}: {_md(_one_line(e['error']))}")
    if c.build_errors:
        lines.append("")
    if c.files:
        lines += ["| test file | passed | failed | error |", "|---|---:|---:|---|"]
        lines += [f"| {_md(f.path)} | {f.passed} | {f.failed} | {_md(_one_line(f.error))} |" for f in c.files]
        lines.append("")
    failing = [(f, t) for f in c.files for t in f.tests if not t.passed]
    if failing:
        lines += ["| failing test | file | first error line |", "|---|---|---|"]
        lines += [f"| {_md(t.name)} | {_md(f.path)} | {_md(_one_line(t.error))} |" for f, t in failing]
        lines.append("")
    return lines + repair_markdown(p)


def repair_markdown(p: ProjectOutcome) -> list[str]:
    """The repair rounds: what each failing test blamed and whether the repair fixed it."""
    r = p.repair
    if r is None:
        return []
    after = (p.check.passed, p.check.failed) if p.check is not None else r.before
    lines = ["### Repair rounds", "",
             f"{len(r.rounds)} of {r.budget} round(s); tests before: {r.before[0]} passed, {r.before[1]} failed; "
             f"after: {after[0]} passed, {after[1]} failed; stopped: {_md(r.stopped)}.", ""]
    if r.tests:
        lines += ["| failing test | file | blamed units | rounds | fixed |", "|---|---|---|---|---|"]
        lines += [f"| {_md(t.test)} | {_md(t.file)} | {_md(', '.join(t.blamed) or '-')} | "
                  f"{', '.join(map(str, t.rounds)) or '-'} | {'yes' if t.fixed else 'no'} |" for t in r.tests]
        lines.append("")
    for rnd in r.rounds:
        units = "; ".join(f"{u['unit']} ({'changed' if u['changed'] else 'unchanged'})" for u in rnd.units)
        tests = "not re-run (nothing changed)" if rnd.passed is None else f"{rnd.passed} passed, {rnd.failed} failed"
        undone = "" if not rnd.reverted else (" (undone: no test more passed)" if rnd.kept_alone is None else
                                              f" (undone, but {rnd.kept_alone}'s answer alone kept)")
        lines.append(f"- round {rnd.number}: {_md(units)}; tests: {tests}{_md(undone)}")
    if r.rounds:
        lines.append("")
    return lines


def _one_line(text: str | None, limit: int = 160) -> str:
    s = " ".join((text or "").split())
    return s if len(s) <= limit else s[: limit - 3] + "..."


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def write_reports(report: RepoReport, dst: Path) -> tuple[Path, Path]:
    j = atomic_write_text(dst / REPORT_JSON, json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
    m = atomic_write_text(dst / REPORT_MD, report.markdown() + "\n")
    return j, m
