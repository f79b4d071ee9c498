"""Java ``char`` arithmetic in a Python answer translated from Java, as ``ord(...)``.

sqids' ``shuffle`` computes ``int r = (i * j + chars[i] + chars[j]) % charLength`` over a ``char[]``: Java adds the
characters' codes. The 1.5B's answer, ``r = (i * j + chars[i] + chars[j]) % char_length`` over a ``list`` of
one-character strings, fails at the first call (``int + str``), and every one of sqids' 28 tests with it. The Java
types say where a character is used as a number, so the rewrite is certain where the answer keeps the source's
expression:

- the source's ``char`` operands are its ``char`` variables and parameters, the elements of its ``char[]`` arrays,
  ``s.charAt(i)`` and ``'a'`` literals (types from the unit and its class: fields, locals, parameters, for-each);
- they are used as numbers in ``-``, ``*``, ``/``, ``%``, in ``+`` where the other side is a number too (never a
  ``String`` concatenation) or compared with a number (``c > 47``);
- the same operands in the answer (``chars[i]``, ``s[i]``, ``c``, ``'a'``; any naming style) directly under the
  corresponding Python operator become ``ord(...)``; a ``+`` with a string on its other side is left alone, and so is
  a name the answer already turns into numbers (``[ord(c) for c in s]``, ``.encode()``, ``bytearray``).
"""
from __future__ import annotations

import re

from translate.source.languages import Language, get_language
from translate.source.validate import node_text, normalize_name, walk
from translate.translation.assemble import splice

_NUMBERS = {"int", "long", "short", "byte", "double", "float", "Integer", "Long", "Short", "Byte", "Double", "Float"}
_ARITH = {"-", "*", "/", "%"}
_COMPARE = {"<", ">", "<=", ">="}
_NUMERIC_CALLS = {"length", "size", "indexOf", "lastIndexOf", "compareTo", "hashCode", "intValue", "longValue"}
_PY_ARITH = {"+", "-", "*", "/", "//", "%", "<", ">", "<=", ">="}
_CONVERTS = re.compile(r"\bord\s*\(|\.encode\s*\(|\bbytearray\b|\bbytes\s*\(")


def _type_kind(node) -> str | None:
    text = node_text(node)
    if node.type == "array_type":
        return "char[]" if text.replace(" ", "") == "char[]" else "array"
    if text == "char" or text == "Character":
        return "char"
    if text in _NUMBERS:
        return "num"
    return "str" if text == "String" else "other"


def _types(*javas: str) -> dict[str, str]:
    """Declared names (normalized, ``this.`` dropped) -> ``char``, ``char[]``, ``num``, ``str`` or ``other``;
    ``mixed`` where one name is declared with two kinds."""
    lang, out = get_language("java"), {}
    for java in javas:
        root = lang.parse(java.encode("utf-8")).root_node
        for n in walk(root):
            typ = n.child_by_field_name("type")
            if typ is None or n.type not in ("local_variable_declaration", "field_declaration", "formal_parameter",
                                             "enhanced_for_statement", "spread_parameter"):
                continue
            kind = _type_kind(typ)
            names = [n.child_by_field_name("name")] if n.type in ("formal_parameter", "enhanced_for_statement") \
                else [d.child_by_field_name("name") for d in n.named_children if d.type == "variable_declarator"]
            for name in filter(None, names):
                key = normalize_name(node_text(name))
                out[key] = kind if out.get(key, kind) == kind else "mixed"
    return out


def _unwrap(node):
    while node is not None and node.type == "parenthesized_expression" and node.named_child_count == 1:
        node = node.named_children[0]
    return node


def _flat(text: str) -> str:
    text = re.sub(r"\((?:int|long|char)\)", "", text)
    text = re.sub(r"\.get\((\w+)\)", r"[\1]", text)  # ``numbers.get(i)``: ``numbers[i]``
    return normalize_name(re.sub(r"[\s()]|\b(?:this|self)\.", "", text))


def _java_key(node, types: dict[str, str]) -> tuple[str, ...] | None:
    """The Python spelling's key of a Java ``char`` operand; None for any other operand."""
    node = _unwrap(node)
    if node is None:
        return None
    if node.type == "character_literal":
        ch = node_text(node)[1:-1]
        return ("lit", ch) if len(ch) == 1 else None
    if node.type in ("identifier", "field_access"):
        return ("name", _flat(node_text(node))) if types.get(_flat(node_text(node))) == "char" else None
    if node.type == "array_access":
        base = node.child_by_field_name("array")
        if types.get(_flat(node_text(base))) == "char[]":
            return ("index", _flat(node_text(base)), _flat(node_text(node.child_by_field_name("index"))))
    if node.type == "method_invocation" and node_text(node.child_by_field_name("name")) == "charAt":
        obj, args = node.child_by_field_name("object"), node.child_by_field_name("arguments").named_children
        if obj is not None and len(args) == 1:
            return ("index", _flat(node_text(obj)), _flat(node_text(args[0])))
    return None


