"""Stub completion logic (translate/complete/run.py) with the scripted backend: prompts, grafting,
validation, repair turns, idempotence. End-to-end runs with real models are in test_complete_cli.py."""
from __future__ import annotations

import re

import libcst
import pytest

from translate.complete.run import CompleteOptions, CompletionResult, check_completion, complete_source, plan
from translate.complete.text import body_end, trim_context
from translate.source.languages import get_language
from translate.source.stubs import find_stubs
from translate.source.units import parse_text
from translate.source.validate import validate

PY = get_language("python")


def fill_python(req) -> str:
    """A chat answer: the stub from the prompt with its stub lines replaced by ``return 42``."""
    user = [m for m in req.messages if m["role"] == "user"][0]["content"]
    code = re.findall(r"```python\n(.*?)```", user, re.S)[-1]
    keep = [ln for ln in code.rstrip().split("\n")
            if ln.strip() not in ("...", "pass") and "NotImplementedError" not in ln and "TODO" not in ln]
    return "```python\n" + "\n".join(keep) + "\n    return 42\n```\nThis returns 42."


def fill_braces(req) -> str:
    """A chat answer for C-family stubs: keep everything up to the first ``{``, then a real body."""
    user = [m for m in req.messages if m["role"] == "user"][0]["content"]
    code = re.findall(r"```\w*\n(.*?)```", user, re.S)[-1]
    head = code[: code.index("{") + 1]
    return f"```\n{head}\n    return 0;\n}}\n```"


def test_python_sample_completed_and_idempotent(samples_dir, scripted):
    src = (samples_dir / "stubs" / "textutil.py").read_text()
    res = complete_source(src, "python", scripted(fill_python), path="textutil.py")
    assert res.completed == 6 and not res.failed and res.changed
    libcst.parse_module(res.text)  # parses for real
    assert find_stubs(parse_text(res.text, PY)) == []
    # signatures, decorators and docstrings are where they were; untouched code is byte-identical
    for needle in ('def count_words(text):\n    """Return the number of whitespace-separated words in text."""\n    return 42',
                   "    @abc.abstractmethod\n    def render(self, text):\n        \"\"\"Subclasses render text.\"\"\"\n        raise NotImplementedError",
                   "    def wrap(self, text, width=40):\n        \"\"\"Return text wrapped", "def size(self) -> int: ...",
                   'def shout(text):\n    """Return text in upper case with an exclamation mark."""\n    return text.upper() + "!"'):
        assert needle in res.text
    assert "TODO: complete" not in res.text
    again = complete_source(res.text, "python", scripted([]), path="textutil.py")  # no model call at all
    assert not again.units and not again.changed


@pytest.mark.parametrize("name,lang", [("stack.js", "javascript"), ("queue.ts", "typescript"),
                                       ("MathUtil.java", "java"), ("mathutil.c", "c"), ("counter.cpp", "cpp"),
                                       ("mathutil.go", "go"), ("mathutil.rs", "rust"), ("MathUtil.cs", "csharp")])
def test_every_language_sample_completes(samples_dir, scripted, name, lang):
    src = (samples_dir / "stubs" / name).read_text()
    res = complete_source(src, lang, scripted(fill_braces), path=name)
    assert res.units and not res.failed, [u.reason for u in res.units]
    assert validate(res.text, get_language(lang)) == []
    assert find_stubs(parse_text(res.text, get_language(lang))) == []
    # everything outside the stubs is unchanged: the glue and every other unit
    parsed = parse_text(src, get_language(lang))
    stubs = {s.unit.start_byte for s in find_stubs(parsed)}
    for seg in parsed.segments:
        if seg.unit is None:
            assert seg.text in res.text
        for u in (seg.unit.walk() if seg.unit else []):
            if not u.children and u.start_byte not in stubs:
                assert u.text in res.text, u.qualname


def test_signature_change_is_repaired_with_the_problem_quoted(scripted):
    src = 'def add(a, b):\n    """Sum."""\n    ...\n'
    answers = ["```python\ndef add(x, y):\n    return x + y\n```", "```python\ndef add(a, b):\n    return a + b\n```"]
    backend = scripted(answers)
    res = complete_source(src, "python", backend)
    (rec,) = res.units
    assert rec.status == "repaired" and rec.turns == 2
    assert "signature changed" in rec.attempts[0].problem
    assert "signature changed" in backend.requests[1].messages[-1]["content"]
    assert res.text == 'def add(a, b):\n    """Sum."""\n    return a + b\n'


def test_answer_with_added_annotations_is_grafted_under_the_original_signature(scripted):
    # what SmolLM2 really answers for an unannotated stub: same parameter names, annotations added
    src = 'import math\n\n\nclass Shape:\n    def area(self, radius):\n        """Area of a circle."""\n        ...\n'
    answer = '```python\ndef area(self, radius: float) -> float:\n    """Area."""\n    return math.pi * (radius ** 2)\n```'
    res = complete_source(src, "python", scripted([answer]))
    assert res.units[0].status == "ok"
    assert res.text.endswith('    def area(self, radius):\n        """Area of a circle."""\n        return math.pi * (radius ** 2)\n')


