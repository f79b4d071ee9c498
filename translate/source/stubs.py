"""Stub detection: which functions and methods are waiting for a body.

Each language decides what a stub looks like in its own module (``Language.is_stub``, called with the
definition node, unwrapped from decorators/``export``/templates, and the file's bytes). This module
holds the tree-sitter helpers those hooks share and :func:`find_stubs`, which maps the units of a
parsed file to their definition nodes and asks the hook.

Everywhere, a ``TODO: complete`` comment inside a definition marks it as a stub explicitly.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import tree_sitter

if TYPE_CHECKING:  # pragma: no cover  (language modules import this module: keep it free of cycles)
    from translate.source.units import ParsedFile, Unit

COMMENT_TYPES = frozenset({"comment", "line_comment", "block_comment"})
MARKER_RE = re.compile(r"\bTODO:\s*complete\b", re.IGNORECASE)
TODO_RE = re.compile(r"\bTODO\b")
NOT_IMPLEMENTED_RE = re.compile(r"\b(TODO|not\s+(yet\s+)?implemented|unimplemented)\b", re.IGNORECASE)
_WRAPPERS = ("decorated_definition", "export_statement", "template_declaration")
_BLOCKS = frozenset({"block", "compound_statement", "statement_block", "declaration_list", "statement_list"})

Node = tree_sitter.Node
StatementTest = Callable[[Node, bytes], bool]


def text(node: Node | None, data: bytes) -> str:
    return "" if node is None else data[node.start_byte : node.end_byte].decode("utf-8", "replace")


def unwrap(node: Node) -> Node:
    """The definition inside decorator/export/template wrappers (the node that has the body)."""
    for _ in range(4):
        if node.child_by_field_name("body") is not None or node.type not in _WRAPPERS:
            return node
        inner = node.child_by_field_name("definition") or node.child_by_field_name("declaration")
        if inner is None:
            named = [c for c in node.named_children if c.type not in COMMENT_TYPES and c.type != "decorator"]
            if not named:
                return node
            inner = named[-1]
        node = inner
    return node


def comments(node: Node) -> Iterable[Node]:
    """Every comment node inside ``node``."""
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type in COMMENT_TYPES:
            yield n
        stack.extend(n.children)


def has_marker(node: Node, data: bytes) -> bool:
    """A ``TODO: complete`` comment anywhere inside the definition."""
    return any(MARKER_RE.search(text(c, data)) for c in comments(node))


def statements(body: Node) -> tuple[list[Node], list[Node]]:
    """(statements, comments) directly in a block; Go's ``statement_list`` is looked through."""
    stmts: list[Node] = []
    notes: list[Node] = []
    for child in body.named_children:
        if child.type in COMMENT_TYPES:
            notes.append(child)
        elif child.type == "statement_list":
            inner_stmts, inner_notes = statements(child)
            stmts += inner_stmts
            notes += inner_notes
        else:
            stmts.append(child)
    return stmts, notes


def unparen(node: Node) -> Node:
    """Look through ``expression_statement`` and parentheses."""
    while node.type in ("expression_statement", "parenthesized_expression") and node.named_child_count == 1:
        node = node.named_children[0]
    return node


def brace_body_is_stub(node: Node, data: bytes, stub_statement: StatementTest | None = None) -> bool:
    """C-family rule: the body is empty, holds only comments one of which says TODO, or is one stub statement."""
    if has_marker(node, data):
        return True
    body = node.child_by_field_name("body")
    if body is None or body.type not in _BLOCKS:
        return False  # declarations, ``= default``, expression-bodied arrows and lambdas
    stmts, notes = statements(body)
    if not stmts:
        return not notes or any(TODO_RE.search(text(c, data)) for c in notes)
    return len(stmts) == 1 and stub_statement is not None and stub_statement(stmts[0], data)


def throws_new(names: tuple[str, ...], message_re: re.Pattern | None = None) -> StatementTest:
    """``throw new Name(...)`` (Java, C#, JS/TS); with ``message_re`` the first argument must match it."""

    def test(stmt: Node, data: bytes) -> bool:
        if stmt.type != "throw_statement":
            return False
        created = next((c for c in stmt.named_children if c.type in ("object_creation_expression", "new_expression")), None)
        if created is None:
            return False
        type_node = created.child_by_field_name("type") or created.child_by_field_name("constructor")
        if type_node is None or text(type_node, data).rsplit(".", 1)[-1] not in names:
            return False
        if message_re is None:
            return True
        args = created.child_by_field_name("arguments")
        return args is not None and bool(message_re.search(text(args, data)))

    return test


@dataclass
class Stub:
    """A stub unit and where its pieces are in the file (byte offsets)."""

    unit: Unit
    def_start: int  # the definition itself, after any leading comments
    body_start: int  # the body node (Python: the block; C-family: the ``{``)
    head_end: int  # end of what is kept: signature and docstring (Python), through the ``{`` (C-family)
    indent: str  # whitespace before the definition's first line
    body_indent: str  # indentation of the body's lines
    signature: str = ""  # :func:`signature` of the definition (what a completion must keep)
    params: list[str] | None = None  # :func:`param_names` of the definition


