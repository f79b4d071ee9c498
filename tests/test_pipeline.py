"""Pipeline logic with the scripted backend: repair turns, failures kept, glue, cache, imports, Java."""
from __future__ import annotations

import pytest

from translate import get_language
from translate.engines.scripted import request_turn
from translate.source.validate import validate
from translate.translation.extract import answer_complete, extract_code, unit_end
from translate.translation.pipeline import TranslateOptions, translate_source, translate_sources
from translate.translation.records import FAILED, OK, REPAIRED

# The shipped prompt: answers are routed by the unit a request is for (a mapping, ScriptedBackend/ByUnit).

SRC = '''import math


def add(a, b):
    """Return a + b."""
    return a + b


def hyp(a, b):
    return math.sqrt(a * a + b * b)
'''

GOOD_ADD = "```javascript\nfunction add(a, b) {\n  return a + b;\n}\n```\nThis adds."
GOOD_HYP = "```javascript\nfunction hyp(a, b) {\n  return Math.sqrt(a * a + b * b);\n}\n```"
BAD_HYP = "```javascript\nfunction hyp(a, b) {\n  return Math.sqrt(a * a + b * b;\n}\n```"  # a missing )


def test_repair_turn_fixes_a_bad_first_answer(scripted):
    backend = scripted({"add": [GOOD_ADD], "hyp": [BAD_HYP, GOOD_HYP]})  # the glue (an import) is not asked
    result = translate_source(SRC, "python", "javascript", backend, TranslateOptions(max_turns=3))
    by_name = {u.name: u for u in result.units if u.kind != "glue"}
    assert by_name["add"].status == OK and by_name["add"].turns == 1
    assert by_name["hyp"].status == REPAIRED and by_name["hyp"].turns == 2
    first = by_name["hyp"].attempts[0]
    assert first.diagnostics and first.problem
    # the repair turn quoted the problem back to the model
    repair_req = [r for r in backend.requests if r.messages and request_turn(r) > 0]
    assert repair_req and first.problem in repair_req[0].messages[-1]["content"]
    assert not validate(result.text, get_language("javascript"))
    assert "function hyp" in result.text and "This adds" not in result.text
    assert result.counts() == {"ok": 1, "repaired": 1, "failed": 0, "skipped": 0}


def test_unit_that_never_validates_is_kept_in_a_marked_comment(scripted):
    result = translate_source(SRC, "python", "javascript", scripted({"add": [GOOD_ADD], "hyp": [BAD_HYP, BAD_HYP]}),
                              TranslateOptions(max_turns=2))
    hyp = next(u for u in result.units if u.name == "hyp")
    assert hyp.status == FAILED and hyp.turns == 2 and "after 2 turns" in hyp.reason
    assert "// translate: FAILED function hyp" in result.text
    assert "//     return math.sqrt(a * a + b * b)" in result.text  # original kept verbatim
    assert not validate(result.text, get_language("javascript"))
    assert not result.ok


def test_wrong_name_and_extra_units_are_rejected(scripted):
    wrong = "```javascript\nfunction plus(a, b) {\n  return a + b;\n}\n```"
    two = "```javascript\nconsole.log(add(1, 2));\n```"
    result = translate_source(SRC, "python", "javascript", scripted({"add": [wrong, two], "hyp": [GOOD_HYP]}),
                              TranslateOptions(max_turns=2))
    add = next(u for u in result.units if u.name == "add")
    assert add.status == FAILED
    assert "expected the name add" in add.attempts[0].problem
    assert "expected exactly one" in add.attempts[1].problem


def test_camel_case_names_are_accepted(scripted):
    src = "def count_words(text):\n    return len(text.split())\n"
    answer = "```javascript\nfunction countWords(text) {\n  return text.split(/\\s+/).length;\n}\n```"
    result = translate_source(src, "python", "javascript", scripted([answer]))
    assert result.units[0].status == OK


def test_python_idioms_are_fixed_in_every_answer(scripted):
    src = "import re\n\n\ndef bold(text):\n    return re.sub(r'(?i)x', '', '\\033[1m' + text)\n"
    answer = "```javascript\nfunction bold(text) {\n  return ('\\033[1m' + text).replace(/(?i)x/g, '');\n}\n```"
    result = translate_source(src, "python", "javascript", scripted([answer]), TranslateOptions(verify="off"))
    assert "('\\x1b[1m' + text).replace(/x/gi, '')" in result.text, result.text  # a load error before


