"""Classes checked against the source by replaying what the source project's own tests do with them.

A method needs an object in some state, which generated values cannot give. The project's tests build such
objects: :func:`trace_tests` runs the source's tests once in the sandbox under the tracer
(:mod:`translate.oracle.py_trace`) and keeps, per class, each object's life as the tests lived it (the
constructor's arguments, then each method call with its outcome, then its fields), and per function the calls
the tests made (whose arguments may be objects of the project, which generated inputs cannot be).
:func:`check_javascript` replays them on the translated module in its place in the written project
(:mod:`translate.oracle.js_scenarios`) and compares step by step: what each call returned or that it raised
(any exception matches an expected one, as in :mod:`translate.oracle.compare`), then the object's fields.
Fields compare by name in any naming style; a field only one side has is a choice of representation and is
not compared. Source: Python; target: JavaScript (the other targets are not done yet).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from translate.oracle import js_scenarios, py_trace
from translate.oracle.cases import DIFFERS, FAILED, UNVERIFIABLE, VERIFIED, Counterexample, Verdict
from translate.oracle.compare import MAX_COUNTEREXAMPLES, same_value
from translate.oracle.js_modules import is_esm
from translate.oracle.record import error_gist, repr_value
from translate.sandbox import run_program

MAX_OUTPUT = 400_000  # characters of the tracer's output read back
_TRACER = "__oracle_trace__.py"


@dataclass
class TestTrace:
    """What the source project's tests did with its units: the tracer's records by (source file, unit name)."""

    records: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    tests: int = 0  # test functions and test methods run
    failed: str | None = None  # why there is no trace at all
    loads: list[str] = field(default_factory=list)  # test files that did not import
    cut: dict[tuple[str, str], str] = field(default_factory=dict)  # why a unit's records were cut short

    def for_unit(self, path: str, name: str) -> list[dict[str, Any]]:
        return self.records.get((path, name), [])

    def why_none(self, path: str, name: str, kind: str) -> str:
        """Why a unit has nothing to replay."""
        if self.failed:
            return self.failed
        what = f"never build an instance of {name}" if kind == "class" else f"never call {name} from a test"
        extra = f" ({self.cut[(path, name)]})" if (path, name) in self.cut else ""
        return f"the project's tests ({self.tests} run) {what}{extra}"


def trace_tests(files: dict[str, str], modules: list[str], tests: list[str], *, timeout: float = 120.0,
                pytest: bool = True, paths: list[str] | None = None, budget: float | None = None) -> TestTrace:
    """Run the test files ``tests`` among the project's Python ``files`` (relative POSIX path -> text) under the
    tracer, recording calls into ``modules`` (the project's non-test source files); ``pytest``: under pytest
    where the sandbox has it; ``paths``: the modules' import roots, relative; ``budget``: seconds after which no
    test starts (default 60% of ``timeout``, so what was recorded gets out; translate.oracle.py_trace)."""
    if not tests:
        return TestTrace(failed="the source project has no Python tests to take scenarios from")
    res = run_program(py_trace.program(modules, tests, pytest=pytest, paths=paths, budget=timeout * 0.6 if budget is None else budget),
                      "python", timeout=timeout, extra_files=files,
                      filename=_TRACER, output_chars=MAX_OUTPUT)
    if res.status == "skipped":
        return TestTrace(failed=res.reason or "the sandbox cannot run Python here")
    records, loads, ran = py_trace.parse(res.stdout)
    trace = TestTrace(loads=loads)
    if ran is None:
        trace.failed = f"the source project's tests did not finish ({res.reason or error_gist(res.stderr)})"
        return trace
    trace.tests = ran
    seen: set[str] = set()
    for rec in records:
        key = rec.get("cls") or rec.get("fn")
        if not isinstance(key, str) or ":" not in key:
            continue
        path, name = key.rsplit(":", 1)
        name = name.split(".")[0]  # a static or class method's calls are its class's scenarios
        if rec.get("broken"):
            trace.cut.setdefault((path, name), str(rec["broken"]))
        body = json.dumps({k: v for k, v in rec.items() if k != "broken"}, sort_keys=True)
        if body in seen:
            continue  # the same life twice (two tests building the same object the same way)
        seen.add(body)
        trace.records.setdefault((path, name), []).append(rec)
    if trace.tests == 0:
        trace.failed = "no test of the source project ran" + (
            f"; {loads[0]}" if loads else "")
    return trace


def check_javascript(records: list[dict[str, Any]], code: str, *, own: str, imports: dict[str, str],
                     names: list[str], files: dict[str, str] | None = None,
                     place: PurePosixPath | None = None) -> Verdict:
    """Replay ``records`` on the JavaScript module ``code`` (the translation of source file ``own``) and compare.
    ``files``/``place``: the project files it imports and its path among them (translate.oracle.js_modules);
    ``imports``: other source files -> the specifier of their translation; ``names``: the module's top-level names."""
    program = js_scenarios.program(code, records, own=own, imports=imports, names=names)
    steps = sum(1 + len(r.get("steps") or []) for r in records)
    filename = str((place or PurePosixPath("main.js")).with_suffix(".mjs" if is_esm(program) else ".cjs"))
    res = run_program(program, "javascript", timeout=10.0 + 0.5 * steps, extra_files=files or {}, filename=filename)
    if res.status == "skipped":
        return Verdict(UNVERIFIABLE, reason=res.reason, counted="scenario")
    got, states, load = js_scenarios.parse(res.stdout)
    if load or not got:
        why = load or f"{res.reason or res.status}: {error_gist(res.stderr or res.stdout)}"
        return Verdict(FAILED, reason=f"the translation does not run ({why})", counted="scenario")
    counter: list[Counterexample] = []
    differing = 0
    notes: list[str] = []
    for i, rec in enumerate(records):
        diff = first_difference(rec, i, got, states)
        differing += diff is not None
        if diff is not None and len(counter) < MAX_COUNTEREXAMPLES:
            counter.append(Counterexample(*diff))
        elif diff is not None:
            notes.append(f"also differs on {diff[0]}")
    if counter:
        return Verdict(DIFFERS, len(records), counter, notes=notes, differing=differing, counted="scenario")
    return Verdict(VERIFIED, len(records), notes=notes, counted="scenario")


def first_difference(rec: dict[str, Any], i: int, got: dict[tuple[int, int], dict[str, Any]],
                     states: dict[int, Any]) -> tuple[str, str, str] | None:
    """(the calls up to the first step that differs, expected, actual) for scenario ``i``, else ``None``."""
    if "fn" in rec:
        call = _call(rec["fn"].rsplit(":", 1)[1], rec.get("args") or [])
        return _step(call, rec.get("out") or {}, got.get((i, 0)))
    calls = ["x = " + _call(rec["cls"].rsplit(":", 1)[1], rec.get("init") or [])]
    diff = _step(calls[0], rec.get("init_out") or {"ok": None}, got.get((i, 0)))
    if diff or rec.get("init_out"):
        return diff
    for n, step in enumerate(rec.get("steps") or [], 1):
        calls.append("x." + _call(step["m"], step.get("args") or []))
        diff = _step(_chain(calls), step.get("out") or {}, got.get((i, n)))
        if diff:
            return diff
    want = rec.get("state")
    if want is not None and not same_state({"$class": "", "$fields": want}, {"$class": "", "$fields": _fields(states.get(i))}):
        actual = states.get(i)
        return (_chain(calls), f"fields {show(want)} after it", show(_fields(actual)) if i in states else "no result")
    return None


def _fields(state: Any) -> Any:
    return state.get("$fields") if isinstance(state, dict) and "$fields" in state else state


def _step(call: str, want: dict[str, Any], have: dict[str, Any] | None) -> tuple[str, str, str] | None:
    if "drop" in want:
        return None  # the source's result has no canonical form: not compared
    if have is None:
        return call, _outcome(want), "no result (the run stopped)"
    if "missing" in have:
        return call, _outcome(want), str(have["missing"])
    if "raises" in want or "raises" in have:
        return None if "raises" in want and "raises" in have else (call, _outcome(want), _outcome(have))
    if "drop" in have:
        return call, _outcome(want), str(have["drop"])
    return None if same_state(want.get("ok"), have.get("ok")) else (call, _outcome(want), _outcome(have))


def same_state(expected: Any, actual: Any) -> bool:
    """Values compare as in :func:`translate.oracle.compare.same_value` (numbers by value, as JavaScript has
    one number type); objects by class name and the fields both sides have, names in any naming style."""
    if isinstance(expected, dict) and "$class" in expected:
        if not (isinstance(actual, dict) and "$class" in actual) or _norm(expected["$class"]) != _norm(actual["$class"]):
            return False
        have = {_norm(k): v for k, v in (actual.get("$fields") or {}).items()}
        return all(same_state(v, have[_norm(k)]) for k, v in (expected.get("$fields") or {}).items() if _norm(k) in have)
    if isinstance(expected, list) and isinstance(actual, list):
        return len(expected) == len(actual) and all(same_state(e, a) for e, a in zip(expected, actual))
    if isinstance(expected, dict) and isinstance(actual, dict) and "$class" not in actual:
        return expected.keys() == actual.keys() and all(same_state(v, actual[k]) for k, v in expected.items())
    return same_value(expected, actual)


def _norm(name: Any) -> str:
    return str(name).replace("_", "").lower()


def show(v: Any) -> str:
    """A value as the tests wrote it: ``Item('pen', 1.5)`` for an object the tests built."""
    if isinstance(v, dict) and "$default" in v:
        return "<default>"
    if isinstance(v, dict) and "$new" in v:
        return _call(str(v["$new"]).rsplit(":", 1)[-1], v.get("args") or [])
    if isinstance(v, dict) and "$class" in v:
        fields = v.get("$fields") or {}
        return f"{v['$class']}({', '.join(f'{k}={show(x)}' for k, x in fields.items())})"
    if isinstance(v, list):
        return "[" + ", ".join(show(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k!r}: {show(x)}" for k, x in v.items()) + "}"
    return repr_value(v)


def _call(name: str, args: list[Any]) -> str:
    return f"{name}({', '.join(show(a) for a in args)})"


def _chain(calls: list[str]) -> str:
    text = "; ".join(calls)
    return text if len(text) <= 240 else "; ".join([calls[0], "...", *calls[-2:]])


def _outcome(out: dict[str, Any]) -> str:
    if "raises" in out:
        return f"raises {out['raises']}"
    if "drop" in out:
        return str(out["drop"])
    return show(out.get("ok"))
