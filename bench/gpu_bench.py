"""The transformers engine on a CUDA card (issue 21): a CodeGen-2B-shaped model, decode speed by batch size.

No weights can be fetched on a lent GPU machine (no network) nor carried there (64 MiB), so the model has
the shape of Salesforce's ``codegen-2B-multi`` (32 layers, 2560 wide, 32 heads, rotary 64, 2048 positions,
51,200-token vocabulary) and random weights; its tokenizer is a byte-level BPE trained on the running
Python's standard library (``build``). Its answers are garbage, so these are the engine's and the
pipeline's speeds, not translation quality: a random model almost never stops early, so every answer runs
to its token budget (the figures are an upper bound on tokens per unit). A random model also loops, and a
loop is what prompt-lookup drafts guess best: drafting figures from it say nothing about real answers.

    python bench/gpu_bench.py build DIR [--shape codegen-2b|tiny] [--tokenizer TOKDIR]
    python bench/gpu_bench.py engine DIR [--batches 1,8,32,64] [--tokens 128] [--data HUMANEVAL_X]

``engine``: load time through the product's loader, then for each batch size the aggregate new tokens/s of
our decode loop (shared-prefix cache, continuous batching: what the pipeline uses) and of
``model.generate`` batches (``TRANSLATE_DECODE=generate``), on HumanEval-X Python programs as prompts.
Whole runs: ``bench/throughput_bench.py --engine transformers --model DIR --device cuda``.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "bench" / "humaneval-x"

SHAPES = {  # CodeGenConfig keyword arguments
    "codegen-2b": dict(n_positions=2048, n_ctx=2048, n_embd=2560, n_layer=32, n_head=32, rotary_dim=64),
    "tiny": dict(n_positions=2048, n_ctx=2048, n_embd=64, n_layer=2, n_head=4, rotary_dim=8),
}
VOCAB = {"codegen-2b": 51200, "tiny": 2048}


def train_tokenizer(dest: Path, vocab: int):
    """A byte-level BPE tokenizer trained on the standard library's sources (cached in ``dest``)."""
    from transformers import PreTrainedTokenizerFast

    if (dest / "tokenizer.json").is_file():
        return PreTrainedTokenizerFast.from_pretrained(dest)
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    files = sorted(p for p in Path(sysconfig.get_paths()["stdlib"]).rglob("*.py") if "test" not in p.parts)
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.train_from_iterator(texts, trainers.BpeTrainer(vocab_size=vocab, special_tokens=["<|endoftext|>"],
                                         initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False))
    eot = "<|endoftext|>"
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token=eot, eos_token=eot, unk_token=eot, pad_token=eot)
    fast.save_pretrained(dest)
    return fast


def build(dest: Path, shape: str, tokdir: Path | None) -> None:
    import torch
    from transformers import CodeGenConfig, CodeGenForCausalLM

    t0 = time.perf_counter()
    tok = train_tokenizer(tokdir or dest, VOCAB[shape])
    tok.save_pretrained(dest)
    t_tok = time.perf_counter() - t0
    cfg = CodeGenConfig(vocab_size=max(len(tok), VOCAB[shape]) if shape != "tiny" else len(tok), **SHAPES[shape],
                        bos_token_id=tok.bos_token_id, eos_token_id=tok.eos_token_id, pad_token_id=tok.pad_token_id,
                        tie_word_embeddings=False)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    torch.manual_seed(0)
    with torch.device(device):
        model = CodeGenForCausalLM(cfg)
    model.to(torch.bfloat16 if device == "cuda" else torch.float32).save_pretrained(dest)
    params = sum(p.numel() for p in model.parameters())
    print(f"built {shape}: {params / 1e9:.2f}B parameters, tokenizer {len(tok)} tokens ({t_tok:.1f} s), "
          f"model {time.perf_counter() - t0 - t_tok:.1f} s on {device}", flush=True)


def prompts(data: Path, n: int) -> list[str]:
    from translate.evaluation.humanevalx import load_problems

    progs = [p.source_program for p in load_problems("python", data)]
    return [progs[i % len(progs)] for i in range(n)]


