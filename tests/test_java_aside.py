"""The oracle's Java check with code outside the unit that does not compile (translate.oracle.java_aside):
that code set aside, the unit checked; its own errors named with their line. Real javac, real Python."""
from __future__ import annotations

import pytest

from translate.oracle import check_candidate, record_source
from translate.oracle.java_aside import gist, reads_fields, set_aside, support_files
from translate.sandbox import missing_tool

needs_java = pytest.mark.skipif(missing_tool("java") is not None, reason="no javac/java")

SOURCE = '''import re

TABLE = []


def _add(word):
    TABLE.append(word)


def shout(s):
    return s.upper() + "!"


def known(s):
    return s in TABLE


def swap(s):
    return re.sub(r"(\\w)-(\\w)", r"\\2-\\1", s)


def twice(s):
    return shout(s) + shout(s)


_add("a")
'''

# shout is right; broken does not compile; twice calls broken; known reads TABLE, which the static block fills
# (its call names ``add`` for ``_add``: it does not compile)
JAVA = '''import java.util.*;

class Module {
    static List<String> TABLE = new ArrayList<>();

    static void _add(String word) {
        TABLE.add(word);
    }

    public static String shout(String s) {
        return s.toUpperCase() + "!";
    }

    public static String broken(String s) {
        return s.upper();
    }

    public static boolean known(String s) {
        return TABLE.contains(s);
    }

    public static String twice(String s) {
        return broken(s) + broken(s);
    }

    public static String swap(String s) {
        return re.sub("(\\\\w)-(\\\\w)", "\\\\2-\\\\1", s);
    }

    static {
        add("a");
    }
}
'''


def _rec(function):
    rec = record_source(SOURCE, "python", function)
    assert rec.usable, rec.unverifiable
    return rec


@needs_java
def test_a_unit_is_verified_with_the_broken_methods_and_static_block_set_aside():
    v = check_candidate(_rec("shout"), JAVA, "java")
    assert v.line().startswith("verified ("), v.line()
    said = " ".join(v.notes)
    assert "broken" in said and "static initializer" in said
    # what does not compile is set aside in the check's copy only: the methods' own check names their error
    wrong = check_candidate(_rec("shout"), JAVA.replace('+ "!"', '+ "?"'), "java")
    assert wrong.status == "differs", wrong.line()


@needs_java
def test_its_own_compile_error_fails_and_names_the_code_line():
    rec = record_source(SOURCE.replace("def shout(s)", "def broken(s)").replace("shout(s) + shout(s)", "1"),
                        "python", "broken")
    v = check_candidate(rec, JAVA, "java")
    assert v.status == "failed"
    assert "cannot find symbol" in v.reason and "`return s.upper();`" in v.reason and "upper()" in v.reason


@needs_java
def test_a_unit_reaching_a_method_set_aside_is_unverifiable_not_differs():
    v = check_candidate(_rec("twice"), JAVA, "java")
    assert v.status == "unverifiable", v.line()
    assert "reach code that does not compile" in v.reason and "broken" in v.reason


@needs_java
def test_a_unit_reading_a_table_the_static_block_fills_cannot_differ():
    v = check_candidate(_rec("known"), JAVA, "java")
    assert v.status == "unverifiable", v.line()
    assert "TABLE" in v.reason and "top-level code" in v.reason
    # with the block compiling, the same unit is checked, and verified
    fixed = check_candidate(_rec("known"), JAVA.replace('        add("a");', '        _add("a");'), "java")
    assert fixed.line().startswith("verified ("), fixed.line()


@needs_java
def test_pythons_re_api_is_there_for_a_program_that_calls_it():
    assert "re.java" in support_files(JAVA)
    assert support_files(JAVA.replace("re.sub(", "Re.sub(")) == {}
    v = check_candidate(_rec("swap"), JAVA, "java")
    assert v.line().startswith("verified ("), v.line()


def test_set_aside_keeps_the_unit_and_the_driver():
    stderr = ("OracleMain.java:15: error: cannot find symbol\n        return s.upper();\n"
              "  symbol:   method upper()\n  location: variable s of type String\n")
    assert set_aside(JAVA, stderr, "OracleMain.java", "broken") is None  # the unit's own error: not set aside
    text, names = set_aside(JAVA, stderr, "OracleMain.java", "shout")
    assert names == ["broken"] and "throw new NotCompiledHere(" in text and "class NotCompiledHere" in text
    assert gist(stderr, JAVA, "broken") == "cannot find symbol (symbol: method upper()) at `return s.upper();`"
    assert reads_fields(JAVA, "known") == ["TABLE"] and reads_fields(JAVA, "shout") == []
    assert reads_fields(JAVA, "twice") == []
    # the driver's own fields and methods are not the file's: a unit calling a method named like one of them
    driver = "public class OracleMain {\n    static int hits;\n    static void broken(String s) { hits++; }\n}\n"
    assert reads_fields(JAVA + driver, "twice") == []


@needs_java
def test_a_static_block_calling_a_method_set_aside_loses_that_call_not_the_class():
    # _add does not compile; the static block's call of it would throw while the class loads
    # (ExceptionInInitializerError on every call: inflection's 447 tests all failed so once)
    java = JAVA.replace("TABLE.add(word);", "TABLE.push(word);").replace('        add("a");', '        _add("a");\n'
                                                                          '        TABLE.add("b");')
    v = check_candidate(_rec("shout"), java, "java")
    assert v.line().startswith("verified ("), v.line()
    assert "_add" in " ".join(v.notes) and "static initializer" in " ".join(v.notes)
    known = check_candidate(_rec("known"), java, "java")
    assert known.status == "unverifiable" and "TABLE" in known.reason, known.line()
    from translate.oracle.java_stubs import stub_file

    line = java.split("\n").index("        TABLE.push(word);") + 1
    text, names = stub_file(java, [(line, "cannot find symbol")])
    assert names == ["_add", "static initializer"]
    assert "/* set aside: calls _add, which does not compile */" in text and 'TABLE.add("b");' in text
