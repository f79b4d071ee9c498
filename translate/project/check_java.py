"""``translate repo --check`` for Java targets: compile the project with javac and run its JUnit 5 tests, sandboxed.

CI has no Maven repository, so no JUnit jar: ``templates/junit_shim`` is a minimal JUnit 5 API under the same
names (``org.junit.jupiter.api``, ``org.opentest4j``) plus ``translate_check.TranslateTestRunner``. The project's
``.java`` files and the shim (in its own folder) are copied into a fresh scratch directory, never into DST, and
compiled by one ``javac`` run; javac's ``File.java:12: error:`` lines are the build errors. The test classes of
each test file (tree-sitter: top-level classes with an ``@Test`` method) then run in one JVM, which prints one
``TRANSLATE-TEST {json}`` line per test. A failure's frames are rewritten to project paths in the form
translate.project.blame reads: ``Store.sell (shop/Store.java:16:0)`` (no column: 0).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path, PurePosixPath

from translate.oracle.java_stubs import JavacError, stub_errors
from translate.project.build import TEMPLATES
from translate.project.check import LIMITS, REPORT_CHARS, CheckResult, TestCase, TestFile
from translate.sandbox import RunResult, find_tool, javac, missing_tool, program_dir, run_command
from translate.sandbox.runner import JAVAC_VERBOSE, JVM_FLAGS
from translate.source.languages import get_language

TOOL = "javac + JUnit 5 shim"
SHIM = TEMPLATES / "junit_shim"
SHIM_DIR = ".translate-junit-shim"  # the shim's folder in the scratch copy
RUNNER = "translate_check.TranslateTestRunner"
PREFIX, DONE = "TRANSLATE-TEST ", "TRANSLATE-TEST-DONE"
JAVA_LIMITS = replace(LIMITS, memory_mb=3 * 1024, processes=128)  # the JVM's policy (translate.sandbox.runner)
TEST_TIMEOUT_S = 20  # one test method; the runner reports it failed and goes on
MAX_BUILD_ERRORS = 50
_JAVAC = re.compile(r"^(?P<file>[^\s:][^:]*\.java):(?P<line>\d+): error: (?P<msg>.*)$")
# javac's ``cannot find symbol`` line: what kind of symbol, and its name (translate.project.repair, java_compile)
MISSING_SYMBOL = re.compile(r"cannot find symbol \(symbol:\s+(class|variable|method)\s+(\w+)")
# the lines under an error that say what it is (``-Xdiags:verbose``: a call's required and found argument types)
_DETAIL = ("symbol:", "location:", "required:", "found:", "reason:", "equality constraints:", "lower bounds:")
_FRAME = re.compile(r"^(?P<cls>[\w$.]+)\.(?P<fn>[^.()\s]+)\((?P<file>[^():]*)(?::(?P<line>\d+))?\)$")
_BLAME_FRAME = re.compile(r"^(?P<fn>\S+) \((?P<file>[^()\s]+):(?P<line>\d+):0\)$")


def parse_javac(output: str) -> list[JavacError]:
    """(file, line, message) of each ``error`` javac printed; the ``symbol:``/``location:``/``required:``/``found:``
    lines under one are added to its message in parentheses."""
    errors: list[JavacError] = []
    lines = output.splitlines()
    for i, line in enumerate(lines):
        m = _JAVAC.match(line)
        if m is None:
            continue
        extra = []
        for nxt in lines[i + 1:i + 12]:
            if _JAVAC.match(nxt) or re.match(r"^\d+ errors?$", nxt.strip()):
                break
            if nxt.strip().startswith(_DETAIL):
                extra.append(" ".join(nxt.split()))
        msg = m.group("msg").strip() + (f" ({'; '.join(extra)})" if extra else "")
        errors.append((m.group("file"), int(m.group("line")), msg))
    return errors


def test_classes(source: bytes) -> list[str]:
    """Fully-qualified names of the top-level, non-abstract classes of a Java file that have an ``@Test`` method."""
    root = get_language("java").parse(source).root_node

    def text(node) -> str:
        return source[node.start_byte:node.end_byte].decode("utf-8", "replace")

    package = ""
    out: list[str] = []
    for node in root.named_children:
        if node.type == "package_declaration":
            name = next((c for c in node.named_children if c.type in ("identifier", "scoped_identifier")), None)
            package = "".join(text(name).split()) if name is not None else ""
        if node.type != "class_declaration":
            continue
        mods = next((c for c in node.children if c.type == "modifiers"), None)
        name, body = node.child_by_field_name("name"), node.child_by_field_name("body")
        if name is None or body is None or (mods is not None and any(c.type == "abstract" for c in mods.children)):
            continue
        for method in (c for c in body.named_children if c.type == "method_declaration"):
            mm = next((c for c in method.children if c.type == "modifiers"), None)
            notes = [c.child_by_field_name("name") for c in (mm.named_children if mm is not None else [])
                     if c.type in ("marker_annotation", "annotation")]
            if any(n is not None and text(n).split(".")[-1] == "Test" for n in notes):
                out.append(f"{package}.{text(name)}" if package else text(name))
                break
    return out


def parse_report(stdout: str) -> tuple[list[dict], bool]:
    """The runner's result objects in order, and whether it printed its last line (it finished)."""
    items: list[dict] = []
    for line in stdout.splitlines():
        if not line.startswith(PREFIX):
            continue
        try:
            item = json.loads(line[len(PREFIX):])
        except ValueError:
            continue  # cut by the output tail
        if isinstance(item, dict) and isinstance(item.get("class"), str):
            items.append({k: _clean(v) for k, v in item.items()})
    return items, any(line.strip() == DONE for line in stdout.splitlines())


