"""How far the Java -> Python rule (translate.translation.java_rule_classes) reaches, without a model.

    python bench/rule_bench.py [--limit N] [--json OUT]

For each HumanEval-X Java task, every method of its ``Solution`` is written by the rule as the free function the
pipeline would try (``free_function``); where the rule writes all of a task's methods, the result runs against the
task's hidden Python tests in the sandbox (the same program ``translate eval`` builds). Prints the methods covered,
the tasks covered, how many of those pass the hidden tests (a rule answer that fails them is a bug in the rule: in
the pipeline it is kept only where the source's recorded behaviour confirms it), and the reasons the rule gave up,
most frequent first. The rule never sees the tests; they only score.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _reason(method, cls) -> str | None:
    """Why the rule gives up on ``method`` (a tree-sitter node of ``cls``), or None where it writes it."""
    from translate.translation.java_rule_classes import members_of, method_lines
    from translate.translation.java_rule_exprs import Unsupported

    try:
        method_lines(method, members_of(cls, merge=True))
    except Unsupported as exc:
        return str(exc)
    except (ValueError, IndexError, StopIteration, KeyError) as exc:
        return f"{type(exc).__name__} (a rule bug)"
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=None, help="the bench folder (default: ../shared/bench)")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", default=None, help="write the per-task rows here")
    args = ap.parse_args(argv)

    from translate.evaluation.humanevalx import load_pairs, run_many
    from translate.source.languages import get_language
    from translate.translation.java_rule_classes import free_function
    from translate.translation.junit_jdk import text

    java = get_language("java")
    rows, reasons, items = [], collections.Counter(), []
    methods = covered = 0
    for src, tgt in load_pairs("java", "python", args.data, args.limit):
        program = src.source_program
        root = java.parse(program.encode()).root_node
        cls = next(c for c in root.named_children if c.type == "class_declaration")
        outs, why = [], []
        for m in cls.child_by_field_name("body").named_children:
            if m.type != "method_declaration":
                continue
            methods += 1
            out = free_function(text(m), program)
            if out is None:
                why.append(_reason(m, cls) or "the written Python was refused")
                reasons[why[-1]] += 1
            else:
                covered += 1
                outs.append(out)
        row = {"task_id": src.task_id, "covered": not why, "reasons": why}
        rows.append(row)
        if not why:
            items.append(("\n\n".join(outs), tgt))
            row["code"] = items[-1][0]
    t0 = time.perf_counter()
    outcomes = run_many(items) if items else []
    seconds = time.perf_counter() - t0
    by_id = {tgt.task_id.split("/")[1]: o for (_, tgt), o in zip(items, outcomes, strict=True)}
    passed = []
    for row in rows:
        o = by_id.get(row["task_id"].split("/")[1]) if row["covered"] else None
        if o is not None:
            row["passed"], row["message"] = o.passed, o.message
            if o.passed:
                passed.append(row["task_id"])
    done = [r for r in rows if r["covered"]]
    print(f"tasks {len(rows)}, methods {methods}: the rule writes {covered} methods ({covered / max(methods, 1):.0%}),"
          f" all methods of {len(done)} tasks")
    print(f"hidden tests: {len(passed)} / {len(done)} covered tasks pass ({seconds:.0f} s in the sandbox)")
    for row in done:
        if not row.get("passed"):
            print(f"  FAILS {row['task_id']}: {(row.get('message') or '')[:300]}")
    print("why the rule gave up (methods):")
    for why, n in reasons.most_common():
        print(f"  {n:3d}  {why}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
