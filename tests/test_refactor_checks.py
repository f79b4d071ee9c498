"""The checks a rewrite must pass (signature, decorators, recipes) and the recipe helpers, on real grammars."""
from __future__ import annotations

import pytest

from translate.refactor.checks import check_rewrite, python_shape, same_code
from translate.refactor.recipes import (
    RECIPES,
    docstring_finish,
    docstring_start,
    from_instruction,
    get_recipe,
    missing_hints,
    old_formatting,
    py2_leftovers,
    signature_finish,
)
from translate.refactor.refactor import _hoist
from translate.refactor.testgate import summarize
from translate.source.languages import get_language

PY = get_language("python")
JS = get_language("javascript")
ORIGINAL = '@cache\ndef area(w, h=1, *rest, scale, **kw):\n    """Area."""\n    return w * h\n'
FREE = from_instruction("simplify the body")


@pytest.mark.parametrize("answer, needle", [
    ('@cache\ndef surface(w, h=1, *rest, scale, **kw):\n    return w * h\n', "found surface"),
    ('@cache\ndef area(w, h=2, *rest, scale, **kw):\n    return w * h\n', "the parameters changed"),
    ('@cache\ndef area(w, h=1, *rest, **kw):\n    return w * h\n', "the parameters changed"),
    ('def area(w, h=1, *rest, scale, **kw):\n    return w * h\n', "the decorators changed"),
    ('@cache\ndef area(w, h=1, *rest, scale, **kw)\n    return w * h\n', ""),  # a syntax error
    ('x = 1\n', "expected exactly one"),
])
def test_rewrites_that_change_the_contract_are_rejected(answer, needle):
    problems = check_rewrite(answer, ORIGINAL, PY, "function", "area", FREE)
    assert problems and needle in problems[0].message


def test_annotations_and_bodies_may_change_and_instructions_can_allow_more():
    hinted = '@cache\ndef area(w: float, h: float = 1, *rest: float, scale: int, **kw: int) -> float:\n    return h * w\n'
    assert check_rewrite(hinted, ORIGINAL, PY, "function", "area", FREE) == []
    renamed = '@cache\ndef area(width, h=1, *rest, scale, **kw):\n    return width * h\n'
    assert check_rewrite(renamed, ORIGINAL, PY, "function", "area", FREE)
    assert check_rewrite(renamed, ORIGINAL, PY, "function", "area", from_instruction("rename parameter w to width")) == []
    surface = '@cache\ndef surface(w, h=1, *rest, scale, **kw):\n    return w * h\n'
    assert check_rewrite(surface, ORIGINAL, PY, "function", "area", from_instruction("rename it to surface")) == []
    assert from_instruction("drop the cache decorator").allow == frozenset({"decorators"})
    assert from_instruction("rename it to compute_area").allow == frozenset({"name"})


def test_python2_originals_have_a_shape_and_other_languages_check_the_name():
    shape = python_shape('def report(counts, out=None):\n    print "x"\n', PY)
    assert shape is not None and shape.params == ("counts", "out=None")
    js = "function total(items) {\n  return items.length;\n}\n"
    assert check_rewrite("function total(xs) {\n  return xs.length;\n}\n", js, JS, "function", "total", FREE) == []
    assert check_rewrite("function sum(xs) {\n  return xs.length;\n}\n", js, JS, "function", "total", FREE)


def test_py2to3_checks():
    assert "Python 3" in py2_leftovers('print "x"\n')[0].message
    msgs = [d.message for d in py2_leftovers("def f(d):\n    for i in xrange(3):\n        d.iteritems()\n")]
    assert any(".iteritems()" in m for m in msgs) and any("xrange" in m for m in msgs)
    assert py2_leftovers("def f(d):\n    return list(d.items())\n") == []
    recipe = get_recipe("py2to3")
    assert recipe.include_glue and recipe.applies('print "x"\n', "glue") and not recipe.applies("print(1)\n", "glue")


