"""Holder classes: Java/C# classes that only exist to hold functions (``class Solution { ... }``).

Java and C# have no free functions, so code written in them wraps functions in a class with no state.
When the target language has free functions (Python, JavaScript, Go, C, ...), such a class is unwrapped:
its methods are translated as top-level functions, and the class header and closing brace become one
marked comment in the output (nothing is lost: the header says where the functions came from).

A holder is a top-level class whose body, once its methods and comments are taken out, is empty: no
fields, constructors, nested types, base classes or interfaces; and none of its methods is a test (a JUnit
class stays a class, which its runner needs). In a project (``translate repo``) no class is unwrapped: other
files call its static methods through the class name, as the symbol map records it.
"""
from __future__ import annotations

import dataclasses
import re

from translate.source.languages import Language
from translate.source.units import ParsedFile, Segment, Unit

OPEN, CLOSE = "holder-open", "holder-close"

_HEADER = re.compile(
    r"\A\s*(?:(?:public|internal|final|static|sealed|partial|abstract)\s+)*class\s+(?P<name>\w+)\s*\{\s*\}\s*\Z")
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_TEST = re.compile(r"\s*(?:/\*.*?\*/\s*|//[^\n]*\n\s*)*@(?:org\.junit\.(?:jupiter\.api\.)?)?Test\b", re.S)


def is_holder(unit: Unit) -> bool:
    if unit.kind != "class" or not unit.children:
        return False
    if any(c.kind != "method" or c.name == unit.name or "constructor" in c.node_type for c in unit.children):
        return False
    if any(_TEST.match(c.text) for c in unit.children):
        return False
    data = unit.text.encode("utf-8")
    rest, pos = b"", 0
    for child in unit.children:
        rest += data[pos : child.start_byte - unit.start_byte]
        pos = child.end_byte - unit.start_byte
    rest += data[pos:]
    return bool(_HEADER.match(_COMMENTS.sub("", rest.decode("utf-8"))))


def _segment(data: bytes, start: int, end: int, char: int, unit: Unit | None = None,
             role: str | None = None) -> Segment:
    return Segment(data[start:end].decode("utf-8"), start, end, char, unit, role=role)


def holder_output(seg: Segment, source: Language, target: Language) -> str:
    """What a holder's header / closing brace become in the output."""
    if seg.role == OPEN:
        m = re.search(r"\bclass\s+(\w+)", seg.text)
        name = m.group(1) if m else "?"
        lead = seg.text[: len(seg.text) - len(seg.text.lstrip())]
        return (f"{lead.count(chr(10)) * chr(10)}{target.line_comment} {source.display} class {name} only held "
                f"functions: they are top-level functions here\n")
    return "\n" * seg.text.count("\n")


def unwrap_holders(parsed: ParsedFile, target: Language, keep: bool = False) -> ParsedFile:
    """Split holder classes into [header][method][glue][method]...[closing brace] segments when the
    source language needs holders and the target does not (still a byte-exact cover of the file); ``keep``:
    never (a project's files)."""
    if keep or parsed.language.function_wrapper is None or target.function_wrapper is not None:
        return parsed
    holders = [s.unit is not None and is_holder(s.unit) for s in parsed.segments]
    if not any(holders):
        return parsed
    data = parsed.source.encode("utf-8")
    out: list[Segment] = []
    for seg, holder in zip(parsed.segments, holders):
        if not holder:
            out.append(seg)
            continue
        u = seg.unit
        char, pos = seg.start_char, seg.start_byte
        for i, child in enumerate(u.children):
            # the method's indentation travels with it, so the glue before it ends at a line break
            start = child.start_byte
            line = data.rfind(b"\n", pos, start) + 1
            if line > pos and not data[line:start].strip():
                start = line
            piece = _segment(data, pos, start, char, role=OPEN if i == 0 else None)
            if piece.text:
                out.append(piece)
                char += len(piece.text)
            fn = dataclasses.replace(child, kind="function", parent=None, qualname=child.name, children=[])
            piece = _segment(data, start, child.end_byte, char, unit=fn)
            out.append(piece)
            char += len(piece.text)
            pos = child.end_byte
        out.append(_segment(data, pos, seg.end_byte, char, role=CLOSE))
    return ParsedFile(parsed.language, parsed.source, out, parsed.diagnostics, parsed.path)
