"""What every project writer does the same way, whatever the target (translate.project.javascript, .python):
the source's import comments replaced by generated imports, and a migrated test refused when it no longer calls
the project code its source test calls (or defines it itself)."""
from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

from translate.project.code_words import code_words
from translate.source.languages import Language
from translate.translation.assemble import failed_block
from translate.translation.records import FAILED, SKIPPED, FileResult, UnitRecord


@dataclass
class ModuleWrite:
    """What rewriting one file did, for the report."""

    notes: list[str] = field(default_factory=list)
    tests: list[str] = field(default_factory=list)  # registered test names
    failed_tests: list[str] = field(default_factory=list)  # test functions failed by the call check


def text_of(data: bytes, node) -> str:
    return data[node.start_byte:node.end_byte].decode("utf-8")


def removal(data: bytes, start: int, end: int) -> tuple[int, int, str]:
    """An edit deleting ``data[start:end]`` and the blank lines after it."""
    while end < len(data) and data[end:end + 1] in (b" ", b"\t", b"\n"):
        end += 1
    return start, end, ""


def replace_import_comments(result: FileResult, text: str, source: Language, target: Language,
                            foreign_lines: Callable[[str], list[str] | None], w: ModuleWrite, indent: str = "") -> str:
    """Each glue segment of only imports (kept as a comment by the pipeline) replaced: by nothing (the writer
    generates the imports), or by a TODO comment with the ``foreign_lines(segment source)`` it keeps; a segment
    ``foreign_lines`` answers None for is left alone. ``indent``: the file's code is indented by it (Java's
    functions wrapped in a class)."""
    for rec in result.units:
        if rec.kind != "glue" or rec.status != SKIPPED or not rec.output or not rec.output.strip():
            continue
        keep = foreign_lines(rec.source)
        if keep is None:
            continue
        old = textwrap.indent(rec.output.strip("\n"), indent)
        new = ""
        if keep:
            new = textwrap.indent(target.comment(f"TODO: {source.display} imports of modules outside the project "
                                                 "(map them by hand):\n" + "\n".join(keep)), indent)
            w.notes.append("imports outside the project kept as a comment: " + "; ".join(keep))
        at = text.find(old) if old else -1
        if at >= 0:
            end = at + len(old)
            if not new:  # with the blank lines after it
                end += len(text[end:]) - len(text[end:].lstrip("\n"))
            text = text[:at] + new + text[end:]
    return text.lstrip("\n")


def refuse_untested(rec: UnitRecord, language: str, locals_: dict[str, str], present: set[str], defined: set[str],
                    node, source: Language, target: Language, w: ModuleWrite) -> tuple[int, int, str] | None:
    """The edit failing migrated test ``rec`` (its target code is ``node``, which names ``present`` and defines
    ``defined``) when it no longer calls the project names its source calls (``locals_``: source local -> target
    name), or defines one itself; None when it still tests the project."""
    used = code_words(rec.source, language)
    missing = [n for n in sorted({t for s, t in locals_.items() if s in used}) if n not in present]
    redefined = sorted(defined & set(locals_.values()))
    if redefined:
        problem = f"the migrated test defines {', '.join(redefined)} itself instead of testing the project's"
    elif missing:
        problem = (f"the migrated test no longer calls {', '.join(missing)} (the {source.display} test does): it "
                   "would not test the migrated code")
    else:
        return None
    rec.status, rec.reason = FAILED, problem
    w.failed_tests.append(rec.name)
    block = failed_block(rec.source, problem, source, target, f"{rec.kind} {rec.qualname}")
    return node.start_byte, node.end_byte, block.rstrip("\n")
