"""What a unit's prompt is told about the project: the names it uses from other files, as the target will
have them (``roundCents(amount)``, ``class OutOfStock extends Error``), and whether it is a test function.

:class:`ProjectContext` is the provider ``translate repo`` sets in
:data:`translate.translation.prompts.PROJECT_CONTEXT` around each pipeline call; the pipeline asks it for each
unit and puts the answer into the unit's :class:`~translate.translation.prompts.UnitContext` (so it is part of
the unit's cache key).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from translate.project.code_words import code_words
from translate.project.java_symbols import test_side
from translate.project.pytest_params import BUILTIN_FIXTURES, case_values, strip_parametrize
from translate.project.symbols import Binding, Symbol, SymbolMap
from translate.source.languages import Language
from translate.translation.java_leftovers import REWRITTEN
from translate.translation.naming import target_name
from translate.translation.prompts import PROJECT_CONTEXT


@dataclass(frozen=True)
class TargetStyle:
    """How a signature is shown in one target language (data; a target without a style gets plain names)."""

    constructor: str  # the name __init__ has
    extends: str  # ``class A extends B`` / ``class A(B)``
    literals: tuple[tuple[str, str], ...]  # source literal -> target literal in defaults
    exceptions: tuple[str, ...]  # source base classes that are the target's root error class
    error: str  # the target's root error class
    member: str = "{name}({params})"  # one method in a class outline
    body: str = " {{ {members} }}"  # the members after the class head (``{{}}``: braces)
    joiner: str = "; "
    receiver: str = ""  # a method's first parameter (``self``)
    static: str = "static {member}"  # a static method in a class outline
    # an imported constant, by the kind of its source literal (symbols._VALUE_KINDS); others: its name alone
    constants: tuple[tuple[str, str], ...] = ()
    builtins: tuple[tuple[str, str], ...] = ()  # a source built-in base class -> the target's (``str``: ``String``)


_JS = TargetStyle("constructor", "class {name} extends {base}", (("None", "null"), ("True", "true"), ("False", "false")),
                  ("Exception", "BaseException", "ValueError", "RuntimeError", "KeyError", "LookupError",
                   "TypeError", "IndexError"), "Error",
                  constants=(("dict", "{name} /* an object (a Python dict): Object.keys({name}) for its keys */"),
                             ("set", "{name} /* a Set (a Python set) */"),
                             ("list", "{name} /* an array (a Python list) */"),
                             ("tuple", "{name} /* an array (a Python tuple) */")),
                  builtins=(("str", "String"), ("list", "Array"), ("tuple", "Array"), ("dict", "Object"),
                            ("set", "Set"), ("int", "Number"), ("float", "Number")))
_PY = TargetStyle("__init__", "class {name}({base})", (("null", "None"), ("true", "True"), ("false", "False")),
                  ("Exception", "RuntimeException", "IllegalArgumentException", "IllegalStateException", "Throwable"),
                  "Exception", member="def {name}({params})", body=":\n    {members}", joiner="\n    ", receiver="self",
                  static="@staticmethod {member}")
STYLES: dict[str, TargetStyle] = {"javascript": _JS, "typescript": _JS, "python": _PY}
_MAX_LINES = 16


def _param(p: str, target: Language, style: TargetStyle) -> str:
    name, eq, default = p.partition("=")
    name = name.strip()
    star = len(name) - len(name.lstrip("*"))
    name = target_name(name.lstrip("*"), "function", target)
    if star:
        return f"...{name}"
    if not eq:
        return name
    d = default.strip()
    d = dict(style.literals).get(d, d)
    return f"{name} = {d}"


def _params(params: tuple[str, ...], target: Language, style: TargetStyle, method: bool = False) -> str:
    shown = [_param(p, target, style) for p in params]
    return ", ".join([style.receiver, *shown] if method and style.receiver else shown)


def _class(head: str, members: list[str], style: TargetStyle) -> str:
    if not members:
        return head + (" {}" if "{" in style.body else ":\n    pass")
    return head + style.body.format(members=style.joiner.join(members))


def render(sym: Symbol, local: str, target: Language, symbols: SymbolMap) -> str:
    """``local``'s target signature (the symbol it names, under the importing file's name for it)."""
    name = target_name(local, sym.kind, target)
    style = STYLES.get(target.name)
    if style is None:
        return name
    if sym.kind == "constant":
        form = dict(style.constants).get(sym.value)
        return form.format(name=name) if form else name
    if sym.kind == "function":
        return f"{name}({_params(sym.params, target, style)})"
    head = f"class {name}"
    base = target_base(sym, target, symbols)
    if base is not None:
        head = style.extends.format(name=name, base=base)
    members = []
    for mname, params in sym.methods:
        shown = style.constructor if mname == "__init__" else target_name(mname, "method", target)
        static = mname in sym.static
        member = style.member.format(name=shown, params=_params(params, target, style, method=not static))
        members.append(style.static.format(member=member) if static else member)
    return _class(head, members, style)


def target_base(sym: Symbol, target: Language, symbols: SymbolMap) -> str | None:
    """The target name of a class's (first) base: a project class, the root error class for an exception, or
    the target's class for a built-in type (``class Markup(str)``: ``extends String``)."""
    style = STYLES.get(target.name)
    if style is None or not sym.bases:
        return None
    base = sym.bases[0]
    if base in style.exceptions:
        return style.error
    if base in dict(style.builtins):
        return dict(style.builtins)[base]
    origin = symbols.origin(sym.module, base)
    return target_name(origin.name, "class", target) if origin is not None and origin.kind == "class" else None


