"""The ``translate`` command line: a click group; each command group lives in its own module."""
from translate.cli.main import main

__all__ = ["main"]
