"""Run generated programs (Python, JavaScript, Java, C++) in a throw-away sandbox.

Every run gets a fresh temporary directory as its working directory and ``HOME``, a clean
environment (nothing inherited: no tokens, no proxies), a wall-clock timeout after which the whole
process group is killed, and resource limits. What is enforced is detected once at run time and
recorded in :func:`capabilities` (``translate eval`` copies the notes into its report):

* **rlimits** (always, through util-linux ``prlimit`` or, failing that, ``setrlimit`` in the child):
  address space (per-language policy below), CPU seconds (timeout + 1), output file size, open
  files, no core dumps.
* **process count**: a fresh cgroup per run with ``pids.max`` when a writable pids cgroup exists
  (works as root, where ``RLIMIT_NPROC`` is *not* enforced by the kernel); otherwise, for a non-root
  user, ``RLIMIT_NPROC`` = the user's current process count + the allowance. Root without a pids
  cgroup: not enforced (recorded note).
* **network**: ``unshare --net`` puts the program in an empty network namespace (only a downed
  loopback, not the host's), with ``--user --map-root-user`` for non-root users; also ``--pid``, so
  every process the program started dies with it. Where ``unshare`` is refused: not enforced (note).
* **not enforced**: filesystem isolation and privilege drop. The program runs as the calling user;
  it starts in an empty directory but could read or write files that user can. This sandbox stops
  accidents (loops, fork bombs, memory hogs, stray network calls), not a determined attacker.

Memory policy (``RLIMIT_AS``): 1 GiB for Python and C++ programs, 2 GiB for g++ itself and Node,
3 GiB for the JVM, which also gets explicit heap/metaspace/code-cache flags so it fits.
A missing toolchain is a ``skipped`` result ("skipped: no javac"), never an exception.
"""
from __future__ import annotations

import functools
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

PASSED, FAILED, TIMEOUT, SKIPPED = "passed", "failed", "timeout", "skipped"
_TAIL = 4000
_GIB = 1024
_JVM_FLAGS = ["-Xmx512m", "-Xss8m", "-XX:CompressedClassSpaceSize=64m", "-XX:MaxMetaspaceSize=256m",
              "-XX:ReservedCodeCacheSize=64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
              "-XX:-UsePerfData"]


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0  # wall clock, seconds
    memory_mb: int = 1024  # RLIMIT_AS
    processes: int = 32  # pids.max / RLIMIT_NPROC allowance (threads count too)
    file_size_mb: int = 64
    open_files: int = 256


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


# --------------------------------------------------------------------------- isolation probing
@dataclass(frozen=True)
class Capabilities:
    unshare: tuple[str, ...]  # argv prefix, () when unavailable
    network_isolated: bool
    prlimit: str | None
    pids_cgroup: str | None  # parent directory for per-run cgroups
    nproc_rlimit: bool  # RLIMIT_NPROC is enforced (non-root)
    notes: tuple[str, ...]

    @property
    def processes_limited(self) -> bool:
        return bool(self.pids_cgroup) or self.nproc_rlimit


def _works(argv: list[str]) -> bool:
    try:
        return subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=10,
                              env={"PATH": "/usr/bin:/bin"}).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _pids_cgroup() -> str | None:
    """A directory under which this process may create pids cgroups, or None."""
    if os.geteuid() != 0:
        return None
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return None
    bases = []
    for line in lines:
        _, controllers, path = line.split(":", 2)
        if "pids" in controllers.split(","):
            bases.append(Path("/sys/fs/cgroup/pids") / path.lstrip("/"))
    for base in bases:
        probe = base / f"translate-sandbox-probe-{os.getpid()}"
        try:
            probe.mkdir()
            ok = (probe / "pids.max").exists()
            probe.rmdir()
        except OSError:
            continue
        if ok:
            return str(base)
    return None


@functools.cache
def capabilities() -> Capabilities:
    notes: list[str] = []
    unshare: tuple[str, ...] = ()
    exe = shutil.which("unshare")
    if exe:
        for extra in ([], ["--user", "--map-root-user"]):
            argv = [exe, *extra, "--net", "--pid", "--fork", "--kill-child", "--"]
            if _works([*argv, "true"]):
                unshare = tuple(argv)
                break
    if not unshare:
        notes.append("network not isolated: unshare --net is not available here")
    prlimit = shutil.which("prlimit")
    if prlimit and not _works([prlimit, "--nofile=256", "--", "true"]):
        prlimit = None
    if not prlimit:
        notes.append("prlimit not found: rlimits set with setrlimit in the child (preexec_fn)")
    cgroup = _pids_cgroup()
    nproc = cgroup is None and os.geteuid() != 0
    if cgroup is None and not nproc:
        notes.append("process count not limited: running as root without a writable pids cgroup")
    return Capabilities(unshare, bool(unshare), prlimit, cgroup, nproc, tuple(notes))


