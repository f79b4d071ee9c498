"""A translated file as an ES module of a ``node --test`` project: imports, exports and tests from the map.

Each output file is rewritten from the symbol map, not from what the model guessed: the source's project imports
(comments from the pipeline) become ES imports of the names the file uses from the files that define them
(``import { discount } from "./pricing.js";``); imports of modules outside the project stay a marked comment;
the model's own imports (relative paths, ``require``, ``module.exports``) are dropped or made ES imports, of npm
packages kept as comments (translate.project.js_packages); a top-level copy of an imported name is dropped;
public names are exported; a test file imports ``node:test`` and ``node:assert/strict`` and registers each test
function and each test method of a unittest class (extending the template's ``TestCase``, ``unittest.js``). A
test that no longer calls the project names its source called (or defines them itself) fails, with that reason.
"""
from __future__ import annotations

import posixpath
import re

from translate.project.context import STYLES, target_base
from translate.project.js_packages import fix_module_system
from translate.project.pytest_params import js_registration
from translate.project.python_fixes import fix_python_module
from translate.project.rewrite import ModuleWrite, refuse_untested, removal, replace_import_comments, text_of
from translate.project.symbols import Binding, ModuleInfo, SymbolMap
from translate.source.languages import Language, get_language
from translate.source.validate import normalize_name, validate
from translate.translation.assemble import splice
from translate.translation.naming import target_name
from translate.translation.records import FAILED, FileResult

TEST_RUNNER = 'import { test } from "node:test";'
UNITTEST_FILE, UNITTEST_NAMES = "unittest.js", ("TestCase", "mixin", "runTestCase")  # templates/unittest.js, at DST's root
PYTEST_FILE = "pytest.js"  # templates/pytest.js (pytest's fixtures), at DST's root
# Python standard modules whose API a template provides (translate/project/templates), written at DST's root.
SHIMS = {"re": "pyre.js"}
BUILTIN_BASES = frozenset(dict(STYLES["javascript"].builtins))
_DECLS = ("function_declaration", "generator_function_declaration", "class_declaration")
_VARS = ("lexical_declaration", "variable_declaration")
_IMPORT_NODES = ("import_statement", "import_from_statement", "future_import_statement")
_WORD = re.compile(r"[A-Za-z_$][\w$]*")


def relative_import(from_out: str, to_out: str) -> str:
    """The ES module specifier of output file ``to_out`` from output file ``from_out`` (``./pricing.js``)."""
    rel = posixpath.relpath(to_out, posixpath.dirname(from_out) or ".")
    return rel if rel.startswith(".") else "./" + rel


def _declared(data: bytes, root) -> dict[str, tuple[int, int]]:
    """Top-level declared names of a JS program -> the byte range of their (first) statement."""
    out: dict[str, tuple[int, int]] = {}
    for name, start, end in _declarations(data, root):
        out.setdefault(name, (start, end))
    return out


def _declarations(data: bytes, root) -> list[tuple[str, int, int]]:
    """(name, start, end) of every top-level declaration of a JS program, in order (a name may repeat)."""
    out: list[tuple[str, int, int]] = []
    for node in root.children:
        decl = node.child_by_field_name("declaration") if node.type == "export_statement" else node
        if decl is None:
            continue
        if decl.type in _DECLS:
            name = decl.child_by_field_name("name")
            if name is not None:
                out.append((text_of(data, name), node.start_byte, node.end_byte))
        elif decl.type in _VARS:
            for d in decl.named_children:
                name = d.child_by_field_name("name") if d.type == "variable_declarator" else None
                if name is not None and name.type == "identifier":
                    out.append((text_of(data, name), node.start_byte, node.end_byte))
    return out


def _modules_of(data: bytes, node) -> set[str]:
    """The modules a Python import statement names, as the symbol map records them (relative: without dots)."""
    if node.type == "import_from_statement":
        mod = node.child_by_field_name("module_name")
        if mod is None:
            return set()
        dotted = [c for c in mod.named_children if c.type == "dotted_name"] if mod.type == "relative_import" else [mod]
        return {text_of(data, dotted[0])} if dotted else set()
    names = [c.child_by_field_name("name") if c.type == "aliased_import" else c for c in node.named_children]
    return {text_of(data, n) for n in names if n is not None}


