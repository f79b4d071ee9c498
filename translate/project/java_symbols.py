"""Java sources in the project-wide symbol map (translate.project.symbols): the reader and the resolution rules.

What :func:`read_java` records in a :class:`ModuleInfo` (same meaning as the Python reader's data):

- ``module``: ``<package>.<FileStem>`` when the file declares ``package a.b;`` (``shop.Store``), else the
  path-derived name is kept; ``package``: the declared package (``"a.b"``) or None.
- ``defined``: each top-level class / interface / enum / record that is public or package-private, as
  ``Symbol(module, Name, "class", bases=..., methods=...)``. ``bases``: the superclass then the implemented
  (or, for an interface, extended) interfaces, simple names as written, generic arguments dropped
  (``extends Base<T> implements java.io.Serializable`` -> ``("Base", "Serializable")``). ``methods``:
  ``(name, param names)`` of the non-private methods in source order (``static``: the static ones' names), an overloaded method once (the overload
  with the most parameters); the constructor first as ``"__init__"`` (the non-private constructor with the
  most parameters, a record's components when it has no longer one, an enum's constructor even if private).
- ``imports`` / ``level`` (level always 0): ``import a.b.C;`` -> ``("a.b.C", "C", "C")``;
  ``import a.b.*;`` -> ``("a.b", "*", "*")``; ``import static a.b.C.m;`` and ``import static a.b.C.*;`` ->
  ``("a.b.C", "C", "C")``: a static member is reached through its class (``C.m``). Which members a static
  import names is kept in ``static_imports``: ``("a.b.C", "m")`` / ``("a.b.C", "*")``, class as written.
- ``test_classes``: each top-level class with methods annotated ``@Test`` (``@org.junit.Test``,
  ``@org.junit.jupiter.api.Test``; not ``@ParameterizedTest``) -> its ``@Test`` method names in order;
  ``test_hooks``: for the same classes, always the four keys ``before_each`` (``@BeforeEach``/``@Before``),
  ``after_each`` (``@AfterEach``/``@After``), ``before_all`` (``@BeforeAll``/``@BeforeClass``) and
  ``after_all`` (``@AfterAll``/``@AfterClass``), each a list of method names in order (empty when none).

Resolution (:func:`resolve_java`, called by ``SymbolMap``), in Java's order of precedence, a name bound once:
single-type (and static) imports, then the other modules of the same package (no import needed: each of
their defined classes), then ``import a.b.*`` (the class named like its file of each module of package
``a.b``: the only public one). Main code does not see test code (test classes, files under ``src/test/``);
test code sees both. An import of nothing in the project goes to ``foreign`` as written:
``java.util.List``, ``java.util.*``; a static import's class: ``org.junit.jupiter.api.Assertions``.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from translate.oracle.java_receivers import receivers
from translate.project.symbols import Binding, ModuleInfo, Symbol
from translate.source.units import ParsedFile
from translate.source.validate import walk

if TYPE_CHECKING:
    from translate.project.symbols import SymbolMap

TYPE_DECLARATIONS = ("class_declaration", "interface_declaration", "enum_declaration", "record_declaration")
TEST_ANNOTATIONS = ("Test",)
HOOK_ANNOTATIONS = {
    "BeforeEach": "before_each", "Before": "before_each",
    "AfterEach": "after_each", "After": "after_each",
    "BeforeAll": "before_all", "BeforeClass": "before_all",
    "AfterAll": "after_all", "AfterClass": "after_all",
}
HOOK_KEYS = ("before_each", "after_each", "before_all", "after_all")


def _text(data: bytes, node) -> str:
    return data[node.start_byte:node.end_byte].decode("utf-8")


def _modifiers(node):
    return next((c for c in node.children if c.type == "modifiers"), None)


def _private(node) -> bool:
    mods = _modifiers(node)
    return mods is not None and any(c.type == "private" for c in mods.children)


def _static(node) -> bool:
    mods = _modifiers(node)
    return mods is not None and any(c.type == "static" for c in mods.children)


def _annotations(data: bytes, node) -> list[str]:
    """The simple names of ``node``'s annotations (``@org.junit.Test`` -> ``Test``)."""
    mods = _modifiers(node)
    out = []
    for c in mods.named_children if mods is not None else []:
        if c.type in ("marker_annotation", "annotation"):
            name = c.child_by_field_name("name")
            if name is not None:
                out.append(_text(data, name).split(".")[-1])
    return out


