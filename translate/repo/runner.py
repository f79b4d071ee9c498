"""``translate repo``: select, plan, translate in cross-file batches, write atomically, report.

Units of many files go to the pipeline together (``translate_sources`` batches them), in chunks of a
few model batches so output files are written as the run goes. Each model answer is committed to the
cache's journal as it arrives, each finished unit as it finishes: a killed run loses only the answers in
flight, and the next run takes everything else from the cache.
"""
from __future__ import annotations

import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TextIO

from translate.engines.loader import BackendConfig
from translate.errors import InputError, TranslateError
from translate.fsutil import DiskFullError, remove_stale_temps, unsafe_relpath
from translate.project.session import ProjectFile, ProjectSession
from translate.project.symbols import is_test_path
from translate.repo.finish import CountingBackend, Source, emit, finish_project, write_output
from translate.repo.layout import Layout, load_layout
from translate.repo.progress import Progress
from translate.repo.report import (
    COPIED,
    FILE_SKIPPED,
    PLANNED,
    REPORT_JSON,
    REPORT_MD,
    TRANSLATED,
    FileEntry,
    RepoReport,
    write_reports,
)
from translate.repo.selection import Picked, select
from translate.source.files import read_source, unix_newlines
from translate.source.languages import Language, get_language
from translate.source.units import parse_text
from translate.translation.bigclass import planned_units
from translate.translation.cache import DEFAULT_NAME, UnitCache


@dataclass
class RepoOptions:
    src: Path
    dst: Path
    target: str
    source: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    backend: BackendConfig = field(default_factory=BackendConfig)  # which model, engine, device
    jobs: int = 0  # threads for reading/parsing; 0 = CPU count
    resume: bool = True
    dry_run: bool = False
    copy_other: bool = False
    cache: Path | None = None
    quiet: bool = False
    progress: str = "auto"  # auto | bar | lines | quiet
    max_turns: int = 3
    batch_size: int = 32
    chunk_units: int = 0  # units per pipeline call; 0 = 8 model batches
    use_git: bool = True
    check: bool | None = None  # build and run the migrated tests; None: when the target's toolchain is here
    check_rounds: int = 2  # repair rounds after a check with failing tests (translate.project.repair)
    extra: dict = field(default_factory=dict)  # more TranslateOptions fields


class _NoReadCache:
    """--no-resume: never read old results, but still record the new ones."""

    def __init__(self, inner: UnitCache):
        self.inner = inner

    def get(self, key: str) -> dict | None:
        return None

    def put(self, key: str, value: dict, forget=()) -> None:
        self.inner.put(key, value, forget)

    def journal_get(self, key: str) -> dict | None:
        return None

    def journal_put(self, key: str, value: dict) -> None:
        self.inner.journal_put(key, value)

    def journal_forget(self, keys) -> None:
        self.inner.journal_forget(keys)


def _within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def check_dirs(src: Path, dst: Path, cache: Path | None) -> tuple[Path, Path, Path]:
    """Resolved (src, dst, cache path), or an InputError for a layout that could write into SRC."""
    if not src.exists():
        raise InputError(f"{src}: no such directory")
    if not src.is_dir():
        raise InputError(f"{src}: not a directory (use `translate file` for one file)")
    s, d = src.resolve(), dst.resolve()
    if d == s:
        raise InputError(f"--out {dst} is SRC_DIR itself: SRC_DIR is never written, pick another directory")
    if _within(d, s):
        raise InputError(f"--out {dst} is inside SRC_DIR {src}: pick a directory outside it")
    if d.exists() and not d.is_dir():
        raise InputError(f"--out {dst}: exists and is not a directory")
    c = (cache.resolve() if cache else d / DEFAULT_NAME)
    if cache is None and c.is_symlink() and not _within(Path(os.path.realpath(c)), d):
        raise InputError(f"{c}: the cache is a symlink leading outside --out (to {os.path.realpath(c)}); "
                         "remove it or pass --cache")
    if _within(c, s):
        raise InputError(f"--cache {cache} is inside SRC_DIR {src}: SRC_DIR is never written")
    if c.exists() and c.is_dir():
        raise InputError(f"--cache {cache}: is a directory")
    return s, d, c


