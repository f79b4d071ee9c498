"""Behaviour checks in the pipeline (--verify): the source is run, candidates that differ get repair turns
with counterexamples, the best match is kept, every unit says what was observed. Real sandbox (python3,
node), scripted answers."""
from __future__ import annotations

import pytest

from translate.engines.scripted import ScriptedBackend, request_turn
from translate.sandbox import missing_tool
from translate.translation.pipeline import TranslateOptions, translate_source
from translate.translation.records import OK, REPAIRED

pytestmark = pytest.mark.skipif(missing_tool("javascript") is not None, reason="node missing")

SRC = '''def wrap_index(i, n):
    """Wrap i into range(n).

    >>> wrap_index(7, 3)
    1
    """
    return i % n


def last_digit_sum(xs):
    total = 0
    for x in xs:
        total += x % 10
    return total
'''

JS_MOD_WRONG = "```javascript\nfunction wrapIndex(i, n) {\n  return i % n;\n}\n```"
JS_MOD_RIGHT = "```javascript\nfunction wrapIndex(i, n) {\n  return ((i % n) + n) % n;\n}\n```"
JS_SUM_RIGHT = ("```javascript\nfunction lastDigitSum(xs) {\n  let total = 0;\n  for (const x of xs) {\n"
                "    total += ((x % 10) + 10) % 10;\n  }\n  return total;\n}\n```")
JS_SUM_WRONG = ("```javascript\nfunction lastDigitSum(xs) {\n  let total = 0;\n  for (const x of xs) {\n"
                "    total += x % 10;\n  }\n  return total;\n}\n```")


def _opts(**kw) -> TranslateOptions:
    """The pipeline's options with rule answers off: these tests hold the model's candidates to the source (the
    rule's answers, which would replace them, are tests/test_py_js_rule.py's)."""
    return TranslateOptions(rule_answers=False, **kw)


def units(result):
    return {u.name: u for u in result.units if u.kind != "glue"}


def test_a_candidate_that_differs_gets_a_repair_turn_with_a_counterexample():
    backend = ScriptedBackend({"wrap_index": [JS_MOD_WRONG, (JS_MOD_RIGHT,) * 3], "last_digit_sum": JS_SUM_RIGHT})
    result = translate_source(SRC, "python", "javascript", backend, _opts(verify="auto"))
    u = units(result)
    assert u["wrap_index"].status == REPAIRED, u["wrap_index"].attempts
    assert u["wrap_index"].check.startswith("verified (")
    assert u["last_digit_sum"].status == OK and u["last_digit_sum"].check.startswith("verified (")
    repair = backend.by_unit.asked["wrap_index"][1]
    assert request_turn(repair) == 1
    asked = repair.messages[-1]["content"]
    # the smallest counterexample: a negative input, the source's result and the candidate's
    assert "does not do what the Python source does" in asked and "wrap_index(-" in asked and "expected" in asked
    assert "((i % n) + n) % n" in result.text


def test_off_keeps_todays_behaviour_and_says_nothing():
    backend = ScriptedBackend({"wrap_index": JS_MOD_WRONG, "last_digit_sum": JS_SUM_WRONG})
    result = translate_source(SRC, "python", "javascript", backend, TranslateOptions(verify="off"))
    u = units(result)
    assert u["wrap_index"].status == OK and u["wrap_index"].check is None
    assert len(backend.by_unit.asked["wrap_index"]) == 1


def test_a_unit_that_never_matches_keeps_its_best_candidate_and_says_differs():
    # three turns of wrong answers: the unit is kept (parses), marked as differing, the file is not ok
    backend = ScriptedBackend({"wrap_index": JS_MOD_RIGHT, "last_digit_sum": [JS_SUM_WRONG] + [(JS_SUM_WRONG,) * 3] * 2})
    result = translate_source(SRC, "python", "javascript", backend, _opts(verify="auto", max_turns=3))
    u = units(result)["last_digit_sum"]
    assert u.check.startswith("differs (input last_digit_sum("), u.check
    assert u.verified is False and "differs from the source" in u.reason
    assert u.output and "total += x % 10" in u.output
    assert not result.ok


def test_the_best_matching_candidate_is_kept_not_the_first():
    worse = "```javascript\nfunction lastDigitSum(xs) {\n  return 0;\n}\n```"
    backend = ScriptedBackend({"wrap_index": JS_MOD_RIGHT, "last_digit_sum": [worse, JS_SUM_WRONG, worse]})  # wrong on negatives only
    result = translate_source(SRC, "python", "javascript", backend, _opts(verify="auto", max_turns=3))
    u = units(result)["last_digit_sum"]
    assert len(u.attempts) == 3  # one candidate a turn
    assert "return 0;" not in u.output  # the worst candidate never wins over a better one, first or last


def test_behaviour_repairs_ask_for_one_answer_a_turn_greedy_then_sampled():
    # each wrong answer a new one (an answer that repeats an earlier one ends the repairs: test_loop.py)
    wrong = [JS_SUM_WRONG.replace("total = 0", f"total = {k} - {k}") for k in range(4)]
    backend = ScriptedBackend({"wrap_index": JS_MOD_RIGHT, "last_digit_sum": wrong})
    translate_source(SRC, "python", "javascript", backend, _opts(verify="auto", max_turns=4))
    asked = backend.by_unit.asked["last_digit_sum"]
    assert [(r.n, r.temperature > 0) for r in asked] == [(1, False), (1, False), (1, True), (1, True)]


