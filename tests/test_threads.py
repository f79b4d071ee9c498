"""The llama.cpp thread rule (translate/engines/threads.py): the pick, the sampling, when it is decided again,
and the engine restarting its server for a new count. No timing asserts, no model."""
from __future__ import annotations

import threading
from typing import ClassVar

import pytest

from translate.engines import threads as th


@pytest.mark.parametrize("cpus,others,want", [
    (2, 0, 2), (2, 1, 2),  # one other busy task: no core stranded when it ends
    (2, 2, 1), (2, 5, 1),  # a full machine: one thread, never zero
    (8, 0, 8), (8, 1, 8), (8, 2, 7), (8, 4, 5), (8, 30, 1),
    (1, 0, 1), (1, 3, 1), (0, 0, 1), (4, -1, 4),
])
def test_pick_threads(cpus, others, want):
    assert th.pick_threads(cpus, others) == want


def _fake_proc(tmp_path, running: int, states: list[str]):
    (tmp_path / "loadavg").write_text(f"0.50 0.40 0.30 {running}/321 4567\n")
    for i, state in enumerate(states):
        d = tmp_path / "self" / "task" / str(100 + i)
        d.mkdir(parents=True)
        d.joinpath("stat").write_text(f"{100 + i} (llama (x) thr) {state} 1 2 3\n")
    return tmp_path


def test_runnable_others_leaves_out_own_running_threads(tmp_path):
    proc = _fake_proc(tmp_path, running=5, states=["R", "R", "S", "R", "S"])
    assert th.runnable_others(samples=3, gap=0, proc=proc) == 2  # 5 runnable, 3 of them ours


def test_runnable_others_counts_the_reader_once(tmp_path):
    proc = _fake_proc(tmp_path, running=3, states=["S", "S"])  # the reading thread is always one of ours
    assert th.runnable_others(samples=1, gap=0, proc=proc) == 2


def test_runnable_others_never_negative(tmp_path):
    proc = _fake_proc(tmp_path, running=1, states=["R", "R", "R"])
    assert th.runnable_others(samples=1, gap=0, proc=proc) == 0


class Clock:
    def __init__(self):
        self.t = 0.0

    def __call__(self):
        return self.t


def test_plan_decides_again_only_after_the_gap_and_on_a_change():
    clock, busy = Clock(), [3]
    plan = th.ThreadPlan(cpus=2, gap=30, clock=clock, sample=lambda: busy[0])
    assert plan.threads == 1  # started on a full machine
    busy[0] = 0
    clock.t = 10
    assert not plan.due() and plan.decide() is None  # too soon
    clock.t = 31
    assert plan.decide() == 2 and plan.threads == 2  # the other work ended: all cores
    clock.t = 70
    assert plan.decide() is None  # same pick: nothing to change


def test_plan_fixed_by_the_user_never_changes():
    plan = th.ThreadPlan(3, cpus=2, gap=0, sample=lambda: 0)
    assert plan.threads == 3 and not plan.due() and plan.decide() is None


class _FakeServer:
    started: ClassVar[list[int]] = []

    def __init__(self, threads):
        _FakeServer.started.append(threads)


def _engine(plan):
    """A LlamaCppBackend without a model: only the thread-following machinery is real."""
    from translate.engines.llamacpp import LlamaCppBackend

    eng = object.__new__(LlamaCppBackend)
    eng._plan, eng.threads, eng.restarts = plan, plan.threads, 0
    eng._gate = th.UseGate(plan, eng._restart)
    eng._lock, eng._calls, eng._cancel = threading.Lock(), 0, threading.Event()
    eng._http_lock, eng._head_lock = threading.Lock(), threading.Lock()
    eng._http, eng._head, eng._server = None, "head", _FakeServer(plan.threads)
    eng._start = lambda xlc, path: _FakeServer(eng.threads)
    eng._xlc = None
    eng._gguf_path = None

    def generate(requests, on_result):  # each request one use of the server, as the engine's sequences are
        out = []
        for _ in requests:
            with eng._use():
                out.append(eng.threads)
        return out
    eng._generate = generate
    return eng


def test_engine_restarts_its_server_when_the_machine_frees_up():
    _FakeServer.started = []
    clock, busy = Clock(), [2]
    eng = _engine(th.ThreadPlan(cpus=2, gap=30, clock=clock, sample=lambda: busy[0]))
    assert eng.generate([1]) == [1] and eng.restarts == 0
    busy[0], clock.t = 0, 40
    assert eng.generate([1, 2]) == [2, 2]  # decided again before the first sequence: 2 threads
    assert eng.restarts == 1 and _FakeServer.started == [1, 2] and eng._head == "" and eng._gate.active == 0


def test_a_new_thread_count_waits_for_the_uses_in_flight_and_then_restarts():
    """A sequence in flight (another thread) holds the restart back; a new use waits for it and then runs on the
    restarted server: a run whose calls overlap still follows the machine."""
    _FakeServer.started = []
    clock, busy = Clock(), [2]
    eng = _engine(th.ThreadPlan(cpus=2, gap=30, clock=clock, sample=lambda: busy[0]))
    holding, release, seen = threading.Event(), threading.Event(), []

    def long_sequence():
        with eng._use():
            holding.set()
            release.wait(10)
            seen.append(("old", eng.threads))
    first = threading.Thread(target=long_sequence)
    first.start()
    holding.wait(10)
    busy[0], clock.t = 0, 40
    second = threading.Thread(target=lambda: seen.append(("new", eng.generate([1])[0])))
    second.start()
    second.join(0.3)
    assert second.is_alive() and eng.restarts == 0  # waiting: the first sequence still runs on the old server
    release.set()
    first.join(10)
    second.join(10)
    assert seen == [("old", 1), ("new", 2)] and eng.restarts == 1 and _FakeServer.started == [1, 2]


def test_nested_uses_in_one_thread_do_not_wait_for_a_restart():
    clock, busy = Clock(), [2]
    gate = th.UseGate(th.ThreadPlan(cpus=2, gap=30, clock=clock, sample=lambda: busy[0]), lambda n: None)
    with gate.use():
        busy[0], clock.t = 0, 40
        with gate.use():  # e.g. count_tokens inside a sequence: would deadlock if it waited
            assert gate.active == 1
    assert gate.active == 0
