"""C++ types as the oracle reads them: a parameter's type text into a small tree, and Python values as C++
expressions of that type.

``const vector<int>&`` reads as ``("vector", (("int", ()),))``; ``std::`` and ``const``/``&`` do not matter;
``typedef long long ll;`` and ``using ll = long long;`` in the candidate are followed. Integers: ``short``,
``int``, ``long``/``long long``/``int64_t``, the unsigned ones, ``size_t``; floating: ``double``, ``float``;
``bool``, ``char``, ``std::string``; containers: ``vector``/``deque``/``list``, ``map``/``unordered_map``,
``pair``, ``tuple``, ``optional``. A pointer, a template function or a class of the candidate's own has no
literal here (:class:`Unrepresentable`).
"""
from __future__ import annotations

import math
import re
from typing import Any

CType = tuple[str, tuple]  # (name, type arguments)
_INT_BITS = {"short": 16, "short int": 16, "int": 32, "signed": 32, "signed int": 32, "long": 64, "long int": 64,
             "long long": 64, "long long int": 64, "int8_t": 8, "int16_t": 16, "int32_t": 32, "int64_t": 64,
             "ssize_t": 64, "ptrdiff_t": 64, "intmax_t": 64}
_UINT_BITS = {"unsigned": 32, "unsigned int": 32, "unsigned short": 16, "unsigned long": 64, "unsigned long long": 64,
              "size_t": 64, "uint8_t": 8, "uint16_t": 16, "uint32_t": 32, "uint64_t": 64, "unsigned char": 8}
_FLOATS = {"double", "float", "long double"}
_SEQ = {"vector", "deque", "list"}
_MAPS = {"map", "unordered_map"}
_STRINGS = {"string", "basic_string<char>"}


class Unrepresentable(ValueError):
    pass


def split_top(text: str, sep: str = ",") -> list[str]:
    """Split at ``sep`` outside ``<>``, ``()``, ``[]``, ``{}``."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += (ch in "<([{") - (ch in ">)]}")
        if ch == sep and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    return [p for p in [*parts, cur.strip()] if p]


def aliases(code: str) -> dict[str, str]:
    """``typedef long long ll;``, ``using ll = long long;``, ``#define ll long long`` -> {"ll": "long long"}."""
    out = {}
    for m in re.finditer(r"\btypedef\s+([^;{}()]+?)\s+(\w+)\s*;", code):
        out[m.group(2)] = m.group(1)
    for m in re.finditer(r"\busing\s+(\w+)\s*=\s*([^;{}()]+?)\s*;", code):
        out[m.group(1)] = m.group(2)
    for m in re.finditer(r"^\s*#\s*define\s+(\w+)\s+([\w:<>, ]+?)\s*$", code, re.MULTILINE):
        out[m.group(1)] = m.group(2)
    return out


def parse_type(text: str, alias: dict[str, str] | None = None, depth: int = 0) -> CType:
    """The tree of a parameter or return type (:class:`Unrepresentable` when it is none of the known ones)."""
    if depth > 20:
        raise Unrepresentable("a type nested too deep")
    t = re.sub(r"\b(const|volatile|struct|typename|constexpr|static|inline|extern|mutable)\b|std::|&", " ", text)
    t = re.sub(r"\s+", " ", t).strip()
    t = re.sub(r"\s*([<>,])\s*", r"\1", t)
    if "*" in t or "[" in t:
        raise Unrepresentable(f"a pointer or array parameter ({text.strip()})")
    if alias and t in alias:
        return parse_type(alias[t], {k: v for k, v in alias.items() if k != t}, depth + 1)
    m = re.fullmatch(r"(\w+)<(.*)>", t)
    if m:
        args = tuple(parse_type(a, alias, depth + 1) for a in split_top(m.group(2)))
        name = m.group(1)
        if name == "basic_string":
            return ("string", ())
        if name in _SEQ and len(args) == 1 or name in _MAPS and len(args) == 2 or name == "pair" and len(args) == 2 \
                or name in ("tuple", "optional"):
            return (name, args)
        raise Unrepresentable(f"a {name}<...> parameter")
    if t in _INT_BITS or t in _UINT_BITS or t in _FLOATS or t in ("bool", "char", "void", "auto") or t in _STRINGS:
        return ("string" if t in _STRINGS else t, ())
    raise Unrepresentable(f"a {t or text.strip()} parameter")


