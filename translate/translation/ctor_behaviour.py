"""A big Java class's constructor (or skeleton) translated to Python, judged by its class's methods.

A constructor unit is never run on its own (translate.translation.behaviour: "a constructor runs within its
class's method checks"), so a wrong one is invisible except through its methods: hashids' ``Hashids(salt,
minHashLength, alphabet)``, 60 lines, came back from the 1.5B with its alphabet built otherwise, and every method
differed whatever its own answer. Where the rule writes the constructor (translate.translation.java_rule_classes),
this verifier compares the two: the class's methods, each run with its current answer or the rule's (the better
of the two), with the model's constructor and with the rule's. The model's stands unless with the rule's more of
the methods match the source on every input (or as many, on fewer differing inputs); then the model's answer
"differs" and the loop takes the rule's (translate.translation.premade), with the line ``verified (N inputs, through its class's methods)``.
The model is never sent a repair turn from here: a constructor that loses to the rule's is replaced, not asked
again. A big class's skeleton (its fields, and the constructors short enough to stay in it) is judged the same way
against the rule's skeleton: java-string-similarity's ``JaroWinkler`` skeleton came back with ``__init__(self,
threshold)``, no default, and every method failed on ``JaroWinkler()``.
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

    def __init__(self, state: FileState, pos: int, owner: str, source_lang: str, unchecked: str = UNCHECKED):
        super().__init__(state, pos, f"{owner}.{owner}", _no_recording(), source_lang)
        self.owner, self.unchecked = owner, unchecked
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

    def _beats(self, rule: str, current: str | None) -> bool:
        """Whether the class's methods do better with the rule's answer than with ``current`` (None: no answer of
        the model's ran the checks; then whether some method matches the source with the rule's)."""
        if not self._parts():
            return False
        theirs = _overall(self._totals(rule))
        return theirs[0] > 0 if current is None else theirs > _overall(self._totals(current))

    def __call__(self, candidate: str) -> tuple[bool | None, str | None]:
        rule = self.state.rules.get(self.pos)
        if candidate == rule:  # the rule's answer (translate.translation.premade), after the model's failed
            current = self.model or self.state.known(self.pos)
            if candidate in self.wins or self._beats(candidate, current if current != rule else None):
                self.wins.add(candidate)
                return True, None
            return False, "its class's methods do no better with it"
        self.model = candidate
        if rule is not None and self._beats(rule, candidate):
            self.wins.add(rule)
            return False, "its class's methods match the source on fewer inputs than with the rule's answer"
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
        return self.unchecked


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
    if isinstance(job.premade, str):  # (a deferred rule answer is another pair's: translation.premade)
        state.rules[pos] = job.clean(job.premade)


def constructor_verifier(state: FileState, pos: int, rec, parsed, target, current=None) -> UnitVerifier | None:
    """The verifier of a big Java class's constructor unit or skeleton translated to Python (see the module), else
    ``current`` (a skeleton's :class:`~translate.translation.class_behaviour.HolderVerifier`)."""
    from translate.translation.bigclass import METHOD, SKELETON, is_constructor

    seg = parsed.segments[pos]
    if parsed.language.name != "java" or target.name != "python" or seg.unit is None:
        return current
    if seg.role == SKELETON and "." not in rec.qualname:  # its fields and the constructors it holds
        return ConstructorVerifier(state, pos, rec.qualname, parsed.language.display,
                                   "unverifiable (its methods are checked as units of their own)")
    if seg.role != METHOD or not is_constructor(seg.unit) or rec.qualname.count(".") != 1:
        return current
    return ConstructorVerifier(state, pos, rec.qualname.split(".")[0], parsed.language.display)
