"""``--emit-tests``: the recorded cases written as target tests, run by the real runner (pytest, node --test,
javac + java) on a right translation (they pass) and on one wrong function at a time (they fail)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from translate.oracle import Case, Outcome, Recording, record_source
from translate.oracle.emit_tests import emit
from translate.sandbox import missing_tool

SOURCE = '''def wrap_index(i, n):
    """Index i wrapped into range(n).

    >>> wrap_index(-1, 3)
    2
    """
    return i % n


def sort_in_place(xs):
    """>>> sort_in_place([3, 1, 2])"""
    xs.sort()


def checked_sqrt(x):
    """The square root of x; a negative x is an error.

    >>> checked_sqrt(2.25)
    1.5
    >>> checked_sqrt(-4.0)
    Traceback (most recent call last):
    ValueError: negative
    """
    if x < 0:
        raise ValueError("negative")
    return x ** 0.5
'''
FUNCTIONS = ("wrap_index", "sort_in_place", "checked_sqrt")
CAMEL = {"wrap_index": "wrapIndex", "sort_in_place": "sortInPlace", "checked_sqrt": "checkedSqrt"}

# Per target: (output file, {function: (right, wrong)}). Each wrong one is caught by another kind of check:
# a value (or an int turned float), an argument left unsorted after the call, an exception not raised.
PY = ("lib.py", {
    "wrap_index": ("def wrap_index(i, n):\n    return i % n\n", "def wrap_index(i, n):\n    return float(i % n)\n"),
    "sort_in_place": ("def sort_in_place(xs):\n    xs.sort()\n", "def sort_in_place(xs):\n    xs = sorted(xs)\n"),
    "checked_sqrt": ("def checked_sqrt(x):\n    if x < 0:\n        raise ValueError('negative')\n"
                     "    return x ** 0.5 * (1 + 1e-9)\n",  # within the tolerance
                     "def checked_sqrt(x):\n    return abs(x) ** 0.5\n"),
})
JS = ("lib.js", {
    "wrap_index": ("function wrapIndex(i, n) {\n  return ((i % n) + n) % n;\n}\n",
                   "function wrapIndex(i, n) {\n  return i % n;\n}\n"),
    "sort_in_place": ("const sortInPlace = (xs) => { xs.sort((a, b) => a - b); };\n",
                      "const sortInPlace = (xs) => { xs = [...xs].sort((a, b) => a - b); };\n"),
    "checked_sqrt": ("function checkedSqrt(x) {\n  if (x < 0) throw new RangeError('negative');\n"
                     "  return Math.sqrt(x);\n}\n", "function checkedSqrt(x) {\n  return Math.sqrt(Math.abs(x));\n}\n"),
})
JAVA = ("Lib.java", {
    "wrap_index": ("    public static int wrapIndex(int i, int n) { return ((i % n) + n) % n; }\n",
                   "    public static int wrapIndex(int i, int n) { return i % n; }\n"),
    "sort_in_place": ("    public static void sortInPlace(int[] xs) { Arrays.sort(xs); }\n",
                      "    public static void sortInPlace(int[] xs) { xs = xs.clone(); Arrays.sort(xs); }\n"),
    "checked_sqrt": ("    public static double checkedSqrt(double x) {\n        if (x < 0) throw new "
                     "IllegalArgumentException(\"negative\");\n        return Math.sqrt(x);\n    }\n",
                     "    public static double checkedSqrt(double x) { return Math.sqrt(Math.abs(x)); }\n"),
})


def _file(target: tuple[str, dict[str, tuple[str, str]]], wrong: str | None = None, style: str = "plain") -> str:
    parts = [pair[fn == wrong] for fn, pair in target[1].items()]
    if target is JAVA:
        return "import java.util.Arrays;\n\npublic class Lib {\n" + "".join(parts) + "}\n"
    if style == "esm":  # an ES module: the emitted test strips the exports
        return "".join("export " + p if p.startswith("function") else p for p in parts)
    if style == "commonjs":  # nothing at the top level: only module.exports has the functions
        return ("(function () {\n" + "".join(parts) + "module.exports = { wrapIndex, sortInPlace, checkedSqrt };\n"
                "})();\n")
    return "\n".join(parts)


@pytest.fixture(scope="module")
def recordings() -> list[Recording]:
    recs = [record_source(SOURCE, "python", fn) for fn in FUNCTIONS]
    if not all(rec.usable for rec in recs):
        pytest.skip(f"the sandbox cannot record here: {[rec.unverifiable or rec.failed for rec in recs]}")
    return recs


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=180)


def _setup(tmp_path: Path, recs: list[Recording], target: str, out_name: str, names: dict[str, str]) -> Path:
    (tmp_path / "src").mkdir(exist_ok=True)
    (tmp_path / "tests").mkdir(exist_ok=True)
    out = tmp_path / "src" / out_name
    name, text = emit([(rec, names.get(rec.function, rec.function)) for rec in recs], target, str(out),
                      str(tmp_path / "tests"), output_code=out.read_text() if out.exists() else None)
    (tmp_path / "tests" / name).write_text(text)
    return out


def test_pytest_file_passes_on_the_right_output_and_fails_on_each_wrong_one(tmp_path, recordings):
    out = tmp_path / "src" / "lib.py"
    _setup(tmp_path, recordings, "python", "lib.py", {})
    text = (tmp_path / "tests" / "test_lib.py").read_text()
    assert "spec_from_file_location" in text and "'../src/lib.py'" in text and "pytest.raises(Exception)" in text
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"]
    out.write_text(_file(PY))
    res = _run(cmd, tmp_path)
    assert res.returncode == 0 and "3 passed" in res.stdout, res.stdout + res.stderr
    for fn in FUNCTIONS:
        out.write_text(_file(PY, wrong=fn))
        res = _run(cmd, tmp_path)
        assert res.returncode == 1 and "1 failed, 2 passed" in res.stdout, res.stdout
        assert f"FAILED tests/test_lib.py::test_{fn}" in res.stdout


@pytest.mark.skipif(missing_tool("javascript") is not None, reason="no node")
def test_node_test_file_loads_the_output_however_it_exports(tmp_path, recordings):
    out = _setup(tmp_path, recordings, "javascript", "lib.js", CAMEL)
    text = (tmp_path / "tests" / "lib.test.mjs").read_text()
    assert 'from "node:test"' in text and "assert.throws(() => f(-4.0));" in text and "assertNear(" in text
    for style in ("plain", "esm", "commonjs"):
        out.write_text(_file(JS, style=style))
        res = _run(["node", "--test", "tests"], tmp_path)
        assert res.returncode == 0 and "# pass 3" in res.stdout, (style, res.stdout)
    for fn in FUNCTIONS:
        out.write_text(_file(JS, wrong=fn))
        res = _run(["node", "--test", "tests"], tmp_path)
        assert res.returncode != 0 and "# pass 2" in res.stdout and "# fail 1" in res.stdout, res.stdout
        assert f"not ok {FUNCTIONS.index(fn) + 1} - {fn}" in res.stdout


@pytest.mark.skipif(missing_tool("java") is not None, reason="no javac")
def test_java_main_passes_on_the_right_output_and_exits_1_on_each_wrong_one(tmp_path, recordings):
    out = tmp_path / "src" / "Lib.java"
    out.parent.mkdir()
    out.write_text(_file(JAVA))  # the emitter reads the parameter types from the output
    _setup(tmp_path, recordings, "java", "Lib.java", CAMEL)
    assert "public class LibTest" in (tmp_path / "tests" / "LibTest.java").read_text()

    def run() -> subprocess.CompletedProcess:
        built = _run(["javac", "-d", "build", "src/Lib.java", "tests/LibTest.java"], tmp_path)
        assert built.returncode == 0, built.stderr
        return _run(["java", "-cp", "build", "LibTest"], tmp_path)

    res = run()
    assert res.returncode == 0 and "OK: 33 checks passed" in res.stdout, res.stdout + res.stderr
    for fn in FUNCTIONS:
        out.write_text(_file(JAVA, wrong=fn))
        res = run()
        assert res.returncode == 1 and f"FAIL {'argument 1 after ' * (fn == 'sort_in_place')}{fn}(" in res.stderr


CPP = ("lib.cpp", {
    "wrap_index": ("long wrapIndex(long i, long n) { return ((i % n) + n) % n; }\n",
                   "long wrapIndex(long i, long n) { return i % n; }\n"),
    "sort_in_place": ("void sortInPlace(std::vector<long>& xs) { std::sort(xs.begin(), xs.end()); }\n",
                      "void sortInPlace(std::vector<long> xs) { std::sort(xs.begin(), xs.end()); }\n"),
    "checked_sqrt": ("double checkedSqrt(double x) {\n    if (x < 0) throw std::domain_error(\"negative\");\n"
                     "    return std::sqrt(x);\n}\n", "double checkedSqrt(double x) { return std::sqrt(x) + 1; }\n"),
})


@pytest.mark.skipif(missing_tool("cpp") is not None, reason="no g++")
def test_cpp_main_passes_on_the_right_output_and_exits_1_on_each_wrong_one(tmp_path, recordings):
    """The output is included by its path (its own ``main`` renamed around the ``#include``); a case where the
    source raised is left out with the reason (a crash is no check a ``main`` can make)."""
    out = tmp_path / "src" / "lib.cpp"
    out.parent.mkdir()
    head = "#include <algorithm>\n#include <cmath>\n#include <stdexcept>\n#include <vector>\n"

    def write(wrong: str | None = None) -> None:
        out.write_text(head + "".join(pair[fn == wrong] for fn, pair in CPP[1].items()) + "int main() { return 3; }\n")

    write()
    _setup(tmp_path, recordings, "cpp", "lib.cpp", CAMEL)
    text = (tmp_path / "tests" / "test_lib.cpp").read_text()
    assert '#include "../src/lib.cpp"' in text and "// left out: the source raised" in text

    def run() -> subprocess.CompletedProcess:
        built = _run(["g++", "-std=c++17", "-o", "t", "tests/test_lib.cpp"], tmp_path)
        assert built.returncode == 0, built.stderr
        return _run(["./t"], tmp_path)

    res = run()
    assert res.returncode == 0 and "FAIL" not in res.stdout, res.stdout
    for fn in FUNCTIONS:
        write(wrong=fn)
        res = run()
        failing = f"FAIL {'argument 1 after ' * (fn == 'sort_in_place')}{CAMEL[fn]}("
        assert res.returncode == 1 and failing in res.stdout, (fn, res.stdout)


def _rec(value, args=(3,), error=None) -> Recording:
    return Recording("f", ["x"], [Case(list(args), "doc", Outcome(value, error, [None] * len(args)))])


def test_cases_a_target_cannot_hold_are_left_out_with_the_reason(tmp_path):
    _, text = emit([(_rec(3 * 2**60), "f")], "javascript", str(tmp_path / "a.js"), str(tmp_path))
    body = text.split("\ntest(")[1]
    assert "// left out:" in body and "does not fit a JavaScript number" in body and "assert." not in body
    java = "public class A {\n    public static int f(int x) { return x; }\n}\n"
    _, text = emit([(_rec(2**40), "f")], "java", str(tmp_path / "A.java"), str(tmp_path), output_code=java)
    assert "// left out:" in text and "check(" not in text.split("static void fail")[0]
    _, text = emit([(_rec(1), "g")], "java", str(tmp_path / "A.java"), str(tmp_path), output_code=java)
    assert 'fail("f", "no method g in A.java");' in text  # the test reports the missing method, not skips it


def test_other_targets_and_empty_recordings_are_refused(tmp_path):
    with pytest.raises(ValueError, match="no test emitter for go yet"):
        emit([(_rec(1), "f")], "go", str(tmp_path / "a.go"), str(tmp_path))
    with pytest.raises(ValueError, match="no recorded case"):
        emit([(Recording("f", ["x"], unverifiable="reads a file"), "f")], "python", str(tmp_path / "a.py"),
             str(tmp_path))
