"""``translate repo`` of a Python project to Java makes a Maven-layout project of one package that javac builds
and whose migrated JUnit 5 tests run: signatures typed from what the source's own tests passed
(translate.project.java_types / java_context), module functions as static members of a holder class,
static-imported where used, tests translated by rule (translate.translation.pytest_junit), and the check
compiling and running them (translate.project.check_java).

The model is scripted (routed by unit) except in the last test, which runs the real default pack end to end.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from translate.engines.scripted import ScriptedBackend, task_message
from translate.project.java_types import TypeMap, java_type, merge
from translate.repo.report import REPORT_JSON
from translate.repo.runner import RepoOptions, migrate

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "project"

ANSWERS = {
    "clamp": "public static int clamp(int value, int low, int high) {\n    return Math.max(low, Math.min(high, value));\n}",
    "round_cents": "public static double roundCents(double amount) {\n    return Math.round(amount * 100) / 100.0;\n}",
    "discount": "public static double discount(double total, int percent) {\n"
                "    return roundCents(total * (100 - clamp(percent, 0, 100)) / 100);\n}",
    "order_total": "public static double orderTotal(List<Map.Entry<Item, Integer>> lines) {\n    double total = 0;\n"
                   "    for (Map.Entry<Item, Integer> line : lines) {\n"
                   "        total += line.getKey().cost(line.getValue());\n    }\n    return roundCents(total);\n}",
    "Item": "public class Item {\n    String name;\n    double price;\n\n    Item(String name, double price) {\n"
            "        this.name = name;\n        this.price = price;\n    }\n\n    double cost(int quantity) {\n"
            "        return roundCents(price * quantity);\n    }\n\n    String describe() {\n"
            "        return name + \" at \" + price;\n    }\n}",
    "Perishable": "class Perishable extends Item {\n    int daysLeft;\n\n"
                  "    Perishable(String name, double price, int daysLeft) {\n        super(name, price);\n"
                  "        this.daysLeft = daysLeft;\n    }\n\n    @Override\n    double cost(int quantity) {\n"
                  "        if (daysLeft <= 1) {\n            return roundCents(price * quantity / 2);\n        }\n"
                  "        return super.cost(quantity);\n    }\n}",
    "Bundle": "class Bundle extends Item {\n    List<Item> items;\n\n    Bundle(String name, List<Item> items) {\n"
              "        super(name, items.stream().mapToDouble(i -> i.price).sum());\n        this.items = items;\n"
              "    }\n\n    @Override\n    String describe() {\n        StringBuilder sb = new StringBuilder();\n"
              "        for (Item i : items) {\n            if (sb.length() > 0) sb.append(\", \");\n"
              "            sb.append(i.name);\n        }\n        return name + \": \" + sb;\n    }\n}",
    # private fields and a private copy of an imported function, as the 1.5B writes them: the writer fixes both;
    # no two-argument ``sell``: the writer adds the overload for the default
    "Store": "class Store {\n    private Map<String, Map.Entry<Item, Integer>> stock = new HashMap<>();\n\n"
             "    void add(Item item, int count) {\n"
             "        int have = stock.containsKey(item.name) ? stock.get(item.name).getValue() : 0;\n"
             "        stock.put(item.name, Map.entry(item, have + count));\n    }\n\n"
             "    double sell(String name, int count, int percent) {\n"
             "        Map.Entry<Item, Integer> have = stock.get(name);\n"
             "        if (have == null || have.getValue() < count) {\n            throw new OutOfStock(name);\n"
             "        }\n        stock.put(name, Map.entry(have.getKey(), have.getValue() - count));\n"
             "        return discount(orderTotal(List.of(Map.entry(have.getKey(), count))), percent);\n    }\n\n"
             "    private double discount(double total, int percent) {\n        return total;\n    }\n}",
}


class Sequenced:
    """One unit's answers in turn (the last one repeated), recording each conversation the unit was asked in."""

    def __init__(self, unit: str, answers: list[str]):
        self.unit, self.answers, self.asked = unit, answers, []

    def __call__(self, req, msg: str) -> str | None:
        if f"class {self.unit}(" not in msg and f"class {self.unit}:" not in msg:
            return None
        self.asked.append("\n".join(m["content"] for m in req.messages or []))
        return self.answers[min(len(self.asked), len(self.answers)) - 1]


