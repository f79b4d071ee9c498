"""Calls recorded at each unit's boundary, and the calls of static and class methods, replayed in JavaScript
(translate.oracle.py_trace, translate.oracle.js_scenarios). The tracer runs real tests in the sandbox; the replay
runs real JavaScript modules in node."""
from __future__ import annotations

import pytest
from test_scenarios import FILES, needs_node

from translate.oracle.scenarios import trace_tests
from translate.repo.verify import verify_pairs
from translate.source.languages import get_language

CALC = '''import math

from pkg.models import Tally
from pkg import units


def _scale(x, k):
    return x * k


def area(w, h):
    return _scale(w, h) + units.offset(w)


def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


def make(n):
    return Tally(n)


def floor_of(x, lib=math, places=0):
    return lib.floor(x) + places
'''
UNITS = '''def offset(w):
    def inner(v):
        return v - v
    return inner(w)
'''
CALC_TESTS = '''from pkg.calc import area, fact, floor_of, make


def test_area():
    assert area(2, 3) == 6


def test_fact():
    assert fact(4) == 24


def test_made():
    assert make(3).add(1) == 4


def test_defaults():
    assert floor_of(2.5) == 2 and floor_of(2.5, places=1) == 3
'''


@pytest.mark.parametrize("runner", ["pytest", "plain"])
def test_calls_between_the_projects_units_are_recorded_at_each_units_boundary(runner):
    """A helper the tests never call directly is recorded where another unit calls it, across modules too; a
    function calling itself or its nested function, and a method calling its own object, are one unit's
    business; an object built by the project's own code has its life recorded like one the tests built."""
    files = dict(FILES, **{"pkg/calc.py": CALC, "pkg/units.py": UNITS, "tests/test_calc.py": CALC_TESTS})
    trace = trace_tests(files, ["pkg/__init__.py", "pkg/models.py", "pkg/shelf.py", "pkg/calc.py", "pkg/units.py"],
                        ["tests/test_calc.py"], pytest=runner == "pytest")
    assert trace.failed is None and trace.tests == 4
    # trailing parameters at their defaults are left out, the others marked (a module as a default is no value
    # to replay: the replay passes JavaScript's undefined, which takes the default)
    assert [(r["args"], r["out"]) for r in trace.for_unit("pkg/calc.py", "floor_of")] == [
        ([2.5], {"ok": 2}), ([2.5, {"$default": True}, 1], {"ok": 3})]
    assert [(r["args"], r["out"]) for r in trace.for_unit("pkg/calc.py", "_scale")] == [([2, 3], {"ok": 6})]
    assert [(r["args"], r["out"]) for r in trace.for_unit("pkg/units.py", "offset")] == [([2], {"ok": 0})]
    assert [r["args"] for r in trace.for_unit("pkg/calc.py", "fact")] == [[4]]  # not its own recursive calls
    made = trace.for_unit("pkg/models.py", "Tally")
    assert [(r["init"], [s["m"] for s in r["steps"]]) for r in made] == [([3], ["add"])]  # not its own _report


TEMP = '''class Temp:
    def __init__(self, c):
        self.c = c

    @staticmethod
    def to_f(c):
        return c * 9 / 5 + 32

    @classmethod
    def from_f(cls, f):
        return cls((f - 32) * 5 / 9)

    def f(self):
        return Temp.to_f(self.c)


class Hot(Temp):
    pass
'''
TEMP_TESTS = '''from temp import Hot, Temp


def test_static():
    assert Temp.to_f(100) == 212


def test_class_method():
    assert Temp.from_f(212).f() == 212
    assert isinstance(Hot.from_f(212), Hot)  # on a subclass: not recorded
'''
JS_TEMP = '''export class Temp {
  constructor(c) { this.c = c; }
  static toF(c) { return c * 9 / 5 + 32; }
  static fromF(f) { return new this((f - 32) * 5 / 9); }
  f() { return Temp.toF(this.c); }
}

export class Hot extends Temp {}
'''


def _temp(tmp_path, js: str) -> dict[str, str]:
    src, out = tmp_path / "src", tmp_path / "js"
    (src / "tests").mkdir(parents=True)
    out.mkdir()
    (src / "temp.py").write_text(TEMP)
    (src / "tests" / "test_temp.py").write_text(TEMP_TESTS)
    (out / "package.json").write_text('{"type": "module"}\n')
    (out / "temp.js").write_text(js)
    py = get_language("python")
    rows, _ = verify_pairs([("temp.py", src / "temp.py", py, "temp.js")], out, get_language("javascript"))
    return {name: v.line() for _, name, v in rows}


