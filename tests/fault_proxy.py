"""A misbehaving HTTP proxy for tests: it forwards to a real server (``translate serve`` in a thread) and,
on a schedule, answers slowly, with 429 + Retry-After, with 500, drops the connection without an answer,
or dies (stops listening and drops every open connection) — loopback only."""
from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Callable

import httpx

SLOW, TOO_MANY, ERROR, DROP, DIE, BAD = "slow", "429", "500", "drop", "die", "400"
GENERATION = ("/v1/completions", "/v1/chat/completions")


class FaultProxy:
    """``plan(n, path)`` says what to do with the ``n``-th generation request (1-based): None forwards it.

    ``require_key``: answer 401 unless ``Authorization: Bearer <key>``. Records what it saw."""

    def __init__(self, upstream: str, plan: Callable[[int, str], str | None] | None = None, *,
                 require_key: str | None = None, slow_seconds: float = 0.3, retry_after: str = "1",
                 one_choice: bool = False):
        self.upstream = upstream.rstrip("/")
        self.plan = plan or (lambda n, path: None)
        self.require_key = require_key
        self.slow_seconds = slow_seconds
        self.retry_after = retry_after
        self.one_choice = one_choice  # answer with the first choice only (a server that ignores n)
        self.bodies: list[dict] = []  # generation request bodies
        self.lock = threading.Lock()
        self.generation = 0  # generation requests seen
        self.forwarded = 0  # generation requests answered by the upstream
        self.faults: list[tuple[int, str]] = []
        self.auth_headers: set[str] = set()
        self.dead = threading.Event()
        self._client = httpx.Client(base_url=self.upstream, timeout=120, trust_env=False)
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                proxy._handle(self, "GET")

            def do_POST(self):
                proxy._handle(self, "POST")

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, request, client_address):  # a request cut short by close(): no traceback
                pass

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    # --- behaviour ---
    def _handle(self, h: http.server.BaseHTTPRequestHandler, method: str) -> None:
        length = int(h.headers.get("content-length") or 0)
        body = h.rfile.read(length) if length else b""
        if self.dead.is_set():
            return self._drop(h)
        auth = h.headers.get("authorization")
        if auth:
            self.auth_headers.add(auth)
        if self.require_key is not None and auth != f"Bearer {self.require_key}":
            return self._send(h, 401, {"error": {"message": "Incorrect API key provided", "type": "auth"}})
        path = h.path
        fault = None
        if method == "POST" and path in GENERATION:
            with self.lock:
                self.generation += 1
                n = self.generation
            fault = self.plan(n, path)
            if fault:
                with self.lock:
                    self.faults.append((n, fault))
        if fault == DIE:
            self.die()
            return self._drop(h)
        if fault == DROP:
            return self._drop(h)
        if fault == TOO_MANY:
            return self._send(h, 429, {"error": {"message": "rate limited", "type": "rate_limit"}},
                              {"Retry-After": self.retry_after})
        if fault == ERROR:
            return self._send(h, 500, {"error": {"message": "injected failure", "type": "server_error"}})
        if fault == BAD:
            return self._send(h, 400, {"error": {"message": "prompt is too long", "type": "invalid_request_error"}})
        if fault == SLOW and self.dead.wait(self.slow_seconds):  # a closed proxy stops waiting
            return self._drop(h)
        if method == "POST" and path in GENERATION:
            with self.lock:
                self.bodies.append(json.loads(body))
        resp = self._client.request(method, path, content=body, headers={"content-type": "application/json"})
        content = resp.content
        if self.one_choice and path in GENERATION and resp.status_code == 200:
            data = resp.json()
            data["choices"] = data["choices"][:1]
            content = json.dumps(data).encode()
        if method == "POST" and path in GENERATION and resp.status_code == 200:
            with self.lock:
                self.forwarded += 1
        if self.dead.is_set():  # died while this request was upstream
            return self._drop(h)
        self._send(h, resp.status_code, content, {"content-type": resp.headers.get("content-type", "")})

    @staticmethod
    def _send(h, status: int, body, headers: dict | None = None) -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        h.send_response(status)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        if "content-type" not in {k.lower() for k in (headers or {})}:
            h.send_header("content-type", "application/json")
        h.send_header("content-length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)

    @staticmethod
    def _drop(h) -> None:
        h.close_connection = True
        try:
            h.connection.shutdown(2)
        except OSError:
            pass

    def die(self) -> None:
        """Stop listening (new connections are refused) and drop what is open."""
        if self.dead.is_set():
            return
        self.dead.set()

        def stop():
            self.server.shutdown()
            self.server.server_close()

        threading.Thread(target=stop, daemon=True).start()

    def close(self) -> None:
        self.die()
        self._client.close()