def plan(opts: RepoOptions, target: Language, src: Path, dst: Path, cache_path: Path) -> tuple[list[FileEntry], list[tuple[FileEntry, Picked]], list[tuple[FileEntry, Picked]]]:
    """All report entries, the source files to translate and the files to copy, in path order."""
    sel = select(src, target=target, source_lang=opts.source, include=opts.include, exclude=opts.exclude,
                 use_git=opts.use_git)
    layout: Layout = load_layout(src, target)
    reserved = {PurePosixPath(REPORT_JSON): "the report", PurePosixPath(REPORT_MD): "the report"}
    if _within(cache_path, dst):
        rel = PurePosixPath(cache_path.relative_to(dst).as_posix())
        for suffix in ("", "-wal", "-shm", "-journal"):
            reserved[rel.with_name(rel.name + suffix)] = "the cache"
    taken: dict[PurePosixPath, str] = {}
    entries: list[FileEntry] = []
    todo: list[tuple[FileEntry, Picked]] = []
    copies: list[tuple[FileEntry, Picked]] = []

    def claim(entry: FileEntry, out: PurePosixPath) -> bool:
        clash = reserved.get(out) or taken.get(out)
        why = unsafe_relpath(out)
        if why is not None:
            entry.status, entry.reason = FILE_SKIPPED, f"output path {out} {why}: it would leave --out"
            return False
        if clash is None and _within((dst / out).resolve(), src):
            clash = "SRC_DIR (outputs are never written inside SRC_DIR)"
        if clash is not None:
            entry.status, entry.reason = FILE_SKIPPED, f"output path {out} collides with {clash}"
            return False
        taken[out] = entry.path
        return True

    for rel, reason in sel.refused:
        entries.append(FileEntry(str(rel), FILE_SKIPPED, reason=f"refused: {reason}"))
    for rel, reason in sel.left_out:
        entries.append(FileEntry(str(rel), FILE_SKIPPED, reason=reason))
    for p in sel.sources:
        assert p.language is not None  # a source has its language (selection.Picked)
        try:
            out = layout.output_for(p.rel)
        except ValueError as exc:
            entries.append(FileEntry(str(p.rel), FILE_SKIPPED, reason=str(exc), language=p.language.name))
            continue
        e = FileEntry(str(p.rel), TRANSLATED, output=str(out), language=p.language.name)
        entries.append(e)
        if claim(e, out):
            todo.append((e, p))
    # the data the tests read (``tests/fixtures/*.json``): files that are not sources under a folder of test
    # files (not the root) are copied without --copy-other, so the migrated tests find them where theirs did
    tests = {p.rel.parent for p in sel.sources if is_test_path(p.rel) and p.rel.parent != PurePosixPath(".")}
    for p in sel.others:
        if opts.copy_other or any(p.rel.is_relative_to(d) for d in tests):
            out = layout.copy_for(p.rel)
            e = FileEntry(str(p.rel), COPIED, output=str(out))
            entries.append(e)
            if claim(e, out):
                copies.append((e, p))
    entries.sort(key=lambda e: e.path)
    return entries, todo, copies


def _read(entry: FileEntry, picked: Picked, target: Language) -> Source | None:
    try:
        text = unix_newlines(read_source(picked.path))
    except TranslateError as exc:
        entry.status, entry.reason = FILE_SKIPPED, f"unreadable: {str(exc).split(': ', 1)[-1]}"
        return None
    assert picked.language is not None
    parsed = parse_text(text, picked.language, entry.path)
    if parsed.too_deep is not None:
        entry.status, entry.reason = FILE_SKIPPED, f"unreadable: {parsed.too_deep.message}"
        return None
    entry.units = planned_units(parsed, target)  # what the pipeline asks for (a big class: skeleton and methods)
    return Source(entry, picked, parsed, entry.units)


def _chunks(sources: list[Source], size: int) -> list[list[Source]]:
    out: list[list[Source]] = [[]]
    n = 0
    for s in sources:
        weight = s.units + 1  # + the file's top-level code (imports, constants)
        if out[-1] and n + weight > size:
            out.append([])
            n = 0
        out[-1].append(s)
        n += weight
    return [c for c in out if c]


