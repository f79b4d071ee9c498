"""The job loop: every job's turns, from its first request to ok / repaired / failed.

Each turn a job builds a request from its past attempts; the answers are cleaned, checked and, where the
job has a verifier, run (tests, behaviour checks). A job with a good candidate is done; the others go
round again with the problem quoted back, up to ``max_turns`` (see :mod:`translate.translation.jobs` for
the jobs, the journal and the cache).

Two schedules, one loop:

* **waves** (engines that take one call at a time: transformers, scripted): every unfinished job's request
  goes to the engine in one call (the engine batches them), then every answer is judged; repeat.
* **overlapped** (engines whose calls may overlap and that can stop them, :attr:`Engine.overlaps`:
  llama.cpp): an answer is judged as soon as it arrives, while the engine decodes the others, and a job
  that needs another turn asks at once, in a call of its own beside the first: the slots do not wait for
  the slowest answer of a turn, nor the model for the checks. Measured (bench/RESULTS.md, ``## throughput``,
  40 HumanEval-X files with behaviour checks): level with waves on 2 cores with 2 llama.cpp threads (the
  checks then take the cores the model decodes on), 1.09x faster with a core to spare.

Jobs whose verifier judges them together (``verify.note``: a file's units checked in one program) are
judged as a group: once no member of the group has a request in flight, its answers are noted first and
then verified, as a wave would; a group is a file (``verify.group``), or every such job when the verifier
names none.
"""
from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

from translate.engines.base import Backend, GenRequest, GenResult
from translate.translation.jobs import EngineOptions, Job, Journal, UnitCache, _commit, _generate, request_key
from translate.translation.premade import try_premade
from translate.translation.records import FAILED, OK, REPAIRED, Attempt

Answer = tuple[Job, GenRequest, GenResult]


def _check_candidate(job: Job, turn: int, ci: int, raw: str, tokens: int, seconds: float, budget: int,
                     looped: bool = False) -> Attempt | None:
    """Clean and check one candidate (record the attempt); the attempt if it passed every check."""
    code = job.clean(raw)
    diags = job.check(code)
    fixed = None
    for fix, note in job.fixups if diags else ():
        candidate = fix(code)
        if candidate is not None and not job.check(candidate):
            code, diags, fixed = candidate, [], note
            break
    attempt = Attempt(turn=turn, candidate=ci, text=code, diagnostics=diags, new_tokens=tokens, seconds=seconds,
                      fixed=fixed)
    if diags:
        d = diags[0]
        attempt.problem = d.message if d.message.startswith(("empty", "expected")) else f"line {d.line}: {d.message}"
        if looped or tokens >= budget:  # cut off: small models loop; quoting the loop back only feeds it
            how = (f"it started repeating itself after {tokens} tokens" if looped
                   else f"it ran past {budget} tokens, repeating itself")
            attempt.problem = f"the answer never finished ({how}); write a short, complete version"
    job.record.attempts.append(attempt)
    if diags:
        return None
    if job.soft_check is not None:
        problem = job.soft_check(code)
        if problem:
            attempt.problem = problem
            if job.fallback is None:
                job.fallback = code
            return None
    return attempt


def _verify(job: Job, attempt: Attempt) -> bool:
    """Run the tests on a checked candidate. A verifier may answer ``None``: the tests failed in another
    unit first, so this one was not judged; it is then carried to the next turn, tested again once the
    other units had their repair turn, instead of being asked for a new answer."""
    if job.verify is None:
        return True
    ok, message = job.verify(attempt.text)
    attempt.verified = ok
    if ok:
        attempt.problem = None  # a carried candidate that passes on its second test
    else:
        attempt.problem = message or "tests failed"
        if ok is None:  # not judged: kept if nothing better comes, but never called "failing its tests"
            job.carry = attempt
            if job.fallback is None:
                job.fallback = attempt.text
        elif job.fallback is None or not job.fallback_tested or _better(job, attempt.text, job.fallback):
            job.fallback, job.fallback_tested = attempt.text, True
    return bool(ok)