def _routed(answers: dict[str, str], first=None) -> ScriptedBackend:
    """Answers routed by the unit each request asks for; ``first(req, msg)``, when given, answers before them."""
    def answer(req) -> str:
        msg = task_message(req)
        special = first(req, msg) if first is not None else None
        if special is not None:
            return f"```java\n{special}\n```"
        for name, code in answers.items():
            if f"def {name}(" in msg or f"class {name}(" in msg or f"class {name}:" in msg:
                return f"```java\n{code}\n```"
        return "```java\n// nothing\n```"
    return ScriptedBackend(answer)


def _migrate(tmp_path: Path, answers: dict, check: bool | None = False, *, first=None, turns: int = 1,
             rounds: int = 0):
    src = tmp_path / "project"
    shutil.copytree(SAMPLE, src)
    out = tmp_path / "java"
    opts = RepoOptions(src=src, dst=out, target="java", quiet=True, use_git=False, check=check, max_turns=turns,
                       check_rounds=rounds, extra={"verify": "off"})
    return migrate(opts, backend=_routed(answers, first)), out


def test_types_merge_and_become_java_types():
    keys = {"inventory/models.py:Item": "Item"}
    assert merge("int", "float") == "float" and java_type(merge("int", "float"), keys) == "double"
    assert java_type({"list": {"obj": "inventory/models.py:Item"}}, keys) == "List<Item>"
    assert java_type({"dict": ["str", {"tuple": ["int", "str"]}]}, keys) == "Map<String, Map.Entry<Integer, String>>"
    assert java_type({"tuple": ["int", "str", "float"]}, keys) == "Object[]"
    assert java_type(merge("None", "int"), keys) == "Integer"
    assert java_type(merge("str", "int"), keys) == "Object"
    assert java_type("?", keys) is None


def test_a_type_map_merges_every_call_of_a_function_and_every_life_of_a_class():
    records = {("m.py", "f"): [{"fn": "m.py:f", "types": ["int"], "rtype": "int"},
                               {"fn": "m.py:f", "types": ["float"], "rtype": "!"}],
               ("m.py", "C"): [{"cls": "m.py:C", "types": ["str"], "steps": [{"m": "get", "types": [], "rtype": "None"}],
                                "ftypes": {"x": "int"}},
                               {"cls": "m.py:C", "types": ["str"], "steps": [], "ftypes": {"x": "float"}}]}
    tm = TypeMap.from_records(records)
    assert tm.functions[("m.py", "f")].params == ["float"] and tm.functions[("m.py", "f")].ret == "int"
    c = tm.classes[("m.py", "C")]
    assert c.init.params == ["str"] and c.methods["get"].ret == "None" and c.fields == {"x": "float"}


def test_python_project_becomes_a_java_package_that_builds_and_passes_its_tests(tmp_path):
    report, out = _migrate(tmp_path, ANSWERS, check=True)
    data = json.loads((out / REPORT_JSON).read_text())
    paths = sorted(f["output"] for f in data["files"])
    assert "src/main/java/inventory/Pricing.java" in paths and "src/test/java/tests/TestStore.java" in paths
    pricing = (out / "src/main/java/inventory/Pricing.java").read_text()
    assert pricing.startswith("package inventory;\n") and "class Pricing {" in pricing
    assert "import static inventory.Util.roundCents;" in pricing and "public class" not in pricing
    store = (out / "src/main/java/inventory/Store.java").read_text()
    assert "class OutOfStock extends RuntimeException" in store  # by rule, without the model
    assert "import static inventory.Pricing.discount;" in store
    assert "private" not in store and "return total;" not in store  # open fields; the copy of discount dropped
    assert "double sell(String name, int count) {\n        return sell(name, count, 0);" in store
    test = (out / "src/test/java/tests/TestStore.java").read_text()
    assert "@Test\nvoid testSellReducesStock()" in test.replace("    ", "")
    assert "import static org.junit.jupiter.api.Assertions.*;" in test
    assert (out / "pom.xml").is_file()
    check = data["project"]["check"]
    assert check["builds"] is True, check["build_errors"]
    assert check["passed"] == 7 and check["failed"] == 0, check["files"]


