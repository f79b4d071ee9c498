"""A repair turn for a split class goes to the method units the failure points at, not to its skeleton.

``translate repo``'s repair rounds blame top-level units: a failing test that calls ``Hashids`` blames the class.
A big class is translated as a skeleton and then method by method (translation.bigclass), and the repair turn
(the class's current answer and the failure) went to the skeleton alone: the model was shown the whole class and
asked for a skeleton again, while the method that was wrong (hashids' ``_encode`` lost its main loop; sqids'
``to_id`` turned a condition round) was served from the cache as it was. No round could mend a method body.

Here the class's repair turn is handed to its method units instead, each from its own last answer (its cached
outcome) with the class's problem:

- the methods whose last answer holds a line the failure quotes (the problem's ``at ... (file:line): `code```
  lines: where the error was raised);
- else the methods the problem calls (the test's code: ``hashids.encode(...)``) and those their answers call in turn,
  unless their own behaviour check verified them (hashids' tests fail on wrong hashes with no line of the class
  on the stack; ``encode`` calls ``_encode``);
- else those whose own behaviour check said they differ from the source (``differs`` or ``failed``); at most
  :data:`MAX_METHODS` each time;
- else nothing moves: the skeleton keeps the turn, as before.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from translate.source.units import ParsedFile
from translate.source.validate import normalize_name
from translate.translation.bigclass import METHOD, SKELETON
from translate.translation.records import Attempt, UnitRecord

MAX_METHODS = 4  # method units one class's repair turn goes to when no line of the failure names one (hashids: encode,
# decode, _decode and _encode: 3 left out _encode, the wrong one)
_CALLED = re.compile(r"(?:\.|\b)(\w+)\s*\(")  # ``hashids.encode(``, ``self._encode(``, ``shuffle(``
_QUOTED = re.compile(r"\bat [^()`]*\([^()`]*:\d+\): `([^`]+)`")


def _lines(text: str) -> set[str]:
    return {ln.strip() for ln in text.split("\n") if ln.strip()}


def split_seeds(parsed: ParsedFile, records: list[UnitRecord], seeds_of: Callable[[UnitRecord], list[Attempt]],
                outcome: Callable[[int, Attempt | None], dict | None]) -> dict[int, Attempt | None]:
    """Record position -> its repair turn (None: none) for the pieces of the split classes that have repair turns
    (``seeds_of``: the class's, oldest first, looked up by its skeleton's record; ``outcome(pos, turn)``: the cached
    outcome of a piece asked as usual, ``turn`` None, or on that repair turn).

    The class's turns are replayed in order: each goes to the methods it points at, from their answers after the
    turns before it (a kept repair of an earlier round is served from the cache and stays; a method asked again
    starts from it, not from its first answer); a turn that points at no method goes to the skeleton."""
    out: dict[int, Attempt | None] = {}
    roles = [parsed.segments[r.index].role if r.index < len(parsed.segments) else None for r in records]
    for pos, rec in enumerate(records):
        if roles[pos] != SKELETON:
            continue
        chain = [s for s in seeds_of(rec) if s.problem]
        if not chain:
            continue
        methods = [p for p in range(pos + 1, len(records)) if roles[p] == METHOD
                   and records[p].qualname.split(".")[0] == rec.qualname]
        outcomes = {p: outcome(p, None) for p in methods}
        turns: dict[int, Attempt | None] = {}
        for seed in chain:
            chosen = _chosen(seed.problem or "", methods, records, outcomes)
            if not chosen:
                turns[pos] = seed  # the skeleton keeps this turn
                continue
            for p in chosen:
                turns[p] = Attempt(turn=0, candidate=0, text=outcomes[p]["output"], problem=seed.problem)  # type: ignore[index]
                outcomes[p] = outcome(p, turns[p]) or outcomes[p]  # this turn's answer, where an earlier round asked it
        if any(p != pos for p in turns):
            out.update({pos: None, **turns})
    return out


def _chosen(problem: str, methods: list[int], records: list[UnitRecord], outcomes: dict[int, dict | None]) -> list[int]:
    """The methods a class's repair turn with ``problem`` goes to (the module's docstring), from their current
    outcomes; [] for none (the skeleton keeps the turn)."""
    quoted = {q.strip() for q in _QUOTED.findall(problem)}
    chosen = [p for p in methods if quoted and quoted & _lines((outcomes[p] or {}).get("output") or "")]
    checks = {p: str((outcomes[p] or {}).get("check") or "") for p in methods}
    if not chosen:  # the methods the test calls, and those they call, that no check has verified
        names = {normalize_name(m) for m in _CALLED.findall(problem)}
        called = [p for p in methods if normalize_name(records[p].name) in names]
        inner = {normalize_name(m) for p in called for m in _CALLED.findall((outcomes[p] or {}).get("output") or "")}
        chosen = [p for p in methods if (p in called or normalize_name(records[p].name) in inner)
                  and not checks[p].startswith("verified")][:MAX_METHODS]
    if not chosen:
        chosen = [p for p in methods if checks[p].startswith(("differs", "failed"))][:MAX_METHODS]
    return [p for p in chosen if (outcomes[p] or {}).get("output")]
