"""Inputs as the target's declared header can take them (``translate.oracle.inputs.gather``'s ``hints``).

Where the callers fix the target's header (HumanEval-X's declaration, ``translate repo``'s Java signatures typed
from what the project's tests passed), a candidate takes nothing else: inflection's ``ordinal(number: int)`` is
called by its tests with ``"-11"``, so its Java is ``ordinal(String number)``, and the docstring's
``ordinal(-11)`` cannot be passed to it. A number where a string is declared is passed as its text (the source
is run on ``"-11"``, and recorded as it answers that); a case with a value of another kind is left out.
"""
from __future__ import annotations

from typing import Any

from translate.oracle.cases import Case


def _fit(v: Any, hint: str | None) -> tuple[bool, Any]:
    """(whether ``v`` can be passed where the target declares ``hint``, the value passed): a number where a
    string is declared is passed as its text (``ordinal("-11")``; the source is run on that, not on -11)."""
    if hint is None or v is None:
        return True, v
    if hint == "str":
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return True, str(v)
        return isinstance(v, str), v
    if hint == "char":
        return isinstance(v, str) and len(v) == 1, v
    if hint in ("int", "float"):
        return isinstance(v, (int, float)) and not isinstance(v, bool) and (
            hint == "float" or isinstance(v, int) or float(v).is_integer()), v
    if hint == "bool":
        return isinstance(v, bool), v
    if hint.startswith("list["):
        return isinstance(v, (list, tuple)), v
    if hint.startswith("dict["):
        return isinstance(v, dict), v
    return True, v


def fitted(cases: list[Case], hints: list[str | None]) -> list[Case]:
    """``cases`` as the target's declared parameter kinds can take them: numbers given as text where a string
    is declared, a case with a value of another kind (a word for an ``int``) left out."""
    out = []
    for c in cases:
        if len(c.args) != len(hints):
            out.append(c)
            continue
        fits = [_fit(v, h) for v, h in zip(c.args, hints, strict=True)]
        if all(ok for ok, _ in fits):
            out.append(Case([v for _, v in fits], c.origin) if any(
                v is not w for (_, v), w in zip(fits, c.args, strict=True)) else c)
    return out
