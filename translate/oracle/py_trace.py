"""The tracer program: run a Python project's own tests and record what they do to its classes and functions.

A class's methods cannot be called on inputs made up from the parameter types: they need an object in some
state. The project's tests build such objects. This program (run in the sandbox, the project's Python files
laid out at their relative paths) runs every test function (``test*`` without parameters: fixtures are not
supplied) and every ``unittest.TestCase`` of the given test files under ``sys.settrace`` and records each call
into a unit of the project from outside that unit (from test code, or from another unit of the project):

- an object's life: the constructor's arguments, then each method call on it in order with its arguments and
  what it returned or raised, and its fields after the last call. A test that changes the object's fields
  itself (not through a method) ends that record there.
- a module-level function's call, or a static or class method's (``path:Class.name``; a class method called
  on its own class): its arguments and outcome.

Arguments are canonical values (:mod:`translate.oracle.py_driver`); an argument that is an object of the
project is written as the constructor call that built it (``{"$new": "pkg/models.py:Item", "args": [...]}``),
kept only when its fields are still those the constructor left. A returned object (and an object's fields) is
``{"$class": "Item", "$fields": {...}}``. Calls inside one unit (a method calling another method of its own
object, a function calling itself) are its own business and are not recorded. Each record is one
``MARK``-prefixed JSON line. The half that runs the tests is :mod:`translate.oracle.py_trace_runner`.
"""
from __future__ import annotations

from typing import Any

from translate.oracle.py_driver import MARK, marked
from translate.oracle.py_trace_runner import RUNNER

