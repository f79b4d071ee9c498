"""The engines this program knows, by name: ``--engine NAME`` and ``--model openai:...`` resolve here.

Each :class:`EngineEntry` names its engine class (``module:Class``, imported only when used, so the
transformers engine's torch is never imported by a llama.cpp or remote run) and says how to open it:

* a **local** engine opens model files: ``identify(spec, config)`` tells its :class:`Identity` from the files
  alone (cache lookups need no model), ``create(spec, ident, config)`` loads the model;
  ``check(spec, config)`` refuses a model or device it cannot run;
* a **remote** engine serves model references that start with its ``prefix``:
  ``connect(config, ref, notice)`` opens it (``openai:MODEL`` -> a pool of OpenAI-compatible servers);
* the **scripted** engine answers from a script (tests); it is listed for completeness, never opened here.

To add an engine: subclass :class:`translate.engines.base.Engine` and :func:`register` an entry for it below.
"""
from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from translate.engines.base import Engine, Identity
from translate.engines.resolve import ModelSpec
from translate.errors import ModelError


@dataclass(frozen=True)
class EngineEntry:
    name: str
    target: str  # "module:Class" of the engine class
    summary: str
    identify: Callable[[ModelSpec, Any], Identity] | None = None  # local engines
    create: Callable[[ModelSpec, Identity, Any], Engine] | None = None  # local engines: load the model
    check: Callable[[ModelSpec, Any], None] | None = None  # local engines: can it run this model here?
    prefix: str | None = None  # remote engines: the model references they serve
    connect: Callable[..., Engine] | None = None  # remote engines: (config, ref, notice) -> engine

    @property
    def local(self) -> bool:
        return self.create is not None

    def engine_class(self) -> type[Engine]:
        module, _, name = self.target.partition(":")
        return getattr(importlib.import_module(module), name)


_ENGINES: dict[str, EngineEntry] = {}


def register(entry: EngineEntry) -> EngineEntry:
    if entry.name in _ENGINES:
        raise ValueError(f"engine {entry.name!r} is registered already")
    _ENGINES[entry.name] = entry
    return entry


def get(name: str) -> EngineEntry:
    try:
        return _ENGINES[name]
    except KeyError:
        raise ModelError(f"unknown engine {name!r} ({', '.join(_ENGINES)})") from None


def entries() -> list[EngineEntry]:
    return list(_ENGINES.values())


def local_names() -> tuple[str, ...]:
    """The ``--engine`` choices besides ``auto``, in registration order."""
    return tuple(e.name for e in _ENGINES.values() if e.local)


def for_ref(ref: str | None) -> EngineEntry | None:
    """The remote engine that serves model reference ``ref`` (by its prefix), or None for a local model."""
    if not ref:
        return None
    return next((e for e in _ENGINES.values() if e.prefix and ref.startswith(e.prefix)), None)


# --- the built-in engines ------------------------------------------------------------------------------
def _llamacpp_identify(spec: ModelSpec, config) -> Identity:
    from translate.engines.identity import llamacpp_identity

    return llamacpp_identity(spec)


def _llamacpp_check(spec: ModelSpec, config) -> None:
    if spec.kind != "gguf":
        raise ModelError(f"--engine llamacpp needs a .gguf model file; {spec.ref} is a "
                         f"{'model directory' if spec.kind == 'dir' else 'hub id'} (use --engine transformers)")
    if config.device.startswith("cuda"):
        raise ModelError("--engine llamacpp runs on the CPU here; use --engine transformers for --device cuda")
    if not llamacpp_available():
        raise ModelError("--engine llamacpp needs the xllamacpp package (`pip install xllamacpp`)")


def llamacpp_available() -> bool:
    return importlib.util.find_spec("xllamacpp") is not None


def _llamacpp_create(spec: ModelSpec, ident: Identity, config) -> Engine:
    from translate.engines.llamacpp import LlamaCppBackend

    return LlamaCppBackend(spec, ident, batch_size=config.batch_size, threads=config.threads)


def _transformers_identify(spec: ModelSpec, config) -> Identity:
    from translate.engines.hf import identify

    return identify(spec, config)


def _transformers_create(spec: ModelSpec, ident: Identity, config) -> Engine:
    from translate.engines.hf import HFBackend

    return HFBackend(spec, ident, device=config.device, dtype=config.dtype, batch_size=config.batch_size,
                     threads=config.threads)


def _openai_connect(config, ref: str, notice=None) -> Engine:
    from translate.engines.openai_compat import open_remote

    return open_remote(config, ref, notice=notice)


def _remote_prefix() -> str:
    from translate.engines.remote_settings import PREFIX

    return PREFIX


register(EngineEntry("llamacpp", "translate.engines.llamacpp:LlamaCppBackend",
                     "GGUF files on the CPU through llama.cpp (xllamacpp)",
                     identify=_llamacpp_identify, create=_llamacpp_create, check=_llamacpp_check))
register(EngineEntry("transformers", "translate.engines.hf:HFBackend",
                     "Hugging Face models (directories, hub ids, GGUF) through transformers/torch; GPUs",
                     identify=_transformers_identify, create=_transformers_create))
register(EngineEntry("openai", "translate.engines.openai_compat:OpenAIBackend",
                     "a pool of OpenAI-compatible servers (vLLM, llama-server, translate serve)",
                     prefix=_remote_prefix(), connect=_openai_connect))
register(EngineEntry("scripted", "translate.engines.scripted:ScriptedBackend",
                     "answers from a script, for tests"))
