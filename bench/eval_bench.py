"""Execution-based evaluation numbers for bench/RESULTS.md (``## eval``).

    python bench/eval_bench.py canonical            # all 164 canonical solutions x 4 languages, assembled + run
    python bench/eval_bench.py model --limit 30     # embedded model: pipeline vs naive, py->js and java->py
    python bench/eval_bench.py ablate --model qwen2.5-coder-1.5b --limit 40 --variants all,none,+example
                                                    # prompt elements one by one, against naive, same run
    python bench/eval_bench.py causes R1.json R2.json  # why tasks failed, per system, from eval reports

``model`` loads the backend once and runs every direction in the same process; each direction's full
report is written to ``--out`` (default /tmp/eval-bench). Prints markdown tables.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{platform.machine()}, {os.cpu_count()} cores, load average at start {load:.1f}"


def canonical(args) -> None:
    from translate.evaluation.humanevalx import (
        CANNOT_PASS,
        MALFORMED,
        load_problems,
        run_many,
    )
    from translate.sandbox import capabilities

    print(f"machine: {_machine()}; sandbox notes: {list(capabilities().notes) or 'none'}\n")
    print("| language | tasks | passed | failed | expected failures (README) | unexpected | seconds |")
    print("|---|---|---|---|---|---|---|")
    for lang in args.languages:
        problems = load_problems(lang, args.data)
        t0 = time.perf_counter()
        outs = run_many([(p.source_program, p) for p in problems])
        secs = time.perf_counter() - t0
        failed = [p.task_id for p, o in zip(problems, outs) if not o.passed]
        expected = sorted(t for t in failed if t in CANNOT_PASS | MALFORMED)
        unexpected = sorted(set(failed) - set(expected))
        print(f"| {lang} | {len(problems)} | {len(problems) - len(failed)} | {len(failed)} | "
              f"{', '.join(expected) or '-'} | {', '.join(unexpected) or '-'} | {secs:.0f} |", flush=True)


def model(args) -> None:
    from translate.engines.loader import load_backend
    from translate.evaluation.translation import (
        EvalSettings,
        evaluate_humanevalx,
        format_table,
    )
    from translate.translation.pipeline import TranslateOptions

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    print(f"machine: {_machine()}", flush=True)
    t0 = time.perf_counter()
    backend = load_backend(args.model, batch_size=args.batch_size)
    print(f"model {backend.model_id} loaded in {time.perf_counter() - t0:.1f}s", flush=True)
    rows = []
    for direction in args.directions:
        src, tgt = direction.split(":")
        opts = TranslateOptions(max_turns=args.max_turns, batch_size=args.batch_size)
        st = EvalSettings(src, tgt, args.limit, 1, args.data, args.tests, "naive", args.timeout, opts)
        t1 = time.perf_counter()
        def say(msg: str, t1: float = t1) -> None:
            print(f"  [{time.perf_counter() - t1:7.1f}s] {msg}", file=sys.stderr, flush=True)

        report = evaluate_humanevalx(st, backend, say)
        path = out / f"humaneval-x_{src}_{tgt}_{args.tests}.json"
        path.write_text(json.dumps(report, indent=2, default=str) + "\n")
        print(format_table(report), flush=True)
        print(f"report: {path}\n", flush=True)
        rows.append(report)
    print("| direction | tasks | system | pass@1 | parse rate | repaired | tokens | generation s | wall s | cpu s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        for name, s in r["systems"].items():
            print(f"| {r['source']} -> {r['target']} | {r['tasks']} | {name} | {100 * s['pass@1']:.1f}% | "
                  f"{100 * s['parse_rate']:.1f}% | {s['repaired'] if name != 'naive' else '-'} | {s['new_tokens']} | "
                  f"{s['generation_seconds']:.0f} | {s['wall_seconds']:.0f} | {s['cpu_seconds']:.0f} |")


def ablate(args) -> None:
    """The naive prompt once per direction, then the pipeline with each set of prompt elements
    (``TRANSLATE_PROMPT_PARTS``: ``all``, ``none``, ``+part`` = none plus that part, ``-part`` = all but it)."""
    from translate.engines.loader import load_backend
    from translate.evaluation.translation import EvalSettings, evaluate_humanevalx
    from translate.translation.pipeline import TranslateOptions
    from translate.translation.prompts import CHAT_PARTS

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    print(f"machine: {_machine()}", flush=True)
    backend = load_backend(args.model, batch_size=args.batch_size)
    print(f"model {backend.model_id} ({backend.engine})", flush=True)
    lines = []
    for direction in args.directions:
        src, tgt = direction.split(":")
        naive_pass = None
        for variant in ["naive"] + args.variants:
            if variant == "naive":
                spec = "none"
            elif variant == "all":
                spec = ",".join(CHAT_PARTS)
            elif variant == "none":
                spec = "-" + ",-".join(CHAT_PARTS)
            elif variant.startswith("+"):
                spec = "-" + ",-".join(p for p in CHAT_PARTS if p != variant[1:])
            else:
                spec = variant
            os.environ["TRANSLATE_PROMPT_PARTS"] = spec
            opts = TranslateOptions(max_turns=args.max_turns, batch_size=args.batch_size)
            st = EvalSettings(src, tgt, args.limit, 1, args.data, args.tests, None, args.timeout, opts)
            t1 = time.perf_counter()
            if variant == "naive":
                st.baseline = "naive"
                from translate.evaluation import translation

                report = {"systems": {}, "per_task": []}
                pairs = translation.load_pairs(src, tgt, args.data, args.limit)
                samples, secs = translation._naive(pairs, backend, st, lambda m: None)
                report["systems"]["naive"] = translation.summarize(samples, [1], secs)
                passed = {tid for tid, s in samples.items() if s[0]["passed"]}
                naive_pass, system = passed, report["systems"]["naive"]
            else:
                report = evaluate_humanevalx(st, backend, lambda m: None)
                passed = {t["task_id"] for t in report["per_task"] if t["pipeline"]["c"]}
                system = report["systems"]["pipeline"]
            (out / f"ablate_{src}_{tgt}_{variant.replace('+', 'plus_')}.json").write_text(
                json.dumps(report, indent=2, default=str) + "\n")
            gained = sorted(passed - naive_pass) if naive_pass is not None and variant != "naive" else []
            lost = sorted(naive_pass - passed) if naive_pass is not None and variant != "naive" else []
            line = (f"| {src} -> {tgt} | {variant} | {100 * system['pass@1']:.1f}% | {100 * system['parse_rate']:.1f}% | "
                    f"{system['repaired']} | {system['new_tokens']} | {time.perf_counter() - t1:.0f} | "
                    f"{len(gained)} | {len(lost)} |")
            print(line, flush=True)
            if gained or lost:
                print(f"    gained {gained} lost {lost}", flush=True)
            lines.append(line)
    print("\n| direction | prompt | pass@1 | parse rate | repaired | tokens | wall s | won vs naive | lost vs naive |")
    print("|---|---|---|---|---|---|---|---|---|")
    print("\n".join(lines))


def _cause(sample: dict) -> str:
    """One failure cause from a sample's run message (the last exception named decides; Python tracebacks
    quote the test's `assert` line even when something else was raised)."""
    import re

    if (sample.get("counts") or {}).get("failed"):
        return "no valid translation (unit kept as a comment)"
    msg = sample.get("message") or ""
    if re.search(r"timed out|timeout", msg):
        return "timed out"
    raised = re.findall(r"\b([A-Z]\w*(?:Error|Exception))\b", msg)
    if raised:
        last = raised[-1]
        if last == "AssertionError":
            return "wrong result (failed assertion)"
        if last in ("NameError", "ReferenceError", "UnboundLocalError"):
            return "name not defined (run time)"
        if last in ("SyntaxError", "IndentationError"):
            return "does not compile / parse"
        return f"crash ({last})"
    if re.search(r"console\.assert failed|Assertion .* failed|assert", msg):
        return "wrong result (failed assertion)"
    if re.search(r"error:|compil|cannot find symbol|was not declared", msg):
        return "does not compile / parse"
    if re.search(r"exit code|signal", msg):
        return "crash (exit code / signal)"
    return f"other: {msg[:60]}"


