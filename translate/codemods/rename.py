"""``translate rename OLD NEW PATH...``: an exact rename of a Python function, class or method across files.

Rules (also in the README):

* OLD is a fully qualified name (``geo.shapes.area``, ``geo.shapes.Stack.push``) or any dotted tail of
  one (``shapes.area``, ``Stack.push``, ``area``). Names re-exported by a package count too
  (``geo.area`` when ``geo/__init__.py`` does ``from .shapes import area``). Candidates are top-level
  functions and classes and the methods defined directly in a top-level class. More than one match is
  refused as ambiguous; NEW is the new name only (an identifier, no dots).
* What follows: the definition; every reference that libcst's scope and qualified-name analysis
  resolves to it (calls, decorators, base classes, annotations, string annotations, ``module.name``
  through ``import``, ``from x import name`` and ``from x import name as z`` (only the imported name
  changes; ``z`` stays), re-exports and ``__all__`` entries). For a method: overrides in subclasses,
  ``self.m``/``cls.m``/``super().m``, ``Class.m`` and ``obj.m`` where ``obj`` is known to be an
  instance of the class or a subclass (see :mod:`translate.codemods.infer`).
* What stays: other bindings of the same spelling (parameters, locals, other classes' methods),
  comments, docstrings and strings (a string equal to the name is reported as a note).
* Refused with one line: no or several matches, a name that is also assigned (not only defined),
  NEW already bound where it would land or shadowing a builtin that is used, a use through
  ``from x import *``, a method that overrides a base-class method, dunder methods, and ``obj.m`` on
  receivers of unknown type (``--skip-unresolved`` leaves those as they are instead).
"""
from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst
from libcst.metadata import BuiltinAssignment, ParentNodeProvider, ScopeProvider

from translate.codemods.infer import Inference
from translate.codemods.project import ModuleInfo, alias_closure, import_froms, load_project, top_level_defs
from translate.errors import InputError


class RenameError(InputError):
    """A rename that cannot be done exactly; the message says why, in one line."""


@dataclass
class Target:
    kind: str  # function | class | method
    module: ModuleInfo
    name: str  # the function or class (the class, for a method)
    method: str | None = None

    @property
    def fq(self) -> str:
        return ".".join(x for x in (self.module.name, self.name, self.method) if x)

    @property
    def old(self) -> str:
        return self.method or self.name


@dataclass
class RenameResult:
    target: Target
    new: str
    originals: dict[Path, str] = field(default_factory=dict)
    changes: dict[Path, str] = field(default_factory=dict)  # path -> new text (changed files only)
    counts: dict[Path, int] = field(default_factory=dict)  # occurrences renamed per file
    notes: list[str] = field(default_factory=list)


@dataclass
class _Edits:
    names: set[int] = field(default_factory=set)  # id() of Name nodes to rename
    strings: set[int] = field(default_factory=set)  # id() of SimpleString nodes to rewrite
    drop_as: set[int] = field(default_factory=set)  # id() of ImportAlias whose "as NEW" becomes redundant

    def __len__(self) -> int:
        return len(self.names) + len(self.strings)


def rename_symbol(paths, old: str, new: str, *, skip_unresolved: bool = False) -> RenameResult:
    try:
        return _rename_symbol(paths, old, new, skip_unresolved=skip_unresolved)
    except RecursionError:  # libcst's visitors and transformers recurse once or more per nesting level
        raise InputError("the code nests too deep for libcst's analysis (Python's recursion limit)") from None