def test_methods_and_classes_are_unverifiable_with_the_reason():
    src = "class Box:\n    def __init__(self, v):\n        self.v = v\n\n    def get(self):\n        return self.v\n"
    js = "```javascript\nclass Box {\n  constructor(v) {\n    this.v = v;\n  }\n  get() {\n    return this.v;\n  }\n}\n```"
    backend = ScriptedBackend(lambda req: js)
    result = translate_source(src, "python", "javascript", backend, _opts(verify="auto"))
    checks = [u.check for u in result.units if u.kind != "glue"]
    assert checks and all(c.startswith("unverifiable (") for c in checks), checks


def test_a_function_that_reads_files_is_unverifiable_never_run():
    src = "def size(path):\n    return len(open(path).read())\n"
    js = "```javascript\nfunction size(path) {\n  return require('fs').readFileSync(path, 'utf8').length;\n}\n```"
    result = translate_source(src, "python", "javascript", ScriptedBackend(lambda req: js),
                              _opts(verify="auto"))
    u = units(result)["size"]
    assert u.status == OK and u.check.startswith("unverifiable ("), u.check


def test_a_callee_translated_beside_it_is_present_when_checking():
    src = "def double(x):\n    return 2 * x\n\n\ndef quad(x):\n    return double(double(x))\n"
    backend = ScriptedBackend({
        "double": "```javascript\nfunction double(x) {\n  return 2 * x;\n}\n```",
        "quad": "```javascript\nfunction quad(x) {\n  return double(double(x));\n}\n```"})
    result = translate_source(src, "python", "javascript", backend, _opts(verify="auto"))
    u = units(result)
    assert u["quad"].check.startswith("verified ("), u["quad"].check
    assert len(backend.by_unit.asked["quad"]) == 1


def test_a_unit_is_not_blamed_for_another_units_load_error():
    """``bad``'s answer stops the whole file from loading (an invalid regular expression): ``good`` runs alone,
    so it is not judged (kept, no repair turns), while ``bad`` gets its repair turns."""
    src = ("def bad(s):\n    \"\"\">>> bad('ab')\n    'b'\n    \"\"\"\n    return s[1:]\n\n\n"
           "def good(x):\n    \"\"\">>> good(2)\n    4\n    \"\"\"\n    return x * 2\n")
    backend = ScriptedBackend({
        "bad": "```javascript\nfunction bad(s) {\n  return s.replace(/(?<x/, '').slice(1);\n}\n```",
        "good": "```javascript\nfunction good(x) {\n  return x * 2;\n}\n```"})
    result = translate_source(src, "python", "javascript", backend, _opts(verify="auto", max_turns=3))
    u = units(result)
    # ``bad`` gets a repair turn; its second answer repeats the first, so no third turn (test_loop.py)
    assert len(backend.by_unit.asked["good"]) == 1 and len(backend.by_unit.asked["bad"]) == 2
    assert "not judged" in (u["good"].reason or "") and u["good"].verified is not True, u["good"].reason
    assert "does not run" in (u["bad"].reason or ""), u["bad"].reason


def test_a_unit_is_not_blamed_when_top_level_code_stops_the_file():
    """Top-level code runs ``_irregular``'s answer at load, which calls a helper nothing defines: the file never
    loads. ``good`` fails the same way with its body emptied: it is not judged (no repair turn) and ends
    ``unverifiable`` with why; ``_irregular``, without whose body the failure goes, gets the repair turns."""
    src = ("RULES = []\n\n\ndef _irregular(word):\n    RULES.append(word.upper())\n\n\n"
           "def good(x):\n    \"\"\">>> good(2)\n    4\n    \"\"\"\n    return x * 2\n\n\n_irregular('person')\n")
    backend = ScriptedBackend({
        "_irregular": "```javascript\nfunction _irregular(word) {\n  RULES.push(upper(word));\n}\n```",
        # turn 1 differs (the top-level code's answer is not in the file yet); turn 2 is checked in the whole file
        "good": ["```javascript\nfunction good(x) {\n  return x * 3;\n}\n```",
                 ("```javascript\nfunction good(x) {\n  return x * 2;\n}\n```",) * 3],
        "RULES": "```javascript\nconst RULES = [];\n```",
        "_irregular('person')": "```javascript\n_irregular('person');\n```"})
    result = translate_source(src, "python", "javascript", backend, _opts(verify="auto", max_turns=3))
    u = units(result)
    assert len(backend.by_unit.asked["good"]) == 2  # turn 2's answer was not judged: no turn 3
    assert u["good"].check.startswith("unverifiable (the file stops before the check, in code outside this unit: ")
    assert "upper is not defined" in u["good"].check
    assert len(backend.by_unit.asked["_irregular"]) == 2 and "does not run" in (u["_irregular"].reason or "")
    assert "repeated an earlier one" in (u["_irregular"].reason or "")  # its repair answered the same code


