"""Translate the same units two ways with the same model, in one run, and print the ratio.

* seed: the seed's way: one ``model.generate`` per unit, fp32 weights on CPU, fixed ``max_new_tokens``
  (256), no batching, no early stop beyond EOS; the answer is truncated afterwards.
* pipeline-1 / pipeline-3: ``translate.translation.pipeline`` as shipped (one turn / the default three turns) on the
  engine ``--engine auto`` picks: llama.cpp for a GGUF model on CPU (slots decode together, the shared
  prompt head is prefilled once and copied to every slot, each sequence stops as soon as its unit is
  complete, token budget from the source size).
* pipeline-1-hf: the pipeline on transformers (our decode loop: shared-prefix KV cache, finished rows leave
  the batch; bf16 where the CPU has AMX, else fp32); pipeline-1-hf-nodraft: without prompt-lookup drafts;
  pipeline-1-hf-generate: with ``model.generate`` batches instead of our loop.

Each mode runs in its own subprocess so peak RSS is its own. Load and decode speed of the two engines:
``bench/engine_bench.py``.

    python bench/translate_bench.py [--model M] [--units 40] [--target javascript] [--modes seed,pipeline-1]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from engine_bench import cpu_flags  # noqa: E402

STDLIB_MODULES = ["textwrap.py", "posixpath.py", "genericpath.py", "colorsys.py", "bisect.py", "heapq.py",
                  "fnmatch.py", "shlex.py", "string.py", "statistics.py", "calendar.py", "base64.py"]


FP32 = {"TRANSLATE_CPU_BF16": "0"}
HF = {"TRANSLATE_BENCH_ENGINE": "transformers"}
MODES = {  # name -> (child mode, environment)
    "seed": ("seed", FP32),
    "pipeline-1": ("pipeline-1", {}),
    "pipeline-3": ("pipeline-3", {}),
    "pipeline-1-hf": ("pipeline-1", HF),
    "pipeline-1-hf-nodraft": ("pipeline-1", {**HF, "TRANSLATE_DRAFT": "0"}),
    "pipeline-1-hf-generate": ("pipeline-1", {**HF, "TRANSLATE_DECODE": "generate"}),
}


def collect_units(n: int) -> list[tuple[str, str]]:
    """(name, source) of n small top-level Python functions: samples first, then the standard library."""
    from translate import get_language, parse_text
    from translate.source.validate import validate

    py = get_language("python")
    files = sorted((ROOT / "samples").rglob("*.py"))
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    files += [stdlib / m for m in STDLIB_MODULES if (stdlib / m).exists()]
    units, seen = [], set()
    for f in files:
        parsed = parse_text(f.read_text(encoding="utf-8"), py)
        for u in parsed.top_units:
            if u.kind == "function" and 80 <= len(u.text) <= 700 and u.name not in seen and not validate(u.text, py):
                seen.add(u.name)
                units.append((u.name, u.text))
                if len(units) == n:
                    return units
    return units


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_seed(model: str | None, target: str, units) -> dict:
    import torch

    from translate.engines.loader import load_backend
    from translate.source.languages import get_language
    from translate.translation.extract import extract_code
    from translate.translation.prompts import TranslationTask, build_request

    b = load_backend(model, engine="transformers")
    tgt, src = get_language(target), get_language("python")
    tok, m = b.tokenizer, b.model
    t0, tokens, valid = time.perf_counter(), 0, 0
    from translate.translation.checks import check_translation

    for name, code in units:
        task = TranslationTask(src, tgt, code, "function", name)
        req = build_request(task, [], chat=b.is_chat, max_new_tokens=256, temperature=0, top_p=1, n=1, seed=None)
        enc = tok(b.render(req), return_tensors="pt", add_special_tokens=False)
        with torch.inference_mode():
            out = m.generate(**enc, max_new_tokens=256, do_sample=False, pad_token_id=tok.pad_token_id)
        new = out[0, enc["input_ids"].shape[1]:]
        tokens += int(new.shape[0])
        answer = extract_code(req.prefix + tok.decode(new, skip_special_tokens=True), tgt, fenced=b.is_chat)
        valid += not check_translation(answer, tgt, "function", name)
    secs = time.perf_counter() - t0
    return {"units": len(units), "seconds": secs, "tokens": tokens, "valid": valid, "rss_mb": peak_rss_mb(),
            "engine": f"hf-{str(b.dtype)[6:]}", "loop": "generate", "model": b.model_id}


def run_pipeline(model: str | None, target: str, units, turns: int, batch_size: int) -> dict:
    from translate.engines.loader import load_backend
    from translate.translation.pipeline import TranslateOptions, translate_sources

    b = load_backend(model, engine=os.environ.get("TRANSLATE_BENCH_ENGINE", "auto"), batch_size=batch_size)
    items = [(f"{name}.py", code, "python") for name, code in units]
    t0 = time.perf_counter()
    results = translate_sources(items, target, b, TranslateOptions(max_turns=turns, batch_size=batch_size))
    secs = time.perf_counter() - t0
    recs = [u for r in results for u in r.units if u.kind != "glue"]
    engine = b.engine if b.engine == "llamacpp" else f"hf-{str(b.dtype)[6:]}"
    loop = f"{b.slots} slots" if b.engine == "llamacpp" else ("own" if b.own_loop else "generate")
    return {"units": len(recs), "seconds": secs, "tokens": sum(u.new_tokens for u in recs),
            "valid": sum(u.status in ("ok", "repaired") for u in recs), "rss_mb": peak_rss_mb(),
            "engine": engine, "loop": loop, "model": b.model_id}


def child(args) -> None:
    units = collect_units(args.units)
    if args.mode == "seed":
        res = run_seed(args.model, args.target, units)
    else:
        res = run_pipeline(args.model, args.target, units, int(args.mode.split("-")[1]), args.batch_size)
    print("RESULT " + json.dumps(res))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=None)
    ap.add_argument("--units", type=int, default=40)
    ap.add_argument("--target", default="javascript")
    ap.add_argument("--seed-units", type=int, default=None,
                    help="units for the seed's way (default: --units); its units/s is compared per unit")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--modes", default=",".join(MODES), help="comma-separated subset of " + ",".join(MODES))
    ap.add_argument("--mode", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.mode:
        return child(args)
    rows = {}
    modes = [m for m in args.modes.split(",") if m]
    for mode in modes:
        n = args.seed_units if mode == "seed" and args.seed_units else args.units
        cmd = [sys.executable, __file__, "--mode", MODES[mode][0], "--units", str(n), "--target", args.target,
               "--batch-size", str(args.batch_size)]
        if args.model:
            cmd += ["--model", args.model]
        proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **MODES[mode][1]})
        line = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
        if not line:
            print(proc.stderr[-2000:], file=sys.stderr)
            raise SystemExit(f"mode {mode} failed")
        rows[mode] = json.loads(line[0][7:])
        print(f"{mode}: {rows[mode]}", flush=True)
    seed = rows.get("seed")
    print(f"\nmodel {next(iter(rows.values()))['model']}; CPU flags: {cpu_flags()}")
    print(f"\n{'mode':<22} {'engine':>9} {'loop':>8} {'units':>5} {'valid':>5} {'seconds':>8} {'units/s':>8} "
          f"{'tok/s':>7} {'tokens':>7} {'peakRSS':>8}  vs seed")
    for mode in modes:
        r = rows[mode]
        ups = r["units"] / r["seconds"]
        ratio = f"{ups / (seed['units'] / seed['seconds']):.2f}x" if seed else "-"
        print(f"{mode:<22} {r['engine']:>9} {r['loop']:>8} {r['units']:>5} {r['valid']:>5} {r['seconds']:>8.1f} "
              f"{ups:>8.3f} {r['tokens'] / r['seconds']:>7.1f} {r['tokens']:>7} {r['rss_mb']:>7.0f}M  {ratio}")


if __name__ == "__main__":
    main()
