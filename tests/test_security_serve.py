"""Issue 17: `translate serve` keeps working for everyone else when a client is gone, slow or hostile.

A real uvicorn server (in a thread, or a subprocess where the input could crash the process) with a
scripted backend that records what it was asked."""
from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from translate.engines.base import GenResult
from translate.engines.scripted import ScriptedBackend
from translate.server import ServerThread, is_loopback
from translate.server.app import create_app
from translate.server.client import API_KEY_ENV, ServerClient, ServerError

TRANSLATE = str(Path(sys.executable).parent / "translate")
STUB = 'def area(radius):\n    """Area of a circle."""\n    ...\n'


class GatedBackend(ScriptedBackend):
    """Answers ``<prompt>`` (or a useless chat answer); its first generate call waits for ``gate``."""

    def __init__(self):
        super().__init__(lambda req: f"<{req.prompt}>" if req.prompt else "no code here", is_chat=True)
        self.gate = threading.Event()
        self.started = threading.Event()
        self.calls = 0

    def generate(self, requests, *args, **kwargs):
        self.calls += 1
        self.started.set()
        if self.calls == 1:
            assert self.gate.wait(30)
        return super().generate(requests)


def health(url: str) -> dict:
    return httpx.get(url + "/health", timeout=10).json()


def until(predicate, what: str, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)


