"""How many CPU threads llama.cpp gets, and when that number is decided again.

llama.cpp's threads meet at a spinning barrier after every operation of every token, so a thread whose core
is taken by another process holds up all of them; but a thread count chosen for a busy moment strands the
cores that free up a second later (xllamacpp fixes the count when the server starts: its ``Server`` has no
``llama_set_n_threads``, so a new count means starting the server again, about 2-3 s with the GGUF file in
the page cache).

Measured on this project's 2-core AMD EPYC (KVM; avx512f/avx512_vnni/avx512_bf16, no AMX), shared with other
workers, Qwen2.5-Coder-1.5B Q4_K_M, 4 slots x 64-128 greedy tokens (issue 21; ``bench/engine_bench.py
--scenarios``, tables in the issue's report):

* beside one steady busy loop: 2 threads made 0.79x the tokens/s of 1 thread (10.9 vs 13.9): oversubscribed
  by one task, the run slows but does not stall; while 1 thread strands a core for good once that task ends
  (the old rule, ``cpus - busy`` once at load, picked 1 thread for a run started beside a 20 s burst);
* beside two or more busy tasks (other workers' model runs and compiles, 1-minute load 5-7): 1 thread took
  81 s and 151 s for runs that 2 threads had not finished after 385 s and 390 s (stopped): barriers stall.

So the rule tolerates one other busy task (:func:`pick_threads`), and the engine decides again at the start
of a use of its server (a sequence, a tokenizer call) once :data:`RETUNE_GAP` seconds have passed since the
last decision (:class:`ThreadPlan`); when the pick changes, new uses wait for those in flight to end and the
server restarts (:class:`UseGate`). Deciding per use, not per ``generate`` call, matters since the job loop
overlaps its calls (translate.translation.loop): a run's calls may never all be idle at once.
"""
from __future__ import annotations

import inspect
import os
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

RETUNE_GAP = 30.0  # seconds between two decisions (a restart costs 2-3 s and the slots' prompt caches)


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def pick_threads(cpus: int, others: int) -> int:
    """Threads for a machine of ``cpus`` CPUs where ``others`` tasks besides this process are runnable.

    One other busy task is tolerated (a core it may leave a second later is not stranded; the cost beside a
    steady one was 0.79x); from two on, the threads step down with the work (oversubscribed barriers stall)."""
    cpus = max(1, cpus)
    return max(1, min(cpus, cpus - max(0, others) + 1))


def runnable_others(samples: int = 7, gap: float = 0.01, proc: Path = Path("/proc")) -> int:
    """Tasks runnable now besides this process's own: the median of a few readings of /proc/loadavg's
    ``running/total`` field less this process's threads in state R (its llama.cpp threads may still be
    spinning after a call); the 1-minute load average where /proc does not exist."""
    seen = []
    try:
        for i in range(samples):
            running = int((proc / "loadavg").read_text(encoding="ascii").split()[3].split("/")[0])
            seen.append(running - _own_running(proc))
            if i + 1 < samples:
                time.sleep(gap)
    except (OSError, ValueError, IndexError):
        try:
            return int(os.getloadavg()[0] + 0.5)
        except OSError:  # pragma: no cover - no load average on this platform
            return 0
    seen.sort()
    return max(0, seen[len(seen) // 2])


def _own_running(proc: Path) -> int:
    """This process's threads in state R (at least 1: the one reading)."""
    n = 0
    try:
        for stat in (proc / "self" / "task").glob("*/stat"):
            try:
                text = stat.read_text(encoding="ascii", errors="replace")
            except OSError:
                continue  # the thread ended
            if text[text.rfind(")") + 2:][:1] == "R":
                n += 1
    except OSError:
        pass
    return max(1, n)


class ThreadPlan:
    """The thread count of one engine: fixed when the user chose it, otherwise decided at load and again
    (``due`` / ``decide``) at most every ``gap`` seconds."""

    def __init__(self, fixed: int | None = None, *, cpus: int | None = None, gap: float = RETUNE_GAP,
                 clock=time.monotonic, sample=runnable_others):
        self.fixed = fixed
        self.cpus = cpus or cpu_count()
        self.gap = gap
        self.clock = clock
        self.sample = sample
        self.last = float("-inf")
        self.threads = fixed or self._pick()

    def _pick(self) -> int:
        self.last = self.clock()
        return pick_threads(self.cpus, self.sample())

    def due(self) -> bool:
        return self.fixed is None and self.clock() - self.last >= self.gap

    def decide(self) -> int | None:
        """The new thread count when it should change now, else None."""
        if not self.due():
            return None
        want = self._pick()
        if want == self.threads:
            return None
        self.threads = want
        return want


class UseGate:
    """The uses of a server that a new thread count restarts (see the module): ``with gate.use(): ...``
    around every call into the server. ``restart(threads)`` runs with no use in flight; uses nested in one
    thread do not wait."""

    def __init__(self, plan: ThreadPlan, restart: Callable[[int], None]):
        self.plan = plan
        # the engine's own method, held weakly: the engine holds the gate, and a cycle would keep its loaded
        # model (gigabytes) alive until the garbage collector runs, long after the engine is dropped
        self._restart: Callable[[], Callable[[int], None] | None] = \
            weakref.WeakMethod(restart) if inspect.ismethod(restart) else (lambda: restart)
        self.active = 0  # uses in flight
        self.want: int | None = None  # a new thread count waiting for them to end
        self._cond = threading.Condition()
        self._local = threading.local()

    @contextmanager
    def use(self) -> Iterator[None]:
        local = self._local
        if getattr(local, "depth", 0):
            local.depth += 1
            try:
                yield
            finally:
                local.depth -= 1
            return
        with self._cond:
            if self.want is None and self.plan.due():
                self.want = self.plan.decide()
            while self.want is not None:
                if self.active:
                    self._cond.wait()
                    continue
                want, self.want = self.want, None
                try:
                    restart = self._restart()
                    if restart is not None:
                        restart(want)
                finally:
                    self._cond.notify_all()
            self.active += 1
        local.depth = 1
        try:
            yield
        finally:
            local.depth = 0
            with self._cond:
                self.active -= 1
                self._cond.notify_all()
