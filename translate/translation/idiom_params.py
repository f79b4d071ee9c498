"""Fixes of a JavaScript function's parameter list that Python carries in (see :mod:`translate.translation.idioms`):
a second rest parameter (``*args, **kwargs``) and a parameter the body reads in the other case; and the names in
scope at a node, which the keyword-argument fix asks."""
from __future__ import annotations

from translate.translation.naming import convert_case

_SCOPES = ("function_declaration", "function_expression", "arrow_function", "method_definition",
           "generator_function_declaration", "program")


def in_scope(data: bytes, node) -> frozenset[str]:
    """The names declared where ``node`` is: in each enclosing function (its parameters and the declarations of
    its body, nested functions' own left out) and at the top level."""
    found: set[str] = set()
    scope = node.parent
    while scope is not None:
        if scope.type in _SCOPES:
            stack = list(scope.children)
            while stack:
                n = stack.pop()
                if n.type in ("variable_declarator", "function_declaration", "class_declaration"):
                    name = n.child_by_field_name("name")
                    if name is not None and name.type == "identifier":
                        found.add(data[name.start_byte:name.end_byte].decode("utf-8"))
                if n.type == "formal_parameters" and n.parent is scope:
                    found.update(data[c.start_byte:c.end_byte].decode("utf-8") for c in n.named_children
                                 if c.type == "identifier")
                if n.type not in _SCOPES or n is scope:
                    stack.extend(n.children)
        scope = scope.parent
    return frozenset(found)


FUNCTIONS = ("function_declaration", "function_expression", "arrow_function", "method_definition",
              "generator_function_declaration")


def _reads(data: bytes, body) -> tuple[set[str], set[str]]:
    """(the identifiers ``body`` reads, the names declared in it)."""
    reads: set[str] = set()
    declared: set[str] = set()
    stack = [body]
    while stack:
        n = stack.pop()
        if n.type in ("identifier", "shorthand_property_identifier"):
            reads.add(data[n.start_byte:n.end_byte].decode("utf-8"))
        elif n.type in ("variable_declarator", "function_declaration", "class_declaration") or n.type == "formal_parameters":
            names = [n.child_by_field_name("name")] if n.type != "formal_parameters" else n.named_children
            declared.update(data[c.start_byte:c.end_byte].decode("utf-8") for c in names
                            if c is not None and c.type == "identifier")
        stack.extend(n.children)
    return reads, declared


def renamed_params(data: bytes, fn) -> list[tuple[object, str]]:
    """(parameter node, the name the body reads instead) for the parameters of ``fn`` (see the module)."""
    params, body = fn.child_by_field_name("parameters"), fn.child_by_field_name("body")
    if params is None or body is None:
        return []
    names = [c for c in params.named_children if c.type == "identifier"]
    given = {data[c.start_byte:c.end_byte].decode("utf-8") for c in names}
    reads, declared = _reads(data, body)
    outside: frozenset[str] | None = None
    found = []
    for c in names:
        name = data[c.start_byte:c.end_byte].decode("utf-8")
        other = convert_case(name, "camel") if "_" in name.strip("_") else convert_case(name, "snake")
        if name in reads or other == name or other not in reads or other in given or other in declared:
            continue
        outside = in_scope(data, fn) if outside is None else outside
        if other not in outside:
            found.append((c, other))
    return found


def _extra_rest(data: bytes, fn) -> tuple[list[tuple[int, int, str]], list[str]]:
    """(edits, names) that drop a function's rest parameters after the first (see the module)."""
    params, body = fn.child_by_field_name("parameters"), fn.child_by_field_name("body")
    rests = [c for c in params.named_children if c.type == "rest_pattern"] if params is not None else []
    if len(rests) < 2 or body is None or body.type != "statement_block":
        return [], []

    def cut(node) -> tuple[int, int, str]:  # the node with the comma before it (or after it, when first)
        before, after = node.prev_sibling, node.next_sibling
        if before is not None and before.type == ",":
            return before.start_byte, node.end_byte, ""
        end = after.end_byte if after is not None and after.type == "," else node.end_byte
        while end < len(data) and data[end:end + 1] == b" ":
            end += 1
        return node.start_byte, end, ""

    names = [data[r.named_children[0].start_byte:r.named_children[0].end_byte].decode("utf-8") for r in rests[1:]
             if r.named_children and r.named_children[0].type == "identifier"]
    if len(names) != len(rests) - 1:
        return [], []
    edits, used, stack = [cut(r) for r in rests[1:]], set(), [body]
    while stack:
        n = stack.pop()
        text = data[n.start_byte:n.end_byte].decode("utf-8")
        if n.type == "spread_element" and n.parent is not None and n.parent.type == "arguments" \
                and text[3:].strip() in names:
            edits.append(cut(n))
            continue
        if n.type == "identifier" and text in names:
            used.add(text)
        stack.extend(n.children)
    brace = body.children[0]
    edits += [(brace.end_byte, brace.end_byte, f" const {n} = {{}};") for n in sorted(used)]
    return edits, names


