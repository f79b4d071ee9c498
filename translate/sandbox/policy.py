"""``--sandbox auto|require|off``: whether runs go through bubblewrap, and what to say when they cannot.

* ``auto`` (the default): bwrap when it is installed and works here; otherwise the run keeps the
  other limits and the result, the report and the command's summary say that filesystem isolation
  is off.
* ``require``: bwrap or nothing; without it :class:`SandboxUnavailable` (exit 2) before any run.
* ``off``: no bwrap, today's limits only. Only ever set explicitly (``--sandbox off``).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from translate.errors import InputError
from translate.sandbox import bwrap

MODES = ("auto", "require", "off")
_state: dict[str, Any] = {"mode": "auto", "unisolated_runs": 0}
_lock = threading.Lock()


class SandboxUnavailable(InputError):
    """``--sandbox require`` on a machine where bubblewrap is missing or refused."""


@dataclass(frozen=True)
class Isolation:
    mode: str
    bwrap: str | None  # the binary every run goes through, None when filesystem isolation is off
    note: str | None  # why it is off, one line; None when on

    @property
    def filesystem_isolated(self) -> bool:
        return self.bwrap is not None

    def to_dict(self) -> dict:
        return {"mode": self.mode, "filesystem_isolation": self.filesystem_isolated, "bwrap": self.bwrap,
                "note": self.note}


def _check(mode: str) -> str:
    if mode not in MODES:
        raise InputError(f"--sandbox {mode!r}: expected one of {', '.join(MODES)}")
    return mode


def set_mode(mode: str, *, check: bool = True) -> Isolation | None:
    """Set the process-wide mode (the CLI calls this first); ``check``: ``require`` without bwrap fails here."""
    iso = isolation(_check(mode)) if check else None  # a refused ``require`` leaves the mode as it was
    with _lock:
        _state["mode"] = mode
    return iso


def record_run(iso: Isolation) -> None:
    """Count a run made without filesystem isolation (the CLI's closing warning reads the count)."""
    if iso.bwrap is None:
        with _lock:
            _state["unisolated_runs"] += 1


def unisolated_runs() -> int:
    return _state["unisolated_runs"]


def get_mode() -> str:
    return _state["mode"]


def isolation(mode: str | None = None) -> Isolation:
    """What a run made now gets. Raises :class:`SandboxUnavailable` for ``require`` without bwrap."""
    mode = _check(mode or get_mode())
    if mode == "off":
        return Isolation(mode, None, "filesystem isolation is off (--sandbox off): generated code can read "
                                     "and write every file this user can")
    exe = bwrap.find_bwrap()
    why = bwrap.probe(exe) if exe else "bwrap is not installed (apt-get install bubblewrap)"
    if why is None:
        return Isolation(mode, exe, None)
    if mode == "require":
        raise SandboxUnavailable(f"--sandbox require: {why}")
    return Isolation(mode, None, f"filesystem isolation is off: {why}; generated code can read and write "
                                 "every file this user can")


def summary_line(mode: str | None = None) -> str | None:
    """The one line a command prints at the end when its runs were not filesystem-isolated."""
    iso = isolation(mode)
    return None if iso.filesystem_isolated else f"translate: warning: {iso.note}"


def report(mode: str | None = None) -> dict:
    """``{"mode", "filesystem_isolation", "bwrap", "note", "notes"}`` for JSON reports."""
    from translate.sandbox.limits import Limits, capabilities

    iso = isolation(mode)
    caps = capabilities()
    out = {**iso.to_dict(), "notes": [*([iso.note] if iso.note else []), *caps.notes]}
    if iso.bwrap:
        user = bwrap.user_namespace(iso.bwrap)
        out.update(bound_read_only=bwrap.bound_paths(),
                   user=f"uid/gid {bwrap.NOBODY} in its own user namespace" if user else "the caller's uid, no capabilities",
                   tmpfs_mb={"/tmp": bwrap.TMP_MB, "/dev/shm": bwrap.SHM_MB, "scratch": Limits().disk_mb}
                   if bwrap.sized(iso.bwrap) else "bwrap has no --size: /tmp and /dev/shm read-only, scratch "
                                                  "limited per file only",
                   parent_environment="unreachable (own PID namespace, clean environment)")
    else:
        out.update(bound_read_only=None, user="the caller's uid",
                   parent_environment="unreachable (own PID namespace and /proc)" if caps.proc_isolated
                   else "readable through /proc/<pid>/environ")
    return out
