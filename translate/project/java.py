"""The Java module writer: each translated Python file becomes a file of one Java package.

All of a migrated project's classes live in one package (the source's top-level package, else ``app``) and are
package-private, so a file may hold several classes (a Python module's) and the tests, in the same package
under ``src/test/java``, see them all. A module's functions and constants are static members of its holder
class (``Pricing``; ``StoreModule`` where a class is named like the module), static-imported by the files that
use them (``import static inventory.Pricing.discount;``), as the prompts told each unit
(translate.project.java_context). The model's own ``package`` and project imports are dropped; classes the
pipeline wrapped with the functions are moved out to the top level. In a test file each method that stands for
a source test gets ``@Test`` (JUnit 5), and the file imports JUnit's annotations and assertions.
"""
from __future__ import annotations

import re

from translate.project.java_context import JavaSignatures
from translate.project.java_overloads import add_overloads
from translate.project.java_types import TypeMap
from translate.project.rewrite import ModuleWrite, replace_import_comments, text_of
from translate.project.symbols import ModuleInfo, SymbolMap
from translate.source.languages import Language, get_language
from translate.source.validate import validate
from translate.translation.naming import target_name
from translate.translation.output import class_name
from translate.translation.records import FileResult

JUNIT_ANNOTATIONS = ("Test", "BeforeEach", "AfterEach", "BeforeAll", "AfterAll")
_KEEP_IMPORT = ("java.", "javax.")
_ACCESS = re.compile(r"\b(public|private|protected|static)\s+")
_PY_IMPORT = re.compile(r"^(?:from\s+(\.*[\w.]*)\s+import\b|import\s+([\w.]+))")
_NO_VALUE = {"typing", "__future__", "typing_extensions", "unittest", "pytest",  # type checkers; JUnit
             "re"}  # the package's own class ``re`` (templates/re.java)
_TYPES = ("class_declaration", "interface_declaration", "enum_declaration", "record_declaration")


_SOURCE_ROOTS = ("src", "lib")  # a ``src/`` layout's folder is not a package (``src/termcolor/...``: termcolor)


def package_name(symbols: SymbolMap) -> str:
    """The project's one Java package: the top-level package all source modules live in (under a ``src/``
    layout's folder), else ``app``."""
    mods = [(m.module.split("."), m.is_package) for m in symbols.modules.values() if not m.is_test and m.module]
    while mods and all(len(p) > 1 and p[0] in _SOURCE_ROOTS for p, _ in mods):
        mods = [(p[1:], package) for p, package in mods]
    tops = {p[0] for p, package in mods if len(p) > 1 or package}  # a lone module (``words.py``) names none
    name = tops.pop() if len(tops) == 1 else "app"
    name = re.sub(r"\W", "_", name.lower())
    return name if name and not name[0].isdigit() and name not in ("java", "javax") else "app"