def _better(job: Job, candidate: str, kept: str) -> bool:
    """Whether ``candidate`` beats the kept fallback by the verifier's ``score`` (a behaviour check scores
    how many inputs match); verifiers without one keep the first candidate that failed."""
    score = getattr(job.verify, "score", None)
    return score is not None and score(candidate) > score(kept)


def _try_candidate(job: Job, turn: int, ci: int, raw: str, tokens: int, seconds: float, budget: int,
                   looped: bool = False) -> bool:
    attempt = _check_candidate(job, turn, ci, raw, tokens, seconds, budget, looped)
    return attempt is not None and _verify(job, attempt)


def _first_valid(job: Job, turn: int, req: GenRequest, res) -> tuple[int, Attempt] | None:
    """(index, attempt) of the first candidate of this turn that passes the checks (tests not run yet)."""
    n = max(1, len(res.texts))
    for ci, raw in enumerate(res.texts or [""]):
        looped = ci < len(res.looped) and res.looped[ci]
        attempt = _check_candidate(job, turn, ci, raw, res.new_tokens // n, res.seconds / n, req.max_new_tokens,
                                   looped)
        if attempt is not None:
            return ci, attempt
    return None


def run_jobs(jobs: list[Job], backend: Backend, options: EngineOptions,
             on_done: Callable[[Job], None] | None = None, journal: Journal | None = None,
             cache: UnitCache | None = None) -> None:
    """Run every job to ok / repaired / failed, filling ``job.record``; ``on_done`` once each job ends.
    ``cache``, ``journal`` (by default the cache's answer table, when it has one): see
    :mod:`translate.translation.jobs`."""
    if journal is None and cache is not None and hasattr(cache, "journal_get"):
        journal = cache  # type: ignore[assignment]

    def done(job: Job) -> None:
        if job.conclude is not None:
            job.conclude(job.record)
        if cache is not None:
            _commit(job, cache)
        if on_done:
            on_done(job)
    run = _Run(backend, max(1, options.max_turns), done, journal)
    if len(jobs) > 1 and backend.overlaps:  # (no jobs: no backend may be given)
        run.overlapped(jobs)
    else:
        run.waves(jobs)
    order = {id(job): k for k, job in enumerate(jobs)}
    for job in run.ended + sorted(run.exhausted, key=lambda j: order[id(j)]):
        _conclude(job)
        done(job)


