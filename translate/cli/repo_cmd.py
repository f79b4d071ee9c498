"""``translate repo SRC_DIR --to LANG --out DST_DIR``: migrate a whole tree."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from translate.cli.main import main
from translate.cli.options import FIELDS, generation_options, model_options, shared
from translate.cli.sandbox_option import sandbox_option
from translate.errors import EXIT_FAILURES, EXIT_OK
from translate.repo.report import FILE_SKIPPED, PLANNED, REPORT_JSON, REPORT_MD, behaviour_text
from translate.translation.records import FAILED, OK, REPAIRED


@main.command("repo")
@click.argument("src_dir", type=click.Path(path_type=Path))
@click.option("--to", "to_lang", required=True, metavar="LANG", help="Target language.")
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), metavar="DST_DIR",
              help="Output directory (outside SRC_DIR).")
@click.option("--from", "from_lang", metavar="LANG",
              help="Source language (default: every known language except the target).")
@click.option("--include", multiple=True, metavar="GLOB", help="Only paths matching GLOB (gitignore syntax, repeatable).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip paths matching GLOB (gitignore syntax, repeatable).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help="Threads for reading and parsing (0: one per CPU).")
@click.option("--resume/--no-resume", default=True, show_default=True,
              help="Reuse cached unit results (--no-resume regenerates everything and refreshes the cache).")
@click.option("--dry-run", is_flag=True, help="Show what would be translated and where; load no model, write nothing.")
@click.option("--copy-other", is_flag=True, help="Copy files that are not source files into DST_DIR too.")
@click.option("--cache", "cache_path", type=click.Path(path_type=Path), metavar="PATH",
              help="Cache database (default: DST_DIR/.translate-cache.sqlite).")
@shared("quiet")
@shared("verify")
@click.option("--check/--no-check", "check", default=None,
              help="Build the migrated project and run its migrated tests in the sandbox (JavaScript: every module "
                   "loaded, node --test; Python: every module imported, pytest); default: when the target's toolchain "
                   "is here. Failing tests make the exit code 1.")
@click.option("--check-rounds", type=click.IntRange(min=0), default=2, show_default=True,
              help="Repair rounds after the check: the units each failing migrated test calls get a repair turn with "
                   "its error, then the tests run again; after the behaviour check in place, one round for the units "
                   "that differ there (0: report the failures only).")
@generation_options(help_batch_size="Units per model batch (shared across files).")
@click.option("--chunk-units", type=click.IntRange(min=0), default=0, hidden=True,
              help="Units per pipeline call (0: 8 batches); smaller chunks commit and write more often.")
@model_options
@sandbox_option(lambda kw: kw.get("verify") != "off")
def repo(src_dir: Path, to_lang: str, out_dir: Path, from_lang: str | None, include: tuple[str, ...],
         exclude: tuple[str, ...], backend_config, jobs: int, resume: bool, dry_run: bool, copy_other: bool,
         cache_path: Path | None, quiet: bool, chunk_units: int, check: bool | None, check_rounds: int,
         **generation) -> None:
    """Translate every source file of SRC_DIR into DST_DIR.

    Files are those git tracks (or, outside git, not matched by a .gitignore), filtered by language and
    --include/--exclude. Units of many files share model batches; each finished unit is committed to an
    SQLite cache, so an interrupted run picks up where it stopped and an unchanged re-run makes no model
    calls. Writes DST_DIR/translate-report.json and translate-report.md.

    Python -> JavaScript and Java -> Python are migrated as projects: the files import (and export) each
    other's names from a project-wide symbol map, the source's tests become the target runner's tests
    (pytest/unittest -> `*.test.js` for `node --test`; JUnit -> pytest functions), the build file comes from a
    template (package.json, pyproject.toml), and --check builds the project and runs its migrated tests; the
    report's "Build and tests" section says what passed. Python -> JavaScript units are then checked against
    the source in their place in the written project (the source in its package, each module among the modules
    it imports; skipped with --verify off); the report's "Behaviour in the written project" says what held.

    Exit codes: 0 every unit translated (and the migrated tests pass), 1 some units or files failed or the
    migrated project does not build or pass its tests or a unit differs from the source in its place (outputs
    still written), 2 usage or input error,
    3 model/memory error.
    """
    from translate.repo.runner import RepoOptions, migrate

    opts = RepoOptions(src=src_dir, dst=out_dir, target=to_lang, source=from_lang, include=include,
                       exclude=exclude, backend=backend_config, jobs=jobs, resume=resume, dry_run=dry_run,
                       copy_other=copy_other, cache=cache_path, quiet=quiet, max_turns=generation["max_turns"],
                       batch_size=generation["batch_size"], chunk_units=chunk_units, check=check,
                       check_rounds=check_rounds,
                       extra={FIELDS.get(k, k): v for k, v in generation.items() if k not in ("max_turns", "batch_size")})
    report = migrate(opts)
    skipped = [f for f in report.files if f.status == FILE_SKIPPED]
    for f in skipped:
        click.echo(f"translate: skipped {f.path}: {f.reason}", err=True)
    if dry_run:
        for f in report.files:
            if f.status == PLANNED:
                click.echo(f"{f.path} -> {f.output}" + (f" ({f.units} units)" if f.language else " (copy)"))
        planned = [f for f in report.files if f.status == PLANNED and f.language]
        click.echo(f"{len(planned)} file(s), {sum(f.units for f in planned)} unit(s) to translate; "
                   f"{len(skipped)} skipped (dry run: nothing written)", err=True)
        sys.exit(EXIT_OK)
    t = report.totals()
    bad_outputs = sum(1 for f in report.files if f.result is not None and f.result.diagnostics)
    if not quiet:
        behaviour = f" (behaviour: {behaviour_text(t['behaviour'])})" if t["behaviour"] else ""
        click.echo(f"{t.get('files_translated', 0)} file(s), {t['units']} unit(s): {t[OK]} ok, {t[REPAIRED]} repaired, "
                   f"{t[FAILED]} failed{behaviour}; top-level code: {t['glue_segments']} segment(s) for the model, {t['glue_failed']} failed; "
                   f"{t['cache_hits']} cached, {t['generated_tokens']} tokens generated, "
                   f"{report.seconds:.1f}s", err=True)
        click.echo(f"report: {out_dir / REPORT_JSON}, {out_dir / REPORT_MD}", err=True)
    checked = report.project.check if report.project is not None else None
    broken = checked is not None and not checked.skipped and (checked.builds is False or checked.failed > 0)
    broken = broken or any(r["status"] in ("differs", "failed") for r in report.in_place or ())
    sys.exit(EXIT_FAILURES if (report.failed or skipped or bad_outputs or broken) else EXIT_OK)
