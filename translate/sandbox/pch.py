"""A precompiled header for the C++ programs the behaviour checks generate.

Every driver (a candidate checked in C++, a C++ source recorded) starts with the same two dozen standard
headers, and g++ spends most of a compile parsing them: about 1.1 s of a 1.1 s compile on 2 cores, 0.4 s with
the headers precompiled. :func:`header_for` builds the header once per compiler and text (``g++ -x
c++-header``; a few seconds) in ``TRANSLATE_PCH`` (default ``TRANSLATE_HOME/pch``; ``off``: never) and returns
the header to pass as ``-include``; g++ then takes ``prelude.h.gch`` beside it. It is our own text compiled
outside the sandbox, and the sandbox sees its folder read-only. A compiler that does not accept the file
(another version, other flags) reads ``prelude.h`` itself: the same program, only slower.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
import threading
from pathlib import Path

from translate.config import env

FLAGS = ("-std=c++17",)  # the flags every plain compile uses (runner.run_program); others do not take the header
_LOCK = threading.Lock()
_MEMO: dict[tuple[str, str], Path | None] = {}


def pch_root() -> Path | None:
    setting = env("TRANSLATE_PCH")
    if setting == "off":
        return None
    if setting:
        return Path(setting).expanduser()
    from translate.home import home_dir

    return home_dir() / "pch"


def _compiler_id(gxx: str) -> str | None:
    try:
        out = subprocess.run([gxx, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout if out.returncode == 0 else None


def header_for(prelude: str, gxx: str) -> Path | None:
    """The header to ``-include`` for programs that start with ``prelude`` (its ``.gch`` built beside it), or
    None (switched off, or the build failed: compile without it)."""
    root = pch_root()
    if root is None:
        return None
    with _LOCK:  # (threads of one run: one build; processes: the rename below)
        key = (str(root), prelude)
        if key not in _MEMO:
            _MEMO[key] = _build(root, prelude, gxx)
        return _MEMO[key]


def forget(prelude: str) -> None:
    """A compile could not use the header: gone, the next compile builds it again; still there (hidden from the
    sandbox, say), it is not tried again in this process."""
    root = pch_root()
    with _LOCK:
        key = (str(root), prelude)
        header = _MEMO.get(key)
        if header is not None and header.is_file() and header.with_suffix(".h.gch").is_file():
            _MEMO[key] = None
        else:
            _MEMO.pop(key, None)


def _build(root: Path, prelude: str, gxx: str) -> Path | None:
    compiler = _compiler_id(gxx)
    if compiler is None:
        return None
    digest = hashlib.sha256("\0".join([compiler, *FLAGS, prelude]).encode()).hexdigest()[:20]
    folder = root / digest
    header, gch = folder / "prelude.h", folder / "prelude.h.gch"
    if header.is_file() and gch.is_file() and header.read_text(encoding="utf-8") == prelude:
        return header
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=folder))
        try:
            (tmp / "prelude.h").write_text(prelude, encoding="utf-8")
            done = subprocess.run([gxx, *FLAGS, "-x", "c++-header", "prelude.h", "-o", "prelude.h.gch"], cwd=tmp,
                                  capture_output=True, timeout=120)
            if done.returncode != 0:
                return None
            os.replace(tmp / "prelude.h.gch", gch)  # the .gch first: a header is only there with its .gch
            os.replace(tmp / "prelude.h", header)
        finally:
            for f in tmp.iterdir():
                f.unlink()
            tmp.rmdir()
    except (OSError, subprocess.SubprocessError):
        return None
    return header
