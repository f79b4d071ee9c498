"""Python literal values as typed Java, without the model: a module's tables become static fields.

``PLURALS = [(r"(?i)(quiz)$", r"\1zes"), ...]`` is data whose Java is certain; the 1.5B pack, asked for it,
wrote a class of its own around a flattened ``String[]`` and lost the backreferences. The shapes follow the
project writer's (translate.project.java_types): a list is a mutable ``List<T>`` (``new ArrayList<>(...)``: Python
code may append to it), a pair a ``Map.Entry<A, B>``, a longer tuple an immutable ``List<T>``, a set a
``Set<T>`` and a dict a ``Map<K, V>`` keeping Python's order (``LinkedHashSet``, ``LinkedHashMap``). Elements of
one type keep it (boxed); ints with floats become doubles; anything else mixed is ``Object``. None inside a
collection, bytes and complex numbers have no certain Java here: None is returned and the model translates.
"""
from __future__ import annotations

import ast
import math

from translate.translation.java_literals import java_string_value

_BOXED = {"int": "Integer", "long": "Long", "double": "Double", "boolean": "Boolean"}
_NUMBERS = ("int", "long", "double")


def java_value(value: object, sep: str = ", ") -> tuple[str, str] | None:
    """(Java type, Java expression) of a Python literal value, or None; ``sep`` joins a collection's elements
    (its own, not its elements')."""
    if value is None:
        return "Object", "null"
    if isinstance(value, bool):
        return "boolean", "true" if value else "false"
    if isinstance(value, int):
        if -2**31 <= value < 2**31:
            return "int", str(value)
        return ("long", f"{value}L") if -2**63 <= value < 2**63 else None
    if isinstance(value, float):
        if math.isnan(value):
            return "double", "Double.NaN"
        if math.isinf(value):
            return "double", "Double.POSITIVE_INFINITY" if value > 0 else "Double.NEGATIVE_INFINITY"
        return "double", repr(value)
    if isinstance(value, str):
        return "String", java_string_value(value)
    if isinstance(value, tuple) and len(value) == 2:
        pair = [java_value(v) for v in value]
        if any(p is None or p[1] == "null" for p in pair):
            return None
        (ta, a), (tb, b) = pair  # type: ignore[misc]
        return f"Map.Entry<{_BOXED.get(ta, ta)}, {_BOXED.get(tb, tb)}>", f"Map.entry({a}, {b})"
    if isinstance(value, (set, frozenset)):
        return java_set(sorted(value, key=repr), sep)
    if isinstance(value, (list, tuple)):
        items = _elements(list(value))
        if items is None:
            return None
        one, exprs = items
        joined = _join(exprs, sep)
        if isinstance(value, list):
            return f"List<{one}>", f"new ArrayList<>(List.of({joined}))" if exprs else "new ArrayList<>()"
        return f"List<{one}>", f"List.of({joined})"
    if isinstance(value, dict):
        keys, values = _elements(list(value)), _elements(list(value.values()))
        if keys is None or values is None:
            return None
        entries = _join([f"Map.entry({k}, {v})" for k, v in zip(keys[1], values[1])], sep)
        return (f"Map<{keys[0]}, {values[0]}>",
                f"new LinkedHashMap<>(Map.ofEntries({entries}))" if entries else "new LinkedHashMap<>()")
    return None


def java_set(items: list, sep: str = ", ") -> tuple[str, str] | None:
    """A Python set of ``items`` (in the order given: a set literal's source order) as a mutable Java set."""
    found = _elements(items)
    if found is None:
        return None
    one, exprs = found
    return f"Set<{one}>", f"new LinkedHashSet<>(List.of({_join(exprs, sep)}))" if exprs else "new LinkedHashSet<>()"


def _elements(values: list) -> tuple[str, list[str]] | None:
    """The boxed element type of ``values`` and each one's expression (ints written as doubles among floats)."""
    typed = [java_value(v) for v in values]
    if any(t is None or t[1] == "null" for t in typed):
        return None  # List.of and Map.ofEntries refuse null
    kinds = {t[0] for t in typed if t is not None}
    if kinds and kinds <= set(_NUMBERS) and len(kinds) > 1:
        widest = next(k for k in reversed(_NUMBERS) if k in kinds)
        exprs = [_widened(v, widest) for v in values]
        return _BOXED[widest], exprs
    one = kinds.pop() if len(kinds) == 1 else "Object"
    return _BOXED.get(one, one), [t[1] for t in typed if t is not None]


def _join(exprs: list[str], sep: str) -> str:
    return ("\n        " if "\n" in sep else "") + sep.join(exprs)


def _widened(value: object, kind: str) -> str:
    if kind == "double":
        return repr(float(value)) if isinstance(value, int) else (java_value(value) or ("", ""))[1]
    return f"{value}L"


def java_field(node: ast.expr) -> tuple[str, str] | None:
    """A field's type and value; a long collection one element a line."""
    for sep in (", ", ",\n        "):
        found = java_set([ast.literal_eval(e) for e in node.elts], sep) if isinstance(node, ast.Set) else \
            java_value(ast.literal_eval(node), sep)
        if found is None or len(found[1]) <= 100:
            return found
    return found


def literal_type(source: str) -> str | None:
    """The Java type of a Python literal's source text (a module constant's value), or None."""
    from translate.source import pyast

    try:
        found = java_field(pyast.parse_expression(source).body)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    return found[0] if found is not None and found[1] != "null" else None