class JavaModuleWriter:
    def __init__(self, symbols: SymbolMap, target: Language, outputs: dict[str, str]):
        self.symbols, self.target, self.outputs = symbols, target, outputs
        self.package = package_name(symbols)
        self.signatures = JavaSignatures(symbols, TypeMap(), target)

    def _foreign_lines(self, source_text: str) -> list[str] | None:
        """The import lines of a glue segment that name modules outside the project (kept as a TODO); None for
        a segment that is not imports (and ``__all__``) only."""
        ours = {m.split(".")[0] for m in self.symbols.modules}
        keep: list[str] = []
        depth = 0
        for line in source_text.splitlines():
            s = line.strip()
            inside, depth = depth > 0, depth + s.count("(") + s.count("[") - s.count(")") - s.count("]")
            if inside or not s or s.startswith("#"):
                continue
            m = _PY_IMPORT.match(s)
            if m is None:
                if not s.startswith("__all__"):
                    return None
                continue
            module = m.group(1) or m.group(2) or ""
            if not module.startswith(".") and module.split(".")[0] not in ours | _NO_VALUE:
                keep.append(s)
        return keep

    def _static_imports(self, m: ModuleInfo, used: set[str], w: ModuleWrite) -> list[str]:
        out = []
        for b in m.bindings:
            if b.name is None:
                continue
            sym = self.symbols.origin(b.module, b.name)
            if sym is None or sym.kind != "function" or sym.module == m.module:
                continue  # classes: the same package; constants: not known to be members (type aliases are not)
            name = target_name(sym.name, "function", self.target)
            if name not in used:
                continue
            if b.local != sym.name:
                w.notes.append(f"{b.local}: Java has no import aliases; imported as {name}")
            line = f"import static {self.package}.{self.signatures.holder(sym.module)}.{name};"
            if line not in out:
                out.append(line)
        return out

    def _imported_functions(self, m: ModuleInfo) -> set[str]:
        """The Java names of the project functions module ``m`` imports (static-imported into its file)."""
        out = set()
        for b in m.bindings:
            sym = self.symbols.origin(b.module, b.name) if b.name is not None else None
            if sym is not None and sym.kind == "function" and sym.module != m.module:
                out.add(target_name(sym.name, "function", self.target))
        return out

    def _clean_class(self, text: str, imported: set[str], own: set[str], w: ModuleWrite) -> str:
        """A project class with its fields package-private (Python's are open to every module: ``item.name``)
        and without the model's own copies of functions it imports (a private ``discount`` shadowing the
        project's)."""
        data = text.encode("utf-8")
        root = self.target.parse(data).root_node
        cls = next((c for c in root.named_children if c.type == "class_declaration"), None)
        body = cls.child_by_field_name("body") if cls is not None else None
        edits: list[tuple[int, int, str]] = []
        for member in body.named_children if body is not None else []:
            mods = _modifiers(member)
            if member.type == "field_declaration" and mods is not None:
                words = text_of(data, mods)
                kept = re.sub(r"\b(private|protected)\s*", "", words)
                if kept != words:
                    edits.append((mods.start_byte, mods.end_byte, kept.strip()))
            elif member.type == "method_declaration":
                name = text_of(data, member.child_by_field_name("name"))
                if name in imported and name not in own:
                    w.notes.append(f"{name}: the class's own copy of the imported function dropped")
                    edits.append((member.start_byte, member.end_byte, ""))
        for start, end, new in sorted(edits, reverse=True):
            data = data[:start] + new.encode("utf-8") + data[end:]
        return re.sub(r"\n\s*\n(\s*\n)+", "\n\n", data.decode("utf-8"))

    def write(self, path: str, out: str, result: FileResult) -> ModuleWrite:
        """Rewrite ``result.text`` (the Java translation of source ``path``) as a file of the project's package."""
        w = ModuleWrite()
        m = self.symbols.by_path.get(path)
        if m is None:
            return w
        source = get_language(result.source_language)
        text = replace_import_comments(result, result.text, source, self.target, self._foreign_lines, w)
        if f"\npublic class {class_name(path)} {{\n" in text:  # the module's class (output.finalize)
            text = replace_import_comments(result, text, source, self.target, self._foreign_lines, w, indent="    ")
        data = text.encode("utf-8")
        root = self.target.parse(data).root_node
        imports: list[str] = []
        pieces: list[str] = []
        wrapper = class_name(path)
        holder = self.signatures.holder(m.module)
        tests = {target_name(t, "function", self.target) for t in m.tests}
        imported = self._imported_functions(m)
        for node in root.named_children:
            if node.type == "package_declaration":
                continue
            if node.type == "import_declaration":
                line = " ".join(text_of(data, node).split())
                if line.replace("import static ", "import ").split()[1].startswith(_KEEP_IMPORT):
                    imports.append(line)
                continue
            if node.type in _TYPES:
                name = text_of(data, node.child_by_field_name("name"))
                if name == wrapper and (name not in m.defined or any(s.kind == "function" for s in m.defined.values())):
                    inner, members = self._unwrap(data, node, static=not m.is_test, tests=tests, w=w)
                    pieces += inner
                    pieces.append(f"class {holder} {{\n" + "\n\n".join(members) + "\n}")
                    continue
                own = {target_name(n, "method", self.target) for n, _ in m.defined[name].methods} \
                    if name in m.defined else set()
                pieces.append(self._clean_class(package_private(text_of(data, node)), imported, own, w))
                continue
            pieces.append(text_of(data, node))
        body = "\n\n".join(pieces)
        classes = {n: s for n, s in m.defined.items() if s.kind == "class"}
        functions = [s for s in m.defined.values() if s.kind == "function"]
        body, added = add_overloads(body, self.target, self.signatures, classes, holder, functions)
        if added:
            w.notes.append("overloads for default parameters added: " + ", ".join(added))
        used = set(re.findall(r"[A-Za-z_]\w*", body))
        header = [f"package {self.package};", "", "import java.util.*;"]
        header += [i for i in imports if i != "import java.util.*;"]
        if m.is_test:
            header += [f"import org.junit.jupiter.api.{a};" for a in JUNIT_ANNOTATIONS if "@" + a in body]
            header.append("import static org.junit.jupiter.api.Assertions.*;")
        header += self._static_imports(m, used, w)
        result.text = "\n".join(header) + "\n\n" + body.strip("\n") + "\n"
        result.diagnostics = validate(result.text, self.target)
        if m.is_test:
            found = re.findall(r"@Test\s+(?:\w+\s+)*void\s+(\w+)\s*\(", body)  # a parametrized test: testX_0, ...
            w.tests = sorted(t for t in found if t in tests or re.sub(r"_\d+$", "", t) in tests)
        return w

    def _unwrap(self, data: bytes, node, *, static: bool, tests: set[str],
                w: ModuleWrite) -> tuple[list[str], list[str]]:
        """The classes nested in the pipeline's wrapper (moved to the top level) and its other members (a
        module's functions, static; in a test file, its test methods with ``@Test`` and without ``static``)."""
        body = node.child_by_field_name("body")
        classes: list[str] = []
        members: list[str] = []
        for child in body.named_children if body is not None else []:
            text = text_of(data, child)
            if child.type in _TYPES:
                classes.append(package_private(_dedent(text, child.start_point[1])))
                continue
            if child.type == "method_declaration":
                name = text_of(data, child.child_by_field_name("name"))
                if name in tests:
                    text = _as_test(data, child)
                elif static:
                    text = _with_static(data, child)
            elif child.type == "field_declaration" and static:
                text = _with_static(data, child)
            members.append("    " + _dedent(text, child.start_point[1]).replace("\n", "\n    "))
        return classes, members


