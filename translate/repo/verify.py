"""Behaviour checks of a translation against its source, file by file or over a migrated project.

:func:`verify_files` runs each top-level function of a source file in the sandbox on its documented examples,
literal calls and generated inputs, and the function of the translation with the same name (any naming style)
on the same inputs, with the whole translation loaded so its helpers exist. :func:`verify_tree` does it for
every source file of a project against the file ``translate repo``'s layout made of it, where each side runs
among its project's files (the Python source in its package, a JavaScript module among the modules it
imports). A Python project's classes (checked in JavaScript) are replayed as the project's own tests use them
(:mod:`translate.oracle.scenarios`; the tests run once per project). ``translate verify`` prints these
verdicts; ``translate repo`` checks the project it wrote with them.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from translate.errors import InputError
from translate.oracle import (
    DEFAULT_LIMIT,
    DIFFERS,
    FAILED,
    UNVERIFIABLE,
    VERIFIED,
    Verdict,
    check_candidate,
    record_source,
)
from translate.oracle.hazards import hazard
from translate.oracle.js_modules import module_files, project_root
from translate.oracle.js_scenarios import needed_keys
from translate.oracle.py_project import import_root, python_module, root_files
from translate.oracle.record import SOURCE_LANGUAGES
from translate.oracle.scenarios import TestTrace, check_javascript, trace_tests
from translate.source import pyast
from translate.source.languages import Language, get_language, language_for_path
from translate.source.units import Unit, parse_text
from translate.source.validate import normalize_name
from translate.translation.holders import is_holder


def read_text(path: str) -> str:
    """The file's text; not UTF-8 is an input error."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason})") from exc


def check_units(source: str, lang: Language, path: str) -> list[Unit]:
    """The units to check: top-level functions and classes; a class that only holds functions (Java's
    ``class Solution``) stands for its methods."""
    units: list[Unit] = []
    for unit in parse_text(source, lang, path).top_units:
        units += [c for c in unit.children if c.kind == "method"] if is_holder(unit) else [unit]
    return units


@dataclass
class ProjectFiles:
    """What the checks of one project's files share: each import root's Python files, each JS file's text, and
    (a Python project checked in JavaScript) what its tests did with its classes and where each file went."""

    roots: dict[Path, dict[str, str] | None] = field(default_factory=dict)
    texts: dict[Path, str | None] = field(default_factory=dict)
    trace: TestTrace | None = None
    outputs: dict[str, Path] = field(default_factory=dict)  # source file (relative) -> its translation


def trace_project(root: Path) -> TestTrace:
    """Run the Python tests under ``root`` once under the tracer (translate.oracle.scenarios)."""
    from translate.project.symbols import is_test_path

    files = root_files(root)
    if files is None:
        return TestTrace(failed="the source project is too large to copy into the sandbox")
    tests = [rel for rel in files if is_test_path(rel, "python")]
    files.update(test_data(root, {str(PurePosixPath(rel).parent) for rel in tests}))
    support = [rel for rel in files if PurePosixPath(rel).name == "conftest.py"
               or {"test", "tests", "testing"} & set(PurePosixPath(rel).parts[:-1])]  # fixtures and test helpers
    modules = [rel for rel in files if rel not in tests and rel not in support]
    roots = {import_root(root / rel).relative_to(root).as_posix() for rel in modules}  # src/ layouts
    return trace_tests(files, modules, tests, paths=sorted(roots))


def test_data(root: Path, folders: set[str], limit: int = 2 << 20) -> dict[str, str]:
    """The text files (not Python) under the test folders ``folders`` (relative to ``root``): the data the tests
    read (``tests/fixtures/*.json``). Symlinks are not followed; at most ``limit`` bytes in all."""
    out: dict[str, str] = {}
    size = 0
    for folder in sorted(f for f in folders if f not in ("", ".")):
        top = Path(os.path.realpath(root / folder))
        if not top.is_relative_to(Path(os.path.realpath(root))):
            continue
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
            for name in sorted(filenames):
                path = Path(dirpath) / name
                if name.endswith((".py", ".pyc")) or path.is_symlink():
                    continue
                try:
                    if size + path.stat().st_size > limit:
                        return out
                    text = path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    continue
                size += len(text)
                out[path.relative_to(Path(os.path.realpath(root))).as_posix()] = text
    return out


