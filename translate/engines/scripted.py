"""A scripted backend for unit tests of pure logic (repair turns, assembly, reports).

Answers come from a list (in call order) or a function of the request. End-to-end tests use a real
model (tiny CodeGen or the embedded SmolLM2), not this.
"""
from __future__ import annotations

from typing import Callable

from translate.engines.base import GenRequest, GenResult, OnResult
from translate.engines.stopping import cut_at_patterns


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
        return [out] if isinstance(out, (str, GenResult)) else list(out)

    def generate(self, requests: list[GenRequest], on_result: OnResult | None = None) -> list[GenResult]:
        """An answer that is a :class:`GenResult` is returned as it is (e.g. one with ``error`` set)."""
        results = []
        for i, req in enumerate(requests):
            self.requests.append(req)
            out = self._next(req)
            if len(out) == 1 and isinstance(out[0], GenResult):
                res = out[0]
            else:
                texts = out[: req.n] if req.n else out
                cut = [cut_at_patterns(t, req.stop) for t in texts]
                res = GenResult(cut, prompt_tokens=self.count_tokens(req.prompt or str(req.messages)),
                                new_tokens=sum(self.count_tokens(t) for t in cut))
            results.append(res)
            if on_result is not None:
                on_result(i, res)
        return results

    def count_tokens(self, text: str) -> int:
        return len(text.split())

