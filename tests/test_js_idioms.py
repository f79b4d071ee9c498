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


PY_TEST = '''@pytest.mark.parametrize("test_isatty", [True, False])
def test_tty(monkeypatch, test_isatty):
    monkeypatch.setattr(os, "isatty", lambda fd: test_isatty)
    monkeypatch.setattr("sys.stdout.isatty", lambda: test_isatty)
    monkeypatch.setattr("sys.stdout.fileno", lambda: 1)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert can_colour() is test_isatty
'''

JS_TEST = '''import { withFixtures } from "./pytest.js";

function testTty(monkeypatch, testIsatty) {
    monkeypatch.setenv('ISATTY', testIsatty ? '1' : '0');
    monkeypatch.setattr('process.stdout', { isatty: testIsatty });
    console.log(JSON.stringify([Boolean(process.stdout.isTTY), process.env.FORCE_COLOR ?? null]));
}

withFixtures((fx) => testTty(fx.monkeypatch, true));
withFixtures((fx) => testTty(fx.monkeypatch, false));
'''


def test_monkeypatch_calls_of_a_migrated_test_are_written_from_the_source(tmp_path):
    from translate.project.monkeypatch import PYTEST_TEMPLATE, fix_test_patches, mapped_attributes

    assert {"os.isatty", "sys.stdout.isatty"} <= mapped_attributes()  # read from the template itself
    text, notes = fix_test_patches(JS_TEST, JS, {"testTty": PY_TEST})
    assert notes == ["testTty: its monkeypatch calls written from the source's (5 in place of the model's 2)"]
    assert ('    monkeypatch.setattr("os", "isatty", (fd) => testIsatty);\n'
            '    monkeypatch.setattr("sys.stdout.isatty", () => testIsatty);\n'
            '    monkeypatch.setattr("sys.stdout.fileno", () => 1);\n'
            '    monkeypatch.setenv("FORCE_COLOR", "1");\n'
            '    monkeypatch.delenv("NO_COLOR", false);\n'
            '    console.log(') in text
    (tmp_path / "pytest.js").write_text(PYTEST_TEMPLATE.read_text())
    for name, code in (("model.mjs", JS_TEST), ("fixed.mjs", text)):
        (tmp_path / name).write_text(code)
    # the model's patch replaced process.stdout with a plain object (console.log itself fails on it); the
    # source's patches set what the code under test reads
    assert _node(tmp_path / "model.mjs").returncode != 0
    assert _node(tmp_path / "fixed.mjs").stdout.split() == ['[true,"1"]', '[false,"1"]']


def test_monkeypatch_calls_stay_the_models_when_one_does_not_convert():
    from translate.project.monkeypatch import fix_test_patches

    unknown = PY_TEST.replace('"sys.stdout.fileno"', '"sys.platform"')  # the template cannot patch it
    assert fix_test_patches(JS_TEST, JS, {"testTty": unknown}) == (JS_TEST, [])
    nested = PY_TEST.replace('    monkeypatch.setenv("FORCE_COLOR", "1")\n',
                             '    if x:\n        monkeypatch.setenv("FORCE_COLOR", "1")\n')
    assert fix_test_patches(JS_TEST, JS, {"testTty": nested}) == (JS_TEST, [])


def test_a_class_called_like_a_python_class_gets_new(tmp_path):
    code = ("class Money {\n  constructor(c) { this.c = c; }\n}\n"
            "function total(a, b) {\n  return Money(a.c + b.c);\n}\n"
            "console.log(total(Money(1), new Money(2)).c, String(5), Markup('x'));\n")
    (tmp_path / "before.mjs").write_text("const Markup = (s) => s;\n" + code)
    assert "cannot be invoked without 'new'" in _node(tmp_path / "before.mjs").stderr
    text, notes = fix_python_idioms(code, JS)  # the file's own classes
    assert "return new Money(a.c + b.c);" in text and "total(new Money(1), new Money(2))" in text
    assert "String(5)" in text and "Markup('x')" in text and len(notes) == 2
    (tmp_path / "after.mjs").write_text("const Markup = (s) => s;\n" + text)
    assert _node(tmp_path / "after.mjs").stdout.split() == ["3", "5", "x"]
    text, _ = fix_python_idioms(code, JS, None, {"Markup": "class"})  # a project class the file imports
    assert "new Markup('x')" in text


