"""When a sequence is finished, for every engine: stop patterns, complete units, loops."""
from __future__ import annotations

import re
from collections.abc import Hashable, Sequence

from translate.backends.base import GenRequest


class LoopGuard:
    """Notices a row that is looping: the same ``width``-token span generated ``times`` times. Small models
    fall into such loops and would otherwise run to their token budget (the longest rows of a batch)."""

    def __init__(self, width: int = 20, times: int = 3):
        self.width, self.times = width, times
        self.seen: dict[int, dict[tuple[int, ...], int]] = {}
        self.looped: set[int] = set()

    def __call__(self, row: int, tokens: Sequence[Hashable]) -> bool:
        if len(tokens) < self.width:
            return False
        counts = self.seen.setdefault(row, {})
        key = tuple(tokens[-self.width:])
        counts[key] = counts.get(key, 0) + 1
        if counts[key] >= self.times:
            self.looped.add(row)
            return True
        return False


def compile_stops(req: GenRequest) -> list[re.Pattern]:
    return [re.compile(p, re.M) for p in req.stop]


def answer_done(req: GenRequest, stops: list[re.Pattern], text: str) -> bool:
    """``text`` (the forced prefix + what was generated) hits a stop pattern or is a complete answer."""
    return any(p.search(text) for p in stops) or bool(req.is_complete and req.is_complete(text))
