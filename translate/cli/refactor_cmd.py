"""``translate refactor``: rewrite units in the same language by instruction or recipe, checked for equivalence.

The engine side (:mod:`translate.refactor.refactor`) is imported when the command runs, so that
``translate --help`` and the other commands never pay for (or depend on) the model stack.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from translate.cli.main import main
from translate.cli.options import generation_options, model_options, open_model, shared, translate_options
from translate.cli.sandbox_option import sandbox_option
from translate.codemods.project import unified_diff
from translate.errors import EXIT_FAILURES, InputError
from translate.fsutil import atomic_write_text
from translate.refactor.recipes import RECIPES, Recipe, from_instruction, get_recipe
from translate.source.files import read_source
from translate.source.languages import get_language, language_for_path
from translate.source.units import parse_text, refuse_too_deep


def _files(paths: tuple[str, ...], recipe: Recipe, lang: str | None) -> list[tuple[Path, Path]]:
    """(path, path relative to what was given) of every file to refactor."""
    from translate.repo.selection import select

    wanted = [get_language(lang)] if lang else [get_language(n) for n in (recipe.languages or ("python",))]
    out: list[tuple[Path, Path]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for language in wanted:
                sel = select(p, target=language, source_lang=language.name)
                out += [(pk.path, Path(pk.rel)) for pk in sel.sources]
            continue
        if not p.exists():
            raise InputError(f"{raw}: no such file or directory")
        language = language_for_path(p, lang)
        if recipe.languages is not None and language.name not in recipe.languages:
            raise InputError(f"{raw}: the {recipe.name} recipe works on {', '.join(recipe.languages)} files, "
                             f"not {language.display}")
        out.append((p, Path(p.name)))
    if not out:
        raise InputError(f"no {' or '.join(w.display for w in wanted)} files under {' '.join(paths)}")
    rels = [r for _, r in out]
    dup = next((r for r in rels if rels.count(r) > 1), None)
    if dup is not None:
        raise InputError(f"two inputs map to the same output name {dup}; pass their common directory instead")
    return out


def _print_list() -> None:
    width = max(len(n) for n in RECIPES)
    for r in RECIPES.values():
        click.echo(f"{r.name:<{width}}  {r.summary}")


def _report(plans: list, recipe: Recipe, model: str | None, tests: str | None) -> dict:
    from translate.refactor.refactor import OUTCOMES
    from translate.repo.report import unit_dict

    totals = {o: 0 for o in OUTCOMES}
    files = []
    for plan in plans:
        for o, n in plan.counts().items():
            totals[o] += n
        files.append({"path": plan.path, "changed": plan.changed, "counts": plan.counts(),
                      "diagnostics": [d.to_dict() for d in plan.diagnostics],
                      "units": [{**unit_dict(p.record), "outcome": p.outcome,
                                 "history": [{"turn": a.turn, "text": a.text, "problem": a.problem,
                                              "verified": a.verified} for a in p.record.attempts]}
                                for p in plan.pieces]})
    from translate.sandbox import sandbox_report

    return {"recipe": recipe.name, "instruction": recipe.instruction, "model": model, "tests": tests,
            "sandbox": sandbox_report() if tests else None, "totals": totals, "files": files}


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--instruction", "-i", metavar="TEXT", help="What to do to each unit, in plain words.")
@click.option("--recipe", "-r", "recipe_name", metavar="NAME", help="A built-in recipe (see --list).")
@click.option("--list", "list_recipes", is_flag=True, help="List the built-in recipes and exit.")
@click.option("--only", multiple=True, metavar="NAME_GLOB", help="Only units whose name or Class.method matches (repeatable).")
@shared("check")
@shared("diff")
@click.option("--in-place", is_flag=True, help="Replace the files (atomically).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=str), help="Write results under DIR.")
@click.option("--tests", "tests_cmd", metavar="CMD", help="Test command run on a copy of --root before and after each rewrite.")
@click.option("--root", default=".", show_default=True, type=click.Path(file_okay=False, path_type=str),
              help="The tree --tests copies and runs in.")
@click.option("--tests-timeout", default=300.0, show_default=True, type=click.FloatRange(1, 3600), help="Seconds per test run.")
@generation_options()
@shared("lang", help="Language of the files (directories: which files to pick).")
@click.option("--cache", "cache_path", type=click.Path(dir_okay=False, path_type=str),
              help="SQLite unit cache: a re-run (or a resumed one) reuses finished units.")
@shared("report", help="Write a JSON report.")
@shared("quiet", help="Only errors on stderr.")
@model_options
@sandbox_option(lambda kw: bool(kw.get("tests_cmd")))
def refactor(paths, instruction, recipe_name, list_recipes, only, check, show_diff, in_place, out_dir, tests_cmd, root,
             tests_timeout, backend_config, lang, cache_path, report_path, quiet, **generation) -> None:
    """Rewrite the units of PATHS (files or directories) in the same language, by --instruction or --recipe.

    Each selected function, method or method-less class is rewritten with a multi-turn prompt and
    accepted only if it parses, keeps its name, parameters and decorators (unless the instruction is
    about them) and passes the recipe's checks; every other unit stays byte-identical. With --tests a
    rewrite that turns a passing suite red is rolled back and quoted to the model as a repair turn.
    Per unit: rewritten / rolled back / unchanged / failed / skipped. Without --in-place or --out the
    changes are shown as a diff and nothing is written. Exit 1 when a unit failed or was rolled back.
    """
    if list_recipes:
        _print_list()
        return
    if not paths:
        raise InputError("give PATH... to refactor (or --list)")
    if bool(instruction) == bool(recipe_name):
        raise InputError("give exactly one of --instruction TEXT or --recipe NAME")
    if in_place and out_dir:
        raise InputError("--in-place and --out DIR exclude each other")
    recipe = get_recipe(recipe_name) if recipe_name else from_instruction(instruction)
    files = _files(paths, recipe, lang)
    parsed = []
    for path, _ in files:
        language = language_for_path(path, lang)
        parsed.append(refuse_too_deep(parse_text(read_source(path), language, str(path))))
    _run(parsed, files, recipe, only=list(only), check=check, show_diff=show_diff, in_place=in_place, out_dir=out_dir,
         tests_cmd=tests_cmd, root=root, tests_timeout=tests_timeout, backend_config=backend_config,
         options=translate_options(generation), cache_path=cache_path, report_path=report_path, quiet=quiet)


def _run(parsed, files, recipe, *, only, check, show_diff, in_place, out_dir, tests_cmd, root, tests_timeout,
         backend_config, options, cache_path, report_path, quiet) -> None:
    from translate.refactor.refactor import needs_model, plan_file, run_plans
    from translate.refactor.testgate import TestGate
    from translate.repo.progress import Progress

    plans = [plan_file(p, recipe, only or None) for p in parsed]
    gate = TestGate(tests_cmd, root, timeout=tests_timeout) if tests_cmd else None
    cache = None
    try:
        if gate is not None:
            for path, _ in files:
                gate.relative(path)
            gate.baseline()
        backend = None
        if needs_model(plans):
            backend = open_model(backend_config, (lambda msg: None) if quiet else None)
        if cache_path:
            from translate.translation.cache import UnitCache

            cache = UnitCache(cache_path)
        todo = sum(p.task is not None for plan in plans for p in plan.pieces)
        progress = Progress(len(plans), todo, mode="quiet" if quiet or todo == 0 else "auto")
        run_plans(plans, backend, recipe, options, gate=gate, cache=cache,
                  on_unit=lambda path, rec: progress.unit_done(rec) if rec.attempts or rec.cache_hit else None)
        progress.close()
    finally:
        if gate is not None:
            gate.close()
        if cache is not None:
            cache.close()
    _emit(plans, files, recipe, check=check, show_diff=show_diff, in_place=in_place, out_dir=out_dir, quiet=quiet,
          report_path=report_path, model=backend.model_id if backend is not None else None, tests_cmd=tests_cmd)


def _emit(plans, files, recipe, *, check, show_diff, in_place, out_dir, quiet, report_path, model, tests_cmd) -> None:
    from translate.refactor.refactor import FAILED_OUT, OUTCOMES, ROLLED_BACK, SKIPPED_OUT
    changed = [p for p in plans if p.changed]
    if not quiet:
        for plan in plans:
            c = plan.counts()
            click.echo(f"{plan.path}: " + ", ".join(f"{c[o]} {o}" for o in OUTCOMES), err=True)
            for p in plan.pieces:
                if p.outcome != SKIPPED_OUT or p.record.reason:
                    why = f": {p.record.reason}" if p.record.reason and p.outcome != "rewritten" else ""
                    click.echo(f"  {p.outcome:<12} {p.record.qualname}{why}", err=True)
            for d in plan.diagnostics:
                click.echo(d.format(plan.path or "<text>"), err=True)
    if report_path:
        atomic_write_text(report_path, json.dumps(_report(plans, recipe, model, tests_cmd), indent=2) + "\n")
    if show_diff or not (check or in_place or out_dir):
        for plan in changed:
            click.echo(unified_diff(Path(plan.path), plan.original, plan.text), nl=False)
        if not (show_diff or check) and not quiet:
            click.echo("translate: nothing written (use --in-place or --out DIR to write)", err=True)
    if in_place and not check:
        for plan in changed:
            atomic_write_text(plan.path, plan.text)
    if out_dir and not check:
        for plan, (_, rel) in zip(plans, files):
            atomic_write_text(Path(out_dir) / rel, plan.text, root=out_dir)
    bad = any(p.outcome in (FAILED_OUT, ROLLED_BACK) for plan in plans for p in plan.pieces)
    bad |= any(plan.diagnostics for plan in plans)
    if bad or (check and changed):
        sys.exit(EXIT_FAILURES)
