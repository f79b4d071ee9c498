"""``translate file``: one source file through the whole pipeline."""
from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path

import click

from translate.cli.main import main
from translate.cli.options import generation_options, model_options, open_model, shared, translate_options
from translate.cli.sandbox_option import sandbox_option
from translate.errors import EXIT_FAILURES, InputError
from translate.source.languages import get_language


def backend_from(kw: dict):
    return open_model(kw["backend_config"])


def _through_server(server: str | None, kw: dict):
    """``--server URL`` (or TRANSLATE_SERVER): a warm ``translate serve`` that is up and runs the model asked
    for, as the ``openai:`` engine over its OpenAI-compatible API (so the unit cache and --tests work as
    in-process; its key from TRANSLATE_SERVE_API_KEY, never OPENAI_API_KEY); None (the model loads
    in-process, as the notice says) when there is no such server."""
    from translate.config import env
    from translate.engines.openai_compat import OpenAIBackend
    from translate.engines.remote_settings import RemoteSettings
    from translate.server.client import API_KEY_ENV, connect, server_url

    url = server_url(server)
    client = connect(url, model=kw["backend_config"].model, notice=lambda m: click.echo(m, err=True))
    if client is None:
        return None
    with client:
        revision = client.health().get("revision")
    settings = RemoteSettings(model="", base_urls=(f"{url}/v1",), api_key=(env(API_KEY_ENV) or "").strip() or None,
                              model_revision=revision if isinstance(revision, str) and revision else None,
                              key_env=API_KEY_ENV)
    return lambda: OpenAIBackend(settings, notice=lambda m: click.echo(m, err=True))


class _Progress:
    """A progress bar over units on a TTY (tqdm); silent otherwise."""

    def __init__(self, enabled: bool, total: int | None = None):
        self.bar = None
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="unit", desc="translating", file=sys.stderr, leave=False)

    def __call__(self, path, record) -> None:
        if self.bar is not None and record.kind != "glue":
            self.bar.set_postfix_str(f"{record.qualname}: {record.status}")
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@main.command("file")
@click.argument("src", type=click.Path(path_type=str))
@click.option("--to", "target", required=True, metavar="LANG", help="Target language (see `translate languages`).")
@click.option("--from", "source", metavar="LANG", default=None, help="Source language (default: from the extension).")
@click.option("-o", "--output", metavar="OUT", default=None,
              help="Output file (default: beside SRC with the target extension). '-' prints to stdout.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@shared("diff", help="Print a diff against the existing output; write nothing.")
@shared("report")
@click.option("--tests", "tests_path", metavar="TESTS", default=None,
              help="Target-language tests run against each candidate in a sandbox; a passing candidate is kept. "
                   "A unit whose tests never pass keeps its last valid answer and makes the exit code 1.")
@shared("verify")
@click.option("--emit-tests", "emit_dir", metavar="DIR", default=None,
              help="Also write the inputs and results recorded from the source as tests of the output in DIR, in the "
                   "target's runner (pytest, node --test, a Java main, a C++ main), importing the output by its path.")
@shared("max_bytes")
@shared("quiet", help="No progress bar.")
@shared("server")
@click.option("--no-cache", is_flag=True,
              help="Do not reuse (or record) units from the user's unit cache (TRANSLATE_HOME/units.sqlite).")
@generation_options()
@model_options
@sandbox_option(lambda kw: bool(kw.get("tests_path")) or kw.get("verify") != "off")
def file_cmd(src: str, target: str, source: str | None, output: str | None, force: bool, show_diff: bool,
             report_path: str | None, tests_path: str | None, emit_dir: str | None, max_bytes: int | None, quiet: bool,
             server: str | None, no_cache: bool, **kw) -> None:
    """Translate the source file SRC to another language, unit by unit.

    Every unit is validated; failed answers get repair turns (--max-turns). Units that never validate
    stay in the output as marked comments with the reason. The source is never overwritten.

    Each function is run against its source (--verify, default auto) and each unit's line in --report says
    what was observed: verified (N inputs), differs (input ...), unverifiable (why) or failed.

    Exit 0 when every unit translated, 1 when some failed, failed the --tests or does something other than
    its source (the output is still written; with --verify require also when a unit could not be checked),
    2 for input errors, 3 when the model cannot be loaded or runs out of memory.
    """
    from translate.fsutil import atomic_write_text
    from translate.translation.pipeline import translate_file, user_unit_cache

    get_language(target)  # unknown languages fail before the model loads
    if emit_dir and (kw.get("verify") == "off" or tests_path):
        raise InputError("--emit-tests writes what the behaviour checks recorded: it needs --verify auto or require "
                         "(and no --tests)")
    verifier = _verifier(tests_path, get_language(target), src) if tests_path else None
    remote = _through_server(server, kw)
    progress = _Progress(not quiet)
    cache = None if no_cache or tests_path else user_unit_cache()
    try:
        result = translate_file(src, target, output=output, source=source, backend=remote or (lambda: backend_from(kw)),
                                options=translate_options(kw), force=force, write=not show_diff, verifier=verifier,
                                on_unit=progress, max_bytes=max_bytes, cache=cache)
        if emit_dir and not show_diff:
            _emit(result, src, emit_dir, cache)
    finally:
        progress.close()
        if cache is not None:
            cache.close()
    out = result.output_path or "-"
    if show_diff:
        old = Path(out).read_text(encoding="utf-8") if out != "-" and Path(out).exists() else ""
        sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), result.text.splitlines(True), out, out))
    elif out == "-":
        click.echo(result.text, nl=False)
    if report_path:
        record = result.to_dict()
        if tests_path:
            from translate.sandbox import sandbox_report

            record["sandbox"] = sandbox_report()
        atomic_write_text(report_path, json.dumps(record, indent=2) + "\n")
    for d in result.diagnostics:
        click.echo(f"warning: {d.format(out)}", err=True)
    click.echo(result.summary_line(), err=True)
    for u in result.units:
        if u.kind != "glue" and u.check and not u.check.startswith(("verified", "unverifiable")):
            click.echo(f"{u.qualname}: {u.check}", err=True)
    unverified = result.unverified() if kw.get("verify") == "require" else []
    for u in unverified:
        if u.check and u.check.startswith("unverifiable"):
            click.echo(f"{u.qualname}: {u.check} (--verify require)", err=True)
    if not result.ok or unverified:
        sys.exit(EXIT_FAILURES)


def _emit(result, src: str, emit_dir: str, cache) -> None:
    from translate.source.files import read_source
    from translate.translation.emit import emit_tests

    try:
        path, n = emit_tests(result, read_source(src), emit_dir, cache)
    except ValueError as exc:
        click.echo(f"translate: no tests written: {exc}", err=True)
        return
    click.echo(f"wrote {path}: {n} function(s) tested on the inputs recorded from the source", err=True)


def _verifier(tests_path: str, target, src: str | None = None):
    from translate.evaluation import make_file_verifier

    if not Path(tests_path).is_file():
        raise InputError(f"{tests_path}: no such tests file")
    from translate.translation.output import class_name  # Java: bare methods live in the output's public class

    return make_file_verifier(tests_path, target.name, java_class=class_name(src))