def test_comment_only_glue_is_converted_without_the_model(scripted):
    src = "# Helpers.\n# Second line.\n\ndef f(x):\n    return x\n"
    backend = scripted(["```javascript\nfunction f(x) {\n  return x;\n}\n```"])
    result = translate_source(src, "python", "javascript", backend)
    assert result.text.startswith("// Helpers.\n// Second line.\n") or "// Helpers." in result.text
    assert len(backend.requests) == 1  # only the function went to the model


def test_imports_in_answers_are_hoisted_to_the_top(scripted):
    src = "def f(xs):\n    return sorted(xs)\n"
    answer = ("```java\nimport java.util.*;\n\npublic static List<Integer> f(List<Integer> xs) {\n"
              "    List<Integer> out = new ArrayList<>(xs);\n    Collections.sort(out);\n    return out;\n}\n```")
    result = translate_source(src, "python", "java", scripted([answer]), path="sorter.py")
    assert result.units[0].status == OK, result.units[0].attempts[0].problem
    assert result.text.lstrip().startswith("import java.util.*;")
    assert "public class Sorter {" in result.text
    assert not validate(result.text, get_language("java"))


def test_samples_keep_the_first_valid_candidate(scripted):
    src = "def f(x):\n    return x\n"
    cands = [BAD_HYP.replace("hyp", "f"), "```javascript\nfunction f(x) {\n  return x;\n}\n```"]
    backend = scripted(lambda req: cands)
    result = translate_source(src, "python", "javascript", backend, TranslateOptions(samples=2))
    unit = result.units[0]
    assert unit.status == OK and len(unit.attempts) == 2 and unit.attempts[1].candidate == 1
    assert backend.requests[0].n == 2 and backend.requests[0].temperature > 0


def test_verifier_failure_feeds_back_and_passing_candidate_is_kept(scripted):
    src = "def f(x):\n    return x + 1\n"
    wrong = "```javascript\nfunction f(x) {\n  return x;\n}\n```"
    right = "```javascript\nfunction f(x) {\n  return x + 1;\n}\n```"
    backend = scripted([wrong, right])
    verifier = lambda code: ("x + 1" in code, "assertion failed: f(1) == 2")
    result = translate_source(src, "python", "javascript", backend, TranslateOptions(max_turns=2), verifier=verifier)
    unit = result.units[0]
    assert unit.status == REPAIRED and unit.verified is True
    assert "assertion failed" in backend.requests[1].messages[-1]["content"]


class DictCache:
    def __init__(self):
        self.data: dict[str, dict] = {}

    def get(self, key):
        return self.data.get(key)

    def put(self, key, value):
        self.data[key] = value


def test_cache_short_cuts_unchanged_units(scripted):
    cache = DictCache()
    src = "def f(x):\n    return x\n\n\ndef g(y):\n    return y\n"
    ans = {n: f"```javascript\nfunction {n}(v) {{\n  return v;\n}}\n```" for n in ("f", "g")}  # every turn
    b1 = scripted(ans)
    first = translate_sources([("a.py", src, "python")], "javascript", b1, cache=cache)[0]
    assert len(b1.requests) == 2 and len(cache.data) == 2
    b2 = scripted(ans)
    again = translate_sources([("a.py", src, "python")], "javascript", b2, cache=cache)[0]
    assert b2.requests == [] and again.text == first.text
    assert all(u.cache_hit for u in again.units if u.kind != "glue")
    b3 = scripted(ans)
    translate_sources([("a.py", src.replace("return y", "return y * 2"), "python")], "javascript", b3, cache=cache)
    assert len(b3.requests) == 1 and "def g(y):\n    return y * 2" in b3.requests[0].messages[-1]["content"]
    assert b3.by_unit.asked == {"f": [], "g": b3.requests}


def test_completion_prompts_for_codegen_style_models(scripted):
    src = "def f(x):\n    return x\n"
    backend = scripted(["function f(x) {\n  return x;\n}\n\nfunction extra() {}\n"], is_chat=False)
    result = translate_source(src, "python", "javascript", backend)
    req = backend.requests[0]
    assert req.messages is None and req.prompt.startswith("# Python version:\ndef f(x):")
    assert req.prompt.rstrip().endswith("// JavaScript version of the code above:")
    assert result.units[0].status == OK and "extra" not in result.text


@pytest.mark.parametrize("lang,text,done", [
    ("javascript", "function f() {\n  if (x) {\n    y();\n  }\n", False),
    ("javascript", "function f() {\n  return 1;\n}\n", True),
    ("python", "def f():\n    return 1\n", False),
    ("python", "def f():\n    return 1\n\ndef g", True),
    ("go", "func F() int {\n\treturn 1\n}\n", True),
])
def test_unit_end_detection(lang, text, done):
    assert (unit_end(text, get_language(lang)) is not None) is done


