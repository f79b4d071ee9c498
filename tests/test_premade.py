"""A rule's answer in the job loop (translate.translation.premade): tried only once the model's answers of a turn
failed, kept only where the behaviour check confirms it, else a fallback scored like any tested candidate."""
from __future__ import annotations

import pytest

from translate.engines.base import Engine, GenRequest, GenResult
from translate.engines.scripted import ScriptedBackend
from translate.sandbox import missing_tool
from translate.translation.jobs import Job
from translate.translation.loop import run_jobs
from translate.translation.pipeline import TranslateOptions, translate_source
from translate.translation.premade import RULE_NOTE, marked
from translate.translation.records import OK, REPAIRED, UnitRecord


class Opts:
    max_turns = 2


class Answers(Engine):
    """Answers every request with ``answer``; counts the calls."""

    model_id, revision, family, is_chat, engine = "answers", "1", "completion", False, "scripted"

    def __init__(self, answer: str):
        self.answer, self.calls = answer, 0

    def generate(self, requests, on_result=None):
        self.calls += 1
        return [GenResult([self.answer], new_tokens=1) for _ in requests]

    def count_tokens(self, text):
        return len(text.split())


class Check:
    """A behaviour check: ``right`` matches the source on every input; ``close`` differs on one; ``unknown``
    cannot be judged (no inputs); anything else differs on all."""

    def __init__(self):
        self.seen: list[str] = []

    def __call__(self, code: str):
        self.seen.append(code)
        if code in ("right", "unknown"):
            return True, None
        return False, "it does not do what the Java source does"

    def confirms(self, code: str) -> bool:
        return code == "right"

    def score(self, code: str) -> tuple[int, int]:
        return {"right": (3, 0), "close": (2, -1)}.get(code, (2, -5))


def _job(premade: str | None, check: Check) -> Job:
    rec = UnitRecord(index=0, kind="method", name="f", qualname="A.f", source="int f() { }")
    job = Job(rec, lambda attempts: GenRequest(prompt=f"turn {len(attempts) + 1}"), lambda code: [], verify=check)
    job.premade = premade
    return job


def test_the_rules_answer_replaces_an_answer_that_differs_when_the_check_confirms_it():
    check = Check()
    job = _job("right", check)
    engine = Answers("wrong")
    run_jobs([job], engine, Opts())
    assert job.record.status == REPAIRED and job.record.output == "right"
    assert job.record.attempts[-1].fixed == RULE_NOTE and engine.calls == 1  # no repair turn asked
    assert check.seen == ["wrong", "right"]  # the model's answer first


def test_the_models_answer_that_passes_is_kept_and_the_rule_never_tried():
    check = Check()
    job = _job("right", check)
    run_jobs([job], Answers("unknown"), Opts())
    assert job.record.status == OK and job.record.output == "unknown" and check.seen == ["unknown"]


def test_a_rules_answer_the_check_cannot_judge_is_not_taken_over_the_models():
    check = Check()
    job = _job("unknown", check)
    engine = Answers("wrong")
    run_jobs([job], engine, Opts())
    assert job.record.output != "unknown" and engine.calls == 2  # the repair turn was asked as before
    assert check.seen.count("unknown") == 1  # tried once


def test_a_rules_answer_that_differs_on_fewer_inputs_is_the_fallback_when_the_turns_run_out():
    check = Check()
    job = _job("close", check)
    run_jobs([job], Answers("wrong"), Opts())
    assert job.record.output == "close" and job.record.attempts[-1].text == "wrong"  # not shown to the model
    assert check.seen.count("close") == 2  # tried again after the repair turn (its callees may have changed)


def test_a_units_check_line_says_when_its_output_is_the_rules():
    check = Check()
    job = _job("right", check)
    run_jobs([job], Answers("wrong"), Opts())
    assert marked("verified (3 inputs)", job.record) == "verified (3 inputs; written by rule from the source)"
    other = _job(None, Check())
    run_jobs([other], Answers("right"), Opts())
    assert marked("verified (3 inputs)", other.record) == "verified (3 inputs)"


class Late(Check):
    """A check that cannot judge on its first call (the answer's class is not there yet)."""

    def __call__(self, code: str):
        if not self.seen:
            self.seen.append(code)
            return None, "its class's own translation is not there yet"
        return super().__call__(code)


def test_the_rules_answer_is_tried_for_an_answer_judged_only_on_a_later_turn():
    check = Late()
    job = _job("right", check)
    run_jobs([job], Answers("wrong"), Opts())
    assert job.record.output == "right" and job.record.attempts[-1].fixed == RULE_NOTE, job.record.attempts


HOLDER = """import java.util.*;

class Solution {
    public int digitSum(int n) {
        int s = 0;
        n = Math.abs(n);
        while (n > 0) {
            s += n % 10;
            n /= 10;
        }
        return s;
    }

    public boolean evenDigitSum(int n) {
        return digitSum(n) % 2 == 0;
    }
}
"""


