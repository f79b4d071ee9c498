"""Classes checked by replaying what the source project's tests do with them (translate.oracle.scenarios).

The tracer runs real tests in the sandbox (pytest-style functions and a unittest case); the replay runs real
JavaScript modules in node, in their place in a written project."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from translate.cli.main import main
from translate.oracle.scenarios import same_state, trace_tests
from translate.repo.verify import verify_pairs
from translate.sandbox import missing_tool
from translate.source.languages import get_language

needs_node = pytest.mark.skipif(missing_tool("javascript") is not None, reason="no node")

MODELS = '''class Tally:
    def __init__(self, start):
        self.total = start
        self.log = []

    def add(self, n):
        if n < 0:
            raise ValueError(n)
        self.total += n
        self.log.append(n)
        return self._report()

    def _report(self):
        return self.total

    def merged(self, other):
        return Tally(self.total + other.total)


class Unused:
    def __init__(self, x):
        self.x = x


def biggest(tallies):
    return max(t.total for t in tallies)
'''
SHELF = '''from pkg.models import Tally


class Shelf:
    def __init__(self):
        self.tallies = {}

    def put(self, name, tally):
        self.tallies[name] = tally
        return len(self.tallies)
'''
TESTS = '''import unittest

from pkg.models import Tally, biggest
from pkg.shelf import Shelf


def test_add():
    t = Tally(1)
    assert t.add(2) == 3
    try:
        t.add(-1)
    except ValueError:
        pass


def test_merged_and_biggest():
    a, b = Tally(5), Tally(7)
    assert a.merged(b).total == 12
    assert biggest([a, b]) == 7


def test_changed_by_hand():
    t = Tally(0)
    t.add(1)
    t.total = 100  # not through a method: the record of this object ends here
    t.add(1)


def test_with_a_fixture(tmp_path):  # needs pytest's fixture: not run
    Tally(99).add(1)


class ShelfTest(unittest.TestCase):
    def test_put(self):
        shelf = Shelf()
        self.assertEqual(shelf.put("a", Tally(2)), 1)
'''
JS_MODELS = '''export class Tally {
  constructor(start) { this.total = start; this.#log = []; }
  #log;
  add(n) {
    if (n < 0) throw new RangeError(String(n));
    this.total += n;
    this.#log.push(n);
    return this.total;
  }
  merged(other) { return new Tally(this.total + other.total); }
}

export class Unused {
  constructor(x) { this.x = x; }
}

export function biggest(tallies) {
  return Math.max(...tallies.map((t) => t.total));
}
'''
JS_SHELF = '''export class Shelf {
  constructor() { this.tallies = {}; }
  put(name, tally) {
    this.tallies[name] = tally;
    return Object.keys(this.tallies).length;
  }
}
'''


def project(root: Path, models: str = MODELS) -> Path:
    (root / "pkg").mkdir(parents=True)
    (root / "tests").mkdir()
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "models.py").write_text(models)
    (root / "pkg" / "shelf.py").write_text(SHELF)
    (root / "tests" / "test_models.py").write_text(TESTS)
    return root


def migrated(root: Path, models: str = JS_MODELS, shelf: str = JS_SHELF) -> Path:
    (root / "pkg").mkdir(parents=True)
    (root / "package.json").write_text('{"type": "module"}\n')
    (root / "pkg" / "models.js").write_text(models)
    (root / "pkg" / "shelf.js").write_text(shelf)
    return root


FILES = {"pkg/__init__.py": "", "pkg/models.py": MODELS, "pkg/shelf.py": SHELF, "tests/test_models.py": TESTS}


@pytest.mark.parametrize("runner", ["pytest", "plain"])
def test_the_tracer_records_each_objects_life_as_the_tests_lived_it(runner):
    trace = trace_tests(FILES, ["pkg/__init__.py", "pkg/models.py", "pkg/shelf.py"], ["tests/test_models.py"],
                        pytest=runner == "pytest")
    # four test functions and the unittest method; without pytest, the one that needs a fixture is not run
    assert trace.failed is None and trace.tests == (5 if runner == "pytest" else 4)
    tallies = trace.for_unit("pkg/models.py", "Tally")
    assert any(r["init"] == [99] for r in tallies) == (runner == "pytest")
    first = next(r for r in tallies if r["init"] == [1])
    # the method's own call of _report is not recorded (inside the project); the ValueError is
    assert [(s["m"], s["args"], s["out"]) for s in first["steps"]] == [
        ("add", [2], {"ok": 3}), ("add", [-1], {"raises": "ValueError"})]
    assert first["state"] == {"total": 3, "log": [2]}
    by_hand = next(r for r in tallies if r["init"] == [0])
    assert [s["args"] for s in by_hand["steps"]] == [[1]] and "outside its methods" in by_hand["broken"]
    merged = next(r for r in tallies if r["init"] == [5])
    step = merged["steps"][0]
    assert step["args"] == [{"$new": "pkg/models.py:Tally", "args": [7]}]  # an object argument: how it was built
    assert step["out"] == {"ok": {"$class": "Tally", "$fields": {"total": 12, "log": []}}}
    # a function taking objects, and a class built from another module's class (the unittest case)
    assert trace.for_unit("pkg/models.py", "biggest")[0]["args"] == [
        [{"$new": "pkg/models.py:Tally", "args": [5]}, {"$new": "pkg/models.py:Tally", "args": [7]}]]
    shelf = trace.for_unit("pkg/shelf.py", "Shelf")[0]
    assert shelf["steps"][0]["out"] == {"ok": 1}
    assert trace.for_unit("pkg/models.py", "Unused") == []
    assert "never build" in trace.why_none("pkg/models.py", "Unused", "class")


@pytest.mark.parametrize("runner", ["pytest", "plain"])
def test_no_test_starts_after_the_time_budget(runner):
    trace = trace_tests(FILES, ["pkg/models.py", "pkg/shelf.py"], ["tests/test_models.py"], budget=0.0,
                        pytest=runner == "pytest")
    assert trace.tests == 0 and trace.records == {}
    assert trace.failed and "time budget" in trace.failed


def test_no_tests_no_trace():
    trace = trace_tests(FILES, ["pkg/models.py"], [])
    assert trace.failed and trace.for_unit("pkg/models.py", "Tally") == []


def test_fields_compare_by_name_in_any_style_and_only_where_both_sides_have_them():
    want = {"$class": "Item", "$fields": {"days_left": 1, "_cache": [1]}}
    assert same_state(want, {"$class": "Item", "$fields": {"daysLeft": 1.0, "extra": 3}})
    assert not same_state(want, {"$class": "Item", "$fields": {"daysLeft": 2}})
    assert not same_state(want, {"$class": "Other", "$fields": {"daysLeft": 1}})
    assert not same_state([want], [{"daysLeft": 1}])  # a plain object is not an instance


def _rows(src: Path, out: Path) -> dict[tuple[str, str], str]:
    py = get_language("python")
    pairs = [("pkg/models.py", src / "pkg/models.py", py, "pkg/models.js"),
             ("pkg/shelf.py", src / "pkg/shelf.py", py, "pkg/shelf.js"),
             ("tests/test_models.py", src / "tests/test_models.py", py, "tests/test_models.test.js")]
    rows, tests = verify_pairs(pairs, out, get_language("javascript"))
    assert tests == 1
    return {(path, name): verdict.line() for path, name, verdict in rows}


@needs_node
def test_classes_are_verified_by_replaying_the_tests_in_the_written_project(tmp_path):
    src, out = project(tmp_path / "src"), migrated(tmp_path / "js")
    rows = _rows(src, out)
    # a private #log is not compared; the 7th life is the Tally that ``merged`` built
    assert rows[("pkg/models.py", "Tally")] == "verified (7 scenarios)"
    assert rows[("pkg/shelf.py", "Shelf")] == "verified (1 scenario)"  # its Tally imported from models.js
    assert rows[("pkg/models.py", "Unused")].startswith("unverifiable (the project's tests (5 run) never build an instance of")
    assert rows[("pkg/models.py", "biggest")].startswith("verified (1 scenario)")  # objects as arguments


@needs_node
def test_a_slip_in_a_method_differs_and_names_the_calls_that_show_it(tmp_path):
    src = project(tmp_path / "src")
    slip = JS_MODELS.replace("this.total += n;", "this.total = n;")
    rows = _rows(src, migrated(tmp_path / "js", models=slip))
    assert rows[("pkg/models.py", "Tally")].startswith(
        "differs (input x = Tally(1); x.add(2): expected 3, got 2"), rows
    # a field the methods fill wrongly, seen only in the fields at the end
    wrong = JS_SHELF.replace("this.tallies[name] = tally;", "this.tallies[name] = tally.total;")
    rows = _rows(src, migrated(tmp_path / "js2", shelf=wrong))
    assert rows[("pkg/shelf.py", "Shelf")].startswith("differs (input x = Shelf(); x.put('a', Tally(2)): expected "
                                                       "fields {'tallies': {'a': Tally(total=2, log=[])}} after it, got")


@needs_node
def test_a_class_missing_from_another_module_is_said(tmp_path):
    src = project(tmp_path / "src")
    hidden = JS_MODELS.replace("export class Tally", "class Tally")  # not exported: the Shelf replay cannot build one
    rows = _rows(src, migrated(tmp_path / "js", models=hidden))
    assert rows[("pkg/shelf.py", "Shelf")] == "differs (input x = Shelf(); x.put('a', Tally(2)): expected 1, got no class Tally)"
    assert rows[("pkg/models.py", "Tally")] == "verified (7 scenarios)"  # its own module's class is found unexported


@needs_node
def test_translate_verify_replays_the_tests_and_exits_1_on_a_difference(tmp_path):
    src = project(tmp_path / "src")
    good = migrated(tmp_path / "good")
    res = CliRunner().invoke(main, ["verify", str(src), str(good), "--to", "javascript"])
    assert res.exit_code == 0, res.output
    assert "pkg/models.py: Tally: verified (7 scenarios)" in res.output
    bad = migrated(tmp_path / "bad", models=JS_MODELS.replace("this.total + other.total", "this.total"))
    res = CliRunner().invoke(main, ["verify", str(src), str(bad), "--to", "javascript"])
    assert res.exit_code == 1 and "Tally: differs (input x = Tally(5); x.merged(Tally(7)): expected Tally(" in res.output


def test_a_src_layout_with_test_data_and_a_broken_test_file(tmp_path):
    """The import roots of a ``src/`` layout are on the path, the tests' data files are there, and a test file
    that fails to import does not stop the others; a call with keyword arguments (``**kw``) is not recorded."""
    from translate.repo.verify import trace_project

    (tmp_path / "src" / "calc").mkdir(parents=True)
    (tmp_path / "tests" / "data").mkdir(parents=True)
    (tmp_path / "src" / "calc" / "__init__.py").write_text(
        "def double(x, **kw):\n    return 2 * x\n\n\nclass Acc:\n    def __init__(self):\n        self.n = 0\n\n"
        "    def push(self, x):\n        self.n += x\n        return self.n\n")
    (tmp_path / "tests" / "data" / "cases.json").write_text("[1, 2, 3]")
    (tmp_path / "tests" / "test_calc.py").write_text(
        "import json, pathlib\nfrom calc import Acc, double\n\n"
        "CASES = json.loads((pathlib.Path(__file__).parent / 'data' / 'cases.json').read_text())\n\n\n"
        "def test_double():\n    assert [double(c) for c in CASES] == [2, 4, 6]\n    assert double(1, scale=3) == 2\n\n\n"
        "def test_acc():\n    a = Acc()\n    assert [a.push(c) for c in CASES] == [1, 3, 6]\n")
    (tmp_path / "tests" / "test_broken.py").write_text("import no_such_module\n")
    trace = trace_project(tmp_path)
    assert trace.failed is None and trace.tests == 2
    assert [r["args"] for r in trace.for_unit("src/calc/__init__.py", "double")] == [[1], [2], [3]]
    acc = trace.for_unit("src/calc/__init__.py", "Acc")
    assert [s["out"]["ok"] for s in acc[0]["steps"]] == [1, 3, 6] and acc[0]["state"] == {"n": 6}


@needs_node
def test_a_class_whose_methods_read_the_environment_or_randomness_is_not_replayed(tmp_path):
    """What its tests saw came from what they patched or drew: replaying it elsewhere would call a right
    translation wrong. Keyword-only parameters at their defaults are replayed positionally."""
    src, out = tmp_path / "src", tmp_path / "js"
    (src / "tests").mkdir(parents=True)
    out.mkdir()
    (src / "dice.py").write_text("import random\n\n\nclass Dice:\n    def __init__(self, sides):\n        self.sides = sides\n\n"
                                 "    def roll(self):\n        return random.randint(1, self.sides)\n\n\n"
                                 "def label(n, *, upper=False):\n    return f'd{n}'.upper() if upper else f'd{n}'\n")
    (src / "tests" / "test_dice.py").write_text("import random\nfrom dice import Dice, label\n\n\ndef test_roll():\n"
                                                "    random.seed(1)\n    assert 1 <= Dice(6).roll() <= 6\n\n\n"
                                                "def test_label():\n    assert label(6) == 'd6'\n    assert label(4, upper=True) == 'D4'\n")
    (out / "package.json").write_text('{"type": "module"}\n')
    (out / "dice.js").write_text("export class Dice {\n  constructor(sides) { this.sides = sides; }\n"
                                 "  roll() { return 1 + Math.floor(Math.random() * this.sides); }\n}\n\n"
                                 "export function label(n, { upper = false } = {}) {\n  return upper ? `D${n}` : `d${n}`;\n}\n")
    py = get_language("python")
    rows, _ = verify_pairs([("dice.py", src / "dice.py", py, "dice.js")], out, get_language("javascript"))
    got = {name: v.line() for _, name, v in rows}
    assert got["Dice"] == "unverifiable (Dice uses randomness (random.randint))"
    assert got["label"] == "verified (1 scenario)"  # label(6); label(4, upper=True) is not replayed

