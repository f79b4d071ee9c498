"""Java types and names for the method rule (:mod:`java_rule_classes`): the type sets, Python names for Java
names, the class's members as the rule knows them, and whether Python reads a piece of code as one term."""
from __future__ import annotations

import keyword
import re

from translate.translation.junit_jdk import kind, text, type_args
from translate.translation.naming import convert_case

INTEGRAL = {"int", "long", "short", "byte", "Integer", "Long", "Short", "Byte"}
FLOATING = {"double", "float", "Double", "Float"}
NUMERIC = INTEGRAL | FLOATING
CHAR = {"char", "Character"}
BOOLEAN = {"boolean", "Boolean"}
IND = "    "  # one level of the written Python's indentation
ZERO = {"int": "0", "long": "0", "short": "0", "byte": "0", "double": "0.0", "float": "0.0", "boolean": "False",
        "char": '"\\0"'}
# names the writer's own Python uses: a Java local or parameter of one of these names gets a trailing "_"
_TAKEN = {"self", "len", "str", "ord", "chr", "int", "float", "list", "range", "min", "max", "abs", "math", "set",
          "dict", "sorted", "reversed", "print", "None", "True", "False", "type", "object", "id", "sum", "any", "all"}

def py_name(name: str) -> str:
    """The Python name of a Java local, parameter, field or method: snake case, clear of keywords and of the
    names the rule's own Python calls."""
    out = name if name.isupper() else convert_case(name, "snake")
    return out + "_" if keyword.iskeyword(out) or out in _TAKEN else out


def py_member(name: str) -> str:
    """The Python name of a Java field or method (a class attribute: only keywords are in the way)."""
    out = name if name.isupper() else convert_case(name, "snake")
    return out + "_" if keyword.iskeyword(out) else out


def jtype(node, typ=None) -> str:
    """The Java type a declaration node names (its ``type`` field, or ``typ``), without package qualifiers
    (``java.util.HashMap<Character, Integer>`` -> ``HashMap<Character, Integer>``) or spaces before ``[]``."""
    written = text(typ if typ is not None else node.child_by_field_name("type"))
    return re.sub(r"\s+(?=\[)", "", re.sub(r"\b(?:[a-z]\w*\.)+(?=[A-Z])", "", written))


def base(typ: str) -> str:
    """``Map<K, V>`` -> ``Map``; ``final int`` -> ``int``."""
    return re.sub(r"<.*", "", typ).replace("final ", "").strip()


def element(typ: str) -> str:
    """The element type of an array or list type (``int[][]`` -> ``int[]``; ``List<Long>`` -> ``Long``), else ""."""
    if typ.endswith("[]"):
        return typ[:-2]
    args = type_args(typ)
    return args[0] if kind(typ) in ("list", "set") and len(args) == 1 else ""


def numeric(typ: str) -> bool:
    return typ in NUMERIC or typ in CHAR


def wider(a: str, b: str) -> str:
    if a in FLOATING or b in FLOATING:
        return "double"
    return "long" if "long" in (a, b) or "Long" in (a, b) else "int"


def wrap(code: str) -> str:
    """``code`` in parentheses unless Python reads it as one term (:func:`atomic`)."""
    return code if atomic(code) else f"({code})"


def atomic(code: str) -> bool:
    """Whether Python reads ``code`` as one term: no space outside brackets and quotes, no leading sign."""
    if code.startswith(("-", "~", "+")):
        return False
    depth, quote, escaped = 0, "", False
    for ch in code:
        if quote:
            escaped, quote = (not escaped and ch == "\\"), ("" if ch == quote and not escaped else quote)
            continue
        if ch in "\"'":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == " " and depth == 0:
            return False
    return True


class Members:
    """What the rule knows of the unit's class: its name, fields (name -> (type, static)) and methods
    (name -> (return type, static, parameter types, varargs)); a name declared twice is not callable."""

    def __init__(self, name: str, fields: dict[str, tuple[str, bool]],
                 methods: dict[str, tuple[str, bool, list[str], bool]], overloaded: set[str]):
        self.name, self.fields, self.methods, self.overloaded = name, fields, methods, overloaded
        self.least: dict[str, int] = {}  # the fewest arguments a call of a method (or constructor) passes
        self.merged: dict[str, tuple] = {}  # overloads written as one declaration with defaults (java_rule_classes)
