"""The unit cache: an SQLite file mapping a key (the pipeline's hash) to a JSON record, plus a journal of
the model's raw answers.

Answers are committed one by one as the engine receives them (``journal_put``, one short transaction
each, from the backend's ``on_result``), keyed by the model revision and the request (translate.translation.jobs
``request_key``); a finished unit is committed as its own transaction too (``put``), which also drops its
journaled answers. The database runs in WAL mode: a ``kill -9`` at any moment loses at most the answers
in flight, and the next run (or a reader polling progress) opens it cleanly and asks the model only for
what is not there. A full disk or an I/O error while writing is a :class:`CacheWriteError` (one line,
exit 3); what was committed before stays. Safe to share between threads.
"""
from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from translate.errors import EXIT_RESOURCE, InputError, TranslateError


class CacheWriteError(TranslateError):
    """The cache cannot be written (disk full, I/O error): a resource error, exit 3."""

    exit_code = EXIT_RESOURCE


def _write_error(path: Path, exc: sqlite3.Error) -> CacheWriteError:
    text = str(exc)
    why = "the disk is full" if "full" in text.lower() else f"cannot write it ({text})"
    return CacheWriteError(f"{path}: {why}; what was cached before is kept, free space and run again to resume")


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
                self._db.execute(
                    "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, value TEXT NOT NULL, created REAL NOT NULL)")
                row = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
                if row is None:
                    self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
                elif row[0] != str(SCHEMA_VERSION):
                    raise InputError(f"{self.path}: cache schema {row[0]} is not {SCHEMA_VERSION}; "
                                     "delete it or pass --cache with a new path")
        except sqlite3.OperationalError as exc:
            if "full" in str(exc).lower() or "disk i/o" in str(exc).lower():
                raise _write_error(self.path, exc) from None
            raise InputError(f"{self.path}: not a usable cache database ({exc}); delete it or pass --cache") from None
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

    def put(self, key: str, value: dict, forget: Iterable[str] = ()) -> None:
        """Commit a finished unit; ``forget``: journal keys of its answers, dropped in the same transaction."""
        text = json.dumps(value, sort_keys=True, ensure_ascii=False)
        forget = list(forget)
        with self._lock:
            try:
                if forget:
                    self._db.execute("BEGIN")
                try:
                    self._db.execute("INSERT OR REPLACE INTO units (key, value, created) VALUES (?, ?, ?)",
                                     (key, text, time.time()))
                    if forget:
                        self._db.executemany("DELETE FROM answers WHERE key=?", [(k,) for k in forget])
                        self._db.execute("COMMIT")
                except BaseException:
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                raise _write_error(self.path, exc) from None
            self.puts += 1

    # --- the answer journal (translate.translation.jobs) ---
    def journal_get(self, key: str) -> dict | None:
        with self._lock:
            try:
                row = self._db.execute("SELECT value FROM answers WHERE key=?", (key,)).fetchone()
            except sqlite3.OperationalError:  # a read-only cache written before the journal existed
                return None
        try:
            return json.loads(row[0]) if row is not None else None
        except ValueError:
            return None

    def journal_put(self, key: str, value: dict) -> None:
        text = json.dumps(value, ensure_ascii=False)
        with self._lock:
            try:
                self._db.execute("INSERT OR REPLACE INTO answers (key, value, created) VALUES (?, ?, ?)",
                                 (key, text, time.time()))
            except sqlite3.Error as exc:
                raise _write_error(self.path, exc) from None

    def journal_forget(self, keys: Iterable[str]) -> None:
        with self._lock:
            try:
                self._db.executemany("DELETE FROM answers WHERE key=?", [(k,) for k in keys])
            except sqlite3.Error as exc:
                raise _write_error(self.path, exc) from None

    def journal_len(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM units").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            try:
                self._db.close()
            except sqlite3.Error:  # a full disk may refuse the last checkpoint; what was committed is in the WAL
                pass

    def __enter__(self) -> UnitCache:
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
