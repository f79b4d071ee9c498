"""Round trip, property style: segments concatenate to the original bytes, and every top-level unit
re-parses on its own (methods are checked through their enclosing class).

Over every ``.py`` file of this interpreter's standard library (files ``ast.parse`` rejects or that
are not UTF-8 are skipped) and over every sample of every language. The number of files and units
checked is reported as a warning, which pytest lists in its summary.
"""
from __future__ import annotations

import ast
import sysconfig
import warnings
from pathlib import Path

import pytest

from translate.source.languages import Language, get_language, language_for_path
from translate.source.units import ParsedFile, parse_text
from translate.source.validate import parse_tree

ROOT = Path(__file__).resolve().parent.parent


def _stdlib_files() -> list[Path]:
    root = Path(sysconfig.get_paths()["stdlib"])
    return sorted(p for p in root.rglob("*.py") if "site-packages" not in p.relative_to(root).parts)


def _check(parsed: ParsedFile, data: bytes, lang: Language) -> tuple[int, list[str]]:
    """(top-level units checked, problems)."""
    problems = []
    joined = "".join(s.text for s in parsed.segments)
    if joined.encode("utf-8") != data:
        problems.append("segments do not reproduce the file")
    pos = 0
    for seg in parsed.segments:
        if seg.start_byte != pos or seg.end_byte < seg.start_byte:
            problems.append(f"segment gap or overlap at byte {pos}")
        pos = seg.end_byte
    for unit in parsed.top_units:
        if data[unit.start_byte : unit.end_byte].decode("utf-8") != unit.text:
            problems.append(f"{unit.qualname}: text is not its byte span")
        lines = (data.count(b"\n", 0, unit.start_byte) + 1, data.count(b"\n", 0, unit.end_byte - 1) + 1)
        if (unit.start_line, unit.end_line) != lines:
            problems.append(f"{unit.qualname}: lines {unit.start_line}-{unit.end_line}, expected {lines[0]}-{lines[1]}")
        for child in unit.children:
            if child.text not in unit.text:
                problems.append(f"{child.qualname}: not inside {unit.qualname}")
        _, diags = parse_tree(unit.text.encode("utf-8"), lang)
        # tree-sitter-python misreads a few valid files; a unit that had errors in the file may keep them
        had = [d for d in parsed.diagnostics if unit.start_line <= d.line <= unit.end_line]
        if diags and not had:
            problems.append(f"{unit.qualname} (line {unit.start_line}) does not re-parse: {diags[0].format()}")
    return len(parsed.top_units), problems


def test_stdlib_round_trip():
    py = get_language("python")
    files = units = skipped = 0
    problems: list[str] = []
    for path in _stdlib_files():
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # invalid escape sequences in old test files
                ast.parse(text)
        except (UnicodeDecodeError, SyntaxError, ValueError):
            skipped += 1
            continue
        parsed = parse_text(text, py)
        n, found = _check(parsed, data, py)
        files += 1
        units += n
        problems.extend(f"{path}: {p}" for p in found)
    assert not problems, f"{len(problems)} problems, first: {problems[:5]}"
    # a distribution python (Debian: 668 files, no test suite) or a full install (pyenv: 1,700+): thousands of units either way
    assert files > 500 and units > 5000, (files, units)
    warnings.warn(f"stdlib round trip: {files} files and {units} top-level units checked ({skipped} skipped)", stacklevel=2)


def _sample_files() -> list[Path]:
    out = []
    for p in sorted((ROOT / "samples").rglob("*")):
        try:
            language_for_path(p)
        except Exception:
            continue
        if p.is_file():
            out.append(p)
    return out


SAMPLE_FILES = _sample_files()


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: str(p.relative_to(ROOT / "samples")))
def test_sample_round_trip(path):
    lang = language_for_path(path)
    data = path.read_bytes()
    parsed = parse_text(data.decode("utf-8"), lang)
    n, problems = _check(parsed, data, lang)
    assert not problems
    if path.parent.parent == ROOT / "samples":  # the per-language samples all have units
        assert n >= 1


def test_samples_checked_count():
    assert len(SAMPLE_FILES) >= 10
    langs = {language_for_path(p).name for p in SAMPLE_FILES}
    warnings.warn(f"sample round trip: {len(SAMPLE_FILES)} files in {len(langs)} languages", stacklevel=2)


def test_round_trip_keeps_odd_bytes():
    """CRLF line ends, a BOM, tabs, non-ASCII names and no final newline survive byte for byte."""
    text = "\ufeff# é\r\ndef café(x):\r\n\treturn x\r\n\r\nclass Ünï:\r\n\tdef m(self): pass"
    parsed = parse_text(text, get_language("python"))
    assert "".join(s.text for s in parsed.segments) == text
    assert [u.qualname for u in parsed.units] == ["café", "Ünï", "Ünï.m"]
    assert parsed.units[0].text.startswith("def café")
