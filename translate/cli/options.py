"""The model options every generating command shares, gathered into one :class:`BackendConfig`.

A command decorated with :func:`model_options` receives ``backend_config`` instead of the separate
``--model/--engine/--device/--dtype/--threads`` values, the remote servers' ``--base-url/--api-key-env/
--api/--concurrency/--model-revision/--request-timeout`` and ``--trust-project`` (``--batch-size``, where
the command has it, is copied in too). New engine settings are added here once, not in every command.
"""
from __future__ import annotations

import functools

import click

from translate.engines.loader import ENGINES, BackendConfig
from translate.engines.remote_settings import APIS as REMOTE_APIS, DEFAULT_CONCURRENCY

_OPTIONS = [
    click.option("--model", "-m", metavar="MODEL", default=None,
                 help="Model pack name (`translate models`), .gguf file, model directory or Hugging Face id "
                      "(default: TRANSLATE_MODEL, [tool.translate] model, the best installed pack, "
                      "then the embedded SmolLM2)."),
    click.option("--engine", type=click.Choice(ENGINES), default="auto", show_default=True,
                 help="auto: llama.cpp for .gguf files on CPU, transformers for model directories, hub ids "
                      "and GPUs."),
    click.option("--device", default="auto", show_default=True, metavar="DEVICE",
                 help="auto, cpu, cuda or cuda:N (transformers engine)."),
    click.option("--dtype", type=click.Choice(["auto", "fp32", "bf16", "fp16"]), default="auto", show_default=True,
                 help="Weights dtype for transformers (auto: bf16/fp16 on GPU; on CPU bf16 where the CPU has AMX, "
                      "else fp32). GGUF files on llama.cpp keep their own quantization."),
    click.option("--threads", type=click.IntRange(1, 1024), default=None, metavar="N",
                 help="CPU threads for the model (default: every CPU this process may use)."),
    # remote models: --model openai:MODEL (see README "Remote inference servers")
    click.option("--base-url", "base_urls", multiple=True, metavar="URL",
                 help="OpenAI-compatible server for --model openai:MODEL (vLLM, llama-server, translate serve), "
                      "e.g. http://host:8000/v1; repeat or comma-separate for a pool (default: TRANSLATE_BASE_URL, "
                      "[tool.translate] base_url)."),
    click.option("--api-key-env", metavar="NAME", default=None,
                 help="Environment variable holding the servers' API key (default: OPENAI_API_KEY)."),
    click.option("--api", type=click.Choice(REMOTE_APIS), default="auto", show_default=True,
                 help="Remote endpoint: chat (/v1/chat/completions), completions (/v1/completions), or auto "
                      "(what the server reports, else from the model name)."),
    click.option("--concurrency", type=click.IntRange(1, 4096), default=None, metavar="N",
                 help=f"Remote requests in flight per server (default: {DEFAULT_CONCURRENCY})."),
    click.option("--model-revision", metavar="REV", default=None,
                 help="Revision of the remote model for the unit cache's keys (default: \"server\"); change it "
                      "when the server's weights change."),
    click.option("--request-timeout", type=click.FloatRange(min=0.1), default=None, metavar="SECONDS",
                 help="Timeout of one remote request (default: 600); a timed-out request is retried."),
    click.option("--trust-project", is_flag=True,
                 help="Take servers, API key variables and models outside the project from the nearest "
                      "pyproject.toml's [tool.translate] (default: only from projects listed in "
                      "~/.config/translate/config.toml `trusted` or TRANSLATE_TRUST)."),
]


def model_options(f):
    """Add the shared model options; the command gets them as ``backend_config``."""

    @functools.wraps(f)
    def wrapper(*args, model, engine, device, dtype, threads, base_urls, api_key_env, api, concurrency,
                model_revision, request_timeout, trust_project, **kw):
        kw["backend_config"] = BackendConfig(model=model, engine=engine, device=device, dtype=dtype,
                                             batch_size=kw.get("batch_size") or 32, threads=threads,
                                             base_urls=tuple(base_urls), api_key_env=api_key_env, api=api,
                                             concurrency=concurrency, model_revision=model_revision,
                                             request_timeout=request_timeout, trust_project=trust_project)
        return f(*args, **kw)

    for opt in reversed(_OPTIONS):
        wrapper = opt(wrapper)
    return wrapper


def open_model(config: BackendConfig, say=None):
    """The command's backend; the model itself loads when the first unit needs it (and says so)."""
    from translate.engines.loader import open_backend

    return open_backend(config, notice=say or (lambda msg: click.echo(msg, err=True)))
