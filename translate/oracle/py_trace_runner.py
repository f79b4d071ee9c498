"""The tracer program's second half: run the project's tests (under pytest where the sandbox's Python has it,
else the test functions without parameters and the unittest cases, called directly) with the tracer of
:mod:`translate.oracle.py_trace` installed, then print what it recorded. Text of a generated program, formatted
with the first half (``{{``/``}}`` are literal braces)."""

RUNNER = r'''
def _alarm(signum, frame):
    raise _Timeout()

def _run(fn):
    signal.setitimer(signal.ITIMER_REAL, PER_TEST)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            fn()
    except _Timeout:
        pass
    except BaseException:
        pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)

def _emit(rec):
    _OUT.write(MARK + json.dumps(rec, separators=(",", ":")) + "\n")

def _pytest():
    try:
        import pytest
    except ImportError:
        return None

    class _Plugin:
        ran = 0

        @pytest.hookimpl(hookwrapper=True)
        def pytest_runtest_call(self, item):
            signal.setitimer(signal.ITIMER_REAL, PER_TEST)
            try:
                yield
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)

        def pytest_runtest_logreport(self, report):
            if report.when == "call":
                _Plugin.ran += 1

        def pytest_runtest_setup(self, item):
            if _over():
                item.session.shouldstop = "the tracer's time budget is spent"
                pytest.skip("the tracer's time budget is spent")

    args = ["-q", "-p", "no:cacheprovider", "-p", "no:randomly", "--rootdir", ROOT, "-o", "pythonpath=.",
            "--import-mode=importlib", "--continue-on-collection-errors", *[os.path.join(ROOT, t) for t in TESTS]]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        sys.settrace(_global)
        try:
            pytest.main(args, plugins=[_Plugin()])
        finally:
            sys.settrace(None)
    return _Plugin.ran

signal.signal(signal.SIGALRM, _alarm)
sys.path[:0] = [os.path.join(ROOT, p) for p in PATHS if p not in ("", ".")] + [ROOT]
ran = _pytest() if USE_PYTEST else None
mini = ran is None  # no pytest: test functions without parameters and unittest cases, called here
ran = ran or 0
sys.settrace(_global if mini else None)
for _n, _rel in enumerate(TESTS if mini else ()):
    _path = os.path.join(ROOT, _rel)
    if os.path.dirname(_path) not in sys.path:
        sys.path.insert(1, os.path.dirname(_path))
    _name = "_oracle_tests_%d" % _n
    try:
        _spec = importlib.util.spec_from_file_location(_name, _path)
        _mod = importlib.util.module_from_spec(_spec)
        sys.modules[_name] = _mod
        with contextlib.redirect_stdout(io.StringIO()):
            _spec.loader.exec_module(_mod)
    except BaseException as exc:
        sys.settrace(None)
        _emit({{"load": _rel + ": " + type(exc).__name__ + ": " + str(exc)[:200]}})
        sys.settrace(_global)
        continue
    for _attr, _obj in list(vars(_mod).items()):
        if getattr(_obj, "__module__", None) != _name or _over():
            continue
        if _attr.startswith("test") and isinstance(_obj, types.FunctionType):
            if _obj.__code__.co_argcount == len(_obj.__defaults__ or ()):
                _run(_obj)
                ran += 1
        elif isinstance(_obj, type) and issubclass(_obj, unittest.TestCase):
            for _test in unittest.defaultTestLoader.loadTestsFromTestCase(_obj):
                if not _over():
                    _run(lambda: _test.run(unittest.TestResult()))
                    ran += 1
sys.settrace(None)
for _rec in _objs.values():
    _out = {{k: _rec.get(k) for k in ("cls", "init", "init_out", "steps", "broken", "types", "ftypes")}}
    _out["steps"] = [s for s in _rec["steps"] if "out" in s]
    _out["state"] = None if _rec.get("init_out") else _rec.get("fields")  # after the last step recorded
    _emit(_out)
for _call in _calls:
    if "out" in _call:
        _emit(_call)
_emit({{"tests": ran, "stopped": _over()}})
'''
