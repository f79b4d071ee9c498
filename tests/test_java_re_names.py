"""Java answers put right by the source: java.util.regex forms of the source's ``re`` calls back on the project's
``re`` class (translate.translation.java_re), calls of the file's units by a near name renamed
(translate.translation.unit_names). The behaviour is checked with real javac against real Python."""
from __future__ import annotations

import pytest

from translate.oracle import check_candidate, record_source
from translate.sandbox import missing_tool
from translate.source.languages import get_language
from translate.translation.java_re import restore_java_re
from translate.translation.unit_names import fix_unit_names

JAVA = get_language("java")
needs_java = pytest.mark.skipif(missing_tool("java") is not None, reason="no javac/java")

PLURAL_PY = '''import re

RULES = [(r"(?i)(ox)$", r"\\1en"), (r"(?i)(quiz)$", r"\\1zes"), (r"$", "s")]


def pluralize(word):
    """
    >>> pluralize("ox")
    'oxen'
    >>> pluralize("quiz")
    'quizzes'
    """
    for rule, replacement in RULES:
        if re.search(rule, word):
            return re.sub(rule, replacement, word)
    return word
'''

PLURAL_JAVA = '''import java.util.*;
import java.util.regex.Pattern;

class Inflect {
    static List<Map.Entry<String, String>> RULES = new ArrayList<>(List.of(Map.entry("(?i)(ox)$", "\\\\1en"),
        Map.entry("(?i)(quiz)$", "\\\\1zes"), Map.entry("$", "s")));

    public static String pluralize(String word) {
        for (Map.Entry<String, String> rule : RULES) {
            if (Pattern.compile(rule.getKey(), Pattern.CASE_INSENSITIVE).matcher(word).find()) {
                return Pattern.compile(rule.getKey(), Pattern.CASE_INSENSITIVE).matcher(word).replaceAll(rule.getValue());
            }
        }
        return word;
    }
}
'''


def test_java_regex_forms_go_back_to_the_sources_re_calls():
    fixed, notes = restore_java_re(PLURAL_JAVA, JAVA, ["re.search", "re.sub"])
    assert "if ((re.search(rule.getKey(), word, re.IGNORECASE) != null))" in fixed
    assert "return re.sub(rule.getKey(), rule.getValue(), word, 0, re.IGNORECASE);" in fixed
    assert len(notes) == 2 and "Pattern.compile" not in fixed.split("class Inflect", 1)[1]
    strings = 'String a = s.replaceAll("_id$", ""); String b = s.replaceFirst("x", "\\\\1");'
    assert restore_java_re(strings, JAVA, ["re.sub"])[0] == \
        'String a = re.sub("_id$", "", s); String b = re.sub("x", "\\\\1", s, 1);'
    # only the calls the source makes: without re.sub in it, replaceAll is the model's own Java and stays
    assert restore_java_re(strings, JAVA, ["re.search"])[0] == strings
    assert restore_java_re(PLURAL_JAVA, get_language("javascript"), ["re.sub"])[0] == PLURAL_JAVA
    # flags the class does not have: left as written
    odd = 'String c = Pattern.compile(p, Pattern.COMMENTS).matcher(s).replaceAll(r);'
    assert restore_java_re(odd, JAVA, ["re.sub"])[0] == odd


# another run's answer: the pattern and the matcher held in locals (inflection's pluralize, 36 / 82 tests passing)
PLURAL_LOCALS = PLURAL_JAVA.replace(
    """            if (Pattern.compile(rule.getKey(), Pattern.CASE_INSENSITIVE).matcher(word).find()) {
                return Pattern.compile(rule.getKey(), Pattern.CASE_INSENSITIVE).matcher(word).replaceAll(rule.getValue());""",
    """            Pattern pattern = Pattern.compile(rule.getKey(), Pattern.CASE_INSENSITIVE);
            Matcher matcher = pattern.matcher(word);
            if (matcher.find()) {
                return matcher.replaceAll(rule.getValue());""").replace("import java.util.regex.Pattern;",
                                                                      "import java.util.regex.*;")


def test_a_matcher_held_in_locals_goes_back_too_where_nothing_else_uses_them():
    fixed, notes = restore_java_re(PLURAL_LOCALS, JAVA, ["re.search", "re.sub"])
    assert "Matcher matcher" not in fixed and "Pattern pattern" not in fixed and len(notes) == 2
    assert "if ((re.search(rule.getKey(), word, re.IGNORECASE) != null))" in fixed
    assert "return re.sub(rule.getKey(), rule.getValue(), word, 0, re.IGNORECASE);" in fixed
    # the matcher read otherwise (a group), or a name it reads assigned in the method: left as written
    group = PLURAL_LOCALS.replace("return matcher.replaceAll(rule.getValue());", "return matcher.group(1);")
    assert restore_java_re(group, JAVA, ["re.search", "re.sub"])[0] == group
    moved = PLURAL_LOCALS.replace("        return word;\n    }", "        word = word.trim();\n        return word;\n    }")
    assert restore_java_re(moved, JAVA, ["re.search", "re.sub"])[0] == moved


@needs_java
def test_the_restored_calls_keep_pythons_templates_where_replaceall_lost_them():
    rec = record_source(PLURAL_PY, "python", "pluralize")
    assert rec.usable
    before = check_candidate(rec, PLURAL_JAVA, "java")
    assert before.status == "differs", before.line()  # Java's replaceAll reads \\1 as a literal 1: "1en"
    after = check_candidate(rec, restore_java_re(PLURAL_JAVA, JAVA, ["re.search", "re.sub"])[0], "java")
    assert after.line().startswith("verified ("), after.line()
    assert check_candidate(rec, PLURAL_LOCALS, "java").status == "differs"
    locals_after = check_candidate(rec, restore_java_re(PLURAL_LOCALS, JAVA, ["re.search", "re.sub"])[0], "java")
    assert locals_after.line().startswith("verified ("), locals_after.line()


