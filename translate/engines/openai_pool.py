"""A pool of OpenAI-compatible servers: requests spread over them, retried, failed over.

One asyncio event loop in a background thread owns the HTTP client (:mod:`translate.engines.http11`:
keep-alive connections, cheap per request); callers in any thread submit coroutines and wait
(:meth:`Pool.run`). A Ctrl-C while waiting cancels the coroutine, which closes its connections at once.

* **Spreading**: each server takes at most ``per_server`` requests at a time; a request goes to the
  healthy server with the fewest in flight (ties round-robin) and waits when all are full.
* **Retries**: 408/409/429 and 5xx answers, dropped connections, resets and timeouts are retried with
  exponential backoff (0.25 s doubling, capped at 30 s, with jitter), or after the server's ``Retry-After``
  (at most ``retry_after_cap``, 60 s: a server asking for more is told so once), on the least busy server;
  one request gives up after ``attempts`` tries (:class:`PoolError`).
* **Untrusted answers**: a 2xx whose body the caller's ``check`` rejects (HTML, cut or odd JSON, a body
  over the client's size cap) is retried the same way; after the last try the answer comes back with
  ``problem`` set, for the caller to fail that request alone. A request with no answer for ``WAIT_NOTICE``
  seconds is said once per server (``notice``; stderr by default).
* **Failover**: a server that fails ``down_after`` times in a row (refused, reset, dropped, timed out) over
  at least ``down_grace`` seconds is *down*: its requests go to the others (a failing server is avoided
  while another has room, even before that). A down server gets one trial request after ``revive_after``
  seconds while another is still up. When every server is down the pool raises :class:`PoolGone`.
* 401/403 raise :class:`PoolAuthError`; 404 and the other 4xx are the request's own problem, returned to
  the caller at once, never retried (:class:`Answer` with ``status``).

The API key travels only in the ``Authorization`` header; no message built here contains it.

The stateless pieces (endpoint and answer data, the retry rules, safe text from a server) live in
:mod:`translate.engines.openai_http`; they are re-exported here, where the rest of the code imports them.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import sys
import threading
import time
from collections.abc import Callable

from translate.engines.openai_http import (
    RETRY_STATUS,
    Answer,
    Endpoint,
    RetryPolicy,
    _json,
    _size,
    error_text,
    one_line,
    retry_after,
    safe_url,
)

__all__ = ["RETRY_STATUS", "WAIT_NOTICE", "Answer", "Endpoint", "Pool", "PoolAuthError", "PoolError", "PoolGone",
           "RetryPolicy", "error_text", "one_line", "retry_after", "safe_url"]

WAIT_NOTICE = 30.0  # seconds without an answer before the run says it is waiting on a server


class PoolError(Exception):
    """A one-line reason the pool cannot answer (turned into ModelError by the backend)."""


class PoolGone(PoolError):
    """Every server of the pool is down."""


class PoolAuthError(PoolError):
    """A server refused the API key (401/403)."""



def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Pool:
    def __init__(self, urls: list[str], *, headers: dict[str, str] | None = None, timeout: float = 600.0,
                 per_server: int = 32, policy: RetryPolicy | None = None, connect_timeout: float = 10.0,
                 notice: Callable[[str], None] | None = None):
        if not urls:
            raise PoolError("no server URL")
        self.endpoints = [Endpoint(u.rstrip("/"), max(1, per_server)) for u in urls]
        self.headers = dict(headers or {})
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self.policy = policy or RetryPolicy()
        self._rr = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="translate-openai", daemon=True)
        self._thread.start()
        self._client = None
        self._changed: asyncio.Condition | None = None
        self._gate: asyncio.Semaphore | None = None  # requests past it contend for a server: at most the capacity
        self.requests = 0
        self.notice = notice or _stderr
        self._said: set[tuple[str, str]] = set()  # (what, server) notices already given

    def _say_once(self, what: str, ep: Endpoint, message: str) -> None:
        if (what, ep.name) not in self._said:
            self._said.add((what, ep.name))
            self.notice(message)

    def _waiting(self, ep: Endpoint) -> None:
        self._say_once("wait", ep, f"translate: note: waiting for {ep.name}: no answer for {WAIT_NOTICE:g} s "
                                   f"(timeout {self.timeout:g} s)")

    def retry_wait(self, ep: Endpoint, header: str | None) -> float | None:
        """The wait a ``Retry-After`` header asks for, capped at the policy's ``retry_after_cap`` (said once
        per server when it asked for more)."""
        cap = self.policy.retry_after_cap
        asked = retry_after(header, float("inf"))
        if asked is not None and asked > cap:
            self._say_once("retry-after", ep, f"translate: note: server {ep.name} asked to wait {asked:g} s "
                                              f"(Retry-After); waiting {cap:g} s at most")
            return cap
        return asked

    # --- running coroutines from any thread ---
    def run(self, coro):
        """Run ``coro`` on the pool's loop and wait; Ctrl-C (or any exception here) cancels it."""
        fut = asyncio.run_coroutine_threadsafe(coro, self._loop)
        try:
            while True:
                # wake twice a second: a Ctrl-C that the kernel handed to another thread only sets
                # Python's flag, which the main thread acts on when it runs again
                try:
                    return fut.result(timeout=0.5)
                except concurrent.futures.TimeoutError:
                    if fut.done():  # the coroutine's own TimeoutError
                        raise
        except BaseException:
            fut.cancel()
            raise

    def close(self) -> None:
        if self._loop.is_closed():
            return

        async def shut():
            if self._client is not None:
                await self._client.aclose()

        try:
            asyncio.run_coroutine_threadsafe(shut(), self._loop).result(timeout=5)
        except Exception:
            pass
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        self._loop.close()

    def _http(self):
        if self._client is None:
            from translate.engines.http11 import Client

            self._client = Client(self.headers, timeout=self.timeout, connect_timeout=self.connect_timeout)
            self._changed = asyncio.Condition()
            self._gate = asyncio.Semaphore(sum(e.limit for e in self.endpoints))
        return self._client

    # --- choosing a server ---
    @property
    def alive(self) -> list[Endpoint]:
        return [e for e in self.endpoints if e.down_since is None]

    def capacity(self) -> int:
        """Requests the live servers take at once."""
        return sum(e.limit for e in self.alive) or 1

    def _candidates(self) -> list[Endpoint]:
        up = self.alive
        if not up:
            return []
        now = time.monotonic()
        trial = [e for e in self.endpoints if e.down_since is not None and now - e.down_since >= self.policy.revive_after
                 and e.inflight == 0]
        return up + trial

    async def _acquire(self, avoid: Endpoint | None) -> Endpoint:
        assert self._changed is not None
        async with self._changed:
            while True:
                cands = self._candidates()
                if not cands:
                    raise PoolGone(self._gone_message())
                free = [e for e in cands if e.inflight < (e.limit if e.down_since is None else 1)]
                if len(free) > 1 and avoid is not None:
                    free = [e for e in free if e is not avoid] or free
                if free:
                    self._rr += 1
                    n = len(self.endpoints)
                    pick = min(free, key=lambda e: (e.failures > 0, e.inflight / e.limit,
                                                    (self.endpoints.index(e) - self._rr) % n))
                    pick.inflight += 1
                    return pick
                await self._changed.wait()

    async def _release(self, ep: Endpoint) -> None:
        assert self._changed is not None
        async with self._changed:
            ep.inflight -= 1
            self._changed.notify_all()

    def _gone_message(self) -> str:
        what = "; ".join(f"{e.name} ({e.reason or 'down'})" for e in self.endpoints)
        return f"every server of the pool is unreachable: {what}"

    async def _mark_failure(self, ep: Endpoint, reason: str) -> None:
        now = time.monotonic()
        ep.failures += 1
        ep.reason = reason
        if ep.failing_since is None:
            ep.failing_since = now
        if ep.down_since is not None:
            ep.down_since = now  # a failed trial: stays down, next trial later
        elif ep.failures >= self.policy.down_after and now - ep.failing_since >= self.policy.down_grace:
            ep.down_since = now
        assert self._changed is not None
        async with self._changed:
            self._changed.notify_all()  # waiters re-check: maybe nobody is left

    @staticmethod
    def _mark_ok(ep: Endpoint) -> None:
        ep.failures = 0
        ep.failing_since = None
        ep.down_since = None
        ep.reason = ""
        ep.served += 1

    # --- requests ---
    async def request(self, method: str, path: str, body: dict | None = None, *, root: bool = False,
                      endpoint: Endpoint | None = None, retries: bool = True,
                      check: Callable[[Answer], str | None] | None = None) -> Answer:
        """``method path`` on a server of the pool (or on ``endpoint`` only), with retries and failover.

        Returns the answer (2xx, or a 4xx other than 401/403/408/409/429 for the caller to judge); a 2xx
        that ``check`` finds malformed (it returns why) is retried, and after the last try returned with
        ``problem`` set. Raises PoolGone, PoolAuthError, or PoolError when one request keeps failing."""
        self._http()
        if endpoint is not None:
            return await self._request(method, path, body, root, endpoint, retries, check)
        assert self._gate is not None
        async with self._gate:  # thousands of waiting requests do not all wake on every answer
            return await self._request(method, path, body, root, endpoint, retries, check)

    async def _request(self, method: str, path: str, body: dict | None, root: bool, endpoint: Endpoint | None,
                       retries: bool, check: Callable[[Answer], str | None] | None = None) -> Answer:
        from translate.engines.http11 import TransportError

        client = self._http()
        policy = self.policy
        attempt = 0
        last: Endpoint | None = None
        problem = ""
        while True:
            attempt += 1
            if endpoint is not None:
                ep = endpoint
                ep.inflight += 1
            else:
                ep = await self._acquire(avoid=last)
            last = ep
            self.requests += 1
            wait: float | None = None
            slow = asyncio.get_running_loop().call_later(WAIT_NOTICE, self._waiting, ep)
            try:
                url = (ep.root if root else ep.url) + path
                resp = await client.request(method, url, body)
                status = resp.status
                if status in (401, 403):
                    raise PoolAuthError(f"server {ep.name} refused the API key (HTTP {status})")
                ans = Answer(status, _json(resp), resp.text, ep)
                bad = None
                if check is not None and 200 <= status < 300:
                    bad = f"an answer over {_size(client.max_body)}" if resp.too_large else check(ans)
                if status in RETRY_STATUS:
                    wait = self.retry_wait(ep, resp.headers.get("retry-after"))
                    problem = f"HTTP {status}: {error_text(ans)}"
                    if status in (502, 503, 504):
                        ep.failures += 1  # an overloaded or restarting server is less attractive
                    if not retries:
                        return ans
                elif bad:
                    problem = f"HTTP {status} with {one_line(bad)}"
                    ep.failures += 1
                    if not retries or attempt >= policy.attempts:
                        ans.problem = problem
                        return ans
                else:
                    self._mark_ok(ep)
                    return ans
            except TransportError as exc:  # refused, reset, dropped, timed out
                problem = str(exc)
                await self._mark_failure(ep, problem)
                if not retries:
                    raise PoolError(f"server {ep.name}: {problem}") from None
            finally:
                slow.cancel()
                if endpoint is not None:
                    ep.inflight -= 1
                else:
                    await self._release(ep)
            ep.retried += 1
            if attempt >= policy.attempts:
                raise PoolError(f"server {ep.name}: gave up after {attempt} tries ({problem})")
            await policy.sleep(policy.backoff(attempt) if wait is None else wait)

