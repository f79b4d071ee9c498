"""Resolve a model reference, pick an engine, and open a backend for it.

``open_backend`` returns a :class:`LazyBackend`: its identity (model id, revision, chat or completion
prompts) is known from the files alone, so cache lookups need no model; the weights load on the first
``generate`` or ``count_tokens``. A run whose units are all cached never loads a model. Engines are found
by name (``--engine``) or by model reference (``openai:``) in :mod:`translate.engines.registry`.
"""
from __future__ import annotations

import os
import weakref
from collections.abc import Callable
from dataclasses import dataclass, replace

from translate.engines import registry
from translate.engines.base import Engine, GenRequest, GenResult, Identity, OnResult
from translate.engines.resolve import ModelSpec, resolve_model
from translate.errors import ModelError

ENGINES = ("auto", *registry.local_names())  # the --engine choices


@dataclass(frozen=True)
class BackendConfig:
    """Everything that says which model runs and how; built from the CLI's shared model options."""

    model: str | None = None  # hub id, directory, .gguf, pack alias; None: TRANSLATE_MODEL, pyproject, default
    engine: str = "auto"  # auto | llamacpp | transformers
    device: str = "auto"  # auto | cpu | cuda | cuda:N
    dtype: str = "auto"  # auto | fp32 | bf16 | fp16 (transformers)
    batch_size: int = 32  # sequences decoded at once
    threads: int | None = None  # CPU threads (default: the CPUs this process may use)
    # remote models (``--model openai:MODEL``): see translate.engines.remote_settings
    base_urls: tuple[str, ...] = ()  # the pool; empty: TRANSLATE_BASE_URL, then [tool.translate] base_url
    api_key_env: str | None = None  # the variable holding the API key (default OPENAI_API_KEY)
    api: str = "auto"  # auto | chat | completions
    concurrency: int | None = None  # requests in flight per server
    model_revision: str | None = None  # the cache keys' revision (default "server")
    request_timeout: float | None = None  # seconds for one request
    trust_project: bool = False  # --trust-project: take remote/outside settings from pyproject (config_trust)

    def with_batch_size(self, n: int) -> BackendConfig:
        return replace(self, batch_size=n)


def _has_gpu() -> bool:
    """A CUDA device is present (without importing torch: checked through the driver's files)."""
    return os.path.exists("/proc/driver/nvidia/gpus") and bool(os.listdir("/proc/driver/nvidia/gpus"))


def pick_engine(spec: ModelSpec, config: BackendConfig) -> str:
    """``auto``: llama.cpp for GGUF files on CPU, transformers for model directories, hub ids and GPU runs."""
    engine = config.engine
    if engine not in ENGINES:
        raise ModelError(f"unknown --engine {engine!r} ({', '.join(ENGINES)})")
    gpu = config.device.startswith("cuda") or (config.device == "auto" and _has_gpu())
    if engine == "auto":
        engine = ("llamacpp" if spec.kind == "gguf" and not gpu and registry.llamacpp_available()
                  else "transformers")
    entry = registry.get(engine)
    if entry.check is not None:
        entry.check(spec, config)
    return engine


# Every backend open_backend returned that is still alive: a command closes them when it ends (close_opened), so
# a model's memory goes back then, not when the garbage collector next finds the engine (in-process callers such
# as the tests load one model after another).
_OPENED: weakref.WeakSet[Engine] = weakref.WeakSet()


def close_opened() -> None:
    """Close every backend :func:`open_backend` returned that is still alive (the CLI, when a command ends)."""
    for engine in list(_OPENED):
        _OPENED.discard(engine)
        engine.close()


def open_backend(config: BackendConfig | None = None, *, notice: Callable[[str], None] | None = None) -> Engine:
    """A backend whose model loads on first use (``notice`` is told when that happens)."""
    engine = _open_backend(config or BackendConfig(), notice)
    _OPENED.add(engine)
    return engine


