"""Writes stay inside --out, and a full disk is one line with exit 3 (issue 17, items 1 and 9).

Hostile layouts come from the *migrated* project's own pyproject.toml; symlinks already in the output
tree must not carry writes out of it. Disk full is tested on a real 64 KiB tmpfs where this process may
mount one (root), and with ``os.write`` failing with ENOSPC otherwise.
"""
from __future__ import annotations

import errno
import os
import re
import subprocess
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from translate.cli.main import main
from translate.errors import EXIT_RESOURCE, EXIT_USAGE, InputError
from translate.fsutil import (
    TMP_PREFIX,
    DiskFullError,
    OutsideRootError,
    atomic_write_bytes,
    atomic_write_text,
)
from translate.repo.layout import load_layout
from translate.repo.runner import RepoOptions, migrate
from translate.source.languages import get_language

JS_ADD = "```javascript\nfunction add(a, b) {\n  return a + b;\n}\n```\n"


def _answer(req):
    return JS_ADD


def _project(root: Path, toml: str | None = None, files: int = 3, body: str = "") -> Path:
    src = root / "src"
    (src / "pkg").mkdir(parents=True)
    for i in range(files):
        (src / "pkg" / f"evil{i}.py").write_text(f"def add(a, b):\n    return a + b\n{body}")
    (src / "evil.py").write_text("def add(a, b):\n    return a + b\n")
    if toml is not None:
        (src / "pyproject.toml").write_text(toml)
    return src


def _all_files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


# --- hostile [tool.translate.layout] values: usage error naming the key, before any model ---------------

ESCAPES = [
    ("rename", "{ \"evil\" = \"../../../x\" }", "evil"),
    ("rename", "{ \"evil\" = \"/tmp/abs-x\" }", "evil"),
    ("rename", "{ \"evil\" = \"a/b\" }", "evil"),
    ("rename", "{ \"evil\" = \"a\\\\b\" }", "evil"),
    ("rename", "{ \"evil\" = \"x\\u0000y\" }", "evil"),
    ("extension", "{ rust = \"/../../../x.rs\" }", "rust"),
    ("extension", "{ rust = \"..\" }", "rust"),
    ("extension", "{ rust = \".rs/../../x\" }", "rust"),
]


@pytest.mark.parametrize("key,value,name", ESCAPES)
def test_escaping_layout_value_is_an_input_error_naming_the_key(tmp_path, key, value, name):
    (tmp_path / "pyproject.toml").write_text(f"[tool.translate.layout]\n{key} = {value}\n")
    with pytest.raises(InputError, match=rf"{key}: '{name}'") as err:
        load_layout(tmp_path, get_language("rust"))
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("key,value,name", ESCAPES[:1] + ESCAPES[5:6])
def test_repo_cli_refuses_escaping_layout_before_the_model(tmp_path, key, value, name):
    """The attack: a snake-case target (rust) turned '../..' into '/_/_/...' and wrote at the fs root."""
    src = _project(tmp_path, f"[tool.translate.layout]\n{key} = {value}\n")
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["repo", str(src), "--to", "rust", "--out", str(out), "--quiet",
                                    "--model", str(tmp_path / "no-such-model")])
    assert res.exit_code == EXIT_USAGE, res.output
    assert "Traceback" not in res.output and f"'{name}'" in res.output and key in res.output
    assert not out.exists()  # nothing written, not even DST_DIR
    assert not Path("/_").exists() and not (tmp_path / "x.rs").exists()


def test_odd_source_name_that_makes_dotdot_is_skipped(tmp_path, scripted):
    """Empty extension + a file whose stem is '..' (``...py``): the name would be '..'; that file is skipped."""
    src = _project(tmp_path, "[tool.translate.layout]\ncase = 'keep'\nextension = { javascript = '' }\n", files=1)
    (src / "pkg" / "...py").write_text("def add(a, b):\n    return a + b\n")
    report = migrate(RepoOptions(src=src, dst=tmp_path / "out", target="javascript", quiet=True, use_git=False),
                     backend=scripted(_answer))
    by = {f.path: f for f in report.files}
    assert by["pkg/...py"].status == "skipped" and "not a plain file name" in by["pkg/...py"].reason
    assert by["pkg/evil0.py"].status == "translated"
    assert _all_files(tmp_path / "out") >= {"pkg/evil0", "evil"}
    assert not (tmp_path / "out").with_name("out.py").exists() and not (tmp_path / "py").exists()


