"""A scripted backend for unit tests of pure logic (repair turns, assembly, reports).

Answers come from a list (in call order) or a function of the request. End-to-end tests use a real
model (tiny CodeGen or the embedded SmolLM2), not this.
"""
from __future__ import annotations

from typing import Callable

from translate.backends.base import GenRequest, GenResult
from translate.extract import cut_at_patterns


class ScriptedBackend:
    family = "scripted"

    def __init__(self, answers: list[str] | Callable[[GenRequest], str | list[str]], *, is_chat: bool = True,
                 model_id: str = "scripted"):
        self._answers = answers
        self.is_chat = is_chat
        self.model_id = model_id
        self.revision = "scripted-1"
        self.requests: list[GenRequest] = []
        self._i = 0

    def _next(self, req: GenRequest) -> list[str]:
        if callable(self._answers):
            out = self._answers(req)
        else:
            if self._i >= len(self._answers):
                raise AssertionError(f"scripted backend ran out of answers after {self._i}")
            out = self._answers[self._i]
            self._i += 1
        return [out] if isinstance(out, str) else list(out)

    def generate(self, requests: list[GenRequest]) -> list[GenResult]:
        results = []
        for req in requests:
            self.requests.append(req)
            texts = self._next(req)[: req.n] if req.n else self._next(req)
            cut = [cut_at_patterns(t, req.stop) for t in texts]
            results.append(GenResult(cut, prompt_tokens=self.count_tokens(req.prompt or str(req.messages)),
                                     new_tokens=sum(self.count_tokens(t) for t in cut)))
        return results

    def count_tokens(self, text: str) -> int:
        return len(text.split())

