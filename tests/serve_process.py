"""A real `translate serve` subprocess on a free loopback port, for the tests that need one."""
from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

TRANSLATE = str(Path(sys.executable).parent / "translate")


@contextmanager
def serve_process(model: str, *args: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """Start ``translate serve --port 0 --model MODEL ARGS...``; yields (its URL, the process); stops it."""
    proc = subprocess.Popen([TRANSLATE, "serve", "--port", "0", "--model", model, *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    found = threading.Event()

    def drain():
        for line in proc.stderr:
            lines.append(line)
            if " on http://" in line:
                found.set()

    threading.Thread(target=drain, daemon=True).start()
    if not found.wait(180):
        proc.kill()
        pytest.fail("server did not start: " + "".join(lines)[-2000:])
    url = next(ln for ln in lines if " on http://" in ln).split(" on ", 1)[1].split()[0]
    try:
        yield url, proc
    finally:
        proc.terminate()
        proc.wait(timeout=30)
