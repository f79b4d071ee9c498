"""Java expressions in Python, typed, for the method rule of :mod:`java_rule_classes`.

Every expression is written with its Java static type (``int``, ``char``, ``String``, ``long[]``,
``Map<Character, Integer>``, a class of the unit's own), so that Java's implicit conversions are written out:
a ``char`` is a one-character Python ``str`` (it concatenates, indexes maps and compares with other characters
as Java's does) and becomes ``ord(c)`` where Java widens it to a number (``c - 'a'``, ``int x = s.charAt(i)``);
``(char) n`` is ``chr(n)``; ``+`` with a ``String`` converts the other side as Java's ``String.valueOf`` does;
integer ``/`` and ``%`` truncate as Java's do (:mod:`java_rule_ints`). Calls and ``new``: :mod:`java_rule_calls`.

What the rule does not write exactly, and leaves to the behaviour check that decides whether a rule's answer is
kept (:mod:`translate.translation.premade`): integer overflow (Python's integers do not wrap), ``double``
formatting in string concatenation, ``String.trim`` (Python strips Unicode spaces too). Anything outside the
covered subset raises :class:`Unsupported` and the unit is the model's alone.
"""
from __future__ import annotations

import re

from translate.translation.java_rule_ints import bare
from translate.translation.java_rule_types import (
    BOOLEAN,
    CHAR,
    FLOATING,
    INTEGRAL,
    NUMERIC,
    Members,
    atomic,
    base,
    element,
    jtype,
    numeric,
    py_member,
    py_name,
    wider,
)
from translate.translation.junit_jdk import CONSTANTS, FLOATS, Unsupported, arguments, text

_COMPARE = {"<", ">", "<=", ">="}
# Python's precedence of the operator each Java binary operator is written as (higher binds tighter)
_LEVEL = {"||": 1, "&&": 2, "==": 4, "!=": 4, "<": 4, ">": 4, "<=": 4, ">=": 4, "|": 5, "^": 6, "&": 7, "<<": 8,
          ">>": 8, "+": 9, "-": 9, "*": 10, "/": 10, "%": 10}
_ARITH = {"+", "-", "*", "/", "%"}
_INSTANCE = {"Integer": "int", "Long": "int", "Short": "int", "Byte": "int", "Double": "float", "Float": "float",
             "String": "str", "Boolean": "bool", "Character": "str"}
_BITWISE = {"&", "|", "^", "<<", ">>"}


