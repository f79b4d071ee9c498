"""The project-wide symbol map, built from the parsed source files before anything is translated.

Per module: its dotted name, its public top-level names (functions, classes with their methods, constants)
and its imports, each resolved to a project module where it is one (``from x import y as z``, ``import x as
y``, relative imports, ``__init__`` re-exports followed to the defining module). Imports of other modules
(the standard library, third-party packages) are kept as their source lines. Python and Java sources: the
import grammar is per language (:data:`READERS`); a language without a reader gets modules without imports.
Java (packages, same-package visibility, wildcard and static imports, JUnit): translate.project.java_symbols.
"""
from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from translate.project.pytest_params import (
    TestParams,
    fixture_functions,
    read_test_params,
    resolve_tables,
    test_classes_of,
)
from translate.source.units import ParsedFile

# Test files, by source language: the names the language's usual runners collect, and the tests in them
# (pytest: ``test_*`` functions; unittest: the ``test*`` methods of classes whose base is a ``TestCase``).
# (JUnit: the ``@Test`` methods of a class, translate.project.java_symbols.)
TEST_FILES: dict[str, tuple[str, ...]] = {"python": ("test_*.py", "*_test.py"),
                                          "java": ("*Test.java", "*Tests.java", "Test*.java")}
TEST_FUNCTION_PREFIX: dict[str, str] = {"python": "test"}


def is_test_path(rel: str | PurePosixPath, language: str | None = None) -> bool:
    """Is ``rel`` named like a test file of ``language`` (any language when None)?"""
    name = PurePosixPath(rel).name
    patterns = TEST_FILES.get(language, ()) if language else [p for ps in TEST_FILES.values() for p in ps]
    return any(fnmatch.fnmatchcase(name, pat) for pat in patterns)


@dataclass(frozen=True)
class Symbol:
    module: str  # the dotted module that defines it
    name: str
    kind: str  # function | class | constant
    params: tuple[str, ...] = ()  # function: its parameters as written (``percent=0``), without self
    bases: tuple[str, ...] = ()  # class: its bases as written
    methods: tuple[tuple[str, tuple[str, ...]], ...] = ()  # class: (name, params), __init__ first
    static: tuple[str, ...] = ()  # class: the methods that are static (called through the class)
    value: str = ""  # constant: the kind of its literal value (``dict``, ``list``, ``set``, ...), "" when not one
    literal: str = ""  # constant: its literal value's source text (a typed target declares its type from it)


@dataclass(frozen=True)
class Binding:
    """One name a file's imports bind to a project module or to a name defined in one."""

    local: str  # the name the importing file uses
    module: str  # the project module (dotted)
    name: str | None  # the imported name; None: the module itself (``import a.b as m``)


@dataclass
class ModuleInfo:
    path: str  # source path, relative to SRC
    module: str  # dotted name (``inventory.models``; a package's ``__init__`` is the package)
    language: str
    is_package: bool = False
    defined: dict[str, Symbol] = field(default_factory=dict)  # the names defined here (``_private`` ones too)
    imports: list[tuple[str, str | None, str]] = field(default_factory=list)  # (module, name, local), unresolved
    level: list[int] = field(default_factory=list)  # relative level of each entry of ``imports``
    all_names: list[str] | None = None  # __all__
    tests: list[str] = field(default_factory=list)  # test functions (a test file's)
    test_classes: dict[str, list[str]] = field(default_factory=dict)  # unittest classes -> their test methods
    bindings: list[Binding] = field(default_factory=list)  # project imports, resolved
    foreign: list[str] = field(default_factory=list)  # modules imported that are not in the project
    package: str | None = None  # Java: the declared package (``shop``); None: none declared, or not Java
    test_hooks: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # Java test class -> before_each ..
    static_imports: list[tuple[str, str]] = field(default_factory=list)  # Java: (class as written, member | *)
    test_expected: dict[str, str] = field(default_factory=dict)  # JUnit 4 ``Cls.method`` -> its expected exception
    # pytest: test function -> the parameters the runner passes it (parametrize cases, fixtures)
    test_params: dict[str, TestParams] = field(default_factory=dict)
    fixtures: frozenset[str] = frozenset()  # pytest: the ``@pytest.fixture`` functions of a test file
    table_only: frozenset[str] = frozenset()  # pytest: constants read only as parametrize tables (resolved)
    test_bases: dict[str, list[str]] = field(default_factory=dict)  # Python test class -> its bases in the module
    # Python's optional imports (``try: from ._speedups import f`` / ``except ImportError: from ._native import
    # f``): the alternatives in order, each [(module, name, local, level)]; the first the project has is imported
    import_choices: list[list[list[tuple[str, str | None, str, int]]]] = field(default_factory=list)
    method_names: frozenset[str] = frozenset()  # Java: every method declared in the file, nested types' too
    # Java tests: class (simple name) -> the expressions they build one with (translate.oracle.java_receivers)
    receivers: dict[str, list[str]] = field(default_factory=dict)

    @property
    def is_test(self) -> bool:
        return bool(self.tests or self.test_classes)


