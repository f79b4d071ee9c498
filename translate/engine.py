"""The generic multi-turn loop, batched across jobs.

A :class:`Job` is one unit to produce (a translation, a completed stub, a refactored function). Each
turn, every unfinished job builds a request from its past attempts; all requests go to the backend in
one call (the backend batches them); every candidate is cleaned, checked and optionally verified (e.g.
by running tests). A job that gets a good candidate is done; the others go round again with the problem
quoted back, up to ``max_turns``. Only unfinished jobs are sent again.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Protocol

from translate.backends.base import Backend, GenRequest
from translate.records import FAILED, OK, REPAIRED, Attempt, UnitRecord
from translate.validate import Diagnostic


class EngineOptions(Protocol):
    max_turns: int


@dataclass
class Job:
    record: UnitRecord
    build: Callable[[list[Attempt]], GenRequest]
    check: Callable[[str], list[Diagnostic]]
    clean: Callable[[str], str] = lambda text: text
    verify: Callable[[str], tuple[bool, str | None]] | None = None
    # (fix, note): a deterministic repair of an answer that does not validate (Language.answer_fixup)
    fixup: tuple[Callable[[str], str | None], str] | None = None
    # A check a valid answer should pass but may fail (the parameters its callers need): the problem is
    # quoted in a repair turn, and an answer that never passes it is still kept (with the problem as reason).
    soft_check: Callable[[str], str | None] | None = None
    # Filled while running: the best candidate that validated but failed a soft check or verification.
    fallback: str | None = field(default=None, repr=False)
    fallback_tested: bool = field(default=False, repr=False)  # the fallback ran the tests (and failed them)


def _try_candidate(job: Job, turn: int, ci: int, raw: str, tokens: int, seconds: float, budget: int,
                   looped: bool = False) -> bool:
    code = job.clean(raw)
    diags = job.check(code)
    fixed = None
    if diags and job.fixup is not None:
        fix, note = job.fixup
        candidate = fix(code)
        if candidate is not None and not job.check(candidate):
            code, diags, fixed = candidate, [], note
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
        return False
    if job.soft_check is not None:
        problem = job.soft_check(code)
        if problem:
            attempt.problem = problem
            if job.fallback is None:
                job.fallback = code
            return False
    if job.verify is not None:
        ok, message = job.verify(code)
        attempt.verified = ok
        if not ok:
            attempt.problem = message or "tests failed"
            if job.fallback is None or not job.fallback_tested:
                job.fallback, job.fallback_tested = code, True
            return False
    return True


def run_jobs(jobs: list[Job], backend: Backend, options: EngineOptions,
             on_done: Callable[[Job], None] | None = None) -> None:
    """Run every job to ok / repaired / failed, filling ``job.record``."""
    pending = list(jobs)
    for turn in range(1, max(1, options.max_turns) + 1):
        if not pending:
            break
        requests = [job.build(job.record.attempts) for job in pending]
        results = backend.generate(requests)
        still: list[Job] = []
        for job, req, res in zip(pending, requests, results):
            n = max(1, len(res.texts))
            per_tokens, per_seconds = res.new_tokens // n, res.seconds / n
            passed = None
            for ci, raw in enumerate(res.texts or [""]):
                looped = ci < len(res.looped) and res.looped[ci]
                if _try_candidate(job, turn, ci, raw, per_tokens, per_seconds, req.max_new_tokens, looped):
                    passed = job.record.attempts[-1]
                    break
            if passed is not None:
                job.record.status = OK if turn == 1 and not passed.fixed else REPAIRED
                job.record.output = passed.text
                job.record.verified = passed.verified
                job.record.reason = None
                if on_done:
                    on_done(job)
            else:
                still.append(job)
        pending = still
    for job in pending:
        last = job.record.attempts[-1] if job.record.attempts else None
        if job.fallback is not None:
            # parsed, but the tests never passed: keep the code, say so
            job.record.status = REPAIRED if len({a.turn for a in job.record.attempts}) > 1 else OK
            job.record.output = job.fallback
            problem = last.problem if last else "unknown"
            if job.fallback_tested:
                job.record.verified = False
                job.record.reason = f"tests failed: {problem}"
            else:
                job.record.reason = f"kept as answered: {problem}"
        else:
            job.record.status = FAILED
            turns = job.record.turns
            job.record.reason = f"{last.problem if last else 'no answer'} (after {turns} turn{'s' * (turns != 1)})"
        if on_done:
            on_done(job)
