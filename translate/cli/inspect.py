"""Commands that look at code without a model: ``units``, ``check``, ``languages``."""
from __future__ import annotations

import json
import sys

import click

from translate.cli.main import main
from translate.cli.options import shared
from translate.errors import EXIT_FAILURES, TranslateError
from translate.source.files import load, read_source
from translate.source.languages import all_languages, language_for_path
from translate.source.validate import too_deep, validate

LANG_OPTION = shared("lang", help="Source language (default: from the file extension).")
MAX_BYTES_OPTION = shared("max_bytes")


@main.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@LANG_OPTION
@MAX_BYTES_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the units as JSON.")
def units(file: str, lang: str | None, max_bytes: int | None, as_json: bool) -> None:
    """List the units (functions, methods, classes) of FILE.

    A file with syntax errors still lists what parses; the errors go to stderr and the exit code is 1.
    """
    parsed = load(file, lang, max_bytes)
    rows = parsed.units
    # the full gate (libcst for Python), not only tree-sitter's view
    diagnostics = validate(parsed.source, parsed.language)
    if as_json:
        click.echo(json.dumps({
            "path": file,
            "language": parsed.language.name,
            "units": [u.to_dict() for u in rows],
            "segments": [{"kind": s.kind, "start_byte": s.start_byte, "end_byte": s.end_byte,
                          "unit": s.unit.qualname if s.unit else None} for s in parsed.segments],
            "diagnostics": [d.to_dict() for d in diagnostics],
        }, indent=2))
    else:
        width = max([len(u.qualname) for u in rows] + [4])
        click.echo(f"{'KIND':<9} {'NAME':<{width}} {'LINES':<11} SIGNATURE")
        for u in rows:
            click.echo(f"{u.kind:<9} {u.qualname:<{width}} {f'{u.start_line}-{u.end_line}':<11} {u.signature}")
        click.echo(f"{len(rows)} unit(s) in {file} ({parsed.language.display})", err=True)
    for d in diagnostics:
        click.echo(d.format(file), err=True)
    if diagnostics:
        sys.exit(EXIT_FAILURES)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@LANG_OPTION
@MAX_BYTES_OPTION
def check(files: tuple[str, ...], lang: str | None, max_bytes: int | None) -> None:
    """Validate FILES: one ``path:line:col: message`` line per syntax error.

    Exit 0 when every file parses, 1 when some have syntax errors, 2 when a file cannot be read.
    """
    bad = 0
    unreadable = 0
    for path in files:
        try:
            language = language_for_path(path, lang)
            text = read_source(path, max_bytes)
        except TranslateError as exc:
            click.echo(f"translate: error: {exc}", err=True)
            unreadable += 1
            continue
        diags = validate(text, language)
        deep = too_deep(diags)
        if deep is not None:  # an input this tool refuses, not a syntax error
            click.echo(f"translate: error: {path}: {deep.message}", err=True)
            unreadable += 1
            continue
        for d in diags:
            click.echo(d.format(path))
        bad += bool(diags)
    if len(files) > 1 or bad:
        click.echo(f"{len(files) - bad - unreadable} ok, {bad} with syntax errors, {unreadable} unreadable", err=True)
    if unreadable:
        sys.exit(2)
    if bad:
        sys.exit(EXIT_FAILURES)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def languages(as_json: bool) -> None:
    """List the supported languages, their extensions and grammars."""
    rows = all_languages()
    if as_json:
        click.echo(json.dumps([{"name": lang.name, "display": lang.display, "extensions": list(lang.extensions),
                                "aliases": list(lang.aliases), "grammar": lang.grammar_module} for lang in rows],
                              indent=2))
        return
    for lang in rows:
        click.echo(f"{lang.name:<11} {lang.display:<11} {' '.join(lang.extensions):<28} {lang.grammar_module}")