def test_type_hints_recipe_checks_hints_and_that_only_annotations_changed():
    recipe = RECIPES["type-hints"]
    method = "def add(self, value):\n    self.total += value\n    return self\n"
    assert [d.message for d in missing_hints(method, "method")] == ["parameter `value` of add has no type hint",
                                                                    "add has no return type hint"]
    good = "def add(self, value: int) -> 'Total':\n    self.total += value\n    return self\n"
    assert check_rewrite(good, method, PY, "method", "add", recipe) == []
    sneaky = "def add(self, value: int) -> 'Total':\n    self.total -= value\n    return self\n"
    assert "besides the type hints" in check_rewrite(sneaky, method, PY, "method", "add", recipe)[0].message
    # only the header comes from the model: the body stays the original's
    merged = signature_finish("def add(self, value: int) -> 'Total':\n  return 0\n", method)
    assert merged == "def add(self, value: int) -> 'Total':\n    self.total += value\n    return self\n"


def test_docstrings_recipe_takes_only_the_docstring_from_the_model():
    recipe = RECIPES["docstrings"]
    code = "@cache\ndef area(w, h):\n    return w * h\n"
    start = docstring_start(code)
    assert start == '@cache\ndef area(w, h):\n    """'
    answer = start + 'Area of a w by h rectangle."""\n    return 0  # the model changed the body\n'
    merged = docstring_finish(answer, code)
    assert merged == '@cache\ndef area(w, h):\n    """Area of a w by h rectangle."""\n    return w * h\n'
    assert check_rewrite(merged, code, PY, "function", "area", recipe) == []
    assert "no docstring" in check_rewrite(code, code, PY, "function", "area", recipe)[0].message
    changed = '@cache\ndef area(w, h):\n    """Area."""\n    return w + h\n'
    assert "besides the docstring" in check_rewrite(changed, code, PY, "function", "area", recipe)[0].message


def test_f_strings_recipe():
    assert len(old_formatting('def f(a):\n    return "%s!" % a + "{}".format(a)\n')) == 2
    assert old_formatting('def f(a):\n    return f"{a}!"\n') == []
    recipe = get_recipe("f-strings")
    assert not recipe.applies('def f(a):\n    return str(a)\n', "function")


def test_hoisted_imports_go_after_the_last_leading_import():
    text = '"""Doc."""\nimport os\nfrom x import (\n    a,\n    b,\n)\n\n\ndef f():\n    pass\n'
    out = _hoist(text, ["from typing import Any"], PY)
    assert out == '"""Doc."""\nimport os\nfrom x import (\n    a,\n    b,\n)\nfrom typing import Any\n\n\ndef f():\n    pass\n'
    out = _hoist('"""Doc."""\n\n\ndef f():\n    pass\n', ["import re"], PY)
    assert out == '"""Doc."""\nimport re\n\n\n\ndef f():\n    pass\n'


def test_helpers():
    assert same_code("def f():\n    pass   \n\n", "\ndef f():\n    pass")
    assert not same_code("def f():\n    pass\n", "def f():\n    return\n")
    out = "....F\nFAILED test_x.py::test_a - assert 1 == 2\nE       assert 1 == 2\n1 failed\n"
    assert summarize(out, None, 1) == "exit 1: FAILED test_x.py::test_a - assert 1 == 2"
    assert summarize("", "timeout after 5s", None) == "timeout after 5s"


def test_integrity_check_refuses_a_file_whose_untouched_units_moved(samples_dir):
    from translate.refactor.refactor import _integrity, plan_file
    from translate.source.units import parse_text

    text = (samples_dir / "refactor" / "stats.py").read_text()
    plan = plan_file(parse_text(text, PY, "stats.py"), FREE, None)
    plan.accepted = {0: "def mean(values):\n    return sum(values) / len(values)\n"}
    plan.text = plan.render()
    assert _integrity(plan) is None
    plan.text = plan.text.replace("self.count += 1", "self.count += 2")
    assert _integrity(plan) == "unit RunningTotal.add would not stay byte-identical"
    plan.text = plan.render() + "def broken(:\n"
    assert "does not parse" in _integrity(plan)