def _open_backend(config: BackendConfig, notice: Callable[[str], None] | None) -> Engine:
    ref = remote_ref(config.model, config.trust_project)
    if ref is not None:  # a pool of OpenAI-compatible servers, probed now: errors before anything is written
        return registry.for_ref(ref).connect(config, ref, notice)
    if config.base_urls:
        from translate.errors import InputError

        raise InputError("--base-url is for remote models: pass --model openai:NAME (or openai: for the one "
                         "model the servers serve)")
    spec = resolve_model(config.model, trust=config.trust_project)
    entry = registry.get(pick_engine(spec, config))
    ident = entry.identify(spec, config)
    return LazyBackend(ident, lambda: entry.create(spec, ident, config), batch_size=config.batch_size,
                       notice=notice, concurrent=entry.engine_class().concurrent,
                       overlaps=entry.engine_class().overlaps)


def remote_ref(model: str | None, trust: bool = False) -> str | None:
    """``openai:MODEL`` when the model reference (``--model``, TRANSLATE_MODEL, the user's config,
    ``[tool.translate] model``) names a remote one, else None (a project's pyproject names one only when it is
    trusted: config_trust)."""
    from translate.engines.resolve import configured_model

    ref = configured_model(model, None, trust).value
    return ref if registry.for_ref(ref) is not None else None


def load_backend(model: str | None = None, device: str = "auto", dtype: str = "auto", batch_size: int = 32,
                 threads: int | None = None, engine: str = "auto", *, config: BackendConfig | None = None) -> Engine:
    """A loaded engine (the model is in memory when this returns; its internals, such as a transformers
    model's ``tokenizer``, are reachable)."""
    config = config or BackendConfig(model, engine, device, dtype, batch_size, threads)
    return open_backend(config).load()


class LazyBackend(Engine):
    """An engine over a model that loads on first use: its identity is known from the files; every member
    that needs the model loads it (:meth:`load`) and then delegates to the loaded engine."""

    def __init__(self, ident: Identity, load: Callable[[], Engine], *, batch_size: int = 32,
                 notice: Callable[[str], None] | None = None, concurrent: bool = False, overlaps: bool = False):
        self._identity = ident
        self.model_id = ident.model_id
        self.revision = ident.revision
        self.family = ident.family
        self.is_chat = ident.is_chat
        self.engine = ident.engine
        self.concurrent = concurrent  # the engine class says so: known without loading
        self.overlaps = overlaps
        self._load = load
        self._notice = notice
        self._batch_size = batch_size
        self._inner: Engine | None = None

    @property
    def identity(self) -> Identity:
        return self._identity

    @property
    def loaded(self) -> bool:
        return self._inner is not None

    def load(self) -> Engine:
        """Load the model now (once); returns the loaded engine (for its internals: tokenizer, model...)."""
        if self._inner is None:
            if self._notice:
                self._notice(f"loading model {self.model_id} ({self.engine})...")
            inner = self._load()
            if bool(inner.is_chat) != bool(self.is_chat):  # cache keys and prompts were built on our identity
                raise ModelError(f"{self.model_id}: the loaded model {'has' if inner.is_chat else 'lacks'} a chat "
                                 f"template, unlike what its files said; pass --engine explicitly")
            inner.batch_size = self._batch_size
            self._inner = inner
        return self._inner

    @property  # type: ignore[override]
    def batch_size(self) -> int:
        return self._batch_size

    @batch_size.setter
    def batch_size(self, n: int) -> None:
        self._batch_size = n
        if self._inner is not None:
            self._inner.batch_size = n

    def capacity(self) -> int:
        return self._inner.capacity() if self._inner is not None else max(1, self._batch_size)

    def generate(self, requests: list[GenRequest], on_result: OnResult | None = None) -> list[GenResult]:
        return self.load().generate(requests, on_result) if requests else []

    def count_tokens(self, text: str) -> int:
        return self.load().count_tokens(text)

    def cancel(self) -> None:
        if self._inner is not None:
            self._inner.cancel()

    def close(self) -> None:
        """Release the loaded model (a later use loads it again)."""
        inner, self._inner = self._inner, None
        if inner is not None:
            inner.close()
