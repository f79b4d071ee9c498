"""HTTP client for ``translate serve``: the CLI and the pre-commit hook use a warm server when
``TRANSLATE_SERVER=http://...`` (or ``--server``) is set, and load the model in-process when it is down.
"""
from __future__ import annotations

from translate.config import env
from translate.errors import EXIT_USAGE, TranslateError

ENV_VAR = "TRANSLATE_SERVER"
API_KEY_ENV = "TRANSLATE_SERVE_API_KEY"  # the server's --api-key; the client sends it as a Bearer token
DEFAULT_TIMEOUT = 900.0  # a whole file's completion or translation can take minutes on CPU


class ServerUnavailable(Exception):
    """The server cannot be reached (connection refused, DNS, timeout while connecting)."""


class ServerError(TranslateError):
    """The server answered with an error status (its message is passed on)."""


def server_url(flag: str | None = None) -> str | None:
    """``--server`` wins over ``TRANSLATE_SERVER``; an empty value means in-process."""
    url = flag if flag is not None else env(ENV_VAR)
    url = (url or "").strip()
    if not url:
        return None
    if not url.startswith(("http://", "https://")):
        raise TranslateError(f"server URL must start with http:// or https://, got {url!r} (--server / {ENV_VAR})",
                             EXIT_USAGE)
    return url.rstrip("/")


class ServerClient:
    """One try per request: an error answer (a 4xx is the request's fault) becomes a one-line ServerError."""

    def __init__(self, url: str, timeout: float = DEFAULT_TIMEOUT, api_key: str | None = None):
        import httpx

        self.url = url.rstrip("/")
        self._httpx = httpx
        key = (api_key if api_key is not None else (env(API_KEY_ENV) or "")).strip()
        headers = {"authorization": f"Bearer {key}"} if key else None
        self._client = httpx.Client(base_url=self.url, timeout=httpx.Timeout(timeout, connect=5.0), trust_env=False,
                                    headers=headers)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> ServerClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _request(self, method: str, path: str, payload: dict | None = None) -> dict:
        httpx = self._httpx
        try:
            resp = self._client.request(method, path, json=payload)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise ServerUnavailable(f"{self.url} is not reachable ({_short(exc)})") from None
        except httpx.HTTPError as exc:
            raise ServerError(f"server {self.url}: {_short(exc)}", EXIT_USAGE) from None
        try:
            body = resp.json()
        except ValueError:
            body = None
        if resp.status_code >= 400:
            error = body.get("error") if isinstance(body, dict) else None
            message = error.get("message") if isinstance(error, dict) else None
            message = " ".join(str(message).split()) if message else f"HTTP {resp.status_code}"  # one line
            code = EXIT_USAGE if resp.status_code < 500 else 3
            raise ServerError(f"server {self.url}: {message}", code)
        if not isinstance(body, dict):
            raise ServerError(f"server {self.url}: the answer is not a JSON object", EXIT_USAGE)
        return body

    def health(self) -> dict:
        return self._request("GET", "/health")

    def complete(self, source: str, language: str, *, path: str | None = None, **options) -> dict:
        return self._request("POST", "/v1/complete", {"source": source, "language": language, "path": path, **options})

    def translate(self, source: str, source_language: str, target_language: str, *, path: str | None = None,
                  **options) -> dict:
        return self._request("POST", "/v1/translate", {"source": source, "source_language": source_language,
                                                       "target_language": target_language, "path": path, **options})

    def completions(self, prompt: str | list[str], **options) -> dict:
        return self._request("POST", "/v1/completions", {"prompt": prompt, **options})


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def connect(url: str | None, *, model: str | None = None, notice=None) -> ServerClient | None:
    """A client for a reachable server at ``url``, or None (with a one-line notice) to work in-process.

    With ``model`` set, a server that runs another model is not used either.
    """
    if not url:
        return None
    client = ServerClient(url)
    try:
        info = client.health()
    except ServerUnavailable as exc:
        client.close()
        if notice:
            notice(f"translate: server {exc}; loading the model in-process")
        return None
    except ServerError as exc:
        client.close()
        if notice:
            notice(f"translate: {exc}; loading the model in-process")
        return None
    served = str(info.get("model") or "")
    if model and model not in (served, info.get("model_ref")):
        client.close()
        if notice:
            notice(f"translate: server {url} runs {served or 'another model'}, not {model}; loading the model in-process")
        return None
    return client
