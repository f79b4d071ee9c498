"""Filesystem isolation with bubblewrap (``bwrap``): detection, what is visible inside, the argv.

Inside, the root is an empty read-only tmpfs; only what a toolchain needs is bound into it read-only:
``/usr`` and the ``/bin``, ``/sbin``, ``/lib*`` entries (symlinks kept as symlinks), from ``/etc`` only
the dynamic loader's files (``ld.so.cache``, ``ld.so.conf*``), ``alternatives`` and ``localtime``,
plus each tool's install prefix found at start (this interpreter's prefixes, a pyenv/nvm install,
the JDK home and the ``/etc`` directories its symlinks point to, e.g. ``/etc/java-17-openjdk``).
No home, no project tree, no ``/run`` sockets, no other user's files. The run's scratch directory is
the only writable host path (or, for a program run, a size-limited tmpfs filled with a copy of it:
:func:`copy_in`); ``/tmp`` and ``/dev/shm`` are size-limited private tmpfs (``TMP_MB``, ``SHM_MB``).
All namespaces are unshared (no network, own PID namespace, so ``/proc`` shows only the sandbox),
the program runs as uid/gid 65534 in its own user namespace where bwrap allows it, capabilities are
dropped (also as root), a new session, and the sandbox dies with its parent.

``TRANSLATE_BWRAP`` names the binary to use (a missing one means "bwrap is not installed");
``TRANSLATE_SANDBOX_HIDE`` (``os.pathsep``-separated) lists paths never bound, even when a toolchain
or ``--tests`` PATH entry lies under them.
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

from translate.config import env

PRIVATE = ("/tmp",)  # a private tmpfs inside; under it only the scratch dir and toolchains (a venv in /tmp) are bound
TMP_MB, SHM_MB = 64, 16
NOBODY = "65534"
_MB = 1024 * 1024
_FLAGS = ("--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL")
_USER = ("--unshare-user", "--uid", NOBODY, "--gid", NOBODY)
_TOOLS = ("python3", "node", "javac", "java", "g++")
_TOP = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
_ETC = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives", "/etc/localtime")
_TOO_WIDE = ("/", "/home", "/root", "/etc", "/var", "/run", "/tmp", "/proc", "/sys", "/dev", "/mnt", "/media",
             "/srv", "/opt", "/work")
MAX_COPY_FILES = 512
_NEVER = ("ssl", "ssh", "shadow", "gshadow", "sudoers", "sudoers.d")  # /etc entries never bound (keys)


def find_bwrap() -> str | None:
    """The bwrap binary: ``TRANSLATE_BWRAP`` when set (None if it is not there), else the PATH or /usr/bin."""
    forced = env("TRANSLATE_BWRAP")
    if forced is not None:
        return forced if forced and os.access(forced, os.X_OK) and os.path.isfile(forced) else None
    return shutil.which("bwrap") or shutil.which("bwrap", path="/usr/local/bin:/usr/bin:/bin")


@functools.cache
def _system() -> tuple[str, ...]:
    out: list[str] = []
    for top in _TOP:
        if os.path.islink(top):
            out += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            out += ["--ro-bind", top, top]
    for path in _ETC:
        out += ["--ro-bind-try", path, path]
    return tuple(out)


@functools.cache
def sized(exe: str) -> bool:
    """Whether this bwrap has ``--size`` (0.8 and later): size-limited ``/tmp``, ``/dev/shm`` and scratch.

    Without it ``/dev/shm`` and ``/tmp`` are read-only (``TMPDIR`` is the scratch directory) and the
    scratch directory is bound from the host (``RLIMIT_FSIZE`` per file only).
    """
    try:
        res = subprocess.run([exe, "--help"], capture_output=True, timeout=20, check=False, env={"PATH": "/usr/bin:/bin"})
    except (OSError, subprocess.SubprocessError):
        return False
    return b"--size" in res.stdout + res.stderr


def _base(exe: str, user: bool) -> list[str]:
    if not sized(exe):  # /dev/shm stays a directory of the read-only /dev; /tmp is remounted read-only last
        return [exe, *_system(), "--dev", "/dev", "--remount-ro", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
                *_FLAGS, *(_USER if user else ())]
    return [exe, *_system(), "--dev", "/dev", "--size", str(SHM_MB * _MB), "--tmpfs", "/dev/shm",
            "--remount-ro", "/dev", "--proc", "/proc", "--size", str(TMP_MB * _MB), "--tmpfs", "/tmp",
            *_FLAGS, *(_USER if user else ())]


def _refused(cmd: list[str]) -> str | None:
    try:
        res = subprocess.run([*cmd, "--remount-ro", "/", "--", "/bin/true"], stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=20, check=False,
                             env={"PATH": "/usr/bin:/bin"})
    except (OSError, subprocess.SubprocessError) as exc:
        return f"{cmd[0]} cannot run ({exc})"
    if res.returncode != 0:
        why = res.stderr.decode("utf-8", "replace").strip().splitlines()
        return f"{cmd[0]} is refused here ({why[-1] if why else f'exit {res.returncode}'})"
    return None


@functools.cache
def probe(exe: str) -> str | None:
    """None when ``exe`` can build a sandbox here, else why not (one line)."""
    return _refused(_base(exe, False))


@functools.cache
def user_namespace(exe: str) -> bool:
    """Whether runs can be uid/gid 65534 in their own user namespace (bwrap ``--unshare-user``)."""
    return _refused(_base(exe, True)) is None


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def _real(path: str) -> str | None:
    try:
        return os.path.realpath(path) if path and os.path.isabs(path) and os.path.exists(path) else None
    except (OSError, ValueError):
        return None


def _homes() -> list[str]:
    found = [os.environ.get("HOME", ""), "/root"]
    try:
        found.append(pwd.getpwuid(os.getuid()).pw_dir)
    except KeyError:
        pass
    return [p for p in dict.fromkeys(map(_real, found)) if p and p != "/"]


def hidden_paths(extra: Iterable[str] = ()) -> list[str]:
    """Paths never bound, even for a tool: ``TRANSLATE_SANDBOX_HIDE`` and ``extra``, resolved."""
    found = [*(env("TRANSLATE_SANDBOX_HIDE") or "").split(os.pathsep), *extra]
    return [p for p in dict.fromkeys(map(_real, found)) if p and p != "/"]


def _too_wide(path: str) -> bool:
    """A directory that would expose homes or the host's state: bind something narrower instead."""
    return path in _TOO_WIDE or any(_under(h, path) for h in _homes())