def _rename_symbol(paths, old: str, new: str, *, skip_unresolved: bool = False) -> RenameResult:
    if not new.isidentifier() or keyword.iskeyword(new):
        raise RenameError(f"NEW must be a plain identifier (the new name only), got {new!r}")
    modules = load_project(list(paths))
    target = resolve(modules, old)
    if new == target.old:
        raise RenameError(f"{target.fq} is already called {new}")
    if target.kind == "method" and new.startswith("__") and new.endswith("__"):
        raise RenameError(f"{new} is a dunder name (a protocol hook); pick an ordinary name")
    planner = _Planner(modules, target, new, skip_unresolved)
    edits = planner.plan()
    result = RenameResult(target, new, notes=planner.notes)
    for name, info in modules.items():
        e = edits.get(name)
        if not e:
            continue
        text = info.tree.visit(_Apply(e, target.old, new)).code
        if text != info.text:
            result.originals[info.path] = info.text
            result.changes[info.path] = text
            result.counts[info.path] = len(e)
    return result


def _methods(cls: cst.ClassDef) -> dict[str, list[cst.FunctionDef]]:
    out: dict[str, list[cst.FunctionDef]] = {}
    for stmt in cls.body.body:
        if isinstance(stmt, cst.FunctionDef):
            out.setdefault(stmt.name.value, []).append(stmt)
    return out


def resolve(modules: dict[str, ModuleInfo], old: str) -> Target:
    """The one definition OLD names (see the module docstring for the rules)."""
    defs: dict[str, tuple[ModuleInfo, list]] = {}
    for info in modules.values():
        for name, nodes in top_level_defs(info).items():
            if any(isinstance(n, (cst.FunctionDef, cst.ClassDef)) for n in nodes):
                defs[f"{info.name}.{name}"] = (info, nodes)
    closure = alias_closure(modules, set(defs))
    matches: set[tuple[str, str | None]] = set()
    for alias, canon in closure.items():
        if alias == old or alias.endswith("." + old):
            matches.add((canon, None))
        cls_part, _, meth = old.rpartition(".")
        if cls_part and (alias == cls_part or alias.endswith("." + cls_part)):
            for node in defs[canon][1]:
                if isinstance(node, cst.ClassDef) and meth in _methods(node):
                    matches.add((canon, meth))
    if not matches:
        raise RenameError(f"{old}: no top-level function, class or method of a top-level class by that name "
                          "in the given files")
    if len(matches) > 1:
        names = sorted(f"{c}.{m}" if m else c for c, m in matches)
        raise RenameError(f"{old} is ambiguous: it matches {', '.join(names[:4])}"
                          f"{' ...' if len(names) > 4 else ''}; give a longer dotted name")
    canon, method = matches.pop()
    info, nodes = defs[canon]
    name = canon.rpartition(".")[2]
    bad = [n for n in nodes if not isinstance(n, (cst.FunctionDef, cst.ClassDef))]
    kinds = {type(n) for n in nodes}
    if bad or len(kinds) > 1:
        other = bad[0] if bad else nodes[1]
        raise RenameError(f"{canon} is also bound at {info.where(other)} (not only by its def/class): "
                          "ambiguous, rename by hand")
    if method is None:
        return Target("function" if kinds == {cst.FunctionDef} else "class", info, name)
    if method.startswith("__") and method.endswith("__"):
        raise RenameError(f"{canon}.{method} is a dunder method (a protocol hook); it cannot be renamed")
    cls = nodes[0]
    scope = info.get(ScopeProvider, _methods(cls)[method][0])
    for a in scope.assignments[method] if scope is not None else ():
        if not isinstance(a.node, cst.FunctionDef):
            raise RenameError(f"{canon}.{method} is also assigned at {info.where(a.node)}: ambiguous, rename by hand")
    return Target("method", info, name, method)


