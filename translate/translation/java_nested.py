"""A method declared inside another method in a Java answer (Python's nested ``def``), moved out beside it.

Java has no local methods. inflection's ``_irregular`` defines ``caseinsensitive`` inside itself; the 1.5B
wrote ``private static String caseinsensitive(String string) { ... }`` inside ``_irregular``'s body in three
turns out of three (the same answer each time): "missing ';'", the unit failed, and the module's
``_irregular(...)`` calls with it. The nested method is moved after the method holding it, a sibling in the
same class (``static`` where that method is static). A nested method that reads the outer method's locals does
not compile there: the compile check says so, as it would have said of the answer.
"""
from __future__ import annotations

import re

from translate.source.languages import Language

_HEADER = re.compile(r"^[ \t]*((?:(?:public|private|protected|static|final|synchronized)\s+)*)"
                     r"(?:<[^<>]*>\s+)?[\w<>\[\]?,. ]+?\s+\w+\s*\([^()]*\)\s*(?:throws\s+[\w., ]+)?\{", re.M)
_TYPE = re.compile(r"\b(class|interface|enum|record)\s+\w+[^{;]*\{$")
_ANON = re.compile(r"\bnew\s+[\w.<>, ]+\s*\([^()]*\)\s*\{$")
_NOT_METHOD = re.compile(r"^\s*(?:if|for|while|switch|catch|synchronized|else|try|do|return|new)\b")


def _blocks(code: str) -> list[tuple[int, int]]:
    """(open, close) offsets of each ``{...}`` outside strings, chars and comments, in opening order."""
    out: list[tuple[int, int]] = []
    stack: list[int] = []
    i, n = 0, len(code)
    while i < n:
        c = code[i]
        if code.startswith("//", i):
            i = code.find("\n", i)
            i = n if i < 0 else i
            continue
        if code.startswith("/*", i):
            j = code.find("*/", i + 2)
            i = n if j < 0 else j + 2
            continue
        if c in "\"'":
            j = i + 1
            while j < n and code[j] != c and code[j] != "\n":
                j += 2 if code[j] == "\\" else 1
            i = j + 1
            continue
        if c == "{":
            stack.append(len(out))
            out.append((i, -1))
        elif c == "}" and stack:
            k = stack.pop()
            out[k] = (out[k][0], i)
        i += 1
    return [b for b in out if b[1] >= 0]


def _method_header(code: str, brace: int) -> re.Match | None:
    start = code.rfind("\n", 0, brace) + 1
    m = _HEADER.match(code, start)
    if m is None or m.end() != brace + 1 or _NOT_METHOD.match(code[start:brace]):
        return None
    return m


def _one(code: str) -> tuple[str, str] | None:
    """``code`` with its first nested method moved, and that method's header; None when there is none."""
    blocks = _blocks(code)
    heads = {o: _method_header(code, o) for o, _ in blocks}
    for o, c in blocks:
        m = heads[o]
        if m is None:
            continue
        top = None  # the outermost method holding it, up to the nearest class body (an anonymous class's too)
        for oo, cc in sorted(((a, b) for a, b in blocks if a < o and c < b), reverse=True):
            if heads[oo] is not None:
                top = (oo, cc, heads[oo])
            elif _TYPE.search(code[code.rfind("\n", 0, oo) + 1:oo + 1]) or _ANON.search(code[:oo + 1]):
                break
        if top is None:
            continue
        start, end, at = m.start(), c + 1, top[1] + 1
        text = code[start:end]
        lines = text.split("\n")
        pad = min((len(x) - len(x.lstrip()) for x in lines if x.strip()), default=0)
        body = "\n".join(x[pad:] for x in lines)
        if "static" in top[2].group(1) and not re.match(r"(?:\w+\s+)*static\b", body):
            body = "static " + body
        line_start = code.rfind("\n", 0, top[1]) + 1
        indent = re.match(r"[ \t]*", code[line_start:]).group(0)  # the outer method's closing line
        moved = "\n\n" + "\n".join(indent + x if x else x for x in body.split("\n"))
        out = code[:at] + moved + code[at:]  # at > end: the cut below is not shifted
        before = out[:start].rstrip(" \t")
        after = out[end:]
        return before + (after[1:] if after.startswith("\n") and before.endswith("\n") else after), \
            " ".join(text.split("{", 1)[0].split())
    return None


def hoist_nested_methods(code: str, target: Language) -> tuple[str, list[str]]:
    """``code`` (a Java answer) with methods declared inside methods moved after them; notes."""
    if target.name != "java" or code.count("{") < 2:
        return code, []
    notes: list[str] = []
    for _ in range(20):
        done = _one(code)
        if done is None:
            break
        code = done[0]
        notes.append(f"`{done[1]}` was inside another method: moved after it")
    return code, notes
