"""Build a tiny random-weight CodeGen model with a locally trained tokenizer (nothing downloaded).

The CodeGen code path (config, tokenizer, loading from a directory, generation, truncation) runs for
real; the weights are random, so answers are garbage and exercise the failure/repair paths.
Used by ``conftest.py`` and by the benchmarks.
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _corpus() -> list[str]:
    texts = []
    for path in sorted((ROOT / "samples").rglob("*")):
        if path.is_file() and path.suffix in {".py", ".js", ".ts", ".java", ".c", ".cpp", ".go", ".rs", ".cs", ".h"}:
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    texts.append("# Translate this Python function to JavaScript.\nfunction add(a, b) {\n  return a + b;\n}\n")
    return texts


def build_tiny_codegen(dest: str | Path, *, vocab_size: int = 1024, seed: int = 0) -> Path:
    """Write a loadable CodeGen model directory to ``dest`` and return it."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import CodeGenConfig, CodeGenForCausalLM, PreTrainedTokenizerFast

    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=["<|endoftext|>"],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(_corpus(), trainer=trainer)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<|endoftext|>", eos_token="<|endoftext|>",
                                   unk_token="<|endoftext|>", pad_token="<|endoftext|>")
    fast.save_pretrained(dest)

    torch.manual_seed(seed)
    config = CodeGenConfig(vocab_size=len(fast), n_positions=2048, n_ctx=2048, n_embd=64, n_layer=2, n_head=4,
                           rotary_dim=8, bos_token_id=fast.bos_token_id, eos_token_id=fast.eos_token_id,
                           pad_token_id=fast.pad_token_id, tie_word_embeddings=False)
    model = CodeGenForCausalLM(config)
    model.save_pretrained(dest)
    return dest
