"""``translate eval humaneval-x`` and ``translate eval mtpb``: execution-based evaluation."""
from __future__ import annotations

import json
import sys
import time

import click

from translate.cli.main import main
from translate.cli.options import generation_options, model_options, open_model, shared
from translate.cli.sandbox_option import sandbox_option
from translate.errors import InputError

_DATA = click.option("--data", metavar="DIR", default=None,
                     help="Benchmark folder (default: ../shared/bench, or $TRANSLATE_BENCH_DIR). Never downloaded.")
_REPORT = shared("report", help="Write the full per-task record as JSON.")
_LIMIT = click.option("--limit", type=click.IntRange(min=1), default=None, metavar="N", help="Only the first N tasks.")
_QUIET = shared("quiet", help="No progress lines on stderr.")


@main.group("eval")
def eval_group() -> None:
    """Measure translation quality by running tests (HumanEval-X) or programs (MTPB) in a sandbox."""


def _progress(quiet: bool):
    start = time.perf_counter()

    def say(msg: str) -> None:
        if not quiet:
            click.echo(f"[{time.perf_counter() - start:7.1f}s] {msg}", err=True)
    return say


def _backend(config, say):
    backend = open_model(config, say)
    backend.load()  # every task needs the model: load it now, so the progress lines time the work
    return backend


def _write_report(path: str | None, report: dict) -> None:
    if path:
        from translate.fsutil import atomic_write_text

        atomic_write_text(path, json.dumps(report, indent=2, default=str) + "\n")


@eval_group.command("humaneval-x")
@click.option("--from", "source", default="python", show_default=True, metavar="LANG",
              help="Source language: python, javascript, java or cpp.")
@click.option("--to", "target", default="javascript", show_default=True, metavar="LANG", help="Target language.")
@_LIMIT
@click.option("--samples", type=click.IntRange(1, 200), default=1, show_default=True, metavar="K",
              help="Programs per task; pass@k for k = 1 and K (sampling at --temperature, 0.8 if unset).")
@_DATA
@_REPORT
@click.option("--baseline", type=click.Choice(["naive", "unverified"]), multiple=True,
              help="Also run, same model, same run: naive = a single-turn prompt with no validation or repair; "
                   "unverified = the pipeline with --verify off. Repeatable.")
@click.option("--tests", "tests_mode", type=click.Choice(["none", "example", "hidden"]), default="none",
              show_default=True,
              help="Test-guided pipeline: run the target's example tests (or the hidden tests: an oracle upper "
                   "bound) on each candidate and repair on failure.")
# --samples here is K programs per task (pass@K), not candidates per turn: its own option above. No default
# temperature: 0 (greedy), or 0.8 when K > 1, as the pass@k estimate needs different programs.
@generation_options("max_turns", "max_new_tokens", "temperature", "top_p", "seed", "rescue", "rule_answers", "batch_size",
                    temperature=None,
                    help_temperature="Default 0 (greedy); 0.8 with --samples > 1.",
                    help_max_new_tokens="Cap on generated tokens per answer (both systems).",
                    help_batch_size="Prompts per model batch.")
@click.option("--timeout", type=click.FloatRange(min=0.5), default=10.0, show_default=True,
              help="Seconds per program run.")
@click.option("--target-declaration", "declaration", is_flag=True,
              help="HumanEval-X's own protocol: every system is told the task function's target declaration "
                   "(the types its callers use); the pipeline also checks its answers' types against it.")
@click.option("--with-docs", "docs", is_flag=True,
              help="Give every system the task's source with its doc comment (HumanEval-X's prompt + canonical "
                   "solution) instead of the protocol's declaration + canonical solution: the behaviour checks "
                   "then read its documented examples, as in a real file.")
@click.option("--cache", "cache_path", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Keep the pipeline's answers in this unit cache as they arrive: a run stopped by a dead server, "
                   "Ctrl-C or kill -9 resumes from it (the same command again asks only for what is not there; "
                   "its seconds and tokens then count only the new answers). Not with --tests or --samples > 1.")
@shared("verify", help="Behaviour checks of the pipeline against the task's source program (never the benchmark's "
                       "tests): auto/require = on, off = syntax and signature checks only. Ignored with --tests.")
