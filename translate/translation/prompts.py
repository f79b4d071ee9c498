"""The multi-turn prompt builder: turn 1 asks, later turns quote what went wrong and ask again.

Templates are data (``translate/templates/translate.toml``): a chat format for instruction models
(rendered with the model's chat template by the backend) and a plain-code completion format for
CodeGen-style models. The builder only fills them in.
"""
from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate.config import env
from translate.engines.base import GenRequest
from translate.engines.stopping import loop_repeats
from translate.source.languages import Language
from translate.translation.java_pairs import pair_hints
from translate.translation.java_tables import shorten_tables
from translate.translation.pitfalls import pitfalls
from translate.translation.records import Attempt

TEMPLATES = Path(__file__).resolve().parent / "templates"


@functools.cache
def templates(name: str = "translate") -> dict:
    return tomllib.loads((TEMPLATES / f"{name}.toml").read_text(encoding="utf-8"))


@dataclass
class UnitContext:
    """What the prompt tells the model besides the unit itself."""

    parent: str | None = None  # enclosing class
    names: list[str] = field(default_factory=list)  # the target names of the other units in the file
    calls: list[str] = field(default_factory=list)  # source lines that call the unit (translate.translation.callsites)
    test_calls: list[str] = field(default_factory=list)  # target-language lines of the user's tests that call it
    # ``translate repo`` (translate.project.context): what the unit uses from other files of the project, as
    # target-language signatures, and whether it is a test function of a test file
    imported: list[str] = field(default_factory=list)
    test: bool = False
    shape: str = ""  # a class's own target outline (``class A extends B { constructor(x); m(y) }``)
    # a method of a big class translated on its own (translate.translation.bigclass): the class's source
    # skeleton (method bodies left out), shown before the method
    outline: str = ""
    # a migrated test (``translate repo``): the target names of the project code its source calls; an answer
    # that calls none of them (mocks, its own copies) gets a repair turn
    must_call: list[str] = field(default_factory=list)
    # a pytest test function whose parameters the runner passes (parametrize cases, fixtures), source names
    test_args: list[str] = field(default_factory=list)
    # the calls of a module the target gets with the source's API (``re.sub``: translate.project's shims), which
    # the answer keeps as they are; an answer that drops one gets a repair turn
    keep_calls: list[str] = field(default_factory=list)
    # a helper of a pytest test file that takes pytest's fixtures from the tests that call it (``capsys``)
    fixtures: list[str] = field(default_factory=list)
    # top-level code: the target names of the file's units, which its answer must not define again (not shown)
    units: list[str] = field(default_factory=list)
    # the target header its callers fix (translate.translation.declared: HumanEval-X's target declaration)
    declared: str = ""
    # ``translate repo``: the unit's source file, for a check of its answers in the project (not in the key)
    where: str = ""
    # long literal tables of a Java class, shortened in the prompt: field name -> the Python value the answer
    # gets by rule (translate.translation.java_tables)
    literal_tables: dict[str, str] = field(default_factory=dict)
    # a big class's skeleton whose constructor is a unit of its own (translate.translation.bigclass): its instance
    # fields are set there, not in the skeleton's answer
    constructor_apart: bool = False
    # ``translate repo``, Java to Python: the project's own methods named as a JDK call java_leftovers rewrites
    java_methods: list[str] = field(default_factory=list)

    def key(self) -> str:
        key = f"{self.parent}|{';'.join(self.names)}|{chr(10).join(self.calls)}|{chr(10).join(self.test_calls)}"
        if self.units:  # top-level code's answer is cleaned with them
            key += "|units=" + ";".join(self.units)
        if self.imported or self.test or self.shape:
            key += f"|{chr(10).join(self.imported)}|test={self.test}|{self.shape}"
        if self.outline:
            key += f"|outline={self.outline}"
        if self.must_call:
            key += f"|must_call={','.join(self.must_call)}"
        if self.test_args:
            key += f"|test_args={','.join(self.test_args)}"
        if self.keep_calls:
            key += f"|keep_calls={','.join(self.keep_calls)}"
        if self.fixtures:
            key += f"|fixtures={','.join(self.fixtures)}"
        if self.declared:
            key += f"|declared={self.declared}"
        if self.constructor_apart:
            key += "|constructor_apart"
        if self.java_methods:
            key += "|java_methods=" + ",".join(self.java_methods)
        if self.literal_tables:
            key += "|tables=" + ";".join(f"{k}={v}" for k, v in sorted(self.literal_tables.items()))
        return key


