"""A Python source module with the project files it imports, so the recorder can run it in its package.

A function of ``inventory/store.py`` that calls ``discount`` from ``inventory/pricing.py`` runs only where
``inventory`` is importable. The module's *import root* is the first folder above it without an
``__init__.py`` (the folder its top package sits in); when the module imports anything found there (or
imports relatively), the recorder gets the Python files under that root and imports the module by its
dotted name (``inventory.store``). Nothing above the root is read, symlinks are not followed, and the files
are capped in number and size (a project larger than that runs without them, as a single file).
"""
from __future__ import annotations

import ast
import os
from dataclasses import dataclass, field
from pathlib import Path

from translate.source import pyast

MAX_FILES = 500
MAX_BYTES = 8 << 20
_SKIP_DIRS = {"__pycache__", "node_modules", "site-packages", "venv", "build", "dist"}


@dataclass
class PythonModule:
    name: str  # dotted module name from the import root
    path: str  # the module's file, relative to the import root (POSIX)
    files: dict[str, str] = field(default_factory=dict)  # relative POSIX path -> text, the root's Python files


def import_root(path: Path) -> Path:
    """The folder the module's top package sits in: the first folder above it without an ``__init__.py``."""
    folder = path.parent
    while (folder / "__init__.py").is_file() and folder.parent != folder:
        folder = folder.parent
    return folder


def _imports_project(source: str, root: Path) -> bool:
    try:
        tree = pyast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            return True
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
        for name in names:
            top = name.split(".")[0]
            if (root / f"{top}.py").is_file() or (root / top / "__init__.py").is_file():
                return True
    return False


def python_module(path: Path, source: str | None = None,
                  cache: dict[Path, dict[str, str] | None] | None = None) -> PythonModule | None:
    """The module of source file ``path`` and its project's Python files; ``None`` when it imports nothing of
    the project (it runs alone, as a single file) or the project is too large to copy. ``source``: the file's
    text, when already read; ``cache``: import root -> its files, shared by the calls for one project (each
    root is walked once)."""
    path = Path(os.path.realpath(path))
    root = Path(os.path.realpath(import_root(path)))
    text = path.read_text(encoding="utf-8") if source is None else source
    if not _imports_project(text, root):
        return None
    rel = path.relative_to(root)
    parts = list(rel.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    if not parts or not all(p.isidentifier() for p in parts):
        return None
    files = cache[root] if cache is not None and root in cache else root_files(root)
    if cache is not None:
        cache[root] = files
    if files is None:
        return None
    # the module's own text is put in place by the recorder (the source it was given)
    return PythonModule(".".join(parts), rel.as_posix(), dict(files))


def root_files(root: Path) -> dict[str, str] | None:
    """The Python files under the import root (relative POSIX path -> text); ``None`` past the caps."""
    files: dict[str, str] = {}
    size = 0
    for dirpath, dirnames, filenames in os.walk(root):  # os.walk does not follow symlinked folders
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in _SKIP_DIRS)
        for name in sorted(filenames):
            full = Path(dirpath) / name
            if not name.endswith(".py") or full.is_symlink():
                continue
            if len(files) >= MAX_FILES:
                return None
            try:
                data = full.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            size += len(data)
            if size > MAX_BYTES:
                return None
            files[full.relative_to(root).as_posix()] = data
    return files
