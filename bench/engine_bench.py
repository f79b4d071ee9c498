"""Load time and decode speed of one GGUF model on both engines, in one run: llama.cpp (xllamacpp) vs
transformers (fp32, the GGUF de-quantized at load).

For each engine, in its own subprocess (so memory and threads are its own):
* load: from nothing to a backend that can generate (file read, de-quantization for transformers);
* batch 1: one greedy sequence of ``--tokens`` new tokens (EOS ignored), tokens/s;
* parallel: ``--parallel`` sequences at once (different prompts), aggregate tokens/s (llama.cpp: its slots,
  continuous batching; transformers: our decode loop with the batch).

    python bench/engine_bench.py --model qwen2.5-coder-1.5b [--tokens 96] [--parallel 8] [--engines llamacpp,transformers]

Thread rules beside other work (issue 21): ``--scenarios idle,burst,steady[,steady2] --rules old,new[,1,2]``
runs, for each scenario and rule, interleaved ``--repeat`` times, one llama.cpp subprocess that loads the
model and decodes ``--parallel`` greedy sequences of ``--tokens`` tokens (EOS ignored): idle; burst (``python
-c "while 1: pass"`` started 0.5 s before the load, killed ``--burst`` s later); steady (one such loop for
the whole run); steady2 (two). Rules: old (``cpus - busy`` at load), new (engines/threads.py), or a fixed
count. Prints the run's seconds (load + decode) and tokens/s, and each run's ratio to idle under the same rule.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROMPTS = ["def fibonacci(n):", "def is_prime(n):", "class Stack:", "def merge_sorted(a, b):", "def word_count(text):",
           "def flatten(items):", "def gcd(a, b):", "def transpose(matrix):", "def parse_csv_line(line):",
           "def binary_search(items, x):", "def rle_encode(s):", "class LRUCache:", "def to_roman(n):",
           "def chunks(seq, n):", "def camel_to_snake(name):", "def median(values):"]


def cpu_flags() -> str:
    want = ("avx2", "avx512f", "avx512_bf16", "avx512_vnni", "amx_bf16", "amx_int8", "avx_vnni", "fma", "f16c")
    try:
        flags = next(line for line in open("/proc/cpuinfo") if line.startswith("flags")).split()
    except (OSError, StopIteration):
        return "?"
    return " ".join(f for f in want if f in flags)


def _llamacpp(model: str | None, tokens: int, parallel: int) -> dict:
    from translate.engines.loader import BackendConfig, open_backend

    t0 = time.perf_counter()
    b = open_backend(BackendConfig(model=model, engine="llamacpp", batch_size=parallel))
    b.load()
    load = time.perf_counter() - t0
    server = b._inner._server

    def one(prompt: str) -> int:
        r = server.handle_completions({"prompt": prompt, "max_tokens": tokens, "temperature": 0.0,
                                       "ignore_eos": True, "cache_prompt": False})
        return r["usage"]["completion_tokens"]

    one("def warm_up():")
    t0 = time.perf_counter()
    n = one(PROMPTS[0])
    batch1 = n / (time.perf_counter() - t0)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(parallel) as pool:
        t0 = time.perf_counter()
        total = sum(pool.map(one, [PROMPTS[i % len(PROMPTS)] for i in range(parallel)]))
        agg = total / (time.perf_counter() - t0)
    return {"load_s": load, "batch1_tok_s": batch1, "parallel_tok_s": agg, "threads": b._inner.threads,
            "slots": b._inner.slots}


def _transformers(model: str | None, tokens: int, parallel: int) -> dict:
    import torch

    from translate.engines.base import GenRequest
    from translate.engines.loader import BackendConfig, open_backend

    t0 = time.perf_counter()
    b = open_backend(BackendConfig(model=model, engine="transformers", batch_size=parallel))
    b.load()
    load = time.perf_counter() - t0
    tok, m = b.tokenizer, b.model
    enc = tok(PROMPTS[0], return_tensors="pt")
    with torch.inference_mode():
        m.generate(**enc, max_new_tokens=4, do_sample=False, pad_token_id=tok.pad_token_id)
        t0 = time.perf_counter()
        out = m.generate(**enc, max_new_tokens=tokens, min_new_tokens=tokens, do_sample=False,
                         pad_token_id=tok.pad_token_id)
        batch1 = (out.shape[1] - enc["input_ids"].shape[1]) / (time.perf_counter() - t0)
    # parallel: our decode loop (the engine the pipeline uses), EOS left in: count what came out
    reqs = [GenRequest(prompt=PROMPTS[i % len(PROMPTS)], max_new_tokens=tokens) for i in range(parallel)]
    t0 = time.perf_counter()
    res = b.generate(reqs)
    agg = sum(r.new_tokens for r in res) / (time.perf_counter() - t0)
    return {"load_s": load, "batch1_tok_s": batch1, "parallel_tok_s": agg, "threads": torch.get_num_threads(),
            "dtype": str(b.dtype)[6:]}


def _scenario_child(args) -> None:
    """One run: threads by ``args.rule`` picked beside what the parent started, load, decode."""
    from concurrent.futures import ThreadPoolExecutor

    import xllamacpp as xlc

    from translate.engines import threads as th
    from translate.engines.resolve import resolve_model

    t0 = time.perf_counter()
    others = th.runnable_others()
    n = {"old": max(1, th.cpu_count() - others), "new": th.pick_threads(th.cpu_count(), others)}.get(args.rule)
    n = n or int(args.rule)
    spec = resolve_model(args.model)
    p = xlc.CommonParams()
    p.model.path = str(Path(spec.path or ".") / (spec.gguf_file or ""))
    p.n_parallel, p.n_ctx = args.parallel, args.parallel * 1024
    p.cpuparams.n_threads = p.cpuparams_batch.n_threads = n
    p.warmup, p.verbosity = False, -1
    server = xlc.Server(p)
    load = time.perf_counter() - t0

    def one(prompt: str) -> int:
        r = server.handle_completions({"prompt": prompt, "max_tokens": args.tokens, "temperature": 0.0, "top_k": 1,
                                       "ignore_eos": True})
        return r["usage"]["completion_tokens"]

    t1 = time.perf_counter()
    with ThreadPoolExecutor(args.parallel) as pool:
        total = sum(pool.map(one, [PROMPTS[i % len(PROMPTS)] for i in range(args.parallel)]))
    decode = time.perf_counter() - t1
    print("RESULT " + json.dumps({"threads": n, "others": others, "load_s": load, "decode_s": decode,
                                  "tok_s": total / decode, "run_s": time.perf_counter() - t0}))


def scenarios(args) -> None:
    import threading

    print(f"machine: {os.cpu_count()} CPUs, flags: {cpu_flags()}; load average {os.getloadavg()[0]:.2f}")
    rows: list[tuple[str, str, dict]] = []
    for rep in range(args.repeat):
        for scen in args.scenarios.split(","):
            for rule in args.rules.split(","):
                busy = []
                if scen != "idle":
                    busy = [subprocess.Popen([sys.executable, "-c", "while 1: pass"])
                            for _ in range(2 if scen == "steady2" else 1)]
                    if scen == "burst":
                        threading.Timer(args.burst, busy[0].kill).start()
                    time.sleep(0.5)
                cmd = [sys.executable, __file__, "--scenario-child", rule, "--tokens", str(args.tokens),
                       "--parallel", str(args.parallel)] + (["--model", args.model] if args.model else [])
                try:
                    proc = subprocess.run(cmd, capture_output=True, text=True)
                finally:
                    for b in busy:
                        b.kill()
                line = [x for x in proc.stdout.splitlines() if x.startswith("RESULT ")]
                if not line:
                    raise SystemExit(proc.stderr[-3000:])
                r = json.loads(line[0][7:])
                r["load_avg"] = os.getloadavg()[0]
                rows.append((scen, rule, r))
                print(f"#{rep + 1} {scen} {rule}: {r}", flush=True)
    idle: dict[str, list[float]] = {}
    for scen, rule, r in rows:
        if scen == "idle":
            idle.setdefault(rule, []).append(r["run_s"])
    print("\n| scenario | rule | threads | run s | decode tok/s | vs idle (same rule, mean) | 1-min load after |")
    print("|---|---|---|---|---|---|---|")
    for scen, rule, r in rows:
        base = sum(idle[rule]) / len(idle[rule]) if idle.get(rule) else None
        ratio = f"{r['run_s'] / base:.2f}x" if base else "-"
        print(f"| {scen} | {rule} | {r['threads']} | {r['run_s']:.1f} | {r['tok_s']:.1f} | {ratio} | "
              f"{r['load_avg']:.1f} |")


def child(args) -> None:
    fn = _llamacpp if args.engine == "llamacpp" else _transformers
    res = fn(args.model, args.tokens, args.parallel)
    res["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("RESULT " + json.dumps(res))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=None, help="pack name, .gguf file (default: the resolved default)")
    ap.add_argument("--tokens", type=int, default=96)
    ap.add_argument("--parallel", type=int, default=8)
    ap.add_argument("--engines", default="llamacpp,transformers")
    ap.add_argument("--engine", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--scenarios", default=None, help="idle,burst,steady,steady2: thread rules beside other work")
    ap.add_argument("--rules", default="old,new", help="with --scenarios: old, new or a fixed thread count")
    ap.add_argument("--burst", type=float, default=20.0)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--scenario-child", dest="rule", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.rule:
        return _scenario_child(args)
    if args.scenarios:
        return scenarios(args)
    if args.engine:
        return child(args)
    print(f"machine: {os.cpu_count()} CPUs, flags: {cpu_flags()}; load average {os.getloadavg()[0]:.2f}")
    rows = {}
    for engine in args.engines.split(","):
        cmd = [sys.executable, __file__, "--engine", engine, "--tokens", str(args.tokens), "--parallel",
               str(args.parallel)] + (["--model", args.model] if args.model else [])
        env = {**os.environ, "TRANSLATE_CPU_BF16": "0"}  # transformers fp32 (the CPU path without AMX)
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
        line = [x for x in proc.stdout.splitlines() if x.startswith("RESULT ")]
        if not line:
            print(proc.stderr[-3000:], file=sys.stderr)
            raise SystemExit(f"engine {engine} failed")
        rows[engine] = json.loads(line[0][7:])
        print(f"{engine}: {rows[engine]}", flush=True)
    print(f"\n{'engine':<14} {'load s':>8} {'batch-1 tok/s':>14} {f'{args.parallel} parallel tok/s':>20} {'peak RSS':>9}")
    for engine, r in rows.items():
        print(f"{engine:<14} {r['load_s']:>8.1f} {r['batch1_tok_s']:>14.1f} {r['parallel_tok_s']:>20.1f} "
              f"{r['rss_mb']:>8.0f}M")
    if len(rows) == 2:
        a, b = rows["llamacpp"], rows["transformers"]
        print(f"llama.cpp vs transformers: load {b['load_s'] / a['load_s']:.1f}x faster, batch-1 decode "
              f"{a['batch1_tok_s'] / b['batch1_tok_s']:.2f}x, parallel {a['parallel_tok_s'] / b['parallel_tok_s']:.2f}x")


if __name__ == "__main__":
    main()
