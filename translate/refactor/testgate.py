"""``--tests CMD``: the project's own tests as the equivalence check of a rewrite.

The tree under ``--root`` is copied once to a temporary directory (version-control and cache folders
left out) and CMD runs there through the sandbox runner (timeout, rlimits, no network; under bubblewrap
the copy is the only writable place and ``--root`` itself is read-only) with the caller's PATH (bound
back read-only where it lies under the hidden home), so the virtual environment's tools are found, and
the copy first on PYTHONPATH. The copy always holds the rewrites accepted so far: a candidate is
written in, the suite runs, and a red suite puts the previous text back (the rewrite is rolled back
and its failure quoted to the model).
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from translate.errors import InputError
from translate.sandbox import Limits, run_command

_IGNORE = shutil.ignore_patterns(".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__",
                                 ".pytest_cache", ".mypy_cache", ".tox", "*.pyc", ".translate-cache.sqlite*")
_FAIL_LINE = re.compile(r"^(FAILED|ERROR)\b.*|^E\s{2,}\S.*|.*(Error|Exception)\b.*", re.M)
MAX_COPY_BYTES = 200 * 1024 * 1024


class TestGate:
    __test__ = False  # not a pytest test class
    def __init__(self, command: str, root: str | Path, *, timeout: float = 300.0, memory_mb: int = 4096):
        if not command.strip():
            raise InputError("--tests is empty")
        self.command = command
        self.root = Path(root).resolve()
        if not self.root.is_dir():
            raise InputError(f"--root {root}: not a directory")
        self.limits = Limits(timeout=timeout, memory_mb=memory_mb, processes=256, file_size_mb=256,
                             open_files=1024)
        self._tmp = Path(tempfile.mkdtemp(prefix="translate-refactor-"))
        self.tree = self._tmp / "tree"
        self.runs = 0
        try:
            shutil.copytree(self.root, self.tree, ignore=_IGNORE, symlinks=True)
        except (OSError, shutil.Error) as exc:
            self.close()
            raise InputError(f"--root {root}: cannot copy the tree for --tests ({exc})") from None
        size = sum(p.stat().st_size for p in self.tree.rglob("*") if p.is_file() and not p.is_symlink())
        if size > MAX_COPY_BYTES:
            self.close()
            raise InputError(f"--root {root}: {size // 2**20} MiB is too large to copy for --tests; pass a smaller --root")

    def relative(self, path: str | Path) -> Path:
        p = Path(path).resolve()
        try:
            return p.relative_to(self.root)
        except ValueError:
            raise InputError(f"{path}: outside --root {self.root}; --tests runs on a copy of --root") from None

    def run(self) -> tuple[bool, str | None]:
        """(passed, one-line summary of the failure)."""
        self.runs += 1
        path = os.environ.get("PATH", "/usr/bin:/bin")
        pythonpath = os.pathsep.join(x for x in (str(self.tree), os.environ.get("PYTHONPATH", "")) if x)
        argv = ["env", f"PATH={path}", f"PYTHONPATH={pythonpath}", "/bin/sh", "-c", self.command]
        expose = [p for p in f"{path}{os.pathsep}{pythonpath}".split(os.pathsep) if p]  # readable under bwrap
        res = run_command(argv, self.tree, self.limits, phase="tests", expose=expose)
        if res.passed:
            return True, None
        return False, summarize(res.stdout + "\n" + res.stderr, res.reason, res.exit_code)

    def baseline(self) -> None:
        ok, why = self.run()
        if not ok:
            raise InputError(f"--tests {self.command!r} fails before any rewrite ({why}); fix the suite or drop --tests")

    def try_text(self, rel: Path, text: str) -> tuple[bool, str | None]:
        """Put ``text`` at ``rel`` in the copy and run the suite; a red suite restores the old text."""
        target = self.tree / rel
        old = target.read_text(encoding="utf-8")
        target.write_text(text, encoding="utf-8")
        ok, why = self.run()
        if not ok:
            target.write_text(old, encoding="utf-8")
        return ok, why

    def close(self) -> None:
        shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> TestGate:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def summarize(output: str, reason: str | None, code: int | None) -> str:
    """The lines of a test run that say what broke, in one line."""
    lines = [m.group(0).strip() for m in _FAIL_LINE.finditer(output)]
    picked = [ln for ln in lines if ln.startswith(("FAILED", "ERROR"))] or lines[-3:]
    if not picked:
        picked = [ln.strip() for ln in output.strip().splitlines()[-2:] if ln.strip()]
    head = reason or f"exit {code}"
    text = f"{head}: {'; '.join(dict.fromkeys(picked))}" if picked else head
    return text if len(text) <= 400 else text[:397] + "..."
