"""Validation: does this text parse, and is it the one unit we asked for?

tree-sitter ERROR and MISSING nodes are reported for every language; a language may add its own
gate (Python: libcst, which rejects code tree-sitter-python quietly accepts).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass

import tree_sitter

from translate.source.languages import Language

_MAX_SNIPPET = 24


@dataclass(frozen=True, order=True)
class Diagnostic:
    line: int  # 1-based
    column: int  # 1-based
    message: str

    def format(self, path: str = "<text>") -> str:
        return f"{path}:{self.line}:{self.column}: {self.message}"

    def to_dict(self) -> dict:
        return asdict(self)


def tree_diagnostics(tree: tree_sitter.Tree, data: bytes) -> list[Diagnostic]:
    """ERROR and MISSING nodes of a parsed tree, outermost first, descending only into erroneous nodes."""
    out: list[Diagnostic] = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_missing:
            row, col = node.start_point
            out.append(Diagnostic(row + 1, col + 1, f"missing {node.type!r}"))
            continue
        if node.is_error:
            row, col = node.start_point
            snippet = data[node.start_byte : node.end_byte].decode("utf-8", "replace")
            snippet = " ".join(snippet.split())
            if len(snippet) > _MAX_SNIPPET:
                snippet = snippet[:_MAX_SNIPPET] + "..."
            out.append(Diagnostic(row + 1, col + 1, f"syntax error at {snippet!r}" if snippet else "syntax error"))
            # keep looking for MISSING nodes inside, but not nested ERRORs
            stack.extend(c for c in node.children if c.has_error and not c.is_error)
            continue
        if node.has_error:
            stack.extend(reversed(node.children))
    return sorted(set(out))


# How deep a syntax tree may nest before it is refused, in tree-sitter levels (module -> statement -> ... ->
# innermost node). libcst's native parser recurses per level and kills the process when the stack runs out:
# SIGSEGV, no message, no traceback (and ``translate serve`` with every client). Measured with libcst 1.9.0,
# CPython 3.11, 8 MiB stack, one subprocess per probe, first crashing count: ``x = (((...1...)))`` 1,273
# parentheses; ``[[...]]`` 1,225 lists; ``{1: {1: ...}}`` 1,335 dicts; ``lambda: lambda: ...`` 3,489;
# ``1 if c else 1 if c else ...`` 5,617; ``- - - 1`` 8,174; ``1 + 1 + ...`` and ``a.b.c...`` between 3,000 (fine) and 8,000 (crash). Nested calls
# ``f(f(...))`` grow libcst's memory and time quadratically (400: 0.4 GB, 7 s; ~1,190: 3 GB). At this limit
# every one of those (and 198 nested calls) parses, in the main thread and in a worker thread alike.
# CPython refuses more than 200 nested brackets and 100 indentation levels, so real code stays far below it.
# libcst's own Python visitors (translate rename) give up sooner (~140 nested lists): codemods catch that.
MAX_DEPTH = 400
TOO_DEEP = "nests deeper than"


def nesting_depth(tree: tree_sitter.Tree, limit: int = MAX_DEPTH) -> tuple[int, int]:
    """(depth, 1-based line) of the deepest node found, walking iteratively (no Python recursion).

    Exact when it is over ``limit`` (the walk stops there); below it, a lower bound: a subtree with too few
    nodes to pass ``limit`` is not entered, so ordinary code costs about one step per statement that has
    more than ``limit`` nodes. Linear in the tree size at worst.
    """
    cursor = tree.walk()
    depth = best = 0
    line = 1
    while True:
        if depth + cursor.node.descendant_count > limit and cursor.goto_first_child():
            depth += 1
            if depth > best:
                best, line = depth, cursor.node.start_point[0] + 1
                if best > limit:
                    return best, line
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return best, line
            depth -= 1


def depth_diagnostic(tree: tree_sitter.Tree, limit: int = MAX_DEPTH) -> Diagnostic | None:
    """A diagnostic when ``tree`` nests deeper than ``limit`` (such text must not reach libcst)."""
    depth, line = nesting_depth(tree, limit)
    if depth <= limit:
        return None
    return Diagnostic(line, 1, f"{TOO_DEEP} {limit} levels at line {line}; simplify it (deeper code can crash the parser)")


def text_depth_diagnostic(code: str, lang: Language) -> Diagnostic | None:
    """:func:`depth_diagnostic` of ``code``: call it before handing untrusted text to libcst directly."""
    return depth_diagnostic(lang.parse(code.encode("utf-8")))


def too_deep(diags: list[Diagnostic]) -> Diagnostic | None:
    """The nesting diagnostic among ``diags`` (:func:`validate` returns it alone), if any."""
    return next((d for d in diags if d.message.startswith(TOO_DEEP)), None)


def parse_tree(data: bytes, lang: Language) -> tuple[tree_sitter.Tree, list[Diagnostic]]:
    """Parse ``data`` and list its tree-sitter errors.

    Text without a final newline is parsed with one added: some grammars (tree-sitter-go after a
    ``type`` declaration) report a MISSING terminator at the end of the file otherwise. Positions
    past the original end are moved back to it.
    """
    padded = data if not data or data.endswith(b"\n") else data + b"\n"
    tree = lang.parse(padded)
    if not tree.root_node.has_error:
        return tree, []
    diags = tree_diagnostics(tree, padded)
    if padded is not data:
        last_line = data.count(b"\n") + 1
        last_col = len(data) - (data.rfind(b"\n") + 1) + 1
        diags = sorted({Diagnostic(last_line, last_col, d.message) if d.line > last_line else d for d in diags})
    return tree, diags


def validate(code: str, lang: Language) -> list[Diagnostic]:
    """All syntax diagnostics for ``code`` in ``lang`` (empty list: it parses)."""
    tree, diags = parse_tree(code.encode("utf-8"), lang)
    deep = depth_diagnostic(tree)
    if deep is not None:  # before libcst (a native crash on deep nesting), and nothing else is worth saying
        return [deep]
    if lang.extra_validate is not None:
        diags.extend(lang.extra_validate(code))
    return sorted(set(diags))


def walk(node: tree_sitter.Node) -> Iterator[tree_sitter.Node]:
    """``node`` and every node under it, in document order (an explicit stack: deep trees do not recurse)."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(n.children))


