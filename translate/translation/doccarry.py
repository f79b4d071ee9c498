"""Carry a Python unit's docstring into its translation as a doc comment.

The prompt does not ask the model for comments (a model that is shown documented examples writes a
summary of what it believes the code does, then implements the summary: bench/RESULTS.md, ``## prompts``),
so the source's own docstring is put back, verbatim, above an answer that has no leading comment of its own.
"""
from __future__ import annotations

import textwrap

from translate.source.languages import Language
from translate.translation.glue import _docstring_body

_COMMENT_STARTS = ("//", "/*", "#", "--", ";", "'")
_DOC_BLOCKS = {"javascript", "typescript", "java", "c", "cpp", "csharp"}  # /** ... */ is their doc style


def carry_doc(code: str, docstring: str | None, target: Language) -> str:
    """``code`` (one translated unit, imports already split off) with ``docstring`` above it as a comment
    in ``target``; unchanged when there is no docstring, the target is indentation-scoped (Python keeps
    docstrings inside), or the answer already starts with a comment."""
    if not docstring or target.indent_blocks:
        return code
    body = code.lstrip("\n")
    first = body.split("\n", 1)[0]
    if not first.strip() or first.strip().startswith(_COMMENT_STARTS + (target.line_comment,)):
        return code
    text = _doc_text(docstring)
    if not text:
        return code
    indent = first[: len(first) - len(first.lstrip())]
    lines = text.split("\n")
    if target.name in _DOC_BLOCKS:
        block = [f"/** {lines[0]} */"] if len(lines) == 1 else ["/**", *[f" * {ln}".rstrip() for ln in lines], " */"]
    else:
        block = target.comment(text).split("\n")
    return code[: len(code) - len(body)] + "".join(f"{indent}{ln}\n" for ln in block) + body


def _doc_text(docstring: str) -> str:
    raw = _docstring_body(docstring)
    head, _, rest = raw.partition("\n")
    text = (head.strip() + ("\n" + textwrap.dedent(rest) if rest else "")).strip("\n")
    return "\n".join(ln.rstrip() for ln in text.split("\n")).replace("*/", "* /")
