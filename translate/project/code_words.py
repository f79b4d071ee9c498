"""The words of a unit's code that can name what it calls (the project writers' must-call check and the context
of a migrated test read them): identifiers and attributes, without what names no call (Java annotations, Python
type annotations)."""
from __future__ import annotations

import ast
import re
import textwrap

from translate.source import pyast

_JAVA_ANNOTATION = re.compile(r"@[\w.]+(?:\s*\([^()]*\))?")


def code_words(text: str, language: str) -> set[str]:
    """The words of a unit's code that can name what it calls: Java annotations left out (JUnit 4's
    ``@Test(expected = E.class)`` names ``E`` for the runner, not for the test's code), and Python type
    annotations (``on_color: Highlight`` names a type, which a JavaScript translation rightly drops)."""
    if language == "java":
        text = _JAVA_ANNOTATION.sub(" ", text)
    elif language == "python":
        words = _python_words(text)
        if words is not None:
            return words
    return set(re.findall(r"[A-Za-z_]\w*", text))


def _python_words(text: str) -> set[str] | None:
    """The names and attributes of Python ``text`` outside its annotations; None when it does not parse."""
    try:
        tree = pyast.parse(textwrap.dedent(text))
    except (SyntaxError, ValueError, RecursionError):
        return None
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and node.annotation is not None:
            skip.add(id(node.annotation))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns is not None:
            skip.add(id(node.returns))
        elif isinstance(node, ast.AnnAssign):
            skip.add(id(node.annotation))
    words: set[str] = set()
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if id(node) in skip:
            continue
        if isinstance(node, ast.Name):
            words.add(node.id)
        elif isinstance(node, ast.Attribute):
            words.add(node.attr)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            words.add(node.name)
        stack.extend(ast.iter_child_nodes(node))
    return words
