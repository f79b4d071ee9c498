"""HumanEval-X: load problems, build the program to run, run it, judge it.

As the CodeGeeX paper scores translation: the source program is ``declaration + canonical_solution``
of the source language; the model writes the target function; the program run is the target
function + the target language's ``test`` (+ the usual imports). Per language (bench README):
Python runs with ``python3``; C++ gets ``bits/stdc++.h`` and ``g++ -std=c++17``; Java has the
solution in ``class Solution`` and the tests in ``public class Main``; JavaScript tests use
``console.assert``, which does not throw, so a run passes only if it prints nothing at all.
"""
from __future__ import annotations

import functools
import gzip
import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from translate.config import env
from translate.errors import InputError
from translate.evaluation.adapt import adapt
from translate.sandbox import PASSED, RunResult, run_program
from translate.source.languages import get_language

DIRS = {"python": "python", "javascript": "js", "java": "java", "cpp": "cpp"}
ID_PREFIX = {"python": "Python", "javascript": "JavaScript", "java": "Java", "cpp": "CPP"}
# Tasks that cannot pass here even with the canonical solution (bench README).
CANNOT_PASS = frozenset({"CPP/22", "CPP/137", "JavaScript/112", "JavaScript/155", "JavaScript/162"})
MALFORMED = frozenset({"Python/142", "CPP/38"})  # declarations the README calls malformed

PRELUDE = {
    "python": "\n".join(f"import {m}" for m in (
        "math", "re", "sys", "copy", "datetime", "itertools", "collections", "heapq", "statistics",
        "functools", "hashlib", "string")) + "\nfrom typing import *\nfrom collections import *\n\n",
    "javascript": "",
    "java": "import java.util.*;\nimport java.lang.*;\nimport java.math.*;\nimport java.security.*;\n"
            "import java.util.stream.*;\n\n",
    "cpp": "#include <bits/stdc++.h>\nusing namespace std;\n\n",
}


@dataclass(frozen=True)
class Problem:
    task_id: str
    language: str  # registry name: python | javascript | java | cpp
    prompt: str
    declaration: str
    canonical_solution: str
    test: str
    example_test: str

    @property
    def index(self) -> int:
        return int(self.task_id.rsplit("/", 1)[1])

    @property
    def source_program(self) -> str:
        """What a translation starts from: the declaration and the canonical body."""
        return self.declaration + self.canonical_solution

    @property
    def function_names(self) -> tuple[str, ...]:
        """Functions of the canonical program (Java: methods of Solution); the last one is the entry."""
        return _function_names(self.source_program, self.language)

    @property
    def entry(self) -> str:
        return self.function_names[-1]


@functools.cache
def _function_names(code: str, language: str) -> tuple[str, ...]:
    from translate.source.units import parse_text

    names: list[str] = []
    for unit in parse_text(code, get_language(language)).top_units:
        if unit.kind == "class":
            names.extend(c.name for c in unit.children if c.kind in ("function", "method"))
        elif unit.kind in ("function", "method"):
            names.append(unit.name)
    return tuple(names)


def default_data_dir() -> Path:
    """``$TRANSLATE_BENCH_DIR``, else ``../shared/bench`` next to the working directory or the checkout."""
    bench = env("TRANSLATE_BENCH_DIR")
    if bench:
        return Path(bench)
    checkout = Path(__file__).resolve().parents[2]
    for base in (Path.cwd(), checkout):
        cand = (base / ".." / "shared" / "bench").resolve()
        if cand.is_dir():
            return cand
    return (Path.cwd() / ".." / "shared" / "bench").resolve()


def humanevalx_dir(data: str | Path | None) -> Path:
    """``--data`` may name the bench folder or its ``humaneval-x`` folder."""
    base = Path(data) if data else default_data_dir()
    return base if (base / "python").is_dir() or base.name == "humaneval-x" else base / "humaneval-x"


def eval_language(name: str) -> str:
    lang = get_language(name).name
    if lang not in DIRS:
        raise InputError(f"HumanEval-X has no {name!r} (it has: {', '.join(DIRS)})")
    return lang