class Exprs:
    """Typed expressions in the scope of one method (see the module)."""

    TERNARY = "ternary_expression"  # the grammar's ``c ? a : b`` (tree-sitter-cpp's conditional_expression)

    def __init__(self, members: Members, static: bool):
        self.members, self.static = members, static
        self.scopes: list[dict[str, str]] = [{}]
        self.imports: set[str] = set()  # modules the written Python uses (math, re)
        self.counting: set[str] = set()  # loop counters that only count up from a non-negative start
        self.fixed_nonneg: set[str] = set()  # locals set once, from a value that is never negative
        self.root = None  # the method's body

    # scopes -------------------------------------------------------------------------------------------------
    def declare(self, name: str, typ: str) -> str:
        self.scopes[-1][name] = typ
        return py_name(name)

    def local(self, name: str) -> str | None:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    # conversions --------------------------------------------------------------------------------------------
    def convert(self, code: str, typ: str, to: str) -> str:
        """``code`` of Java type ``typ`` where Java assigns it to ``to`` (a variable, parameter or return)."""
        to, code = base(to), bare(code)
        if to in INTEGRAL and typ in CHAR:
            return f"ord({code})"
        if to in FLOATING and typ in INTEGRAL:
            return f"{code}.0" if re.fullmatch(r"-?\d+", code) else f"float({code})"
        if to in CHAR and typ in INTEGRAL:
            if re.fullmatch(r"\d+", code):
                return repr(chr(int(code)))
            raise Unsupported("an integer constant assigned to a char")
        return code

    def as_number(self, code: str, typ: str) -> str:
        return f"ord({bare(code)})" if typ in CHAR else code

    def as_string(self, code: str, typ: str) -> str:
        """Java's ``String.valueOf`` of a value of type ``typ`` (for ``+`` and ``append``)."""
        code = bare(code) if typ in NUMERIC else code
        if typ == "String" or typ in CHAR:
            return code
        if typ in NUMERIC:
            return f"str({code})"
        if typ in BOOLEAN:
            return f'("true" if {code} else "false")'
        if typ == "null":
            return '"null"'
        raise Unsupported(f"a {typ or 'value of unknown type'} in a string")

    # expressions --------------------------------------------------------------------------------------------
    def expr(self, node) -> tuple[str, str]:
        """(Python, Java type) of an expression node."""
        method = getattr(self, "_" + node.type, None)
        if method is None:
            raise Unsupported(f"a {node.type}")
        return method(node)

    def wrapped(self, node) -> tuple[str, str]:
        """As :meth:`expr`, in parentheses unless it is one term (a name, a call, an index, a literal)."""
        code, typ = self.expr(node)
        return (code if atomic(code) else f"({code})"), typ

    def operand(self, node, op: str, side: str) -> tuple[str, str]:
        """An operand of the binary ``op``: in parentheses unless Python's precedence groups it as Java's tree
        does (``a + b - c``, ``i + 1 < n``, ``x > 0 && y > 0``; comparisons never chain)."""
        code, typ = self.expr(node)
        if atomic(code):
            return code, typ
        inner = node
        while inner.type == "parenthesized_expression":
            inner = inner.named_children[0]
        if inner.type == "unary_expression":
            level = 3 if text(inner.child_by_field_name("operator")) == "!" else 11
        elif inner.type == "binary_expression":
            level = _LEVEL.get(text(inner.child_by_field_name("operator")), 0)
        else:
            level = 0
        parent = _LEVEL.get(op, 12)
        if parent == 4 and 5 <= level <= 8:  # ``(n & 1) == 0``: right in Python without them, clearer with them
            return f"({code})", typ
        if level > parent or level == parent and side == "left" and parent != 4:
            return code, typ
        return f"({code})", typ

    def _parenthesized_expression(self, node):
        return self.expr(node.named_children[0])  # parentheses where the Python needs them (wrapped, operand)

    def _decimal_integer_literal(self, node):
        raw = text(node).replace("_", "")
        if len(raw.rstrip("lL")) > 1 and raw.startswith("0"):
            raw = "0o" + raw[1:]
        return raw.rstrip("lL"), "long" if raw[-1] in "lL" else "int"

    def _hex_integer_literal(self, node):
        raw = text(node).replace("_", "")
        return raw.rstrip("lL"), "long" if raw[-1] in "lL" else "int"

    _binary_integer_literal = _hex_integer_literal

    def _decimal_floating_point_literal(self, node):
        raw = text(node).replace("_", "")
        if raw[:2].lower() == "0x":
            raise Unsupported("a hexadecimal floating-point literal")
        raw = raw.rstrip("dDfF")
        raw = raw + "0" if raw.endswith(".") else raw if any(c in raw for c in ".eE") else raw + ".0"
        return ("0" + raw if raw.startswith(".") else raw), "double"

    def _string_literal(self, node):
        if text(node).startswith('"""'):
            raise Unsupported("a text block")
        return text(node), "String"

    def _character_literal(self, node):
        return text(node), "char"

    def _true(self, node):
        return "True", "boolean"

    def _false(self, node):
        return "False", "boolean"

    def _null_literal(self, node):
        return "None", "null"

    def _this(self, node):
        if self.static:
            raise Unsupported("this in a static method")
        return "self", self.members.name

    def _identifier(self, node):
        name = text(node)
        typ = self.local(name)
        if typ is not None:
            return py_name(name), typ
        return self.field(name)

    def field(self, name: str) -> tuple[str, str]:
        if name not in self.members.fields:
            raise Unsupported(f"the name {name}")
        typ, static = self.members.fields[name]
        if static:
            return f"{self.members.name}.{py_member(name)}", typ
        if self.static:
            raise Unsupported("an instance field in a static method")
        return f"self.{py_member(name)}", typ

    def _field_access(self, node):
        obj, name = node.child_by_field_name("object"), text(node.child_by_field_name("field"))
        whole = text(node)
        if whole in CONSTANTS:
            return str(CONSTANTS[whole][0]), CONSTANTS[whole][1]
        if whole in FLOATS:
            return FLOATS[whole], "double"
        if obj.type == "this" or obj.type == "identifier" and text(obj) == self.members.name \
                and self.local(self.members.name) is None:
            if obj.type == "this" and self.static:
                raise Unsupported("this in a static method")
            return self.field(name)
        code, typ = self.wrapped(obj)
        if name == "length" and typ.endswith("[]"):
            return f"len({code})", "int"
        raise Unsupported(f"the field {name} of a {typ or 'value of unknown type'}")

    def _array_access(self, node):
        arr, typ = self.wrapped(node.child_by_field_name("array"))
        index, ityp = self.expr(node.child_by_field_name("index"))
        if not typ.endswith("[]"):
            raise Unsupported("an index into a value that is not an array")
        return f"{arr}[{self.as_number(index, ityp)}]", element(typ)

    def _unary_expression(self, node):
        op = text(node.child_by_field_name("operator"))
        code, typ = self.wrapped(node.child_by_field_name("operand"))
        if op == "!":
            return f"not {code}", "boolean"
        if op in ("-", "+", "~") and numeric(typ):
            return f"{op}{self.as_number(code, typ)}", wider(typ, "int")
        raise Unsupported(f"the operator {op}")

    def branch(self, node) -> tuple[str, str]:
        """A part of a conditional expression: in parentheses only when it is a conditional itself."""
        inner = node
        while inner.type == "parenthesized_expression":
            inner = inner.named_children[0]
        return self.wrapped(node) if inner.type == self.TERNARY else self.expr(node)

    def _ternary_expression(self, node):
        cond, yes, no = (self.branch(node.child_by_field_name(f)) for f in ("condition", "consequence", "alternative"))
        (cond, _), (yes, ytyp), (no, ntyp) = cond, yes, no
        if ytyp != ntyp and not (numeric(ytyp) and numeric(ntyp)) and "null" not in (ytyp, ntyp):
            raise Unsupported("a conditional of two types")
        typ = ytyp if ytyp == ntyp or ntyp == "null" else ntyp if ytyp == "null" else wider(ytyp, ntyp)
        if ytyp != ntyp:
            yes, no = self.convert(yes, ytyp, typ), self.convert(no, ntyp, typ)
        return f"{yes} if {cond} else {no}", typ

    def _cast_expression(self, node):
        to = jtype(node)
        code, typ = self.expr(node.child_by_field_name("value"))
        code = bare(code)
        if to in ("int", "long", "short", "byte"):
            if typ in CHAR:
                return f"ord({code})", "int"
            if typ in FLOATING:
                return f"int({code})", to
            if typ in INTEGRAL:
                return code, to
        if to in ("double", "float") and typ in FLOATING:
            return code, "double"
        if to in ("double", "float") and numeric(typ):
            return f"float({self.as_number(code, typ)})", "double"
        if to == "char" and typ in INTEGRAL:
            return f"chr({code})", "char"
        if to == "char" and typ in CHAR:
            return code, "char"
        if typ == "Object" and to in _INSTANCE:
            return code, to  # a cast that only tells Java the type (the value is already one in Python)
        raise Unsupported(f"a cast of a {typ or 'value'} to {to}")

    def _instanceof_expression(self, node):
        """``x instanceof Integer`` of the boxed types and ``String`` (no pattern variable): Python's exact type,
        so a ``bool`` is not an ``Integer``."""
        to = text(node.child_by_field_name("right"))
        if node.child_by_field_name("name") is not None or to not in _INSTANCE:
            raise Unsupported(f"an instanceof {to}")
        code, _ = self.wrapped(node.child_by_field_name("left"))
        return f"type({code}) is {_INSTANCE[to]}", "boolean"

    def _binary_expression(self, node):
        op = text(node.child_by_field_name("operator"))
        left, ltyp = self.operand(node.child_by_field_name("left"), op, "left")
        right, rtyp = self.operand(node.child_by_field_name("right"), op, "right")
        if op in ("&&", "||"):
            return f"{left} {'and' if op == '&&' else 'or'} {right}", "boolean"
        if op == "+" and "String" in (ltyp, rtyp):
            return f"{self.as_string(left, ltyp)} + {self.as_string(right, rtyp)}", "String"
        if op in ("==", "!="):
            if "null" in (ltyp, rtyp):
                return f"{left} {'is' if op == '==' else 'is not'} {right}", "boolean"
            if ltyp in CHAR and rtyp in CHAR or ltyp in BOOLEAN and rtyp in BOOLEAN:
                return f"{left} {op} {right}", "boolean"
            if numeric(ltyp) and numeric(rtyp):
                return f"{self.as_number(left, ltyp)} {op} {self.as_number(right, rtyp)}", "boolean"
            raise Unsupported("== of two objects")
        if op in _COMPARE and ltyp in CHAR and rtyp in CHAR:
            return f"{left} {op} {right}", "boolean"
        if not (numeric(ltyp) and numeric(rtyp)) and not (op in ("&", "|", "^") and ltyp in BOOLEAN
                                                          and rtyp in BOOLEAN):
            raise Unsupported(f"{op} of a {ltyp or 'value'} and a {rtyp or 'value'}")
        if ltyp in BOOLEAN:
            return f"{left} {op} {right}", "boolean"
        left, right = self.as_number(left, ltyp), self.as_number(right, rtyp)
        if op in _COMPARE:
            return f"{left} {op} {right}", "boolean"
        typ = wider(ltyp, rtyp)
        if op in ("/", "%") and typ not in FLOATING:
            from translate.translation.java_rule_ints import divide

            return divide(self, op, left, right, node.child_by_field_name("left"), node.child_by_field_name("right")), typ
        if op == "%" and typ in FLOATING:
            self.imports.add("math")
            return f"math.fmod({left}, {right})", typ
        if op in _ARITH or op in _BITWISE and typ not in FLOATING:
            return f"{left} {op} {right}", typ
        raise Unsupported(f"the operator {op}")

    def args(self, node) -> list[tuple[str, str]]:
        return [self.expr(a) for a in arguments(node.child_by_field_name("arguments"))]

    def _object_creation_expression(self, node):
        from translate.translation.java_rule_new import creation

        return creation(self, node)

    def _array_creation_expression(self, node):
        from translate.translation.java_rule_new import array_creation

        return array_creation(self, node)

    def _array_initializer(self, node, typ: str = ""):
        if not typ:
            raise Unsupported("an array initializer of unknown type")
        items = [self.expr(c) for c in node.named_children if c.type not in ("line_comment", "block_comment")]
        return "[" + ", ".join(self.convert(c, t, element(typ)) for c, t in items) + "]", typ

    def _method_invocation(self, node):
        from translate.translation.java_rule_calls import call

        return call(self, node)
