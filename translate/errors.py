"""Errors a user can act on: one line on stderr and a non-zero exit, never a traceback."""
from __future__ import annotations

# Exit codes, in the spirit of black: 0 all good, 1 the tool did its job but found problems
# (syntax errors, units that failed), 2 usage / input errors, 3 resource errors (model, memory).
EXIT_OK = 0
EXIT_FAILURES = 1
EXIT_USAGE = 2
EXIT_RESOURCE = 3
EXIT_INTERRUPTED = 130


class TranslateError(Exception):
    """An error with a one-line message meant for the user."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class InputError(TranslateError):
    """The input file or arguments cannot be used."""


class UnknownLanguageError(InputError):
    pass


class ModelError(TranslateError):
    """The model cannot be found, loaded or run."""

    exit_code = EXIT_RESOURCE
