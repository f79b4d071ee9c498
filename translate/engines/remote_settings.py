"""Where a remote (OpenAI-compatible) backend's settings come from: the flag, then the environment, then
the user's config file, then ``[tool.translate]`` in the nearest ``pyproject.toml`` (the same file the model
setting is read from): :func:`translate.config.resolve`.

``[tool.translate]`` keys: ``base_url`` (a string, comma-separated, or a list), ``api_key_env``, ``api``,
``concurrency``, ``model_revision``, ``request_timeout`` (``base_url`` and ``api_key_env`` only when the
user trusts the project: see translate.config.trust). Environment: ``TRANSLATE_BASE_URL``
(comma-separated). The API key itself is only ever read from an environment variable
(``OPENAI_API_KEY``, or the one ``--api-key-env`` names), never from a file or a flag.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from translate.config import resolve
from translate.errors import InputError

PREFIX = "openai:"
APIS = ("auto", "chat", "completions")
DEFAULT_CONCURRENCY = 32  # requests in flight per server (vLLM batches hundreds; llama.cpp queues the rest)
DEFAULT_TIMEOUT = 600.0  # seconds for one request (a long answer from a busy CPU server)
DEFAULT_KEY_ENV = "OPENAI_API_KEY"
URL_ENV = "TRANSLATE_BASE_URL"


@dataclass(frozen=True)
class RemoteSettings:
    model: str  # the server's model id ('' = the one model the pool serves)
    base_urls: tuple[str, ...]
    api_key: str | None  # kept out of repr: see __repr__
    api: str = "auto"
    concurrency: int = DEFAULT_CONCURRENCY
    model_revision: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    key_env: str = DEFAULT_KEY_ENV

    def __repr__(self) -> str:  # never the key
        return (f"RemoteSettings(model={self.model!r}, base_urls={self.base_urls!r}, api={self.api!r}, "
                f"concurrency={self.concurrency}, key={'set' if self.api_key else 'none'})")


def is_remote(ref: str | None) -> bool:
    return bool(ref) and ref.startswith(PREFIX)


def tool_config(start: Path | None = None, trust: bool = False) -> tuple[dict, Path | None]:
    """The usable ``[tool.translate]`` of the nearest pyproject.toml (and its path), or ``({}, None)``:
    ``base_url`` and ``api_key_env`` only from a trusted project (translate.config.trust)."""
    from translate.config.trust import project_config
    from translate.packs import is_pack_name

    return project_config(start, trust_flag=trust, is_pack=is_pack_name)


def normalize_url(url: str, where: str) -> str:
    """``http(s)://host[:port][/path]``; a bare server root gets ``/v1``."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        from translate.engines.openai_pool import safe_url

        raise InputError(f"{where}: {safe_url(url)!r} is not an http:// or https:// URL")
    if parts.path in ("", "/"):
        url += "/v1"
    return url


def _split(values) -> list[str]:
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for v in values or ():
        out += [p.strip() for p in str(v).split(",") if p.strip()]
    return out


def remote_settings(config, ref: str) -> RemoteSettings:
    """The settings for ``ref`` (``openai:MODEL``) from ``config`` (a BackendConfig), env and pyproject."""
    conf, path = tool_config(trust=getattr(config, "trust_project", False))

    def setting(flag, key: str, default=None, env_name: str | None = None, flag_name: str = ""):
        return resolve(flag, env_name, key, default, project=conf, project_path=path, flag_name=flag_name)

    urls_set = setting(tuple(config.base_urls), "base_url", (), URL_ENV, "--base-url")
    urls = _split(urls_set.value)
    if not urls:
        raise InputError(f"--model {ref} needs the server: pass --base-url URL (repeatable), set {URL_ENV}, "
                         f"or base_url under [tool.translate]")
    urls = list(dict.fromkeys(normalize_url(u, urls_set.where("base_url")) for u in urls))

    key_set = setting(config.api_key_env, "api_key_env", DEFAULT_KEY_ENV, flag_name="--api-key-env")
    named = key_set.layer != "default"
    key_env = str(key_set.value)
    key = os.environ.get(key_env) or None  # the key itself, from the variable the user names (not a setting)
    if named and key is None:
        raise InputError(f"the API key variable {key_env} (--api-key-env / api_key_env) is not set")

    api_set = setting(config.api if config.api != "auto" else None, "api", "auto", flag_name="--api")
    api = str(api_set.value)
    if api not in APIS:
        raise InputError(f"{api_set.where('api')} must be one of {', '.join(APIS)}, not {api!r}")
    con_set = setting(config.concurrency, "concurrency", DEFAULT_CONCURRENCY, flag_name="--concurrency")
    concurrency = _int(con_set.value, con_set.where("concurrency"))
    time_set = setting(config.request_timeout, "request_timeout", DEFAULT_TIMEOUT, flag_name="--request-timeout")
    timeout = _float(time_set.value, time_set.where("request_timeout"))
    rev = setting(config.model_revision, "model_revision", flag_name="--model-revision").value
    revision = str(rev) if rev else None
    return RemoteSettings(model=ref[len(PREFIX):].strip(), base_urls=tuple(urls), api_key=key, api=api,
                          concurrency=concurrency, model_revision=revision, timeout=timeout, key_env=key_env)


def _int(value, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(f"{where} must be a positive integer, not {value!r}")
    return value


def _float(value, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise InputError(f"{where} must be a positive number of seconds, not {value!r}")
    return float(value)
