"""A remote answer is data, never trusted (issue 17): the OpenAI-compatible backend against a hostile fake
server. Odd-typed JSON, HTML, cut JSON and answers without choices are retried and then fail their own
unit only; a 400 (prompt too long) is not retried and fails its unit with the server's reason; huge
answers are read up to a cap and cut in O(log n) checks; ``Retry-After`` is capped; a server that keeps a
request waiting is said once."""
from __future__ import annotations

import asyncio
import http.server
import json
import re
import threading
import tracemalloc

import pytest
from click.testing import CliRunner

from translate.cli.main import main
from translate.complete.text import body_end, indent_stop
from translate.engines import http11, openai_pool
from translate.engines.base import GenRequest
from translate.engines.loader import BackendConfig
from translate.engines.openai_compat import OpenAIBackend
from translate.engines.openai_pool import RetryPolicy
from translate.engines.openai_wire import shape_problem
from translate.engines.remote_settings import remote_settings
from translate.engines.stopping import EXACT_SCAN, answer_done, compile_stops, stop_point
from translate.errors import ModelError
from translate.source.languages import get_language
from translate.translation.extract import answer_complete, split_fence

GOOD_JS = "```javascript\nfunction {name}({args}) {{\n  return {first};\n}}\n```\nHope it helps!"


def chat_answer(content, **extra) -> bytes:
    return json.dumps({"choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                                    "finish_reason": "stop"}],
                       "usage": {"prompt_tokens": 10, "completion_tokens": 5}, **extra}).encode()


