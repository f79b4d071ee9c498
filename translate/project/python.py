"""A translated file as a module of a pytest project: imports and registered tests from the symbol map.

After its units are translated, each output file is rewritten from the map, not from what the model guessed:
the source's import lines (kept as comments by the pipeline: ``package shop;``, ``import util.Money;``) are
replaced by Python imports of the project names the file uses, from the files that define them (``from
util.money import Money``; Java classes of the same package are imported too, as Java sees them without an
import); imports of modules outside the project stay as a marked comment, unless the target needs nothing for
them (a table: Java's collections are Python built-ins); imports of project names the model wrote itself are
dropped, and so is a top-level copy of an imported name; a class derives from the project bases its Java source
extends and implements (translate.project.py_bases), not from the model's copies. A JUnit test class keeps JUnit's assert calls (they
come from the template ``junit_asserts.py`` at the project root) and each of its ``@Test`` methods is
registered as a pytest function that runs it the JUnit way (``@BeforeEach`` first): ``test_<Class>__<method>``.
A test class that no longer calls the project names its source called (or defines them itself) fails, with that
reason.
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath

from tree_sitter import Node

from translate.project.java_symbols import test_side
from translate.project.py_bases import project_bases
from translate.project.rewrite import ModuleWrite, refuse_untested, removal, replace_import_comments, text_of
from translate.project.symbols import Binding, ModuleInfo, SymbolMap
from translate.source.languages import Language, get_language
from translate.source.validate import normalize_name, validate, walk
from translate.translation.assemble import splice
from translate.translation.naming import target_name
from translate.translation.py_overloads import merge_overloads
from translate.translation.records import FAILED, FileResult

JUNIT_MODULE = "junit_asserts"  # templates/junit_asserts.py, written at DST's root
JUNIT_NAMES = ("assertArrayEquals", "assertEquals", "assertFalse", "assertNotEquals", "assertNotNull",
               "assertNotSame", "assertNull", "assertSame", "assertThrows", "assertTrue", "fail",
               # Java's standard exceptions, as the Python errors they become (the template's JAVA_EXCEPTIONS)
               "ArithmeticException", "ArrayIndexOutOfBoundsException", "ClassCastException",
               "IllegalArgumentException", "IllegalStateException", "IndexOutOfBoundsException",
               "NoSuchElementException", "NullPointerException", "NumberFormatException", "RuntimeException",
               "StringIndexOutOfBoundsException", "UnsupportedOperationException")
# Source imports that need nothing in the target (its built-ins or the test template cover them), by
# (source, target): prefixes of the imported name.
NO_COUNTERPART = {("java", "python"): ("java.lang.", "java.util.", "java.math.", "org.junit.", "org.hamcrest.")}
_SOURCE_IMPORTS = {"java": ("package_declaration", "import_declaration")}
_WORD = re.compile(r"[A-Za-z_]\w*")


def registered_name(cls: str, method: str) -> str:
    """The pytest function that runs test ``method`` of the migrated test class ``cls`` (source names)."""
    return f"test_{cls}__{method}"


def module_of(out: str) -> str:
    """The dotted module of output file ``out`` (``shop/store.py`` -> ``shop.store``; a package's
    ``__init__.py`` -> the package)."""
    p = PurePosixPath(out)
    parts = [*p.parent.parts, p.stem] if p.stem != "__init__" else list(p.parent.parts)
    return ".".join(x for x in parts if x not in (".", ""))


def _identifiers(data: bytes, node) -> set[str]:
    found: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type == "identifier":
            found.add(text_of(data, n))
        elif n.type not in ("string", "comment"):
            stack.extend(n.children)
    return found


def _definition(node):
    return node.child_by_field_name("definition") if node.type == "decorated_definition" else node


def _top_level(data: bytes, root) -> list[tuple[str, Node]]:
    """(name, statement node) of each top-level def, class and simple assignment of a Python module."""
    out = []
    for node in root.children:
        d = _definition(node)
        if d is not None and d.type in ("function_definition", "class_definition"):
            name = d.child_by_field_name("name")
            if name is not None:
                out.append((text_of(data, name), node))
        elif node.type == "expression_statement" and node.named_child_count == 1 \
                and node.named_children[0].type == "assignment":
            left = node.named_children[0].child_by_field_name("left")
            if left is not None and left.type == "identifier":
                out.append((text_of(data, left), node))
    return out


# typing's names an answer annotates with (``List[int]``) and may not import (java-string-similarity's JaroWinkler:
# a NameError at import); imported from typing where the module uses one it neither imports nor defines
_TYPING = frozenset({"Any", "Callable", "Dict", "FrozenSet", "Generator", "Iterable", "Iterator", "List", "Mapping",
                     "Optional", "Sequence", "Set", "Tuple", "Type", "Union"})


def _typing_names(data: bytes, root, used: set[str]) -> list[str]:
    """typing's names used in the module (``root``) that no import, def, class or module assignment binds."""
    wanted = _TYPING & used
    if not wanted:
        return []
    bound = {name for name, _ in _top_level(data, root)}
    for n in walk(root):
        if n.type in ("import_statement", "import_from_statement"):
            for c in n.named_children:
                alias = c.child_by_field_name("alias") if c.type == "aliased_import" else None
                bound.add(text_of(data, alias if alias is not None else c).split(".")[-1])
    return sorted(wanted - bound)


