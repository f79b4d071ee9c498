"""Isolation layers: what this machine lets the sandbox enforce (probed once), rlimits, pids cgroups."""
from __future__ import annotations

import functools
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0  # wall clock, seconds
    memory_mb: int = 1024  # RLIMIT_AS
    processes: int = 32  # pids.max / RLIMIT_NPROC allowance (threads count too)
    file_size_mb: int = 64
    open_files: int = 256
    disk_mb: int = 256  # size of the scratch tmpfs of a program run under bwrap


@dataclass(frozen=True)
class Capabilities:
    unshare: tuple[str, ...]  # argv prefix, () when unavailable
    network_isolated: bool
    proc_isolated: bool  # unshare --mount-proc: /proc shows only the sandbox (no parent's environ)
    pdeathsig: tuple[str, ...]  # argv prefix that kills the run when translate dies, () when unavailable
    prlimit: str | None
    pids_cgroup: str | None  # parent directory for per-run cgroups
    nproc_rlimit: bool  # RLIMIT_NPROC is enforced (non-root)
    notes: tuple[str, ...]

    @property
    def processes_limited(self) -> bool:
        return bool(self.pids_cgroup) or self.nproc_rlimit


def _works(argv: list[str]) -> bool:
    try:
        return subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=10, check=False,
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
        probe = base / f"translate-sandbox-{os.getpid()}-probe"
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
        tries = [[*extra, *proc] for proc in (["--mount-proc"], []) for extra in ([], ["--user", "--map-root-user"])]
        for extra in tries:
            argv = [exe, *extra, "--net", "--pid", "--fork", "--kill-child", "--"]
            if _works([*argv, "true"]):
                unshare = tuple(argv)
                break
    if not unshare:
        notes.append("network not isolated: unshare --net is not available here")
    proc = "--mount-proc" in unshare
    if not proc:
        notes.append("without bwrap, /proc is the host's: a program can read the environment of this user's "
                     "processes (unshare --mount-proc is not available here)")
    setpriv = shutil.which("setpriv")
    pdeath = (setpriv, "--pdeathsig", "KILL", "--") if setpriv else ()
    if pdeath and not _works([*pdeath, "true"]):
        pdeath = ()
    if not pdeath:
        notes.append("without bwrap, a run may outlive a killed translate (setpriv --pdeathsig is not available)")
    prlimit = shutil.which("prlimit")
    if prlimit and not _works([prlimit, "--nofile=256", "--", "true"]):
        prlimit = None
    if not prlimit:
        notes.append("prlimit not found: rlimits set with setrlimit in the child (preexec_fn)")
    cgroup = _pids_cgroup()
    nproc = cgroup is None and os.geteuid() != 0
    if cgroup is None and not nproc:
        notes.append("process count not limited: running as root without a writable pids cgroup")
    reap_stale(tempfile.gettempdir(), cgroup)
    return Capabilities(unshare, bool(unshare), proc, pdeath, prlimit, cgroup, nproc, tuple(notes))


_STALE = re.compile(r"^translate-(?:sbx-[a-z]+|sandbox)-(\d+)-")


def _dead(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def reap_stale(tmp: str, cgroup_base: str | None = None) -> list[str]:
    """Remove what a killed translate left: ``translate-sbx-*-<pid>-*`` scratch directories in ``tmp`` and
    ``translate-sandbox-<pid>-*`` cgroups (their processes killed first) whose owner ``pid`` is dead."""
    removed: list[str] = []
    for base, prefix in ((tmp, "translate-sbx-"), (cgroup_base, "translate-sandbox-")):
        try:
            entries = list(os.scandir(base)) if base else []
        except OSError:
            continue
        for entry in entries:
            m = _STALE.match(entry.name)
            try:
                ours = entry.is_dir(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_uid == os.getuid()
            except OSError:
                ours = False
            if not (m and entry.name.startswith(prefix) and ours and _dead(int(m.group(1)))):
                continue
            if prefix == "translate-sbx-":
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                _Cgroup.adopt(Path(entry.path)).destroy()
            if not os.path.exists(entry.path):
                removed.append(entry.path)
    return removed


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
            path = Path(base) / f"translate-sandbox-{os.getpid()}-{uuid.uuid4().hex[:12]}"
            try:
                path.mkdir()
                (path / "pids.max").write_text(str(max_pids))
                self.path = path
            except OSError:
                self.path = None

    @classmethod
    def adopt(cls, path: Path) -> _Cgroup:
        cg = cls(None, 0)
        cg.path = path
        return cg

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
