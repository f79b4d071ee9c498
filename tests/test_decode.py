"""Our decode loop (shared-prefix cache, rows leaving the batch) against ``model.generate``, on the real
tiny CodeGen model in fp32."""
from __future__ import annotations

import functools

import pytest
import torch

from translate.engines.base import GenRequest
from translate.engines.decode import PrefixMemo, decode_rows, supports_own_loop

HEAD = "# Translate this Python function to JavaScript.\n# Keep the name and the behavior.\n"
BODIES = ["def add(a, b):\n    return a + b\n", "def f(x):\n", "def long_one(items, key=None):\n    out = []\n"
          "    for item in items:\n        out.append(item)\n    return out\n"]


@pytest.fixture(scope="module")
def backend(tiny_codegen_dir):
    from translate.engines.loader import load_backend

    b = load_backend(str(tiny_codegen_dir), dtype="fp32")
    assert b.own_loop and supports_own_loop(b.model)
    return b


def _reference(backend, ids: list[int], n: int) -> list[int]:
    """Greedy tokens from ``model.generate`` for one prompt, alone (no padding at all)."""
    x = torch.tensor([ids])
    with torch.inference_mode():
        out = backend.model.generate(input_ids=x, attention_mask=torch.ones_like(x), max_new_tokens=n,
                                     min_new_tokens=n, do_sample=False, pad_token_id=backend.tokenizer.pad_token_id)
    return out[0, len(ids):].tolist()


def test_shared_prefix_and_middle_padding_give_the_same_tokens_as_generate(backend):
    tok = backend.tokenizer
    rows = [tok(HEAD * 3 + b, add_special_tokens=False)["input_ids"] for b in BODIES]
    memo = PrefixMemo()
    out = decode_rows(backend.model, rows, pad_id=tok.pad_token_id, max_new=[12] * 3,
                      finished=lambda row, toks: False, memo=memo)
    assert memo.misses == 1  # the shared head was prefilled once
    for ids, got in zip(rows, out):
        assert got == _reference(backend, ids, 12)


def test_a_finished_row_leaves_the_batch_without_changing_the_others(backend):
    tok = backend.tokenizer
    rows = [tok(HEAD + b, add_special_tokens=False)["input_ids"] for b in BODIES]
    full = decode_rows(backend.model, rows, pad_id=tok.pad_token_id, max_new=[10, 10, 10],
                       finished=lambda row, toks: False)
    seen_lengths = []

    def finished(row, toks):
        seen_lengths.append((row, len(toks)))
        return row == 0 and len(toks) == 2

    early = decode_rows(backend.model, rows, pad_id=tok.pad_token_id, max_new=[10, 4, 10], finished=finished)
    assert early[0] == full[0][:2]
    assert early[1] == full[1][:4]  # its own budget
    assert early[2] == full[2]
    assert max(n for r, n in seen_lengths if r == 0) == 2  # row 0 was not asked about again


def test_the_prefix_memo_is_reused_across_calls(backend):
    tok = backend.tokenizer
    rows = [tok(HEAD * 3 + b, add_special_tokens=False)["input_ids"] for b in BODIES[:2]]
    memo = PrefixMemo()
    first = decode_rows(backend.model, rows, pad_id=tok.pad_token_id, max_new=[6, 6],
                        finished=lambda r, t: False, memo=memo)
    second = decode_rows(backend.model, rows, pad_id=tok.pad_token_id, max_new=[6, 6],
                         finished=lambda r, t: False, memo=memo)
    assert first == second
    assert (memo.misses, memo.hits) == (1, 1)


def test_backend_answers_match_the_generate_fallback(backend):
    reqs = [GenRequest(prompt=HEAD + b, max_new_tokens=16, stop=[r"\n\n\n"]) for b in BODIES]
    reqs.append(GenRequest(prompt=HEAD + BODIES[0], max_new_tokens=16, temperature=0.8, top_p=0.9, n=2, seed=3))
    own = backend.generate(reqs)
    backend.own_loop = False
    try:
        fallback = backend.generate(reqs)
    finally:
        backend.own_loop = True
    assert [r.texts for r in own] == [r.texts for r in fallback]
    assert [r.new_tokens for r in own] == [r.new_tokens for r in fallback]


def test_cpu_bf16_switch_and_revision(tiny_codegen_dir, monkeypatch):
    from translate.engines.loader import load_backend

    monkeypatch.setenv("TRANSLATE_CPU_BF16", "1")
    b16 = load_backend(str(tiny_codegen_dir), device="cpu")
    monkeypatch.setenv("TRANSLATE_CPU_BF16", "0")
    b32 = load_backend(str(tiny_codegen_dir), device="cpu")
    assert b16.dtype == torch.bfloat16 and b32.dtype == torch.float32
    assert b16.revision == b32.revision + "+bfloat16"  # cache keys differ: answers depend on the dtype
    text = b16.generate([GenRequest(prompt="def f(x):", max_new_tokens=5)])[0].texts[0]
    assert text.strip()


def test_waiting_rows_join_the_running_batch(backend, monkeypatch):
    """Width 2 for 5 rows of different lengths and budgets: rows are admitted as others finish (their KV
    merged into the running batch with masked padding) and every row still gets generate's tokens."""
    import translate.engines.decode as decode

    merges = []
    real_merge = decode.merge
    monkeypatch.setattr(decode, "merge", lambda *a: merges.append(1) or real_merge(*a))
    tok = backend.tokenizer
    bodies = BODIES + ["def g(a, b, c):\n    if a:\n        return b\n", "class K:\n"]
    rows = [tok(HEAD * 2 + b, add_special_tokens=False)["input_ids"] for b in bodies]
    budgets = [3, 14, 6, 11, 9]
    out = decode_rows(backend.model, rows, pad_id=tok.pad_token_id, max_new=budgets,
                      finished=lambda r, t: False, width=2)
    assert merges  # rows joined a running batch
    for ids, n, got in zip(rows, budgets, out):
        assert got == _reference(backend, ids, n)


