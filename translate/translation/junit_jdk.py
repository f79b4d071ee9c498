"""The JDK values a JUnit test builds and reads, in Python, for the rule of :mod:`junit_python`.

Only where the Python is certain: the receiver's Java type is known (a local or field declared ``String``,
``List<T>``, ``Set<T>``, ``Map<K, V>`` or one of their JDK classes), or the method exists on one kind of JDK value
only (no-argument ``length()``: a ``CharSequence``; ``size()``: a collection) and no project class defines it.

- Collections: ``new ArrayList<>()`` ``[]``, ``new ArrayList<>(xs)`` ``list(xs)``, ``new HashSet<>(xs)``
  ``set(xs)``, ``new HashMap<>()`` ``{}``; a double-brace initializer (``new HashMap<K, V>() {{ put(k, v); }}``)
  as a literal (``{k: v}``); ``TreeMap``/``TreeSet`` (sorted order) and a capacity argument are refused.
- Methods: a string's ``length``/``charAt``/``isEmpty``/``contains``/``startsWith``/``endsWith``/
  ``substring``/``equals``/``toUpperCase``/``toLowerCase``; a list's ``size``/``get``/``isEmpty``/``contains``/
  ``add`` (as a statement); a set's; a map's ``get``/``getOrDefault``/``containsKey``/``keySet``/``values``/
  ``put`` (as a statement).
- Constants: ``Integer``/``Long``/``Short``/``Byte`` ``MAX_VALUE``/``MIN_VALUE`` and ``Double``'s; integer
  arithmetic of constants that overflows is folded with Java's wrap-around (``Long.MAX_VALUE + 1`` is
  ``Long.MIN_VALUE`` in Java, 2**63 in Python); casts of integers between integer types and to ``double``.
"""
from __future__ import annotations

import re


class Unsupported(Exception):
    """A construct the rule does not translate (the model gets the whole class)."""


def text(node) -> str:
    return node.text.decode("utf-8")


def arguments(node) -> list:
    """The arguments of an argument list, without the comments between them."""
    return [c for c in node.named_children if c.type not in ("line_comment", "block_comment")]


_BITS = {"long": 64, "int": 32, "short": 16, "byte": 8, "char": 16}
CONSTANTS = {
    "Integer.MAX_VALUE": (2**31 - 1, "int"), "Integer.MIN_VALUE": (-2**31, "int"),
    "Long.MAX_VALUE": (2**63 - 1, "long"), "Long.MIN_VALUE": (-2**63, "long"),
    "Short.MAX_VALUE": (2**15 - 1, "int"), "Short.MIN_VALUE": (-2**15, "int"),
    "Byte.MAX_VALUE": (2**7 - 1, "int"), "Byte.MIN_VALUE": (-2**7, "int"),
}
FLOATS = {"Double.MAX_VALUE": "1.7976931348623157e308", "Double.MIN_VALUE": "5e-324",
          "Double.POSITIVE_INFINITY": 'float("inf")', "Double.NEGATIVE_INFINITY": 'float("-inf")',
          "Double.NaN": 'float("nan")'}
_KINDS = {"String": "str", "CharSequence": "str", "List": "list", "ArrayList": "list", "LinkedList": "list",
          "Collection": "list", "Set": "set", "HashSet": "set", "LinkedHashSet": "set", "Map": "map",
          "HashMap": "map", "LinkedHashMap": "map"}
_EMPTY = {"list": "[]", "set": "set()", "map": "{}"}
_COPY = {"list": "list", "set": "set", "map": "dict"}
_INTEGRAL = {"int", "long", "short", "byte", "Integer", "Long", "Short", "Byte"}
_WRAPPING = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}


def kind(declared: str) -> str:
    """``str``/``list``/``set``/``map`` for a Java type written ``declared`` (generics ignored), else ""."""
    return _KINDS.get(re.sub(r"<.*", "", declared).strip(), "")


def named(name: str) -> str | None:
    """The Python of a JDK constant written ``name`` (``Long.MAX_VALUE``), else None."""
    return str(CONSTANTS[name][0]) if name in CONSTANTS else FLOATS.get(name)


def wrap(value: int, bits: int) -> int:
    half = 1 << (bits - 1)
    return (value + half) % (1 << bits) - half


