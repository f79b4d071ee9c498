"""Parametrized pytest tests to JUnit 5 by rule: the tables read from the test file (literal rows, a module
constant, ``A + B`` of constants), one ``@Test`` method per case with the case's values where the parameters are
read, module-qualified calls (``import pricing``; ``pricing.discount(...)``), the constants left as comments; and
the methods compile and pass against the project's Java, or fail where the project is wrong."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from translate.project.pytest_params import Table, case_values, read_test_params, resolve_tables
from translate.translation.pytest_junit import JavaProject, pytest_function
from translate.translation.rules import RULES

SHIM = Path(__file__).resolve().parent.parent / "translate" / "project" / "templates" / "junit_shim"
PROJECT = JavaProject(functions={"pricing.discount": "Pricing.discount", "clamp": "clamp"},
                      classes={"pricing.Item": "Item"})

TEST_FILE = '''import pytest
import pricing

PAIRS = ((100, 90), (0, 0))
MORE = [(50, 45)]
ALSO_READ = (1, 2)


@pytest.mark.parametrize(("price", "expected"), PAIRS + MORE)
def test_discount(price, expected):
    assert pricing.discount(price, 10) == expected


@pytest.mark.parametrize(("word",), [("a",), ("b",)])
@pytest.mark.parametrize("n", ALSO_READ)
def test_packed(n, word):
    assert clamp(n, 0, 9) == n


def test_reads_a_table():
    assert len(ALSO_READ) == 2
'''


def _params(source: str) -> dict:
    found = {name: read_test_params(source, name) for name in ("test_discount", "test_packed")}
    return {k: v for k, v in found.items() if v is not None}


def test_tables_named_by_constants_are_resolved_and_the_ones_only_tables_read_are_listed():
    params, table_only = resolve_tables(_params(TEST_FILE), TEST_FILE)
    assert params["test_discount"].tables == (
        Table(("price", "expected"), rows=((100, 90), (0, 0), (50, 45)), ref="PAIRS + MORE"),)
    packed = params["test_packed"].tables
    assert [t.rows for t in packed] == [(1, 2), ("a", "b")]  # ``("word",)``: each row a 1-tuple, unpacked
    # PAIRS and MORE are read only by the decorator; ALSO_READ is read by a test body too
    assert table_only == frozenset({"PAIRS", "MORE"})


def test_a_table_named_by_a_constant_that_is_not_literal_keeps_no_rows():
    source = "import pytest\nROWS = make()\n\n@pytest.mark.parametrize('n', ROWS)\ndef test_x(n):\n    pass\n"
    params, table_only = resolve_tables({"test_x": read_test_params(source, "test_x")}, source)
    assert params["test_x"].tables == (Table(("n",), ref="ROWS"),) and table_only == frozenset()
    assert case_values(params["test_x"]) is None


def test_cases_multiply_stacked_tables_in_pytests_order():
    source = ("import pytest\n@pytest.mark.parametrize('x', [0, 1])\n@pytest.mark.parametrize('y', [2, 3])\n"
              "def test_x(x, y):\n    pass\n")
    tp = read_test_params(source, "test_x")
    assert tp is not None
    # pytest: x=0/y=2, x=1/y=2, x=0/y=3, x=1/y=3 (the decorator nearest the def varies slowest)
    assert case_values(tp) == [{"y": "2", "x": "0"}, {"y": "2", "x": "1"}, {"y": "3", "x": "0"},
                              {"y": "3", "x": "1"}]
    assert case_values(tp, limit=3) is None
    fixture = read_test_params("import pytest\n@pytest.mark.parametrize('x', [0])\n"
                               "def test_f(monkeypatch, x):\n    pass\n", "test_f")
    assert fixture is not None and case_values(fixture) is None  # a fixture: the model translates it


DISCOUNT = '''@pytest.mark.parametrize(("price", "expected"), PAIRS)
def test_discount(price, expected):
    assert pricing.discount(price, 10) == expected
    assert clamp(price, -5, 100) == price
'''


def test_one_junit_method_per_case_with_the_values_in_place():
    cases = [{"price": "100", "expected": "90"}, {"price": "-1", "expected": "None"}]
    assert pytest_function(DISCOUNT, PROJECT, cases) == """@Test
