"""The OpenAI-style endpoints of ``translate serve`` beyond ``/v1/completions``, so that it is its own
reference server for ``--model openai:NAME`` (and any OpenAI client):

``POST /v1/chat/completions``  ``messages`` (a final assistant message is continued: its text is the
                               forced start of the answer, as vLLM's ``continue_final_message``),
                               ``max_tokens``, ``temperature``, ``top_p``, ``n``, ``stop``, ``seed``
``POST /tokenize``             ``prompt`` (vLLM) or ``content`` (llama.cpp) -> ``{"count": N}``: the
                               model's own token count, without special tokens (also ``/v1/tokenize``)

Each choice also carries ``looped``: generation stopped because the answer was repeating itself (our
engines' loop guard), so a remote client can tell that from a finished answer.
"""
from __future__ import annotations

import random
import re
import time
import uuid

from fastapi import FastAPI, Request
from pydantic import ConfigDict, Field

from translate.engines.base import Backend, GenRequest
from translate.errors import InputError, TranslateError
from translate.server.guard import CheckedBody


class ChatBody(CheckedBody):
    model_config = ConfigDict(extra="allow")  # clients send user, logprobs, add_generation_prompt, ...
    model: str | None = None
    messages: list[dict] = Field(min_length=1, max_length=256)
    max_tokens: int | None = Field(None, ge=1, le=4096)
    max_completion_tokens: int | None = Field(None, ge=1, le=4096)
    temperature: float = Field(1.0, ge=0.0, le=2.0)
    top_p: float = Field(1.0, gt=0.0, le=1.0)
    n: int = Field(1, ge=1, le=16)
    stop: str | list[str] | None = None
    stream: bool = False
    seed: int | None = None


class TokenizeBody(CheckedBody):
    model_config = ConfigDict(extra="allow")
    prompt: str | None = None
    content: str | None = None


def _content(message: dict, i: int) -> tuple[str, str]:
    role, content = message.get("role"), message.get("content")
    if role not in ("system", "user", "assistant", "developer"):
        raise TranslateError(f"messages.{i}.role: expected system, user or assistant, got {role!r}")
    if isinstance(content, list):  # [{"type": "text", "text": ...}, ...]
        parts = [p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") == "text"]
        content = "".join(parts)
    if not isinstance(content, str):
        raise TranslateError(f"messages.{i}.content: expected a string")
    return ("system" if role == "developer" else role), content


def stop_patterns(stop: str | list[str] | None) -> list[str]:
    """OpenAI's literal stop strings as the regexes our GenRequest takes."""
    stops = [stop] if isinstance(stop, str) else (stop or [])
    return [re.escape(s) for s in stops if s]


def finish_reason(backend: Backend, text: str, max_tokens: int) -> str:
    return "length" if backend.count_tokens(text) >= max_tokens else "stop"  # re-tokenized: an estimate


def add_openai_routes(app: FastAPI, backend: Backend, worker, wait) -> None:
    @app.post("/v1/chat/completions")
    async def chat(body: ChatBody, request: Request):
        if body.stream:
            raise TranslateError("stream=true is not supported; send stream=false")
        if not backend.is_chat:
            raise TranslateError(f"model {backend.model_id} has no chat template: use /v1/completions")
        messages = [dict(zip(("role", "content"), _content(m, i))) for i, m in enumerate(body.messages)]
        prefix = ""
        if messages[-1]["role"] == "assistant":  # continue it (vLLM continue_final_message, llama.cpp prefill)
            prefix = messages.pop()["content"]
        if not messages:
            raise TranslateError("messages: give at least one message before the assistant's")
        max_tokens = body.max_completion_tokens or body.max_tokens or 256
        greedy = body.temperature <= 0
        copies = body.n if greedy else 1  # n greedy answers are one answer n times
        seed = body.seed if body.seed is not None else random.randrange(1 << 30)
        req = GenRequest(messages=messages, prefix=prefix, max_new_tokens=max_tokens, stop=stop_patterns(body.stop),
                         temperature=body.temperature, top_p=body.top_p, n=1 if greedy else body.n, seed=seed)

        def choices(b: Backend, results):
            res = results[0]
            if res.error:  # too long for the context, ...: the client's to fix, not a server fault
                raise InputError(res.error)
            out = []
            for k, text in enumerate(res.texts):
                answer = text[len(prefix):] if text.startswith(prefix) else text
                looped = bool(res.looped[k]) if k < len(res.looped) else False
                reason = finish_reason(b, answer, max_tokens)
                for _ in range(copies):
                    out.append({"index": len(out), "message": {"role": "assistant", "content": answer},
                                "finish_reason": reason, "logprobs": None, "looped": looped})
            return out, res.prompt_tokens, res.new_tokens * copies

        out, pt, ct = await wait(worker.generate([req], choices), request)
        return {"id": f"chatcmpl-{uuid.uuid4().hex[:24]}", "object": "chat.completion", "created": int(time.time()),
                "model": backend.model_id, "choices": out,
                "usage": {"prompt_tokens": pt, "completion_tokens": ct, "total_tokens": pt + ct}}

    async def tokenize(body: TokenizeBody, request: Request):
        text = body.prompt if body.prompt is not None else body.content
        if text is None:
            raise TranslateError("give the text as prompt (or content)")
        n = await wait(worker.call(lambda b: b.count_tokens(text)), request)
        return {"count": n, "max_model_len": None}

    app.post("/tokenize")(tokenize)
    app.post("/v1/tokenize")(tokenize)
