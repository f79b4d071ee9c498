"""The Python error for each Java exception a unit throws, as the migrated tests expect it.

A migrated JUnit test expects what the Java code throws, through the ``junit_asserts`` template's table
(``NullPointerException`` is Python's ``TypeError`` or ``AttributeError``, ``IllegalArgumentException`` a
``ValueError``, ...). The 1.5B pack writes ``raise ValueError("s1 must not be None")`` for Java's ``throw new
NullPointerException("s1 must not be null")`` (java-string-similarity: every ``distance(null, ...)`` test failed on
it). Where the answer raises as many times as the source throws, in the same order, each ``raise`` of a builtin
error that the table maps the source's exception to something else gets the table's error instead.
"""
from __future__ import annotations

import builtins
import re

from translate.source.languages import Language, get_language
from translate.source.validate import node_text, walk
from translate.translation.assemble import splice

# The template's table (translate/project/templates/junit_asserts.py), first choice of each
PYTHON_ERROR = {
    "ArithmeticException": "ZeroDivisionError", "ArrayIndexOutOfBoundsException": "IndexError",
    "ClassCastException": "TypeError", "IllegalArgumentException": "ValueError",
    "IllegalStateException": "RuntimeError", "IndexOutOfBoundsException": "IndexError",
    "NoSuchElementException": "LookupError", "NullPointerException": "TypeError",
    "NumberFormatException": "ValueError", "StringIndexOutOfBoundsException": "IndexError",
    "UnsupportedOperationException": "NotImplementedError",
}
_ACCEPTS = {"NullPointerException": ("TypeError", "AttributeError"), "NoSuchElementException": (
    "LookupError", "KeyError", "IndexError", "StopIteration")}



def _thrown(code: str) -> list[str | None]:
    """The simple class name of each ``throw new X(...)`` of the Java ``code`` in order (None for another throw)."""
    root = get_language("java").parse(code.encode("utf-8")).root_node
    out: list[str | None] = []
    for node in walk(root):
        if node.type == "throw_statement":
            m = re.match(r"throw\s+new\s+([\w.]+)\s*\(", node_text(node))
            out.append(m.group(1).split(".")[-1] if m else None)
    return out


def fix_raises(answer: str, target: Language, source: str, source_lang: Language) -> tuple[str, bool]:
    """``answer`` with its raised builtin errors made the template's errors for the source's (see the module)."""
    if source_lang.name != "java" or target.name != "python" or "throw" not in source or "raise" not in answer:
        return answer, False
    thrown = _thrown(source)
    root = get_language("python").parse(answer.encode("utf-8")).root_node
    raises = [n for n in walk(root) if n.type == "raise_statement"]
    if len(raises) != len(thrown) or root.has_error:
        return answer, False
    edits = []
    for java, node in zip(thrown, raises):
        want = PYTHON_ERROR.get(java or "")
        raised = node.named_children[0] if node.named_children else None
        head = raised.child_by_field_name("function") if raised is not None and raised.type == "call" else raised
        if want is None or head is None or head.type != "identifier":
            continue
        name = node_text(head)
        if name in _ACCEPTS.get(java or "", (want,)) or not isinstance(getattr(builtins, name, None), type):
            continue  # already an error the test accepts, or a class of the project's
        edits.append((head.start_byte, head.end_byte, want))
    return (splice(answer, edits), True) if edits else (answer, False)