def load_problems(language: str, data: str | Path | None = None) -> list[Problem]:
    lang = eval_language(language)
    path = humanevalx_dir(data) / DIRS[lang] / f"humaneval_{DIRS[lang]}.jsonl.gz"
    if not path.is_file():
        raise InputError(f"{path}: HumanEval-X data not found (pass --data DIR; it is never downloaded)")
    problems = []
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    problems.append(Problem(row["task_id"], lang, row["prompt"], row["declaration"],
                                            row["canonical_solution"], row["test"], row.get("example_test") or ""))
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(f"{path}: not a HumanEval-X file ({type(exc).__name__}: {exc})") from None
    return sorted(problems, key=lambda p: p.index)


def load_pairs(source: str, target: str, data: str | Path | None = None,
               limit: int | None = None) -> list[tuple[Problem, Problem]]:
    """(source problem, target problem) for the same index, in order, optionally the first ``limit``."""
    src = load_problems(source, data)
    tgt = {p.index: p for p in load_problems(target, data)}
    pairs = [(p, tgt[p.index]) for p in src if p.index in tgt]
    return pairs[:limit] if limit is not None else pairs


def build_program(code: str, problem: Problem, test: str | None = None) -> str:
    """The program to run: prelude + the (adapted) target code + the target test."""
    lang = problem.language
    body = adapt(code, lang, problem.function_names)
    test = problem.test if test is None else test
    if lang == "java":
        imports = [line for line in body.split("\n") if line.strip().startswith("import ")]
        rest = "\n".join(line for line in body.split("\n") if not line.strip().startswith("import "))
        return PRELUDE[lang] + "\n".join(imports) + "\n" + rest.rstrip() + "\n\n" + test.strip() + "\n"
    return PRELUDE[lang] + body.rstrip() + "\n\n" + test.strip() + "\n"


def judge(res: RunResult, language: str) -> tuple[bool, str | None]:
    """Did the run pass, and if not, a one-line reason plus the first lines of output."""
    if res.status == PASSED and language == "javascript" and (res.stdout.strip() or res.stderr.strip()):
        return False, "console.assert failed: " + _first_lines(res.stderr or res.stdout)
    if res.status == PASSED:
        return True, None
    what = res.reason or (f"exit code {res.exit_code}" if res.exit_code is not None else res.status)
    detail = _first_lines(res.stderr or res.stdout)
    return False, f"{res.phase} {res.status}: {what}" + (f": {detail}" if detail else "")


def _first_lines(text: str, n: int = 6, width: int = 400) -> str:
    lines = [line for line in text.strip().split("\n") if line.strip()]
    errors = [line for line in lines if "error" in line.lower()]
    if errors and "Traceback" not in lines[0]:
        return " | ".join(errors[:n])[:width]
    tail = lines[-n:] if lines and "Traceback" in lines[0] else lines[:n]
    return " | ".join(tail)[:width]


@dataclass
class Outcome:
    passed: bool
    status: str  # sandbox status
    message: str | None
    seconds: float
    stdout: str = ""
    stderr: str = ""

    def to_dict(self) -> dict:
        return {"passed": self.passed, "status": self.status, "message": self.message,
                "seconds": round(self.seconds, 3), "stdout": self.stdout[-1000:], "stderr": self.stderr[-1000:]}


def run_solution(code: str, problem: Problem, *, test: str | None = None, timeout: float = 10.0) -> Outcome:
    """Assemble ``code`` with the problem's test and run it in the sandbox."""
    res = run_program(build_program(code, problem, test), problem.language, timeout=timeout)
    ok, message = judge(res, problem.language)
    return Outcome(ok, res.status, message, res.seconds, res.stdout, res.stderr)


def run_many(items: list[tuple[str, Problem]], *, timeout: float = 10.0, workers: int | None = None,
             test: str | None = None) -> list[Outcome]:
    """Run several (code, problem) pairs in parallel sandboxes, results in order."""
    workers = workers or max(1, os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda it: run_solution(it[0], it[1], test=test, timeout=timeout), items))
