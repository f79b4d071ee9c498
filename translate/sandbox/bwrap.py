"""Filesystem isolation with bubblewrap (``bwrap``): detection, the hidden/exposed path policy, the argv.

Inside, the whole filesystem is mounted read-only; the run's scratch directory is the only writable
host path. ``/tmp``, ``/run`` (service sockets: a read-only mount does not stop ``connect()`` on a
unix socket) and ``/dev/shm`` are private and empty; the user's home (``$HOME``, the passwd home,
``/root`` for root) and every path in ``TRANSLATE_SANDBOX_HIDE`` (``os.pathsep``-separated) are
covered by an empty read-only tmpfs (a file by ``/dev/null``). Toolchain directories that live under
a hidden path (a pyenv interpreter, an nvm node, a virtual environment, the caller's ``PATH`` for
``--tests``) are bound back read-only. All namespaces are unshared (no network, own PID namespace), capabilities dropped
(also as root), a new session, and the sandbox dies with its parent.

``TRANSLATE_BWRAP`` names the binary to use (a missing one means "bwrap is not installed").
"""
from __future__ import annotations

import functools
import os
import pwd
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

PRIVATE = ("/tmp", "/run")  # empty tmpfs inside; paths below them need no further hiding
_FLAGS = ("--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL")
_TOOLS = ("python3", "node", "javac", "java", "g++")


def find_bwrap() -> str | None:
    """The bwrap binary: ``TRANSLATE_BWRAP`` when set (None if it is not there), else the PATH or /usr/bin."""
    forced = os.environ.get("TRANSLATE_BWRAP")
    if forced is not None:
        return forced if forced and os.access(forced, os.X_OK) and os.path.isfile(forced) else None
    return shutil.which("bwrap") or shutil.which("bwrap", path="/usr/local/bin:/usr/bin:/bin")


def _base(exe: str) -> list[str]:
    return [exe, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
            *(x for p in PRIVATE for x in ("--tmpfs", p)), *_FLAGS]


@functools.cache
def probe(exe: str) -> str | None:
    """None when ``exe`` can build a sandbox here, else why not (one line)."""
    try:
        res = subprocess.run([*_base(exe), "--", "/bin/true"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, timeout=20, check=False, env={"PATH": "/usr/bin:/bin"})
    except (OSError, subprocess.SubprocessError) as exc:
        return f"{exe} cannot run ({exc})"
    if res.returncode != 0:
        why = res.stderr.decode("utf-8", "replace").strip().splitlines()
        return f"{exe} is refused here ({why[-1] if why else f'exit {res.returncode}'})"
    return None


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def _real(path: str) -> str | None:
    try:
        return os.path.realpath(path) if path and os.path.isabs(path) and os.path.exists(path) else None
    except (OSError, ValueError):
        return None


def hidden_paths(extra: Iterable[str] = ()) -> list[str]:
    """The user's home and the listed paths, resolved, minus what is already private or is ``/``."""
    found = [os.environ.get("HOME", ""), *os.environ.get("TRANSLATE_SANDBOX_HIDE", "").split(os.pathsep), *extra]
    try:
        found.append(pwd.getpwuid(os.getuid()).pw_dir)
    except KeyError:
        pass
    if os.geteuid() == 0:
        found.append("/root")
    out: list[str] = []
    for path in map(_real, found):
        if path and path != "/" and not any(_under(path, p) for p in PRIVATE) and path not in out:
            out.append(path)
    return out


def toolchain_paths(extra: Iterable[str] = ()) -> list[str]:
    """Directories a run may need to read: this interpreter's prefixes, each tool's install prefix, ``extra``."""
    from translate.sandbox.runner import find_tool

    found = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix]
    for tool in _TOOLS:
        exe = find_tool(tool)
        if exe:
            found += [os.path.dirname(exe), str(Path(os.path.realpath(exe)).parent.parent)]
    for entry in extra:
        found.append(entry)
        if os.path.basename(entry.rstrip("/")) == "shims":  # pyenv/rbenv shims need their root
            found.append(os.path.dirname(entry.rstrip("/")))
    return [p for p in dict.fromkeys(map(_real, found)) if p]


def argv(exe: str, workdir: str | os.PathLike, *, hide: Iterable[str] = (), expose: Iterable[str] = ()) -> list[str]:
    """The bwrap command line (up to and including ``--``) for one run in ``workdir``."""
    work = os.path.realpath(workdir)
    hidden = hidden_paths(hide)
    cmd = _base(exe)
    for path in hidden:
        cmd += ["--tmpfs", path] if os.path.isdir(path) else ["--ro-bind", "/dev/null", path]
    for path in toolchain_paths(expose):
        if any(_under(path, h) for h in (*hidden, *PRIVATE)) and not _under(path, work):
            cmd += ["--ro-bind", path, path]
    cmd += ["--bind", work, work]
    for path in hidden:  # last: the binds above needed mount points in these tmpfs; not recursive
        if os.path.isdir(path):
            cmd += ["--remount-ro", path]
    return [*cmd, "--chdir", work, "--"]