def test_pythons_patterns_in_a_regexp_are_checked_through_the_re_template():
    """``new RegExp('(?i)' + word)`` over a Python pattern is a SyntaxError in JavaScript; ``translate repo``'s
    writer routes it through its ``pyre.js`` template, and the programs the behaviour check runs get the same:
    the file loads, both units are checked (inflection's ``_irregular`` stopped every check of its file)."""
    from translate.translation.behaviour import error_hint

    src = ("import re\n\nRULES = []\n\n\ndef _irregular(word):\n    RULES.append(re.compile('(?i)' + word))\n"
           "    return len(RULES)\n\n\n"
           "def good(x):\n    \"\"\">>> good(2)\n    4\n    \"\"\"\n    return x * 2\n\n\n_irregular('person')\n")
    backend = ScriptedBackend({
        "_irregular": "```javascript\nfunction _irregular(word) {\n  RULES.push(new RegExp('(?i)' + word));\n"
                      "  return RULES.length;\n}\n```",
        "good": "```javascript\nfunction good(x) {\n  return x * 2;\n}\n```",
        "RULES": "```javascript\nconst RULES = [];\n```",
        "_irregular('person')": "```javascript\n_irregular('person');\n```"})
    result = translate_source(src, "python", "javascript", backend, _opts(verify="auto", max_turns=3))
    u = units(result)
    assert u["good"].check.startswith("verified (") and u["_irregular"].check.startswith("verified ("), u["_irregular"]
    assert "new RegExp('(?i)' + word)" in result.text  # the output is the model's; the writer routes it later
    # where the template is not there, the repair turn says what the error means
    hint = error_hint("SyntaxError: Invalid regular expression: /(?i)person/: Invalid group")
    assert "no inline flags such as `(?i)`" in hint and error_hint("SyntaxError: Invalid group /(?<x/") == ""


def test_recordings_are_cached_across_runs():
    class Cache(dict):
        def get(self, key, default=None):
            return super().get(key, default)

        def put(self, key, value):
            self[key] = value

    cache = Cache()
    answers = {"wrap_index": JS_MOD_RIGHT, "last_digit_sum": JS_SUM_RIGHT}
    translate_source_cached = __import__("translate.translation.pipeline", fromlist=["translate_sources"])
    res = translate_source_cached.translate_sources([(None, SRC, "python")], "javascript", ScriptedBackend(answers),
                                                    _opts(verify="auto"), cache=cache)[0]
    assert [k for k in cache if k.startswith("oracle-recording:")], list(cache)
    assert all(u.check.startswith("verified") for u in res.units if u.kind != "glue")
    # a re-run: the units come from the cache with their check lines
    again = translate_source_cached.translate_sources([(None, SRC, "python")], "javascript", ScriptedBackend([]),
                                                      _opts(verify="auto"), cache=cache)[0]
    assert all(u.cache_hit and u.check.startswith("verified") for u in again.units if u.kind != "glue")


def test_emit_tests_writes_the_recorded_cases_as_node_tests_of_the_output(tmp_path):
    import shutil
    import subprocess

    from translate.translation.emit import emit_tests

    src, out = tmp_path / "ring.py", tmp_path / "ring.js"
    src.write_text(SRC)
    backend = ScriptedBackend({"wrap_index": JS_MOD_RIGHT, "last_digit_sum": [JS_SUM_WRONG] * 3})
    from translate.translation.pipeline import translate_file

    result = translate_file(str(src), "javascript", output=str(out), backend=backend,
                            options=_opts(verify="auto", max_turns=1))
    path, n = emit_tests(result, SRC, str(tmp_path / "tests"))
    assert n == 2 and path.endswith("ring.test.mjs")
    run = subprocess.run([shutil.which("node") or "node", "--test", path], capture_output=True, text=True, timeout=120)
    # the emitted tests hold the output to the source: wrap_index passes, the kept last_digit_sum (differs) fails
    assert "# pass 1" in run.stdout and "# fail 1" in run.stdout, run.stdout + run.stderr


@pytest.mark.skipif(missing_tool("java") is not None, reason="javac missing")
def test_java_sources_are_recorded_and_python_candidates_held_to_them():
    # Java's integer `/` kept as Python's float `/`: the Java -> Python failure, caught and repaired
    src = ("class Solution {\n    /** halve(7) == 3 */\n    public int halve(int x) {\n        return x / 2;\n    }\n}\n")
    wrong = "```python\ndef halve(x):\n    return x / 2\n```"
    right = "```python\ndef halve(x):\n    return int(x / 2)\n```"
    backend = ScriptedBackend({"halve": [wrong, (right,) * 3]})
    # the model's repair turn is what is tested: the rule's answer (translation.premade) would settle it first
    result = translate_source(src, "java", "python", backend, TranslateOptions(verify="auto", rule_answers=False))
    u = units(result)["halve"]
    assert u.status == REPAIRED and u.check.startswith("verified ("), (u.check, u.attempts)
    assert "expected 3, got 3.5" in backend.by_unit.asked["halve"][1].messages[-1]["content"]
