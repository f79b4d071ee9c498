"""The engine contract: what every model engine (llama.cpp, transformers, an OpenAI-compatible pool, the
scripted test engine) offers its callers, and nothing else is asked of them.

:class:`Engine` is an abstract base class; an engine overrides ``generate`` and ``count_tokens`` and, where
its default does not fit, ``capacity``, ``load``/``loaded``, ``close`` and the class attributes
``engine`` (its registry name, :mod:`translate.engines.registry`) and ``concurrent``. Callers use these
members directly, never ``hasattr``/``getattr`` on an engine. :class:`Delegate` wraps an engine (counting,
cancelling) and forwards every member explicitly."""
from __future__ import annotations

import abc
from collections.abc import Callable
from dataclasses import dataclass, field


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
    # how many times one span of tokens may come before the answer counts as a loop and is stopped
    # (translate.engines.stopping.LoopGuard): more where the source itself repeats a line that often
    loop_repeats: int = 3


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


@dataclass(frozen=True)
class Identity:
    """What the cache keys and prompt builder need to know about a model, known before it loads."""

    model_id: str
    revision: str
    family: str  # codegen | chat | completion | scripted
    is_chat: bool
    engine: str  # the registry name: llamacpp | transformers | openai | scripted


class Engine(abc.ABC):
    """A model engine. Subclasses set ``model_id``, ``revision``, ``family`` and ``is_chat`` (instance or
    class attributes) and implement :meth:`generate` and :meth:`count_tokens`."""

    engine: str = ""  # the registry name (translate.engines.registry)
    concurrent: bool = False  # generate may be called from several threads at once (the server then does)
    # calls may overlap and :meth:`cancel` stops them: the job loop then judges answers as they arrive and
    # sends repair turns while other answers are decoded (translate.translation.loop)
    overlaps: bool = False
    model_id: str  # what the user asked for (hub id, path, openai:NAME)
    revision: str  # content identity for cache keys (commit hash, file hash)
    family: str  # "codegen", "chat", "completion", "scripted", ...
    is_chat: bool  # chat template available -> chat-format prompts
    batch_size: int = 32  # sequences decoded at once (writable: the pipeline sets it from its options)

    @abc.abstractmethod
    def generate(self, requests: list[GenRequest], on_result: OnResult | None = None) -> list[GenResult]:
        """Answer every request (batched as the engine sees fit), results in request order.

        A request that cannot be answered on its own (too long for the context, refused by a server) gets a
        result with ``error`` set; only faults of the whole engine (model gone, server down after retries)
        raise. ``on_result`` is called once per request as its answer arrives (see :data:`OnResult`)."""

    @abc.abstractmethod
    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` in this model's tokenizer (an estimate where the engine has none)."""

    @property
    def identity(self) -> Identity:
        return Identity(self.model_id, self.revision, self.family, bool(self.is_chat), self.engine)

    def capacity(self) -> int:
        """Requests worth sending in one ``generate`` call to keep the engine busy."""
        return max(1, self.batch_size)

    def cancel(self) -> None:
        """Stop every answer in flight (a caller that gave up: Ctrl-C): the calls return soon, and answers cut
        short are not told to ``on_result``. Engines with ``overlaps`` implement it."""
        return None

    def load(self) -> Engine:
        """Make sure the model is loaded (an engine that loads lazily does it now); returns the engine."""
        return self

    @property
    def loaded(self) -> bool:
        return True

    def close(self) -> None:
        """Free the model and its threads, servers, connections; the engine is not used after this."""
        return None  # nothing to free by default


Backend = Engine  # the old name, kept for the many modules (and tests) that import it


class Delegate(Engine):
    """An engine that forwards every contract member to ``inner``; subclasses override what they watch."""

    def __init__(self, inner: Engine):
        self.inner = inner

    engine = property(lambda self: self.inner.engine)
    concurrent = property(lambda self: self.inner.concurrent)
    overlaps = property(lambda self: self.inner.overlaps)
    model_id = property(lambda self: self.inner.model_id)
    revision = property(lambda self: self.inner.revision)
    family = property(lambda self: self.inner.family)
    is_chat = property(lambda self: self.inner.is_chat)

    @property
    def batch_size(self) -> int:
        return self.inner.batch_size

    @batch_size.setter
    def batch_size(self, n: int) -> None:
        self.inner.batch_size = n

    @property
    def identity(self) -> Identity:
        return self.inner.identity

    @property
    def loaded(self) -> bool:
        return self.inner.loaded

    def generate(self, requests: list[GenRequest], on_result: OnResult | None = None) -> list[GenResult]:
        return self.inner.generate(requests, on_result)

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def capacity(self) -> int:
        return self.inner.capacity()

    def load(self) -> Engine:
        self.inner.load()
        return self

    def cancel(self) -> None:
        self.inner.cancel()

    def close(self) -> None:
        self.inner.close()


def call_generate(backend: Engine, requests: list[GenRequest], on_result: OnResult | None = None) -> list[GenResult]:
    """``backend.generate(requests, on_result)`` (without the callback argument when there is none, so a
    test engine whose ``generate(requests)`` overrides the scripted one still works where none is asked)."""
    if on_result is None:
        return backend.generate(requests)
    return backend.generate(requests, on_result)
