"""String parameters that hold numbers: the kind of text the source parses, so generated inputs are numbers.

A ``string value`` that the body hands to ``atof``/``stod``/``Double.parseDouble``/``float(...)`` is a number
written as text; generic strings (``"hello"``, ``"abc"``) make such a source return ``0`` or throw on every
input, and a candidate that rounds ``2.5`` differently from the source is never caught. Read from the
function's text, in any of the sandbox's languages:

- a parser call whose argument mentions the parameter, or a name taken from it (``a, b = x.split("/")``,
  ``String[] a = x.split("/")``, ``for part in x.split(",")``), makes the kind ``str:int`` or ``str:float`` (by
  the parser);
- the parameter split on, or compared with, a one-character literal that is not a letter or digit (a space
  too: ``x.split("/")``, ``x[i] == '/'``) as well makes it numbers joined by that character: ``str:int:/``;
  joined by spaces, words come between them in some (``"3 ab and 4 cd"``: a sentence's numbers).

Nothing else changes: a parameter no parser reads keeps the plain ``str`` pool.
"""
from __future__ import annotations

import re
from typing import Any

from translate.oracle.parens import closing_paren

_INT_PARSERS = (r"atoi|atol|atoll|stoi|stol|stoll|stoul|stoull|strtol|strtoll|strtoul|"
                r"Integer\s*\.\s*(?:parseInt|valueOf)|Long\s*\.\s*(?:parseLong|valueOf)|Short\s*\.\s*parseShort|"
                r"parseInt|int")
_FLOAT_PARSERS = (r"atof|stof|stod|stold|strtod|strtof|strtold|Double\s*\.\s*(?:parseDouble|valueOf)|"
                  r"Float\s*\.\s*(?:parseFloat|valueOf)|parseFloat|Number|BigDecimal|Decimal|float")
_PARSER = re.compile(rf"(?<![\w.])(?:new\s+)?(?:std::)?(?:(?P<f>{_FLOAT_PARSERS})|(?P<i>{_INT_PARSERS}))(?=\s*\()")
_SIZES = re.compile(r"\b(?:len|strlen)\s*\(\s*\w+\s*\)|\.\s*(?:size|length)\s*\(\s*\)|\.length\b")
_NAME = r"[A-Za-z_]\w*"

INT_TEXTS = ["0", "1", "-1", "7", "10", "42", "-15", "100", "2024", "5", "-3", "99"]
FLOAT_TEXTS = ["0", "1", "-1", "2.5", "-2.5", "14.5", "-14.5", "0.5", "3.7", "-3.2", "10", "15.3", "-0.5"]
_INT_GROUPS = [(1, 5), (2, 3), (0, 1), (10, 2), (7, 7), (3, 4), (5, 1), (12, 18), (100, 25), (9, 6), (1, 2, 3)]
_FLOAT_GROUPS = [(1.5, 2), (2.5, 0.5), (0, 1), (-1.5, 3), (10, 4.25), (7, 7), (1, 2, 3)]  # three parts last


def _argument(text: str, start: int) -> str:
    """The text inside the parentheses opening at or after ``start`` (to the matching close)."""
    open_at = text.find("(", start)
    if open_at < 0:
        return ""
    end = closing_paren(text, open_at)
    return text[open_at + 1:end - 1] if end is not None else text[open_at + 1:]


def _mentions(text: str, names: set[str]) -> bool:
    return any(re.search(rf"(?<![\w.]){re.escape(n)}\b", text) for n in names)


def _aliases(body: str, param: str) -> set[str]:
    """``param`` and the names assigned from an expression that mentions it (not only through its length), or
    looping over a split of it (twice over). A loop over its characters is not followed: such a text holds
    digits among other characters, and the plain pool covers it."""
    names = {param}
    for _ in range(2):
        for m in re.finditer(r"(?m)^[ \t]*([\w\s,\[\]<>]+?)\s*(?<![=!<>+\-*/%&|^])=(?!=)([^;\n]*)", body):
            if _mentions(_SIZES.sub(" ", m.group(2)), names):
                names |= {w for w in re.findall(_NAME, m.group(1)) if w not in ("String", "string", "auto", "var")}
        for m in re.finditer(rf"\bfor\s*\(?\s*(?:[\w<>:]+\s+)?({_NAME})\s*(?:\bin\b|:|\bof\b)\s*([^\n:)]*)", body):
            if "split" in m.group(2) and _mentions(m.group(2), names):
                names.add(m.group(1))
    return names


def _separator(body: str, param: str) -> str | None:
    """A one-character, non-alphanumeric literal the parameter is split on or an item of it is compared with."""
    p = re.escape(param)
    lit = r"""(['"])(\\?[^\w'"\\]|\\\\[^\w\s])\1"""  # "/", "-", " ", "\\.", '\\|'
    for pattern in (rf"\b{p}\s*\.\s*split\s*\(\s*{lit}",
                    rf"\b{p}\s*(?:\[[^\]]*\]|\.\s*charAt\s*\([^)]*\)|\.\s*at\s*\([^)]*\))\s*[!=]=\s*{lit}",
                    rf"\b{p}\s*\.\s*(?:find|indexOf|index)\s*\(\s*{lit}"):
        m = re.search(pattern, body)
        if m:
            return m.group(2)[-1]
    return None


def refine(body: str, param: str) -> str:
    """The kind for a string parameter ``param`` of a function whose text is ``body``: ``str`` or a numeric
    text kind (``str:int``, ``str:float``, ``str:int:/``...)."""
    names = _aliases(body, param)
    found = None
    for m in _PARSER.finditer(body):
        if _mentions(_SIZES.sub(" ", _argument(body, m.end())), names):
            found = "float" if m.group("f") else found or "int"
    if found is None:
        return "str"
    sep = _separator(body, param)
    return f"str:{found}:{sep}" if sep else f"str:{found}"


def pool(kind: str) -> tuple[Any, list[str]]:
    """(typical value, edge values first) for a numeric text kind."""
    _, number, *rest = kind.split(":", 2)
    if not rest:
        texts = INT_TEXTS if number == "int" else FLOAT_TEXTS
        return texts[4], texts
    sep = rest[0]
    groups = _INT_GROUPS if number == "int" else _FLOAT_GROUPS
    texts = [sep.join(str(n) for n in g) for g in groups]
    if sep.isspace():  # words between the numbers, as a sentence has them ("5 apples and 6 oranges")
        texts[2:2] = [sep.join(("3", "ab", "and", "4", "cd")), sep.join(("ab", "7")), "ab"]
    return texts[0], texts


def refined(kinds: list[str], params: list[str], text: str) -> list[str]:
    """``kinds`` with each plain ``str`` (or ``?str``) parameter refined by :func:`refine` on ``text``."""
    return [k[:-3] + refine(text, p) if k.lstrip("?") == "str" else k for k, p in zip(kinds, params)]
