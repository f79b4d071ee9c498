"""Reassembly: splice replacement texts into a file by segment, validate the whole result.

Nothing is lost: a segment whose replacement failed is kept verbatim inside a clearly marked block
of line comments in the *target* language, with the reason.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from translate.source.languages import Language
from translate.source.units import Segment
from translate.source.validate import Diagnostic, validate

FAILED_MARK = "translate: FAILED"


@dataclass
class Assembled:
    text: str
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.diagnostics


def failed_block(original: str, reason: str, source: Language, target: Language, what: str, indent: str = "") -> str:
    """The original text of a unit, commented out in the target language, with the reason.

    ``indent`` (the whitespace the unit starts after) is repeated on every line but the first, so a
    failed method stays inside its class body.
    """
    reason_line = " ".join(reason.split()) or "no reason given"
    body = original.rstrip("\n")
    lines = [
        f"{FAILED_MARK} {what} was not translated: {reason_line}",
        f"---- original {source.display} (kept verbatim) ----",
        *body.split("\n"),
        "---- end of original ----",
    ]
    block = target.comment("\n".join(lines)).replace("\n", "\n" + indent)
    return block + ("\n" if original.endswith("\n") else "")


def assemble(
    segments: list[Segment],
    replacements: dict[int, str],
    failures: dict[int, str],
    source: Language,
    target: Language,
    *,
    validate_result: bool = True,
) -> Assembled:
    """Build the output text.

    ``replacements`` maps a segment index to its new text; ``failures`` maps a segment index to the
    reason it could not be replaced (kept as a marked comment). Other segments are copied as they are
    (``source is target``) or must be covered by one of the two maps.
    """
    parts: list[str] = []
    for i, seg in enumerate(segments):
        if i in replacements:
            parts.append(replacements[i])
        elif i in failures:
            what = f"{seg.unit.kind} {seg.unit.qualname}" if seg.unit else "top-level code"
            parts.append(failed_block(seg.text, failures[i], source, target, what, _indent_before("".join(parts))))
        else:
            parts.append(seg.text)
    text = "".join(parts)
    diags = validate(text, target) if validate_result else []
    return Assembled(text, diags)


def _indent_before(text: str) -> str:
    """The whitespace between the last line break of ``text`` and its end ('' if there is code)."""
    tail = text[text.rfind("\n") + 1 :]
    return tail if not tail.strip() else ""


def splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Replace byte ranges ``(start, end, new_text)`` of ``text``, bottom-up so offsets stay valid."""
    data = text.encode("utf-8")
    last = len(data) + 1
    for start, end, new in sorted(edits, key=lambda e: e[0], reverse=True):
        if end > last:
            raise ValueError(f"overlapping edits at byte {start}-{end}")
        data = data[:start] + new.encode("utf-8") + data[end:]
        last = start
    return data.decode("utf-8")
