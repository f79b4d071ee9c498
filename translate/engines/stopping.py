"""When a sequence is finished, for every engine: stop patterns, complete units, loops."""
from __future__ import annotations

import re
from collections.abc import Hashable, Sequence

from translate.engines.base import GenRequest

EXACT_SCAN = 4096  # characters of a finished answer where stop_point tries every boundary in turn


class LoopGuard:
    """Notices a row that is looping: the same ``width``-token span generated ``times`` times (or the row's
    request's ``loop_repeats``). Small models fall into such loops and would otherwise run to their token
    budget (the longest rows of a batch)."""

    def __init__(self, width: int = 20, times: int = 3):
        self.width, self.times = width, times
        self.seen: dict[int, dict[tuple[int, ...], int]] = {}
        self.looped: set[int] = set()

    def __call__(self, row: int, tokens: Sequence[Hashable], times: int | None = None) -> bool:
        if len(tokens) < self.width:
            return False
        counts = self.seen.setdefault(row, {})
        key = tuple(tokens[-self.width:])
        counts[key] = counts.get(key, 0) + 1
        if counts[key] >= max(self.times, times or 0):
            self.looped.add(row)
            return True
        return False


def loop_repeats(source: str, least: int = 3) -> int:
    """How often one span may recur in a translation of ``source`` before it counts as a loop: one more than
    the source repeats its most repeated line (a line with a word of 3+ letters, compared without its
    indentation), at least ``least``. A source of four near-identical ``PLURALS.insert(0, (...))`` calls has
    a translation with four near-identical calls, not a loop; a model that loops repeats past any such count."""
    counts: dict[str, int] = {}
    for line in source.splitlines():
        key = line.strip()
        if re.search(r"[A-Za-z_]{3}", key):
            counts[key] = counts.get(key, 0) + 1
    return max(least, max(counts.values(), default=0) + 1)


def compile_stops(req: GenRequest) -> list[re.Pattern]:
    return [re.compile(p, re.M) for p in req.stop]


def answer_done(req: GenRequest, stops: list[re.Pattern], text: str) -> bool:
    """``text`` (the forced prefix + what was generated) hits a stop pattern or is a complete answer."""
    return any(p.search(text) for p in stops) or bool(req.is_complete and req.is_complete(text))


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def stop_point(req: GenRequest, stops: list[re.Pattern], text: str, start: int) -> int | None:
    """Where a local engine would have stopped ``text`` (prefix + answer): the shortest length past
    ``start``, at a boundary outside identifiers (no engine's decision turns inside one in practice), at
    which a stop pattern matches or ``is_complete`` holds; ``len(text)`` if none before; None if even the
    whole text is not done.

    The first ``EXACT_SCAN`` characters (a normal answer) are tried one boundary after the other, as an
    engine decides; past them, by binary search (O(log n) checks of O(n) each, not one per character: a
    server's megabyte answer costs milliseconds, not minutes). That finds the same point when "done" stays
    true once it holds, as it does for the stop regexes we build (a match in a prefix is one in the longer
    text, short of ``$``/lookahead at its very end) and for the callers' ``is_complete`` tests:
    ``extract.answer_complete`` (a closed fence, or ``unit_end`` found: stays found as text is added, but
    for the rare transient of a ``}``/closing fence followed on its line by more text) and
    ``completion_text.body_end`` (the brace depth back to zero stays so). tests/test_security_remote.py
    checks it against trying every boundary on sample answers and each of their prefixes."""
    if not (stops or req.is_complete) or not answer_done(req, stops, text):
        return None
    n = len(text)
    scan_to = min(n, start + EXACT_SCAN)
    for i in range(start + 1, scan_to):
        if _word(text[i - 1]) and _word(text[i]):
            continue  # inside an identifier
        if answer_done(req, stops, text[:i]):
            return i
    lo, hi = max(start + 1, scan_to), n  # done(text[:hi]) holds: the smallest such length in [lo, hi]
    while lo < hi:
        mid = (lo + hi) // 2
        if answer_done(req, stops, text[:mid]):
            hi = mid
        else:
            lo = mid + 1
    i = lo
    while i < n and _word(text[i - 1]) and _word(text[i]):
        i += 1  # inside an identifier: the next boundary after it
    return min(i, n)


def cut_at_patterns(text: str, patterns: list[str] | tuple[str, ...]) -> str:
    """Cut ``text`` before the earliest match of any regex (multiline), as CodeGen's truncate_before_pattern."""
    end = len(text)
    for pat in patterns:
        m = re.search(pat, text, re.M)
        if m and m.start() < end:
            end = m.start()
    return text[:end]


class RowText:
    """Each row's answer text so far, extended by decoding only its newest tokens (a few tokens back, as
    streaming detokenizers do: a tokenizer's join of two pieces, a leading space or a character split over
    several byte tokens, comes out as in a decode of the whole row). The stop checks run on every row at
    every step; decoding whole rows there made them quadratic in the answer's length (measured on an H200,
    bench/RESULTS.md ``## throughput``). A character still incomplete at the end waits for its last byte."""

    def __init__(self, tokenizer):
        self.tok = tokenizer
        self.rows: dict[int, tuple[str, int, int]] = {}  # row -> (text, prefix offset, read offset)

    def __call__(self, row: int, tokens: Sequence[int]) -> str:
        text, prefix, read = self.rows.get(row, ("", 0, 0))
        if len(tokens) < read:  # (rows only grow; a restarted row starts over)
            text, prefix, read = "", 0, 0
        before = self.tok.decode(tokens[prefix:read], skip_special_tokens=True) if read > prefix else ""
        now = self.tok.decode(tokens[prefix:], skip_special_tokens=True)
        if now.endswith("\ufffd") or not now.startswith(before):  # an incomplete character: wait for more
            return text
        text += now[len(before):]
        self.rows[row] = (text, read, len(tokens))
        return text
