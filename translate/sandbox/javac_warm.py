"""One warm javac a process for the Java programs the behaviour checks compile (issue 21).

A cold ``javac`` starts a JVM and loads the compiler for every program: about 0.85 s on 2 cores, most of a Java
check (the program's own run is about 0.15 s). A compiler already loaded compiles such a program in tens of
milliseconds. ``JavacServer.java`` (beside this module; compiled once a JDK into ``TRANSLATE_HOME/javac``) is that
compiler, run in the sandbox a cold javac gets (:func:`translate.sandbox.runner.wrap`: bubblewrap where it works,
else unshare; no network; the memory and process limits of a compile; it dies with translate). Its one writable
folder is a root of this process's program folders (:func:`program_dir`), so it sees the programs of this run
and nothing else. Annotation processing is off, so compiling a program runs none of its code.

A compile over the wall limit kills the server and is a timeout, as a cold javac's would be; a server that dies or
answers out of shape is stopped and the program compiled cold (three such failures and this process stops
trying). ``TRANSLATE_JAVAC=cold``: a cold javac every time.
"""
from __future__ import annotations

import atexit
import functools
import hashlib
import os
import select
import shlex
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from translate.config import env
from translate.sandbox.limits import Limits, _clean_env
from translate.sandbox.policy import isolation, record_run

SOURCE = Path(__file__).with_name("JavacServer.java")
MAX_FAILURES = 3
# the server's own limits: a cold javac's (translate.sandbox.runner's Java toolchain); each compile has its wall limit
SERVER_LIMITS = Limits(timeout=60, memory_mb=3 * 1024, processes=128)
_LOCK = threading.Lock()
_state: dict = {"server": None, "failures": 0, "root": None, "pid": os.getpid()}


def enabled() -> bool:
    if _state["pid"] != os.getpid():  # a forked child: the parent's server and root are not its own
        _state.update(server=None, failures=0, root=None, pid=os.getpid())
    return env("TRANSLATE_JAVAC") != "cold" and _state["failures"] < MAX_FAILURES


def program_dir(lang: str) -> str | None:
    """The folder to make a Java program's scratch folder in (inside the warm compiler's root), or None (the
    system's temporary folder: it compiles cold)."""
    if lang != "java" or not enabled():
        return None
    with _LOCK:
        if _state["root"] is None or not os.path.isdir(_state["root"]):
            _state["root"] = os.path.realpath(tempfile.mkdtemp(prefix=f"translate-javac-{os.getpid()}-"))
        return _state["root"]


@functools.cache
def _jdk(javac: str) -> str | None:
    try:
        done = subprocess.run([javac, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout + done.stderr if done.returncode == 0 else None


def _classes(javac: str) -> Path | None:
    """The folder holding ``JavacServer.class`` for this JDK (built once, outside the sandbox: our own code)."""
    from translate.home import home_dir

    jdk = _jdk(javac)
    try:
        text = SOURCE.read_text(encoding="utf-8")
    except OSError:
        return None
    if jdk is None:
        return None
    folder = home_dir() / "javac" / hashlib.sha256(f"{jdk}\0{text}".encode()).hexdigest()[:20]
    if (folder / "JavacServer.class").is_file():
        return folder
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=folder))
        try:
            done = subprocess.run([javac, "-nowarn", "-d", str(tmp), str(SOURCE)], capture_output=True, timeout=120)
            if done.returncode != 0:
                return None
            os.replace(tmp / "JavacServer.class", folder / "JavacServer.class")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return folder


