"""The Python driver: import a module, call one function on every case in one process, one JSON line each.

Used to record the source (:mod:`translate.oracle.record`) and to check a Python candidate
(:mod:`translate.oracle.to_python`). Each call gets a wall-clock alarm; what the function prints is
swallowed; a result that is not a canonical value (an object, a generator, NaN) is a ``drop`` line.
Lines start with :data:`MARK` so stray output can never be mistaken for a result.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from translate.oracle.cases import Outcome

MARK = "@@oracle "
MODULE = "oracle_subject"  # the module file the driver imports: oracle_subject.py
_OUT_BUDGET = 3600  # the sandbox keeps the last 4000 characters of stdout

_TEMPLATE = r'''
import contextlib, copy, inspect, io, json, math, signal, sys
_OUT = sys.stdout
MARK, NAME, PER_CALL, CAP, SPREAD = {mark!r}, {name!r}, {per_call!r}, {cap!r}, {spread!r}

class _Timeout(BaseException):
    pass

class _NotCanonical(Exception):
    pass

def _attr(obj, name):  # a name of a recipe (java_receivers), in any naming style: ``minLength`` is ``min_length``
    snake = "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")
    for k in (name, snake):
        if hasattr(obj, k):
            return getattr(obj, k)
    want = name.replace("_", "").lower()
    found = [k for k in dir(obj) if k.replace("_", "").lower() == want]
    public = [k for k in found if not k.startswith("_")]
    if len(public) == 1 or len(found) == 1:
        return getattr(obj, (public or found)[0])
    return getattr(obj, name)

def _alarm(signum, frame):
    raise _Timeout()

def _canon(v, depth=0):
    if depth > 50:
        raise _NotCanonical("a structure nested too deep")
    if v is None or isinstance(v, (bool, str, int)):
        return v
    if isinstance(v, float):
        if math.isnan(v) or math.isinf(v):
            raise _NotCanonical(repr(v))
        return v
    if isinstance(v, (list, tuple)):
        return [_canon(x, depth + 1) for x in v]
    if isinstance(v, dict):
        if not all(isinstance(k, str) for k in v):
            raise _NotCanonical("a dict with non-string keys")
        return {{k: _canon(x, depth + 1) for k, x in v.items()}}
    raise _NotCanonical("a " + type(v).__name__)

def _emit(rec):
    line = json.dumps(rec, separators=(",", ":"))
    if len(line) > CAP:
        line = json.dumps({{"i": rec["i"], "drop": "result too large to compare"}})
    _OUT.write(MARK + line + "\n")
    _OUT.flush()

try:
    with contextlib.redirect_stdout(io.StringIO()):
        import {module} as _module
    _f = _holder = _module
    for _part in NAME.split("."):  # ``Owner.method``: a static method, or an instance method of a fresh Owner()
        _holder, _f = _f, getattr(_f, _part)
    _fresh = isinstance(_holder, type) and inspect.isfunction(inspect.getattr_static(_holder, _part))
    try:  # a Java varargs array, for a ``*xs`` parameter: spread
        _star = SPREAD and any(p.kind == p.VAR_POSITIONAL for p in inspect.signature(_f).parameters.values())
    except (TypeError, ValueError):
        _star = False
except BaseException as exc:
    _emit({{"i": -1, "load": type(exc).__name__ + ": " + str(exc)[:300]}})
    sys.exit(0)

signal.signal(signal.SIGALRM, _alarm)
CASES = {cases}
for _i, _args in enumerate(CASES):
    _args = copy.deepcopy(_args)
    _rec = {{"i": _i}}
    try:
        signal.setitimer(signal.ITIMER_REAL, PER_CALL)
        with contextlib.redirect_stdout(io.StringIO()):
            _call = getattr({receiver}, _part) if _fresh else _f
            _r = _call(*_args[:-1], *_args[-1]) if _star and _args and isinstance(_args[-1], list) else _call(*_args)
        signal.setitimer(signal.ITIMER_REAL, 0)
    except _Timeout:
        _rec["drop"] = "timed out after %gs" % PER_CALL
    except BaseException as exc:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _rec["raises"] = type(exc).__name__
    else:
        try:
            _rec["ok"] = _canon(_r)
            _rec["after"] = [_canon(a) if isinstance(a, (list, dict)) else None for a in _args]
        except (_NotCanonical, RecursionError) as exc:
            _rec = {{"i": _i, "drop": "returns " + str(exc)}}
    _emit(_rec)
'''


def program(function: str, cases: list[list[Any]], *, per_call: float = 1.0, module: str = MODULE,
            receiver: str | None = None, spread_last: bool = False) -> str:
    """``receiver``: the Python expression of the object an instance method runs on (``_module`` is the module;
    translate.oracle.java_receivers), else a fresh ``Owner()``; ``spread_last``: a case's last argument is a Java
    varargs array, spread for a function that takes ``*xs``."""
    cap = max(60, _OUT_BUDGET // max(1, len(cases)))
    return _TEMPLATE.format(mark=MARK, name=function, per_call=float(per_call), cap=cap, module=module,
                            cases=repr(cases), receiver=receiver or "_holder()", spread=spread_last)


def marked(stdout: str) -> Iterator[dict[str, Any]]:
    """The JSON objects of the ``MARK``-prefixed lines of a driver's output (other lines, and lines cut short, are
    not results)."""
    for line in stdout.split("\n"):
        if not line.startswith(MARK):
            continue
        try:
            rec = json.loads(line[len(MARK):])
        except ValueError:
            continue
        if isinstance(rec, dict):
            yield rec


def parse_lines(stdout: str) -> tuple[dict[int, Outcome | str], str | None]:
    """Case index -> :class:`Outcome` or a drop reason (str); and a load error, if the module did not load.

    Shared by every target language's driver: they all print ``MARK {"i": k, "ok": v, "after": [...]}``,
    ``{"i": k, "raises": "TypeError"}`` or ``{"i": k, "drop": why}``."""
    out: dict[int, Outcome | str] = {}
    load = None
    for rec in marked(stdout):
        i = rec.get("i")
        if not isinstance(i, int):
            continue
        if "load" in rec:
            load = str(rec["load"])
        elif "drop" in rec:
            out[i] = str(rec["drop"])
        elif "raises" in rec:
            out[i] = Outcome(error=str(rec["raises"]) or "Error")
        elif "ok" in rec:
            out[i] = Outcome(value=rec["ok"], after=rec.get("after"))
    return out, load
