"""A set of Python files seen as modules: names, libcst metadata, and how names travel between them.

Module names follow the import system: walk up from a file while the directory holds an
``__init__.py``; the dotted path from the first directory without one is the module name
(``pkg/sub/mod.py`` -> ``pkg.sub.mod``, ``pkg/__init__.py`` -> ``pkg``, a lone ``app.py`` -> ``app``).
Two files that get the same module name are refused: a name would not say which one is meant.
"""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst
from libcst._metadata_dependent import LazyValue
from libcst.metadata import (
    MetadataWrapper,
    ParentNodeProvider,
    PositionProvider,
    QualifiedNameProvider,
    QualifiedNameSource,
    ScopeProvider,
)

from translate.errors import InputError
from translate.fsutil import atomic_write_text
from translate.source.files import read_source
from translate.source.languages import get_language
from translate.source.validate import text_depth_diagnostic

_SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "__pycache__", "node_modules", ".tox", ".mypy_cache",
              ".pytest_cache", "build", "dist"}
PROVIDERS = (QualifiedNameProvider, ScopeProvider, ParentNodeProvider, PositionProvider)


@dataclass
class ModuleInfo:
    path: Path
    name: str  # dotted module name
    package: str  # the package relative imports start from
    text: str
    wrapper: MetadataWrapper
    meta: dict = field(default_factory=dict)  # provider -> {node: value}

    @property
    def tree(self) -> cst.Module:
        return self.wrapper.module

    def nodes(self, kind) -> list:
        """Every node of a type, in source order (cached)."""
        cache = self.meta.setdefault("_nodes", {})
        if kind not in cache:
            cache[kind] = [n for n in self.meta[PositionProvider] if isinstance(n, kind)]
        return cache[kind]

    def get(self, provider, node, default=None):
        value = self.meta[provider].get(node, default)
        return value() if isinstance(value, LazyValue) else value

    def line(self, node) -> int:
        pos = self.get(PositionProvider, node)
        return pos.start.line if pos else 0

    def where(self, node) -> str:
        pos = self.get(PositionProvider, node)
        return f"{self.path}:{pos.start.line}:{pos.start.column + 1}" if pos else str(self.path)

    def qnames(self, node) -> set[str]:
        """Absolute qualified names of ``node`` (locals prefixed with this module, relative imports resolved)."""
        out = set()
        for q in self.get(QualifiedNameProvider, node, set()):
            if q.source == QualifiedNameSource.BUILTIN:
                out.add(q.name)  # "builtins.list"
            elif q.source == QualifiedNameSource.LOCAL:
                out.add(f"{self.name}.{q.name}")
            else:
                out.add(absolutize(q.name, self.package))
        return out

    def global_scope(self):
        return self.get(ScopeProvider, self.tree)

    def import_from_module(self, node: cst.ImportFrom) -> str:
        dots = "." * len(node.relative)
        mod = cst.Module([]).code_for_node(node.module) if node.module is not None else ""
        return absolutize(dots + mod, self.package) if dots else mod


def absolutize(name: str, package: str) -> str:
    """``.shapes.area`` seen from package ``geo`` -> ``geo.shapes.area``; ``..x`` goes one package up."""
    level = len(name) - len(name.lstrip("."))
    if level == 0:
        return name
    rest = name[level:]
    parts = package.split(".") if package else []
    base = parts[: len(parts) - (level - 1)] if level > 1 else parts
    return ".".join([*base, rest] if rest else base)


def module_name(path: Path) -> tuple[str, str]:
    """(module name, package) of a Python file, from the ``__init__.py`` files above it."""
    path = path.resolve()
    parts = [] if path.stem == "__init__" else [path.stem]
    d = path.parent
    while (d / "__init__.py").is_file() and d.parent != d:
        parts.insert(0, d.name)
        d = d.parent
    name = ".".join(parts) or path.parent.name
    package = name if path.stem == "__init__" else name.rpartition(".")[0]
    return name, package