# Set by ``translate repo`` around a pipeline call (translate.project.context): a function of (source path,
# unit) giving more :class:`UnitContext` fields for that unit. A context variable, so the pipeline's signature
# stays as it is and other callers (``translate file``, eval) see nothing of it.
PROJECT_CONTEXT: ContextVar[Callable[[str | None, Any], dict[str, Any]] | None] = \
    ContextVar("translate_project_context", default=None)


# ``translate repo`` with a typed target: ``(source path, unit name, kind, answer) -> problem | None``, a check of
# each answer in the project (translate.project.java_compile), set around the pipeline's calls like the context
PROJECT_CHECK: ContextVar[Callable[[str, str, str, str], str | None] | None] = \
    ContextVar("translate_project_check", default=None)


def project_context(path: str | None, unit) -> dict[str, Any]:
    """More :class:`UnitContext` fields for a unit of the file ``path`` (none outside ``translate repo``)."""
    from translate.translation.declared import declared_for

    provider = PROJECT_CONTEXT.get()
    extra = provider(path, unit) if provider is not None else {}
    declared = declared_for(path, getattr(unit, "name", "")) if getattr(unit, "kind", "") in ("function", "method") else ""
    return {**extra, "declared": declared} if declared else extra


@dataclass
class TranslationTask:
    source: Language
    target: Language
    code: str
    kind: str  # function | method | class | glue
    name: str
    context: UnitContext = field(default_factory=UnitContext)
    target_name: str = ""  # the name the answer must have (translate.translation.naming); default: ``name``


def _what(kind: str) -> str:
    return {"glue": "top-level code", "method": "method"}.get(kind, kind)


def _context_text(task: TranslationTask, t: dict, parts: frozenset[str]) -> str:
    out = ""
    if task.context.outline:  # always: a method of a split class cannot be translated without its class
        out += t["context_nested" if task.kind == "class" else "context_outline"].format(source=task.source.display, cls=task.context.parent,
                                           fence=task.source.fence, skeleton=task.context.outline.rstrip("\n"),
                                           target=task.target.display)
        if task.kind == "method" and task.name in ("__init__", "constructor", task.context.parent):  # bigclass
            out += t["context_constructor"].format(target=task.target.display, name=task.name)
    elif "context" in parts and task.context.parent:
        out += t["context_class"].format(parent=task.context.parent)
    if "context" in parts and task.context.names:
        out += t["context_names"].format(names=", ".join(f"`{n}`" for n in task.context.names[:12]),
                                         target=task.target.display)
    if "project" in parts and task.context.imported:
        out += t["context_imported"].format(fence=task.target.fence, lines="\n".join(task.context.imported),
                                            target=task.target.display)
    if "project" in parts and task.context.shape:
        rules = templates().get("project", {}).get(task.target.name, {})
        out += t["context_shape"].format(fence=task.target.fence, shape=task.context.shape, target=task.target.display,
                                         rules=rules.get("class_rules", ""))
    if "project" in parts and task.context.test:
        rules = templates().get("tests", {}).get(task.target.name, {})
        key = "class_rules" if task.kind == "class" else "rules"  # a unittest class / a test function
        if rules.get(key):
            intro = (rules.get("class_intro") or t["context_test_class"]) if task.kind == "class" else t["context_test"]
            out += intro.format(target=task.target.display, source=task.source.display, rules=rules[key])
        if task.context.test_args and rules.get("params"):  # pytest: the runner passes the cases and fixtures
            out += rules["params"].format(params=", ".join(f"`{a}`" for a in task.context.test_args)) + "\n"
            fixtures = set(task.context.test_args) & set(rules.get("fixtures", {}))
            out += "".join(rules["fixtures"][f] + "\n" for f in sorted(fixtures))
    if "project" in parts and task.context.fixtures and not task.context.test:  # a test file's helper
        known = templates().get("tests", {}).get(task.target.name, {}).get("fixtures", {})
        out += "".join(known[f] + "\n" for f in sorted(set(task.context.fixtures) & set(known)))
    if task.context.declared:  # a fact the caller gives, on whatever prompt elements are on
        out += t["context_declared"].format(fence=task.target.fence, lines=task.context.declared,
                                            target=task.target.display)
    if "calls" not in parts:
        return out
    if task.context.calls:
        out += t["context_calls"].format(fence=task.source.fence, lines="\n".join(task.context.calls))
    if task.context.test_calls and task.target.static_types:
        # typed targets only: measured on Java -> Python with --tests example, showing the tests' calls on
        # the first turn lost 4 of 40 tasks and won 1 (bench/RESULTS.md, `## prompts`)
        out += t["context_test_calls"].format(fence=task.target.fence, lines="\n".join(task.context.test_calls),
                                              target=task.target.display)
    return out


