"""A Python answer that uses a standard module it never imports gets the import.

hashids' constructor, asked for alone (translation.bigclass), came back calling ``math.ceil`` with no ``import
math``: the whole class failed at its first object, all 17 tests, while the code itself was right. A name read as
``name.attribute`` that nothing in the answer binds (no assignment, parameter, definition, import, loop or
``with``/``except`` target) and that is a module of Python's standard library can only mean that module: the
import goes at the top of the answer, after a docstring and ``__future__`` imports.
"""
from __future__ import annotations

import sys

from translate.source.languages import Language, get_language
from translate.source.validate import node_text, walk

# binding positions: (node type, field) whose identifiers a scope defines
_BINDS = {("assignment", "left"), ("augmented_assignment", "left"), ("for_statement", "left"),
          ("for_in_clause", "left"), ("function_definition", "name"), ("class_definition", "name"),
          ("as_pattern", "alias"), ("named_expression", "name"), ("except_clause", "alias")}
_PARAMS = ("parameters", "lambda_parameters")
# stdlib names that are seldom a module a translation means (``types`` of a parameter list, ``this``, ``test``)
_NOT_MODULES = frozenset({"this", "test", "types", "token", "code", "site", "signal", "select", "array", "keyword",
                          "symbol", "numbers", "abc", "ast", "dis", "pty", "tty"})


def _bound(root) -> set[str]:
    names: set[str] = set()
    for n in walk(root):
        if n.type in ("import_statement", "import_from_statement", "future_import_statement"):
            for alias in walk(n):
                if alias.type == "aliased_import":
                    names.add(node_text(alias.child_by_field_name("alias")))
                elif alias.type == "dotted_name" and (alias.parent is None or alias.parent.type != "aliased_import"):
                    names.add(node_text(alias).split(".")[0] if n.type == "import_statement"
                              else node_text(alias).split(".")[-1])
            continue
        if n.type in _PARAMS or n.type in ("global_statement", "nonlocal_statement"):
            names.update(node_text(i) for i in walk(n) if i.type == "identifier")
            continue
        for i in range(n.child_count):
            if (n.type, n.field_name_for_child(i)) in _BINDS:
                names.update(node_text(x) for x in walk(n.children[i]) if x.type == "identifier")
    return names


def missing_modules(code: str, target: Language) -> list[str]:
    """The standard modules ``code`` (Python) reads attributes of without binding their names, in order."""
    if target.name != "python":
        return []
    root = target.parse(code.encode("utf-8")).root_node
    if root.has_error:
        return []
    bound = _bound(root)
    out: list[str] = []
    for n in walk(root):
        if n.type == "attribute":
            base = n.child_by_field_name("object")
            name = node_text(base) if base is not None and base.type == "identifier" else ""
            if name and name not in bound and name not in out and name in sys.stdlib_module_names \
                    and name not in _NOT_MODULES and not name.startswith("_"):
                out.append(name)
    return out


def add_missing_imports(code: str, target: Language) -> tuple[str, bool]:
    """``code`` with ``import M`` for each module of :func:`missing_modules` (see the module)."""
    modules = missing_modules(code, target)
    if not modules:
        return code, False
    python = get_language("python")
    root = python.parse(code.encode("utf-8")).root_node
    at = 0  # after a module docstring and ``from __future__`` imports
    for stmt in root.named_children:
        future = stmt.type == "future_import_statement"
        docstring = stmt.type == "expression_statement" and stmt.named_children[:1] \
            and stmt.named_children[0].type == "string" and at == 0
        if not (future or docstring):
            break
        at = stmt.end_byte
    data = code.encode("utf-8")
    lines = "".join(f"import {m}\n" for m in modules)
    if at:
        return (data[:at].decode("utf-8") + "\n" + lines.rstrip("\n") + data[at:].decode("utf-8")), True
    return lines + ("\n" if not code.startswith(("import ", "from ")) else "") + code, True
