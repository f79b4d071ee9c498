"""Java literal expressions as Python values, and Java types as the input generator's kinds.

``Arrays.asList(1, 2)``, ``List.of("a")``, ``new ArrayList<>(Arrays.asList(...))``, ``new int[]{1, 2}``,
``Map.of("a", 1)``, ``Optional.of(3)``/``Optional.empty()``, ``3L``, ``2.5f``, ``'c'``, ``"s\\n"``, ``-7``,
``(char) 65``, ``true``, ``null``: the forms HumanEval-X's Javadoc examples and tests use; for C++ also
``{1, 2}``, ``vector<int>{1}``, ``string("s")``, ``5ll``. Anything else
(a variable, a method call of the program's own) is :class:`NotLiteral`.
"""
from __future__ import annotations

import re
from typing import Any

from translate.oracle.to_java import _split

_TOKEN = re.compile(r"""\s*(?:(?P<num>(?:0[xX][0-9a-fA-F_']+|(?:\d[\d_']*\.?[\d_']*|\.\d[\d_']*)(?:[eE][+-]?\d+)?)
    (?:[fFdD]|[uU]?[lL]{0,2}[uU]?))
    |(?P<str>"(?:[^"\\\n]|\\.)*")|(?P<chr>'(?:[^'\\\n]|\\.[0-9a-fA-F]*)')|(?P<name>[A-Za-z_$][\w$]*)
    |(?P<op>[-+()\[\]{}<>,.?]))""", re.VERBOSE)
_ESC = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "0": "\0", "s": " ", "'": "'", '"': '"', "\\": "\\"}
_LISTS = {"asList", "of", "copyOf", "singletonList", "newArrayList"}


class NotLiteral(ValueError):
    pass


