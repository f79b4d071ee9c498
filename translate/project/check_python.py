"""``translate repo --check`` for Python targets: import every module once, then run each test file under pytest.

The project is copied into a fresh scratch directory (the sandbox sees only that copy). The build step imports
each module in one sandboxed interpreter (``find_tool("python3")``: the one running translate) and prints a
``BUILD-ERROR ["file", "Type: message"]`` line per module that fails. Each test file then runs under
``python -m pytest`` in the scratch directory itself (its junit XML must outlive the run, so no tmpfs copy);
``-m`` puts the scratch directory on ``sys.path`` and ``-o pythonpath=.`` says so again to pytest, so project
modules import whether or not the project has a ``pyproject.toml``. The XML gives one :class:`TestCase` per
``testcase`` element; a skipped test did not run and is left out.
"""
from __future__ import annotations

import importlib.util
import json
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from translate.project.check import LIMITS, CheckResult, TestCase, TestFile
from translate.sandbox import find_tool, run_command

_BUILD_PY = """
import contextlib, importlib, io, json, sys
sys.path.insert(0, "")
bad = 0
for f, name in json.loads(sys.argv[1]):
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            importlib.import_module(name)
    except BaseException as e:
        bad += 1
        err = (type(e).__name__ + ": " + str(e)).split("\\n")[0][:300]
        print("BUILD-ERROR " + json.dumps([f, err]), flush=True)
sys.exit(1 if bad else 0)
"""
_TEST_NAME = re.compile(r"^test_([A-Za-z]\w*?)__([A-Za-z_]\w*)(\[.*\])?$")
_SCRATCH = re.compile(r"/\S*?/translate-check-[^/\s]+/")
_FRAME = re.compile(r'^(?:\s*File "(?P<a>[^"]+)", line (?P<b>\d+)|(?P<c>[^\s:]+\.py):(?P<d>\d+):)')
_LOC = re.compile(r"^[^\s:]+\.py:\d+: (\w[\w.]*)\s*$")
_EXC = re.compile(r"^E\s+([A-Za-z_][\w.]*(?:Error|Exception|Exit|Warning|Interrupt)\b.*)$")
_CLASS = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Warning|Interrupt))(?::|$)")
_MAX_ERROR = 2000


def module_name(rel: str) -> str | None:
    """The import name of a module path: ``shop/store.py`` -> ``shop.store``, ``shop/__init__.py`` -> ``shop``."""
    if not rel.endswith(".py"):
        return None
    parts = rel[:-3].split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts) or None


def source_test_name(name: str) -> str:
    """A JUnit method registered as a module-level pytest function, ``test_<Cls>__<method>``, as ``<Cls>.<method>``;
    any other name as it is."""
    m = _TEST_NAME.match(name)
    return f"{m.group(1)}.{m.group(2)}{m.group(3) or ''}" if m else name


def _stack(text: str, project: set[str]) -> str:
    """The frames of a failure's traceback in project files, as ``path:line``, innermost first."""
    frames: list[str] = []
    for line in _SCRATCH.sub("", text).splitlines():
        m = _FRAME.match(line)
        if m is None:
            continue
        path, num = (m.group("a"), m.group("b")) if m.group("a") else (m.group("c"), m.group("d"))
        frame = f"{path}:{num}"
        if path in project and (not frames or frames[-1] != frame):
            frames.append(frame)
    return "\n".join(reversed(frames))


def _first_error(text: str, fallback: str) -> str:
    """The first exception line (``E   Type: message``) of pytest's report, else ``fallback``."""
    for line in text.splitlines():
        m = _EXC.match(line)
        if m is not None:
            return m.group(1).strip()
    return fallback


def _case(el: ET.Element, module: str, project: set[str]) -> TestCase | None:
    """One testcase element as a TestCase; None for a skipped test (it did not run)."""
    if el.find("skipped") is not None:
        return None
    name = source_test_name(el.get("name", ""))
    classname = el.get("classname", "")
    if classname.startswith(module + "."):  # a method of a test class
        name = f"{classname[len(module) + 1:]}.{name}"
    bad = next((c for c in el if c.tag in ("failure", "error")), None)
    if bad is None:
        return TestCase(name, True)
    message = _SCRATCH.sub("", bad.get("message") or "")
    text = bad.text or ""
    first = next((ln.strip() for ln in message.splitlines() if ln.strip()), "") or _first_error(text, bad.tag)
    cls = _CLASS.match(message)
    locs = [m.group(1) for m in map(_LOC.match, text.splitlines()) if m]
    exc_name = cls.group(1) if cls else (bad.get("type") or (locs[-1] if locs else ""))
    details = {"error": (message if message.strip() else text)[:_MAX_ERROR], "stack": _stack(text, project)}
    if exc_name:
        details["name"] = exc_name
    return TestCase(name, False, first[:300], details)