def module_name(rel: str, suffixes: Iterable[str] = (".py",)) -> tuple[str, bool]:
    """(dotted module name, is a package) of the source file ``rel``."""
    p = PurePosixPath(rel)
    parts = list(p.parts)
    stem = p.name
    for s in suffixes:
        if stem.endswith(s):
            stem = stem[: -len(s)]
    parts[-1] = stem
    if stem == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def _text(data: bytes, node) -> str:
    return data[node.start_byte:node.end_byte].decode("utf-8")


def _params(data: bytes, node) -> tuple[str, ...]:
    out: list[str] = []
    for p in node.named_children:
        if p.type in ("comment",):
            continue
        text = " ".join(_text(data, p).split())
        name = text.split(":")[0].split("=")[0].strip()
        if name in ("self", "cls") and not out:
            continue
        if p.type in ("typed_parameter", "typed_default_parameter"):  # drop the annotation, keep the default
            default = p.child_by_field_name("value")
            text = name + (f"={_text(data, default)}" if default is not None else "")
        out.append(text)
    return tuple(out)


# The kinds of literal a constant may hold, by tree-sitter-python node (what a prompt says of an imported constant).
_VALUE_KINDS = {"dictionary": "dict", "dictionary_comprehension": "dict", "list": "list", "list_comprehension": "list",
                "tuple": "tuple", "set": "set", "set_comprehension": "set", "string": "str", "integer": "int",
                "float": "float", "true": "bool", "false": "bool", "none": "None"}


def _public(name: str) -> bool:
    return not name.startswith("_")


def _read_python(parsed: ParsedFile, info: ModuleInfo) -> None:
    data = parsed.source.encode("utf-8")
    root = parsed.language.parse(data).root_node
    prefix = TEST_FUNCTION_PREFIX.get("python", "test")
    fixtures: frozenset[str] | None = None
    classes: dict[str, tuple[tuple[str, ...], list[str], bool]] = {}  # name -> (bases, test methods, has __init__)
    for node in root.children:
        whole = node
        if node.type == "decorated_definition":
            node = node.child_by_field_name("definition") or node
        if node.type == "function_definition":
            name = _text(data, node.child_by_field_name("name"))
            params = node.child_by_field_name("parameters")
            info.defined[name] = Symbol(info.module, name, "function", _params(data, params) if params else ())
            if name.startswith(prefix):
                info.tests.append(name)
                if params is not None and params.named_child_count:
                    if fixtures is None:
                        fixtures = info.fixtures = fixture_functions(parsed.source)
                    tp = read_test_params(_text(data, whole), name)
                    if tp is not None:
                        info.test_params[name] = tp
        elif node.type == "class_definition":
            name = _text(data, node.child_by_field_name("name"))
            sup = node.child_by_field_name("superclasses")
            bases = tuple(_text(data, b) for b in sup.named_children) if sup is not None else ()
            methods = []
            body = node.child_by_field_name("body")
            for m in body.named_children if body is not None else []:
                if m.type == "decorated_definition":
                    m = m.child_by_field_name("definition") or m
                if m.type == "function_definition":
                    mname = _text(data, m.child_by_field_name("name"))
                    mp = m.child_by_field_name("parameters")
                    if _public(mname) or mname == "__init__":
                        methods.append((mname, _params(data, mp) if mp else ()))
            methods.sort(key=lambda m: m[0] != "__init__")
            classes[name] = (bases, [m for m, _ in methods if m.startswith(prefix)], any(m == "__init__" for m, _ in methods))
            info.defined[name] = Symbol(info.module, name, "class", bases=bases, methods=tuple(methods))
        elif node.type == "expression_statement" and node.named_child_count == 1 \
                and node.named_children[0].type == "assignment":
            left = node.named_children[0].child_by_field_name("left")
            right = node.named_children[0].child_by_field_name("right")
            if left is None or left.type != "identifier":
                continue
            name = _text(data, left)
            if name == "__all__" and right is not None and right.type in ("list", "tuple"):
                info.all_names = [_text(data, s).strip("'\"") for s in right.named_children if s.type == "string"]
            else:
                kind = _VALUE_KINDS.get(right.type, "") if right is not None else ""
                literal = _text(data, right) if right is not None and kind and "comprehension" not in right.type else ""
                info.defined[name] = Symbol(info.module, name, "constant", value=kind, literal=literal)
        elif node.type in ("import_statement", "import_from_statement"):
            for mod, imported, local, level in _imports_of(data, node):
                info.imports.append((mod, imported, local))
                info.level.append(level)
        elif node.type == "try_statement" and (choices := _import_alternatives(data, node)):
            info.import_choices.append(choices)
    info.test_classes = test_classes_of(classes)
    info.test_bases = {n: [b for b in classes[n][0] if b in classes] for n in info.test_classes}
    if any(t.ref is not None for tp in info.test_params.values() for t in tp.tables):
        info.test_params, info.table_only = resolve_tables(info.test_params, parsed.source)


