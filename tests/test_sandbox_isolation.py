"""Hostile programs through the real sandbox (bubblewrap) with real toolchains.

Each program tries, in one run: (a) write a file in the user's home, (b) read a secret from it,
(c) delete a file of the repository under test, (d) connect to a listener the test opened on
127.0.0.1, (e) leave a background process behind. The host then checks that nothing happened.
The home and the repository live under /var/tmp, outside the sandbox's private /tmp, so hiding
the home and the read-only root are what stop (a)-(c).
"""
from __future__ import annotations

import os
import shutil
import socket
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from translate.refactor.testgate import TestGate
from translate.sandbox import PASSED, Limits, isolation, missing_tool, run_command, run_program

SECRET = f"TOPSECRET-{uuid.uuid4().hex}"

pytestmark = pytest.mark.skipif(isolation("auto").bwrap is None,
                                reason="bubblewrap is not usable here (the set-up installs it)")


def needs(lang: str):
    missing = missing_tool(lang)
    return pytest.mark.skipif(missing is not None, reason=f"toolchain missing: {missing}")


class Area:
    def __init__(self, root: Path, port: int, marker: str):
        self.root, self.port, self.marker = root, port, marker
        self.home, self.repo = root / "home", root / "repo"
        self.secret, self.keep, self.pwned = self.home / ".ssh" / "id_rsa", self.repo / "keep.py", self.home / "pwned.txt"


@pytest.fixture
def area(monkeypatch):
    root = Path(os.path.realpath(tempfile.mkdtemp(prefix="translate-isolation-", dir="/var/tmp")))
    (root / "home" / ".ssh").mkdir(parents=True)
    (root / "home" / ".ssh" / "id_rsa").write_text(SECRET)
    (root / "repo").mkdir()
    (root / "repo" / "keep.py").write_text("KEEP = 1\n")
    monkeypatch.setenv("HOME", str(root / "home"))
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    server.setblocking(False)
    try:
        yield Area(root, server.getsockname()[1], f"sbx-bg-{uuid.uuid4().hex}")
        try:
            conn, _ = server.accept()
            conn.close()
            pytest.fail("the sandboxed program reached the host's 127.0.0.1 listener")
        except BlockingIOError:
            pass
    finally:
        server.close()
        shutil.rmtree(root, ignore_errors=True)


def _alive_with(marker: str) -> list[str]:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                if marker.encode() in fh.read():
                    found.append(pid)
        except OSError:
            pass
    return found


def _assert_unharmed(area: Area, res) -> None:
    assert res.status == PASSED, res  # the program ran to its end: every attempt was made
    lines = dict(line.split(":", 1) for line in res.stdout.splitlines() if line[:2] in ("a:", "b:", "c:", "d:", "e:"))
    assert set(lines) == set("abcde"), res.stdout
    for key in "abcd":
        assert lines[key].startswith("blocked"), (key, res.stdout)
    assert SECRET not in res.stdout + res.stderr
    assert not area.pwned.exists()
    assert area.secret.read_text() == SECRET
    assert area.keep.read_text() == "KEEP = 1\n"
    time.sleep(0.2)
    assert _alive_with(area.marker) == []
    assert not res.notes or "filesystem isolation is off" not in res.notes[0]


def test_python_program_cannot_touch_the_user(area):
    code = f"""
import os, socket, subprocess
try:
    open({str(area.pwned)!r}, "w").write("x"); print("a:WROTE")
except OSError as e: print("a:blocked", e)
try:
    print("b:READ", open({str(area.secret)!r}).read())
except OSError as e: print("b:blocked", e)
try:
    os.remove({str(area.keep)!r}); print("c:DELETED")
except OSError as e: print("c:blocked", e)
try:
    socket.create_connection(("127.0.0.1", {area.port}), timeout=3); print("d:CONNECTED")
except OSError as e: print("d:blocked", e)
subprocess.Popen(["/bin/sh", "-c", "sleep 30; :", {area.marker!r}], start_new_session=True,
                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print("e:started")
"""
    _assert_unharmed(area, run_program(code, "python"))


@needs("javascript")
def test_javascript_program_cannot_touch_the_user(area):
    code = f"""
const fs = require("fs"), net = require("net"), cp = require("child_process");
try {{ fs.writeFileSync({str(area.pwned)!r}, "x"); console.log("a:WROTE"); }} catch (e) {{ console.log("a:blocked " + e.code); }}
try {{ console.log("b:READ " + fs.readFileSync({str(area.secret)!r}, "utf8")); }} catch (e) {{ console.log("b:blocked " + e.code); }}
try {{ fs.unlinkSync({str(area.keep)!r}); console.log("c:DELETED"); }} catch (e) {{ console.log("c:blocked " + e.code); }}
cp.spawn("/bin/sh", ["-c", "sleep 30; :", {area.marker!r}], {{detached: true, stdio: "ignore"}}).unref();
console.log("e:started");
const s = net.connect({{host: "127.0.0.1", port: {area.port}}});
s.on("connect", () => {{ console.log("d:CONNECTED"); s.destroy(); }});
s.on("error", (e) => console.log("d:blocked " + e.code));
"""
    _assert_unharmed(area, run_program(code, "javascript"))


