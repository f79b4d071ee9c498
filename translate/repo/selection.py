"""Which files of SRC_DIR a migration looks at.

A git checkout: the files git knows about (``git ls-files --cached --others --exclude-standard``:
tracked files plus new ones not yet added, but nothing ignored), so build outputs stay out.
Anything else: a walk that honours every ``.gitignore`` on the way down (``pathspec``'s git
semantics) and never enters ``.git``. Then the filters: ``--include``/``--exclude`` globs (gitignore
syntax: ``src/**/*.py``, ``tests/``), and the source language (``--from`` or any registered
language other than the target). A C or C++ file that includes ``Python.h`` (or pybind11, nanobind) is a Python
extension module: it binds CPython's C API, which no target has, and the package's Python code (its fallback)
is what gets translated; with the source language chosen automatically it is left out, with that reason. Paths with ``..`` and symlinks that resolve outside SRC are refused
and reported, never followed.
"""
from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pathspec

from translate.errors import InputError, UnknownLanguageError
from translate.source.languages import Language, get_language, language_for_path

_NEVER_ENTER = {".git", ".hg", ".svn"}


@dataclass(frozen=True)
class Picked:
    rel: PurePosixPath  # relative to SRC, posix separators
    path: Path  # absolute path to read (may be a symlink inside SRC)
    language: Language | None  # None: not a source file (candidate for --copy-other)


@dataclass
class Selection:
    root: Path
    sources: list[Picked] = field(default_factory=list)
    others: list[Picked] = field(default_factory=list)
    refused: list[tuple[PurePosixPath, str]] = field(default_factory=list)  # (rel, reason)
    left_out: list[tuple[PurePosixPath, str]] = field(default_factory=list)  # (rel, reason): not translatable
    via_git: bool = False


_BINDING = re.compile(rb"^[ \t]*#[ \t]*include[ \t]*[<\"](Python\.h|pybind11/[\w/]+\.h|nanobind/[\w/]+\.h)[>\"]",
                      re.MULTILINE)


def python_extension(path: Path, lang: Language) -> str | None:
    """Why the C or C++ file ``path`` is a Python extension module (None: it is not one)."""
    if lang.name not in ("c", "cpp"):
        return None
    try:
        with open(path, "rb") as f:
            head = f.read(256 * 1024)
    except OSError:
        return None
    m = _BINDING.search(head)
    return None if m is None else (f"a Python extension module (it includes {m.group(1).decode()}): it binds "
                                   "CPython's C API, which the target does not have; the Python code is translated")


def _compile(patterns: list[str] | tuple[str, ...] | None, what: str) -> pathspec.PathSpec | None:
    if not patterns:
        return None
    for pat in patterns:
        if ".." in PurePosixPath(pat.lstrip("!")).parts:
            raise InputError(f"{what} pattern {pat!r} contains '..': patterns are relative to SRC_DIR")
    try:
        return pathspec.GitIgnoreSpec.from_lines(patterns)
    except Exception as exc:  # pathspec raises a few types on bad patterns
        raise InputError(f"bad {what} pattern: {exc}") from None


def git_files(root: Path) -> list[str] | None:
    """Paths git tracks (or would track: untracked, not ignored) under ``root``, relative to it, or None
    when ``root`` is not in a work tree."""
    try:
        inside = subprocess.run(["git", "-C", str(root), "rev-parse", "--is-inside-work-tree"],
                                capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        return None
    res = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."],
                         capture_output=True, timeout=300)
    if res.returncode != 0:
        return None
    names = [n.decode("utf-8", "surrogateescape") for n in res.stdout.split(b"\0") if n]
    return sorted(set(names))  # merge conflicts list a path once per stage


