"""The remote backend's small HTTP/1.1 client against raw loopback servers: body framings, keep-alive,
a stale kept-alive connection, drops, refusals and timeouts."""
from __future__ import annotations

import asyncio
import json

import pytest

from translate.engines.http11 import Client, ConnectFailed, Dropped, TimedOut


def serve(handler):
    """Run ``handler(reader, writer)`` for each connection of a loopback server; yields its URL."""

    async def main(test):
        server = await asyncio.start_server(handler, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        try:
            return await test(f"http://127.0.0.1:{port}")
        finally:
            server.close()

    return main


async def read_request(reader) -> tuple[str, dict]:
    head = (await reader.readuntil(b"\r\n\r\n")).decode()
    headers = dict(line.split(": ", 1) for line in head.split("\r\n")[1:] if ": " in line)
    body = await reader.readexactly(int(headers.get("content-length", 0)))
    return head.split(" ")[1], json.loads(body) if body else {}


def test_framings_keep_alive_and_headers():
    conns = []

    async def handler(reader, writer):
        conns.append(writer)
        while True:
            try:
                path, body = await read_request(reader)
            except asyncio.IncompleteReadError:
                return
            if path == "/chunked":
                writer.write(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3\r\n: 1\r\n1\r\n}\r\n0\r\n\r\n")
            elif path == "/close":
                writer.write(b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n{\"closed\": true}")
                await writer.drain()
                writer.close()
                return
            else:
                data = json.dumps({"echo": body, "path": path}).encode()
                writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: %d\r\n\r\n" % len(data) + data)
            await writer.drain()

    async def test(url):
        c = Client({"Authorization": "Bearer k"})
        a = await c.request("POST", url + "/v1/x?q=1", {"n": 1})
        b = await c.request("GET", url + "/chunked")
        d = await c.request("GET", url + "/close")
        e = await c.request("GET", url + "/again")
        await c.aclose()
        return a, b, d, e

    a, b, d, e = asyncio.run(serve(handler)(test))
    assert a.status == 200 and a.json() == {"echo": {"n": 1}, "path": "/v1/x?q=1"}
    assert b.json() == {"a": 1} and d.json() == {"closed": True} and e.json()["path"] == "/again"
    assert len(conns) == 2  # kept alive until the server said close


def test_a_stale_kept_alive_connection_is_retried_once_but_a_drop_is_an_error():
    seen = []

    async def handler(reader, writer):
        path, _ = await read_request(reader)
        seen.append(path)
        if path == "/drop":
            writer.close()
            return
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}")
        await writer.drain()
        writer.close()  # no connection: close header, but closes anyway (an idle timeout)

    async def test(url):
        c = Client()
        await c.request("GET", url + "/one")
        await asyncio.sleep(0.05)
        two = await c.request("GET", url + "/two")  # the kept connection is dead: a new one, no error
        with pytest.raises(Dropped):
            await c.request("GET", url + "/drop")
        return two

    assert asyncio.run(serve(handler)(test)).status == 200
    assert seen == ["/one", "/two", "/drop"]


def test_refused_and_timed_out():
    async def handler(reader, writer):
        await read_request(reader)
        await asyncio.sleep(5)

    async def test(url):
        with pytest.raises(TimedOut):
            await Client(timeout=0.2).request("GET", url + "/slow")
        with pytest.raises(ConnectFailed):
            await Client().request("GET", "http://127.0.0.1:9/v1/models")

    asyncio.run(serve(handler)(test))
