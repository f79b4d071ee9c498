"""unittest classes migrated as tests (``translate repo --to javascript``): each class extends the template's
TestCase, each test method is registered with node:test and run the way unittest runs it (fresh instance,
setUp, the test, tearDown). Scripted model, real node."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from translate.engines.scripted import ScriptedBackend, task_message
from translate.repo.runner import RepoOptions, migrate
from translate.sandbox import missing_tool

needs_node = pytest.mark.skipif(missing_tool("javascript") is not None, reason="node is not installed")

CALC = '''def add(a, b):
    return a + b


def mean(xs):
    if not xs:
        raise ValueError("empty")
    return sum(xs) / len(xs)
'''

TEST = '''import unittest

from calc import add, mean


class TestCalc(unittest.TestCase):
    def setUp(self):
        self.values = [1, 2, 3]

    def test_add(self):
        self.assertEqual(add(2, 3), 5)

    def test_mean(self):
        self.assertAlmostEqual(mean(self.values), 2.0)
        with self.assertRaises(ValueError):
            mean([])

    def test_values_fresh(self):
        self.values.append(4)
        self.assertEqual(len(self.values), 4)


if __name__ == "__main__":
    unittest.main()
'''

JS = {
    "add": "function add(a, b) {\n  return a + b;\n}",
    "mean": "function mean(xs) {\n  if (xs.length === 0) throw new Error('empty');\n"
            "  return xs.reduce((s, x) => s + x, 0) / xs.length;\n}",
    "TestCalc": "class TestCalc extends TestCase {\n  setUp() {\n    this.values = [1, 2, 3];\n  }\n\n"
                "  testAdd() {\n    this.assertEqual(add(2, 3), 5);\n  }\n\n"
                "  testMean() {\n    this.assertAlmostEqual(mean(this.values), 2.0);\n"
                "    this.assertRaises(Error, () => mean([]));\n  }\n\n"
                "  testValuesFresh() {\n    this.values.push(4);\n    this.assertEqual(this.values.length, 4);\n  }\n}",
    "__main__": "if (import.meta.url === `file://${process.argv[1]}`) {\n  unittest.main();\n}",
}


def _migrate(tmp_path: Path, answers: dict, check: bool | None = None):
    src = tmp_path / "src"
    (src / "tests").mkdir(parents=True)
    (src / "calc.py").write_text(CALC)
    (src / "tests" / "test_calc.py").write_text(TEST)
    out = tmp_path / "js"
    backend = ScriptedBackend(answers)
    opts = RepoOptions(src=src, dst=out, target="javascript", quiet=True, use_git=False, check=check, max_turns=1)
    return migrate(opts, backend=backend), out, backend


@needs_node
def test_unittest_class_becomes_registered_node_tests_that_pass(tmp_path):
    report, out, backend = _migrate(tmp_path, JS)
    test = (out / "tests/test_calc.test.js").read_text()
    assert 'import { TestCase, runTestCase } from "../unittest.js";' in test
    assert 'import { add, mean } from "../calc.js";' in test
    assert "import unittest" not in test  # mapped to the template, not a TODO
    for py, js in (("test_add", "testAdd"), ("test_mean", "testMean"), ("test_values_fresh", "testValuesFresh")):
        assert f'test("TestCalc.{py}", () => runTestCase(TestCalc, "{js}"));' in test
    assert "unittest.main();" not in test and "node --test runs the tests below" in test
    assert (out / "unittest.js").is_file() and "unittest.js" in report.project.build_files
    check = report.project.check
    assert check.builds is True and (check.passed, check.failed) == (3, 0), check.to_dict()
    # the class was told it is a unittest class, with the TestCase it extends
    (req,) = backend.by_unit.asked["TestCalc"]
    ask = task_message(req)
    assert "extends `TestCase`" in ask and "assertRaises(ErrorClass, fn, ...args)" in ask
    assert "class TestCalc extends TestCase { setUp(); testAdd(); testMean(); testValuesFresh() }" in ask
    res = subprocess.run(["node", "--test"], cwd=out, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0 and "# pass 3" in res.stdout, res.stdout[-2000:]


@needs_node
def test_a_wrong_unit_fails_the_test_method_that_calls_it(tmp_path):
    answers = dict(JS, mean="function mean(xs) {\n  return xs.reduce((s, x) => s + x, 0) / xs.length;\n}")  # no throw
    report, out, _ = _migrate(tmp_path, answers)
    check = report.project.check
    failing = sorted(t.name for f in check.files for t in f.tests if not t.passed)
    assert failing == ["TestCalc.test_mean"] and check.passed == 2
    assert "Error not raised" in next(t.error for f in check.files for t in f.tests if not t.passed)


def test_a_test_class_that_no_longer_calls_the_code_fails(tmp_path):
    answers = dict(JS, TestCalc="class TestCalc extends TestCase {\n  testAdd() {\n    this.assertEqual(2 + 3, 5);\n"
                                "  }\n}")
    report, out, _ = _migrate(tmp_path, answers, check=False)
    units = {u.name: u for f in report.files if f.result for u in f.result.units}
    assert units["TestCalc"].status == "failed" and "no longer calls add, mean" in units["TestCalc"].reason
    test = (out / "tests/test_calc.test.js").read_text()
    assert "runTestCase(TestCalc" not in test and "translate: FAILED" in test


MIXIN_TEST = '''import unittest

from calc import add


class AddTests(object):
    def test_add(self):
        self.assertEqual(add(2, 3), 5)

    def test_add_zero(self):
        self.assertEqual(add(0, 3), 3)


class CalcTests(unittest.TestCase, AddTests):
    pass


class TestPlain:
    def setup_method(self):
        self.base = 10

    def test_plain(self):
        assert add(self.base, 1) == 11
'''

MIXIN_JS = dict(JS,
                AddTests="class AddTests {\n  testAdd() {\n    this.assertEqual(add(2, 3), 5);\n  }\n\n"
                         "  testAddZero() {\n    this.assertEqual(add(0, 3), 3);\n  }\n}",
                CalcTests="class CalcTests extends TestCase {}",
                TestPlain="class TestPlain {\n  setupMethod() {\n    this.base = 10;\n  }\n\n"
                          "  testPlain() {\n    assert.strictEqual(add(this.base, 1), 11);\n  }\n}")


@needs_node
def test_tests_in_a_mixin_and_a_pytest_class_are_registered_and_run(tmp_path):
    src = tmp_path / "src"
    (src / "tests").mkdir(parents=True)
    (src / "calc.py").write_text(CALC)
    (src / "tests" / "test_calc.py").write_text(MIXIN_TEST)
    out = tmp_path / "js"
    opts = RepoOptions(src=src, dst=out, target="javascript", quiet=True, use_git=False, max_turns=1)
    report = migrate(opts, backend=ScriptedBackend(MIXIN_JS))
    test = (out / "tests/test_calc.test.js").read_text()
    assert 'import { TestCase, mixin, runTestCase } from "../unittest.js";' in test
    assert "mixin(CalcTests, AddTests);" in test
    assert 'test("CalcTests.test_add_zero", () => runTestCase(CalcTests, "testAddZero"));' in test
    assert 'test("TestPlain.test_plain", () => runTestCase(TestPlain, "testPlain"));' in test
    assert "AddTests.test_add" not in test  # not a TestCase: only through the class that mixes it in
    check = report.project.check
    names = sorted(t.name for f in check.files for t in f.tests)
    assert names == ["CalcTests.test_add", "CalcTests.test_add_zero", "TestPlain.test_plain"], check.to_dict()
    assert check.failed == 0 and check.passed == 3, check.to_dict()
