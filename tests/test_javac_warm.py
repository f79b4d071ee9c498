"""One warm javac a process (translate.sandbox.javac_warm): the behaviour checks' Java programs compile in a
javac that stays loaded in the sandbox, with the verdicts and javac's words of a cold javac; a server that dies,
hangs or cannot start costs only speed. Real javac, java and Python."""
from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest

from translate.oracle import check_candidate, record_source
from translate.sandbox import javac_warm, missing_tool, runner
from translate.sandbox.limits import Limits

pytestmark = pytest.mark.skipif(missing_tool("java") is not None, reason="no javac/java")

SRC = 'def add(a: int, b: int) -> int:\n    """>>> add(2, 3)\n    5\n    """\n    return a + b\n'
GOOD = "public static int add(int a, int b) { return a + b; }\n"
WRONG = "public static int add(int a, int b) { return a - b; }\n"
BROKEN = 'public static int add(int a, int b) { int c = "x"; return a + b; }\n'
HELLO = 'public class Main { public static void main(String[] a) { System.out.println("hi " + 6 * 7); } }\n'
TYPO = 'public class Main { public static void main(String[] a) { int x = "s"; System.out.println(y); } }\n'


@pytest.fixture()
def javac_calls(monkeypatch, tmp_path):
    """The cold javac command lines run; a fresh warm server (its class built in ``tmp_path``) for the test."""
    monkeypatch.setenv("TRANSLATE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("TRANSLATE_JAVAC", raising=False)
    javac_warm.shutdown()
    seen: list[list[str]] = []
    run = runner.run_command

    def spy(argv, *args, **kwargs):
        if Path(argv[0]).name == "javac":
            seen.append(list(argv))
        return run(argv, *args, **kwargs)
    monkeypatch.setattr(runner, "run_command", spy)
    yield seen
    javac_warm.shutdown()


def _server_pid() -> int:
    server = javac_warm._state["server"]
    assert server is not None, "no warm javac is running"
    return server.proc.pid


def test_checks_compile_in_one_warm_javac_with_the_same_verdicts(javac_calls):
    rec = record_source(SRC, "python", "add")
    assert check_candidate(rec, GOOD, "java").status == "verified"
    pid = _server_pid()
    assert check_candidate(rec, WRONG, "java").status == "differs"
    bad = check_candidate(rec, BROKEN, "java")
    assert bad.status == "failed" and "String cannot be converted to int" in (bad.reason or ""), bad
    assert check_candidate(rec, GOOD, "java").status == "verified"
    assert javac_calls == [] and _server_pid() == pid  # no cold javac, one server for all four
    root = Path(javac_warm._state["root"])
    assert list(root.iterdir()) == []  # each program's folder removed after its run
    javac_warm.shutdown()
    assert not root.exists()


def test_javac_words_are_those_of_a_cold_javac(javac_calls, monkeypatch):
    warm = runner.run_program(TYPO, "java")
    monkeypatch.setenv("TRANSLATE_JAVAC", "cold")
    cold = runner.run_program(TYPO, "java")
    assert len(javac_calls) == 1  # the second compile was cold
    assert (warm.status, warm.phase, warm.reason) == (cold.status, cold.phase, cold.reason) == (
        "failed", "compile", "compile error")
    assert warm.stderr == cold.stderr and "Main.java:1: error:" in warm.stderr and "2 errors" in warm.stderr
    assert runner.run_program(HELLO, "java").stdout.strip() == "hi 42"


def test_a_dead_server_is_replaced_and_a_hung_compile_is_a_timeout(javac_calls):
    assert runner.run_program(HELLO, "java").stdout.strip() == "hi 42"
    first = _server_pid()
    os.killpg(first, signal.SIGKILL)
    javac_warm._state["server"].proc.wait()
    assert runner.run_program(HELLO, "java").stdout.strip() == "hi 42"  # a new server, or cold: never an error
    assert javac_warm._state["failures"] == 1 and _server_pid() != first
    # a compile over its wall limit: the server is stopped and the compile says timeout, as a cold one would
    folder = Path(javac_warm.program_dir("java")) / "slow"
    folder.mkdir()
    (folder / "Main.java").write_text(HELLO)
    done = javac_warm.compile_args(folder, ["-d", ".", "Main.java"], runner.JVM_FLAGS, Limits(timeout=0.001), None)
    assert done == "timeout" and javac_warm._state["server"] is None
    assert runner.run_program(HELLO, "java").stdout.strip() == "hi 42"
    assert javac_calls == []


def test_cold_when_asked_or_when_the_server_cannot_start(javac_calls, monkeypatch):
    monkeypatch.setenv("TRANSLATE_JAVAC", "cold")
    assert runner.run_program(HELLO, "java").stdout.strip() == "hi 42"
    assert len(javac_calls) == 1 and javac_warm._state["server"] is None
    monkeypatch.delenv("TRANSLATE_JAVAC")
    monkeypatch.setattr(javac_warm, "SOURCE", Path(javac_warm.SOURCE).with_name("NoSuchServer.java"))
    for n in range(1, javac_warm.MAX_FAILURES + 2):
        assert runner.run_program(HELLO, "java").stdout.strip() == "hi 42"
        assert len(javac_calls) == 1 + n  # compiled cold each time
    assert not javac_warm.enabled()  # three failed starts: not tried again in this process
    assert javac_warm.program_dir("java") is None


def test_the_server_runs_inside_the_sandbox(javac_calls, monkeypatch):
    from translate.sandbox.policy import isolation

    started: list[list[str]] = []
    popen = subprocess.Popen

    def spy(cmd, *args, **kwargs):
        if cmd[-1] == "JavacServer":
            started.append(list(cmd))
        return popen(cmd, *args, **kwargs)
    monkeypatch.setattr(javac_warm.subprocess, "Popen", spy)
    assert runner.run_program(HELLO, "java").stdout.strip() == "hi 42"
    (cmd,) = started
    root = javac_warm._state["root"]
    iso = isolation(None)
    if iso.bwrap:  # its root is the one folder it may write; no network; it dies with translate
        assert cmd.count("--bind") == 1 and cmd[cmd.index("--bind") + 1] == root
        assert "--unshare-all" in cmd and "--die-with-parent" in cmd
    assert any("--as=" in a for a in cmd) or not runner.capabilities().prlimit  # the memory limit
    assert not any(a.startswith("--cpu=") for a in cmd)  # a long-lived server: each compile has a wall limit


def _project(work: Path) -> list[str]:
    """A two-file project with a package, one file broken, listed in an argument file."""
    (work / "src/app").mkdir(parents=True)
    (work / "src/app/Util.java").write_text("package app;\npublic class Util { public static int two() { return 2; } }\n")
    (work / "src/app/Main.java").write_text("package app;\npublic class Main { int x = Util.tw(); String s = 1; }\n")
    (work / "sources.txt").write_text('"src/app/Util.java"\n"src/app/Main.java"\n')
    return ["-d", "classes", "-encoding", "UTF-8", "-nowarn", "-Xmaxerrs", "200", "@sources.txt"]


def test_a_project_compile_from_an_argument_file_says_what_a_cold_javac_says(javac_calls, monkeypatch, tmp_path):
    warm_dir = Path(runner.tempfile.mkdtemp(dir=javac_warm.program_dir("java")))
    warm = runner.javac(warm_dir, _project(warm_dir), Limits(timeout=60, memory_mb=3072, processes=128))
    assert javac_calls == [] and javac_warm._state["server"] is not None
    cold_dir = tmp_path / "cold"  # not in the warm compiler's root: compiled cold
    cold_dir.mkdir()
    cold = runner.javac(cold_dir, _project(cold_dir), Limits(timeout=60, memory_mb=3072, processes=128))
    assert len(javac_calls) == 1
    assert (warm.status, warm.exit_code) == (cold.status, cold.exit_code) == ("failed", 1)
    assert warm.stderr == cold.stderr and "src/app/Main.java:2: error: cannot find symbol" in warm.stderr
    (warm_dir / "src/app/Main.java").write_text("package app;\npublic class Main { int x = Util.two(); }\n")
    fixed = runner.javac(warm_dir, ["-d", "classes", "-encoding", "UTF-8", "-nowarn", "@sources.txt"],
                         Limits(timeout=60, memory_mb=3072, processes=128))
    assert fixed.passed and (warm_dir / "classes/app/Main.class").is_file() and len(javac_calls) == 1
