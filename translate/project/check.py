"""``translate repo --check``: build the migrated project and run its migrated tests, in the sandbox.

JavaScript: every module is imported once (syntax and link errors: a file that does not parse, an import of a
name nothing exports) and each test file runs under ``node --test`` with the TAP reporter, whose ``ok`` /
``not ok`` lines give each test's result and the YAML block under a failure its first error line. The project
is copied into a fresh scratch directory (the sandbox sees only that copy), so nothing written to DST changes.
"""
from __future__ import annotations

import json
import re
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from translate.sandbox import Limits, find_tool, missing_tool, run_command

PASSED, FAILED = "passed", "failed"
LIMITS = Limits(timeout=120, memory_mb=2048, processes=64, disk_mb=256)
REPORT_CHARS = 8_000_000  # a test file's whole TAP report (the sandbox keeps only the end of longer output)


@dataclass
class TestCase:
    name: str
    passed: bool
    error: str | None = None  # the first line of its error
    # a failure's TAP YAML fields: ``error`` (whole message), ``name`` (the error class), ``expected``, ``actual``,
    # ``operator``, ``stack`` (frames, one a line, paths relative to the project)
    details: dict[str, str] = field(default_factory=dict)


@dataclass
class TestFile:
    path: str  # relative to DST
    tests: list[TestCase] = field(default_factory=list)
    error: str | None = None  # the file itself failed (did not load, timed out) with no test result for it
    error_at: tuple[str, int] | None = None  # where a file that did not load failed: (project file, line)

    @property
    def passed(self) -> int:
        return sum(t.passed for t in self.tests)

    @property
    def failed(self) -> int:
        return sum(not t.passed for t in self.tests)

    @property
    def ok(self) -> bool:
        return self.error is None and not self.failed and bool(self.tests)


@dataclass
class CheckResult:
    tool: str
    builds: bool | None = None  # None: not checked (skipped)
    build_errors: list[dict] = field(default_factory=list)  # {"file", "error"}
    files: list[TestFile] = field(default_factory=list)
    skipped: str | None = None  # why nothing ran
    # Java: the methods whose compile errors were set aside so the rest could run (translate.oracle.java_stubs)
    set_aside: list[str] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(f.passed for f in self.files)

    @property
    def failed(self) -> int:
        return sum(f.failed for f in self.files)

    def to_dict(self) -> dict:
        d = asdict(self)
        for f, fd in zip(self.files, d["files"]):
            fd.update(passed=f.passed, failed=f.failed)
        d.update(passed=self.passed, failed=self.failed,
                 files_passing=sum(f.ok for f in self.files), all_passed=bool(self.files) and all(f.ok for f in self.files))
        return d


_RESULT = re.compile(r"^(not ok|ok) \d+ - (.*?)(?:\s+#\s*(SKIP|TODO)\b.*)?$")
_ERROR_KEYS = ("error:", "message:")


def _first_error(block: list[str]) -> str | None:
    """The first line of the ``error:`` entry of a TAP YAML block (quoted, or a ``|-`` literal)."""
    for i, line in enumerate(block):
        s = line.strip()
        if s.startswith(_ERROR_KEYS):
            value = s.split(":", 1)[1].strip()
            if value in ("|-", "|", ">-", ">"):
                rest = [ln.strip() for ln in block[i + 1:] if ln.strip()]
                return rest[0] if rest else None
            return value.strip("'\"") or None
    return None


_FIELDS = ("error", "name", "expected", "actual", "operator", "stack")
_SCRATCH = re.compile(r"(?:file://)?/\S*?/translate-check-[^/\s]+/")


def _fields(block: list[str]) -> dict[str, str]:
    """The wanted top-level fields of a TAP YAML block (indented two spaces), each as text; block scalars and
    nested values (a deep-equal's ``expected``) as their lines; the scratch directory cut from paths."""
    out: dict[str, str] = {}
    key = None
    for line in block:
        m = re.match(r"^  ([A-Za-z_]+):(?: (.*))?$", line)
        if m is not None:
            key = m.group(1) if m.group(1) in _FIELDS else None
            if key is not None:
                value = (m.group(2) or "").strip()
                out[key] = "" if value in ("|-", "|", ">-", ">") else value.strip("'\"")
        elif key is not None and line.startswith("    "):
            out[key] = (out[key] + "\n" + line[4:]).strip("\n")
    if "stack" in out:
        out["stack"] = _SCRATCH.sub("", out["stack"])
    return out


