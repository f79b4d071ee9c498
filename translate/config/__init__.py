"""Where every setting comes from, in one place.

Precedence, highest first: a command-line flag > a ``TRANSLATE_*`` environment variable > the user's
config file (``~/.config/translate/config.toml``) > the ``[tool.translate]`` table of the project's
``pyproject.toml`` (only its harmless keys unless the user trusts the project:
:mod:`translate.config.trust`) > the default.

Every environment variable the package reads is declared in :data:`ENV_VARS` (name -> what it does);
:func:`env` refuses an undeclared name, and a test checks that the README's table lists every one, so a
new variable cannot appear without documentation. Modules read them through :func:`env`,
:func:`env_int` and :func:`env_flag`, never through ``os.environ`` directly.
"""
from __future__ import annotations

import os
from pathlib import Path

ENV_VARS: dict[str, str] = {
    "TRANSLATE_MODEL": "the model when no --model is given (a pack name, a GGUF/HF path or hub id, openai:NAME)",
    "TRANSLATE_HOME": "where model packs and the file-run unit cache live (default $XDG_CACHE_HOME/translate)",
    "TRANSLATE_BASE_URL": "OpenAI-compatible server URLs for openai: models (comma-separated)",
    "TRANSLATE_SERVER": "a running `translate serve` for `translate file` and `translate complete`",
    "TRANSLATE_SERVE_API_KEY": "the key `translate serve` requires, and that clients send",
    "TRANSLATE_TRUST": "project roots whose pyproject.toml may choose servers, keys and models (`*`: all)",
    "TRANSLATE_MAX_BYTES": "the largest source file read (bytes; default 2 MiB)",
    "TRANSLATE_PROMPT_PARTS": "chat prompt parts for measuring them (`system,keep` or `-example,+prefix`)",
    "TRANSLATE_LLAMACPP_SLOTS": "llama.cpp sequences decoded together (default: --batch-size, at most 8)",
    "TRANSLATE_LLAMACPP_VERBOSE": "1: show llama.cpp's own log",
    "TRANSLATE_DRAFT": "prompt-lookup draft length of the transformers decode loop (0: off; default 6)",
    "TRANSLATE_DECODE": "`generate`: the transformers engine uses model.generate instead of its own loop",
    "TRANSLATE_CPU_BF16": "0/1: bf16 on CPU for the transformers engine (default: where the CPU has AMX)",
    "TRANSLATE_BWRAP": "the bubblewrap binary the sandbox uses (empty: none)",
    "TRANSLATE_SANDBOX_HIDE": "more paths the sandbox hides (os.pathsep-separated)",
    "TRANSLATE_BENCH_DIR": "where the HumanEval-X/MTPB data lies (default ../shared/bench)",
    "TRANSLATE_REQUIRE_PACK": "tests: 1 turns every skip (pack, data, toolchain missing) into a failure (CI)",
}


def env(name: str, default: str | None = None) -> str | None:
    """The environment variable ``name`` (declared in :data:`ENV_VARS`), or ``default`` when unset."""
    if name not in ENV_VARS:
        raise KeyError(f"{name} is not a declared setting (translate.config.ENV_VARS)")
    return os.environ.get(name, default)


def env_int(name: str, default: int) -> int:
    """An integer setting; unset or empty is ``default``. A value that is not a number is a usage error."""
    raw = env(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        from translate.errors import InputError

        raise InputError(f"{name}={raw!r}: expected a whole number") from None


def env_flag(name: str) -> bool:
    """A yes/no setting: set to anything but ``""``/``0``/``false``/``no`` is yes."""
    return (env(name) or "").strip().lower() not in ("", "0", "false", "no")


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start`` (a file or a directory)."""
    start = start if start.is_dir() else start.parent
    for d in (start, *start.parents):
        cand = d / "pyproject.toml"
        if cand.is_file():
            return cand
    return None
