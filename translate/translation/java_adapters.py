"""A Java answer typed from the Python source's annotation where its callers pass strings: an adapter overload.

``translate repo`` declares each function's Java types from what the source project's own tests pass
(translate.project.java_context); inflection's tests call ``ordinal("-1")``, while the source says
``def ordinal(number: int)`` and its body starts with ``int(number)``. The 1.5B answered ``ordinal(int number)``
in three turns out of three, told the declaration each time, and the 61 migrated tests that call it did not
compile. Python's function takes both, because it converts: so where the answer differs from the declaration
only in parameters declared ``String`` that it takes as a number, and the source converts each of those
parameters itself (``int(p)``, ``float(p)``), the declared method is added as an overload (after the answer's: the oracle checks the answer's own) that
converts the same way and calls the answer's (``Integer.parseInt(number.strip())``). The answer's own method stays for the
callers that pass numbers. Nothing is added where the source does not convert: that would change what it does.
"""
from __future__ import annotations

import re

from translate.source.languages import Language
from translate.translation.declared import types

_PARSE = {"int": ("int", "Integer.parseInt"), "long": ("int", "Long.parseLong"), "Integer": ("int", "Integer.parseInt"),
          "double": ("float", "Double.parseDouble"), "Double": ("float", "Double.parseDouble")}


def _param_names(header: str, name: str) -> list[str]:
    m = re.search(rf"\b{re.escape(name)}\s*\((.*)\)", header, re.S)
    if m is None:
        return []
    return [p.split("=")[0].split()[-1] for p in m.group(1).split(",") if p.strip()]


def _source_params(source: str, name: str) -> list[str]:
    m = re.search(rf"def\s+{re.escape(name)}\s*\((.*?)\)\s*(?:->[^:]*)?:", source, re.S)
    if m is None:
        return []
    return [p.split(":")[0].split("=")[0].strip().lstrip("*") for p in m.group(1).split(",") if p.strip()]


def declared_adapter(code: str, target: Language, declared: str, name: str, source: str,
                     source_name: str | None = None) -> tuple[str, list[str]]:
    """``code`` (a Java answer for ``name``) with the declared overload added after it where it converts
    (see the module); notes."""
    if target.name != "java" or not declared:
        return code, []
    want, got = types(declared, name), types(code, name)
    if want is None or got is None or want == got or want[0] != got[0] or len(want[1]) != len(got[1]):
        return code, []
    names = _param_names(declared.split("\n")[0], name)
    src = _source_params(source, source_name or name)
    start = re.search(rf"def\s+{re.escape(source_name or name)}\s*\(", source)
    if start is not None:  # the function's own text: up to the next definition at its level or above
        rest = source[start.end():]
        stop = re.search(r"^(?:def|class|async def)\s", rest, re.M)
        source = rest[:stop.start()] if stop else rest
    if len(names) != len(want[1]) or len(src) != len(names):
        return code, []
    args = []
    for n, s, w, g in zip(names, src, want[1], got[1]):
        if w == g:
            args.append(n)
            continue
        conv = _PARSE.get(g)
        if w != "String" or conv is None or not re.search(rf"\b{conv[0]}\(\s*{re.escape(s)}\s*\)", source):
            return code, []
        args.append(f"{conv[1]}({n}.strip())")
    header = declared.split("\n")[0].strip().rstrip("{;").strip()
    call = f"{name}({', '.join(args)})"
    body = f"{call};" if want[0] == "void" else f"return {call};"
    adapter = f"\n\n{header} {{\n    {body}\n}}\n"
    return code.rstrip() + adapter, [f"`{header}` added: it converts as the source does, then calls the answer"]
