"""The Backend protocol over OpenAI-compatible servers: vLLM, llama.cpp's ``llama-server``, TGI, Ollama,
or another ``translate serve``.

``--model openai:MODEL --base-url URL [--base-url URL2 ...]``: chat models get ``/v1/chat/completions``
(the forced answer prefix is sent as a final assistant message to continue), completion models (CodeGen)
``/v1/completions`` with prompt + prefix. Every request of a ``generate`` call is in flight at once,
spread over the pool (:mod:`translate.engines.openai_pool`: retries, backoff, failover).

Stopping: servers take literal stop strings, our requests carry regexes and an ``is_complete`` test. The
regexes that are plain text are passed on; then each answer is cut where a local engine would have
stopped it: at the first point where a stop pattern matches or the unit is complete (at a character
boundary outside identifiers: :func:`translate.engines.stopping.stop_point`), then before the first stop
match, as the other backends do.

A server's answer is data, never trusted: a 200 whose body is not an OpenAI answer of the right types
(HTML, cut or odd JSON, over the size cap) is retried like a 5xx and then fails its own request alone
(``GenResult.error``), as does a request the server refuses (a 4xx such as "prompt too long": not retried).
Only faults of the whole pool (servers down, 5xx on every try, the key refused) raise.

Identity (known when the backend is opened, before any cache lookup): model id ``openai:MODEL``,
revision ``--model-revision`` or ``"server"``, chat or completion from ``--api`` or, with ``auto``, from
what the server says (``translate serve`` reports it in ``/v1/models``) or else the model's name
(completion models: names with codegen, starcoder, santacoder, or a ``base``/``mono``/``multi`` part).

``count_tokens`` asks the server's ``/tokenize`` (vLLM, llama.cpp, translate serve) and remembers the
counts; a server without one gets an estimate (a token per 3 characters), said once.
"""
from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable

from translate.engines.base import Engine, GenRequest, GenResult, OnResult
from translate.engines.openai_pool import (
    Answer,
    Pool,
    PoolAuthError,
    PoolError,
    PoolGone,
    RetryPolicy,
    _stderr,
    error_text,
    one_line,
    safe_url,
)
from translate.engines.openai_wire import (
    ESTIMATE_CHARS,
    MAX_USAGE,
    literal_stops,
    looks_like_completion_model,
    shape_problem,
)
from translate.engines.remote_settings import RemoteSettings
from translate.engines.stopping import compile_stops, cut_at_patterns, stop_point
from translate.errors import ModelError