@needs("java")
def test_java_program_cannot_touch_the_user_and_keeps_temp_files_in_scratch(area):
    code = f"""
import java.io.*;
import java.net.*;
import java.nio.file.*;

public class Main {{
    public static void main(String[] args) throws Exception {{
        try {{ Files.writeString(Path.of("{area.pwned}"), "x"); System.out.println("a:WROTE"); }}
        catch (IOException e) {{ System.out.println("a:blocked " + e); }}
        try {{ System.out.println("b:READ " + Files.readString(Path.of("{area.secret}"))); }}
        catch (IOException e) {{ System.out.println("b:blocked " + e); }}
        try {{ Files.delete(Path.of("{area.keep}")); System.out.println("c:DELETED"); }}
        catch (IOException e) {{ System.out.println("c:blocked " + e); }}
        try (Socket s = new Socket()) {{
            s.connect(new InetSocketAddress("127.0.0.1", {area.port}), 3000);
            System.out.println("d:CONNECTED");
        }}
        catch (IOException e) {{ System.out.println("d:blocked " + e); }}
        new ProcessBuilder("/usr/bin/setsid", "-f", "/bin/sh", "-c", "sleep 30; :", "{area.marker}").start();
        System.out.println("e:started");
        File tmp = File.createTempFile("sbx", ".tmp");
        System.out.println("tmp=" + tmp.getParentFile().getCanonicalPath());
        System.out.println("cwd=" + new File(".").getCanonicalPath());
    }}
}}
"""
    res = run_program(code, "java")
    _assert_unharmed(area, res)
    found = dict(line.split("=", 1) for line in res.stdout.splitlines() if line.startswith(("tmp=", "cwd=")))
    assert found["tmp"] == found["cwd"] and found["cwd"].startswith(tempfile.gettempdir()), res.stdout


@needs("cpp")
def test_cpp_program_cannot_touch_the_user(area):
    code = f"""
#include <arpa/inet.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sys/socket.h>
#include <unistd.h>

int main() {{
    {{ std::ofstream out("{area.pwned}"); out << "x"; out.flush();
       std::cout << (out.is_open() && out.good() ? "a:WROTE" : "a:blocked") << std::endl; }}
    {{ std::ifstream in("{area.secret}"); std::string s; std::getline(in, s);
       if (in.is_open() && !s.empty()) std::cout << "b:READ " << s << std::endl;
       else std::cout << "b:blocked" << std::endl; }}
    if (std::remove("{area.keep}") == 0) std::cout << "c:DELETED" << std::endl;
    else std::cout << "c:blocked " << std::strerror(errno) << std::endl;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{{}};
    addr.sin_family = AF_INET;
    addr.sin_port = htons({area.port});
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    if (connect(fd, (sockaddr*)&addr, sizeof addr) == 0) std::cout << "d:CONNECTED" << std::endl;
    else std::cout << "d:blocked " << std::strerror(errno) << std::endl;
    if (fork() == 0) {{ setsid(); execl("/bin/sh", "sh", "-c", "sleep 30; :", "{area.marker}", (char*)nullptr); _exit(1); }}
    std::cout << "e:started" << std::endl;
}}
"""
    _assert_unharmed(area, run_program(code, "cpp"))


@needs("cpp")
def test_gxx_temp_files_land_in_the_scratch_dir():
    work = Path(os.path.realpath(tempfile.mkdtemp(prefix="translate-isolation-gxx-")))
    try:
        (work / "main.cpp").write_text("int main() { return 0; }\n")
        res = run_command([shutil.which("g++"), "-v", "-c", "main.cpp"], work, Limits(timeout=60, memory_mb=2048))
        assert res.status == PASSED, res
        assert f"{work}/cc" in res.stderr, res.stderr[-2000:]  # cc1plus writes its .s to $TMPDIR
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_tests_command_cannot_touch_the_root_or_the_home(area):
    # --tests CMD runs on a copy of --root; the original and the home stay out of reach.
    attack = (f"! cat {area.secret} && ! rm {area.keep} && ! touch {area.pwned} && "
              f"touch copied_ok && ! python -c 'import socket; socket.create_connection((\"127.0.0.1\", {area.port}), 3)'")
    with TestGate(attack, area.repo, timeout=30) as gate:
        ok, why = gate.run()
        assert ok, why
        assert (gate.tree / "copied_ok").exists()  # the copy itself is writable
    assert area.keep.read_text() == "KEEP = 1\n"
    assert area.secret.read_text() == SECRET and not area.pwned.exists()
