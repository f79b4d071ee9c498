"""Does llama.cpp's speculative decoding pay on this machine? (issue 21, item 4)

One llama.cpp server per mode (xllamacpp, in this process), batch 1, greedy; the same translation prompts
(HumanEval-X Python functions -> JavaScript, from ../shared/bench) go to every mode in turn, prompt by
prompt (interleaved, so load drifts hit all modes alike). Prints tokens/s per mode and its ratio to the
first mode, the drafted / accepted token counts llama.cpp reports, and how many answers are byte-identical
across modes (greedy output must not change).

Modes: ``none``; ``ngram-simple:N:M:HITS``, ``ngram-map-k:N:M:HITS`` (lookup of the last N tokens in the
context, drafts of up to M tokens); ``ngram-mod:MATCH:MIN:MAX``; ``draft:PATH.gguf`` (a draft model).

    python bench/draft_bench.py --model qwen2.5-coder-1.5b --modes none,ngram-simple:3:8:1,ngram-mod:4:2:16 \
        --tasks 8 --threads 2
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
DATA = ROOT.parent / "shared" / "bench" / "humaneval-x" / "python" / "humaneval_python.jsonl.gz"


def server(xlc, path: str, mode: str, threads: int):
    p = xlc.CommonParams()
    p.model.path = path
    p.n_parallel, p.n_ctx = 1, 4096
    p.cpuparams.n_threads = p.cpuparams_batch.n_threads = threads
    p.warmup, p.verbosity, p.api_keys = False, -1, ["bench"]
    kind, *nums = mode.split(":")
    types = xlc.common_speculative_type
    if kind == "draft":
        p.speculative.types = [types.COMMON_SPECULATIVE_TYPE_DRAFT_SIMPLE]
        p.speculative.draft.mparams.path = ":".join(nums)
        p.speculative.draft.cpuparams.n_threads = p.speculative.draft.cpuparams_batch.n_threads = threads
    elif kind != "none":
        p.speculative.types = [getattr(types, "COMMON_SPECULATIVE_TYPE_" + kind.upper().replace("-", "_"))]
        if nums and kind in ("ngram-simple", "ngram-map-k"):
            cfg = p.speculative.ngram_simple if kind == "ngram-simple" else p.speculative.ngram_map_k
            cfg.size_n, cfg.size_m, cfg.min_hits = map(int, nums)  # set in place (the field is read-only)
        elif nums and kind == "ngram-mod":
            p.speculative.ngram_mod.n_match, p.speculative.ngram_mod.n_min, p.speculative.ngram_mod.n_max = map(int, nums)
    return xlc.Server(p)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default="qwen2.5-coder-1.5b", help="pack name or .gguf path")
    ap.add_argument("--modes", default="none,ngram-simple:3:8:1,ngram-mod:4:2:16")
    ap.add_argument("--tasks", type=int, default=8)
    ap.add_argument("--first", type=int, default=10, help="the first HumanEval task used")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--max-tokens", type=int, default=400)
    args = ap.parse_args()
    import xllamacpp as xlc
    from engine_bench import cpu_flags

    from translate.engines.resolve import resolve_model

    spec = None if args.model.endswith(".gguf") else resolve_model(args.model)
    path = args.model if spec is None else str(Path(spec.path or ".") / (spec.gguf_file or ""))
    modes = args.modes.split(",")
    rows = [json.loads(line) for line in gzip.open(DATA, "rt")][args.first:args.first + args.tasks]
    print(f"# {len(rows)} tasks, modes {modes}, {args.threads} threads, CPU flags: {cpu_flags()}, "
          f"load {os.getloadavg()[0]:.1f}", flush=True)
    servers = {m: server(xlc, path, m, args.threads) for m in modes}
    totals = {m: [0, 0.0, 0, 0] for m in modes}
    same = 0
    for r in rows:
        ask = ("Translate this Python function to JavaScript. Answer with one fenced code block.\n```python\n"
               + r["prompt"] + r["canonical_solution"] + "\n```")
        digests = {}
        for m in modes:
            t0 = time.perf_counter()
            res = servers[m].handle_chat_completions({"messages": [{"role": "user", "content": ask}],
                                                      "max_tokens": args.max_tokens, "temperature": 0,
                                                      "cache_prompt": False})
            seconds = time.perf_counter() - t0
            timings = res.get("timings", {})
            digests[m] = hashlib.sha256(res["choices"][0]["message"]["content"].encode()).hexdigest()[:8]
            t = totals[m]
            t[0] += res["usage"]["completion_tokens"]
            t[1] += seconds
            t[2] += timings.get("draft_n") or 0
            t[3] += timings.get("draft_n_accepted") or 0
        same += len(set(digests.values())) == 1
        print(r["task_id"], digests, flush=True)
    base = totals[modes[0]][0] / totals[modes[0]][1]
    print("| mode | tokens | seconds | tokens/s | ratio | drafted | accepted |\n|---|---:|---:|---:|---:|---:|---:|")
    for m, (tok, s, drafted, accepted) in totals.items():
        print(f"| {m} | {tok} | {s:.1f} | {tok / s:.2f} | {tok / s / base:.2f} | {drafted} | {accepted} |")
    print(f"identical answers across modes: {same} of {len(rows)}; load at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
