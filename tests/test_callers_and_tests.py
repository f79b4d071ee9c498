"""Facts about callers in the prompt, includes a whole file needs, and test-guided repair across units."""
from __future__ import annotations

import pytest

from translate import get_language
from translate.evaluation.verify import ProgramVerifier
from translate.sandbox import missing_tool
from translate.source.languages.includes import c_includes, cpp_includes, java_imports
from translate.translation.callsites import call_lines
from translate.translation.pipeline import translate_source
from translate.translation.records import OK, REPAIRED

# The shipped prompt: answers are routed by the unit each request is for (ScriptedBackend with a mapping).

CPP = get_language("cpp")
CPP_TESTS = """#include <cassert>
int main() {
  int v[] = {1, 2, 3, 4};
  int n = 3;
  assert(gcd(12, 18) == 6);
  assert(lcm(4, 6) == 12);
  assert(sum_of_squares(v, n) == 14);
  return 0;
}
"""
MATH_PY = '''def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def lcm(a, b):
    return a * b // gcd(a, b)


def sum_of_squares(values, n):
    total = 0
    for i in range(n):
        total += values[i] * values[i]
    return total


print(lcm(4, 6))
'''
GCD_BAD = "```cpp\nint gcd(int a, int b) {\n    while (b) {\n        a = b;\n        b = a % b;\n    }\n    return a;\n}\n```"
GCD_GOOD = ("```cpp\nint gcd(int a, int b) {\n    while (b) {\n        int t = b;\n        b = a % b;\n        a = t;\n    }\n"
            "    return a;\n}\n```")
LCM = "```cpp\nint lcm(int a, int b) {\n    return a * b / gcd(a, b);\n}\n```"
SOS = ("```cpp\nint sum_of_squares(const std::vector<int>& values, int n) {\n    int total = 0;\n"
       "    for (int i = 0; i < n; ++i) total += values[i] * values[i];\n    return total;\n}\n```")
SOS_ARRAY = SOS.replace("const std::vector<int>& values", "const int* values")


def test_call_lines_with_the_arguments_they_pass():
    assert call_lines(CPP_TESTS, CPP, "sum_of_squares") == ["int v[] = {1, 2, 3, 4};", "int n = 3;",
                                                          "assert(sum_of_squares(v, n) == 14);"]
    assert call_lines(CPP_TESTS, CPP, "gcd") == ["assert(gcd(12, 18) == 6);"]
    py = get_language("python")
    # the unit's own (recursive) calls are not callers
    assert call_lines(MATH_PY, py, "gcd", skip=(1, 4)) == ["return a * b // gcd(a, b)"]
    assert call_lines(MATH_PY, py, "lcm") == ["print(lcm(4, 6))"]
    assert call_lines("x = obj.lcm(4, 6)\n", py, "lcm") == ["x = obj.lcm(4, 6)"]
    assert call_lines("lcm_table = 3\n", py, "lcm") == []


def test_includes_and_imports_a_file_needs():
    code = "int f(const std::vector<int>& v) { std::sort(v.begin(), v.end()); return 0; } // std::map<int, int>\n"
    assert cpp_includes(code) == ["#include <vector>", "#include <algorithm>"]
    assert cpp_includes("#include <bits/stdc++.h>\n" + code) == []
    assert c_includes('#include <stdio.h>\nint f(const char *s) { printf("%d", 1); return strlen(s); }') == [
        "#include <string.h>"]
    assert java_imports("class A { List<Integer> f() { return new ArrayList<>(); } }") == ["import java.util.*;"]
    assert java_imports("import java.util.*;\nclass A { List<Integer> f; }") == []
    # a lambda's type (inflection's _irregular: Function<String, String> with no import: cannot find symbol)
    assert java_imports("class A { static void f() { Function<String, String> g = s -> s; } }") == [
        "import java.util.function.*;"]
    assert java_imports("class A { static String Function(String s) { return s; } }") == []


needs_gpp = pytest.mark.skipif(missing_tool("cpp") is not None, reason="no g++")


