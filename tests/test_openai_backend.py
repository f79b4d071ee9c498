"""``--model openai:MODEL``: the OpenAI-compatible backend against ``translate serve`` over loopback, with
a scripted model behind it (deterministic answers) and a fault-injecting proxy in front (slow answers,
429 + Retry-After, 500, dropped connections, a server dying mid-run). Pure logic of stop handling and
settings too. Real models: tests/test_openai_e2e.py."""
from __future__ import annotations

import asyncio
import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from fault_proxy import BAD, DIE, DROP, ERROR, SLOW, TOO_MANY, FaultProxy

from translate.cli.main import main
from translate.engines.base import GenRequest
from translate.engines.loader import BackendConfig, open_backend
from translate.engines.openai_compat import OpenAIBackend
from translate.engines.openai_pool import RetryPolicy, retry_after
from translate.engines.openai_wire import literal_stops, looks_like_completion_model
from translate.engines.remote_settings import remote_settings
from translate.engines.scripted import ScriptedBackend
from translate.engines.stopping import compile_stops, stop_point
from translate.errors import InputError, ModelError
from translate.repo.runner import RepoOptions, migrate
from translate.server import ServerThread
from translate.server.app import create_app
from translate.translation.cache import count_units

SECRET = "sk-test-0123456789-SECRET"
STUB = 'import math\n\n\ndef area(radius):\n    """Area of a circle."""\n    ...\n'


def answer(req: GenRequest) -> str:
    """A deterministic model: translations, stub completions, and refactors that change nothing."""
    text = req.prompt or "\n".join(m["content"] for m in req.messages)
    if "Area of a circle" in text:
        return "```python\ndef area(radius):\n    return math.pi * radius ** 2\n```"
    if "javascript" in text.lower() or "JavaScript" in text:
        name, args = re.findall(r"def (\w+)\(([^)]*)\)", text)[-1]
        return f"```javascript\nfunction {name}({args}) {{\n  return {args.split(',')[0] or 0};\n}}\n```\nHope it helps!"
    return "```python\n" + re.findall(r"```python\n(.*?)```", text, re.S)[-1] + "```"


class CountingScripted(ScriptedBackend):
    def __init__(self):
        super().__init__(answer, is_chat=True, model_id="coder")
        self.served = 0

    def generate(self, requests):
        self.served += len(requests)
        return super().generate(requests)


@pytest.fixture()
def upstream():
    backend = CountingScripted()
    with ServerThread(create_app(backend)) as url:
        yield url, backend


def make_project(root: Path, files: int = 16, funcs: int = 2) -> Path:
    for i in range(files):
        body = "\n\n".join(f"def f{i}_{k}(a, b):\n    return a + b * {k}\n" for k in range(funcs))
        (root / f"pkg{i % 3}").mkdir(parents=True, exist_ok=True)
        (root / f"pkg{i % 3}" / f"mod{i:02d}.py").write_text(f"# module {i}\n\n\n{body}")
    return root


def outputs(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): p.read_text() for p in sorted(out.rglob("*.js"))}


def remote(urls, **kw) -> OpenAIBackend:
    settings = remote_settings(BackendConfig(model="openai:coder", base_urls=tuple(urls), **kw), "openai:coder")
    sleeps: list[float] = []

    async def sleep(seconds):
        sleeps.append(seconds)
        await asyncio.sleep(min(seconds, 0.05) if seconds < 1 else seconds)

    b = OpenAIBackend(settings, policy=RetryPolicy(base=0.02, down_grace=0.3, sleep=sleep))
    b.sleeps = sleeps
    return b


