"""A scripted backend for unit tests of pure logic (repair turns, assembly, reports).

Answers come from a list (in call order), a function of the request, or a mapping routed by the unit a
request is for (:class:`ByUnit`), which works with whatever prompt elements are on. End-to-end tests use a
real model (tiny CodeGen or the embedded SmolLM2), not this.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from translate.engines.base import Engine, GenRequest, GenResult, OnResult
from translate.engines.stopping import cut_at_patterns

Answer = str | GenResult | Sequence[str]  # one answer, or one per sample (``n``)


def _task_index(req: GenRequest) -> int | None:
    """Index in ``req.messages`` of the user message that asks for the unit: the last one that ends with a
    fenced code block (a first-turn prompt ends with the unit's code; a repair turn ends in prose, and a one-shot
    example, when on, comes before it)."""
    found = None
    for i, m in enumerate(req.messages or []):
        if m.get("role") == "user" and m.get("content", "").rstrip().endswith("```"):
            found = i
    return found


def unit_code(req: GenRequest) -> str:
    """The source code of the unit a request is for: the last fenced block of the asking message of a chat
    request (the caller lines a prompt may show come before it), or the whole prompt of a completion request
    (it starts with the unit's code). Without a fenced block: the first user message."""
    if req.messages is None:
        return req.prompt or ""
    i = _task_index(req)
    if i is None:
        return next((m["content"] for m in req.messages if m.get("role") == "user"), "")
    text = req.messages[i]["content"].rstrip()[: -3]
    opening = text.rfind("```")
    return text[text.index("\n", opening) + 1:] if opening >= 0 and "\n" in text[opening:] else text


def task_message(req: GenRequest) -> str:
    """The text of the message that asks for the unit (chat), or the prompt (completion)."""
    if req.messages is None:
        return req.prompt or ""
    i = _task_index(req)
    return req.messages[i]["content"] if i is not None else unit_code(req)


def request_turn(req: GenRequest) -> int:
    """0 for a chat request's first turn, 1 for its first repair turn, ...: the user messages after the asking
    one (a completion prompt does not say; ValueError)."""
    if req.messages is None:
        raise ValueError("request_turn: a completion prompt does not count its turns")
    i = _task_index(req)
    return 0 if i is None else sum(1 for m in req.messages[i + 1:] if m.get("role") == "user")


class ByUnit:
    """Answers routed by the unit each request is for, not by message position or prompt wording, so tests run
    the shipped prompt (or any prompt elements).

    ``script`` maps a key to the unit's answers, turn by turn: ``{"add": [first, repair], "hyp": answer}``. A
    sequence gives the unit's n-th request the n-th answer (AssertionError when it runs out: an unexpected
    turn); a single answer (``str`` or :class:`GenResult`) answers every turn; a tuple is the candidates of
    one request (``n`` samples). A key is found in :func:`unit_code` as a whole word (not part of a longer
    name); when several keys are found, the one that occurs first wins (the unit's own name is in its header,
    before the names it calls), the longer on a tie. Keys may be any text of the unit's code: a name, a
    constant of top-level code (``"LIMIT"``), a line (``"print(lcm(4, 6))"``). ``asked[key]`` lists the
    requests each key answered, in order."""

    def __init__(self, script: Mapping[str, Answer | list[Answer]] | Mapping[str, object]):
        self.script: dict[str, Any] = dict(script)
        self.asked: dict[str, list[GenRequest]] = {k: [] for k in self.script}
        self._patterns = {k: re.compile(rf"(?<!\w){re.escape(k)}(?!\w)") for k in self.script}

    def key_for(self, req: GenRequest) -> str:
        code = unit_code(req)
        found = []
        for key, pattern in self._patterns.items():
            m = pattern.search(code)
            if m:
                found.append((m.start(), -len(key), key))
        if not found:
            raise AssertionError(f"no scripted unit ({', '.join(self.script)}) in the request for: {code[:300]!r}")
        return min(found)[2]

    def __call__(self, req: GenRequest) -> Answer:
        key = self.key_for(req)
        asked = self.asked[key]
        asked.append(req)
        answers = self.script[key]
        if isinstance(answers, (str, GenResult, tuple)):
            return answers if not isinstance(answers, tuple) else list(answers)
        if len(asked) > len(answers):
            raise AssertionError(f"scripted unit {key!r} was asked {len(asked)} times, has {len(answers)} answers")
        answer = answers[len(asked) - 1]
        return list(answer) if isinstance(answer, tuple) else answer


class ScriptedBackend(Engine):
    engine = "scripted"
    family = "scripted"

    def __init__(self, answers: list[str] | Callable[[GenRequest], str | list[str]] | Mapping[str, object], *,
                 is_chat: bool = True, model_id: str = "scripted"):
        """``answers``: a list (in call order), a function of the request, or a mapping of unit keys
        (:class:`ByUnit`, kept as ``by_unit``)."""
        self.by_unit = ByUnit(answers) if isinstance(answers, Mapping) else None
        self._answers: list[str] | Callable[[GenRequest], Answer] = self.by_unit or answers  # type: ignore[assignment]
        self.is_chat = is_chat
        self.model_id = model_id
        self.revision = "scripted-1"
        self.requests: list[GenRequest] = []
        self._i = 0

    def _next(self, req: GenRequest) -> list[str | GenResult]:
        out: Answer
        if callable(self._answers):
            out = self._answers(req)
        else:
            if self._i >= len(self._answers):
                raise AssertionError(f"scripted backend ran out of answers after {self._i}")
            out = self._answers[self._i]
            self._i += 1
        return [out] if isinstance(out, (str, GenResult)) else list(out)

    def generate(self, requests: list[GenRequest], on_result: OnResult | None = None) -> list[GenResult]:
        """An answer that is a :class:`GenResult` is returned as it is (e.g. one with ``error`` set)."""
        results: list[GenResult] = []
        for i, req in enumerate(requests):
            self.requests.append(req)
            out = self._next(req)
            res: GenResult
            if len(out) == 1 and isinstance(out[0], GenResult):
                res = out[0]
            else:
                texts = [str(t) for t in (out[: req.n] if req.n else out)]
                cut = [cut_at_patterns(t, req.stop) for t in texts]
                res = GenResult(cut, prompt_tokens=self.count_tokens(req.prompt or str(req.messages)),
                                new_tokens=sum(self.count_tokens(t) for t in cut))
            results.append(res)
            if on_result is not None:
                on_result(i, res)
        return results

    def count_tokens(self, text: str) -> int:
        return len(text.split())

