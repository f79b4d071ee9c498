"""What the oracle records and what it concludes: plain dataclasses shared by every module here."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

VERIFIED, DIFFERS, UNVERIFIABLE, FAILED = "verified", "differs", "unverifiable", "failed"


@dataclass
class Outcome:
    """What one call did: returned ``value`` (canonical JSON-like) or raised ``error`` (a type name).

    ``after``: each argument after the call when it is a list or dict (a function that fills an array),
    else ``None`` at that position."""
    value: Any = None
    error: str | None = None
    after: list[Any] | None = None

    @property
    def raised(self) -> bool:
        return self.error is not None

    def to_dict(self) -> dict:
        return {"value": self.value, "error": self.error, "after": self.after}


@dataclass
class Case:
    args: list[Any]  # Python values, positional
    origin: str  # doc | call | given | generated
    expected: Outcome | None = None


@dataclass
class Recording:
    """The source function run on its inputs: the cases to check candidates against."""
    function: str
    params: list[str]
    cases: list[Case] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (call text, why)
    unverifiable: str | None = None  # why nothing can be checked
    failed: str | None = None  # the source itself could not be run
    notes: list[str] = field(default_factory=list)
    source: str = "python"  # the language the recorded function is written in
    receiver: str | None = None  # a Java method's object, built as the project's tests build one (java_receivers)
    varargs: bool = False  # its last parameter is a Java varargs one: a Python ``*xs`` candidate takes it spread

    @property
    def usable(self) -> bool:
        return not self.unverifiable and not self.failed and bool(self.cases)


@dataclass
class Counterexample:
    call: str  # wrap_index(-1, 3)
    expected: str
    actual: str

    def __str__(self) -> str:
        return f"input {self.call}: expected {self.expected}, got {self.actual}"


@dataclass
class Verdict:
    status: str  # verified | differs | unverifiable | failed
    inputs: int = 0  # cases compared
    counterexamples: list[Counterexample] = field(default_factory=list)  # up to 3, the first that differ
    reason: str | None = None
    notes: list[str] = field(default_factory=list)
    differing: int = 0  # how many of the inputs differ
    counted: str = "input"  # what ``inputs`` counts: inputs, or scenarios replayed from the project's tests

    def line(self) -> str:
        """``verified (12 inputs)``, ``differs (input f(-1, 3): expected 2, got -1)``, ``unverifiable (why)``."""
        if self.status == VERIFIED:
            return f"verified ({self.inputs} {self.counted}{'s' if self.inputs != 1 else ''})"
        if self.status == DIFFERS and self.counterexamples:
            of = f"; {self.differing} of {self.inputs} {self.counted}s differ" if self.differing > 1 else ""
            return f"differs ({self.counterexamples[0]}{of})"
        return f"{self.status} ({self.reason or 'no reason given'})"
