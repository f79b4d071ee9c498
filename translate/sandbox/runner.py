"""Compile and run one program in a fresh directory with every isolation layer that works here."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from translate.sandbox import bwrap, javac_warm
from translate.sandbox.limits import (
    Limits,
    _Cgroup,
    _clean_env,
    _preexec,
    _rlimits,
    capabilities,
)
from translate.sandbox.policy import Isolation, isolation, record_run

PASSED, FAILED, TIMEOUT, SKIPPED = "passed", "failed", "timeout", "skipped"
_TAIL = 4000
_COMPILE_TAIL = 32_000  # javac's error list whole: a check sets aside each method it names (oracle.java_aside)
_GIB = 1024
JVM_FLAGS = ["-Xmx512m", "-Xss8m", "-XX:CompressedClassSpaceSize=64m", "-XX:MaxMetaspaceSize=256m",
              "-XX:ReservedCodeCacheSize=64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
              "-XX:-UsePerfData"]
# javac's full diagnostics: a call that does not fit names the types it requires and the ones it found
JAVAC_VERBOSE = "-Xdiags:verbose"


@dataclass
class RunResult:
    status: str  # passed | failed | timeout | skipped
    exit_code: int | None = None
    stdout: str = ""  # tails
    stderr: str = ""
    seconds: float = 0.0
    phase: str = "run"  # compile | run: where it stopped
    reason: str | None = None  # "skipped: no javac", "compile error", "memory limit", ...
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.status == PASSED

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class _Toolchain:
    tools: tuple[str, ...]  # executables that must exist
    source: str  # file name of the program
    compile_limits: Limits | None
    run_limits: Limits


_TOOLCHAINS = {
    "python": _Toolchain(("python3",), "main.py", None, Limits(memory_mb=_GIB, processes=32)),
    "javascript": _Toolchain(("node",), "main.js", None, Limits(memory_mb=2 * _GIB, processes=64)),
    "java": _Toolchain(("javac", "java"), "Main.java", Limits(timeout=60, memory_mb=3 * _GIB, processes=128),
                       Limits(memory_mb=3 * _GIB, processes=128)),
    "cpp": _Toolchain(("g++",), "main.cpp", Limits(timeout=60, memory_mb=2 * _GIB, processes=32),
                      Limits(memory_mb=_GIB, processes=32)),
}
_ALIASES = {"py": "python", "python3": "python", "js": "javascript", "node": "javascript", "c++": "cpp"}


def sandbox_language(name: str) -> str:
    key = _ALIASES.get(name.lower(), name.lower())
    if key not in _TOOLCHAINS:
        raise ValueError(f"the sandbox cannot run {name!r} (it runs {', '.join(_TOOLCHAINS)})")
    return key


def find_tool(name: str) -> str | None:
    """Absolute path of a toolchain executable on the current PATH (python3: this interpreter)."""
    if name == "python3" and sys.executable and shutil.which("python3"):
        return sys.executable  # the interpreter running translate: its stdlib and numpy are known
    return shutil.which(name)


def missing_tool(language: str) -> str | None:
    """``"no javac"`` when a tool the language needs is not installed, else ``None``."""
    for tool in _TOOLCHAINS[sandbox_language(language)].tools:
        if find_tool(tool) is None:
            return f"no {tool}"
    return None


def _tail(path: Path, chars: int = _TAIL) -> str:
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - chars))
            data = fh.read()
    except OSError:
        return ""
    return data.decode("utf-8", "replace")


_MEMORY_SIGNS = ("MemoryError", "std::bad_alloc", "heap out of memory", "OutOfMemoryError",
                 "Could not reserve enough space", "Cannot allocate memory", "memory exhausted")


def wrap(argv: list[str], workdir: Path, limits: Limits, iso: Isolation, *, expose: Sequence[str] = (),
         scratch_mb: int | None = None, cpu: bool = True) -> tuple[list[str], Any, _Cgroup, list[int]]:
    """``argv`` inside every isolation layer that works here: (command, preexec_fn or None, the pids cgroup it
    joins, fds to pass and then close). The caller destroys the cgroup when the command is over. ``cpu``: a
    CPU-time limit of the wall limit (off for a long-lived process, whose requests have their own limit)."""
    caps = capabilities()
    # bwrap adds two processes of its own (the monitor and the PID 1 reaper) to the cgroup
    cgroup = _Cgroup(caps.pids_cgroup, limits.processes + (2 if iso.bwrap else 0))
    rl = _rlimits(limits, caps)
    if not cpu:
        rl.pop("cpu")
    cmd = list(argv)
    preexec = None
    if caps.prlimit:
        cmd = [caps.prlimit, *(f"--{k}={v}" for k, v in rl.items()), "--", *cmd]
    else:
        preexec = _preexec(rl)
    fds: list[int] = []
    if iso.bwrap:
        files: list[str] = []
        if scratch_mb and bwrap.sized(iso.bwrap):
            try:
                files, fds = bwrap.copy_in(workdir)
            except OSError:
                scratch_mb = None  # not plain files: the directory itself, bound read-write
        cmd = [*bwrap.argv(iso.bwrap, workdir, expose=expose, scratch_mb=scratch_mb, files=files), *cmd]
    else:
        cmd = [*caps.pdeathsig, *caps.unshare, *cmd]
    if cgroup.path is not None:  # join the cgroup first, then exec the rest (no preexec_fn needed)
        cmd = ["/bin/sh", "-c", 'echo $$ > "$0" && exec "$@"', str(cgroup.path / "cgroup.procs"), *cmd]
    return cmd, preexec, cgroup, fds


def run_command(argv: list[str], workdir: str | Path, limits: Limits, *, phase: str = "run",
                stdin: str | None = None, expose: Sequence[str] = (), mode: str | None = None,
                scratch_mb: int | None = None, output_chars: int = _TAIL) -> RunResult:
    """Run one command in ``workdir`` with every isolation layer that works here.

    ``workdir`` is the only writable host directory when bubblewrap is used (see
    :mod:`translate.sandbox.bwrap`); ``expose`` lists directories the command needs to read even if
    they are under a hidden path (the caller's PATH for ``--tests``). ``mode``: ``auto|require|off``,
    default the process-wide :func:`translate.sandbox.policy.set_mode`. ``scratch_mb``: under bwrap,
    the command sees a copy of ``workdir`` in a tmpfs of that size (a disk quota; what it writes there
    is gone afterwards) instead of ``workdir`` itself. ``output_chars``: how much of the end of stdout and
    stderr comes back (a test runner's whole report needs more than the default).
    """
    caps = capabilities()
    iso = isolation(mode)  # raises SandboxUnavailable for require without bwrap
    workdir = Path(workdir)
    logs = Path(tempfile.mkdtemp(prefix=f"translate-sbx-log-{os.getpid()}-"))
    cmd, preexec, cgroup, fds = wrap(argv, workdir, limits, iso, expose=expose, scratch_mb=scratch_mb)
    record_run(iso)
    notes = [n for n in caps.notes if not (iso.bwrap and n.startswith(("network not isolated", "without bwrap")))]
    if iso.note:
        notes.insert(0, iso.note)
    if caps.pids_cgroup and cgroup.path is None:
        notes.append("pids cgroup could not be created for this run: process count not limited")
    start = time.monotonic()
    timed_out = False
    try:
        with open(logs / "stdout", "wb") as out, open(logs / "stderr", "wb") as err:
            proc = subprocess.Popen(cmd, cwd=workdir, env=_clean_env(str(workdir)), stdout=out, stderr=err,
                                    stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                    start_new_session=True, preexec_fn=preexec,
                                    pass_fds=fds)
            for fd in fds:
                os.close(fd)
            fds = []
            try:
                if stdin is not None:
                    proc.communicate(stdin.encode("utf-8"), timeout=limits.timeout)
                else:
                    proc.wait(timeout=limits.timeout)
            except subprocess.TimeoutExpired:
                timed_out = True
            finally:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)  # the whole group, also on normal exit
                except OSError:
                    pass
                proc.wait()
        seconds = time.monotonic() - start
        hit_pids = cgroup.hit_limit()
        stdout, stderr = _tail(logs / "stdout", output_chars), _tail(logs / "stderr", output_chars)
    finally:
        for fd in fds:
            os.close(fd)
        cgroup.destroy()
        shutil.rmtree(logs, ignore_errors=True)
    code = proc.returncode
    if timed_out:
        return RunResult(TIMEOUT, None, stdout, stderr, seconds, phase, f"timeout after {limits.timeout:g}s", notes)
    if code == 0:
        return RunResult(PASSED, 0, stdout, stderr, seconds, phase, None, notes)
    reason = None
    if hit_pids:
        reason = f"process limit ({limits.processes}) reached"
    elif code in (-signal.SIGXCPU, 128 + signal.SIGXCPU) or (
            code in (-signal.SIGKILL, 128 + signal.SIGKILL) and seconds >= limits.timeout):
        reason = "cpu time limit"
    elif code in (-signal.SIGXFSZ, 128 + signal.SIGXFSZ):
        reason = "output size limit"
    elif any(sign in stderr for sign in _MEMORY_SIGNS):
        reason = "memory limit"
    elif "Resource temporarily unavailable" in stderr or "BlockingIOError" in stderr:
        reason = "process limit reached"
    return RunResult(FAILED, code, stdout, stderr, seconds, phase, reason, notes)


def _java_entry(code: str) -> tuple[str, str]:
    """(file name, main class) for a Java program: the public class names the file and runs when it has a
    ``main``."""
    public = re.search(r"^\s*public\s+(?:final\s+)?class\s+(\w+)", code, re.MULTILINE)
    mains = re.findall(r"class\s+(\w+)[^{]*\{(?:(?!\bclass\b).)*?static\s+void\s+main\s*\(", code, re.DOTALL)
    # the public class's main runs (java runs the class the file is named for); else a ``Main``'s, else the first:
    # a translated class with its own demo ``main`` must not stand in for the test harness's ``Main``
    if public and public.group(1) in mains:
        main = public.group(1)
    elif "Main" in mains:
        main = "Main"
    else:
        main = mains[0] if mains else (public.group(1) if public else "Main")
    return f"{public.group(1) if public else main}.java", main


def _inside(workdir: Path, name: str) -> Path:
    """``workdir / name`` for a relative path that stays inside ``workdir`` (ValueError otherwise)."""
    rel = PurePosixPath(name.replace("\\", "/"))
    if not name or rel.is_absolute() or ".." in rel.parts or "\0" in name:
        raise ValueError(f"a program file must stay inside its directory: {name!r}")
    return workdir.joinpath(*rel.parts)


def _precompiled(code: str, prelude: str | None, cxxflags: tuple[str, ...], gxx: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(g++ flags, folders the compile reads): the precompiled ``prelude`` for a plain compile of a program
    that starts with it, else ``cxxflags`` as given."""
    if not prelude or cxxflags or not code.startswith(prelude):
        return cxxflags, ()
    from translate.sandbox.pch import header_for

    header = header_for(prelude, gxx)
    return (("-include", str(header)), (str(header.parent),)) if header is not None else ((), ())


def javac(workdir: Path, args: list[str], limits: Limits, *, mode: str | None = None,
          output_chars: int = _COMPILE_TAIL) -> RunResult:
    """``javac args`` in ``workdir`` (paths relative to it): by this process's warm javac
    (translate.sandbox.javac_warm) when ``workdir`` was made in its :func:`~javac_warm.program_dir`, else a javac
    of its own. The same result either way: exit code, javac's diagnostics in ``stderr``, a timeout."""
    done = javac_warm.compile_args(workdir, args, JVM_FLAGS, limits, mode)
    if done == "timeout":
        return RunResult(TIMEOUT, None, "", "", limits.timeout, "compile", f"timeout after {limits.timeout:g}s")
    if done is not None:
        code, text, seconds = done
        return RunResult(PASSED if code == 0 else FAILED, code, "", text[-output_chars:], seconds, "compile")
    tool = find_tool("javac") or "javac"
    jvm = [*JVM_FLAGS, f"-Djava.io.tmpdir={workdir}"]  # the JVM's temp files stay in the scratch dir
    return run_command([tool, *(f"-J{f}" for f in jvm), *args], workdir, limits, phase="compile", mode=mode,
                       output_chars=output_chars)


def run_program(code: str, language: str, *, timeout: float | None = None, memory_mb: int | None = None,
                processes: int | None = None, disk_mb: int | None = None, extra_files: dict[str, str] | None = None,
                stdin: str | None = None, mode: str | None = None, cxxflags: tuple[str, ...] = (),
                filename: str | None = None, prelude: str | None = None, output_chars: int | None = None) -> RunResult:
    """Write ``code`` to a fresh directory, compile it if the language needs that, run it.

    ``passed`` means it compiled and exited 0 in time; callers add their own rules on top
    (HumanEval-X JavaScript also requires empty output). ``cxxflags``: more g++ flags (the test-guided
    verifier adds UBSan, so a division by zero names its line). ``extra_files``: relative path -> text, written
    beside the program (folders made; a path that would leave the directory is refused); ``filename``: the
    program's own relative path (Python, JavaScript; default the toolchain's ``main`` file). ``prelude`` (C++):
    the standard headers ``code`` starts with, compiled once as a precompiled header (translate.sandbox.pch).
    ``output_chars``: how much of the end of stdout and stderr comes back (default 4,000 characters).
    """
    lang = sandbox_language(language)
    chain = _TOOLCHAINS[lang]
    missing = missing_tool(lang)
    if missing:
        return RunResult(SKIPPED, reason=f"skipped: {missing}", notes=list(capabilities().notes))
    run_limits = chain.run_limits
    overrides: dict[str, Any] = {k: v for k, v in (("timeout", timeout), ("memory_mb", memory_mb),
                                                   ("processes", processes), ("disk_mb", disk_mb)) if v is not None}
    run_limits = replace(run_limits, **overrides)
    tools = {t: find_tool(t) or t for t in chain.tools}  # missing_tool() said each one is there
    workdir = Path(os.path.realpath(tempfile.mkdtemp(prefix=f"translate-sbx-{lang}-{os.getpid()}-",
                                                     dir=javac_warm.program_dir(lang))))
    try:
        if lang == "java":
            filename, main_class = _java_entry(code)
        else:
            filename, main_class = filename or chain.source, ""
        for name, text in [*(extra_files or {}).items(), (filename, code)]:
            path = _inside(workdir, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        total = 0.0
        jvm = [*JVM_FLAGS, f"-Djava.io.tmpdir={workdir}"]  # the JVM's temp files stay in the scratch dir
        compile_limits = chain.compile_limits or chain.run_limits
        comp: RunResult | None
        if lang == "java":
            comp = javac(workdir, ["-encoding", "UTF-8", "-nowarn", JAVAC_VERBOSE, "-d", ".", filename], compile_limits,
                         mode=mode)
        elif lang == "cpp":
            libs = ["-lcrypto"] if re.search(r"#\s*include\s*[<\"]openssl/", code) else []
            flags, expose = _precompiled(code, prelude, cxxflags, tools["g++"])
            comp = run_command([tools["g++"], "-std=c++17", *flags, "-o", "main", filename, *libs], workdir,
                               compile_limits, phase="compile", mode=mode, expose=expose)  # TMPDIR: the scratch dir
            if expose and not comp.passed and expose[0] in (comp.stderr or ""):  # the header itself failed here
                from translate.sandbox.pch import forget

                forget(prelude or "")
                comp = run_command([tools["g++"], "-std=c++17", *cxxflags, "-o", "main", filename, *libs], workdir,
                                   compile_limits, phase="compile", mode=mode)
        else:
            comp = None
        if comp is not None:
            total += comp.seconds
            if not comp.passed:
                if comp.status == FAILED:
                    comp.reason = comp.reason or "compile error"
                return comp
        argv: list[str] = {"python": [tools.get("python3", ""), "-B", filename],
                           "javascript": [tools.get("node", ""), filename],
                           "java": [tools.get("java", ""), *jvm, "-cp", ".", main_class],
                           "cpp": ["./main"]}[lang]
        res = run_command(argv, workdir, run_limits, stdin=stdin, mode=mode, scratch_mb=run_limits.disk_mb,
                          output_chars=output_chars or _TAIL)
        res.seconds += total
        return res
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