def test_chat_answer_is_complete_at_the_closing_fence():
    js = get_language("javascript")
    assert not answer_complete("```javascript\nconst x = 1;\n", js, True)
    assert answer_complete("```javascript\nconst x = 1;\n```", js, True)
    assert extract_code("Sure:\n```js\nlet a = 1;\n```\nbye", js, fenced=True, whole=True) == "let a = 1;\n"


def test_glue_is_split_so_only_code_goes_to_the_model(scripted):
    src = ('"""Module doc."""\nimport math\nfrom os import path\n\n# A constant.\nLIMIT = max(3, 2)\n\n\n'
           'def f(x):\n    return x\n')
    backend = scripted(lambda req: "```javascript\nconst LIMIT = Math.max(3, 2);\n```"
                       if "LIMIT" in req.messages[-1]["content"] else "```javascript\nfunction f(x) {\n  return x;\n}\n```")
    result = translate_source(src, "python", "javascript", backend)
    asked = [r.messages[-1]["content"] for r in backend.requests]
    assert len(asked) == 2 and not any("import math" in a or "Module doc" in a for a in asked)
    assert result.text.startswith("// Module doc.\n// Python imports")
    assert "// import math\n// from os import path\n" in result.text
    assert "// A constant.\nconst LIMIT = Math.max(3, 2);\n" in result.text
    assert result.ok and not validate(result.text, get_language("javascript"))
    # every piece of the source is accounted for, in order
    assert "".join(u.source for u in result.units) == src


def test_type_checking_blocks_are_kept_as_comments_not_translated(scripted):
    src = ("import typing as t\n\nif t.TYPE_CHECKING:\n    import typing_extensions as te\n\n"
           "    class HasHTML(te.Protocol):\n        def __html__(self): ...\n\n"  # not a unit: in the block
           "    _P = te.ParamSpec('_P')\n\nif TYPE_CHECKING:\n    X = 1\nelse:\n    X = 2\n\n\n"
           "def f(x):\n    return x\n")
    backend = scripted(lambda req: "```javascript\nconst X = 2;\n```" if "X = 1" in req.messages[-1]["content"]
                       else "```javascript\nfunction f(x) {\n  return x;\n}\n```")
    result = translate_source(src, "python", "javascript", backend)
    assert not any("ParamSpec" in r.messages[-1]["content"] or "HasHTML" in r.messages[-1]["content"]
                   for r in backend.requests)
    assert [u.name for u in result.units if u.kind != "glue"] == ["f"]
    assert "//     _P = te.ParamSpec('_P')" in result.text  # the whole block, one comment
    assert ("// Python for type checkers only (`if TYPE_CHECKING:` is false when the program runs):\n"
            "// if t.TYPE_CHECKING:\n//     import typing_extensions as te\n") in result.text
    assert "const X = 2;" in result.text  # with an else branch it runs: translated
    assert result.ok and "".join(u.source for u in result.units) == src


def test_type_aliases_are_kept_as_comments_not_translated(scripted):
    """``ScalarVariableValue = t.Union[...]`` came back as ``t.Union([...])``: a ReferenceError at load. An alias
    or a type variable has no value when the program runs; a runtime call that looks alike is still translated."""
    src = ("import collections\nimport typing as t\n\nScalar = t.Union[int, str]\nValue = t.Union[\n    Scalar,\n"
           "    t.Sequence[Scalar],\n]\nT = t.TypeVar('T')\nJson: TypeAlias = dict\n"
           "TALLY = collections.Counter('abca')\n\n\ndef f(x):\n    return x\n")
    backend = scripted(lambda req: "```javascript\nconst TALLY = {a: 2, b: 1, c: 1};\n```"
                       if "Counter" in req.messages[-1]["content"]
                       else "```javascript\nfunction f(x) {\n  return x;\n}\n```")
    result = translate_source(src, "python", "javascript", backend)
    asked = "\n".join(r.messages[-1]["content"] for r in backend.requests)
    assert "t.Union" not in asked and "TypeVar" not in asked and "TypeAlias" not in asked
    assert ("// Python type aliases, for type checkers only (no value when the program runs):\n"
            "// Scalar = t.Union[int, str]\n// Value = t.Union[\n//     Scalar,\n") in result.text
    assert "const TALLY = {a: 2, b: 1, c: 1};" in result.text  # collections.Counter(...) runs: translated
    assert result.ok and "".join(u.source for u in result.units) == src


