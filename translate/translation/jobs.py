"""The generic multi-turn loop, batched across jobs.

A :class:`Job` is one unit to produce (a translation, a completed stub, a refactored function). Each
turn, every unfinished job builds a request from its past attempts; all requests go to the backend in
one call (the backend batches them); every candidate is cleaned, checked and optionally verified (e.g.
by running tests). A job that gets a good candidate is done; the others go round again with the problem
quoted back, up to ``max_turns``. Only unfinished jobs are sent again. A request the backend could not
answer on its own (``GenResult.error``: its prompt does not fit the context, a server refused it) fails
its job at once with that reason; the other jobs go on.

With a ``cache`` (translate.translation.cache.UnitCache) the loop is the one every command shares
(translate, refactor; complete runs without one): a job whose ``key`` is set is committed to the cache
when it is done (unless the backend could not answer it), and the cache's answer table is the
``journal``: every answer is committed as soon as the backend hands it over (``on_result``), keyed by the
model revision and the request; a request whose answer is already there is served from it without a
model call. A run killed mid-turn therefore loses only the requests in flight, and the next run
re-checks the journaled answers and goes on. Before building its jobs a command looks each unit up with
:func:`lookup` (how a hit is used is the command's: trusted as is, or checked again). The unit keys
include :func:`fingerprint` of the templates and the code that cleans and checks answers, so no cache
version is bumped by hand.
"""
from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from translate.engines.base import Backend, GenRequest, GenResult, call_generate
from translate.source.validate import Diagnostic
from translate.translation.records import FAILED, OK, REPAIRED, Attempt, UnitRecord


class EngineOptions(Protocol):
    max_turns: int


class Journal(Protocol):
    """Raw answers by request key (translate.translation.cache.UnitCache implements it)."""

    def journal_get(self, key: str) -> dict | None: ...
    def journal_put(self, key: str, value: dict) -> None: ...


class UnitCache(Protocol):
    """Finished units by key (translate.translation.cache.UnitCache; a dict-backed one in tests)."""

    def get(self, key: str) -> dict | None: ...
    def put(self, key: str, value: dict) -> None: ...


CACHED_FIELDS = ("status", "output", "reason", "verified", "check", "attempts")  # of a UnitRecord, what a unit caches