# --- symlinks already inside the output tree --------------------------------------------------------

def test_symlinked_dir_in_out_is_not_written_through(tmp_path, scripted):
    src = _project(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "pkg").symlink_to(outside, target_is_directory=True)
    report = migrate(RepoOptions(src=src, dst=out, target="javascript", quiet=True, use_git=False),
                     backend=scripted(_answer))
    assert list(outside.iterdir()) == []  # the old code wrote pkg/evil*.js through the link
    by = {f.path: f for f in report.files}
    for i in range(3):
        e = by[f"pkg/evil{i}.py"]
        assert e.status == "skipped" and "symlink" in e.reason and "outside" in e.reason, e.reason
    assert by["evil.py"].status == "translated" and (out / "evil.js").is_file()
    assert (out / "pkg").is_symlink()  # left as it was


def test_repo_cli_reports_refused_symlink_and_exits_1(tmp_path, scripted, monkeypatch):
    from translate.engines import loader

    monkeypatch.setattr(loader, "open_backend", lambda *a, **k: scripted(_answer))
    src = _project(tmp_path, files=1)
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "pkg").symlink_to(outside)
    res = CliRunner().invoke(main, ["repo", str(src), "--to", "javascript", "--out", str(out), "--quiet"])
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output and "skipped pkg/evil0.py: refused" in res.output
    assert list(outside.iterdir()) == []


def test_symlink_that_stays_inside_out_is_followed(tmp_path):
    root = tmp_path / "out"
    (root / "real").mkdir(parents=True)
    (root / "alias").symlink_to("real")
    atomic_write_text(root / "alias" / "a.js", "x\n", root=root)
    assert (root / "real" / "a.js").read_text() == "x\n"


def test_fsutil_root_refuses_lexical_escapes_and_links_out(tmp_path):
    root = tmp_path / "out"
    root.mkdir()
    for bad in (root / ".." / "x.txt", Path("/tmp") / f"abs-{uuid.uuid4().hex}", root / "a\0b"):
        with pytest.raises(OutsideRootError):
            atomic_write_bytes(bad, b"x", root=root)
    assert not (tmp_path / "x.txt").exists()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (root / "d").symlink_to(outside)
    with pytest.raises(OutsideRootError, match="symlink"):
        atomic_write_bytes(root / "d" / "sub" / "f.txt", b"x", root=root)
    assert list(outside.iterdir()) == []  # not even the intermediate directory


def test_final_symlink_is_replaced_not_followed(tmp_path):
    root = tmp_path / "out"
    root.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (root / "a.js").symlink_to(victim)
    atomic_write_text(root / "a.js", "new\n", root=root)
    assert victim.read_text() == "keep me"
    assert not (root / "a.js").is_symlink() and (root / "a.js").read_text() == "new\n"


def test_default_cache_symlinked_out_of_out_is_refused(tmp_path, scripted):
    src = _project(tmp_path, files=1)
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.sqlite"
    (out / ".translate-cache.sqlite").symlink_to(victim)
    with pytest.raises(InputError, match="symlink leading outside --out"):
        migrate(RepoOptions(src=src, dst=out, target="javascript", quiet=True, use_git=False), backend=scripted(_answer))
    assert not victim.exists()


# --- disk full --------------------------------------------------------------------------------------

def _enospc_after(monkeypatch, limit: int):
    """os.write fails with ENOSPC once ``limit`` bytes went out (in this process), os.fsync always."""
    real = os.write
    state = {"n": 0}

    def write(fd, data):
        room = limit - state["n"]
        if room <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        n = real(fd, bytes(data[:room]))
        state["n"] += n
        return n

    def fsync(fd):  # a file system may only report the full disk here (delayed allocation)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", write)
    monkeypatch.setattr(os, "fsync", fsync)


def test_disk_full_names_path_and_bytes_and_leaves_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "o" / "big.js"
    _enospc_after(monkeypatch, 1000)
    with pytest.raises(DiskFullError, match=r"big\.js: disk full .* after writing 1000 of 5000 bytes") as err:
        atomic_write_bytes(target, b"x" * 5000)
    assert err.value.exit_code == EXIT_RESOURCE and "\n" not in str(err.value)
    assert not target.exists() and not [p for p in target.parent.iterdir() if p.name.startswith(TMP_PREFIX)]


