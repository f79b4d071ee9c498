"""Atomic file writes: a reader (or a run killed half way) sees the old file or the new one, never half.

The text goes to a temporary file in the *same* directory (so ``os.replace`` is a rename on one
file system), is flushed and fsync'ed, then renamed over the destination; the directory is fsync'ed
too so the rename itself survives a crash. A failure removes the temporary file.

With ``root=`` the destination must lie inside that directory: the path is checked lexically (no
``..``, not absolute, no NUL) and then walked one component at a time from ``root`` with
``O_NOFOLLOW`` directory descriptors, so a symlink already in the output tree that points out of it is
refused, never written through (one that stays inside is followed). The final name is always replaced,
never followed: a symlink there becomes a regular file.

A full disk (ENOSPC, EDQUOT) is a :class:`DiskFullError` (exit 3) naming the path and the bytes written.
"""
from __future__ import annotations

import errno
import os
import re
import secrets
import stat
from pathlib import Path, PurePosixPath

from translate.errors import EXIT_RESOURCE, InputError, TranslateError

TMP_PREFIX = ".translate-tmp-"
_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_MAX_HOPS = 40  # symlinks followed inside the root before giving up (loops)


class DiskFullError(TranslateError):
    """No space (or quota) left while writing an output file."""

    exit_code = EXIT_RESOURCE


class OutsideRootError(InputError):
    """An output path that would leave its output directory (``..``, absolute, a symlink out)."""


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in _DISK_FULL


def unsafe_relpath(rel: str | PurePosixPath) -> str | None:
    """Why ``rel`` cannot be a path below an output root (None: it can)."""
    s = str(rel)
    if "\0" in s:
        return "contains a NUL byte"
    p = PurePosixPath(s)
    if p.is_absolute() or s.startswith("\\") or re.match(r"[A-Za-z]:[\\/]", s):
        return "is absolute"
    if ".." in p.parts or not p.parts or p.parts == (".",):
        return "contains '..' or names no file"
    return None


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _open_dir(root: str, parts: tuple[str, ...], shown: str, hops: int = 0) -> int:
    """A descriptor for ``root/parts`` (created as needed), never following a symlink out of ``root``."""
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for i, name in enumerate(parts):
            try:
                st = os.stat(name, dir_fd=fd, follow_symlinks=False)
            except FileNotFoundError:
                try:
                    os.mkdir(name, 0o777, dir_fd=fd)
                except FileExistsError:
                    pass
                st = os.stat(name, dir_fd=fd, follow_symlinks=False)
            if stat.S_ISLNK(st.st_mode):
                real = os.path.realpath(os.path.join(root, *parts[: i + 1]))
                if not _within(real, root) or hops >= _MAX_HOPS:
                    raise OutsideRootError(f"{shown}: {'/'.join(parts[: i + 1])} is a symlink that leads outside "
                                           f"{root} (to {real}); not followed, nothing written")
                rest = tuple(Path(real).relative_to(root).parts) + tuple(parts[i + 1:])
                os.close(fd)
                fd = -1
                return _open_dir(root, rest, shown, hops + 1)
            if not stat.S_ISDIR(st.st_mode):
                raise OutsideRootError(f"{shown}: {'/'.join(parts[: i + 1])} exists and is not a directory")
            nfd = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = nfd
        out, fd = fd, -1
        return out
    finally:
        if fd >= 0:
            os.close(fd)


def _target(path: str | Path, root: str | Path | None) -> tuple[str, tuple[str, ...], str, str]:
    """(directory to start from, components below it, final name, the path to show)."""
    if root is None:
        dest = Path(path)
        parent = dest.parent if str(dest.parent) else Path(".")
        parent.mkdir(parents=True, exist_ok=True)
        return str(parent), (), dest.name, str(dest)
    root_s = os.path.realpath(root)
    if "\0" in str(path):
        raise OutsideRootError(f"{path!r}: output path contains a NUL byte; nothing written")
    # lexically (before any symlink is looked at): ``path`` (absolute or relative to the cwd) below ``root``
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    why = unsafe_relpath(rel.replace(os.sep, "/"))
    if why is not None:
        raise OutsideRootError(f"{path}: output path {why}; it must stay inside {root}; nothing written")
    parts = PurePosixPath(rel.replace(os.sep, "/")).parts
    Path(root_s).mkdir(parents=True, exist_ok=True)
    return root_s, tuple(parts[:-1]), parts[-1], str(Path(root) / rel)


def atomic_write_bytes(path: str | Path, data: bytes, *, mode: int | None = None,
                       root: str | Path | None = None) -> Path:
    """Write ``data`` to ``path`` atomically; parent directories are created. Returns the path.

    ``root``: the output directory ``path`` must stay inside (``path`` relative to it, or below it).
    """
    start, name, shown = "", "", str(path)
    parts: tuple[str, ...] = ()
    written = 0
    try:
        start, parts, name, shown = _target(path, root)
        dfd = _open_dir(start, parts, shown)
        try:
            tmp = f"{TMP_PREFIX}{secrets.token_hex(6)}.part"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600, dir_fd=dfd)
            try:
                try:
                    view = memoryview(data)
                    while written < len(data):
                        written += os.write(fd, view[written:])
                    os.fsync(fd)
                    os.fchmod(fd, mode if mode is not None else _mode_for(name, dfd))
                finally:
                    os.close(fd)
                os.replace(tmp, name, src_dir_fd=dfd, dst_dir_fd=dfd)
            except BaseException:
                try:
                    os.unlink(tmp, dir_fd=dfd)
                except OSError:
                    pass
                raise
            try:
                os.fsync(dfd)
            except OSError:  # pragma: no cover - file systems without directory fsync
                pass
        finally:
            os.close(dfd)
    except OSError as exc:
        if is_disk_full(exc):
            raise DiskFullError(f"{shown}: disk full ({exc.strerror or 'no space left'}) after writing "
                                f"{written} of {len(data)} bytes; nothing replaced") from None
        raise
    return Path(shown)


def atomic_write_text(path: str | Path, text: str, *, encoding: str = "utf-8",
                      root: str | Path | None = None) -> Path:
    """Write ``text`` to ``path`` atomically (UTF-8, newlines kept as given)."""
    return atomic_write_bytes(path, text.encode(encoding), root=root)


def _mode_for(name: str, dfd: int) -> int:
    """mkstemp-style temps are 0600; keep an existing regular file's mode, else the umask default."""
    try:
        st = os.stat(name, dir_fd=dfd, follow_symlinks=False)
        if stat.S_ISREG(st.st_mode):
            return st.st_mode & 0o7777
    except FileNotFoundError:
        pass
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def remove_stale_temps(directory: str | Path) -> int:
    """Delete temp files a killed run left under ``directory`` (symlinked directories are not entered)."""
    n = 0
    for dirpath, _dirs, files in os.walk(directory, followlinks=False):
        for f in files:
            if f.startswith(TMP_PREFIX) and f.endswith(".part"):
                try:
                    os.unlink(os.path.join(dirpath, f))
                    n += 1
                except OSError:
                    pass
    return n
