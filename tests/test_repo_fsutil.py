"""Atomic writes: complete old or complete new content, even when the writer is SIGKILLed."""
from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from translate.fsutil import TMP_PREFIX, atomic_write_bytes, atomic_write_text, remove_stale_temps


def test_writes_creates_parents_and_keeps_mode(tmp_path):
    p = tmp_path / "a" / "b" / "out.js"
    atomic_write_text(p, "const x = 1;\n")
    assert p.read_text() == "const x = 1;\n"
    os.chmod(p, 0o640)
    atomic_write_text(p, "const x = 2;\n")
    assert p.read_text() == "const x = 2;\n"
    assert p.stat().st_mode & 0o777 == 0o640
    assert not [q for q in p.parent.iterdir() if q.name.startswith(TMP_PREFIX)]


def test_failure_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    p = tmp_path / "out.txt"
    p.write_text("old")

    def boom(src, dst, **dir_fds):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write_bytes(p, b"new")
    assert p.read_text() == "old"
    assert list(tmp_path.iterdir()) == [p]


def test_remove_stale_temps(tmp_path):
    (tmp_path / "d").mkdir()
    stale = tmp_path / "d" / f"{TMP_PREFIX}abc.part"
    stale.write_text("half")
    keep = tmp_path / "d" / "real.js"
    keep.write_text("x")
    assert remove_stale_temps(tmp_path) == 1
    assert not stale.exists() and keep.exists()


_WRITER = r"""
import sys
from translate.fsutil import atomic_write_text
path = sys.argv[1]
i = 0
while True:
    i += 1
    atomic_write_text(path, (str(i % 10) * 400000) + "\n")
    print(i, flush=True)
"""


def test_sigkill_never_leaves_a_partial_file(tmp_path):
    target = tmp_path / "big.txt"
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(target)], stdout=subprocess.PIPE, text=True)
    try:
        for _ in range(3):  # kill while it is busy rewriting, after a few complete writes
            assert proc.stdout.readline().strip()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    text = target.read_text()
    assert len(text) == 400001 and len(set(text[:-1])) == 1 and text.endswith("\n")
