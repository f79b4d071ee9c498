"""Every option more than one command has, defined once: the model options, the generation options and
the small shared ones (``--quiet``, ``--diff``, ``--lang``...).

A command decorated with :func:`model_options` receives ``backend_config`` instead of the separate
``--model/--engine/--device/--dtype/--threads`` values, the remote servers' ``--base-url/--api-key-env/
--api/--concurrency/--model-revision/--request-timeout`` and ``--trust-project`` (``--batch-size``, where
the command has it, is copied in too). :func:`generation_options` adds ``--max-turns --samples
--temperature --top-p --seed --batch-size --max-new-tokens`` (or the ones named) with the same ranges and
defaults in every command; a command that differs passes its default with a comment saying why.
:func:`shared` is one of the small options, with a command's own help where the words differ. New
settings are added here once, not in every command.
"""
from __future__ import annotations

import functools

import click

from translate.engines.loader import ENGINES, BackendConfig
from translate.engines.remote_settings import APIS as REMOTE_APIS
from translate.engines.remote_settings import DEFAULT_CONCURRENCY

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
                 help="CPU threads for the model (default: follows the machine: the CPUs this process may use, less other busy work; decided again between model calls)."),
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


# name -> (declarations, click.option arguments); `help` and `default` may be changed per command
_SHARED: dict[str, tuple[tuple[str, ...], dict]] = {
    "max_turns": (("--max-turns",), dict(
        type=click.IntRange(1, 10), default=3, show_default=True,
        help="Turns per unit: the first asks, later ones feed back what went wrong.")),
    "samples": (("--samples",), dict(
        type=click.IntRange(1, 32), default=1, show_default=True,
        help="Candidates per turn; the first that validates (and passes the tests) is kept.")),
    "temperature": (("--temperature",), dict(
        type=click.FloatRange(0, 2), default=0.0, show_default=True,
        help="0 = greedy. With --samples > 1 and 0 here, 0.8 is used.")),
    "top_p": (("--top-p",), dict(
        type=click.FloatRange(0, 1), default=0.95, show_default=True, help="Nucleus sampling threshold.")),
    "seed": (("--seed",), dict(type=int, default=None, help="Seed for sampling.")),
    "rescue": (("--rescue",), dict(
        type=click.IntRange(0, 16), default=0, show_default=True, metavar="K",
        help="One more turn of K sampled answers for a unit still failing (behaviour, compile, checks) when its "
             "turns ran out or it repeated itself; the answer that matches the most inputs is kept. 0: none "
             "(measured: no gain on inflection -> Java, 3x the time).")),
    "rule_answers": (("--rule-answers/--no-rule-answers",), dict(
        default=True, show_default=True,
        help="Java to Python, C++ to Python, Python to JavaScript and Python to C++: where a unit's answers "
             "differ from the source, try the source written in the target by rule and keep it when the behaviour "
             "check confirms it.")),
    "batch_size": (("--batch-size",), dict(
        type=click.IntRange(1, 256), default=32, show_default=True,
        help="Sequences decoded at once; finished ones are replaced by waiting ones (continuous batching).")),
    "max_new_tokens": (("--max-new-tokens",), dict(
        type=click.IntRange(8, 8192), default=1024, show_default=True, metavar="N",
        help="Cap on generated tokens per answer (the budget is about 2.5 times the unit's tokens, up to this).")),
    "verify": (("--verify",), dict(
        type=click.Choice(["auto", "require", "off"]), default="auto", show_default=True,
        help="Run each translated function against its source (Python, Java, C++ sources: documented examples, "
             "calls in the file, generated values; in the sandbox) and repair what differs. auto: check what can be "
             "checked, a unit that differs makes the exit code 1; require: also a unit that could not be "
             "checked; off: syntax and signature checks only.")),
    "quiet": (("--quiet", "-q"), dict(is_flag=True, help="No progress output.")),
    "diff": (("--diff", "show_diff"), dict(is_flag=True, help="Print a unified diff of every change; write nothing.")),
    "check": (("--check",), dict(is_flag=True, help="Write nothing; exit 1 if some file would change.")),
    "lang": (("--lang", "-l"), dict(metavar="LANG", default=None,
                                    help="Language of the files (default: from each extension).")),
    "report": (("--report", "report_path"), dict(
        metavar="FILE.json", default=None, type=click.Path(dir_okay=False, path_type=str),
        help="Write the per-unit record as JSON.")),
    "server": (("--server",), dict(
        metavar="URL", default=None,
        help="Use a warm `translate serve` (default: TRANSLATE_SERVER); in-process when it is down.")),
    "max_bytes": (("--max-bytes",), dict(
        type=click.IntRange(min=1), default=None, metavar="N",
        help="Refuse files larger than N bytes (default 2 MiB, or TRANSLATE_MAX_BYTES).")),
}
# option name -> TranslateOptions field, where they differ
FIELDS = {"rescue": "rescue_samples"}
GENERATION = ("max_turns", "samples", "temperature", "top_p", "seed", "rescue", "rule_answers", "batch_size",
              "max_new_tokens")


def shared(name: str, **changes):
    """The shared option ``name`` (a key of ``_SHARED``); ``changes`` replace its help or default."""
    decls, kwargs = _SHARED[name]
    return click.option(*decls, **{**kwargs, **changes})


def generation_options(*names: str, **defaults):
    """Add the generation options ``names`` (default: all of :data:`GENERATION`), in that order;
    ``defaults`` (``max_new_tokens=384``) change a default, ``help_NAME`` its help."""
    chosen = names or GENERATION

    def decorate(f):
        for name in reversed(chosen):
            changes = {}
            if name in defaults:
                changes["default"] = defaults[name]
            if f"help_{name}" in defaults:
                changes["help"] = defaults[f"help_{name}"]
            f = shared(name, **changes)(f)
        return f
    return decorate


def translate_options(kw: dict):
    """The :class:`TranslateOptions` of the generation options in ``kw`` (those a command has)."""
    from translate.translation.pipeline import TranslateOptions

    return TranslateOptions(**{FIELDS.get(k, k): kw[k] for k in (*GENERATION, "verify") if k in kw and kw[k] is not None})


def open_model(config: BackendConfig, say=None):
    """The command's backend; the model itself loads when the first unit needs it (and says so)."""
    from translate.engines.loader import open_backend

    return open_backend(config, notice=say or (lambda msg: click.echo(msg, err=True)))
