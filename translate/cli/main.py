"""The click group and the error boundary: user errors are one line on stderr, never a traceback."""
from __future__ import annotations

import errno
import sys

import click

from translate.errors import EXIT_INTERRUPTED, EXIT_RESOURCE, EXIT_USAGE, TranslateError

_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _is_oom(exc: BaseException) -> bool:
    if isinstance(exc, MemoryError):
        return True
    name = type(exc).__name__
    return name == "OutOfMemoryError" or (isinstance(exc, RuntimeError) and "out of memory" in str(exc).lower())


class SafeGroup(click.Group):
    """Turns known failures into ``translate: error: ...`` and an exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except TranslateError as exc:
            _fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            _fail("interrupted", EXIT_INTERRUPTED)
        except BrokenPipeError:
            sys.exit(1)
        except Exception as exc:
            if _is_oom(exc):
                _fail("out of memory: try a smaller --batch-size, --dtype bf16/fp16, or a smaller model", EXIT_RESOURCE)
            if isinstance(exc, OSError) and exc.errno in _DISK_FULL:
                _fail(f"{exc.filename or 'output'}: disk full ({exc.strerror or exc}): free some space and re-run",
                      EXIT_RESOURCE)
            if isinstance(exc, OSError):
                _fail(f"{exc.filename or ''}{': ' if exc.filename else ''}{exc.strerror or exc}", EXIT_USAGE)
            raise


def _fail(message: str, code: int) -> None:
    click.echo(f"translate: error: {message}", err=True)
    sys.exit(code)


@click.group(cls=SafeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="codegen-translate", prog_name="translate")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Translate code between languages, unit by unit, with a local code model.

    Source files are parsed with tree-sitter into units (functions, methods, classes); each unit is
    translated with a multi-turn prompt, every answer is re-parsed (libcst for Python), and whole
    output files are reassembled. Units that never validate are kept, commented, with the reason.

    Exit codes: 0 success, 1 some units or files failed, 2 usage or input error, 3 model/memory error.
    """
    ctx.call_on_close(_close_models)


def _close_models() -> None:
    """The models a command opened go back when it ends (translate.engines.loader.close_opened)."""
    loader = sys.modules.get("translate.engines.loader")
    if loader is not None:
        loader.close_opened()


def _register() -> None:
    from translate.cli import (
        complete_cmd,  # noqa: F401
        eval_cmd,  # noqa: F401
        inspect,  # noqa: F401  (commands register themselves on import)
        models_cmd,  # noqa: F401
        refactor_cmd,  # noqa: F401
        rename_cmd,  # noqa: F401
        repo_cmd,  # noqa: F401
        serve_cmd,  # noqa: F401
        translate_cmd,  # noqa: F401
        verify_cmd,  # noqa: F401
    )


_register()
