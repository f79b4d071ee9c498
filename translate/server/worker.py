"""Every use of the backend goes through a worker: HTTP handlers submit work and await a future.

:class:`ModelWorker` (most engines): one model, one thread. The worker thread takes one item at a time;
raw generation requests waiting together (``/v1/completions``) are merged into a single
``backend.generate`` call (the backend batches them), whole-file jobs (translate, complete) run one after
the other. Nothing ever runs on the model concurrently.

:class:`ConcurrentWorker` (engines that say ``concurrent = True``: llama.cpp, a remote pool): each request
runs in its own thread as soon as it arrives, so a new request joins the engine's running batch (llama.cpp's
slots batch continuously) instead of waiting for the previous batch to finish; at most ``max_queue``
requests are in the server at once.
"""
from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from translate.engines.base import Backend, Delegate, GenRequest, GenResult, OnResult


class QueueFull(Exception):
    pass


class Abandoned(BaseException):
    """Raised inside a job whose client went away, at its next model call (a BaseException: no unit's
    ``except Exception`` turns it into a failed unit and carries on)."""


class Job(Future):
    """The future of one HTTP request's work; :meth:`abandon` when its client disconnects."""

    def __init__(self):
        super().__init__()
        self.stop = threading.Event()

    def abandon(self) -> bool:
        """Drop the work if still queued (True), else ask it to stop at its next model call."""
        self.stop.set()
        return self.cancel()


class StoppableBackend(Delegate):
    """``backend`` for one job: ``generate`` raises :class:`Abandoned` once the job's client has gone."""

    def __init__(self, backend: Backend, stop: threading.Event, on_stop: Callable[[], None]):
        super().__init__(backend)
        self._stop, self._on_stop = stop, on_stop

    def generate(self, requests: list[GenRequest], on_result: OnResult | None = None) -> list[GenResult]:
        if self._stop.is_set():
            self._on_stop()
            raise Abandoned("the client went away")
        return self.inner.generate(requests, on_result)


@dataclass
class _Item:
    future: Future
    requests: list[GenRequest] | None = None  # a generation item
    call: Callable[[Backend], Any] | None = None  # a whole job
    post: Callable[[Backend, list[GenResult]], Any] | None = None  # run on the worker thread after generate


