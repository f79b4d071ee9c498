"""``translate complete``: fill in stub bodies in place (also the pre-commit hook's entry point)."""
from __future__ import annotations

import difflib
import sys

import click

from translate.cli.main import main
from translate.cli.options import generation_options, model_options, open_model, shared
from translate.complete.run import CompleteOptions, CompletionResult, complete_parsed, plan
from translate.errors import EXIT_FAILURES, EXIT_OK, EXIT_RESOURCE, EXIT_USAGE, ModelError, TranslateError
from translate.fsutil import atomic_write_text
from translate.server.client import connect, server_url
from translate.source.files import load, read_source
from translate.source.units import ParsedFile


def _err(message: str) -> None:
    click.echo(message, err=True)


def _write(path: str, original: str, text: str) -> bool:
    """Atomic write, unless the file changed on disk since it was read (then leave it)."""
    if read_source(path) != original:
        _err(f"translate: error: {path} changed while completing; left as it is")
        return False
    atomic_write_text(path, text)
    return True


def _run_server(client, files: list[ParsedFile], opts: CompleteOptions) -> list[CompletionResult]:
    out = []
    for f in files:
        d = client.complete(f.source, f.language.name, path=f.path, max_turns=opts.max_turns,
                            context_tokens=opts.context_tokens, max_new_tokens=opts.max_new_tokens)
        out.append(CompletionResult.from_dict(d))
    return out


@main.command("complete")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@shared("check", help="Only list the stubs (no model, writes nothing); exit 1 if there are any.")
@shared("diff", help="Print the completions as a unified diff; write nothing.")
@shared("server")
@shared("lang")
@click.option("--context-tokens", type=click.IntRange(0, 8192), default=768, show_default=True,
              help="Budget for the file context shown before each stub.")
# one function body, not a whole unit's translation: a smaller cap than the other commands' 1024
@generation_options("max_turns", "max_new_tokens", max_new_tokens=384,
                    help_max_turns="Model turns per stub (later turns quote what was wrong).",
                    help_max_new_tokens="Most tokens generated for one body.")
@model_options
def complete(files: tuple[str, ...], check: bool, show_diff: bool, max_turns: int, server: str | None,
             lang: str | None, context_tokens: int, max_new_tokens: int, backend_config) -> None:
    """Complete stub functions and methods in FILES, in place.

    A stub is a body that is only `...`, `pass`, `raise NotImplementedError`, a docstring or a
    `TODO: complete` comment (Python), or empty / only a TODO comment / `todo!()` / `panic("TODO")` /
    `throw new UnsupportedOperationException()` (other languages). Signatures, decorators and
    docstrings are kept; a body is accepted only when the file still parses. Files containing
    `@generated` are skipped.

    Exit 0 nothing to do, 1 files changed (or would change with --check/--diff), 2 a stub could not be
    completed or a file could not be read, 3 the model is unavailable (those places are left untouched).
    """
    code = EXIT_OK
    todo: list[tuple[ParsedFile, list]] = []
    for path in files:
        try:
            parsed = load(path, lang)
        except TranslateError as exc:
            _err(f"translate: error: {exc}")
            code = EXIT_USAGE
            continue
        stubs, reason = plan(parsed)
        if reason and stubs:  # e.g. syntax errors: cannot complete safely
            _err(f"{path}: cannot complete {len(stubs)} stub(s): {reason}")
            code = EXIT_USAGE
        elif stubs:
            todo.append((parsed, stubs))
    if check:
        for parsed, stubs in todo:
            for s in stubs:
                click.echo(f"{parsed.path}:{s.unit.start_line}: stub {s.unit.kind} {s.unit.qualname}")
            _err(f"would complete {len(stubs)} stub(s) in {parsed.path}")
        sys.exit(code or (EXIT_FAILURES if todo else EXIT_OK))
    if not todo:
        sys.exit(code)

    opts = CompleteOptions(max_turns=max_turns, context_tokens=context_tokens, max_new_tokens=max_new_tokens)
    parsed_files = [p for p, _ in todo]
    client = connect(server_url(server), model=backend_config.model, notice=_err)
    try:
        if client is not None:
            with client:
                results = _run_server(client, parsed_files, opts)
        else:
            backend = open_model(backend_config, _err)
            results = complete_parsed(parsed_files, backend, opts)
    except ModelError as exc:
        total = sum(len(s) for _, s in todo)
        _err(f"translate: error: model unavailable, {total} stub(s) left as they are: {exc}")
        sys.exit(EXIT_RESOURCE)

    for (parsed, stubs), res in zip(todo, results, strict=True):
        path = parsed.path
        for rec in res.failed:
            line = stubs[rec.index].unit.start_line if rec.index < len(stubs) else 1
            _err(f"{path}:{line}: cannot complete {rec.kind} {rec.qualname}: {rec.reason}")
            code = EXIT_USAGE
        if not res.changed:
            continue
        if show_diff:
            diff = difflib.unified_diff(res.source.splitlines(keepends=True), res.text.splitlines(keepends=True),
                                        f"a/{path}", f"b/{path}")
            click.echo("".join(diff), nl=False)
            _err(f"would complete {res.completed} stub(s) in {path}")
        elif _write(path, parsed.source, res.text):
            _err(f"completed {res.completed} stub(s) in {path}")
        else:
            code = EXIT_USAGE
            continue
        code = code or EXIT_FAILURES
    sys.exit(code)