class FakeOpenAI:
    """A loopback OpenAI-compatible server whose generation answers come from ``plan(prompt, tries)``:
    (status, body bytes, headers) or a generator of body pieces sent until the client hangs up. Counts
    the tries of each prompt and the bytes it managed to send."""

    def __init__(self, plan, models=None):
        self.plan = plan
        self.models = [{"id": "coder"}] if models is None else models
        self.tries: dict[str, int] = {}
        self.sent = 0
        self.lock = threading.Lock()
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                fake._send(self, 200, json.dumps({"object": "list", "data": fake.models}).encode(), {})

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("content-length") or 0)) or b"{}")
                if not self.path.endswith("completions"):
                    return fake._send(self, 404, b'{"error": "no such route"}', {})
                prompt = body["messages"][-1]["content"] if "messages" in body else body["prompt"]
                if body.get("messages", [{}])[-1].get("role") == "assistant":
                    prompt = body["messages"][-2]["content"]
                with fake.lock:
                    tries = fake.tries[prompt] = fake.tries.get(prompt, 0) + 1
                fake._send(self, *fake.plan(prompt, tries))

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass

        self.server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _send(self, h, status, body, headers):
        h.send_response(status)
        for k, v in headers.items():
            h.send_header(k, v)
        h.send_header("content-type", headers.get("content-type", "application/json"))
        if isinstance(body, bytes):
            h.send_header("content-length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)
            return
        h.send_header("connection", "close")  # a body streamed to the end of the connection
        h.end_headers()
        try:
            for piece in body:
                h.wfile.write(piece)
                with self.lock:
                    self.sent += len(piece)
        except OSError:
            pass
        h.close_connection = True

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def backend_for(fake: FakeOpenAI, attempts: int = 3) -> OpenAIBackend:
    settings = remote_settings(BackendConfig(model="openai:coder", base_urls=(fake.url,)), "openai:coder")
    sleeps: list[float] = []

    async def sleep(seconds):  # record the wait, do not take it
        sleeps.append(seconds)

    notes: list[str] = []
    b = OpenAIBackend(settings, notice=notes.append, policy=RetryPolicy(attempts=attempts, sleep=sleep))
    b.sleeps, b.notes = sleeps, notes
    return b


def ask(prompt: str, **kw) -> GenRequest:
    return GenRequest(messages=[{"role": "user", "content": prompt}], **kw)


ODD = {  # prompt -> what a hostile or broken server answers with HTTP 200
    "usage-string": chat_answer("x", usage="lots"),
    "choices-string": json.dumps({"choices": "none today"}).encode(),
    "content-number": json.dumps({"choices": [{"message": {"content": 42}}]}).encode(),
    "message-list": json.dumps({"choices": [{"message": ["a"]}]}).encode(),
    "choice-number": json.dumps({"choices": [7]}).encode(),
    "index-string": json.dumps({"choices": [{"index": "0", "message": {"content": "x"}}]}).encode(),
    "finish-number": json.dumps({"choices": [{"message": {"content": "x"}, "finish_reason": 3}]}).encode(),
    "tokens-string": chat_answer("x", usage={"completion_tokens": "5"}),
    "tokens-huge": chat_answer("x", usage={"completion_tokens": 10 ** 400}),
    "no-choices": json.dumps({"id": "x", "object": "chat.completion"}).encode(),
    "empty-choices": json.dumps({"choices": []}).encode(),
    "a-list": b"[1, 2, 3]",
    "html": b"<html><body><h1>502 Bad Gateway</h1></body></html>",
    "truncated": chat_answer("cut short")[:40],
    "deep": b"[" * 200_000 + b"]" * 200_000,
}


def test_odd_answers_are_retried_then_fail_their_unit_alone():
    def plan(prompt, tries):
        if prompt in ODD:
            return 200, ODD[prompt], {"content-type": "text/html" if prompt == "html" else "application/json"}
        if prompt == "flaky" and tries == 1:
            return 200, b"<html>warming up</html>", {}
        return 200, chat_answer(f"ok {prompt}"), {}

    fake = FakeOpenAI(plan)
    backend = backend_for(fake)
    prompts = ["good", *ODD, "flaky", "also good"]
    seen: list[int] = []
    try:
        results = backend.generate([ask(p) for p in prompts], on_result=lambda i, r: seen.append(i))
    finally:
        backend.close()
        fake.close()
    by = dict(zip(prompts, results))
    for p in ("good", "flaky", "also good"):
        assert by[p].error is None and by[p].texts == [f"ok {p}"], p
    assert fake.tries["flaky"] == 2  # a malformed 200 is retried like a 5xx
    for p in ODD:
        assert by[p].texts == [] and by[p].error, p
        assert "on every try" in by[p].error and "\n" not in by[p].error, by[p].error
        assert fake.tries[p] == 3, p  # every try spent, then this unit alone fails
    assert sorted(seen) == list(range(len(prompts)))  # on_result: once per request
    assert "no choices" in by["no-choices"].error and "not JSON" in by["html"].error
    assert backend.malformed == len(ODD) and len(backend.notes) == 1


def test_shape_check_accepts_real_answers():
    real = json.loads(chat_answer("hi", usage={"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4,
                                               "completion_tokens_details": {"reasoning_tokens": 0}}))
    assert shape_problem(real, chat=True) is None
    assert shape_problem({"choices": [{"message": {"content": None}, "finish_reason": None}]}, chat=True) is None
    assert shape_problem({"choices": [{"text": "x", "index": 0, "logprobs": None}], "usage": None}, chat=False) is None
    assert shape_problem({"choices": [{"text": 3}]}, chat=False) == "a choice text that is not a string"


def test_a_400_is_not_retried_and_fails_its_unit_with_the_reason():
    reason = ("This model's maximum context length is 4096 tokens. However, you requested 9000 tokens "
              "(8744 in the messages, 256 in the completion).\n\x1b[31mPlease reduce the length.\x1b[0m" + "!" * 500)

    def plan(prompt, tries):
        if prompt == "long":
            return 400, json.dumps({"error": {"message": reason, "type": "invalid_request_error"}}).encode(), {}
        if prompt == "odd":
            return 422, b"unprocessable", {}
        if prompt == "busy" and tries == 1:
            return 408, b"request timeout", {}
        return 200, chat_answer(f"ok {prompt}"), {}

    fake = FakeOpenAI(plan)
    backend = backend_for(fake)
    try:
        results = backend.generate([ask("short"), ask("long"), ask("odd"), ask("busy")])
    finally:
        backend.close()
        fake.close()
    short, long_, odd, busy = results
    assert short.texts == ["ok short"] and busy.texts == ["ok busy"] and fake.tries["busy"] == 2  # 408: retried
    assert fake.tries["long"] == 1 and fake.tries["odd"] == 1  # other 4xx: never retried
    assert long_.texts == [] and "HTTP 400: This model's maximum context length is 4096 tokens" in long_.error
    assert "\x1b" not in long_.error and "\n" not in long_.error and len(long_.error) < 300
    assert odd.error and "HTTP 422: unprocessable" in odd.error
    assert backend.rejected == 2


def test_cli_fails_the_malformed_unit_alone_exit_1_no_traceback(tmp_path, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.setattr(RetryPolicy, "backoff", lambda self, attempt: 0.0)

    def plan(prompt, tries):
        name, args = re.findall(r"def (\w+)\(([^)]*)\)", prompt)[-1]
        if name.startswith("bad"):
            return 200, json.dumps({"choices": [{"message": {"content": {"code": 1}}}], "usage": "x"}).encode(), {}
        return 200, chat_answer(GOOD_JS.format(name=name, args=args, first=args.split(",")[0])), {}

    fake = FakeOpenAI(plan)
    src = tmp_path / "src"
    src.mkdir()
    (src / "calc.py").write_text("def add(a, b):\n    return a + b\n\n\ndef bad_sub(a, b):\n    return a - b\n")
    (src / "more.py").write_text("def mul(a, b):\n    return a * b\n")
    try:
        res = CliRunner().invoke(main, ["repo", str(src), "--to", "javascript", "--out", str(tmp_path / "out"),
                                        "--model", "openai:coder", "--base-url", fake.url, "--max-turns", "1",
                                        "--check-rounds", "0"])  # no repair round: the unit's tries are counted
    finally:
        fake.close()
    assert "Traceback" not in res.output, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    assert res.exit_code == 1, res.output
    assert "function mul(a, b)" in (tmp_path / "out" / "more.js").read_text()
    assert "function add(a, b)" in (tmp_path / "out" / "calc.js").read_text()
    assert fake.tries[next(p for p in fake.tries if "bad_sub" in p)] == RetryPolicy.attempts


def _old_stop_point(req, stops, text, start):
    """The cut before this change: every character boundary tried in turn (quadratic)."""
    if not (stops or req.is_complete) or not answer_done(req, stops, text):
        return None
    n = len(text)
    for i in range(start + 1, n):
        a, b = text[i - 1], text[i]
        if (a.isalnum() or a == "_") and (b.isalnum() or b == "_"):
            continue
        if answer_done(req, stops, text[:i]):
            return i
    return n


def _sample_requests():
    py, js, java = get_language("python"), get_language("javascript"), get_language("java")
    fenced_py = GenRequest(prompt="x")
    fenced_py.is_complete = lambda t: answer_complete(t, py, True)
    plain_js = GenRequest(prompt="x", stop=list(js.truncate_patterns))
    plain_js.is_complete = lambda t: answer_complete(t, js, False)
    plain_py = GenRequest(prompt="x", stop=list(py.truncate_patterns))
    plain_py.is_complete = lambda t: answer_complete(t, py, False)
    java_req = GenRequest(prompt="x")
    java_req.is_complete = lambda t: answer_complete(t, java, True)
    body = GenRequest(prompt="x", stop=[indent_stop("    ")])
    body.is_complete = lambda t: body_end(t) is not None
    fence_only = GenRequest(prompt="x")
    fence_only.is_complete = lambda t: split_fence(t)[1]
    stops_only = GenRequest(prompt="x", stop=[r"^def ", r"\n\n\n", r"^print"])
    return [fenced_py, plain_js, plain_py, java_req, body, fence_only, stops_only]


SAMPLES = [
    "```python\ndef area(r):\n    return 3.14 * r ** 2\n```\nThis computes the area.",
    "Here is the code:\n```python\nclass A:\n    def f(self):\n        return 1\n```\n\nAnd more ```python\nx\n```",
    "function add(a, b) {\n  return a + b;\n}\n\nconsole.log(add(1, 2));\n",
    "def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\nprint(add(1, 2))\n",
    "  return x + 1;\n}\n\nint other() {\n  return 2;\n}\n",
    "    if x:\n        return {'a': 1}\n    return None\n\nfoo = 1\n",
    "```java\npublic class Main {\n    static int f(int x) { return x; }\n}\n```\nDone.",
    "```javascript\nconst f = (a) => {\n  return `${a}}`;\n};\n```\n",
    "no fence and no end at all",
    "x = 1\nprint(x)\n\n\n\ndef later():\n    pass\n",
]


@pytest.mark.parametrize("exact_scan", [EXACT_SCAN, 0])  # 0: by binary search from the first character
def test_cut_is_the_same_as_before_in_log_n_checks(exact_scan, monkeypatch):
    from translate.engines import stopping

    monkeypatch.setattr(stopping, "EXACT_SCAN", exact_scan)
    for req in _sample_requests():
        stops = compile_stops(req)
        for sample in SAMPLES:
            for end in range(len(sample) + 1):  # every answer a server could have cut short too
                text = sample[:end]
                for start in (0, 3):
                    assert stop_point(req, stops, text, start) == _old_stop_point(req, stops, text, start), (req.stop, text)
    monkeypatch.setattr(stopping, "EXACT_SCAN", EXACT_SCAN)
    # a 1 MB answer complete at its very end: found in a few dozen checks, not one per character
    calls = []

    def counted(t):
        calls.append(len(t))
        if len(calls) > 10_000:
            raise AssertionError("one check per character: quadratic in the answer's length")
        return split_fence(t)[1]

    text = "```python\n" + "x = 1\n" * 170_000 + "```\nBye"
    assert stop_point(GenRequest(prompt="x", is_complete=counted), [], text, 0) == len(text) - len("\nBye")
    assert len(calls) < EXACT_SCAN + 64  # boundary by boundary for the first EXACT_SCAN characters only


def test_huge_answers_are_read_up_to_the_cap_and_cut(monkeypatch):
    fence = "```python\ndef f():\n    return 1\n```"
    megabyte = fence + "\nand on" * 150_000  # a 1 MB answer: fits the cap, cut after the fence

    def flood():
        yield b'{"choices": [{"message": {"content": "'
        for _ in range(200 * 16):  # 200 MB of answer, streamed to the end of the connection
            yield b"y" * 65536

    def plan(prompt, tries):
        if prompt == "flood":
            return 200, flood(), {}
        return 200, chat_answer(megabyte), {}

    fake = FakeOpenAI(plan)
    backend = backend_for(fake, attempts=2)
    req = ask("megabyte")
    req.is_complete = lambda t: split_fence(t)[1]
    try:
        big, flooded = backend.generate([req, ask("flood")])
    finally:
        backend.close()
        fake.close()
    assert big.error is None and big.texts == [fence]
    assert flooded.texts == [] and f"an answer over {http11.MAX_BODY >> 20} MB" in flooded.error
    assert fake.tries["flood"] == 2
    assert fake.sent < 2 * (http11.MAX_BODY + (16 << 20))  # each try stopped at the cap, not at 200 MB


def test_the_client_stops_reading_at_the_cap_in_bounded_memory():
    async def handler(reader, writer):
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n")
        try:
            for _ in range(200 * 16):
                writer.write(b"10000\r\n" + b"z" * 65536 + b"\r\n")
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        writer.close()

    async def lying(reader, writer):
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 209715200\r\n\r\n{")  # says 200 MB, sends 1 byte
        await writer.drain()
        await asyncio.sleep(5)
        writer.close()

    async def main_():
        out = []
        for h in (handler, lying):
            server = await asyncio.start_server(h, "127.0.0.1", 0)
            port = server.sockets[0].getsockname()[1]
            try:
                c = http11.Client(max_body=4 << 20, timeout=30)
                out.append(await c.request("GET", f"http://127.0.0.1:{port}/x"))
                await c.aclose()
            finally:
                server.close()
        return out

    tracemalloc.start()
    try:
        chunked, lying_resp = asyncio.run(main_())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert chunked.too_large and len(chunked.body) == 4 << 20
    assert lying_resp.too_large and lying_resp.body == b""  # not read at all
    assert peak < 40 << 20  # a 200 MB answer never held in memory


def test_retry_after_is_capped_and_said():
    def plan(prompt, tries):
        if tries == 1:
            return 429, b'{"error": {"message": "slow down"}}', {"Retry-After": "100000"}
        return 200, chat_answer("ok"), {}

    fake = FakeOpenAI(plan)
    backend = backend_for(fake)
    try:
        (res,) = backend.generate([ask("a")])
        (res2,) = backend.generate([ask("b")])
    finally:
        backend.close()
        fake.close()
    assert res.texts == ["ok"] and res2.texts == ["ok"]
    assert backend.sleeps == [60.0, 60.0]  # asked for 100000 s, waited the cap
    said = [n for n in backend.notes if "Retry-After" in n]
    assert len(said) == 1 and "asked to wait 100000 s" in said[0] and "60 s at most" in said[0]


def test_a_request_waiting_long_is_said_once(monkeypatch):
    monkeypatch.setattr(openai_pool, "WAIT_NOTICE", 0.2)
    gate = threading.Event()

    def plan(prompt, tries):
        gate.wait(1.5)
        return 200, chat_answer(f"late {prompt}"), {}

    fake = FakeOpenAI(plan)
    backend = backend_for(fake)
    try:
        results = backend.generate([ask("a"), ask("b")])
    finally:
        backend.close()
        fake.close()
    assert [r.texts for r in results] == [["late a"], ["late b"]]
    waiting = [n for n in backend.notes if "waiting for" in n]
    assert waiting == [f"translate: note: waiting for {fake.url}: no answer for 0.2 s (timeout 600 s)"]


def test_a_model_list_of_odd_names_never_reaches_the_terminal():
    fake = FakeOpenAI(lambda prompt, tries: (200, chat_answer("x"), {}),
                      models=[{"id": "evil\x1b[2J\x1b]0;pwned\x07"}, {"id": 5}, "coder", {"id": ["a"]}])
    settings = remote_settings(BackendConfig(model="openai:", base_urls=(fake.url,)), "openai:")
    try:
        with pytest.raises(ModelError) as err:
            OpenAIBackend(settings, notice=lambda m: None)
    finally:
        fake.close()
    assert "serves 0 models" in str(err.value) and "\x1b" not in str(err.value)