def _source_tree(source: str):
    """The source's syntax tree for the hazard checks, or ``None`` where it does not parse."""
    try:
        return pyast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _scenarios(unit: Unit, rel: str, out: Path, code: str, project: ProjectFiles, tree) -> Verdict | None:
    """The unit checked by replaying what the project's tests did with it, or why it cannot be (``None``: no
    trace for this project; the caller says why). ``tree``: the source file's syntax tree (``None``: none)."""
    trace = project.trace
    if trace is None:
        return None
    why = hazard(tree, unit.name) if tree is not None else None
    if why:  # what the tests saw came from a clock, the environment they patched...: not for replaying elsewhere
        return Verdict(UNVERIFIABLE, reason=why, counted="scenario")
    records = trace.for_unit(rel, unit.name)
    if not records and unit.kind == "class" and not any(c.kind == "method" for c in unit.children):
        why = "no methods of its own to run (what it does is checked where the project builds or raises it)"
        return Verdict(UNVERIFIABLE, reason=why, counted="scenario")
    if not records:
        return Verdict(UNVERIFIABLE, reason=trace.why_none(rel, unit.name, unit.kind), counted="scenario")
    root = Path(os.path.realpath(project_root(out)))
    needed = {str(k).rsplit(":", 1)[0] for r in records for k in needed_keys(r)} - {rel}
    imports: dict[str, str] = {}
    files: dict[str, str] = {}
    for path in [out, *(project.outputs[n] for n in sorted(needed) if n in project.outputs)]:
        real = Path(os.path.realpath(path))
        if not real.is_relative_to(root) or not real.is_file():
            continue
        found = module_files(real, texts=project.texts)
        files.update(found.files if found else {real.relative_to(root).as_posix(): read_text(str(real))})
    for name in needed:
        if name in project.outputs:
            spec = os.path.relpath(os.path.realpath(project.outputs[name]), os.path.realpath(out.parent))
            imports[name] = spec if spec.startswith(".") else "./" + spec
    names = [u.name for u in parse_text(code, get_language("javascript")).top_units]
    here = PurePosixPath(Path(os.path.realpath(out)).relative_to(root).as_posix())
    return check_javascript(records, code, own=rel, imports=imports, names=names, files=files, place=here)


def verify_files(src: str, out: str, *, source_lang: str | None = None, target_lang: str | None = None,
                 limit: int = DEFAULT_LIMIT, source: str | None = None, units: list[Unit] | None = None,
                 project: ProjectFiles | None = None, rel: str | None = None) -> list[tuple[str, Verdict]]:
    """(unit name, verdict) for every top-level unit of ``src`` (``source``/``units``: its text and units,
    when already read; ``rel``: its path in its project, whose tests' scenarios ``project.trace`` holds)."""
    slang = language_for_path(src, source_lang)
    tlang = language_for_path(out, target_lang)
    if slang.name not in SOURCE_LANGUAGES:
        raise InputError(f"{src}: verifying {slang.name} sources is not supported yet "
                         f"(only {', '.join(SOURCE_LANGUAGES)})")
    source = read_text(src) if source is None else source
    target = read_text(out)
    units = check_units(source, slang, src) if units is None else units
    if not units:
        raise InputError(f"{src}: no functions or classes to verify")
    translated = {normalize_name(u.name) for u in parse_text(target, tlang, out).units}
    project = project or ProjectFiles()
    # a module of a migrated project runs among the files it imports (``translate repo``'s ES modules)
    modules = module_files(Path(out), target, project.texts) if tlang.name == "javascript" else None
    # and a Python source runs in its package, where what it imports from the project is there
    package = python_module(Path(src), source, project.roots) if slang.name == "python" else None
    replay = rel is not None and project.trace is not None and (slang.name, tlang.name) == ("python", "javascript")
    tree = _source_tree(source) if replay else None  # parsed once for every unit's hazard check
    results: list[tuple[str, Verdict]] = []
    for unit in units:
        if unit.kind not in ("function", "method"):
            found = _scenarios(unit, rel, Path(out), target, project, tree) if replay and rel else None
            why = "a class: checked by replaying the source project's tests, in a Python project migrated to JavaScript"
            results.append((unit.name, found or Verdict(UNVERIFIABLE, reason=why)))
            continue
        if normalize_name(unit.name) not in translated:
            results.append((unit.name, Verdict(FAILED, reason=f"no {unit.name} in {out}")))
            continue
        recording = record_source(source, slang.name, unit.name, limit=limit, module=package)
        verdict = check_candidate(recording, target, tlang.name, modules=modules)
        if replay and rel and project.trace and verdict.status in (VERIFIED, UNVERIFIABLE) \
                and project.trace.for_unit(rel, unit.name):
            verdict = _with_scenarios(verdict, _scenarios(unit, rel, Path(out), target, project, tree))
        results.append((unit.name, verdict))
    return results


