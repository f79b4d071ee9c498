"""Load time and decode speed of one GGUF model on both engines, in one run: llama.cpp (xllamacpp) vs
transformers (fp32, the GGUF de-quantized at load).

For each engine, in its own subprocess (so memory and threads are its own):
* load: from nothing to a backend that can generate (file read, de-quantization for transformers);
* batch 1: one greedy sequence of ``--tokens`` new tokens (EOS ignored), tokens/s;
* parallel: ``--parallel`` sequences at once (different prompts), aggregate tokens/s (llama.cpp: its slots,
  continuous batching; transformers: our decode loop with the batch).

    python bench/engine_bench.py --model qwen2.5-coder-1.5b [--tokens 96] [--parallel 8] [--engines llamacpp,transformers]
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
    args = ap.parse_args()
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
