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
from pathlib import Path

import click

from translate.cli.main import main
from translate.cli.sandbox_option import sandbox_option
from translate.errors import EXIT_FAILURES, InputError
from translate.oracle import DEFAULT_LIMIT, DIFFERS, FAILED, UNVERIFIABLE, Verdict, check_candidate, record_source
from translate.oracle.js_modules import module_files
from translate.oracle.record import SOURCE_LANGUAGES
from translate.source.languages import language_for_path
from translate.source.units import parse_text
from translate.source.validate import normalize_name
from translate.translation.holders import is_holder


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason})") from exc


def verify_files(src: str, out: str, *, source_lang: str | None = None, target_lang: str | None = None,
                 limit: int = DEFAULT_LIMIT) -> list[tuple[str, Verdict]]:
    """(unit name, verdict) for every top-level unit of ``src``."""
    slang = language_for_path(src, source_lang)
    tlang = language_for_path(out, target_lang)
    if slang.name not in SOURCE_LANGUAGES:
        raise InputError(f"{src}: verifying {slang.name} sources is not supported yet "
                         f"(only {', '.join(SOURCE_LANGUAGES)})")
    source, target = _read(src), _read(out)
    parsed = parse_text(source, slang, src)
    units = []
    for unit in parsed.top_units:  # a class that only holds functions (Java's ``class Solution``): its methods
        units += [c for c in unit.children if c.kind == "method"] if is_holder(unit) else [unit]
    if not units:
        raise InputError(f"{src}: no functions or classes to verify")
    translated = {normalize_name(u.name) for u in parse_text(target, tlang, out).units}
    # a module of a migrated project runs among the files it imports (``translate repo``'s ES modules)
    modules = module_files(Path(out), target) if tlang.name == "javascript" else None
    results: list[tuple[str, Verdict]] = []
    for unit in units:
        if unit.kind not in ("function", "method"):
            why = "a class: its methods need objects built from simple values (not done yet)"
            results.append((unit.name, Verdict(UNVERIFIABLE, reason=why)))
            continue
        if normalize_name(unit.name) not in translated:
            results.append((unit.name, Verdict(FAILED, reason=f"no {unit.name} in {out}")))
            continue
        recording = record_source(source, slang.name, unit.name, limit=limit)
        results.append((unit.name, check_candidate(recording, target, tlang.name, modules=modules)))
    return results


@main.command()
@click.argument("src", type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.argument("out", type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.option("--to", "target_lang", default=None, help="OUT's language (default: from its extension).")
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
    """
    try:
        results = verify_files(src, out, source_lang=source_lang, target_lang=target_lang, limit=limit)
    except ValueError as exc:  # an unknown language name
        raise InputError(str(exc)) from exc
    except InputError as exc:
        raise InputError(str(exc).replace("pass --lang", "pass --from/--to")) from exc
    counts = Counter(v.status for _, v in results)
    if not quiet:
        for name, verdict in results:
            click.echo(f"{name}: {verdict.line()}")
    summary = ", ".join(f"{counts.get(s, 0)} {s}" for s in ("verified", DIFFERS, UNVERIFIABLE, FAILED))
    click.echo(f"{len(results)} unit{'s' if len(results) != 1 else ''}: {summary}")
    if counts.get(DIFFERS) or counts.get(FAILED):
        sys.exit(EXIT_FAILURES)
