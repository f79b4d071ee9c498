"""``typing.cast(T, v)`` copied into JavaScript is written as ``v`` (translate.project.typing_casts)."""
from __future__ import annotations

import pytest

from translate.project.symbols import ModuleInfo
from translate.project.typing_casts import cast_names, drop_casts
from translate.sandbox import missing_tool, run_program
from translate.source.languages import get_language

JS = get_language("javascript")


def _module(imports):
    m = ModuleInfo(path="pkg/variable.py", module="pkg.variable", language="python")
    m.imports = imports
    return m


def test_the_names_cast_goes_by():
    m = _module([("typing", None, "t"), ("typing_extensions", "cast", "tcast"), ("collections", None, "c")])
    assert cast_names(m) == {"t.cast", "tcast"}
    assert cast_names(_module([("mylib", "cast", "cast")])) == set()  # not typing's


def test_a_cast_is_its_value_and_other_calls_stay():
    code = ("function f(value) {\n  value = t.cast(Array, value);\n  const s = t.cast(String, value[0]) + other.cast(1, 2);\n"
            "  return tcast(Object, { a: t.cast(Number, 1) });\n}\n")
    got, notes = drop_casts(code, JS, {"t.cast", "tcast"})
    assert got == ("function f(value) {\n  value = value;\n  const s = value[0] + other.cast(1, 2);\n"
                   "  return { a: t.cast(Number, 1) };\n}\n")
    assert notes == ["3 typing cast(...) call(s) written as their value (a no-op at run time)"]
    assert drop_casts(code, JS, set()) == (code, [])


@pytest.mark.skipif(missing_tool("javascript") is not None, reason="no node")
def test_the_module_runs_after_it():
    code = "function f(v) {\n  return t.cast(Array, v).length;\n}\nconsole.log(f([1, 2]));\n"
    assert "ReferenceError" in run_program(code, "javascript").stderr
    fixed, _ = drop_casts(code, JS, {"t.cast"})
    assert run_program(fixed, "javascript").stdout.strip() == "2"
