"""Java's ``x != null`` answered as Python's truth test is put back as ``x is not None`` (translation.java_nulls):
the real grammars; the rewritten answer run on the inputs where the two differ."""
from __future__ import annotations

from translate.source.languages import get_language
from translate.translation.java_nulls import fix_null_tests

PY = get_language("python")
# sqids' builder, cut down
JAVA = """class Builder {
    private Set<String> blockList = DEFAULT;
    private int minLength = 0;

    public Builder blockList(final Set<String> blockList) {
        if (blockList != null) {
            this.blockList = new HashSet<>(blockList);
        }
        return this;
    }

    public String label(String name, boolean loud) {
        String shown = name == null ? "?" : name;
        if (loud) {
            return shown.toUpperCase();
        }
        return shown;
    }
}
"""
ANSWER = '''class Builder:
    def __init__(self):
        self.block_list_ = {"default"}

    def block_list(self, block_list):
        if block_list:
            self.block_list_ = set(block_list)
        return self

    def label(self, name, loud):
        shown = "?" if not name else name
        if loud:
            return shown.upper()
        return shown
'''


def _builder(code: str):
    space: dict = {}
    exec(code, space)
    return space["Builder"]()


def test_a_null_check_answered_as_a_truth_test_is_the_comparison_again():
    fixed, changed = fix_null_tests(ANSWER, PY, JAVA)
    assert changed and "if block_list is not None:" in fixed and '"?" if name is None else name' in fixed
    assert "if loud:" in fixed  # a Java boolean: its truth test is the Java's
    assert _builder(fixed).block_list(set()).block_list_ == set()  # Java takes the empty set
    assert _builder(ANSWER).block_list(set()).block_list_ == {"default"}  # the answer as it was kept the default
    assert _builder(fixed).label("", False) == ""  # an empty name is no null


def test_a_name_the_java_tests_otherwise_is_left_alone():
    java = JAVA.replace("if (loud)", "if (blockList != null && loud)")
    code = ANSWER.replace("if loud:", "if block_list:")
    assert "if block_list:" in fix_null_tests(code, PY, java.replace("(blockList != null)", "(blockList.isEmpty())"))[0]
    assert fix_null_tests(ANSWER, PY, "class B { int f(boolean x) { return x ? 1 : 0; } }") == (ANSWER, False)