def _fmt(template: str, task: TranslationTask, **extra) -> str:
    values = dict(
        source=task.source.display, target=task.target.display, what=_what(task.kind), name=task.name,
        target_name=task.target_name or task.name,
        named="" if task.kind == "glue" else f" `{task.target_name or task.name}`",
        code=task.code.rstrip("\n"), hint=task.target.hint, source_fence=task.source.fence,
        target_fence=task.target.fence, source_comment=task.source.line_comment,
        target_comment=task.target.line_comment,
    )
    values.update(extra)
    return template.format(**values)


CHAT_PARTS = ("system", "example", "context", "calls", "keep", "hint", "prefix", "pitfalls", "project", "repeat",
              "fresh")


def chat_parts() -> frozenset[str]:
    """The prompt elements chat models get: ``[chat] parts`` in the templates, or ``TRANSLATE_PROMPT_PARTS``
    (a list such as ``system,keep`` or changes such as ``-example,+prefix``), for measuring each element
    against the naive prompt (bench/eval_bench.py)."""
    parts = set(templates()["chat"].get("parts", CHAT_PARTS))
    spec = (env("TRANSLATE_PROMPT_PARTS") or "").replace(" ", "")
    if spec:
        items = [x for x in spec.split(",") if x]
        if all(x[0] in "+-" for x in items):
            for x in items:
                (parts.add if x[0] == "+" else parts.discard)(x[1:])
        else:
            parts = set(items)
    unknown = parts - set(CHAT_PARTS)
    if unknown:
        raise ValueError(f"unknown prompt parts {sorted(unknown)} (known: {', '.join(CHAT_PARTS)})")
    return frozenset(parts)


def chat_messages(task: TranslationTask, attempts: list[Attempt]) -> tuple[list[dict], str]:
    """(messages, forced answer prefix) for a chat model, including earlier failed turns."""
    t = templates()["chat"]
    parts = chat_parts()
    messages = [{"role": "system", "content": _fmt(t["system"], task)}] if "system" in parts else []
    first = t["glue"] if task.kind == "glue" else t["first"]
    examples = templates()["glue_examples" if task.kind == "glue" else "examples"]
    src_ex, dst_ex = examples.get(task.source.name), examples.get(task.target.name)
    keep = _fmt(t["keep"], task) if "keep" in parts else ""
    hint = f"{task.target.hint}\n" if "hint" in parts and task.target.hint else ""
    if "example" in parts and src_ex and dst_ex:
        kind, name = ("glue", "glue") if task.kind == "glue" else ("function", "count_vowels")
        ex_task = TranslationTask(task.source, task.target, src_ex["code"], kind, name)
        ex_keep = _fmt(t["keep"], ex_task) if "keep" in parts else ""
        messages.append({"role": "user", "content": _fmt(first, ex_task, context="", keep=ex_keep, hint=hint)})
        messages.append({"role": "assistant", "content": f"```{task.target.fence}\n{dst_ex['code'].rstrip()}\n```"})
    context = _context_text(task, t, parts)
    finals = turn_finals(attempts)
    notes = "".join(t["note"].format(note=n) for n in pitfalls(task.code, task.source, task.target)) \
        if task.kind != "glue" and (finals or "pitfalls" in parts) else ""
    if "pitfalls" in parts:  # the same notes on the first turn too
        context += notes
    if "fresh" in parts and task.kind != "glue" and _stuck(finals):
        problems = " ".join(dict.fromkeys((a.problem or "it did not validate").strip() for a in finals))
        context += _fmt(t["fresh"], task, problems=problems) + notes
        messages.append({"role": "user", "content": _fmt(first, task, context=context, keep=keep, hint=hint)})
        return messages, (_fmt(t["prefix"], task) if "prefix" in parts else "")
    messages.append({"role": "user", "content": _fmt(first, task, context=context, keep=keep, hint=hint)})
    seen: set[str] = set()
    for a in _fitting(finals, sum(len(m["content"]) for m in messages), len(notes)):
        shown = shorten_tables(a.text.rstrip(), task.context.literal_tables)  # as the first prompt showed them
        if a.problem and a.problem.startswith("the answer never finished"):
            shown = "\n".join(shown.split("\n")[:6]) + "\n..."
        messages.append({"role": "assistant", "content": f"```{task.target.fence}\n{shown}\n```"})
        problem = _told(task, a.problem or "it did not validate")
        same = " ".join(a.text.split())
        if "repeat" in parts and same in seen and same:
            problem = t["repeated"] + problem
        seen.add(same)
        messages.append({"role": "user", "content": _fmt(t["repair"], task, problem=problem, notes=notes)})
    return messages, (_fmt(t["prefix"], task) if "prefix" in parts else "")


