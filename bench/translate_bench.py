"""Translate the same units two ways with the same model, in one run, and print the ratio.

* seed: the seed's way: one ``model.generate`` per unit, fp32 weights on CPU, fixed ``max_new_tokens``
  (256), no batching, no early stop beyond EOS; the answer is truncated afterwards.
* pipeline-1 / pipeline-3: ``translate.pipeline`` as shipped (one turn / the default three turns): our
  decode loop (shared-prefix KV cache, finished rows leave the batch, per-row early stop at the end of the
  unit, token budget from the source size), weights in bf16 where the CPU has AMX.
* pipeline-1-nodraft: the same without prompt-lookup drafts in the tail;
* pipeline-1-fp32: the same with fp32 weights;
  pipeline-1-generate: the same with ``model.generate`` batches instead of our loop (the previous engine).

Each mode runs in its own subprocess so peak RSS is its own. Also prints decode tokens/s at batch 1
for transformers and, when ``llama-cpp-python`` is installed, llama.cpp on the same GGUF.

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

STDLIB_MODULES = ["textwrap.py", "posixpath.py", "genericpath.py", "colorsys.py", "bisect.py", "heapq.py",
                  "fnmatch.py", "shlex.py", "string.py", "statistics.py", "calendar.py", "base64.py"]


FP32 = {"TRANSLATE_CPU_BF16": "0"}
MODES = {  # name -> (child mode, environment)
    "seed": ("seed", FP32),
    "pipeline-1": ("pipeline-1", {}),
    "pipeline-3": ("pipeline-3", {}),
    "pipeline-1-nodraft": ("pipeline-1", {"TRANSLATE_DRAFT": "0"}),
    "pipeline-1-fp32": ("pipeline-1", FP32),
    "pipeline-1-generate": ("pipeline-1", {"TRANSLATE_DECODE": "generate"}),
    "decode": ("decode", {}),
}


def collect_units(n: int) -> list[tuple[str, str]]:
    """(name, source) of n small top-level Python functions: samples first, then the standard library."""
    from translate import get_language, parse_text
    from translate.validate import validate

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

    from translate.backends.loader import load_backend
    from translate.extract import extract_code
    from translate.languages import get_language
    from translate.prompts import TranslationTask, build_request

    b = load_backend(model)
    tgt, src = get_language(target), get_language("python")
    tok, m = b.tokenizer, b.model
    t0, tokens, valid = time.perf_counter(), 0, 0
    from translate.checks import check_translation

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
            "dtype": str(b.dtype)[6:], "loop": "generate"}


def run_pipeline(model: str | None, target: str, units, turns: int, batch_size: int) -> dict:
    from translate.backends.loader import load_backend
    from translate.pipeline import TranslateOptions, translate_sources

    b = load_backend(model)
    items = [(f"{name}.py", code, "python") for name, code in units]
    t0 = time.perf_counter()
    results = translate_sources(items, target, b, TranslateOptions(max_turns=turns, batch_size=batch_size))
    secs = time.perf_counter() - t0
    recs = [u for r in results for u in r.units if u.kind != "glue"]
    return {"units": len(recs), "seconds": secs, "tokens": sum(u.new_tokens for u in recs),
            "valid": sum(u.status in ("ok", "repaired") for u in recs), "rss_mb": peak_rss_mb(),
            "dtype": str(b.dtype)[6:], "loop": "own" if b.own_loop else "generate"}


def run_decode(model: str | None) -> dict:
    import torch

    from translate.backends.loader import load_backend

    b = load_backend(model)
    enc = b.tokenizer("def fibonacci(n):", return_tensors="pt")
    out = {}
    with torch.inference_mode():
        b.model.generate(**enc, max_new_tokens=8, do_sample=False)  # warm up
        t0 = time.perf_counter()
        b.model.generate(**enc, max_new_tokens=128, min_new_tokens=128, do_sample=False,
                         pad_token_id=b.tokenizer.pad_token_id)
        out["transformers_tok_s"] = 128 / (time.perf_counter() - t0)
        out["dtype"] = str(b.dtype)[6:]
    out["ct2_tok_s"] = _ct2_decode(b)
    spec = b.spec
    if spec.kind == "gguf":
        try:
            from llama_cpp import Llama
        except ImportError:
            out["llama_cpp_tok_s"] = None
        else:
            llm = Llama(model_path=str(spec.path / spec.gguf_file), n_ctx=512, n_threads=2, verbose=False)
            llm("def fibonacci(n):", max_tokens=8)
            t0 = time.perf_counter()
            r = llm("def fibonacci(n):", max_tokens=128, temperature=0, ignore_eos=True)
            out["llama_cpp_tok_s"] = r["usage"]["completion_tokens"] / (time.perf_counter() - t0)
    return out


def _ct2_decode(b) -> dict | None:
    """Batch-1 decode of the same weights in CTranslate2 (int8 and float32), when it is installed: the model
    is saved as a plain transformers directory and converted, in a temporary directory."""
    try:
        import ctranslate2
        import ctranslate2.converters as converters
    except ImportError:
        return None
    import tempfile

    import torch

    res = {}
    with tempfile.TemporaryDirectory() as tmp:
        plain = type(b.model)(b.model.config)  # a GGUF-loaded model refuses save_pretrained
        plain.load_state_dict(b.model.state_dict(), strict=False)
        plain.to(torch.float32).save_pretrained(f"{tmp}/hf")
        cfg = Path(f"{tmp}/hf/config.json")
        conf = json.loads(cfg.read_text())
        conf.pop("quantization_config", None)  # the converter refuses GGUF "quantization"
        cfg.write_text(json.dumps(conf))
        b.tokenizer.save_pretrained(f"{tmp}/hf")
        prompt = b.tokenizer.convert_ids_to_tokens(b.tokenizer("def fibonacci(n):")["input_ids"])
        for q in ("int8", "float32"):
            converters.TransformersConverter(f"{tmp}/hf").convert(f"{tmp}/ct2-{q}", quantization=q, force=True)
            g = ctranslate2.Generator(f"{tmp}/ct2-{q}", device="cpu", compute_type=q, intra_threads=2)
            g.generate_batch([prompt], max_length=8, include_prompt_in_result=False)
            t0 = time.perf_counter()
            r = g.generate_batch([prompt], max_length=128, min_length=128, include_prompt_in_result=False)
            res[q] = len(r[0].sequences_ids[0]) / (time.perf_counter() - t0)
    return res


def child(args) -> None:
    units = collect_units(args.units)
    if args.mode == "seed":
        res = run_seed(args.model, args.target, units)
    elif args.mode == "decode":
        res = run_decode(args.model)
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
        line = [l for l in proc.stdout.splitlines() if l.startswith("RESULT ")]
        if not line:
            print(proc.stderr[-2000:], file=sys.stderr)
            raise SystemExit(f"mode {mode} failed")
        rows[mode] = json.loads(line[0][7:])
        print(f"{mode}: {rows[mode]}", flush=True)
    seed = rows.get("seed")
    print(f"\n{'mode':<20} {'dtype':>8} {'loop':>8} {'units':>5} {'valid':>5} {'seconds':>8} {'units/s':>8} "
          f"{'tok/s':>7} {'tokens':>7} {'peakRSS':>8}  vs seed")
    for mode in modes:
        if mode == "decode":
            continue
        r = rows[mode]
        ups = r["units"] / r["seconds"]
        ratio = f"{ups / (seed['units'] / seed['seconds']):.2f}x" if seed else "-"
        print(f"{mode:<20} {r['dtype']:>8} {r['loop']:>8} {r['units']:>5} {r['valid']:>5} {r['seconds']:>8.1f} "
              f"{ups:>8.3f} {r['tokens'] / r['seconds']:>7.1f} {r['tokens']:>7} {r['rss_mb']:>7.0f}M  {ratio}")
    if "decode" not in rows:
        return
    d = rows["decode"]
    lc = d.get("llama_cpp_tok_s")
    ct2 = d.get("ct2_tok_s")
    print("CTranslate2 at batch 1: " + (", ".join(f"{q} {v:.1f} tok/s" for q, v in ct2.items()) if ct2
                                        else "not installed (pip install ctranslate2)"))
    print(f"decode at batch 1: transformers ({d['dtype']}) {d['transformers_tok_s']:.1f} tok/s; llama.cpp "
          + (f"{lc:.1f} tok/s ({lc / d['transformers_tok_s']:.2f}x)" if lc else "not installed"))


if __name__ == "__main__":
    main()
