"""A Java project that does not compile, made to compile by setting aside the methods its errors are in.

One method the model got wrong (a Python local left in, a class that failed) stops javac for the whole project,
so no test runs and nothing says which tests that one method costs. For the check only (a scratch copy, never
DST), each method or constructor holding a compile error gets a body that throws the error
(``UnsupportedOperationException("does not compile: ...")``): its signature stays, so its callers compile, and
the tests that reach it fail with the compile error, which names the unit to repair. The project still counts
as not building. An import of a name that is not there is set aside too (its uses then fail inside methods);
an annotation that is not there (``@ParameterizedTest``) is dropped and its method set aside; a static
initializer that does not compile loses its statements (their effect is lost, and the report says so); an error
anywhere else outside a method body (a field, a class header) cannot be set aside.
"""
from __future__ import annotations

from tree_sitter import Node

from translate.source.languages import get_language
from translate.source.validate import walk

JavacError = tuple[str, int, str]  # file, line, message
METHODS = ("method_declaration", "constructor_declaration")
STATIC_BLOCK = "static initializer"  # how a static block set aside is named
_CALLS = ("explicit_constructor_invocation",)


def _java_string(text: str) -> str:
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if 32 <= ord(c) < 127 else " " for c in out) + '"'


def _method_at(root, line: int):
    """The innermost method or constructor whose body holds (0-based) ``line``."""
    found = None
    stack = [root]
    while stack:
        node = stack.pop()
        if node.start_point[0] > line or node.end_point[0] < line:
            continue
        if node.type in METHODS:
            body = node.child_by_field_name("body")
            if body is not None and body.start_point[0] <= line <= body.end_point[0]:
                found = node
        stack.extend(node.named_children)
    return found


def _annotated_at(root, line: int):
    """The method whose annotations are on (0-based) ``line``."""
    for node in walk(root):
        mods = next((c for c in node.children if c.type == "modifiers"), None) if node.type in METHODS else None
        if mods is not None and mods.start_point[0] <= line <= mods.end_point[0]:
            return node
    return None


def _annotations_on(method, line: int) -> list:
    mods = next((c for c in method.children if c.type == "modifiers"), None)
    return [c for c in (mods.named_children if mods is not None else [])
            if c.type in ("marker_annotation", "annotation") and c.start_point[0] == line]


def _initializer_at(root, line: int):
    """The static initializer block holding (0-based) ``line``."""
    return next((n for n in walk(root) if n.type == "static_initializer"
                 and n.start_point[0] <= line <= n.end_point[0]), None)


def node_name(data: bytes, node) -> str:
    """The text of ``node``'s name field (a method's, a class's); ``?`` when it has none."""
    name = node.child_by_field_name("name")
    return data[name.start_byte:name.end_byte].decode("utf-8", "replace") if name is not None else "?"


def _owner(data: bytes, node) -> str:
    """The name of the class (or interface, enum) declaring ``node``."""
    up = node.parent
    while up is not None and up.type not in ("class_declaration", "interface_declaration", "enum_declaration",
                                             "record_declaration"):
        up = up.parent
    return node_name(data, up) if up is not None else ""


