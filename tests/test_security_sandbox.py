"""Issue 17: the sandbox shows generated code only what it needs, bounds its disk, keeps the parent's
environment out of reach in every mode, and leaves nothing behind when translate is killed."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from translate.sandbox import (
    bwrap,
    capabilities,
    isolation,
    missing_tool,
    run_program,
    sandbox_report,
)
from translate.sandbox.limits import reap_stale

HAVE_BWRAP = isolation("auto").bwrap is not None
need_bwrap = pytest.mark.skipif(not HAVE_BWRAP, reason="bubblewrap is not usable here")
PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture
def outside():
    """A directory outside the home and /tmp (what the attacker test used: a secret next to the project)."""
    base = "/var/tmp" if os.access("/var/tmp", os.W_OK) else None
    if base is None:
        pytest.skip("no writable /var/tmp")
    path = Path(tempfile.mkdtemp(prefix="sbx-secret-", dir=base))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@need_bwrap
def test_only_toolchains_are_visible(outside):
    secret = outside / "secret.txt"
    secret.write_text("TOPSECRET")
    probe = [str(secret), str(PROJECT / "pyproject.toml"), "/etc/shadow", "/etc/hostname", "/home", "/var", "/run"]
    home = os.path.realpath(os.path.expanduser("~"))
    code = (f"import os\nfor p in {probe!r}:\n    print(p, os.path.exists(p))\nprint('uid', os.getuid())\n"
            f"print('home', *sorted(os.listdir({home!r})) if os.path.isdir({home!r}) else [])")
    res = run_program(code, "python")
    assert res.passed, res
    seen = dict((line.split(" ", 1) + [""])[:2] for line in res.stdout.splitlines())  # "home" alone: empty
    assert all(seen[p] == "False" for p in probe), res.stdout
    # the home holds at most the mount points of toolchains that live there (a pyenv interpreter)
    tops = {p[len(home) + 1:].split("/")[0] for p in sandbox_report()["bound_read_only"] if p.startswith(home + "/")}
    assert set(seen["home"].split()) <= tops, (seen["home"], tops)
    if bwrap.user_namespace(isolation("auto").bwrap):
        assert seen["uid"] == bwrap.NOBODY
    report = sandbox_report()
    assert "/usr" in report["bound_read_only"] and "/" not in report["bound_read_only"]
    assert not any(p == str(PROJECT) or p.startswith(("/home", "/var")) for p in report["bound_read_only"])


@need_bwrap
@pytest.mark.skipif(missing_tool("cpp") is not None, reason="no g++")
def test_include_of_a_host_file_does_not_leak_it(outside):
    secret = outside / "secret.h"
    secret.write_text("int TOPSECRET_VALUE_42 = 1;\n#error TOPSECRET_VALUE_42\n")
    res = run_program(f'#include "{secret}"\nint main() {{ return 0; }}', "cpp")
    assert res.status == "failed" and res.phase == "compile"
    assert "TOPSECRET_VALUE_42" not in res.stdout + res.stderr


@need_bwrap
def test_unix_socket_outside_tmp_is_unreachable(outside):
    path = outside / "svc.sock"
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(str(path))
    srv.listen(1)
    try:
        code = textwrap.dedent(f"""
            import socket
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                s.connect({str(path)!r}); print("connected")
            except OSError as exc:
                print("refused", type(exc).__name__)
        """)
        res = run_program(code, "python")
    finally:
        srv.close()
    assert res.stdout.startswith("refused"), res


@need_bwrap
@pytest.mark.parametrize("where,mb", [("/dev/shm", bwrap.SHM_MB), ("/tmp", bwrap.TMP_MB), (".", 24)])
def test_ram_and_disk_scratch_are_size_limited(where, mb):
    code = textwrap.dedent(f"""
        import os
        written = 0
        try:
            for i in range(40):
                with open(os.path.join({where!r}, f"f{{i}}"), "wb") as fh:
                    fh.write(b"x" * (4 << 20))
                written += 4
        except OSError as exc:
            print("full", written, exc.errno)
        else:
            print("wrote", written)
    """)
    res = run_program(code, "python", disk_mb=24)
    assert res.stdout.startswith("full"), res
    assert int(res.stdout.split()[1]) <= mb


@need_bwrap
def test_address_space_limit_holds_inside_bwrap():
    res = run_program("b = bytearray(900 << 20)\nprint('allocated')", "python", memory_mb=256)
    assert res.status == "failed" and res.reason == "memory limit", res


_PARENT = """
import sys
from translate.sandbox import run_program
res = run_program(sys.argv[1], "python", mode=sys.argv[2], timeout=float(sys.argv[3]))
print(res.stdout, end="")
"""

_SCAN = """
import glob
found = 0
for path in glob.glob("/proc/[0-9]*/environ"):
    try:
        found += b"sk-sandbox-leak-test" in open(path, "rb").read()
    except OSError:
        pass
