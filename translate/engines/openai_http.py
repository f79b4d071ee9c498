"""The pool's vocabulary, with no state of its own: one server (:class:`Endpoint`), one answer
(:class:`Answer`), the retry rules (:data:`RETRY_STATUS`, :class:`RetryPolicy`, :func:`retry_after`) and what
a server's text may show (:func:`safe_url`, :func:`one_line`, :func:`error_text`).

:mod:`translate.engines.openai_pool` runs requests with these and re-exports them; import them from there.
"""
from __future__ import annotations

import asyncio
import email.utils
import random
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

RETRY_STATUS = {408, 409, 429, 500, 502, 503, 504}
# control characters (C0, DEL, C1) and bidi overrides: a server's text never moves the terminal's cursor
_CONTROL = dict.fromkeys([*range(32), *range(127, 160), *range(0x202A, 0x202F), *range(0x2066, 0x206A)], " ")


def safe_url(url: str) -> str:
    """``url`` without user:password (never echo credentials)."""
    parts = urlsplit(url)
    if parts.username or parts.password:
        host = parts.hostname or ""
        if parts.port:
            host += f":{parts.port}"
        parts = parts._replace(netloc=host)
    return urlunsplit(parts)


@dataclass
class Endpoint:
    url: str  # the base URL, e.g. http://host:8000/v1
    limit: int
    inflight: int = 0
    failures: int = 0  # in a row
    failing_since: float | None = None  # when the current run of failures began
    down_since: float | None = None
    reason: str = ""
    served: int = 0
    retried: int = 0

    @property
    def root(self) -> str:
        """The server root (``/tokenize`` lives there for vLLM and llama.cpp)."""
        u = self.url.rstrip("/")
        return u[: -len("/v1")] if u.endswith("/v1") else u

    @property
    def name(self) -> str:
        return safe_url(self.url)


@dataclass
class Answer:
    status: int
    body: dict | None
    text: str
    endpoint: Endpoint | None = None
    problem: str | None = None  # a 2xx the caller's check rejected on every try: why (one line)


@dataclass
class RetryPolicy:
    attempts: int = 8  # tries of one request (429/5xx/transport errors)
    base: float = 0.25  # first backoff, seconds
    cap: float = 30.0
    retry_after_cap: float = 60.0
    down_after: int = 3  # consecutive transport failures that put a server down...
    down_grace: float = 5.0  # ...spread over at least this many seconds (a quick restart is not a death)
    revive_after: float = 30.0
    jitter: float = 0.25
    rng: random.Random = field(default_factory=random.Random)
    sleep: object = asyncio.sleep  # how a retry waits (tests record it)

    def backoff(self, attempt: int) -> float:
        delay = min(self.cap, self.base * (2 ** max(0, attempt - 1)))
        return delay * (1 + self.jitter * self.rng.random())


def retry_after(value: str | None, cap: float) -> float | None:
    """Seconds from a ``Retry-After`` header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, min(cap, float(value)))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, min(cap, when.timestamp() - time.time()))


def one_line(text: str, limit: int = 200) -> str:
    """``text`` from a server as one printable line of at most ``limit`` characters."""
    text = " ".join(str(text).translate(_CONTROL).split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _size(n: int) -> str:
    return f"{n >> 20} MB" if n >= 1 << 20 else f"{n} bytes"



def _json(resp) -> dict | None:
    if getattr(resp, "too_large", False):
        return None
    try:
        body = resp.json()
    except (ValueError, RecursionError):  # not JSON (HTML, cut short), or nested too deep
        return None
    return body if isinstance(body, dict) else {"data": body}


def error_text(answer: Answer) -> str:
    """The server's reason for an answer, as one printable line (at most 200 characters)."""
    body = answer.body
    if isinstance(body, dict):
        err = body.get("error")
        if isinstance(err, dict) and err.get("message"):
            return one_line(err["message"])
        if isinstance(err, str) and err.strip():
            return one_line(err)
        if body.get("detail"):
            return one_line(body["detail"])
    text = (answer.text or "")[:4096].strip()
    return one_line(text.splitlines()[0]) if text else f"HTTP {answer.status}"