def _binding_lines(b: Binding, target: Language, symbols: SymbolMap) -> list[str]:
    if b.name is None:  # a module: its names, through the local name
        mod = symbols.modules[b.module]
        out = []
        for n in symbols.exported(b.module):
            sym = symbols.origin(mod.module, n)
            if sym is not None:
                out.append(f"{b.local}.{render(sym, n, target, symbols)}")
        return out
    sym = symbols.origin(b.module, b.name)
    return [render(sym, b.local, target, symbols)] if sym is not None else []


_WORD = re.compile(r"[A-Za-z_]\w*")
# What the migrated test classes build on, by (target, source language) (translate/project/templates):
# unittest's TestCase for Python sources (the classes extend it); JUnit's assert functions for Java sources.
TEST_CASE = {("javascript", "python"): "class TestCase { setUp(); tearDown(); assertEqual(first, second); assertNotEqual(first, "
                           "second); assertTrue(value); assertFalse(value); assertIs(a, b); assertIsNone(value); "
                           "assertIsNotNone(value); assertIn(member, container); assertNotIn(member, container); "
                           "assertIsInstance(value, cls); assertGreater(a, b); assertLess(a, b); "
                           "assertAlmostEqual(first, second, places = 7); assertCountEqual(first, second); "
                           "assertRaises(ErrorClass, fn, ...args); fail(msg) }",
             ("python", "java"): "from junit_asserts import assertEquals(expected, actual, delta=None), "
                                 "assertNotEquals(unexpected, actual), assertTrue(condition), assertFalse(condition), "
                                 "assertNull(value), assertNotNull(value), assertSame(expected, actual), "
                                 "assertArrayEquals(expected, actual, delta=None), "
                                 "assertThrows(ErrorClass, fn) -> the error, fail(message)"}
# The base class of a migrated test class (None: none), by (target, source language).
TEST_BASE = {("javascript", "python"): "TestCase", ("python", "java"): None}


def test_class_shape(sym: Symbol, target: Language, source: str) -> str:
    """A test class's outline in the target: the same methods (on the target's TestCase, where it has one)."""
    style = STYLES[target.name]
    members = [style.member.format(name=style.constructor if m == "__init__" else target_name(m, "method", target),
                                   params=style.receiver) for m, _ in sym.methods]
    name = target_name(sym.name, "class", target)
    base = TEST_BASE.get((target.name, source))
    return _class(style.extends.format(name=name, base=base) if base else f"class {name}", members, style)