def test_a_wrong_unit_fails_the_tests_that_call_it(tmp_path):
    wrong = dict(ANSWERS, clamp=ANSWERS["clamp"].replace("Math.max(low, Math.min(high, value))", "value"))
    _, out = _migrate(tmp_path, wrong, check=True)
    check = json.loads((out / REPORT_JSON).read_text())["project"]["check"]
    failed = sorted(t["name"] for f in check["files"] for t in f["tests"] if not t["passed"])
    assert check["builds"] is True and failed == ["TestPricing.testNegativePercentIsClamped",
                                                   "TestStore.testDiscountIsClamped"], failed


def test_methods_that_do_not_compile_are_set_aside_so_the_other_tests_run(tmp_path):
    # the model's ``sell`` uses a name it never declared (``stocked``: not one of the source's unpacked names,
    # which translation.java_entries reads from the entry) and ``Bundle`` failed: javac stops on both
    answers = {k: v for k, v in ANSWERS.items() if k != "Bundle"}
    answers["Store"] = answers["Store"].replace("Map.entry(have.getKey(), count)", "Map.entry(stocked, count)")
    _, out = _migrate(tmp_path, answers, check=True)
    project = json.loads((out / REPORT_JSON).read_text())["project"]
    check = project["check"]
    assert check["builds"] is False  # the project as written does not build: said so
    assert check["set_aside"] == ["src/main/java/inventory/Store.java: sell",
                                  "src/test/java/tests/TestStore.java: testBundleDescribe"]
    results = {t["name"]: t for f in check["files"] for t in f["tests"]}
    assert check["passed"] == 5 and not results["TestStore.testSellReducesStock"]["passed"]
    assert "does not compile: cannot find symbol (symbol: variable stocked" in \
        results["TestStore.testSellReducesStock"]["error"]
    assert "set aside 2 method(s)" in (out / "translate-report.md").read_text()
    assert "Map.entry(stocked, count)" in (out / "src/main/java/inventory/Store.java").read_text()  # DST untouched


def test_an_error_outside_a_method_body_cannot_be_set_aside():
    from translate.oracle.java_stubs import stub_file

    text = "class A {\n    int x = nope();\n\n    int f() {\n        return y;\n    }\n}\n"
    assert stub_file(text, [(2, "cannot find symbol")]) is None
    stubbed, names = stub_file(text, [(5, "cannot find symbol")])
    assert names == ["f"] and 'throw new UnsupportedOperationException("does not compile: cannot find symbol");' \
        in stubbed and "return y" not in stubbed
    ctor = "class B extends A {\n    B() {\n        super();\n        z = 1;\n    }\n}\n"
    assert "{ super(); throw" in stub_file(ctor, [(4, "cannot find symbol")])[0]


def test_a_bundle_with_pythons_generators_is_written_with_streams_and_the_tests_pass(tmp_path):
    # the 1.5B's Bundle in most recorded runs: Python's generators in both methods (translation.java_generators)
    gen = ("class Bundle extends Item {\n    List<Item> items;\n\n    Bundle(String name, List<Item> items) {\n"
           "        super(name, sum(item.price for item in items));\n        this.items = items;\n    }\n\n"
           "    String describe() {\n        return name + \": \" + \", \".join(item.name for item in items);\n    }\n}")
    _, out = _migrate(tmp_path, {**ANSWERS, "Bundle": gen}, check=True)
    project = json.loads((out / REPORT_JSON).read_text())["project"]
    assert project["check"]["builds"] is True and project["check"]["passed"] == 7, project["check"]
    assert "Collectors.joining" in (out / "src/main/java/inventory/Models.java").read_text()