def definition_nodes(parsed: ParsedFile, tree: tree_sitter.Tree | None = None) -> dict[int, list[Node]]:
    """Definition nodes from the language's units query, by end byte (a class and its last method
    share one), outermost first."""
    lang = parsed.language
    if tree is None:
        tree = lang.parse(parsed.source.encode("utf-8"))
    out: dict[int, list[Node]] = {}
    for _, caps in tree_sitter.QueryCursor(lang.query).matches(tree.root_node):
        for cap, nodes in caps.items():
            if cap.startswith("definition."):
                for node in nodes:
                    out.setdefault(node.end_byte, []).append(node)
    for nodes in out.values():
        nodes.sort(key=lambda n: n.start_byte)
    return out


def node_for(unit: Unit, nodes: dict[int, list[Node]]) -> Node | None:
    """The outermost definition node of ``unit`` (its range starts after the unit's leading comments)."""
    return next((n for n in nodes.get(unit.end_byte, ()) if n.start_byte >= unit.start_byte), None)


def unit_is_stub(unit: Unit, node: Node, data: bytes, hook: Callable[[Node, bytes], bool] | None) -> bool:
    if unit.kind not in ("function", "method") or hook is None:
        return False
    return bool(hook(unwrap(node), data))


def find_stubs(parsed: ParsedFile) -> list[Stub]:
    """Stub functions and methods of a parsed file, in source order."""
    lang = parsed.language
    if lang.is_stub is None:
        return []
    data = parsed.source.encode("utf-8")
    nodes = definition_nodes(parsed)
    found: list[Stub] = []
    for unit in parsed.units:
        node = node_for(unit, nodes)
        if node is None or not unit_is_stub(unit, node, data, lang.is_stub):
            continue
        found.append(_stub(unit, node, data))
    return found


def _stub(unit: Unit, node: Node, data: bytes) -> Stub:
    inner = unwrap(node)
    body = inner.child_by_field_name("body")
    line_start = data.rfind(b"\n", 0, node.start_byte) + 1
    indent = data[line_start : node.start_byte].decode("utf-8")
    indent = indent if not indent.strip() else ""
    if body is None:
        return Stub(unit, node.start_byte, inner.end_byte, inner.end_byte, indent, indent + "    ",
                    signature(node, data), param_names(node, data))
    stmts = [c for c in body.named_children if c.type not in COMMENT_TYPES]
    if body.type == "block" and not text(body, data).startswith("{"):  # Python: an indented block
        colon = [c for c in inner.children if c.type == ":" and c.end_byte <= body.start_byte]
        head_end = colon[-1].end_byte if colon else body.start_byte
        if stmts and stmts[0].type == "expression_statement" and unparen(stmts[0]).type == "string":
            head_end = stmts[0].end_byte
        first = stmts[0] if stmts else body
    else:
        head_end = body.start_byte + 1
        first = next((c for c in body.named_children if c.start_point[0] > body.start_point[0]), None)
    if first is not None and first.start_point[0] > inner.start_point[0]:
        row_start = data.rfind(b"\n", 0, first.start_byte) + 1
        body_indent = data[row_start : first.start_byte].decode("utf-8")
    else:
        body_indent = indent + ("\t" if indent.startswith("\t") or b"\n\t" in data else "    ")
    return Stub(unit, node.start_byte, body.start_byte, head_end, indent,
                body_indent if not body_indent.strip() else indent + "    ", signature(node, data),
                param_names(node, data))


def signature(node: Node, data: bytes) -> str:
    """Decorators and signature of a definition as space-separated tokens (comments and layout ignored)."""
    inner = unwrap(node)
    body = inner.child_by_field_name("body")
    end = body.start_byte if body is not None else inner.end_byte
    tokens: list[str] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if n.start_byte >= end or n.type in COMMENT_TYPES:
            continue
        if n.child_count == 0:
            tokens.append(text(n, data))
        else:
            stack.extend(reversed(n.children))
    return " ".join(tokens)


def param_names(node: Node, data: bytes) -> list[str] | None:
    """Parameter names of a definition, in order (None when there is no parameter list).

    Python and Rust: the first identifier of each parameter (``b: int = 2`` -> ``b``). Other languages:
    every ``identifier`` in the list (type names are mostly ``type_identifier`` there).
    """
    inner = unwrap(node)
    body = inner.child_by_field_name("body")
    limit = body.start_byte if body is not None else inner.end_byte
    params = None
    queue = [inner]
    while queue and params is None:
        n = queue.pop(0)
        if n.start_byte < limit:
            params = n.child_by_field_name("parameters")
            queue.extend(n.children)
    if params is None:
        return None

    def identifiers(n: Node) -> list[str]:  # in source order, without recursion (deep defaults)
        out, stack = [], [n]
        while stack:
            n = stack.pop()
            if n.type == "identifier":
                out.append(text(n, data))
            else:
                stack.extend(reversed(n.children))
        return out

    if params.type == "parameters":  # Python, Rust: one name (or pattern) first in each parameter
        return [ids[0] for c in params.named_children if (ids := identifiers(c))]
    return identifiers(params)