@pytest.mark.skipif(missing_tool("java") is not None, reason="javac missing")
def test_a_method_of_a_class_of_methods_gets_the_rules_free_function_when_the_models_differs():
    """HumanEval-X's ``class Solution``: its methods are free functions in Python (translation.holders). The
    model's ``digit_sum`` truncates like Python's ``//`` on the sign (wrong for negatives) and its repair turn
    repeats it; the rule's free function (no ``self``, its sibling called by name) is checked against the Java and
    taken. The sibling the model got right stays the model's."""
    wrong = "```python\ndef digit_sum(n):\n    s = 0\n    while n > 0:\n        s += n % 10\n        n //= 10\n    return s\n```"
    right = "```python\ndef even_digit_sum(n):\n    return digit_sum(n) % 2 == 0\n```"
    backend = ScriptedBackend({"int digitSum": wrong, "evenDigitSum": right})
    result = translate_source(HOLDER, "java", "python", backend, TranslateOptions(verify="auto", max_turns=2))
    units = {u.qualname: u for u in result.units if u.kind != "glue"}
    digit = units["digitSum"]
    assert digit.status == REPAIRED and "written by rule" in (digit.check or ""), (digit.check, digit.output)
    assert digit.output.startswith("def digit_sum(n):") and "self" not in digit.output, digit.output
    assert "written by rule" not in (units["evenDigitSum"].check or "")
    space: dict = {}
    exec(result.text, space)
    assert space["digit_sum"](-123) == 6 and space["even_digit_sum"](-112) is True
    off = translate_source(HOLDER, "java", "python", ScriptedBackend({"int digitSum": wrong, "evenDigitSum": right}),
                           TranslateOptions(verify="auto", max_turns=2, rule_answers=False))
    assert next(u for u in off.units if u.qualname == "digitSum").output.strip() == wrong.split("\n", 1)[1][:-4].strip()


EDITS = """public class Edits {
    private final int cost = 1;

    public final int distance(final String a, final String b) {
        return distance(a, b, Integer.MAX_VALUE);
    }

    public final int distance(final String a, final String b, final int limit) {
        int d = Math.abs(a.length() - b.length());
        for (int i = 0; i < Math.min(a.length(), b.length()); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                d += cost;
            }
        }
        return Math.min(d, limit);
    }
}
"""


@pytest.mark.skipif(missing_tool("java") is not None, reason="java is not installed")
def test_overloads_of_a_split_class_get_the_rules_answers_read_from_the_class_with_its_bodies():
    """A big class's methods are units of their own, shown to the model with the class's outline (signatures
    only). The rule reads the class with its bodies from the file: the forwarding ``distance(a, b)`` is the other
    with a default, so both get the rule's answers where the model's differ (java-string-similarity's
    ``Levenshtein`` got none: from the outline the overload looked like no default). The model's three-parameter
    answer ignores ``limit``: wrong only on calls that pass one, which the check sees because each overload's unit
    is recorded through its own overload (before, every one through the first: "verified" on two arguments)."""
    skeleton = "```python\nclass Edits:\n    def __init__(self):\n        self.cost = 1\n\n    def distance(self, a, b):\n        pass\n```"
    wrong2 = "```python\ndef distance(self, a, b):\n    return self.distance(a, b,"
    wrong3 = "```python\ndef distance(self, a, b, limit=None):\n    d = abs(len(a) - len(b))\n    for i in range(min(len(a), len(b))):\n        if a[i] != b[i]:\n            d += self.cost\n    return d\n```"
    backend = ScriptedBackend({"class Edits": skeleton, "String b)": wrong2, "int limit)": wrong3})
    result = translate_source(EDITS, "java", "python", backend,
                              TranslateOptions(verify="auto", max_turns=2, split_class_tokens=1))
    methods = [u for u in result.units if u.kind == "method"]
    assert len(methods) == 2, [(u.kind, u.qualname) for u in result.units]
    assert all("written by rule" in (u.check or "") for u in methods), [(u.check, u.output) for u in methods]
    space: dict = {}
    exec(result.text, space)
    edits = space["Edits"]()
    assert edits.distance("abc", "abd") == 1 and edits.distance("abc", "xyz", 2) == 2


def test_a_recording_of_an_overload_runs_that_overload_not_the_first():
    from translate.oracle.from_java import find_method, overload_first

    third = EDITS[EDITS.index("    public final int distance(final String a, final String b, final int limit)"):]
    third = third[:third.index("\n    }\n") + 6]
    moved = overload_first(EDITS, "Edits.distance", "/** the full one */\n" + third.strip())
    assert "final int limit" in find_method(moved, "Edits.distance").signature
    assert sorted(moved.split("\n")) == sorted(EDITS.split("\n"))  # the same lines, two methods swapped
    assert overload_first(EDITS, "Edits.distance", "int distance(String a, String b) { return 0; }") == EDITS