def parse_junit(xml_path: Path, rel: str, project: set[str]) -> TestFile:
    """The TestFile of one pytest run's junit XML; a missing or malformed file is the file's error."""
    tf = TestFile(rel)
    try:
        root = ET.parse(xml_path).getroot()
    except (OSError, ET.ParseError) as e:
        tf.error = f"no test report ({type(e).__name__})"
        return tf
    module = module_name(rel) or rel
    for el in root.iter("testcase"):
        err = el.find("error")
        if err is not None and (not el.get("classname") or err.get("message") == "collection failure"):
            text = _SCRATCH.sub("", err.text or "")
            tf.error = tf.error or _first_error(text, err.get("message") or "the test file did not load")
            inner = _stack(text, project).split("\n")[0]  # where it died: the innermost project frame
            if inner and tf.error_at is None:
                path, _, line = inner.rpartition(":")
                tf.error_at = (path, int(line))
            continue
        case = _case(el, module, project)
        if case is not None:
            tf.tests.append(case)
    return tf


def _build(work: Path, python: str, modules: list[str], result: CheckResult) -> None:
    names = [[f, n] for f in modules if (n := module_name(f)) is not None]
    if not names:
        result.builds = True
        return
    run = run_command([python, "-B", "-c", _BUILD_PY, json.dumps(names)], work, LIMITS, phase="compile",
                      scratch_mb=LIMITS.disk_mb)
    for line in run.stdout.splitlines():
        if line.startswith("BUILD-ERROR "):
            try:
                f, err = json.loads(line[len("BUILD-ERROR "):])
            except ValueError:
                continue  # cut by the output tail
            result.build_errors.append({"file": f, "error": _SCRATCH.sub("", err)})
    result.builds = run.passed and not result.build_errors
    if not run.passed and not result.build_errors:
        result.build_errors.append({"file": "", "error": run.reason or _first_error(run.stderr, "")
                                    or run.stderr.strip()[-300:]})


# Each test gets its own time: one test that loops for ever (sqids' migrated ``encode`` with a loop condition
# turned round) fails alone with ``TimeoutError`` and the stack of the loop, instead of the whole file running out
# of its time with nothing reported. A pytest plugin in the scratch directory only (never in the user's output).
PER_TEST_SECONDS = 5.0
_PLUGIN = "_translate_per_test_timeout"


def _plugin_py(seconds: float) -> str:
    return f"""
import signal

import pytest


def _over(signum, frame):
    raise TimeoutError("the test ran over {seconds:g} s (translate's per-test limit)")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    old = signal.signal(signal.SIGALRM, _over)
    signal.setitimer(signal.ITIMER_REAL, {seconds}, {min(1.0, seconds)})  # again and again: a loop that catches it
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
"""


def _run_tests(work: Path, python: str, rel: str, index: int, project: set[str]) -> TestFile:
    xml = f".translate-junit-{index}.xml"
    if not (work / f"{_PLUGIN}.py").exists():
        (work / f"{_PLUGIN}.py").write_text(_plugin_py(PER_TEST_SECONDS), encoding="utf-8")
    run = run_command([python, "-B", "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", _PLUGIN,
                       "--import-mode=importlib", "--rootdir", ".", "-o", "pythonpath=.", f"--junitxml={xml}", rel],
                      work, LIMITS)
    if run.status == "timeout":
        return TestFile(rel, error=run.reason)
    tf = parse_junit(work / xml, rel, project)
    if not tf.tests and (tf.error is None or tf.error.startswith("no test report")):  # nothing ran
        if run.exit_code == 5:
            tf.error = "no tests collected"
        elif not run.passed:
            output = _SCRATCH.sub("", run.stdout + "\n" + run.stderr)
            tf.error = run.reason or _first_error(output, "") or tf.error or "the test file did not run"
    return tf


def check_python(dst: Path, modules: list[str], tests: list[str], extra: list[str]) -> CheckResult:
    """Import every module of ``modules`` and run each file of ``tests`` under pytest (paths relative to ``dst``)."""
    result = CheckResult("pytest")
    python = find_tool("python3")
    if python is None:
        result.skipped = "no python3"
        return result
    work = Path(tempfile.mkdtemp(prefix="translate-check-"))
    try:
        project: set[str] = set()
        for rel in [*modules, *tests, *extra]:
            src = dst / rel
            if src.is_file() and not src.is_symlink():
                (work / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, work / rel)
                project.add(rel)
        _build(work, python, modules, result)
        if importlib.util.find_spec("pytest") is None:
            result.skipped = "no pytest"
            return result
        for i, rel in enumerate(tests):
            result.files.append(_run_tests(work, python, rel, i, project))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result
