"""The unit cache: an SQLite file mapping a key (the pipeline's hash) to a JSON record.

Every ``put`` is its own transaction, so results are committed unit by unit as they finish. The
database runs in WAL mode: a ``kill -9`` at any moment loses at most the unit being written, and the
next run (or a reader polling progress) opens it cleanly. Safe to share between threads.
"""
from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

from translate.errors import InputError

SCHEMA_VERSION = 1
DEFAULT_NAME = ".translate-cache.sqlite"


class UnitCache:
    def __init__(self, path: str | Path, *, readonly: bool = False):
        self.path = Path(path)
        self.hits = 0
        self.misses = 0
        self.puts = 0
        self._lock = threading.Lock()
        try:
            if not readonly:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            uri = f"file:{self.path}?mode=ro" if readonly else str(self.path)
            self._db = sqlite3.connect(uri, uri=readonly, timeout=30, check_same_thread=False,
                                       isolation_level=None)  # autocommit: one statement, one transaction
            if not readonly:
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable across process kills
                self._db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                self._db.execute(
                    "CREATE TABLE IF NOT EXISTS units (key TEXT PRIMARY KEY, value TEXT NOT NULL, created REAL NOT NULL)")
                row = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
                if row is None:
                    self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
                elif row[0] != str(SCHEMA_VERSION):
                    raise InputError(f"{self.path}: cache schema {row[0]} is not {SCHEMA_VERSION}; "
                                     "delete it or pass --cache with a new path")
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{self.path}: not a usable cache database ({exc}); delete it or pass --cache") from None

    def get(self, key: str) -> dict | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM units WHERE key=?", (key,)).fetchone()
        if row is None:
            self.misses += 1
            return None
        try:
            value = json.loads(row[0])
        except ValueError:  # cannot happen with committed rows; treat as a miss
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: dict) -> None:
        text = json.dumps(value, sort_keys=True, ensure_ascii=False)
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO units (key, value, created) VALUES (?, ?, ?)",
                             (key, text, time.time()))
            self.puts += 1

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM units").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> "UnitCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def count_units(path: str | Path) -> int:
    """Rows committed so far, read without disturbing a running writer (0 if there is no cache yet)."""
    p = Path(path)
    if not p.exists():
        return 0
    try:
        db = sqlite3.connect(f"file:{p}?mode=ro", uri=True, timeout=5)
        try:
            return db.execute("SELECT COUNT(*) FROM units").fetchone()[0]
        finally:
            db.close()
    except sqlite3.DatabaseError:
        return 0
