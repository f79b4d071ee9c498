"""``translate verify SRC OUT``: check an existing translation unit by unit against the source's behaviour.

Each top-level function of SRC is run in the sandbox on its documented examples, literal calls and
generated inputs; the function of OUT with the same name (any naming style: ``wrap_index`` ==
``wrapIndex``) is run on the same inputs, with the whole of OUT loaded so its helpers exist. One line per
unit, then a summary. Exit 0 when every verifiable unit is verified, 1 when one differs or failed,
2 for input errors.
"""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import click

from translate.cli.main import main
from translate.cli.sandbox_option import sandbox_option
from translate.errors import EXIT_FAILURES, InputError
from translate.oracle import DEFAULT_LIMIT, DIFFERS, FAILED, UNVERIFIABLE, Verdict, check_candidate, record_source
from translate.oracle.js_modules import module_files
from translate.oracle.py_project import python_module
from translate.oracle.record import SOURCE_LANGUAGES
from translate.source.languages import Language, get_language, language_for_path
from translate.source.units import Unit, parse_text
from translate.source.validate import normalize_name
from translate.translation.holders import is_holder


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason})") from exc


def _units(source: str, lang: Language, path: str) -> list[Unit]:
    """The units to check: top-level functions and classes; a class that only holds functions (Java's
    ``class Solution``) stands for its methods."""
    units: list[Unit] = []
    for unit in parse_text(source, lang, path).top_units:
        units += [c for c in unit.children if c.kind == "method"] if is_holder(unit) else [unit]
    return units


@dataclass
class _Project:
    """What the checks of one project's files share: each import root's Python files, each JS file's text."""

    roots: dict[Path, dict[str, str] | None] = field(default_factory=dict)
    texts: dict[Path, str | None] = field(default_factory=dict)


def verify_files(src: str, out: str, *, source_lang: str | None = None, target_lang: str | None = None,
                 limit: int = DEFAULT_LIMIT, source: str | None = None, units: list[Unit] | None = None,
                 project: _Project | None = None) -> list[tuple[str, Verdict]]:
    """(unit name, verdict) for every top-level unit of ``src`` (``source``/``units``: its text and units,
    when already read)."""
    slang = language_for_path(src, source_lang)
    tlang = language_for_path(out, target_lang)
    if slang.name not in SOURCE_LANGUAGES:
        raise InputError(f"{src}: verifying {slang.name} sources is not supported yet "
                         f"(only {', '.join(SOURCE_LANGUAGES)})")
    source = _read(src) if source is None else source
    target = _read(out)
    units = _units(source, slang, src) if units is None else units
    if not units:
        raise InputError(f"{src}: no functions or classes to verify")
    translated = {normalize_name(u.name) for u in parse_text(target, tlang, out).units}
    project = project or _Project()
    # a module of a migrated project runs among the files it imports (``translate repo``'s ES modules)
    modules = module_files(Path(out), target, project.texts) if tlang.name == "javascript" else None
    # and a Python source runs in its package, where what it imports from the project is there
    package = python_module(Path(src), source, project.roots) if slang.name == "python" else None
    results: list[tuple[str, Verdict]] = []
    for unit in units:
        if unit.kind not in ("function", "method"):
            why = "a class: its methods need objects built from simple values (not done yet)"
            results.append((unit.name, Verdict(UNVERIFIABLE, reason=why)))
            continue
        if normalize_name(unit.name) not in translated:
            results.append((unit.name, Verdict(FAILED, reason=f"no {unit.name} in {out}")))
            continue
        recording = record_source(source, slang.name, unit.name, limit=limit, module=package)
        results.append((unit.name, check_candidate(recording, target, tlang.name, modules=modules)))
    return results