def fix_rest(data: bytes, root) -> tuple[list[tuple[int, int, str]], list[tuple[int, str]]]:
    """(edits, (line, note) pairs) that drop every function's rest parameters after the first (see the module);
    the edits keep the line numbers."""
    edits: list[tuple[int, int, str]] = []
    notes: list[tuple[int, str]] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type in FUNCTIONS:
            more, names = _extra_rest(data, node)
            if more:
                edits += more
                notes.append((node.start_point[0], f"the rest parameter{'s' * (len(names) > 1)} {', '.join(names)} "
                                                   "(Python's **kwargs) dropped: one rest parameter is allowed"))
        stack.extend(node.children)
    return edits, notes


def redeclared(data: bytes, block) -> tuple[list[tuple[int, int, str]], list[tuple[int, str]]]:
    """(edits, (line, note) pairs) for Python's rebinding of a name written as a second ``let``/``const`` of it in
    one block (``let expect = 1; ... let expect = 2;``, or a parameter's name declared again in the function's
    body): a SyntaxError when the module loads. The later declarations become assignments; the first one, if
    ``const``, becomes ``let``. Only single declarations of a plain name with a value."""
    params: set[str] = set()
    fn = block.parent
    if block.type == "statement_block" and fn is not None and fn.type in FUNCTIONS \
            and (ps := fn.child_by_field_name("parameters")) is not None:
        params = {data[c.start_byte:c.end_byte].decode("utf-8") for c in ps.named_children if c.type == "identifier"}
    first: dict[str, object] = {}
    edits: list[tuple[int, int, str]] = []
    notes: list[tuple[int, str]] = []
    loosened: set[int] = set()
    for stmt in block.named_children:
        if stmt.type != "lexical_declaration":
            continue
        decls = [c for c in stmt.named_children if c.type == "variable_declarator"]
        names = [d.child_by_field_name("name") for d in decls]
        plain = [data[n.start_byte:n.end_byte].decode("utf-8") for n in names if n is not None and n.type == "identifier"]
        if len(decls) != 1 or len(plain) != 1 or decls[0].child_by_field_name("value") is None:
            for name in plain:
                first.setdefault(name, stmt)
            continue
        name = plain[0]
        earlier = first.get(name)
        if earlier is None and name not in params:
            first[name] = stmt
            continue
        keyword, target = stmt.children[0], names[0]
        assert target is not None
        edits.append((keyword.start_byte, target.start_byte, ""))
        notes.append((stmt.start_point[0], f"`{name}` declared again (Python rebinds it): assigned instead"))
        head = getattr(earlier, "children", [None])[0]
        if head is not None and head.type == "const" and earlier.start_byte not in loosened:
            loosened.add(earlier.start_byte)
            edits.append((head.start_byte, head.end_byte, "let"))
    return edits, notes


def self_param(data: bytes, fn) -> list[tuple[int, int, str]]:
    """Edits that drop Python's ``self`` from a JavaScript method's parameters (``partition(self, sep)``: callers
    pass ``sep`` as ``self``) and read ``this`` for it in the body (``cls`` the same in a static method, where
    ``this`` is the class). Not when a nested ``function`` (its own ``this``) reads the name."""
    if fn.type != "method_definition":
        return []
    params, body = fn.child_by_field_name("parameters"), fn.child_by_field_name("body")
    if params is None or body is None or not params.named_children:
        return []
    first = params.named_children[0]
    name = data[first.start_byte:first.end_byte].decode("utf-8")
    static = any(c.type == "static" for c in fn.children)
    if first.type != "identifier" or not (name == "self" or (name == "cls" and static)):
        return []
    uses = []
    stack = [(body, False)]
    while stack:
        n, nested = stack.pop()
        if n.type == "identifier" and data[n.start_byte:n.end_byte].decode("utf-8") == name:
            if nested:
                return []
            uses.append(n)
        if n.type in ("variable_declarator",) and (d := n.child_by_field_name("name")) is not None \
                and data[d.start_byte:d.end_byte].decode("utf-8") == name:
            return []  # the body binds the name itself
        inner = nested or n.type in ("function_expression", "function_declaration", "generator_function",
                                     "generator_function_declaration", "class", "class_declaration")
        stack.extend((c, inner) for c in n.children)
    nxt = params.named_children[1] if len(params.named_children) > 1 else None
    end = nxt.start_byte if nxt is not None else first.end_byte
    return [(first.start_byte, end, ""), *((u.start_byte, u.end_byte, "this") for u in uses)]
