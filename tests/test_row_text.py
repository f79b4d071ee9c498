"""The decode loop's running answer text (translate.engines.stopping.RowText): the same text as decoding the
whole row, from decodes of a few tokens only."""
from __future__ import annotations

import random

import pytest

from translate.engines.stopping import RowText

TEXT = ("def größe(x):\n    return x * 2  # ünïcödé ✓ 🚀 \u4e2d\u6587\n\n"
        "function add(a, b) {\n  return a + b;\n}\n") * 3


def _byte_level():
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.train_from_iterator([TEXT], trainers.BpeTrainer(vocab_size=300, special_tokens=["<|endoftext|>"],
                                                        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
                                                        show_progress=False))
    return tok


def _metaspace():
    """SentencePiece-style: the decoder drops a leading space, so decoding a suffix on its own differs."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE(unk_token="<unk>", byte_fallback=True))
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.decoder = decoders.Sequence([decoders.ByteFallback(), decoders.Metaspace()])
    alphabet = [f"<0x{i:02X}>" for i in range(256)]
    tok.train_from_iterator([TEXT], trainers.BpeTrainer(vocab_size=400, special_tokens=["<unk>"] + alphabet,
                                                        show_progress=False))
    return tok


class _HF:
    """The two calls RowText makes of a transformers tokenizer, on a bare ``tokenizers`` one; records
    the length of every decode."""

    def __init__(self, tok):
        self.tok, self.lengths = tok, []

    def decode(self, ids, skip_special_tokens=True):
        self.lengths.append(len(ids))
        return self.tok.decode(list(ids), skip_special_tokens=skip_special_tokens)


@pytest.mark.parametrize("make", [_byte_level, _metaspace])
def test_each_step_matches_decoding_the_whole_row(make):
    tok = make()
    ids = tok.encode(TEXT).ids
    # the decoder's view of an answer the model is writing, two rows at different points, and (byte-level
    # BPE: CodeGen, Qwen) random ids, which split multi-byte characters anywhere. (Random byte tokens in a
    # SentencePiece decoder can come out a space apart: invalid UTF-8 there is not an answer to stop well.)
    rng = random.Random(0)
    noise = [rng.randrange(tok.get_vocab_size()) for _ in range(300)] if make is _byte_level else []
    hf = _HF(tok)
    text = RowText(hf)
    for row, seq in enumerate([ids, ids[5:], noise]):
        for k in range(1, len(seq) + 1):
            whole = tok.decode(seq[:k], skip_special_tokens=True)
            got = text(row, seq[:k])
            if whole.endswith("\ufffd"):  # a character still coming: the text so far, without it
                assert whole.startswith(got), (row, k)
            else:
                assert got == whole, (row, k)
    # and no decode was of a whole row: a few tokens each
    assert max(hf.lengths) <= 16, max(hf.lengths)
    assert sum(hf.lengths) < 10 * (len(ids) * 2 + len(noise))


def test_the_decode_loop_stops_at_the_same_place_as_a_whole_decode(tiny_codegen_dir):
    """A stop pattern in the own loop ends a row exactly where a test on the whole decoded text would."""
    from translate.engines.base import GenRequest
    from translate.engines.loader import BackendConfig, open_backend

    b = open_backend(BackendConfig(model=str(tiny_codegen_dir), engine="transformers", device="cpu"))
    b.load()
    free = b.generate([GenRequest(prompt="def add(a, b):\n", max_new_tokens=60, loop_repeats=10**6)])[0].texts[0]
    assert len(free) > 20
    stop = free[len(free) // 2: len(free) // 2 + 3]  # a piece from the middle of the free-running answer
    cut = b.generate([GenRequest(prompt="def add(a, b):\n", max_new_tokens=60, loop_repeats=10**6,
                                 stop=[__import__("re").escape(stop)])])[0].texts[0]
    assert stop not in cut and free.startswith(cut) and len(cut) < len(free)
    # while decoding, the stop test decodes a few tokens at a time; the whole row once, for the result
    tok = b._inner.tokenizer
    lengths: list[int] = []
    decode = tok.decode
    tok.decode = lambda ids, **kw: lengths.append(len(ids)) or decode(ids, **kw)
    try:
        b.generate([GenRequest(prompt="def add(a, b):\n", max_new_tokens=60, loop_repeats=10**6, stop=["@@@"])])
    finally:
        del tok.decode
    assert len(lengths) > 30 and sum(n > 16 for n in lengths) == 1, lengths