def engine(model: str, batches: list[int], tokens: int, data: Path, device: str) -> dict:
    import torch

    from translate.engines.base import GenRequest
    from translate.engines.loader import BackendConfig, open_backend

    t0 = time.perf_counter()
    b = open_backend(BackendConfig(model=model, engine="transformers", batch_size=max(batches), device=device))
    b.load()
    load = time.perf_counter() - t0
    inner = b._inner  # the bench reaches past the lazy wrapper to switch decode loops
    card = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "cpu"
    print(f"load {load:.1f} s on {card}, dtype {inner.dtype}", flush=True)
    b.generate([GenRequest(prompt="def warm_up():", max_new_tokens=8)])
    rows = []
    for loop in ("own", "own-nodraft", "generate"):
        inner.own_loop = loop != "generate"
        os.environ["TRANSLATE_DRAFT"] = "0" if loop == "own-nodraft" else "6"
        for n in batches:
            inner.batch_size = n
            # a random model repeats itself: the loop guard would end its rows early, at different points
            # in each decode loop, so it is off here and every row runs its ``tokens`` (EOS aside)
            reqs = [GenRequest(prompt=p, max_new_tokens=tokens, loop_repeats=10**9) for p in prompts(data, n)]
            # a first call at a new shape pays for kernel choices and allocator growth: warm each shape first
            b.generate([GenRequest(prompt=r.prompt, max_new_tokens=8, loop_repeats=10**9) for r in reqs])
            if torch.cuda.is_available():
                torch.cuda.synchronize()
                torch.cuda.reset_peak_memory_stats()
            t0 = time.perf_counter()
            res = b.generate(reqs)
            dt = time.perf_counter() - t0
            new = sum(r.new_tokens for r in res)
            peak = torch.cuda.max_memory_allocated() / 2**30 if torch.cuda.is_available() else 0.0
            prompt_tokens = sum(inner.count_tokens(r.prompt or "") for r in reqs)
            rows.append({"loop": loop, "batch": n, "new_tokens": new, "seconds": dt, "tok_s": new / dt,
                         "ms_per_token_step": 1000 * dt / max(1, max(len(r.texts) and r.new_tokens for r in res)),
                         "prompt_tokens": prompt_tokens, "peak_gib": peak})
            print(json.dumps(rows[-1]), flush=True)
    return {"load_s": load, "card": card, "dtype": str(inner.dtype), "rows": rows}


def show(res: dict) -> None:
    print(f"\ncard: {res['card']}; load {res['load_s']:.1f} s; dtype {res['dtype']}")
    print("| decode loop | batch | prompt tokens | new tokens | s | new tokens/s | ms per step (longest row) "
          "| peak GiB |")
    print("|---|---|---|---|---|---|---|---|")
    for r in res["rows"]:
        print(f"| {r['loop']} | {r['batch']} | {r['prompt_tokens']} | {r['new_tokens']} | {r['seconds']:.2f} "
              f"| {r['tok_s']:.1f} | {r['ms_per_token_step']:.1f} | {r['peak_gib']:.1f} |")
    by = {(r["loop"], r["batch"]): r["tok_s"] for r in res["rows"]}
    for loop in ("own", "own-nodraft"):
        print(f"{loop} vs model.generate (new tokens/s): " + ", ".join(
            f"batch {n} {by[loop, n] / by['generate', n]:.2f}x" for (lp, n) in by if lp == loop and ("generate", n) in by))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("step", choices=["build", "engine"])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--shape", choices=sorted(SHAPES), default="codegen-2b")
    ap.add_argument("--tokenizer", type=Path, default=None, help="a cached tokenizer directory (trained if empty)")
    ap.add_argument("--batches", default="1,8,32,64")
    ap.add_argument("--tokens", type=int, default=128)
    ap.add_argument("--device", default="auto")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if args.step == "build":
        return build(args.dir, args.shape, args.tokenizer)
    res = engine(str(args.dir), [int(x) for x in args.batches.split(",")], args.tokens, args.data, args.device)
    if args.json:
        args.json.write_text(json.dumps(res, indent=1))
    show(res)


if __name__ == "__main__":
    main()
