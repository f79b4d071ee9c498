"""The oracle across languages: C++ candidates for Python sources, Python candidates for Java sources
(real sandbox, real g++ and javac; no model)."""
from __future__ import annotations

import pytest

from translate.oracle import check_candidate, record_source, verify_unit
from translate.oracle.cpp_types import Unrepresentable, literal, parse_signature
from translate.oracle.java_values import NotLiteral, coerce, kind, parse_args
from translate.sandbox import missing_tool

needs_cpp = pytest.mark.skipif(missing_tool("cpp") is not None, reason="no g++")
needs_java = pytest.mark.skipif(missing_tool("java") is not None, reason="no javac/java")

WRAP = "def wrap_index(i, n):\n    return i % n\n"


@needs_cpp
def test_cpp_modulo_differs_on_a_negative_input_floor_mod_is_verified():
    rec = record_source(WRAP, "python", "wrap_index")
    wrong = check_candidate(rec, "int wrap_index(int i, int n){return i % n;}", "cpp")
    assert wrong.status == "differs", wrong.line()
    first = wrong.counterexamples[0]
    assert "-" in first.call and first.expected != first.actual
    right = check_candidate(rec, "#include <vector>\nint wrapIndex(int i, int n){return ((i % n) + n) % n;}\n", "cpp")
    assert right.line() == "verified (12 inputs)"


@needs_cpp
def test_cpp_fixed_width_results_that_do_not_fit_are_skipped_and_said():
    rec = record_source("def square(x: int) -> int:\n    return x * x\n", "python", "square")
    narrow = check_candidate(rec, "int square(int x) { return x * x; }", "cpp")
    assert narrow.status == "verified" and narrow.inputs == len(rec.cases) - 1
    assert any("1000000000000 does not fit the candidate's int" in n for n in narrow.notes)
    wide = check_candidate(rec, "typedef long long ll;\nll square(ll x) { return x * x; }", "cpp")
    assert wide.status == "verified" and wide.inputs == len(rec.cases) and not wide.notes


@needs_cpp
def test_cpp_candidate_that_does_not_compile_failed():
    rec = record_source(WRAP, "python", "wrap_index")
    verdict = check_candidate(rec, "int wrap_index(int i, int n) { return i % m; }", "cpp")
    assert verdict.status == "failed" and "compile error" in (verdict.reason or "")
    assert "not declared" in (verdict.reason or "")


@needs_cpp
def test_cpp_containers_strings_and_arguments_changed_in_place():
    src = "def tally(xs: list[int], s: str) -> dict:\n    xs.append(len(s))\n    return {s: len(xs), 'k': 1.5}\n"
    rec = record_source(src, "python", "tally")
    by_ref = ("#include <map>\nusing namespace std;\nmap<string, double> tally(vector<int>& xs, const string& s) {\n"
              "    xs.push_back(s.size());\n    map<string, double> m;\n    m[s] = xs.size();\n    m[\"k\"] = 1.5;\n"
              "    return m;\n}\n")
    assert check_candidate(rec, by_ref, "cpp").line() == f"verified ({len(rec.cases)} inputs)"
    by_value = by_ref.replace("vector<int>& xs", "vector<int> xs")
    verdict = check_candidate(rec, by_value, "cpp")
    assert verdict.status == "differs" and "argument 1 after the call" in verdict.counterexamples[0].expected


@needs_cpp
def test_cpp_crash_is_a_raise_and_a_hang_is_dropped():
    src = "def quot(a: int, b: int) -> int:\n    '''>>> quot(1, 0)\n    '''\n    return a // b if a >= 0 else 0\n"
    rec = record_source(src, "python", "quot")
    assert rec.cases[0].args == [1, 0] and rec.cases[0].expected.error == "ZeroDivisionError"
    floor = ("int quot(int a, int b) {\n    if (a == 3 && b == 3) for (;;) {}\n    if (a < 0) return 0;\n"
             "    int q = a / b;\n    return (a %% b != 0 && (b < 0)) ? q - 1 : q;\n}\n")
    verdict = check_candidate(rec, floor % (), "cpp")  # SIGFPE on quot(1, 0) is the expected raise; (3, 3) hangs
    assert verdict.status == "differs" and verdict.differing == 1, verdict.line()
    assert verdict.counterexamples[0].call == "quot(3, 3)" and "timed out" in verdict.counterexamples[0].actual
    assert check_candidate(rec, floor.replace("a == 3 &&", "a == -3 &&") % (), "cpp").status == "verified"