def causes(args) -> None:
    """Failure causes per system from `translate eval --report` files, and the tasks won / lost vs naive."""
    from collections import Counter

    for path in args.reports:
        d = json.loads(Path(path).read_text())
        systems = list(d["systems"])
        print(f"\n{path}: {d['source']} -> {d['target']}, {d['tasks']} task(s), tests {d['tests']}")
        table: dict[str, Counter] = {s: Counter() for s in systems}
        passed: dict[str, set] = {s: set() for s in systems}
        for t in d["per_task"]:
            for s in systems:
                sample = t[s]["samples"][0]
                if sample["passed"]:
                    passed[s].add(t["task_id"])
                else:
                    table[s][_cause(sample)] += 1
        keys = sorted({k for c in table.values() for k in c}, key=lambda k: -sum(c[k] for c in table.values()))
        print("| cause | " + " | ".join(systems) + " |")
        print("|---|" + "---:|" * len(systems))
        for k in keys:
            print(f"| {k} | " + " | ".join(str(table[s][k]) for s in systems) + " |")
        print("| **passed** | " + " | ".join(f"{len(passed[s])}/{d['tasks']}" for s in systems) + " |")
        for other in [s for s in systems if s != "pipeline"]:
            if "pipeline" in passed:
                won, lost = sorted(passed["pipeline"] - passed[other]), sorted(passed[other] - passed["pipeline"])
                print(f"pipeline vs {other}: won {len(won)} {won or ''}; lost {len(lost)} {lost or ''}")
        for s in systems:  # behaviour checks: what each unit ended as, and what the checks cost
            info = d["systems"][s]
            if info.get("checks"):
                print(f"{s}: units by check {info['checks']}; check costs {info.get('check_costs', {})}; "
                      f"wall {info.get('wall_seconds')} s, tokens {info.get('new_tokens')}")
            else:
                print(f"{s}: wall {info.get('wall_seconds')} s, tokens {info.get('new_tokens')}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("canonical")
    c.add_argument("--languages", nargs="+", default=["python", "javascript", "java", "cpp"])
    c.add_argument("--data", default=None)
    m = sub.add_parser("model")
    m.add_argument("--directions", nargs="+", default=["python:javascript", "java:python"])
    m.add_argument("--limit", type=int, default=30)
    m.add_argument("--model", default=None, help="default: the embedded model")
    m.add_argument("--tests", default="none", choices=["none", "example", "hidden"])
    m.add_argument("--max-turns", type=int, default=3)
    m.add_argument("--batch-size", type=int, default=32)
    m.add_argument("--timeout", type=float, default=10.0)
    m.add_argument("--data", default=None)
    m.add_argument("--out", default="/tmp/eval-bench")
    cs = sub.add_parser("causes")
    cs.add_argument("reports", nargs="+")
    a = sub.add_parser("ablate")
    a.add_argument("--directions", nargs="+", default=["python:javascript", "java:python"])
    a.add_argument("--variants", type=lambda v: v.split(","), default=["all", "none"])
    a.add_argument("--limit", type=int, default=40)
    a.add_argument("--model", default=None)
    a.add_argument("--tests", default="none", choices=["none", "example", "hidden"])
    a.add_argument("--max-turns", type=int, default=3)
    a.add_argument("--batch-size", type=int, default=32)
    a.add_argument("--timeout", type=float, default=10.0)
    a.add_argument("--data", default=None)
    a.add_argument("--out", default="/tmp/eval-ablate")
    args = ap.parse_args()
    {"canonical": canonical, "model": model, "ablate": ablate, "causes": causes}[args.cmd](args)


if __name__ == "__main__":
    main()