def walk_files(root: Path) -> list[str]:
    """Every file under ``root`` not ignored by a ``.gitignore`` (nested ones included), sorted."""
    out: list[str] = []
    specs: list[tuple[str, pathspec.PathSpec]] = []  # (dir prefix relative to root, spec)

    def ignored(rel: str, is_dir: bool) -> bool:
        verdict = False
        for prefix, spec in specs:
            if prefix and not rel.startswith(prefix + "/"):
                continue
            sub = rel[len(prefix) + 1:] if prefix else rel
            res = spec.check_file(sub + ("/" if is_dir else ""))
            if res.include is not None:  # a later (deeper) .gitignore overrides an earlier one
                verdict = bool(res.include)
        return verdict

    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        rel_dir = os.path.relpath(dirpath, root)
        rel_dir = "" if rel_dir == "." else rel_dir.replace(os.sep, "/")
        gi = Path(dirpath) / ".gitignore"
        if gi.is_file() and not gi.is_symlink():
            try:
                lines = gi.read_text(encoding="utf-8", errors="replace").splitlines()
                specs.append((rel_dir, pathspec.GitIgnoreSpec.from_lines(lines)))
            except Exception:
                pass  # an unreadable/odd .gitignore ignores nothing
        keep = []
        for d in sorted(dirnames):
            rel = f"{rel_dir}/{d}" if rel_dir else d
            if d in _NEVER_ENTER or ignored(rel, True):
                continue
            if os.path.islink(os.path.join(dirpath, d)):
                out.append(rel)  # a linked directory is reported (refused), never entered
                continue
            keep.append(d)
        dirnames[:] = keep
        for f in sorted(filenames):
            rel = f"{rel_dir}/{f}" if rel_dir else f
            if not ignored(rel, False):
                out.append(rel)
    return sorted(out)


def _within(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def check_path(root: Path, rel: str) -> str | None:
    """Why ``rel`` must not be read (None: it is fine). ``root`` is resolved."""
    parts = PurePosixPath(rel).parts
    if ".." in parts or PurePosixPath(rel).is_absolute():
        return "path contains '..' or is absolute"
    full = root / rel
    if full.is_symlink() or any((root / Path(*parts[:i])).is_symlink() for i in range(1, len(parts))):
        try:
            target = full.resolve(strict=True)
        except (OSError, RuntimeError):
            return "broken or looping symlink"
        if not _within(target, root):
            return f"symlink points outside SRC_DIR (to {target})"
        if target.is_dir():
            return "symlink to a directory (not followed)"
    return None


def select(
    root: str | Path,
    *,
    target: Language,
    source_lang: str | None = None,
    include: list[str] | tuple[str, ...] | None = None,
    exclude: list[str] | tuple[str, ...] | None = None,
    use_git: bool = True,
) -> Selection:
    """Pick the files of ``root`` to translate (``sources``) and the rest (``others``)."""
    root_p = Path(root)
    if not root_p.exists():
        raise InputError(f"{root}: no such directory")
    if not root_p.is_dir():
        raise InputError(f"{root}: not a directory (use `translate file` for one file)")
    root_p = root_p.resolve()
    want: Language | None = get_language(source_lang) if source_lang else None
    inc = _compile(include, "--include")
    exc = _compile(exclude, "--exclude")

    names = git_files(root_p) if use_git else None
    sel = Selection(root_p, via_git=names is not None)
    if names is None:
        names = walk_files(root_p)
    for rel in names:
        if inc is not None and not inc.match_file(rel):
            continue
        if exc is not None and exc.match_file(rel):
            continue
        reason = check_path(root_p, rel)
        if reason is not None:
            sel.refused.append((PurePosixPath(rel), reason))
            continue
        full = root_p / rel
        if not full.exists() and not full.is_symlink():
            continue  # tracked but deleted in the work tree
        try:
            lang = language_for_path(rel)
        except UnknownLanguageError:
            lang = None
        is_source = lang is not None and (lang is want if want is not None else lang is not target)
        if is_source and want is None and lang is not None and (why := python_extension(full, lang)) is not None:
            sel.left_out.append((PurePosixPath(rel), why))
            continue
        (sel.sources if is_source else sel.others).append(Picked(PurePosixPath(rel), full, lang if is_source else None))
    return sel
