"""A big Java class's constructor translated to Python, judged by its class's methods (Java -> Python).

A constructor unit is never run on its own (translate.translation.behaviour: "a constructor runs within its
class's method checks"), so a wrong one is invisible except through its methods: hashids' ``Hashids(salt,
minHashLength, alphabet)``, 60 lines, came back from the 1.5B with its alphabet built otherwise, and every method
differed whatever its own answer. Where the rule writes the constructor (translate.translation.java_rule_classes),
this verifier compares the two: the class's methods, each run with its current answer or the rule's (the better
of the two), with the model's constructor and with the rule's. The model's stands unless with the rule's more of
the methods match the source on every input (or as many, on fewer differing inputs); then the model's answer
"differs" and the loop takes the rule's (translate.translation.premade), with the line ``verified (N inputs, through its class's methods)``.
The model is never sent a repair turn from here: a constructor that loses to the rule's is replaced, not asked
again.
"""
from __future__ import annotations

from translate.oracle import UNVERIFIABLE, VERIFIED, Verdict
from translate.oracle.compare import check_candidate
from translate.translation.behaviour import _SCORE, FileState, UnitVerifier
from translate.translation.class_behaviour import MAX_METHODS

UNCHECKED = "unverifiable (a constructor runs within its class's method checks)"


class ConstructorVerifier(UnitVerifier):
    """The constructor unit ``pos`` of class ``owner``, judged through the method units of that class that have a
    behaviour check (``state.verifiers``) and the rule's answers (``state.rules``)."""

    def __init__(self, state: FileState, pos: int, owner: str, source_lang: str):
        super().__init__(state, pos, f"{owner}.{owner}", _no_recording(), source_lang)
        self.owner = owner
        self.runs: dict[tuple[int, str, str], Verdict] = {}
        self.model: str | None = None  # the model's latest constructor
        self.wins: set[str] = set()  # constructors that beat the model's

    def _parts(self) -> list[UnitVerifier]:
        return [v for k, v in sorted(self.state.verifiers.items())
                if k != self.pos and v.function.startswith(self.owner + ".")
                and not isinstance(v, ConstructorVerifier)][:MAX_METHODS]

    def _best(self, part: UnitVerifier, ctor: str) -> Verdict:
        """A method's verdict with constructor ``ctor``: its current answer's, or its rule answer's if better."""
        out: Verdict | None = None
        for method in (self.state.known(part.pos), self.state.rules.get(part.pos)):
            if method is None:
                continue
            key = (part.pos, method, ctor)
            if key not in self.runs:
                program = self.state.program(part.pos, method, also={self.pos: ctor})
                self.runs[key] = check_candidate(part.recording, program, self.state.target.name) \
                    if part.recording.usable else Verdict(UNVERIFIABLE, reason="no inputs")
            v = self.runs[key]
            if out is None or _rank(v) > _rank(out):
                out = v
        return out or Verdict(UNVERIFIABLE, reason="no answer")

    def _totals(self, ctor: str) -> list[tuple[int, int]]:
        return [_rank(self._best(p, ctor)) for p in self._parts()]

    def __call__(self, candidate: str) -> tuple[bool | None, str | None]:
        rule = self.state.rules.get(self.pos)
        if candidate == rule:
            return (True, None) if candidate in self.wins else (False, "its class's methods do no better with it")
        self.model = candidate
        if rule is None or not self._parts():
            return True, None
        mine, theirs = self._totals(candidate), self._totals(rule)
        if _overall(theirs) > _overall(mine):
            self.wins.add(rule)
            return False, "its class's methods match the source on fewer inputs than with the rule's constructor"
        return True, None

    def confirms(self, candidate: str) -> bool:
        return candidate in self.wins

    def score(self, candidate: str) -> tuple[int, ...]:
        ranks = self._totals(candidate)
        return sum(r[0] for r in ranks), sum(r[1] for r in ranks)

    def verdict(self, candidate: str) -> Verdict:
        verdicts = [self._best(p, candidate) for p in self._parts()]
        ran = [v for v in verdicts if v.status == VERIFIED]
        if candidate in self.wins and ran:
            return Verdict(VERIFIED, inputs=sum(v.inputs for v in ran))
        return Verdict(UNVERIFIABLE, reason="a constructor runs within its class's method checks")

    def line(self, output: str | None) -> str:
        v = self.verdict(output) if output is not None else None
        if v is not None and v.status == VERIFIED:
            return f"verified ({v.inputs} inputs, through its class's methods)"
        return UNCHECKED


def _overall(ranks: list[tuple[int, int]]) -> tuple[int, int]:
    """A class's methods together: how many match the source on every input, then fewer differing inputs."""
    return sum(1 for r in ranks if r[0] == _SCORE[VERIFIED]), sum(r[1] for r in ranks)


def _rank(v: Verdict) -> tuple[int, int]:
    """Higher is better: the status, then fewer differing inputs."""
    return _SCORE.get(v.status, 0), -v.differing


def _no_recording():
    from concurrent.futures import Future

    from translate.oracle.cases import Recording

    done: Future = Future()
    done.set_result(Recording("constructor", [], unverifiable="a constructor is run through its class's methods"))
    return done


def wire(state: FileState, pos: int, job) -> None:
    """Note unit ``pos``'s behaviour check and rule answer in its file's state (see the module)."""
    if isinstance(job.verify, UnitVerifier):
        state.verifiers[pos] = job.verify
    if job.premade is not None:
        state.rules[pos] = job.clean(job.premade)


def constructor_verifier(state: FileState, pos: int, rec, parsed, target) -> ConstructorVerifier | None:
    """The verifier of a big Java class's constructor unit translated to Python, else None."""
    from translate.translation.bigclass import METHOD, is_constructor

    seg = parsed.segments[pos]
    if parsed.language.name != "java" or target.name != "python" or seg.role != METHOD or seg.unit is None \
            or not is_constructor(seg.unit) or rec.qualname.count(".") != 1:
        return None
    return ConstructorVerifier(state, pos, rec.qualname.split(".")[0], parsed.language.display)