# Python modules a template provides in the target (translate.project.javascript.SHIMS), by (target, module): what
# a unit that uses one is told. The calls keep Python's API, patterns and replacement templates.
SHIM_API = {("javascript", "re"): "re  // Python's re module, imported for it with the same API: keep the calls, "
                                  "patterns and replacements as in Python (`(?i)`, `\\1`, `(?P<name>...)`): "
                                  "re.sub(pattern, repl, string, count = 0, flags = 0), "
                                  "re.search(pattern, string, flags = 0), re.match(...), re.fullmatch(...) -> Match "
                                  "or null, re.findall(pattern, string), re.split(pattern, string, maxsplit = 0), "
                                  "re.compile(pattern, flags = 0) -> Pattern { sub(repl, string), search(string), "
                                  "match(string), findall(string), split(string) }, re.escape(s), re.IGNORECASE; "
                                  "Match { group(n), groups(), start(), end(), span() }",
            ("java", "re"): "re  // Python's re module as a class of this package, with the same API: keep the "
                            "calls, patterns and replacements as in Python (`(?i)`, `\\1`, `(?P<name>...)`): "
                            "String re.sub(String pattern, String repl, String string[, int count]), re.sub(pattern, "
                            "(re.Match m) -> String, string), re.Match re.search(pattern, string[, int flags]), "
                            "re.match(...), re.fullmatch(...) (a re.Match or null), List<Object> re.findall(pattern, "
                            "string), List<String> re.split(pattern, string), re.Pattern re.compile(pattern[, "
                            "re.IGNORECASE]) { sub(repl, string), search(string), match(string) }, re.escape(s); "
                            "re.Match { String group(), group(int), group(String), List<String> groups(), int "
                            "start(), end() }"}


