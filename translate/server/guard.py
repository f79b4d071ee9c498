"""What keeps ``translate serve`` working for everyone else when a client is slow, hostile or gone:

* :class:`GuardedH11`: uvicorn's h11 protocol plus a read timeout for a request's head (a connection that
  sends nothing, or trickles its headers, is closed after ``header_timeout`` seconds);
* :class:`RequestGuard`: pure ASGI middleware: the API key (``Authorization: Bearer``, constant-time
  compare), the body size limit (413) and the time allowed to receive the body (408, connection closed);
* :func:`bad_text`: where a parsed JSON body holds text that is not valid Unicode (lone surrogates).
"""
from __future__ import annotations

import asyncio
import hmac
import json
import time

from pydantic import BaseModel, model_validator
from uvicorn.protocols.http.h11_impl import H11Protocol

from translate.server import DEFAULT_READ_TIMEOUT


class GuardedH11(H11Protocol):
    """A request head must arrive within ``header_timeout`` seconds of the connection (or, on a kept-alive
    connection, of its first byte); otherwise the connection is closed."""

    header_timeout = DEFAULT_READ_TIMEOUT

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_timer = None
        self._arm()

    def _between_requests(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _arm(self) -> None:
        if getattr(self, "_head_timer", None) is None and self._between_requests():
            self._armed_cycle = self.cycle
            self._head_timer = self.loop.call_later(self.header_timeout, self._head_timed_out)

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.cycle is self._armed_cycle and self._between_requests() and not self.transport.is_closing():
            self.transport.close()  # no request began in time

    def data_received(self, data: bytes) -> None:
        if getattr(self, "_head_timer", None) is not None and self.cycle is not self._armed_cycle:
            self._head_timer.cancel()  # a request began since the timer was set
            self._head_timer = None
        self._arm()
        super().data_received(data)

    def connection_lost(self, exc) -> None:
        if getattr(self, "_head_timer", None) is not None:
            self._head_timer.cancel()
            self._head_timer = None
        super().connection_lost(exc)


def guarded_protocol(header_timeout: float) -> type:
    return type("GuardedH11", (GuardedH11,), {"header_timeout": float(header_timeout)})


async def send_error(send, status: int, message: str, code: str | None, *, close: bool = False,
                     extra: list[tuple[bytes, bytes]] | None = None) -> None:
    kind = "authentication_error" if status == 401 else "invalid_request_error"
    body = json.dumps({"error": {"message": message, "type": kind, "code": code}}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers + (extra or [])})
    await send({"type": "http.response.body", "body": body})


class RequestRefused(Exception):
    """Raised from ``receive`` inside the app: the body is too large or too slow (handled as an HTTP error)."""

    def __init__(self, status: int, message: str, code: str):
        super().__init__(message)
        self.status, self.code = status, code


class RequestGuard:
    def __init__(self, app, *, max_body: int, body_timeout: float = DEFAULT_READ_TIMEOUT, api_key: str | None = None):
        self.app = app
        self.max_body = max_body
        self.body_timeout = body_timeout
        self.api_key = api_key.encode() if api_key else None

    def _authorized(self, headers: dict) -> bool:
        given = headers.get(b"authorization", b"")
        scheme, _, token = given.partition(b" ")
        return scheme.lower() == b"bearer" and hmac.compare_digest(token.strip(), self.api_key)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        if self.api_key is not None and not self._authorized(headers):
            return await send_error(send, 401, "missing or wrong API key (Authorization: Bearer KEY)",
                                    "invalid_api_key", close=True, extra=[(b"www-authenticate", b"Bearer")])
        length = headers.get(b"content-length")
        too_large = f"request body over the limit of {self.max_body} bytes"
        if length is not None and length.isdigit() and int(length) > self.max_body:
            return await send_error(send, 413, too_large, "body_too_large", close=True)
        seen = 0
        deadline = time.monotonic() + self.body_timeout
        body_done = False

        async def guarded():
            nonlocal seen, body_done
            if body_done:
                return await receive()  # after the body: waits for the client to go away
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                raise RequestRefused(408, f"request body not received within {self.body_timeout:g} s",
                                     "request_timeout") from None
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise RequestRefused(413, too_large, "body_too_large")
                body_done = not message.get("more_body", False)
            return message

        await self.app(scope, guarded, send)


def bad_text(value, where: str = "") -> str | None:
    """The path of the first string in ``value`` (parsed JSON) that cannot be encoded as UTF-8, or None."""
    stack = [(value, where)]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as exc:
                return f"{path or 'body'}: text is not valid Unicode (lone surrogate at character {exc.start})"
        elif isinstance(item, dict):
            stack.extend((k, f"{path} (a key)") for k in item if isinstance(k, str))
            stack.extend((v, f"{path}.{k}" if path else str(k)) for k, v in reversed(list(item.items())))
        elif isinstance(item, list):
            stack.extend((v, f"{path}.{i}" if path else str(i)) for i, v in reversed(list(enumerate(item))))
    return None


class CheckedBody(BaseModel):
    """A request body whose every string is valid Unicode (a lone surrogate is a 400, not a crash later)."""

    @model_validator(mode="before")
    @classmethod
    def _valid_text(cls, data):
        problem = bad_text(data)
        if problem:
            raise ValueError(problem)
        return data
