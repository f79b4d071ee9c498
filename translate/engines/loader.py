"""Resolve a model reference, pick an engine, and open a backend for it.

``open_backend`` returns a :class:`LazyBackend`: its identity (model id, revision, chat or completion
prompts) is known from the files alone, so cache lookups need no model; the weights load on the first
``generate`` or ``count_tokens``. A run whose units are all cached never loads a model.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Callable

from translate.engines.base import Backend, GenRequest, GenResult
from translate.engines.identity import Identity, identity_for
from translate.errors import ModelError
from translate.engines.resolve import ModelSpec, resolve_model

ENGINES = ("auto", "llamacpp", "transformers")


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
        engine = "llamacpp" if spec.kind == "gguf" and not gpu and _llamacpp_available() else "transformers"
    if engine == "llamacpp":
        if spec.kind != "gguf":
            raise ModelError(f"--engine llamacpp needs a .gguf model file; {spec.ref} is a "
                             f"{'model directory' if spec.kind == 'dir' else 'hub id'} (use --engine transformers)")
        if config.device.startswith("cuda"):
            raise ModelError("--engine llamacpp runs on the CPU here; use --engine transformers for --device cuda")
        if not _llamacpp_available():
            raise ModelError("--engine llamacpp needs the xllamacpp package (`pip install xllamacpp`)")
    return engine


def _llamacpp_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("xllamacpp") is not None


def _load(spec: ModelSpec, engine: str, ident: Identity, config: BackendConfig) -> Backend:
    if engine == "llamacpp":
        from translate.engines.llamacpp import LlamaCppBackend

        return LlamaCppBackend(spec, ident, batch_size=config.batch_size, threads=config.threads)
    from translate.engines.hf import HFBackend

    return HFBackend(spec, device=config.device, dtype=config.dtype, batch_size=config.batch_size,
                     threads=config.threads)


def open_backend(config: BackendConfig | None = None, *, notice: Callable[[str], None] | None = None) -> Backend:
    """A backend whose model loads on first use (``notice`` is told when that happens)."""
    config = config or BackendConfig()
    ref = remote_ref(config.model, config.trust_project)
    if ref is not None:  # a pool of OpenAI-compatible servers, probed now: errors before anything is written
        from translate.engines.openai_compat import open_remote

        return open_remote(config, ref, notice=notice)
    if config.base_urls:
        from translate.errors import InputError

        raise InputError("--base-url is for remote models: pass --model openai:NAME (or openai: for the one "
                         "model the servers serve)")
    spec = resolve_model(config.model, trust=config.trust_project)
    engine = pick_engine(spec, config)
    ident = identity_for(spec, engine, config)
    return LazyBackend(ident, lambda: _load(spec, engine, ident, config), batch_size=config.batch_size,
                       notice=notice)


def remote_ref(model: str | None, trust: bool = False) -> str | None:
    """``openai:MODEL`` when the model reference (``--model``, TRANSLATE_MODEL, ``[tool.translate] model``)
    names a remote one, else None (a project's pyproject names one only when it is trusted: config_trust)."""
    from translate.engines.remote_settings import is_remote
    from translate.engines.resolve import pyproject_model

    ref = model or os.environ.get("TRANSLATE_MODEL") or (pyproject_model(None, trust) or (None,))[0]
    return ref if is_remote(ref) else None


def load_backend(model: str | None = None, device: str = "auto", dtype: str = "auto", batch_size: int = 32,
                 threads: int | None = None, engine: str = "auto", *, config: BackendConfig | None = None) -> Backend:
    """A loaded backend (the model is in memory when this returns)."""
    config = config or BackendConfig(model, engine, device, dtype, batch_size, threads)
    backend = open_backend(config)
    backend.load()
    return backend


class LazyBackend:
    """The Backend protocol over a model that loads on first use."""

    def __init__(self, ident: Identity, load: Callable[[], Backend], *, batch_size: int = 32,
                 notice: Callable[[str], None] | None = None):
        self.identity = ident
        self.model_id = ident.model_id
        self.revision = ident.revision
        self.family = ident.family
        self.is_chat = ident.is_chat
        self.engine = ident.engine
        self._load = load
        self._notice = notice
        self._batch_size = batch_size
        self._inner: Backend | None = None

    @property
    def loaded(self) -> bool:
        return self._inner is not None

    def load(self) -> Backend:
        if self._inner is None:
            if self._notice:
                self._notice(f"loading model {self.model_id} ({self.engine})...")
            inner = self._load()
            if bool(inner.is_chat) != bool(self.is_chat):  # cache keys and prompts were built on our identity
                raise ModelError(f"{self.model_id}: the loaded model {'has' if inner.is_chat else 'lacks'} a chat "
                                 f"template, unlike what its files said; pass --engine explicitly")
            if hasattr(inner, "batch_size"):
                inner.batch_size = self._batch_size
            self._inner = inner
        return self._inner

    @property
    def batch_size(self) -> int:
        return self._batch_size

    @batch_size.setter
    def batch_size(self, n: int) -> None:
        self._batch_size = n
        if self._inner is not None and hasattr(self._inner, "batch_size"):
            self._inner.batch_size = n

    def generate(self, requests: list[GenRequest], on_result=None) -> list[GenResult]:
        from translate.engines.base import call_generate

        return call_generate(self.load(), requests, on_result) if requests else []

    def count_tokens(self, text: str) -> int:
        return self.load().count_tokens(text)

    def close(self) -> None:
        if self._inner is not None and hasattr(self._inner, "close"):
            self._inner.close()

    def __getattr__(self, name: str):
        # engine internals (tokenizer, render, model, ...) are reached through the loaded backend
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.load(), name)