def _clean(value: object) -> object:
    """A string without lone surrogates (a Java string may hold them; the report is written as UTF-8)."""
    return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace") if isinstance(value, str) else value


def _source_path(cls: str, file: str, project: list[str]) -> str | None:
    """The project file a frame's class and file name are in: ``<package path>/<file>`` when one project path
    ends so, else the only project file with that name."""
    package = cls.rpartition(".")[0]
    want = f"{package.replace('.', '/')}/{file}" if package else file
    hits = [p for p in project if p == want or p.endswith("/" + want)]
    if len(hits) != 1:
        hits = [p for p in project if p.rsplit("/", 1)[-1] == file]
    return hits[0] if len(hits) == 1 else None


def rewrite_stack(stack: str, project: list[str]) -> str:
    """The runner's ``shop.Store.sell(Store.java:16)`` frames as ``Store.sell (shop/Store.java:16:0)``: the class's
    simple name (a nested class's ``$`` as ``.``) and the project path, as blame's frame pattern reads them."""
    out = []
    for raw in stack.splitlines():
        m = _FRAME.match(raw.strip())
        if m is None:
            continue
        cls, line = m.group("cls"), m.group("line")
        fn = f"{cls.rpartition('.')[2].replace('$', '.')}.{m.group('fn')}"
        path = _source_path(cls, m.group("file"), project) or m.group("file")
        out.append(f"{fn} ({path}:{line}:0)" if line else f"{fn} ({path})")
    return "\n".join(out)


def _case(item: dict, project: list[str]) -> TestCase:
    name = f"{item['class'].rpartition('.')[2]}.{item.get('test')}"
    if item.get("ok") is True:
        return TestCase(name, True)
    details = {k: str(item[k]) for k in ("error", "name", "expected", "actual") if item.get(k) is not None}
    if isinstance(item.get("message"), str):
        details["error"] = item["message"]
    details["stack"] = rewrite_stack(str(item.get("stack") or ""), project)
    return TestCase(name, False, str(item.get("error") or "failed")[:300], details)


def _first_at(stack: str, project: list[str]) -> tuple[str, int] | None:
    """The innermost frame of a rewritten stack that is in a project file."""
    for line in stack.splitlines():
        m = _BLAME_FRAME.match(line)
        if m is not None and m.group("file") in project:
            return m.group("file"), int(m.group("line"))
    return None


def _copy(root: Path, rels: list[str], work: Path) -> list[str]:
    """Copy the ``.java`` files of ``rels`` that exist and resolve inside ``root`` (a symlink out is left out);
    ``module-info.java`` too (the project compiles in the unnamed module, beside the shim)."""
    copied = []
    for rel in dict.fromkeys(rels):
        pure = PurePosixPath(rel)
        if pure.suffix != ".java" or pure.is_absolute() or ".." in pure.parts or pure.name == "module-info.java":
            continue
        try:
            real = (root / rel).resolve(strict=True)
        except (OSError, RuntimeError):
            continue
        if not real.is_relative_to(root) or not real.is_file():
            continue
        (work / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(real, work / rel)
        copied.append(rel)
    return copied


def _argfile(paths: list[str]) -> str:
    return "\n".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths) + "\n"


def _compile(work: Path, project: list[str], result: CheckResult) -> list[JavacError]:
    """One javac run over the project and the shim; the build errors in project files (others only when there
    are none in project files)."""
    shutil.copytree(SHIM, work / SHIM_DIR, dirs_exist_ok=True)
    shim = sorted(p.relative_to(work).as_posix() for p in (work / SHIM_DIR).rglob("*.java"))
    (work / "sources.txt").write_text(_argfile([*project, *shim]), encoding="utf-8")
    run = javac(work, ["-d", "classes", "-encoding", "UTF-8", "-nowarn", JAVAC_VERBOSE, "-Xmaxerrs", "200", "@sources.txt"],
                JAVA_LIMITS, output_chars=200_000)
    errors = parse_javac(run.stdout + "\n" + run.stderr)
    ours = [e for e in errors if e[0] in project] or [("", e[1], f"{e[0]}: {e[2]}") for e in errors]
    result.builds = run.passed
    result.build_errors = [{"file": f, "error": f"line {n}: {msg}"} for f, n, msg in ours[:MAX_BUILD_ERRORS]]
    if not run.passed and not result.build_errors:
        tail = run.stderr.strip() or run.stdout.strip()
        result.build_errors.append({"file": "", "error": run.reason or tail[-300:] or "javac failed"})
    return ours


