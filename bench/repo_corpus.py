"""A corpus of real multi-file Python projects with their own tests, for benchmarking `translate repo`.

The projects are pinned sdists from PyPI (name, version, sha256, licence; pure Python, no runtime dependencies,
permissive licences, 200-2,000 lines of package + tests). Nothing is copied into this repository: ``fetch``
downloads them into a cache directory (default ``$TRANSLATE_HOME/corpus`` or ``~/.cache/translate/corpus``),
checks each sha256, extracts safely, keeps the package, tests and licences under DIR/NAME and runs the source
tests once (DIR/NAME/.source-tests.json); ``bench/java_corpus.py`` does the same for Java projects::

    python bench/repo_corpus.py fetch [--dir DIR] [--projects a,b] [--force]
    python bench/repo_corpus.py run --to javascript --out OUTDIR [--dir DIR] [--model M] [--projects a,b]
        [--check-rounds N] [--no-check-run] [--resume] [--json FILE] [--rescue K]

``run`` migrates each project with ``translate repo`` twice: with ``--check`` (build, run the migrated tests,
repair rounds) and with ``--no-check`` (the migrated tests then run once afterwards, outside the timed run, so
both rows say how many pass), and prints one markdown table from the runs' ``translate-report.json``.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
INDEX = "https://pypi.org/simple"
SOURCE_TESTS = ".source-tests.json"
MARKER = ".corpus.json"


@dataclass(frozen=True)
class Project:
    name: str  # directory name under DIR
    version: str
    sdist: str  # file name on PyPI
    sha256: str
    licence: str
    keep: tuple[str, ...]  # paths inside the sdist's top folder: package, tests, licence files
    lines: int  # lines of Python kept (package + tests)
    source_passed: int  # `python -m pytest -q` on the kept tree, Python 3.11, pytest 9
    source_skipped: int = 0


# Checked by hand: each sdist carries its tests, has no runtime dependency, and its kept tree passes its
# tests with pytest alone (skips: colorama's Windows-only tests, MarkupSafe's C speedups, not built).
CORPUS: tuple[Project, ...] = (
    Project("inflection", "0.5.1", "inflection-0.5.1.tar.gz",
            "1a29730d366e996aaacffb2f1f1cb9593dc38e2ddd30c91250c6dde09ea9b417", "MIT",
            ("inflection", "test_inflection.py", "LICENSE"), 857, 455),
    Project("termcolor", "2.4.0", "termcolor-2.4.0.tar.gz",
            "aab9e56047c8ac41ed798fa36d892a37aca6b3e9159f3e0c24bc64a9b3ac7b7a", "MIT",
            ("src", "tests", "COPYING.txt"), 609, 65),
    Project("colorama", "0.4.6", "colorama-0.4.6.tar.gz",
            "08695f5cb7ed6e0531a20572697297273c47b8cae5a63ffc6d6ed5c201be6e44", "BSD-3-Clause",
            ("colorama", "LICENSE.txt"), 1679, 38, 14),
    Project("uritemplate", "4.1.1", "uritemplate-4.1.1.tar.gz",
            "4346edfc5c3b79f694bccd6d6099a322bbeb628dbf2cd86eea55a456ce5124f0", "BSD-3-Clause OR Apache-2.0",
            ("uritemplate", "tests", "LICENSE", "LICENSE.APACHE", "LICENSE.BSD"), 1606, 61),
    Project("markupsafe", "2.1.5", "MarkupSafe-2.1.5.tar.gz",
            "d283d37a890ba4c1ae73ffadf8046435c76e7bc2247bbb63c00bd1a709c6544b", "BSD-3-Clause",
            ("src", "tests", "LICENSE.rst"), 708, 36, 17),
    Project("addict", "2.4.0", "addict-2.4.0.tar.gz",
            "b3b2210e0e067a281f5646c8c5db92e99b7231ea8b0eb5f74dbdf9e259d4e494", "MIT",
            ("addict", "test_addict.py", "LICENSE"), 761, 128),
    Project("xmltodict", "0.13.0", "xmltodict-0.13.0.tar.gz",
            "341595a488e3e01a85a9d8911d8912fd922ede5fecc4dce437eb4b6c8d037e56", "MIT",
            ("xmltodict.py", "tests", "LICENSE"), 1218, 58),
)
BY_NAME = {p.name: p for p in CORPUS}


class CorpusError(Exception):
    pass


def default_dir() -> Path:
    home = os.environ.get("TRANSLATE_HOME")
    return (Path(home) if home else Path.home() / ".cache" / "translate") / "corpus"


def sha256_file(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def verify_sha256(path: Path, expected: str) -> None:
    got = sha256_file(path)
    if got != expected:
        raise CorpusError(f"{path.name}: sha256 {got} does not match the pinned {expected}; refusing it")


def check_members(tar: tarfile.TarFile) -> None:
    """Refuse absolute names, ``..`` parts, links leaving the archive and device files."""
    for m in tar.getmembers():
        p = PurePosixPath(m.name)
        if p.is_absolute() or m.name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", m.name) or ".." in p.parts:
            raise CorpusError(f"unsafe path in archive: {m.name!r}")
        if m.issym() or m.islnk():
            target = PurePosixPath(m.linkname)
            base = p.parent if m.issym() else PurePosixPath()
            if target.is_absolute() or ".." in (base / target).parts:
                raise CorpusError(f"link leaving the archive: {m.name!r} -> {m.linkname!r}")
        if m.isdev():
            raise CorpusError(f"device file in archive: {m.name!r}")


def safe_extract(archive: Path, dest: Path) -> None:
    with tarfile.open(archive, "r:*") as tar:
        check_members(tar)
        tar.extractall(dest, filter="data")  # second line of defence


def download(p: Project, cache: Path, index: str = INDEX) -> Path:
    """The verified sdist of ``p`` in ``cache`` (downloaded from the index's JSON API when not there)."""
    path = cache / p.sdist
    if path.is_file() and sha256_file(path) == p.sha256:
        return path
    req = urllib.request.Request(f"{index.rstrip('/')}/{p.name}/",
                                 headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        files = json.load(r)["files"]
    hit = [f for f in files if f["filename"] == p.sdist]
    if not hit:
        raise CorpusError(f"{p.sdist}: not on {index}")
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    with urllib.request.urlopen(hit[0]["url"], timeout=120) as r, open(tmp, "wb") as out:
        shutil.copyfileobj(r, out)
    try:
        verify_sha256(tmp, p.sha256)
    except CorpusError:
        tmp.unlink()
        raise
    tmp.replace(path)
    return path


def python_lines(tree: Path) -> int:
    return sum(len(f.read_text(encoding="utf-8", errors="replace").splitlines())
               for f in sorted(tree.rglob("*.py")) if "__pycache__" not in f.parts)


_COUNT = re.compile(r"(\d+) (passed|failed|skipped|errors?|xfailed|xpassed)")


def pytest_counts(output: str) -> dict[str, int]:
    """Counts from pytest's summary line (the last line that has any)."""
    for line in reversed(output.strip().splitlines()):
        found = _COUNT.findall(line)
        if found:
            out: dict[str, int] = {}
            for n, what in found:
                key = "errors" if what.startswith("error") else what
                out[key] = out.get(key, 0) + int(n)
            return out
    return {}


def run_source_tests(tree: Path) -> dict:
    """Run the project's own tests with this interpreter's pytest (no config files, no bytecode written)."""
    paths = [str(tree / "src"), str(tree)] if (tree / "src").is_dir() else [str(tree)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "PYTHONDONTWRITEBYTECODE": "1"}
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", os.devnull, "--rootdir", str(tree)]
    t0 = time.monotonic()
    r = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True, timeout=600)
    c = pytest_counts(r.stdout)
    return {"passed": c.get("passed", 0), "failed": c.get("failed", 0) + c.get("errors", 0),
            "skipped": c.get("skipped", 0), "returncode": r.returncode, "seconds": round(time.monotonic() - t0, 2),
            "python": sys.version.split()[0]}


def is_fetched(p: Project, tree: Path) -> bool:
    try:
        mark = json.loads((tree / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return mark.get("sha256") == p.sha256 and mark.get("version") == p.version and (tree / SOURCE_TESTS).is_file()


def fetch_one(p: Project, root: Path, index: str = INDEX, force: bool = False) -> dict:
    tree = root / p.name
    if not force and is_fetched(p, tree):
        return json.loads((tree / SOURCE_TESTS).read_text(encoding="utf-8"))
    archive = download(p, root / ".sdist", index)
    verify_sha256(archive, p.sha256)
    with tempfile.TemporaryDirectory(dir=root, prefix=".extract-") as tmp:
        safe_extract(archive, Path(tmp))
        top = Path(tmp) / p.sdist[: -len(".tar.gz")]
        staged = Path(tmp) / ".staged"
        staged.mkdir()
        for rel in p.keep:
            src = top / rel
            if src.is_dir():
                shutil.copytree(src, staged / rel, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            elif src.is_file():
                shutil.copy2(src, staged / rel)
            else:
                raise CorpusError(f"{p.sdist}: {rel} is not in the archive")
        if tree.exists():
            shutil.rmtree(tree)
        staged.rename(tree)
    result = run_source_tests(tree)
    result["lines"] = python_lines(tree)
    return write_markers(tree, result, {"name": p.name, "version": p.version, "sha256": p.sha256,
                                        "licence": p.licence})


def write_markers(tree: Path, result: dict, marker: dict) -> dict:
    """Record the source tests' ``result`` and the pinned ``marker`` (what :func:`is_fetched` reads) in ``tree``."""
    (tree / SOURCE_TESTS).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (tree / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
    return result


def selected(names: str | None, corpus: tuple = CORPUS) -> list:
    """The projects of ``corpus`` named in the comma-separated ``names`` (all of them when None)."""
    by_name = {p.name: p for p in corpus}
    if not names:
        return list(corpus)
    unknown = [n for n in names.split(",") if n not in by_name]
    if unknown:
        raise CorpusError(f"unknown project(s): {', '.join(unknown)} (known: {', '.join(by_name)})")
    return [by_name[n] for n in names.split(",")]


def outside_repo(d: Path) -> Path:
    d = d.expanduser().resolve()
    if d == ROOT or ROOT in d.parents:
        raise CorpusError(f"{d} is inside the repository; keep the corpus outside it")
    return d


# ---- run: translate each project and read its report ----

def check_outputs(report: dict) -> tuple[list[str], list[str], list[str]]:
    """(modules, test files, build files) of a migrated project, as its report lists them."""
    modules: list[str] = []
    tests: list[str] = []
    for f in report.get("files", []):
        if f.get("status") == "translated" and f.get("output"):
            (tests if f.get("tests") else modules).append(f["output"])
    return modules, tests, list((report.get("project") or {}).get("build_files") or [])


def score_afterwards(report: dict, dst: Path, target: str) -> dict | None:
    """Run the migrated tests of a ``--no-check`` output once (the checker ``--check`` uses, no repair)."""
    from translate.project.checkers import CHECKERS, can_check

    if can_check(target) is not None:
        return None
    return CHECKERS[target](dst, *check_outputs(report)).to_dict()


def source_language(report: dict, default: str = "python") -> str:
    """The language migrated: the report's, else that of its translated files (``translate repo`` of a tree), else
    the project's (``default``: a run that left no report)."""
    langs = {f.get("language") for f in report.get("files", []) if f.get("status") == "translated"}
    return report.get("source_language") or (langs.pop() if len(langs) == 1 else default)


def report_row(report: dict, *, project: str, lines: int, source: dict, target: str, check: bool,
               wall: float, returncode: int, scored: dict | None = None, language: str = "python") -> dict:
    """One table row from a translate-report.json (``scored``: a check run afterwards, for --no-check)."""
    totals = report.get("totals") or {}
    c = (report.get("project") or {}).get("check") or scored or {}
    ran = bool(c) and not c.get("skipped")
    passed, failed = int(c.get("passed", 0)), int(c.get("failed", 0))
    files = c.get("files") or []
    return {
        "project": project, "lines": lines, "source_passed": source.get("passed"), "source_failed": source.get("failed"),
        "direction": f"{source_language(report, language)}->{target}", "check": "on" if check else "off",
        "scored_after": scored is not None and not (report.get("project") or {}).get("check"),
        "builds": c.get("builds") if ran else None, "tests_passed": passed if ran else None,
        "tests_total": passed + failed if ran else None,
        "test_files": len(files) if ran else None, "test_files_passing": c.get("files_passing") if ran else None,
        "all_pass": bool(c.get("all_passed")) if ran else None, "skipped": c.get("skipped"),
        "units": totals.get("units"), "units_failed": totals.get("failed"),
        "wall_s": round(wall, 1), "tokens": totals.get("new_tokens"), "returncode": returncode,
    }


def _cell(v) -> str:
    return "-" if v is None else ("yes" if v else "no") if isinstance(v, bool) else str(v)


def markdown_table(rows: list[dict]) -> str:
    out = ["| project | lines | source tests | direction | check | builds | migrated tests passed | "
           "test files fully passing | all pass | wall s | tokens |",
           "|---|---:|---:|---|---|---|---:|---:|---|---:|---:|"]
    for r in rows:
        if r["tests_total"] is None:
            tests = "-"
        else:
            share = f" ({r['tests_passed'] / r['tests_total']:.0%})" if r["tests_total"] else ""
            tests = f"{r['tests_passed']}/{r['tests_total']}{share}"
        files = "-" if r["test_files"] is None else f"{r['test_files_passing']}/{r['test_files']}"
        check = r["check"] + (" (tests run after)" if r.get("scored_after") else "")
        out.append(f"| {r['project']} | {r['lines']} | {_cell(r['source_passed'])} | {r['direction']} | {check} | "
                   f"{_cell(r['builds'])} | {tests} | {files} | {_cell(r['all_pass'])} | {r['wall_s']} | "
                   f"{_cell(r['tokens'])} |")
    return "\n".join(out)


def translate_command() -> list[str]:
    exe = shutil.which("translate", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "translate"]


def run_one(p: Project, root: Path, out: Path, args: argparse.Namespace, check: bool) -> dict:
    src = root / p.name
    if not is_fetched(p, src):
        raise CorpusError(f"{src}: not fetched (run `python bench/repo_corpus.py fetch --dir {root}`)")
    source = json.loads((src / SOURCE_TESTS).read_text(encoding="utf-8"))
    dst = out / f"{p.name}-{args.to}{'' if check else '-nocheck'}"
    cmd = [*translate_command(), "repo", str(src), "--to", args.to, "--out", str(dst), "--quiet",
           "--check" if check else "--no-check", "--check-rounds", str(args.check_rounds)]
    cmd += [] if args.resume else ["--no-resume"]
    cmd += ["--model", args.model] if args.model else []
    cmd += ["--rescue", str(args.rescue)] if args.rescue else []
    cmd += ["--no-rule-answers"] if getattr(args, "no_rule_answers", False) else []
    t0 = time.monotonic()
    r = subprocess.run(cmd)
    wall = time.monotonic() - t0
    lines = source.get("lines", p.lines)
    try:
        report = json.loads((dst / "translate-report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):  # a row that says so; the other projects still run
        print(f"{p.name}: translate repo exited {r.returncode} without a report", file=sys.stderr)
        return report_row({}, project=p.name, lines=lines, source=source, target=args.to, check=check, wall=wall,
                          returncode=r.returncode, language=getattr(p, "language", "python"))
    scored = None if check else score_afterwards(report, dst, args.to)
    return report_row(report, project=p.name, lines=lines, source=source, target=args.to,
                      check=check, wall=wall, returncode=r.returncode, scored=scored)


def add_run_options(r: argparse.ArgumentParser) -> None:
    r.add_argument("--out", type=Path, required=True)
    r.add_argument("--model", help="passed to translate repo --model")
    r.add_argument("--check-rounds", type=int, default=2)
    r.add_argument("--rescue", type=int, default=0, help="passed to translate repo --rescue")
    r.add_argument("--no-rule-answers", action="store_true", help="passed to translate repo (Java -> Python)")
    r.add_argument("--no-check-run", action="store_true", help="skip the second, --no-check run")
    r.add_argument("--resume", action="store_true", help="reuse the output directories' caches (default: cold)")
    r.add_argument("--json", type=Path, help="write the rows here")


def run_all(projects: list, root: Path, args: argparse.Namespace) -> int:
    """Migrate each project (with --check, then without unless --no-check-run), print the table, write the JSON."""
    out = args.out.expanduser().resolve()
    rows = [run_one(p, root, out, args, check) for p in projects
            for check in (True, False)[: 1 if args.no_check_run else 2]]
    print(markdown_table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0 if rows and all(r["tokens"] is not None for r in rows) else 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("fetch", help="download, verify, extract and test the corpus")
    r = sub.add_parser("run", help="migrate each project with translate repo and tabulate the reports")
    for s in (f, r):
        s.add_argument("--dir", type=Path, default=None, help=f"corpus directory (default: {default_dir()})")
        s.add_argument("--projects", help="comma-separated names (default: all)")
    f.add_argument("--index", default=INDEX, help="PEP 691 simple index (default: %(default)s)")
    f.add_argument("--force", action="store_true", help="fetch and test again even when already there")
    r.add_argument("--to", default="javascript")
    add_run_options(r)
    args = ap.parse_args(argv)
    try:
        root = outside_repo(args.dir or default_dir())
        projects = selected(args.projects)
        if args.cmd == "fetch":
            root.mkdir(parents=True, exist_ok=True)
            print("| project | version | licence | lines | source tests passed | failed | skipped |")
            print("|---|---|---|---:|---:|---:|---:|")
            for p in projects:
                res = fetch_one(p, root, args.index, args.force)
                print(f"| {p.name} | {p.version} | {p.licence} | {res.get('lines')} | {res['passed']} | "
                      f"{res['failed']} | {res['skipped']} |", flush=True)
            print(f"\ncorpus in {root}")
            return 0
        return run_all(projects, root, args)
    except CorpusError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