def constant(node, exact: bool = False) -> tuple[int, str] | None:
    """The value and Java type (``int``/``long``) of an integer constant expression, computed as Java does
    (``exact``: in Python's unbounded arithmetic, nothing wrapped)."""
    t = node.type
    fit = (lambda v, bits: v) if exact else wrap
    if t == "decimal_integer_literal":
        raw = text(node).replace("_", "")
        return int(raw.rstrip("lL")), "long" if raw[-1:] in "lL" else "int"
    if t == "field_access" and text(node) in CONSTANTS:
        return CONSTANTS[text(node)]
    if t == "parenthesized_expression":
        return constant(node.named_children[0], exact)
    if t == "unary_expression" and text(node.child_by_field_name("operator")) in "-+":
        inner = constant(node.child_by_field_name("operand"), exact)
        if inner is None:
            return None
        value = -inner[0] if text(node.child_by_field_name("operator")) == "-" else inner[0]
        return fit(value, _BITS[inner[1]]), inner[1]
    if t == "binary_expression" and text(node.child_by_field_name("operator")) in _WRAPPING:
        left = constant(node.child_by_field_name("left"), exact)
        right = constant(node.child_by_field_name("right"), exact)
        if left is None or right is None:
            return None
        typ = "long" if "long" in (left[1], right[1]) else "int"
        return fit(_WRAPPING[text(node.child_by_field_name("operator"))](left[0], right[0]), _BITS[typ]), typ
    if t == "cast_expression" and text(node.child_by_field_name("type")) in _BITS:
        inner = constant(node.child_by_field_name("value"), exact)
        typ = text(node.child_by_field_name("type"))
        return (fit(inner[0], _BITS[typ]), "long" if typ == "long" else "int") if inner is not None else None
    return None


def folded(node) -> str | None:
    """The Python of an integer constant expression whose Java value is not the plain arithmetic's (it wrapped
    around), else None (the expression is written as it is)."""
    if node.type not in ("binary_expression", "unary_expression", "cast_expression"):
        return None
    value, plain = constant(node), constant(node, exact=True)
    return str(value[0]) if value is not None and plain is not None and value[0] != plain[0] else None


def cast(writer, node) -> str:
    """``(long) x``, ``(int) 3``, ``(double) n``: integers between integer types (constants wrapped as Java
    does; a variable only when widened), an integer to ``double``/``float``."""
    to = text(node.child_by_field_name("type"))
    value = node.child_by_field_name("value")
    fixed = constant(node)
    if fixed is not None:
        return str(fixed[0])
    declared = writer.declared(text(value)) if value.type == "identifier" else ""
    if to == "long" and declared in _INTEGRAL:  # widening: the same value
        return writer.expr(value)
    if to in ("double", "float") and (declared in _INTEGRAL or value.type == "decimal_integer_literal"):
        return f"float({writer.expr(value)})"
    raise Unsupported(f"a cast to {to}")


def creation(writer, node) -> str | None:
    """``new ArrayList<>(...)`` and the JDK's other collections (None: not a JDK collection)."""
    typ = kind(text(node.child_by_field_name("type")))
    if typ not in _EMPTY:
        return None
    args = arguments(node.child_by_field_name("arguments"))
    body = next((c for c in node.named_children if c.type == "class_body"), None)
    if body is not None:
        if args:
            raise Unsupported("an anonymous collection built from another")
        return _double_brace(writer, typ, body)
    if not args:
        return _EMPTY[typ]
    if len(args) != 1 or constant(args[0]) is not None \
            or args[0].type == "identifier" and writer.declared(text(args[0])) in _INTEGRAL:
        raise Unsupported("a collection's capacity")  # ``new ArrayList<>(10)`` is empty
    return f"{_COPY[typ]}({writer.expr(args[0])})"