class ModelWorker:
    def __init__(self, backend: Backend, *, max_batch: int = 16, max_queue: int = 64):
        self.backend = backend
        self.max_batch = max(1, max_batch)
        self.max_queue = max_queue
        self._queue: queue.Queue[_Item | None] = queue.Queue()
        self._busy = 0
        self._lock = threading.Lock()
        self.batches = 0  # merged generate calls made for raw completions (for /health and tests)
        self.served = 0  # requests answered (or failed)
        self.largest_batch = 0
        self.dropped = 0  # requests whose client went away while they waited: never run
        self.stopped = 0  # jobs whose client went away while they ran: stopped at their next model call
        self._thread = threading.Thread(target=self._loop, name="translate-model", daemon=True)
        self._thread.start()

    # --- submitting ---
    @property
    def pending(self) -> int:
        with self._lock:
            return self._busy

    def _put(self, item: _Item) -> Future:
        with self._lock:
            if self._busy >= self.max_queue:
                raise QueueFull(f"{self._busy} requests are waiting; try again later")
            self._busy += 1
        self._queue.put(item)
        return item.future

    def generate(self, requests: list[GenRequest],
                 post: Callable[[Backend, list[GenResult]], Any] | None = None) -> Future:
        """Future of ``list[GenResult]`` for ``requests`` (merged with other waiting requests), or of
        ``post(backend, results)``: post-processing that needs the model's tokenizer runs here too."""
        return self._put(_Item(Job(), requests=list(requests), post=post))

    def call(self, fn: Callable[[Backend], Any]) -> Future:
        """Future of ``fn(backend)``, run alone on the worker thread."""
        job = Job()
        return self._put(_Item(job, call=lambda b: fn(StoppableBackend(b, job.stop, self._count_stopped))))

    def _count_stopped(self) -> None:
        with self._lock:
            self.stopped += 1

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=5)

    # --- the worker thread ---
    def _done(self, n: int) -> None:
        with self._lock:
            self._busy -= n
            self.served += n

    def _loop(self) -> None:
        held: _Item | None = None
        while True:
            item = held if held is not None else self._queue.get()
            held = None
            if item is None:
                return
            if item.future.cancelled():  # its client went away while it waited
                with self._lock:
                    self.dropped += 1
                self._done(1)
                continue
            if item.call is not None:
                self._run(item.future, lambda it=item: it.call(self.backend))
                self._done(1)
                continue
            group = [item]
            size = len(item.requests or [])
            while size < self.max_batch:  # merge generation requests that are already waiting
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is not None and nxt.future.cancelled():
                    with self._lock:
                        self.dropped += 1
                    self._done(1)
                    continue
                if nxt is None or nxt.call is not None or size + len(nxt.requests or []) > self.max_batch:
                    held = nxt
                    break
                group.append(nxt)
                size += len(nxt.requests or [])
            self._generate(group)
            self._done(len(group))

    def _generate(self, group: list[_Item]) -> None:
        live = [it for it in group if not it.future.cancelled()]
        if len(live) < len(group):
            with self._lock:
                self.dropped += len(group) - len(live)
        group = live
        if not group:
            return
        flat = [r for it in group for r in (it.requests or [])]
        self.batches += 1
        self.largest_batch = max(self.largest_batch, len(flat))
        try:
            results: list[GenResult] = self.backend.generate(flat)
        except BaseException as exc:
            for it in group:
                if not it.future.set_running_or_notify_cancel():
                    continue
                it.future.set_exception(exc)
            return
        pos = 0
        for it in group:
            n = len(it.requests or [])
            mine = results[pos : pos + n]
            pos += n
            post = it.post
            self._run(it.future, (lambda m=mine, p=post: p(self.backend, m)) if post else (lambda m=mine: m))

    @staticmethod
    def _run(future: Future, fn: Callable[[], Any]) -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(fn())
        except BaseException as exc:
            future.set_exception(exc)


class ConcurrentWorker:
    """The same interface as :class:`ModelWorker` for thread-safe backends: no queue, one thread per request."""

    def __init__(self, backend: Backend, *, max_batch: int = 16, max_queue: int = 64):
        self.backend = backend
        self.max_batch = max(1, max_batch)
        self.max_queue = max_queue
        self._busy = 0
        self._lock = threading.Lock()
        self.batches = 0  # generate calls made
        self.served = 0
        self.largest_batch = 0
        self.most_at_once = 0  # requests running together (for /health, tests and benchmarks)
        self.dropped = 0
        self.stopped = 0
        self._pool = ThreadPoolExecutor(max_workers=max(1, max_queue), thread_name_prefix="translate-request")

    @property
    def pending(self) -> int:
        with self._lock:
            return self._busy

    def _count_stopped(self) -> None:
        with self._lock:
            self.stopped += 1

    def _submit(self, fn: Callable[[Job], Any]) -> Future:
        with self._lock:
            if self._busy >= self.max_queue:
                raise QueueFull(f"{self._busy} requests are running; try again later")
            self._busy += 1
            self.most_at_once = max(self.most_at_once, self._busy)
        future = Job()

        def run() -> None:
            try:
                if future.cancelled():
                    with self._lock:
                        self.dropped += 1
                ModelWorker._run(future, lambda: fn(future))
            finally:
                with self._lock:
                    self._busy -= 1
                    self.served += 1

        self._pool.submit(run)
        return future

    def generate(self, requests: list[GenRequest],
                 post: Callable[[Backend, list[GenResult]], Any] | None = None) -> Future:
        requests = list(requests)

        def work(job: Job):
            with self._lock:
                self.batches += 1
                self.largest_batch = max(self.largest_batch, len(requests))
            results = self.backend.generate(requests)
            return post(self.backend, results) if post else results

        return self._submit(work)

    def call(self, fn: Callable[[Backend], Any]) -> Future:
        return self._submit(lambda job: fn(StoppableBackend(self.backend, job.stop, self._count_stopped)))

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
