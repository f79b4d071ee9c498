"""Jobs: the units the model produces, their cache and their journal of answers.

A :class:`Job` is one unit to produce (a translation, a completed stub, a refactored function): how to build
its next request from its past attempts, how to clean, check and verify an answer. The loop that runs
jobs turn by turn is :mod:`translate.translation.loop`. A request the backend could not answer on its own
(``GenResult.error``: its prompt does not fit the context, a server refused it) fails its job at once with
that reason; the other jobs go on.

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

from translate.engines.base import Backend, GenRequest, GenResult, OnResult, call_generate
from translate.source.validate import Diagnostic
from translate.translation.records import Attempt, UnitRecord


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
    turn: int = field(default=1, repr=False)  # the turn its next (or outstanding) request is for
    # called with the record once the job ends, before it is committed (a behaviour check's closing line)
    conclude: Callable[[UnitRecord], None] | None = field(default=None, repr=False)
    # no further turn once the tests judged a turn's answers and each repeats an earlier turn's answer
    # (whitespace aside): the model is not moving (translate.translation.loop.stuck)
    stop_when_stuck: bool = True
    stuck: bool = field(default=False, repr=False)  # it stopped so
    # candidates of one more turn, sampled, for a job still failing once its turns run out or it is stuck (0: none);
    # the best by the tests' score is kept (translate.translation.loop, ``rescue``)
    rescue: int = 0
    rescuing: bool = field(default=False, repr=False)  # its next (or outstanding) request is that turn
    # an answer written by rule (translate.translation.premade: a callable where it is written when first tried),
    # tried once a turn's answers failed and kept only where the behaviour check confirms it
    premade: str | Callable[[], str | None] | None = field(default=None, repr=False)


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
              keys: list[str], deliver: OnResult | None = None) -> list[GenResult]:
    """Answers for ``requests``: journaled ones from the journal, the others from the backend, each journaled
    as it arrives. A journal write that fails (disk full) stops the call with that error. ``deliver`` is told
    each answer as soon as it is known (``(index, result)``; journaled ones first, before the model call)."""
    if journal is None:
        return call_generate(backend, requests, deliver)
    results: list[GenResult | None] = [None] * len(requests)
    ask: list[int] = []
    for i, key in enumerate(keys):
        hit = journal.journal_get(key)
        res = _decode(hit) if hit is not None else None
        if res is None:
            ask.append(i)
        else:
            results[i] = res
            if deliver is not None:
                deliver(i, res)
    if ask:
        failed: list[BaseException] = []

        def on_result(j: int, res: GenResult) -> None:
            if failed:
                return
            if res.error is None:
                try:
                    journal.journal_put(keys[ask[j]], _encode(res))
                except Exception as exc:  # re-raised by the calling thread below
                    failed.append(exc)
                    raise
            if deliver is not None:
                deliver(ask[j], res)

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