def _etc_targets(root: str) -> list[str]:
    """``/etc/<dir>`` that symlinks in a toolchain root point to (the JDK's ``conf``), three levels deep."""
    out: list[str] = []
    base = root.rstrip("/").count("/")
    for dirpath, dirnames, filenames in os.walk(root):
        if dirpath.count("/") - base >= 3:
            dirnames[:] = []
        for name in (*dirnames, *filenames):
            full = os.path.join(dirpath, name)
            if os.path.islink(full):
                target = os.path.realpath(full)
                parts = target.split("/")
                if len(parts) > 2 and parts[1] == "etc" and parts[2] not in _NEVER and os.path.exists(target):
                    out.append("/etc/" + parts[2])
    return out


@functools.cache
def _tool_roots() -> tuple[str, ...]:
    from translate.sandbox.runner import find_tool

    found = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix]
    for tool in _TOOLS:
        exe = find_tool(tool)
        if exe:
            found += [os.path.dirname(exe), str(Path(os.path.realpath(exe)).parent.parent)]
    roots = [p for p in dict.fromkeys(map(_real, found)) if p]
    scan = [r for r in roots if r not in ("/usr", "/usr/local") and os.path.basename(r) != "bin" and os.path.isdir(r)]
    extra = [e for r in scan for e in _etc_targets(r)]
    return tuple(dict.fromkeys([*roots, *extra]))


