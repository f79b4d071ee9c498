"""String inputs seeded from the source's own literals (translate.oracle.seeds): the literals read in each
language, the texts built from them, and a wrong translation they expose that generic texts let through (real
sandbox and javac)."""
from __future__ import annotations

import pytest

from translate.oracle import check_candidate, record_source
from translate.oracle.inputs import gather
from translate.oracle.seeds import LIMIT, literals_in, seeded_texts
from translate.sandbox import missing_tool

needs_java = pytest.mark.skipif(missing_tool("java") is not None, reason="no javac/java")

JAVA_BORED = ("class Solution {\n    // counts sentences that start with \"We \"\n"
              "    public int bored(String s) {\n        String[] parts = s.split(\"[.?!]\\\\s*\");\n"
              "        int count = 0;\n        for (String p : parts) {\n"
              "            if (p.startsWith(\"I \")) {\n                count += 1;\n            }\n        }\n"
              "        return count;\n    }\n}\n")


def test_literals_plain_first_then_the_characters_of_a_patterns_classes():
    assert literals_in(JAVA_BORED) == ["I ", ".", "?", "!"]  # the comment's "We " is not code
    py = 'def f(s):\n    """Say "hi"."""\n    if s.startswith("#"):\n        return re.split(r"[,;]", s)\n    return c == \'x\'\n'
    assert literals_in(py, python=True) == ["#", "x", ",", ";"]
    assert literals_in("bool f(string s) { return s[0] == 'a' && s.find(\"\\t\") != -1; }") == ["a", "\t"]


def test_texts_seeded_from_literals():
    texts = seeded_texts(["I ", ".", "?", "!"])
    assert texts[:4] == ["I ", "abI cd", "I x.I y", "I x?I y"]
    assert len(texts) == LIMIT and seeded_texts([]) == []


def test_a_python_sources_string_inputs_include_its_literals():
    src = "def tag(s):\n    if s.startswith('#'):\n        return s[1:]\n    return ''\n"
    args = [c.args[0] for c in gather(src, "tag")[1]]
    assert "#" in args and "ab#cd" in args


@needs_java
def test_a_translation_wrong_on_the_texts_the_source_looks_for_differs():
    rec = record_source(JAVA_BORED, "java", "bored")
    assert rec.usable and any(c.expected.value == 2 for c in rec.cases)
    right = ("import re\n\ndef bored(s):\n    return sum(1 for p in re.split(r'[.?!]\\s*', s) if p.startswith('I '))\n")
    assert check_candidate(rec, right, "python").status == "verified"
    only_dots = "def bored(s):\n    return sum(1 for p in s.split('. ') if p.startswith('I '))\n"
    assert check_candidate(rec, only_dots, "python").status == "differs"


TABLE_SOURCE = '''import re

RULES = [("(?i)(ox)$", r"\\1en"), ("$", "s")]
PLAIN = {"sheep", "fish", "rice", "news"}
OTHER = ["never", "read"]


def plural(word):
    if word.lower() in PLAIN:
        return word
    for rule, repl in RULES:
        if re.search(rule, word):
            return re.sub(rule, repl, word)
    return word
'''


def test_a_module_table_the_function_reads_seeds_its_words():
    """inflection's ``pluralize`` keeps a branch for the words of a module table (``UNCOUNTABLES``) no generic
    text reaches: the first words of each table it reads are seeds too (patterns, replacement templates and
    tables it does not read are not)."""
    import ast

    from translate.oracle.seeds import table_literals

    tree = ast.parse(TABLE_SOURCE)
    fn = tree.body[-1]
    assert isinstance(fn, ast.FunctionDef)
    words = table_literals(tree, fn)  # RULES' plain "s" (not its pattern or template), PLAIN's first three
    assert words == ["s", "sheep", "fish", "rice"], words
    _, cases = gather(TABLE_SOURCE, "plural")
    args = [c.args[0] for c in cases]
    assert any(a in ("sheep", "fish", "rice", "news") for a in args), args