@needs_gpp
def test_a_failure_in_another_unit_is_not_blamed_on_this_one():
    v = ProgramVerifier("cpp", CPP_TESTS)
    for answer in (GCD_BAD, LCM, SOS_ARRAY):
        v.note(answer.strip("`").removeprefix("cpp\n"))
    lcm_code = LCM.strip("`").removeprefix("cpp\n")
    ok, message = v(lcm_code)
    assert ok is None and "`gcd`" in message and "gcd(12, 18) == 6" in message
    ok, message = v(GCD_BAD.strip("`").removeprefix("cpp\n"))
    assert ok is False and "gcd(12, 18) == 6" in message


@needs_gpp
def test_test_guided_translation_of_units_that_call_each_other(scripted):
    """Every unit of the turn is compiled beside the others; the wrong one gets the repair turn, the others
    are tested again (not re-asked); the prompt shows what the tests pass."""
    backend = scripted({"gcd": [GCD_BAD, GCD_GOOD], "lcm": [LCM], "sum_of_squares": [SOS, SOS_ARRAY],
                        "print(lcm(4, 6))": "```cpp\n// the source printed lcm(4, 6) here\n```"})  # the glue
    res = translate_source(MATH_PY, "python", "cpp", backend, verifier=ProgramVerifier("cpp", CPP_TESTS))
    asked = {name: [r.messages[-1]["content"] for r in reqs] for name, reqs in backend.by_unit.asked.items()}
    units = {u.name: u for u in res.units if u.kind != "glue"}
    assert units["gcd"].status == REPAIRED and units["gcd"].verified
    assert units["lcm"].status == OK and units["lcm"].verified and len(asked["lcm"]) == 1  # never re-asked
    assert units["sum_of_squares"].status == REPAIRED and units["sum_of_squares"].verified
    assert "int v[] = {1, 2, 3, 4};" in asked["sum_of_squares"][0]  # the callers' facts, in the first turn
    assert "print(lcm(4, 6))" in asked["lcm"][0]  # and how the source calls it
    assert "#include <vector>" not in res.text or "std::vector" in res.text
    assert "const int* values" in res.text


@needs_gpp
def test_a_crash_is_located_in_the_unit_whose_line_it_names():
    """UBSan names the line of a division by zero; the unit holding that line is the one at fault."""
    gcd_crash = "int gcd(int a, int b) {\n    while (b) {\n        a %= b;\n        b %= a;\n    }\n    return a;\n}\n"
    lcm = LCM.strip("`").removeprefix("cpp\n")
    v = ProgramVerifier("cpp", CPP_TESTS)
    for code in (gcd_crash, lcm, SOS_ARRAY.strip("`").removeprefix("cpp\n")):
        v.note(code)
    ok, message = v(lcm)
    assert ok is None and "another unit" in message
    ok, message = v(gcd_crash)
    assert ok is False and "division by zero" in message


def test_python_tracebacks_blame_the_innermost_unit():
    v = ProgramVerifier("python", "assert lcm(4, 6) == 12\n")
    gcd = "def gcd(a, b):\n    return a // 0\n"
    lcm = "def lcm(a, b):\n    return a * b // gcd(a, b)\n"
    v.note(gcd)
    ok, message = v(lcm)
    assert ok is None and "ZeroDivisionError" in message
    ok, _ = v(gcd)
    assert ok is False


@needs_gpp
def test_a_unit_that_never_passes_its_tests_makes_the_run_not_ok(scripted):
    """Kept (its last valid answer is in the output) but counted, shown and not ok (exit 1 from the CLI)."""
    backend = scripted({"gcd": GCD_BAD, "lcm": LCM, "sum_of_squares": SOS_ARRAY,  # the same answer every turn
                        "print(lcm(4, 6))": "```cpp\n// the source printed lcm(4, 6) here\n```"})  # the glue
    res = translate_source(MATH_PY, "python", "cpp", backend, verifier=ProgramVerifier("cpp", CPP_TESTS))
    gcd = next(u for u in res.units if u.name == "gcd")
    assert gcd.verified is False and gcd.output and "a = b;" in res.text
    assert res.failing_tests == 1 and not res.ok
    assert "(1 failing the tests)" in res.summary_line()
