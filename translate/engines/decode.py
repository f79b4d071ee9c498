"""Our own decode loop for transformers decoder models: shared-prefix KV cache and shrinking batches.

``model.generate`` keeps every row of a batch until the longest one ends and prefills every prompt in
full. Translation prompts share a long head (system prompt + one-shot example + the turn's instruction),
and answers end at very different lengths, so on CPU both cost a lot. This loop:

* prefills the token prefix all rows share **once** (and remembers it across calls: every batch of a
  run starts the same way), then copies that cache to each row;
* lays rows out as ``[shared prefix][padding][own suffix]`` with an attention mask and explicit
  position ids, so padding never shifts positions;
* drops a row from the batch (and from the KV cache) as soon as it is finished, so late steps only pay
  for the rows still running.

Rows decode greedily; a ``pick`` callback may replace the greedy choice (seeded sampling).
"""
from __future__ import annotations

import copy
import inspect
from collections import OrderedDict
from collections.abc import Callable

import torch

from translate.engines.kvcache import make_roomy, merge, mergeable
from translate.engines.lookup import Drafter

MIN_SHARED = 16  # shorter shared prefixes are not worth a separate prefill
MEMO_SIZE = 4
PREFILL_ROWS = 8  # rows prefilled together (then merged into the running batch)
DRAFT_MAX_ROWS = 8  # prompt-lookup drafts are checked only while this few rows are running


def supports_own_loop(model) -> bool:
    """Decoder-only models whose forward takes a Cache object and position ids."""
    if getattr(model.config, "is_encoder_decoder", False):
        return False
    params = inspect.signature(model.forward).parameters
    return ("cache" in params or "past_key_values" in params) and "position_ids" in params


def _forward_kwargs(model, cache) -> dict:
    """``cache=`` (transformers >= 5.2x) or ``past_key_values=``; ``logits_to_keep=1`` where supported."""
    params = inspect.signature(model.forward).parameters
    kw = {"cache" if "cache" in params else "past_key_values": cache, "use_cache": True}
    if "logits_to_keep" in params:
        kw["logits_to_keep"] = 1
    return kw


def _common_prefix_len(rows: list[list[int]]) -> int:
    first, n = rows[0], min(len(r) for r in rows)
    for i in range(n):
        tok = first[i]
        if any(r[i] != tok for r in rows):
            return i
    return n


class PrefixMemo:
    """The KV cache of recently used shared prefixes (a few, least recently used dropped)."""

    def __init__(self, size: int = MEMO_SIZE):
        self.size = size
        self.items: OrderedDict[tuple[int, ...], object] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, model, ids: list[int], device):
        from transformers import DynamicCache

        key = tuple(ids)
        if key in self.items:
            self.items.move_to_end(key)
            self.hits += 1
            return self.items[key]
        self.misses += 1
        cache = DynamicCache(config=model.config)
        x = torch.tensor([ids], device=device)
        model(input_ids=x, attention_mask=torch.ones_like(x), position_ids=torch.arange(len(ids), device=device)[None],
              **_forward_kwargs(model, cache))
        self.items[key] = cache
        while len(self.items) > self.size:
            self.items.popitem(last=False)
        return cache


Finished = Callable[[int, list[int]], bool]  # (row, tokens so far) -> finished?
Pick = Callable[[torch.Tensor, list[int]], torch.Tensor]  # (logits of alive rows, their row ids) -> tokens


class _Answers:
    """What each row has produced, which rows are done, and the per-token bookkeeping of both steps."""

    def __init__(self, n: int, max_new: list[int], finished: Finished, drafter: Drafter | None,
                 on_row: Callable[[int, list[int]], None] | None = None):
        self.out: list[list[int]] = [[] for _ in range(n)]
        self.done: set[int] = set()
        self.max_new, self.finished, self.drafter = max_new, finished, drafter
        self.on_row = on_row  # called with (row, its tokens) as soon as a row is done

    def take(self, row: int, token: int) -> None:
        """Append ``token`` to a running row; it is done at its budget or when ``finished`` says so."""
        out = self.out[row]
        out.append(token)
        if self.drafter:
            self.drafter.push(row, token)
        if len(out) >= self.max_new[row] or self.finished(row, out):
            self.done.add(row)
            if self.on_row is not None:
                self.on_row(row, out)