def _imports_of(data: bytes, node) -> list[tuple[str, str | None, str, int]]:
    """(module, name or None, local name, relative level) of each name a Python import statement binds."""
    out: list[tuple[str, str | None, str, int]] = []
    if node.type == "import_statement":
        for item in node.named_children:
            if item.type == "aliased_import":
                out.append((_text(data, item.child_by_field_name("name")), None,
                            _text(data, item.child_by_field_name("alias")), 0))
            else:
                mod = _text(data, item)
                out.append((mod, None, mod, 0))  # ``import a.b`` binds ``a``; kept as written
        return out
    modnode = node.child_by_field_name("module_name")
    level, mod = 0, ""
    if modnode is not None and modnode.type == "relative_import":
        prefix_node = modnode.named_children[0] if modnode.named_children else None
        level = _text(data, prefix_node).count(".") if prefix_node is not None else 1
        dotted = [c for c in modnode.named_children if c.type == "dotted_name"]
        mod = _text(data, dotted[0]) if dotted else ""
    elif modnode is not None:
        mod = _text(data, modnode)
    for item in node.children_by_field_name("name"):
        if item.type == "aliased_import":
            name = _text(data, item.child_by_field_name("name"))
            local = _text(data, item.child_by_field_name("alias"))
        else:
            name = local = _text(data, item)
        out.append((mod, name, local, level))
    if any(c.type == "wildcard_import" for c in node.named_children):
        out.append((mod, "*", "*", level))
    return out


def _import_alternatives(data: bytes, node) -> list[list[tuple[str, str | None, str, int]]]:
    """The imports of each block of a ``try: <imports> except ...: <imports>`` statement, in order; [] when a
    block holds anything but imports (``pass`` and ``name = None`` aside) or the statement has else/finally."""
    if any(c.type in ("else_clause", "finally_clause") for c in node.children):
        return []
    blocks = [node.child_by_field_name("body")] + [next((b for b in c.named_children if b.type == "block"), None)
                                                   for c in node.children if c.type == "except_clause"]
    out = []
    for block in blocks:
        if block is None:
            return []
        found: list[tuple[str, str | None, str, int]] = []
        for stmt in block.named_children:
            if stmt.type in ("import_statement", "import_from_statement"):
                found += _imports_of(data, stmt)
            elif stmt.type not in ("pass_statement", "comment") and not (
                    stmt.type == "expression_statement" and _text(data, stmt).replace(" ", "").endswith("=None")):
                return []
        out.append(found)
    return out if len(out) > 1 and out[0] else []


