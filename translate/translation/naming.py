"""Names across languages: one target name per source name, chosen before translating, used everywhere.

``is_boiling`` becomes ``isBoiling`` in JavaScript, Java and TypeScript, ``IsBoiling`` in C# (and Go when
it was exported), and stays ``is_boiling`` in Python, C, C++ and Rust; classes are PascalCase. The prompt
names the unit it asks for and the names of its neighbours, and every answer is then renamed
deterministically (tree-sitter identifiers, never strings or comments), so a file whose functions call
each other comes out consistent whatever style the model wrote.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from translate.source.languages import Language
from translate.source.validate import normalize_name

CASES = ("keep", "snake", "camel", "pascal", "kebab")


def _words(stem: str) -> list[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", stem)
    spaced = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", spaced)
    return [w for w in re.split(r"[\s_\-.]+", spaced) if w]


def convert_case(stem: str, case: str) -> str:
    if case == "keep" or not stem.strip("_-"):
        return stem
    lead = stem[: len(stem) - len(stem.lstrip("_"))]
    words = _words(stem)
    if case == "snake":
        return lead + "_".join(w.lower() for w in words)
    if case == "kebab":
        return "-".join(w.lower() for w in words)
    if case == "pascal":
        return "".join(w[:1].upper() + w[1:].lower() for w in words)
    if case == "camel":
        out = "".join(w[:1].upper() + w[1:].lower() for w in words)
        return lead + out[:1].lower() + out[1:]
    raise ValueError(case)


def target_name(name: str, kind: str, lang: Language) -> str:
    """The conventional name in ``lang`` for a source unit called ``name``."""
    if name.startswith("__") and name.endswith("__") or not re.fullmatch(r"[A-Za-z_]\w*", name):
        return name  # dunder methods, operators, destructors: as they are
    if kind == "class":
        return convert_case(name, "pascal") if "_" in name or name[:1].islower() else name
    case = lang.function_case
    if case == "exported":  # Go: the first letter says whether it is exported
        case = "pascal" if name[:1].isupper() else "camel"
    if _is_constant(name):
        return name
    return convert_case(name, case)


def _is_constant(name: str) -> bool:
    return name.upper() == name and any(c.isalpha() for c in name)


class NameMap:
    """Source names (any naming style) -> the target names chosen for them."""

    def __init__(self, lang: Language):
        self.lang = lang
        self._by_norm: dict[str, str] = {}
        self._ambiguous: set[str] = set()
        self._classes: set[str] = set()

    def add(self, name: str, kind: str) -> str:
        chosen = target_name(name, kind, self.lang)
        key = normalize_name(name)
        if key in self._by_norm and self._by_norm[key] != chosen:
            self._ambiguous.add(key)  # get_value and GetValue both defined: rename neither
        self._by_norm[key] = chosen
        if kind == "class":
            self._classes.add(key)
        return chosen

    def add_all(self, items: Iterable[tuple[str, str]]) -> None:
        for name, kind in items:
            self.add(name, kind)

    def get(self, name: str) -> str | None:
        key = normalize_name(name)
        if key in self._ambiguous:
            return None
        chosen = self._by_norm.get(key)
        # `store`, a variable, is not the class `Store` (`const Store = new Store()` shadows the class)
        if chosen and key in self._classes and name[:1].islower() and chosen[:1].isupper():
            return None
        return chosen

    def __len__(self) -> int:
        return len(self._by_norm)


_CALLS = ("call", "call_expression")
_DEFINITIONS = ("function_definition", "function_declaration", "method_definition", "method_declaration")


def _called_or_defined(node) -> bool:
    """Is identifier ``node`` the name a call calls (``f(...)``, ``obj.f(...)``) or a function's own name?"""
    parent = node.parent
    if parent is None:
        return False
    if parent.type in _DEFINITIONS or parent.type == "method_invocation":
        return parent.child_by_field_name("name") == node
    holder = parent if parent.type in ("attribute", "member_expression", "field_access") \
        and parent.named_children[-1] == node else node
    up = holder.parent
    return up is not None and up.type in _CALLS and up.child_by_field_name("function") == holder


_FUNCTIONS = ("function_definition", "function_declaration")


def _local_functions(root, data: bytes) -> set[str]:
    """Names of the functions defined inside another function (a comparator ``def _compare`` in a method): local
    to it, never a unit of the project, so never renamed to one (the rule's ``_compare`` became ``compare``, a
    HumanEval-X unit of another file, at its ``def`` only: a NameError where it was passed)."""
    out: set[str] = set()
    stack = [(root, False)]
    while stack:
        node, inside = stack.pop()
        if node.type in _FUNCTIONS:
            name = node.child_by_field_name("name")
            if inside and name is not None:
                out.add(data[name.start_byte:name.end_byte].decode("utf-8", "replace"))
            inside = True
        stack.extend((c, inside) for c in node.children)
    return out


def rename_identifiers(code: str, lang: Language, names: NameMap) -> str:
    """Rename every identifier of ``code`` whose name is a known unit in another naming style.

    Only identifier nodes are touched (calls, definitions, member accesses), never strings or comments; an
    answer that does not parse is returned unchanged."""
    if not len(names) or not code.strip():
        return code
    data = code.encode("utf-8")
    tree = lang.parse(data)
    if tree.root_node.has_error:
        return code
    edits: list[tuple[int, int, bytes]] = []
    local = _local_functions(tree.root_node, data)
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.child_count == 0:
            if "identifier" in node.type:
                text = data[node.start_byte:node.end_byte].decode("utf-8", "replace")
                new = names.get(text) if text not in local else None
                # ``self._width = w`` is not the unit ``width``: a leading underscore sets a field apart from the
                # method of the same name; ``self._consistentShuffle(...)`` (called, or defined) is the unit
                # ``min_ = s2`` beside ``min(...)``: a trailing underscore keeps a local off a built-in (PEP 8), and
                # the unit ``min`` of another class (java-string-similarity's ``Damerau.min``) does not undo it
                escaped = text.endswith("_") and text.rstrip("_") == new and not _called_or_defined(node)
                if new is not None and new != text and not escaped and (text.startswith("_") == new.startswith("_")
                                                                        or _called_or_defined(node)):
                    edits.append((node.start_byte, node.end_byte, new.encode("utf-8")))
            continue
        if node.type in ("string", "string_literal", "comment", "line_comment", "block_comment", "template_string"):
            continue
        stack.extend(node.children)
    for start, end, new in sorted(edits, reverse=True):
        data = data[:start] + new + data[end:]
    return data.decode("utf-8")