def cpp_text(ct: CType) -> str:
    """The fully qualified C++ spelling of a type tree."""
    name, args = ct
    if name == "string":
        return "std::string"
    if not args:
        return name
    inner = ", ".join(cpp_text(a) for a in args)
    return f"std::{name}<{inner}>"


def _int_literal(v: int, name: str) -> str:
    if name in _UINT_BITS:
        bits, low = _UINT_BITS[name], 0
    else:
        bits, low = _INT_BITS[name], -(2 ** (_INT_BITS[name] - 1))
    high = low + 2 ** bits
    if not low <= v < high:
        raise Unrepresentable(f"{v} does not fit {name}")
    if name == "int":
        return str(v) if v != low else "(-2147483647 - 1)"
    text = f"({v + 1}LL - 1)" if v == low else f"{v}ULL" if name in _UINT_BITS else f"{v}LL"
    return f"static_cast<{name}>({text})"


def _string_literal(s: str) -> str:
    data = s.encode("utf-8")
    body = "".join(chr(b) if 0x20 <= b < 0x7f and chr(b) not in '"\\?' else f"\\{b:03o}" for b in data)
    return f'std::string("{body}", {len(data)})'


def literal(v: Any, ct: CType) -> str:
    """The C++ expression of type ``ct`` for a Python value (:class:`Unrepresentable` when there is none)."""
    name, args = ct
    if name == "optional":
        return f"{cpp_text(ct)}()" if v is None else f"{cpp_text(ct)}({literal(v, args[0])})"
    if v is None:
        raise Unrepresentable(f"None for a {cpp_text(ct)}")
    if name in _INT_BITS or name in _UINT_BITS:
        if not isinstance(v, int) or isinstance(v, bool):
            raise Unrepresentable(f"{type(v).__name__} for {name}")
        return _int_literal(v, name)
    if name in _FLOATS:
        if not isinstance(v, (int, float)) or isinstance(v, bool) or math.isnan(v) or math.isinf(v):
            raise Unrepresentable(f"{v!r} for {name}")
        return f"static_cast<{name}>({float(v)!r})"
    if name == "bool" and isinstance(v, bool):
        return "true" if v else "false"
    if name == "char" and isinstance(v, str) and len(v) == 1 and ord(v) < 128:
        return f"static_cast<char>({ord(v)})"
    if name == "string" and isinstance(v, str):
        return _string_literal(v)
    if name in _SEQ and isinstance(v, (list, tuple)):
        return f"{cpp_text(ct)}{{" + ", ".join(literal(x, args[0]) for x in v) + "}"
    if name in ("pair", "tuple") and isinstance(v, (list, tuple)) and len(v) == len(args):
        return f"{cpp_text(ct)}(" + ", ".join(literal(x, a) for x, a in zip(v, args)) + ")"
    if name in _MAPS and isinstance(v, dict):
        items = ", ".join(f"{{{literal(k, args[0])}, {literal(x, args[1])}}}" for k, x in v.items())
        return f"{cpp_text(ct)}{{{items}}}"
    raise Unrepresentable(f"{type(v).__name__} for a {cpp_text(ct)} parameter")


def result_fits(v: Any, ct: CType | None) -> str | None:
    """Why a recorded result cannot come out of a function returning ``ct`` (an int beyond its width)."""
    if ct is None or isinstance(v, bool):
        return None
    name, args = ct
    if isinstance(v, int) and (name in _INT_BITS or name in _UINT_BITS):
        try:
            _int_literal(v, name)
        except Unrepresentable:
            return f"{v} does not fit the candidate's {name}"
        return None
    if name == "optional":
        return result_fits(v, args[0])
    if name in _SEQ and isinstance(v, list):
        return next((w for w in (result_fits(x, args[0]) for x in v) if w), None)
    if name in ("pair", "tuple") and isinstance(v, list) and len(v) == len(args):
        return next((w for w in (result_fits(x, a) for x, a in zip(v, args)) if w), None)
    if name in _MAPS and isinstance(v, dict):
        return next((w for w in (result_fits(x, args[1]) for x in v.values()) if w), None)
    return None