def send_and_hang_up(url: str, path: str, payload: dict) -> None:
    """A client that sends a whole request and disconnects before the answer."""
    u = urlsplit(url)
    body = json.dumps(payload).encode()
    with socket.create_connection((u.hostname, u.port), timeout=10) as s:
        s.sendall(f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        time.sleep(0.2)


def test_a_client_that_hangs_up_has_its_queued_work_dropped():
    backend = GatedBackend()
    with ServerThread(create_app(backend, concurrent=False)) as url, ThreadPoolExecutor(1) as pool:
        first = pool.submit(httpx.post, url + "/v1/completions", json={"prompt": "p0", "max_tokens": 4}, timeout=60)
        assert backend.started.wait(10)
        send_and_hang_up(url, "/v1/completions", {"prompt": "gone", "max_tokens": 4})
        until(lambda: health(url)["abandoned"] == 1, "the server to see the disconnect")
        backend.gate.set()
        assert first.result().json()["choices"][0]["text"] == "<p0>"
        until(lambda: health(url)["pending"] == 0, "the queue to empty")
        info = health(url)
    assert [r.prompt for r in backend.requests] == ["p0"]  # "gone" never reached the model
    assert info["dropped"] == 1 and backend.calls == 1


@pytest.mark.parametrize("concurrent", [False, True])  # one model thread; a thread per request (llama.cpp)
def test_a_client_that_hangs_up_has_its_running_job_stopped(concurrent):
    """/v1/complete with 3 turns: the model's first turn is under way when the client leaves; no more turns."""
    backend = GatedBackend()
    with ServerThread(create_app(backend, concurrent=concurrent)) as url:
        threading.Thread(target=send_and_hang_up, daemon=True,
                         args=(url, "/v1/complete", {"source": STUB, "language": "python", "max_turns": 3})).start()
        assert backend.started.wait(10)
        until(lambda: health(url)["abandoned"] == 1, "the server to see the disconnect")
        backend.gate.set()
        until(lambda: health(url)["pending"] == 0, "the job to end")
        info = health(url)
    assert backend.calls == 1 and len(backend.requests) == 1  # turns 2 and 3 were never asked for
    assert info["stopped"] == 1


def raw(url: str, data: bytes, *, wait: float = 10.0) -> bytes:
    """Send ``data`` and read until the server closes the connection (socket timeout: it never did)."""
    u = urlsplit(url)
    with socket.create_connection((u.hostname, u.port), timeout=wait) as s:
        s.sendall(data)
        chunks = []
        while True:
            try:
                chunk = s.recv(65536)
            except TimeoutError:
                pytest.fail(f"the server kept the connection open; got {b''.join(chunks)[:200]!r}")
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


def test_slow_or_half_sent_requests_are_cut_off():
    with ServerThread(create_app(ScriptedBackend(lambda r: "x", is_chat=False), read_timeout=0.5),
                      read_timeout=0.5) as url:
        assert raw(url, b"") == b""  # connects, sends nothing
        assert raw(url, b"POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-") == b""  # half a head
        head = b"POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
        answer = raw(url, head + b'{"prompt": ')  # a third of the body
        assert answer.startswith(b"HTTP/1.1 408 ") and b"not received within" in answer
        # a kept-alive connection that starts a second request and stalls is closed too
        body = b'{"prompt": "a", "max_tokens": 2}'
        ok = b"POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
        answer = raw(url, ok % (len(body), body) + b"POST /v1/comp")
        assert answer.startswith(b"HTTP/1.1 200 ") and answer.count(b"HTTP/1.1") == 1
        assert httpx.post(url + "/v1/completions", json={"prompt": "a"}, timeout=10).status_code == 200


def test_a_body_over_the_limit_is_413_and_the_connection_closed():
    with ServerThread(create_app(ScriptedBackend(lambda r: "x", is_chat=False), max_body=2048)) as url:
        r = httpx.post(url + "/v1/completions", json={"prompt": "x" * 5000}, timeout=10)
        assert r.status_code == 413 and "over the limit" in r.json()["error"]["message"]
        assert r.headers["connection"] == "close"  # the rest of the body is never read

        def chunks():
            for _ in range(10):
                yield b"x" * 1000

        r = httpx.post(url + "/v1/completions", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413 and r.headers["connection"] == "close"


@pytest.mark.parametrize("path,content,needle", [
    ("/v1/completions", b'{"prompt": "a\\ud800b"}', "prompt: text is not valid Unicode"),
    ("/v1/completions", b'{"prompt": ["ok", "\\udfff"]}', "prompt.1: text is not valid Unicode"),
    ("/v1/complete", b'{"source": "def f():\\n    ...  # \\ud83d\\n", "language": "python"}', "source: text is"),
    ("/v1/translate", b'{"source": "x = 1", "source_language": "python", "target_language": "\\ud800"}', "not valid"),
    ("/v1/chat/completions", b'{"messages": [{"role": "user", "content": "\\ud800"}]}', "not valid Unicode"),
    ("/v1/completions", b'{"prompt": "caf\xe9"}', "parsing the body"),  # not UTF-8
    ("/v1/completions", b'{"prompt": 5}', "prompt"),
    ("/v1/completions", b'[1, 2]', "body"),
    ("/v1/chat/completions", b'{"messages": [1]}', "messages"),
    ("/v1/completions", b'{"prompt": ' + b"[" * 50_000 + b"]" * 50_000 + b"}", ""),
])
def test_undecodable_or_mistyped_text_is_400_and_the_server_stays_up(path, content, needle, caplog):
    with ServerThread(create_app(ScriptedBackend(lambda r: "fine", is_chat=True), max_body=1 << 20)) as url:
        with caplog.at_level(logging.WARNING):
            r = httpx.post(url + path, content=content, headers={"content-type": "application/json"}, timeout=10)
            assert r.status_code == 400, r.text
            message = r.json()["error"]["message"]
            assert needle in message and "\n" not in message
            after = httpx.post(url + "/v1/completions", json={"prompt": "next"}, timeout=10)
        assert after.status_code == 200 and after.json()["choices"][0]["text"] == "fine"
    assert not [rec for rec in caplog.records if rec.levelno >= logging.ERROR], caplog.text  # no traceback


def cli_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in (API_KEY_ENV, "TRANSLATE_SERVER")}
    return {**env, **extra}


def test_a_public_bind_without_a_key_is_a_usage_error(tmp_path):
    p = subprocess.run([TRANSLATE, "serve", "--host", "0.0.0.0", "--port", "0", "--model", str(tmp_path / "none")],
                       capture_output=True, text=True, timeout=120, env=cli_env())
    assert p.returncode == 2
    assert p.stderr.strip().splitlines() == [
        f"translate: error: listening on 0.0.0.0 (not loopback) needs an API key: pass --api-key or set {API_KEY_ENV}"]
    assert is_loopback("127.0.0.5") and is_loopback("::1") and is_loopback("[::1]") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4") and not is_loopback("example.org")


def test_with_a_key_every_request_needs_it(monkeypatch):
    backend = ScriptedBackend(lambda r: "yes", is_chat=False)
    with ServerThread(create_app(backend, api_key="s3cret-key")) as url:
        assert httpx.get(url + "/health").status_code == 401
        r = httpx.post(url + "/v1/completions", json={"prompt": "a"}, headers={"authorization": "Bearer wrong"})
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert r.json()["error"]["code"] == "invalid_api_key"
        r = httpx.post(url + "/v1/completions", json={"prompt": "a"}, headers={"authorization": "Bearer s3cret-key"})
        assert r.status_code == 200 and r.json()["choices"][0]["text"] == "yes"
        assert len(backend.requests) == 1  # the refused ones never reached the model
        monkeypatch.setenv(API_KEY_ENV, "s3cret-key")  # our own client sends the key from the same variable
        with ServerClient(url) as client:
            assert client.completions("b")["choices"][0]["text"] == "yes"


def test_a_key_is_optional_on_loopback():
    with ServerThread(create_app(ScriptedBackend(lambda r: "yes", is_chat=False))) as url:
        assert httpx.get(url + "/health").status_code == 200


def server_subprocess(script: str):
    """A scripted server in its own process (input that crashes a parser must not take the tests down)."""
    code = ("import sys, time\nfrom translate.engines.scripted import ScriptedBackend\n"
            "from translate.server import ServerThread\nfrom translate.server.app import create_app\n"
            f"{script}\nt = ServerThread(create_app(backend)); print(t.start(), flush=True)\n"
            "while True: time.sleep(1)\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return proc, proc.stdout.readline().strip()


def test_deeply_nested_source_is_400_and_the_server_stays_up():
    proc, url = server_subprocess("backend = ScriptedBackend(lambda r: '```python\\nreturn 1\\n```')")
    try:
        deep = "x = " + "(" * 3000 + "1" + ")" * 3000 + "\n\n\n" + STUB
        r = httpx.post(url + "/v1/complete", json={"source": deep, "language": "python"}, timeout=60)
        assert r.status_code == 400, r.text
        assert "\n" not in r.json()["error"]["message"]
        assert health(url)["status"] == "ok"
    finally:
        proc.kill()
        _, err = proc.communicate(timeout=30)
    assert "Traceback" not in err, err


class TooLong(ScriptedBackend):
    """The prompt "huge" does not fit the context: its result carries ``error`` (the others are answered)."""

    def generate(self, requests, *args, **kwargs):
        out = super().generate(requests)
        return [GenResult([], error="prompt is 9000 tokens, the context holds 2048") if r.prompt == "huge"
                or "huge" in str(r.messages) else res for r, res in zip(requests, out)]


def test_a_prompt_too_long_for_the_context_is_400_asked_once():
    backend = TooLong(lambda r: "ok", is_chat=True)
    with ServerThread(create_app(backend)) as url:
        with ServerClient(url) as client, pytest.raises(ServerError) as err:
            client.completions("huge", max_tokens=4)
        assert err.value.exit_code == 2
        assert str(err.value) == f"server {url}: prompt is 9000 tokens, the context holds 2048"
        assert len(backend.requests) == 1  # one request reached the model: no retry
        r = httpx.post(url + "/v1/completions", json={"prompt": ["fine", "huge"]})
        assert r.status_code == 400 and r.json()["error"]["message"].startswith("prompt 1: prompt is 9000")
        r = httpx.post(url + "/v1/chat/completions", json={"messages": [{"role": "user", "content": "huge"}]})
        assert r.status_code == 400 and "context holds 2048" in r.json()["error"]["message"]
        assert httpx.post(url + "/v1/completions", json={"prompt": "fine"}).json()["choices"][0]["text"] == "ok"


def test_the_remote_engine_asks_once_for_a_prompt_too_long():
    """`--model openai:NAME` against `translate serve`: the 400 is that request's error, never retried."""
    from translate.engines.base import GenRequest
    from translate.engines.loader import BackendConfig
    from translate.engines.openai_compat import OpenAIBackend
    from translate.engines.openai_pool import RetryPolicy
    from translate.engines.remote_settings import remote_settings

    served = TooLong(lambda r: "ok", is_chat=True, model_id="coder")
    with ServerThread(create_app(served)) as url:
        settings = remote_settings(BackendConfig(model="openai:coder", base_urls=(url,)), "openai:coder")
        engine = OpenAIBackend(settings, policy=RetryPolicy(base=0.01))
        engine.notice = lambda line: None
        try:
            huge, fine = engine.generate([GenRequest(messages=[{"role": "user", "content": "huge"}], max_new_tokens=4),
                                          GenRequest(messages=[{"role": "user", "content": "fine"}], max_new_tokens=4)])
        finally:
            engine.close()
    assert huge.texts == [] and "HTTP 400: prompt is 9000 tokens" in huge.error
    assert fine.texts == ["ok"] and fine.error is None
    assert sorted(str(r.messages) for r in served.requests).count(str([{"role": "user", "content": "huge"}])) == 1