print("leaks", found)
"""


@pytest.mark.parametrize("mode", ["off", "auto"])
def test_parent_environment_is_unreadable_in_every_mode(mode):
    if mode == "off" and not capabilities().proc_isolated:
        pytest.skip("unshare --mount-proc is not available here (recorded in the notes)")
    if mode == "auto" and not HAVE_BWRAP:
        pytest.skip("bubblewrap is not usable here")
    env = {**os.environ, "OPENAI_API_KEY": "sk-sandbox-leak-test"}
    out = subprocess.run([sys.executable, "-c", _PARENT, _SCAN, mode, "20"], env=env, capture_output=True, check=False,
                         text=True, timeout=120)
    assert out.stdout.strip() == "leaks 0", out


def _cwd_users(marker: str) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if marker in os.readlink(f"/proc/{entry}/cwd"):
                    pids.append(int(entry))
            except OSError:
                pass
    return pids


@pytest.mark.parametrize("mode", ["off", "auto"])
def test_kill_9_of_translate_leaves_no_process_and_the_next_start_reaps(mode, tmp_path):
    if mode == "auto" and not HAVE_BWRAP:
        pytest.skip("bubblewrap is not usable here")
    if mode == "off" and not capabilities().pdeathsig:
        pytest.skip("setpriv --pdeathsig is not available here (recorded in the notes)")
    helper = subprocess.Popen([sys.executable, "-c", _PARENT, "import time\nprint('up', flush=True)\ntime.sleep(60)",
                               mode, "60"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "TMPDIR": str(tmp_path)})  # no other translate reaps there
    marker = f"translate-sbx-python-{helper.pid}-"
    tmp = str(tmp_path)

    def up() -> bool:  # the program printed: the sandbox is set up and running it
        logs = [n for n in os.listdir(tmp) if n.startswith(f"translate-sbx-log-{helper.pid}-")]
        return any(Path(tmp, n, "stdout").exists() and Path(tmp, n, "stdout").read_text() for n in logs)

    try:
        deadline = time.monotonic() + 60
        while not up() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert up() and _cwd_users(marker), "the sandboxed program never started"
    finally:
        helper.send_signal(signal.SIGKILL)
        helper.wait()
    deadline = time.monotonic() + 10
    while _cwd_users(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _cwd_users(marker) == []
    left = [n for n in os.listdir(tmp) if n.startswith("translate-sbx-") and f"-{helper.pid}-" in n]
    assert left  # what kill -9 left behind ...
    cg = capabilities().pids_cgroup
    removed = reap_stale(tmp, cg)
    assert {os.path.join(tmp, n) for n in left} <= set(removed)  # ... is gone at the next start
    if cg:
        assert not [n for n in os.listdir(cg) if n.startswith(f"translate-sandbox-{helper.pid}-")]


def test_reaper_keeps_what_a_live_process_owns(tmp_path):
    live = tmp_path / f"translate-sbx-python-{os.getpid()}-abc"
    dead = tmp_path / "translate-sbx-cpp-999999999-abc"  # above pid_max: never a live process
    other = tmp_path / "translate-sbx-python-abc"  # an old-style name: not ours to judge
    for d in (live, dead, other):
        d.mkdir()
    assert reap_stale(str(tmp_path)) == [str(dead)]
    assert live.exists() and other.exists() and not dead.exists()


@need_bwrap
def test_without_bwrap_size_tmp_and_shm_are_read_only(monkeypatch):
    # An older bwrap (< 0.8) has no --size: nothing RAM-backed is left writable and unsized.
    exe = isolation("auto").bwrap
    monkeypatch.setattr(bwrap, "sized", lambda _exe: False)
    assert "--size" not in bwrap.argv(exe, tempfile.gettempdir(), scratch_mb=16)
    code = textwrap.dedent("""
        import os
        for d in ("/dev/shm", "/tmp", "."):
            try:
                open(os.path.join(d, "probe"), "wb").write(b"x")
                print(d, "writable")
            except OSError:
                print(d, "read-only")
    """)
    res = run_program(code, "python")
    assert res.stdout.split("\n")[:3] == ["/dev/shm read-only", "/tmp read-only", ". writable"], res


@need_bwrap
def test_a_toolchain_under_tmp_is_bound_but_not_the_rest_of_tmp(tmp_path):
    # CI clones into a folder under /tmp: its virtual environment (the python3 every run uses) lies there
    tool = tmp_path / "venv" / "bin"
    tool.mkdir(parents=True)
    (tool / "hello").write_text("#!/bin/sh\necho from-the-venv\n")
    (tool / "hello").chmod(0o755)
    (tmp_path / "secret.txt").write_text("top secret\n")
    paths = bwrap.toolchain_paths(extra=[str(tmp_path / "venv")])
    assert str((tmp_path / "venv").resolve()) in paths and "/tmp" not in paths
    scratch = Path(tempfile.mkdtemp(prefix="sbx-work-"))
    try:
        cmd = [*bwrap.argv(isolation("auto").bwrap, scratch, expose=[str(tmp_path / "venv")]),
               "/bin/sh", "-c", f"{tool / 'hello'}; cat {tmp_path / 'secret.txt'} || echo no-secret"]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    assert "from-the-venv" in out.stdout and "no-secret" in out.stdout and "top secret" not in out.stdout
