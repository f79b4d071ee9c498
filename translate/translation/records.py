"""What a run did, unit by unit: the records the CLI prints, ``--report`` writes and the cache stores."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from translate.source.validate import Diagnostic

# Per-unit outcomes.
OK = "ok"  # validated on the first turn
REPAIRED = "repaired"  # validated after one or more repair turns
FAILED = "failed"  # never validated: kept verbatim in a marked comment
SKIPPED = "skipped"  # not sent to the model (blank glue, unreadable, filtered out)
STATUSES = (OK, REPAIRED, FAILED, SKIPPED)
# What a behaviour check observed: the first word of UnitRecord.check, in the order summaries list them.
CHECK_WORDS = ("verified", "differs", "unverifiable", "failed")
# said in a unit's check line when its output is a rule's answer, not the model's (translate.translation.premade)
RULE_MARK = "written by rule from the source"


@dataclass
class Attempt:
    turn: int  # 1-based
    candidate: int  # index among the samples of this turn
    text: str  # the cleaned answer
    diagnostics: list[Diagnostic] = field(default_factory=list)
    problem: str | None = None  # first diagnostic / test failure, as fed back to the model
    new_tokens: int = 0
    seconds: float = 0.0
    verified: bool | None = None  # ran tests: True passed / False failed / None not run
    fixed: str | None = None  # a deterministic fix the tool applied to the answer (e.g. TypeScript types removed)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["diagnostics"] = [x.to_dict() for x in self.diagnostics]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Attempt:
        fields = {k: d[k] for k in ("turn", "candidate", "text", "problem", "new_tokens", "seconds", "verified", "fixed") if k in d}
        return cls(**fields, diagnostics=[Diagnostic(**x) for x in d.get("diagnostics", [])])


@dataclass
class UnitRecord:
    index: int  # segment index in the source file
    kind: str  # function | method | class | glue
    name: str
    qualname: str
    source: str
    status: str = SKIPPED
    output: str | None = None  # the validated translation
    reason: str | None = None  # why it failed / was skipped
    attempts: list[Attempt] = field(default_factory=list)
    cache_hit: bool = False
    verified: bool | None = None  # passed provided tests / the behaviour check
    # what was observed of its behaviour: verified (N inputs) | differs (...) | unverifiable (why) | failed (why);
    # None when no behaviour check ran (--verify off, tests given instead)
    check: str | None = None

    @property
    def turns(self) -> int:
        return max((a.turn for a in self.attempts), default=0)

    @property
    def new_tokens(self) -> int:
        return sum(a.new_tokens for a in self.attempts)

    @property
    def seconds(self) -> float:
        return sum(a.seconds for a in self.attempts)

    def to_dict(self) -> dict:
        return {
            "index": self.index, "kind": self.kind, "name": self.name, "qualname": self.qualname,
            "status": self.status, "reason": self.reason, "turns": self.turns,
            "new_tokens": self.new_tokens, "seconds": round(self.seconds, 3), "cache_hit": self.cache_hit,
            "verified": self.verified, "check": self.check, "source": self.source, "output": self.output,
            "attempts": [a.to_dict() for a in self.attempts],
        }


def unit_from_dict(d: dict) -> UnitRecord:
    rec = UnitRecord(d["index"], d["kind"], d["name"], d["qualname"], d.get("source", ""), d["status"],
                     d.get("output"), d.get("reason"), cache_hit=d.get("cache_hit", False), verified=d.get("verified"),
                     check=d.get("check"))
    rec.attempts = [Attempt.from_dict(a) for a in d.get("attempts", [])]
    return rec


@dataclass
class FileResult:
    path: str | None
    source_language: str
    target_language: str
    text: str  # the assembled output
    units: list[UnitRecord]
    diagnostics: list[Diagnostic] = field(default_factory=list)  # of the assembled output
    output_path: str | None = None
    seconds: float = 0.0
    model: str | None = None

    def counts(self) -> dict[str, int]:
        c = {s: 0 for s in STATUSES}
        for u in self.units:
            if u.kind != "glue":
                c[u.status] += 1
        return c

    @property
    def failing_tests(self) -> int:
        """Units kept although the user's --tests failed on them (``verified`` False)."""
        return sum(1 for u in self.units if u.kind != "glue" and u.verified is False)

    @property
    def ok(self) -> bool:
        return not self.diagnostics and not self.failing_tests and all(u.status != FAILED for u in self.units)

    def behaviour(self) -> dict[str, int]:
        """Units by what their behaviour check observed (verified / differs / unverifiable / failed); empty
        when no check ran."""
        c: dict[str, int] = {}
        for u in self.units:
            if u.kind != "glue" and u.check:
                word = u.check.split(" ", 1)[0]
                c[word] = c.get(word, 0) + 1
        return c

    def unverified(self) -> list[UnitRecord]:
        """Units a behaviour check did not verify (``--verify require`` fails on them)."""
        return [u for u in self.units if u.kind != "glue" and u.check and not u.check.startswith("verified")]

    def summary_line(self) -> str:
        c = self.counts()
        turns = sum(u.turns for u in self.units)
        toks = sum(u.new_tokens for u in self.units)
        where = self.output_path or self.path or "<text>"
        cached = sum(1 for u in self.units if u.cache_hit)
        b = self.behaviour()
        if b:  # what the behaviour check observed, in place of "failing the tests"
            failing = " (" + ", ".join(f"{b[w]} {w}" for w in CHECK_WORDS
                                       if b.get(w)) + ")"
        else:
            failing = f" ({self.failing_tests} failing the tests)" if self.failing_tests else ""
        return (f"{where}: {c[OK]} ok, {c[REPAIRED]} repaired, {c[FAILED]} failed, {c[SKIPPED]} skipped{failing}; "
                f"{turns} turn(s), {toks} tokens{f', {cached} cached' if cached else ''}, {self.seconds:.1f}s")

    @classmethod
    def from_dict(cls, d: dict, text: str) -> FileResult:
        """Rebuild a result sent over the wire (``translate serve``'s /v1/translate)."""
        return cls(d.get("path"), d["source_language"], d["target_language"], text,
                   [unit_from_dict(u) for u in d.get("units", [])],
                   [Diagnostic(**x) for x in d.get("diagnostics", [])], d.get("output_path"),
                   d.get("seconds", 0.0), d.get("model"))

    def to_dict(self) -> dict:
        return {
            "path": self.path, "output_path": self.output_path, "source_language": self.source_language,
            "target_language": self.target_language, "model": self.model, "seconds": round(self.seconds, 3),
            "counts": self.counts(), "behaviour": self.behaviour(), "diagnostics": [d.to_dict() for d in self.diagnostics],
            "units": [u.to_dict() for u in self.units],
        }
