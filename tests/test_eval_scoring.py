"""Scoring logic with the scripted backend (pure logic; the programs still run in the real sandbox).

A right translation must pass and a wrong one fail; the test-guided mode must turn a failing
example test into a repair turn; the naive baseline must be scored the same way.
"""
from __future__ import annotations

import pytest

from translate.evaluation.humanevalx import humanevalx_dir
from translate.evaluation.translation import (
    EvalSettings,
    evaluate_humanevalx,
    format_table,
    route_groups,
)
from translate.translation.pipeline import TranslateOptions

pytestmark = pytest.mark.skipif(not (humanevalx_dir(None) / "python").is_dir(), reason="HumanEval-X data not found")

RIGHT = """```javascript
function hasCloseElements(numbers, threshold) {
  for (let i = 0; i < numbers.length; i++) {
    for (let j = i + 1; j < numbers.length; j++) {
      if (Math.abs(numbers[i] - numbers[j]) < threshold) return true;
    }
  }
  return false;
}
```"""
# parses, has the right name, passes the two docstring examples, fails the hidden tests
WRONG = """```javascript
function hasCloseElements(numbers, threshold) {
  return numbers.length > 4 && threshold < 0.5;
}
```"""
# fails even the docstring examples
VERY_WRONG = """```javascript
function hasCloseElements(numbers, threshold) {
  return !(numbers.length > 4 && threshold < 0.5);
}
```"""


def _last_user(req) -> str:
    return [m["content"] for m in req.messages if m["role"] == "user"][-1]


def _naive_message(scripted) -> str:
    """The exact message the naive baseline sends for Python/0 (the pipeline's first turn may also be a
    single user message, so the two are told apart by content, not by shape)."""
    from translate.evaluation.humanevalx import load_pairs
    from translate.evaluation.naive import naive_request

    problem = load_pairs("python", "javascript", limit=1)[0][0]
    req = naive_request(problem.source_program, "python", "javascript", scripted([]), TranslateOptions())
    return req.messages[0]["content"]


def _backend(scripted, unit_answers: list[str], naive_answer: str | None = None):
    turns = iter(unit_answers)
    naive_message = _naive_message(scripted)

    def answer(req):
        text = _last_user(req)
        if text == naive_message:  # the naive baseline: the whole program in one message
            assert naive_answer is not None, "the naive baseline ran without an answer scripted for it"
            return naive_answer
        if "top-level" in text:  # `from typing import List`: nothing to write in JavaScript
            return "```javascript\n```"
        return next(turns)

    return scripted(answer)


def _run(scripted, unit_answers, *, tests="none", naive=None, max_turns=1):
    backend = _backend(scripted, unit_answers, naive)
    st = EvalSettings("python", "javascript", limit=1, tests=tests, baseline="naive" if naive else None,
                      options=TranslateOptions(max_turns=max_turns))
    return evaluate_humanevalx(st, backend), backend


def test_right_translation_passes_and_wrong_one_fails(scripted):
    report, _ = _run(scripted, [RIGHT], naive=WRONG)
    pipe, naive = report["systems"]["pipeline"], report["systems"]["naive"]
    assert pipe["pass@1"] == 1.0 and pipe["parse_rate"] == 1.0
    assert naive["pass@1"] == 0.0 and naive["parse_rate"] == 1.0
    task = report["per_task"][0]
    assert task["task_id"] == "Python/0" and task["target_task"] == "JavaScript/0" and task["entry"] == "hasCloseElements"
    assert task["pipeline"]["c"] == 1 and task["naive"]["c"] == 0
    assert "console.assert failed" in task["naive"]["samples"][0]["message"]
    sample = task["pipeline"]["samples"][0]
    assert "hasCloseElements" in sample["output"]
    # what ran with the tests: the translated function, not the file's top-level glue
    assert sample["code"].startswith("function hasCloseElements(") and "typing" not in sample["code"]
    table = format_table(report)
    assert "pass@1" in table and "100.0%" in table and "0.0%" in table


def test_wrong_translation_without_tests_is_kept_and_fails(scripted):
    report, _ = _run(scripted, [WRONG, RIGHT], max_turns=3)
    assert report["systems"]["pipeline"]["pass@1"] == 0.0
    # it validated on turn 1: no repair turn without tests
    units = report["per_task"][0]["pipeline"]["samples"][0]["units"]
    assert [u["turns"] for u in units if u["kind"] == "function"] == [1]


def test_example_tests_drive_a_repair_turn(scripted):
    report, backend = _run(scripted, [VERY_WRONG, RIGHT], tests="example", max_turns=3)
    sample = report["per_task"][0]["pipeline"]["samples"][0]
    assert sample["passed"] and sample["repaired"]
    assert sample["verified"] == [True]
    unit = next(u for u in sample["units"] if u["kind"] != "glue")
    assert unit["status"] == "repaired"
    assert "console.assert failed" in unit["attempts"][0]["problem"]
    # the failing test output was fed back to the model
    repair_prompt = _last_user(backend.requests[-1])
    assert "console.assert failed" in repair_prompt


def test_example_tests_can_be_fooled_but_the_hidden_tests_are_not(scripted):
    report, _ = _run(scripted, [WRONG], tests="example", max_turns=1)
    sample = report["per_task"][0]["pipeline"]["samples"][0]
    assert sample["verified"] == [True]  # the two docstring examples pass ...
    assert not sample["passed"]  # ... the hidden tests do not


def test_route_groups_never_put_two_tasks_with_a_shared_name_together():
    from translate.evaluation.humanevalx import load_pairs
    from translate.source.validate import normalize_name

    pairs = load_pairs("java", "python", limit=60)
    groups = route_groups(pairs)
    assert sum(len(g) for g in groups) == 60
    for group in groups:
        names = [normalize_name(n) for src, _ in group for n in src.function_names]
        assert len(names) == len(set(names))


@pytest.mark.parametrize("docs", [False, True])
def test_with_docs_every_system_is_given_the_tasks_doc_comment(scripted, docs):
    """``--with-docs``: the pipeline and the naive baseline both translate ``prompt + canonical_solution`` (the
    doc comment, whose examples the behaviour checks read); without it, the protocol's source has none."""
    seen: list[str] = []

    def answer(req):
        text = _last_user(req)
        seen.append(text)
        return "```javascript\n```" if "top-level" in text else RIGHT

    st = EvalSettings("python", "javascript", limit=1, baseline="naive", options=TranslateOptions(max_turns=1),
                      docs=docs)
    report = evaluate_humanevalx(st, scripted(answer))
    assert report["settings"]["docs"] is docs
    with_doc = [t for t in seen if "Check if in given list of numbers" in t]
    assert len(with_doc) == (2 if docs else 0), seen  # the pipeline's unit and the naive program
    assert report["systems"]["pipeline"]["pass@1"] == 1.0 and report["systems"]["naive"]["pass@1"] == 1.0
