"""``translate rename OLD NEW PATH...``: an exact, model-free rename across Python files."""
from __future__ import annotations

import sys

import click

from translate.cli.main import main
from translate.cli.options import shared
from translate.codemods.project import unified_diff, write_all
from translate.codemods.rename import rename_symbol
from translate.errors import EXIT_FAILURES


@main.command()
@click.argument("old")
@click.argument("new")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@shared("check", help="Write nothing; exit 1 if files would change.")
@shared("diff", help="Print a unified diff instead of writing.")
@click.option("--skip-unresolved", is_flag=True,
              help="For a method: leave `obj.OLD` on receivers of unknown type as they are (noted) instead of refusing.")
@shared("quiet", help="No summary or notes on stderr.")
def rename(old: str, new: str, paths: tuple[str, ...], check: bool, show_diff: bool, skip_unresolved: bool,
           quiet: bool) -> None:
    """Rename the Python function, class or method OLD to NEW in every file under PATHS.

    OLD is a qualified name (pkg.mod.func, pkg.mod.Class.method) or any dotted tail of one
    (mod.func, Class.method, func); it must match exactly one definition. NEW is the new name only.
    The definition and every reference that libcst's scope and qualified-name analysis resolves to it
    follow (imports, `from x import y as z`, re-exports, __all__, overrides, self/cls/super() and
    instances of known type); other bindings of the same name, comments and strings stay. Ambiguous
    cases are refused with one line and exit 2. Files are replaced atomically.
    """
    result = rename_symbol(paths, old, new, skip_unresolved=skip_unresolved)
    if not quiet:
        for note in result.notes:
            click.echo(f"translate: note: {note}", err=True)
    if show_diff:
        for path, text in result.changes.items():
            click.echo(unified_diff(path, result.originals[path], text), nl=False)
    total = sum(result.counts.values())
    files = len(result.changes)
    if check or show_diff:
        if check:
            for path in result.changes:
                click.echo(f"would rename in {path}", err=True)
        if not quiet:
            click.echo(f"{result.target.fq} -> {new}: {total} occurrence(s) in {files} file(s) would change; "
                       "nothing written", err=True)
        if check and result.changes:
            sys.exit(EXIT_FAILURES)
        return
    write_all(result.changes)
    if not quiet:
        click.echo(f"renamed {result.target.fq} -> {new}: {total} occurrence(s) in {files} file(s)", err=True)