def test_faults_and_a_server_dying_mid_run_lose_nothing(upstream, tmp_path):
    url, model = upstream
    src = make_project(tmp_path / "src")
    # no repair rounds: the cache then holds exactly one answer per unit, which the count below checks
    opts = dict(src=src, target="javascript", use_git=False, quiet=True, max_turns=1, chunk_units=6, check_rounds=0)
    base = migrate(RepoOptions(dst=tmp_path / "base", **opts), backend=ScriptedBackend(answer))
    assert base.totals()["units"] == 32 and not base.failed

    faults = {2: SLOW, 3: TOO_MANY, 5: ERROR, 7: DROP, 9: SLOW, 11: ERROR, 13: DROP}
    a = FaultProxy(url, lambda n, path: faults.get(n))
    b = FaultProxy(url, lambda n, path: DIE if n == 6 else None)
    backend = remote([a.url, b.url])
    try:
        before = model.served
        report = migrate(RepoOptions(dst=tmp_path / "out", **opts), backend=backend)
    finally:
        backend.close()
        a.close()
        b.close()
    assert b.dead.is_set() and b.generation == 6  # it died mid-run, with a request in flight
    assert {f for _, f in a.faults} == {SLOW, TOO_MANY, ERROR, DROP}
    assert 1.0 in backend.sleeps  # the 429's Retry-After was honoured
    assert not report.failed and report.totals()["units"] == 32
    assert outputs(tmp_path / "out") == outputs(tmp_path / "base")  # identical, nothing lost
    assert count_units(tmp_path / "out" / ".translate-cache.sqlite") == 32
    assert model.served - before >= 32  # every unit was answered by the model (some twice: dropped answers)


def test_a_refused_request_fails_its_unit_and_a_failing_server_stops_the_run(upstream, tmp_path):
    url, _ = upstream
    src = make_project(tmp_path / "src", files=3)
    opts = dict(src=src, target="javascript", use_git=False, quiet=True, max_turns=1)
    picky = FaultProxy(url, lambda n, path: BAD if n == 2 else None)
    notes: list[str] = []
    backend = remote([picky.url])
    backend.notice = notes.append
    try:
        report = migrate(RepoOptions(dst=tmp_path / "out", **opts), backend=backend)
    finally:
        backend.close()
        picky.close()
    assert report.failed == 1 and report.totals()["ok"] == 5  # that unit got an empty answer; the rest went on
    assert backend.rejected == 1 and len(notes) == 1 and "HTTP 400: prompt is too long" in notes[0]
    broken = FaultProxy(url, lambda n, path: ERROR)
    backend = remote([broken.url])
    try:
        with pytest.raises(ModelError, match=r"gave up after 8 tries \(HTTP 500: injected failure\)"):
            migrate(RepoOptions(dst=tmp_path / "out2", **opts), backend=backend)
    finally:
        backend.close()
        broken.close()
    assert broken.generation >= 8


def _cli(*args, env=None):
    res = CliRunner().invoke(main, list(map(str, args)), env=env)
    assert "Traceback" not in res.output, res.output
    return res


def test_all_servers_gone_stops_cleanly_and_a_rerun_resumes(upstream, tmp_path):
    url, model = upstream
    src = make_project(tmp_path / "src", files=12)
    flags = ["--to", "javascript", "--max-turns", "1", "--chunk-units", "3", "--quiet", "--model", "openai:coder",
             "--verify", "off", "--no-check"]  # request counts: no behaviour repair turns, no test run
    full = _cli("repo", src, "--out", tmp_path / "full", *flags, "--base-url", url)
    assert full.exit_code == 0, full.output

    dying = FaultProxy(url, lambda n, path: DIE if n == 9 else None)
    try:
        res = _cli("repo", src, "--out", tmp_path / "out", *flags, "--base-url", dying.url)
    finally:
        dying.close()
    assert res.exit_code == 3, res.output
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("translate: error: every server of the pool is unreachable")
    done = count_units(tmp_path / "out" / ".translate-cache.sqlite")
    written = outputs(tmp_path / "out")
    assert 0 < done < 24 and 0 < len(written) < 12  # the chunks that finished are written and cached
    assert all(full_text == outputs(tmp_path / "full")[p] for p, full_text in written.items())

    before = model.served
    again = _cli("repo", src, "--out", tmp_path / "out", *flags, "--base-url", url)
    assert again.exit_code == 0, again.output
    assert outputs(tmp_path / "out") == outputs(tmp_path / "full")
    assert model.served - before == 24 - done  # resumed: only the missing units were asked for


