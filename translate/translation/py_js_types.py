"""Python static types as far as the Python -> JavaScript rule needs them (:mod:`py_js_rule`).

JavaScript's operators differ from Python's by the operands' types: ``+`` adds numbers but concatenates arrays
as strings, ``==`` on arrays compares identity, an empty array is true, ``%`` keeps the dividend's sign. So every
expression the rule writes has a type, read from the annotations (``List[int]``, ``str``), literals, the
builtins' and methods' results and each local's assignments; where a construct's JavaScript depends on a type
that is not known, the rule raises :class:`Unsupported` and the unit is the model's alone.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

from translate.source import pyast


class Unsupported(Exception):
    """A construct the rule does not write (the model translates the unit)."""


@dataclass(frozen=True)
class Ty:
    kind: str  # int float str bool none list tuple dict set func any
    args: tuple[Ty, ...] = ()

    def __str__(self) -> str:
        return self.kind + (f"[{', '.join(map(str, self.args))}]" if self.args else "")


ANY, INT, FLOAT, STR, BOOL, NONE, FUNC = (Ty(k) for k in ("any", "int", "float", "str", "bool", "none", "func"))
NUMBERS = ("int", "float", "bool")
PRIMITIVES = ("int", "float", "bool", "str", "none")
SEQUENCES = ("list", "tuple")  # JavaScript arrays
SIZED = ("dict", "set")  # JavaScript Map and Set: ``size``, ``has``


def list_of(t: Ty) -> Ty:
    return Ty("list", (t,))


def is_num(t: Ty) -> bool:
    return t.kind in NUMBERS


def elem(t: Ty) -> Ty:
    """What iterating ``t`` gives."""
    if t.kind == "str":
        return STR
    if t.kind in ("list", "set", "dict") and t.args:
        return t.args[0]
    if t.kind == "tuple" and t.args:
        return join_all(t.args)
    return ANY


def join(a: Ty, b: Ty) -> Ty:
    """The type of a name assigned both: numbers widen, an empty list's element type is the other's."""
    if a == b:
        return a
    if a.kind == "any":
        return b if b.kind != "any" else a
    if b.kind == "any":
        return a
    if is_num(a) and is_num(b):
        return FLOAT if "float" in (a.kind, b.kind) else INT
    if a.kind == "none" or b.kind == "none":
        return Ty("opt", (b if a.kind == "none" else a,))
    if a.kind == b.kind and a.kind in ("list", "set", "dict", "tuple"):
        if not a.args or not b.args:
            return a if a.args else b
        if a.kind == "tuple" and len(a.args) != len(b.args):
            return Ty("tuple")
        return Ty(a.kind, tuple(join(x, y) for x, y in zip(a.args, b.args, strict=True)))
    if {a.kind, b.kind} == {"list", "tuple"}:
        return list_of(join(elem(a), elem(b)))
    return Ty("mixed")


def join_all(types) -> Ty:
    out = ANY
    for t in types:
        out = join(out, t)
    return out


_NAMES = {"int": INT, "float": FLOAT, "str": STR, "bool": BOOL, "None": NONE, "complex": Ty("mixed")}
_GENERIC = {"List": "list", "list": "list", "Tuple": "tuple", "tuple": "tuple", "Dict": "dict", "dict": "dict",
            "Set": "set", "set": "set", "Sequence": "list", "Iterable": "list", "FrozenSet": "set"}


def from_annotation(node: ast.expr | None) -> Ty:
    """``List[int]`` -> list[int]; anything not understood is ``any`` (the rule then reads the body)."""
    if node is None:
        return ANY
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            return from_annotation(pyast.parse_expression(node.value).body)
        except SyntaxError:
            return ANY
    if isinstance(node, ast.Constant) and node.value is None:
        return NONE
    if isinstance(node, ast.Name):
        if node.id in _NAMES:
            return _NAMES[node.id]
        return Ty(_GENERIC[node.id]) if node.id in _GENERIC else ANY
    if isinstance(node, ast.Attribute):  # typing.List
        return from_annotation(ast.Name(node.attr))
    if isinstance(node, ast.Subscript):
        head = node.value.attr if isinstance(node.value, ast.Attribute) else getattr(node.value, "id", "")
        args = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if head == "Optional":
            return Ty("opt", (from_annotation(args[0]),))
        if head == "Union":
            return join_all(from_annotation(a) for a in args)
        if head in _GENERIC:
            kind = _GENERIC[head]
            if kind == "tuple" and len(args) == 2 and isinstance(args[1], ast.Constant) and args[1].value is ...:
                return list_of(from_annotation(args[0]))  # Tuple[int, ...]: an array of ints
            return Ty(kind, tuple(from_annotation(a) for a in args))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):  # int | None
        return join(from_annotation(node.left), from_annotation(node.right))
    return ANY


def constant(value) -> Ty:
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int):
        return INT
    if isinstance(value, float):
        return FLOAT
    if isinstance(value, str):
        return STR
    if value is None:
        return NONE
    raise Unsupported(f"a {type(value).__name__} constant")


def known(t: Ty, what: str) -> Ty:
    """``t`` when the rule can write with it, else :class:`Unsupported` naming ``what`` needed it."""
    if t.kind in ("any", "mixed", "opt"):
        raise Unsupported(f"{what}: the type is not known ({t})")
    return t


def of_value(v) -> Ty:
    """The type of a recorded Python value (an argument the source was run with)."""
    if isinstance(v, (bool, int, float, str)) or v is None:
        return constant(v)
    if isinstance(v, list):
        return list_of(join_all(of_value(x) for x in v))
    if isinstance(v, tuple):
        return Ty("tuple", tuple(of_value(x) for x in v))
    if isinstance(v, dict):
        return Ty("dict", (join_all(of_value(k) for k in v), join_all(of_value(x) for x in v.values())))
    return Ty("mixed")


def refine(declared: Ty, observed: Ty) -> Ty:
    """A parameter's type: its annotation, completed by what it was observed to be (``list`` -> ``list[int]``)."""
    if observed.kind in ("any", "mixed"):
        return declared
    if declared.kind == "any" or declared.kind == observed.kind and not declared.args:
        return observed
    if declared.kind == "float" and observed.kind == "int":
        return declared
    return declared
