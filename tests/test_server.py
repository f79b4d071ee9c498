"""`translate serve` for real: a uvicorn subprocess with the tiny CodeGen model on a free loopback port,
called with httpx, the openai client and `translate complete --server`."""
from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from serve_process import serve_process

TRANSLATE = str(Path(sys.executable).parent / "translate")
STUB = 'def area(radius):\n    """Area of a circle."""\n    ...\n'


@pytest.fixture(scope="module")
def server(tiny_codegen_dir):
    with serve_process(str(tiny_codegen_dir), "--max-body", "4096") as (url, _proc):
        assert url.startswith("http://127.0.0.1:")  # loopback by default
        yield url


def post(url: str, path: str, **kw) -> httpx.Response:
    return httpx.post(url + path, timeout=120, **kw)


def test_health_names_the_model(server, tiny_codegen_dir):
    info = httpx.get(server + "/health").json()
    assert info["status"] == "ok" and info["family"] == "codegen" and info["is_chat"] is False
    assert info["model"] == str(tiny_codegen_dir)


def test_completions_openai_shape(server):
    r = post(server, "/v1/completions", json={"prompt": ["def add(a, b):", "function f() {"], "max_tokens": 6,
                                              "temperature": 0.8, "top_p": 0.9, "n": 2, "seed": 3, "user": "x"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["object"] == "text_completion" and body["id"].startswith("cmpl-")
    assert [c["index"] for c in body["choices"]] == [0, 1, 2, 3]
    assert all(isinstance(c["text"], str) and c["finish_reason"] in ("stop", "length") for c in body["choices"])
    u = body["usage"]
    assert u["total_tokens"] == u["prompt_tokens"] + u["completion_tokens"] and 0 < u["completion_tokens"] <= 4 * 6


def test_completions_greedy_n_and_stop_strings(server):
    text = ""
    for prompt in ("def add(a, b):\n", "class Stack:\n", "import math\n", "x = ", "function f() {\n"):
        r = post(server, "/v1/completions", json={"prompt": prompt, "max_tokens": 12, "temperature": 0, "n": 2})
        assert r.status_code == 200, r.text
        texts = [c["text"] for c in r.json()["choices"]]
        assert len(texts) == 2 and texts[0] == texts[1]  # greedy: n copies of one answer
        text = texts[0]
        if len(text.strip()) >= 4:
            break
    assert len(text.strip()) >= 4, "the tiny model answered nothing for every prompt"
    stop = text.strip()[2:4]
    cut = post(server, "/v1/completions", json={"prompt": prompt, "max_tokens": 12, "temperature": 0, "stop": [stop]})
    assert cut.json()["choices"][0]["text"] == text[: text.index(stop)]


def test_openai_client(server):
    openai = pytest.importorskip("openai")
    client = openai.OpenAI(base_url=server + "/v1", api_key="unused", max_retries=0)
    out = client.completions.create(model="tiny", prompt="def f(x):", max_tokens=5, temperature=0)
    assert len(out.choices) == 1 and isinstance(out.choices[0].text, str)
    assert out.usage.completion_tokens <= 5
    assert [m.id for m in client.models.list().data] == [httpx.get(server + "/health").json()["model"]]


@pytest.mark.parametrize("path,kwargs,status,needle", [
    ("/v1/completions", {"content": b'{"prompt": "x", ', "headers": {"content-type": "application/json"}}, 400, "invalid JSON"),
    ("/v1/completions", {"json": {"max_tokens": 4}}, 400, "prompt"),
    ("/v1/completions", {"json": {"prompt": "x", "n": 99}}, 400, "n:"),
    ("/v1/completions", {"json": {"prompt": "x", "stream": True}}, 400, "stream"),
    ("/v1/complete", {"json": {"source": STUB, "language": "klingon"}}, 400, "unknown language"),
    ("/v1/complete", {"json": {"source": STUB, "path": "notes.txt"}}, 400, "cannot tell the language"),
    ("/v1/translate", {"json": {"source": STUB, "source_language": "python", "target_language": "cobol"}}, 400,
     "unknown language"),
    ("/v1/completions", {"json": {"prompt": "x" * 5000}}, 413, "over the limit"),
])
def test_error_responses(server, path, kwargs, status, needle):
    r = post(server, path, **kwargs)
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert needle in err["message"] and err["type"]


def test_oversized_chunked_body_is_refused(server):
    def chunks():
        for _ in range(10):
            yield b"x" * 1000

    r = post(server, "/v1/completions", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413 and "over the limit" in r.json()["error"]["message"]


def test_complete_endpoint_with_the_random_model_fails_cleanly(server):
    r = post(server, "/v1/complete", json={"source": STUB, "language": "python", "max_turns": 2})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["changed"] is False and body["text"] == STUB and body["failed"] == 1
    (unit,) = body["units"]
    assert unit["status"] == "failed" and unit["turns"] == 2 and unit["reason"]


def test_translate_endpoint(server):
    r = post(server, "/v1/translate", json={"source": "def add(a, b):\n    return a + b\n", "path": "m.py",
                                            "target_language": "javascript", "max_turns": 1})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["source_language"] == "python" and body["target_language"] == "javascript"
    assert isinstance(body["text"], str) and body["units"] and sum(body["counts"].values()) >= 1


def test_concurrent_requests_all_answered(server):
    def one(i: int):
        return post(server, "/v1/completions", json={"prompt": f"def f{i}(x):", "max_tokens": 4, "temperature": 0})

    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(one, range(6)))
    assert [r.status_code for r in results] == [200] * 6
    assert httpx.get(server + "/health").json()["pending"] == 0


def test_cli_complete_through_the_server(server, tmp_path):
    f = tmp_path / "shapes.py"
    f.write_text(STUB)
    p = subprocess.run([TRANSLATE, "complete", "--server", server, "--max-turns", "1", str(f)],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 2, p.stderr
    assert f"{f}:1: cannot complete function area:" in p.stderr
    assert "in-process" not in p.stderr  # the server was used
    assert f.read_text() == STUB


def test_translate_file_through_the_warm_server(server, tmp_path):
    """`translate file --server`: the server's model does the work; the CLI writes and reports as usual."""
    src = tmp_path / "m.py"
    src.write_text("def f(x):\n    return x\n")
    out, report = tmp_path / "m.js", tmp_path / "r.json"
    proc = subprocess.run([TRANSLATE, "file", str(src), "--to", "javascript", "-o", str(out), "--server", server,
                           "--max-turns", "1", "--report", str(report), "--no-rule-answers"],
                          capture_output=True, text=True, timeout=300)
    # random weights: the unit fails, kept as a comment (rule answers off: the rule would write ``f`` itself)
    assert proc.returncode == 1, proc.stderr
    assert "loading model" not in proc.stderr  # nothing loaded in-process
    assert "translate: FAILED function f" in out.read_text()
    import json

    rec = json.loads(report.read_text())
    assert [u["status"] for u in rec["units"] if u["kind"] != "glue"] == ["failed"]
    assert rec["units"][0]["attempts"][0]["turn"] == 1


def test_translate_file_falls_back_when_the_server_is_down(tmp_path, tiny_codegen_dir):
    src = tmp_path / "m.py"
    src.write_text("def f(x):\n    return x\n")
    proc = subprocess.run([TRANSLATE, "file", str(src), "--to", "javascript", "-o", str(tmp_path / "m.js"),
                           "--server", "http://127.0.0.1:9", "--model", str(tiny_codegen_dir), "--max-turns", "1",
                           "--no-rule-answers"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1 and "loading the model in-process" in proc.stderr
    assert "loading model" in proc.stderr
