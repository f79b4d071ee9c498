"""Answers written by rule, offered to the job loop beside the model's (``Job.premade``).

Where a rule can write a unit's translation from its source (Java methods and plain classes to Python:
translate.translation.java_rule_classes; C++ functions to Python: cpp_py_rule; Python functions to JavaScript, C++ and
Java: translate.translation.py_js_rule, py_cpp_rule, py_java_rule), the model is still asked first; its answer is kept when it passes. Only
when a turn's answers fail does the loop try the rule's answer, and keeps it only where the behaviour check ran it
and it matched the source on the recorded inputs (``verify.confirms``): a rule's answer that the check cannot judge
(no inputs, the source does not run) is never taken over the model's. Measured on the Java corpus
(bench/RESULTS.md, ``## repositories``).
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from translate.translation import cpp_py_rule, java_rule_classes, py_cpp_rule, py_java_rule, py_js_rule
from translate.translation.jobs import Job
from translate.translation.records import RULE_MARK, Attempt, UnitRecord

log = logging.getLogger(__name__)
RULE_NOTE = f"{RULE_MARK} and checked against it (the model's answer differed)"


def rule_answer(task, fenced: bool, holder: str = "", verifier=None,
                record: UnitRecord | None = None) -> str | Callable[[], str | None] | None:
    """The rule's answer to ``task`` for ``Job.premade`` (``holder``: its file's source), by language pair; None
    where no rule covers the task. Python -> JavaScript reads the types of untyped parameters from the source's
    recorded runs (``verifier.recording``), so its answer is written when first tried (a callable)."""
    pair = (task.source.name, task.target.name)
    if pair == ("java", "python"):
        return java_rule_classes.rule_answer(task, fenced, holder)
    if pair == ("cpp", "python") and task.kind == "function":
        return lambda: cpp_py_rule.rule_answer(task, fenced, holder)  # written when first tried (resolve)
    if pair == ("python", "javascript") and task.kind == "function" and verifier is not None:
        return lambda: py_js_rule.rule_answer(task, fenced, holder, _recording(verifier))
    if pair == ("python", "cpp") and task.kind == "function" and verifier is not None:
        return lambda: py_cpp_rule.rule_answer(task, fenced, holder, _recording(verifier))
    if pair == ("python", "java") and task.kind == "function" and verifier is not None:
        return lambda: py_java_rule.rule_answer(task, fenced, holder, _recording(verifier), _answered(task, record))
    return None


def _answered(task, record: UnitRecord | None) -> str:
    """The header of the model's last answer to ``task`` (``int gcd(int p0, int p1)``), "" where there is none: the
    types the file's other units were written against (Java refuses an ``int`` caller of a ``long`` method)."""
    from translate.translation.declared import types

    for attempt in reversed(record.attempts if record is not None else []):
        found = types(attempt.text, task.name) if attempt.text else None
        if found is not None:
            ret, params = found
            return f"{ret} {task.name}({', '.join(f'{t} p{i}' for i, t in enumerate(params))})"
    return ""


def _recording(verifier):
    """The source's recorded runs behind ``verifier`` (None where the recording did not come about)."""
    try:
        return getattr(verifier, "recording", None)
    except Exception:  # a recording that failed gives no types; the rule's answer then has none
        return None


def resolve(job: Job) -> str | None:
    """The rule's answer of ``job``, written now where it was deferred."""
    if callable(job.premade):
        try:
            job.premade = job.premade()
        except Exception as exc:  # a rule's bug costs its candidate, never the run
            log.debug("the rule's answer was not written: %s: %s", type(exc).__name__, exc)
            job.premade = None
    return job.premade if isinstance(job.premade, str) else None


def marked(line: str, record: UnitRecord) -> str:
    """A unit's check line, saying so when its output is the rule's answer: ``verified (12 inputs; written by rule
    from the source)``."""
    if not any(a.fixed == RULE_NOTE and a.text == record.output for a in record.attempts):
        return line
    return f"{line[:-1]}; {RULE_MARK})" if line.endswith(")") else f"{line} ({RULE_MARK})"


def conclude(record: UnitRecord, verifier) -> None:
    """A unit's closing check line, run on its final output beside the file's final units (saying so where the
    output is the rule's answer); what it observed is the unit's ``verified`` too (an earlier turn's verdict is
    stale once a callee's answer changed)."""
    record.check = marked(verifier.line(record.output), record)
    if record.check.startswith("verified ("):
        record.verified = True
    elif record.check.startswith("differs ("):
        record.verified = False


def try_premade(job: Job, better: Callable[[Job, str, str], bool]) -> Attempt | None:
    """The rule's answer (``job.premade``), tried once the model's answers of a turn failed: the attempt when it is
    kept (see the module); else it is a fallback like any tested candidate (``better``: the loop's comparison by
    the check's score). One that differs is tried again after each later turn: it runs beside the file's other
    units, whose answers (its callees: a rule's answer kept for them too) may change; one the check cannot judge yet
    (its class's answer not there) too; one that passes the check without running is not tried again."""
    confirms = getattr(job.verify, "confirms", None)
    premade = resolve(job) if confirms is not None and job.verify is not None else None
    if premade is None:
        return None
    code = job.clean(premade)
    if job.check(code) or job.soft_check is not None and job.soft_check(code):
        job.premade = None
        return None
    ok, _ = job.verify(code)
    if ok is None:
        return None
    if ok is not False:  # passed or not judged as differing: the check's word on it will not change
        job.premade = None
    if ok and confirms(code):
        note = getattr(job.verify, "note", None)
        if note is not None:
            note(code)  # the file's other units are checked beside it from now on
        attempt = Attempt(turn=job.turn, candidate=len(job.record.attempts), text=code, verified=True,
                          fixed=RULE_NOTE)
        job.record.attempts.append(attempt)
        return attempt
    if ok is False and (job.fallback is None or not job.fallback_tested or better(job, code, job.fallback)):
        job.fallback, job.fallback_tested = code, True
    return None