def _double_brace(writer, typ: str, body) -> str:
    """``new HashMap<K, V>() {{ put(k, v); ... }}``: the literal of the entries it puts."""
    members = [m for m in body.named_children if m.type not in ("line_comment", "block_comment")]
    if len(members) != 1 or members[0].type != "block":
        raise Unsupported("an anonymous class")
    items = []
    for stmt in members[0].named_children:
        if stmt.type in ("line_comment", "block_comment"):
            continue
        call = stmt.named_children[0] if stmt.type == "expression_statement" else None
        want = "put" if typ == "map" else "add"
        if call is None or call.type != "method_invocation" or call.child_by_field_name("object") is not None \
                or text(call.child_by_field_name("name")) != want:
            raise Unsupported("an initializer block that does more than fill the collection")
        args = [writer.expr(a) for a in arguments(call.child_by_field_name("arguments"))]
        if len(args) != (2 if typ == "map" else 1):
            raise Unsupported("an initializer block that does more than fill the collection")
        items.append(f"{args[0]}: {args[1]}" if typ == "map" else args[0])
    if not items:
        return _EMPTY[typ]
    open_, close = {"list": "[]", "set": "{}", "map": "{}"}[typ]
    return open_ + ", ".join(items) + close


def type_args(declared: str) -> list[str]:
    """The type arguments of a generic Java type (``Map<String, List<Long>>``: ``String``, ``List<Long>``)."""
    inner = declared[declared.find("<") + 1:declared.rfind(">")] if "<" in declared else ""
    args, depth, start = [], 0, 0
    for i, ch in enumerate(inner):
        depth += {"<": 1, ">": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            args.append(inner[start:i].strip())
            start = i + 1
    return [*args, inner[start:].strip()] if inner.strip() else args


def java_type(writer, node) -> str:
    """The declared Java type of a local, a field, or an element read with ``get`` from one ("" if not known)."""
    if node.type == "identifier":
        return writer.declared(text(node))
    if node.type == "field_access" and node.child_by_field_name("object").type == "this":
        return writer.fields.get(text(node.child_by_field_name("field")), "")
    if node.type == "method_invocation" and text(node.child_by_field_name("name")) == "get" \
            and node.child_by_field_name("object") is not None:
        outer = java_type(writer, node.child_by_field_name("object"))
        args = type_args(outer)
        return args[-1] if kind(outer) in ("list", "map") and len(args) == (1 if kind(outer) == "list" else 2) else ""
    return "String" if node.type == "string_literal" else ""


def receiver_kind(writer, obj) -> str:
    return kind(java_type(writer, obj))


def method(writer, obj, name: str, args: list, statement: bool = False) -> str | None:
    """A JDK method called on ``obj`` in Python (None: ``obj`` is not a JDK value the rule knows)."""
    typ = receiver_kind(writer, obj)
    project = writer.project_methods
    if not typ and not args and project is not None and name not in project and name in ("length", "size"):
        typ = "str" if name == "length" else "list"  # only a CharSequence has length(), a collection size()
    if not typ:
        return None
    x, a = writer.expr(obj), [writer.expr(n) for n in args]
    if obj.type not in ("identifier", "field_access", "method_invocation", "string_literal"):
        x = f"({x})"
    n = len(a)
    if (name == "length" and typ == "str" or name == "size" and typ != "str") and n == 0:
        return f"len({x})"
    if name == "isEmpty" and n == 0:
        return f"(len({x}) == 0)"
    if name == "equals" and n == 1 and typ in ("str", "list"):
        return f"({x} == {a[0]})"
    if name in ("contains", "containsKey") and n == 1 and (typ != "map") == (name == "contains"):
        return f"({a[0]} in {x})"
    if typ == "str":
        simple = {"startsWith": "startswith", "endsWith": "endswith", "toUpperCase": "upper",
                  "toLowerCase": "lower"}
        if name in simple and n == (1 if name.endswith("With") else 0):
            return f"{x}.{simple[name]}({', '.join(a)})"
        if name == "charAt" and n == 1:
            return f"{x}[{a[0]}]"
        if name == "substring" and n in (1, 2):
            return f"{x}[{a[0]}:{a[1] if n == 2 else ''}]"
        return None
    if typ == "list" and name == "get" and n == 1:
        return f"{x}[{a[0]}]"
    if typ in ("list", "set") and name == "add" and n == 1 and statement:
        return f"{x}.{'append' if typ == 'list' else 'add'}({a[0]})"
    if typ == "map":
        if name in ("get", "getOrDefault") and n == (1 if name == "get" else 2):
            return f"{x}.get({', '.join(a)})"
        if name == "keySet" and n == 0:
            return f"{x}.keys()"
        if name == "values" and n == 0:
            return f"list({x}.values())"
        if name == "put" and n == 2 and statement:
            return f"{x}[{a[0]}] = {a[1]}"
    return None