def test_cpp_types_read_from_the_signature():
    code = "typedef long long ll;\nusing Grid = vector<vector<int>>;\n"
    ret, types = parse_signature("std::map<std::string, int> f(const Grid& g, string s, ll n, char c, "
                                 "unsigned int u, std::optional<double> d, bool b)", "f", code)
    assert ret == ("map", (("string", ()), ("int", ())))
    assert [t[0] for t in types] == ["vector", "string", "long long", "char", "unsigned int", "optional", "bool"]
    assert literal([[1], []], types[0]) == "std::vector<std::vector<int>>{std::vector<int>{1}, std::vector<int>{}}"
    assert literal('a"\n', types[1]) == 'std::string("a\\042\\012", 3)'
    assert literal(None, types[5]) == "std::optional<double>()"
    with pytest.raises(Unrepresentable, match="does not fit"):
        literal(-1, types[4])
    with pytest.raises(Unrepresentable, match="pointer"):
        parse_signature("int f(int* xs, int n)", "f")


JAVA_DIVIDE = '''import java.util.*;

class Solution {
    /**
    How many times x goes into y.
    >>> divide(2, 7)
    3
    divide(3, 9) == 3
     */
    public int divide(int x, int y) {
        return y / x;
    }
}
'''


@needs_java
def test_java_source_integer_division_kept_as_python_slash_differs():
    rec = record_source(JAVA_DIVIDE, "java", "divide")
    assert rec.usable and rec.source == "java" and rec.params == ["x", "y"]
    assert [(c.args, c.origin) for c in rec.cases[:2]] == [([2, 7], "doc"), ([3, 9], "doc")]
    assert rec.cases[0].expected.value == 3
    assert any("ArithmeticException" in why for _, why in rec.dropped)  # generated x=0: outside the domain
    wrong = check_candidate(rec, "def divide(x, y):\n    return y / x\n", "python")
    assert wrong.status == "differs" and wrong.counterexamples[0].call == "divide(2, 7)"
    assert wrong.counterexamples[0].actual == "3.5"
    right = "def divide(x, y):\n    q = abs(y) // abs(x)\n    return q if (x < 0) == (y < 0) else -q\n"
    assert check_candidate(rec, right, "python").line() == f"verified ({len(rec.cases)} inputs)"
    given = record_source(JAVA_DIVIDE, "java", "divide", inputs=[[2, -7]])  # -7 / 2 is -3 in Java
    floor = check_candidate(given, "def divide(x, y):\n    return y // x\n", "python")  # and -4 in Python
    assert floor.line().startswith("differs (input divide(2, -7): expected -3, got -4")


@needs_java
def test_java_double_result_takes_a_python_int_and_lists_come_from_types():
    src = ("import java.util.*;\nclass Solution {\n    public double total(List<Integer> xs, boolean half) {\n"
           "        double t = 0;\n        for (int x : xs) t += x;\n        return half ? t / 2 : t;\n    }\n}\n")
    rec = record_source(src, "java", "total")
    assert rec.usable and all(isinstance(c.args[0], list) and isinstance(c.args[1], bool) for c in rec.cases)
    assert isinstance(rec.cases[0].expected.value, float)
    cand = "def total(xs, half):\n    return sum(xs) / 2 if half else sum(xs)\n"  # an int where Java has 6.0
    assert check_candidate(rec, cand, "python").status == "verified"
    assert check_candidate(rec, cand.replace("/ 2", "// 2"), "python").status == "differs"


@needs_java
def test_java_static_method_arrays_changed_in_place_and_a_hang_dropped():
    src = ("public class Main {\n    // fill(new int[]{1, 2}, 5)\n    public static void fill(int[] xs, int v) {\n"
           "        while (v == -1) { }\n        for (int i = 0; i < xs.length; i++) xs[i] = v;\n    }\n"
           "    public static void main(String[] a) { fill(new int[]{9}, 3); }\n}\n")
    rec = record_source(src, "java", "fill", per_call=0.5)
    assert [c.args for c in rec.cases[:2]] == [[[1, 2], 5], [[9], 3]]
    assert [c.origin for c in rec.cases[:2]] == ["doc", "call"]
    assert rec.cases[0].expected.after == [[5, 5], None]
    assert any("timed out" in why for _, why in rec.dropped)
    assert check_candidate(rec, "def fill(xs, v):\n    xs[:] = [v] * len(xs)\n", "python").status == "verified"
    assert check_candidate(rec, "def fill(xs, v):\n    xs = [v] * len(xs)\n", "python").status == "differs"


