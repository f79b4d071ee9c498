"""``translate serve``: keep a model loaded and answer HTTP requests (used by the hook and the CLI)."""
from __future__ import annotations

import click

from translate.cli.main import main
from translate.cli.options import model_options, open_model, shared
from translate.config import env
from translate.errors import InputError
from translate.server import DEFAULT_READ_TIMEOUT
from translate.server.client import API_KEY_ENV


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Loopback by default; any other address needs --api-key.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port (0 picks a free one; the URL is printed).")
@shared("batch_size", help="Most requests merged into one generate call.")
@click.option("--max-body", type=click.IntRange(1024, 64 << 20), default=1 << 20, show_default=True,
              help="Refuse request bodies larger than this many bytes (HTTP 413).")
@click.option("--max-queue", type=click.IntRange(1, 10_000), default=64, show_default=True,
              help="Requests allowed to wait for the model before new ones get HTTP 503.")
@click.option("--api-key", default=None,
              help=f"Every request must send 'Authorization: Bearer KEY' (HTTP 401 otherwise). Required to "
                   f"listen on a non-loopback address. Default: {API_KEY_ENV}, which clients read too.")
@click.option("--read-timeout", type=click.FloatRange(0.05, 3600), default=DEFAULT_READ_TIMEOUT, show_default=True,
              help="Seconds a client has to send a request's head, and again its body (closed / HTTP 408 after).")
@model_options
def serve(host: str, port: int, batch_size: int, max_body: int, max_queue: int, api_key: str | None,
          read_timeout: float, backend_config) -> None:
    """Serve one warm model over HTTP until interrupted.

    Endpoints: POST /v1/completions (OpenAI-style: prompt, max_tokens, temperature, top_p, n, stop),
    POST /v1/translate, POST /v1/complete, GET /health. Requests are queued to a single model worker;
    waiting raw completions are batched together. Point the CLI and the pre-commit hook at it with
    TRANSLATE_SERVER=http://HOST:PORT (or --server).
    """
    from translate.server import bind, is_loopback, run, url_of

    api_key = (api_key if api_key is not None else env(API_KEY_ENV) or "").strip() or None
    if not is_loopback(host) and api_key is None:
        raise InputError(f"listening on {host} (not loopback) needs an API key: pass --api-key or set {API_KEY_ENV}")
    try:
        sock = bind(host, port)  # before loading the model: a busy port fails fast
    except OSError as exc:
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    from translate.server.app import create_app

    try:
        backend = open_model(backend_config)
        backend.load()  # a server loads its model up front
    except BaseException:
        sock.close()
        raise
    app = create_app(backend, max_body=max_body, max_batch=batch_size, max_queue=max_queue,
                     model_ref=backend_config.model, api_key=api_key, read_timeout=read_timeout)
    click.echo(f"translate: serving {backend.model_id} on {url_of(sock)} (Ctrl-C to stop)", err=True)
    run(app, sock, read_timeout)
