"""The HTTP API of ``translate serve`` (FastAPI on uvicorn), one warm model behind a worker
(:mod:`translate.server.worker`: one model thread, or a thread per request for engines that batch
concurrent requests themselves, such as llama.cpp).

``POST /v1/completions``  OpenAI/FauxPilot-style raw completion (prompt, max_tokens, temperature, top_p,
                          n, stop; ``stream`` must be false)
``POST /v1/chat/completions``, ``POST /tokenize``: see :mod:`translate.server.openai_api`
``POST /v1/translate``    a source file in, the FileResult record (plus the assembled ``text``) out
``POST /v1/complete``     a source file in, the stub-completion record out
``GET  /health``          model identity and queue depth; ``GET /v1/models`` for OpenAI clients (each entry
                          also says, under ``translate``, whether the model is a chat model)

Errors are ``{"error": {"message", "type", "code"}}`` with 400 (bad JSON, bad fields, text that is not
valid Unicode, unknown language, input the parsers refuse, a prompt the model cannot take), 401 (API key
missing or wrong, when the server has one), 408 (body too slow), 413 (body over the limit), 503 (queue
full), 500 (the model failed). A client that disconnects has its queued work dropped and its running job
stopped at the job's next model call (:mod:`translate.server.guard` has the rest of the hardening).
"""
from __future__ import annotations

import asyncio
import json
import random
import time
import uuid

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import ConfigDict, Field
from starlette.exceptions import HTTPException

from translate import __version__
from translate.engines.base import Backend, GenRequest, GenResult
from translate.errors import EXIT_RESOURCE, InputError, TranslateError
from translate.server.guard import (
    DEFAULT_READ_TIMEOUT,
    CheckedBody,
    RequestGuard,
    RequestRefused,
)
from translate.server.openai_api import add_openai_routes, finish_reason, stop_patterns
from translate.server.worker import ConcurrentWorker, ModelWorker, QueueFull

DEFAULT_MAX_BODY = 1 << 20  # bytes


class CompletionsBody(CheckedBody):
    model_config = ConfigDict(extra="allow")  # clients send user, logprobs, ...: accepted, ignored
    model: str | None = None
    prompt: str | list[str]
    max_tokens: int = Field(16, ge=1, le=4096)
    temperature: float = Field(1.0, ge=0.0, le=2.0)
    top_p: float = Field(1.0, gt=0.0, le=1.0)
    n: int = Field(1, ge=1, le=16)
    stop: str | list[str] | None = None
    stream: bool = False
    seed: int | None = None


class TranslateBody(CheckedBody):
    source: str = Field(min_length=1)
    target_language: str
    source_language: str | None = None  # default: from ``path``'s extension
    path: str | None = None
    max_turns: int = Field(3, ge=1, le=10)
    samples: int = Field(1, ge=1, le=8)


class CompleteBody(CheckedBody):
    source: str = Field(min_length=1)
    language: str | None = None  # default: from ``path``'s extension
    path: str | None = None
    max_turns: int = Field(3, ge=1, le=10)
    context_tokens: int = Field(768, ge=0, le=8192)
    max_new_tokens: int = Field(384, ge=16, le=4096)


class ClientGone(Exception):
    """The client disconnected before its answer was ready (its work was dropped or stopped)."""


def _error(status: int, message: str, kind: str = "invalid_request_error", code: str | None = None,
           close: bool = False) -> Response:
    # ensure_ascii: a message may quote the client's text, which need not be encodable
    body = json.dumps({"error": {"message": message, "type": kind, "code": code}})
    return Response(body, status_code=status, media_type="application/json",
                    headers={"connection": "close"} if close else None)


def _language(name: str | None, path: str | None) -> str:
    from translate.source.languages import get_language, language_for_path

    if name:
        return get_language(name).name
    if path:
        return language_for_path(path).name
    raise TranslateError("give the language (or a path with a known extension)")


