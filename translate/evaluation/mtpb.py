"""MTPB, the Multi-Turn Programming Benchmark of the CodeGen paper, in completion mode.

Each problem runs once per input (5 each, 575 pairs). The history starts with
``# Import libraries.\\n\\nimport numpy as np\\n\\n``; each turn appends ``# <prompt>\\n`` and the model's
code for that turn, cut at the first of ``^#``, ``^'''``, ``^\"\"\"``, ``\\n\\n\\n`` (and before a second
``^def`` / ``^print``). The final program runs in the sandbox with ``print`` recorded, the last
expression turned into a print as in the original checker, and the last printed value is compared with
the expected output (cast to its type; floats within 1e-6). Score: passed pairs / all pairs.
Gold outputs ``None`` and ``dict`` (problems 41 and 89) cannot be compared, as in the original.
"""
from __future__ import annotations

import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from translate.engines.base import Backend, GenRequest
from translate.errors import InputError
from translate.evaluation.humanevalx import default_data_dir
from translate.sandbox import run_program

PREFIX = "# Import libraries.\n\nimport numpy as np\n\n"
STOPS = [r"^#", r"^'''", r'^"""', r"\n\n\n", re.escape("<|endoftext|>")]
_MARK = "@@MTPB-VERDICT@@"


@dataclass(frozen=True)
class MtpbProblem:
    id: str
    name: str
    prompts: tuple[str, ...]
    inputs: tuple[dict, ...]
    outputs: tuple
    max_gen_length: int = 256

    def turns(self, case: int) -> list[str]:
        return [p.format(**self.inputs[case]) for p in self.prompts]


def load_mtpb(data: str | Path | None = None) -> list[MtpbProblem]:
    base = Path(data) if data else default_data_dir()
    path = base / "mtpb.jsonl" if (base / "mtpb.jsonl").is_file() else base / "mtpb" / "mtpb.jsonl"
    if not path.is_file():
        raise InputError(f"{path}: MTPB data not found (pass --data DIR; it is never downloaded)")
    problems = []
    try:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                problems.append(MtpbProblem(str(r["id"]), r.get("name", ""), tuple(r["prompts"]), tuple(r["inputs"]),
                                            tuple(r["outputs"]), int(r.get("max_gen_length") or 256)))
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not an MTPB file ({type(exc).__name__}: {exc})") from None
    return sorted(problems, key=lambda p: int(p.id) if p.id.isdigit() else p.id)


def truncate(completion: str) -> str:
    """The CodeGen MTPB sample cut: before a second ``^print``/``^def``, then at the first terminal."""
    for word in ("print", "def"):
        hits = list(re.finditer(rf"^{word}", completion, re.MULTILINE))
        if len(hits) > 1:
            completion = completion[: hits[1].start()]
    ends = [m.start() for m in (re.search(p, completion, re.MULTILINE) for p in STOPS) if m]
    return completion[: min(ends)] if ends else completion


@dataclass
class Case:
    problem: MtpbProblem
    case: int
    history: str = PREFIX
    turns: list[dict] = field(default_factory=list)
    passed: bool = False
    detail: dict = field(default_factory=dict)

    @property
    def gold(self):
        return self.problem.outputs[self.case]

    def to_dict(self) -> dict:
        return {"id": self.problem.id, "case": self.case, "input": self.problem.inputs[self.case],
                "gold": self.gold, "passed": self.passed, **self.detail, "program": self.history,
                "turns": self.turns}


def generate_cases(problems: list[MtpbProblem], backend: Backend, *, temperature: float = 0.0,
                   top_p: float = 0.95, seed: int | None = None, cap: int | None = None,
                   on_turn=None) -> list[Case]:
    """Run every (problem, input) pair turn by turn; each turn is one batched ``generate`` call."""
    cases = [Case(p, i) for p in problems for i in range(len(p.inputs))]
    step = 0
    while True:
        active = [c for c in cases if len(c.turns) < len(c.problem.prompts)]
        if not active:
            return cases
        requests = []
        for c in active:
            c.history += f"# {c.problem.turns(c.case)[len(c.turns)]}\n"
            budget = min(c.problem.max_gen_length, cap) if cap else c.problem.max_gen_length
            requests.append(GenRequest(prompt=c.history, max_new_tokens=budget, stop=list(STOPS),
                                       temperature=temperature, top_p=top_p, n=1, seed=seed))
        results = backend.generate(requests)
        for c, res in zip(active, results):
            raw = res.texts[0] if res.texts else ""
            code = truncate(raw)
            c.turns.append({"prompt": c.problem.turns(c.case)[len(c.turns)], "code": code,
                            "new_tokens": res.new_tokens})
            c.history += f"{code}\n\n"
        step += 1
        if on_turn:
            on_turn(step, len(active))


