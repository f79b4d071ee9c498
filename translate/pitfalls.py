"""Source constructs that models often mistranslate, named for the repair turn.

A repair turn quotes what went wrong (a failed assertion, a parse error). A small model given only
"Assertion `gcd(12, 18) == 6' failed" tends to answer with the same code again; it fixes the code when
the feedback also says which construct of the source does not carry over (Python's
``a, b = b, a % b`` assigns from the old values; ``//`` rounds down; JavaScript's ``sort()`` compares
strings). Each detector reads the source unit's syntax tree (tree-sitter) and returns notes; only
repair turns show them, so a first answer is never steered by them (bench/RESULTS.md, ``## prompts``).
Adding a source language is one function in ``DETECTORS``.
"""
from __future__ import annotations

from typing import Callable, Iterator

import tree_sitter

from translate.languages import Language

_C_LIKE = {"c", "cpp", "java", "javascript", "typescript", "csharp", "go", "rust"}


def _walk(node: tree_sitter.Node) -> Iterator[tree_sitter.Node]:
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(n.children))


def _text(node: tree_sitter.Node) -> str:
    return node.text.decode("utf-8", "replace")


def _python(root: tree_sitter.Node, target: Language) -> list[str]:
    notes: list[str] = []
    seen: set[str] = set()

    def add(key: str, note: str) -> None:
        if key not in seen:
            seen.add(key)
            notes.append(note)

    for node in _walk(root):
        if node.type == "assignment":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is not None and right is not None and left.type in ("pattern_list", "tuple_pattern") \
                    and right.type in ("expression_list", "tuple"):
                targets = {_text(c) for c in left.named_children}
                used = {_text(c) for c in _walk(right) if c.type == "identifier"}
                if targets & used:
                    line = " ".join(_text(node).split())
                    add("swap", f"`{line}` assigns every target at once, from the values before the line: "
                                f"in {target.display}, assign from the old values (save them first).")
        elif node.type == "binary_operator" and target.name in _C_LIKE:
            op = node.child_by_field_name("operator")
            if op is not None and op.type == "//":
                add("floordiv", f"Python's `//` rounds down (toward negative infinity) and gives an integer; "
                                f"{target.display}'s `/` does not do both.")
        elif node.type == "call" and target.name in ("javascript", "typescript"):
            fn = node.child_by_field_name("function")
            name = _text(fn) if fn is not None else ""
            args = node.child_by_field_name("arguments")
            has_key = args is not None and any(a.type == "keyword_argument" and _text(a).startswith("key")
                                               for a in args.named_children)
            if (name == "sorted" or name.endswith(".sort")) and not has_key:
                add("sort", "JavaScript's `sort()` without a comparator compares values as strings: "
                            "sort numbers with `(a, b) => a - b`.")
        elif node.type == "subscript" and target.name in _C_LIKE:
            for idx in node.children_by_field_name("subscript"):
                negative = idx.type == "unary_operator" and _text(idx).startswith("-")
                if negative or idx.type == "slice":
                    add("index", f"Python's negative indexes and slices (`{' '.join(_text(node).split())}`) "
                                 f"count from the end; {target.display} indexing does not.")
    return notes


DETECTORS: dict[str, Callable[[tree_sitter.Node, Language], list[str]]] = {"python": _python}


def pitfalls(code: str, source: Language, target: Language) -> list[str]:
    """Notes on the constructs of ``code`` (a ``source`` unit) that do not carry over to ``target``."""
    detect = DETECTORS.get(source.name)
    if detect is None or source.name == target.name:
        return []
    tree = source.parser().parse(code.encode("utf-8"))
    return detect(tree.root_node, target)
