"""A migrated test function written as Mocha/Jest blocks, made the function it was asked for.

Asked for a test function, small models often answer in the blocks of a JavaScript test framework instead::

    describe('pluralize_plurals', function() {
        it('returns "plurals"', function() {
            assert.strictEqual(pluralize("plurals"), "plurals");
        });
    });

The unit check then finds no function named ``test_pluralize_plurals`` and every repair turn gets the same
answer (measured on the inflection project: 6 test functions failed that way in 3 turns each). The blocks hold
the test's statements, in order, so the answer is rewritten as the function: each ``it``/``test`` callback's
body, ``describe`` blocks opened in place. Only an answer made of nothing but such blocks (and comments) is
rewritten; ``.each``/``.skip`` variants and blocks with hooks (``beforeEach``) are left as they are.
"""
from __future__ import annotations

import textwrap

from translate.source.languages import Language

_BLOCKS = ("describe", "it", "test", "suite")
_FUNCTIONS = ("function_expression", "arrow_function", "function")


def _text(data: bytes, node) -> str:
    return data[node.start_byte:node.end_byte].decode("utf-8")


def _callback_body(data: bytes, call) -> tuple[str, object] | None:
    """(name of the block function, body node of its callback) of a ``describe/it/test(name, fn)`` call."""
    fn = call.child_by_field_name("function")
    args = call.child_by_field_name("arguments")
    if fn is None or fn.type != "identifier" or _text(data, fn) not in _BLOCKS or args is None:
        return None
    named = [a for a in args.named_children if a.type != "comment"]
    if len(named) != 2 or named[1].type not in _FUNCTIONS:
        return None
    body = named[1].child_by_field_name("body")
    return (_text(data, fn), body) if body is not None else None


def _statements(data: bytes, nodes) -> list[str] | None:
    """The test's statements of a list of top-level nodes or a describe body; None when something else is there."""
    out: list[str] = []
    for node in nodes:
        if node.type == "comment":
            out.append(_text(data, node))
            continue
        call = node.named_children[0] if node.type == "expression_statement" and node.named_children else None
        found = _callback_body(data, call) if call is not None and call.type == "call_expression" else None
        if found is None:
            return None
        kind, body = found
        if body.type != "statement_block":  # ``() => expr``
            out.append(_text(data, body) + ";")
        elif kind in ("describe", "suite"):
            inner = _statements(data, body.named_children)
            if inner is None:
                return None
            out += inner
        else:
            text = _text(data, body)[1:-1]
            out.append(textwrap.dedent(text.strip("\n")).strip("\n"))
    return out


def flatten_test_blocks(code: str, target: Language, name: str) -> str:
    """``code`` as the function ``name`` when it is only describe/it/test blocks (see the module), else as is."""
    if target.name not in ("javascript", "typescript") or not code.strip():
        return code
    data = code.encode("utf-8")
    root = target.parse(data).root_node
    if root.has_error:
        return code
    nodes = [n for n in root.named_children if n.type != "comment"]
    if not nodes or any(n.type != "expression_statement" for n in nodes):
        return code
    statements = _statements(data, root.named_children)
    if not statements or all(s.lstrip().startswith("//") for s in statements):
        return code
    body = "\n".join(statements)
    return f"function {name}() {{\n{textwrap.indent(body, '  ')}\n}}\n"