def unescape(body: str) -> str:
    out, i = [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt == "u":
                m = re.match(r"u+([0-9a-fA-F]{4})", body[i + 1:])
                if not m:
                    raise NotLiteral("a bad \\u escape")
                out.append(chr(int(m.group(1), 16)))
                i += 1 + m.end()
                continue
            if nxt in "01234567":
                m = re.match(r"[0-3][0-7]{2}|[0-7]{1,2}", body[i + 1:])  # javac: \377 at most
                assert m is not None
                out.append(chr(int(m.group(0), 8)))
                i += 1 + m.end()
                continue
            out.append(_ESC.get(nxt, nxt))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


class _Parser:
    def __init__(self, text: str):
        self.toks: list[tuple[str, str]] = []
        pos = 0
        text = text.strip()
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m or m.end() == pos:
                raise NotLiteral(f"cannot read {text[pos:pos + 20]!r}")
            kind = m.lastgroup or "op"
            self.toks.append((kind, m.group(kind)))
            pos = m.end()
        self.i = 0

    def peek(self, k: int = 0) -> tuple[str, str]:
        return self.toks[self.i + k] if self.i + k < len(self.toks) else ("end", "")

    def take(self, want: str | None = None) -> str:
        kind, val = self.peek()
        if kind == "end" or (want is not None and val != want):
            raise NotLiteral(f"expected {want or 'more'}, got {val or 'the end'}")
        self.i += 1
        return val

    def skip_generics(self) -> None:
        if self.peek()[1] != "<":
            return
        depth = 0
        while True:
            v = self.take()
            depth += (v == "<") - (v == ">")
            if depth == 0:
                return

    def args(self) -> list[Any]:
        self.take("(")
        out = []
        while self.peek()[1] != ")":
            out.append(self.expr())
            if self.peek()[1] == ",":
                self.take()
        self.take(")")
        return out

    def braces(self) -> list[Any]:
        self.take("{")
        out = []
        while self.peek()[1] != "}":
            out.append(self.braces() if self.peek()[1] == "{" else self.expr())
            if self.peek()[1] == ",":
                self.take()
        self.take("}")
        return out

    def expr(self) -> Any:
        kind, val = self.peek()
        if val in ("-", "+"):
            self.take()
            v = self.expr()
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise NotLiteral("a sign before a non-number")
            return -v if val == "-" else v
        if kind == "num":
            self.take()
            return _number(val)
        if kind == "str":
            self.take()
            return unescape(val[1:-1])
        if kind == "chr":
            self.take()
            return unescape(val[1:-1])
        if val == "(" and self.peek(1)[0] == "name" and self.peek(2)[1] == ")":  # a cast
            self.take()
            to = self.take()
            self.take(")")
            v = self.expr()
            if to == "char" and isinstance(v, int):
                return chr(v)
            if to in ("double", "float") and isinstance(v, (int, float)):
                return float(v)
            if to in ("int", "long", "short", "byte") and isinstance(v, (int, float)):
                return int(v)
            raise NotLiteral(f"a cast to {to}")
        if val == "{":
            return self.braces()
        if kind != "name":
            raise NotLiteral(f"unexpected {val!r}")
        if val in ("true", "false", "null"):
            self.take()
            return {"true": True, "false": False, "null": None}[val]
        if val == "new":
            return self.new()
        path = [self.take()]
        while self.peek()[1] == ".":
            self.take()
            self.skip_generics()
            path.append(self.take())
        self.skip_generics()
        if self.peek()[1] == "{":  # C++: vector<int>{1, 2}
            return self.braces()
        if path == ["string"] and self.peek()[1] == "(":
            args = self.args()
            if len(args) == 1 and isinstance(args[0], str):
                return args[0]
        method = path[-1]
        if len(path) == 2 and path[0] in ("Integer", "Long", "Double") and path[1] in ("MAX_VALUE", "MIN_VALUE"):
            return {("Integer", "MAX_VALUE"): 2**31 - 1, ("Integer", "MIN_VALUE"): -2**31,
                    ("Long", "MAX_VALUE"): 2**63 - 1, ("Long", "MIN_VALUE"): -2**63,
                    ("Double", "MAX_VALUE"): 1.7976931348623157e308, ("Double", "MIN_VALUE"): 5e-324}[path[0], path[1]]
        if len(path) < 2 or self.peek()[1] != "(":
            raise NotLiteral(f"{'.'.join(path)} is not a literal")
        args = self.args()
        owner = path[-2]
        if owner == "Optional" and method in ("of", "ofNullable"):
            return args[0] if args else None
        if owner == "Optional" and method == "empty":
            return None
        if owner in ("Map", "Collections") and method in ("of", "emptyMap"):
            if len(args) % 2 or not all(isinstance(k, str) for k in args[::2]):
                raise NotLiteral("a map whose keys are not strings")
            return dict(zip(args[::2], args[1::2]))
        if method in _LISTS or (owner == "Collections" and method == "emptyList"):
            return args[0] if method == "copyOf" and len(args) == 1 else list(args)
        raise NotLiteral(f"{'.'.join(path)}(...) is not a literal")

    def new(self) -> Any:
        self.take("new")
        name = self.take()
        while self.peek()[1] == ".":
            self.take()
            name = self.take()
        self.skip_generics()
        if self.peek()[1] == "[":
            while self.peek()[1] == "[":
                self.take("[")
                if self.peek()[1] != "]":
                    raise NotLiteral("an array of a given size")
                self.take("]")
            return self.braces()
        args = self.args()
        if self.peek()[1] == "{":
            raise NotLiteral("an anonymous class")
        if not args:
            return {} if "Map" in name else [] if re.search(r"List|Deque|Queue|Stack|Vector", name) else _bad(name)
        if len(args) == 1 and isinstance(args[0], (list, dict)):
            return args[0]
        if name in ("Integer", "Long", "Double", "String", "Boolean") and len(args) == 1:
            return args[0]
        raise NotLiteral(f"new {name}(...)")


def _bad(name: str) -> Any:
    raise NotLiteral(f"new {name}()")


def _number(tok: str) -> int | float:
    t = tok.replace("_", "").replace("'", "")
    if t[:2] in ("0x", "0X"):
        return int(t.rstrip("lLuU"), 16)
    if t[-1] in "lLuU":
        return int(t.rstrip("lLuU"))
    if t[-1] in "fFdD" or re.search(r"[.eE]", t):
        return float(t.rstrip("fFdD"))
    return int(t, 8) if len(t) > 1 and t.startswith("0") else int(t)


def parse_args(text: str, cpp: bool = False) -> list[Any]:
    """The values of a parenthesised Java argument list ``(1, Arrays.asList(2, 3))``; ``cpp``: a C++ one
    (``({1, 2}, "s", std::vector<int>{3})``)."""
    p = _Parser(re.sub(r"\bstd::", "", text) if cpp else text)
    out = p.args()
    if p.peek()[0] != "end":
        raise NotLiteral("text after the arguments")
    return out


# --- types ----------------------------------------------------------------------------------------------

_PRIM_KIND = {"int": "int", "long": "int", "short": "int", "byte": "int", "Integer": "int", "Long": "int",
              "Short": "int", "Byte": "int", "BigInteger": "int", "double": "float", "float": "float",
              "Double": "float", "Float": "float", "boolean": "bool", "Boolean": "bool", "String": "str",
              "CharSequence": "str", "char": "char", "Character": "char"}


def kind(t: str) -> str:
    """The input generator's kind for a Java type (``List<Integer>`` -> ``list[int]``); ``!T`` when none."""
    t = t.strip().replace(" ", "")
    m = re.fullmatch(r"Optional<(.+)>", t)
    if m:
        inner = kind(m.group(1))
        return inner if inner.startswith("!") else "?" + inner
    if t in _PRIM_KIND:
        return _PRIM_KIND[t]
    m = re.fullmatch(r"(?:List|ArrayList|LinkedList|Collection|Iterable)<(.+)>", t) or re.fullmatch(r"(.+)\[\]", t)
    if m:
        inner = kind(m.group(1))
        return f"list[{inner}]" if inner in ("int", "float", "str", "bool", "list[int]") else "!" + t
    m = re.fullmatch(r"(?:Map|HashMap|TreeMap)<String,(.+)>", t)
    if m:
        inner = kind(m.group(1))
        return f"dict[str,{inner}]" if inner in ("int", "str") else "!" + t
    return "!" + t


def coerce(v: Any, t: str) -> Any:
    """``v`` as the value a Java ``t`` holds (an int for a ``double`` becomes a float); NotLiteral if it cannot."""
    t = t.strip().replace(" ", "")
    m = re.fullmatch(r"Optional<(.+)>", t)
    if m:
        return None if v is None else coerce(v, m.group(1))
    k = _PRIM_KIND.get(t)
    if k == "float" and isinstance(v, (int, float)) and not isinstance(v, bool):
        return float(v)
    if k == "int" and isinstance(v, int) and not isinstance(v, bool):
        return v
    if k in ("str", "char") and isinstance(v, str) and (k == "str" or len(v) == 1):
        return v
    if k == "bool" and isinstance(v, bool):
        return v
    if k is None and v is None and not t.endswith("[]"):
        return None
    m = re.fullmatch(r"(?:List|ArrayList|LinkedList|Collection|Iterable)<(.+)>", t) or re.fullmatch(r"(.+)\[\]", t)
    if m and isinstance(v, (list, tuple)):
        return [coerce(x, m.group(1)) for x in v]
    m = re.fullmatch(r"(?:Map|HashMap|TreeMap)<(.+)>", t)
    if m and isinstance(v, dict) and len(_split(m.group(1))) == 2:
        vt = _split(m.group(1))[1]
        return {k2: coerce(x, vt) for k2, x in v.items()}
    raise NotLiteral(f"{v!r} for a {t}")
