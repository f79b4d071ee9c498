"""Assembly: replacements are spliced by segment and the result validated; a failed unit is kept
verbatim inside a marked comment in the target language's syntax, and the file still parses."""
from __future__ import annotations

from pathlib import Path

import pytest

from translate.source.languages import get_language
from translate.source.units import parse_text
from translate.translation.assemble import FAILED_MARK, assemble, failed_block, splice

ROOT = Path(__file__).resolve().parent.parent
PY = get_language("python")
SHAPES = (ROOT / "samples" / "python" / "shapes.py").read_text(encoding="utf-8")


def test_replacing_python_units_with_other_valid_python_gives_a_valid_file():
    parsed = parse_text(SHAPES, PY)
    replacements = {}
    for i, seg in enumerate(parsed.segments):
        if seg.unit is not None and seg.unit.kind == "function":
            replacements[i] = f"def {seg.unit.name}(*args):\n    return {seg.unit.name!r}"
    assert len(replacements) == 3
    result = assemble(parsed.segments, replacements, {}, PY, PY)
    assert result.ok, result.diagnostics
    assert "def fibonacci(*args):\n    return 'fibonacci'" in result.text
    assert "@lru_cache" not in result.text  # the whole unit, decorator included, was replaced
    assert "class Stack:" in result.text and "PRECISION = 3" in result.text  # the rest is untouched
    again = parse_text(result.text, PY)
    assert [u.qualname for u in again.top_units] == ["circle_area", "fibonacci", "make_scaler", "Stack"]


def test_an_invalid_replacement_is_reported_by_the_whole_file_check():
    parsed = parse_text(SHAPES, PY)
    index = next(i for i, s in enumerate(parsed.segments) if s.unit is not None)
    result = assemble(parsed.segments, {index: "def circle_area(r):\nreturn r"}, {}, PY, PY)
    assert not result.ok
    assert result.diagnostics[0].line > 1


# For each target: file header, footer, and a valid stand-in for a translated unit.
TARGETS = {
    "python": ("", "", "def f{i}():\n    return {i}\n"),
    "javascript": ("'use strict';\n\n", "", "function f{i}() {\n  return {i};\n}\n"),
    "typescript": ("", "", "export function f{i}(): number {\n  return {i};\n}\n"),
    "java": ("public class Shapes {\n", "}\n", "    static int f{i}() {\n        return {i};\n    }\n"),
    "c": ("#include <stdio.h>\n\n", "", "int f{i}(void)\n{\n    return {i};\n}\n"),
    "cpp": ("#include <vector>\n\n", "", "int f{i}() { return {i}; }\n"),
    "go": ("package shapes\n\n", "", "func f{i}() int {\n\treturn {i}\n}\n"),
    "rust": ("", "", "pub fn f{i}() -> i32 {\n    {i}\n}\n"),
    "csharp": ("public static class Shapes\n{\n", "}\n", "    public static int F{i}() => {i};\n"),
}

# A source unit with text that breaks naive commenting: a block-comment end, a trailing backslash,
# a line that starts like a comment, blank lines and quotes.
TRICKY = '''def tricky(s):
    """Ends */ a block comment; /* opens one."""
    total = 1 + \\
        2

    # -- a comment --
    return s.replace("*/", "") + '//'  # done
'''


@pytest.mark.parametrize("target_name", sorted(TARGETS))
def test_forced_failure_is_kept_in_a_marked_comment_and_the_file_still_parses(target_name):
    target = get_language(target_name)
    header, footer, unit_tpl = TARGETS[target_name]
    source = SHAPES.replace("\n\nclass Stack:", "\n\n" + TRICKY + "\n\nclass Stack:")
    parsed = parse_text(source, PY)
    glue = [i for i, s in enumerate(parsed.segments) if s.unit is None]
    units = [i for i, s in enumerate(parsed.segments) if s.unit is not None]
    replacements = {i: "\n\n" for i in glue}
    replacements[glue[0]] = header
    replacements[glue[-1]] = "\n" + footer
    failing = {parsed.segments[i].unit.name: i for i in units}
    failures = {failing["fibonacci"]: "did not validate after 3 turns:\nmissing ';'",
                failing["tricky"]: "model answer was empty"}
    for n, i in enumerate(units):
        if i not in failures:
            replacements[i] = unit_tpl.replace("{i}", str(n)).rstrip("\n")
    result = assemble(parsed.segments, replacements, failures, PY, target)
    assert result.ok, (result.diagnostics, result.text)
    assert result.text.count(FAILED_MARK) == 2
    assert f"{FAILED_MARK} function fibonacci was not translated: did not validate after 3 turns: missing ';'" in result.text
    # nothing is lost: every line of the failed units is there, behind the target's comment marker
    for name in ("fibonacci", "tricky"):
        original = parsed.segments[failing[name]].text
        for line in original.splitlines():
            assert f"{target.line_comment} {line}".rstrip() in result.text
    # and the other units' translations are still units of the assembled file
    names = {u.name for u in parse_text(result.text, target).units}
    assert {"f0", "f2", "f4"} <= {n.lower() for n in names}


def test_failed_block_format():
    js, py = get_language("javascript"), get_language("python")
    block = failed_block("def f():\n    return 1\n", "it  broke\nbadly", py, js, "function f")
    assert block == (
        "// translate: FAILED function f was not translated: it broke badly\n"
        "// ---- original Python (kept verbatim) ----\n"
        "// def f():\n"
        "//     return 1\n"
        "// ---- end of original ----\n"
    )


def test_failed_unit_nested_in_glue_keeps_the_surrounding_block_valid():
    source = "import sys\n\nif sys.platform:\n    def f():\n        return 1\n    x = 2\n"
    parsed = parse_text(source, PY)
    index = next(i for i, s in enumerate(parsed.segments) if s.unit is not None)
    result = assemble(parsed.segments, {}, {index: "no model"}, PY, PY)
    assert result.ok, result.text
    assert "\n    # translate: FAILED function f" in result.text
    assert "\n    # ---- end of original ----\n    x = 2\n" in result.text


def test_splice_is_bottom_up_and_refuses_overlaps():
    text = "aaé bbb ccc"
    data = text.encode()
    b, c = data.index(b"bbb"), data.index(b"ccc")
    assert splice(text, [(b, b + 3, "B"), (c, c + 3, "CCCC")]) == "aaé B CCCC"
    assert splice(text, [(c, c + 3, "C"), (0, 2, "")]) == "é bbb C"
    with pytest.raises(ValueError):
        splice(text, [(0, 6, "x"), (4, 8, "y")])