def test_static_and_class_methods_are_recorded_as_calls_of_the_class():
    trace = trace_tests({"temp.py": TEMP, "tests/test_temp.py": TEMP_TESTS}, ["temp.py"], ["tests/test_temp.py"])
    calls = [(r["fn"], r["args"], r["out"]) for r in trace.for_unit("temp.py", "Temp") if "fn" in r]
    assert ("temp.py:Temp.to_f", [100], {"ok": 212.0}) in calls
    assert ("temp.py:Temp.from_f", [212], {"ok": {"$class": "Temp", "$fields": {"c": 100.0}}}) in calls
    assert not any(fn == "temp.py:Temp.from_f" and out["ok"]["$class"] == "Hot" for fn, _, out in calls)
    lives = [(r["init"], [s["m"] for s in r["steps"]]) for r in trace.for_unit("temp.py", "Temp") if "cls" in r]
    assert ([100.0], ["f"]) in lives  # the object from_f built, then the test's call of f


@needs_node
def test_static_and_class_methods_are_replayed_on_the_class(tmp_path):
    got = _temp(tmp_path / "good", JS_TEMP)
    assert got["Temp"] == "verified (4 scenarios)", got  # to_f twice, from_f, the life from_f built
    slip = JS_TEMP.replace("return c * 9 / 5 + 32;", "return c * 9 / 5;")
    got = _temp(tmp_path / "slip", slip)
    assert got["Temp"].startswith("differs (") and "expected 212.0, got 180; 3 of 4 scenarios differ" in got["Temp"], got


@needs_node
def test_a_parameter_left_at_its_default_is_replayed_as_undefined(tmp_path):
    src, out = tmp_path / "src", tmp_path / "js"
    (src / "tests").mkdir(parents=True)
    out.mkdir()
    (src / "fl.py").write_text("import math\n\n\ndef floor_of(x, lib=math, places=0):\n    return lib.floor(x) + places\n")
    (src / "tests" / "test_fl.py").write_text("from fl import floor_of\n\n\ndef test_it():\n"
                                              "    assert floor_of(2.5, places=1) == 3\n")
    (out / "package.json").write_text('{"type": "module"}\n')
    (out / "fl.js").write_text("export function floorOf(x, lib = Math, places = 0) {\n  return lib.floor(x) + places;\n}\n")
    py = get_language("python")
    rows, _ = verify_pairs([("fl.py", src / "fl.py", py, "fl.js")], out, get_language("javascript"))
    assert [v.line() for _, _, v in rows] == ["verified (1 scenario)"]
    (out / "fl.js").write_text("export function floorOf(x, lib = Math, places = 0) {\n  return lib.floor(x) + 2 * places;\n}\n")
    rows, _ = verify_pairs([("fl.py", src / "fl.py", py, "fl.js")], out, get_language("javascript"))
    assert [v.line() for _, _, v in rows] == ["differs (input floor_of(2.5, <default>, 1): expected 3, got 4)"]


def test_types_are_recorded_and_a_value_that_cannot_be_read_does_not_end_the_trace():
    files = {"pkg/__init__.py": "",
             "pkg/bag.py": "class Odd(list):\n    def __iter__(self):\n        raise RuntimeError('no')\n\n\n"
                           "def odd(n):\n    return Odd([n])\n\n\ndef pair(a):\n    return (a, [a * 1.5])\n",
             "tests/test_bag.py": "from pkg.bag import odd, pair\n\n\ndef test_odd():\n"
                                  "    assert len(odd(1)) == 1\n\n\ndef test_pair():\n"
                                  "    assert pair(2) == (2, [3.0])\n"}
    trace = trace_tests(files, ["pkg/__init__.py", "pkg/bag.py"], ["tests/test_bag.py"])
    assert trace.failed is None and trace.tests == 2
    (pair,) = trace.for_unit("pkg/bag.py", "pair")
    assert pair["types"] == ["int"] and pair["rtype"] == {"tuple": ["int", {"list": "float"}]}
    (odd,) = trace.for_unit("pkg/bag.py", "odd")  # an Odd list cannot be iterated: the trace goes on without it
    assert odd["types"] == ["int"] and odd["rtype"] == "?"
    assert odd["out"] == {"drop": "returns a value that raised RuntimeError when read"}