PLURALIZE = '''def pluralize(word):
    for rule, replacement in PLURALS:
        if re.search(rule, word):
            return re.sub(rule, replacement, word)
    return word
'''

PLURALIZE_JS = '''function pluralize(word) {
  for (let rule of PLURALS) {
    if (rule.test(word)) {
      return word.replace(rule, replacement);
    }
  }
  return /^x/.test(word) ? word.replace(/x/, "y") : word;
}
'''


def test_a_loop_over_pairs_and_pythons_re_calls_come_back_from_the_source(tmp_path):
    from translate.translation.re_calls import python_re_calls, restore_re_calls

    assert python_re_calls(PLURALIZE, "re") == {("search", ("rule", "word")),
                                                 ("sub", ("rule", "replacement", "word"))}
    text, notes = fix_unpacking(PLURALIZE_JS, JS, PLURALIZE)
    assert "for (let [rule, replacement] of PLURALS)" in text and len(notes) == 1
    text, notes = restore_re_calls(text, JS, PLURALIZE, "re")
    assert "if (re.search(rule, word))" in text and "return re.sub(rule, replacement, word);" in text
    assert '/^x/.test(word) ? word.replace(/x/, "y")' in text and len(notes) == 2  # JavaScript's own regexes
    assert restore_re_calls(PLURALIZE_JS, JS, PLURALIZE, None) == (PLURALIZE_JS, [])  # no re template here
    # under node with the project's re template: Python's patterns and replacement syntax
    from pathlib import Path

    import translate.project as project_pkg

    (tmp_path / "pyre.js").write_text((Path(project_pkg.__file__).parent / "templates/pyre.js").read_text())
    plurals = '[["(?i)(octop)us$", "\\\\1i"], ["$", "s"]]'
    (tmp_path / "p.mjs").write_text(f'import * as re from "./pyre.js";\nconst PLURALS = {plurals};\n{text}\n'
                                    'console.log(["Octopus", "post", "xx"].map(pluralize).join(" "));\n')
    run = _node(tmp_path / "p.mjs")
    assert run.stdout.strip() == "Octopi posts xxs", run.stderr  # as Python's pluralize gives


def test_jest_expect_assertions_become_node_assert_calls(tmp_path):
    from translate.translation.testblocks import jest_to_assert

    code = ("function check(out, expected) {\n  expect(out).toBe(expected + '!');\n  expect([out]).toEqual([out]);\n"
            "  expect(out).not.toBe('');\n  expect(() => JSON.parse('{')).toThrow(SyntaxError);\n"
            "  expect(out).toContain('h');\n  expect(out).toMatchSnapshot;\n}\n")
    text, notes = jest_to_assert(code, JS)
    assert "assert.strictEqual(out, expected + '!');" in text and "assert.deepStrictEqual([out], [out]);" in text
    assert "assert.notStrictEqual(out, '');" in text and "assert.throws(() => JSON.parse('{'), SyntaxError);" in text
    assert "assert.ok(out.includes('h'));" in text and "expect(out).toMatchSnapshot;" in text  # not a call: left
    assert notes == ["5 Jest expect(...) assertion(s) written as node:assert calls"]
    runner = 'import assert from "node:assert/strict";\n' + text.replace("  expect(out).toMatchSnapshot;\n", "")
    (tmp_path / "ok.mjs").write_text(runner + "check('hi!', 'hi');\nconsole.log('passed');\n")
    assert _node(tmp_path / "ok.mjs").stdout.strip() == "passed"
    (tmp_path / "bad.mjs").write_text(runner + "check('ho', 'hi');\n")
    assert "AssertionError" in _node(tmp_path / "bad.mjs").stderr  # a real assertion: it can fail


