"""How well the behaviour oracle (translate.oracle) judges real translations, against HumanEval-X's hidden tests.

    python bench/oracle_bench.py --from python --to javascript --limit 40 --report /tmp/he-py-js.json
    python bench/oracle_bench.py --from python --to java --limit 20 --report /tmp/he-py-java.json --baseline naive

Each task's translation and its hidden-test verdict come from one ``translate eval humaneval-x ... --report R``
run (made here unless ``R`` exists: then it is reused; scoring is never re-done). The oracle then records
the task's source (the Python prompt + canonical solution: the function and its docstring, never the
benchmark's tests) and checks the translated function as it was assembled for the run (the report's
``code``, or the naive system's ``output``). Prints the verdict x hidden-test table, the precision of
``differs`` (share that fail the hidden tests) and of ``verified`` (share that pass), the share verifiable,
oracle wall seconds and inputs per task, and every task where the two disagree. ``--json`` keeps the rows.
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

STATUSES = ("verified", "differs", "unverifiable", "failed")


def _machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{platform.machine()}, {os.cpu_count()} cores, load average at start {load:.1f}"


def eval_report(args) -> dict:
    """The eval report: reused when ``--report`` exists, else made by one ``translate eval`` run."""
    if args.canonical:
        return canonical_report(args)
    path = Path(args.report)
    if path.is_file() and not args.fresh:
        print(f"reusing eval report {path}", flush=True)
        return json.loads(path.read_text())
    cmd = [sys.executable, "-m", "translate", "eval", "humaneval-x", "--from", args.source, "--to", args.target,
           "--limit", str(args.limit), "--report", str(path)]
    if args.baseline:
        cmd += ["--baseline", args.baseline]
    if args.model:
        cmd += ["--model", args.model]
    if args.data:
        cmd += ["--data", args.data]
    print("$ " + " ".join(cmd[2:]), flush=True)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True)
    print(f"eval run: {time.perf_counter() - t0:.0f} s wall", flush=True)
    return json.loads(path.read_text())


def canonical_report(args) -> dict:
    """No model: the target's own canonical solutions as the candidates (the hidden tests pass, except the
    tasks the bench README lists as unpassable): how often the oracle rejects a correct translation."""
    from translate.evaluation.humanevalx import CANNOT_PASS, MALFORMED, load_pairs

    pairs = load_pairs(args.source, args.target, args.data, args.limit)
    per_task = [{"task_id": s.task_id, "canonical": {"samples": [{
        "passed": t.task_id not in CANNOT_PASS | MALFORMED, "code": t.source_program,
        "message": "canonical solution the README lists as failing" if t.task_id in CANNOT_PASS | MALFORMED else None,
    }]}} for s, t in pairs]
    return {"source": args.source, "target": args.target, "tasks": len(pairs), "model": "none (canonical solutions)",
            "systems": {"canonical": {"pass@1": sum(x["canonical"]["samples"][0]["passed"] for x in per_task)
                                      / max(1, len(per_task))}}, "per_task": per_task}


def judge_task(src, sample: dict, system: str, target: str, limit: int, protocol: bool = False,
               hints: list | None = None) -> dict:
    from translate.oracle import check_candidate, record_source

    source = src.source_program if protocol else src.prompt + src.canonical_solution
    candidate = sample.get("output") if system == "naive" else sample.get("code")
    if target == "java":  # as assembled for the run: the eval's standard imports (java.util.stream.* ...)
        from translate.evaluation.humanevalx import PRELUDE

        candidate = PRELUDE["java"] + (candidate or "")
    t0 = time.perf_counter()
    recording = record_source(source, src.language, src.entry, limit=limit, hints=hints)
    verdict = check_candidate(recording, candidate or "", target)
    secs = time.perf_counter() - t0
    value_differs = doc_differs = None
    if verdict.status == "differs":  # two views of the same difference, for the table (not timed)
        values_only = copy.deepcopy(recording)
        for case in values_only.cases:
            case.expected.after = None
        value_differs = check_candidate(values_only, candidate, target).status == "differs"
        documented = copy.deepcopy(recording)
        documented.cases = [c for c in documented.cases if c.origin != "generated"]
        if documented.cases:
            doc_differs = check_candidate(documented, candidate, target).status == "differs"
    return {"task": src.task_id, "system": system, "entry": src.entry, "hidden": bool(sample["passed"]),
            "hidden_message": sample.get("message"), "status": verdict.status, "inputs": verdict.inputs,
            "recorded": len(recording.cases), "dropped": len(recording.dropped), "line": verdict.line(),
            "differing": verdict.differing, "value_differs": value_differs, "doc_differs": doc_differs,
            "documented": sum(c.origin != "generated" for c in recording.cases), "notes": verdict.notes[:5], "seconds": round(secs, 2)}


def table(rows: list[dict]) -> str:
    cells = {(s, h): sum(1 for r in rows if r["status"] == s and r["hidden"] == h) for s in STATUSES for h in (True, False)}
    lines = ["| oracle verdict | hidden tests pass | hidden tests fail | total |", "|---|---:|---:|---:|"]
    for s in STATUSES:
        lines.append(f"| {s} | {cells[s, True]} | {cells[s, False]} | {cells[s, True] + cells[s, False]} |")
    passed = sum(r["hidden"] for r in rows)
    lines.append(f"| total | {passed} | {len(rows) - passed} | {len(rows)} |")

    def share(num: int, den: int) -> str:
        return f"{num}/{den} = {100 * num / den:.1f}%" if den else "-"

    ver, dif = cells["verified", True] + cells["verified", False], cells["differs", True] + cells["differs", False]
    checked = [r for r in rows if r["status"] in ("verified", "differs")]
    fails = len(rows) - passed
    caught = cells["differs", False] + cells["failed", False]
    secs = sorted(r["seconds"] for r in rows)
    inputs = [r["inputs"] for r in checked]
    values = [r for r in rows if r["status"] == "differs" and r["value_differs"]]
    doc = [r for r in rows if r["status"] == "differs" and r["doc_differs"]]
    lines += [
        "",
        f"- precision of `differs` (share that fail the hidden tests): {share(cells['differs', False], dif)}",
        f"  - comparing results only (arguments after the call not compared): "
        f"{share(sum(not r['hidden'] for r in values), len(values))}",
        f"  - on documented inputs only (docstring examples, no generated values): "
        f"{share(sum(not r['hidden'] for r in doc), len(doc))}",
        f"- precision of `verified` (share that pass the hidden tests): {share(cells['verified', True], ver)}",
        f"- hidden-test failures the oracle flags (differs or failed): {share(caught, fails)}",
        f"- units verifiable (verified or differs): {share(len(checked), len(rows))}",
        f"- oracle wall seconds per task: mean {sum(secs) / max(1, len(secs)):.2f}, median "
        f"{secs[len(secs) // 2] if secs else 0:.2f}, max {max(secs, default=0):.2f} (record + check: two sandbox runs)",
        f"- inputs compared per verifiable task: mean {sum(inputs) / max(1, len(inputs)):.1f}, "
        f"min {min(inputs, default=0)}, max {max(inputs, default=0)}",
    ]
    return "\n".join(lines)


def disagreements(rows: list[dict]) -> str:
    out = []
    for r in rows:
        wrong = (r["status"] == "verified" and not r["hidden"]) or (r["status"] in ("differs", "failed") and r["hidden"])
        if wrong:
            hidden = "pass" if r["hidden"] else f"fail ({(r['hidden_message'] or '')[:120]})"
            tags = [t for t, on in (("only an argument changed", r["value_differs"] is False),
                                    ("documented inputs agree", r["doc_differs"] is False)) if on]
            tag = f" [{'; '.join(tags)}]" if tags else ""
            out.append(f"- `{r['task']}` ({r['system']}): oracle {r['line'][:240]}{tag}; hidden tests {hidden}")
    unverifiable = [r for r in rows if r["status"] == "unverifiable"]
    for r in unverifiable:
        out.append(f"- `{r['task']}` ({r['system']}): {r['line'][:200]}; hidden tests {'pass' if r['hidden'] else 'fail'}")
    return "\n".join(out) or "- none"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--from", dest="source", default="python")
    ap.add_argument("--to", dest="target", default="javascript")
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--report", help="eval report: reused if it exists, else written by the eval run")
    ap.add_argument("--canonical", action="store_true",
                    help="no model: judge the target's canonical solutions (a correct translation) instead")
    ap.add_argument("--fresh", action="store_true", help="rerun the eval even if --report exists")
    ap.add_argument("--baseline", choices=["naive"], help="also judge the naive baseline's translations")
    ap.add_argument("--model")
    ap.add_argument("--data")
    ap.add_argument("--inputs", type=int, default=None, help="oracle inputs per unit (default: the oracle's)")
    ap.add_argument("--json", help="write the per-task rows here")
    ap.add_argument("--protocol", action="store_true",
                    help="record the source the eval translates (declaration + canonical body: no doc comment, so no "
                         "documented examples) instead of the prompt with its docstring")
    ap.add_argument("--systems", help="judge only these systems (comma-separated: pipeline,naive,canonical)")
    args = ap.parse_args(argv)
    if not args.report and not args.canonical:
        ap.error("--report is required (or --canonical)")

    from translate.evaluation.humanevalx import load_problems
    from translate.oracle import DEFAULT_LIMIT
    from translate.translation.declared import declared_kinds

    print(f"machine: {_machine()}", flush=True)
    report = eval_report(args)
    problems = {p.task_id: p for p in load_problems(report["source"], args.data)}
    declared: dict[int, str] = {}  # a run with --target-declaration: the pipeline's inputs follow the declared types
    if args.protocol and report.get("settings", {}).get("declaration"):
        declared = {p.index: p.declaration for p in load_problems(report["target"], args.data)}
    systems = [s for s in ("pipeline", "naive", "canonical") if s in report["systems"]
               and (not args.systems or s in args.systems.split(","))]
    rows: list[dict] = []
    t0 = time.perf_counter()
    for task in report["per_task"]:
        src = problems[task["task_id"]]
        for system in systems:
            for sample in task[system]["samples"]:
                hints = declared_kinds(declared[src.index], src.entry) if src.index in declared else None
                row = judge_task(src, sample, system, report["target"], args.inputs or DEFAULT_LIMIT, args.protocol,
                                 hints)
                rows.append(row)
                print(f"  {row['task']:12} {system:8} hidden {'pass' if row['hidden'] else 'FAIL'}  "
                      f"{row['seconds']:5.1f}s  {row['line'][:150]}", file=sys.stderr, flush=True)
    oracle_secs = time.perf_counter() - t0
    head = (f"HumanEval-X {report['source']} -> {report['target']}, {report['tasks']} tasks, model {report['model']}, "
            f"systems: {', '.join(systems)}; oracle total {oracle_secs:.0f} s wall")
    print("\n" + head)
    for system in systems:
        sys_rows = [r for r in rows if r["system"] == system]
        print(f"\n### {system} (pass@1 {100 * report['systems'][system]['pass@1']:.1f}%)\n")
        print(table(sys_rows))
    if len(systems) > 1:
        print("\n### all systems together\n")
        print(table(rows))
    print("\n### disagreements and unverifiable units\n")
    print(disagreements(rows))
    if args.json:
        Path(args.json).write_text(json.dumps({"head": head, "rows": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
