"""Python slices left in a JavaScript answer, written as ``.slice()``: ``word[1:]`` -> ``word.slice(1)``.

Small models translating Python keep its slice syntax (``plural[1:]``, ``s[:-1]``, ``${name[1:]}`` inside a
template literal), which JavaScript cannot parse; asked again, they answer the same. JavaScript's
``String.prototype.slice`` and ``Array.prototype.slice`` take Python's start and stop, negative ones
included, so ``x[a:b]`` is ``x.slice(a, b)`` exactly. A slice with a step (``x[::-1]``) is left alone. Only
code is rewritten: strings, comments and regular expression literals are skipped, a template literal's
``${...}`` is code. This is an answer fixup (Language.answer_fixups): the job loop keeps the result only if
it then validates.
"""
from __future__ import annotations

_OPEN, _CLOSE = "([{", ")]}"
# after these (or at the start) a ``/`` begins a regular expression literal, not a division
_REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^") | {""}


def _code_mask(text: str) -> list[bool]:
    """For each character: True where it is code (not inside a string, comment or regex literal)."""
    mask = [True] * len(text)
    i, n = 0, len(text)
    templates: list[int] = []  # brace depth at each open ``${`` of an enclosing template literal
    depth = 0

    def prev_significant(k: int) -> str:
        k -= 1
        while k >= 0 and text[k] in " \t\r\n":
            k -= 1
        return text[k] if k >= 0 else ""

    def skip_template(k: int) -> int:
        """From inside a template literal at ``k``: to the closing backtick (past it) or a ``${`` (past it)."""
        while k < n:
            c = text[k]
            if c == "\\":
                mask[k:k + 2] = [False] * len(mask[k:k + 2])
                k += 2
                continue
            if c == "`":
                mask[k] = False
                return k + 1
            if c == "$" and text[k + 1:k + 2] == "{":
                mask[k] = mask[k + 1] = False
                templates.append(depth)
                return k + 2
            mask[k] = False
            k += 1
        return k

    while i < n:
        c = text[i]
        if c in "'\"":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            mask[i:j + 1] = [False] * len(mask[i:j + 1])
            i = j + 1
        elif c == "`":
            mask[i] = False
            i = skip_template(i + 1)
        elif c == "}" and templates and depth == templates[-1]:
            templates.pop()
            mask[i] = False
            i = skip_template(i + 1)
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            mask[i:j] = [False] * (j - i)
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            mask[i:j] = [False] * (j - i)
            i = j
        elif c == "/" and prev_significant(i) in _REGEX_AFTER:
            j, in_class = i + 1, False
            while j < n and text[j] != "\n" and (in_class or text[j] != "/"):
                if text[j] == "\\":
                    j += 1
                elif text[j] == "[":
                    in_class = True
                elif text[j] == "]":
                    in_class = False
                j += 1
            mask[i:j + 1] = [False] * len(mask[i:j + 1])
            i = j + 1
        else:
            if c in _OPEN:
                depth += 1
            elif c in _CLOSE:
                depth -= 1
            i += 1
    return mask


def _closing(text: str, mask: list[bool], start: int) -> int | None:
    """The index of the bracket closing the one at ``start`` (code brackets only)."""
    depth = 0
    for k in range(start, len(text)):
        if not mask[k]:
            continue
        if text[k] in _OPEN:
            depth += 1
        elif text[k] in _CLOSE:
            depth -= 1
            if depth == 0:
                return k if text[k] == "]" else None
    return None


def _top_level(text: str, mask: list[bool], lo: int, hi: int, chars: str) -> list[int]:
    """Positions in ``text[lo:hi]`` of ``chars`` outside nested brackets, strings and comments."""
    found, depth = [], 0
    for k in range(lo, hi):
        if not mask[k]:
            continue
        c = text[k]
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth -= 1
        elif depth == 0 and c in chars:
            found.append(k)
    return found


def _rewrite(text: str) -> str:
    mask = _code_mask(text)
    out, pos, i = [], 0, 0
    while i < len(text):
        if text[i] == "[" and mask[i] and i > 0 and (text[i - 1].isalnum() or text[i - 1] in "_$)]"):
            end = _closing(text, mask, i)
            if end is not None:
                marks = _top_level(text, mask, i + 1, end, ":?")
                if len(marks) == 1 and text[marks[0]] == ":":
                    start = _rewrite(text[i + 1:marks[0]]).strip()
                    stop = _rewrite(text[marks[0] + 1:end]).strip()
                    args = (f"{start or '0'}, {stop}" if stop else start)
                    out.append(text[pos:i] + f".slice({args})")
                    pos = i = end + 1
                    continue
        i += 1
    out.append(text[pos:])
    return "".join(out)


def python_slices(code: str) -> str | None:
    """``code`` with each Python slice ``x[a:b]`` written ``x.slice(a, b)``; None when it has none."""
    fixed = _rewrite(code)
    return fixed if fixed != code else None
