"""Parameters of a function, read with tree-sitter in any language, to check that a translation keeps them.

Callers pass as many arguments as the source function takes; a translation that folds ``(arr, n)`` into
one ``std::vector`` no longer fits them. ``self``/``cls``, Rust's ``self`` and Go receivers are not
counted; a variadic parameter (``*args``, ``...rest``, ``String...``, ``params``, C's ``...``) makes the
count open, and the check is skipped.
"""
from __future__ import annotations

from dataclasses import dataclass

import tree_sitter

from translate.source.languages import Language
from translate.source.validate import normalize_name, walk

_LISTS = ("parameters", "formal_parameters", "parameter_list", "formal_parameter_list")
_VARIADIC = ("list_splat_pattern", "dictionary_splat_pattern", "rest_pattern", "spread_parameter",
             "variadic_parameter", "variadic_parameter_declaration")
_SKIP = ("comment", "line_comment", "block_comment", "keyword_separator", "positional_separator", "self_parameter")


@dataclass(frozen=True)
class Params:
    names: tuple[str, ...]
    variadic: bool

    @property
    def count(self) -> int:
        return len(self.names)

    def describe(self) -> str:
        return f"{self.count} parameter{'s' * (self.count != 1)}" + (f" ({', '.join(self.names)})" if self.names else "")


def params_of(code: str, lang: Language, name: str) -> Params | None:
    """The parameters of the function or method called ``name`` (any naming style) in ``code``."""
    data = code.encode("utf-8")
    tree = lang.parse(data)
    want = normalize_name(name)
    stack = [tree.root_node]
    seen_name = False
    while stack:
        node = stack.pop(0)
        if not seen_name and node.child_count == 0 and "identifier" in node.type:
            seen_name = normalize_name(_text(data, node)) == want
            continue
        if seen_name and node.type in _LISTS:
            return _read(node, data, lang)
        stack[0:0] = node.children
    if want in _CONSTRUCTORS:  # a constructor asked for by its target's name (``__init__``), alone in ``code``:
        # its parameters whatever its own name (a Java constructor alone parses as no declaration)
        return next((_read(node, data, lang) for node in walk(tree.root_node) if node.type in _LISTS), None)
    return None


_CONSTRUCTORS = (normalize_name("__init__"), normalize_name("constructor"))


def _read(plist: tree_sitter.Node, data: bytes, lang: Language) -> Params:
    names: list[str] = []
    variadic = lang.name == "csharp" and b"params " in data[plist.start_byte:plist.end_byte]
    for child in plist.named_children:
        kind = child.type
        if kind in _SKIP:
            continue
        text = _text(data, child).strip()
        if kind in _VARIADIC or text.startswith("params ") or text == "...":
            variadic = True
            continue
        if lang.name in ("c", "cpp") and text == "void":
            continue
        if lang.name == "go" and kind == "parameter_declaration":
            idents = [_text(data, c) for c in child.named_children if c.type == "identifier"]
            names += idents or [text]
            continue
        if lang.name == "csharp" and kind != "parameter":
            continue  # the grammar splits `params int[] b` into loose nodes
        ident = _first_identifier(child, data)
        if lang.name == "python" and not names and ident in ("self", "cls"):
            continue
        names.append(ident or text)
    return Params(tuple(names), variadic)


def _first_identifier(node: tree_sitter.Node, data: bytes) -> str | None:
    """The parameter's own name: the last identifier of a declaration (``const std::vector<int>& a`` -> a)."""
    if node.type == "identifier":
        return _text(data, node)
    found = None
    for child in node.named_children:
        if child.type in ("identifier", "pattern") or child.type.endswith("declarator"):
            found = _first_identifier(child, data) or found
        if child.type in ("default_value", "value", "expression"):
            break
    if found is None and node.named_children and node.named_children[0].type == "identifier":
        found = _text(data, node.named_children[0])
    return found


def _text(data: bytes, node: tree_sitter.Node) -> str:
    return data[node.start_byte:node.end_byte].decode("utf-8", "replace")


def parameter_problem(answer: str, target: Language, source: Params | None, name: str, source_lang: Language) -> str | None:
    """Why the answer's parameters do not fit the source's callers, or None."""
    if source is None or source.variadic:
        return None
    mine = params_of(answer, target, name)
    if mine is None or mine.variadic or mine.count == source.count:
        return None
    return (f"the {target.display} version takes {mine.describe()}, the {source_lang.display} one "
            f"{source.describe()}: keep every parameter, its callers pass {source.count} "
            f"argument{'s' * (source.count != 1)}")
