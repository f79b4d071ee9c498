"""Java's ``new`` in Python, typed, for the method rule (:mod:`java_rule_exprs`): ``StringBuilder`` and
``String`` from characters, the JDK's collections, the unit's own class, and arrays (``new int[n]``, ``new
int[a][b]`` as a list of lists, initializers)."""
from __future__ import annotations

from translate.translation.java_rule_exprs import Exprs, Unsupported
from translate.translation.java_rule_types import INTEGRAL, ZERO, atomic, base, jtype
from translate.translation.junit_jdk import kind, text

_COPY = {"list": "list", "set": "set", "map": "dict"}


def creation(ex: Exprs, node) -> tuple[str, str]:
    """``new StringBuilder(...)``, ``new String(chars)``, the JDK's collections, the unit's own class."""
    typ = base(jtype(node))
    args = ex.args(node)
    if any(c.type == "class_body" for c in node.named_children):
        raise Unsupported("an anonymous class")
    if typ == "StringBuilder":
        if not args or args[0][1] in INTEGRAL:
            return '""', "StringBuilder"
        return ex.as_string(*args[0]), "StringBuilder"
    if typ == "String" and len(args) == 1 and args[0][1] == "char[]":
        return f'"".join({args[0][0]})', "String"
    full = jtype(node)
    coll = kind(full)
    if coll in ("list", "set", "map") and typ in ("ArrayList", "LinkedList", "HashSet", "LinkedHashSet",
                                                  "HashMap", "LinkedHashMap"):
        empty = {"list": "[]", "set": "set()", "map": "{}"}[coll]
        if not args:
            return empty, full
        if len(args) == 1 and args[0][1] not in INTEGRAL:
            return f"{_COPY[coll]}({args[0][0]})", full
    if typ == ex.members.name and typ not in ex.members.overloaded:
        return f"{typ}({', '.join(a for a, _ in args)})", typ
    raise Unsupported(f"new {typ}")



def array_creation(ex: Exprs, node) -> tuple[str, str]:
    """``new int[n]``, ``new int[a][b]`` (a list of lists), ``new long[]{1, 2}``."""
    typ = jtype(node)
    dims = [c for c in node.named_children if c.type == "dimensions_expr"]
    empty = [c for c in node.named_children if c.type == "dimensions"]
    value = node.child_by_field_name("value")
    depth = len(dims) + sum(text(d).count("[") for d in empty)
    full = typ + "[]" * depth
    if value is not None:
        return ex._array_initializer(value, full)
    sizes = [ex.as_number(*ex.expr(d.named_children[0])) for d in dims]
    inner = ZERO.get(typ, "None") if not empty else "None"
    code = "[]" if sizes[-1] == "0" else f"[{inner}] * {sizes[-1] if atomic(sizes[-1]) else f'({sizes[-1]})'}"
    for size in reversed(sizes[:-1]):
        code = f"[{code} for _ in range({size})]"
    return code, full
