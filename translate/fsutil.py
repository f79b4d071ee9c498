"""Atomic file writes: a reader (or a run killed half way) sees the old file or the new one, never half.

The text goes to a temporary file in the *same* directory (so ``os.replace`` is a rename on one
file system), is flushed and fsync'ed, then renamed over the destination; the directory is fsync'ed
too so the rename itself survives a crash. A failure removes the temporary file.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

TMP_PREFIX = ".translate-tmp-"


def atomic_write_bytes(path: str | Path, data: bytes, *, mode: int | None = None) -> Path:
    """Write ``data`` to ``path`` atomically; parent directories are created. Returns the path."""
    dest = Path(path)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=".part", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            _copy_mode_or_default(tmp, dest)
        os.replace(tmp, dest)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(dest.parent)
    return dest


def atomic_write_text(path: str | Path, text: str, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (UTF-8, newlines kept as given)."""
    return atomic_write_bytes(path, text.encode(encoding))


def _copy_mode_or_default(tmp: str, dest: Path) -> None:
    """mkstemp creates 0600 files; keep an existing file's mode, else use the umask default."""
    try:
        os.chmod(tmp, dest.stat().st_mode & 0o7777)
        return
    except FileNotFoundError:
        pass
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)


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
    """Delete temp files a killed run left under ``directory``; returns how many."""
    n = 0
    for p in Path(directory).rglob(f"{TMP_PREFIX}*.part"):
        try:
            p.unlink()
            n += 1
        except OSError:
            pass
    return n