def _modifiers(node):
    return next((c for c in node.children if c.type == "modifiers"), None)


def _with_static(data: bytes, node) -> str:
    """A module's function or field: static, and open as Python's are (a test may call ``_irregular``)."""
    text = text_of(data, node)
    mods = _modifiers(node)
    if mods is not None:
        words = text_of(data, mods)
        opened = re.sub(r"\b(private|protected)\s*", "", words).strip()
        at = mods.end_byte - node.start_byte
        text = (opened + " " if opened else "") + text[at:].lstrip()
        if "static" in opened.split():
            return text
        return (opened + " static " if opened else "static ") + text[len(opened):].lstrip()
    return "static " + text.lstrip()


def _as_test(data: bytes, node) -> str:
    """A test method: ``@Test``, not static (JUnit 5 runs instance methods)."""
    text = text_of(data, node)
    mods = _modifiers(node)
    mtext = text_of(data, mods) if mods is not None else ""
    rest = text[len(mtext):] if mods is not None else text
    words = [t for t in re.sub(r"\bstatic\b", "", mtext).split() if t]
    if "@Test" not in words:
        words.insert(0, "@Test")
    annotations = [t for t in words if t.startswith("@")]
    others = [t for t in words if not t.startswith("@")]
    return "\n".join(annotations) + "\n" + " ".join(others + [rest.strip()])


def package_private(text: str) -> str:
    """A top-level class without ``public``/``static`` (any number of them fit in one file of the package)."""
    head, brace, rest = text.partition("{")
    return _ACCESS.sub("", head) + brace + rest


def _dedent(text: str, column: int) -> str:
    lines = text.split("\n")
    return "\n".join([lines[0]] + [ln[column:] if ln[:column].strip() == "" else ln.lstrip() for ln in lines[1:]])
