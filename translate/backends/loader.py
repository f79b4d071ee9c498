"""Resolve a model reference and load a backend for it."""
from __future__ import annotations

from translate.backends.base import Backend
from translate.modelres import resolve_model


def load_backend(model: str | None = None, device: str = "auto", dtype: str = "auto", batch_size: int = 32,
                 threads: int | None = None) -> Backend:
    """``model``: hub id, local directory, .gguf file, or None for TRANSLATE_MODEL / pyproject / embedded."""
    spec = resolve_model(model)
    from translate.backends.hf import HFBackend

    return HFBackend(spec, device=device, dtype=dtype, batch_size=batch_size, threads=threads)