CAN_COLOUR = ('import os\n\ndef can_colour():\n    if "NO_COLOR" in os.environ:\n        return False\n'
              '    if "FORCE_COLOR" in os.environ:\n        return True\n    return os.environ.get("TERM") == "x"\n')
CAN_COLOUR_JS = ('function canColour() {\n  if (process.env.NO_COLOR) {\n    return false;\n  }\n'
                 '  if (!!process.env["FORCE_COLOR"]) {\n    return true;\n  }\n'
                 '  return process.env.TERM === "x";\n}\nconsole.log(String(canColour()));\n')


def test_an_environment_variable_tested_with_in_is_set_even_when_empty(tmp_path):
    from translate.translation.environ import fix_environ_tests, python_environ_tests

    assert python_environ_tests(CAN_COLOUR) == {"NO_COLOR", "FORCE_COLOR"}  # not TERM: read with get()
    text, notes = fix_environ_tests(CAN_COLOUR_JS, JS, CAN_COLOUR)
    assert 'if ("NO_COLOR" in process.env) {' in text and 'if (!!("FORCE_COLOR" in process.env)) {' in text
    assert 'process.env.TERM === "x"' in text and len(notes) == 2
    assert fix_environ_tests(text, JS, CAN_COLOUR) == (text, [])  # once only
    env = {k: v for k, v in __import__("os").environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    (tmp_path / "before.mjs").write_text(CAN_COLOUR_JS)
    (tmp_path / "after.mjs").write_text(text)
    run = lambda name: subprocess.run([NODE or "node", str(tmp_path / name)], capture_output=True, text=True,
                                      timeout=60, env={**env, "FORCE_COLOR": ""}).stdout.strip()
    assert (run("before.mjs"), run("after.mjs")) == ("false", "true")  # Python: True for FORCE_COLOR=""
    # a source that reads the value, not whether it is set, leaves the truth test alone
    assert fix_environ_tests(CAN_COLOUR_JS, JS, CAN_COLOUR.replace(" in os.environ", " == os.environ"))[1] == []


CAMELIZE = ('import re\n\ndef camelize(string):\n    return re.sub(r"(?:^|_)(.)", lambda m: m.group(1).upper(), string)\n\n'
            'def titleize(word):\n    return re.sub(r"\\b(\'?\\w)", lambda match: match.group(1).capitalize(), word)\n')
CAMELIZE_JS = ("function camelize(string) {\n  return string.replace(/(?:^|_)(.)/g, function(m) {\n"
               "    return m[1].toUpperCase();\n  });\n}\n"
               "const titleize = (word) => word.replace(/\\b('?\\w)/g, match => match.group(1).toUpperCase());\n"
               "const keep = (s) => s.replace(/\\w+/g, w => w[0].toUpperCase() + w.slice(1));\n"
               "console.log(JSON.stringify([camelize('device_type'), titleize('man of war'), keep('ab cd')]));\n")


def test_a_replace_callback_reading_pythons_match_object_takes_the_groups(tmp_path):
    from translate.translation.replace_callbacks import fix_replace_callbacks

    text, notes = fix_replace_callbacks(CAMELIZE_JS, JS, CAMELIZE)
    assert "function(...m) {" in text and "(...match) => match[1].toUpperCase()" in text
    assert "w => w[0].toUpperCase() + w.slice(1)" in text  # reads the matched text: stays
    assert len(notes) == 2 and fix_replace_callbacks(text, JS, CAMELIZE) == (text, [])  # once only
    (tmp_path / "before.mjs").write_text(CAMELIZE_JS)
    assert "TypeError" in _node(tmp_path / "before.mjs").stderr  # m[1] of the one-character match "d"
    (tmp_path / "after.mjs").write_text(text)
    assert _node(tmp_path / "after.mjs").stdout.strip() == '["DeviceType","Man Of War","Ab Cd"]'
    # a source without a callback that reads a match: the JavaScript is the model's own, left alone
    assert fix_replace_callbacks(CAMELIZE_JS, JS, "def f(s):\n    return s.upper()\n") == (CAMELIZE_JS, [])
