"""pytest's parametrized tests and fixtures migrated to ``node --test`` (translate.project.pytest_params): the
runner passes each case and fixture, the model translates the function alone. Scripted model, real node."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from translate.engines.scripted import ScriptedBackend, task_message, unit_code
from translate.project.pytest_params import Table, js_literal, read_test_params, strip_parametrize
from translate.repo.runner import RepoOptions, migrate
from translate.sandbox import missing_tool
from translate.source.languages import get_language
from translate.translation.idioms import fix_python_idioms

needs_node = pytest.mark.skipif(missing_tool("javascript") is not None, reason="node is not installed")

WORDS = '''import os


def shout(word):
    return word.upper() + "!"


def colour(text):
    if os.environ.get("NO_COLOR"):
        return text
    return "\\033[1m" + text
'''

TEST = '''import pytest

from words import colour, shout

PAIRS = (
    ("a", "A!"),
    ("bc", "BC!"),
)


@pytest.fixture
def word():
    return "hey"


@pytest.mark.parametrize("word, expected", [("x", "X!"), ("yz", "YZ!"), ("", "!")])
def test_shout(word, expected):
    assert shout(word) == expected


@pytest.mark.parametrize(("word", "expected"), PAIRS)
def test_shout_table(word, expected):
    assert shout(word) == expected


@pytest.mark.parametrize("n", [1, 2])
@pytest.mark.parametrize("suffix", ["", "!"])
def test_stacked(n, suffix):
    assert len(shout("a" * n) + suffix) >= 2


def printed(capsys):
    return capsys.readouterr().out


def test_no_color(monkeypatch, capsys):
    monkeypatch.setenv("NO_COLOR", "1")
    print(colour("t"))
    assert printed(capsys) == "t\\n"


def test_colour_default():
    assert colour("t") == "\\x1b[1mt"


def test_fixture_function(word):
    assert shout(word) == "HEY!"


def test_tmp(tmp_path):
    assert tmp_path
'''

JS = {
    "shout": "function shout(word) {\n  return word.toUpperCase() + '!';\n}",
    # a Python octal escape carried over: a SyntaxError in an ES module until the writer makes it \\x1b
    "colour": "function colour(text) {\n  if (process.env.NO_COLOR) return text;\n  return '\\033[1m' + text;\n}",
    "word": "function word() {\n  return 'hey';\n}",
    "test_shout": "function test_shout(word, expected) {\n  assert.strictEqual(shout(word), expected);\n}",
    "test_shout_table": "function test_shout_table(word, expected) {\n  assert.strictEqual(shout(word), expected);\n}",
    "test_stacked": "function test_stacked(n, suffix) {\n  assert.ok((shout('a'.repeat(n)) + suffix).length >= 2);\n}",
    "test_no_color": "function test_no_color(monkeypatch, capsys) {\n  monkeypatch.setenv('NO_COLOR', '1');\n"
                     "  console.log(colour('t'));\n  assert.strictEqual(printed(capsys), 't\\n');\n}",
    "printed": "function printed(capsys) {\n  return capsys.readouterr().out;\n}",
    "test_colour_default": "function test_colour_default() {\n  assert.strictEqual(colour('t'), '\\x1b[1mt');\n}",
    "test_fixture_function": "function test_fixture_function(word) {\n  assert.strictEqual(shout(word), 'HEY!');\n}",
    "test_tmp": "function test_tmp(tmp_path) {\n  assert.ok(tmp_path);\n}",
}
JS["PAIRS"] = "const PAIRS = [\n  ['a', 'A!'],\n  ['bc', 'BC!'],\n];"


def _migrate(tmp_path: Path, answers: dict, rounds: int = 0):
    src = tmp_path / "src"
    (src / "tests").mkdir(parents=True)
    (src / "words.py").write_text(WORDS)
    (src / "tests" / "test_words.py").write_text(TEST)
    out = tmp_path / "js"
    backend = ScriptedBackend(answers)
    opts = RepoOptions(src=src, dst=out, target="javascript", quiet=True, use_git=False, max_turns=1,
                       check_rounds=rounds, extra={"verify": "off"})
    return migrate(opts, backend=backend), out, backend


def test_read_test_params_literal_named_stacked_and_fixtures():
    tp = read_test_params('@pytest.mark.parametrize("a, b", [(1, "x"), pytest.param(2, "y", id="two")])\n'
                          'def test_x(monkeypatch, a, b):\n    pass\n', "test_x")
    assert tp is not None and tp.problem is None
    assert tp.params == ("monkeypatch", "a", "b") and tp.fixtures == ("monkeypatch",)
    assert tp.tables == (Table(("a", "b"), rows=((1, "x"), (2, "y"))),)
    tp = read_test_params("@pytest.mark.parametrize(('w', 'p'), PAIRS)\n@pytest.mark.parametrize('n', [1])\n"
                          "def test_y(w, p, n):\n    pass\n", "test_y")
    assert tp is not None and tp.tables == (Table(("n",), rows=(1,)), Table(("w", "p"), ref="PAIRS"))
    assert tp.fixtures == ()
    tp = read_test_params("@pytest.mark.parametrize('n', make_rows())\ndef test_z(n):\n    pass\n", "test_z")
    assert tp is not None and "neither literal rows nor a name" in (tp.problem or "")
    tp = read_test_params("@pytest.mark.parametrize('a, b', [(1, 2), (3,)])\ndef test_w(a, b):\n    pass\n", "test_w")
    assert tp is not None and "do not match" in (tp.problem or "")
    assert read_test_params("def test_v():\n    pass\n", "test_v") is None


def test_strip_parametrize_keeps_the_function_and_other_decorators():
    code = '@pytest.mark.parametrize(\n    "a",\n    [1, 2],\n)\n@slow\ndef test_x(a):\n    assert a\n'
    assert strip_parametrize(code) == "@slow\ndef test_x(a):\n    assert a\n"


def test_js_literal():
    assert js_literal(("a\x1b", 1, 2.5, None, True, [False], {"k": -1})) == \
        '["a\\u001b", 1, 2.5, null, true, [false], {"k": -1}]'
    assert js_literal(2**60) == f"{2**60}n" and js_literal({1: 2}) is None and js_literal(b"x") is None


def test_octal_escapes_become_hex_in_javascript():
    text, notes = fix_python_idioms('const a = "\\033[1m\\0" + `\\7`;\n', get_language("javascript"))
    assert text == 'const a = "\\x1b[1m\\0" + `\\x07`;\n' and len(notes) == 2


def test_keywords_of_a_function_with_kwargs_are_placed_only_when_all_name_parameters():
    sig = {"cprint": ["text", "color", "noColor", "**"], "ns.f": ["a", "b"]}
    code = 'cprint("t", noColor = true);\ncprint("t", end = "", noColor = true);\nns.f(b = 2);\n'
    text, notes = fix_python_idioms(code, get_language("javascript"), signatures=sig)
    assert text == 'cprint("t", undefined, true);\ncprint("t", end = "", noColor = true);\nns.f(undefined, 2);\n', text
    assert len(notes) == 2


def test_python_membership_on_an_array_or_set_literal_becomes_includes_or_has():
    code = 'if (n % 100 in [11, 12, 13]) a();\nif (!(c in new Set(["x"]))) b();\nif (k in obj) c();\n'
    text, notes = fix_python_idioms(code, get_language("javascript"))
    assert text == 'if ([11, 12, 13].includes(n % 100)) a();\nif (!(new Set(["x"]).has(c))) b();\nif (k in obj) c();\n'
    assert len(notes) == 2
    kinds = {"WORDS": "set", "VOWELS": "str", "COLORS": "dict"}  # project constants (the symbol map)
    code = "if (w in WORDS) a();\nif (c in VOWELS) b();\nif (k in COLORS) c();\n"
    text, _ = fix_python_idioms(code, get_language("javascript"), None, kinds)
    assert text == "if ([...WORDS].includes(w)) a();\nif (VOWELS.includes(c)) b();\nif (k in COLORS) c();\n"
    shadowed = "function f(WORDS) {\n  return 1 in WORDS;\n}\n"  # a parameter of that name: not the constant
    assert fix_python_idioms(shadowed, get_language("javascript"), None, kinds)[0] == shadowed


def test_a_second_rest_parameter_goes_with_its_spreads():
    code = ("class C extends D {\n  constructor(...args, ...kwargs) {\n    super(...args, ...kwargs);\n"
            "    this.k = kwargs;\n  }\n}\nfunction f(a, ...xs, ...kw) { return g(...kw, a); }\n")
    text, notes = fix_python_idioms(code, get_language("javascript"))
    assert text == ("class C extends D {\n  constructor(...args) { const kwargs = {};\n    super(...args);\n"
                    "    this.k = kwargs;\n  }\n}\nfunction f(a, ...xs) { return g(a); }\n"), text
    assert [n.split(":")[0] for n in notes] == ["line 2", "line 7"]


def test_python_inline_flags_in_a_regex_literal_move_behind_it():
    code = "a = /(?i)([a-z\\d]*)/;\nb = /(?im)^x/g;\nc = /(?x) x/;\nd = /(?i)x/i;\ne = /(?au)\\w/;\nf = /(?i)/;\n"
    text, notes = fix_python_idioms(code, get_language("javascript"))
    assert text == "a = /([a-z\\d]*)/i;\nb = /^x/gim;\nc = /(?x) x/;\nd = /x/i;\ne = /\\w/;\nf = /(?i)/;\n", text
    assert len(notes) == 4


def test_pythons_isatty_call_on_a_node_stream_reads_the_property():
    code = ("if (!process.stdout.isTTY) { x = 0; }\nreturn process.stdout.isTTY() && process.stderr.isTTY();\n"
            "y = process.stdout.isTTY(1);\nz = stream.isTTY();\n")  # an argument, another object: left alone
    text, notes = fix_python_idioms(code, get_language("javascript"))
    assert text == code.replace("return process.stdout.isTTY() && process.stderr.isTTY()",
                                "return Boolean(process.stdout.isTTY) && Boolean(process.stderr.isTTY)"), text
    assert len(notes) == 2 and all(n.startswith("line 2:") for n in notes)


def test_a_name_declared_twice_in_one_block_is_assigned_the_second_time():
    code = ("function t(a) {\n  let expect = 'x';\n  const once = 1;\n  let expect = 'y';\n  const once = 2;\n"
            "  let a = 3;\n  if (a) { let expect = 4; }\n  let [p, q] = [1, 2];\n  return [expect, once, p + q];\n}\n"
            "let top = 1;\nlet top = 2;\n")
    text, notes = fix_python_idioms(code, get_language("javascript"))
    assert text == code.replace("const once = 1", "let once = 1").replace("let expect = 'y'", "expect = 'y'").replace(
        "const once = 2", "once = 2").replace("let a = 3", "a = 3").replace("let top = 2", "top = 2"), text
    assert len(notes) == 4


def test_a_parameter_the_body_reads_in_the_other_case_takes_that_name():
    code = ("function testOnColor(on_color, expected) { assert.equal(paint(undefined, onColor), expected); }\n"
            "const onColorX = 1;\nfunction kept(on_color_x) { return onColorX; }\n"  # a constant of that name: kept
            "function both(on_color, onColor) { return onColor; }\n"  # the other name is a parameter: kept
            "function local(on_color) { const onColor = 2; return onColor; }\n")  # declared in the body: kept
    text, notes = fix_python_idioms(code, get_language("javascript"))
    assert text == code.replace("testOnColor(on_color,", "testOnColor(onColor,"), text
    assert notes == ["line 1: the parameter `on_color` renamed `onColor`, the name its body reads"]


@needs_node
def test_parametrized_cases_and_fixtures_run_under_node(tmp_path):
    report, out, backend = _migrate(tmp_path, JS)
    test = (out / "tests/test_words.test.js").read_text()
    assert 'import { withFixtures } from "../pytest.js";' in test
    assert "import pytest" not in test  # the runner does what pytest did: no TODO
    assert "for (const [i0, r0] of [[\"x\", \"X!\"], [\"yz\", \"YZ!\"], [\"\", \"!\"]].entries()) " \
           "test(`test_shout[${i0}]`, () => testShout(r0[0], r0[1]));" in test
    assert "for (const [i0, r0] of PAIRS.entries()) test(`test_shout_table[${i0}]`" in test
    assert "for (const [i0, r0] of [\"\", \"!\"].entries()) for (const [i1, r1] of [1, 2].entries()) " \
           "test(`test_stacked[${i0}-${i1}]`, () => testStacked(r1, r0));" in test
    assert 'test("test_no_color", () => withFixtures((fx) => testNoColor(fx.monkeypatch, fx.capsys)));' in test
    assert 'withFixtures((fx) => testFixtureFunction(fx.use("word", word)))' in test
    assert 'test("test_colour_default", testColourDefault);' in test
    assert "testTmp" not in "".join(ln for ln in test.splitlines() if ln.startswith("test("))
    entry = next(f for f in report.files if f.path.endswith("test_words.py"))
    assert any("test_tmp: not registered: its fixture `tmp_path`" in n for n in entry.notes)
    assert (out / "pytest.js").is_file() and "pytest.js" in report.project.build_files
    assert "\\x1b[1m" in (out / "words.js").read_text()
    # the model saw the test without its parametrize decorator, and was told the runner passes the cases
    (req,) = backend.by_unit.asked["test_shout"]
    assert "parametrize" not in unit_code(req) and "def test_shout(word, expected):" in unit_code(req)
    assert "passes `word`, `expected`" in task_message(req)
    (req,) = backend.by_unit.asked["test_no_color"]
    assert "`capsys.readouterr()` returns" in task_message(req)
    (req,) = backend.by_unit.asked["printed"]  # a helper the tests pass their fixture to: told its API too
    assert "`capsys.readouterr()` returns" in task_message(req) and "passes" not in task_message(req)
    check = report.project.check
    names = sorted(t.name for f in check.files for t in f.tests)
    assert names == sorted(["test_shout[0]", "test_shout[1]", "test_shout[2]", "test_shout_table[0]",
                            "test_shout_table[1]", "test_stacked[0-0]", "test_stacked[0-1]", "test_stacked[1-0]",
                            "test_stacked[1-1]", "test_no_color", "test_colour_default",
                            "test_fixture_function"]), check.to_dict()
    assert check.builds is True and check.failed == 0, check.to_dict()
    res = subprocess.run(["node", "--test"], cwd=out, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0 and "# pass 12" in res.stdout, res.stdout[-2000:]
    assert "NO_COLOR" not in res.stdout  # monkeypatch undid the variable; capsys hid the print


@needs_node
def test_an_error_the_runner_raises_blames_the_test_that_used_it(tmp_path):
    # the runner cannot patch ``os.environ`` by name: its error is about the test, not the code it calls (in a
    # loop: the writer rewrites only a test's top-level monkeypatch statements from the source, see test_js_idioms)
    misuse = JS["test_no_color"].replace("monkeypatch.setenv('NO_COLOR', '1')",
                                         "for (const v of ['1']) monkeypatch.setattr('os.environ', { NO_COLOR: v })")
    report, _, backend = _migrate(tmp_path, dict(JS, test_no_color=[misuse, JS["test_no_color"]]), rounds=1)
    first = report.project.first_check
    assert first.failed == 1, first.to_dict()
    (t,) = report.project.repair.tests
    assert t.blamed == ["tests/test_words.py::test_no_color"] and t.fixed
    assert "names nothing this runner can patch" in [m["content"] for m in backend.by_unit.asked["test_no_color"][1]
                                               .messages if m["role"] == "user"][-1]
    assert report.project.check.failed == 0


@needs_node
def test_an_error_inside_a_test_files_helper_blames_the_helper(tmp_path):
    # a name nothing defines, in the helper the test calls: the error's frame is in `printed`, not in the test
    bad = "function printed(capsys) {\n  flush(capsys);\n  return capsys.readouterr().out;\n}"
    report, _, _ = _migrate(tmp_path, dict(JS, printed=[bad, JS["printed"]]), rounds=1)
    assert report.project.first_check.failed == 1, report.project.first_check.to_dict()
    (t,) = report.project.repair.tests
    assert t.blamed == ["tests/test_words.py::printed"] and t.fixed
    assert report.project.check.failed == 0


@needs_node
def test_a_failing_case_names_its_index_and_blames_the_unit(tmp_path):
    bad = dict(JS, shout="function shout(word) {\n  return word.length ? word.toUpperCase() + '!' : '';\n}")
    report, _, _ = _migrate(tmp_path, bad, rounds=1)
    first = report.project.first_check
    failing = [t.name for f in first.files for t in f.tests if not t.passed]
    assert failing == ["test_shout[2]"], first.to_dict()
    repair = report.project.repair
    assert any("words.py::shout" in b for t in repair.tests for b in t.blamed), repair.to_dict()


def test_names_in_type_annotations_are_not_calls_a_migrated_test_must_keep():
    from translate.project.code_words import code_words

    code = "def test_x(color: Color, attrs: list[Attribute]) -> None:\n    c: Highlight = colored('Highlight')\n" \
           "    assert termcolor.can(c)\n"
    assert code_words(code, "python") == {"test_x", "c", "colored", "termcolor", "can"}
    assert "Color" in code_words("def broken(:\n    Color", "python")  # does not parse: every word


def test_top_level_code_is_told_the_kind_of_the_constants_it_imports(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "palette.py").write_text('COLORS: dict[str, int] = {"red": 31}\nNAMES = ["a"]\nLIMIT = len(NAMES) + 2\n')
    (src / "use.py").write_text("from palette import COLORS, LIMIT, NAMES\n\nALL = [*COLORS, *NAMES, LIMIT]\n")
    answers = {"COLORS": "const COLORS = { red: 31 };\nconst NAMES = ['a'];\nconst LIMIT = NAMES.length + 2;",
               "ALL": "const ALL = [...Object.keys(COLORS), ...NAMES, LIMIT];"}
    backend = ScriptedBackend(answers)
    opts = RepoOptions(src=src, dst=tmp_path / "js", target="javascript", quiet=True, use_git=False, max_turns=1,
                       check=False)
    migrate(opts, backend=backend)
    (req,) = backend.by_unit.asked["ALL"]
    ask = task_message(req)
    assert "COLORS /* an object (a Python dict): Object.keys(COLORS) for its keys */" in ask
    assert "NAMES /* an array (a Python list) */" in ask and "\nLIMIT\n" in ask
    (req,) = backend.by_unit.asked["COLORS"]  # not only literals (LIMIT): the model; nothing imported: no context
    assert "other files of the project" not in task_message(req)


@needs_node
def test_a_test_file_that_dies_at_load_gets_its_top_level_code_repaired(tmp_path):
    src = tmp_path / "src"
    (src / "tests").mkdir(parents=True)
    (src / "palette.py").write_text('COLORS = {"red": 31}\n\n\ndef code(name):\n    return COLORS[name]\n')
    (src / "tests" / "test_palette.py").write_text(
        "from palette import COLORS, code\n\nALL = sorted(COLORS)\n\n\ndef test_all():\n    assert code(ALL[0]) == 31\n")
    answers = {"COLORS": "const COLORS = { red: 31 };",
               "code": "function code(name) {\n  return COLORS[name];\n}",
               "ALL": ["const ALL = sorted(COLORS);", "const ALL = Object.keys(COLORS).sort();"],
               "test_all": "function test_all() {\n  assert.strictEqual(code(ALL[0]), 31);\n}"}
    backend = ScriptedBackend(answers)
    opts = RepoOptions(src=src, dst=tmp_path / "js", target="javascript", quiet=True, use_git=False, max_turns=1,
                       check_rounds=1, extra={"verify": "off"})
    report = migrate(opts, backend=backend)
    first = report.project.first_check
    (tf,) = first.files
    assert tf.error and "sorted is not defined" in tf.error and tf.error_at == ("tests/test_palette.test.js", 5), tf
    repair = report.project.repair
    (entry,) = repair.tests
    assert entry.test == "<load>" and entry.blamed == ["tests/test_palette.py::<top-level 1>"] and entry.fixed
    assert len(backend.by_unit.asked["ALL"]) == 2
    told = backend.by_unit.asked["ALL"][1].messages[-1]["content"]  # the repair turn
    assert "does not load: ReferenceError: sorted is not defined" in told and "sorted(COLORS)" in told
    check = report.project.check
    assert (check.passed, check.failed) == (1, 0) and not check.files[0].error, check.to_dict()


def test_describe_it_blocks_become_the_test_function_asked_for():
    from translate.translation.testblocks import flatten_test_blocks

    js = get_language("javascript")
    answer = ("describe('pluralize_plurals', function() {\n"
              "    it('keeps plurals', function() {\n        assert.strictEqual(pluralize('a'), 'a');\n    });\n\n"
              "    // the capital\n    test('keeps capitals', () => {\n        const x = pluralize('B');\n"
              "        assert.strictEqual(x, 'B');\n    });\n});\n")
    assert flatten_test_blocks(answer, js, "testPluralizePlurals") == (
        "function testPluralizePlurals() {\n  assert.strictEqual(pluralize('a'), 'a');\n  // the capital\n"
        "  const x = pluralize('B');\n  assert.strictEqual(x, 'B');\n}\n")
    assert flatten_test_blocks("it('one', () => assert.ok(f()));", js, "t") == "function t() {\n  assert.ok(f());\n}\n"
    # a describe's declarations and before hooks first, its after hooks in a finally (Python's try/finally)
    hooked = ("describe('greedy', () => {\n    let word = 'ors';\n\n    beforeEach(() => {\n        WORDS.add(word);\n"
              "    });\n    afterEach(() => WORDS.delete(word));\n\n    it('is not greedy', () => {\n"
              "        assert.strictEqual(word, singularize(word));\n    });\n});\n")
    assert flatten_test_blocks(hooked, js, "testGreedy") == (
        "function testGreedy() {\n  let word = 'ors';\n  WORDS.add(word);\n  try {\n"
        "    assert.strictEqual(word, singularize(word));\n  } finally {\n    WORDS.delete(word);\n  }\n}\n")
    for kept in ("function testX() {\n  assert.ok(1);\n}\n",  # already a function
                 "let y = 1;\nit('a', () => {});\n",  # a declaration outside a describe
                 "test.each([[1]])('x', (a) => {});\n", "describe('x', () => {\n"):  # .each; does not parse
        assert flatten_test_blocks(kept, js, "testX") == kept
    assert flatten_test_blocks(answer, get_language("python"), "t") == answer


def test_a_test_answered_as_describe_blocks_is_kept_as_the_function(tmp_path):
    src = tmp_path / "src"
    (src / "tests").mkdir(parents=True)
    (src / "words.py").write_text(WORDS)
    (src / "tests" / "test_plain.py").write_text("from words import shout\n\n\ndef test_loud():\n"
                                                 "    assert shout('a') == 'A!'\n")
    answers = {"shout": JS["shout"], "colour": JS["colour"],
               "test_loud": "describe('loud', () => {\n  it('shouts', () => {\n"
                            "    assert.strictEqual(shout('a'), 'A!');\n  });\n});"}
    opts = RepoOptions(src=src, dst=tmp_path / "js", target="javascript", quiet=True, use_git=False, max_turns=1,
                       extra={"verify": "off"})
    report = migrate(opts, backend=ScriptedBackend(answers))
    check = report.project.check
    assert [(t.name, t.passed) for f in check.files for t in f.tests] == [("test_loud", True)], check.to_dict()


def test_literal_tables_are_translated_without_the_model(tmp_path):
    from translate.translation.literals import literal_glue

    py, js = get_language("python"), get_language("javascript")
    code = ('# the table\nPAIRS = (\n    ("a", "A"),  # first\n    ("b", 2.5),\n)\n\n'
            'default_color: dict[str, int] = {"red": None, "x": [True, -1]}\n')
    assert literal_glue(code, py, js) == ('// the table\nconst PAIRS = [["a", "A"], ["b", 2.5]];\n// first\n\n'
                                          'const defaultColor = {"red": null, "x": [true, -1]};\n')
    assert literal_glue("S = {'b', 'a', 1}\n", py, js) == 'const S = new Set(["b", "a", 1]);\n'  # source order
    for other in ("X = f(1)\n", "X = {(1, 2)}\n", "X, Y = 1, 2\n", "X = 1\nprint(X)\n", "X = b'a'\n"):
        assert literal_glue(other, py, js) is None
    assert literal_glue("X = 1\n", py, get_language("c")) is None  # Java: translate.translation.java_values
    # in a run: no model call for the table, and the test file that iterates it passes
    src = tmp_path / "src"
    (src / "tests").mkdir(parents=True)
    (src / "words.py").write_text(WORDS)
    (src / "tests" / "test_t.py").write_text(TEST.split("@pytest.fixture")[0] +
                                            "@pytest.mark.parametrize(('word', 'expected'), PAIRS)\n"
                                            "def test_shout_table(word, expected):\n    assert shout(word) == expected\n")
    answers = {k: JS[k] for k in ("shout", "colour", "test_shout_table")}  # no answer for PAIRS: asking fails
    opts = RepoOptions(src=src, dst=tmp_path / "js", target="javascript", quiet=True, use_git=False, max_turns=1,
                       extra={"verify": "off"})
    report = migrate(opts, backend=ScriptedBackend(answers))
    assert 'const PAIRS = [["a", "A!"], ["bc", "BC!"]];' in (tmp_path / "js/tests/test_t.test.js").read_text()
    check = report.project.check
    assert (check.passed, check.failed) == (2, 0), check.to_dict()


@needs_node
def test_a_dict_constant_iterated_is_iterated_by_its_keys_and_a_main_script_is_not_run(tmp_path):
    src = tmp_path / "src"
    (src / "pkg").mkdir(parents=True)
    (src / "tests").mkdir()
    (src / "pkg" / "__init__.py").write_text("")
    (src / "pkg" / "palette.py").write_text('COLORS = {"red": 31, "blue": 34}\n\n\ndef code(name):\n'
                                           '    return COLORS[name]\n')
    (src / "pkg" / "__main__.py").write_text("import sys\n\nsys.exit(2)\n")
    (src / "tests" / "test_palette.py").write_text("from pkg.palette import COLORS, code\n\n"
                                                   "ALL = sorted([*COLORS])\n\n\ndef test_all():\n"
                                                   "    assert [code(c) for c in ALL] == [34, 31]\n")
    answers = {"code": "function code(name) {\n  return COLORS[name];\n}",
               "ALL": "const ALL = [...COLORS].sort();",  # a Python dict spread: a TypeError as it stands
               "sys": "process.exit(2);",
               "test_all": "function test_all() {\n  assert.deepStrictEqual(ALL.map(code), [34, 31]);\n}"}
    opts = RepoOptions(src=src, dst=tmp_path / "js", target="javascript", quiet=True, use_git=False, max_turns=1,
                       check_rounds=0, extra={"verify": "off"})
    report = migrate(opts, backend=ScriptedBackend(answers))
    test = (tmp_path / "js/tests/test_palette.test.js").read_text()
    assert "const ALL = [...Object.keys(COLORS)].sort();" in test
    check = report.project.check
    assert check.builds is True and (check.passed, check.failed) == (1, 0), check.to_dict()


@needs_node
def test_a_class_of_a_builtin_type_gets_the_targets_base_where_it_calls_super(tmp_path):
    src = tmp_path / "src"
    (src / "pkg").mkdir(parents=True)
    (src / "tests").mkdir()
    (src / "pkg" / "__init__.py").write_text("")
    (src / "pkg" / "markup.py").write_text(
        "class Loud(str):\n    def __new__(cls, text):\n        return super().__new__(cls, text.upper())\n\n"
        "    def shout(self):\n        return self + '!'\n\n\nclass Bag(list):\n    def first(self):\n"
        "        return self[0]\n")
    (src / "tests" / "test_markup.py").write_text("from pkg.markup import Loud\n\n\ndef test_shout():\n"
                                                  "    assert Loud('hi').shout() == 'HI!'\n")
    answers = {"Loud": "class Loud {\n  constructor(text) { super(text.toUpperCase()); }\n"
                       "  shout() { return this + '!'; }\n}",  # without its base: super() is a SyntaxError
               "Bag": "class Bag {\n  constructor() { this.items = []; }\n  first() { return this.items[0]; }\n}",
               "test_shout": "function test_shout() {\n  assert.strictEqual(new Loud('hi').shout(), 'HI!');\n}"}
    opts = RepoOptions(src=src, dst=tmp_path / "js", target="javascript", quiet=True, use_git=False, max_turns=1,
                       check_rounds=0, extra={"verify": "off"})
    report = migrate(opts, backend=ScriptedBackend(answers))
    markup = (tmp_path / "js/pkg/markup.js").read_text()
    assert "class Loud extends String {" in markup and "class Bag {" in markup  # Bag has no super: left as written
    check = report.project.check
    assert check.builds is True and (check.passed, check.failed) == (1, 0), check.to_dict()


@needs_node
def test_an_optional_import_takes_the_alternative_the_project_has(tmp_path):
    src = tmp_path / "src"
    (src / "pkg").mkdir(parents=True)
    (src / "tests").mkdir()
    (src / "pkg" / "__init__.py").write_text("try:\n    from ._speedups import shout as shout\n"
                                             "except ImportError:\n    from ._native import shout as shout\n\n\n"
                                             "def twice(w):\n    return shout(shout(w))\n")
    (src / "pkg" / "_native.py").write_text("def shout(w):\n    return w + '!'\n")
    (src / "tests" / "test_pkg.py").write_text("from pkg import twice\n\n\ndef test_twice():\n"
                                               "    assert twice('a') == 'a!!'\n")
    answers = {"_speedups": "try {\n  const shout = require('./_speedups').shout;\n} catch (e) {\n"
                            "  const shout = require('./_native').shout; // the fallback\n}",
               "twice": "function twice(w) {\n  return shout(shout(w));\n}",
               "shout": "function shout(w) {\n  return w + '!';\n}",
               "test_twice": "function test_twice() {\n  assert.strictEqual(twice('a'), 'a!!');\n}"}
    opts = RepoOptions(src=src, dst=tmp_path / "js", target="javascript", quiet=True, use_git=False, max_turns=1,
                       check_rounds=0, extra={"verify": "off"})
    report = migrate(opts, backend=ScriptedBackend(answers))
    index = (tmp_path / "js/pkg/index.js").read_text()
    assert 'import { shout } from "./_native.js";' in index and "require(" not in index, index
    check = report.project.check
    assert check.builds is True and (check.passed, check.failed) == (1, 0), check.to_dict()


INFLECT = '''import re

PLURALS = [
    (r"(?i)(quiz)$", r"\\1zes"),
    (r"(?i)(ox)$", r"\\1en"),
    (r"s?$", "s"),
]


def pluralize(word):
    for rule, replacement in PLURALS:
        if re.search(rule, word):
            return re.sub(rule, replacement, word)
    return word
'''


@needs_node
def test_python_re_is_the_template_with_pythons_patterns(tmp_path):
    src = tmp_path / "src"
    (src / "tests").mkdir(parents=True)
    (src / "inflect.py").write_text(INFLECT)
    (src / "tests" / "test_inflect.py").write_text(
        "import pytest\n\nfrom inflect import pluralize\n\n\n"
        "@pytest.mark.parametrize('word, plural', [('quiz', 'quizzes'), ('OX', 'OXen'), ('cat', 'cats')])\n"
        "def test_pluralize(word, plural):\n    assert pluralize(word) == plural\n")
    answers = {"pluralize": "function pluralize(word) {\n  for (const [rule, replacement] of PLURALS) {\n"
                            "    if (re.search(rule, word)) {\n      return re.sub(rule, replacement, word);\n    }\n"
                            "  }\n  return word;\n}",
               "test_pluralize": "function test_pluralize(word, plural) {\n"
                                 "  assert.strictEqual(pluralize(word), plural);\n}"}
    backend = ScriptedBackend(answers)
    opts = RepoOptions(src=src, dst=tmp_path / "js", target="javascript", quiet=True, use_git=False, max_turns=1,
                       check_rounds=0, extra={"verify": "off"})
    report = migrate(opts, backend=backend)
    module = (tmp_path / "js/inflect.js").read_text()
    assert 'import * as re from "./pyre.js";' in module and "import re" not in module.replace("import * as re", "")
    assert "pyre.js" in report.project.build_files and (tmp_path / "js/pyre.js").is_file()
    (req,) = backend.by_unit.asked["pluralize"]
    assert "Python's re module, imported for it with the same API" in task_message(req)
    check = report.project.check
    assert check.builds is True and (check.passed, check.failed) == (3, 0), check.to_dict()


def test_regexp_over_a_python_pattern_goes_through_the_re_template_where_the_module_has_it():
    code = "const a = new RegExp(rule, 'g');\nconst b = RegExp(`(?i)^${sep}`);\nconst c = x instanceof RegExp;\n"
    text, notes = fix_python_idioms(code, get_language("javascript"), python_re="re")
    assert text == code.replace("new RegExp(", "re.regexp(").replace("RegExp(`", "re.regexp(`"), text
    assert len(notes) == 2
    assert fix_python_idioms(code, get_language("javascript"))[0] == code  # no re in the module: as written
    shadowed = "function f(re) { return new RegExp(re); }\n"
    assert fix_python_idioms(shadowed, get_language("javascript"), python_re="re")[0] == shadowed


@needs_node
def test_a_regexp_the_model_built_from_a_python_pattern_matches_as_python_does(tmp_path):
    src = tmp_path / "src"
    (src / "tests").mkdir(parents=True)
    (src / "inflect.py").write_text(INFLECT)
    (src / "tests" / "test_inflect.py").write_text(
        "from inflect import pluralize\n\n\ndef test_pluralize():\n"
        "    assert [pluralize(w) for w in ('quiz', 'OX', 'cat')] == ['quizzes', 'OXen', 'cats']\n")
    answers = {"pluralize": "function pluralize(word) {\n  for (const [rule, replacement] of PLURALS) {\n"
                            "    if (new RegExp(rule).test(word)) {\n      return re.sub(rule, replacement, word);\n"
                            "    }\n  }\n  return word;\n}",  # (?i) in a RegExp: a SyntaxError as written
               "test_pluralize": "function test_pluralize() {\n  assert.deepStrictEqual(['quiz', 'OX', 'cat']"
                                 ".map(pluralize), ['quizzes', 'OXen', 'cats']);\n}"}
    opts = RepoOptions(src=src, dst=tmp_path / "js", target="javascript", quiet=True, use_git=False, max_turns=1,
                       check_rounds=0, extra={"verify": "off"})
    report = migrate(opts, backend=ScriptedBackend(answers))
    assert "if (re.regexp(rule).test(word))" in (tmp_path / "js/inflect.js").read_text()
    check = report.project.check
    assert check.builds is True and (check.passed, check.failed) == (1, 0), check.to_dict()


@needs_node
def test_the_re_template_matches_python_on_its_api(tmp_path):
    import json
    import re

    calls = [("sub", ["(?i)(quiz)$", "\\1zes", "Quiz"]), ("sub", ["(?P<w>\\w+) (?P=w)", "\\g<w>", "the the cat"]),
             ("findall", ["(\\w)(\\d)", "a1 b2"]), ("findall", ["\\d", "a1b2"]), ("split", ["(,)", "a,b,c", 1]),
             ("sub", ["\\Ab", "X", "bab"]), ("escape", ["a.b*c"]), ("sub", ["[A-Z]", "-", "aBcD", 1]),
             ("split", ["\\s+", " a b  c "])]
    want = [getattr(re, f)(*a) for f, a in calls]
    want = [list(map(list, w)) if isinstance(w, list) and w and isinstance(w[0], tuple) else w for w in want]
    script = tmp_path / "t.mjs"
    template = Path(__file__).resolve().parent.parent / "translate/project/templates/pyre.js"
    script.write_text(f'import * as re from "{template.as_uri()}";\nconst calls = {json.dumps(calls)};\n'
                      "console.log(JSON.stringify(calls.map(([f, a]) => re[f](...a))));\n"
                      "const m = re.search('(?x) (?P<a> b+ ) # the bs', 'abbc');\n"
                      "console.log(JSON.stringify([m.group('a'), m.span(), m.start(1), m.groups(), m.groupdict(),"
                      " re.match('b', 'ab'), re.fullmatch('a|ab', 'ab').group(0)]));\n")
    res = subprocess.run(["node", str(script)], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    got, extra = res.stdout.splitlines()
    assert json.loads(got) == want
    assert json.loads(extra) == ["bb", [1, 3], 1, ["bb"], {"a": "bb"}, None, "ab"]


@needs_node
def test_the_check_reads_a_long_report_whole(tmp_path):
    from translate.project.check import check_javascript

    (tmp_path / "package.json").write_text('{"type": "module"}\n')
    (tmp_path / "t.test.js").write_text(
        'import { test } from "node:test";\nimport assert from "node:assert/strict";\n'
        "for (let i = 0; i < 120; i++) test(`case ${i} with a long name to make the report long`, () => "
        "assert.deepStrictEqual({ value: i, pad: 'x'.repeat(40) }, { value: i % 2 ? -1 : i, pad: 'x'.repeat(40) }));\n")
    result = check_javascript(tmp_path, [], ["t.test.js"], ["package.json"])
    (tf,) = result.files
    assert (tf.passed, tf.failed) == (60, 60), (tf.passed, tf.failed, tf.error)  # 4,000 characters held 5


@needs_node
def test_keyword_arguments_written_as_assignments_go_to_their_parameters(tmp_path):
    src = tmp_path / "src"
    (src / "tests").mkdir(parents=True)
    (src / "paint.py").write_text("def paint(text, color=None, on_color=None, *, bold=False):\n"
                                  "    return f'{text}|{color}|{on_color}|{bold}'\n")
    (src / "shade.py").write_text("def _mix(*, a=None, b=None):\n    return f'{a}-{b}'\n")  # private, keywords only
    (src / "tests" / "test_paint.py").write_text("import shade\nfrom paint import paint\n\n\ndef test_paint():\n"
                                                 "    assert paint('t', on_color='x', bold=True) == 't|None|x|True'\n"
                                                 "    assert shade._mix(b=2) == 'None-2'\n")
    answers = {"paint": "function paint(text, color = null, onColor = null, bold = false) {\n"
                        "  return `${text}|${color === null ? 'None' : color}|${onColor}|${bold ? 'True' : 'False'}`;\n}",
               "_mix": "function _mix(a = null, b = null) {\n  return `${a === null ? 'None' : a}-${b}`;\n}",
               "test_paint": "function test_paint() {\n"
                             "  assert.strictEqual(paint('t', onColor = 'x', bold = true), 't|None|x|True');\n"
                             "  assert.strictEqual(shade._mix(b = 2), 'None-2');\n}"}
    opts = RepoOptions(src=src, dst=tmp_path / "js", target="javascript", quiet=True, use_git=False, max_turns=1,
                       check_rounds=0, extra={"verify": "off"})
    report = migrate(opts, backend=ScriptedBackend(answers))
    test = (tmp_path / "js/tests/test_paint.test.js").read_text()
    assert "paint('t', undefined, 'x', true)" in test and "shade._mix(undefined, 2)" in test, test
    assert "export { _mix };" in (tmp_path / "js/shade.js").read_text()  # a private function the tests call
    check = report.project.check
    assert (check.passed, check.failed) == (1, 0), check.to_dict()


def test_a_dropped_call_of_a_shimmed_module_gets_a_repair_turn(tmp_path):
    from translate.translation.pitfalls import dropped_calls

    py, js = get_language("python"), get_language("javascript")
    assert "re.sub" in (dropped_calls("function p(w) { return w.replace(/x$/i, 'y'); }", ["re.sub"], py, js) or "")
    assert dropped_calls("function p(w) { return re.sub('(?i)x$', 'y', w); }", ["re.sub"], py, js) is None

    src = tmp_path / "src"
    src.mkdir()
    (src / "plural.py").write_text("import re\n\nRULES = [('(?i)x$', 'xes')]\n\n\ndef plural(word):\n"
                                   "    for rule, repl in RULES:\n        if re.search(rule, word):\n"
                                   "            return re.sub(rule, repl, word)\n    return word + 's'\n")
    turns = []

    def answer(req):
        asked = req.messages[-1]["content"]
        turns.append(asked)
        if "RULES" in unit_code(req) and "def plural" not in unit_code(req):
            return "const RULES = [['(?i)x$', 'xes']];"
        if "keep those calls as they are" in asked:
            return ("function plural(word) {\n  for (const [rule, repl] of RULES) {\n"
                    "    if (re.search(rule, word)) return re.sub(rule, repl, word);\n  }\n  return word + 's';\n}")
        return ("function plural(word) {\n  for (const [rule, repl] of RULES) {\n"
                "    if (new RegExp(rule).test(word)) return word.replace(new RegExp(rule), repl);\n  }\n"
                "  return word + 's';\n}")

    opts = RepoOptions(src=src, dst=tmp_path / "js", target="javascript", quiet=True, use_git=False, max_turns=2,
                       check_rounds=0, extra={"verify": "off"})
    migrate(opts, backend=ScriptedBackend(answer))
    out = (tmp_path / "js/plural.js").read_text()
    assert "re.search(rule, word)" in out and 'import * as re from "./pyre.js";' in out, out
    assert any("calls re.search, re.sub" in t for t in turns)


def test_with_behaviour_checks_a_dropped_call_is_named_only_when_the_answer_differs(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    doc = '    """>>> {0}(\'ab\')\n    \'AB!\'\n    """\n'
    (src / "a.py").write_text("import re\n\n\ndef shout(word):\n" + doc.format("shout") +
                              "    return re.sub(r'$', '!', word.upper())\n")
    (src / "b.py").write_text("import re\n\n\ndef yell(word):\n" + doc.format("yell") +
                              "    return re.sub(r'$', '!', word.upper())\n")
    asked: dict[str, list[str]] = {"shout": [], "yell": []}

    def answer(req):
        name = "shout" if "def shout" in unit_code(req) else "yell"
        asked[name].append(req.messages[-1]["content"])
        if name == "shout":  # the same behaviour without re: accepted
            return "function shout(word) {\n  return word.toUpperCase() + '!';\n}"
        return "function yell(word) {\n  return word + '!';\n}"  # differs: the hint comes with the counterexample

    opts = RepoOptions(src=src, dst=tmp_path / "js", target="javascript", quiet=True, use_git=False, max_turns=2,
                       check_rounds=0, extra={"verify": "auto"})
    migrate(opts, backend=ScriptedBackend(answer))
    assert len(asked["shout"]) == 1
    assert len(asked["yell"]) == 2 and "does not do what the Python source does" in asked["yell"][1]
    assert "Also, the Python code calls re.sub" in asked["yell"][1], asked["yell"][1]


@needs_node
def test_monkeypatch_of_a_python_attribute_patches_what_javascript_reads(tmp_path):
    template = Path(__file__).parent.parent / "translate/project/templates/pytest.js"
    (tmp_path / "t.mjs").write_text(
        f'import {{ withFixtures }} from "{template.as_posix()}";\n'
        "const before = process.stdout.isTTY;\nconst seen = [];\n"
        "withFixtures((fx) => {\n"
        '  fx.monkeypatch.setattr("os", "isatty", (fd) => fd === 1); seen.push(process.stdout.isTTY);\n'
        '  fx.monkeypatch.setattr("sys.stdout.isatty", () => false); seen.push(process.stdout.isTTY);\n'
        '  fx.monkeypatch.setattr("sys.stdout.fileno", () => 1);\n'
        '  try { fx.monkeypatch.setattr("os.getcwd", () => "/"); } catch (e) { seen.push(e.message); }\n'
        # a JavaScript path from the global object, a getter without a setter (process.stdout) included
        '  fx.monkeypatch.setattr("process.env.PYPATCH", "1"); seen.push(process.env.PYPATCH);\n'
        '  fx.monkeypatch.setattr("process.stdout", { isTTY: 7 }); seen.push(process.stdout.isTTY);\n'
        "});\nseen.push(process.stdout.isTTY === before, process.env.PYPATCH === undefined);\n"
        "process.stderr.write(JSON.stringify(seen));\n")
    run = subprocess.run(["node", str(tmp_path / "t.mjs")], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stderr)
    assert seen[:2] == [True, False] and seen[3:] == ["1", 7, True, True], seen
    assert seen[2].startswith("monkeypatch.setattr: 'os.getcwd' names nothing this runner can patch; patch what "
                              "the source patches, by its Python name (os.isatty, sys.stdout.isatty"), seen[2]
