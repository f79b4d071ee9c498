"""``translate repo``'s writing side: each translated file written below DST (rewritten as a module of the
project first), then the project's build files, its check (build and migrated tests) and repair rounds.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from translate.engines.base import Delegate, Engine, call_generate
from translate.fsutil import OutsideRootError, atomic_write_bytes
from translate.project.session import ProjectSession
from translate.repo.inplace import check_in_place, repair_round
from translate.repo.report import FILE_SKIPPED, FileEntry, RepoReport
from translate.repo.selection import Picked
from translate.source.units import ParsedFile
from translate.translation.cache import UnitCache

if TYPE_CHECKING:
    from translate.repo.runner import RepoOptions


@dataclass
class Source:
    entry: FileEntry
    picked: Picked
    parsed: ParsedFile
    units: int


class CountingBackend(Delegate):
    """Wraps an engine to count the model calls and tokens this run really made."""

    def __init__(self, inner: Engine):
        super().__init__(inner)
        self.calls = 0
        self.requests = 0
        self.new_tokens = 0

    def generate(self, requests, on_result=None):
        self.calls += 1
        self.requests += len(requests)
        results = call_generate(self.inner, requests, on_result)
        self.new_tokens += sum(r.new_tokens for r in results)
        return results


def write_output(entry: FileEntry, dst: Path, data: bytes) -> bool:
    """Write one output below ``dst`` (never through a symlink out of it); a refusal skips the file."""
    assert entry.output is not None  # only entries with an output are written
    try:
        atomic_write_bytes(dst / entry.output, data, root=dst)
        return True
    except OutsideRootError as exc:
        entry.status, entry.reason = FILE_SKIPPED, f"refused: {str(exc).split(': ', 1)[-1]}"
    except OSError as exc:
        entry.status, entry.reason = FILE_SKIPPED, f"cannot write {entry.output}: {exc.strerror or exc}"
    return False


def finish_project(opts: RepoOptions, project: ProjectSession, sources: list[Source], dst: Path, src: Path,
                    report: RepoReport, stream: TextIO, backend=None, cache_path: Path | None = None,
                   topts: Any = None) -> None:
    """Build files from templates, then (``opts.check``) build and test the written project, and give the units
    failing tests blame repair turns (``opts.check_rounds``); last, each unit checked in its place (check_in_place)."""
    taken = {e.output for e in report.files if e.output}
    for rel, text in project.build_files(src.name, taken).items():
        try:
            atomic_write_bytes(dst / rel, text.encode("utf-8"), root=dst)
            project.outcome.build_files.append(rel)
        except OSError as exc:  # OutsideRootError included
            project.outcome.notes.append(f"{rel}: not written ({exc})")
    written = [(s.entry.path, s.entry.output) for s in sources if s.entry.result is not None and s.entry.output]
    check = project.check(dst, written, opts.check)
    report.project = project.outcome
    if check is not None and not opts.quiet:
        said = (f"not run ({check.skipped})" if check.skipped else
                f"builds {'yes' if check.builds else 'no'}"
                + (f" ({len(check.set_aside)} method(s) set aside to run the tests)" if check.set_aside else "")
                + f"; migrated tests: {check.passed} passed, {check.failed} failed")
        print(f"check ({check.tool}): {said}", file=stream, flush=True)
    repair = None
    if opts.check_rounds > 0 and backend is not None and cache_path is not None and topts is not None:
        def tests() -> tuple[int, bool] | None:
            after = project.check(dst, written, True)
            if after is None or after.skipped:
                return None
            project.outcome.check = after
            return after.passed, bool(after.builds)

        repair = partial(repair_round, opts=opts, project=project, sources=sources, dst=dst, report=report,
                         stream=stream, backend=backend, cache_path=cache_path, topts=topts,
                         check_tests=tests if check is not None and not check.skipped else None)
    if check is None or not (check.failed or any(tf.error_at for tf in check.files)) or opts.check_rounds <= 0 or backend is None or cache_path is None \
            or topts is None:
        check_in_place(opts, sources, dst, report, stream, repair)
        return
    # repair rounds (translate.project.repair): the blamed units' files translated again and rewritten
    by_path = {s.entry.path: s for s in sources if s.entry.result is not None}
    store = UnitCache(cache_path)  # read even with --no-resume: this run's first pass refreshed it
    counting = CountingBackend(backend)
    try:
        said = project.repair({p: (s.parsed, s.entry.result) for p, s in by_path.items() if s.entry.result},
                              check, counting, topts, store,
                              lambda path, res, fresh: emit(by_path[path], res, dst, project if fresh else None),
                              lambda: project.check(dst, written, True) or check, dst, opts.check_rounds)
    finally:
        store.close()
        report.model_calls += counting.calls
        report.generated_tokens += counting.new_tokens
    if not opts.quiet:
        print(said, file=stream, flush=True)
    used = len(project.outcome.repair.rounds) if project.outcome.repair is not None else 0
    # after the repairs, which rewrote files; the behaviour repair in place is one more round, within the budget
    check_in_place(opts, sources, dst, report, stream, repair if used < opts.check_rounds else None)


def emit(s: Source, res, dst: Path, project: ProjectSession | None) -> None:
    """Write one translated file (rewritten as a module of the project first, unless ``project`` is None)."""
    res.output_path = s.entry.output
    res.path = s.entry.path
    if project is not None and s.entry.output:  # imports, exports, tests from the symbol map
        written = project.write_file(s.entry.path, s.entry.output, res)
        if written is not None:
            s.entry.notes, s.entry.tests = written.notes, written.tests
    if write_output(s.entry, dst, res.text.encode("utf-8")):
        s.entry.result = res