def test_failure_leaves_that_unit_untouched(scripted):
    src = "def a():\n    pass\n\n\ndef b():\n    pass\n"

    def answer(req):
        user = req.messages[1]["content"]
        return "```python\ndef a():\n    return 1\n```" if "`a`" in user else "```python\ndef b(:\n```"

    res = complete_source(src, "python", scripted(answer), CompleteOptions(max_turns=2))
    status = {u.name: u.status for u in res.units}
    assert status == {"a": "ok", "b": "failed"}
    assert res.text == "def a():\n    return 1\n\n\ndef b():\n    pass\n"
    assert res.failed[0].reason.endswith("(after 2 turns)")


@pytest.mark.parametrize("candidate,problem", [
    ("def f(x):\n    return x +\n", "line 3: syntax error"),
    ("def f(x, y):\n    return x\n", "signature changed"),
    ("def f(x):\n    '''Other.'''\n    return x\n", "docstring changed"),
    ("def f(x):\n    '''Doc.'''\n    pass\n", "still a stub"),
    ("def g(x):\n    '''Doc.'''\n    return x\n", "no such definition"),
    ("", "empty answer"),
])
def test_check_completion_rejects(candidate, problem):
    src = "@cache\ndef f(x):\n    '''Doc.'''\n    ...\n"
    unit = parse_text(src, PY).units[0]
    cand = ("@cache\n" + candidate) if candidate else ""
    diags = check_completion(src, PY, unit, cand)
    assert diags and problem in f"line {diags[0].line}: {diags[0].message}"


def test_check_completion_rejects_dropped_decorator():
    src = "@cache\ndef f(x):\n    ...\n"
    unit = parse_text(src, PY).units[0]
    assert "signature changed" in check_completion(src, PY, unit, "def f(x):\n    return x\n")[0].message
    assert check_completion(src, PY, unit, "@cache\ndef f(x):\n    return x") == []


def test_completion_model_prompt_is_the_file_prefix_and_body_is_cut(scripted):
    src = "import math\n\n\nclass C:\n    def area(self, r):\n        \"\"\"Area.\"\"\"\n        pass\n\n    def other(self):\n        return 1\n"
    backend = scripted(["        return math.pi * r * r\n\n    def extra(self):\n        pass\n"], is_chat=False)
    res = complete_source(src, "python", backend)
    req = backend.requests[0]
    assert req.prompt == src[: src.index("        pass")]  # context + head, up to the docstring line
    assert req.stop == [r"^[ \t]{0,4}\S"]
    assert res.units[0].status == "ok"
    assert "def extra" not in res.text and "return math.pi * r * r\n\n    def other" in res.text


def test_completion_model_brace_body_stops_at_the_closing_brace(scripted):
    src = "// util\nfunction twice(x) {\n  // TODO\n}\n\nfunction keep() { return 1; }\n"
    backend = scripted(['  const s = "}";\n  return { v: 2 * x }.v;\n}\nfunction junk() {}\n'], is_chat=False)
    res = complete_source(src, "javascript", backend)
    assert backend.requests[0].prompt == "// util\nfunction twice(x) {\n"
    assert backend.requests[0].is_complete('  return 1;\n}\n') and not backend.requests[0].is_complete("  if (x) {\n")
    assert res.text == '// util\nfunction twice(x) {\n  const s = "}";\n  return { v: 2 * x }.v;\n}\n\nfunction keep() { return 1; }\n'


def test_body_end_ignores_braces_in_strings_and_comments():
    assert body_end("  x = '{';\n  // }\n  /* } */\n  s = \"}\";\n}\nrest") == len("  x = '{';\n  // }\n  /* } */\n  s = \"}\";\n}")
    assert body_end("  if (a) {\n    b();\n  }\n") is None


def test_context_is_trimmed_to_the_budget_keeping_imports_and_nearest_code(scripted):
    filler = "".join(f"def helper_{i}(x):\n    return x + {i}\n\n\n" for i in range(200))
    src = "import os\nimport sys\n\n" + filler + "def target(x):\n    '''Doc.'''\n    ...\n"
    backend = scripted(["```python\ndef target(x):\n    return x\n```"])
    complete_source(src, "python", backend, CompleteOptions(context_tokens=60))
    prompt = backend.requests[0].messages[1]["content"]
    assert "import os\nimport sys\n# ...\n" in prompt and "helper_199" in prompt and "helper_0(" not in prompt
    words = lambda t: len(t.split())
    ctx = trim_context(src[: src.index("def target")], 60, words, PY)
    assert words(ctx) <= 60 + 2


def test_generated_and_pyi_files_are_skipped(scripted):
    src = "# @generated by protoc\ndef f():\n    pass\n"
    res = complete_source(src, "python", scripted([]))
    assert res.skipped == "marked @generated" and not res.changed
    stubs, reason = plan(parse_text("def f(x: int) -> int: ...\n", PY, "api.pyi"))
    assert stubs == [] and "type stub" in reason


def test_file_with_syntax_errors_is_not_completed(scripted):
    res = complete_source("def f():\n    pass\n\ndef g(:\n", "python", scripted([]))
    assert res.failed and "syntax errors" in res.failed[0].reason and not res.changed


def test_result_round_trips_through_json(scripted):
    import json

    res = complete_source("def f():\n    pass\n", "python", scripted(["```python\ndef f():\n    return 1\n```"]))
    back = CompletionResult.from_dict(json.loads(json.dumps(res.to_dict())))
    assert back.text == res.text and back.changed and back.completed == 1
    assert back.units[0].attempts[0].text == res.units[0].attempts[0].text
