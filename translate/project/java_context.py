"""What a unit's prompt is told in a Java project migrated from Python: every signature with its types.

Java needs a type on every parameter, field and return, and the callers and the tests of a unit must agree on
them, so they are fixed before any body is translated: from the types the source project's own tests passed
and got back (:mod:`translate.project.java_types`). A function is told its exact declaration (``public static
double discount(double total, int percent)``, a static method of its module's class, static-imported where
used), a class its outline (typed fields, constructors, methods; an overload per trailing default), and every
unit the typed signatures of the project names it uses. A Python exception class extends ``RuntimeException``
(unchecked, like Python's). What no test reached is shown without types and left to the model.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from translate.project.java_types import ClassTypes, FnTypes, Shape, TypeMap, java_type, merge, tuple_note
from translate.project.symbols import ModuleInfo, Symbol, SymbolMap
from translate.source.languages import Language
from translate.translation.java_values import literal_type
from translate.translation.naming import target_name

EXCEPTION_BASES = frozenset({"Exception", "BaseException", "ValueError", "RuntimeError", "KeyError", "LookupError",
                             "TypeError", "IndexError", "ArithmeticError", "AttributeError"})
JAVA_ERROR = "RuntimeException"
_DEFAULT_TYPES = (("int", re.compile(r"^-?\d+$")), ("float", re.compile(r"^-?\d*\.\d+(e-?\d+)?$")),
                  ("str", re.compile(r"^(['\"]).*\1$")), ("bool", re.compile(r"^(True|False)$")))


@dataclass(frozen=True)
class Param:
    name: str  # Java name
    type: str | None
    default: str | None  # the Python default as written


def default_shape(default: str) -> Shape:
    for shape, pattern in _DEFAULT_TYPES:
        if pattern.match(default.strip()):
            return shape
    return "?"


class JavaSignatures:
    """Typed Java signatures of one Python project's functions and classes."""

    def __init__(self, symbols: SymbolMap, types: TypeMap, java: Language):
        self.symbols, self.types, self.java = symbols, types, java
        self.keys = {f"{m.path}:{n}": n for m in symbols.modules.values() for n, s in m.defined.items()
                     if s.kind == "class"}
        classes = set(self.keys.values())
        self.holders: dict[str, str] = {}
        for m in symbols.modules.values():
            stem = m.module.rsplit(".", 1)[-1] or "Module"
            name = "".join(p[:1].upper() + p[1:] for p in re.split(r"[^0-9A-Za-z]+", stem) if p) or "Module"
            self.holders[m.module] = name + "Module" if name in classes or name[0].isdigit() else name

    def holder(self, module: str) -> str:
        """The class that holds a module's functions and constants."""
        return self.holders.get(module, "Module")

    def path_of(self, sym: Symbol) -> str:
        m = self.symbols.modules.get(sym.module)
        return m.path if m is not None else ""

    def _symbol(self, path: str, name: str) -> Symbol | None:
        m = self.symbols.by_path.get(path)
        return m.defined.get(name) if m is not None else None

    def is_exception(self, sym: Symbol, _depth: int = 0) -> bool:
        if sym.kind != "class" or _depth > 8:
            return False
        for base in sym.bases:
            if base.split(".")[-1] in EXCEPTION_BASES:
                return True
            origin = self.symbols.origin(sym.module, base)
            if origin is not None and self.is_exception(origin, _depth + 1):
                return True
        return False

    def jtype(self, shape: Shape, boxed: bool = False) -> str | None:
        return java_type(shape, self.keys, boxed)

    def params(self, params: tuple[str, ...], fn: FnTypes | None) -> list[Param]:
        out = []
        for i, p in enumerate(params):
            name, eq, default = p.partition("=")
            name = name.strip()
            if name.startswith("*"):
                out.append(Param("..." + target_name(name.lstrip("*"), "variable", self.java), None, None))
                continue
            shape = fn.params[i] if fn is not None and i < len(fn.params) else "?"
            if eq and shape == "?":
                shape = default_shape(default)
            out.append(Param(target_name(name, "variable", self.java), self.jtype(shape), default.strip() if eq else None))
        return out

    @staticmethod
    def _join(params: list[Param]) -> str | None:
        if any(p.type is None and not p.name.startswith("...") for p in params):
            return None
        return ", ".join(f"Object{p.name}" if p.name.startswith("...") else f"{p.type} {p.name}" for p in params)

    def ret_type(self, fn: FnTypes | None) -> str | None:
        if fn is None or not fn.calls:
            return None
        if fn.ret == "None":
            return "void"
        return self.jtype(fn.ret)

    def _declarations(self, head: str, ret: str | None, params: list[Param], ctor: bool = False) -> list[str]:
        """``head(params)`` with its return type, and one overload per trailing parameter with a default."""
        out = []
        if ret is None and not ctor:
            return [f"{head}({', '.join(p.name for p in params)})  // types not seen in the tests: choose them"]
        for cut in range(len(params), -1, -1):
            if cut < len(params) and params[cut].default is None:
                break
            shown = self._join(params[:cut])
            if shown is None:
                return [f"{head}({', '.join(p.name for p in params)})  // types not seen in the tests: choose them"]
            line = f"{ret + ' ' if ret else ''}{head}({shown})"
            if cut < len(params):
                line += "  // " + ", ".join(f"{p.name} = {p.default}" for p in params[cut:])
            out.append(line)
        return out

    def function(self, sym: Symbol, public: bool = True) -> list[str]:
        """The declarations of a module-level function (its overloads too)."""
        fn = self.types.functions.get((self.path_of(sym), sym.name))
        ret = self.ret_type(fn)
        if ret is None:
            ret = None if fn is None else "Object"
        head = target_name(sym.name, "function", self.java)
        decls = [("public static " if public else "static ") + d
                 for d in self._declarations(head, ret, self.params(sym.params, fn))]
        note = next((n for n in (tuple_note(t, self.keys) for t in [*(fn.params if fn else []), fn.ret if fn else "?"])
                     if n), None)
        if note and decls and "//" not in decls[0]:
            decls[0] += f"  // {note}"
        return decls

    def base(self, sym: Symbol) -> str | None:
        if not sym.bases:
            return None
        b = sym.bases[0].split(".")[-1]
        if b in EXCEPTION_BASES:
            return JAVA_ERROR
        origin = self.symbols.origin(sym.module, sym.bases[0])
        return origin.name if origin is not None and origin.kind == "class" else None

    def _inherited(self, sym: Symbol) -> set[str]:
        fields: set[str] = set()
        origin = self.symbols.origin(sym.module, sym.bases[0]) if sym.bases else None
        depth = 0
        while origin is not None and origin.kind == "class" and depth < 8:
            ct = self.types.classes.get((self.path_of(origin), origin.name))
            fields |= set(ct.fields) if ct is not None else set()
            origin = self.symbols.origin(origin.module, origin.bases[0]) if origin.bases else None
            depth += 1
        return fields

    def _field_type(self, sym: Symbol, name: str, ct: ClassTypes) -> Shape:
        """A field's shape over the class and the subclasses the tests built (a Bundle's price is an Item's)."""
        shape = ct.fields.get(name, "?")

        for (path, cname), other in self.types.classes.items():
            osym = self._symbol(path, cname)
            if osym is not None and sym.name in osym.bases and name in other.fields:
                shape = merge(shape, other.fields[name])
        return shape

    def _override(self, sym: Symbol, method: str) -> FnTypes | None:
        """The types of ``method`` where the tests reached it on a subclass or a base of ``sym`` instead."""
        for (path, cname), ct in self.types.classes.items():
            other = self._symbol(path, cname)
            if other is not None and method in ct.methods and (sym.name in other.bases or cname in sym.bases):
                return ct.methods[method]
        return None

    def outline(self, sym: Symbol) -> str:
        """The Java outline of a class: typed fields, constructors and methods (overloads for defaults)."""
        ct = self.types.classes.get((self.path_of(sym), sym.name)) or ClassTypes()
        base = self.base(sym)
        lines = [f"class {sym.name}" + (f" extends {base}" if base else "") + " {"]
        inherited = self._inherited(sym)
        for f in ct.fields:
            if f in inherited:
                continue
            shape = self._field_type(sym, f, ct)
            jt = self.jtype(shape) or "Object"
            note = tuple_note(shape, self.keys)
            lines.append(f"    {jt} {target_name(f, 'variable', self.java)};"
                         + (f"  // {note}" if note else ""))
        for mname, params in sym.methods:
            fn = ct.init if mname == "__init__" else ct.methods.get(mname)
            if mname == "__init__":
                decls = self._declarations(sym.name, None, self.params(params, ct.init if ct.init.calls else None),
                                           ctor=True)
            else:
                if mname.startswith("__"):
                    continue
                fn = fn if fn is not None else self._override(sym, mname)
                ret = self.ret_type(fn) or (None if fn is None else "Object")
                static = "static " if mname in sym.static else ""
                decls = [static + d for d in self._declarations(target_name(mname, "method", self.java), ret,
                                                                 self.params(params, fn))]
            lines += [f"    {d};" if "//" not in d else f"    {d.replace('  //', ';  //', 1)}" for d in decls]
        return "\n".join(lines) + "\n}"

    def signature(self, sym: Symbol) -> list[str]:
        """What a unit using ``sym`` is shown of it."""
        if sym.kind == "function":
            holder = self.holder(sym.module)
            return [d + f"  // {holder}.{target_name(sym.name, 'function', self.java)}, static-imported"
                    if "//" not in d else d for d in self.function(sym)]
        if sym.kind == "class":
            return [self.outline(sym)]
        typed = literal_type(sym.literal) if sym.literal else None
        if typed is not None:
            return [f"static {typed} {sym.name};  // {self.holder(sym.module)}.{sym.name}, static-imported"]
        return [f"{self.holder(sym.module)}.{sym.name}  // a constant, static-imported"]

    def for_unit(self, m: ModuleInfo, unit: Any, used: set[str]) -> dict[str, Any]:
        """The Java part of a unit's project context (``used``: the names its source mentions)."""
        out: dict[str, Any] = {}
        lines: list[str] = []
        for b in m.bindings:
            if b.local in used and b.name is not None:
                sym = self.symbols.origin(b.module, b.name)
                if sym is not None:
                    lines += [ln for ln in self.signature(sym) if ln not in lines]
        for name in sorted(used):  # the module's own tables, as the literal rule declares them (java_values)
            own = m.defined.get(name)
            typed = literal_type(own.literal) if own is not None and own.kind == "constant" and own.literal else None
            if typed is not None and unit.kind != "glue":
                lines.append(f"static {typed} {name};  // a field of this module's class: use it, do not declare it")
        if lines:
            out["imported"] = lines
        sym = m.defined.get(getattr(unit, "name", ""))
        if unit.kind == "function" and sym is not None and sym.kind == "function" and not m.is_test:
            decls = [d for d in self.function(sym) if "types not seen" not in d]
            if decls:
                out["declared"] = "\n".join(decls)
        if unit.kind == "class" and sym is not None and sym.kind == "class" and not m.is_test:
            out["shape"] = self.outline(sym)
        return out

    def rule_names(self, m: ModuleInfo):
        """What a test of module ``m`` translated by rule may call (translate.translation.pytest_junit)."""
        from translate.translation.pytest_junit import JavaProject

        functions, classes, errors = {}, {}, set()
        for b in m.bindings:
            if b.name is None:  # ``import mod``: ``mod.f(...)`` calls the holder's ``Mod.f``, ``mod.C(...)`` is C
                mod = self.symbols.modules.get(b.module)
                names = {*mod.defined, *(bb.local for bb in mod.bindings if bb.name)} if mod is not None else set()
                found = [(f"{b.local}.{n}", self.symbols.origin(b.module, n)) for n in sorted(names)]
            else:
                found = [(b.local, self.symbols.origin(b.module, b.name))]
            for local, sym in found:
                if sym is not None and sym.kind == "function":
                    java = target_name(sym.name, "function", self.java)
                    functions[local] = java if b.name is not None else f"{self.holder(sym.module)}.{java}"
                elif sym is not None and sym.kind == "class":
                    classes[local] = sym.name
                    if self.is_exception(sym):
                        errors.add(local)
        for name, sym in m.defined.items():  # the test file's own helpers and classes
            if sym.kind == "function" and name not in m.tests:
                functions[name] = target_name(name, "function", self.java)
        return JavaProject(functions=functions, classes=classes, exceptions=frozenset(errors))
