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
from translate.oracle import DEFAULT_LIMIT, DIFFERS, FAILED, UNVERIFIABLE
from translate.repo.verify import verify_files, verify_tree


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
    tests run with `translate repo --check`). For a Python project checked in JavaScript, the source's own
    tests run once under a tracer and each class is replayed as they use it: `verified (N scenarios)`.
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