# What a chat conversation may hold, in characters, before its earlier turns are left out: the default pack's
# 4,096-token context less the answer's 1,024 new tokens, at about 3.3 characters a token of code. sqids' Sqids
# skeleton (about 1,100 tokens) with two answers quoted came to 4,911 tokens: its third turn was never asked.
HISTORY_CHARS = 9_000


def _fitting(finals: list[Attempt], head: int, notes: int = 0) -> list[Attempt]:
    """The earlier turns a repair conversation quotes: all of them, or only the last when all would not fit. Each
    turn quotes its answer, its problem (a repair round's: up to two failing tests with their code) and the
    source's notes (``notes`` characters), so all three are counted; when only the answers were, two of sqids'
    split-class repair-round conversations (``decode``, the constructor) grew to 4,187 and 4,271 tokens and were
    never asked."""
    total = head + sum(len(a.text) + len(a.problem or "") + notes + 100 for a in finals)
    return finals[-1:] if total > HISTORY_CHARS and len(finals) > 1 else finals


def _told(task: TranslationTask, problem: str) -> str:
    """A turn's problem with what the source says about it (a refused Java pair: the source's pair there)."""
    hints = pair_hints(problem, task.code, task.source, task.target)
    return problem + "".join(f" {h}" for h in hints)


def _stuck(finals: list[Attempt]) -> bool:
    """Whether the last answer repeats an earlier one (whitespace aside): the model is not moving."""
    texts = [" ".join(a.text.split()) for a in finals]
    return len(texts) >= 2 and bool(texts[-1]) and texts[-1] in texts[:-1]


def completion_prompt(task: TranslationTask, attempts: list[Attempt]) -> str:
    """A plain-code prompt for a completion model; repair turns show the last rejected attempt."""
    t = templates()["completion"]
    finals = turn_finals(attempts)
    if finals:
        last = finals[-1]
        previous = last.text.rstrip("\n") or f"{task.target.line_comment} (empty)"
        previous = shorten_tables(previous, task.context.literal_tables)  # as the first prompt showed them
        if last.problem and last.problem.startswith("the answer never finished"):
            previous = "\n".join(previous.split("\n")[:6]) + "\n..."
        return _fmt(t["repair"], task, problem=_told(task, last.problem or "it did not validate"), previous=previous)
    inline = f" (a method of {task.context.parent})" if task.context.parent else ""
    return _fmt(t["glue"] if task.kind == "glue" else t["first"], task, context_inline=inline)


def turn_finals(attempts: list[Attempt]) -> list[Attempt]:
    """The attempt to quote for each finished turn: its first candidate (what the model was shown)."""
    by_turn: dict[int, Attempt] = {}
    for a in attempts:
        by_turn.setdefault(a.turn, a)
    return [by_turn[k] for k in sorted(by_turn)]


def build_request(task: TranslationTask, attempts: list[Attempt], *, chat: bool, max_new_tokens: int,
                  temperature: float, top_p: float, n: int, seed: int | None) -> GenRequest:
    repeats = loop_repeats(task.code)  # a source that repeats itself has a translation that does too
    if chat:
        messages, prefix = chat_messages(task, attempts)
        return GenRequest(messages=messages, prefix=prefix, max_new_tokens=max_new_tokens, stop=[],
                          temperature=temperature, top_p=top_p, n=n, seed=seed, loop_repeats=repeats)
    return GenRequest(prompt=completion_prompt(task, attempts), max_new_tokens=max_new_tokens,
                      stop=list(task.target.truncate_patterns), temperature=temperature, top_p=top_p, n=n, seed=seed,
                      loop_repeats=repeats)
