"""A small HTTP/1.1 client on asyncio streams, for the remote backend's many small JSON requests.

Why not httpx here: one driver keeps hundreds of requests in flight, and httpx's connection pool costs
several milliseconds of CPU per request at that size (bench/RESULTS.md ``## remote``); this client costs a
fraction of that. It does only what the OpenAI-style APIs need: JSON bodies in one write (no Nagle
delays), keep-alive connections per host, ``Content-Length``, chunked and read-to-close bodies, TLS for
``https://``, a timeout per request. A reused keep-alive connection that the server had closed is retried
once on a new connection. Errors are :class:`TransportError` subclasses with a one-line message.

A server's answer is data, never trusted: a body is read piecewise up to ``max_body`` bytes (``MAX_BODY``)
and no further; a longer one comes back cut, with ``Response.too_large`` set, and its connection is closed
(the rest is never read into memory).
"""
from __future__ import annotations

import asyncio
import json
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

MAX_HEAD = 1 << 16
MAX_BODY = 4 << 20  # the most bytes of one answer's body read from a server (generation answers are KBs)
_PIECE = 1 << 16


class TransportError(Exception):
    """The request did not get an answer (refused, reset, dropped, timed out)."""


class ConnectFailed(TransportError):
    pass


class Dropped(TransportError):
    pass


class TimedOut(TransportError):
    pass


@dataclass
class Response:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes
    too_large: bool = False  # the body was longer than the client's ``max_body``: ``body`` is its start only

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.body)


@dataclass
class _Conn:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter

    def close(self) -> None:
        try:
            self.writer.close()
        except Exception:
            pass


class Client:
    def __init__(self, headers: dict[str, str] | None = None, *, timeout: float = 600.0,
                 connect_timeout: float = 10.0, max_body: int | None = None):
        self.max_body = MAX_BODY if max_body is None else max_body
        self.headers = {"user-agent": "codegen-translate", "accept": "application/json",
                        **{k.lower(): v for k, v in (headers or {}).items()}}
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self._idle: dict[tuple, list[_Conn]] = {}
        self._ssl: ssl.SSLContext | None = None

    async def request(self, method: str, url: str, body: dict | None = None) -> Response:
        parts = urlsplit(url)
        https = parts.scheme == "https"
        host, port = parts.hostname or "", parts.port or (443 if https else 80)
        key = (https, host, port)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        data = b"" if body is None else json.dumps(body).encode()
        head = [f"{method} {target} HTTP/1.1", f"host: {parts.netloc.rsplit('@', 1)[-1]}"]
        head += [f"{k}: {v}" for k, v in self.headers.items()]
        if body is not None:
            head += ["content-type: application/json", f"content-length: {len(data)}"]
        raw = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + data
        for attempt in (1, 2):
            idle = self._idle.get(key)
            conn = idle.pop() if idle else None
            reused = conn is not None
            if conn is None:
                conn = await self._connect(https, host, port)
            done = False
            try:
                conn.writer.write(raw)
                async with asyncio.timeout(self.timeout):
                    await conn.writer.drain()
                    resp, keep = await _read_response(conn.reader, method, self.max_body)
                done = True
            except TimeoutError:
                raise TimedOut(f"no answer within {self.timeout:g} s") from None
            except (_Stale, ConnectionError) as exc:
                if reused and attempt == 1:
                    continue  # the server closed this idle connection: once more on a new one
                if isinstance(exc, _Stale):
                    raise Dropped("the server closed the connection without answering") from None
                raise Dropped(f"connection lost ({type(exc).__name__})") from None
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
                raise Dropped(f"connection lost ({type(exc).__name__}{': ' + detail if detail else ''})") from None
            finally:
                if not done:
                    conn.close()
            if keep:
                self._idle.setdefault(key, []).append(conn)
            else:
                conn.close()
            return resp
        raise Dropped("the server closed the connection without answering")  # pragma: no cover

    async def _connect(self, https: bool, host: str, port: int) -> _Conn:
        ctx = None
        if https:
            if self._ssl is None:
                self._ssl = ssl.create_default_context()
            ctx = self._ssl
        try:
            async with asyncio.timeout(self.connect_timeout):
                reader, writer = await asyncio.open_connection(host, port, ssl=ctx, limit=MAX_HEAD)
        except TimeoutError:
            raise ConnectFailed(f"connecting timed out after {self.connect_timeout:g} s") from None
        except (OSError, ssl.SSLError) as exc:
            raise ConnectFailed(f"cannot connect ({exc.strerror or exc})" if isinstance(exc, OSError)
                                else f"TLS failed ({exc})") from None
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return _Conn(reader, writer)

    async def aclose(self) -> None:
        for conns in self._idle.values():
            for c in conns:
                c.close()
        self._idle.clear()


class _Stale(Exception):
    """EOF before the first byte of an answer."""


async def _read_capped(reader: asyncio.StreamReader, size: int | None, cap: int) -> tuple[bytes, bool]:
    """Up to ``size`` bytes (None: to the end of the connection), never more than ``cap``: (bytes, cut)."""
    parts, got = [], 0
    while size is None or got < size:
        want = _PIECE if size is None else min(_PIECE, size - got)
        want = min(want, cap + 1 - got)
        piece = await (reader.read(want) if size is None else reader.readexactly(want))
        if not piece:
            break
        parts.append(piece)
        got += len(piece)
        if got > cap:
            return b"".join(parts)[:cap], True
    return b"".join(parts), False


async def _read_response(reader: asyncio.StreamReader, method: str,
                         cap: int = MAX_BODY) -> tuple[Response, bool]:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as exc:
        if not exc.partial:
            raise _Stale() from None
        raise
    except asyncio.LimitOverrunError:
        raise ValueError("answer headers too large") from None
    lines = head.decode("latin-1").split("\r\n")
    version, _, rest = lines[0].partition(" ")
    status = int(rest.split(" ", 1)[0])
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    conn_hdr = headers.get("connection", "").lower()
    keep = "close" not in conn_hdr and (version == "HTTP/1.1" or "keep-alive" in conn_hdr)
    if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
        return Response(status, headers, b""), keep
    if "chunked" in headers.get("transfer-encoding", "").lower():
        parts, got = [], 0
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0].strip() or b"0", 16)
            if size < 0:
                raise ValueError("negative chunk size")
            if size == 0:
                while (await reader.readuntil(b"\r\n")) != b"\r\n":  # trailers
                    pass
                break
            data, cut = await _read_capped(reader, size, cap - got)
            parts.append(data)
            got += len(data)
            if cut:
                return Response(status, headers, b"".join(parts), too_large=True), False
            await reader.readexactly(2)
        return Response(status, headers, b"".join(parts)), keep
    if "content-length" in headers:
        length = int(headers["content-length"])
        if length < 0:
            raise ValueError("negative content-length")
        if length > cap:  # not read at all: the connection is closed
            return Response(status, headers, b"", too_large=True), False
        return Response(status, headers, await reader.readexactly(length)), keep
    data, cut = await _read_capped(reader, None, cap)  # to the end of the connection
    return Response(status, headers, data, too_large=cut), False