void testDiscount_0() {
    assertEquals(90, Pricing.discount(100, 10));
    assertEquals(100, clamp(100, -5, 100));
}

@Test
void testDiscount_1() {
    assertNull(Pricing.discount(-1, 10));
    assertEquals(-1, clamp(-1, -5, 100));
}"""


def test_a_str_method_on_a_cases_value_is_computed_and_the_value_is_the_expected_side():
    code = ('@pytest.mark.parametrize(("word", "plural"), PAIRS)\ndef test_plural(word, plural):\n'
            '    assert plural == clamp(word)\n    assert plural.capitalize() == clamp(word.upper())\n'
            '    assert plural.replace("e", "_", 1) == clamp(word)\n')
    assert pytest_function(code, PROJECT, [{"word": "'box'", "plural": "'boxes'"}]) == """@Test
void testPlural_0() {
    assertEquals("boxes", clamp("box"));
    assertEquals("Boxes", clamp("BOX"));
    assertEquals("box_s", clamp("box"));
}"""
    # a method that is not a pure str method, or on a value that is not a str: left to the model
    assert pytest_function(code.replace("word.upper()", "word.encode()"), PROJECT,
                           [{"word": "'box'", "plural": "'boxes'"}]) is None
    assert pytest_function(code, PROJECT, [{"word": "1", "plural": "'boxes'"}]) is None


@pytest.mark.parametrize("code, cases", [
    (DISCOUNT, [{"price": "100"}]),  # a case that does not bind every parameter
    (DISCOUNT.replace("    assert pricing", "    price = 1\n    assert pricing"), [{"price": "1", "expected": "0"}]),
    (DISCOUNT, [{"price": "100", "expected": "float('nan')"}]),  # not a literal Java has
    (DISCOUNT.replace("(price, expected)", "(price, expected=1)"), [{"price": "1", "expected": "0"}]),
    (DISCOUNT.replace("pricing.discount", "pricing.missing"), [{"price": "1", "expected": "0"}]),
])
def test_a_parametrized_test_not_covered_is_left_to_the_model(code, cases):
    assert pytest_function(code, PROJECT, cases) is None


def test_the_rule_writes_cases_and_leaves_the_tables_as_comments():
    rule = RULES[("python", "java")]
    ruled = rule(DISCOUNT, "function", {"test": True, "rule": PROJECT, "cases": [{"price": "1", "expected": "1"}]})
    assert ruled is not None and "void testDiscount_0()" in ruled
    glue = "# the cases\nPAIRS = ((100, 90), (0, 0))\nMORE = [(50, 45)]\n"
    out = rule(glue, "glue", {"rule": PROJECT, "tables": ["PAIRS", "MORE"]})
    assert out is not None and "// PAIRS: a parametrize table" in out and "// MORE:" in out
    assert rule(glue, "glue", {"rule": PROJECT, "tables": ["PAIRS"]}) is None  # MORE is read elsewhere
    assert rule("PAIRS = 1\nprint(PAIRS)\n", "glue", {"rule": PROJECT, "tables": ["PAIRS"]}) is None


PRICING_JAVA = """package shop;

final class Pricing {
    static Integer discount(int price, int percent) {
        return price < 0 ? null : price - price * percent / 100;
    }