# --------------------------------------------------------------------------- running
def _clean_env(home: str) -> dict[str, str]:
    return {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home, "TMPDIR": home, "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0",
            "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _user_process_count() -> int:
    uid = os.getuid()
    n = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                n += len(os.listdir(f"/proc/{entry.name}/task")) if entry.stat().st_uid == uid else 0
            except OSError:
                pass
    return n


def _rlimits(limits: Limits, caps: Capabilities) -> dict[str, int]:
    mb = 1024 * 1024
    cpu = int(limits.timeout) + 1
    out = {"as": limits.memory_mb * mb, "cpu": cpu, "fsize": limits.file_size_mb * mb,
           "nofile": limits.open_files, "core": 0}
    if caps.nproc_rlimit:
        out["nproc"] = _user_process_count() + limits.processes
    return out


def _preexec(rl: dict[str, int]):
    import resource

    names = {"as": resource.RLIMIT_AS, "cpu": resource.RLIMIT_CPU, "fsize": resource.RLIMIT_FSIZE,
             "nofile": resource.RLIMIT_NOFILE, "core": resource.RLIMIT_CORE, "nproc": resource.RLIMIT_NPROC}

    def apply() -> None:  # pragma: no cover - runs in the child
        for key, value in rl.items():
            soft = value
            hard = value + 1 if key == "cpu" else value
            resource.setrlimit(names[key], (soft, hard))

    return apply


class _Cgroup:
    def __init__(self, base: str | None, max_pids: int):
        self.path = None
        if base:
            path = Path(base) / f"translate-sandbox-{uuid.uuid4().hex[:12]}"
            try:
                path.mkdir()
                (path / "pids.max").write_text(str(max_pids))
                self.path = path
            except OSError:
                self.path = None

    def hit_limit(self) -> bool:
        if self.path is None:
            return False
        try:
            for line in (self.path / "pids.events").read_text().splitlines():
                key, _, value = line.partition(" ")
                if key == "max" and int(value) > 0:
                    return True
        except (OSError, ValueError):
            pass
        return False

    def destroy(self) -> None:
        if self.path is None:
            return
        for _ in range(200):
            try:
                pids = [int(p) for p in (self.path / "cgroup.procs").read_text().split()]
            except OSError:
                pids = []
            if not pids:
                break
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            time.sleep(0.01)
        try:
            self.path.rmdir()
        except OSError:
            pass


def _tail(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - _TAIL))
            data = fh.read()
    except OSError:
        return ""
    return data.decode("utf-8", "replace")


_MEMORY_SIGNS = ("MemoryError", "std::bad_alloc", "heap out of memory", "OutOfMemoryError",
                 "Could not reserve enough space", "Cannot allocate memory", "memory exhausted")