def _tiny_bench(root):
    """One HumanEval-X task (JavaScript and Python) and one MTPB problem, in the layout ``--data`` reads."""
    import gzip
    import json

    rows = {"js": {"task_id": "JavaScript/0", "prompt": "const add = (a, b) => {\n", "declaration": "const add = (a, b) => {\n",
                   "canonical_solution": "  return a + b;\n};\n", "test": "console.assert(add(1, 2) === 3);\n"},
            "python": {"task_id": "Python/0", "prompt": "def add(a, b):\n", "declaration": "def add(a, b):\n",
                       "canonical_solution": "    return a + b\n", "test": "assert add(1, 2) == 3\n"}}
    for d, row in rows.items():
        (root / "humaneval-x" / d).mkdir(parents=True)
        with gzip.open(root / "humaneval-x" / d / f"humaneval_{d}.jsonl.gz", "wt", encoding="utf-8") as fh:
            fh.write(json.dumps(row) + "\n")
    (root / "mtpb").mkdir(parents=True)
    (root / "mtpb" / "mtpb.jsonl").write_text(json.dumps({"id": 1, "name": "add", "prompts": ["Add {a} and {b}."],
                                                          "inputs": [{"a": 1, "b": 2}], "outputs": [3]}) + "\n")
    return root


def test_pool_errors_are_one_line_exit_3_and_write_nothing(upstream, tmp_path, monkeypatch):
    url, _ = upstream
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    src = tmp_path / "calc.py"
    src.write_text("def add(a, b):\n    return a + b\n")
    guard = FaultProxy(url, require_key="the-right-key")
    try:
        cases = [
            (["--model", "openai:coder", "--base-url", "http://127.0.0.1:9/v1"], "cannot reach the model server"),
            (["--model", "openai:coder", "--base-url", guard.url, "--api-key-env", "MY_KEY"], "refused the API key (HTTP 401)"),
            (["--model", "openai:nope", "--base-url", url], "does not serve model 'nope' (it serves: coder)"),
        ]
        env = {"MY_KEY": SECRET}
        for flags, needle in cases:
            out = tmp_path / "calc.js"
            res = _cli("file", src, "--to", "javascript", "-o", out, "--no-cache", *flags, env=env)
            assert res.exit_code == 3, res.output
            assert res.output.count("\n") == 1 and res.output.startswith("translate: error: ") and needle in res.output
            assert SECRET not in res.output and not out.exists()
            r = _cli("repo", tmp_path, "--to", "javascript", "--out", tmp_path.parent / "o", *flags, env=env)
            assert r.exit_code == 3 and needle in r.output and not (tmp_path.parent / "o").exists()
        bench = _tiny_bench(tmp_path / "bench")  # not ../shared: the test runs from any checkout
        for cmd in (["eval", "humaneval-x", "--from", "javascript", "--to", "python", "--limit", "1", "--data", bench],
                    ["eval", "mtpb", "--limit", "1", "--data", bench], ["refactor", src, "--instruction", "tidy"]):
            r = _cli(*cmd, *cases[0][0])
            assert r.exit_code == 3 and "cannot reach the model server" in r.output, (cmd, r.output)
        r = _cli("complete", tmp_path / "stub.py", *cases[0][0])  # no stub file: nothing to do, no model
        assert r.exit_code == 2
    finally:
        guard.close()