_HARNESS = r'''
import ast, builtins, json, sys
CODE = {code!r}
GOLD = json.loads({gold!r})
STACK = []
def _print(*args, **kwargs):
    STACK.append(args)
    return builtins.print(*args, **kwargs)
def with_print(code):
    try:
        tree = ast.parse(code)
        last = tree.body[-1]
        if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call) and \
                getattr(last.value.func, "id", "").startswith("print"):
            return code
        last.value = ast.Call(func=ast.Name(id="print", ctx=ast.Load()), args=[last.value], keywords=[])
        return ast.unparse(ast.fix_missing_locations(tree))
    except Exception:
        return code
def equivalent(o1, o2):
    if type(o1).__module__.startswith("pandas") and type(o1).__name__ == "Series":
        import numpy as np
        o1, o2 = o1.to_numpy(), np.array(o2)
    elif type(o1) == list and o1 and type(o1[0]) == tuple:
        o1 = [list(t) for t in o1]
    elif type(o1).__module__ == "numpy":
        import numpy as np
        if isinstance(o1, np.ndarray):
            o1 = o1.tolist()
        elif isinstance(o1, np.bool_):
            o1 = bool(o1)
        elif isinstance(o1, np.integer):
            o1 = int(o1)
        elif isinstance(o1, np.floating):
            o1 = float(o1)
    if type(o1) != type(o2):
        if type(o2) == bool:
            o1, o2 = str(o1), str(o2)
        else:
            o1 = type(o2)(o1)
    if type(o1) in (str, int, set, list, bool, tuple):
        return o1 == o2
    if type(o1) == float:
        return abs(o1 - o2) < 1e-6
    if type(o1).__name__ == "ndarray":
        import numpy as np
        return bool(np.allclose(o1, o2))
    raise ValueError(f"unsupported type {{type(o1).__name__}}")
error = None
try:
    exec(compile(with_print(CODE), "<mtpb>", "exec"), {{"__name__": "__main__", "print": _print}})
except BaseException as exc:
    error = f"{{type(exc).__name__}}: {{exc}}"
verdict = {{"passed": False, "error": error, "value": None}}
try:
    value = STACK[-1][0]
    verdict["value"] = repr(value)[:200]
    verdict["passed"] = bool(equivalent(value, GOLD))
except Exception as exc:
    verdict["error"] = verdict["error"] or f"{{type(exc).__name__}}: {{exc}}"
sys.__stdout__.write("\n{mark}" + json.dumps(verdict) + "\n")
'''


def harness(program: str, gold) -> str:
    """The Python program that runs ``program`` and prints a JSON verdict line."""
    return _HARNESS.format(code=program, gold=json.dumps(gold), mark=_MARK)


def score_program(program: str, gold, *, timeout: float = 20.0) -> dict:
    """Run one final program against its expected output: ``{"passed", "error", "value", "status"}``."""
    res = run_program(harness(program, gold), "python", timeout=timeout)
    verdict = {"passed": False, "error": res.reason or res.status, "value": None}
    for line in reversed(res.stdout.splitlines()):
        if line.startswith(_MARK):
            verdict = json.loads(line[len(_MARK):])
            break
    else:
        if res.stderr.strip():
            verdict["error"] = res.stderr.strip().splitlines()[-1][:300]
    verdict["run"] = res.status
    return verdict


def score_cases(cases: list[Case], *, timeout: float = 20.0, workers: int | None = None) -> None:
    workers = workers or max(1, os.cpu_count() or 1)

    def one(c: Case) -> None:
        c.detail = score_program(c.history, c.gold, timeout=timeout)
        c.passed = bool(c.detail.get("passed"))

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, cases))


def uncomparable(gold) -> bool:
    return gold is None or isinstance(gold, dict)


def summarize(cases: list[Case]) -> dict:
    problems = sorted({c.problem.id for c in cases}, key=lambda s: int(s) if s.isdigit() else s)
    per_problem = {pid: sum(c.passed for c in cases if c.problem.id == pid) for pid in problems}
    passed = sum(c.passed for c in cases)
    return {"problems": len(problems), "pairs": len(cases), "passed": passed,
            "pass_rate": passed / len(cases) if cases else 0.0,
            "uncomparable_pairs": sum(uncomparable(c.gold) for c in cases), "per_problem": per_problem}
