"""Which class is the receiver of ``x.method``? A small, conservative inference for method renames.

Known: ``self``/``cls`` (first parameter of a method, not a staticmethod), a parameter or variable
annotated with a class (``x: Stack``, ``Optional[Stack]``, ``"Stack"``), a variable assigned a
constructor call (``x = Stack()``), a literal (``[]``, ``""`` -> a builtin type), and ``self.attr``
when every assignment of ``attr`` in the class is one of those. Anything else is unknown, and the
caller decides (a rename refuses unknown receivers of the name it renames).
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import BuiltinAssignment, ImportAssignment, ParentNodeProvider, ScopeProvider

from translate.codemods.project import ModuleInfo, absolutize

_BUILTIN_TYPES = {"list", "dict", "set", "frozenset", "tuple", "str", "bytes", "bytearray", "int", "float",
                  "complex", "bool", "object"}
_LITERALS = (cst.List, cst.Dict, cst.Set, cst.Tuple, cst.SimpleString, cst.ConcatenatedString,
             cst.FormattedString, cst.Integer, cst.Float, cst.Imaginary, cst.ListComp, cst.DictComp,
             cst.SetComp, cst.GeneratorExp)
LITERAL = "builtins.<literal>"
MODULE = "<module>"
FUNCTION = "<function>"


class Inference:
    """``types(info, expr)``: canonical class names the value of ``expr`` may have, or None (unknown)."""

    def __init__(self, classes: dict[str, str], class_nodes: dict[str, tuple[ModuleInfo, cst.ClassDef]]):
        self.classes = classes  # any name of a project class (aliases too) -> canonical name
        self.class_nodes = class_nodes  # canonical name -> where it is defined
        self._attrs: dict[str, dict[str, list[tuple[ModuleInfo, cst.BaseExpression, bool]]]] = {}

    def types(self, info: ModuleInfo, expr: cst.BaseExpression, depth: int = 0) -> set[str] | None:
        if depth > 4:
            return None
        if isinstance(expr, _LITERALS):
            return {LITERAL}
        if isinstance(expr, cst.Call):
            return self._constructed(info, expr.func)
        if isinstance(expr, cst.Name):
            return self._name(info, expr, depth)
        if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name):
            owners = self._name(info, expr.value, depth)
            if not owners or any(o not in self.class_nodes for o in owners):
                return None
            out: set[str] = set()
            for owner in owners:
                t = self._attr(owner, expr.attr.value, depth)
                if t is None:
                    return None
                out |= t
            return out
        return None

    def _canon(self, names: set[str]) -> set[str] | None:
        out = set()
        for q in names:
            if q in self.classes:
                out.add(self.classes[q])
            elif q.startswith("builtins.") and q[9:] in _BUILTIN_TYPES:
                out.add(q)
            else:
                return None
        return out or None

    def _constructed(self, info: ModuleInfo, func: cst.BaseExpression) -> set[str] | None:
        return self._canon(info.qnames(func))

    def annotation(self, info: ModuleInfo, ann: cst.BaseExpression, scope) -> set[str] | None:
        if isinstance(ann, cst.SimpleString):
            text = ann.evaluated_value
            if not isinstance(text, str) or scope is None:
                return None
            names = set()
            for q in scope.get_qualified_names_for(text.strip()):
                names.add(f"{info.name}.{q.name}" if q.source.name == "LOCAL" else absolutize(q.name, info.package))
            return self._canon(names)
        if isinstance(ann, cst.Subscript) and {q.rpartition(".")[2] for q in info.qnames(ann.value)} == {"Optional"}:
            inner = ann.slice[0].slice if len(ann.slice) == 1 else None
            return self.annotation(info, inner.value, scope) if isinstance(inner, cst.Index) else None
        if isinstance(ann, cst.BinaryOperation) and isinstance(ann.operator, cst.BitOr):
            sides = [s for s in (ann.left, ann.right) if not (isinstance(s, cst.Name) and s.value == "None")]
            out: set[str] = set()
            for s in sides:
                t = self.annotation(info, s, scope)
                if t is None:
                    return None
                out |= t
            return out or None
        return self._canon(info.qnames(ann))

    def _name(self, info: ModuleInfo, node: cst.Name, depth: int) -> set[str] | None:
        scope = info.get(ScopeProvider, node)
        if scope is None:
            return None
        assigns = scope[node.value]
        if not assigns:
            return None
        out: set[str] = set()
        for a in assigns:
            if isinstance(a, BuiltinAssignment):
                return None
            if isinstance(a, ImportAssignment):
                t = self._canon(info.qnames(node)) if info.qnames(node) else None
                out |= t if t is not None else {MODULE}
                continue
            t = self._binding(info, a.node, depth)
            if t is None:
                return None
            out |= t
        return out

    def _binding(self, info: ModuleInfo, node: cst.CSTNode, depth: int) -> set[str] | None:
        if isinstance(node, cst.Param):
            return self._param(info, node)
        if isinstance(node, cst.ClassDef):
            return self._canon(info.qnames(node.name))
        if isinstance(node, cst.FunctionDef):
            return {FUNCTION}
        if isinstance(node, cst.Name):
            parent = info.get(ParentNodeProvider, node)
            if isinstance(parent, cst.AssignTarget):
                assign = info.get(ParentNodeProvider, parent)
                return self.types(info, assign.value, depth + 1) if isinstance(assign, cst.Assign) else None
            if isinstance(parent, cst.AnnAssign):
                return self.annotation(info, parent.annotation.annotation, info.get(ScopeProvider, parent))
        return None

    def _param(self, info: ModuleInfo, param: cst.Param) -> set[str] | None:
        params = info.get(ParentNodeProvider, param)
        func = info.get(ParentNodeProvider, params)
        if not isinstance(func, cst.FunctionDef):
            return None  # a lambda
        if param.annotation is not None:
            return self.annotation(info, param.annotation.annotation, info.get(ScopeProvider, func))
        first = [*params.posonly_params, *params.params][:1]
        block = info.get(ParentNodeProvider, func)
        cls = info.get(ParentNodeProvider, block) if isinstance(block, cst.IndentedBlock) else None
        if not first or first[0] is not param or not isinstance(cls, cst.ClassDef):
            return None
        decorators = {getattr(d.decorator, "value", None) for d in func.decorators}
        if "staticmethod" in decorators:
            return None
        return self._canon(info.qnames(cls.name))

    def _attr(self, owner: str, attr: str, depth: int) -> set[str] | None:
        sources = self.attr_sources(owner).get(attr)
        if not sources:
            return None
        out: set[str] = set()
        for info, expr, is_annotation in sources:
            t = (self.annotation(info, expr, info.get(ScopeProvider, expr)) if is_annotation
                 else self.types(info, expr, depth + 1))
            if t is None:
                return None
            out |= t
        return out

    def attr_sources(self, owner: str) -> dict[str, list[tuple[ModuleInfo, cst.BaseExpression, bool]]]:
        """attr -> every expression assigned to ``self.attr`` (or ``attr`` in the class body)."""
        if owner in self._attrs:
            return self._attrs[owner]
        info, cls = self.class_nodes[owner]
        found: dict[str, list] = {}
        for stmt in cls.body.body:
            for small in getattr(stmt, "body", []) if isinstance(stmt, cst.SimpleStatementLine) else []:
                if isinstance(small, cst.Assign):
                    for t in small.targets:
                        if isinstance(t.target, cst.Name):
                            found.setdefault(t.target.value, []).append((info, small.value, False))
                elif isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                    found.setdefault(small.target.value, []).append((info, small.annotation.annotation, True))
            if isinstance(stmt, cst.FunctionDef):
                params = [*stmt.params.posonly_params, *stmt.params.params]
                if params:
                    _SelfAssigns(params[0].name.value, info, found).visit_tree(stmt.body)
        self._attrs[owner] = found
        return found


class _SelfAssigns(cst.CSTVisitor):
    def __init__(self, me: str, info: ModuleInfo, found: dict):
        self.me, self.info, self.found = me, info, found

    def visit_tree(self, node: cst.CSTNode) -> None:
        node.visit(self)

    def _target(self, target: cst.BaseExpression) -> str | None:
        if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == self.me:
            return target.attr.value
        return None

    def visit_Assign(self, node: cst.Assign) -> None:
        for t in node.targets:
            name = self._target(t.target)
            if name:
                self.found.setdefault(name, []).append((self.info, node.value, False))
            elif isinstance(t.target, (cst.Tuple, cst.List)):
                for el in t.target.elements:
                    name = self._target(el.value)
                    if name:  # unpacking: the value of each part is not known
                        self.found.setdefault(name, []).append((self.info, cst.Name("__unknown__"), False))

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        name = self._target(node.target)
        if name:
            self.found.setdefault(name, []).append((self.info, node.annotation.annotation, True))

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        pass  # x += ... keeps the type x already had
