"""make_file_verifier: target-language tests run with candidate units in the real sandbox, and the
pipeline using it (scripted backend) keeps a passing candidate and repairs on test output."""
from __future__ import annotations

import pytest

from translate.errors import InputError
from translate.evaluation import make_file_verifier
from translate.evaluation.verify import unit_names
from translate.sandbox import missing_tool
from translate.translation.pipeline import TranslateOptions, translate_source

PY_TESTS = "assert add(2, 3) == 5\nassert twice(4) == 8\nprint('ok')\n"


def test_python_tests_pass_and_fail(tmp_path):
    tests = tmp_path / "test_calc.py"
    tests.write_text(PY_TESTS)
    verify = make_file_verifier(tests, "python")
    assert verify("def twice(x):\n    return add(x, x)\n")[0] is False  # add is not translated yet
    ok, message = verify("def add(a, b):\n    return a + b\n")
    assert ok and message is None  # add + the latest twice + the tests
    ok, message = verify("def twice(x):\n    return x * 3\n")  # a new candidate replaces the old twice
    assert not ok
    assert "AssertionError" in message and "twice(4) == 8" in message
    assert verify.runs == 3


def test_javascript_console_assert_counts_as_failure(tmp_path):
    tests = tmp_path / "calc.test.js"
    tests.write_text("console.assert(add(2, 3) === 5);\n")
    verify = make_file_verifier(tests, "javascript")
    assert verify("function add(a, b) { return a + b; }\n") == (True, None)
    ok, message = verify("function add(a, b) { return a - b; }\n")
    assert not ok and "Assertion failed" in message


@pytest.mark.skipif(missing_tool("java") is not None, reason="no java")
def test_java_bare_methods_go_into_the_named_class(tmp_path):
    tests = tmp_path / "CalcTest.java"
    tests.write_text(
        "import java.util.*;\n"
        "public class CalcTest {\n"
        "    public static void main(String[] args) {\n"
        "        if (Calc.add(2, 3) != 5) throw new AssertionError(\"add\");\n"
        "    }\n"
        "}\n")
    verify = make_file_verifier(tests, "java", java_class="Calc")
    assert verify("public static int add(int a, int b) {\n    return a + b;\n}\n") == (True, None)
    ok, message = verify("public static int add(int a, int b) {\n    return a * b;\n}\n")
    assert not ok and "AssertionError" in message
    ok, message = verify("public static int add(int a, int b) {\n    return a + ;\n}\n")
    assert not ok and message.startswith("it does not compile")


@pytest.mark.skipif(missing_tool("cpp") is not None, reason="no g++")
def test_cpp_tests(tmp_path):
    tests = tmp_path / "calc_test.cpp"
    tests.write_text("#include <cassert>\nint main() { assert(add(2, 3) == 5); }\n")
    verify = make_file_verifier(tests, "cpp")
    assert verify("int add(int a, int b) { return a + b; }\n") == (True, None)
    assert verify("int add(int a, int b) { return a - b; }\n")[0] is False


def test_missing_or_unsupported_tests_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="test file not found"):
        make_file_verifier(tmp_path / "nope.py", "python")
    (tmp_path / "t.rs").write_text("fn main() {}\n")
    with pytest.raises(InputError, match="cannot run"):
        make_file_verifier(tmp_path / "t.rs", "rust")


def test_unit_names_route_classes_and_functions():
    assert unit_names("class Solution:\n    def hasCloseElements(self):\n        pass\n", "python") == (
        "solution", "hascloseelements")
    assert unit_names("function has_close(a) { return a; }\n", "javascript") == ("hasclose",)


def test_pipeline_keeps_the_candidate_that_passes_the_tests(tmp_path, scripted):
    """Two candidates per turn: the first parses but fails the tests, the second passes and is kept."""
    tests = tmp_path / "test_calc.js"
    tests.write_text("const assert = require('assert');\nassert.strictEqual(add(2, 3), 5);\n")
    wrong = "```javascript\nfunction add(a, b) {\n  return a - b;\n}\n```"
    right = "```javascript\nfunction add(a, b) {\n  return a + b;\n}\n```"
    backend = scripted(lambda req: [wrong, right])
    verify = make_file_verifier(tests, "javascript")
    res = translate_source("def add(a, b):\n    return a + b\n", "python", "javascript", backend,
                           TranslateOptions(max_turns=2, samples=2), verifier=verify)
    unit = res.units[0]
    assert unit.status == "ok" and unit.verified is True
    assert "a + b" in res.text
    assert [a.verified for a in unit.attempts] == [False, True]
    assert "AssertionError" in unit.attempts[0].problem


def test_pipeline_repairs_with_the_failing_test_output(tmp_path, scripted):
    tests = tmp_path / "test_calc.py"
    tests.write_text("assert add(2, 3) == 5\n")
    answers = iter(["```python\ndef add(a, b):\n    return a - b\n```", "```python\ndef add(a, b):\n    return a + b\n```"])
    backend = scripted(lambda req: next(answers))
    res = translate_source("function add(a, b) { return a + b; }\n", "javascript", "python", backend,
                           TranslateOptions(max_turns=3), verifier=make_file_verifier(tests, "python"))
    unit = res.units[0]
    assert unit.status == "repaired" and unit.verified is True
    repair_prompt = backend.requests[1].messages[-1]["content"]
    assert "AssertionError" in repair_prompt and "assert add(2, 3) == 5" in repair_prompt