def _with_scenarios(verdict: Verdict, replayed: Verdict | None) -> Verdict:
    """A function's verdict from its inputs, and from the calls the project's tests made of it (objects as
    arguments, which generated inputs cannot be): one that differs or fails decides; else one verified stays."""
    if replayed is None or verdict.status == UNVERIFIABLE or replayed.status in (DIFFERS, FAILED):
        return replayed or verdict
    if replayed.status == VERIFIED:
        verdict.notes.append(f"also verified on {replayed.line()[len('verified ('):-1]} from the project's tests")
    return verdict


def verify_tree(src: str, out: str, *, source_lang: str | None, target_lang: str | None,
                limit: int = DEFAULT_LIMIT) -> tuple[list[tuple[str, str, Verdict]], int]:
    """(source file, unit name, verdict) for every unit of every source file of the project ``src`` against its
    translation in ``out`` (where ``translate repo`` put it: the layout), and how many test files were left out."""
    from translate.repo.layout import load_layout
    from translate.repo.selection import select

    if target_lang is None:
        raise InputError("verifying a directory needs --to LANG: the language of OUT_DIR")
    target = get_language(target_lang)
    sel = select(src, target=target, source_lang=source_lang)
    layout = load_layout(Path(src), target)
    pairs: list[tuple[str, Path, Language | None, str | None]] = []
    for picked in sel.sources:
        try:
            output: str | None = str(layout.output_for(picked.rel))
        except ValueError:
            output = None
        pairs.append((str(picked.rel), picked.path, picked.language, output))
    return verify_pairs(pairs, Path(out), target, limit=limit)


def verify_pairs(pairs: Sequence[tuple[str, Path, Language | None, str | None]], out: Path, target: Language, *,
                 limit: int = DEFAULT_LIMIT, traces: dict[Path, TestTrace] | None = None
                 ) -> tuple[list[tuple[str, str, Verdict]], int]:
    """:func:`verify_tree` over given (source path relative to its project, its file, its language, its output
    relative to ``out``) pairs: ``translate repo`` passes the files it translated and where it wrote them.
    ``traces``: the source project's test traces by its root, kept between calls (the tests run once)."""
    from translate.project.symbols import is_test_path

    out_root = out.resolve()
    rows: list[tuple[str, str, Verdict]] = []
    tests = 0
    project = ProjectFiles()
    python = [(rel, path) for rel, path, language, _ in pairs if language is not None and language.name == "python"]
    if python and target.name == "javascript":  # the classes are checked against what the project's tests do
        rel, path = python[0]
        root = Path(os.path.realpath(path))
        for _ in PurePosixPath(rel).parts:
            root = root.parent
        traces = {} if traces is None else traces
        if root not in traces:
            traces[root] = trace_project(root)
        project.trace = traces[root]
        project.outputs = {r: (out_root / o) for r, _, _, o in pairs if o is not None}
    for rel, path, language, output in pairs:
        if language is None or language.name not in SOURCE_LANGUAGES or output is None:
            continue
        if is_test_path(rel):
            tests += 1
            continue
        dst = (out_root / output).resolve()
        try:
            source = read_text(str(path))
            units = check_units(source, language, rel)
            if not units:
                continue  # nothing to check (an empty ``__init__.py``)
            if not dst.is_relative_to(out_root) or not dst.is_file():
                rows.append((rel, "(file)", Verdict(FAILED, reason=f"no translation at {dst}")))
                continue
            found = verify_files(str(path), str(dst), source_lang=language.name, target_lang=target.name,
                                 limit=limit, source=source, units=units, project=project, rel=rel)
        except (InputError, OSError) as exc:  # a file that cannot be read: said, the others checked
            rows.append((rel, "(file)", Verdict(UNVERIFIABLE, reason=str(exc))))
            continue
        rows += [(rel, name, verdict) for name, verdict in found]
    return rows, tests


# (source, target) languages whose units run in their place in a migrated project on both sides: the Python
# source in its package (translate.oracle.py_project), the JavaScript module among the modules it imports
# (translate.oracle.js_modules). Python targets run alone still: their relative imports would not load.
IN_PLACE = {("python", "javascript")}