_SPECIFIERS = r"\b(static|inline|constexpr|virtual|extern|explicit|friend|consteval)\b|\[\[[^\]]*\]\]"


def parse_signature(signature: str, name: str, code: str = "") -> tuple[CType | None, list[CType]]:
    """(return type or ``None`` when it cannot be read, parameter types) of ``int f(const vector<int>& v)``."""
    if re.match(r"\s*template\b", signature):
        raise Unrepresentable("a template function")
    m = re.search(rf"^(.*?)\b{re.escape(name)}\s*\((.*)\)[^()]*$", signature, re.DOTALL)
    if m is None:
        raise Unrepresentable(f"cannot read the signature {signature!r}")
    alias = aliases(code)
    try:
        ret: CType | None = parse_type(re.sub(_SPECIFIERS, " ", m.group(1)).strip() or "int", alias)
    except Unrepresentable:
        ret = None
    params = []
    raw = m.group(2).strip()
    for p in split_top(raw) if raw not in ("", "void") else []:
        p = p.split("=", 1)[0].strip()
        if "..." in p:
            raise Unrepresentable("a variadic parameter")
        words = re.match(r"(.*?)([A-Za-z_]\w*)$", p)
        keyword = words is not None and (words.group(2) in _INT_BITS or words.group(2) in _UINT_BITS or words.group(2)
                                         in ("bool", "char", "double", "float", "string") or words.group(2) in alias)
        typ = words.group(1) if words and words.group(1).strip() and not keyword else p
        if not words and p.endswith("]"):
            raise Unrepresentable(f"an array parameter ({p})")
        params.append(parse_type(typ, alias))
    return ret, params


def kind(ct: CType) -> str:
    """The input generator's kind for a C++ type (``vector<int>`` -> ``list[int]``); ``!T`` when none."""
    name, args = ct
    if name in _INT_BITS or name in _UINT_BITS:
        return "int"
    if name in _FLOATS:
        return "float"
    if name in ("bool", "char"):
        return name
    if name == "string":
        return "str"
    if name == "optional":
        inner = kind(args[0])
        return inner if inner.startswith("!") else "?" + inner
    if name in _SEQ:
        inner = kind(args[0])
        return f"list[{inner}]" if inner in ("int", "float", "str", "bool", "list[int]") else "!" + cpp_text(ct)
    if name in _MAPS and args[0] == ("string", ()):
        inner = kind(args[1])
        return f"dict[str,{inner}]" if inner in ("int", "str") else "!" + cpp_text(ct)
    return "!" + cpp_text(ct)


def coerce(v: Any, ct: CType) -> Any:
    """``v`` as the value a C++ ``ct`` holds (an int for a ``double`` becomes a float, ``{{"a", 1}}`` a dict);
    :class:`Unrepresentable` when it cannot."""
    name, args = ct
    if name == "optional":
        return None if v is None else coerce(v, args[0])
    if name in _FLOATS and isinstance(v, (int, float)) and not isinstance(v, bool):
        return float(v)
    if name in _SEQ and isinstance(v, (list, tuple)):
        return [coerce(x, args[0]) for x in v]
    if name in ("pair", "tuple") and isinstance(v, (list, tuple)) and len(v) == len(args):
        return [coerce(x, a) for x, a in zip(v, args)]
    if name in _MAPS and isinstance(v, list) and all(isinstance(p, list) and len(p) == 2 for p in v):
        v = {p[0]: p[1] for p in v}
    if name in _MAPS and isinstance(v, dict) and all(isinstance(k, str) for k in v):
        return {k: coerce(x, args[1]) for k, x in v.items()}
    literal(v, ct)  # ints, bool, char, string: as they are when they fit
    return v
