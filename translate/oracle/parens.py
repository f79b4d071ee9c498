"""The parenthesis that closes an opening one in source text, quotes skipped (documented calls, parser
arguments)."""
from __future__ import annotations


def closing_paren(text: str, start: int) -> int | None:
    """Index just after the ``)`` that closes the ``(`` at ``start`` (quotes skipped), else ``None``."""
    depth, quote, i = 0, "", start
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None
