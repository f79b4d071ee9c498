"""The job loop's two schedules (translate.translation.loop): waves for engines that take one call at a time,
overlapped turns for engines whose calls may overlap (llama.cpp): an answer is judged as it arrives and its
repair turn is asked while the other answers are still being decoded."""
from __future__ import annotations

import threading
import time

import pytest

from translate.engines.base import Engine, GenRequest, GenResult
from translate.source.validate import Diagnostic
from translate.translation.jobs import Job
from translate.translation.loop import run_jobs
from translate.translation.records import OK, REPAIRED, UnitRecord


class Opts:
    max_turns = 3


class TimedEngine(Engine):
    """Answers each request in a thread of its own after ``delay(prompt)`` seconds, telling ``on_result`` as each
    arrives; logs ("ask", prompt) and ("answer", prompt) in the order they happen."""

    model_id, revision, family, is_chat, engine = "timed", "1", "completion", False, "scripted"
    concurrent = True

    def __init__(self, answer, delay, overlaps: bool):
        self.answer, self.delay, self.overlaps = answer, delay, overlaps
        self.log: list[tuple[str, str]] = []
        self.calls = 0
        self.cancelled = threading.Event()
        self.lock = threading.Lock()

    def generate(self, requests, on_result=None):
        with self.lock:
            self.calls += 1
        out: list[GenResult | None] = [None] * len(requests)

        def one(i: int, req: GenRequest) -> None:
            with self.lock:
                self.log.append(("ask", req.prompt))
            end = time.monotonic() + self.delay(req.prompt)
            while time.monotonic() < end:
                if self.cancelled.is_set():
                    return
                time.sleep(0.005)
            out[i] = GenResult([self.answer(req.prompt)], new_tokens=1)
            with self.lock:
                self.log.append(("answer", req.prompt))
            if on_result is not None:
                on_result(i, out[i])
        threads = [threading.Thread(target=one, args=(i, r)) for i, r in enumerate(requests)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if self.cancelled.is_set():
            raise RuntimeError("cancelled")
        return out

    def count_tokens(self, text):
        return len(text.split())

    def cancel(self):
        self.cancelled.set()


def job(name: str, verify=None) -> Job:
    rec = UnitRecord(index=0, kind="function", name=name, qualname=name, source=f"def {name}(): ...")

    def build(attempts):
        return GenRequest(prompt=f"{name} turn {len(attempts) + 1}")

    def check(code: str):
        return [] if "good" in code else [Diagnostic(1, 0, "not good")]
    return Job(rec, build, check, verify=verify)


def answer(prompt: str) -> str:
    # b's first answer is wrong; every other answer is good
    return "bad" if prompt == "b turn 1" else f"good {prompt}"


@pytest.mark.parametrize("overlaps", [True, False])
def test_a_repair_turn_is_asked_while_a_slow_answer_is_decoded_only_where_calls_overlap(overlaps):
    engine = TimedEngine(answer, lambda p: 0.6 if p.startswith("a ") else 0.01, overlaps)
    jobs = [job("a"), job("b")]
    run_jobs(jobs, engine, Opts())
    assert [j.record.status for j in jobs] == [OK, REPAIRED]
    assert jobs[1].record.output == "good b turn 2"
    order = engine.log.index(("ask", "b turn 2")) < engine.log.index(("answer", "a turn 1"))
    assert order is overlaps  # waves: b's repair waits for a's answer; overlapped: it does not
    assert engine.calls == 2


class GroupVerifier:
    """Judges a file's units together: a candidate passes once every unit of the group has noted one."""

    def __init__(self, names, log):
        self.names, self.log, self.latest, self.group = names, log, {}, "file"

    def for_unit(self, name):
        def verify(code):
            self.log.append(("verify", name, tuple(sorted(self.latest))))
            return (True, None) if set(self.latest) == set(self.names) else (False, "a unit is missing")
        verify.note = lambda code: self.latest.__setitem__(name, code)  # type: ignore[attr-defined]
        verify.group = self.group  # type: ignore[attr-defined]
        return verify


def test_a_files_units_are_judged_together_after_every_answer_of_the_file_arrived():
    log: list = []
    g = GroupVerifier(["a", "c"], log)
    engine = TimedEngine(lambda p: f"good {p}", lambda p: 0.4 if p.startswith("a ") else 0.01, True)
    jobs = [job("a", g.for_unit("a")), job("c", g.for_unit("c")), job("lone")]
    done: list[str] = []
    run_jobs(jobs, engine, Opts(), on_done=lambda j: done.append(j.record.name))
    assert [j.record.status for j in jobs] == [OK, OK, OK]
    assert {entry[2] for entry in log} == {("a", "c")}  # no unit of the file was verified before both noted
    assert done[0] == "lone"  # the unit outside the file did not wait for the slow one


def test_an_error_while_judging_cancels_the_answers_in_flight():
    engine = TimedEngine(answer, lambda p: 5.0 if p.startswith("a ") else 0.01, True)

    def boom(code):
        raise KeyboardInterrupt
    jobs = [job("a"), job("b", boom)]
    jobs[1].check = lambda code: []  # b's first answer goes to its verifier, which raises
    with pytest.raises(KeyboardInterrupt):
        run_jobs(jobs, engine, Opts())
    assert engine.cancelled.is_set()
    assert ("answer", "a turn 1") not in engine.log  # a's slow answer was stopped, not waited for
    assert jobs[0].record.attempts == []


def _always_fails(code):
    return False, "wrong result"


@pytest.mark.parametrize("overlaps", [True, False])
@pytest.mark.parametrize("answers, stop, turns", [
    (["good same", "good  same\n", "good same"], True, 2),  # turn 2 repeats turn 1 (whitespace aside): stop
    (["good same", "good same", "good same"], False, 3),  # a job that goes on after a repeat (the fresh prompt)
    (["good one", "good two", "good one"], True, 3),  # turn 2 moved: turn 3 is asked
    (["bad", "bad", "good x"], True, 3),  # repeated syntax errors were never judged by the tests: turn 3 is asked
])
def test_a_job_whose_judged_answer_repeats_an_earlier_one_stops(overlaps, answers, stop, turns):
    engine = TimedEngine(lambda p: answers[int(p.rsplit(" ", 1)[1]) - 1], lambda p: 0.01, overlaps)
    jobs = [job("a", _always_fails), job("b")]
    jobs[0].stop_when_stuck = stop
    run_jobs(jobs, engine, Opts())
    a = jobs[0]
    assert len({x.turn for x in a.record.attempts}) == turns
    assert [p for kind, p in engine.log if kind == "ask" and p.startswith("a ")] == [f"a turn {k}" for k in
                                                                                  range(1, turns + 1)]
    assert a.record.status == REPAIRED and a.record.verified is False  # kept with the reason, never "ok"
    assert a.stuck is (turns == 2)
    assert ("repeated an earlier one" in (a.record.reason or "")) is (turns == 2)


class SamplingEngine(Engine):
    """One call at a time; a request's ``n`` answers are ``sampled`` when it asks for several, else ``greedy``."""

    model_id, revision, family, is_chat, engine = "sampling", "1", "completion", False, "scripted"

    def __init__(self, greedy: str, sampled: list[str]):
        self.greedy, self.sampled, self.requests = greedy, sampled, []

    def generate(self, requests, on_result=None):
        self.requests += list(requests)
        return [GenResult(self.sampled[:r.n] if r.n > 1 else [self.greedy], new_tokens=r.n) for r in requests]

    def count_tokens(self, text):
        return len(text.split())


def scored_job(rescue: int) -> Job:
    """A job whose tests pass only ``good best`` and score an answer by how many ``+`` it has."""
    rec = UnitRecord(index=0, kind="function", name="f", qualname="f", source="def f(): ...")
    holder: list[Job] = []

    def build(attempts):
        sampled = holder[0].rescuing
        return GenRequest(prompt=f"f turn {len({a.turn for a in attempts}) + 1}", n=rescue if sampled else 1,
                          temperature=0.8 if sampled else 0.0)

    def verify(code):
        return ("best" in code, None if "best" in code else "differs")
    verify.score = lambda code: code.count("+")  # type: ignore[attr-defined]
    j = Job(rec, build, lambda code: [] if "good" in code else [Diagnostic(1, 0, "not good")], verify=verify)
    j.rescue = rescue
    holder.append(j)
    return j


@pytest.mark.parametrize("sampled, verified, output", [
    (["good +", "good best", "good ++"], True, "good best"),  # a sampled answer passes: it is kept, verified
    (["good +", "good +++", "good ++"], False, "good +++"),  # none passes: the best by the tests' score is kept
])
def test_a_stuck_unit_gets_one_last_turn_of_sampled_answers(sampled, verified, output):
    engine = SamplingEngine("good same", sampled)
    j = scored_job(3)
    run_jobs([j], engine, Opts())
    assert [(r.n, r.temperature) for r in engine.requests] == [(1, 0.0), (1, 0.0), (3, 0.8)]  # stuck after turn 2
    assert j.record.verified is verified and j.record.output == output
    if not verified:
        assert "last turn of 3 sampled answers" in (j.record.reason or "") and j.record.status == REPAIRED
    assert j.rescuing and len({a.turn for a in j.record.attempts}) == 3


def test_no_last_turn_without_rescue_and_one_for_answers_that_never_reached_the_tests():
    engine = SamplingEngine("good same", ["good best"] * 3)
    j = scored_job(0)
    run_jobs([j], engine, Opts())
    assert [r.n for r in engine.requests] == [1, 1] and j.record.verified is False
    engine = SamplingEngine("bad", ["bad", "good best", "bad"])  # never parsed in its 3 turns: a 4th, sampled
    j = scored_job(3)
    run_jobs([j], engine, Opts())
    assert [r.n for r in engine.requests] == [1, 1, 1, 3] and j.rescuing
    assert j.record.status == REPAIRED and j.record.verified is True and j.record.output == "good best"
