"""Parse a source file into units (functions, methods, classes) and the glue between them.

The query ``grammars/<lang>/units.scm`` captures whole units with the tags.scm capture names
(``@definition.function|method|class``, ``@name``, optional ``@doc``). This module turns its matches
into an ordered list of :class:`Segment` objects that covers the file exactly: concatenating every
segment's text gives back the original bytes.

Top-level units become segments; methods and nested classes are their ``children``. Functions
nested inside functions are part of their enclosing function, not units of their own.
Comments directly above a unit (no blank line between) belong to it, so they travel with it, and so
do decorators and attributes that the grammar puts beside the unit rather than inside it (TypeScript
method decorators, Rust ``#[...]``). A ``;`` that ends the unit (C++ ``class X { ... };``) is part of it.

Optional capture ``@scope``: the type a unit defined outside its class belongs to (Go receivers, C++
``Matrix::at``); its qualname becomes ``Type.name`` and a function becomes a method. Optional capture
``@ignore``: the definitions inside it are not units (Python's ``if TYPE_CHECKING:`` block stays whole, glue).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import tree_sitter

from translate.errors import InputError
from translate.source.languages import Language
from translate.source.validate import Diagnostic, depth_diagnostic, parse_tree

_KINDS = ("function", "method", "class")
_COMMENT_TYPES = ("comment", "line_comment", "block_comment")
# Nodes the grammar puts before a definition as a sibling although they belong to it.
_PREFIX_TYPES = ("decorator", "attribute_item")


@dataclass
class Unit:
    kind: str  # function | method | class
    name: str
    qualname: str  # Stack.push
    start_byte: int
    end_byte: int
    start_line: int  # 1-based, inclusive
    end_line: int
    signature: str
    doc: str | None
    text: str
    node_type: str
    parent: str | None = None
    children: list[Unit] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "name": self.name,
            "qualname": self.qualname,
            "start_byte": self.start_byte,
            "end_byte": self.end_byte,
            "start_line": self.start_line,
            "end_line": self.end_line,
            "signature": self.signature,
            "doc": self.doc,
            "parent": self.parent,
            "children": [c.qualname for c in self.children],
        }


@dataclass
class Segment:
    text: str
    start_byte: int
    end_byte: int
    start_char: int
    unit: Unit | None = None
    role: str | None = None  # set on glue with a special job (translate.translation.holders: a holder class's braces)

    @property
    def kind(self) -> str:
        return "unit" if self.unit is not None else "glue"


@dataclass
class ParsedFile:
    language: Language
    source: str
    segments: list[Segment]
    diagnostics: list[Diagnostic]  # syntax errors in the source itself
    path: str | None = None
    # Set when the text nests deeper than validate.MAX_DEPTH: then it is all glue (no units), since the
    # recursive walkers here and libcst must not see it. A source file like that is an InputError
    # (:func:`refuse_too_deep`); a model answer just fails its checks.
    too_deep: Diagnostic | None = None

    @property
    def units(self) -> list[Unit]:
        """Every unit, depth first, in source order."""
        return [u for s in self.segments if s.unit for u in s.unit.walk()]

    @property
    def top_units(self) -> list[Unit]:
        return [s.unit for s in self.segments if s.unit]


@dataclass
class _Def:
    kind: str
    node: tree_sitter.Node
    name_node: tree_sitter.Node | None = None
    doc_node: tree_sitter.Node | None = None
    scope_node: tree_sitter.Node | None = None
    children: list[_Def] = field(default_factory=list)


def parse_text(text: str, lang: Language, path: str | None = None) -> ParsedFile:
    data = text.encode("utf-8")
    tree, diagnostics = parse_tree(data, lang)
    deep = depth_diagnostic(tree)
    if deep is not None:
        glue = [Segment(text, 0, len(data), 0)] if data else []
        return ParsedFile(lang, text, glue, [deep], path, too_deep=deep)
    defs = _collect_defs(lang, tree)
    roots = _nest(defs)
    segments = _segments(roots, data, lang)
    return ParsedFile(lang, text, segments, diagnostics, path)


def refuse_too_deep(parsed: ParsedFile) -> ParsedFile:
    """``parsed`` unless it nests too deep to be handled safely: then one-line :class:`InputError`."""
    if parsed.too_deep is not None:
        raise InputError(f"{parsed.path or '<source>'}: {parsed.too_deep.message}")
    return parsed


def _collect_defs(lang: Language, tree: tree_sitter.Tree) -> list[_Def]:
    by_node: dict[tuple[int, int, str], _Def] = {}
    ignored: list[tree_sitter.Node] = []  # ``@ignore``: definitions inside are not units (Python's TYPE_CHECKING)
    for _, caps in tree_sitter.QueryCursor(lang.query).matches(tree.root_node):
        ignored += caps.get("ignore", [])
        for cap, nodes in caps.items():
            if not cap.startswith("definition."):
                continue
            kind = cap.split(".", 1)[1]
            if kind not in _KINDS:
                continue
            for node in nodes:
                key = (node.start_byte, node.end_byte, node.type)
                d = by_node.setdefault(key, _Def(kind, node))
                if caps.get("name") and d.name_node is None:
                    d.name_node = caps["name"][0]
                if caps.get("doc") and d.doc_node is None:
                    d.doc_node = caps["doc"][0]
                if caps.get("scope") and d.scope_node is None:
                    d.scope_node = caps["scope"][0]
    defs = sorted((d for d in by_node.values() if not any(_contains(i, d.node) for i in ignored)),
                  key=lambda d: (d.node.start_byte, -d.node.end_byte))
    # A wrapper (decorated_definition, export_statement, template_declaration) and the definition
    # it wraps both match: keep the outermost of two that share a name node.
    out: list[_Def] = []
    for d in defs:
        if out and _contains(out[-1].node, d.node) and _same(out[-1].name_node, d.name_node):
            if out[-1].doc_node is None:
                out[-1].doc_node = d.doc_node
            if out[-1].scope_node is None:
                out[-1].scope_node = d.scope_node
            if d.kind == "method" and out[-1].kind == "function":
                out[-1].kind = "method"
            continue
        out.append(d)
    return out


def _same(a: tree_sitter.Node | None, b: tree_sitter.Node | None) -> bool:
    return a is not None and b is not None and a.start_byte == b.start_byte and a.end_byte == b.end_byte


def _contains(outer: tree_sitter.Node, inner: tree_sitter.Node) -> bool:
    return outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte


def _nest(defs: list[_Def]) -> list[_Def]:
    """Build the unit tree; definitions inside a function are dropped (part of its body)."""
    roots: list[_Def] = []
    stack: list[_Def] = []
    for d in defs:
        while stack and not _contains(stack[-1].node, d.node):
            stack.pop()
        if not stack:
            if d.kind == "method" and d.scope_node is None:
                # a method of a class that is no unit (a JS class expression): part of the glue,
                # and so is everything inside it
                stack.append(d)
                continue
            roots.append(d)
        elif stack[-1].kind == "class":
            if d.kind == "function":
                d.kind = "method"
            stack[-1].children.append(d)
        else:  # nested inside a function or method
            continue
        stack.append(d)
    return roots


def _leading_start(node: tree_sitter.Node, data: bytes) -> tuple[tree_sitter.Node, list[tree_sitter.Node]]:
    """The first node of the unit, extended over comments, decorators and attributes directly above
    ``node`` (no blank line in between), and the comments among them (top to bottom)."""
    first = node
    start = node.start_byte
    comments: list[tree_sitter.Node] = []
    prev = node.prev_sibling
    while prev is not None and (prev.type in _COMMENT_TYPES or prev.type in _PREFIX_TYPES):
        gap = data[prev.end_byte : start]
        # Rust `///` comments end with their newline, so count the one they swallowed
        newlines = gap.count(b"\n") + data[prev.start_byte : prev.end_byte].endswith(b"\n")
        if newlines > 1 or gap.strip():
            break
        # a trailing comment on the line of previous code is not a leading comment
        line_start = data.rfind(b"\n", 0, prev.start_byte) + 1
        if data[line_start : prev.start_byte].strip():
            break
        start = prev.start_byte
        first = prev
        if prev.type in _COMMENT_TYPES:
            comments.insert(0, prev)
        prev = prev.prev_sibling
    return first, comments


def _last(node: tree_sitter.Node, data: bytes) -> tree_sitter.Node:
    """The last node of the unit: ``node`` or a ``;`` that directly follows it on the same line."""
    nxt = node.next_sibling
    if nxt is not None and nxt.type == ";" and not nxt.is_named and not data[node.end_byte : nxt.start_byte].strip(b" \t"):
        return nxt
    return node


def _end_line(last: tree_sitter.Node, end: int) -> int:
    """1-based line of the unit's last byte (a node that ends with its newline ends on that line)."""
    row, column = last.end_point  # just after the last byte; column 0 when that byte is a newline
    return row + 1 if column > 0 or end <= last.start_byte else row


