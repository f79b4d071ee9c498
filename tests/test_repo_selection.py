"""File selection for `translate repo`: git, .gitignore walk, globs, languages, refusals."""
from __future__ import annotations

import os
import subprocess
from pathlib import PurePosixPath

import pytest

from translate.errors import InputError
from translate.repo.selection import select, walk_files
from translate.source.languages import get_language

JS = get_language("javascript")


def _tree(root, files):
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)


def _rels(picked):
    return [str(p.rel) for p in picked]


def test_walk_honours_nested_gitignores(tmp_path):
    _tree(tmp_path, {
        ".gitignore": "build/\n*.log\n",
        "a.py": "x = 1\n", "debug.log": "", "build/gen.py": "", "pkg/b.py": "",
        "pkg/.gitignore": "secret_*.py\n!secret_ok.py\n", "pkg/secret_1.py": "", "pkg/secret_ok.py": "",
        ".git/config": "",
    })
    assert walk_files(tmp_path) == [".gitignore", "a.py", "pkg/.gitignore", "pkg/b.py", "pkg/secret_ok.py"]


def test_languages_globs_and_others(tmp_path):
    _tree(tmp_path, {"a.py": "", "lib/b.py": "", "lib/c.js": "", "tests/test_a.py": "", "README.md": ""})
    sel = select(tmp_path, target=JS, use_git=False)
    assert _rels(sel.sources) == ["a.py", "lib/b.py", "tests/test_a.py"]  # the target's own files are not sources
    assert _rels(sel.others) == ["README.md", "lib/c.js"]
    sel = select(tmp_path, target=JS, include=["lib/**"], exclude=["*.js"], use_git=False)
    assert _rels(sel.sources) == ["lib/b.py"] and _rels(sel.others) == []
    sel = select(tmp_path, target=get_language("java"), source_lang="js", use_git=False)
    assert _rels(sel.sources) == ["lib/c.js"]
    assert {p.language.name for p in sel.sources} == {"javascript"}


def test_python_extension_modules_are_left_out_with_the_reason(tmp_path):
    _tree(tmp_path, {"pkg/native.py": "", "pkg/_speedups.c": "#define PY_SSIZE_T_CLEAN\n#include <Python.h>\n",
                     "pkg/_bind.cpp": '#  include "pybind11/pybind11.h"\n', "lib/util.c": "#include <stdio.h>\n"})
    sel = select(tmp_path, target=JS, use_git=False)
    assert _rels(sel.sources) == ["lib/util.c", "pkg/native.py"]
    assert [(str(r), why.split(":")[0]) for r, why in sel.left_out] == [
        ("pkg/_bind.cpp", "a Python extension module (it includes pybind11/pybind11.h)"),
        ("pkg/_speedups.c", "a Python extension module (it includes Python.h)")]
    sel = select(tmp_path, target=JS, source_lang="c", use_git=False)  # asked for by name: translated
    assert _rels(sel.sources) == ["lib/util.c", "pkg/_speedups.c"] and sel.left_out == []


def test_git_checkout_lists_tracked_and_new_but_not_ignored(tmp_path):
    _tree(tmp_path, {".gitignore": "gen/\n", "a.py": "", "gen/x.py": "", "new.py": ""})
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t"}
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "add", "a.py", ".gitignore"], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "commit", "-qm", "x"], check=True, env=env)
    (tmp_path / "a.py").unlink()  # tracked, deleted in the work tree: nothing to read
    (tmp_path / "b.py").write_text("")
    sel = select(tmp_path, target=JS)
    assert sel.via_git
    assert _rels(sel.sources) == ["b.py", "new.py"]
    # a subdirectory of a checkout: paths relative to it
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.py").write_text("")
    assert _rels(select(tmp_path / "sub", target=JS).sources) == ["c.py"]


def test_symlinks_escaping_src_are_refused(tmp_path):
    src, outside = tmp_path / "src", tmp_path / "outside"
    _tree(src, {"a.py": "", "real/b.py": ""})
    _tree(outside, {"evil.py": "x = 1\n", "dir/c.py": ""})
    (src / "link_out.py").symlink_to(outside / "evil.py")
    (src / "dir_out").symlink_to(outside / "dir")
    (src / "link_in.py").symlink_to(src / "a.py")
    (src / "dangling.py").symlink_to(tmp_path / "nope.py")
    sel = select(src, target=JS, use_git=False)
    refused = dict((str(r), why) for r, why in sel.refused)
    assert "outside SRC_DIR" in refused["link_out.py"]
    assert "outside SRC_DIR" in refused["dir_out"]
    assert "broken" in refused["dangling.py"]
    assert _rels(sel.sources) == ["a.py", "link_in.py", "real/b.py"]


def test_bad_arguments(tmp_path):
    with pytest.raises(InputError, match="no such directory"):
        select(tmp_path / "missing", target=JS)
    (tmp_path / "f.py").write_text("")
    with pytest.raises(InputError, match="not a directory"):
        select(tmp_path / "f.py", target=JS)
    with pytest.raises(InputError, match=r"'\.\.'"):
        select(tmp_path, target=JS, include=["../*.py"])
    with pytest.raises(InputError, match="unknown language"):
        select(tmp_path, target=JS, source_lang="cobol")


def test_dotdot_paths_from_git_are_refused(tmp_path, monkeypatch):
    import translate.repo.selection as selection

    _tree(tmp_path, {"a.py": ""})
    monkeypatch.setattr(selection, "git_files", lambda root: ["a.py", "../escape.py"])
    sel = select(tmp_path, target=JS)
    assert _rels(sel.sources) == ["a.py"]
    assert sel.refused == [(PurePosixPath("../escape.py"), "path contains '..' or is absolute")]