def _identifiers(data: bytes, node) -> set[str]:
    found: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type in ("identifier", "property_identifier", "shorthand_property_identifier"):
            found.add(text_of(data, n))
        elif n.type not in ("string", "comment", "template_string"):
            stack.extend(n.children)
    return found


def _nested_definitions(data: bytes, node) -> set[str]:
    found: set[str] = set()
    stack = list(node.children)
    while stack:
        n = stack.pop()
        if n.type in _DECLS or n.type == "class":
            name = n.child_by_field_name("name")
            if name is not None:
                found.add(text_of(data, name))
        stack.extend(n.children)
    return found


def _optional_require(data: bytes, node, ours: set[str]) -> bool:
    """Whether a ``try { const f = require(a).f } catch { const f = require(b).f }`` (Python's optional import, as
    the model wrote it) binds only names the writer imports itself (the map chose the alternative: symbols)."""
    blocks = [node.child_by_field_name("body")]
    handler = node.child_by_field_name("handler")
    blocks.append(handler.child_by_field_name("body") if handler is not None else None)
    names: set[str] = set()
    for block in blocks:
        if block is None:
            return False
        for stmt in block.named_children:
            t = text_of(data, stmt)
            if stmt.type == "comment":
                continue
            m = re.fullmatch(r"\s*(?:(?:const|let|var)\s+)?(\{[^}]*\}|[\w$]+)\s*=\s*(?:require\([^)]*\)[\w$.]*|null)"
                             r"\s*;?[^\n]*", t)
            if m is None:
                return False
            names |= set(_WORD.findall(m.group(1)))
    return bool(names) and names <= ours