def test_typescript_answers_for_javascript_lose_their_types(scripted):
    from translate.source.languages.ts_strip import strip_types

    ts = "```javascript\nfunction hyp(a: number, b: number): number {\n  return Math.sqrt((a * a + b * b) as number);\n}\n```"
    res = translate_source(SRC, "python", "javascript", scripted({"add": [GOOD_ADD], "hyp": [ts]}))
    hyp = next(u for u in res.units if u.name == "hyp")
    assert hyp.status == REPAIRED and hyp.turns == 1
    assert hyp.attempts[0].fixed == "TypeScript types removed"
    assert "function hyp(a, b) {" in res.text and "as number" not in res.text
    assert not validate(res.text, get_language("javascript"))
    assert strip_types("function f(a) { return a; }") is None  # nothing to strip
    assert strip_types("function f(a: number { return a; }") is None  # not clean TypeScript either


def test_top_level_code_does_not_redefine_the_files_units(scripted):
    """The glue `_irregular('person', 'people')` came back with its own `const _irregular = ...` before the calls:
    a second declaration beside the unit's, a SyntaxError at load. The copy goes; the calls stay."""
    src = "RULES = []\n\n\ndef _irregular(a, b):\n    RULES.append((a, b))\n\n\n_irregular('person', 'people')\n"
    unit = "```javascript\nfunction _irregular(a, b) {\n  RULES.push([a, b]);\n}\n```"
    glue = ("```javascript\nconst _irregular = (word, plural) => {\n  console.log(word);\n};\n\n"
            "_irregular('person', 'people');\n```")
    rules = "```javascript\nconst RULES = [];\n```"
    backend = scripted(lambda req: unit if "def _irregular" in req.messages[-1]["content"]
                       else glue if "'person'" in req.messages[-1]["content"] else rules)
    res = translate_source(src, "python", "javascript", backend)
    assert res.text.count("_irregular =") + res.text.count("function _irregular") == 1, res.text
    assert "_irregular('person', 'people');" in res.text and "console.log" not in res.text
    assert not validate(res.text, get_language("javascript"))


def test_python_slices_in_a_javascript_answer_become_slice_calls(scripted):
    """`plural[1:]` does not parse as JavaScript and a small model answers it again when asked: the fixup writes
    `.slice()` (code only: strings, comments and regex literals keep their brackets; a step is left alone)."""
    from translate.source.languages.js_slices import python_slices

    src = "def tail(word, n):\n    return word[0].upper() + word[1:] + '[1:]' + word[:-n]\n"
    answer = ("```javascript\nfunction tail(word, n) {\n"
              "  return `${word[0].toUpperCase()}${word[1:]}` + '[1:]' + word[:-n]; // word[1:]\n}\n```")
    res = translate_source(src, "python", "javascript", scripted({"tail": [answer]}), TranslateOptions(max_turns=1))
    unit = res.units[0]
    assert unit.status == REPAIRED and unit.attempts[0].fixed == "Python slices written as .slice()"
    assert "return `${word[0].toUpperCase()}${word.slice(1)}` + '[1:]' + word.slice(0, -n); // word[1:]" in res.text
    assert not validate(res.text, get_language("javascript"))
    assert python_slices("r = /[a:b]/.test(s); o = {a: b}; m[1];") is None  # nothing to rewrite
    assert python_slices("u[::-1] + v[i ? 1 : 2]") is None  # a step, a ternary: not slices to write
    assert python_slices("arr[i][1:] + w[f(x[1:]):]") == "arr[i].slice(1) + w.slice(f(x.slice(1)))"


@pytest.mark.parametrize("parts", ["", "system,example,context,calls,keep,hint,prefix,pitfalls"])
def test_scripted_answers_are_routed_by_unit_whatever_the_prompt(scripted, monkeypatch, parts):
    """The mapping finds the unit in the request's code (not its position or wording), turn by turn."""
    if parts:
        monkeypatch.setenv("TRANSLATE_PROMPT_PARTS", parts)
    backend = scripted({"add": [GOOD_ADD], "hyp": [BAD_HYP, GOOD_HYP]})
    result = translate_source(SRC, "python", "javascript", backend, TranslateOptions(max_turns=3))
    assert result.counts() == {"ok": 1, "repaired": 1, "failed": 0, "skipped": 0}
    assert [request_turn(r) for r in backend.by_unit.asked["hyp"]] == [0, 1]
    assert [request_turn(r) for r in backend.by_unit.asked["add"]] == [0]
    with pytest.raises(AssertionError, match="'hyp' was asked 3 times"):
        translate_source(SRC, "python", "javascript", scripted({"add": [GOOD_ADD], "hyp": [BAD_HYP, BAD_HYP]}),
                         TranslateOptions(max_turns=3))
    with pytest.raises(AssertionError, match="no scripted unit"):
        translate_source(SRC, "python", "javascript", scripted({"add": [GOOD_ADD]}))
