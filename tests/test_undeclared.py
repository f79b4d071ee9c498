"""Locals a translation assigns without a declaration (a ReferenceError in a module), declared as Python has them."""
import subprocess

import pytest

from translate.project.undeclared import declare_assigned
from translate.sandbox import missing_tool
from translate.source.languages import get_language

JS = get_language("javascript")


def test_an_undeclared_local_is_declared_at_the_top_of_its_function():
    code = ("function parameterize(string, separator = '-') {\n    if (separator) {\n"
            "        reSep = separator.replace(/-/g, '\\\\-');\n        string = string.replace(reSep, '');\n"
            "    }\n    for (part of string.split(reSep)) { last = part; }\n    return [string, last];\n}\n")
    text, notes = declare_assigned(code, JS, set())
    assert text == code.replace("separator = '-') {\n", "separator = '-') {\n    let reSep, part, last;\n"), text
    assert notes == ["line 1: `let reSep, part, last;` declared: assigned without a declaration (a ReferenceError "
                     "in a module), local as in Python"]


def test_names_declared_anywhere_imported_or_at_the_top_level_are_left_alone():
    code = ("let count = 0;\nfunction bump() { count = count + 1; total = count; }\n"
            "function f(a) { a = 2; const b = 1; let c; c = b; try { x(); } catch (e) { e = 1; } }\n"
            "const g = (h) => { h = 1; imported = 2; };\nfor (const k of [1]) { k2 = k; }\n"
            "top = 1;\ntop = 2;\n")
    text, _ = declare_assigned(code, JS, {"imported"})
    assert text == code.replace("bump() { count", "bump() { let total; count").replace(
        "for (const k", "let k2;\nfor (const k").replace("top = 1;", "let top;\ntop = 1;"), text


@pytest.mark.skipif(missing_tool("javascript") is not None, reason="node is not installed")
def test_the_fixed_module_runs(tmp_path):
    code = "export function f(xs) {\n  for (x of xs) { s = (s || 0) + x; }\n  return s;\n}\nconsole.log(f([1, 2]));\n"
    (tmp_path / "a.mjs").write_text(code)
    before = subprocess.run(["node", str(tmp_path / "a.mjs")], capture_output=True, text=True, timeout=60)
    assert "ReferenceError" in before.stderr
    (tmp_path / "a.mjs").write_text(declare_assigned(code, JS, set())[0])
    after = subprocess.run(["node", str(tmp_path / "a.mjs")], capture_output=True, text=True, timeout=60)
    assert after.returncode == 0 and after.stdout == "3\n", after.stderr