def test_a_store_reading_an_unpacked_name_it_never_declared_reads_it_from_the_entry(tmp_path):
    # the 1.5B's Store.sell in recorded runs: `item` of the source's unpacking used, never declared
    # (translation.java_entries)
    store = ("class Store {\n    Map<String, Map.Entry<Item, Integer>> stock = new HashMap<>();\n\n"
             "    void add(Item item, int count) {\n        this.stock.put(item.name, new AbstractMap.SimpleEntry<>(item, "
             "this.stock.getOrDefault(item.name, new AbstractMap.SimpleEntry<>(item, 0)).getValue() + count));\n    }\n\n"
             "    double sell(String name, int count, int percent) {\n"
             "        Map.Entry<Item, Integer> itemEntry = this.stock.get(name);\n"
             "        if (itemEntry == null || itemEntry.getValue() < count) {\n            throw new OutOfStock(name);\n"
             "        }\n        this.stock.put(name, new AbstractMap.SimpleEntry<>(itemEntry.getKey(), "
             "itemEntry.getValue() - count));\n        return discount(orderTotal(Arrays.asList("
             "new AbstractMap.SimpleEntry<>(item, count))), percent);\n    }\n}")
    _, out = _migrate(tmp_path, {**ANSWERS, "Store": store}, check=True)
    project = json.loads((out / REPORT_JSON).read_text())["project"]
    assert project["check"]["builds"] is True and project["check"]["passed"] == 7, project["check"]


def test_a_class_that_failed_is_what_a_missing_symbol_sends_to_repair(tmp_path):
    # the first answer keeps Python's lambda (its generator would become a stream): it does not parse
    bad = ("class Bundle extends Item {\n    Bundle(String name, List<Item> items) {\n"
           "        super(name, sum(map(lambda item: item.price, items)));\n    }\n}")
    bundle = Sequenced("Bundle", [bad, ANSWERS["Bundle"]])
    _, out = _migrate(tmp_path, ANSWERS, check=True, first=bundle, rounds=1)
    asked = bundle.asked
    project = json.loads((out / REPORT_JSON).read_text())["project"]
    assert project["first_check"]["set_aside"] == ["src/test/java/tests/TestStore.java: testBundleDescribe"]
    assert "cannot find symbol (symbol: class Bundle" in asked[-1]  # the repair turn quotes the error
    assert project["check"]["builds"] is True and project["check"]["passed"] == 7


def test_an_answer_that_uses_an_undeclared_name_gets_a_repair_turn_from_javac(tmp_path):
    """The answer is compiled against the project's skeleton while the unit has turns left
    (translate.project.java_compile): a Python local it never declared goes back to the model with javac's word."""
    wrong = ANSWERS["Store"].replace("Map.entry(have.getKey(), count)", "Map.entry(stocked, count)")
    store = Sequenced("Store", [wrong, ANSWERS["Store"]])
    _, out = _migrate(tmp_path, ANSWERS, check=True, first=store, turns=2)
    asked = store.asked
    assert len(asked) == 2 and "`stocked` is used but nothing declares it in Java" in asked[1]
    check = json.loads((out / REPORT_JSON).read_text())["project"]["check"]
    assert check["builds"] is True and check["passed"] == 7

