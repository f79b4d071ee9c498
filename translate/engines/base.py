"""The one small Protocol every model backend implements."""
from __future__ import annotations

from dataclasses import dataclass, field
import inspect
from collections.abc import Callable
from typing import Protocol, runtime_checkable


@dataclass
class GenRequest:
    """One prompt. ``prompt`` for completion models; ``messages`` for chat models (the builder
    fills the one that matches ``Backend.is_chat``)."""

    prompt: str | None = None
    messages: list[dict] | None = None
    prefix: str = ""  # text the answer is forced to start with (appended after the rendered prompt)
    max_new_tokens: int = 256
    stop: list[str] = field(default_factory=list)  # regexes (re.M); the answer is cut before the first match
    temperature: float = 0.0  # 0 = greedy
    top_p: float = 1.0
    n: int = 1  # candidates
    seed: int | None = None
    # Called with the decoded answer so far; True means "complete, stop this sequence".
    is_complete: object | None = None


@dataclass
class GenResult:
    texts: list[str]  # ``n`` candidates, already cut at the stop patterns
    prompt_tokens: int = 0
    new_tokens: int = 0  # summed over candidates
    seconds: float = 0.0
    looped: list[bool] = field(default_factory=list)  # per candidate: stopped because it was repeating itself
    # this request failed alone (its prompt does not fit the context, the server refused it with a 4xx, ...):
    # ``texts`` is empty and the other requests of the call are unaffected. One line, for the unit's reason.
    error: str | None = None


# ``on_result(i, result)``: request ``i``'s answer is complete. Backends call it as soon as each answer is
# in (possibly from a worker thread, never twice for one index), so callers can commit it before the rest
# of the call finishes; backends that answer a whole call at once call it for each result before returning.
OnResult = Callable[[int, "GenResult"], None]


@runtime_checkable
class Backend(Protocol):
    model_id: str  # what the user asked for (hub id, path)
    revision: str  # content identity for cache keys (commit hash, file hash)
    family: str  # "codegen", "chat", "completion", "scripted", ...
    is_chat: bool  # chat template available -> chat-format prompts

    def generate(self, requests: list[GenRequest], on_result: OnResult | None = None) -> list[GenResult]:
        """Answer every request (batched as the backend sees fit), results in request order.

        A request that cannot be answered on its own (too long for the context, refused by a server) gets a
        result with ``error`` set; only faults of the whole engine (model gone, server down after retries)
        raise. ``on_result`` is called once per request as its answer arrives (see :data:`OnResult`)."""
        ...

    def count_tokens(self, text: str) -> int: ...


_TAKES_ON_RESULT: dict[type, bool] = {}


def call_generate(backend: Backend, requests: list[GenRequest], on_result: OnResult | None = None) -> list[GenResult]:
    """``backend.generate(requests, on_result)``; for a backend written before ``on_result`` existed, the
    callback runs for each result once the whole call returned."""
    if on_result is None:
        return backend.generate(requests)
    kind = type(backend)
    takes = _TAKES_ON_RESULT.get(kind)
    if takes is None:
        try:
            takes = "on_result" in inspect.signature(backend.generate).parameters
        except (TypeError, ValueError):
            takes = False
        _TAKES_ON_RESULT[kind] = takes
    if takes:
        return backend.generate(requests, on_result=on_result)
    results = backend.generate(requests)
    for i, res in enumerate(results):
        on_result(i, res)
    return results