def parse_tap(output: str) -> list[TestCase]:
    """Top-level test results of ``node --test --test-reporter=tap`` (subtests of a test are its own business)."""
    cases: list[TestCase] = []
    lines = output.splitlines()
    for i, line in enumerate(lines):
        m = _RESULT.match(line)
        if m is None:
            continue
        block: list[str] = []
        for nxt in lines[i + 1:]:
            if _RESULT.match(nxt) or (nxt and not nxt.startswith(" ")):
                break
            block.append(nxt)
        passed = m.group(1) == "ok"
        cases.append(TestCase(m.group(2), passed, None if passed else _first_error(block),
                              {} if passed else _fields(block)))
    return cases


_LOAD_AT = re.compile(r"^#\s*(?:file://)?(?P<file>/\S+?):(?P<line>\d+)\s*$")


def _error_at(output: str, files: list[str]) -> tuple[str, int] | None:
    """The project file and line a test file died at when it loaded: node's first ``# file:///...:LINE`` line (a
    syntax error or an exception thrown by top-level code, in the test file or a module it imports)."""
    for line in output.splitlines():
        m = _LOAD_AT.match(line.strip())
        if m is None:
            continue
        path = m.group("file")  # as the sandbox saw it: the project files end it
        hit = next((f for f in sorted(files, key=len, reverse=True) if path.endswith("/" + f)), None)
        return (hit, int(m.group("line"))) if hit is not None else None
    return None


def _comment_error(output: str) -> str | None:
    """The error a test file died of, from the ``#`` lines node prints before its result."""
    for line in output.splitlines():
        s = line.lstrip("# ").strip()
        if re.match(r"^[A-Z]\w*(Error|Exception)\b", s) or s.startswith("Error ["):
            return s
    return None


_BUILD_JS = """
const files = %s;
let bad = 0;
for (const f of files) {
  try { await import("./" + f); }
  catch (e) { bad++; console.log("BUILD-ERROR " + JSON.stringify([f, String(e).split("\\n")[0]])); }
}
process.exitCode = bad ? 1 : 0;
"""


def check_javascript(dst: Path, modules: list[str], tests: list[str], extra: list[str]) -> CheckResult:
    """Import every module of ``modules`` and run each file of ``tests`` (paths relative to ``dst``)."""
    result = CheckResult("node --test")
    missing = missing_tool("javascript")
    if missing:
        result.skipped = missing
        return result
    node = find_tool("node") or "node"
    work = Path(tempfile.mkdtemp(prefix="translate-check-"))
    try:
        for rel in [*modules, *tests, *extra]:
            src = dst / rel
            if src.is_file() and not src.is_symlink():
                (work / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, work / rel)
        if modules:
            run = run_command([node, "--input-type=module", "-e", _BUILD_JS % json.dumps(modules)], work, LIMITS,
                              phase="compile", scratch_mb=LIMITS.disk_mb)
            for line in run.stdout.splitlines():
                if line.startswith("BUILD-ERROR "):
                    f, err = json.loads(line[len("BUILD-ERROR "):])
                    result.build_errors.append({"file": f, "error": err})
            result.builds = run.passed and not result.build_errors
            if not run.passed and not result.build_errors:
                result.build_errors.append({"file": "", "error": run.reason or _comment_error(run.stderr)
                                            or run.stderr.strip()[-300:]})
        else:
            result.builds = True
        for rel in tests:
            run = run_command([node, "--test", "--test-reporter=tap", rel], work, LIMITS, scratch_mb=LIMITS.disk_mb,
                              output_chars=REPORT_CHARS)
            tf = TestFile(rel)
            cases = parse_tap(run.stdout)
            # a file that did not load shows as one result named by its path
            loaded = [c for c in cases if not c.name.endswith(rel)]
            if len(loaded) != len(cases) or (not cases and not run.passed):
                tf.error = _comment_error(run.stdout + "\n" + run.stderr) or run.reason or "the test file did not run"
                tf.error_at = _error_at(run.stdout + "\n" + run.stderr, [*modules, *tests])
            tf.tests = loaded
            if run.status == "timeout":
                tf.error = run.reason
            result.files.append(tf)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result