def run_command(argv: list[str], workdir: str | Path, limits: Limits, *, phase: str = "run",
                stdin: str | None = None) -> RunResult:
    """Run one command in ``workdir`` with every isolation layer that works here."""
    caps = capabilities()
    workdir = Path(workdir)
    logs = Path(tempfile.mkdtemp(prefix="translate-sbx-log-"))
    cgroup = _Cgroup(caps.pids_cgroup, limits.processes)
    rl = _rlimits(limits, caps)
    cmd = list(argv)
    preexec = None
    if caps.prlimit:
        cmd = [caps.prlimit, *(f"--{k}={v}" for k, v in rl.items()), "--", *cmd]
    else:
        preexec = _preexec(rl)
    cmd = [*caps.unshare, *cmd]
    if cgroup.path is not None:  # join the cgroup first, then exec the rest (no preexec_fn needed)
        cmd = ["/bin/sh", "-c", 'echo $$ > "$0" && exec "$@"', str(cgroup.path / "cgroup.procs"), *cmd]
    notes = list(caps.notes)
    if caps.pids_cgroup and cgroup.path is None:
        notes.append("pids cgroup could not be created for this run: process count not limited")
    start = time.monotonic()
    timed_out = False
    try:
        with open(logs / "stdout", "wb") as out, open(logs / "stderr", "wb") as err:
            proc = subprocess.Popen(cmd, cwd=workdir, env=_clean_env(str(workdir)), stdout=out, stderr=err,
                                    stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                    start_new_session=True, preexec_fn=preexec)
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
    finally:
        cgroup.destroy()
    stdout, stderr = _tail(logs / "stdout"), _tail(logs / "stderr")
    shutil.rmtree(logs, ignore_errors=True)
    code = proc.returncode
    if timed_out:
        return RunResult(TIMEOUT, None, stdout, stderr, seconds, phase, f"timeout after {limits.timeout:g}s", notes)
    if code == 0:
        return RunResult(PASSED, 0, stdout, stderr, seconds, phase, None, notes)
    reason = None
    if hit_pids:
        reason = f"process limit ({limits.processes}) reached"
    elif code in (-signal.SIGXCPU, 128 + signal.SIGXCPU) or (code == -signal.SIGKILL and seconds >= limits.timeout):
        reason = "cpu time limit"
    elif code in (-signal.SIGXFSZ, 128 + signal.SIGXFSZ):
        reason = "output size limit"
    elif any(sign in stderr for sign in _MEMORY_SIGNS):
        reason = "memory limit"
    elif "Resource temporarily unavailable" in stderr or "BlockingIOError" in stderr:
        reason = "process limit reached"
    return RunResult(FAILED, code, stdout, stderr, seconds, phase, reason, notes)


def _java_entry(code: str) -> tuple[str, str]:
    """(file name, main class) for a Java program: the public class names the file."""
    public = re.search(r"^\s*public\s+(?:final\s+)?class\s+(\w+)", code, re.M)
    mains = re.findall(r"class\s+(\w+)[^{]*\{(?:(?!\bclass\b).)*?static\s+void\s+main\s*\(", code, re.S)
    main = mains[0] if mains else (public.group(1) if public else "Main")
    return f"{public.group(1) if public else main}.java", main


def run_program(code: str, language: str, *, timeout: float | None = None, memory_mb: int | None = None,
                processes: int | None = None, extra_files: dict[str, str] | None = None,
                stdin: str | None = None) -> RunResult:
    """Write ``code`` to a fresh directory, compile it if the language needs that, run it.

    ``passed`` means it compiled and exited 0 in time; callers add their own rules on top
    (HumanEval-X JavaScript also requires empty output).
    """
    lang = sandbox_language(language)
    chain = _TOOLCHAINS[lang]
    missing = missing_tool(lang)
    if missing:
        return RunResult(SKIPPED, reason=f"skipped: {missing}", notes=list(capabilities().notes))
    run_limits = chain.run_limits
    overrides = {k: v for k, v in (("timeout", timeout), ("memory_mb", memory_mb), ("processes", processes))
                 if v is not None}
    run_limits = replace(run_limits, **overrides)
    tools = {t: find_tool(t) for t in chain.tools}
    workdir = Path(tempfile.mkdtemp(prefix=f"translate-sbx-{lang}-"))
    try:
        filename, main_class = (_java_entry(code) if lang == "java" else (chain.source, ""))
        for name, text in (extra_files or {}).items():
            (workdir / name).write_text(text, encoding="utf-8")
        (workdir / filename).write_text(code, encoding="utf-8")
        total = 0.0
        if lang == "java":
            comp = run_command([tools["javac"], *(f"-J{f}" for f in _JVM_FLAGS), "-encoding", "UTF-8", "-nowarn",
                                "-d", ".", filename], workdir, chain.compile_limits, phase="compile")
        elif lang == "cpp":
            comp = run_command([tools["g++"], "-std=c++17", "-o", "main", filename], workdir,
                               chain.compile_limits, phase="compile")
        else:
            comp = None
        if comp is not None:
            total += comp.seconds
            if not comp.passed:
                if comp.status == FAILED:
                    comp.reason = comp.reason or "compile error"
                return comp
        argv = {"python": [tools.get("python3", ""), "-B", filename],
                "javascript": [tools.get("node", ""), filename],
                "java": [tools.get("java", ""), *_JVM_FLAGS, "-cp", ".", main_class],
                "cpp": ["./main"]}[lang]
        res = run_command(argv, workdir, run_limits, stdin=stdin)
        res.seconds += total
        return res
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