def _choices(backend: Backend, results: list[GenResult], max_tokens: int, copies: int = 1) -> tuple[list[dict], int, int]:
    """OpenAI ``choices`` and token usage; ``copies`` repeats each answer (greedy decoding with n > 1)."""
    choices, prompt_tokens, completion_tokens = [], 0, 0
    for i, res in enumerate(results):
        prompt_tokens += res.prompt_tokens
        completion_tokens += res.new_tokens * copies
        if res.error:  # this prompt cannot be answered (too long for the context, ...): the client's to fix
            raise InputError(f"prompt {i}: {res.error}" if len(results) > 1 else res.error)
        for k, text in enumerate(res.texts):
            reason = finish_reason(backend, text, max_tokens)
            looped = bool(res.looped[k]) if k < len(res.looped) else False
            for _ in range(copies):
                choices.append({"text": text, "index": len(choices), "logprobs": None, "finish_reason": reason,
                                "looped": looped})
    return choices, prompt_tokens, completion_tokens


def create_app(backend: Backend, *, max_body: int = DEFAULT_MAX_BODY, max_batch: int = 16, max_queue: int = 64,
               model_ref: str | None = None, concurrent: bool | None = None, api_key: str | None = None,
               read_timeout: float = DEFAULT_READ_TIMEOUT) -> FastAPI:
    """``concurrent``: a thread per request (default: when the backend says it is thread-safe);
    ``api_key``: every request must carry ``Authorization: Bearer KEY``; ``read_timeout``: seconds allowed
    to receive a request's body (408 after that)."""
    if concurrent is None:
        concurrent = bool(backend.concurrent)
    worker = (ConcurrentWorker if concurrent else ModelWorker)(backend, max_batch=max_batch, max_queue=max_queue)
    app = FastAPI(title="codegen-translate", version=__version__, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.worker = worker
    app.state.abandoned = 0  # requests whose client disconnected before the answer
    app.add_middleware(RequestGuard, max_body=max_body, body_timeout=read_timeout, api_key=api_key)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        first = errors[0] if errors else {}
        if first.get("type") == "json_invalid":
            return _error(400, f"invalid JSON body: {first.get('ctx', {}).get('error', 'cannot parse')}", code="bad_json")
        where = ".".join(str(p) for p in first.get("loc", ())[1:]) or "body"
        return _error(400, f"{where}: {first.get('msg', 'invalid value')}", code="invalid_field")

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException):
        if isinstance(exc.__cause__, RequestRefused):  # FastAPI wraps what the body reader raised
            return await _refused(request, exc.__cause__)
        return _error(exc.status_code, str(exc.detail), code="body_too_large" if exc.status_code == 413 else None)

    @app.exception_handler(RequestRefused)
    async def _refused(request: Request, exc: RequestRefused):
        return _error(exc.status, str(exc), code=exc.code, close=True)  # the rest of the body is not read

    @app.exception_handler(UnicodeError)
    async def _text(request: Request, exc: UnicodeError):
        return _error(400, f"text is not valid Unicode ({type(exc).__name__})", code="bad_text")

    @app.exception_handler(RecursionError)
    async def _deep(request: Request, exc: RecursionError):
        return _error(400, "input nested too deeply", code="too_deep")

    @app.exception_handler(ClientGone)
    async def _gone(request: Request, exc: ClientGone):
        return _error(499, "client closed the request", code="client_gone")  # nobody reads it

    @app.exception_handler(TranslateError)
    async def _user(request: Request, exc: TranslateError):
        if exc.exit_code == EXIT_RESOURCE:  # the model failed (out of memory, cannot run)
            return _error(500, str(exc), kind="server_error")
        return _error(400, str(exc))

    @app.exception_handler(QueueFull)
    async def _busy(request: Request, exc: QueueFull):
        return _error(503, f"server busy: {exc}", kind="server_busy")

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception):
        return _error(500, f"{type(exc).__name__}: {exc}", kind="server_error")

    async def wait(future, request: Request):
        """The answer of ``future``; if the client disconnects first, its work is abandoned (dropped if
        still queued, stopped at its next model call if running)."""
        answer = asyncio.wrap_future(future)
        gone = asyncio.ensure_future(_disconnected(request))
        try:
            await asyncio.wait({answer, gone}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            gone.cancel()
            if not answer.done():
                future.abandon()
                answer.cancel()
                app.state.abandoned += 1
        if answer.cancelled():
            raise ClientGone()
        return answer.result()

    @app.get("/health")
    async def health():
        return {"status": "ok", "model": backend.model_id, "model_ref": model_ref or backend.model_id,
                "revision": backend.revision, "family": backend.family, "is_chat": bool(backend.is_chat),
                "pending": worker.pending, "served": worker.served, "batches": worker.batches,
                "abandoned": app.state.abandoned, "dropped": worker.dropped, "stopped": worker.stopped,
                "version": __version__}

    @app.get("/v1/models")
    async def models():
        ours = {"is_chat": bool(backend.is_chat), "family": backend.family, "revision": backend.revision,
                "version": __version__}
        return {"object": "list", "data": [{"id": backend.model_id, "object": "model", "owned_by": "local",
                                            "translate": ours}]}

    @app.post("/v1/completions")
    async def completions(body: CompletionsBody, request: Request):
        if body.stream:
            raise TranslateError("stream=true is not supported; send stream=false")
        prompts = [body.prompt] if isinstance(body.prompt, str) else body.prompt
        if not prompts or len(prompts) > 32:
            raise TranslateError("prompt: give a string or a list of 1 to 32 strings")
        greedy = body.temperature <= 0  # n greedy answers are one answer n times
        copies = body.n if greedy else 1
        # sampled: n candidates of one request, seeded as in-process (candidate c of seed s: s * 1000003 + c)
        seed = body.seed if body.seed is not None else random.randrange(1 << 30)
        reqs = [GenRequest(prompt=p, max_new_tokens=body.max_tokens, stop=stop_patterns(body.stop),
                           temperature=body.temperature, top_p=body.top_p, n=1 if greedy else body.n, seed=seed)
                for p in prompts]
        choices, pt, ct = await wait(worker.generate(reqs, lambda b, res: _choices(b, res, body.max_tokens, copies)),
                                          request)
        return {"id": f"cmpl-{uuid.uuid4().hex[:24]}", "object": "text_completion", "created": int(time.time()),
                "model": backend.model_id, "choices": choices,
                "usage": {"prompt_tokens": pt, "completion_tokens": ct, "total_tokens": pt + ct}}

    add_openai_routes(app, backend, worker, wait)

    @app.post("/v1/translate")
    async def translate(body: TranslateBody, request: Request):
        from translate.source.languages import get_language
        from translate.translation.pipeline import TranslateOptions, translate_source

        src, tgt = _language(body.source_language, body.path), get_language(body.target_language).name
        opts = TranslateOptions(max_turns=body.max_turns, samples=body.samples)
        res = await wait(worker.call(lambda b: translate_source(body.source, src, tgt, b, opts, path=body.path)),
                         request)
        return {**res.to_dict(), "text": res.text}

    @app.post("/v1/complete")
    async def complete(body: CompleteBody, request: Request):
        from translate.complete.run import CompleteOptions, complete_source

        lang = _language(body.language, body.path)
        opts = CompleteOptions(max_turns=body.max_turns, context_tokens=body.context_tokens,
                               max_new_tokens=body.max_new_tokens)
        res = await wait(worker.call(lambda b: complete_source(body.source, lang, b, opts, path=body.path)),
                         request)
        return res.to_dict()

    return app


async def _disconnected(request: Request) -> None:
    """Returns when the client has gone (the body has been read by then: what follows is the disconnect)."""
    while (await request.receive())["type"] != "http.disconnect":
        await asyncio.sleep(0)