def verify_tree(src: str, out: str, *, source_lang: str | None, target_lang: str | None,
                limit: int = DEFAULT_LIMIT) -> tuple[list[tuple[str, str, Verdict]], int]:
    """(source file, unit name, verdict) for every unit of every source file of the project ``src`` against its
    translation in ``out`` (where ``translate repo`` put it: the layout), and how many test files were left out."""
    from translate.project.symbols import is_test_path
    from translate.repo.layout import load_layout
    from translate.repo.selection import select

    if target_lang is None:
        raise InputError("verifying a directory needs --to LANG: the language of OUT_DIR")
    target = get_language(target_lang)
    sel = select(src, target=target, source_lang=source_lang)
    layout = load_layout(Path(src), target)
    out_root = Path(out).resolve()
    rows: list[tuple[str, str, Verdict]] = []
    tests = 0
    project = _Project()
    for picked in sel.sources:
        if picked.language is None or picked.language.name not in SOURCE_LANGUAGES:
            continue
        if is_test_path(picked.rel):
            tests += 1
            continue
        try:
            dst = (out_root / str(layout.output_for(picked.rel))).resolve()
        except ValueError:
            continue
        source = _read(str(picked.path))
        units = _units(source, picked.language, str(picked.rel))
        if not units:
            continue  # nothing to check (an empty ``__init__.py``)
        if not dst.is_relative_to(out_root) or not dst.is_file():
            rows.append((str(picked.rel), "(file)", Verdict(FAILED, reason=f"no translation at {dst}")))
            continue
        found = verify_files(str(picked.path), str(dst), source_lang=picked.language.name, target_lang=target.name,
                             limit=limit, source=source, units=units, project=project)
        rows += [(str(picked.rel), name, verdict) for name, verdict in found]
    return rows, tests


@main.command()
@click.argument("src", type=click.Path(exists=True, path_type=str))
@click.argument("out", type=click.Path(exists=True, path_type=str))
@click.option("--to", "target_lang", default=None, help="OUT's language (default: from its extension; "
              "required for directories).")
@click.option("--from", "source_lang", default=None, help="SRC's language (default: from its extension).")
@click.option("--inputs", "limit", type=click.IntRange(1, 200), default=DEFAULT_LIMIT, show_default=True,
              help="At most this many inputs per unit (documented examples first, then generated values).")
@click.option("--quiet", "-q", is_flag=True, help="Only the summary line.")
@sandbox_option()
def verify(src: str, out: str, target_lang: str | None, source_lang: str | None, limit: int, quiet: bool) -> None:
    """Check the translation OUT of SRC by running both: every function of SRC is run on its examples and
    generated inputs, and OUT's function of the same name must return the same values (floats to a relative
    1e-6), leave its list arguments the same and raise where the source raises.

    Each unit is `verified (N inputs)`, `differs (input ...: expected X, got Y)`, `unverifiable (why)` or
    `failed (why)`. Exit 0 when every verifiable unit is verified, 1 when one differs or failed, 2 for
    input errors.

    SRC and OUT may be directories: a project and its migration by `translate repo` (--to names OUT's
    language); each source file is checked against the file the layout made of it, test files aside (their
    tests run with `translate repo --check`).
    """
    is_dir = Path(src).is_dir(), Path(out).is_dir()
    if is_dir[0] != is_dir[1]:
        raise InputError("SRC and OUT must both be files or both be directories")
    tests = 0
    try:
        if is_dir[0]:
            rows, tests = verify_tree(src, out, source_lang=source_lang, target_lang=target_lang, limit=limit)
        else:
            rows = [("", name, v) for name, v in verify_files(src, out, source_lang=source_lang,
                                                                 target_lang=target_lang, limit=limit)]
    except ValueError as exc:  # an unknown language name
        raise InputError(str(exc)) from exc
    except InputError as exc:
        raise InputError(str(exc).replace("pass --lang", "pass --from/--to")) from exc
    counts = Counter(v.status for _, _, v in rows)
    if not quiet:
        for path, name, verdict in rows:
            click.echo(f"{path + ': ' if path else ''}{name}: {verdict.line()}")
    summary = ", ".join(f"{counts.get(s, 0)} {s}" for s in ("verified", DIFFERS, UNVERIFIABLE, FAILED))
    files = f" in {len({p for p, _, _ in rows})} files" if is_dir[0] else ""
    left = f" ({tests} test file{'s' * (tests != 1)} not checked here)" if tests else ""
    click.echo(f"{len(rows)} unit{'s' if len(rows) != 1 else ''}{files}: {summary}{left}")
    if counts.get(DIFFERS) or counts.get(FAILED):
        sys.exit(EXIT_FAILURES)
