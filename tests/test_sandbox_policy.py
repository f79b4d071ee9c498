"""--sandbox auto|require|off, the bwrap lookup, and the fallback where bubblewrap is missing or refused."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from translate.errors import InputError
from translate.sandbox import (
    PASSED,
    SandboxUnavailable,
    bwrap,
    get_mode,
    isolation,
    run_program,
    sandbox_report,
    set_mode,
    summary_line,
)

HAVE_BWRAP = isolation("auto").bwrap is not None


@pytest.fixture(autouse=True)
def _restore_mode():
    yield
    set_mode("auto")


@pytest.fixture
def no_bwrap(monkeypatch, tmp_path):
    monkeypatch.setenv("TRANSLATE_BWRAP", str(tmp_path / "no-such-bwrap"))


@pytest.fixture
def refused_bwrap(monkeypatch, tmp_path):
    fake = tmp_path / "bwrap"
    fake.write_text("#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("TRANSLATE_BWRAP", str(fake))


def test_missing_bwrap_falls_back_and_says_so(no_bwrap):
    iso = isolation()
    assert iso.bwrap is None and not iso.filesystem_isolated
    assert "bwrap is not installed" in iso.note
    res = run_program("print(6 * 7)", "python")
    assert res.status == PASSED and res.stdout.strip() == "42"  # today's limits still run it
    assert res.notes[0].startswith("filesystem isolation is off: bwrap is not installed")
    line = summary_line()
    assert line.startswith("translate: warning: filesystem isolation is off") and "\n" not in line
    report = sandbox_report()
    assert report["mode"] == "auto" and report["filesystem_isolation"] is False
    assert report["notes"][0] == iso.note


def test_refused_bwrap_falls_back_with_the_reason(refused_bwrap):
    iso = isolation()
    assert iso.bwrap is None
    assert "refused here (bwrap: No permissions to create new namespace)" in iso.note
    assert run_program("print(1)", "python").status == PASSED


def test_require_without_bwrap_is_a_usage_error(no_bwrap):
    with pytest.raises(SandboxUnavailable, match="--sandbox require: bwrap is not installed") as info:
        set_mode("require")
    assert info.value.exit_code == 2 and get_mode() == "auto"
    with pytest.raises(SandboxUnavailable):
        run_program("print(1)", "python", mode="require")


def test_unknown_mode_is_refused():
    with pytest.raises(InputError, match="expected one of auto, require, off"):
        set_mode("maybe")
    assert get_mode() == "auto"


def test_off_is_explicit_and_reported():
    iso = set_mode("off")
    assert get_mode() == "off" and iso.bwrap is None
    assert "--sandbox off" in summary_line()
    assert sandbox_report()["mode"] == "off"


@pytest.mark.skipif(not HAVE_BWRAP, reason="bubblewrap is not usable here")
def test_auto_uses_bwrap_and_off_does_not(tmp_path):
    # The host's /tmp is replaced by a private one inside bwrap; with --sandbox off it is visible.
    sentinel = tmp_path / "sentinel"
    sentinel.write_text("x")
    code = f"import os\nprint(os.path.exists({str(sentinel)!r}))"
    assert run_program(code, "python").stdout.strip() == "False"
    assert run_program(code, "python", mode="off").stdout.strip() == "True"
    assert summary_line() is None and sandbox_report()["filesystem_isolation"] is True


def test_argv_binds_only_toolchains(monkeypatch, tmp_path):
    # Nothing is bound but the system dirs, the tools (a tool in the home: its own dir, not the home)
    # and the scratch dir; a path listed in TRANSLATE_SANDBOX_HIDE is never bound, even when exposed.
    home = Path(os.path.realpath(tmp_path)) / "home"
    tool = home / ".nvm" / "bin"
    tool.mkdir(parents=True)
    listed = home.parent / "listed"
    listed.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TRANSLATE_SANDBOX_HIDE", str(listed))
    monkeypatch.setattr(bwrap, "PRIVATE", ("/run",))  # tmp_path lives under /tmp: pretend it is not private
    work = home.parent / "scratch"
    work.mkdir()
    cmd = bwrap.argv("/usr/bin/bwrap", work, expose=[str(tool), str(home), str(listed)])
    flat = " ".join(cmd)
    assert f"--ro-bind {tool} {tool}" in flat and f"--bind {work} {work}" in flat
    assert f" {home} " not in flat and str(listed) not in flat
    for flag in ("--unshare-all", "--die-with-parent", "--new-session", "--cap-drop ALL", "--ro-bind /usr /usr"):
        assert flag in flat
    assert "--ro-bind / /" not in flat and "--remount-ro / --chdir" in flat
    assert cmd[-1] == "--" and cmd[-3:-1] == ["--chdir", str(work)]
