"""The project checks, by target language: build the migrated project and run its migrated tests in the sandbox
(JavaScript: translate.project.check, ``node --test``; Python: translate.project.check_python, pytest)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from translate.project.check import CheckResult, check_javascript
from translate.project.check_java import check_java
from translate.project.check_python import check_python
from translate.sandbox import missing_tool

Checker = Callable[[Path, list[str], list[str], list[str]], CheckResult]
CHECKERS: dict[str, Checker] = {"javascript": check_javascript, "python": check_python, "java": check_java}


def can_check(target: str) -> str | None:
    """None when ``target`` projects can be checked here, else why not."""
    if target not in CHECKERS:
        return f"no project check for {target} yet"
    return missing_tool(target)
