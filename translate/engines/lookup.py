"""Prompt-lookup drafts for our decode loop: a translation copies much of its source (names, literals,
docstrings), so the tokens that followed the last few generated tokens earlier in the row (its own prompt
or its answer so far) are a cheap guess of what comes next. The loop checks a draft in one forward pass
and keeps the longest prefix the model agrees with greedily, so the output is what plain greedy decoding
gives, in fewer steps."""
from __future__ import annotations


class Drafter:
    def __init__(self, ngram: int = 2, tokens: int = 4):
        self.n, self.k = ngram, tokens
        self.seq: dict[int, list[int]] = {}
        self.index: dict[int, dict[tuple[int, ...], int]] = {}

    def start(self, row: int, tokens: list[int]) -> None:
        self.seq[row], self.index[row] = [], {}
        for t in tokens:
            self.push(row, t)

    def push(self, row: int, token: int) -> None:
        seq = self.seq[row]
        seq.append(token)
        i = len(seq) - 1
        if i >= self.n:  # the n tokens before position i were followed by seq[i]
            self.index[row][tuple(seq[i - self.n : i])] = i

    def draft(self, row: int) -> list[int]:
        seq = self.seq[row]
        if len(seq) < self.n:
            return []
        i = self.index[row].get(tuple(seq[-self.n:]))
        return seq[i : i + self.k] if i is not None else []
