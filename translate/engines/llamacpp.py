"""The llama.cpp engine for GGUF models, through ``xllamacpp`` (llama.cpp's own server, in-process).

llama.cpp loads a GGUF file as it is (memory-mapped, no de-quantization) and decodes quantized weights
with its own CPU kernels: seconds to load instead of minutes, several times transformers' fp32 speed.
Its server engine runs ``slots`` sequences at once (continuous batching: a finished sequence frees its
slot for the next), keeps each slot's prompt in its KV cache (the prompt head that every unit's request
shares is reused, not prefilled again) and is thread-safe, so each sequence is one blocking request from
a worker thread.

Every request is streamed: each new piece of text is checked against the request's stop patterns, its
``is_complete`` test (a unit is finished) and the loop guard, and the stream is cut as soon as one
fires, which frees the slot at once. Chat prompts are rendered with the model's own template
(llama.cpp's ``/apply-template``) and the forced answer prefix is appended, so the engine sees the same
text as the transformers engine would.

The server also listens on a loopback port (llama.cpp always starts its HTTP side); it is protected by a
random API key that only this process knows, and used for tokenization and template rendering.
"""
from __future__ import annotations

import os
import secrets
import signal
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate.config import env, env_int
from translate.engines.base import Engine, GenRequest, GenResult, Identity, OnResult
from translate.engines.resolve import ModelSpec
from translate.engines.stopping import LoopGuard, answer_done, compile_stops, cut_at_patterns
from translate.engines.threads import ThreadPlan, UseGate
from translate.errors import ModelError

# Sequences decoded together. Measured (issue 21, bench/throughput_bench.py --limit 12 --slots 1,2,4,8
# --max-turns 1 --threads 1, 1.5B pack, 2-core AMD EPYC shared with other work, load average 4-5): units/s
# 0.060 / 0.069 / 0.084 / 0.062 for 1 / 2 / 4 / 8 slots: 4 is the most units per second on 2 cores; 8 slots
# spend more on the larger batches' compute and KV cache than they gain (and allocate 8 x CTX_PER_SLOT).
DEFAULT_SLOTS = 4
CTX_PER_SLOT = 4096  # tokens of prompt + answer per sequence
# Shorter shared prompt heads are not copied between slots. The quick start's two requests share 36 tokens
# (the chat template's system turn and the instruction's start): copied, the quick start took 0.7 s less on
# average, 7 interleaved pairs of 7-11 s, 6 faster (bench/RESULTS.md, ``## throughput``); a copy costs one
# save and a restore per slot.
MIN_HEAD = 16


def default_threads() -> int:
    """The thread count a new engine starts with (the rule and its measurements: ``engines/threads.py``)."""
    return ThreadPlan().threads


@dataclass
class _Row:
    """One sequence: candidate ``c`` of request ``i``."""

    i: int
    c: int
    text: str = ""
    pieces: list[str] = field(default_factory=list)
    tokens: int = 0
    prompt_tokens: int = 0
    looped: bool = False
    error: str | None = None
    too_long: bool = False  # the prompt does not fit the context (the request fails alone)
    seconds: float = 0.0
    timings: dict | None = None  # llama.cpp's: prompt tokens computed and reused, prefill and decode ms


