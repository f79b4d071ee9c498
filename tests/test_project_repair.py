"""``translate repo --check`` repair rounds: a failing migrated test blames the units it calls, they get a repair
turn with its error, the files are rewritten and the tests run again, within ``check_rounds``; the repair turns
are cached by the error, so a re-run (or a killed one) ends with the repaired units, not the stale answers.

The model is scripted per unit (translate.engines.scripted.ByUnit); node runs the migrated tests.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_project_js import ANSWERS

from translate.engines.scripted import ByUnit, ScriptedBackend
from translate.project.check import parse_tap
from translate.repo.report import REPORT_JSON, REPORT_MD
from translate.repo.runner import RepoOptions, migrate
from translate.sandbox import missing_tool

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "project"
pytestmark = pytest.mark.skipif(missing_tool("javascript") is not None, reason="node is not installed")

# what the default model wrote: ``add`` keeps a count, not [item, count]; ``sell`` then passes orderTotal an
# undefined item ("Cannot read properties of undefined (reading 'cost')")
WRONG_STORE = ("class Store {\n  constructor() { this.stock = {}; }\n"
               "  add(item, count) { this.stock[item.name] = (this.stock[item.name] || 0) + count; }\n"
               "  sell(name, count, percent = 0) {\n"
               "    const item = this.stock[name][0];\n    const have = this.stock[name][1];\n"
               "    if (item === null || have < count) throw new OutOfStock(name);\n"
               "    this.stock[name] = [item, have - count];\n"
               "    return discount(orderTotal([[item, count]]), percent);\n  }\n}")
RIGHT_STORE = ANSWERS["Store"]


def _run(tmp_path: Path, answers: dict, rounds: int = 2, src: Path | None = None, max_turns: int = 1):
    if src is None:
        src = tmp_path / "project"
        if not src.exists():
            shutil.copytree(SAMPLE, src, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    backend = answers if isinstance(answers, ScriptedBackend) else ScriptedBackend(answers)
    opts = RepoOptions(src=src, dst=tmp_path / "js", target="javascript", quiet=True, use_git=False, check=True,
                       max_turns=max_turns, check_rounds=rounds)
    return migrate(opts, backend=backend), tmp_path / "js", backend


def _last_user(req) -> str:
    return [m["content"] for m in req.messages if m["role"] == "user"][-1]


def test_a_wrong_unit_is_repaired_with_the_tests_error_and_the_check_passes(tmp_path):
    report, out, backend = _run(tmp_path, dict(ANSWERS, Store=[WRONG_STORE, RIGHT_STORE]))
    p = report.project
    assert (p.first_check.passed, p.first_check.failed) == (6, 1)
    assert (p.check.passed, p.check.failed) == (7, 0)
    (t,) = p.repair.tests
    assert t.test == "test_sell_reduces_stock" and t.fixed and t.rounds == [1]
    assert "inventory/store.py::Store" in t.blamed
    assert "inventory/models.py::Item" not in t.blamed  # a passing test calls Item itself: spared
    assert len(p.repair.rounds) == 1 and p.repair.stopped == "all migrated tests pass"
    first, repair = backend.by_unit.asked["Store"]
    ask = _last_user(repair)  # a repair turn: the wrong answer shown, the test's error quoted
    assert "`test_sell_reduces_stock`" in ask and "Cannot read properties of undefined (reading 'cost')" in ask
    assert "at orderTotal (inventory/pricing.js:" in ask and "item.cost(quantity)" in ask
    assert "shop.add(new Item" in ask  # the migrated test's code
    assert any(m["role"] == "assistant" and "(this.stock[item.name] || 0) + count" in m["content"]
               for m in repair.messages)
    assert "this.stock[item.name] = [item, have + count];" in (out / "inventory/store.js").read_text()
    units = {u.name: u for f in report.files if f.result for u in f.result.units}
    assert units["Store"].status == "repaired"
    data = json.loads((out / REPORT_JSON).read_text())["project"]
    assert data["check"]["all_passed"] and data["first_check"]["failed"] == 1
    assert data["repair"]["tests"][0]["fixed"] is True
    md = (out / REPORT_MD).read_text()
    assert "### Repair rounds" in md and "| test_sell_reduces_stock |" in md and "| 1 | yes |" in md

    # a re-run: the stale first answer comes from the cache, the same failure finds the cached repair turn;
    # no model call, and the repaired Store is what is written
    report2, out2, backend2 = _run(tmp_path, dict(ANSWERS, Store=[]))
    assert backend2.requests == []
    assert (report2.project.check.passed, report2.project.check.failed) == (7, 0)
    assert "[item, have + count]" in (out2 / "inventory/store.js").read_text()


def test_a_killed_repair_round_resumes(tmp_path):
    class Killed(Exception):
        pass

    script = ByUnit(dict(ANSWERS, Store=[WRONG_STORE]))

    def answer(req):
        if script.key_for(req) == "Store" and script.asked["Store"]:  # the repair turn: the run dies
            raise Killed
        return script(req)

    with pytest.raises(Killed):
        _run(tmp_path, ScriptedBackend(answer))
    report, _, backend = _run(tmp_path, dict(ANSWERS, Store=[RIGHT_STORE]))
    assert backend.requests == backend.by_unit.asked["Store"]  # only the repair turn is asked again
    assert "`test_sell_reduces_stock`" in _last_user(backend.requests[0])
    assert report.project.repair.tests[0].fixed and report.project.check.failed == 0


def test_the_budget_stops_a_unit_that_never_gets_fixed(tmp_path):
    wrong = [WRONG_STORE, WRONG_STORE.replace("const item", "let item"), WRONG_STORE.replace("const have", "let have")]
    report, out, backend = _run(tmp_path, dict(ANSWERS, Store=wrong), rounds=2)
    r = report.project.repair
    assert len(r.rounds) == 2 and r.stopped == "the budget of 2 round(s) is spent"
    (t,) = r.tests
    assert not t.fixed and t.rounds == [1, 2]
    # round 2 widens to what the blamed units call (round_cents); order_total, on the stack too, is left out:
    # a passing unittest method (TestPricing.test_order_total_adds_lines) calls it directly
    assert t.blamed[-1] == "inventory/util.py::round_cents" and "inventory/pricing.py::order_total" not in t.blamed
    # round 1's answer fixed nothing: undone; round 2 asks Store the same (served from the cache)
    assert r.rounds[0].reverted and r.rounds[1].reverted and len(backend.by_unit.asked["Store"]) == 2
    assert (report.project.check.passed, report.project.check.failed) == (6, 1)
    assert "this.stock[name][0]" in (out / "inventory/store.js").read_text()  # the first translation kept
    assert "| 1, 2 | no |" in (out / REPORT_MD).read_text()


def test_repairs_that_change_nothing_stop_early(tmp_path):
    report, _, backend = _run(tmp_path, dict(ANSWERS, Store=WRONG_STORE), rounds=3)
    r = report.project.repair
    # round 1 changed nothing, round 2 widened the blame (the units on the stack, one call level down) and
    # changed nothing either: stopped before the budget of 3
    assert len(r.rounds) == 2 and r.rounds[0].passed is None and r.stopped == "the repair turns changed nothing"
    assert {u["unit"] for u in r.rounds[1].units} > {u["unit"] for u in r.rounds[0].units}
    assert not r.tests[0].fixed
    # the budget's third round went to the behaviour repair in place (translate.repo.inplace): Store differs there
    asked = backend.by_unit.asked["Store"]
    assert len(asked) == 3 and "run in the project it belongs to" in str(asked[2].messages[-1]["content"])
    assert report.in_place_repair["asked"] == ["inventory/store.py::Store"] and not report.in_place_repair["kept"]


def test_an_error_in_the_tests_own_code_blames_the_test(tmp_path):
    bad = ("function testBundleDescribe() {\n  assert.strictEqual(new Bundle(\"kit\", [new Item(\"a\", 1), "
           "new Item(\"b\", 2)]).describe(), kitName());\n}")
    report, out, backend = _run(tmp_path, dict(ANSWERS, test_bundle_describe=[bad, ANSWERS["test_bundle_describe"]]))
    (t,) = report.project.repair.tests
    assert t.blamed == ["tests/test_store.py::test_bundle_describe"] and t.fixed
    assert "ReferenceError: kitName is not defined" in _last_user(backend.by_unit.asked["test_bundle_describe"][1])
    assert report.project.check.failed == 0


def test_a_unit_repaired_in_a_kept_round_stays_repaired_when_its_file_is_translated_again(tmp_path):
    # Bundle and Perishable share inventory/models.py. Round 1 fixes Bundle (kept); round 2 repairs Perishable,
    # which translates models.py again: Bundle must come back as its repair, not as its first (wrong) answer
    wrong_bundle = ANSWERS["Bundle"].replace('": "', '"; "')
    wrong_perishable = ANSWERS["Perishable"].replace("quantity / 2", "quantity / 4")
    still_wrong = ANSWERS["Perishable"].replace("quantity / 2", "quantity / 3")
    report, out, backend = _run(tmp_path, dict(ANSWERS, Bundle=[wrong_bundle, ANSWERS["Bundle"]],
                                               Perishable=[wrong_perishable, still_wrong, ANSWERS["Perishable"]]))
    r = report.project.repair
    assert [x.reverted for x in r.rounds] == [False, False], [x.__dict__ for x in r.rounds]
    assert (report.project.check.passed, report.project.check.failed) == (7, 0)
    assert len(backend.by_unit.asked["Bundle"]) == 2  # round 2 served Bundle's repair from the cache
    assert '": "' in (out / "inventory/models.js").read_text()


def test_an_undone_round_keeps_the_one_answer_that_helped_alone(tmp_path):
    # round 1 fixes Store but "repairs" the test that failed on its own code into one that no longer calls the
    # code (refused: a test fewer runs), so the round as a whole is undone; Store's answer alone is kept
    own_error = ANSWERS["test_bundle_describe"].replace("describe(),", "describe(), kitName(),")
    gutted = "function testBundleDescribe() {\n  assert.strictEqual(1, 1);\n}"
    report, out, backend = _run(tmp_path, dict(ANSWERS, Store=[WRONG_STORE, RIGHT_STORE],
                                               test_bundle_describe=[own_error, gutted]), rounds=1)
    r = report.project.repair
    assert r.rounds[0].reverted and r.rounds[0].kept_alone == "inventory/store.py::Store", r.rounds[0].__dict__
    assert (report.project.first_check.passed, report.project.first_check.failed) == (5, 2)
    assert (report.project.check.passed, report.project.check.failed) == (6, 1)
    assert "[item, have + count]" in (out / "inventory/store.js").read_text()
    assert "kitName()" in (out / "tests/test_store.test.js").read_text()
    assert len(backend.by_unit.asked["Store"]) == 2  # the trials and the keep came from the cache
    assert "answer alone kept" in (out / REPORT_MD).read_text()


def test_a_repair_answer_that_is_the_failing_code_again_is_asked_once_more(tmp_path):
    # the small models answer a repair turn with the code they were shown; that is not a repair: the job goes on
    # to its next turn, told it repeated itself
    report, out, backend = _run(tmp_path, dict(ANSWERS, Store=[WRONG_STORE, WRONG_STORE, RIGHT_STORE]), rounds=1,
                                max_turns=2)
    assert (report.project.check.passed, report.project.check.failed) == (7, 0)
    asked = backend.by_unit.asked["Store"]
    assert len(asked) == 3 and "That is the same code as your earlier answer" in _last_user(asked[2])
    assert "Cannot read properties of undefined" in _last_user(asked[2])  # the failure it still has
    # one turn only: the same code is kept, as it was (unchanged)
    report, _, backend = _run(tmp_path / "one", dict(ANSWERS, Store=[WRONG_STORE, WRONG_STORE]), rounds=1)
    assert report.project.repair.rounds[0].units[0]["changed"] is False and report.project.check.failed == 1


def test_no_rounds_reports_the_failure_only(tmp_path):
    report, _, backend = _run(tmp_path, dict(ANSWERS, Store=[WRONG_STORE]), rounds=0)
    assert report.project.repair is None and report.project.check.failed == 1


def test_tap_failure_fields():
    tap = ("not ok 1 - t\n  ---\n  error: |-\n    Expected values to be strictly equal:\n    \n    2 !== 3\n"
           "  name: 'AssertionError'\n  expected: 3\n  actual: 2\n  stack: |-\n"
           "    TestContext.t (file:///tmp/translate-check-x1/tests/a.test.js:5:28)\n  ...\n")
    (case,) = parse_tap(tap)
    assert case.details["expected"] == "3" and case.details["actual"] == "2"
    assert case.details["stack"] == "TestContext.t (tests/a.test.js:5:28)"
    assert case.details["error"].endswith("2 !== 3")


def test_a_round_that_breaks_more_is_undone(tmp_path):
    broken = WRONG_STORE.replace("|| 0) + count;", "|| 0) + count; // the brace after it is lost")
    report, out, _ = _run(tmp_path, dict(ANSWERS, Store=[WRONG_STORE, broken]))
    r = report.project.repair
    assert r.rounds[0].reverted and r.stopped == "the budget of 2 round(s) is spent"
    assert (report.project.check.passed, report.project.check.failed) == (6, 1)
    store = (out / "inventory/store.js").read_text()
    assert "the brace after it is lost" not in store and "this.stock[name][0]" in store


def test_a_round_that_fails_as_many_tests_differently_is_kept_and_the_next_round_goes_on_from_it(tmp_path):
    # round 1's answer gets past the first error and uncovers the next (a wrong total): kept, not undone, so
    # round 2 starts from it and quotes the new error
    uncovered = RIGHT_STORE.replace("return discount(", "return 1 + discount(")
    report, out, backend = _run(tmp_path, dict(ANSWERS, Store=[WRONG_STORE, uncovered, RIGHT_STORE]), rounds=2)
    r = report.project.repair
    assert [x.reverted for x in r.rounds] == [False, False] and [x.failed for x in r.rounds] == [1, 0]
    last = _last_user(backend.by_unit.asked["Store"][-1])
    assert "Cannot read properties" not in last and "`test_sell_reduces_stock`" in last
    assert report.project.check.failed == 0 and r.tests[0].fixed


def test_a_round_that_runs_fewer_tests_is_undone(tmp_path):
    # the failing test is blamed itself (an error in its own code); its "repair" no longer calls the code, so the
    # writer refuses it and the file runs one test fewer: not progress, whatever the failures now say
    own_error = ("function testSellReducesStock() {\n  const shop = new Store();\n  shop.add(new Item(\"pen\", 1.5), 4);\n"
                 "  assert.strictEqual(shop.sell(\"pen\", 2), 3.0);\n  notDefinedAnywhere();\n"
                 "  assert.throws(() => shop.sell(\"pen\", 3), OutOfStock);\n}")
    broken = "function testSellReducesStock() {\n  assert.strictEqual(3.0, 3.0);\n}"
    report, out, backend = _run(tmp_path, dict(ANSWERS, test_sell_reduces_stock=[own_error, broken]), rounds=1)
    r = report.project.repair
    assert r.tests[0].blamed == ["tests/test_store.py::test_sell_reduces_stock"]
    assert r.rounds[0].reverted and (report.project.check.passed, report.project.check.failed) == (6, 1)


def test_the_in_place_repair_keeps_the_answers_the_test_rounds_repaired_in_its_files(tmp_path):
    # round 1 of the test repairs fixes order_total (kept); discount passes the tests (their totals are whole
    # numbers) but differs from the source in place (it rounds to 10 cents), so the in-place repair translates
    # pricing.py again: order_total must come back as its repair, not as its first answer, which failed the tests
    wrong_total = ANSWERS["order_total"].replace("item.cost(quantity);", "item.cost(quantity) * 2;")
    tenth = ("function discount(total, percent) {\n"
             "  return Math.round(total * (100 - clamp(percent, 0, 100)) / 10) / 10;\n}")
    report, out, backend = _run(tmp_path, dict(ANSWERS, order_total=[wrong_total, ANSWERS["order_total"]],
                                               discount=[tenth, ANSWERS["discount"]]), rounds=3)
    assert report.project.first_check.failed > 0 and report.project.check.failed == 0
    assert report.in_place_repair["asked"] == ["inventory/pricing.py::discount"], report.in_place_repair
    assert report.in_place_repair["kept"], report.in_place_repair
    assert len(backend.by_unit.asked["order_total"]) == 2  # served from the cache the second time
    written = (out / "inventory/pricing.js").read_text()
    assert "* 2;" not in written and "/ 10) / 10" not in written, written
