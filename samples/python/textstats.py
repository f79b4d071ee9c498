"""Word statistics over plain text: a dataclass, generators, closures and a context manager."""
from __future__ import annotations

import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

WORD = re.compile(r"[A-Za-z']+")


def words(text: str) -> list[str]:
    """Split text into lower-case words."""
    return [w.lower() for w in WORD.findall(text)]


# Counts how often each word occurs; ties keep first-seen order.
def top_words(text: str, n: int = 3) -> list[tuple[str, int]]:
    return Counter(words(text)).most_common(n)


def make_filter(stopwords: set[str]):
    """Return a predicate that rejects stop words."""
    lowered = {s.lower() for s in stopwords}

    def keep(word: str) -> bool:
        return word.lower() not in lowered

    return keep


@dataclass
class Document:
    """A titled text with cached statistics."""

    title: str
    body: str
    tags: list[str] = field(default_factory=list)

    def word_count(self) -> int:
        return len(words(self.body))

    @staticmethod
    def from_lines(lines: list[str]) -> "Document":
        """First line is the title, the rest the body."""
        title, *rest = lines
        return Document(title.strip(), "\n".join(rest))

    class Summary:
        """A short view of a document."""

        def __init__(self, doc: "Document"):
            self.text = f"{doc.title}: {doc.word_count()} words"


@contextmanager
def opened(path: str):
    with open(path, encoding="utf-8") as fh:
        yield fh


async def fetch_all(urls, fetch):
    return [await fetch(u) for u in urls]