class _Server:
    def __init__(self, key: tuple, proc: subprocess.Popen, cgroup) -> None:
        self.key, self.proc, self.cgroup = key, proc, cgroup
        self.buffer = b""

    def read(self, n: int | None, deadline: float) -> bytes | None:
        """``n`` bytes (None: up to a newline, without it) before ``deadline``; None if the time or the pipe
        ran out first."""
        fd = self.proc.stdout.fileno()  # type: ignore[union-attr]
        while (len(self.buffer) < n) if n is not None else (b"\n" not in self.buffer):
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 65536)
            if not chunk:
                return None
            self.buffer += chunk
        if n is None:
            line, _, self.buffer = self.buffer.partition(b"\n")
            return line
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def stop(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except OSError:
            pass
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()
        self.cgroup.destroy()


def _start(key: tuple, jvm: list[str], mode: str | None) -> _Server | None:
    from translate.sandbox.runner import find_tool, wrap

    java, javac = find_tool("java"), find_tool("javac")
    if java is None or javac is None or (classes := _classes(javac)) is None:
        return None
    root = Path(_state["root"])
    argv = [java, *jvm, f"-Djava.io.tmpdir={root}", "-cp", str(classes), "JavacServer"]
    cmd, preexec, cgroup, fds = wrap(argv, root, SERVER_LIMITS, isolation(mode), expose=[str(classes)], cpu=False)
    try:
        proc = subprocess.Popen(cmd, cwd=root, env=_clean_env(str(root)), stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True,
                                preexec_fn=preexec, pass_fds=fds)
    except OSError:
        cgroup.destroy()
        return None
    finally:
        for fd in fds:
            os.close(fd)
    server = _Server(key, proc, cgroup)
    if server.read(None, time.monotonic() + 60) != b"ready":
        server.stop()
        return None
    return server


def _drop(failed: bool) -> None:
    server = _state["server"]
    _state["server"] = None
    if server is not None:
        server.stop()
    if failed:
        _state["failures"] += 1


_PATH_OPTIONS = frozenset({"-d", "-s", "-h", "-cp", "-classpath", "--class-path", "-sourcepath", "--source-path"})


def _absolute(args: list[str], workdir: Path) -> list[str] | None:
    """javac ``args`` given relative to ``workdir`` (the cold javac's working folder) with every path absolute (an
    ``@file``'s paths too, written to a file beside it), the classpath ``workdir`` where none is given (a cold
    javac's default, ``.``); None where a path is not plain (the cold javac then)."""
    out: list[str] = []
    place = lambda path: path if os.path.isabs(path) else str(workdir / path)
    for k, arg in enumerate(args):
        if k and args[k - 1] in _PATH_OPTIONS:
            out.append(os.pathsep.join(place(p) for p in arg.split(os.pathsep)))
        elif arg.startswith("@"):
            try:
                names = shlex.split((workdir / arg[1:]).read_text(encoding="utf-8"))
                if any('"' in n or "\\" in n for n in names):
                    return None
                listed = workdir / f".warm-{Path(arg[1:]).name}"
                listed.write_text("".join(f'"{place(n)}"\n' for n in names), encoding="utf-8")
            except (OSError, ValueError):
                return None
            out.append(f"@{listed}")
        elif not arg.startswith("-") and arg.endswith(".java"):
            out.append(place(arg))
        else:
            out.append(arg)
    if not {"-cp", "-classpath", "--class-path"}.intersection(args):
        out = ["-cp", str(workdir), *out]
    return None if any("\t" in a or "\n" in a for a in out) else out


def compile_args(workdir: Path, args: list[str], jvm: list[str], limits: Limits, mode: str | None):
    """``javac args`` as a cold javac run in ``workdir`` would do it (paths in ``args`` relative to ``workdir``),
    by the warm compiler: (exit code, diagnostics as the cold javac prints them, seconds); ``"timeout"`` for a
    compile over ``limits.timeout``; None when the warm compiler cannot be used here (compile cold: ``workdir``
    was not made in :func:`program_dir`, or the server cannot start)."""
    root = _state["root"]
    if not enabled() or root is None or Path(workdir).parent != Path(root):
        return None
    iso = isolation(mode)
    key = (iso.mode, iso.bwrap, tuple(jvm), root)
    absolute = _absolute(args, Path(workdir))
    if absolute is None:
        return None
    args = absolute
    with _LOCK:
        server = _state["server"]
        if server is not None and (server.key != key or server.proc.poll() is not None):
            _drop(server.key == key)
            server = None
        if server is None:
            server = _state["server"] = _start(key, jvm, mode)
            if server is None:
                _state["failures"] += 1
                return None
        record_run(iso)
        try:
            return _ask(server, args, workdir, limits.timeout)
        except BaseException:  # Ctrl-C mid-answer: the channel's state is unknown, the server goes
            _drop(False)
            raise


def _ask(server: _Server, args: list[str], workdir: Path, timeout: float):
    start = time.monotonic()
    deadline = start + timeout
    try:
        assert server.proc.stdin is not None  # started with a pipe
        server.proc.stdin.write(("\t".join(args) + "\n").encode("utf-8"))
        server.proc.stdin.flush()
    except OSError:
        _drop(True)
        return None
    head = server.read(None, deadline)
    parts = head.split() if head is not None else []
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        timed_out = time.monotonic() >= deadline
        _drop(not timed_out)
        return "timeout" if timed_out else None
    body = server.read(int(parts[1]), deadline)
    if body is None or int(parts[0]) == 4:  # cut off, or the compiler itself failed and the server stopped
        _drop(body is not None)
        return None
    text = body.decode("utf-8", "replace").replace(f"{workdir}/", "")
    return int(parts[0]), text, time.monotonic() - start


@atexit.register
def shutdown() -> None:
    """Stop the server and remove its root (at exit; tests call it to start over)."""
    with _LOCK:
        _drop(False)
        root, _state["root"] = _state["root"], None
        _state["failures"] = 0
    if root:
        shutil.rmtree(root, ignore_errors=True)
