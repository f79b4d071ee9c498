"""What goes over the wire to an OpenAI-compatible server, checked as data: the shape of an answer, the
stop strings a server takes, whether a model name is a completion model."""
from __future__ import annotations

import re

_COMPLETION_NAMES = re.compile(r"codegen|starcoder|santacoder|incoder|(^|[-_/.:])(base|mono|multi)($|[-_/.:])", re.I)
_REGEX_META = set(".^$*+?{}[]|()\\")
MAX_STOPS = 4  # what OpenAI's API takes
ESTIMATE_CHARS = 3  # characters per token when the server cannot tokenize


MAX_USAGE = 1 << 31  # token counts above this are not believed


def shape_problem(body, chat: bool) -> str | None:
    """Why ``body`` (a 2xx's parsed JSON, None when it was none) is not an OpenAI answer; None when it is:
    ``choices`` a non-empty list of objects with ``message.content`` (chat) or ``text`` a string or null,
    ``index`` an int and ``finish_reason`` a string or null where given, ``usage`` an object of counts."""
    if not isinstance(body, dict):
        return "a body that is not JSON"
    choices = body.get("choices")
    if not isinstance(choices, list) or not choices:
        return "no choices"
    for ch in choices:
        if not isinstance(ch, dict):
            return "a choice that is not an object"
        if "index" in ch and type(ch["index"]) is not int:
            return "a choice index that is not an integer"
        if not isinstance(ch.get("finish_reason"), (str, type(None))):
            return "a finish_reason that is not a string"
        if chat:
            msg = ch.get("message")
            if not isinstance(msg, dict):
                return "a choice without a message"
            if not isinstance(msg.get("content"), (str, type(None))):
                return "a message content that is not a string"
        elif not isinstance(ch.get("text"), (str, type(None))):
            return "a choice text that is not a string"
    usage = body.get("usage")
    if usage is not None:
        if not isinstance(usage, dict):
            return "usage that is not an object"
        for key in ("prompt_tokens", "completion_tokens"):
            v = usage.get(key)
            if v is not None and (type(v) is not int or not 0 <= v < MAX_USAGE):
                return f"usage.{key} that is not a token count"
    return None


def looks_like_completion_model(name: str) -> bool:
    return bool(_COMPLETION_NAMES.search(name))


def _literal(pattern: str) -> str | None:
    """The text a regex matches when it is plain text (escaped punctuation, \\n, \\t allowed), else None."""
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            nxt = pattern[i + 1 : i + 2]
            if nxt in ("n", "t"):
                out.append("\n" if nxt == "n" else "\t")
            elif not nxt or nxt.isalnum():
                return None
            else:
                out.append(nxt)
            i += 2
            continue
        if ch in _REGEX_META:
            return None
        out.append(ch)
        i += 1
    return "".join(out) or None


def literal_stops(patterns: list[str]) -> list[str]:
    """The stop regexes that are plain text, as the literal strings a server takes (at most 4)."""
    return [lit for lit in map(_literal, patterns) if lit][:MAX_STOPS]
