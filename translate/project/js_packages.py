"""Imports the model wrote of packages a migrated JavaScript project cannot load, kept as marked comments.

A migrated project has no npm dependencies (its ``package.json`` comes from a template) and the check runs it
without a network, so an import of any package but Node's own fails the module at load, and every module that
imports it: uritemplate's ``variable.js`` began ``import t from "t";`` (the source's ``import typing as t``) and
0 of 17 migrated tests could load. Such a line becomes a comment that says why and keeps it for a person to
restore once the package is installed; a use of the name then fails where it is used, not the whole project.
"""
from __future__ import annotations

from translate.source.languages import Language
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
