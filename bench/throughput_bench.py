"""Throughput of ``translate repo`` end to end on a fixed corpus of small functions, variants side by side.

The corpus: HumanEval-X's Python programs (declaration + canonical solution, ``../shared/bench/humaneval-x``,
read in place), one file per task, in task order, the first ``--limit`` (HumanEval-X has 164: a larger
limit takes them all). Each variant runs ``translate repo`` on it in its own subprocess (its own model
load, threads and memory; no cache: ``--no-resume`` into a fresh directory) and prints:

* units/s and files/s (wall time from the command's start, model load included), new tokens/s;
* the wall time by phase: load (the engine's constructor), model (wall time with at least one generate
  call in flight), checks and verify outside a model call (``loop._check_candidate`` / ``loop._verify``),
  checks while a call was in flight (overlapped, not added), other (parse, prompts, assembly, writes);
* the thread count the engine ran with (and its restarts) and the slot count;
* the behaviour checks' own costs: source recordings (sandbox runs of the source, in a background pool) and
  candidate runs in the target, their seconds, verdicts served from an identical earlier program;
* llama.cpp's own count of prompt tokens computed and reused from a cache (a slot's or the host-memory one),
  and its prefill and decode seconds (summed over sequences decoded together: the share is what to read).

Variants (comma separated, any mix): ``base``; ``idle`` (the base run without ``--beside``'s work); ``threads-old`` (the thread rule before issue 21: ``cpus -
busy`` once, at load) and ``threads-new`` (engines/threads.py); ``slots-K`` (``TRANSLATE_LLAMACPP_SLOTS=K``); ``batch-K`` (``--batch-size K``, with ``--engine transformers``);
``turns-K`` (``--max-turns K``); ``verify-off`` / ``verify-auto`` (``--verify``; the default is auto); ``loop-waves`` (the job loop's turns one
after another, every answer of a turn judged before the next: the schedule before the overlapped one). ``--slots 1,4,8`` adds ``slots-1,slots-4,slots-8``. ``--beside burst|steady``
starts ``--busy`` N ``python -c "while 1: pass"`` beside each variant (burst: killed after ``--burst`` seconds).

    python bench/throughput_bench.py --limit 16 --variants threads-old,threads-new [--beside burst]
    python bench/throughput_bench.py --limit 16 --slots 1,2,4,8 [--model qwen2.5-coder-1.5b] [--to javascript]
    python bench/throughput_bench.py --engine transformers --model DIR --device cuda --variants batch-16,batch-64
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

START = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from engine_bench import cpu_flags  # noqa: E402

DATA = ROOT.parent / "shared" / "bench" / "humaneval-x"


def write_corpus(dst: Path, limit: int, data: Path = DATA) -> int:
    from translate.evaluation.humanevalx import load_problems

    problems = load_problems("python", data)[:limit]
    dst.mkdir(parents=True, exist_ok=True)
    for p in problems:
        (dst / f"he_{p.index:03d}.py").write_text(p.source_program.rstrip() + "\n", encoding="utf-8")
    return len(problems)


class Phases:
    """Wall time with a generate call in flight, and check/verify time outside and inside those calls."""

    def __init__(self):
        self.lock = threading.Lock()
        self.inflight = 0
        self.since = 0.0
        self.model = 0.0
        self.load = 0.0
        self.serial: dict[str, float] = {"checks": 0.0, "verify": 0.0}
        self.overlapped = 0.0

    def enter(self) -> None:
        with self.lock:
            if self.inflight == 0:
                self.since = time.perf_counter()
            self.inflight += 1

    def leave(self) -> None:
        with self.lock:
            self.inflight -= 1
            if self.inflight == 0:
                self.model += time.perf_counter() - self.since

    def timed(self, name: str, fn):
        def wrapper(*a, **k):
            busy = self.inflight > 0
            t0 = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                dt = time.perf_counter() - t0
                with self.lock:
                    if busy:
                        self.overlapped += dt
                    else:
                        self.serial[name] += dt
        return wrapper


def _old_rule() -> None:
    """The rule before issue 21: ``cpus - runnable others`` once, at load, never decided again."""
    from translate.engines import threads

    threads.pick_threads = lambda cpus, others: max(1, min(cpus, cpus - others))
    threads.ThreadPlan.due = lambda self: False  # type: ignore[method-assign]


def child(args) -> None:
    from translate.cli.main import main as cli
    from translate.translation import behaviour, loop

    if args.engine == "transformers":  # (a GPU card: bench/gpu_bench.py builds a CodeGen-2B-shaped model)
        from translate.engines import hf
        cls = hf.HFBackend
    else:
        from translate.engines import llamacpp
        cls = llamacpp.LlamaCppBackend

    if args.rule == "old":
        _old_rule()
    if args.waves:  # the job loop's turns one after another, as before the overlapped schedule
        cls.overlaps = False  # type: ignore[misc]
    ph = Phases()
    seen: dict[str, int] = {}
    init, gen = cls.__init__, cls.generate

    def timed_init(self, *a, **k):
        t0 = time.perf_counter()
        init(self, *a, **k)
        ph.load += time.perf_counter() - t0
        seen["engine"] = id(self)
        child.engine = self

    def timed_generate(self, *a, **k):
        ph.enter()
        try:
            return gen(self, *a, **k)
        finally:
            ph.leave()
    cls.__init__ = timed_init  # type: ignore[method-assign]
    cls.generate = timed_generate  # type: ignore[method-assign]
    loop._check_candidate = ph.timed("checks", loop._check_candidate)
    loop._verify = ph.timed("verify", loop._verify)
    if args.quick:  # the README quick start: one small file, no cache
        Path(args.out).mkdir(parents=True, exist_ok=True)
        argv = ["file", args.src, "--to", args.to, "-o", str(Path(args.out) / "out.txt"), "--force", "--no-cache", "-q",
                "--report", str(Path(args.out) / "translate-report.json")]
    else:
        argv = ["repo", args.src, "--to", args.to, "--out", args.out, "--no-resume", "-q",
                "--max-turns", str(args.max_turns), "--verify", args.verify]
    argv += ["--engine", args.engine] + (["-m", args.model] if args.model else [])
    argv += ["--device", args.device, "--batch-size", str(args.batch_size)] if args.engine == "transformers" else []
    argv += ["--threads", str(args.threads)] if args.threads else []
    t0 = time.perf_counter()
    try:
        cli.main(args=argv, standalone_mode=False)
    except SystemExit:
        pass
    wall = time.perf_counter() - t0
    eng = getattr(child, "engine", None)
    report = json.loads((Path(args.out) / "translate-report.json").read_text())
    if args.quick:
        units = [u for u in report.get("units", []) if u.get("kind") != "glue"]
        report = {"totals": {"files": 1, "units": len(units), "ok": sum(u.get("status") == "ok" for u in units),
                             "new_tokens": sum(u.get("new_tokens", 0) for u in units)}}
    print("RESULT " + json.dumps({
        "wall": wall, "load": ph.load, "model": ph.model, "checks": ph.serial["checks"],
        "verify": ph.serial["verify"], "overlapped": ph.overlapped, "totals": report.get("totals", {}),
        "threads": getattr(eng, "threads", None), "restarts": getattr(eng, "restarts", None),
        "slots": getattr(eng, "slots", None), "imports": t0 - START,
        "engine": dict(getattr(eng, "stats", {})), "checks_stats": dict(behaviour.STATS)}), flush=True)


def expand(args) -> list[str]:
    names = [v for v in args.variants.split(",") if v]
    names += [f"slots-{k}" for k in args.slots.split(",") if k] if args.slots else []
    return names or ["base"]


def run_variant(name: str, args, src: Path, work: Path) -> dict:
    env = dict(os.environ)
    rule, turns, verify, waves, batch = "new", args.max_turns, "auto", False, args.batch_size
    kind, _, val = name.partition("-")
    if kind == "threads":
        rule = val
    elif kind == "slots":
        env["TRANSLATE_LLAMACPP_SLOTS"] = val
    elif kind == "batch":  # the transformers engine's --batch-size
        batch = int(val)
    elif kind == "turns":
        turns = int(val)
    elif kind == "verify":
        verify = val
    elif name == "loop-waves":
        waves = True
    elif name not in ("base", "idle"):
        raise SystemExit(f"unknown variant {name}")
    out = work / f"out-{name}"
    cmd = [sys.executable, __file__, "--child", "--src", str(src), "--out", str(out), "--to", args.to,
           "--rule", rule, "--max-turns", str(turns), "--verify", verify] + (["--model", args.model] if args.model else [])
    cmd += ["--threads", str(args.threads)] if args.threads else []
    cmd += ["--engine", args.engine, "--device", args.device, "--batch-size", str(batch)]
    cmd += ["--quick"] if args.quick else []
    cmd += ["--waves"] if waves else []
    busy: list[subprocess.Popen] = []
    if args.beside != "none" and name != "idle":  # ``idle``: the base run with nothing beside it
        busy = [subprocess.Popen([sys.executable, "-c", "while 1: pass"]) for _ in range(args.busy)]
        if args.beside == "burst":
            for b in busy:
                threading.Timer(args.burst, b.kill).start()
        time.sleep(0.5)
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    finally:
        for b in busy:
            b.kill()
    line = [x for x in proc.stdout.splitlines() if x.startswith("RESULT ")]
    if not line:
        print(proc.stdout[-2000:], proc.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"variant {name} failed")
    return {**json.loads(line[0][7:]), "process": time.perf_counter() - t0}


def show(rows: dict[str, dict]) -> None:
    print("\n| variant | threads (restarts) | slots | files | units | ok+repaired | verified | new tokens | wall s "
          "| units/h | verified/h | tokens/s | load s | model s | checks s | verify s | other s | checks in calls s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    first = None
    for name, r in rows.items():
        t = r["totals"]
        units, tok = t.get("units", 0), t.get("new_tokens", 0)
        good = t.get("ok", 0) + t.get("repaired", 0)
        verified = t.get("behaviour", {}).get("verified", 0)
        other = r["wall"] - r["load"] - r["model"] - r["checks"] - r["verify"]
        print(f"| {name} | {r['threads']} ({r['restarts']}) | {r['slots']} | {t.get('files', '?')} | {units} | {good} "
              f"| {verified} | {tok} | {r['wall']:.1f} | {3600 * units / r['wall']:.0f} | {3600 * verified / r['wall']:.0f} "
              f"| {tok / r['wall']:.1f} | {r['load']:.1f} "
              f"| {r['model']:.1f} | {r['checks']:.1f} | {r['verify']:.1f} | {other:.1f} | {r['overlapped']:.1f} |")
        first = first or r
    print("\n| variant | sequences | prompt tokens computed | prompt tokens reused | prefill s | decode s "
          "| prefill share |")
    print("|---|---|---|---|---|---|---|")
    for name, r in rows.items():
        e = r.get("engine") or {}
        pre, dec = e.get("prefill_ms", 0) / 1000, e.get("decode_ms", 0) / 1000
        share = f"{pre / (pre + dec):.0%}" if pre + dec else "-"
        print(f"| {name} | {e.get('sequences', 0)} | {e.get('prompt_tokens', 0)} | {e.get('cached_tokens', 0)} "
              f"| {pre:.1f} | {dec:.1f} | {share} |")
    print("(prefill and decode seconds are summed over the sequences the slots decode together: read the share)")
    print("\n| variant | source runs | source s | target runs | target s | verdicts reused | waited for a recording s |")
    print("|---|---|---|---|---|---|---|")
    for name, r in rows.items():
        c = r.get("checks_stats") or {}
        print(f"| {name} | {c.get('source_runs', 0)} | {c.get('source_seconds', 0):.1f} | {c.get('target_runs', 0)} "
              f"| {c.get('target_seconds', 0):.1f} | {c.get('verdicts_reused', 0)} "
              f"| {c.get('recording_wait_seconds', 0):.1f} |")
    print("\nprocess s (python start + imports + the command): " + ", ".join(
        f"{n} {r['process']:.1f} (imports {r['imports']:.1f})" for n, r in rows.items()))
    if len(rows) > 1 and first:
        print("\nwall time vs the first variant: " + ", ".join(
            f"{n} {r['wall'] / first['wall']:.2f}x" for n, r in rows.items()))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=200, help="files (HumanEval-X tasks; 164 at most)")
    ap.add_argument("--to", default="javascript")
    ap.add_argument("--model", default=None)
    ap.add_argument("--variants", default="")
    ap.add_argument("--slots", default="")
    ap.add_argument("--max-turns", type=int, default=3)
    ap.add_argument("--threads", type=int, default=0, help="fix the thread count (default: the engine's rule)")
    ap.add_argument("--engine", choices=["llamacpp", "transformers"], default="llamacpp")
    ap.add_argument("--device", default="auto", help="the transformers engine's device (cuda on a GPU machine)")
    ap.add_argument("--batch-size", type=int, default=32, help="the transformers engine's batch (variants: batch-K)")
    ap.add_argument("--beside", choices=["none", "burst", "steady"], default="none")
    ap.add_argument("--burst", type=float, default=20.0, help="seconds of the burst beside each variant")
    ap.add_argument("--busy", type=int, default=1, help="busy loops beside each variant (with --beside)")
    ap.add_argument("--repeat", type=int, default=1, help="run the variant list this many times, interleaved")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--quick", action="store_true",
                    help="the README quick start instead: `translate file samples/python/temperature.py`")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--src", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    ap.add_argument("--rule", default="new", help=argparse.SUPPRESS)
    ap.add_argument("--verify", default="auto", help=argparse.SUPPRESS)
    ap.add_argument("--waves", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args)
    work = Path(tempfile.mkdtemp(prefix="throughput-bench-"))
    if args.quick:
        n, src = 1, ROOT / "samples" / "python" / "temperature.py"
    else:
        n, src = write_corpus(work / "src", args.limit, args.data), work / "src"
    print(f"machine: {os.cpu_count()} CPUs, flags: {cpu_flags()}; load average {os.getloadavg()[0]:.2f}; "
          f"corpus: {n} HumanEval-X Python files -> {args.to}; beside: {args.beside}; engine {args.engine}")
    rows: dict[str, dict] = {}
    for rep in range(args.repeat):
        for name in expand(args):
            key = name if args.repeat == 1 else f"{name}#{rep + 1}"
            rows[key] = run_variant(name, args, src, work / key)
            print(f"{key}: {json.dumps(rows[key])} (load average {os.getloadavg()[0]:.2f})", flush=True)
    show(rows)


if __name__ == "__main__":
    main()