class LlamaCppBackend(Engine):
    """The engine contract on llama.cpp (thread-safe: concurrent ``generate`` calls share the slots)."""

    engine = "llamacpp"
    concurrent = True  # callers may call generate from several threads at once
    overlaps = True  # and cancel() stops them: the job loop overlaps its turns (translate.translation.loop)

    def __init__(self, spec: ModelSpec, ident: Identity, *, batch_size: int = 32, threads: int | None = None,
                 slots: int | None = None, ctx_per_slot: int = CTX_PER_SLOT):
        try:
            import xllamacpp
        except ImportError:
            raise ModelError("the llama.cpp engine needs the xllamacpp package (`pip install xllamacpp`)") from None
        self.spec = spec
        self.model_id, self.revision = ident.model_id, ident.revision
        self.family, self.is_chat = ident.family, ident.is_chat
        self.batch_size = batch_size
        # the thread count follows the machine: decided at load and again between uses of the server, at most
        # every 30 s (engines/threads.py); a new count restarts the server once the uses in flight end
        self._plan = ThreadPlan(threads)
        self.threads = self._plan.threads
        self.restarts = 0  # server restarts for a new thread count
        self._gate = UseGate(self._plan, self._restart)  # every call into the server, so a restart waits for none
        self._calls = 0  # generate calls in flight
        self._lock = threading.Lock()
        # what the sequences cost (benchmarks read it): prompt tokens computed and reused from a cache, seconds
        # of prefill and of decoding (summed over sequences decoded together), sequences
        self.stats: Counter[str] = Counter()
        env_slots = env_int("TRANSLATE_LLAMACPP_SLOTS", 0)
        self.slots = max(1, slots or env_slots or min(batch_size, DEFAULT_SLOTS))
        self.ctx_per_slot = ctx_per_slot
        self._key = secrets.token_urlsafe(24)
        self._slot_dir = tempfile.TemporaryDirectory(prefix="translate-slots-")
        self._head = ""  # the prompt head every slot has in its cache
        self._head_lock = threading.Lock()
        self._cancel = threading.Event()
        self._xlc = xllamacpp
        self._gguf_path = Path(spec.path or ".") / (spec.gguf_file or "")
        self._server = self._start(xllamacpp, self._gguf_path)
        self._http: Any = None
        self._http_lock = threading.Lock()
        self._token_counts: dict[str, int] = {}

    def _start(self, xlc, path: Path):
        p = xlc.CommonParams()
        p.model.path = str(path)
        p.n_parallel = self.slots
        p.n_ctx = self.slots * self.ctx_per_slot
        p.cpuparams.n_threads = self.threads
        p.cpuparams_batch.n_threads = self.threads
        p.warmup = False
        p.verbosity = 3 if env("TRANSLATE_LLAMACPP_VERBOSE") else -1  # llama.cpp's own log on stderr
        p.api_keys = [self._key]
        p.n_threads_http = 1
        p.cache_ram_mib = 256  # llama.cpp's host-memory prompt cache (default 8 GiB); slots keep their own
        p.ctx_shift = False
        p.slot_save_path = self._slot_dir.name + os.sep  # where the shared prompt head is copied between slots
        saved = _python_signal_handlers()
        try:
            return xlc.Server(p)
        except RuntimeError as exc:
            raise ModelError(f"cannot load model {self.model_id} with llama.cpp: {exc}") from None
        finally:
            _restore_signal_handlers(saved)  # llama.cpp installs its own SIGINT/SIGTERM handlers

    # --- the server's HTTP side: tokenizer and chat template ---
    def _post(self, path: str, body: dict) -> dict:
        import httpx

        with self._use():  # the server is not restarted under it
            with self._http_lock:
                if self._http is None:
                    self._http = httpx.Client(base_url=self._server.listening_address, timeout=60.0,
                                              headers={"Authorization": f"Bearer {self._key}"})
                client = self._http
            for attempt in (1, 2):
                try:
                    res = client.post(path, json=body)
                    break
                except httpx.TimeoutException as exc:  # the server's task queue did not get to it
                    raise ModelError(f"llama.cpp did not answer {path.split('?')[0]}: {exc or 'timeout'}") from None
                except httpx.HTTPError as exc:  # a kept-alive connection the server had closed: once more, anew
                    if attempt == 2 or not isinstance(exc, httpx.TransportError):
                        raise ModelError(f"llama.cpp did not answer {path.split('?')[0]}: "
                                         f"{exc or type(exc).__name__}") from None
        if res.status_code != 200:
            raise ModelError(f"llama.cpp {path} failed ({res.status_code}): {res.text[:200]}")
        return res.json()

    def count_tokens(self, text: str) -> int:
        n = self._token_counts.get(text)
        if n is None:
            body = {"content": text, "add_special": False, "parse_special": True}
            n = len(self._post("/tokenize", body)["tokens"])
            if len(self._token_counts) > 4096:
                self._token_counts.clear()
            self._token_counts[text] = n
        return n

    def render(self, req: GenRequest) -> str:
        if req.messages is not None:
            if not self.is_chat:
                raise ModelError(f"{self.model_id} has no chat template; it needs completion prompts")
            text = self._post("/apply-template", {"messages": req.messages})["prompt"]
        else:
            text = req.prompt or ""
        return text + req.prefix

    # --- the shared prompt head ---
    def share_head(self, prompts: list[str]) -> None:
        """Prefill the text all ``prompts`` start with once, in slot 0, and copy that KV cache into every
        other slot (llama.cpp slot save/restore): each slot then reuses it instead of prefilling it again.
        Worth it from ``MIN_HEAD`` tokens; the head stays in place for later calls that share it. Only while no
        other call is in flight (the overlapped job loop's calls): restoring into a slot that decodes another
        call's sequence waits until that sequence ends, and once waited past the client's timeout."""
        head = os.path.commonprefix(prompts) if len(prompts) > 1 else ""
        if self.slots < 2 or not head or self._head and head.startswith(self._head) and len(head) - len(self._head) < 200:
            return
        with self._lock:
            if self._calls > 1:  # other calls hold slots: a restore waits for a slot's sequence to end (minutes)
                return
        with self._use(), self._head_lock:
            if self.count_tokens(head) < MIN_HEAD or head == self._head:
                return
            self._server.handle_completions({"prompt": head, "max_tokens": 1, "temperature": 0.0, "id_slot": 0,
                                             "cache_prompt": True})
            try:
                self._post("/slots/0?action=save", {"filename": "head.bin"})
                for slot in range(1, self.slots):
                    self._post(f"/slots/{slot}?action=restore", {"filename": "head.bin"})
            except ModelError:
                return  # a busy slot (concurrent calls): it prefills for itself
            self._head = head

    # --- the thread count, decided again between uses of the server (engines/threads.py) ---
    def _use(self):
        return self._gate.use()

    def _restart(self, threads: int) -> None:
        """Start the server again with ``threads`` (xllamacpp cannot change them in place); the slots'
        caches and the shared head go with the old one."""
        if self._server is None:  # closed
            return
        self.threads = threads
        self._server = None  # freed before the new one maps the model
        with self._http_lock:
            if self._http is not None:
                self._http.close()
            self._http = None  # the new server listens on a new port
        with self._head_lock:
            self._head = ""
        self._server = self._start(self._xlc, self._gguf_path)
        self.restarts += 1

    # --- generation ---
    def generate(self, requests: list[GenRequest], on_result: OnResult | None = None) -> list[GenResult]:
        with self._lock:
            if self._calls == 0:
                self._cancel.clear()  # a cancel() stops the calls that were in flight, not the next ones
            self._calls += 1
        try:
            return self._generate(requests, on_result)
        finally:
            with self._lock:
                self._calls -= 1

    def _generate(self, requests: list[GenRequest], on_result: OnResult | None) -> list[GenResult]:
        prompts = [self.render(r) for r in requests]
        self.share_head(prompts)
        rows = [_Row(i, c) for i, r in enumerate(requests) for c in range(max(1, r.n))]
        # longest budgets first: the tail of the run is then made of short sequences
        rows.sort(key=lambda row: -requests[row.i].max_new_tokens)
        guard = LoopGuard()
        stops = [compile_stops(r) for r in requests]
        workers = min(len(rows), self.slots)
        pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="llamacpp")
        # slots finish at different times: a request's result goes to ``on_result`` once its last row is in
        left = [max(1, r.n) for r in requests]
        done: dict[int, GenResult] = {}
        lock = threading.Lock()

        def run(row: _Row, k: int) -> None:
            self._run_row(row, requests[row.i], prompts[row.i], stops[row.i], guard, k)
            if self._cancel.is_set():
                return  # cut short: not an answer (a journal must not keep it)
            with lock:
                left[row.i] -= 1
                if left[row.i]:
                    return
                done[row.i] = res = self._result(requests[row.i], [r for r in rows if r.i == row.i])
            if on_result is not None:
                on_result(row.i, res)

        try:
            futures = [pool.submit(run, row, k) for k, row in enumerate(rows)]
            wait(futures)
            for f in futures:
                f.result()
        except BaseException:
            self._cancel.set()  # Ctrl-C: every stream stops at its next token (cleared by the next call)
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown()
        if len(done) < len(requests):  # cancel() from another thread cut this call short
            raise ModelError("llama.cpp: the answers were cancelled")
        return [done[i] for i in range(len(requests))]

    def _result(self, req: GenRequest, rows: list[_Row]) -> GenResult:
        rows = sorted(rows, key=lambda r: r.c)
        too_long = [r.error for r in rows if r.too_long]
        if too_long:  # this request alone cannot be answered; the others go on
            return GenResult([], prompt_tokens=rows[0].prompt_tokens, error=too_long[0])
        errors = [r.error for r in rows if r.error]
        if errors and all(r.error for r in rows) and all(not r.text for r in rows):
            raise ModelError(f"llama.cpp could not answer: {errors[0]}")
        texts = [cut_at_patterns(req.prefix + r.text, req.stop) if req.stop else req.prefix + r.text for r in rows]
        return GenResult(texts, prompt_tokens=max(r.prompt_tokens for r in rows),
                         new_tokens=sum(r.tokens for r in rows), seconds=sum(r.seconds for r in rows),
                         looped=[r.looped for r in rows])

    def _run_row(self, row: _Row, req: GenRequest, prompt: str, stops, guard: LoopGuard, key: int) -> None:
        with self._use():
            self._run_row_now(row, req, prompt, stops, guard, key)
        t = row.timings
        if t:
            with self._lock:
                self.stats.update(prompt_tokens=int(t.get("prompt_n", 0)), cached_tokens=int(t.get("cache_n", 0)),
                                  prefill_ms=int(t.get("prompt_ms", 0)), decode_ms=int(t.get("predicted_ms", 0)),
                                  sequences=1)

    def _run_row_now(self, row: _Row, req: GenRequest, prompt: str, stops, guard: LoopGuard, key: int) -> None:
        t0 = time.perf_counter()
        row.prompt_tokens = self.count_tokens(prompt)
        room = self.ctx_per_slot - row.prompt_tokens - 1
        if room < 1:
            row.error = (f"the prompt ({row.prompt_tokens} tokens) does not fit the {self.ctx_per_slot}-token "
                         "context: split the unit")
            row.too_long = True
            return
        body = {"prompt": prompt, "max_tokens": min(req.max_new_tokens, room), "stream": True,
                "stream_options": {"include_usage": True}, "cache_prompt": True, "n_probs": 0,
                "timings_per_token": True}
        if req.temperature > 0:
            body.update(temperature=req.temperature, top_p=req.top_p, top_k=0, min_p=0.0,
                        seed=((req.seed or 0) * 1_000_003 + row.c) % (1 << 31))
        else:
            body.update(temperature=0.0, top_k=1)

        def on_chunk(chunk) -> bool:
            if self._cancel.is_set():
                return True
            if not isinstance(chunk, dict) or "error" in chunk or "choices" not in chunk:
                row.error = str(chunk.get("error", chunk) if isinstance(chunk, dict) else chunk)[:300]
                return True
            if "timings" in chunk:
                row.timings = chunk["timings"]
            usage = chunk.get("usage")
            if usage:  # the last chunk of a stream that ran to its end (EOS or the token budget)
                row.tokens = usage.get("completion_tokens", row.tokens)
            choices = chunk["choices"]
            piece = choices[0].get("text") or "" if choices else ""
            if not piece:
                return False
            row.pieces.append(piece)
            row.text += piece
            row.tokens = len(row.pieces)
            if guard(key, row.pieces, req.loop_repeats):
                row.looped = True
                return True
            return answer_done(req, stops, req.prefix + row.text)

        self._server.handle_completions(body, on_chunk)
        row.seconds = time.perf_counter() - t0

    def cancel(self) -> None:
        """Stop every stream at its next token (the job loop gave up: Ctrl-C, an error); see Engine.cancel."""
        self._cancel.set()

    def capacity(self) -> int:
        """The slots: sequences decoded together."""
        return self.slots

    def close(self) -> None:
        self._cancel.set()
        if self._http is not None:
            self._http.close()
        self._server = None
        self._slot_dir.cleanup()


def _python_signal_handlers() -> dict:
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}


def _restore_signal_handlers(saved: dict) -> None:
    for sig, handler in saved.items():
        if handler is not None:
            signal.signal(sig, handler)