def test_the_unit_compiler_reports_undeclared_names_and_type_errors_against_the_signatures():
    from translate.project.java_compile import UnitCompiler
    from translate.project.java_context import JavaSignatures
    from translate.project.symbols import build_symbols
    from translate.repo.verify import trace_project
    from translate.source.languages import get_language
    from translate.source.units import parse_text

    py = get_language("python")
    files = [(p.relative_to(SAMPLE).as_posix(), parse_text(p.read_text(), py, p.relative_to(SAMPLE).as_posix()))
             for p in sorted(SAMPLE.rglob("*.py"))]
    types = TypeMap.from_records(trace_project(SAMPLE).records)
    uc = UnitCompiler(JavaSignatures(build_symbols(files), types, get_language("java")), "inventory")
    assert uc.problem("inventory/store.py", "Store", "class", ANSWERS["Store"]) is None
    undeclared = ANSWERS["Store"].replace("Map.entry(have.getKey(), count)", "Map.entry(item, count)")
    assert uc.problem("inventory/store.py", "Store", "class", undeclared).startswith(
        "it does not compile: `item` is used but nothing declares it in Java")
    wrong_type = ANSWERS["Store"].replace("Map.entry(have.getKey(), count)", "Map.entry(name, count)")
    wrong = uc.problem("inventory/store.py", "Store", "class", wrong_type)
    # javac's full diagnostics: the types the call requires and the ones the answer passed
    assert "orderTotal" in wrong and "required: List<Entry<Item,Integer>>" in wrong, wrong
    assert "found:" in wrong and "lower bounds: String" in wrong, wrong
    builtin = ANSWERS["order_total"].replace("roundCents(total)", "round(total, 2)")
    assert "`round` is used but nothing defines it" in uc.problem("inventory/pricing.py", "order_total", "function",
                                                                  builtin)
    # a field the answer declares twice (inflection's PLURALS): the written file keeps one (dedupe_fields), so does
    # the unit compile, which said "already defined" before
    twice = "static List<String> SEEN;\nstatic List<String> SEEN = new ArrayList<>();\n" + ANSWERS["order_total"]
    assert uc.problem("inventory/pricing.py", "order_total", "function", twice) is None

def test_the_behaviour_checks_inputs_are_typed_as_the_projects_java_declares_them():
    """The oracle's inputs for a unit take the Java header typed from the project's tests (the candidate takes
    nothing else): ``ProjectContext.declared`` gives it, the verifier's hints read it (class_behaviour._hints)."""
    from translate.project.context import ProjectContext
    from translate.project.java_context import JavaSignatures
    from translate.project.symbols import build_symbols
    from translate.repo.verify import trace_project
    from translate.source.languages import get_language
    from translate.source.units import parse_text
    from translate.translation.class_behaviour import _hints
    from translate.translation.prompts import PROJECT_CONTEXT

    py, java = get_language("python"), get_language("java")
    files = [(p.relative_to(SAMPLE).as_posix(), parse_text(p.read_text(), py, p.relative_to(SAMPLE).as_posix()))
             for p in sorted(SAMPLE.rglob("*.py"))]
    symbols = build_symbols(files)
    ctx = ProjectContext(symbols, java)
    assert ctx.declared("inventory/pricing.py", "discount") == ""  # not typed yet
    ctx.java = JavaSignatures(symbols, TypeMap.from_records(trace_project(SAMPLE).records), java)
    assert ctx.declared("inventory/pricing.py", "discount") == "public static double discount(double total, int percent)"
    assert ctx.declared("inventory/pricing.py", "Nothing") == ""
    pricing = dict(files)["inventory/pricing.py"]
    assert _hints(pricing, "discount") is None  # outside translate repo: no declaration
    token = PROJECT_CONTEXT.set(ctx)
    try:
        assert _hints(pricing, "discount") == ["float", "int"]
    finally:
        PROJECT_CONTEXT.reset(token)


def test_a_static_import_of_a_missing_function_is_set_aside_with_the_methods_that_use_it():
    from translate.oracle.java_stubs import stub_file

    text = ("package p;\n\nimport static p.Util.roundCents;\n\nclass A {\n    double f(double x) {\n"
            "        return roundCents(x);\n    }\n}\n")
    stubbed, names = stub_file(text, [(3, "cannot find symbol (symbol: static roundCents)")])
    assert names == ["import static p.Util.roundCents;"] and "// set aside: cannot find symbol" in stubbed
    assert "import static" not in stubbed and "return roundCents(x);" in stubbed  # javac's next round: the method