def test_api_key_is_sent_but_never_written(upstream, tmp_path, monkeypatch):
    url, _ = upstream
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    guard = FaultProxy(url, require_key=SECRET)
    src = make_project(tmp_path / "src", files=3)
    try:
        res = _cli("repo", src, "--to", "javascript", "--out", tmp_path / "out", "--model", "openai:coder",
                   "--base-url", guard.url, "--no-rule-answers")
    finally:
        guard.close()
    # the fake server answers ``return a`` for every function: right for ``f*_0`` (``a + b * 0``), not for ``f*_1``,
    # which differs from its source in the written project (rule answers off: they would write it right): exit 1;
    # the run itself went through
    assert res.exit_code == 1 and "behaviour in the written project: 3 verified, 3 differs" in res.output, res.output
    assert guard.auth_headers == {f"Bearer {SECRET}"}  # it was sent
    assert SECRET not in res.output
    files = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert any(p.name.endswith(".sqlite") for p in files) and any(p.name == "translate-report.json" for p in files)
    for p in files:
        assert SECRET.encode() not in p.read_bytes(), p
    db = sqlite3.connect(tmp_path / "out" / ".translate-cache.sqlite")
    assert not any(SECRET in str(row) for row in db.execute("SELECT * FROM units"))
    assert "openai:coder" in (tmp_path / "out" / "translate-report.json").read_text()


def test_every_generating_command_takes_it(upstream, tmp_path, monkeypatch):
    url, model = upstream
    monkeypatch.setenv("TRANSLATE_BASE_URL", url)  # the pool from the environment
    monkeypatch.setenv("TRANSLATE_MODEL", "openai:coder")
    src = tmp_path / "calc.py"
    src.write_text("def add(a, b):\n    return a + b\n")
    res = _cli("file", src, "--to", "javascript", "--no-cache", "--verify", "off")  # the fake answer is wrong on purpose
    assert res.exit_code == 0, res.output
    assert (tmp_path / "calc.js").read_text() == "function add(a, b) {\n  return a;\n}\n"
    stub = tmp_path / "geometry.py"
    stub.write_text(STUB)
    res = _cli("complete", stub)
    assert res.exit_code == 1 and "return math.pi * radius ** 2" in stub.read_text(), res.output
    before = model.served
    res = _cli("refactor", src, "--instruction", "tidy it up", "--check")
    assert res.exit_code == 0 and model.served > before, res.output


