"""C++ expressions in Python, typed, for the C++ -> Python rule (:mod:`cpp_py_body`).

The Java rule's typed expression writer (:mod:`java_rule_exprs`, through :class:`java_rule_statements.Body`) reading
tree-sitter-cpp's nodes, with C++'s meanings where they differ from Java's: implicit conversions written out
(``int`` from ``double`` truncates, ``char`` from ``int`` is ``chr(n)``, ``bool`` from a number is ``!= 0``),
``&&``/``||`` give ``bool``, ``==`` and ``<`` compare strings and vectors by value, ``string + int`` is refused
(pointer arithmetic in C++), ``string::npos`` is ``find``'s ``-1``; the helpers that tell where C++ copies a
container (:func:`copied`, :func:`mutated`). Maps: :mod:`cpp_py_maps`; calls: :mod:`cpp_py_calls`.
"""
from __future__ import annotations

import re

from translate.source.validate import walk
from translate.translation import cpp_py_maps as maps
from translate.translation.cpp_py_types import ctype
from translate.translation.java_rule_ints import bare
from translate.translation.java_rule_statements import Body
from translate.translation.java_rule_types import (
    BOOLEAN,
    CHAR,
    FLOATING,
    INTEGRAL,
    NUMERIC,
    element,
    numeric,
    wider,
    wrap,
)
from translate.translation.junit_jdk import Unsupported, text

_CONSTANTS = {"INT_MAX": ("2147483647", "int"), "INT_MIN": ("-2147483648", "int"),
              "LLONG_MAX": ("9223372036854775807", "long"), "LLONG_MIN": ("-9223372036854775808", "long"),
              "LONG_MAX": ("9223372036854775807", "long"), "LONG_MIN": ("-9223372036854775808", "long")}
MUTATORS = {"push_back", "emplace_back", "pop_back", "insert", "erase", "clear", "resize", "assign", "append",
            "swap", "replace"}
_FRESH = {"call_expression", "initializer_list", "binary_expression", "string_literal", "number_literal"}


def root_name(node) -> str | None:
    """The variable a target is rooted in: ``v`` for ``v``, ``v[i]``, ``v[i][j]``, ``v.x``."""
    while node is not None and node.type in ("subscript_expression", "field_expression", "parenthesized_expression"):
        node = node.child_by_field_name("argument") if node.type != "parenthesized_expression" \
            else node.named_children[0]
    return text(node) if node is not None and node.type == "identifier" else None


def mutated(body, name: str) -> bool:
    """Whether ``body`` changes the container ``name`` in place or assigns it (``v[i] = x``, ``v.push_back(x)``,
    ``sort(v.begin(), v.end())``, ``v = w``), or passes it to a function (which may take it by reference)."""
    for n in walk(body):
        if n.type in ("assignment_expression", "update_expression"):
            target = n.child_by_field_name("left") if n.type == "assignment_expression" else n.named_children[0]
            if root_name(target) == name:
                return True
        elif n.type == "call_expression":
            fn = n.child_by_field_name("function")
            if fn.type == "field_expression" and root_name(fn.child_by_field_name("argument")) == name \
                    and text(fn.child_by_field_name("field")) in MUTATORS:
                return True
            if fn.type != "field_expression" and any(
                    root_name(a) == name or a.type == "call_expression" and text(a).startswith(name + ".")
                    for a in n.child_by_field_name("arguments").named_children):
                if text(fn) not in ("abs", "max", "min", "count", "find", "accumulate", "max_element",
                                    "min_element", "to_string", "isalpha", "isdigit", "isupper", "islower"):
                    return True
    return False


def copied(code: str, typ: str) -> str:
    """A copy of the vector or map ``code`` of type ``typ`` (C++ copies on assignment, Python shares)."""
    if maps.is_map(typ) or maps.is_set(typ):
        return maps.copy(code, typ)
    if typ.endswith("[][][]"):
        raise Unsupported("a copy of a vector of three dimensions")
    if typ.endswith("[][]"):
        return f"[list(_r) for _r in {code}]"
    return f"list({code})" if typ.endswith("[]") else code


