"""Text helpers, half written: the stub bodies are for `translate complete` to fill in."""
import abc
from typing import Protocol


def count_words(text):
    """Return the number of whitespace-separated words in text."""
    ...


def reverse_words(text):
    """Return text with its words in reverse order."""
    pass


def is_palindrome(text):
    """Return True if text reads the same backwards, ignoring case and spaces."""
    raise NotImplementedError("is_palindrome")


def capitalize_all(words):
    """Return a list with every word capitalized."""


def vowel_count(text):
    # TODO: complete
    return 0


def shout(text):
    """Return text in upper case with an exclamation mark."""
    return text.upper() + "!"


class Formatter(abc.ABC):
    """Formats text for display."""

    @abc.abstractmethod
    def render(self, text):
        """Subclasses render text."""
        raise NotImplementedError

    def wrap(self, text, width=40):
        """Return text wrapped to width columns, lines joined by newlines."""
        ...


class Sized(Protocol):
    def size(self) -> int: ...
