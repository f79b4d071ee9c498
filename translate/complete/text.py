"""Text surgery for stub completion.

* :func:`head_text`: what a completion model continues (leading comments, decorators, signature,
  docstring; C-family through the opening brace).
* :func:`body_end` / :func:`indent_stop`: where a generated body ends (brace depth back to zero; the
  first line indented no deeper than the ``def``).
* :func:`graft`: put the body of a chat answer under the original head, re-indented, when the answer kept
  the signature or at least the parameter names (a model that adds type annotations still wrote a body
  for these parameters); otherwise return the answer's unit as it is (validation then says what changed).
* :func:`trim_context`: the file before the unit, cut to a token budget (imports kept, nearest code kept).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from translate.source.languages import Language
from translate.source.stubs import (
    COMMENT_TYPES,
    Stub,
    definition_nodes,
    node_for,
    param_names,
    signature,
    unparen,
    unwrap,
)
from translate.source.units import parse_text
from translate.source.validate import normalize_name

_TOKENS = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])\'|`(?:\\.|[^`\\])*`|[{}]', re.S)
_CLASS_WRAPPER = ("class Wrapper__ {\n", "\n}\n")


def head_text(stub: Stub, data: bytes, lang: Language) -> str:
    return data[stub.unit.start_byte : stub.head_end].decode("utf-8") + "\n"


def body_end(text: str) -> int | None:
    """Index just past the ``}`` that closes a body whose ``{`` came before ``text``; None while open."""
    depth = 1
    for m in _TOKENS.finditer(text):
        tok = m.group()
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
            if depth == 0:
                return m.end()
    return None


def indent_stop(indent: str) -> str:
    """Stop regex for an indented body: a non-blank line indented no deeper than the ``def``."""
    return rf"^[ \t]{{0,{len(indent)}}}\S"


def reindent(text: str, old: str, new: str, *, first: bool = True) -> str:
    """Swap the leading ``old`` indentation of each line for ``new`` (blank lines become empty)."""
    out = []
    for i, line in enumerate(text.split("\n")):
        if not line.strip():
            out.append("")
        elif i == 0 and not first:
            out.append(line)
        elif line.startswith(old):
            out.append(new + line[len(old):])
        else:
            out.append(line)
    return "\n".join(out)


def _find(answer: str, name: str, lang: Language):
    """(parsed answer, its unit named ``name``), wrapping the answer in a class if it only parses that way."""
    wrappers = [("", "")] + [lang.function_wrapper or _CLASS_WRAPPER]
    for pre, post in wrappers:
        parsed = parse_text(pre + answer + post, lang)
        units = [u for u in parsed.units if u.kind in ("function", "method")]
        hit = next((u for u in units if normalize_name(u.name) == normalize_name(name)), None)
        if hit is None and len(units) == 1 and not pre:
            hit = units[0]
        if hit is not None and not parsed.diagnostics:
            return parsed, hit
    return None, None


def _line_indent(data: bytes, pos: int) -> str:
    start = data.rfind(b"\n", 0, pos) + 1
    lead = data[start:pos].decode("utf-8")
    return lead if not lead.strip() else ""


def graft(answer: str, stub: Stub, data: bytes, lang: Language) -> str:
    """The candidate unit text for a chat answer (see the module docstring)."""
    unit = stub.unit
    parsed, got = _find(answer, unit.name, lang)
    if got is None:
        return reindent(answer.strip("\n"), "", stub.indent, first=False)
    adata = parsed.source.encode("utf-8")
    node = node_for(got, definition_nodes(parsed))
    a_indent = _line_indent(adata, got.start_byte)
    same_params = stub.params is not None and param_names(node, adata) == stub.params if node is not None else False
    if node is None or (signature(node, adata) != stub.signature and not same_params):
        return reindent(got.text, a_indent, stub.indent, first=False)
    inner = unwrap(node)
    body = inner.child_by_field_name("body")
    head = data[unit.start_byte : stub.head_end].decode("utf-8")
    if body is None:
        return reindent(got.text, a_indent, stub.indent, first=False)
    if lang.indent_blocks:
        stmts = [c for c in body.named_children if c.type not in COMMENT_TYPES]
        if stmts and stmts[0].type == "expression_statement" and unparen(stmts[0]).type == "string":
            stmts = stmts[1:]
        if not stmts:
            return head
        start = adata.rfind(b"\n", 0, stmts[0].start_byte) + 1
        b_indent = _line_indent(adata, stmts[0].start_byte)
        rest = adata[start : body.end_byte].decode("utf-8")
        return head + "\n" + reindent(rest, b_indent, stub.body_indent)
    rest = adata[body.start_byte + 1 : node.end_byte].decode("utf-8")
    return head + reindent(rest, a_indent, stub.indent, first=False)


def trim_context(text: str, budget: int, count: Callable[[str], int], lang: Language) -> str:
    """``text`` (the file before a unit) within ``budget`` tokens: leading imports, then the nearest lines."""
    if budget <= 0:
        return _last_line(text)
    if count(text) <= budget:
        return text
    lines = text.splitlines(keepends=True)
    imp = re.compile(lang.import_pattern)
    header: list[str] = []
    used = 0
    for line in lines:
        if line.strip() and not imp.match(line) and not line.lstrip().startswith(lang.line_comment):
            break
        if imp.match(line) and line.strip():
            cost = count(line)
            if used + cost > budget // 3:
                break
            header.append(line)
            used += cost
    tail: list[str] = []
    for line in reversed(lines):
        cost = count(line)
        if used + cost > budget and tail:
            break
        tail.append(line)
        used += cost
    tail.reverse()
    if len(header) + len(tail) >= len(lines):
        return text
    marker = f"{lang.line_comment} ...\n"
    return "".join(header) + marker + "".join(tail)


def _last_line(text: str) -> str:
    """With no budget the prompt still needs the unit's own indentation (the start of its line)."""
    return text[text.rfind("\n") + 1 :]
