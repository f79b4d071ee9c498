"""The language registry: an explicit dict, one module per language.

Adding a language = ``grammars/<name>/units.scm`` + a module here + one line in ``_MODULES``.
"""
from __future__ import annotations

import importlib
from pathlib import Path

from translate.errors import UnknownLanguageError
from translate.source.languages.base import Language, grammars_dir

_MODULES = {
    "python": "translate.source.languages.python",
    "javascript": "translate.source.languages.javascript",
    "typescript": "translate.source.languages.typescript",
    "java": "translate.source.languages.java",
    "c": "translate.source.languages.c",
    "cpp": "translate.source.languages.cpp",
    "go": "translate.source.languages.go",
    "rust": "translate.source.languages.rust",
    "csharp": "translate.source.languages.csharp",
}

REGISTRY: dict[str, Language] = {
    name: importlib.import_module(mod).LANGUAGE for name, mod in _MODULES.items()
}

_ALIASES = {alias: lang.name for lang in REGISTRY.values() for alias in (lang.name, *lang.aliases)}
_EXTENSIONS = {ext: lang.name for lang in REGISTRY.values() for ext in lang.extensions}


def get_language(name: str) -> Language:
    key = _ALIASES.get(name.strip().lower())
    if key is None:
        known = ", ".join(sorted(REGISTRY))
        raise UnknownLanguageError(f"unknown language {name!r} (known: {known})")
    return REGISTRY[key]


def language_for_path(path: str | Path, override: str | None = None) -> Language:
    if override:
        return get_language(override)
    suffix = Path(path).suffix.lower()
    key = _EXTENSIONS.get(suffix)
    if key is None:
        raise UnknownLanguageError(
            f"{path}: cannot tell the language from the extension {suffix or '(none)'!r}; pass --lang"
        )
    return REGISTRY[key]


def all_languages() -> list[Language]:
    return list(REGISTRY.values())


__all__ = ["Language", "REGISTRY", "get_language", "language_for_path", "all_languages", "grammars_dir"]