class ModuleWriter:
    """Rewrites the translated files of one project as ES modules."""

    def __init__(self, symbols: SymbolMap, target: Language, outputs: dict[str, str]):
        self.symbols = symbols
        self.target = target
        self.outputs = outputs  # dotted module -> output path (relative to DST)
        self.source = target  # the source language of the file being written (set by write)

    # -- names ------------------------------------------------------------------------------------------------
    def _local(self, b: Binding) -> str:
        if b.name is None:
            return b.local
        sym = self.symbols.origin(b.module, b.name)
        return target_name(b.local, sym.kind if sym else "function", self.target)

    def _imported(self, b: Binding) -> tuple[str, str] | None:
        """(output path of the defining module, the name it exports) of a name binding."""
        sym = self.symbols.origin(b.module, b.name or "")
        if sym is None or sym.module not in self.outputs:
            return None
        return self.outputs[sym.module], target_name(sym.name, sym.kind, self.target)

    # -- the source's import comments -------------------------------------------------------------------------
    def _foreign_lines(self, m: ModuleInfo, source_text: str) -> list[str] | None:
        """The import statements of a glue segment naming modules outside the project; None: not only imports."""
        data = source_text.encode("utf-8")
        root = self.source.parse(data).root_node
        keep: list[str] = []
        imports = False
        # a test file's runner: unittest's TestCase is the template; pytest's cases and fixtures are the writer's
        foreign = set(m.foreign) - ({"unittest"} if m.test_classes else set()) - ({"pytest"} if m.is_test else set())
        foreign -= set(SHIMS)  # imported from the template instead
        for node in root.children:
            if "comment" in node.type:
                continue
            if node.type == "expression_statement" and text_of(data, node).lstrip().startswith("__all__"):
                imports = True
                continue  # the export list: the writer exports
            if node.type not in _IMPORT_NODES:
                return None
            imports = True
            if node.type != "future_import_statement" and _modules_of(data, node) & foreign:
                keep.append(text_of(data, node))
        return keep if imports else None  # comments alone stay as they are (nothing is lost)

    # -- what the model wrote itself --------------------------------------------------------------------------
    def _clean_model_imports(self, text: str, ours: set[str], w: ModuleWrite) -> str:
        data = text.encode("utf-8")
        root = self.target.parse(data).root_node
        edits: list[tuple[int, int, str]] = []
        for node in root.children:
            t = text_of(data, node)
            if node.type == "import_statement":
                src = node.child_by_field_name("source")
                spec = text_of(data, src).strip("'\"`") if src is not None else ""
                clause = next((c for c in node.children if c.type == "import_clause"), None)
                bound = _identifiers(data, clause) if clause is not None else set()
                if spec.startswith(".") or bound & ours:
                    edits.append(removal(data, node.start_byte, node.end_byte))
            elif node.type in _VARS and "require(" in t:
                m = re.fullmatch(r"\s*(?:const|let|var)\s+(\{[^}]*\}|[\w$]+)\s*=\s*require\(\s*(['\"])([^'\"]+)\2\s*\)\s*;?\s*",
                                 t)
                if m is None:
                    continue
                names = set(_WORD.findall(m.group(1)))
                if m.group(3).startswith(".") or names & ours:
                    edits.append(removal(data, node.start_byte, node.end_byte))
                else:  # an ES module has no require: the same binding as an import
                    edits.append((node.start_byte, node.end_byte, f'import {m.group(1)} from "{m.group(3)}";'))
            elif node.type == "try_statement" and _optional_require(data, node, ours):
                edits.append(removal(data, node.start_byte, node.end_byte))  # Python's try/except ImportError
            elif node.type == "expression_statement" and re.match(r"\s*(module\.)?exports\b", t):
                edits.append(removal(data, node.start_byte, node.end_byte))
        if edits:
            w.notes.append(f"{len(edits)} import/require/exports statement(s) the model wrote replaced by generated ones")
        return splice(text, edits)

    def _drop_copies(self, text: str, imported: set[str], w: ModuleWrite) -> str:
        data = text.encode("utf-8")
        copies = [(name, s, e) for name, s, e in _declarations(data, self.target.parse(data).root_node) if name in imported]
        for name in sorted({n for n, _, _ in copies}):
            w.notes.append(f"dropped a top-level copy of {name} the model wrote (the project's {name} is imported)")
        return splice(text, sorted({removal(data, s, e) for _, s, e in copies}))

    def _restore_bases(self, m: ModuleInfo, text: str, w: ModuleWrite) -> str:
        """``extends Base`` on a class the model wrote without it, when the map says the source class has one."""
        data = text.encode("utf-8")
        edits = []
        for node in self.target.parse(data).root_node.children:
            decl = node.child_by_field_name("declaration") if node.type == "export_statement" else node
            if decl is None or decl.type != "class_declaration":
                continue
            name = decl.child_by_field_name("name")
            if name is None or any(c.type == "class_heritage" for c in decl.children):
                continue
            sym = next((s for s in m.defined.values() if s.kind == "class"
                        and target_name(s.name, "class", self.target) == text_of(data, name)), None)
            base = target_base(sym, self.target, self.symbols) if sym is not None else None
            if base is not None and sym is not None and sym.bases[0] in BUILTIN_BASES and b"super" not in data[
                    decl.start_byte:decl.end_byte]:
                continue  # a built-in base only where the class needs one: its ``super`` is a SyntaxError without
            if base is not None:
                edits.append((name.end_byte, name.end_byte, f" extends {base}"))
                w.notes.append(f"class {text_of(data, name)}: `extends {base}` restored from the source")
        return splice(text, edits)

    # -- tests ------------------------------------------------------------------------------------------------
    def _check_tests(self, m: ModuleInfo, result: FileResult, text: str, locals_: dict[str, str],
                     w: ModuleWrite) -> str:
        """Fail each test function that no longer calls what its source called, or defines it itself."""
        data = text.encode("utf-8")
        root = self.target.parse(data).root_node
        functions = {}
        for node in root.children:
            if node.type in _DECLS and node.child_by_field_name("name") is not None:
                functions[text_of(data, node.child_by_field_name("name"))] = node
        edits = []
        for rec in result.units:
            tested = rec.name in (m.tests if rec.kind == "function" else m.test_classes if rec.kind == "class" else ())
            if not tested or rec.status == FAILED:
                continue
            fn = functions.get(target_name(rec.name, rec.kind, self.target))
            if fn is None:
                continue
            edit = refuse_untested(rec, m.language, locals_, _identifiers(data, fn), _nested_definitions(data, fn), fn,
                                   self.source, self.target, w)
            if edit is not None:
                edits.append(edit)
        return splice(text, edits)

    # -- the whole file ---------------------------------------------------------------------------------------
    def write(self, path: str, out: str, result: FileResult) -> ModuleWrite:
        """Rewrite ``result.text`` (the translation of source ``path``, written to ``out``) in place."""
        w = ModuleWrite()
        m = self.symbols.by_path.get(path)
        if m is None:
            return w
        self.source = get_language(result.source_language)
        locals_ = {b.local: self._local(b) for b in m.bindings}  # source local name -> target local name
        test_names = {"test", "assert", "AssertionError", "withFixtures",
                      *(UNITTEST_NAMES if m.test_classes else ())} if m.is_test else set()
        text = replace_import_comments(result, result.text, self.source, self.target,
                                       lambda seg: self._foreign_lines(m, seg), w)
        shimmed = {local for (mod, _, local), level in zip(m.imports, m.level) if level == 0 and mod in SHIMS}
        text = fix_module_system(self._clean_model_imports(text, set(locals_.values()) | test_names | shimmed, w),
                                 self.target, w.notes)
        text = self._drop_copies(text, set(locals_.values()), w)
        text = self._restore_bases(m, text, w)
        if self.source.name == "python":
            text = fix_python_module(text, self.target, self.symbols, m, result, locals_,
                                     set(locals_.values()) | test_names | shimmed, w.notes)
        if m.is_test:
            text = self._check_tests(m, result, text, locals_, w)
            for rec in result.units if m.test_classes else []:  # ``unittest.main()``: node --test runs them
                if rec.kind == "glue" and "unittest.main" in rec.source and rec.output and rec.output.strip() in text:
                    line = f"{self.target.line_comment} {' '.join(rec.source.split())}: node --test runs the tests below"
                    text = text.replace(rec.output.strip(), line, 1)
        data = text.encode("utf-8")
        root = self.target.parse(data).root_node
        used = _identifiers(data, root)
        declared = _declared(data, root)
        header = self._imports(m, out, used, w)
        if m.is_test:
            assert_names = "assert, { AssertionError }" if "AssertionError" in used else "assert"
            header = [TEST_RUNNER, f'import {assert_names} from "node:assert/strict";', *header]
            if m.test_classes:  # the template's TestCase (translate repo writes it at the root: UNITTEST_FILE)
                names = [n for n in UNITTEST_NAMES if n != "mixin" or any(m.test_bases.values())]
                header.append(f'import {{ {", ".join(names)} }} from "{relative_import(out, UNITTEST_FILE)}";')
            if any(tp.fixtures for tp in m.test_params.values()):  # the template's pytest fixtures
                header.append(f'import {{ withFixtures }} from "{relative_import(out, PYTEST_FILE)}";')
        footer = self._exports(m, declared) if not m.is_test else []
        if m.is_test:
            for rec in result.units:
                fn = target_name(rec.name, "function", self.target)
                if rec.name in m.tests and rec.status != FAILED and fn in declared:
                    lines = self._register(m, rec.name, fn, declared, w)
                    footer += lines
                    if lines:
                        w.tests.append(rec.name)
                cls = target_name(rec.name, "class", self.target)
                if rec.kind == "class" and rec.name in m.test_classes and rec.status != FAILED and cls in declared:
                    mixed = [b for b in (target_name(x, "class", self.target) for x in m.test_bases.get(rec.name, []))
                             if b in declared]
                    if mixed:  # its bases of the same file: what the JavaScript class does not extend is copied
                        footer.append(f"mixin({cls}, {', '.join(mixed)});")
                    for method in m.test_classes[rec.name]:  # each test method, run as unittest runs it
                        footer.append(f'test("{rec.name}.{method}", () => runTestCase({cls}, '
                                      f'"{target_name(method, "method", self.target)}"));')
                        w.tests.append(f"{rec.name}.{method}")
        text = _place_header(text, header).rstrip("\n") + "\n"
        if footer:
            text += "\n" + "\n".join(footer) + "\n"
        result.text = text
        result.diagnostics = validate(text, self.target)
        return w

    def _register(self, m: ModuleInfo, test: str, fn: str, declared: dict[str, tuple[int, int]],
                  w: ModuleWrite) -> list[str]:
        """The ``node:test`` registration of test function ``test`` (``fn`` in the file): once, or once per
        parametrize case with its fixtures (translate.project.pytest_params); [] with a note when it cannot be."""
        tp = m.test_params.get(test)
        if tp is None:
            return [f'test("{test}", {fn});']
        names = {n: target_name(n, sym.kind, self.target) for n, sym in m.defined.items()}
        names = {n: js for n, js in names.items() if js in declared}  # the tables and fixtures, as declared
        fixture_params = {f: tuple(p.split("=")[0].strip() for p in m.defined[f].params)
                          for f in m.fixtures if f in m.defined}
        lines, why = js_registration(test, fn, tp, names, fixture_params)
        if why is not None:
            w.notes.append(f"{test}: not registered: {why}")
        return lines

    def _imports(self, m: ModuleInfo, out: str, used: set[str], w: ModuleWrite) -> list[str]:
        groups: dict[str, list[str]] = {}
        namespaces: list[str] = []
        reexports: dict[str, list[str]] = {}
        exported = set(self.symbols.exported(m.module)) if m.is_package else set()
        for b in m.bindings:
            local = self._local(b)
            if b.name is None:
                if b.module in self.outputs and local in used:
                    namespaces.append(f'import * as {local} from "{relative_import(out, self.outputs[b.module])}";')
                continue
            where = self._imported(b)
            if where is None:
                w.notes.append(f"{b.local}: not found in {b.module} (not imported)")
                continue
            spec = relative_import(out, where[0])
            item = where[1] if where[1] == local else f"{where[1]} as {local}"
            if b.local in exported:
                reexports.setdefault(spec, []).append(item)
            if local in used and item not in groups.get(spec, []):
                groups.setdefault(spec, []).append(item)
        for (mod, name, local), level in zip(m.imports, m.level):  # Python modules a template provides (SHIMS)
            if level == 0 and mod in SHIMS and local in used:
                spec = relative_import(out, SHIMS[mod])
                if name is None:
                    namespaces.append(f'import * as {local} from "{spec}";')
                elif name != "*" and (name if name == local else f"{name} as {local}") not in groups.get(spec, []):
                    groups.setdefault(spec, []).append(name if name == local else f"{name} as {local}")
        lines = [f'import {{ {", ".join(items)} }} from "{spec}";' for spec, items in groups.items()]
        lines += [f'export {{ {", ".join(items)} }} from "{spec}";' for spec, items in reexports.items()]
        return lines + namespaces

    def _exports(self, m: ModuleInfo, declared: dict[str, tuple[int, int]]) -> list[str]:
        by_norm = {normalize_name(n): n for n in declared}
        items = []
        for name, sym in m.defined.items():
            want = target_name(name, sym.kind, self.target)
            have = want if want in declared else by_norm.get(normalize_name(want))
            if have is not None:
                items.append(have if have == want else f"{have} as {want}")
        return [f"export {{ {', '.join(items)} }};"] if items else []


def _place_header(text: str, header: list[str]) -> str:
    """``header`` lines after the file's leading comment block (its docstring), before everything else."""
    if not header:
        return text
    lines = text.split("\n")
    i = 0
    while i < len(lines) and lines[i].lstrip().startswith("//"):
        i += 1
    block = "\n".join(header)
    head, rest = "\n".join(lines[:i]), "\n".join(lines[i:]).lstrip("\n")
    return (head + "\n" if head else "") + block + "\n\n" + rest
