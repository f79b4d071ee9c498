"""Python carried into JavaScript that parses and fails when run: ``self`` parameters, tuple unpacking into a
declaration, CommonJS main guards in an ES module. Real grammars; each fixed file is also run by node where the
fix decides whether it runs at all."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from translate import get_language
from translate.project.main_guard import fix_main_guards
from translate.translation.idioms import fix_python_idioms
from translate.translation.unpacking import fix_unpacking, python_unpackings

JS = get_language("javascript")
NODE = shutil.which("node")


def _node(path) -> subprocess.CompletedProcess:
    assert NODE is not None, "node is part of the test set-up (README)"
    return subprocess.run([NODE, str(path)], capture_output=True, text=True, timeout=60)


def test_self_as_a_methods_first_parameter_is_dropped_and_read_as_this():
    code = ("class M {\n  twice(self, x) {\n    return self.f(x) + self.f(x);\n  }\n"
            "  static make(cls, x) { return new cls(x); }\n"
            "  f(x) { return x; }\n"
            "  later(self) { return function () { return self.f(1); }; }\n}\n")
    text, notes = fix_python_idioms(code, JS)
    assert "twice(x) {\n    return this.f(x) + this.f(x);" in text
    assert "static make(x) { return new this(x); }" in text
    assert "later(self)" in text  # a nested function has its own this: left alone
    assert len([n for n in notes if "self" in n]) == 2


def test_a_free_function_keeps_a_parameter_named_self():
    code = "function f(self, x) {\n  return self + x;\n}\n"
    assert fix_python_idioms(code, JS) == (code, [])


def test_tuple_unpacking_becomes_a_destructuring_only_for_the_sources_names(tmp_path):
    source = "def f(word):\n    head, sep, tail = word.partition('-')\n    return tail\n"
    assert python_unpackings(source) == {("head", "sep", "tail")}
    code = ("function f(word) {\n  let head, sep, tail = word.split('-');\n  let a, b = 3;\n"
            "  return [head, tail, a, b];\n}\nconsole.log(JSON.stringify(f('x-y-z')));\n")
    text, notes = fix_unpacking(code, JS, source)
    assert "let [head, sep, tail] = word.split('-');" in text and "let a, b = 3;" in text and len(notes) == 1
    (tmp_path / "f.mjs").write_text(text)
    assert _node(tmp_path / "f.mjs").stdout.strip() == '["x","z",null,3]'
    assert fix_unpacking(code, JS, "def f(word):\n    return word\n") == (code, [])


def test_snake_case_targets_match_their_camel_case_declarations():
    text, _ = fix_unpacking("const firstName, lastName = split(s);\n", JS, "first_name, last_name = split(s)\n")
    assert text == "const [firstName, lastName] = split(s);\n"


GUARD = ("export function main() { return 1; }\n"
         "if (require.main === module) {\n  console.log('main ran');\n}\n")


@pytest.mark.parametrize("is_test", [False, True])
def test_a_commonjs_main_guard_runs_in_an_es_module(tmp_path, is_test):
    (tmp_path / "broken.mjs").write_text(GUARD)
    assert "require is not defined" in _node(tmp_path / "broken.mjs").stderr  # what the fix is for
    text, notes = fix_main_guards(GUARD, JS, is_test)
    assert len(notes) == 1 and "require" not in text
    (tmp_path / "fixed.mjs").write_text(text)
    run = _node(tmp_path / "fixed.mjs")
    assert run.returncode == 0, run.stderr
    # a test file's guard only ran the tests (node --test does): it goes; a module's guard still runs its main
    assert run.stdout.strip() == ("" if is_test else "main ran")
    if is_test:
        assert "node --test runs the tests" in text


def test_other_conditions_are_left_alone():
    code = "if (process.env.X === module) {\n  f();\n}\n"
    assert fix_main_guards(code, JS, True) == (code, [])