class _Run:
    def __init__(self, backend: Backend, max_turns: int, done: Callable[[Job], None], journal: Journal | None):
        self.backend, self.max_turns, self.done, self.journal = backend, max_turns, done, journal
        self.ended: list[Job] = []  # jobs whose request the backend could not answer (GenResult.error)
        self.exhausted: list[Job] = []  # jobs whose turns ran out

    def ask(self, jobs: list[Job]) -> tuple[list[GenRequest], list[str]]:
        requests = [job.build(job.record.attempts) for job in jobs]
        keys = [request_key(self.backend, req) for req in requests] if self.journal is not None else []
        for job, key in zip(jobs, keys):
            job.asked.append(key)
        return requests, keys

    def answered(self, job: Job, res: GenResult) -> bool:
        if res.error is None:
            return True
        job.error = res.error  # cannot be answered at all: no repair turn (its prompt is longer still)
        job.record.attempts.append(Attempt(turn=job.turn, candidate=0, text="", problem=res.error))
        self.ended.append(job)
        return False

    def judge(self, answers: list[Answer], carried: list[Job]) -> list[Job]:
        """Judge one wave's (or group's) answers and the jobs carried from their last turn; the jobs that
        go round again, their turn counted up (those out of turns are set aside)."""
        # first every job's first candidate that passes the checks, then the tests: a verifier that compiles
        # the file's units together (C++, Java) then sees this turn's answers of all of them (``note``)
        firsts = [_first_valid(job, job.turn, req, res) for job, req, res in answers]
        for (job, _, _), first in zip(answers, firsts):
            note = getattr(job.verify, "note", None)
            if first is not None and note is not None:
                note(first[1].text)
        still: list[Job] = []
        for (job, req, res), first in zip(answers, firsts):
            passed = None
            if first is not None:
                ci, attempt = first
                if _verify(job, attempt):
                    passed = attempt
                elif job.carry is None:  # judged and failed: the later candidates, each checked and tested
                    n = max(1, len(res.texts))
                    for cj in range(ci + 1, len(res.texts)):
                        looped = cj < len(res.looped) and res.looped[cj]
                        if _try_candidate(job, job.turn, cj, res.texts[cj], res.new_tokens // n, res.seconds / n,
                                          req.max_new_tokens, looped):
                            passed = job.record.attempts[-1]
                            break
            if passed is None and job.premade is not None and job.carry is None:
                passed = try_premade(job, _better)
            if passed is not None:
                _finish(job, job.turn, passed, self.done)
            else:
                still.append(job)
        for job in carried:  # not judged last turn: tested again beside this turn's answers of the other units
            kept, job.carry = job.carry, None
            assert kept is not None  # carried: chosen by job.carry is not None
            passed = kept if _verify(job, kept) else None
            if passed is None and job.premade is not None and job.carry is None:
                passed = try_premade(job, _better)  # (judged only now: its class's answer came late)
            if passed is not None:
                _finish(job, passed.turn, passed, self.done)
            else:
                still.append(job)
        again = []
        for job in still:
            job.turn += 1
            if job.turn <= self.max_turns and stuck(job):
                job.stuck = True
            over = job.turn > self.max_turns or job.stuck or job.rescuing
            if over and rescue(job):
                job.rescuing = True
                again.append(job)
            else:
                (self.exhausted if over else again).append(job)
        return again

    def waves(self, jobs: list[Job]) -> None:
        pending = list(jobs)
        while pending:
            asking = [job for job in pending if job.carry is None]
            requests, keys = self.ask(asking)
            results = _generate(self.backend, requests, self.journal, keys) if requests else []
            answers = [(job, req, res) for job, req, res in zip(asking, requests, results) if self.answered(job, res)]
            pending = self.judge(answers, [job for job in pending if job.carry is not None])

    def overlapped(self, jobs: list[Job]) -> None:
        _Overlap(self).go(jobs)


def stuck(job: Job) -> bool:
    """Whether a job that failed this turn should stop before its turns run out: the tests judged this
    turn's answers (they ran and failed) and every one of them repeats, whitespace aside, an answer of an
    earlier turn. The next turn would quote the same code and the same failure back. Measured on 40
    HumanEval-X files to JavaScript (bench/RESULTS.md, ``## throughput``, third pass): third turns after a
    failing second one had verified 1 unit in 4 runs; with this rule the same 31 units were verified, with 8%
    fewer tokens and 5 fewer sequences. Jobs built with ``stop_when_stuck=False`` (a prompt that starts over
    after a repeat) go on."""
    if not job.stop_when_stuck:
        return False
    turns: dict[int, list[Attempt]] = {}
    for a in job.record.attempts:
        turns.setdefault(a.turn, []).append(a)
    if len(turns) < 2:
        return False
    *earlier, last = sorted(turns)
    if turns[last][0].verified is not False:  # not judged by the tests (a syntax error, a soft check, carried)
        return False
    seen = {" ".join(a.text.split()) for t in earlier for a in turns[t]}
    return all(" ".join(a.text.split()) in seen for a in turns[last])


def rescue(job: Job) -> bool:
    """Whether a job whose turns are over (run out, or stuck) gets one more turn of ``job.rescue`` sampled
    candidates: issue 19's "when repair turns run out, sample more diverse candidates only for the units still
    failing, keep the one that matches on most inputs". Only once, and not for a job carried untested (its
    answer waits for the other units' turn). A unit whose answers failed a check before the tests (a compile
    error in the project, a signature, a syntax error) gets it too: greedy turns repeat such an answer."""
    return bool(job.rescue) and not job.rescuing and job.carry is None


def _group(job: Job) -> Any:
    """Jobs judged together: a file's units whose verifier notes every answer before it runs one."""
    if getattr(job.verify, "note", None) is None:
        return id(job)
    return getattr(job.verify, "group", "together")


