"""Source recordings for one run (:class:`Recorder`): made in the background while the model answers, cached
across runs by the source text, the function, the oracle's code and the input limit; and what the checks cost
in this process (:data:`STATS`)."""
from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from translate.oracle import Case, Outcome, Recording, record_source
from translate.oracle.inputs import DEFAULT_LIMIT

# What the checks cost in this process (benchmarks read it): sandbox runs of sources and candidates,
# recordings served from the cache, candidates served from an earlier verdict, seconds spent checking.
STATS: Counter[str] = Counter()
_STATS_LOCK = threading.Lock()


def count(key: str, n: float = 1) -> None:
    with _STATS_LOCK:
        STATS[key] += n  # type: ignore[assignment]


_ORACLE = Path(__file__).resolve().parent.parent / "oracle"


def oracle_fingerprint() -> str:
    from translate.translation.jobs import fingerprint

    return fingerprint(tuple(str(p) for p in sorted(_ORACLE.glob("*.py"))))


def _recording_to_json(rec: Recording) -> dict | None:
    data = {"function": rec.function, "params": rec.params, "unverifiable": rec.unverifiable, "failed": rec.failed,
            "notes": rec.notes, "dropped": [list(d) for d in rec.dropped], "receiver": rec.receiver, "varargs": rec.varargs,
            "cases": [{"args": c.args, "origin": c.origin, "expected": c.expected.to_dict() if c.expected else None}
                      for c in rec.cases]}
    try:
        text = json.dumps(data)
    except (TypeError, ValueError):
        return None
    back = json.loads(text)
    # tuples, sets and the like do not survive JSON: such a recording is not cached (it is made again)
    if [c["args"] for c in back["cases"]] != [c.args for c in rec.cases] or \
            [c["expected"] for c in back["cases"]] != [c["expected"] for c in data["cases"]]:
        return None
    return back


def _recording_from_json(d: dict) -> Recording:
    cases = [Case(c["args"], c["origin"], Outcome(**c["expected"]) if c.get("expected") else None) for c in d["cases"]]
    return Recording(d["function"], d["params"], cases, [tuple(x) for x in d.get("dropped", [])],  # type: ignore[misc]
                     d.get("unverifiable"), d.get("failed"), list(d.get("notes", [])), receiver=d.get("receiver"), varargs=bool(d.get("varargs")))


class Recorder:
    """Source recordings for one run: made in the background (two sandbox runs at a time) while the model
    answers, cached in ``cache`` (get/put of JSON dicts) across runs."""

    def __init__(self, cache: Any = None, *, limit: int = DEFAULT_LIMIT, workers: int = 2):
        self.cache, self.limit = cache, limit
        self._pool: ThreadPoolExecutor | None = None
        self._workers = workers
        self._futures: dict[str, Future] = {}

    def _key(self, source: str, lang: str, function: str, receiver: str | None = None,
             hints: list[str | None] | None = None) -> str:
        raw = json.dumps([oracle_fingerprint(), lang, function, self.limit, source, receiver, hints])
        return "oracle-recording:" + hashlib.sha256(raw.encode()).hexdigest()

    def submit(self, source: str, lang: str, function: str, receiver: str | None = None,
               hints: list[str | None] | None = None) -> Future:
        """``receiver``: how the project's tests build the object of a Java method (translate.oracle.java_receivers);
        ``hints``: each parameter's kind as the target's declared header types it (a Python source's inputs)."""
        key = self._key(source, lang, function, receiver, hints)
        if key not in self._futures:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=self._workers, thread_name_prefix="oracle-record")
            self._futures[key] = self._pool.submit(self._record, key, source, lang, function, receiver, hints)
        return self._futures[key]

    def _record(self, key: str, source: str, lang: str, function: str, receiver: str | None = None,
                hints: list[str | None] | None = None) -> Recording:
        hit = self.cache.get(key) if self.cache is not None else None
        if hit is not None:
            try:
                rec = _recording_from_json(hit)
                count("recordings_cached")
                return rec
            except (KeyError, TypeError):
                pass
        t0 = time.perf_counter()
        try:
            rec = record_source(source, lang, function, limit=self.limit, receiver=receiver, hints=hints)
        except Exception as exc:  # a recording that breaks leaves its unit unverifiable, never the run
            return Recording(function, [], unverifiable=f"the source could not be recorded ({type(exc).__name__}: {exc})")
        finally:
            count("source_runs")
            count("source_seconds", time.perf_counter() - t0)
        data = _recording_to_json(rec)
        if self.cache is not None and data is not None and not rec.failed:
            self.cache.put(key, data)
        return rec

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