class OpenAIBackend(Engine):
    """The engine contract on a pool of OpenAI-compatible servers (thread-safe)."""

    concurrent = True
    engine = "openai"

    def __init__(self, settings: RemoteSettings, *, notice: Callable[[str], None] | None = None,
                 policy: RetryPolicy | None = None, batch_size: int = 32):
        self.settings = settings
        self.notice = notice or _stderr
        self.batch_size = batch_size  # unused: every request is in flight at once, up to --concurrency
        headers = {"Authorization": f"Bearer {settings.api_key}"} if settings.api_key else {}
        self.pool = Pool(list(settings.base_urls), headers=headers, timeout=settings.timeout,
                         per_server=settings.concurrency, policy=policy, notice=lambda msg: self.notice(msg))
        self._counts: dict[str, int] = {}
        self._tokenize: bool | None = None  # None: not tried yet
        self.rejected = 0  # requests a server refused as bad (4xx): failed alone
        self.malformed = 0  # requests answered with no OpenAI answer on every try: failed alone
        self.requests = 0
        self.server_tokens = 0  # tokens the servers generated (usage)...
        self.kept_tokens = 0  # ...and those before the point a local engine stops (the rest: streaming would save)
        self.extension: dict = {}
        try:
            self.server_model = self.pool.run(self._probe())
            self.is_chat = self._pick_api()
        except BaseException:
            self.pool.close()
            raise
        self.model_id = f"openai:{self.server_model}"
        self.revision = settings.model_revision or "server"
        ext_family = self.extension.get("family")
        ext_family = ext_family if isinstance(ext_family, str) else None
        self.family = ext_family or ("codegen" if "codegen" in self.server_model.lower()
                                     else "chat" if self.is_chat else "completion")
        # translate serve continues the assistant prefix itself; others may answer afresh (see _text)
        self._prefill_known = bool(self.extension)

    # --- opening ---
    def _error(self, message: str) -> ModelError:
        key = self.settings.api_key
        if key and key in message:
            message = message.replace(key, "***")
        return ModelError(message)

    async def _probe(self) -> str:
        eps = self.pool.endpoints
        answers = await asyncio.gather(*(self._models(ep) for ep in eps), return_exceptions=True)
        served: dict[str, list] = {}
        down = []
        for ep, ans in zip(eps, answers):
            if isinstance(ans, PoolAuthError):
                raise self._error(f"{ans} (the key comes from {self.settings.key_env}; pass --api-key-env NAME "
                                  f"for another variable)")
            if isinstance(ans, PoolError):
                down.append(f"{ep.name} ({str(ans).split(': ', 1)[-1]})")
                ep.down_since, ep.reason = time.monotonic(), "unreachable when the run started"
                continue
            if isinstance(ans, BaseException):
                raise ans
            served[ep.name] = ans
        if not served:
            raise self._error(f"cannot reach the model server{'s' * (len(eps) > 1)}: {'; '.join(down)}")
        want = self.settings.model
        names = None
        for url, entries in served.items():
            # model names that become our model id: printable strings only (a server's data, never trusted)
            ids = [e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)
                   and e["id"].isprintable() and 0 < len(e["id"]) <= 256]
            if want and want not in ids:
                raise self._error(f"server {url} does not serve model {want!r} (it serves: "
                                  f"{one_line(', '.join(ids)) or 'nothing'})")
            if not want:
                if len(ids) != 1:
                    raise self._error(f"server {url} serves {len(ids)} models ({one_line(', '.join(ids))}): "
                                      f"name one with --model openai:NAME")
                if names is not None and ids[0] != names:
                    raise self._error(f"the servers serve different models ({names}, {ids[0]}): name one "
                                      f"with --model openai:NAME")
                names = ids[0]
            entry = next(e for e in entries if isinstance(e, dict) and e.get("id") == (want or names))
            ext = entry.get("translate")
            if isinstance(ext, dict) and not self.extension:
                self.extension = {k: v for k, v in ext.items() if isinstance(v, (str, bool, int, float))}
        if down:
            self.notice(f"translate: warning: skipping unreachable server(s): {'; '.join(down)}")
        return want or names

    async def _models(self, ep) -> list:
        ans = await self.pool.request("GET", "/models", endpoint=ep, retries=False)
        if ans.status != 200 or not isinstance(ans.body, dict) or not isinstance(ans.body.get("data"), list):
            what = error_text(ans) if ans.status != 200 else "not an OpenAI model list"
            raise self._error(f"server {ep.name}: GET /models answered HTTP {ans.status}: {what} "
                              f"(is it an OpenAI-compatible base URL, such as http://host:8000/v1?)")
        return ans.body["data"]

    def _pick_api(self) -> bool:
        api = self.settings.api
        served_chat = self.extension.get("is_chat")
        if api == "chat":
            if served_chat is False:
                raise self._error(f"model {self.server_model} has no chat template on the server: use --api "
                                  f"completions (or auto)")
            return True
        if api == "completions":
            return False
        if served_chat is not None:
            return bool(served_chat)
        return not looks_like_completion_model(self.server_model)

    def load(self) -> OpenAIBackend:
        return self

    @property
    def loaded(self) -> bool:
        return True

    def capacity(self) -> int:
        """Requests the live servers take at once (the repo runner sizes its chunks from it)."""
        return self.pool.capacity()

    def close(self) -> None:
        self.pool.close()

    # --- tokens ---
    def count_tokens(self, text: str) -> int:
        n = self._counts.get(text)
        if n is None:
            n = self._run(self._count(text))
        return n

    async def _count(self, text: str) -> int:
        n = self._counts.get(text)
        if n is not None:
            return n
        if self._tokenize is not False:
            body = {"model": self.server_model, "prompt": text, "content": text, "add_special_tokens": False,
                    "add_special": False}
            ans = await self.pool.request("POST", "/tokenize", body, root=True)
            b = ans.body if ans.status == 200 and isinstance(ans.body, dict) else {}
            if type(b.get("count")) is int and 0 <= b["count"] < MAX_USAGE:
                n = b["count"]
            elif isinstance(b.get("tokens"), list):
                n = len(b["tokens"])
            elif self._tokenize is None:
                self._tokenize = False
                self.notice(f"translate: note: the server has no /tokenize (HTTP {ans.status}); token budgets use "
                            f"an estimate of one token per {ESTIMATE_CHARS} characters")
            if n is not None:
                self._tokenize = True
        if n is None:
            n = max(1, -(-len(text) // ESTIMATE_CHARS)) if text else 0
        if len(self._counts) > 200_000:
            self._counts.clear()
        self._counts[text] = n
        return n

    # --- generation ---
    def _run(self, coro):
        try:
            return self.pool.run(coro)
        except PoolGone as exc:
            raise self._error(f"{exc}; the units finished so far are kept (run again to resume)") from None
        except PoolError as exc:
            raise self._error(str(exc)) from None

    def generate(self, requests: list[GenRequest], on_result: OnResult | None = None) -> list[GenResult]:
        return self._run(self._generate(requests, on_result)) if requests else []

    async def _generate(self, requests: list[GenRequest], on_result: OnResult | None = None) -> list[GenResult]:
        async def one(i: int, req: GenRequest) -> GenResult:
            result = await self._one(req)
            if on_result is not None:
                on_result(i, result)  # on the pool's thread, as soon as this answer is in
            return result

        tasks = [asyncio.ensure_future(one(i, r)) for i, r in enumerate(requests)]
        try:
            done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
        except BaseException:
            for t in tasks:
                t.cancel()
            raise
        for t in pending:
            t.cancel()
        for t in tasks:
            if t.done() and not t.cancelled() and t.exception() is not None:
                raise t.exception()
        return [t.result() for t in tasks]

    def _body(self, req: GenRequest, n: int, seed: int | None) -> tuple[str, dict]:
        body: dict = {"model": self.server_model, "max_tokens": max(1, req.max_new_tokens), "n": n,
                      "temperature": max(0.0, req.temperature)}
        if req.temperature > 0:
            body["top_p"] = req.top_p
        if seed is not None:
            body["seed"] = seed
        stops = literal_stops(req.stop)
        if stops:
            body["stop"] = stops
        if self.is_chat:
            messages = list(req.messages or [{"role": "user", "content": req.prompt or ""}])
            if req.prefix:
                messages.append({"role": "assistant", "content": req.prefix})
                body.update(continue_final_message=True, add_generation_prompt=False)
            body["messages"] = messages
            return "/chat/completions", body
        body["prompt"] = (req.prompt or "") + req.prefix
        return "/completions", body

    async def _post(self, req: GenRequest, n: int, seed: int | None) -> Answer | str:
        """The server's answer, checked; or why this request fails alone (one line)."""
        path, body = self._body(req, n, seed)
        self.requests += 1
        ans = await self.pool.request("POST", path, body, check=lambda a: shape_problem(a.body, self.is_chat))
        where = ans.endpoint.name if ans.endpoint else "the server"
        if 200 <= ans.status < 300 and ans.problem is None:
            return ans
        if ans.status == 404:
            raise self._error(f"server {where}: POST {path} answered 404: {error_text(ans)}")
        if ans.problem is not None:
            self.malformed += 1
            why = f"server {where} answered POST {path} with {ans.problem} on every try"
            if self.malformed == 1:
                self.notice(f"translate: warning: {why}; that unit fails")
            return why
        self.rejected += 1
        if self.rejected == 1:
            self.notice(f"translate: warning: server {where} refused a request (HTTP {ans.status}: "
                        f"{error_text(ans)}); that unit fails")
        return f"server {where} refused the request (HTTP {ans.status}: {error_text(ans)})"

    async def _one(self, req: GenRequest) -> GenResult:
        t0 = time.perf_counter()
        n = max(1, req.n)
        greedy = req.temperature <= 0  # n greedy answers are one answer n times (some servers refuse n > 1)
        ans = await self._post(req, 1 if greedy else n, req.seed)
        if isinstance(ans, str):
            return GenResult([], seconds=time.perf_counter() - t0, error=ans)
        # shapes checked by shape_problem: choices a non-empty list of dicts, ints where numbers belong
        choices = sorted(ans.body["choices"], key=lambda c: c.get("index", 0))[:n]
        usage = ans.body.get("usage") or {}
        prompt_tokens = usage.get("prompt_tokens") or 0
        used = usage.get("completion_tokens") or 0
        per_choice = [used / max(1, len(choices))] * len(choices)
        if greedy and choices:
            choices, per_choice = choices[:1] * n, per_choice[:1] * n
        c = len(choices)
        while c < n:  # a server that ignores n: the rest one by one, seeds offset
            more = await self._post(req, 1, None if req.seed is None else req.seed + c)
            if isinstance(more, str):
                return GenResult([], seconds=time.perf_counter() - t0, error=more)
            choices.append(more.body["choices"][0])
            per_choice.append(float((more.body.get("usage") or {}).get("completion_tokens") or 0))
            c += 1
        stops = compile_stops(req)
        texts, looped, tokens = [], [], 0
        for choice, spent in zip(choices, per_choice):
            text, kept = self._text(req, choice, stops)
            texts.append(text)
            cut = kept < 1.0
            looped.append(bool(choice.get("looped")) and not cut)
            # usage counts what the server generated; of a cut answer, the share that was kept (a local
            # engine stopped there: before its token budget)
            tokens += round(spent) if not cut else min(round(spent * kept), max(0, req.max_new_tokens - 1))
        self.server_tokens += round(sum(per_choice))
        self.kept_tokens += tokens
        return GenResult(texts, prompt_tokens=prompt_tokens, new_tokens=tokens, seconds=time.perf_counter() - t0,
                         looped=looped)

    def _text(self, req: GenRequest, choice: dict, stops: list[re.Pattern]) -> tuple[str, float]:
        """(prefix + answer, cut where a local engine would have stopped, before the first stop match;
        the share of the answer kept by that cut)."""
        if self.is_chat:
            content = (choice.get("message") or {}).get("content") or ""
            head = req.prefix.strip()
            # a server that answered afresh instead of continuing the prefix repeats it: keep its answer
            fresh = bool(head) and not self._prefill_known and content.startswith(head)
            text = content if fresh else req.prefix + content
        else:
            text = req.prefix + (choice.get("text") or "")
        start = len(req.prefix) if text.startswith(req.prefix) else 0
        at = stop_point(req, stops, text, start)
        kept = 1.0
        if at is not None and at < len(text):
            kept = (at - start) / max(1, len(text) - start)
            text = text[:at]
        return (cut_at_patterns(text, req.stop) if req.stop else text), kept


def open_remote(config, ref: str, notice: Callable[[str], None] | None = None) -> OpenAIBackend:
    """The backend for ``ref`` = ``openai:MODEL``: settings resolved, pool probed (ModelError on failure)."""
    from translate.engines.remote_settings import remote_settings

    settings = remote_settings(config, ref)
    return OpenAIBackend(settings, notice=notice, batch_size=config.batch_size)


__all__ = ["OpenAIBackend", "literal_stops", "open_remote", "safe_url", "shape_problem", "stop_point"]
