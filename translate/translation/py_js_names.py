"""Local names of the Python -> JavaScript rule (:mod:`py_js_rule`): ``current_depth`` -> ``currentDepth``, never
a JavaScript reserved word or a global the written code uses (``Math``, ``Map``), never two Python names as one."""
from __future__ import annotations

from translate.translation.naming import convert_case

RESERVED = frozenset((
    "break case catch class const continue debugger default delete do else enum export extends false finally for "
    "function if import in instanceof new null return super switch this throw true try typeof var void while with "
    "yield let static implements interface package private protected public await arguments eval undefined NaN "
    "Infinity Math Map Set Array Object String Number JSON Boolean Error parseInt parseFloat isNaN globalThis "
    "console require module exports process").split())


def js_name(name: str, taken: set[str], existing: str | None = None) -> str:
    """The JavaScript name of the Python local ``name`` (``existing``: the one it already has in this scope)."""
    if existing is not None:
        return existing
    out = convert_case(name, "camel") if name.strip("_") else name
    if not out or out in RESERVED or out in taken:
        out = name
    while out in RESERVED or out in taken:
        out += "_"
    return out
