"""``--sandbox auto|require|off`` for every command that runs generated code (or ``--tests`` on it)."""
from __future__ import annotations

import functools
from collections.abc import Callable

import click

from translate.sandbox.policy import MODES

_HELP = ("Filesystem isolation of the programs run: auto = bubblewrap when it works here, else run without it "
         "and say so; require = refuse to run without it (exit 2); off = never (only when asked for).")


def sandbox_option(runs_code: Callable[[dict], bool] = lambda kw: True):
    """Add ``--sandbox``; set the process-wide mode before the command runs (``require`` without bwrap is
    a one-line error when ``runs_code(kwargs)`` says the command will run code), and end with one
    warning line when some run went without filesystem isolation."""

    def decorate(f):
        @click.option("--sandbox", type=click.Choice(MODES), default="auto", show_default=True, help=_HELP)
        @functools.wraps(f)
        def wrapper(*args, sandbox: str, **kw):
            from translate.sandbox.policy import set_mode, summary_line, unisolated_runs

            set_mode(sandbox, check=runs_code(kw))
            before = unisolated_runs()
            try:
                return f(*args, **kw)
            finally:
                if unisolated_runs() > before:
                    click.echo(summary_line(), err=True)
        return wrapper
    return decorate
