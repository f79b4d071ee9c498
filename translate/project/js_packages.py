"""Module-system leftovers in a migrated JavaScript project's ES modules: imports the model wrote of packages the
project cannot load, kept as marked comments, and CommonJS's ``__dirname``/``__filename``, defined.

A migrated project has no npm dependencies (its ``package.json`` comes from a template) and the check runs it
without a network, so an import of any package but Node's own fails the module at load, and every module that
imports it: uritemplate's ``variable.js`` began ``import t from "t";`` (the source's ``import typing as t``) and
0 of 17 migrated tests could load. Such a line becomes a comment that says why and keeps it for a person to
restore once the package is installed; a use of the name then fails where it is used, not the whole project.

An ES module has no ``__dirname``: uritemplate's migrated ``test_from_fixtures`` read its fixtures with
``path.join(__dirname, ...)`` and all 17 of its tests failed on ``__dirname is not defined``. A module that uses
them without declaring them gets both, from ``import.meta.url``, after its imports; one that calls ``path.join``
(``fs``, ``os``, ...) without importing Node's module gets the import (the next 17 failures there).
"""
from __future__ import annotations

from translate.source.languages import Language
from translate.source.validate import walk
from translate.translation.assemble import splice

# Node's own modules (``require("module").builtinModules``, the stable ones), importable with or without ``node:``
NODE_BUILTINS = frozenset({
    "assert", "async_hooks", "buffer", "child_process", "cluster", "console", "constants", "crypto", "dgram",
    "diagnostics_channel", "dns", "domain", "events", "fs", "http", "http2", "https", "inspector", "module", "net",
    "os", "path", "perf_hooks", "process", "punycode", "querystring", "readline", "repl", "stream",
    "string_decoder", "sys", "timers", "tls", "trace_events", "tty", "url", "util", "v8", "vm", "wasi",
    "worker_threads", "zlib"})


def package_of(spec: str) -> str | None:
    """The npm package an import specifier names (``lodash/fp`` -> ``lodash``); None for a relative path, an
    absolute one, a URL or a Node module."""
    if not spec or spec.startswith((".", "/", "node:", "file:", "data:", "http:", "https:")):
        return None
    parts = spec.split("/")
    name = "/".join(parts[:2]) if spec.startswith("@") else parts[0]
    return None if name in NODE_BUILTINS else name


def comment_unknown_imports(text: str, target: Language, notes: list[str]) -> str:
    """``text`` with each top-level import of an npm package turned into a marked comment (a note each)."""
    data = text.encode("utf-8")
    edits: list[tuple[int, int, str]] = []
    for node in target.parse(data).root_node.children:
        src = node.child_by_field_name("source") if node.type == "import_statement" else None
        spec = data[src.start_byte:src.end_byte].decode("utf-8").strip("'\"`") if src is not None else ""
        package = package_of(spec)
        if package is None:
            continue
        line = data[node.start_byte:node.end_byte].decode("utf-8")
        edits.append((node.start_byte, node.end_byte,
                      f"// translate: the package {package!r} is not in the migrated project (a made-up module, or "
                      f"one to install by hand); the import, kept as a comment: {' '.join(line.split())}"))
        notes.append(f"the model's import of the package {package!r} kept as a comment: the project has no such "
                     "package")
    return splice(text, edits) if edits else text


_CJS_PATHS = ('import { fileURLToPath as __translateFileURLToPath } from "node:url";\n'
              'import { dirname as __translateDirname } from "node:path";\n'
              "const __filename = __translateFileURLToPath(import.meta.url);\n"
              "const __dirname = __translateDirname(__filename);\n")


def define_cjs_paths(text: str, target: Language, notes: list[str]) -> str:
    """``text`` with ``__dirname``/``__filename`` defined after its imports where it uses either undeclared."""
    if "__dirname" not in text and "__filename" not in text:
        return text
    data = text.encode("utf-8")
    root = target.parse(data).root_node
    used, declared, after = False, False, 0
    for node in walk(root):
        if node.type == "identifier" and data[node.start_byte:node.end_byte] in (b"__dirname", b"__filename"):
            parent = node.parent
            declared |= parent is not None and parent.type in ("variable_declarator", "function_declaration",
                                                               "formal_parameters", "import_specifier") \
                and parent.child_by_field_name("name") in (node, None)
            used = True
    for node in root.children:
        if node.type == "import_statement":
            after = node.end_byte
    if not used or declared:
        return text
    notes.append("__dirname/__filename, which an ES module lacks, defined from import.meta.url")
    cut = len(data[:after].decode("utf-8"))
    return text[:cut] + ("\n" if cut else "") + _CJS_PATHS + text[cut:].lstrip("\n" if not cut else "")


# Node modules a model uses by their usual name without importing them (``path.join(...)``): CommonJS habits
_USUAL = ("fs", "path", "os", "url", "util", "crypto")
_BINDING = ("variable_declarator", "function_declaration", "class_declaration", "formal_parameters",
            "import_clause", "namespace_import", "import_specifier", "required_parameter", "catch_clause")


_FUNCTIONS = ("function_declaration", "function_expression", "arrow_function", "method_definition",
              "generator_function_declaration", "generator_function", "program")


def _owner(node):
    """The function (or the program) whose scope ``node`` is in."""
    node = node.parent
    while node is not None and node.type not in _FUNCTIONS:
        node = node.parent
    return node


def import_node_modules(text: str, target: Language, notes: list[str]) -> str:
    """``text`` with ``import path from "node:path";`` (and the like) where it calls ``path.x`` with no ``path``
    in scope (a binding in the function of the use or around it; another function's local does not count)."""
    if not any(f"{m}." in text for m in _USUAL):
        return text
    data = text.encode("utf-8")
    uses: list = []  # (name, identifier node)
    bound: dict[str, set[int]] = {}  # name -> ids of the scopes binding it
    for node in walk(target.parse(data).root_node):
        if node.type == "identifier":
            name = data[node.start_byte:node.end_byte].decode("utf-8")
            parent = node.parent
            if parent is not None and parent.type == "member_expression" and parent.child_by_field_name("object") == node:
                uses.append((name, node))
            elif parent is not None and (parent.type in _BINDING or parent.type == "assignment_pattern"):
                owner = parent if parent.type in _FUNCTIONS else _owner(parent)
                bound.setdefault(name, set()).add(owner.id if owner is not None else 0)
    missing = []
    for name, node in uses:
        if name not in _USUAL or name in missing:
            continue
        scopes, scope = set(), _owner(node)
        while scope is not None:
            scopes.add(scope.id)
            scope = _owner(scope)
        if not scopes & bound.get(name, set()):
            missing.append(name)
    if not missing:
        return text
    missing.sort(key=_USUAL.index)
    notes.append(f"Node's {', '.join(missing)} imported: the module used {'them' if len(missing) > 1 else 'it'} "
                 "without an import")
    return "".join(f'import {m} from "node:{m}";\n' for m in missing) + text


def fix_module_system(text: str, target: Language, notes: list[str]) -> str:
    """The fixes of the module docstring, in order."""
    text = comment_unknown_imports(text, target, notes)
    return define_cjs_paths(import_node_modules(text, target, notes), target, notes)
