"""The project files a JavaScript module imports, so a check can run it where its imports resolve.

``translate repo`` writes ES modules that import each other (``import { discount } from "./pricing.js"``) and
the support templates (``import * as re from "./pyre.js"``). Checking one such file alone fails at its first
import. :func:`module_files` follows its relative imports (``import``/``export ... from``, ``import("...")``,
``require("...")`` with literal specifiers starting ``./`` or ``../``), transitively, inside the module's
project root: the nearest folder above it with a ``package.json``, else its own folder. Nothing outside the
root is read (paths are resolved, so a symlink out of it is not followed), and the files are capped in number
and size; a specifier that leaves the root or is missing is left out, and the run then names it.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MAX_FILES = 200
MAX_BYTES = 8 << 20
_SPEC = re.compile(r"""(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(["'])(\.{1,2}/[^"'\n]+)\1""")
_ESM = re.compile(r"""^[ \t]*(?:import(?:\s+[\w$*{]|\s*[{*"'])|export\s)""", re.M)


@dataclass
class ModuleFiles:
    """Where the module sits in its project (``path``, relative to the root) and the project files it needs."""

    path: PurePosixPath
    files: dict[str, str] = field(default_factory=dict)  # root-relative POSIX path -> text
    missing: list[str] = field(default_factory=list)  # specifiers not found inside the root

    def program_path(self, program: str) -> str:
        """Where a driver program made from the module runs: its place, as an ES module (``.mjs``) or a
        CommonJS script (``.cjs``) whatever the project's ``package.json`` says."""
        return str(self.path.with_suffix(".mjs" if is_esm(program) else ".cjs"))


def is_esm(code: str) -> bool:
    """Whether ``code`` has top-level ``import``/``export`` statements (an ES module)."""
    return bool(_ESM.search(code))


def project_root(module: Path) -> Path:
    """The nearest folder above ``module`` holding a ``package.json``, else the module's folder."""
    here = module.parent
    for folder in (here, *here.parents):
        if (folder / "package.json").is_file():
            return folder
    return here


def _resolve(base: Path, spec: str, root: Path) -> Path | None:
    target = Path(os.path.realpath(base / spec))
    for cand in (target, target.with_name(target.name + ".js"), target.with_name(target.name + ".mjs"),
                 target / "index.js"):
        real = Path(os.path.realpath(cand))
        if real.is_file() and real.is_relative_to(root):
            return real
    return None


def module_files(module: Path, code: str | None = None, texts: dict[Path, str | None] | None = None) -> ModuleFiles | None:
    """The module's place in its project and the files its relative imports reach (``None``: it imports none).
    ``code``: the module's text, when it differs from the file (a candidate checked in its place); ``texts``:
    resolved path -> text (``None``: unreadable), shared by the calls for one project (each file read once)."""
    texts = {} if texts is None else texts
    module = Path(os.path.realpath(module))
    root = Path(os.path.realpath(project_root(module)))
    text = module.read_text(encoding="utf-8") if code is None else code
    if not _SPEC.search(text):
        return None
    out = ModuleFiles(PurePosixPath(module.relative_to(root).as_posix()))
    out.files[str(out.path)] = text  # what imports it back (a cycle) finds it in its place
    pkg = root / "package.json"
    if pkg.is_file():
        out.files["package.json"] = pkg.read_text(encoding="utf-8", errors="replace")
    seen = {module}
    todo = [(module, text)]
    size = 0
    while todo:
        path, body = todo.pop()
        for m in _SPEC.finditer(body):
            spec = m.group(2)
            found = _resolve(path.parent, spec, root)
            if found is None:
                if spec not in out.missing:
                    out.missing.append(spec)
                continue
            if found in seen:
                continue
            seen.add(found)
            if len(seen) > MAX_FILES:
                out.missing.append(f"{spec} (more than {MAX_FILES} files)")
                continue
            if found not in texts:
                try:
                    texts[found] = found.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    texts[found] = None
            data = texts[found]
            if data is None:
                out.missing.append(spec)
                continue
            size += len(data)
            if size > MAX_BYTES:
                out.missing.append(f"{spec} (more than {MAX_BYTES >> 20} MiB of imports)")
                continue
            out.files[found.relative_to(root).as_posix()] = data
            todo.append((found, data))
    return out