def _to_unit(d: _Def, data: bytes, lang: Language, parent: Unit | None) -> Unit:
    node = d.node
    first, comments = _leading_start(node, data)
    last = _last(node, data)
    start = first.start_byte
    end = min(last.end_byte, len(data))  # the tree may have been parsed with a final newline added
    name = _text(data, d.name_node) if d.name_node is not None else "<anonymous>"
    kind = d.kind
    qualname = f"{parent.qualname}.{name}" if parent else name
    if parent is None and d.scope_node is not None:
        qualname = f"{_text(data, d.scope_node)}.{name}"
        if kind == "function":
            kind = "method"
    doc = None
    if d.doc_node is not None:
        doc = _text(data, d.doc_node)
    elif comments:
        doc = "\n".join(_text(data, c).strip() for c in comments)
    unit = Unit(
        kind=kind,
        name=name,
        qualname=qualname,
        start_byte=start,
        end_byte=end,
        start_line=first.start_point[0] + 1,
        end_line=_end_line(last, end),
        signature=_signature(node, data),
        doc=doc,
        text=data[start:end].decode("utf-8"),
        node_type=node.type,
        parent=parent.qualname if parent else None,
    )
    unit.children = [_to_unit(c, data, lang, unit) for c in d.children]
    return unit


def _body(node: tree_sitter.Node) -> tree_sitter.Node | None:
    """The body of a definition, looking through wrappers (decorators, export, templates)."""
    for _ in range(4):
        body = node.child_by_field_name("body")
        if body is not None:
            return body
        inner = node.child_by_field_name("definition") or node.child_by_field_name("declaration")
        if inner is None:
            named = [c for c in node.named_children if c.type not in _COMMENT_TYPES and c.type != "decorator"]
            inner = named[-1] if named else None
        if inner is None:
            return None
        node = inner
    return None


