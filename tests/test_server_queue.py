"""The server's single model worker (queueing, batching, never two generate calls at once) and the
CLI's use of a server: a real uvicorn server in a thread with a scripted backend (deterministic answers)."""
from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from translate.engines.scripted import ScriptedBackend
from translate.server import ServerThread
from translate.server.app import create_app

TRANSLATE = str(Path(sys.executable).parent / "translate")
STUB = 'import math\n\n\ndef area(radius):\n    """Area of a circle."""\n    ...\n'
DONE = 'import math\n\n\ndef area(radius):\n    """Area of a circle."""\n    return math.pi * radius ** 2\n'


class GateBackend(ScriptedBackend):
    """Echoes prompts; the first generate call waits for a gate; records how calls overlapped."""

    def __init__(self):
        super().__init__(lambda req: f"<{req.prompt}>", is_chat=False)
        self.gate = threading.Event()
        self.started = threading.Event()
        self.calls: list[int] = []
        self.active = 0
        self.max_active = 0
        self._lock = threading.Lock()

    def generate(self, requests):
        with self._lock:
            self.active += 1
            self.max_active = max(self.max_active, self.active)
        self.calls.append(len(requests))
        self.started.set()
        if len(self.calls) == 1:
            self.gate.wait(30)
        time.sleep(0.01)
        out = super().generate(requests)
        with self._lock:
            self.active -= 1
        return out


def test_waiting_requests_are_batched_and_never_interleaved():
    backend = GateBackend()
    app = create_app(backend)
    with ServerThread(app) as url, ThreadPoolExecutor(8) as pool:
        def ask(prompt):
            return httpx.post(url + "/v1/completions", json={"prompt": prompt, "max_tokens": 5, "temperature": 0},
                              timeout=60)

        first = pool.submit(ask, "p0")
        assert backend.started.wait(10)
        rest = [pool.submit(ask, f"p{i}") for i in range(1, 5)]
        deadline = time.monotonic() + 10
        while httpx.get(url + "/health").json()["pending"] < 5 and time.monotonic() < deadline:
            time.sleep(0.02)
        backend.gate.set()
        answers = [f.result() for f in [first, *rest]]
    assert [a.json()["choices"][0]["text"] for a in answers] == [f"<p{i}>" for i in range(5)]
    assert backend.calls == [1, 4]  # the four that waited went to the model together
    assert backend.max_active == 1


def fill(req) -> str:
    user = [m for m in req.messages if m["role"] == "user"][0]["content"]
    name = re.search(r"(?:function|method) `(\w+)`", user).group(1)
    assert name == "area"
    return "```python\ndef area(radius):\n    return math.pi * radius ** 2\n```"


@pytest.fixture()
def scripted_server():
    with ServerThread(create_app(ScriptedBackend(fill), model_ref="scripted")) as url:
        yield url


def run_cli(*args: str, env_server: str | None = None) -> subprocess.CompletedProcess:
    import os

    env = {k: v for k, v in os.environ.items() if k != "TRANSLATE_SERVER"}
    if env_server:
        env["TRANSLATE_SERVER"] = env_server
    return subprocess.run([TRANSLATE, "complete", *args], capture_output=True, text=True, timeout=300, env=env)


def test_cli_completes_through_the_server_and_is_idempotent(scripted_server, tmp_path):
    f = tmp_path / "geometry.py"
    f.write_text(STUB)
    p = run_cli(str(f), env_server=scripted_server)  # TRANSLATE_SERVER, no flag
    assert p.returncode == 1, p.stderr
    assert p.stderr.strip().splitlines()[-1] == f"completed 1 stub(s) in {f}"
    assert f.read_text() == DONE
    again = run_cli(str(f), env_server=scripted_server)
    assert again.returncode == 0 and again.stderr == "" and f.read_text() == DONE


def test_cli_diff_and_check_write_nothing(scripted_server, tmp_path):
    f = tmp_path / "geometry.py"
    f.write_text(STUB)
    d = run_cli("--diff", "--server", scripted_server, str(f))
    assert d.returncode == 1, d.stderr
    assert "-    ...\n+    return math.pi * radius ** 2\n" in d.stdout and d.stdout.startswith(f"--- a/{f}")
    c = run_cli("--check", str(f))
    assert c.returncode == 1 and c.stdout == f"{f}:4: stub function area\n"
    assert f.read_text() == STUB


def test_generated_files_are_skipped(scripted_server, tmp_path):
    f = tmp_path / "gen.py"
    f.write_text("# @generated\n" + STUB)
    p = run_cli("--server", scripted_server, str(f))
    assert p.returncode == 0 and f.read_text() == "# @generated\n" + STUB


def test_server_down_falls_back_in_process_with_one_notice(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    f = tmp_path / "geometry.py"
    f.write_text(STUB)
    p = run_cli("--server", f"http://127.0.0.1:{port}", "--model", str(tmp_path / "no-such-model"), str(f))
    lines = p.stderr.strip().splitlines()
    assert p.returncode == 3  # model unavailable: exit 3 like every command
    assert lines[0].startswith(f"translate: server http://127.0.0.1:{port} is not reachable")
    assert lines[0].endswith("loading the model in-process")
    assert lines[-1].startswith("translate: error: model unavailable, 1 stub(s) left as they are:")
    assert "Traceback" not in p.stderr and f.read_text() == STUB


def test_bad_server_url_is_a_usage_error(tmp_path):
    f = tmp_path / "geometry.py"
    f.write_text(STUB)
    p = run_cli("--server", "localhost:1", str(f))
    assert p.returncode == 2 and "must start with http://" in p.stderr and "Traceback" not in p.stderr


def test_serve_on_a_busy_port_is_one_line_and_loads_no_model(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        p = subprocess.run([TRANSLATE, "serve", "--port", str(port), "--model", str(tmp_path / "no-model")],
                           capture_output=True, text=True, timeout=120)
    assert p.returncode == 2
    assert p.stderr.strip() == f"translate: error: cannot listen on 127.0.0.1:{port}: Address already in use"
