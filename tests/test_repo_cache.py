"""The SQLite unit cache: get/put round trip, persistence, and survival of SIGKILL mid-write."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys

import pytest

from translate.errors import InputError
from translate.translation.cache import UnitCache, count_units


def test_round_trip_and_counters(tmp_path):
    path = tmp_path / "c.sqlite"
    with UnitCache(path) as c:
        assert c.get("k1") is None
        c.put("k1", {"status": "ok", "output": "function f() {}", "n": [1, 2]})
        c.put("k1", {"status": "failed"})  # replace
        c.put("k2", {"status": "ok"})
        assert c.get("k1") == {"status": "failed"}
        assert (c.hits, c.misses, c.puts, len(c)) == (1, 1, 3, 2)
    assert count_units(path) == 2
    with UnitCache(path) as again:
        assert again.get("k2") == {"status": "ok"}
        assert again._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_not_a_database_is_an_input_error(tmp_path):
    bad = tmp_path / "c.sqlite"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(InputError, match="not a usable cache"):
        UnitCache(bad)
    assert count_units(tmp_path / "missing.sqlite") == 0


_WRITER = r"""
import sys
from translate.translation.cache import UnitCache
c = UnitCache(sys.argv[1])
i = 0
while True:
    c.put(f"key{i}", {"i": i, "pad": "x" * 2000})
    print(i, flush=True)
    i += 1
"""


def test_sigkill_keeps_every_acknowledged_put(tmp_path):
    path = tmp_path / "c.sqlite"
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    acked = -1
    try:
        while acked < 200:
            acked = int(proc.stdout.readline())
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    with UnitCache(path) as c:
        assert len(c) >= acked + 1
        assert all(c.get(f"key{i}")["i"] == i for i in range(acked + 1))