# -- the real default model, end to end --------------------------------------------------------------------------

def _installed() -> bool:
    from test_qwen_e2e import _installed as installed

    return installed()


@pytest.mark.slow
@pytest.mark.uses_model_home
@pytest.mark.skipif(not _installed(), reason="model pack qwen2.5-coder-1.5b not installed")
def test_default_model_migrates_part_of_the_python_sample_to_a_java_project(tmp_path):
    from click.testing import CliRunner

    from translate.cli.main import main

    src = tmp_path / "project"
    shutil.copytree(SAMPLE, src)
    out = tmp_path / "java"
    # a part of the sample (util, pricing, models and the unittest file), one turn and no repair rounds keep this
    # inside the suite's time; the whole project's figures are in bench/RESULTS.md (`## repositories`)
    parts = ["inventory/util.py", "inventory/pricing.py", "inventory/models.py", "tests/test_pricing.py"]
    args = ["repo", str(src), "--to", "java", "--out", str(out), "--model", "qwen2.5-coder-1.5b", "--quiet",
            "--verify", "off", "--check-rounds", "0", "--max-turns", "1"]
    for p in parts:
        args += ["--include", p]
    res = CliRunner().invoke(main, args, catch_exceptions=False)
    assert "Traceback" not in res.output
    assert (out / REPORT_JSON).is_file(), res.output
    data = json.loads((out / REPORT_JSON).read_text())
    assert sorted(f["output"] for f in data["files"]) == [
        "src/main/java/inventory/Models.java", "src/main/java/inventory/Pricing.java",
        "src/main/java/inventory/Util.java", "src/test/java/tests/TestPricing.java"]
    for rel in ("src/main/java/inventory/Pricing.java", "src/main/java/inventory/Util.java"):
        text = (out / rel).read_text()
        assert text.startswith("package inventory;\n") and "public class" not in text
    test = (out / "src/test/java/tests/TestPricing.java").read_text()
    # by rule, not the model: the source's calls and values, JUnit's assertions
    assert "assertEquals(60, discount(80, 25));" in test and "import static inventory.Pricing.discount;" in test
    assert test.count("@Test") == 3 and "@BeforeEach" in test
    check = data["project"]["check"]
    assert check["tool"] == "javac + JUnit 5 shim" and (out / "pom.xml").is_file()
    files = {f["path"]: f for f in check["files"]}
    assert list(files) == ["src/test/java/tests/TestPricing.java"]
    ran = files["src/test/java/tests/TestPricing.java"]
    if check["builds"] or check["set_aside"]:  # the three tests ran (with what does not compile set aside)
        assert sorted(t["name"] for t in ran["tests"]) == [
            "TestPricing.testDiscountTakesPercentOff", "TestPricing.testNegativePercentIsClamped",
            "TestPricing.testOrderTotalAddsLines"]
        assert check["passed"] + check["failed"] == 3 and (check["builds"] or check["build_errors"])
    else:  # an error the check cannot set aside: said so, nothing counted as passing
        assert ran["error"].startswith("the project does not compile") and check["passed"] == 0, check


def test_the_package_of_a_src_layout_is_its_package_not_src():
    from translate.project.java import package_name
    from translate.project.symbols import build_symbols
    from translate.source.languages import get_language
    from translate.source.units import parse_text

    py = get_language("python")
    files = [(rel, parse_text("def f():\n    return 1\n", py, rel))
             for rel in ("src/termcolor/__init__.py", "src/termcolor/termcolor.py")]
    files.append(("tests/test_termcolor.py", parse_text("def test_f():\n    pass\n", py, "tests/test_termcolor.py")))
    assert package_name(build_symbols(files)) == "termcolor"
    two = [(rel, parse_text("def f():\n    return 1\n", py, rel)) for rel in ("a/x.py", "b/y.py")]
    assert package_name(build_symbols(two)) == "app"