@functools.cache
def fingerprint(paths: tuple[str, ...]) -> str:
    """A digest of the named files (each file's name and text, in order), computed once per process: the
    part of a cache key that stands for the prompt templates and the code cleaning and checking answers,
    so that changing any of them re-asks the model instead of serving answers made under the old ones."""
    h = hashlib.sha256()
    for p in paths:
        path = Path(p)
        h.update(path.name.encode() + b"\0" + path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return h.hexdigest()[:16]


def lookup(cache: UnitCache | None, key: str | None, use: Callable[[dict], bool]) -> bool:
    """Whether the unit under ``key`` is served from ``cache``: there is a hit and ``use`` (the command's
    replay, which fills the record) took it. False: build and run the job."""
    hit = cache.get(key) if cache is not None and key else None
    return hit is not None and use(hit)


def cached_attempts(hit: dict) -> list[Attempt]:
    """The attempts of a cached unit: history only, no tokens spent this run."""
    return [Attempt(turn=a["turn"], candidate=a["candidate"], text=a["text"], problem=a.get("problem"))
            for a in hit.get("attempts", [])]


def replay_record(rec: UnitRecord, hit: dict) -> bool:
    """The plain replay: the cached outcome, trusted as it is."""
    rec.status, rec.output, rec.reason = hit["status"], hit.get("output"), hit.get("reason")
    rec.verified, rec.check, rec.cache_hit = hit.get("verified"), hit.get("check"), True
    rec.attempts = cached_attempts(hit)
    return True


def _commit(job: Job, cache: UnitCache) -> None:
    """Cache a finished job under its key. A job the backend could not answer (too long for the context,
    refused) is not cached: a re-run with a larger context or another server tries it again."""
    if not job.key or job.error is not None:
        return
    d = job.record.to_dict()
    value = {k: d[k] for k in CACHED_FIELDS}
    if job.asked and hasattr(cache, "journal_forget"):  # its raw answers are not needed any more
        cache.put(job.key, value, forget=job.asked)  # type: ignore[call-arg]
    else:
        cache.put(job.key, value)


@dataclass
class Job:
    record: UnitRecord
    build: Callable[[list[Attempt]], GenRequest]
    check: Callable[[str], list[Diagnostic]]
    clean: Callable[[str], str] = lambda text: text
    verify: Callable[[str], tuple[bool | None, str | None]] | None = None
    # (fix, note) pairs: deterministic repairs of an answer that does not validate (Language.answer_fixups)
    fixups: tuple[tuple[Callable[[str], str | None], str], ...] = ()
    # A check a valid answer should pass but may fail (the parameters its callers need): the problem is
    # quoted in a repair turn, and an answer that never passes it is still kept (with the problem as reason).
    soft_check: Callable[[str], str | None] | None = None
    # Filled while running: the best candidate that validated but failed a soft check or verification.
    fallback: str | None = field(default=None, repr=False)
    fallback_tested: bool = field(default=False, repr=False)  # the fallback ran the tests (and failed them)
    carry: Attempt | None = field(default=None, repr=False)  # a candidate to test again next turn (not judged)
    error: str | None = field(default=None, repr=False)  # the backend could not answer its request (GenResult.error)
    asked: list[str] = field(default_factory=list, repr=False)  # journal keys of its requests (forgotten once cached)
    key: str | None = None  # its unit-cache key: committed to run_jobs' ``cache`` when done
    # called with the record once the job ends, before it is committed (a behaviour check's closing line)
    conclude: Callable[[UnitRecord], None] | None = field(default=None, repr=False)


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


def request_key(backend: Backend, req: GenRequest) -> str:
    """The journal key of one request: the model identity and everything in the request that shapes its answer."""
    payload = {"model": backend.model_id, "revision": backend.revision,
               "prompt": req.prompt, "messages": req.messages, "prefix": req.prefix, "stop": req.stop,
               "temperature": req.temperature, "top_p": req.top_p, "n": req.n, "seed": req.seed,
               "max_new_tokens": req.max_new_tokens}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()




def _encode(res: GenResult) -> dict:
    return {"texts": res.texts, "prompt_tokens": res.prompt_tokens, "new_tokens": res.new_tokens,
            "seconds": res.seconds, "looped": res.looped}


def _decode(hit: dict) -> GenResult | None:
    try:
        return GenResult(list(hit["texts"]), prompt_tokens=int(hit.get("prompt_tokens", 0)),
                         new_tokens=int(hit.get("new_tokens", 0)), seconds=float(hit.get("seconds", 0.0)),
                         looped=[bool(x) for x in hit.get("looped", [])])
    except (KeyError, TypeError, ValueError):
        return None  # a malformed entry: asked again


def _generate(backend: Backend, requests: list[GenRequest], journal: Journal | None,
              keys: list[str]) -> list[GenResult]:
    """Answers for ``requests``: journaled ones from the journal, the others from the backend, each journaled
    as it arrives. A journal write that fails (disk full) stops the call with that error."""
    if journal is None:
        return call_generate(backend, requests)
    results: list[GenResult | None] = [None] * len(requests)
    ask: list[int] = []
    for i, key in enumerate(keys):
        hit = journal.journal_get(key)
        res = _decode(hit) if hit is not None else None
        if res is None:
            ask.append(i)
        else:
            results[i] = res
    if ask:
        failed: list[BaseException] = []

        def on_result(j: int, res: GenResult) -> None:
            if res.error is not None or failed:
                return
            try:
                journal.journal_put(keys[ask[j]], _encode(res))
            except Exception as exc:  # re-raised by the calling thread below
                failed.append(exc)
                raise

        try:
            got = call_generate(backend, [requests[i] for i in ask], on_result)
        except BaseException:
            if failed:
                raise failed[0] from None
            raise
        if failed:
            raise failed[0]
        for j, i in enumerate(ask):
            results[i] = got[j]
    return results  # type: ignore[return-value]


def run_jobs(jobs: list[Job], backend: Backend, options: EngineOptions,
             on_done: Callable[[Job], None] | None = None, journal: Journal | None = None,
             cache: UnitCache | None = None) -> None:
    """Run every job to ok / repaired / failed, filling ``job.record``; ``on_done`` once each job ends.
    ``cache``, ``journal`` (by default the cache's answer table, when it has one): see the module doc."""
    if journal is None and cache is not None and hasattr(cache, "journal_get"):
        journal = cache  # type: ignore[assignment]

    def done(job: Job) -> None:
        if job.conclude is not None:
            job.conclude(job.record)
        if cache is not None:
            _commit(job, cache)
        if on_done:
            on_done(job)
    pending = list(jobs)
    ended: list[Job] = []  # jobs whose request the backend could not answer (GenResult.error)
    for turn in range(1, max(1, options.max_turns) + 1):
        if not pending:
            break
        asking = [job for job in pending if job.carry is None]
        carried = [job for job in pending if job.carry is not None]
        requests = [job.build(job.record.attempts) for job in asking]
        keys = [request_key(backend, req) for req in requests] if journal is not None else []
        for job, key in zip(asking, keys):
            job.asked.append(key)
        results = _generate(backend, requests, journal, keys) if requests else []
        answered = [(job, req, res) for job, req, res in zip(asking, requests, results) if res.error is None]
        for job, res in zip(asking, results):
            if res.error is not None:  # cannot be answered at all: no repair turn (its prompt is longer still)
                job.error = res.error
                job.record.attempts.append(Attempt(turn=turn, candidate=0, text="", problem=res.error))
                ended.append(job)
        asking = [a[0] for a in answered]
        requests = [a[1] for a in answered]
        results = [a[2] for a in answered]
        # first every job's first candidate that passes the checks, then the tests: a verifier that compiles
        # the file's units together (C++, Java) then sees this turn's answers of all of them (``note``)
        firsts = [_first_valid(job, turn, req, res) for job, req, res in zip(asking, requests, results)]
        for job, first in zip(asking, firsts):
            note = getattr(job.verify, "note", None)
            if first is not None and note is not None:
                note(first[1].text)
        still: list[Job] = []
        for job, req, res, first in zip(asking, requests, results, firsts):
            passed = None
            if first is not None:
                ci, attempt = first
                if _verify(job, attempt):
                    passed = attempt
                elif job.carry is None:  # judged and failed: the later candidates, each checked and tested
                    n = max(1, len(res.texts))
                    for cj in range(ci + 1, len(res.texts)):
                        looped = cj < len(res.looped) and res.looped[cj]
                        if _try_candidate(job, turn, cj, res.texts[cj], res.new_tokens // n, res.seconds / n,
                                          req.max_new_tokens, looped):
                            passed = job.record.attempts[-1]
                            break
            if passed is not None:
                _finish(job, turn, passed, done)
            else:
                still.append(job)
        for job in carried:  # not judged last turn: tested again beside this turn's answers of the other units
            kept, job.carry = job.carry, None
            assert kept is not None  # carried: chosen by job.carry is not None
            if _verify(job, kept):
                _finish(job, kept.turn, kept, done)
            else:
                still.append(job)
        pending = still
    for job in ended + pending:
        last = job.record.attempts[-1] if job.record.attempts else None
        if job.fallback is not None:
            # parsed, but the tests never passed: keep the code, say so
            job.record.status = REPAIRED if len({a.turn for a in job.record.attempts}) > 1 else OK
            job.record.output = job.fallback
            problem = last.problem if last else "unknown"
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
        done(job)


def _finish(job: Job, turn: int, passed: Attempt, on_done: Callable[[Job], None] | None) -> None:
    job.record.status = OK if turn == 1 and not passed.fixed else REPAIRED
    job.record.output = passed.text
    job.record.verified = passed.verified
    job.record.reason = None
    if on_done:
        on_done(job)
