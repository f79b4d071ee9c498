"""A Java answer's ``re`` calls keep the Python source's literal patterns (translate.translation.re_patterns):
inflection's ``underscore`` came back with ``(?i)`` added to both patterns, which the behaviour check (real javac,
real Python) shows differing before and verified after."""
from __future__ import annotations

import pytest

from translate.oracle import check_candidate, record_source
from translate.sandbox import missing_tool
from translate.source.languages import get_language
from translate.translation.re_patterns import java_string, keep_source_patterns, python_string

JAVA = get_language("java")

SOURCE = '''import re


def underscore(word):
    word = re.sub(r"([A-Z]+)([A-Z][a-z])", r'\\1_\\2', word)
    word = re.sub(r"([a-z\\d])([A-Z])", r'\\1_\\2', word)
    word = word.replace("-", "_")
    return word.lower()
'''
ANSWER = '''public static String underscore(String word) {
    word = re.sub("(?i)([A-Z]+)([A-Z][a-z])", "$1_$2", word);
    word = re.sub("(?i)([a-z\\\\d])([A-Z])", "$1_$2", word);
    word = word.replace("-", "_");
    return word.toLowerCase();
}
'''


def test_the_source_patterns_come_back_where_the_calls_line_up():
    fixed, notes = keep_source_patterns(ANSWER, JAVA, SOURCE)
    assert 're.sub("([A-Z]+)([A-Z][a-z])", "$1_$2", word)' in fixed
    assert 're.sub("([a-z\\\\d])([A-Z])", "$1_$2", word)' in fixed
    assert len(notes) == 2 and "(?i)" in notes[0]
    assert keep_source_patterns(fixed, JAVA, SOURCE) == (fixed, [])  # nothing left to change


@pytest.mark.parametrize("answer", [
    ANSWER.replace('word = re.sub("(?i)([A-Z]+)', 'word = re.search("(?i)([A-Z]+)'),  # another sequence of calls
    ANSWER.replace('"(?i)([A-Z]+)([A-Z][a-z])"', 'PATTERN').replace('"(?i)([a-z\\\\d])([A-Z])"', 'OTHER'),
])
def test_left_alone_where_the_answer_is_not_the_same_calls_with_literals(answer):
    assert keep_source_patterns(answer, JAVA, SOURCE) == (answer, [])


def test_patterns_built_at_run_time_are_not_compared():
    source = "def f(s, sep):\n    return re.sub(r'%s{2,}' % sep, sep, s)\n"
    answer = 'static String f(String s, String sep) { return re.sub("(?i)x", sep, s); }\n'
    assert keep_source_patterns(answer, JAVA, source) == (answer, [])


@pytest.mark.parametrize("text, value", [
    (r'r"a\d+"', "a\\d+"), (r"'a\\d'", "a\\d"), ("'tab\\there'", "tab\there"), ("'q\\'s'", "q's"),
    ("'\\x41\\101'", "AA"), ('f"{x}"', None), ("b'x'", None), (r"'\d'", None),
])
def test_python_string_values(text, value):
    assert python_string(text) == value


@pytest.mark.parametrize("text, value", [
    (r'"a\\d+"', "a\\d+"), (r'"say \"hi\""', 'say "hi"'), (r'"\u0041\101"', "AA"), (r'"\d"', None),
    ('"""x"""', None),
])
def test_java_string_values(text, value):
    assert java_string(text) == value


@pytest.mark.skipif(missing_tool("java") is not None, reason="no javac/java")
def test_the_behaviour_check_sees_the_difference():
    rec = record_source(SOURCE, "python", "underscore")
    before = check_candidate(rec, ANSWER, "java")
    assert before.status == "differs", before.line()
    after = check_candidate(rec, keep_source_patterns(ANSWER, JAVA, SOURCE)[0], "java")
    assert after.status == "verified", after.line()


def test_java_octal_escapes_stop_where_javac_stops():
    assert java_string(r'"\477"') == "'7"  # \47 then a 7: javac reads at most \377
    assert java_string(r'"\101\7"') == "A\a"


CASED = '''import re

RULES = [("K[iI][nN][eE]$", "Kine"), ("k[iI][nN][eE]$", "kine"), ("$", "s")]


def plural(word):
    for rule, replacement in RULES:
        if re.search(rule, word):
            return re.sub(rule, replacement, word)
    return word
'''
CASED_ANSWER = '''public static String plural(String word) {
    for (Map.Entry<String, String> rule : RULES) {
        if ((re.search(rule.getKey(), word, re.IGNORECASE) != null)) {
            return re.sub(rule.getKey(), rule.getValue(), word, 0, re.IGNORECASE);
        }
    }
    return word;
}
'''


def test_flags_the_source_does_not_pass_are_dropped():
    """inflection's ``pluralize`` came back searching its case-sensitive irregular rules with ``re.IGNORECASE``
    (``Kine`` -> ``kine``: 2 migrated tests): flags and a count of 0 the answer adds to the source's calls go;
    anything else it adds (a count of 1) and a source that passes flags itself are left alone."""
    fixed, notes = keep_source_patterns(CASED_ANSWER, JAVA, CASED)
    assert "re.search(rule.getKey(), word) != null" in fixed
    assert "re.sub(rule.getKey(), rule.getValue(), word);" in fixed
    assert len(notes) == 2 and "flags" in notes[0]
    counted = CASED_ANSWER.replace("word, 0, re.IGNORECASE);", "word, 1);")
    assert "word, 1);" in keep_source_patterns(counted, JAVA, CASED)[0]
    flagged = CASED.replace("re.search(rule, word)", "re.search(rule, word, re.I)")
    assert "re.search(rule.getKey(), word, re.IGNORECASE)" in keep_source_patterns(CASED_ANSWER, JAVA, flagged)[0]


@pytest.mark.skipif(missing_tool("java") is not None, reason="no javac/java")
def test_the_check_sees_the_added_flag_only_on_a_cased_word():
    program = "import java.util.*;\n\nclass Holder {\n" + \
        'static List<Map.Entry<String, String>> RULES = new ArrayList<>(List.of(Map.entry("K[iI][nN][eE]$", "Kine"), ' \
        'Map.entry("k[iI][nN][eE]$", "kine"), Map.entry("$", "s")));\n'
    rec = record_source(CASED, "python", "plural", inputs=[["Kine"], ["kine"], ["cow"]])
    before = check_candidate(rec, program + CASED_ANSWER + "}\n", "java")
    assert before.status == "differs" and "Kine" in before.line(), before.line()
    after = check_candidate(rec, program + keep_source_patterns(CASED_ANSWER, JAVA, CASED)[0] + "}\n", "java")
    assert after.status == "verified", after.line()