def test_repo_cli_disk_full_is_one_line_exit_3(tmp_path, scripted, monkeypatch):
    from translate.engines import loader

    monkeypatch.setattr(loader, "open_backend", lambda *a, **k: scripted(_answer))
    src = _project(tmp_path, files=2)
    out = tmp_path / "out"
    _enospc_after(monkeypatch, 0)  # sqlite does not use os.write: the cache still works, the outputs fail
    res = CliRunner().invoke(main, ["repo", str(src), "--to", "javascript", "--out", str(out), "--quiet",
                                    "--cache", str(tmp_path / "cache.sqlite")])
    assert res.exit_code == EXIT_RESOURCE, res.output
    assert "Traceback" not in res.output
    line = res.output.strip()
    assert "\n" not in line and re.search(r"disk full .* after writing 0 of \d+ bytes", line), line
    assert "output file(s) written before it" in line


def test_raw_enospc_anywhere_is_exit_3(monkeypatch, tmp_path):
    """An OSError ENOSPC from code that does not use fsutil still ends as one line with exit 3."""
    from translate.repo import runner

    def boom(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "x"))

    monkeypatch.setattr(runner, "migrate", boom)
    res = CliRunner().invoke(main, ["repo", str(tmp_path), "--to", "javascript", "--out", str(tmp_path / "o")])
    assert res.exit_code == EXIT_RESOURCE and "disk full" in res.output and "Traceback" not in res.output


@pytest.fixture()
def tiny_fs(tmp_path):
    """A real 64 KiB tmpfs (root only); skipped where it cannot be mounted."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    try:
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)], capture_output=True, check=False,
                           timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        pytest.skip("cannot run mount")
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode(errors='replace').strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True, timeout=30, check=False)


def test_real_tmpfs_full_during_repo_run(tmp_path, tiny_fs, scripted):
    # each output ~20 KB (the source's comment-only glue is copied); 64 KiB holds about three of them
    src = _project(tmp_path, files=8, body="".join(f"# padding line {i:05d} " + "x" * 60 + "\n" for i in range(260)))
    out = tiny_fs / "out"
    with pytest.raises(DiskFullError) as err:
        migrate(RepoOptions(src=src, dst=out, target="javascript", quiet=True, use_git=False,
                            cache=tmp_path / "cache.sqlite"), backend=scripted(_answer))
    msg = str(err.value)
    assert err.value.exit_code == EXIT_RESOURCE and "\n" not in msg
    m = re.search(r"^(.*): disk full .* after writing (\d+) of (\d+) bytes.*; (\d+) output file\(s\) written", msg)
    assert m, msg
    assert m.group(1).startswith(str(out)) and int(m.group(2)) < int(m.group(3))
    written = [p for p in out.rglob("*") if p.is_file()]
    assert int(m.group(4)) == len(written) >= 1
    assert not [p for p in written if p.name.startswith(TMP_PREFIX)]
    assert all(p.read_text().endswith("\n") for p in written)  # complete files only


def test_file_cli_disk_full_is_one_line_exit_3(tmp_path, scripted, monkeypatch):
    from translate.cli import translate_cmd

    monkeypatch.delenv("TRANSLATE_SERVER", raising=False)
    monkeypatch.setattr(translate_cmd, "backend_from", lambda kw: scripted(_answer))
    src = tmp_path / "a.py"
    src.write_text("def add(a, b):\n    return a + b\n")
    _enospc_after(monkeypatch, 10)
    res = CliRunner().invoke(main, ["file", str(src), "--to", "javascript", "-o", str(tmp_path / "o" / "a.js"),
                                    "--quiet", "--no-cache"])
    assert res.exit_code == EXIT_RESOURCE, res.output
    lines = res.output.strip().splitlines()
    assert "Traceback" not in res.output and len(lines) == 1, res.output
    assert re.search(r"a\.js: disk full .* after writing 10 of \d+ bytes", lines[0]), lines[0]
    assert not (tmp_path / "o" / "a.js").exists()
