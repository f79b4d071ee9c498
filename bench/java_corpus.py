"""A corpus of real multi-file Java projects with JUnit tests, for benchmarking `translate repo` Java -> Python.

The projects are public repositories pinned by commit (and by a sha256 of the files kept), with permissive
licences, no runtime dependencies beyond an annotation jar, 200-2,000 lines of main + test code. Nothing is
copied into this repository, and this script downloads nothing: ``fetch`` reads each project from a local git
clone or mirror of its repository (``--mirrors DIR`` holds ``OWNER+NAME`` or ``OWNER+NAME/repo`` git
directories; clone each repository there at its pinned commit), extracts the kept paths safely, checks their
sha256, and runs the project's own JUnit tests once with the JUnit jars of a local Maven repository (``--m2``,
default ``~/.m2/repository``; without them the source counts are left empty)::

    python bench/java_corpus.py fetch --mirrors DIR [--dir DIR] [--projects a,b] [--force]
    python bench/java_corpus.py run --out OUTDIR [--dir DIR] [--model M] [--projects a,b] [--no-check-run] ...

``run`` is ``repo_corpus.py run`` over these projects with ``--to python`` (the same table and JSON rows).
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

_spec = importlib.util.spec_from_file_location("repo_corpus", Path(__file__).resolve().parent / "repo_corpus.py")
assert _spec and _spec.loader
rc = sys.modules.get("repo_corpus") or importlib.util.module_from_spec(_spec)
if "repo_corpus" not in sys.modules:
    sys.modules["repo_corpus"] = rc
    _spec.loader.exec_module(rc)


@dataclass(frozen=True)
class JavaProject:
    name: str  # directory name under DIR
    repo: str  # owner/name
    version: str  # the pinned commit (named ``version`` so repo_corpus's marker check reads it)
    sha256: str  # of the kept files (see tree_sha256)
    licence: str
    keep: tuple[str, ...]  # paths in the repository: sources, tests, licence
    lines: int  # lines of Java kept
    source_passed: int  # the project's JUnit tests run by ``fetch`` (JDK 17)
    junit: int = 4  # 4 (JUnitCore) or 5 (the JUnit Platform launcher)
    jars: tuple[str, ...] = ()  # group:artifact:version the sources need to compile
    language: str = "java"  # what the table's direction says when a run leaves no report


_SIM = "src/main/java/info/debatty/java/stringsimilarity/"
_SIM_TEST = "src/test/java/info/debatty/java/stringsimilarity/"
# Checked by hand: each kept tree compiles with its jars and passes its own tests. java-string-similarity keeps
# the edit-distance half of the library (its interfaces, 8 classes and their tests) to stay under 2,000 lines.
JAVA_CORPUS: tuple[JavaProject, ...] = (
    JavaProject("hashids", "yomorun/hashids-java", "039da8c2af0d3ad485b3fa57afdde56248f641f3",
                "2d53539c3a9f564f76c199b80da5dfed4fa1b1f6a21c44649822b37470407dd2", "MIT",
                ("src/main/java", "src/test/java", "LICENSE"), 589, 17, 4),
    JavaProject("sqids", "sqids/sqids-java", "106730b1a43cbca71edb9153e10b1388056c9826",
                "0c0c04c519742430f02bc62643ca61b1cf84d09dae2303e2488a434a555cce47", "MIT",
                ("src/main/java", "src/test/java", "LICENSE"), 1302, 28, 5),
    JavaProject("stringsim", "tdebatty/java-string-similarity", "93240df9aab3ecea98b869c9536aa7ebc555b281",
                "7d41601ae97a188eca9f17e6a7ddf2e39921d78c6e5f823e904c5d2ebfdc9bcf", "MIT",
                (_SIM + "interfaces", *(_SIM + c + ".java" for c in (
                    "Levenshtein", "NormalizedLevenshtein", "Damerau", "OptimalStringAlignment", "JaroWinkler",
                    "LongestCommonSubsequence", "MetricLCS", "NGram")),
                 _SIM_TEST + "testutil", *(_SIM_TEST + c + "Test.java" for c in (
                     "Levenshtein", "NormalizedLevenshtein", "Damerau", "OptimalStringAlignment", "JaroWinkler",
                     "LongestCommonSubsequence", "MetricLCS", "NGram")), "LICENSE.md"),
                1577, 10, 4, ("net.jcip:jcip-annotations:1.0",)),
)
_JUNIT4 = ("junit:junit:4.13.2", "org.hamcrest:hamcrest-core:1.3")
_JUNIT5 = ("org.junit.jupiter:junit-jupiter-api:5.11.4", "org.junit.jupiter:junit-jupiter-engine:5.11.4",
           "org.junit.platform:junit-platform-engine:1.11.4", "org.junit.platform:junit-platform-commons:1.11.4",
           "org.junit.platform:junit-platform-launcher:1.11.4", "org.opentest4j:opentest4j:1.3.0",
           "org.apiguardian:apiguardian-api:1.1.2")
_LAUNCHER = """
import org.junit.platform.launcher.core.*;
import org.junit.platform.launcher.listeners.*;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
public class CorpusLauncher {
    public static void main(String[] args) {
        LauncherDiscoveryRequestBuilder b = LauncherDiscoveryRequestBuilder.request();
        for (String c : args) b.selectors(selectClass(c));
        SummaryGeneratingListener l = new SummaryGeneratingListener();
        LauncherFactory.create().execute(b.build(), l);
        TestExecutionSummary s = l.getSummary();
        System.out.println(s.getTestsSucceededCount() + " passed, " + s.getTestsFailedCount() + " failed, "
            + (s.getTestsSkippedCount() + s.getTestsAbortedCount()) + " skipped");
    }
}
"""


def tree_sha256(tree: Path) -> str:
    """sha256 over the kept files: each relative path, a NUL, its bytes, a NUL, in path order."""
    h = hashlib.sha256()
    for f in sorted(p for p in tree.rglob("*") if p.is_file() and not p.name.startswith(".")):
        h.update(f.relative_to(tree).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def java_lines(tree: Path) -> int:
    return sum(len(f.read_text(encoding="utf-8", errors="replace").splitlines()) for f in sorted(tree.rglob("*.java")))


def git_dir(p: JavaProject, mirrors: Path) -> Path:
    base = mirrors / p.repo.replace("/", "+")
    for cand in (base / "repo", base, base / ".git"):
        if cand.is_dir() and subprocess.run(["git", "--git-dir", str(cand), "cat-file", "-e", f"{p.version}^{{commit}}"],
                                            capture_output=True).returncode == 0:
            return cand
    raise rc.CorpusError(f"{p.name}: no git directory with commit {p.version} under {base} "
                         f"(clone {p.repo} there)")


def jar(m2: Path, coord: str) -> Path:
    group, artifact, version = coord.split(":")
    return m2.joinpath(*group.split("."), artifact, version, f"{artifact}-{version}.jar")


def run_source_tests(p: JavaProject, tree: Path, m2: Path) -> dict:
    """Compile the kept sources and tests with javac and run the tests with JUnit (4: JUnitCore, 5: the launcher)."""
    jars = [jar(m2, c) for c in (*p.jars, *(_JUNIT4 if p.junit == 4 else _JUNIT5))]
    missing = [str(j) for j in jars if not j.is_file()]
    if missing or not shutil.which("javac"):
        return {"passed": None, "failed": None, "skipped": None, "why": f"missing: {', '.join(missing) or 'javac'}"}
    tests = sorted(f for f in (tree / "src/test/java").rglob("*.java") if "@Test" in f.read_text(encoding="utf-8"))
    classes = [".".join(f.relative_to(tree / "src/test/java").with_suffix("").parts) for f in tests]
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        out, cp = Path(tmp) / "classes", [str(j) for j in jars]
        sources = [str(f) for f in sorted(tree.rglob("*.java"))]
        if p.junit == 5:
            (Path(tmp) / "CorpusLauncher.java").write_text(_LAUNCHER, encoding="utf-8")
            sources.append(str(Path(tmp) / "CorpusLauncher.java"))
        c = subprocess.run(["javac", "-nowarn", "-encoding", "UTF-8", "-d", str(out), "-cp", ":".join(cp), *sources],
                           capture_output=True, text=True)
        if c.returncode:
            raise rc.CorpusError(f"{p.name}: the source does not compile: {c.stderr.strip()[:400]}")
        main = "org.junit.runner.JUnitCore" if p.junit == 4 else "CorpusLauncher"
        r = subprocess.run(["java", "-cp", ":".join([str(out), *cp]), main, *classes],
                           capture_output=True, text=True, timeout=600, cwd=tree)
    text = r.stdout
    if p.junit == 4:
        ok = re.search(r"^OK \((\d+) tests?\)", text, re.M)
        bad = re.search(r"^Tests run: (\d+),\s+Failures: (\d+)", text, re.M)
        run, failed = (int(ok.group(1)), 0) if ok else (int(bad.group(1)), int(bad.group(2))) if bad else (0, 0)
        counts = {"passed": run - failed, "failed": failed, "skipped": 0}
    else:
        m = re.search(r"^(\d+) passed, (\d+) failed, (\d+) skipped", text, re.M)
        counts = dict(zip(("passed", "failed", "skipped"), map(int, m.groups()))) if m else \
            {"passed": 0, "failed": 0, "skipped": 0}
    return {**counts, "returncode": r.returncode, "seconds": round(time.monotonic() - t0, 2), "junit": p.junit}


def fetch_one(p: JavaProject, root: Path, mirrors: Path, m2: Path, force: bool = False) -> dict:
    tree = root / p.name
    if not force and rc.is_fetched(p, tree):
        return json.loads((tree / rc.SOURCE_TESTS).read_text(encoding="utf-8"))
    gd = git_dir(p, mirrors)
    with tempfile.TemporaryDirectory(dir=root, prefix=".extract-") as tmp:
        archive, staged = Path(tmp) / "kept.tar", Path(tmp) / ".staged"
        with open(archive, "wb") as f:
            r = subprocess.run(["git", "--git-dir", str(gd), "archive", "--format=tar", p.version, "--", *p.keep],
                               stdout=f, stderr=subprocess.PIPE, text=True)
        if r.returncode:
            raise rc.CorpusError(f"{p.name}: git archive failed: {r.stderr.strip()}")
        staged.mkdir()
        rc.safe_extract(archive, staged)
        got = tree_sha256(staged)
        if p.sha256 and got != p.sha256:
            raise rc.CorpusError(f"{p.name}: sha256 {got} of the kept files does not match the pinned {p.sha256}")
        if tree.exists():
            shutil.rmtree(tree)
        staged.rename(tree)
    result = {**run_source_tests(p, tree, m2), "lines": java_lines(tree), "sha256": got}
    return rc.write_markers(tree, result, {"name": p.name, "version": p.version, "sha256": p.sha256 or got,
                                           "repo": p.repo, "licence": p.licence})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("fetch", help="extract each project from a local clone, check it, run its JUnit tests")
    r = sub.add_parser("run", help="migrate each project to Python with translate repo and tabulate the reports")
    for s in (f, r):
        s.add_argument("--dir", type=Path, default=None, help=f"corpus directory (default: {rc.default_dir()})")
        s.add_argument("--projects", help="comma-separated names (default: all)")
    f.add_argument("--mirrors", type=Path, required=True, help="folder of OWNER+NAME git clones")
    f.add_argument("--m2", type=Path, default=Path.home() / ".m2" / "repository", help="Maven repository for JUnit")
    f.add_argument("--force", action="store_true")
    rc.add_run_options(r)
    args = ap.parse_args(argv)
    try:
        root = rc.outside_repo(args.dir or rc.default_dir())
        projects = rc.selected(args.projects, JAVA_CORPUS)
        if args.cmd == "fetch":
            root.mkdir(parents=True, exist_ok=True)
            print("| project | repository | commit | licence | lines | source tests passed | failed | kept sha256 |")
            print("|---|---|---|---|---:|---:|---:|---|")
            for p in projects:
                res = fetch_one(p, root, args.mirrors.expanduser().resolve(), args.m2, args.force)
                print(f"| {p.name} | {p.repo} | {p.version[:10]} | {p.licence} | {res.get('lines')} | "
                      f"{res.get('passed')} | {res.get('failed')} | {res.get('sha256', '')[:16]} |", flush=True)
            return 0
        args.to = "python"
        return rc.run_all(projects, root, args)
    except rc.CorpusError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