    static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
"""


@pytest.mark.skipif(shutil.which("javac") is None or shutil.which("java") is None or not SHIM.is_dir(),
                    reason="needs a JDK and the JUnit shim")
@pytest.mark.parametrize("wrong", [False, True])
def test_the_case_methods_compile_and_pass_against_the_project_and_fail_where_it_is_wrong(tmp_path, wrong):
    cases = [{"price": "100", "expected": "90"}, {"price": "0", "expected": "0"}, {"price": "-1", "expected": "None"}]
    methods = pytest_function(DISCOUNT, PROJECT, cases)
    assert methods is not None
    pkg = tmp_path / "src" / "shop"
    pkg.mkdir(parents=True)
    java = PRICING_JAVA.replace("price * percent / 100", "price * percent / 50") if wrong else PRICING_JAVA
    (pkg / "Pricing.java").write_text(java)
    body = "\n".join(f"    {ln}" if ln else ln for ln in methods.splitlines())
    (pkg / "PricingTest.java").write_text(
        "package shop;\n\nimport static org.junit.jupiter.api.Assertions.*;\nimport static shop.Pricing.*;\n\n"
        "import org.junit.jupiter.api.*;\n\nclass PricingTest {\n" + body + "\n}\n")
    sources = [str(p) for p in pkg.glob("*.java")] + [str(p) for p in SHIM.rglob("*.java")]
    built = subprocess.run(["javac", "-encoding", "UTF-8", "-nowarn", "-d", str(tmp_path / "classes"), *sources],
                           capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr
    ran = subprocess.run(["java", "-cp", str(tmp_path / "classes"), "translate_check.TranslateTestRunner",
                          "shop.PricingTest"], capture_output=True, text=True, timeout=120)
    results = [json.loads(ln.split(" ", 1)[1]) for ln in ran.stdout.splitlines() if ln.startswith("TRANSLATE-TEST {")]
    assert [r["test"] for r in results] == ["testDiscount_0", "testDiscount_1", "testDiscount_2"], ran.stdout
    failed = [r["test"] for r in results if not r["ok"]]
    # the wrong discount fails the one case where it differs (100 -> 80, not 90); 0 and -1 still pass
    assert failed == (["testDiscount_0"] if wrong else []), ran.stdout


CASES_FILE = '''import pytest

import inventory.pricing as pricing
from inventory.util import clamp

LIMITS = ((5, 5), (-3, 0))
MORE_LIMITS = ((12, 10),)


@pytest.mark.parametrize(("value", "expected"), LIMITS + MORE_LIMITS)
def test_clamp(value, expected):
    assert clamp(value, 0, 10) == expected


@pytest.mark.parametrize("total, percent, expected", [(80, 25, 60.0), (10, -5, 10.0)])
def test_discount(total, percent, expected):
    assert pricing.discount(total, percent) == pytest.approx(expected)
'''


def test_a_migrated_project_runs_one_junit_test_per_case(tmp_path):
    """``translate repo --to java`` on the sample with a parametrized test file added: the cases become JUnit
    methods (no model asked for them), the tables comments, and the check runs each case against the project."""
    from test_project_python_java import ANSWERS, SAMPLE, _routed

    from translate.repo.runner import RepoOptions, migrate

    src = tmp_path / "project"
    shutil.copytree(SAMPLE, src)
    (src / "tests" / "test_cases.py").write_text(CASES_FILE)
    out = tmp_path / "java"
    asked: list[str] = []
    backend = _routed(ANSWERS, lambda req, msg: asked.append(msg))  # records each request, answers none
    migrate(RepoOptions(src=src, dst=out, target="java", quiet=True, use_git=False, check=True, max_turns=1,
                        check_rounds=0, extra={"verify": "off"}), backend=backend)
    java = (out / "src/test/java/tests/TestCases.java").read_text()
    assert "// LIMITS: a parametrize table" in java and "// MORE_LIMITS:" in java
    assert "assertEquals(0, clamp(-3, 0, 10));" in java and "Pricing.discount(10, -5)" in java
    assert asked and not any("test_clamp" in m or "test_discount" in m or "LIMITS" in m for m in asked)
    report = json.loads((out / "translate-report.json").read_text())
    check = report["project"]["check"]
    assert check["builds"] is True, check["build_errors"]
    assert check["passed"] == 7 + 5 and check["failed"] == 0, check["files"]


def test_pythons_booleans_are_javas_in_arguments_and_case_values():
    code = "def test_lower():\n    assert clamp('Capital', False) == 'capital'\n"
    assert pytest_function(code, PROJECT) == ('@Test\nvoid testLower() {\n    assertEquals("capital", '
                                              'clamp("Capital", false));\n}')
    cases = [{"price": "True", "expected": "1"}]
    assert "Pricing.discount(true, 10)" in (pytest_function(DISCOUNT, PROJECT, cases) or "")
