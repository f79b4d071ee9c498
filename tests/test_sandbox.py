"""The sandbox with real interpreters and compilers (python3, node, javac/java, g++)."""
from __future__ import annotations

import os
import socket
import uuid

import pytest

from translate.sandbox import (
    FAILED,
    PASSED,
    SKIPPED,
    TIMEOUT,
    capabilities,
    missing_tool,
    run_program,
)


def needs(lang: str):
    missing = missing_tool(lang)
    return pytest.mark.skipif(missing is not None, reason=f"toolchain missing: {missing}")


@pytest.mark.parametrize("lang, code, out", [
    ("python", "print(6 * 7)", "42"),
    pytest.param("javascript", "console.log(6 * 7)", "42", marks=needs("javascript")),
    pytest.param("java", "class Solution { int f() { return 42; } }\n"
                 "public class Main { public static void main(String[] a) { System.out.println(new Solution().f()); } }",
                 "42", marks=needs("java")),
    pytest.param("cpp", "#include <cstdio>\nint main() { std::printf(\"%d\\n\", 6 * 7); }", "42", marks=needs("cpp")),
])
def test_passing_program(lang, code, out):
    res = run_program(code, lang)
    assert res.status == PASSED, res
    assert res.exit_code == 0
    assert res.stdout.strip() == out


@pytest.mark.parametrize("lang, code", [
    ("python", "assert 1 + 1 == 3"),
    pytest.param("javascript", "throw new Error('boom')", marks=needs("javascript")),
    pytest.param("java", "public class Main { public static void main(String[] a) { throw new AssertionError(); } }",
                 marks=needs("java")),
    pytest.param("cpp", "#include <cassert>\nint main() { assert(1 + 1 == 3); }", marks=needs("cpp")),
])
def test_failing_program(lang, code):
    res = run_program(code, lang)
    assert res.status == FAILED, res
    assert res.exit_code not in (0, None)
    assert res.phase == "run"


@needs("java")
def test_java_runs_the_public_main_not_a_translated_demo_main():
    # a translated class that brought its own demo main must not stand in for the test harness's Main
    # (HumanEval-X's naive Java answers "passed" this way)
    code = ("class Solution { int f() { return 1; }\n"
            "  public static void main(String[] a) { System.out.println(\"demo\"); } }\n"
            "public class Main { public static void main(String[] a) {\n"
            "  if (new Solution().f() != 2) throw new AssertionError(); } }")
    res = run_program(code, "java")
    assert res.status == FAILED, res
    assert "demo" not in res.stdout


@pytest.mark.parametrize("lang, code", [
    pytest.param("java", "public class Main { public static void main(String[] a) { int x = ; } }", marks=needs("java")),
    pytest.param("cpp", "int main() { return undefined_name; }", marks=needs("cpp")),
])
def test_compile_error_is_a_failure_in_the_compile_phase(lang, code):
    res = run_program(code, lang)
    assert res.status == FAILED and res.phase == "compile"
    assert res.reason == "compile error"
    assert res.stderr


def _alive_with(marker: str) -> list[str]:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                if marker.encode() in fh.read():
                    found.append(pid)
        except OSError:
            pass
    return found


def test_infinite_loop_is_killed_with_its_children():
    marker = f"sbx-marker-{uuid.uuid4().hex}"
    code = (
        "import subprocess, sys, time\n"
        # a child in the same process group that ignores SIGTERM and would outlive us
        f"subprocess.Popen([sys.executable, '-c', 'import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(600)', '{marker}'])\n"
        "while True:\n    pass\n"
    )
    res = run_program(code, "python", timeout=1.5)
    assert res.status == TIMEOUT, res
    assert res.reason == "timeout after 1.5s"
    assert _alive_with(marker) == []


@pytest.mark.skipif(not capabilities().processes_limited, reason="process count cannot be limited here")
def test_fork_bomb_is_stopped_by_the_process_limit():
    # Bounded on purpose: even without any limit this makes at most 200 short-lived sleeping processes.
    code = (
        "import os, sys, time\n"
        "n = 0\n"
        "for _ in range(200):\n"
        "    try:\n"
        "        pid = os.fork()\n"
        "    except OSError as exc:\n"
        "        print('fork refused after', n, exc, file=sys.stderr)\n"
        "        sys.exit(3)\n"
        "    if pid == 0:\n"
        "        time.sleep(2)\n"
        "        os._exit(0)\n"
        "    n += 1\n"
        "print('spawned', n)\n"
    )
    res = run_program(code, "python", processes=16)
    assert res.status == FAILED, res
    assert "fork refused after" in res.stderr
    assert res.exit_code == 3
    assert res.reason is not None and "process limit" in res.reason


def test_memory_hog_is_stopped_by_the_address_space_limit():
    # 4 GiB of untouched zero pages: succeeds instantly without a limit, MemoryError with one.
    res = run_program("buf = bytearray(4 * 1024 ** 3)\nprint(len(buf))", "python", memory_mb=512)
    assert res.status == FAILED, res
    assert "MemoryError" in res.stderr
    assert res.reason == "memory limit"


@needs("cpp")
def test_cpp_memory_hog_is_stopped():
    code = "#include <vector>\n#include <cstdio>\nint main() { std::vector<char> v(4ull << 30); std::printf(\"%zu\", v.size()); }"
    res = run_program(code, "cpp")
    assert res.status == FAILED, res
    assert res.reason == "memory limit"


@pytest.mark.skipif(not capabilities().network_isolated, reason="network namespaces are not available here")
def test_network_is_unreachable():
    # A server on the host's loopback: reachable from any ordinary process, not from the sandbox.
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        port = server.getsockname()[1]
        code = (
            "import socket\n"
            f"socket.create_connection(('127.0.0.1', {port}), timeout=3)\n"
            "print('connected')\n"
        )
        res = run_program(code, "python")
    assert res.status == FAILED, res
    assert "connected" not in res.stdout
    assert "OSError" in res.stderr or "Error" in res.stderr


def test_environment_is_clean_and_directory_is_fresh(monkeypatch):
    monkeypatch.setenv("TRANSLATE_TEST_SECRET_TOKEN", "hunter2")
    code = (
        "import os\n"
        "print(sorted(os.listdir('.')))\n"
        "print('hunter2' in repr(dict(os.environ)))\n"
        "open('left_behind.txt', 'w').write('x')\n"
    )
    first = run_program(code, "python")
    second = run_program(code, "python")
    for res in (first, second):
        assert res.status == PASSED, res
        assert res.stdout.split("\n")[:2] == ["['main.py']", "False"]


def test_missing_toolchain_is_skipped(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty directory: no javac, no g++, no node
    for lang, tool in (("java", "javac"), ("cpp", "g++"), ("javascript", "node")):
        res = run_program("whatever", lang)
        assert res.status == SKIPPED
        assert res.reason == f"skipped: no {tool}"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="cannot run"):
        run_program("x", "cobol")