_TEMPLATE = r'''
import contextlib, gc, importlib.util, io, json, math, os, signal, sys, time, types, unittest
_OUT = sys.stdout
MARK, PROJECT, TESTS, PER_TEST, MAX_SCENARIOS, MAX_STEPS = {mark!r}, {project!r}, {tests!r}, {per_test!r}, {scen!r}, {steps!r}
USE_PYTEST, PATHS, BUDGET = {pytest!r}, {paths!r}, {budget!r}
_START = time.monotonic()

def _over():  # no test starts after the budget: what was recorded is printed before the sandbox's timeout
    return time.monotonic() - _START > BUDGET
ROOT = os.path.dirname(os.path.abspath(__file__))
_FILES = {{os.path.join(ROOT, p): p for p in PROJECT}}

class _NotCanonical(Exception):
    pass

class _Timeout(BaseException):
    pass

_objs, _keep, _calls, _counts, _seen = {{}}, [], [], {{}}, set()

def _key(tp):
    mod = sys.modules.get(getattr(tp, "__module__", None) or "")
    rel = _FILES.get(os.path.abspath(getattr(mod, "__file__", None) or "/"))
    if rel is None or "." in tp.__qualname__:
        return None
    return rel + ":" + tp.__qualname__

_DEFAULT = object()  # a parameter left at its default

def _canon(v, recipe=False, d=0):
    if v is _DEFAULT:
        return {{"$default": True}}
    if d > 30:
        raise _NotCanonical("a structure nested too deep")
    if v is None or isinstance(v, (bool, str, int)):
        return v
    if isinstance(v, float):
        if math.isnan(v) or math.isinf(v):
            raise _NotCanonical(repr(v))
        return v
    if isinstance(v, (list, tuple)):
        return [_canon(x, recipe, d + 1) for x in v]
    if isinstance(v, dict):
        if not all(isinstance(k, str) for k in v):
            raise _NotCanonical("a dict with non-string keys")
        return {{k: _canon(x, recipe, d + 1) for k, x in v.items()}}
    key = _key(type(v))
    if key is None:
        raise _NotCanonical("a " + type(v).__name__)
    if not recipe:
        return {{"$class": type(v).__qualname__, "$fields": _fields(v, d)}}
    rec = _objs.get(id(v))
    if rec is None or rec["obj"] is not v or rec.get("init_out"):
        raise _NotCanonical("a " + type(v).__name__ + " the tests did not build")
    if _state(v) != rec["state0"]:
        raise _NotCanonical("a " + type(v).__name__ + " changed since it was built")
    return {{"$new": key, "args": rec["init"]}}

def _type(v):
    """``_shape``, never raising: a value whose type cannot be read (a container that fails when iterated) is "?"."""
    try:
        return _shape(v)
    except Exception:
        return "?"

def _shape(v, d=0):
    """The value's type, for a typed target's signatures: a name, or {{"list"|"set": S}}, {{"tuple": [S...]}},
    {{"dict": [K, V]}}, {{"obj": "path:Cls"}} (a project class), {{"py": name}}, {{"union": [S...]}}."""
    if v is None or isinstance(v, (bool, int, float, str)):
        return "None" if v is None else type(v).__name__ if type(v) in (bool, int, float, str) else "?"
    if v is _DEFAULT or d > 6:
        return "?"
    if isinstance(v, tuple):
        return {{"tuple": [_shape(x, d + 1) for x in v[:8]]}}
    if isinstance(v, (list, set, frozenset)):
        return {{"list" if isinstance(v, list) else "set": _union([_shape(x, d + 1) for x in list(v)[:16]])}}
    if isinstance(v, dict):
        items = list(v.items())[:16]
        return {{"dict": [_union([_shape(k, d + 1) for k, _ in items]), _union([_shape(x, d + 1) for _, x in items])]}}
    key = _key(type(v))
    return {{"obj": key}} if key else {{"py": type(v).__name__}}

def _union(shapes):
    out = []
    for s in shapes:
        if s not in out:
            out.append(s)
    return "?" if not out else out[0] if len(out) == 1 else {{"union": out}}

def _fields(v, d=0):
    try:
        items = list(vars(v).items())
    except TypeError:
        raise _NotCanonical("a " + type(v).__name__ + " without fields")
    return {{k: _canon(x, False, d + 1) for k, x in items if not callable(x)}}

def _snapshot(rec, v):
    try:
        rec["fields"] = _fields(v)
        rec["state"] = json.dumps(rec["fields"], sort_keys=True)
        rec["ftypes"] = {{k: _type(x) for k, x in vars(v).items() if not callable(x)}}
    except Exception as exc:  # user code (a field whose iteration raises) never ends the trace
        rec["fields"], rec["state"] = None, "?" + str(exc)

def _state(v):
    try:
        return json.dumps(_fields(v), sort_keys=True)
    except Exception as exc:
        return "?" + str(exc)

def _outcome(raised, value):
    if raised:
        return {{"raises": raised}}
    try:
        return {{"ok": _canon(value)}}
    except _NotCanonical as exc:
        return {{"drop": "returns " + str(exc)}}
    except Exception as exc:  # reading the value raised (user code): the call stays, its value unread
        return {{"drop": "returns a value that raised " + type(exc).__name__ + " when read"}}

def _rtype(raised, value):
    return "!" if raised else _type(value)

def _local(done):
    seen = [None]
    def trace(frame, event, arg):
        if event == "exception":
            seen[0] = arg[0].__name__
        elif event == "line":
            seen[0] = None
        elif event == "return":
            done(seen[0] if arg is None else None, arg)
        return trace
    return trace

_FN = {{}}

def _function(code, frame=None):
    """The function whose code this is (None: not found): the module's name for it, a method of the class of
    the frame's first argument, else a search of the objects that refer to the code."""
    if code not in _FN:
        fns = []
        if frame is not None:
            loc = frame.f_locals
            first = loc.get(code.co_varnames[0]) if code.co_argcount else None
            places = [frame.f_globals] + [vars(c) for c in type(first).__mro__ if hasattr(c, "__dict__")]
            fns = [f for f in (p.get(code.co_name) for p in places) if getattr(f, "__code__", None) is code]
        if not fns:
            fns = [f for f in gc.get_referrers(code) if isinstance(f, types.FunctionType) and f.__code__ is code]
        _FN[code] = fns[0] if fns else None
    return _FN[code]

def _kwdefaults(code, frame):
    """The keyword-only defaults of the function whose code this is (None: not found)."""
    fn = _function(code, frame)
    return None if fn is None else (fn.__kwdefaults__ or {{}})

def _is_default(value, default):
    return value is default or type(value) is type(default) and isinstance(value, (bool, int, float, str)) and value == default

def _positional(code, loc, frame):
    """The call's positional arguments: its trailing parameters still at their defaults left out (the call is
    replayed as a caller who did not pass them) and the others at their defaults marked ``_DEFAULT`` (replayed
    as JavaScript's ``undefined``, which takes the default), or all of them where ``*args`` got values."""
    args = [loc[n] for n in code.co_varnames[:code.co_argcount]]
    if code.co_flags & 0x04:
        rest = list(loc[code.co_varnames[code.co_argcount + code.co_kwonlyargcount]])
        if rest:
            return args + rest
    fn = _function(code, frame)
    defaults = (fn.__defaults__ or ()) if fn is not None else ()
    first = len(args) - len(defaults)
    args = [_DEFAULT if i >= first and _is_default(a, defaults[i - first]) else a for i, a in enumerate(args)]
    while args and args[-1] is _DEFAULT:
        args.pop()
    return args

def _inside(back, code, loc):
    """Whether the call from project frame ``back`` into ``code`` stays inside one unit: a function calling itself
    or its nested functions, a method calling methods of its own object (``self``, ``super().__init__``)."""
    caller = back.f_code
    if "." not in code.co_qualname:
        return caller.co_filename == code.co_filename and caller.co_qualname.split(".")[0] == code.co_qualname
    if not (code.co_argcount and caller.co_argcount):
        return False
    try:
        return back.f_locals.get(caller.co_varnames[0]) is loc.get(code.co_varnames[0])
    except Exception:
        return True

def _record_call(fn, args):
    """A call of the function ``fn`` (``path:name``, or ``path:Class.name`` for a static or class method)."""
    if _counts.get(fn, 0) >= MAX_SCENARIOS:
        return None
    try:
        call = {{"fn": fn, "args": _canon(args, True)}}
        seen = json.dumps(call, sort_keys=True)
    except Exception:
        return None
    if seen in _seen:
        return None  # the same call again (a helper called the same way from many places): one record
    _seen.add(seen)
    _calls.append(call)
    _counts[fn] = _counts.get(fn, 0) + 1
    call["types"] = [_type(a) for a in args]
    return _local(lambda raised, value: call.update(out=_outcome(raised, value), rtype=_rtype(raised, value)))

def _global(frame, event, arg):
    code = frame.f_code
    rel = _FILES.get(code.co_filename)
    if rel is None or "<" in code.co_qualname or not code.co_flags & 0x01:
        return None  # module code, lambdas and comprehensions, class bodies (not optimized: no CO_OPTIMIZED)
    loc = frame.f_locals
    back = frame.f_back
    if back is not None and back.f_code.co_filename in _FILES and _inside(back, code, loc):
        return None  # a unit's own business: recursion, a nested function, a method on its own object
    extra = code.co_argcount + code.co_kwonlyargcount + bool(code.co_flags & 0x04)
    if code.co_flags & 0x08 and loc.get(code.co_varnames[extra]):
        return None  # keyword arguments: not replayed (positional arguments only)
    if code.co_kwonlyargcount:  # keyword-only parameters: replayed only while they hold their defaults
        kw = _kwdefaults(code, frame)
        names = code.co_varnames[code.co_argcount:code.co_argcount + code.co_kwonlyargcount]
        if kw is None or any(n not in kw or loc.get(n) is not kw[n] and loc.get(n) != kw[n] for n in names):
            return None
    args = _positional(code, loc, frame)
    name = code.co_name
    if "." not in code.co_qualname:
        return _record_call(rel + ":" + name, args)
    owner = code.co_qualname.rsplit(".", 1)[0]
    cls = frame.f_globals.get(owner) if "." not in owner else None
    if isinstance(cls, type) and isinstance(cls.__dict__.get(name), staticmethod):
        return _record_call(rel + ":" + owner + "." + name, args)  # replayed as Cls.name(...)
    if not args:
        return None
    self = args[0]
    if isinstance(cls, type) and self is cls and isinstance(cls.__dict__.get(name), classmethod):
        return _record_call(rel + ":" + owner + "." + name, args[1:])  # on the class itself, not a subclass
    if not any(c.__qualname__ == owner for c in type(self).__mro__):
        return None  # a class method called on a subclass
    key = _key(type(self))
    if key is None:
        return None
    if name == "__init__":
        if id(self) in _objs or sum(1 for r in _objs.values() if r["cls"] == key) >= MAX_SCENARIOS:
            return None
        try:
            init = _canon(args[1:], True)
        except Exception:
            return None
        rec = {{"cls": key, "init": init, "steps": [], "obj": self, "broken": None, "types": [_type(a) for a in args[1:]]}}
        _objs[id(self)] = rec
        _keep.append(self)
        def built(raised, value):
            if raised:
                rec["init_out"] = {{"raises": raised}}
            _snapshot(rec, self)
            rec["state0"] = rec["state"]
        return _local(built)
    if name.startswith("__"):
        return None
    rec = _objs.get(id(self))
    if rec is None or rec["obj"] is not self or rec["broken"] or rec.get("init_out"):
        return None
    if len(rec["steps"]) >= MAX_STEPS:
        rec["broken"] = "more than %d calls" % MAX_STEPS
        return None
    if _state(self) != rec["state"]:
        rec["broken"] = "its fields were changed outside its methods"
        return None
    try:
        step = {{"m": name, "args": _canon(args[1:], True)}}
    except Exception as exc:
        rec["broken"] = "an argument of " + name + " is " + str(exc)
        return None
    rec["steps"].append(step)
    step["types"] = [_type(a) for a in args[1:]]
    def returned(raised, value):
        step["out"] = _outcome(raised, value)
        step["rtype"] = _rtype(raised, value)
        _snapshot(rec, self)
    return _local(returned)

'''