def _kind(node, types: dict[str, str]) -> str | None:
    """``char``, ``num`` or ``str`` where the Java expression's type is certain, else None."""
    node = _unwrap(node)
    if node is None:
        return None
    if _java_key(node, types) is not None:
        return "char"
    t = node.type
    if t in ("decimal_integer_literal", "hex_integer_literal", "decimal_floating_point_literal"):
        return "num"
    if t == "string_literal":
        return "str"
    if t in ("identifier", "field_access"):
        kind = types.get(_flat(node_text(node)))
        if kind in ("num", "str"):
            return kind
        return "num" if t == "field_access" and node_text(node).endswith(".length") else None
    if t == "method_invocation":
        name = node_text(node.child_by_field_name("name"))
        obj = node.child_by_field_name("object")
        return "num" if name in _NUMERIC_CALLS or (obj is not None and node_text(obj) == "Math") else None
    if t == "cast_expression":
        return {"char": "char"}.get(node_text(node.child_by_field_name("type")),
                                    "num" if node_text(node.child_by_field_name("type")) in _NUMBERS else None)
    if t == "unary_expression":
        return "num" if _kind(node.child_by_field_name("operand"), types) in ("num", "char") else None
    if t == "binary_expression":
        op = node_text(node.child_by_field_name("operator"))
        left, right = _kind(node.child_by_field_name("left"), types), _kind(node.child_by_field_name("right"), types)
        if op == "+":
            return "str" if "str" in (left, right) else "num" if {left, right} <= {"num", "char"} else None
        return "num" if op in _ARITH else None
    return None


def numeric_chars(java: str, outline: str = "") -> tuple[set[tuple[str, ...]], set[tuple[str, ...]], set[tuple[str, ...]]]:
    """The keys of the Java ``char`` operands used as numbers, of those also concatenated to strings, and of all."""
    types = _types(java, outline)
    root = get_language("java").parse(java.encode("utf-8")).root_node
    numeric, joined = set(), set()
    every = {key for n in walk(root) for key in [_java_key(n, types)] if key is not None}
    for n in walk(root):
        if n.type == "binary_expression":
            op = node_text(n.child_by_field_name("operator"))
            sides = [n.child_by_field_name("left"), n.child_by_field_name("right")]
            kinds = [_kind(s, types) for s in sides]
            keys = [_java_key(s, types) for s in sides]
            for i, key in enumerate(keys):
                if key is None:
                    continue
                other = kinds[1 - i]
                if op in _ARITH or (op == "+" and other in ("num", "char")) or (op in _COMPARE and other == "num"):
                    numeric.add(key)
                elif op == "+" and other == "str":
                    joined.add(key)
    return numeric, joined, every


def _py_key(node) -> tuple[str, ...] | None:
    node = _unwrap(node)
    if node is None:
        return None
    if node.type == "string":
        body = node_text(node)
        return ("lit", body[1:-1]) if len(body) == 3 and body[0] == body[-1] and body[0] in "'\"" else None
    if node.type in ("identifier", "attribute"):
        return ("name", _flat(node_text(node)))
    if node.type == "subscript":
        idx = node.child_by_field_name("subscript")
        if idx is not None and idx.type != "slice":
            return ("index", _flat(node_text(node.child_by_field_name("value"))), _flat(node_text(idx)))
    return None


def _converted(code: str) -> set[str]:
    """Names (flattened) the answer assigns from something that makes numbers of characters."""
    return {_flat(m.group(1)) for m in re.finditer(r"^\s*([\w.]+)\s*(?::[^=\n]+)?=(?!=)([^\n]*)", code, re.M)
            if _CONVERTS.search(m.group(2))}


def ord_chars(code: str, target: Language, java: str, outline: str = "") -> tuple[str, bool]:
    """``code`` (Python, from the Java ``java``) with the source's numeric uses of characters as ``ord(...)``."""
    if target.name != "python" or not re.search(r"\bchar\b|charAt|'", java):
        return code, False
    numeric, joined, every = numeric_chars(java, outline)
    if not numeric:
        return code, False
    root = target.parse(code.encode("utf-8")).root_node
    if root.has_error:
        return code, False
    converted = _converted(code)
    edits: list[tuple[int, int, str]] = []
    for n in walk(root):
        if n.type not in ("binary_operator", "comparison_operator") or n.named_child_count != 2:
            continue
        op = node_text(n.child_by_field_name("operator")) if n.type == "binary_operator" else \
            node_text(n.children[1])
        if op not in _PY_ARITH:
            continue
        sides = [_unwrap(s) for s in n.named_children]
        for i, side in enumerate(sides):
            key, other = _py_key(side), sides[1 - i]
            if key is None or key not in numeric or key[1] in converted or \
                    any(a <= side.start_byte < z for a, z, _ in edits):
                continue
            if _py_key(other) in every - numeric or other.type in ("string", "concatenated_string") \
                    and _py_key(other) not in numeric:
                continue  # ``c < 'z'``, ``c < d``: characters compared, or joined, as the Java does elsewhere
            if op == "+" and (key in joined or (other.type == "call" and node_text(other).startswith("str("))):
                continue
            edits.append((side.start_byte, side.end_byte, f"ord({node_text(side)})"))
    return (splice(code, edits), True) if edits else (code, False)