@torch.inference_mode()
def decode_rows(model, rows: list[list[int]], *, pad_id: int, max_new: list[int], finished: Finished,
                pick: Pick | None = None, memo: PrefixMemo | None = None, width: int | None = None,
                drafter: Drafter | None = None,
                on_row: Callable[[int, list[int]], None] | None = None) -> list[list[int]]:
    """Generate for each row of prompt token ids until ``finished`` says so or ``max_new[row]`` tokens.

    At most ``width`` rows decode at once; as rows finish, waiting rows are prefilled and join the
    running batch (continuous batching), so a long answer does not hold a mostly empty batch. With a
    ``drafter`` and greedy decoding, its drafts (prompt lookup, translate.engines.lookup) are checked in
    each step: the same tokens as plain greedy decoding, in fewer steps. ``on_row(row, tokens)`` is called
    as soon as a row is done (rows finish at different times)."""
    from transformers import DynamicCache

    device = next(model.parameters()).device
    B = len(rows)
    width = max(1, min(width or B, B))
    shared = _common_prefix_len(rows)
    shared = min(shared, min(len(r) for r in rows) - 1)  # every row keeps at least one token of its own
    base = None
    if shared >= MIN_SHARED:
        base = (memo or PrefixMemo()).get(model, rows[0][:shared], device)
    else:
        shared = 0

    def prefill(new: list[int]):
        if base is not None:
            cache = copy.deepcopy(base)
            cache.batch_repeat_interleave(len(new))
        else:
            cache = DynamicCache(config=model.config)
        make_roomy(cache)
        suffixes = [rows[r][shared:] for r in new]
        w = max(len(x) for x in suffixes)
        ids = torch.full((len(new), w), pad_id, dtype=torch.long)
        own = torch.zeros((len(new), w), dtype=torch.long)
        for i, x in enumerate(suffixes):
            ids[i, w - len(x):] = torch.tensor(x)
            own[i, w - len(x):] = 1
        mask = torch.cat([torch.ones((len(new), shared), dtype=torch.long), own], dim=1)
        pos = (mask.cumsum(-1) - 1).clamp(min=0)[:, shared:]
        ids, mask, pos = ids.to(device), mask.to(device), pos.to(device)
        logits = model(input_ids=ids, attention_mask=mask, position_ids=pos,
                       **_forward_kwargs(model, cache)).logits[:, -1, :]
        return cache, mask, pos[:, -1:] + 1, logits

    drafter = drafter if pick is None else None
    answers = _Answers(B, max_new, finished, drafter, on_row)
    done = answers.done
    waiting = list(range(B))[::-1]  # pop() takes the next row in order
    batch: list[int] = []  # rows in the batch; finished ones ride along until the next compaction
    cache = mask = next_pos = logits = fkw = tokens = None
    can_merge = mergeable(DynamicCache(config=model.config))

    def compact() -> None:
        nonlocal batch, mask, next_pos, logits, tokens
        nonlocal cache
        keep = [j for j, row in enumerate(batch) if row not in done]
        if not keep:  # every row finished (a draft's last tokens can end the last one): start afresh
            batch, cache, mask, next_pos, logits, tokens = [], None, None, None, None, None
            return
        # a CPU index: with device_map="auto" the cache's layers may live on several GPUs
        cache.batch_select_indices(torch.tensor(keep, dtype=torch.long))
        idx = torch.tensor(keep, device=device, dtype=torch.long)
        mask, next_pos = mask[idx], next_pos[idx]
        logits = logits[idx] if logits is not None else None
        tokens = tokens[idx] if tokens is not None else None
        batch = [batch[j] for j in keep]

    while waiting or batch:
        running = len(batch) - sum(row in done for row in batch)
        free = width - running
        if waiting and (not batch or (can_merge and free >= max(1, width // 4))):
            new = [waiting.pop() for _ in range(min(free, len(waiting)))]
            if batch and running < len(batch):
                tokens = None
                compact()
            # rows arrive sorted by length: prefill them a few at a time so short rows are not padded to
            # the longest, then merge
            step = PREFILL_ROWS if can_merge else len(new)
            for k in range(0, len(new), step):
                part = new[k:k + step]
                c, m, p, lg = prefill(part)
                for r in part if drafter else ():
                    drafter.start(r, rows[r][shared:])
                if not batch:
                    cache, mask, next_pos, logits, batch = c, m, p, lg, part
                    fkw = _forward_kwargs(model, cache)
                else:
                    cache, mask = merge(cache, mask, c, m, shared)
                    next_pos, logits, batch = torch.cat([next_pos, p]), torch.cat([logits, lg]), batch + part
        tokens = pick(logits, batch) if pick is not None else logits.argmax(-1)
        tokens_list = tokens.tolist()
        for j, row in enumerate(batch):
            if row not in done:
                answers.take(row, tokens_list[j])
        running = len(batch) - sum(row in done for row in batch)
        if not running:
            batch, cache = [], None
            continue
        # Dropping finished rows copies the whole cache; at small batch sizes an extra row costs almost
        # nothing to carry, so compact only once a quarter of the batch is finished.
        if len(batch) - running > max(1, len(batch) // 4):
            logits = None
            compact()
        # drafts pay off in the tail: a wide step costs little more than a narrow one for a few rows only
        drafts = ([drafter.draft(row) if row not in done else [] for row in batch]
                  if drafter and running <= DRAFT_MAX_ROWS else None)
        if drafts and any(drafts):
            logits, mask, next_pos = _check_drafts(model, cache, fkw, batch, drafts, tokens, mask, next_pos,
                                                   pad_id, answers)
            continue
        mask = torch.cat([mask, torch.ones((len(batch), 1), dtype=mask.dtype, device=device)], dim=1)
        logits = model(input_ids=tokens[:, None], attention_mask=mask, position_ids=next_pos, **fkw).logits[:, -1, :]
        next_pos = next_pos + 1
    return answers.out


def _check_drafts(model, cache, fkw, batch, drafts, tokens, mask, next_pos, pad_id, answers: _Answers):
    """One forward pass over [next token + draft] for every row; each row keeps the draft tokens the model
    agrees with (greedy) and the model's own next token; rejected positions are masked, and cropped where no
    row kept them. Returns the logits, mask and positions for the next step."""
    device = mask.device
    n_rows, width = len(batch), 1 + max(len(d) for d in drafts)
    ids = torch.full((n_rows, width), pad_id, dtype=torch.long)
    cols = torch.zeros((n_rows, width), dtype=mask.dtype)
    ids[:, 0], cols[:, 0] = tokens.cpu(), 1
    for j, d in enumerate(drafts):
        if d:
            ids[j, 1:1 + len(d)], cols[j, 1:1 + len(d)] = torch.tensor(d), 1
    have = mask.shape[1]
    mask = torch.cat([mask, cols.to(device)], dim=1)
    pos = next_pos + torch.arange(width, device=device)
    kw = dict(fkw, logits_to_keep=width) if "logits_to_keep" in fkw else fkw
    full = model(input_ids=ids.to(device), attention_mask=mask, position_ids=pos, **kw).logits[:, -width:, :]
    greedy = full.argmax(-1).tolist()
    taken = []
    for j, row in enumerate(batch):
        d, a = drafts[j], 0
        while a < len(d) and greedy[j][a] == d[a]:
            a += 1
        for t in d[:a]:
            if row in answers.done:
                break
            answers.take(row, t)
        mask[j, have + a + 1:] = 0  # rejected draft positions
        taken.append(a)
    keep = 1 + max(taken)
    if keep < width:  # positions no row kept leave the cache
        for layer in cache.layers:
            layer.keys, layer.values = layer.keys[:, :, : keep - width], layer.values[:, :, : keep - width]
        mask = mask[:, : have + keep]
    sel = torch.tensor(taken)  # CPU indices work for logits on any device
    logits = full[torch.arange(n_rows), sel]
    return logits, mask, next_pos + (sel + 1).to(device)[:, None]