@needs_java
def test_java_source_that_uses_randomness_is_unverifiable():
    src = "class S {\n    public int roll(int n) { return new Random().nextInt(n); }\n}\n"
    rec = record_source(src, "java", "roll")
    assert not rec.usable and "randomness" in (rec.unverifiable or "")
    assert verify_unit(src, "java", "roll", "def roll(n):\n    return 4\n", "python").status == "unverifiable"


def test_java_literals_and_types():
    assert parse_args('(Arrays.asList(1, -2), new int[] {3}, "a\\tb", \'c\', 5L, 2.5f, true, null)') == \
        [[1, -2], [3], "a\tb", "c", 5, 2.5, True, None]
    assert parse_args("(new ArrayList<>(List.of(List.of(1))), Map.of(\"k\", 2), Optional.empty(), (char) 65)") == \
        [[[1]], {"k": 2}, None, "A"]
    with pytest.raises(NotLiteral):
        parse_args("(xs, 1)")
    assert [kind(t) for t in ("int", "long", "double", "boolean", "String", "char", "List<Integer>",
                              "List<String>", "List<Double>", "int[]", "Map<String, Integer>", "Optional<String>",
                              "List<List<Integer>>", "Object")] == \
        ["int", "int", "float", "bool", "str", "char", "list[int]", "list[str]", "list[float]", "list[int]",
         "dict[str,int]", "?str", "list[list[int]]", "!Object"]
    assert coerce([1, 2], "List<Double>") == [1.0, 2.0] and isinstance(coerce(3, "double"), float)
    with pytest.raises(NotLiteral):
        coerce(2.5, "int")


CPP_SOURCE = '''#include <vector>
using namespace std;
// >>> count_above({1, -2, 3}, 0)
// 2
int count_above(const vector<int>& xs, long long floor_) {
    int n = 0;
    for (int x : xs) if (x > floor_) n++;
    return n;
}
'''


@needs_cpp
def test_cpp_source_documented_braces_and_generated_vectors():
    rec = record_source(CPP_SOURCE, "cpp", "count_above")
    assert rec.usable and rec.source == "cpp" and rec.params == ["xs", "floor_"]
    assert rec.cases[0].args == [[1, -2, 3], 0] and rec.cases[0].origin == "doc" and rec.cases[0].expected.value == 2
    assert any(c.args[0] == [] for c in rec.cases)  # an edge value of vector<int>
    right = "def count_above(xs, floor_):\n    return sum(1 for x in xs if x > floor_)\n"
    assert check_candidate(rec, right, "python").status == "verified"
    wrong = "def count_above(xs, floor_):\n    return sum(1 for x in xs if x >= floor_)\n"
    assert check_candidate(rec, wrong, "python").status == "differs"


@needs_cpp
def test_cpp_source_crash_on_a_documented_input_is_expected_generated_crash_dropped():
    src = "// share(7, 0) crashes\nint share(int a, int b) { return a / b; }\n"
    rec = record_source(src, "cpp", "share")
    assert rec.cases[0].args == [7, 0] and rec.cases[0].expected.raised
    assert any("signal" in why for _, why in rec.dropped)
    assert check_candidate(rec, "def share(a, b):\n    return int(a / b)\n", "python").status == "verified"
    assert check_candidate(rec, "def share(a, b):\n    return a // b\n", "python").status == "differs"
    unseeded = "#include <cstdlib>\nint roll(int n) { return rand() % n; }\n"
    assert "randomness" in (record_source(unseeded, "cpp", "roll").unverifiable or "")


@needs_cpp
def test_cpp_source_arguments_after_the_call_only_for_references():
    by_value = "#include <vector>\n#include <algorithm>\nusing namespace std;\n" \
               "int top(vector<int> xs) { sort(xs.begin(), xs.end()); return xs.empty() ? 0 : xs.back(); }\n"
    rec = record_source(by_value, "cpp", "top")
    in_place = "def top(xs):\n    xs.sort()\n    return xs[-1] if xs else 0\n"
    assert check_candidate(rec, in_place, "python").status == "verified"  # the C++ caller never sees the sort
    by_ref = record_source(by_value.replace("vector<int> xs", "vector<int>& xs"), "cpp", "top")
    assert check_candidate(by_ref, in_place, "python").status == "verified"
    copy = "def top(xs):\n    ys = sorted(xs)\n    return ys[-1] if ys else 0\n"
    verdict = check_candidate(by_ref, copy, "python")
    assert verdict.status == "differs" and "argument 1 after the call" in verdict.counterexamples[0].expected
