"""TypeScript answers for a JavaScript target: small models often write ``function f(a: number): number``.

When an answer does not parse as JavaScript but parses cleanly as TypeScript, the type-only syntax is
removed with the TypeScript grammar (annotations, type parameters/arguments, ``as``/``satisfies``/``!``,
``?`` on parameters, interfaces and type aliases). The result is used only if it parses as JavaScript;
the engine records the answer as "TypeScript types removed".
"""
from __future__ import annotations

import functools

_DROP = {"type_annotation", "type_parameters", "type_arguments", "interface_declaration",
         "type_alias_declaration", "accessibility_modifier", "override_modifier", "readonly"}
_KEEP_FIRST = {"as_expression", "satisfies_expression", "non_null_expression"}  # keep the expression only


@functools.cache
def _ts_parser():
    import tree_sitter
    import tree_sitter_typescript

    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_typescript.language_typescript()))


def strip_types(code: str) -> str | None:
    """JavaScript from TypeScript-looking ``code``, or None when it is not clean TypeScript."""
    data = code.encode("utf-8")
    tree = _ts_parser().parse(data)
    if tree.root_node.has_error:
        return None
    cuts: list[tuple[int, int]] = []

    def visit(node) -> None:
        if node.type in _DROP:
            cuts.append((node.start_byte, node.end_byte))
            return
        if node.type in _KEEP_FIRST and node.named_children:
            inner = node.named_children[0]
            cuts.append((inner.end_byte, node.end_byte))
            visit(inner)
            return
        if node.type == "optional_parameter":
            for child in node.children:
                if child.type == "?":
                    cuts.append((child.start_byte, child.end_byte))
        for child in node.children:
            visit(child)

    visit(tree.root_node)
    if not cuts:
        return None
    out, pos = [], 0
    for start, end in sorted(cuts):
        if start < pos:
            continue
        out.append(data[pos:start])
        pos = end
    out.append(data[pos:])
    return b"".join(out).decode("utf-8")