MAX_SET_ASIDE_ROUNDS = 3


def _set_aside(work: Path, project: list[str], errors: list[JavacError]) -> list[str] | None:
    """Compile the scratch copy with the methods that hold errors throwing them (translate.oracle.java_stubs),
    until it compiles (a few rounds: javac reports some errors only once others are gone); the methods set
    aside, or None when it still does not compile."""
    names: list[str] = []
    for _ in range(MAX_SET_ASIDE_ROUNDS):
        texts = {rel: (work / rel).read_text(encoding="utf-8") for rel in dict.fromkeys(e[0] for e in errors)
                 if rel in project}
        done = stub_errors(texts, errors)
        if done is None:
            return None
        for rel, text in done[0].items():
            (work / rel).write_text(text, encoding="utf-8")
        names += [n for n in done[1] if n not in names]
        again = CheckResult(TOOL)
        errors = _compile(work, project, again)
        if again.builds:
            return names
    return None


def _not_built(rel: str, errors: list[JavacError], modules: set[str], result: CheckResult) -> TestFile:
    """A test file of a project that does not compile: the first error in it, else in a module, else the first."""
    mine = next((e for e in errors if e[0] == rel), None) or next((e for e in errors if e[0] in modules), None)
    first = mine or (errors[0] if errors else None)
    what = f"{first[0]}:{first[1]}: {first[2]}" if first and first[0] else (
        first[2] if first else result.build_errors[0]["error"] if result.build_errors else "javac failed")
    return TestFile(rel, error=f"the project does not compile: {what}",
                    error_at=(mine[0], mine[1]) if mine else None)


def _stopped(run: RunResult) -> str:
    """Why the runner ended before it reported a file's tests."""
    if run.reason:
        return f"the test run stopped: {run.reason}"
    lines = [ln.strip() for ln in (run.stderr or "").splitlines() if ln.strip()]
    cause = next((ln for ln in lines if re.match(r"^(Exception in thread|Error:|Caused by:)", ln)), None)
    return f"the test run stopped (exit code {run.exit_code})" + (f": {cause[:300]}" if cause else "")


def check_java(dst: Path, modules: list[str], tests: list[str], support: list[str]) -> CheckResult:
    """Compile the ``.java`` files of ``modules``, ``tests`` and ``support`` (paths relative to ``dst``) with the
    JUnit shim and run the test classes of each file of ``tests``."""
    result = CheckResult(TOOL)
    missing = missing_tool("java")
    java = find_tool("java")
    if missing or find_tool("javac") is None or java is None:
        result.skipped = missing or "no javac"
        return result
    work = Path(os.path.realpath(tempfile.mkdtemp(prefix="translate-check-", dir=program_dir("java"))))
    try:
        jvm = [*JVM_FLAGS, f"-Djava.io.tmpdir={work}"]
        project = _copy(dst.resolve(), [*modules, *tests, *support], work)
        errors = _compile(work, project, result)
        if not result.builds:
            aside = _set_aside(work, project, errors)
            if aside is None:
                result.files = [_not_built(rel, errors, set(modules), result) for rel in tests]
                return result
            result.set_aside = aside
        classes = {rel: test_classes((work / rel).read_bytes()) if rel in project else [] for rel in tests}
        fqns = list(dict.fromkeys(c for rel in tests for c in classes[rel]))
        items: list[dict] = []
        finished, run = True, None
        if fqns:
            limits = replace(JAVA_LIMITS, timeout=min(600.0, LIMITS.timeout + 30.0 * len(fqns)))
            run = run_command([java, *jvm, "-ea", f"-Dtranslate.testTimeoutMs={TEST_TIMEOUT_S * 1000}", "-cp",
                               "classes", RUNNER, *fqns], work, limits, scratch_mb=LIMITS.disk_mb,
                              output_chars=REPORT_CHARS)
            items, finished = parse_report(run.stdout)
        for rel in tests:
            tf = TestFile(rel)
            if rel not in project:
                tf.error = "not a Java file inside the project"
            elif not classes[rel]:
                tf.error = "no JUnit test found"
            for item in (i for i in items if i["class"] in classes[rel]):
                if item.get("test") is None:  # the class did not load or could not be made
                    case = _case(item, project)
                    tf.error = tf.error or case.error
                    tf.error_at = tf.error_at or _first_at(case.details.get("stack", ""), project)
                else:
                    tf.tests.append(_case(item, project))
            if not tf.tests and tf.error is None:
                tf.error = _stopped(run) if run is not None and not finished else "no test ran (all disabled or skipped)"
            result.files.append(tf)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result