class PythonModuleWriter:
    """Rewrites the translated files of one project as modules of a pytest project."""

    def __init__(self, symbols: SymbolMap, target: Language, outputs: dict[str, str]):
        self.symbols = symbols
        self.target = target
        self.outputs = outputs  # dotted source module -> output path (relative to DST)
        self.source = target  # the source language of the file being written (set by write)
        self.projects = {module_of(o) for o in outputs.values()}
        self.stems = {module_of(o).rsplit(".", 1)[-1].lower() for o in outputs.values()}

    def _local(self, b: Binding) -> str:
        if b.name is None:
            return b.local
        sym = self.symbols.origin(b.module, b.name)
        return target_name(b.local, sym.kind if sym else "function", self.target)

    # -- the source's import lines ----------------------------------------------------------------------------
    def _foreign_lines(self, source_text: str) -> list[str] | None:
        """The import lines of a glue segment that name modules outside the project and need a counterpart, or
        None when the segment is not only imports (then it is left alone)."""
        kinds = _SOURCE_IMPORTS.get(self.source.name)
        if kinds is None:
            return None
        data = source_text.encode("utf-8")
        skip = NO_COUNTERPART.get((self.source.name, self.target.name), ())
        keep: list[str] = []
        imports = False
        for node in self.source.parse(data).root_node.children:
            if "comment" in node.type:
                continue
            if node.type not in kinds:
                return None
            imports = True
            if node.type == "package_declaration":
                continue
            line = text_of(data, node)
            name = line.removeprefix("import").strip().removeprefix("static").strip().rstrip(";").strip()
            if self.symbols.find(name.removesuffix(".*")) is None and not self._package(name) \
                    and not (name + ".").startswith(skip):
                keep.append(line)
        return keep if imports else None

    def _package(self, name: str) -> bool:
        """``a.b.*`` or ``a.b.C.m`` naming project code."""
        parts = name.removesuffix(".*").split(".")
        return any(self.symbols.find(".".join(parts[:i])) is not None for i in range(len(parts), 0, -1)) or \
            any(m.package == ".".join(parts) for m in self.symbols.modules.values())

    # -- what the model wrote itself --------------------------------------------------------------------------
    def _ours(self, module: str) -> bool:
        module = module.lstrip(".")
        return (module in self.projects or module.rsplit(".", 1)[-1].lower() in self.stems
                or module == JUNIT_MODULE or module.startswith(("java.", "javax.", "org.junit")))

    def _clean_model_imports(self, text: str, ours: set[str], w: ModuleWrite) -> str:
        data = text.encode("utf-8")
        edits = []
        for node in self.target.parse(data).root_node.children:
            if node.type == "import_from_statement":
                mod = node.child_by_field_name("module_name")
                names = {text_of(data, n.child_by_field_name("name") if n.type == "aliased_import" else n).split(".")[-1]
                         for n in node.children_by_field_name("name")}
                if (mod is not None and self._ours(text_of(data, mod))) or names & ours:
                    edits.append(removal(data, node.start_byte, node.end_byte))
            elif node.type == "import_statement":
                mods = [text_of(data, c.child_by_field_name("name") if c.type == "aliased_import" else c)
                        for c in node.named_children]
                if mods and all(self._ours(m) or m.split(".")[-1] in ours for m in mods):
                    edits.append(removal(data, node.start_byte, node.end_byte))
        if edits:
            w.notes.append(f"{len(edits)} import statement(s) the model wrote replaced by generated ones")
        return splice(text, edits)

    def _drop_copies(self, text: str, imported: set[str], w: ModuleWrite) -> str:
        data = text.encode("utf-8")
        copies = [(n, node) for n, node in _top_level(data, self.target.parse(data).root_node) if n in imported]
        for name in sorted({n for n, _ in copies}):
            w.notes.append(f"dropped a top-level copy of {name} the model wrote (the project's {name} is imported)")
        return splice(text, sorted({removal(data, node.start_byte, node.end_byte) for _, node in copies}))

    # -- tests ------------------------------------------------------------------------------------------------
    def _check_tests(self, m: ModuleInfo, result: FileResult, text: str, locals_: dict[str, str],
                     w: ModuleWrite) -> str:
        """Fail each test class that no longer calls what its source called, or defines it itself."""
        data = text.encode("utf-8")
        classes = dict(_top_level(data, self.target.parse(data).root_node))
        edits = []
        for rec in result.units:
            if rec.kind != "class" or rec.name not in m.test_classes or rec.status == FAILED:
                continue
            node = classes.get(target_name(rec.name, "class", self.target))
            if node is None:
                continue
            defined = {n for n, _ in _top_level(data, _definition(node).child_by_field_name("body"))}
            edit = refuse_untested(rec, m.language, locals_, _identifiers(data, node), defined, node, self.source,
                                   self.target, w)
            if edit is not None:
                edits.append(edit)
        return splice(text, edits)

    def _finder(self, methods: dict[str, str]):
        """The migrated method of a source method name, matched across naming styles."""
        def find(name: str) -> str | None:  # ``sell_reduces_stock``, or ``test_sell_reduces_stock`` (pytest's habit)
            key = normalize_name(name)
            return methods.get(key) or methods.get("test" + key) or methods.get(key.removeprefix("test"))
        return find

    def _registrations(self, m: ModuleInfo, result: FileResult, text: str, w: ModuleWrite) -> list[str]:
        """A pytest function per test method of each migrated test class that is there."""
        data = text.encode("utf-8")
        classes = dict(_top_level(data, self.target.parse(data).root_node))
        out: list[str] = []
        for rec in result.units:
            if rec.kind != "class" or rec.name not in m.test_classes or rec.status == FAILED:
                continue
            cls = target_name(rec.name, "class", self.target)
            node = classes.get(cls)
            if node is None:
                continue
            body = _definition(node).child_by_field_name("body")
            methods = {normalize_name(n): n for n, _ in _top_level(data, body)} if body is not None else {}

            find = self._finder(methods)
            hooks = m.test_hooks.get(rec.name, {})
            kwargs = []
            for key in ("before_each", "after_each", "before_all"):
                names = [find(h) for h in hooks.get(key, [])]
                lost = [h for h, n in zip(hooks.get(key, []), names) if n is None]
                if lost:
                    w.notes.append(f"{rec.name}: {key.replace('_', ' ')} method(s) {', '.join(lost)} not found in the "
                                   "migrated class")
                got = [n for n in names if n is not None]
                if got:
                    kwargs.append(f"{key}=({', '.join(repr(n) for n in got)},)")
            for method in m.test_classes[rec.name]:
                have = find(method)
                if have is None:
                    w.notes.append(f"{rec.name}.{method}: not in the migrated class (not registered)")
                    continue
                expected = m.test_expected.get(f"{rec.name}.{method}")  # JUnit 4 @Test(expected = E.class)
                args = ", ".join([cls, repr(have), *kwargs, *([f"expected={expected}"] if expected else [])])
                out += ["", "", f"def {registered_name(rec.name, method)}():", f"    run_test({args})"]
                w.tests.append(f"{rec.name}.{method}")
        return out

    # -- the whole file ---------------------------------------------------------------------------------------
    def write(self, path: str, out: str, result: FileResult) -> ModuleWrite:
        """Rewrite ``result.text`` (the translation of source ``path``, written to ``out``) in place."""
        w = ModuleWrite()
        m = self.symbols.by_path.get(path)
        if m is None:
            return w
        self.source = get_language(result.source_language)
        locals_ = {b.local: self._local(b) for b in m.bindings}
        junit_side = bool(m.test_classes) or m.language == "java" and test_side(m)  # tests and their helpers
        test_names = set(JUNIT_NAMES) | {"run_test"} if junit_side else set()
        text = replace_import_comments(result, result.text, self.source, self.target, self._foreign_lines, w)
        text = self._clean_model_imports(text, set(locals_.values()) | test_names, w)
        text = self._drop_copies(text, set(locals_.values()) | test_names, w)
        text = project_bases(text, m, self.symbols, locals_, self.target, w)  # Java's extends / implements
        text, merged = merge_overloads(text, self.target)  # also where a split class's overloads met again
        if merged:
            w.notes.append("Java overloads that only forward to another merged into it, as default parameters")
        footer: list[str] = []
        if m.is_test:
            text = self._check_tests(m, result, text, locals_, w)
            footer = self._registrations(m, result, text, w)
        data = (text + "\n" + "\n".join(footer)).encode("utf-8")  # the registrations name classes too
        root = self.target.parse(data).root_node
        used = _identifiers(data, root)
        header = self._imports(m, out, used, w)
        typing = _typing_names(data, root, used)
        if typing:
            header.insert(0, f"from typing import {', '.join(typing)}")
            w.notes.append(f"typing's {', '.join(typing)} imported (the answers use them without an import)")
        junit = sorted(n for n in JUNIT_NAMES if n in used) + (["run_test"] if footer else [])
        if junit_side and junit:
            header.append(f"from {JUNIT_MODULE} import {', '.join(junit)}")
        text = _place_header(text, header).rstrip("\n") + "\n"
        if footer:
            text += "\n".join(footer) + "\n"
        result.text = text
        result.diagnostics = validate(text, self.target)
        return w

    def _imports(self, m: ModuleInfo, out: str, used: set[str], w: ModuleWrite) -> list[str]:
        groups: dict[str, list[str]] = {}
        plain: list[str] = []
        for b in m.bindings:
            local = self._local(b)
            if local not in used:
                continue
            if b.name is None:
                if b.module in self.outputs:
                    plain.append(f"import {module_of(self.outputs[b.module])} as {local}")
                continue
            sym = self.symbols.origin(b.module, b.name)
            if sym is None or sym.module not in self.outputs:
                w.notes.append(f"{b.local}: not found in {b.module} (not imported)")
                continue
            name = target_name(sym.name, sym.kind, self.target)
            item = name if name == local else f"{name} as {local}"
            mod = module_of(self.outputs[sym.module])
            if mod != module_of(out) and item not in groups.get(mod, []):
                groups.setdefault(mod, []).append(item)
        return [f"from {mod} import {', '.join(items)}" for mod, items in sorted(groups.items())] + plain


def _place_header(text: str, header: list[str]) -> str:
    """``header`` lines after the module's leading comments, docstring and the imports the model wrote (its
    standard-library ones), before everything else."""
    if not header:
        return text
    lines = text.split("\n")
    i = 0
    while i < len(lines) and (lines[i].lstrip().startswith("#") or not lines[i].strip()):
        i += 1
    if i < len(lines) and lines[i].lstrip().startswith(('"""', "'''")):
        quote = lines[i].lstrip()[:3]
        j = i if lines[i].count(quote) >= 2 else next((k for k in range(i + 1, len(lines)) if quote in lines[k]), i)
        i = j + 1
    end = i
    while i < len(lines) and (not lines[i].strip() or lines[i].startswith(("import ", "from "))):
        if lines[i].strip():
            if lines[i].rstrip().endswith(("(", "\\")):  # a multi-line import: not moved past
                break
            end = i + 1
        i += 1
    head, rest = "\n".join(lines[:end]).rstrip("\n"), "\n".join(lines[end:]).lstrip("\n")
    return (head + "\n" if head else "") + "\n".join(header) + "\n\n\n" + rest