@model_options
@_QUIET
@sandbox_option()
def humaneval_x(source, target, limit, samples, data, report_path, baseline, tests_mode, max_turns,
                max_new_tokens, temperature, top_p, seed, rescue, rule_answers, timeout, declaration, docs,
                cache_path, batch_size, verify, backend_config, quiet) -> None:
    """Translate HumanEval-X programs and run the target language's tests on the result.

    Each task's source program (declaration + canonical solution) goes through the same pipeline as
    `translate file`; the translated function is assembled with the target test and run in the
    sandbox. Prints pass@1 (and pass@K), parse rate and repaired count; --report writes every task.
    """
    from translate.evaluation.humanevalx import eval_language, load_pairs
    from translate.evaluation.translation import (
        EvalSettings,
        evaluate_humanevalx,
        format_table,
    )
    from translate.translation.pipeline import TranslateOptions

    src, tgt = eval_language(source), eval_language(target)
    if src == tgt:
        raise InputError(f"--from and --to are both {src}")
    if not load_pairs(src, tgt, data, limit):
        raise InputError("no HumanEval-X tasks selected")
    from translate.sandbox import missing_tool

    missing = missing_tool(tgt)
    if missing:
        raise InputError(f"cannot run {tgt} programs here ({missing}): install the toolchain to evaluate --to {tgt}")
    temp = temperature if temperature is not None else (0.8 if samples > 1 else 0.0)
    opts = TranslateOptions(max_turns=max_turns, samples=1, temperature=temp, top_p=top_p, seed=seed,
                            batch_size=batch_size, max_new_tokens=max_new_tokens, verify=verify, rescue_samples=rescue,
                            rule_answers=rule_answers)
    say = _progress(quiet)
    backend = _backend(backend_config, say)
    if cache_path and tests_mode != "none":
        raise InputError("--cache keeps answers checked against the source only: not with --tests")
    if cache_path and samples > 1:
        raise InputError("--cache would give every sample of a task the first one's answers: not with --samples > 1")
    settings = EvalSettings(src, tgt, limit, samples, data, tests_mode, tuple(baseline), timeout, opts,
                            declaration=declaration, docs=docs, cache=cache_path)
    report = evaluate_humanevalx(settings, backend, say)
    _write_report(report_path, report)
    click.echo(format_table(report))


@eval_group.command("mtpb")
@_LIMIT
@_DATA
@_REPORT
# completion mode: one program per problem, no --samples/--max-turns; --max-gen-length is per turn, from the data
@generation_options("temperature", "top_p", "seed", "batch_size", help_temperature="0 = greedy.",
                    help_batch_size="Prompts per model batch.")
@click.option("--max-gen-length", type=click.IntRange(min=1), default=None, metavar="N",
              help="Cap on tokens per turn (default: each problem's max_gen_length, 256 when absent).")
@click.option("--timeout", type=click.FloatRange(min=0.5), default=20.0, show_default=True,
              help="Seconds per program run.")
@model_options
@_QUIET
@sandbox_option()
def mtpb_cmd(limit, data, report_path, temperature, max_gen_length, top_p, seed, timeout, batch_size, backend_config,
             quiet) -> None:
    """The Multi-Turn Programming Benchmark (CodeGen), completion mode.

    Every problem runs once per input: each turn's instruction is appended to the history as a
    comment and the model writes that turn's code. The final program runs in the sandbox and its
    last printed value is compared with the expected output. Score: passed pairs / pairs.
    """
    from translate.evaluation.mtpb import (
        generate_cases,
        load_mtpb,
        score_cases,
        summarize,
    )

    problems = load_mtpb(data)[:limit]
    say = _progress(quiet)
    backend = _backend(backend_config, say)
    t0 = time.perf_counter()
    cases = generate_cases(problems, backend, temperature=temperature, top_p=top_p, seed=seed, cap=max_gen_length,
                           on_turn=lambda step, n: say(f"turn {step}: {n} program(s)"))
    gen_seconds = time.perf_counter() - t0
    say(f"running {len(cases)} program(s) in the sandbox")
    score_cases(cases, timeout=timeout)
    summary = summarize(cases)
    from translate.sandbox import sandbox_report

    sandbox = sandbox_report()
    report = {"benchmark": "mtpb", "model": backend.model_id, "mode": "completion", "limit": limit,
              "temperature": temperature, "max_gen_length": max_gen_length, "generation_seconds": round(gen_seconds, 2),
              "wall_seconds": round(time.perf_counter() - t0, 2), "sandbox": sandbox,
              "sandbox_notes": sandbox["notes"],
              **summary, "cases": [c.to_dict() for c in cases]}
    _write_report(report_path, report)
    click.echo(f"MTPB ({report['mode']} mode): {summary['problems']} problem(s), {summary['pairs']} pair(s), "
               f"model {backend.model_id}")
    click.echo(f"pass rate {100 * summary['pass_rate']:.2f}% ({summary['passed']}/{summary['pairs']}); "
               f"{summary['uncomparable_pairs']} pair(s) with gold outputs the checker cannot compare; "
               f"generation {gen_seconds:.1f}s")
    sys.stdout.flush()