class CppExprs(Body):
    """The typed expressions of one C++ function (see the module)."""

    TERNARY = "conditional_expression"

    def listed(self, node, typ: str) -> tuple[str, str]:
        """An initializer list ``{a, b}`` of the vector type ``typ`` (of a map: ``{{k, v}, ...}``, of a pair)."""
        kids = [c for c in node.named_children if c.type != "comment"]
        if maps.is_set(typ):
            el = maps.parts(typ)[0]
            return ("{" + ", ".join(self.convert(*self.expr(c), el) for c in kids) + "}" if kids else "set()"), typ
        if maps.is_map(typ) or typ.startswith("pair<"):
            pair = maps.parts(typ)
            if typ.startswith("pair<"):
                if len(kids) != 2:
                    raise Unsupported("a pair of other than two values")
                return "(" + ", ".join(self.convert(*self.expr(c), t) for c, t in zip(kids, pair, strict=True)) \
                    + ")", typ
            entries = []
            for c in kids:
                kv = [x for x in c.named_children if x.type != "comment"] if c.type == "initializer_list" else []
                if len(kv) != 2:
                    raise Unsupported("a map's entry that is not a {key, value} list")
                value = self.listed(kv[1], pair[1])[0] if kv[1].type == "initializer_list" else \
                    self.convert(*self.expr(kv[1]), pair[1])
                entries.append(f"{self.convert(*self.expr(kv[0]), pair[0])}: {value}")
            return "{" + ", ".join(entries) + "}", typ
        if not typ.endswith("[]"):
            raise Unsupported(f"an initializer list of a {typ}")
        if element(typ).startswith("pair<") or element(typ).endswith("[]"):
            return "[" + ", ".join(self.listed(c, element(typ))[0] if c.type == "initializer_list" else
                                   self.convert(*self.expr(c), element(typ)) for c in kids) + "]", typ
        items = [self.expr(c) for c in kids]
        return "[" + ", ".join(self.convert(c, t, element(typ)) for c, t in items) + "]", typ

    def convert(self, code: str, typ: str, to: str) -> str:
        if to == typ or to == "auto":
            return code
        if to in INTEGRAL and typ in FLOATING:
            return f"int({bare(code)})"
        if to in CHAR and typ in INTEGRAL:
            return repr(chr(int(code))) if re.fullmatch(r"\d+", code) else f"chr({bare(code)})"
        if to in BOOLEAN and (typ in NUMERIC or typ in CHAR):
            return f"{wrap(self.as_number(code, typ))} != 0"
        if typ in BOOLEAN and to in INTEGRAL | FLOATING:
            return f"{'int' if to in INTEGRAL else 'float'}({bare(code)})"
        if to.endswith("[]") and typ.endswith("[]") and to != typ and not (
                element(to) in INTEGRAL and element(typ) in INTEGRAL):
            raise Unsupported(f"a {typ} as a {to}")
        return super().convert(code, typ, to)

    def as_string(self, code: str, typ: str) -> str:
        if typ == "String" or typ in CHAR:
            return code
        raise Unsupported(f"a {typ or 'value of unknown type'} added to a string")

    def _number_literal(self, node):
        raw = text(node).replace("'", "")
        sign = "-" if raw.startswith("-") else ""  # (tree-sitter-cpp reads -1 as one literal)
        raw = raw.lstrip("+-")
        if raw[:2].lower() in ("0x", "0b"):
            return sign + raw.rstrip("uUlL"), "int"
        if re.fullmatch(r"\d+[uUlL]*", raw):
            digits = raw.rstrip("uUlL")
            digits = "0o" + digits[1:] if len(digits) > 1 and digits.startswith("0") else digits
            return sign + digits, "long" if "l" in raw.lower() or int(digits, 0) > 2**31 - 1 else "int"
        if not re.fullmatch(r"(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?[fFlL]?", raw):
            raise Unsupported(f"the number {text(node)}")
        raw = raw.rstrip("fFlL")
        raw = raw + "0" if raw.endswith(".") else raw
        return sign + ("0" + raw if raw.startswith(".") else raw), "double"

    def _char_literal(self, node):
        raw = text(node)
        if not raw.startswith("'"):
            raise Unsupported("a wide character literal")
        return raw, "char"

    def _string_literal(self, node):
        raw = text(node)
        if not raw.startswith('"'):
            raise Unsupported("a prefixed string literal")
        return raw, "String"

    def _identifier(self, node):
        name = text(node)
        if self.local(name) is None and name in _CONSTANTS:
            return _CONSTANTS[name]
        return super()._identifier(node)

    def _field_expression(self, node):
        if text(node.child_by_field_name("field")) == "npos":  # s.npos
            return "-1", "long"
        obj, typ = self.wrapped(node.child_by_field_name("argument"))
        if text(node.child_by_field_name("operator")) == "->" and typ.startswith("ptr<"):
            typ = typ[4:-1]  # an entry through a map's iterator (cpp_py_iterators)
        elif text(node.child_by_field_name("operator")) != ".":
            raise Unsupported("a field through a pointer")
        return maps.member(obj, typ, text(node.child_by_field_name("field")))

    def _qualified_identifier(self, node):
        if re.fullmatch(r"(std::)?string::npos", text(node)):
            return "-1", "long"
        raise Unsupported(f"the name {text(node)}")

    def index(self, node) -> tuple[str, str]:
        kids = [k for k in node.child_by_field_name("indices").named_children if k.type != "comment"]
        if len(kids) != 1:
            raise Unsupported("an index of several values")
        code, typ = self.expr(kids[0])
        if typ not in INTEGRAL and typ not in CHAR:
            raise Unsupported(f"an index of a {typ}")
        return self.as_number(code, typ), typ

    def _subscript_expression(self, node):
        obj, typ = self.wrapped(node.child_by_field_name("argument"))
        if maps.is_map(typ):
            return maps.read(self, obj, typ, node)
        index, _ = self.index(node)
        if typ == "String":
            return f"{obj}[{index}]", "char"
        if not typ.endswith("[]"):
            raise Unsupported(f"an index into a {typ or 'value of unknown type'}")
        return f"{obj}[{index}]", element(typ)

    def _unary_expression(self, node):
        op = text(node.child_by_field_name("operator"))
        code, typ = self.wrapped(node.child_by_field_name("argument"))
        if op in ("!", "not") and (typ in BOOLEAN or typ in INTEGRAL or typ in FLOATING):
            return f"not {code}", "boolean"
        if op in ("-", "+", "~") and numeric(typ):
            return f"{op}{self.as_number(code, typ)}", wider(typ, "int")
        raise Unsupported(f"the operator {op} of a {typ}")

    def _conditional_expression(self, node):
        return self._ternary_expression(node)

    def _cast_expression(self, node):
        to = ctype(text(node.child_by_field_name("type")))
        code, typ = self.expr(node.child_by_field_name("value"))
        if to == typ:
            return code, to
        if to in INTEGRAL and typ in INTEGRAL:
            return code, to
        if to in FLOATING and typ in FLOATING:
            return code, to
        if to in INTEGRAL and typ in CHAR:
            return f"ord({bare(code)})", to
        if to in INTEGRAL | FLOATING | CHAR | BOOLEAN and typ in NUMERIC | BOOLEAN | CHAR:
            return self.convert(code, typ, to), to
        raise Unsupported(f"a cast of a {typ or 'value'} to {to}")

    def _binary_expression(self, node):
        from translate.translation.cpp_py_calls import found

        op = text(node.child_by_field_name("operator"))
        done = found(self, node, op) or (maps.found(self, node.child_by_field_name("left"),
                                                     node.child_by_field_name("right"), op)
                                          if op in ("==", "!=") else None)
        if done is not None:
            return done
        if op in ("&&", "||", "and", "or"):
            parts = []
            for side in ("left", "right"):
                code, typ = self.operand(node.child_by_field_name(side), "&&" if op in ("&&", "and") else "||",
                                         side)
                if typ not in BOOLEAN:
                    if typ not in INTEGRAL and typ not in FLOATING:
                        raise Unsupported(f"{op} of a {typ}")
                    code = f"{wrap(code)} != 0"
                parts.append(code)
            return f"{parts[0]} {'and' if op in ('&&', 'and') else 'or'} {parts[1]}", "boolean"
        if op in ("==", "!=", "<", ">", "<=", ">="):
            left, ltyp = self.operand(node.child_by_field_name("left"), op, "left")
            right, rtyp = self.operand(node.child_by_field_name("right"), op, "right")
            if ltyp == rtyp and (ltyp == "String" or ltyp.endswith("[]")):
                return f"{left} {op} {right}", "boolean"
            if "String" in (ltyp, rtyp) or ltyp.endswith("[]") or rtyp.endswith("[]"):
                raise Unsupported(f"{op} of a {ltyp} and a {rtyp}")
        return super()._binary_expression(node)

    def _call_expression(self, node):
        from translate.translation.cpp_py_calls import call

        return call(self, node)

    def _pointer_expression(self, node):
        from translate.translation.cpp_py_calls import dereference

        return dereference(self, node)
