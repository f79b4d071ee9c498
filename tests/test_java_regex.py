"""Java's replaceAll/replaceFirst answered as Python's str.replace are put back as re.sub
(translation.java_regex): the real grammars; each rewritten answer run against what Java's regex methods do."""
from __future__ import annotations

from translate.source.languages import get_language
from translate.translation.java_regex import fix_replace_all

PY = get_language("python")
# hashids' _decode, cut down
JAVA = """List<String> parts(String hash) {
    String regexp = "[" + this.guards + "]";
    String hashBreakdown = hash.replaceAll(regexp, " ");
    String inner = hashBreakdown.replaceAll("[" + this.seps + "]", ",");
    String squeezed = inner.replaceFirst("\\\\s+", "_");
    return List.of(squeezed.replaceAll(" ", "").split(","));
}"""
ANSWER = '''def parts(self, hash):
    regexp = "[" + self.guards + "]"
    hash_breakdown = hash.replace(regexp, " ")
    inner = hash_breakdown.replace("[" + self.seps + "]", ",")
    squeezed = inner.replace(r"\\s+", "_")
    return squeezed.replace(" ", "").split(",")
'''


class _Codec:
    guards, seps = "ab", "xy"


def _run(code: str, arg: str):
    import re

    space: dict = {"re": re}
    exec(code, space)
    return space["parts"](_Codec(), arg)


def test_a_regular_expression_pattern_is_matched_as_one():
    fixed, changed = fix_replace_all(ANSWER, PY, JAVA)
    assert changed
    assert "re.sub(regexp, \" \", hash)" in fixed and 're.sub("[" + self.seps + "]", ",", hash_breakdown)' in fixed
    assert 're.sub(r"\\s+", "_", inner, count=1)' in fixed  # replaceFirst; the same literal, raw in Python
    assert 'squeezed.replace(" ", "")' in fixed  # Java's plain-text pattern: str.replace means the same
    # Java: "1a2x3 b" -> guards to spaces "1 2x3  " ... -> seps to commas "1 2,3  " -> first run of spaces "_"
    assert _run(fixed, "1a2x3b") == ["1_2", "3"]
    assert _run(ANSWER, "1a2x3b") == ["1a2x3b"]  # the answer as it was: no guard or separator ever matched


def test_other_patterns_and_group_references_are_left_alone():
    java = 'String f(String s) { return s.replaceAll("(a)", "$1$1"); }'
    code = 'def f(s):\n    return s.replace("(a)", "$1$1")\n'
    assert fix_replace_all(code, PY, java) == (code, False)
    other = 'def f(s):\n    return s.replace("(b)", "x")\n'  # not the Java's pattern
    assert fix_replace_all(other, PY, 'String f(String s) { return s.replaceAll("(a)", "x"); }') == (other, False)