def migrate(opts: RepoOptions, *, backend=None, stream: TextIO | None = None) -> RepoReport:
    """Run a whole migration; returns the report (already written to DST unless dry run).

    ``backend``: a ready backend (tests); by default ``opts.backend`` is opened once files are found, and its
    model loads only when a unit is not in the cache.
    """
    stream = stream or sys.stderr
    started = time.monotonic()
    target = get_language(opts.target)
    if opts.source and get_language(opts.source) is target:
        raise InputError(f"--from and --to are both {target.name}")
    src, dst, cache_path = check_dirs(Path(opts.src), Path(opts.dst), opts.cache)
    entries, todo, copies = plan(opts, target, src, dst, cache_path)
    refused_or_source = [e for e in entries if e.language or (e.reason or "").startswith("refused")]
    if not refused_or_source:
        what = f"{get_language(opts.source).display} " if opts.source else ""
        filters = " matching the --include/--exclude filters" if (opts.include or opts.exclude) else ""
        raise InputError(f"{opts.src}: no {what}source files to translate to {target.display}{filters}")
    report = RepoReport(src=str(opts.src), dst=str(opts.dst), source_language=opts.source,
                        target_language=target.name, cache=str(cache_path), dry_run=opts.dry_run, files=entries)
    workers = opts.jobs or os.cpu_count() or 1
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        sources = [s for s in pool.map(lambda t: _read(t[0], t[1], target), todo) if s is not None]
    if opts.dry_run:
        for s in sources:
            s.entry.status = PLANNED
        for e, _ in copies:
            e.status = PLANNED
        report.seconds = time.monotonic() - started
        return report

    if backend is None and sources:
        from translate.engines.loader import open_backend

        # a bad --model fails here, before DST_DIR is touched; the weights load on the first cache miss
        backend = open_backend(opts.backend.with_batch_size(opts.batch_size),
                               notice=None if opts.quiet else lambda msg: print(msg, file=stream, flush=True))
    dst.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(dst)
    copied = 0
    try:
        for e, p in copies:
            try:
                data = p.path.read_bytes()
            except OSError as exc:
                e.status, e.reason = FILE_SKIPPED, f"unreadable: {exc.strerror or exc}"
                continue
            copied += write_output(e, dst, data)

        if sources:
            project = ProjectSession([ProjectFile(s.entry.path, s.entry.output or "", s.parsed) for s in sources],
                                     target)
            if project.wants_types:  # a typed target: the types of the signatures first
                from translate.repo.verify import trace_project

                typed = project.typed(trace_project(src))
                if not opts.quiet:
                    print(typed, file=stream)
            _translate(opts, target, sources, dst, cache_path, report, stream, backend, project)
            finish_project(opts, project, sources, dst, src, report, stream, backend, cache_path, _topts(opts))
        report.seconds = time.monotonic() - started
        write_reports(report, dst)
    except DiskFullError as exc:
        done = copied + sum(1 for e in entries if e.result is not None)
        raise DiskFullError(f"{exc}; {done} output file(s) written before it (finished units are cached: "
                            "free space and re-run)") from None
    return report


def _topts(opts: RepoOptions):
    from translate.translation.pipeline import TranslateOptions

    return TranslateOptions(max_turns=opts.max_turns, batch_size=opts.batch_size, **opts.extra)


def _translate(opts: RepoOptions, target: Language, sources: list[Source], dst: Path, cache_path: Path,
               report: RepoReport, stream: TextIO, backend=None, project: ProjectSession | None = None) -> None:
    from translate.translation.pipeline import translate_parsed

    store = UnitCache(cache_path)  # a bad cache file is reported before the model loads
    if opts.quiet and backend.engine == "transformers":  # not for llama.cpp or remote pools
        _quiet_transformers()
    backend = CountingBackend(backend)
    report.model = backend.model_id
    report.revision = backend.revision
    topts = _topts(opts)
    mode = "quiet" if opts.quiet else opts.progress
    progress = Progress(len(sources), sum(s.units for s in sources), mode=mode, stream=stream)
    # remote pools: chunks of several times the requests the servers take at once, so they stay busy
    backend.batch_size = opts.batch_size  # as the pipeline sets it: the capacity of a local engine follows it
    capacity = backend.capacity()
    size = opts.chunk_units or max(8 * opts.batch_size, 4 * capacity, 1)
    cache = store if opts.resume else _NoReadCache(store)
    try:
        for chunk in _chunks(sources, size):
            # translate_sources minus the parse: the files were parsed in parallel above
            with project.prompts() if project is not None else nullcontext():
                results = translate_parsed([s.parsed for s in chunk], target, backend, topts, cache=cache,
                                           on_unit=_unit_callback(progress))
            for s, res in zip(chunk, results):
                emit(s, res, dst, project)
                progress.file_done()
    finally:
        progress.close()
        store.close()
        report.model_calls = backend.calls
        report.generated_tokens = backend.new_tokens


def _quiet_transformers() -> None:
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    except Exception:  # pragma: no cover - older/newer transformers without the switch
        pass


def _unit_callback(progress: Progress):
    def on_unit(path, record) -> None:
        if record.kind != "glue":
            progress.unit_done(record)
    return on_unit
