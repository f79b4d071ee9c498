"""The ``translate`` command line: a click group; each command group lives in its own module."""
from translate.cli.main import entry, main

__all__ = ["entry", "main"]
