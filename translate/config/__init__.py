"""Where every setting comes from, in one place.

Precedence, highest first: a command-line flag > a ``TRANSLATE_*`` environment variable > the user's
config file (``~/.config/translate/config.toml``) > the ``[tool.translate]`` table of the project's
``pyproject.toml`` (only its harmless keys unless the user trusts the project:
:mod:`translate.config.trust`) > the default.

:func:`resolve` walks that order for one setting (the commands' ``--model``, the remote servers' settings);
:func:`tool_table` is the one reader of ``[tool.translate]`` (the trust filter and the repo layout use it).

Every environment variable the package reads is declared in :data:`ENV_VARS` (name -> what it does);
:func:`env` refuses an undeclared name, and a test checks that the README's table lists every one, so a
new variable cannot appear without documentation. Modules read them through :func:`env`,
:func:`env_int` and :func:`env_flag`, never through ``os.environ`` directly (the tests and the benchmarks
read their own, also declared here).
"""
from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    "TRANSLATE_JAVAC": "`cold`: the behaviour checks start javac for every Java program instead of keeping one warm javac "
                       "in the sandbox",
    "TRANSLATE_PCH": "where the C++ drivers' precompiled header is kept (default TRANSLATE_HOME/pch; `off`: none)",
    "TRANSLATE_SANDBOX_HIDE": "more paths the sandbox hides (os.pathsep-separated)",
    "TRANSLATE_BENCH_DIR": "where the HumanEval-X/MTPB data lies (default ../shared/bench)",
    "TRANSLATE_REQUIRE_PACK": "tests: 1 turns every skip (pack, data, toolchain missing) into a failure (CI)",
    "TRANSLATE_TEST_PACK": "tests: the model pack tests/test_qwen_e2e.py runs (default qwen2.5-coder-1.5b)",
    "TRANSLATE_BENCH_ENGINE": "bench/translate_bench.py: the --engine of its runs (default auto)",
}


def env(name: str, default: str | None = None) -> str | None:
    """The environment variable ``name`` (declared in :data:`ENV_VARS`), or ``default`` when unset."""
    if name not in ENV_VARS:
        raise KeyError(f"{name} is not a declared setting (translate.config.ENV_VARS)")
    return os.environ.get(name, default)


def env_int(name: str, default: int, what: str = "a whole number") -> int:
    """An integer setting; unset or empty is ``default``. A value that is not a number is a one-line usage
    error: ``NAME must be WHAT, got 'VALUE'``."""
    raw = env(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        from translate.errors import InputError

        raise InputError(f"{name} must be {what}, got {raw!r}") from None


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


def user_config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME", "")
    if not os.path.isabs(base):  # unset, empty or relative: ignored, as the XDG spec says
        base = os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "translate" / "config.toml"


def user_config() -> dict:
    """The user's own config file (``{}`` when there is none): ``trusted`` roots and settings (``model``,
    ``base_url``, ``api_key_env``, ``api``, ``concurrency``, ``model_revision``, ``request_timeout``)."""
    path = user_config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        from translate.errors import InputError

        raise InputError(f"{path}: cannot read ({exc})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from translate.errors import InputError

        raise InputError(f"{path}: invalid TOML ({exc})") from None


def tool_table(path: Path, *, strict: bool = False) -> dict:
    """The raw ``[tool.translate]`` table of the pyproject.toml ``path`` (``{}`` without one). A file that
    cannot be read or parsed is ``{}``, or with ``strict`` a one-line InputError."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        if not strict:
            return {}
        from translate.errors import InputError

        raise InputError(f"{path}: cannot read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        if not strict:
            return {}
        from translate.errors import InputError

        raise InputError(f"{path}: invalid TOML ({exc})") from None
    tool = data.get("tool", {})
    table = tool.get("translate", {}) if isinstance(tool, dict) else {}
    return table if isinstance(table, dict) else {}


@dataclass(frozen=True)
class Setting:
    """A resolved value and where it came from: the flag's name, the variable's name, the user config
    file, the pyproject.toml (``layer`` says which of ``flag env user project default``)."""

    value: Any
    origin: str
    layer: str

    def where(self, key: str) -> str:
        """How an error names the setting: ``/p/pyproject.toml: [tool.translate] concurrency``."""
        if self.layer == "project":
            return f"{self.origin}: [tool.translate] {key}"
        if self.layer == "user":
            return f"{self.origin}: {key}"
        return self.origin


def _given(value) -> bool:
    return value is not None and (str(value).strip() != "" if isinstance(value, str) else value != ())


def resolve(flag: Any, env_name: str | None, key: str | None, default: Any = None, *,
            project: Mapping | Callable[[], tuple[Mapping, Path | None]] | None = None,
            project_path: Path | str | None = None, flag_name: str = "flag") -> Setting:
    """One setting: ``flag`` (None/empty: not given) > the variable ``env_name`` (when non-blank) > ``key``
    in the user's config file > ``key`` in ``project`` (the ``[tool.translate]`` table of ``project_path``,
    already filtered by :mod:`translate.config.trust`; a callable giving ``(table, path)`` is called only
    when the earlier layers are empty) > ``default`` (called when it is callable)."""
    if _given(flag):
        return Setting(flag, flag_name, "flag")
    if env_name is not None:
        raw = env(env_name)
        if _given(raw):
            return Setting(raw, env_name, "env")
    if key is not None:
        user = user_config().get(key)
        if _given(user):
            return Setting(user, str(user_config_path()), "user")
        if callable(project):
            project, project_path = project()
        if project and _given(project.get(key)):
            return Setting(project[key], str(project_path or "pyproject.toml"), "project")
    return Setting(default() if callable(default) else default, "default", "default")