class _Planner:
    def __init__(self, modules: dict[str, ModuleInfo], target: Target, new: str, skip_unresolved: bool):
        self.modules, self.target, self.new, self.skip = modules, target, new, skip_unresolved
        self.old = target.old
        self.notes: list[str] = []
        self.edits: dict[str, _Edits] = {}

    def plan(self) -> dict[str, _Edits]:
        if self.target.kind == "method":
            self._plan_method()
        else:
            self._plan_global()
        self._note_strings()
        return self.edits

    def _e(self, info: ModuleInfo) -> _Edits:
        return self.edits.setdefault(info.name, _Edits())

    def _nodes(self, info: ModuleInfo, kind):
        return info.nodes(kind)

    # --- functions and classes ---
    def _plan_global(self) -> None:
        names = set(alias_closure(self.modules, {self.target.fq}, follow_as=False))
        for info in self.modules.values():
            binds = f"{info.name}.{self.old}" in names
            if binds:
                for a in info.global_scope().assignments[self.new]:
                    raise RenameError(f"{self.new} already exists at {info.where(a.node)}; pick another name")
            for node in self._nodes(info, cst.Name):
                if node.value == self.old and info.qnames(node) & names:
                    self._add_name(info, node)
                elif binds and node.value == self.old and not info.qnames(node) and self._star_from(info, names):
                    raise RenameError(f"{info.where(node)} uses {self.old} through `from ... import *`: "
                                      "import it by name first")
            for node in self._nodes(info, cst.Attribute):
                if node.attr.value == self.old and info.qnames(node) & names:
                    self._e(info).names.add(id(node.attr))
            for node in import_froms(info):
                if isinstance(node.names, cst.ImportStar):
                    continue
                src = info.import_from_module(node)
                for alias in node.names:
                    if isinstance(alias.name, cst.Name) and f"{src}.{alias.name.value}" in names:
                        self._e(info).names.add(id(alias.name))
                        if alias.asname is not None and getattr(alias.asname.name, "value", None) == self.new:
                            self._e(info).drop_as.add(id(alias))
            if binds:
                self._all_entries(info)
                self._string_annotations(info)

    def _star_from(self, info: ModuleInfo, names: set[str]) -> bool:
        return any(isinstance(n.names, cst.ImportStar) and f"{info.import_from_module(n)}.{self.old}" in names
                   for n in import_froms(info))

    def _add_name(self, info: ModuleInfo, node: cst.Name) -> None:
        scope = info.get(ScopeProvider, node)
        if scope is not None:
            for a in scope[self.new]:
                if isinstance(a, BuiltinAssignment):
                    self._builtin_clash(info)
                else:
                    raise RenameError(f"renaming {info.where(node)} would make it {self.new}, which is already "
                                      f"bound at {info.where(a.node)}; pick another name")
        self._e(info).names.add(id(node))

    def _builtin_clash(self, info: ModuleInfo) -> None:
        for node in self._nodes(info, cst.Name):
            if node.value == self.new and f"builtins.{self.new}" in info.qnames(node):
                raise RenameError(f"{self.new} would shadow the builtin used at {info.where(node)}; pick another name")

    def _all_entries(self, info: ModuleInfo) -> None:
        for stmt in info.tree.body:
            for small in getattr(stmt, "body", []) if isinstance(stmt, cst.SimpleStatementLine) else []:
                targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else (
                    [small.target] if isinstance(small, (cst.AugAssign, cst.AnnAssign)) else [])
                if not any(isinstance(t, cst.Name) and t.value == "__all__" for t in targets):
                    continue
                value = small.value
                for el in getattr(value, "elements", []):
                    if isinstance(el.value, cst.SimpleString) and el.value.evaluated_value == self.old:
                        self._e(info).strings.add(id(el.value))

    def _string_annotations(self, info: ModuleInfo) -> None:
        scopes = {s for s in info.meta[ScopeProvider].values() if s is not None}
        glob = info.global_scope()
        for scope in scopes:
            for acc in scope.accesses:
                if isinstance(acc.node, cst.SimpleString) and any(
                        a.name == self.old and a.scope is glob for a in acc.referents):
                    self._e(info).strings.add(id(acc.node))

    # --- methods ---
    def _plan_method(self) -> None:
        t = self.target
        class_nodes: dict[str, tuple[ModuleInfo, cst.ClassDef]] = {}
        for info in self.modules.values():
            for node in self._nodes(info, cst.ClassDef):
                for q in info.qnames(node.name):
                    class_nodes[q] = (info, node)
        classes = alias_closure(self.modules, set(class_nodes))
        root = f"{t.module.name}.{t.name}"
        family = {root}
        bases: dict[str, set[str]] = {}
        for canon, (info, node) in class_nodes.items():
            bases[canon] = {classes.get(q, q) for b in node.bases for q in info.qnames(b.value)}
        changed = True
        while changed:
            changed = False
            for canon, bs in bases.items():
                if canon not in family and bs & family:
                    family.add(canon)
                    changed = True
        ancestors, todo = set(), [root]
        while todo:
            for b in bases.get(todo.pop(), ()):
                if b in class_nodes and b not in ancestors:
                    ancestors.add(b)
                    todo.append(b)
        for anc in sorted(ancestors):
            if self.old in _methods(class_nodes[anc][1]):
                raise RenameError(f"{t.fq} overrides {anc}.{self.old}: rename {anc}.{self.old} instead")
        infer = Inference(classes, class_nodes)
        for c in sorted(family | ancestors):
            if self.new in _methods(class_nodes[c][1]) or self.new in infer.attr_sources(c):
                raise RenameError(f"{c} already has an attribute {self.new}; pick another name")
        methods = {f"{alias}.{self.old}" for alias, canon in classes.items() if canon in family}
        unresolved: list[str] = []
        for info in self.modules.values():
            for node in self._nodes(info, cst.Name):
                if node.value == self.old and info.qnames(node) & methods:
                    self._e(info).names.add(id(node))
            for node in self._nodes(info, cst.Attribute):
                if node.attr.value != self.old:
                    continue
                verdict = self._receiver(info, node, infer, family, ancestors, root)
                if verdict is True or info.qnames(node) & methods:
                    self._e(info).names.add(id(node.attr))
                elif verdict is None:
                    unresolved.append(info.where(node))
        if unresolved and not self.skip:
            more = f" and {len(unresolved) - 1} more" if len(unresolved) > 1 else ""
            raise RenameError(f"cannot tell whether .{self.old} at {unresolved[0]}{more} is {t.fq} (receiver of "
                              "unknown type); annotate it, or pass --skip-unresolved to leave such uses as they are")
        for u in unresolved:
            self.notes.append(f"{u}: .{self.old} on a receiver of unknown type left as it is")

    def _receiver(self, info, node: cst.Attribute, infer: Inference, family, ancestors, root) -> bool | None:
        """True: a use of the method; False: something else; None: cannot tell."""
        value = node.value
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value == "super":
            cls = self._enclosing_class(info, node)
            if cls is None:
                return None
            canon = next(iter(info.qnames(cls.name)), None)
            return canon in family and canon != root
        types = infer.types(info, value)
        if types is None or types & ancestors:
            return None
        inside = types & family
        if inside and inside != types:
            return None
        return bool(inside)

    def _enclosing_class(self, info: ModuleInfo, node: cst.CSTNode) -> cst.ClassDef | None:
        while node is not None:
            node = info.get(ParentNodeProvider, node)
            if isinstance(node, cst.ClassDef):
                return node
        return None

    def _note_strings(self) -> None:
        for info in self.modules.values():
            chosen = self.edits.get(info.name, _Edits()).strings
            for node in self._nodes(info, cst.SimpleString):
                if id(node) not in chosen and node.evaluated_value == self.old:
                    self.notes.append(f"{info.where(node)}: the string {node.value} is left as it is")


class _Apply(cst.CSTTransformer):
    def __init__(self, edits: _Edits, old: str, new: str):
        self.e, self.old, self.new = edits, old, new
        self.word = re.compile(rf"(?<![\w.]){re.escape(old)}(?!\w)")

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        return updated.with_changes(value=self.new) if id(original) in self.e.names else updated

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.SimpleString:
        if id(original) in self.e.strings:
            return updated.with_changes(value=self.word.sub(self.new, updated.value))
        return updated

    def leave_ImportAlias(self, original: cst.ImportAlias, updated: cst.ImportAlias) -> cst.ImportAlias:
        return updated.with_changes(asname=None) if id(original) in self.e.drop_as else updated

