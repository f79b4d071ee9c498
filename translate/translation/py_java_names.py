"""Names and literals of the Python -> Java rule (:mod:`py_java_rule`): a Python local's Java name (never a Java
keyword nor a class the answer uses, never two Python names as one), string and character literals (Java's
escapes; a character beyond 16 bits refused), and a tuple of one type read as a list."""
from __future__ import annotations

from translate.translation.py_cpp_types import py
from translate.translation.py_js_types import Ty, Unsupported

RESERVED = frozenset((
    "abstract assert boolean break byte case catch char class const continue default do double else enum extends "
    "final finally float for goto if implements import instanceof int interface long native new package private "
    "protected public return short static strictfp super switch synchronized this throw throws transient try void "
    "volatile while var record yield true false null String Math List Map Set Arrays Collections Optional Long "
    "Integer Double Character Boolean Object System Pattern Collectors _").split())


def java_name(name: str, taken: set[str]) -> str:
    out = name
    while out in RESERVED or out in taken:
        out += "_"
    return out


def str_literal(s: str) -> str:
    out = []
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 32 or ord(ch) == 127:
            out.append(f"\\{ord(ch):03o}")
        elif ord(ch) > 0xFFFF:
            raise Unsupported("a character beyond 16 bits (a Java char)")
        elif ord(ch) > 127:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def char_literal(ch: str) -> str:
    return "'" + ("\\'" if ch == "'" else str_literal(ch)[1:-1].replace('\\"', '"')) + "'"


def as_list(t: Ty) -> Ty:
    """A tuple of items of one type as a list of them (how the rule writes one), inside containers too."""
    if t.kind == "tuple" and t.args and len({py(a) for a in t.args}) == 1:
        return Ty("list", (as_list(py(t.args[0])),))
    if t.args and t.kind in ("list", "set", "dict", "opt"):
        return Ty(t.kind, tuple(as_list(a) for a in t.args))
    return t