def _read_java(parsed: ParsedFile, info: ModuleInfo) -> None:
    from translate.project.java_symbols import read_java  # here: java_symbols imports this module

    read_java(parsed, info)


READERS: dict[str, Callable[[ParsedFile, ModuleInfo], None]] = {"python": _read_python, "java": _read_java}


class SymbolMap:
    """Every module of the project, by dotted name and by source path."""

    def __init__(self, modules: Iterable[ModuleInfo]):
        self.modules: dict[str, ModuleInfo] = {}
        for m in modules:
            self.modules.setdefault(m.module, m)
        self.by_path = {m.path: m for m in self.modules.values()}
        for m in self.modules.values():
            self._resolve(m)

    def find(self, dotted: str) -> ModuleInfo | None:
        """The project module an absolute import names: exact, else the one it is a unique suffix of (a
        ``src/`` layout, a test importing a module beside it), the shortest if several."""
        if dotted in self.modules:
            return self.modules[dotted]
        hits = sorted((m for k, m in self.modules.items() if k.endswith("." + dotted)), key=lambda m: len(m.module))
        return hits[0] if hits else None

    def _absolute(self, m: ModuleInfo, mod: str, level: int) -> str | None:
        if level == 0:
            found = self.find(mod)
            return found.module if found else None
        package = m.module.split(".") if m.is_package else m.module.split(".")[:-1]
        if level - 1 > len(package):
            return None
        base = package[: len(package) - (level - 1)]
        dotted = ".".join([*base, *([mod] if mod else [])])
        return dotted if dotted in self.modules else None

    def _resolve(self, m: ModuleInfo) -> None:
        if m.language == "java":
            from translate.project.java_symbols import resolve_java

            resolve_java(self, m)
            return
        for alternatives in m.import_choices:  # an optional import: the first alternative the project has
            chosen = next((alt for alt in alternatives if alt and all(self._absolute(m, mod, level) is not None
                                                                      for mod, _, _, level in alt)), [])
            for mod, name, local, level in chosen:
                m.imports.append((mod, name, local))
                m.level.append(level)
        for (mod, name, local), level in zip(m.imports, m.level):
            target = self._absolute(m, mod, level)
            if target is None:
                if mod and mod not in m.foreign:
                    m.foreign.append(mod)
                continue
            if name is None:
                m.bindings.append(Binding(local, target, None))
            elif name == "*":
                src = self.modules[target]
                names = src.all_names or [n for n in src.defined if _public(n)]
                m.bindings += [Binding(n, target, n) for n in names]
            elif f"{target}.{name}" in self.modules:  # ``from pkg import submodule``
                m.bindings.append(Binding(local, f"{target}.{name}", None))
            else:
                m.bindings.append(Binding(local, target, name))

    def origin(self, module: str, name: str, _seen: frozenset[str] = frozenset()) -> Symbol | None:
        """The symbol ``name`` of ``module`` is, following re-exports (``__init__`` imports) to its definition."""
        m = self.modules.get(module)
        if m is None or module in _seen:
            return None
        if name in m.defined:
            return m.defined[name]
        for b in m.bindings:
            if b.local == name and b.name is not None:
                return self.origin(b.module, b.name, _seen | {module})
        return None

    def exported(self, module: str) -> list[str]:
        """The names a module offers: ``__all__``, else its public definitions and its re-exports."""
        m = self.modules[module]
        if m.all_names is not None:
            return list(m.all_names)
        names = [n for n in m.defined if _public(n)]
        if m.is_package:
            names += [b.local for b in m.bindings if b.name is not None and b.local not in names]
        return names


def build_symbols(files: Iterable[tuple[str, ParsedFile]]) -> SymbolMap:
    """The symbol map of the project whose source files are ``(path relative to SRC, parsed)``."""
    modules = []
    for rel, parsed in files:
        lang = parsed.language.name
        dotted, package = module_name(rel, parsed.language.extensions)
        info = ModuleInfo(rel, dotted, lang, package)
        reader = READERS.get(lang)
        if reader is not None:
            reader(parsed, info)
        if not is_test_path(rel, lang):
            info.tests, info.test_classes, info.test_hooks, info.test_expected = [], {}, {}, {}
            info.test_params, info.table_only = {}, frozenset()
        modules.append(info)
    return SymbolMap(modules)
