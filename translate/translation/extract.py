"""From a raw model answer to code: strip markdown fences and chatter, and tell when a unit is complete.

Completion models (CodeGen) continue plain code; the answer is cut with ``truncate_before_pattern``
style regexes per target language. Chat models wrap code in a fence and then explain it; the closing
fence, or the end of the first complete unit, ends the answer. Both checks run while generating so a
sequence stops as soon as its unit is complete, not at a fixed length.
"""
from __future__ import annotations

import re

from translate.engines.stopping import cut_at_patterns
from translate.source.languages import Language

_FENCE_OPEN = re.compile(r"^[ \t]*```[ \t]*([\w+#.-]*)[ \t]*\n", re.M)
_FENCE_CLOSE = re.compile(r"^[ \t]*```[ \t]*$", re.M)
_BRACE_END = re.compile(r"^\}[ \t;]*$", re.M)
# an indented line followed by a line that starts at column 0 with something that is not a closer
_INDENT_END = re.compile(r"^[ \t]+\S[^\n]*\n(?:[ \t]*\n)*(?=[^\s)\]}])", re.M)


def _closes_a_unit(code: str, end: int, lang: Language) -> bool:
    """The parser's word on a candidate end: ``code[:end]`` holds a complete top-level unit that reaches
    ``end`` (a ``}`` inside a string or a comment, or prose at column 0, leaves the text unfinished)."""
    head = code[:end].rstrip()
    tree = lang.parse(head.encode("utf-8"))
    limit = len(head.encode("utf-8"))
    for node in tree.root_node.children:
        if node.type == "comment" or "comment" in node.type:
            continue
        if node.end_byte >= limit:
            return not node.has_error
    return False


def unit_end(code: str, lang: Language) -> int | None:
    """Index just past the first complete top-level unit in ``code``, or None while it is still open.

    Brace languages: the first ``}`` at column 0 that closes a unit the parser accepts. Indentation
    languages: the first column-0 line after an indented body (the next statement has begun). The
    regexes find candidates cheaply (this runs as the model writes); the target's grammar confirms a
    brace candidate, so a ``}`` at column 0 inside a string or a comment does not end the unit.
    """
    if lang.indent_blocks:
        m = _INDENT_END.search(code)
        return m.end() if m else None
    for m in _BRACE_END.finditer(code):
        end = m.end()
        end = end + 1 if code[end : end + 1] == "\n" else end
        if _closes_a_unit(code, end, lang):
            return end
    return None


def _leading_prose(lines: list[str], lang: Language) -> bool:
    """Is the first line prose ("Here is the code:") rather than code that ends in ``:`` (``def f(a, b):``)?
    Prose leaves a syntax error on that line; a block header parses together with its body."""
    first = lines[0].strip()
    if not (first and first.endswith(":") and " " in first):
        return False
    tree = lang.parse("\n".join(lines).encode("utf-8"))
    for node in tree.root_node.children:
        if node.start_point.row > 0:
            break
        if node.type == "ERROR" or node.has_error or node.is_missing:
            return True
    return False


def split_fence(text: str) -> tuple[str, bool]:
    """(code, closed): the content of the first fenced block, or the whole text if there is none."""
    m = _FENCE_OPEN.search(text)
    if not m:
        return text, False
    rest = text[m.end():]
    c = _FENCE_CLOSE.search(rest)
    if c:
        return rest[: c.start()], True
    return rest, False


def answer_complete(text: str, lang: Language, fenced: bool) -> bool:
    """Is this (partial) answer finished? Used as a per-sequence stopping criterion."""
    code, closed = split_fence(text) if fenced else (text, False)
    if closed:
        return True
    return unit_end(code, lang) is not None


def extract_code(text: str, lang: Language, *, fenced: bool, whole: bool = False) -> str:
    """The code of an answer: the fenced block (chat) or the text up to the end of the first unit.

    ``whole`` keeps everything (top-level glue code may hold several statements).
    """
    code, _ = split_fence(text) if fenced else (text, False)
    if fenced and code is text:
        # no fence at all: drop leading chatter lines such as "Here is the code:"
        lines = text.split("\n")
        while lines and _leading_prose(lines, lang):
            lines.pop(0)
        code = "\n".join(lines)
    code = cut_at_patterns(code, lang.truncate_patterns) if not fenced else code
    if not whole:
        end = unit_end(code, lang)
        if end is not None:
            code = code[:end]
    return code.strip("\n") + "\n" if code.strip() else ""
