"""Python idioms a model carries into JavaScript that parse but do not run, fixed where the fix is certain.

Both parse (so the unit checks pass them) and break the program at load or run time:

* ``super().cost(q)`` in a method: a ``super()`` call outside a constructor is a SyntaxError when the module
  loads; the Python meaning is ``super.cost(q)``.
* ``(item, count)``: a parenthesised comma expression is a Python tuple (JavaScript evaluates it to ``count``);
  its meaning is the array ``[item, count]``. Only outside ``for (...;...;...)`` headers, where JavaScript code
  writes comma expressions on purpose (and without parentheses).
* ``"\\033[1m"``: a Python octal escape; in an ES module (strict mode) it is a SyntaxError when the module loads.
  The same character is ``"\\x1b[1m"``.

Each fix is a note in the report. (Better still as checks that give the model a repair turn; this keeps the
project loadable until then.)
"""
from __future__ import annotations

import re

from translate.source.languages import Language
from translate.translation.assemble import splice

_OCTAL = re.compile(r"\\([0-7]{1,3})")


def _in_constructor(node, data: bytes) -> bool:
    while node is not None:
        if node.type == "method_definition":
            name = node.child_by_field_name("name")
            return name is not None and data[name.start_byte:name.end_byte] == b"constructor"
        node = node.parent
    return False


def _octal(data: bytes, node) -> str | None:
    """The hex escape an octal escape sequence stands for (``\\033`` -> ``\\x1b``); None for others and ``\\0``
    (the NUL escape, allowed in strict mode when no digit follows)."""
    m = _OCTAL.fullmatch(data[node.start_byte:node.end_byte].decode("utf-8", "replace"))
    if m is None or m.group(1) == "0" or int(m.group(1), 8) > 0xFF:
        return None
    return f"\\x{int(m.group(1), 8):02x}"


def fix_python_idioms(text: str, target: Language) -> tuple[str, list[str]]:
    """(fixed text, notes) for a JavaScript file."""
    if target.name != "javascript":
        return text, []
    data = text.encode("utf-8")
    tree = target.parse(data)
    if tree.root_node.has_error:
        return text, []
    edits: list[tuple[int, int, str]] = []
    notes: list[tuple[int, str]] = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "member_expression":
            obj = node.child_by_field_name("object")
            if obj is not None and obj.type == "call_expression" and not _in_constructor(node, data):
                fn, args = obj.child_by_field_name("function"), obj.child_by_field_name("arguments")
                if fn is not None and fn.type == "super" and args is not None and args.named_child_count == 0:
                    edits.append((obj.start_byte, obj.end_byte, "super"))
                    notes.append((node.start_point[0], "`super().` (Python) made `super.`"))
        elif node.type == "escape_sequence" and _octal(data, node) is not None:
            octal = data[node.start_byte:node.end_byte].decode("utf-8")
            edits.append((node.start_byte, node.end_byte, _octal(data, node) or ""))
            notes.append((node.start_point[0], f"the octal escape `{octal}` (Python) made `{_octal(data, node)}`"))
        elif node.type == "parenthesized_expression" and node.named_child_count == 1 \
                and node.named_children[0].type == "sequence_expression" \
                and (node.parent is None or node.parent.type not in ("for_statement",)):
            inner = node.named_children[0]
            items = data[inner.start_byte:inner.end_byte].decode("utf-8")
            edits.append((node.start_byte, node.end_byte, f"[{items}]"))
            notes.append((node.start_point[0], f"the tuple `({items})` (Python) made an array"))
            continue
        stack.extend(node.children)
    return (splice(text, edits) if edits else text), [f"line {n + 1}: {what}" for n, what in sorted(notes)]