def _expected(data: bytes, node) -> str | None:
    """JUnit 4's ``@Test(expected = Foo.class)``: ``Foo``."""
    mods = _modifiers(node)
    for c in mods.named_children if mods is not None else []:
        name = c.child_by_field_name("name") if c.type == "annotation" else None
        if name is None or _text(data, name).split(".")[-1] != "Test":
            continue
        m = re.search(r"\bexpected\s*=\s*([\w.]+?)\.class\b", _text(data, c))
        if m is not None:
            return m.group(1).split(".")[-1]
    return None


def _simple_type(data: bytes, node) -> str:
    """``Base<T>`` -> ``Base``; ``java.io.Serializable`` -> ``Serializable``."""
    return _text(data, node).split("<")[0].split(".")[-1].strip()


def _bases(data: bytes, decl) -> tuple[str, ...]:
    out: list[str] = []
    sup = decl.child_by_field_name("superclass")
    if sup is not None and sup.named_children:
        out.append(_simple_type(data, sup.named_children[0]))
    for part in decl.children:
        if part.type in ("super_interfaces", "extends_interfaces"):
            for tl in part.named_children:
                out += [_simple_type(data, t) for t in (tl.named_children if tl.type == "type_list" else [tl])]
    return tuple(out)


def _param_names(data: bytes, params) -> tuple[str, ...]:
    out: list[str] = []
    for p in params.named_children if params is not None else []:
        if p.type == "formal_parameter":
            name = p.child_by_field_name("name")
        elif p.type == "spread_parameter":  # ``int... counts``
            decl = next((c for c in p.named_children if c.type == "variable_declarator"), None)
            name = decl.child_by_field_name("name") if decl is not None else None
        else:  # a receiver parameter, a comment
            continue
        if name is not None:  # varargs as Python writes them: ``*counts``
            out.append(("*" if p.type == "spread_parameter" else "") + _text(data, name))
    return tuple(out)


def _members(decl):
    body = decl.child_by_field_name("body")
    for m in body.named_children if body is not None else []:
        if m.type == "enum_body_declarations":
            yield from m.named_children
        else:
            yield m


def _read_type(data: bytes, decl, info: ModuleInfo) -> None:
    name = _text(data, decl.child_by_field_name("name"))
    enum = decl.type == "enum_declaration"
    init: tuple[str, ...] | None = None
    if decl.type == "record_declaration":
        init = _param_names(data, decl.child_by_field_name("parameters"))
    methods: dict[str, tuple[str, ...]] = {}
    static: list[str] = []
    tests: list[str] = []
    hooks: dict[str, list[str]] = {k: [] for k in HOOK_KEYS}
    for m in _members(decl):
        if m.type == "constructor_declaration" and (enum or not _private(m)):
            params = _param_names(data, m.child_by_field_name("parameters"))
            if init is None or len(params) > len(init):
                init = params
        elif m.type == "method_declaration":
            mname = _text(data, m.child_by_field_name("name"))
            annotations = _annotations(data, m)
            if any(a in TEST_ANNOTATIONS for a in annotations):
                tests.append(mname)
                expected = _expected(data, m)
                if expected is not None:
                    info.test_expected[f"{name}.{mname}"] = expected
            for a in annotations:
                if a in HOOK_ANNOTATIONS:
                    hooks[HOOK_ANNOTATIONS[a]].append(mname)
            if _private(m):
                continue
            params = _param_names(data, m.child_by_field_name("parameters"))
            if mname not in methods or len(params) > len(methods[mname]):
                methods[mname] = params
            if _static(m) and mname not in static:
                static.append(mname)
    if tests:
        info.test_classes[name] = tests
        info.test_hooks[name] = hooks
    if _private(decl):
        return
    listed = ([("__init__", init)] if init is not None else []) + list(methods.items())
    info.defined[name] = Symbol(info.module, name, "class", bases=_bases(data, decl), methods=tuple(listed),
                                static=tuple(static))