def _signature(node: tree_sitter.Node, data: bytes) -> str:
    body = _body(node)
    end = body.start_byte if body is not None and body.start_byte > node.start_byte else node.end_byte
    text = data[node.start_byte : end].decode("utf-8", "replace")
    if body is None:
        text = text.split("\n", 1)[0]
    text = " ".join(text.split()).rstrip(":{ =;")
    if text.endswith("=>"):  # arrow functions: the parameters are the signature
        text = text[:-2].rstrip()
    return text.strip()


def _text(data: bytes, node: tree_sitter.Node) -> str:
    return data[node.start_byte : node.end_byte].decode("utf-8")


def _segments(roots: list[_Def], data: bytes, lang: Language) -> list[Segment]:
    segments: list[Segment] = []
    pos = 0
    char = 0

    def add(end: int, unit: Unit | None = None) -> None:
        nonlocal pos, char
        text = data[pos:end].decode("utf-8")
        segments.append(Segment(text, pos, end, char, unit))
        pos = end
        char += len(text)

    for d in roots:
        unit = _to_unit(d, data, lang, None)
        if unit.start_byte < pos:  # overlapping match (broken source): leave it in the glue
            continue
        if unit.start_byte > pos:
            add(unit.start_byte)
        add(unit.end_byte, unit)
    if pos < len(data):
        add(len(data))
    return segments