class _Overlap:
    """The overlapped schedule (see the module): calls run in threads of their own; this thread judges."""

    def __init__(self, run: _Run):
        self.run = run
        self.inbox: queue.Queue = queue.Queue()
        self.inflight: dict[Any, int] = {}  # group -> requests in flight
        self.held: dict[Any, list[Answer]] = {}  # group -> answers waiting for the rest of the group
        self.carried: dict[Any, list[Job]] = {}  # group -> jobs to test again at the group's next judging
        self.calls = 0  # calls not yet returned
        self.stopping = False
        self.threads: list[threading.Thread] = []

    def submit(self, jobs: list[Job]) -> None:
        if not jobs:
            return
        requests, keys = self.run.ask(jobs)
        for job in jobs:
            self.inflight[_group(job)] = self.inflight.get(_group(job), 0) + 1
        self.calls += 1
        call = (jobs, requests)

        def work() -> None:
            if self.stopping:
                return
            seen: set[int] = set()

            def deliver(i: int, res: GenResult) -> None:
                seen.add(i)
                self.inbox.put((call, i, res))
            try:
                results = _generate(self.run.backend, requests, self.run.journal, keys, deliver)
                for i, res in enumerate(results):  # an engine that did not tell every answer as it came
                    if i not in seen:
                        self.inbox.put((call, i, res))
                self.inbox.put((call, None, None))
            except BaseException as exc:  # raised again by the judging thread
                self.inbox.put((call, None, exc))
        thread = threading.Thread(target=work, name="translate-call", daemon=True)
        self.threads.append(thread)
        thread.start()

    def go(self, jobs: list[Job]) -> None:
        try:
            self.submit(list(jobs))
            while self.calls:
                call, i, payload = self.inbox.get()
                if i is None:
                    if isinstance(payload, BaseException):
                        raise payload
                    self.calls -= 1
                    continue
                job, req = call[0][i], call[1][i]
                self.arrive(job, req, payload)
        except BaseException:
            self.stopping = True
            self.run.backend.cancel()  # the answers in flight stop at their next token
            for thread in self.threads:
                thread.join(timeout=30)
            raise

    def arrive(self, job: Job, req: GenRequest, res: GenResult) -> None:
        group = _group(job)
        self.inflight[group] -= 1
        if self.run.answered(job, res):
            self.held.setdefault(group, []).append((job, req, res))
        if self.inflight[group]:
            return  # judged with the rest of its group
        answers, carried = self.held.pop(group, []), self.carried.pop(group, [])
        while answers or carried:
            again = self.run.judge(answers, carried)
            ask = [j for j in again if j.carry is None]
            carried = [j for j in again if j.carry is not None]
            if ask:
                self.carried[group] = carried  # tested again beside the group's next answers
                self.submit(ask)
                return
            answers = []  # nothing else of the group to wait for: tested again now, a turn each


def _conclude(job: Job) -> None:
    """The record of a job that never passed: its best candidate kept (with why), or failed."""
    last = job.record.attempts[-1] if job.record.attempts else None
    if job.fallback is not None:
        # parsed, but the tests never passed: keep the code, say so
        job.record.status = REPAIRED if len({a.turn for a in job.record.attempts}) > 1 else OK
        job.record.output = job.fallback
        problem = last.problem if last else "unknown"
        if job.rescuing:
            problem += f" (also after a last turn of {job.rescue} sampled answers)"
        elif job.stuck:
            problem += " (no further turn: the answer repeated an earlier one)"
        if job.fallback_tested:
            job.record.verified = False
            job.record.reason = f"{getattr(job.verify, 'label', 'tests failed')}: {problem}"
        else:
            job.record.reason = f"kept as answered, not judged by the tests: {problem}" \
                if job.verify is not None else f"kept as answered: {problem}"
    else:
        job.record.status = FAILED
        turns = job.record.turns
        job.record.reason = f"{last.problem if last else 'no answer'} (after {turns} turn{'s' * (turns != 1)})"


def _finish(job: Job, turn: int, passed: Attempt, on_done: Callable[[Job], None] | None) -> None:
    job.record.status = OK if turn == 1 and not passed.fixed else REPAIRED
    job.record.output = passed.text
    job.record.verified = passed.verified
    job.record.reason = None
    if on_done:
        on_done(job)
