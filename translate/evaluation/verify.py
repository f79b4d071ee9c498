"""Test verifiers: make translation test-guided.

The pipeline calls ``verifier(candidate) -> (ok, message)`` for every candidate unit that parses; a
failing verifier turns the test output into a repair turn. Here a verifier assembles the candidate
with the latest candidates of the file's other units and a target-language test file, and runs it
in the sandbox. ``make_file_verifier`` is what ``translate file --tests`` uses.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path

from translate.errors import InputError
from translate.languages import get_language
from translate.sandbox import RunResult, run_program, sandbox_language
from translate.units import parse_text
from translate.validate import normalize_name

Verifier = Callable[[str], "tuple[bool, str | None]"]


def unit_names(code: str, language: str) -> tuple[str, ...]:
    """Normalized names of the functions, classes and methods a candidate defines."""
    names: list[str] = []
    try:
        tops = parse_text(code, get_language(language)).top_units
    except (ValueError, RuntimeError):  # an unparsable candidate defines nothing we can route on
        return ()
    for unit in tops:
        for u in unit.walk():
            names.append(normalize_name(u.name))
    return tuple(names)


def feedback(res: RunResult, language: str, width: int = 600) -> str:
    """A short, model-readable account of why the tests failed (fed back as the repair problem)."""
    if res.status == "timeout":
        return f"the tests timed out after {res.reason or 'the time limit'} (an endless loop?)"
    text = (res.stderr or res.stdout).strip()
    lines = [line for line in text.split("\n") if line.strip()]
    if res.phase == "compile":
        errors = [line for line in lines if "error" in line.lower()] or lines
        return ("it does not compile: " + " | ".join(errors[:3]))[:width]
    if lines and lines[0].startswith("Traceback"):
        lines = lines[-3:]  # Python: the failing line and the exception
    elif language == "javascript":
        lines = [line for line in lines if not line.lstrip().startswith("at ")][:4]
    else:
        lines = lines[:4]
    what = res.reason or (f"exit code {res.exit_code}" if res.exit_code else "")
    return ("the tests failed" + (f" ({what})" if what else "") + (": " + " | ".join(lines) if lines else ""))[:width]


def run_passes(res: RunResult, language: str, *, silent: bool = False) -> bool:
    """Exit 0 in time; for JavaScript also no ``console.assert`` message (``silent``: no output at all)."""
    if not res.passed:
        return False
    if language == "javascript":
        if silent and (res.stdout.strip() or res.stderr.strip()):
            return False
        if "Assertion failed" in res.stderr:
            return False
    return True


def _java_program(parts: list[str], tests: str, wrapper: str) -> str:
    """Candidates (classes or bare methods) plus a test file with its own public class."""
    imports: list[str] = []
    classes, methods = [], []
    for part in parts:
        lines = part.split("\n")
        imports += [line.strip() for line in lines if line.strip().startswith("import ")]
        body = "\n".join(line for line in lines if not line.strip().startswith("import ")).strip("\n")
        is_class = any(u.kind == "class" for u in parse_text(body, get_language("java")).top_units)
        (classes if is_class else methods).append(body)
    test_imports = [line.strip() for line in tests.split("\n") if line.strip().startswith("import ")]
    test_body = "\n".join(line for line in tests.split("\n") if not line.strip().startswith("import "))
    out = [*dict.fromkeys(["import java.util.*;", *imports, *test_imports])]
    out += [re.sub(r"^(\s*)public\s+((?:final\s+|abstract\s+)?class\b)", r"\1\2", c, flags=re.MULTILINE) for c in classes]
    if methods:
        out.append(f"class {wrapper} {{\n" + "\n\n".join(methods) + "\n}")
    out.append(test_body.strip("\n"))
    return "\n\n".join(out) + "\n"


class ProgramVerifier:
    """Candidate + the latest candidates of the other units + tests, run in the sandbox.

    Thread-safe; remembers one candidate per unit (keyed by the names it defines), so a function is
    tested together with the current translations of the helpers it calls.
    """

    def __init__(self, language: str, tests: str, *, timeout: float = 10.0, silent: bool = False,
                 prelude: str = "", java_class: str = "Solution"):
        self.language = sandbox_language(get_language(language).name)
        self.tests, self.timeout, self.silent = tests, timeout, silent
        self.prelude, self.java_class = prelude, java_class
        self.latest: dict[tuple[str, ...], str] = {}
        self.runs = 0
        self._lock = threading.Lock()

    def program(self, candidate: str) -> str:
        key = unit_names(candidate, self.language) or (candidate,)
        with self._lock:
            self.latest[key] = candidate
            others = [code for k, code in self.latest.items() if k != key]
        parts = [*others, candidate]
        if self.language == "java":
            return self.prelude + _java_program(parts, self.tests, self.java_class)
        return self.prelude + "\n\n".join(p.strip("\n") for p in parts) + "\n\n" + self.tests.strip("\n") + "\n"

    def __call__(self, candidate: str) -> tuple[bool, str | None]:
        res = run_program(self.program(candidate), self.language, timeout=self.timeout)
        with self._lock:
            self.runs += 1
        if res.status == "skipped":
            return False, f"tests not run: {res.reason}"
        ok = run_passes(res, self.language, silent=self.silent)
        return ok, None if ok else feedback(res, self.language)


def make_file_verifier(tests_path: str | Path, target_lang: str, *, timeout: float = 10.0,
                       java_class: str = "Solution") -> ProgramVerifier:
    """The verifier for ``translate file SRC --to LANG --tests TESTS``.

    ``TESTS`` is a target-language file that exercises the translated code and exits non-zero (or,
    in JavaScript, prints ``Assertion failed``) when a test fails: Python ``assert``s, Node
    ``assert``/``console.assert``, a Java ``class`` with ``main`` (bare translated methods are put in
    ``class java_class``), a C++ ``main`` with ``assert``.
    """
    path = Path(tests_path)
    try:
        tests = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: test file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the test file ({exc})") from None
    try:
        return ProgramVerifier(target_lang, tests, timeout=timeout, java_class=java_class)
    except ValueError as exc:
        raise InputError(f"--tests: {exc}") from None