def test_settings_precedence_flag_env_pyproject(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRANSLATE_BASE_URL", raising=False)
    monkeypatch.setenv("TRANSLATE_TRUST", str(tmp_path))  # servers come from trusted projects only
    (tmp_path / "pyproject.toml").write_text('[tool.translate]\nbase_url = ["http://a:1", "http://b:2/v1"]\n'
                                             'concurrency = 4\napi = "completions"\nmodel_revision = "r7"\n')
    s = remote_settings(BackendConfig(), "openai:m")
    assert s.base_urls == ("http://a:1/v1", "http://b:2/v1") and s.concurrency == 4 and s.api == "completions"
    assert s.model_revision == "r7" and s.model == "m"
    monkeypatch.setenv("TRANSLATE_BASE_URL", "http://env:3, http://env:4/v1")
    assert remote_settings(BackendConfig(), "openai:m").base_urls == ("http://env:3/v1", "http://env:4/v1")
    s = remote_settings(BackendConfig(base_urls=("http://flag:5/v1,http://flag:6",), concurrency=2, api="chat"), "openai:m")
    assert s.base_urls == ("http://flag:5/v1", "http://flag:6/v1") and s.concurrency == 2 and s.api == "chat"
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    assert SECRET not in repr(remote_settings(BackendConfig(), "openai:m"))
    with pytest.raises(InputError, match="not an http"):
        remote_settings(BackendConfig(base_urls=("ftp://x",)), "openai:m")
    with pytest.raises(InputError, match="MISSING_KEY"):
        remote_settings(BackendConfig(api_key_env="MISSING_KEY"), "openai:m")
    (tmp_path / "pyproject.toml").write_text('[tool.translate]\nmodel = "openai:m"\n')
    monkeypatch.delenv("TRANSLATE_BASE_URL")
    with pytest.raises(InputError, match="needs the server"):
        open_backend(BackendConfig())  # the model from pyproject is remote: it needs a URL
    with pytest.raises(InputError, match="--base-url is for remote models"):
        open_backend(BackendConfig(model="some/local-model", base_urls=("http://a:1",)))


def test_identity_comes_from_the_server(upstream):
    url, _ = upstream
    b = open_backend(BackendConfig(model="openai:", base_urls=(url,), model_revision="v2"))
    try:
        assert (b.model_id, b.revision, b.is_chat) == ("openai:coder", "v2", True)
        assert b.count_tokens("one two three") == 3  # the server's own tokenizer (/tokenize)
    finally:
        b.close()
    with pytest.raises(ModelError, match="no chat template"):
        with ServerThread(create_app(ScriptedBackend(answer, is_chat=False))) as plain:
            open_backend(BackendConfig(model="openai:", base_urls=(plain,), api="chat"))


def test_candidates_greedy_once_and_from_servers_that_ignore_n(tmp_path):
    sampled = ScriptedBackend(lambda req: [f"```python\nx = {req.seed * 10 + c}\n```" for c in range(req.n)],
                              model_id="coder")
    with ServerThread(create_app(sampled)) as url:
        stingy = FaultProxy(url, one_choice=True)
        backend = remote([stingy.url])
        try:
            chat = [{"role": "user", "content": "hi"}]
            greedy = backend.generate([GenRequest(messages=chat, n=3, temperature=0, seed=1)])[0]
            hot = backend.generate([GenRequest(messages=chat, n=3, temperature=0.8, seed=4)])[0]
        finally:
            backend.close()
            stingy.close()
    assert greedy.texts == ["```python\nx = 10\n```"] * 3 and stingy.bodies[0]["n"] == 1  # asked once
    assert hot.texts == [f"```python\nx = {v}\n```" for v in (40, 50, 60)]  # the rest one by one, seeds 5, 6
    assert [(b["n"], b["seed"]) for b in stingy.bodies[1:]] == [(3, 4), (1, 5), (1, 6)]


def test_stop_handling_cuts_where_a_local_engine_stops():
    assert literal_stops([r"^def ", r"\n\n\n", r"foo\(", r"a.b", r"\d"]) == ["\n\n\n", "foo("]
    req = GenRequest(prompt="x", stop=[r"^print"], prefix="")
    req.is_complete = lambda t: t.rstrip().endswith("}")
    text = "function f() {\n}\nprint(1)\nmore"
    assert stop_point(req, compile_stops(req), text, 0) == len("function f() {\n}")
    assert stop_point(GenRequest(prompt="x"), [], text, 0) is None
    assert looks_like_completion_model("Salesforce/codegen-2B-multi") and looks_like_completion_model("starcoder2-3b")
    assert not looks_like_completion_model("Qwen/Qwen2.5-Coder-7B-Instruct")
    assert retry_after("2", 60) == 2.0 and retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 60) == 0.0
    assert retry_after(None, 60) is None and retry_after("soon", 60) is None


def test_ctrl_c_stops_a_run_waiting_on_the_servers(upstream, tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    url, _ = upstream
    src = make_project(tmp_path / "src", files=4)
    stuck = FaultProxy(url, lambda n, path: SLOW, slow_seconds=120)  # every answer takes two minutes
    translate = str(Path(sys.executable).parent / "translate")
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "TRANSLATE_BASE_URL")}
    proc = subprocess.Popen([translate, "repo", str(src), "--to", "javascript", "--out", str(tmp_path / "out"),
                             "--quiet", "--model", "openai:coder", "--base-url", stuck.url],
                            stderr=subprocess.PIPE, text=True, env=env,
                            # a terminal delivers Ctrl-C; a harness started in the background (`cmd &`, `nohup`)
                            # would hand SIGINT down ignored, and the run would rightly go on
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        while stuck.generation == 0 and proc.poll() is None:
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=100)
        assert stuck.forwarded == 0  # it stopped while every request was still waiting on the server
    finally:
        proc.kill()
        stuck.close()
    assert proc.returncode == 130 and err.strip().splitlines()[-1] == "translate: error: interrupted", err