def test_a_call_by_a_near_name_of_a_unit_is_renamed_to_it():
    glue = ('static {\n    irregular("person", "people");\n    Irregular("man", "men");\n'
            '    String x = helper("a");\n    Runnable r = () -> camelize_it("b");\n}\n'
            'static String helper(String s) { return dasherize(s); }\n')
    fixed, notes = fix_unit_names(glue, JAVA, ["_irregular", "camelize", "dasherize"])
    assert '_irregular("person", "people");' in fixed and '_irregular("man", "men");' in fixed
    assert 'helper("a")' in fixed and "dasherize(s)" in fixed and 'camelize_it("b")' in fixed
    assert len(notes) == 2
    # a name the answer declares itself, a method on an object, two units that match: left alone
    own = 'static void irregular(String a, String b) { }\nstatic { irregular("a", "b"); x.irregular(); }\n'
    assert fix_unit_names(own, JAVA, ["_irregular"])[0] == own
    two = 'static { irregular("a", "b"); }\n'
    assert fix_unit_names(two, JAVA, ["_irregular", "irregular_"])[0] == two
    assert fix_unit_names(two, get_language("javascript"), ["_irregular"])[0] == two


ORDINAL_PY = '''def ordinal(number: int) -> str:
    """
    >>> ordinal(1)
    'st'
    >>> ordinal(-11)
    'th'
    """
    n = abs(int(number))
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def echo(number: int) -> str:
    return f"{number}!"
'''

ORDINAL_JAVA = '''public static String ordinal(int number) {
    int n = Math.abs(number);
    if (n % 100 == 11 || n % 100 == 12 || n % 100 == 13) return "th";
    switch (n % 10) { case 1: return "st"; case 2: return "nd"; case 3: return "rd"; default: return "th"; }
}
'''


def test_an_answer_typed_from_the_annotation_gets_the_declared_overload_where_the_source_converts():
    from translate.translation.declared import declared_problem
    from translate.translation.java_adapters import declared_adapter

    declared = "public static String ordinal(String number)"
    assert declared_problem(ORDINAL_JAVA, declared, JAVA, "ordinal") is not None
    fixed, notes = declared_adapter(ORDINAL_JAVA, JAVA, declared, "ordinal", ORDINAL_PY)
    assert fixed.startswith(ORDINAL_JAVA.rstrip())  # the answer's own method first: the oracle checks it
    assert "public static String ordinal(String number) {\n    return ordinal(Integer.parseInt(number.strip()));" in fixed
    assert notes and declared_problem(fixed, declared, JAVA, "ordinal") is None
    # the source does not convert: Python's f"{number}" of "007" is not of 7, so nothing is added
    echo = 'public static String echo(int number) {\n    return number + "!";\n}\n'
    assert declared_adapter(echo, JAVA, "public static String echo(String number)", "echo", ORDINAL_PY)[0] == echo
    # types that match, or a return type that differs: nothing to add
    assert declared_adapter(ORDINAL_JAVA, JAVA, "public static String ordinal(int number)", "ordinal",
                            ORDINAL_PY)[0] == ORDINAL_JAVA
    assert declared_adapter(ORDINAL_JAVA, JAVA, "public static int ordinal(String number)", "ordinal",
                            ORDINAL_PY)[0] == ORDINAL_JAVA


@needs_java
def test_the_adapter_compiles_runs_and_the_answer_stays_checked():
    from translate.sandbox import run_program
    from translate.translation.java_adapters import declared_adapter

    fixed = declared_adapter(ORDINAL_JAVA, JAVA, "public static String ordinal(String number)", "ordinal",
                             ORDINAL_PY)[0]
    rec = record_source(ORDINAL_PY, "python", "ordinal")
    assert check_candidate(rec, fixed, "java").line().startswith("verified (")
    main = ("public class Main {\n" + fixed + "\npublic static void main(String[] a) {\n"
            '    System.out.println("-1" + ordinal("-1") + " " + ordinal(" 12 ") + " " + ordinal(1003));\n}\n}\n')
    res = run_program(main, "java", timeout=60)
    assert res.passed and res.stdout.strip() == "-1st th rd", (res.stdout, res.stderr)


def test_a_method_inside_a_method_moves_out_beside_it():
    from translate.translation.java_nested import hoist_nested_methods

    answer = ('public class M {\n    public static void add(String a) {\n        TABLE.add(up(a));\n'
              '        // a helper\n        String up(String s) {\n            if (s.isEmpty()) { return s; }\n'
              '            return s.toUpperCase() + "}";\n        }\n        if (a.isEmpty()) {\n            return;\n'
              '        }\n    }\n}\n')
    assert JAVA.parse(answer.encode()).root_node.has_error
    fixed, notes = hoist_nested_methods(answer, JAVA)
    assert not JAVA.parse(fixed.encode()).root_node.has_error, fixed
    assert "    static String up(String s) {\n        if (s.isEmpty()) { return s; }" in fixed
    assert fixed.index("static String up") > fixed.index("return;\n        }\n    }")  # after add, in M
    assert len(notes) == 1
    # an anonymous class's method, a lambda, a local class: where they are
    fine = ('class M {\n    static Runnable r() {\n        return new Runnable() {\n            public void run() {\n'
            '                go();\n            }\n        };\n    }\n    static void s() {\n        class L {\n'
            '            int f(int x) { return x; }\n        }\n    }\n}\n')
    assert hoist_nested_methods(fine, JAVA) == (fine, [])
