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
from translate.sandbox import RunResult, run_program, sandbox_language
from translate.source.languages import get_language
from translate.source.units import parse_text
from translate.source.validate import normalize_name

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
        return ("it does not compile: " + " | ".join(_first_errors(lines)))[:width]
    if lines and lines[0].startswith("Traceback"):
        lines = lines[-3:]  # Python: the failing line and the exception
    elif language == "javascript":
        lines = [line for line in lines if not line.lstrip().startswith("at ")][:4]
    else:
        lines = lines[:4]
    what = res.reason or (f"exit code {res.exit_code}" if res.exit_code else "")
    if res.exit_code in _SIGNALS and not res.reason:
        what = f"exit code {res.exit_code}: {_SIGNALS[res.exit_code]}"
    return ("the tests failed" + (f" ({what})" if what else "") + (": " + " | ".join(lines) if lines else ""))[:width]


_SIGNALS = {134: "aborted (a failed assert?)", 136: "arithmetic error (a division or modulo by zero)",
            139: "segmentation fault (an invalid memory access)", -6: "aborted (a failed assert?)",
            -8: "arithmetic error (a division or modulo by zero)", -11: "segmentation fault (an invalid memory access)"}
_LINE_REFS = re.compile(r'(?:main\.(?:cpp|c|js|py)[:(]|Main\.java:|File "[^"]*main\.py", line )(\d+)')


def _first_errors(lines: list[str], most: int = 2) -> list[str]:
    """The first compiler errors, each with the code line it points at and a note on the call it concerns
    (g++: ``28 |   assert(sum_of_squares(v, n) == 14);``, ``note: in passing argument 1 of ...``)."""
    out: list[str] = []
    errors = 0
    for i, line in enumerate(lines):
        if "error" in line.lower():
            errors += 1
            if errors > most:
                break
            out.append(line.strip())
            for follow in lines[i + 1:i + 6]:
                text = follow.strip()
                if re.match(r"^\d+\s*\|\s*\S", text) or "in passing argument" in text:
                    out.append(" ".join(text.split()))
    return out or [line.strip() for line in lines[:3]]


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

    def note(self, candidate: str) -> None:
        """Remember a unit's newest answer without running anything (the engine notes every unit of a turn
        before testing any, so each is compiled beside the others' answers of the same turn)."""
        key = unit_names(candidate, self.language) or (candidate,)
        with self._lock:
            self.latest[key] = candidate

    def program(self, candidate: str) -> str:
        return self._program(candidate)[0]

    def _program(self, candidate: str) -> tuple[str, list[tuple[int, int, bool]]]:
        """The program, and the 1-based line span of each unit's code in it (``True``: the candidate's)."""
        key = unit_names(candidate, self.language) or (candidate,)
        with self._lock:
            self.latest[key] = candidate
            others = [code for k, code in self.latest.items() if k != key]
        parts = [*others, candidate]
        if self.language == "java":
            return self.prelude + _java_program(parts, self.tests, self.java_class), []
        code = "\n\n".join(p.strip("\n") for p in parts)
        lang = get_language(self.language)
        head = [*(lang.needed_imports(code) if lang.needed_imports else []),  # e.g. #include <vector>
                *(lang.forward_declarations(code) if lang.forward_declarations else [])]  # units in any order
        head = "".join(f"{line}\n" for line in head)
        spans, line = [], (self.prelude + head).count("\n") + 1
        for i, part in enumerate(parts):
            n = part.strip("\n").count("\n") + 1
            spans.append((line, line + n - 1, i == len(parts) - 1))
            line += n + 1
        return self.prelude + head + code + "\n\n" + self.tests.strip("\n") + "\n", spans

    def callers(self, name: str) -> list[str]:
        """The lines of the tests that call ``name`` (shown to the model: what its parameters must accept)."""
        from translate.translation.callsites import call_lines

        return call_lines(self.tests, get_language(self.language), name)

    def __call__(self, candidate: str) -> tuple[bool | None, str | None]:
        program, spans = self._program(candidate)
        flags = ("-g", "-fsanitize=undefined", "-fno-sanitize-recover=all") if self.language == "cpp" else ()
        res = run_program(program, self.language, timeout=self.timeout, cxxflags=flags)
        with self._lock:
            self.runs += 1
        if res.status == "skipped":
            return False, f"tests not run: {res.reason}"
        ok = run_passes(res, self.language, silent=self.silent)
        if ok:
            return True, None
        message = feedback(res, self.language)
        where = _located(res.stderr + "\n" + res.stdout, spans)  # the unit whose lines the error points into
        if where is True:
            line = _located_line(res.stderr + "\n" + res.stdout, spans, program)
            return False, message + (f" (at `{line}`)" if line else "")
        elsewhere = "another unit" if where is False else self._blamed_elsewhere(
            candidate, message if res.phase != "compile" else
            " ".join(_first_errors((res.stderr or res.stdout).split("\n"), 1)))
        if elsewhere:
            return None, f"the tests stopped at {elsewhere} first; {message}"
        return False, message

    def _blamed_elsewhere(self, candidate: str, message: str) -> str | None:
        """The other unit the failure names, when it names another unit of the file and not this one (a C++
        ``assert(gcd(12, 18) == 6)`` that fails says nothing about ``lcm``)."""
        words = {normalize_name(w): w for w in re.findall(r"[A-Za-z_]\w*", message)}
        mine = set(unit_names(candidate, self.language))
        with self._lock:
            others = {n for k in self.latest for n in k if n not in mine and len(n) > 2}
        if mine & set(words):
            return None
        named = sorted(others & set(words))
        return f"`{words[named[0]]}`" if named else None


def _located_line(output: str, spans: list[tuple[int, int, bool]], program: str) -> str | None:
    """The candidate's own code line an error points at (the model sees its answer, not our line numbers)."""
    lines = program.split("\n")
    refs = list(_LINE_REFS.finditer(output))
    if "Traceback (most recent call last)" in output:
        refs.reverse()
    for m in refs:
        n = int(m.group(1))
        if any(first <= n <= last and mine for first, last, mine in spans) and n <= len(lines):
            return lines[n - 1].strip()[:160] or None
    return None


def _located(output: str, spans: list[tuple[int, int, bool]]) -> bool | None:
    """Where the innermost error line that falls in a unit's code points: the candidate (True), another
    unit (False), or no unit (None: the tests themselves, or no line number at all)."""
    refs = list(_LINE_REFS.finditer(output))
    if "Traceback (most recent call last)" in output:
        refs.reverse()  # Python lists the innermost frame last
    for m in refs:
        line = int(m.group(1))
        for first, last, mine in spans:
            if first <= line <= last:
                return mine
    return None


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