class ProjectContext:
    """The per-unit prompt context of one project, for one target."""

    def __init__(self, symbols: SymbolMap, target: Language):
        self.symbols = symbols
        self.target = target
        self.java: Any = None  # a Java target's typed signatures (translate.project.java_context), once traced
        # the project's Java methods taking ``T... xs`` (a JUnit test by rule spreads an array passed alone)
        self.varargs = sorted({name for mod in symbols.modules.values() for s in mod.defined.values()
                               if s.kind == "class" for name, ps in s.methods if any(p[:1] == "*" for p in ps)})
        # every method name the project's Java declares: a JDK method none of them has is the JDK's (junit_jdk)
        self.methods = sorted({n for mod in symbols.modules.values() for n in mod.method_names})

    def receiver(self, owner: str) -> str | None:
        """How the project's tests build an object of the class ``owner`` (simple name): the shortest of their
        recipes (translate.oracle.java_receivers), None for none."""
        found = {r for mod in self.symbols.modules.values() for r in mod.receivers.get(owner.split(".")[-1], [])}
        return min(found, key=lambda r: (len(r), r)) if found else None

    def declared(self, path: str | None, name: str) -> str:
        """The Java declaration of the top-level function ``name`` of the file ``path`` as its callers and tests
        use it (translate.project.java_context), "" where none is typed."""
        m = self.symbols.by_path.get(path or "")
        sym = m.defined.get(name) if m is not None and not m.is_test and self.java is not None else None
        if sym is None or sym.kind != "function":
            return ""
        full = self.java.function(sym)[:1]  # all the parameters (the overloads after it drop defaults)
        return full[0].split("  //")[0] if full and "types not seen" not in full[0] else ""

    def for_unit(self, path: str | None, unit) -> dict[str, Any]:
        m = self.symbols.by_path.get(path or "")
        if m is None or unit is None:
            return {}
        used = set(_WORD.findall(unit.text))
        if self.java is not None:
            return self._java(m, unit, used)
        lines: list[str] = []
        for b in m.bindings:
            if b.local in used:
                lines += [ln for ln in _binding_lines(b, self.target, self.symbols) if ln not in lines]
        for (mod, name, local), level in zip(m.imports, m.level):
            api = SHIM_API.get((self.target.name, mod))
            if api is not None and level == 0 and local in used and api not in lines:
                lines.append(api if name is None else f"{local}  // from {api}")
        out: dict[str, Any] = {}
        if lines:
            out["imported"] = lines[:_MAX_LINES]
        if unit.kind == "glue":  # top-level code: what it uses from other files, nothing more
            return out
        keep = sorted({f"{local}.{attr}" for (mod, name, local), level in zip(m.imports, m.level)
                       if level == 0 and name is None and (self.target.name, mod) in SHIM_API
                       for attr in re.findall(rf"\b{re.escape(local)}\.(\w+)\s*\(", unit.text)})
        if keep:
            out["keep_calls"] = keep
        if m.is_test and unit.name in (*m.tests, *m.test_classes):
            out["must_call"] = self._called(m, code_words(unit.text, m.language))
            if m.language == "java":  # a JUnit test written by rule passes an array to varargs as ``*xs``
                out["rule"] = {"varargs": self.varargs, "methods": self.methods}
        elif test_side(m) and m.language == "java" and unit.kind == "class":  # a helper of the tests (static methods)
            out["rule"] = {"varargs": self.varargs, "methods": self.methods, "helper": True,
                           "classes": self._called(m, code_words(unit.text, m.language))}
        if m.is_test and unit.kind == "function" and unit.name in m.tests:
            out["test"] = True
            tp = m.test_params.get(unit.name)
            if tp is not None and tp.problem is None and self.target.name in BUILTIN_FIXTURES:
                out["test_args"] = list(tp.params)  # the runner passes them (translate.project.pytest_params)
                if tp.parametrized:
                    out["code"] = strip_parametrize(unit.text)
        sym = m.defined.get(unit.name)
        if m.is_test and unit.kind == "function" and unit.name not in m.tests and sym is not None \
                and sym.kind == "function":  # a helper the tests pass their fixtures to
            taken = [p.split("=")[0].split(":")[0].strip().lstrip("*") for p in sym.params]
            fixtures = [p for p in taken if p in BUILTIN_FIXTURES.get(self.target.name, ())]
            if fixtures:
                out["fixtures"] = fixtures
        if unit.kind == "class" and sym is not None and sym.kind == "class" and self.target.name in STYLES:
            out["shape"] = render(sym, unit.name, self.target, self.symbols)
            key = (self.target.name, m.language)
            if unit.name in m.test_classes and key in TEST_CASE:  # a unittest / JUnit test class
                out["test"] = True
                out["imported"] = [*out.get("imported", []), TEST_CASE[key]][-_MAX_LINES:]
                out["shape"] = test_class_shape(sym, self.target, m.language)
        if m.language == "java" and self.target.name == "python" and unit.kind != "glue":  # ``x.length()`` may be
            out["java_methods"] = [n for n in self.methods if n in REWRITTEN]  # the project's (java_leftovers)
        return out

    def _java(self, m, unit, used: set[str]) -> dict[str, Any]:
        out = self.java.for_unit(m, unit, used)
        shimmed = [local for (mod, name, local), level in zip(m.imports, m.level)
                   if level == 0 and name is None and (self.target.name, mod) in SHIM_API and local == "re"]
        if shimmed and "re" in used:  # Python's re: the package's class ``re`` (templates/re.java)
            out["imported"] = [*out.get("imported", []), SHIM_API[("java", "re")]][-_MAX_LINES:]
            keep = sorted(set(f"re.{a}" for a in re.findall(r"\bre\.(\w+)\s*\(", unit.text)))
            if keep and unit.kind != "glue":
                out["keep_calls"] = keep
        if not m.is_test and unit.kind in ("function", "class"):
            out["where"] = m.path  # its answers are compiled in the project (translate.project.java_compile)
        if m.is_test and unit.kind == "glue":
            out["rule"] = self.java.rule_names(m)  # a main guard that runs the tests: dropped (translation.rules)
            if m.table_only:  # parametrize tables whose rows each test's methods hold: dropped
                out["tables"] = sorted(m.table_only)
        if m.is_test and unit.kind != "glue" and unit.name in (*m.tests, *m.test_classes):
            out["must_call"] = self._called(m, code_words(unit.text, m.language))
            out["test"] = True
            out["rule"] = self.java.rule_names(m)  # what a test translated by rule may call
            tp = m.test_params.get(unit.name) if unit.kind == "function" else None
            cases = case_values(tp) if tp is not None else None
            if cases:
                out["cases"] = cases  # a parametrized test: one JUnit method per case
        return out

    def _called(self, m, used: set[str]) -> list[str]:
        """The target names of the project functions and classes a test's source uses."""
        names = []
        for b in m.bindings:
            sym = self.symbols.origin(b.module, b.name) if b.name is not None and b.local in used else None
            if sym is not None and sym.kind in ("function", "class"):
                names.append(target_name(b.local, sym.kind, self.target))
        return sorted(set(names))

    def __call__(self, path: str | None, unit) -> dict[str, Any]:
        return self.for_unit(path, unit)


@contextmanager
def project_prompts(ctx: ProjectContext | None) -> Iterator[None]:
    """Units planned inside this block get ``ctx``'s context in their prompts."""
    token = PROJECT_CONTEXT.set(ctx)
    try:
        yield
    finally:
        PROJECT_CONTEXT.reset(token)
