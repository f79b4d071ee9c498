"""Progress of a migration: a live tqdm bar on a terminal, plain periodic lines otherwise, or nothing.

Counts files and units done, units/s, ETA and the ok/repaired/failed tally. ``unit_done`` is called
from the pipeline's per-unit callback, ``file_done`` when an output file is written.
"""
from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

from translate.translation.records import FAILED, OK, REPAIRED, UnitRecord


def _fmt_eta(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    s = int(seconds)
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else f"{s // 60}m{s % 60:02d}s"


class Progress:
    """``mode``: "bar" (tqdm), "lines" (one line every ``interval`` seconds and at the end), "quiet"."""

    def __init__(self, total_files: int, total_units: int, *, mode: str = "auto", stream: TextIO | None = None,
                 interval: float = 10.0, clock=time.monotonic):
        self.stream = stream or sys.stderr
        if mode == "auto":
            mode = "bar" if getattr(self.stream, "isatty", lambda: False)() else "lines"
        self.mode = mode
        self.total_files = total_files
        self.total_units = total_units
        self.files = 0
        self.units = 0
        self.cached = 0
        self.tally = {OK: 0, REPAIRED: 0, FAILED: 0}
        self.interval = interval
        self._clock = clock
        self._start = clock()
        self._last = self._start
        self._lock = threading.Lock()
        self._bar = None
        if mode == "bar":
            from tqdm import tqdm

            self._bar = tqdm(total=total_units, unit="unit", file=self.stream, dynamic_ncols=True,
                             desc=f"files 0/{total_files}")

    # --- events ---
    def unit_done(self, record: UnitRecord) -> None:
        with self._lock:
            self.units += 1
            self.cached += bool(record.cache_hit)
            if record.status in self.tally:
                self.tally[record.status] += 1
            self._update(1)

    def file_done(self, n: int = 1) -> None:
        with self._lock:
            self.files += n
            self._update(0)

    def close(self) -> None:
        with self._lock:
            if self._bar is not None:
                self._bar.close()
                self._bar = None
            elif self.mode == "lines":
                self._emit()

    # --- rendering ---
    def rate(self) -> float:
        elapsed = self._clock() - self._start
        return self.units / elapsed if elapsed > 0 else 0.0

    def eta(self) -> float | None:
        rate = self.rate()
        return (self.total_units - self.units) / rate if rate > 0 else None

    def line(self) -> str:
        t = self.tally
        return (f"translate repo: files {self.files}/{self.total_files}, units {self.units}/{self.total_units}, "
                f"{self.rate():.2f} units/s, ETA {_fmt_eta(self.eta())}; ok {t[OK]}, repaired {t[REPAIRED]}, "
                f"failed {t[FAILED]}, cached {self.cached}")

    def _update(self, n: int) -> None:
        if self._bar is not None:
            t = self.tally
            self._bar.set_description_str(f"files {self.files}/{self.total_files}", refresh=False)
            self._bar.set_postfix_str(f"ok {t[OK]} rep {t[REPAIRED]} fail {t[FAILED]} cached {self.cached}",
                                      refresh=False)
            self._bar.update(n)
        elif self.mode == "lines":
            now = self._clock()
            if now - self._last >= self.interval:
                self._last = now
                self._emit()

    def _emit(self) -> None:
        print(self.line(), file=self.stream, flush=True)
