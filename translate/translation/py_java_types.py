"""Python types as Java types, for the Python -> Java rule (:mod:`py_java_rule`).

The Python types come from :mod:`py_js_types` (annotations, literals, each local's assignments, the recorded
arguments), as the Python -> C++ rule reads them. Java needs two texts per type: the one a local or a parameter
has (``long``, ``double``, ``boolean``, ``String``, ``char``) and the boxed one a container holds (``Long``,
``List<Long>``). One function holds one integer width: ``long`` unless the callers' declaration says ``int``
(HumanEval-X's protocol, ``UnitContext.declared``), so every integer expression is of that type and a value goes
into a container boxed as the container's items are (``List<Long>.contains(1)`` would box an ``Integer`` and
never match). A dict is a ``LinkedHashMap`` (Python keeps insertion order), a set a ``HashSet``, a value that
may be None a boxed local that may be ``null``; tuples are not Java values (a tuple returned where the callers
declare a ``List`` is written as one), but a pair read from a module's table is its ``Map.Entry``.
"""
from __future__ import annotations

import re

from translate.translation.py_cpp_types import CHAR, py
from translate.translation.py_js_types import BOOL, FLOAT, INT, STR, Ty, Unsupported, list_of

_PRIM = {"int": "int", "long": "long", "float": "double", "bool": "boolean", "str": "String", "char": "char"}
_BOX = {"int": "Integer", "long": "Long", "double": "Double", "boolean": "Boolean", "char": "Character",
        "String": "String"}
_INTS = {"int", "Integer", "long", "Long", "short", "Short"}
_FLOATS = {"double", "Double", "float", "Float"}


class JWidths:
    """The Java texts of Python's types in one function: ``int_t`` is ``long`` or ``int``."""

    def __init__(self, int_t: str = "long"):
        self.int_t = int_t

    @property
    def suffix(self) -> str:
        return "L" if self.int_t == "long" else ""

    def java(self, t: Ty) -> str:
        """The type of a local, a parameter or a return."""
        k = t.kind
        if k == "int":
            return self.int_t
        if k in _PRIM:
            return _PRIM[k]
        if k == "none":
            return "void"
        if k == "opt" and t.args and t.args[0].kind != "opt":
            return self.boxed(t.args[0])  # null where Python has None
        return self.boxed(t)

    def boxed(self, t: Ty) -> str:
        """The type of a container's item (a generic argument)."""
        k = t.kind
        if k == "int":
            return _BOX[self.int_t]
        if k in _PRIM:
            return _BOX[_PRIM[k]]
        if k == "list" and t.args:
            return f"List<{self.boxed(py(t.args[0]))}>"
        if k == "set" and t.args:
            return f"Set<{self.boxed(py(t.args[0]))}>"
        if k == "dict" and len(t.args) == 2:
            return f"Map<{self.boxed(py(t.args[0]))}, {self.boxed(py(t.args[1]))}>"
        if k == "match":  # the project's re.Match (py_java_re)
            return "re.Match"
        if k == "tuple" and len(t.args) == 2:  # a pair: a module table's rows (java_values writes them so)
            return f"Map.Entry<{self.boxed(py(t.args[0]))}, {self.boxed(py(t.args[1]))}>"
        raise Unsupported(f"a Java type for {t}")

    def new(self, t: Ty, args: str = "") -> str:
        """``new ArrayList<Long>(args)``: a new container of type ``t``."""
        k = t.kind
        cls = {"list": "ArrayList", "set": "HashSet", "dict": "LinkedHashMap"}.get(k)
        if cls is None or not t.args:
            raise Unsupported(f"a new {t}")
        return f"new {cls}<{self.boxed(t)[self.boxed(t).index('<') + 1:-1]}>({args})"

    def zero(self, t: Ty) -> str:
        """The value a local is declared with before Python first binds it."""
        k = t.kind
        return {"int": "0", "float": "0.0", "bool": "false", "char": "'\\0'"}.get(k, "null")


def split_top(text: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in text:
        depth += (ch == "<") - (ch == ">")
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    return [p for p in (*out, cur.strip()) if p]


def of_java(text: str) -> Ty:
    """The Python type a declared Java type holds (``List<Integer>``: a list of ints); ``Optional<T>`` is an
    optional. ``Object`` and what is not listed here raise :class:`Unsupported`."""
    text = re.sub(r"\bjava\.util\.|\bfinal\b", "", text).strip()
    m = re.fullmatch(r"((?:Map\.)?\w+)\s*(?:<(.*)>)?\s*((?:\[\])*)", text)
    if m is None or m.group(3):
        raise Unsupported(f"the declared Java type {text}")
    name, args = m.group(1), split_top(m.group(2) or "")
    if name in _INTS:
        return INT
    if name in _FLOATS:
        return FLOAT
    if name in ("boolean", "Boolean"):
        return BOOL
    if name == "String":
        return STR
    if name in ("char", "Character"):
        return CHAR
    if name == "void":
        return Ty("none")
    if name in ("List", "ArrayList") and len(args) == 1:
        return list_of(py(of_java(args[0])))
    if name in ("Set", "HashSet") and len(args) == 1:
        return Ty("set", (py(of_java(args[0])),))
    if name in ("Map", "HashMap") and len(args) == 2:
        return Ty("dict", (py(of_java(args[0])), py(of_java(args[1]))))
    if name in ("Map.Entry", "Entry") and len(args) == 2:  # a pair
        return Ty("tuple", (py(of_java(args[0])), py(of_java(args[1]))))
    if name == "Optional" and len(args) == 1:
        return Ty("opt", (of_java(args[0]),))
    raise Unsupported(f"the declared Java type {text}")


def widths_of(declared: list[str]) -> JWidths:
    """``long`` where the declaration holds a ``long`` (and no ``Integer`` container: its items would be written
    as ``Long``), else ``int`` where it names an ``int``; ``long`` with no declaration."""
    joined = " ".join(declared)
    has_long = re.search(r"\b(long|Long)\b", joined)
    if has_long and re.search(r"\bInteger\b", joined):
        raise Unsupported("a declaration of both long and Integer")
    if has_long:
        return JWidths("long")
    return JWidths("int" if re.search(r"\b(int|Integer|short|Short)\b", joined) else "long")


def declared_text(t: str) -> str:
    """A declared type as written in the header (without ``java.util.``)."""
    return re.sub(r"\bjava\.util\.", "", " ".join(t.split()))