def test_loop_guard_stops_a_row_that_repeats_itself():
    from translate.engines.stopping import LoopGuard

    guard = LoopGuard(width=4, times=3)
    loop = [1, 2, 3, 4, 5] * 4
    stopped_at = next(i for i in range(1, len(loop) + 1) if guard(0, loop[:i]))
    assert stopped_at == 14  # the span 1,2,3,4 seen for the third time
    assert guard.looped == {0}
    fresh = LoopGuard(width=4, times=3)
    assert not any(fresh(1, list(range(i))) for i in range(1, 60))  # never repeats: never stopped
    assert not fresh.looped
    patient = LoopGuard(width=4, times=3)  # a request allowing 5 repeats (its source repeats a line 4 times)
    longer = loop * 2
    assert next(i for i in range(1, len(longer) + 1) if patient(2, longer[:i], 5)) == 24  # 1,2,3,4 the 5th time


def test_loop_repeats_follow_the_sources_most_repeated_line():
    from translate.engines.stopping import loop_repeats

    assert loop_repeats("def f(x):\n    return x\n") == 3  # the least
    table = "def f():\n" + "    RULES.insert(0, (a, b))\n    RULES.insert(0, (c, d))\n" * 3 + "    )\n" * 9
    assert loop_repeats(table) == 4  # the 3 copies of each insert line, plus one; `)` lines have no word


def test_checked_drafts_give_greedy_tokens_in_fewer_steps(backend, monkeypatch):
    """An oracle drafter that knows the greedy answer saves steps; a wrong one costs none of the output."""
    from translate.engines.lookup import Drafter

    tok = backend.tokenizer
    rows = [tok(HEAD + b, add_special_tokens=False)["input_ids"] for b in BODIES]
    calls = []
    real = backend.model.forward

    @functools.wraps(real)  # keeps the signature the loop inspects
    def counting(*a, **k):
        calls.append(k["input_ids"].shape)
        return real(*a, **k)

    monkeypatch.setattr(backend.model, "forward", counting)
    plain = decode_rows(backend.model, rows, pad_id=tok.pad_token_id, max_new=[24, 30, 18],
                        finished=lambda r, t: False)
    plain_steps = len(calls)

    class Oracle(Drafter):
        def __init__(self, right: bool):
            super().__init__(tokens=4)
            self.right, self.base = right, {}

        def start(self, row, tokens):
            super().start(row, tokens)
            self.base[row] = len(tokens)

        def draft(self, row):
            made = len(self.seq[row]) - self.base[row]
            nxt = plain[row][made:made + 4]
            return nxt if self.right else [(t + 1) % 50 for t in nxt]

    for right in (True, False):
        calls.clear()
        got = decode_rows(backend.model, rows, pad_id=tok.pad_token_id, max_new=[24, 30, 18],
                          finished=lambda r, t: False, drafter=Oracle(right))
        assert got == plain
        assert any(shape[1] > 1 for shape in calls[2:])  # drafts were checked
        if right:
            assert len(calls) < plain_steps / 2
    # a finished row stops in the middle of an accepted draft
    calls.clear()
    early = decode_rows(backend.model, rows, pad_id=tok.pad_token_id, max_new=[24, 30, 18],
                        finished=lambda r, t: r == 1 and len(t) == 6, drafter=Oracle(True))
    assert early[1] == plain[1][:6] and early[0] == plain[0]


def test_ngram_drafter_proposes_what_followed_the_last_tokens():
    from translate.engines.lookup import Drafter

    d = Drafter(ngram=2, tokens=3)
    d.start(0, [5, 6, 7, 8, 9, 1, 2])
    assert d.draft(0) == []  # (1, 2) never seen before
    d.push(0, 5)
    d.push(0, 6)
    assert d.draft(0) == [7, 8, 9]  # (5, 6) was followed by 7, 8, 9
    d.push(0, 7)
    assert d.draft(0) == [8, 9, 1]


def test_seeded_rows_sample_the_same_when_rows_join_and_leave(backend):
    """Each row draws from its own generator, whatever rows share its batch (width 2 for 4 rows: rows
    finish at different budgets, others join)."""
    from translate.engines.batching import SeededSampler

    tok = backend.tokenizer
    reqs = [GenRequest(prompt=HEAD + b, temperature=0.9, top_p=0.95, seed=s) for s, b in enumerate(BODIES + ["x"])]
    rows = [tok(r.prompt, add_special_tokens=False)["input_ids"] for r in reqs]
    budgets = [3, 9, 5, 7]
    together = decode_rows(backend.model, rows, pad_id=tok.pad_token_id, max_new=budgets,
                           finished=lambda r, t: False, pick=SeededSampler(reqs, 1).pick, width=2)
    for i in range(len(rows)):
        alone = decode_rows(backend.model, [rows[i]], pad_id=tok.pad_token_id, max_new=[budgets[i]],
                            finished=lambda r, t: False, pick=SeededSampler([reqs[i]], 1).pick)
        assert together[i] == alone[0], i
