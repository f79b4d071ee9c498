"""Python locals a translation assigns without declaring them, declared where Python has them: in the function.

Python makes a variable local to its function by assigning it; a model translating ``re_sep = re.escape(sep)``
to JavaScript often writes ``re_sep = ...`` with no ``let``. In an ES module (strict mode) that assignment is a
ReferenceError when it runs (inflection's ``parameterize``: 39 of its 437 migrated tests). The written file is
whole here, so a name assigned but declared nowhere in it (no ``let``/``const``/``var``, parameter, function,
class, import or catch binding of that name anywhere, and not one of the module's imports) is certainly
undeclared: ``let name;`` goes at the top of the enclosing function's body (Python's scope: the function, not
the block), or before the first top-level statement that assigns it. ``for (x of xs)`` without a declaration is
an assignment too.
"""
from __future__ import annotations

from tree_sitter import Node

from translate.source.languages import Language
from translate.translation.assemble import splice

_FUNCTIONS = ("function_declaration", "function_expression", "arrow_function", "method_definition",
              "generator_function_declaration", "generator_function")
_BINDERS = ("variable_declarator", "formal_parameters", "catch_clause", "import_clause", "import_specifier",
            "namespace_import", "function_declaration", "class_declaration", "generator_function_declaration",
            "function_expression", "class")


def _declared(data: bytes, root) -> set[str]:
    """Every name the file binds anywhere (conservative: identifiers inside any binding construct's name part)."""
    found: set[str] = set()
    stack = [root]
    while stack:
        n = stack.pop()
        stack.extend(n.children)
        part = None
        if n.type in ("variable_declarator", "function_declaration", "class_declaration",
                      "generator_function_declaration", "function_expression", "class"):
            part = n.child_by_field_name("name")
        elif n.type in ("formal_parameters", "catch_clause", "import_clause", "import_specifier", "namespace_import"):
            part = n.child_by_field_name("parameter") if n.type == "catch_clause" else n
        elif n.type == "arrow_function":
            part = n.child_by_field_name("parameter")
        elif n.type in ("for_in_statement",) and n.child_by_field_name("kind") is not None:
            part = n.child_by_field_name("left")
        if part is None:
            continue
        inner = [part]
        while inner:
            m = inner.pop()
            if m.type in ("identifier", "shorthand_property_identifier_pattern"):
                found.add(data[m.start_byte:m.end_byte].decode("utf-8"))
            inner.extend(m.children)
    return found


def _assigned(data: bytes, root) -> list[tuple[str, Node]]:
    """(name, node) of each plain assignment to an identifier, in document order (``x = ...``, ``for (x of ...)``)."""
    out: list[tuple[str, Node]] = []
    stack = [root]
    while stack:
        n = stack.pop()
        stack.extend(reversed(n.children))
        left = None
        if n.type == "assignment_expression":
            left = n.child_by_field_name("left")
        elif n.type == "for_in_statement" and n.child_by_field_name("kind") is None:
            left = n.child_by_field_name("left")
        if left is not None and left.type == "identifier":
            out.append((data[left.start_byte:left.end_byte].decode("utf-8"), n))
    return out


def _scope(node: Node) -> Node | None:
    """The enclosing function's body block, or the top-level statement holding ``node`` (None: neither)."""
    child, up = node, node.parent
    while up is not None:
        if up.type in _FUNCTIONS:
            body = up.child_by_field_name("body")
            return body if body is not None and body.type == "statement_block" else None
        if up.type == "program":
            return child
        child, up = up, up.parent
    return None


def declare_assigned(text: str, target: Language, known: set[str]) -> tuple[str, list[str]]:
    """(fixed text, notes) for a whole written JavaScript file; ``known``: names bound outside its text (imports)."""
    if target.name != "javascript":
        return text, []
    data = text.encode("utf-8")
    root = target.parse(data).root_node
    if root.has_error:
        return text, []
    declared = _declared(data, root) | known
    wanted: dict[tuple[int, int], tuple[Node, list[str]]] = {}  # scope id -> (scope, names in order)
    top: set[str] = set()  # declared before a top-level statement already: once per file
    for name, node in _assigned(data, root):
        scope = _scope(node)
        if name in declared or scope is None or (scope.type != "statement_block" and name in top):
            continue
        _, names = wanted.setdefault((scope.start_byte, scope.end_byte), (scope, []))
        if name not in names:
            names.append(name)
        if scope.type != "statement_block":
            top.add(name)
    edits: list[tuple[int, int, str]] = []
    notes: list[str] = []
    for scope, names in wanted.values():
        if not names:
            continue
        line = f"let {', '.join(names)};"
        if scope.type == "statement_block":  # at the top of the function's body
            brace = scope.children[0]
            first = next((c for c in scope.named_children), None)
            indent = " " * first.start_point[1] if first is not None and first.start_point[0] > brace.start_point[0] \
                else " "
            edits.append((brace.end_byte, brace.end_byte, f"\n{indent}{line}" if indent != " " else f" {line}"))
        else:  # a top-level statement: before it
            edits.append((scope.start_byte, scope.start_byte, f"{line}\n"))
        notes.append(f"line {scope.start_point[0] + 1}: `{line}` declared: assigned without a declaration "
                     "(a ReferenceError in a module), local as in Python")
    return (splice(text, edits) if edits else text), notes