def program(project: list[str], tests: list[str], *, per_test: float = 2.0, scenarios: int = 12,
            steps: int = 30, pytest: bool = True, paths: list[str] | None = None, budget: float = 60.0) -> str:
    """The tracer for the project's modules ``project`` and its test files ``tests`` (paths relative to the
    project root, where the program is written); at most ``scenarios`` records per class or function.
    ``pytest``: run the tests under pytest when the sandbox's Python has it (fixtures, parametrize), else
    (or when ``False``) call the test functions without parameters and the unittest cases directly.
    ``paths``: folders (relative) to import from besides the root: the import roots of a ``src/`` layout.
    ``budget``: seconds after which no test starts (set under the sandbox's timeout, so the records get out)."""
    return (_TEMPLATE + RUNNER).format(mark=MARK, project=list(project), tests=list(tests), per_test=float(per_test),
                            scen=int(scenarios), steps=int(steps), pytest=bool(pytest), paths=list(paths or []),
                            budget=float(budget))


def parse(stdout: str) -> tuple[list[dict[str, Any]], list[str], int | None]:
    """(records, load errors, how many tests ran) from the program's output; ``None`` tests: it did not finish.
    A run stopped by its time budget adds the load error ``"stopped: ..."``."""
    records: list[dict[str, Any]] = []
    loads: list[str] = []
    ran = None
    for rec in marked(stdout):
        if "load" in rec:
            loads.append(str(rec["load"]))
        elif "tests" in rec:
            ran = rec["tests"] if isinstance(rec["tests"], int) else None
            if rec.get("stopped"):
                loads.append("stopped: the tests ran past the tracer's time budget; the rest were not run")
        elif "cls" in rec or "fn" in rec:
            records.append(rec)
    return records, loads, ran
