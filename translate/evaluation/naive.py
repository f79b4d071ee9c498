"""The naive baseline: one single-turn prompt per program, no unit splitting, no validation, no repair.

"Translate this <source> function to <target>", greedy by default, on the same backend as the
pipeline, so the pipeline's lift is measured on the same model in the same run. A chat model gets one
user message (no system prompt, no worked example, no forced fence); a completion model gets the code
with a comment header and is cut with the target's truncate patterns. The code is the first fenced
block of the answer, or the whole answer when there is none.
"""
from __future__ import annotations

from translate.engines.base import Backend, GenRequest
from translate.evaluation.humanevalx import Problem
from translate.source.languages import get_language
from translate.translation.extract import split_fence
from translate.translation.pipeline import TranslateOptions


def naive_request(code: str, source: str, target: str, backend: Backend, options: TranslateOptions,
                  n: int = 1, declared: str = "") -> GenRequest:
    """``declared``: the target declaration its callers use (HumanEval-X's protocol), told to a chat model."""
    src, dst = get_language(source), get_language(target)
    budget = max(32, min(options.max_new_tokens, int(backend.count_tokens(code) * options.token_factor)
                         + options.token_slack))
    temperature = options.temperature if n == 1 else (options.temperature or 0.8)
    common = {"max_new_tokens": budget, "temperature": temperature, "top_p": options.top_p, "n": n,
              "seed": options.seed}
    if backend.is_chat:
        msg = f"Translate this {src.display} function to {dst.display}.\n\n```{src.fence}\n{code.rstrip()}\n```"
        if declared:
            msg += f"\n\nIts callers use this {dst.display} declaration:\n```{dst.fence}\n{declared}\n```"
        # stop once a fenced block has closed: no validation, only not paying for the chatter after it
        return GenRequest(messages=[{"role": "user", "content": msg}], stop=[],
                          is_complete=lambda text: split_fence(text)[1], **common)
    prompt = (f"{src.line_comment} {src.display} function:\n{code.rstrip()}\n\n"
              f"{dst.line_comment} The same function in {dst.display}:\n")
    return GenRequest(prompt=prompt, stop=list(dst.truncate_patterns), **common)


def naive_code(answer: str) -> str:
    code, _ = split_fence(answer)
    return code.strip("\n") + "\n" if code.strip() else ""


def naive_translations(problems: list[Problem], target: str, backend: Backend, options: TranslateOptions,
                       samples: int = 1, declared: list[str] | None = None) -> list[list[tuple[str, dict]]]:
    """For each problem, ``samples`` (code, info) pairs; one batched ``generate`` call for all. ``declared``: each
    problem's target declaration header (HumanEval-X's protocol), else none."""
    requests = [naive_request(p.source_program, p.language, target, backend, options, samples,
                              declared[i] if declared else "") for i, p in enumerate(problems)]
    results = backend.generate(requests) if requests else []
    out = []
    for res in results:
        per = max(1, len(res.texts))
        out.append([(naive_code(text), {"raw": text, "new_tokens": res.new_tokens // per}) for text in res.texts])
    return out
