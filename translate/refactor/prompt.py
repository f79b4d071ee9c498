"""Multi-turn prompts for same-language rewrites: the instruction, the unit and its context; later turns
quote the rejected answer and what was wrong with it (a parse error, a changed signature, red tests).

Chat models get messages (rendered with their chat template by the backend) and a forced opening
fence. Completion models (CodeGen) get a plain code file with comment headers, and the answer is
forced to start with the unit's own decorators and ``def name`` when those must not change.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

from translate.engines.base import GenRequest
from translate.source.languages import Language
from translate.translation.extract import answer_complete
from translate.translation.prompts import turn_finals
from translate.translation.records import Attempt

SYSTEM = ("You are an expert {lang} programmer. You refactor code exactly as asked and change nothing else. "
          "Answer with a single fenced code block that contains only the rewritten {lang} code.")
FIRST = """Rewrite this {lang} {what}. Instruction: {instruction}
{context}{keep}

```{fence}
{code}
```"""
GLUE = """Rewrite this top-level {lang} code (imports, constants, statements). Instruction: {instruction}
Keep every statement; answer with the whole block, rewritten.

```{fence}
{code}
```"""
REPAIR = """Your answer was rejected: {problem}
Write the whole {what} again, corrected, in one fenced code block."""


@dataclass
class RewriteTask:
    lang: Language
    code: str  # the unit, dedented
    kind: str  # function | method | class | glue
    name: str
    instruction: str
    allow: frozenset[str] = frozenset()
    context: str = ""  # lines about the unit's surroundings (class, imports, other definitions)
    head: str = ""  # decorators + "def name": what a completion model's answer is forced to start with
    example: tuple[str, str] | None = None  # (before, after) shown to chat models as a first exchange
    start: str = ""  # what a chat model's answer is forced to start with, inside the fence (recipe-tuned)
    until: str = ""  # with ``start``: complete once this follows the forced start

    def key(self) -> dict:
        return {"lang": self.lang.name, "code": self.code, "kind": self.kind, "name": self.name,
                "instruction": self.instruction, "allow": sorted(self.allow), "context": self.context}


def _what(task: RewriteTask) -> str:
    return "top-level code" if task.kind == "glue" else f"{task.kind} `{task.name}`"


def _keep(task: RewriteTask) -> str:
    fixed = [w for k, w in (("name", f"the name `{task.name}`"), ("params", "the parameters"),
                            ("decorators", "the decorators")) if k not in task.allow]
    keep = f"Keep {', '.join(fixed)} and the behavior exactly. " if fixed else "Keep the behavior exactly. "
    return keep + f"Answer with the whole {task.kind}, rewritten."


def chat_messages(task: RewriteTask, attempts: list[Attempt]) -> list[dict]:
    fmt = dict(lang=task.lang.display, what=_what(task), instruction=task.instruction, fence=task.lang.fence,
               code=task.code.rstrip("\n"), context=task.context, keep=_keep(task))
    messages = [{"role": "system", "content": SYSTEM.format(**fmt)}]
    if task.example is not None and task.kind != "glue":
        before, after = task.example
        ex = RewriteTask(task.lang, before, "function", before.split("(")[0].split()[-1], task.instruction, task.allow)
        ex_fmt = {**fmt, "what": _what(ex), "code": before.rstrip("\n"), "context": "", "keep": _keep(ex)}
        messages += [{"role": "user", "content": FIRST.format(**ex_fmt)},
                     {"role": "assistant", "content": f"```{task.lang.fence}\n{after.rstrip()}\n```"}]
    messages.append({"role": "user", "content": (GLUE if task.kind == "glue" else FIRST).format(**fmt)})
    for a in turn_finals(attempts):
        messages.append({"role": "assistant", "content": f"```{task.lang.fence}\n{a.text.rstrip()}\n```"})
        messages.append({"role": "user", "content": REPAIR.format(problem=a.problem or "it did not validate",
                                                                  what=fmt["what"])})
    return messages


def _comment(lang: Language, text: str) -> str:
    return "\n".join(f"{lang.line_comment} {line}" for line in textwrap.wrap(text, 96))


def completion_prompt(task: RewriteTask, attempts: list[Attempt]) -> str:
    c = task.lang.line_comment
    parts = [_comment(task.lang, f"Task: {task.instruction}"), f"{c} Before:", task.code.rstrip("\n"), ""]
    finals = turn_finals(attempts)
    if finals:
        last = finals[-1]
        parts += [_comment(task.lang, f"Rejected rewrite ({last.problem or 'it did not validate'}):"),
                  last.text.rstrip("\n") or f"{c} (empty)", "", f"{c} After (corrected):"]
    else:
        parts.append(f"{c} After:")
    return "\n".join(parts) + "\n"


def build_request(task: RewriteTask, attempts: list[Attempt], *, chat: bool, max_new_tokens: int,
                  temperature: float, top_p: float, n: int, seed: int | None) -> GenRequest:
    glue = task.kind == "glue"
    if chat:
        req = GenRequest(messages=chat_messages(task, attempts), prefix=f"```{task.lang.fence}\n{task.start}",
                         max_new_tokens=max_new_tokens, temperature=temperature, top_p=top_p, n=n, seed=seed)
        if glue:
            req.is_complete = lambda text: answer_complete(text, task.lang, True) and "```" in text[4:]
        elif task.start and task.until:
            n = len(req.prefix)
            req.is_complete = lambda text: task.until in text[n:]
        else:
            req.is_complete = lambda text: answer_complete(text, task.lang, True)
        return req
    req = GenRequest(prompt=completion_prompt(task, attempts), prefix="" if glue else task.head,
                     max_new_tokens=max_new_tokens, stop=list(task.lang.truncate_patterns), temperature=temperature,
                     top_p=top_p, n=n, seed=seed)
    if not glue:
        req.is_complete = lambda text: answer_complete(text, task.lang, False)
    return req
