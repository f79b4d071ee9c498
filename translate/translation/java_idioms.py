"""Python idioms a model carries into Java that do not compile, fixed where the fix is certain.

* ``"(?i)([a-z\\d])([A-Z])"``: a Python raw string's backslashes kept in a Java string literal. ``\\d`` is an illegal
  escape in Java, a lexical error that stops javac for the whole project (inflection's ``underscore``: no test
  ran). The regex meant by the raw string is ``"([a-z\\\\d])"``: a backslash that starts no Java escape is doubled.
* ``r"(?i)([a-z\\d])"``: Python's raw string prefix kept (a syntax error). Where the answer does not parse and
  parses once each ``r"..."`` is a Java literal with its backslashes doubled, that is what it becomes.
* ``"\\1_\\2"`` where the Python source wrote a raw ``r"\\1_\\2"`` (a replacement's group references): in Java
  ``\\1`` is an octal escape (the character U+0001). When the source's raw strings hold such references, a
  backslash before a digit in the answer's strings is doubled too.
"""
from __future__ import annotations

import re

from translate.source.languages import Language

_ESCAPE = re.compile(r"\\(.)", re.S)
_RAW = re.compile(r'(?<![\w$"])[rR]"((?:[^"\\\n]|\\.)*)"')  # Python's r"..." in a Java answer
_RAW_GROUP_REFS = re.compile(r"""\b[rR](?:"[^"\n]*\\[1-9]|'[^'\n]*\\[1-9])""")  # r"\1en" in the source


def _fixed(literal: str, refs: bool) -> str:
    """A Java string literal with each backslash that starts no Java escape doubled (and, where ``refs``, one
    before a digit 1-9: a Python group reference, not an octal escape); escapes read left to right."""
    def one(m: re.Match) -> str:
        c = m.group(1)
        if c in "btnfrs\"'\\u0" or c in "1234567" and not refs:  # Java's own (\u is read before lexing)
            return m.group(0)
        return "\\\\" + c
    return _ESCAPE.sub(one, literal)


def fix_java_idioms(text: str, target: Language, source_code: str = "") -> tuple[str, list[str]]:
    """(fixed text, notes) for Java code translated from Python ``source_code``."""
    if target.name != "java" or "\\" not in text:
        return text, []
    refs = _RAW_GROUP_REFS.search(source_code) is not None
    notes: list[str] = []
    data = text.encode("utf-8")
    root = target.parse(data).root_node
    if root.has_error and _RAW.search(text):
        unraw = _RAW.sub(lambda m: '"' + m.group(1).replace("\\", "\\\\") + '"', text)
        tree = target.parse(unraw.encode("utf-8")).root_node
        if not tree.has_error:
            text, data, root = unraw, unraw.encode("utf-8"), tree
            notes.append("Python raw strings (r\"...\") written as Java string literals")
    edits: list[tuple[int, int, str]] = []

    def walk(node) -> None:
        if node.type == "string_literal" and not (node.text or b"").startswith(b'"""'):
            literal = (node.text or b"").decode("utf-8")
            fixed = _fixed(literal, refs)
            if fixed != literal:
                edits.append((node.start_byte, node.end_byte, fixed))
            return
        for child in node.children:
            walk(child)

    walk(root)
    if not edits:
        return text, notes
    for start, end, new in sorted(edits, reverse=True):
        data = data[:start] + new.encode("utf-8") + data[end:]
    notes.append(f"{len(edits)} string literal(s): a Python raw string's backslash doubled for Java")
    return data.decode("utf-8"), notes