def stub_file(text: str, errors: list[tuple[int, str]], *, keep: frozenset[str] = frozenset(),
              exception: str = "UnsupportedOperationException") -> tuple[str, list[str]] | None:
    """``text`` with each method holding one of ``errors`` ((1-based line, message)) throwing it instead, and
    the names of the methods set aside; None when an error is outside every method body, or in a method
    that must stay (``keep``: method names, or ``Class.*`` for all the methods of a class). The stubs throw
    ``exception`` (a ``RuntimeException`` class that takes a message)."""
    data = text.encode("utf-8")
    root = get_language("java").parse(data).root_node
    chosen: dict[int, tuple[Node, str]] = {}
    edits: list[tuple[int, int, str]] = []
    names: list[str] = []
    cleared: set[int] = set()
    imports = {n.start_point[0]: n for n in root.named_children if n.type == "import_declaration"}
    for line, msg in errors:
        if line - 1 in imports:  # an import of what is not there (a unit that failed): the import set aside
            node = imports.pop(line - 1)
            edits.append((node.start_byte, node.end_byte, f"// set aside: {msg}".replace("\n", " ")))
            names.append(" ".join(data[node.start_byte:node.end_byte].decode("utf-8", "replace").split()))
            continue
        node = _method_at(root, line - 1)
        if node is None:
            node = _annotated_at(root, line - 1)  # an annotation of a method (``@ParameterizedTest``, not here)
            if node is not None:
                for mark in _annotations_on(node, line - 1):
                    edits.append((mark.start_byte, mark.end_byte, ""))
        if node is None:
            block = _initializer_at(root, line - 1)
            if block is None:
                return None
            if block.start_byte not in cleared:  # a static block: its statements set aside (their effect lost)
                cleared.add(block.start_byte)
                body = next((c for c in block.named_children if c.type == "block"), block)
                edits.append((body.start_byte, body.end_byte, "{ /* set aside: does not compile: "
                              + " ".join(msg.split()).replace("*/", "* /") + " */ }"))
                names.append(STATIC_BLOCK)
            continue
        if node_name(data, node) in keep or f"{_owner(data, node)}.*" in keep:
            return None
        chosen.setdefault(node.start_byte, (node, msg))
    for node, msg in chosen.values():
        body = node.child_by_field_name("body")
        if body is None:
            return None
        prefix = ""
        stmts = body.named_children
        if node.type == "constructor_declaration" and stmts and stmts[0].type in _CALLS:
            if any(stmts[0].start_point[0] + 1 <= ln <= stmts[0].end_point[0] + 1 for ln, _ in errors):
                return None  # super(...) itself does not compile: the constructor cannot be set aside
            prefix = data[stmts[0].start_byte:stmts[0].end_byte].decode("utf-8") + " "
        throw = f"throw new {exception}({_java_string('does not compile: ' + msg)});"
        edits.append((body.start_byte, body.end_byte, "{ " + prefix + throw + " }"))
        names.append(node_name(data, node))
    if _calls_at_load(root, data, {node_name(data, n) for n, _ in chosen.values()}, cleared, edits):
        names.append(STATIC_BLOCK)
    for start, end, new in sorted(edits, reverse=True):
        data = data[:start] + new.encode("utf-8") + data[end:]
    return data.decode("utf-8"), names


def _calls_at_load(root, data: bytes, aside: set[str], cleared: set[int], edits: list) -> bool:
    """Set aside each statement of a static initializer that calls a method of ``aside``: it would throw while
    the class loads, and every use of the class would fail with it (ExceptionInInitializerError)."""
    found = False
    for block in (n for n in walk(root) if n.type == "static_initializer" and n.start_byte not in cleared):
        body = next((c for c in block.named_children if c.type == "block"), None)
        for stmt in body.named_children if body is not None else []:
            called = {node_name(data, n) for n in walk(stmt) if n.type == "method_invocation"}
            if called & aside:
                edits.append((stmt.start_byte, stmt.end_byte, "/* set aside: calls "
                              + ", ".join(sorted(called & aside)) + ", which does not compile */"))
                found = True
    return found


def stub_errors(texts: dict[str, str], errors: list[JavacError]) -> tuple[dict[str, str], list[str]] | None:
    """The project files (path -> text) with errors set aside: the changed files and ``path: method`` for each
    method; None when some error cannot be set aside."""
    by_file: dict[str, list[tuple[int, str]]] = {}
    for path, line, msg in errors:
        if path not in texts:
            return None
        by_file.setdefault(path, []).append((line, msg))
    changed, names = {}, []
    for path, errs in by_file.items():
        done = stub_file(texts[path], errs)
        if done is None:
            return None
        changed[path] = done[0]
        names += [f"{path}: {n}" for n in done[1]]
    return changed, names