def toolchain_paths(extra: Iterable[str] = (), hide: Iterable[str] = ()) -> list[str]:
    """Directories bound read-only besides the system ones: tool prefixes, the ``/etc`` dirs they need, ``extra``.

    Nothing under ``/usr`` (bound whole), nothing too wide (``/``, ``/home``, a home or
    its parent, ``/etc``...: a tool directly in a home gets its own directory only), nothing under
    :func:`hidden_paths`; nested paths are folded into their parent.
    """
    found = list(_tool_roots())
    for entry in extra:
        found.append(entry)
        if os.path.basename(entry.rstrip("/")) == "shims":  # pyenv/rbenv shims need their root
            found.append(os.path.dirname(entry.rstrip("/")))
    hidden = hidden_paths(hide)
    keep = [p for p in dict.fromkeys(p for p in map(_real, found) if p)
            if not (_under(p, "/usr") or any(_under(p, q) for q in hidden) or _too_wide(p) or p in PRIVATE)]
    return [p for p in keep if not any(q != p and _under(p, q) for q in keep)]


def bound_paths(expose: Iterable[str] = ()) -> list[str]:
    """Every host path visible read-only inside (for the report)."""
    system = [p for p in _TOP if os.path.isdir(p) and not os.path.islink(p)]
    return [*system, *(p for p in _ETC if os.path.exists(p)), *toolchain_paths(expose)]


def copy_in(workdir: str | os.PathLike) -> tuple[list[str], list[int]]:
    """bwrap arguments that recreate ``workdir``'s files in the tmpfs mounted on it, and the fds they read.

    The caller passes the fds to the child (``pass_fds``) and closes them after the start.
    Raises ``OSError`` for a tree that is not plain files and directories or too many files.
    """
    work = os.path.realpath(workdir)
    args: list[str] = []
    fds: list[int] = []
    try:
        for dirpath, dirnames, filenames in os.walk(work):
            for name in sorted(dirnames):
                args += ["--dir", os.path.join(dirpath, name)]
            for name in sorted(filenames):
                full = os.path.join(dirpath, name)
                if os.path.islink(full) or not os.path.isfile(full) or len(fds) >= MAX_COPY_FILES:
                    raise OSError(f"cannot copy {full} into the sandbox")
                fd = os.open(full, os.O_RDONLY | os.O_CLOEXEC)
                fds.append(fd)
                mode = "0755" if os.stat(full).st_mode & 0o111 else "0644"
                args += ["--perms", mode, "--file", str(fd), full]
    except OSError:
        for fd in fds:
            os.close(fd)
        raise
    return args, fds


def argv(exe: str, workdir: str | os.PathLike, *, hide: Iterable[str] = (), expose: Iterable[str] = (),
         scratch_mb: int | None = None, files: Iterable[str] = ()) -> list[str]:
    """The bwrap command line (up to and including ``--``) for one run in ``workdir``.

    ``scratch_mb``: ``workdir`` is a tmpfs of that size inside, filled by ``files`` (:func:`copy_in`)
    instead of the host directory bound read-write (whose disk use only ``RLIMIT_FSIZE`` bounds per file).
    """
    work = os.path.realpath(workdir)
    cmd = _base(exe, user_namespace(exe))
    for path in toolchain_paths(expose, hide):
        if not _under(path, work):
            cmd += ["--ro-bind", path, path]
    if scratch_mb and sized(exe):
        cmd += ["--size", str(scratch_mb * _MB), "--tmpfs", work, *files]
    else:
        cmd += ["--bind", work, work]
    if not sized(exe):
        cmd += ["--remount-ro", "/tmp"]
    return [*cmd, "--remount-ro", "/", "--chdir", work, "--"]
