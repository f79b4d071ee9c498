"""Python's test for an environment variable carried into JavaScript as a truth test, put back.

``if "FORCE_COLOR" in os.environ: return True`` came back as ``if (process.env.FORCE_COLOR) return true;``
(termcolor's ``_can_do_colour``). Python asks whether the variable is *set*; JavaScript's truth test is false
for a variable set to the empty string too (``FORCE_COLOR=`` must force colour, termcolor's tests say so). Where
the Python source tests that very name with ``in`` (``"NAME" in os.environ``, ``not in``, ``os`` under any
alias or ``environ`` imported alone), a ``process.env.NAME`` (or ``process.env["NAME"]``) read as a truth value
becomes ``("NAME" in process.env)``: in an ``if``/``while``/``for``/``do`` condition, a ``? :`` test, under
``!``, in ``Boolean(...)``, or as an operand of ``&&``/``||`` that is itself read as a truth value. A read of
its value (``const v = process.env.NAME``, ``process.env.NAME === "1"``) stays.
"""
from __future__ import annotations

from translate.source.languages import Language, get_language
from translate.translation.assemble import splice

_CONDITIONS = ("if_statement", "while_statement", "do_statement", "for_statement", "ternary_expression")


def python_environ_tests(source: str) -> frozenset[str]:
    """The variable names Python ``source`` tests with ``"NAME" in <...>.environ`` (or ``not in``)."""
    py = get_language("python")
    data = source.encode("utf-8")
    found: set[str] = set()
    stack = [py.parse(data).root_node]
    while stack:
        n = stack.pop()
        stack.extend(n.children)
        if n.type != "comparison_operator" or n.named_child_count != 2:
            continue
        ops = [c.type for c in n.children if not c.is_named]
        if ops not in (["in"], ["not in"], ["not", "in"]):
            continue
        left, right = n.named_children
        environ = (right.type == "identifier" and right.text == b"environ") or (
            right.type == "attribute" and (attr := right.child_by_field_name("attribute")) is not None
            and attr.text == b"environ")
        if not environ or left.type != "string":
            continue
        parts = [c for c in left.named_children if c.type == "string_content"]
        if len(parts) == 1 and len(left.named_children) == 3:  # start, content, end: a plain string
            found.add(data[parts[0].start_byte:parts[0].end_byte].decode("utf-8"))
    return frozenset(found)


def _env_name(data: bytes, node) -> str | None:
    """NAME when ``node`` is ``process.env.NAME`` or ``process.env["NAME"]``."""
    obj = node.child_by_field_name("object")
    if obj is None or data[obj.start_byte:obj.end_byte] != b"process.env":
        return None
    if node.type == "member_expression":
        prop = node.child_by_field_name("property")
        return data[prop.start_byte:prop.end_byte].decode("utf-8") if prop is not None else None
    if node.type == "subscript_expression":
        index = node.child_by_field_name("index")
        if index is not None and index.type == "string" and index.named_child_count == 1 \
                and index.named_children[0].type == "string_fragment":
            frag = index.named_children[0]
            return data[frag.start_byte:frag.end_byte].decode("utf-8")
    return None


def _truth_read(node) -> bool:
    """Whether the expression ``node`` is read only as a truth value."""
    parent = node.parent
    while parent is not None and parent.type == "parenthesized_expression":
        node, parent = parent, parent.parent
    if parent is None:
        return False
    if parent.type in _CONDITIONS:
        return parent.child_by_field_name("condition") == node
    if parent.type == "unary_expression":
        op = parent.child_by_field_name("operator")
        return op is not None and op.type == "!"
    if parent.type == "arguments":
        call = parent.parent
        fn = call.child_by_field_name("function") if call is not None else None
        return fn is not None and fn.text == b"Boolean" and parent.named_child_count == 1
    if parent.type == "binary_expression":
        op = parent.child_by_field_name("operator")
        return op is not None and op.type in ("&&", "||") and _truth_read(parent)
    return False


def fix_environ_tests(text: str, target: Language, source: str) -> tuple[str, list[str]]:
    """``text`` (JavaScript) with the environment tests of its Python ``source`` put back (see the module)."""
    if target.name != "javascript" or "environ" not in source or "process.env" not in text:
        return text, []
    names = python_environ_tests(source)
    if not names:
        return text, []
    data = text.encode("utf-8")
    edits: list[tuple[int, int, str]] = []
    notes: list[tuple[int, str]] = []
    stack = [target.parse(data).root_node]
    while stack:
        n = stack.pop()
        if n.type in ("member_expression", "subscript_expression"):
            name = _env_name(data, n)
            if name is not None and name in names and _truth_read(n):
                was = data[n.start_byte:n.end_byte].decode("utf-8")
                test = f'"{name}" in process.env'
                bare = n.parent is not None and n.parent.type in ("parenthesized_expression", "arguments")
                edits.append((n.start_byte, n.end_byte, test if bare else f"({test})"))
                notes.append((n.start_point[0], f"`{was}` read as true or false is Python's `\"{name}\" in "
                              f"os.environ` (set, even to \"\"): `{test}`"))
                continue
        stack.extend(n.children)
    return splice(text, edits), [f"line {line + 1}: {what}" for line, what in sorted(notes)]