def python_files(paths: list[str] | tuple[str, ...]) -> list[Path]:
    """The .py files named or found (recursively) under ``paths``, each once, sorted."""
    out: dict[Path, None] = {}
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise InputError(f"{raw}: no such file or directory")
        if p.is_dir():
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS and not d.startswith("."))
                for f in sorted(filenames):
                    if f.endswith(".py"):
                        out.setdefault(Path(dirpath) / f)
        elif p.suffix == ".py":
            out.setdefault(p)
        else:
            raise InputError(f"{raw}: not a Python file (.py)")
    if not out:
        raise InputError(f"no Python files under {' '.join(paths)}")
    return sorted(out)


def load_project(paths: list[str] | tuple[str, ...]) -> dict[str, ModuleInfo]:
    """Parse every file with libcst and resolve its metadata; keyed by module name."""
    modules: dict[str, ModuleInfo] = {}
    for path in python_files(paths):
        text = read_source(path)
        deep = text_depth_diagnostic(text, get_language("python"))
        if deep is not None:  # libcst's native parser would crash the process (SIGSEGV) on it
            raise InputError(f"{path}: {deep.message}")
        try:
            tree = cst.parse_module(text)
        except cst.ParserSyntaxError as exc:
            detail = str(exc.message).splitlines()[0].split(": expected")[0]
            raise InputError(f"{path}:{exc.raw_line}: cannot parse as Python 3 ({detail}); fix it first") from None
        name, package = module_name(path)
        if name in modules:
            raise InputError(f"{path} and {modules[name].path} are both module {name!r}; rename one or pass fewer paths")
        wrapper = MetadataWrapper(tree, unsafe_skip_copy=True)
        info = ModuleInfo(path, name, package, text, wrapper)
        try:  # libcst's visitors recurse in Python: ~140 nested brackets already pass the recursion limit
            info.meta = {p: wrapper.resolve(p) for p in PROVIDERS}
        except RecursionError:
            raise InputError(f"{path}: nests too deep for libcst's analysis (Python's recursion limit)") from None
        modules[name] = info
    return modules


def top_level_defs(info: ModuleInfo) -> dict[str, list[cst.CSTNode]]:
    """Global-scope bindings by name: the nodes that bind them (defs, classes, imports, assignments)."""
    out: dict[str, list[cst.CSTNode]] = {}
    for a in info.global_scope().assignments:
        out.setdefault(a.name, []).append(a.node)
    return out


def alias_closure(modules: dict[str, ModuleInfo], canonical: set[str], *, follow_as: bool = True) -> dict[str, str]:
    """Every absolute name under which a definition can be imported -> its canonical name.

    ``from .shapes import area`` in ``geo/__init__.py`` makes ``geo.area`` another name for
    ``geo.shapes.area`` (so does a star import); an ``as`` alias makes a new name, followed only
    with ``follow_as`` (a rename changes the names that kept the old spelling, not the ``as`` ones).
    """
    names = {c: c for c in canonical}
    changed = True
    while changed:
        changed = False
        for info in modules.values():
            for node in import_froms(info):
                src = info.import_from_module(node)
                if isinstance(node.names, cst.ImportStar):
                    for full, canon in list(names.items()):
                        mod, _, leaf = full.rpartition(".")
                        if mod == src and f"{info.name}.{leaf}" not in names:
                            names[f"{info.name}.{leaf}"] = canon
                            changed = True
                    continue
                for alias in node.names:
                    full = f"{src}.{alias.name.value}" if isinstance(alias.name, cst.Name) else None
                    bound = alias.asname.name.value if alias.asname else getattr(alias.name, "value", None)
                    if not follow_as and bound != getattr(alias.name, "value", None):
                        continue
                    if full in names and bound and f"{info.name}.{bound}" not in names:
                        names[f"{info.name}.{bound}"] = names[full]
                        changed = True
    return names


def import_froms(info: ModuleInfo) -> list[cst.ImportFrom]:
    return info.nodes(cst.ImportFrom)


def unified_diff(path: Path, old: str, new: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))


def write_all(changes: dict[Path, str]) -> None:
    """Write every changed file atomically (each file is replaced in one rename)."""
    for path, text in changes.items():
        atomic_write_text(path, text)