def node_text(node: tree_sitter.Node) -> str:
    """The source text of a tree-sitter node."""
    return (node.text or b"").decode("utf-8")


def normalize_name(name: str) -> str:
    """Names compare across naming conventions: get_value == getValue == GetValue."""
    return name.replace("_", "").lower()


def check_unit(code: str, lang: Language, kind: str | None = None, name: str | None = None, *,
               helpers: bool = False) -> list[Diagnostic]:
    """Diagnostics unless ``code`` parses as exactly one unit of ``kind`` named ``name``.

    Import-like lines and comments may surround the unit; any other top-level code is reported.
    Functions and methods are interchangeable here: a method translated on its own parses as a
    function in most languages. ``helpers``: other definitions may come with it (helper functions the
    unit uses), as long as exactly one is named ``name``.
    """
    from translate.source.units import parse_text  # units depends on validate, not the other way round

    if not code.strip():
        return [Diagnostic(1, 1, "empty answer")]
    diags = validate(code, lang)
    if diags:
        return diags
    parsed = parse_text(code, lang)
    tops = [s.unit for s in parsed.segments if s.unit is not None]
    if helpers and name is not None:
        named = [u for u in tops if normalize_name(u.name) == normalize_name(name)]
        tops = named if len(named) == 1 else tops
    if len(tops) != 1:
        found = ", ".join(f"{u.kind} {u.name}" for u in tops) or "no function or class"
        return [Diagnostic(1, 1, f"expected exactly one {kind or 'unit'}{f' named {name}' if name else ''}, found {found}")]
    unit = tops[0]
    problems: list[Diagnostic] = []
    if kind is not None and _kind_family(unit.kind) != _kind_family(kind):
        problems.append(Diagnostic(unit.start_line, 1, f"expected a {kind}, found a {unit.kind} {unit.name}"))
    if name is not None and normalize_name(unit.name) != normalize_name(name):
        problems.append(Diagnostic(unit.start_line, 1, f"expected the name {name}, found {unit.name}"))
    imp = re.compile(lang.import_pattern)
    for seg in parsed.segments:
        if seg.unit is not None:
            continue
        for offset, line in _glue_code_lines(seg.text, lang):
            if not imp.match(line):
                row = code[: seg.start_char + offset].count("\n") + 1
                problems.append(Diagnostic(row, 1, f"unexpected code outside the {kind or 'unit'}: {line.strip()[:40]!r}"))
                break
    return problems


def _kind_family(kind: str) -> str:
    return "function" if kind in ("function", "method") else kind


def _glue_code_lines(text: str, lang: Language):
    """(char offset, line) for lines of glue that are neither blank nor comments."""
    offset = 0
    in_block = False
    for line in text.splitlines(keepends=True):
        s = line.strip()
        start = offset
        offset += len(line)
        if in_block:
            if "*/" in s:
                in_block = False
            continue
        if not s or s.startswith(lang.line_comment):
            continue
        if lang.line_comment == "//" and s.startswith("/*"):
            in_block = "*/" not in s
            continue
        if lang.name == "python" and s.startswith(("'''", '"""')) :
            continue
        yield start, line
