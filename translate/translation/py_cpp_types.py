"""Python types as C++ types, for the Python -> C++ rule (:mod:`py_cpp_rule`).

The Python types come from :mod:`py_js_types` (annotations, literals, each local's assignments, the recorded
arguments). C++ needs one text per type: ``list[int]`` is ``std::vector<long long>``, ``str`` ``std::string``, a
dict ``std::map`` (its keys' order is not Python's insertion order, so the rule never iterates one), a set
``std::set``, a tuple ``std::tuple``. A character of a string (``s[i]``, ``for c in s``) is a ``char`` where
C++ allows, a Python ``str`` of length one everywhere else (:data:`CHAR`).

Where the callers fix the target declaration (HumanEval-X's protocol, ``UnitContext.declared``), the header is
written as declared, and the integer and floating types of its containers (``vector<int>``, ``vector<float>``)
are the ones every local of the same Python type gets, so a ``vector`` built in the body is the one returned.
"""
from __future__ import annotations

from translate.oracle.cpp_types import CType, Unrepresentable, parse_type
from translate.oracle.cpp_types import split_top as _split_top
from translate.translation.py_js_types import ANY, BOOL, FLOAT, INT, STR, Ty, Unsupported, list_of

CHAR = Ty("char")
_INTS = {"int", "long", "long long", "short", "int64_t", "int32_t", "size_t", "long int", "long long int"}
_FLOATS = {"float", "double", "long double"}


class Widths:
    """The C++ texts of Python's ``int`` and ``float`` in one function."""

    def __init__(self, int_t: str = "long long", float_t: str = "double"):
        self.int_t = int_t
        self.float_t = float_t

    def cpp(self, t: Ty) -> str:
        k = t.kind
        if k == "int":
            return self.int_t
        if k == "float":
            return self.float_t
        if k == "bool":
            return "bool"
        if k == "str":
            return "std::string"
        if k == "char":
            return "char"
        if k == "none":
            return "void"
        if k == "list" and t.args:
            return f"std::vector<{self.cpp(py(t.args[0]))}>"
        if k == "set" and t.args:
            return f"std::set<{self.cpp(py(t.args[0]))}>"
        if k == "dict" and len(t.args) == 2:
            return f"std::map<{self.cpp(py(t.args[0]))}, {self.cpp(py(t.args[1]))}>"
        if k == "tuple" and t.args:
            return f"std::tuple<{', '.join(self.cpp(py(a)) for a in t.args)}>"
        if k == "opt" and t.args and t.args[0].kind != "opt":
            return f"std::optional<{self.cpp(t.args[0])}>"
        raise Unsupported(f"a C++ type for {t}")


def py(t: Ty) -> Ty:
    """A character is a Python ``str``."""
    return STR if t.kind == "char" else t


def of_ctype(ct: CType) -> Ty:
    """The Python type a declared C++ type holds."""
    name, args = ct
    if name in _INTS or name.startswith(("unsigned", "uint")):
        return INT
    if name in _FLOATS:
        return FLOAT
    if name == "bool":
        return BOOL
    if name == "string":
        return STR
    if name == "char":
        return CHAR
    if name in ("vector", "deque", "list") and args:
        return list_of(py(of_ctype(args[0])))
    if name in ("map", "unordered_map") and len(args) == 2:
        return Ty("dict", (py(of_ctype(args[0])), py(of_ctype(args[1]))))
    if name in ("tuple", "pair"):
        return Ty("tuple", tuple(py(of_ctype(a)) for a in args))
    if name == "optional" and args:
        return Ty("opt", (of_ctype(args[0]),))
    if name == "void":
        return Ty("none")
    return ANY


def ctype(text: str) -> CType:
    try:
        return parse_type(text)
    except Unrepresentable as exc:
        raise Unsupported(f"the declared type {text.strip()}: {exc}") from exc


def widths_of(declared: list[CType]) -> Widths:
    """The integer and floating types the declaration's containers hold (``vector<int>``: ``int``), else the ones
    that hold Python's values (``long long``, ``double``); integer scalars convert either way, a declared ``float``
    scalar makes the function's floats ``float`` (its constants compare with its values as Python's do)."""
    found: dict[str, list[str]] = {"int": [], "float": [], "scalar": []}

    def walk(ct: CType, inside: bool) -> None:
        name, args = ct
        if inside and name in _INTS:
            found["int"].append(name)
        if name in _FLOATS:  # a declared float scalar too: Python's constants are compared with its values
            found["float" if inside else "scalar"].append(name)
        for a in args:
            walk(a, True)

    for ct in declared:
        walk(ct, False)
    for kind in ("int", "float"):
        if len(set(found[kind])) > 1:
            raise Unsupported(f"the declaration's containers hold {' and '.join(sorted(set(found[kind])))}")
    return Widths(found["int"][0] if found["int"] else "long long",
                  found["float"][0] if found["float"] else found["scalar"][0] if found["scalar"] else "double")


def split_params(text: str) -> list[str]:
    return _split_top(text)