def read_java(parsed: ParsedFile, info: ModuleInfo) -> None:
    """Record the package, top-level types, imports and JUnit tests of one Java file in ``info``."""
    data = parsed.source.encode("utf-8")
    root = parsed.language.parse(data).root_node
    for node in root.children:
        if node.type == "package_declaration":
            name = next((c for c in node.named_children if c.type in ("scoped_identifier", "identifier")), None)
            if name is not None:
                info.package = _text(data, name)
                info.module = f"{info.package}.{info.module.split('.')[-1]}"
        elif node.type == "import_declaration":
            target = next((c for c in node.named_children if c.type in ("scoped_identifier", "identifier")), None)
            if target is None:
                continue
            dotted = _text(data, target)
            static = any(c.type == "static" for c in node.children)
            wildcard = any(c.type == "asterisk" for c in node.children)
            if static:
                cls, member = (dotted, "*") if wildcard else (dotted.rpartition(".")[0], dotted.rpartition(".")[2])
                info.static_imports.append((cls, member))
                info.imports.append((cls, cls.split(".")[-1], cls.split(".")[-1]))
            elif wildcard:
                info.imports.append((dotted, "*", "*"))
            else:
                info.imports.append((dotted, dotted.split(".")[-1], dotted.split(".")[-1]))
            info.level.append(0)
        elif node.type in TYPE_DECLARATIONS:
            _read_type(data, node, info)
    info.method_names = frozenset(_text(data, n.child_by_field_name("name")) for n in walk(root)
                                  if n.type == "method_declaration")
    if info.test_classes or "/src/test/" in "/" + info.path:  # how the tests build the project's objects
        info.receivers = receivers(parsed.source)


def _stem(m: ModuleInfo) -> str:
    return m.module.split(".")[-1]


def test_side(m: ModuleInfo) -> bool:
    """A test class, or a file under Maven's ``src/test/`` (its helpers): main code does not see them."""
    return m.is_test or "/src/test/" in "/" + m.path


def resolve_java(symbols: SymbolMap, m: ModuleInfo) -> None:
    """Bind the names of Java module ``m`` (see the module docstring for the order); fill ``foreign``."""
    bound = set(m.defined)
    visible = test_side(m)

    def bind(local: str, module: str, name: str) -> None:
        if local not in bound:
            bound.add(local)
            m.bindings.append(Binding(local, module, name))

    def foreign(written: str) -> None:
        if written not in m.foreign:
            m.foreign.append(written)

    wildcards = []
    for mod, name, local in m.imports:
        if name == "*":
            wildcards.append(mod)
            continue
        found = symbols.find(mod)
        if found is None:  # ``import shop.Store.Inner``: a type nested in a project class
            outer = symbols.find(mod.rpartition(".")[0]) if "." in mod else None
            if outer is not None and outer.language == "java":
                bind(local, outer.module, local)
            else:
                foreign(mod)
            continue
        bind(local, found.module, name or _stem(found))
    java = [o for o in symbols.modules.values() if o.language == "java" and (visible or not test_side(o))]
    for other in java:  # the same package: visible without an import
        if other.package == m.package:
            for n in sorted(other.defined, key=lambda n: n != _stem(other)):
                bind(n, other.module, n)
    for mod in wildcards:
        hits = [o for o in java if o.package == mod]
        if not hits:
            foreign(f"{mod}.*")
        for other in hits:
            if _stem(other) in other.defined:
                bind(_stem(other), other.module, _stem(other))
