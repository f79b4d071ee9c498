"""Python's binary operators and comparisons in C++, for the Python -> C++ rule (:mod:`py_cpp_exprs`).

``/`` divides as floats, ``//`` floors, ``%`` takes the divisor's sign (``((a % b) + b) % b`` where the signs are
not known), integer ``**`` multiplies (exact, where ``std::pow`` rounds), ``+`` and ``*`` on strings and lists
concatenate and repeat; comparisons chain (``a < b < c``), strings compare as ``std::string`` (a character with a
one-character literal as ``'c'``), ``in`` searches (a string's ``find``, a list's ``std::find``, a set's or dict's
``count``), ``is None`` asks an optional.
"""
from __future__ import annotations

import ast

from translate.translation.py_cpp_exprs import E, negate, par
from translate.translation.py_cpp_types import CHAR, py
from translate.translation.py_js_exprs import ADD, AND, ATOM, EQ, MUL, REL, UNARY, pure
from translate.translation.py_js_types import BOOL, FLOAT, INT, STR, Ty, Unsupported, elem, is_num, known

_ARITH = {ast.Add: ("+", ADD), ast.Sub: ("-", ADD), ast.Mult: ("*", MUL)}
_BITS = {ast.BitAnd: ("&", 10), ast.BitOr: ("|", 8), ast.BitXor: ("^", 9), ast.LShift: ("<<", 13),
         ast.RShift: (">>", 13)}


def binop(x, node: ast.BinOp) -> E:
    a, b = x.cpp(node.left), x.cpp(node.right)
    ka, kb = known(a.ty, "an operand").kind, known(b.ty, "an operand").kind
    op = type(node.op)
    if is_num(a.ty) and is_num(b.ty):
        return _numbers(x, node, a, b)
    if op is ast.Add and py(a.ty).kind == "str" and py(b.ty).kind == "str":
        left = a if a.ty.kind == "str" and not a.raw else x.string(a)
        right = b if b.ty.kind == "char" or not b.raw else b
        return E(f"{par(left, ADD)} + {par(right, ADD + 1)}", ADD, STR)
    if op is ast.Add and ka == kb == "list":
        if py(a.ty) != py(b.ty) and a.ty.args and b.ty.args:
            raise Unsupported("lists of two types concatenated")
        r, s = x.tmp("r"), x.tmp("s")
        return E(x.iife(f"auto {r} = {a.code}; const auto& {s} = {b.code}; {r}.insert({r}.end(), {s}.begin(), "
                        f"{s}.end()); return {r};").code, ATOM, a.ty if a.ty.args else b.ty)
    if op is ast.Mult and {ka, kb} in ({"str", "int"}, {"list", "int"}, {"char", "int"}):
        seq, n = (a, b) if kb == "int" else (b, a)
        r, i, s = x.tmp("r"), x.tmp("i"), x.tmp("s")
        ty = STR if py(seq.ty).kind == "str" else seq.ty
        init = f"std::string {r}; const std::string {s} = {x.string(seq).code};" if ty == STR else \
            f"{x.t(ty)} {r}; const auto {s} = {seq.code};"
        add = f"{r} += {s};" if ty == STR else f"{r}.insert({r}.end(), {s}.begin(), {s}.end());"
        return E(x.iife(f"{init} for (long long {i} = 0; {i} < {par(n, REL)}; ++{i}) {add} return {r};").code,
                 ATOM, ty)
    if ka == kb == "set" and op in (ast.BitAnd, ast.BitOr, ast.Sub):
        r = x.tmp("r")
        fn = {ast.BitAnd: "set_intersection", ast.BitOr: "set_union", ast.Sub: "set_difference"}[op]
        if not (pure(node.left) and pure(node.right)):
            raise Unsupported("a set operation on computed sets")
        return E(x.iife(f"{x.t(a.ty)} {r}; std::{fn}({a.code}.begin(), {a.code}.end(), {b.code}.begin(), "
                        f"{b.code}.end(), std::inserter({r}, {r}.begin())); return {r};").code, ATOM, a.ty)
    raise Unsupported(f"{type(node.op).__name__} on {a.ty} and {b.ty}")


def _numbers(x, node: ast.BinOp, a: E, b: E) -> E:
    op = type(node.op)
    floats = "float" in (a.ty.kind, b.ty.kind)
    num = FLOAT if floats else INT
    if op in _ARITH:
        sym, level = _ARITH[op]
        return E(f"{par(a, level)} {sym} {par(b, level + 1)}", level, num)
    if op is ast.Div:
        left = par(a, MUL) if floats else f"static_cast<double>({a.code})"
        return E(f"{left} / {par(b, MUL + 1)}", MUL, FLOAT)
    if op is ast.FloorDiv:
        if floats:
            return E(f"std::floor({par(a, MUL)} / {par(b, MUL + 1)})", ATOM, FLOAT)
        if x.nonnegative(node.left) and x.nonnegative(node.right):
            return E(f"{par(a, MUL)} / {par(b, MUL + 1)}", MUL, INT)
        if not (pure(node.left) and pure(node.right)):
            raise Unsupported("// on computed operands whose signs are not known")
        r = node.right
        if isinstance(r, ast.Constant) and isinstance(r.value, int) and r.value > 0:  # rounds down below zero
            fix = f"({par(a, MUL)} % {par(b, MUL + 1)} != 0 && {par(a, REL)} < 0)"
        else:
            fix = f"({par(a, MUL)} % {par(b, MUL + 1)} != 0 && ({par(a, REL)} < 0) != ({par(b, REL)} < 0))"
        return E(f"{par(a, MUL)} / {par(b, MUL + 1)} - {fix}", ADD, INT)
    if op is ast.Mod:
        r = node.right
        if floats:
            if not pure(r):
                raise Unsupported("% by a computed divisor")
            return E(f"std::fmod(std::fmod({a.code}, {b.code}) + {par(b, ADD + 1)}, {b.code})", ATOM, FLOAT)
        plain = f"{par(a, MUL)} % {par(b, MUL + 1)}"
        positive = isinstance(r, ast.Constant) and isinstance(r.value, int) and r.value > 0
        if positive and x.nonnegative(node.left) or _divides_test(node):
            return E(plain, MUL, INT)
        if not pure(r):
            raise Unsupported("% by a computed divisor")
        return E(f"(({plain}) + {par(b, ADD + 1)}) % {par(b, MUL + 1)}", MUL, INT)
    if op is ast.Pow:
        if floats or not (isinstance(node.right, ast.Constant) and isinstance(node.right.value, int)
                          and node.right.value >= 0) and not x.nonnegative(node.right):
            if not floats and not isinstance(node.right, ast.Constant):
                raise Unsupported("an integer ** whose exponent may be negative")
            return E(f"std::pow({a.code}, {b.code})", ATOM, FLOAT)
        if isinstance(node.right, ast.Constant) and node.right.value == 2 and pure(node.left):
            return E(f"{par(a, MUL)} * {par(a, MUL + 1)}", MUL, INT)
        r, base, i = x.tmp("r"), x.tmp("b"), x.tmp("i")
        return E(x.iife(f"long long {r} = 1; const long long {base} = {a.code}; for (long long {i} = 0; {i} < "
                        f"{par(b, REL)}; ++{i}) {r} *= {base}; return {r};").code, ATOM, INT)
    if op in _BITS:
        if floats:
            raise Unsupported("a bitwise operator on floats")
        sym, level = _BITS[op]
        return E(f"{par(a, level)} {sym} {par(b, level + 1)}", level, INT)
    raise Unsupported("a matrix product")


def _divides_test(node: ast.BinOp) -> bool:
    """Marked by the comparison ``a % b == 0`` (the sign of a remainder does not matter to a test for zero)."""
    return getattr(node, "_zero_test", False)


def compare(x, node: ast.Compare) -> E:
    parts = []
    left_node = node.left
    for i, (op, right_node) in enumerate(zip(node.ops, node.comparators, strict=True)):
        if i and not pure(left_node):
            raise Unsupported("a chained comparison of a computed value")
        parts.append(_one(x, left_node, op, right_node))
        left_node = right_node
    if len(parts) == 1:
        return parts[0]
    return E(" && ".join(par(p, AND + 1) for p in parts), AND, BOOL)


def _one(x, left: ast.expr, op: ast.cmpop, right: ast.expr) -> E:
    if isinstance(op, (ast.Eq, ast.NotEq)) and isinstance(left, ast.BinOp) and isinstance(left.op, ast.Mod) \
            and isinstance(right, ast.Constant) and right.value == 0:
        left._zero_test = True  # type: ignore[attr-defined]
    if isinstance(op, (ast.Is, ast.IsNot)):
        if not (isinstance(right, ast.Constant) and right.value is None):
            raise Unsupported("`is` with something other than None")
        a = x.cpp(left)
        if a.ty.kind != "opt":
            raise Unsupported(f"`is None` on a {a.ty}")
        return E(("!" if isinstance(op, ast.Is) else "") + f"{par(a, ATOM)}.has_value()", UNARY, BOOL)
    if isinstance(op, (ast.In, ast.NotIn)):
        e = _contains(x, left, right)
        return negate(e) if isinstance(op, ast.NotIn) else e
    if isinstance(op, (ast.Eq, ast.NotEq)) and _empty(right):  # ``xs == []``
        e = x.truth(left)
        return negate(e) if isinstance(op, ast.Eq) else e
    a, b = x.cpp(left), x.cpp(right)
    sym = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}[type(op)]
    level = EQ if sym in ("==", "!=") else REL
    ka, kb = known(a.ty, "a comparison").kind, known(b.ty, "a comparison").kind
    if is_num(a.ty) and is_num(b.ty):
        return E(f"{par(a, level)} {sym} {par(b, level + 1)}", level, BOOL)
    if py(a.ty).kind == "str" and py(b.ty).kind == "str":
        a, b = _chars(x, a, b)
        return E(f"{par(a, level)} {sym} {par(b, level + 1)}", level, BOOL)
    if ka == kb and ka in ("list", "tuple", "set", "dict"):
        if ka == "tuple" and len(a.ty.args) != len(b.ty.args):
            return E("false" if sym == "==" else "true", ATOM, BOOL) if level == EQ else _unsupported(a, b)
        return E(f"{par(a, level)} {sym} {par(b, level + 1)}", level, BOOL)
    raise Unsupported(f"comparing a {a.ty} with a {b.ty}")


def _empty(node: ast.expr) -> bool:
    return isinstance(node, (ast.List, ast.Tuple)) and not node.elts or isinstance(node, ast.Dict) and not node.keys \
        or isinstance(node, ast.Constant) and node.value == ""


def _unsupported(a: E, b: E) -> E:
    raise Unsupported(f"ordering tuples of different lengths ({a.ty}, {b.ty})")


def _chars(x, a: E, b: E) -> tuple[E, E]:
    """Two string operands made comparable: a character against a one-character literal as two ``char``s, a
    character against a string as strings, two literals as ``std::string``."""
    if a.ty.kind == "char" or b.ty.kind == "char":
        c, other = (a, b) if a.ty.kind == "char" else (b, a)
        if other.ty.kind != "char":
            lit = _literal_text(other)
            other = E(_char_of(lit), ATOM, CHAR) if lit is not None and len(lit) == 1 else x.string(other)
            if other.ty.kind != "char":
                c = x.string(c)
        return (c, other) if a.ty.kind == "char" else (other, c)
    if a.raw and b.raw:
        return x.string(a), b
    return a, b


def _literal_text(e: E) -> str | None:
    if not e.raw:
        return None
    import ast as _ast

    try:
        return _ast.literal_eval(e.code)
    except (ValueError, SyntaxError):
        return None


def _char_of(ch: str) -> str:
    from translate.translation.py_cpp_exprs import char_literal

    return char_literal(ch)


def _contains(x, item_node: ast.expr, box_node: ast.expr) -> E:
    box = x.cpp(box_node)
    item = x.cpp(item_node)
    kind = known(box.ty, "the right of `in`").kind
    if kind == "str":
        needle = item if item.ty.kind == "char" else x.string(item) if not item.raw else item
        hay = x.string(box)
        return E(f"{par(hay, ATOM)}.find({needle.code}) != std::string::npos", EQ, BOOL)
    if kind in ("set", "dict"):
        return E(f"{par(box, ATOM)}.count({x.value(item, box.ty.args[0] if box.ty.args else item.ty)}) > 0", REL,
                 BOOL)
    if kind == "tuple" and not box.code.startswith("std::make_tuple(") and box.ty.args and all(
            py(a) == py(box.ty.args[0]) for a in box.ty.args):  # a tuple of one type held in a name
        t, e = x.tmp("t"), x.tmp("e")
        value = x.value(item, py(box.ty.args[0]))
        return E(x.iife(f"const auto& {t} = {box.code}; return std::apply([&](const auto&... {e}) {{ return "
                        f"(({e} == {value}) || ...); }}, {t});").code, ATOM, BOOL)
    if kind in ("list", "tuple"):
        if kind == "tuple":
            box = E(f"{x.t(Ty('list', (py(elem(box.ty)),)))}{{{box.code[len('std::make_tuple('):-1]}}}", ATOM,
                    Ty("list", (py(elem(box.ty)),))) if box.code.startswith("std::make_tuple(") else None
            if box is None:
                raise Unsupported("`in` a tuple that is not a display")
        value = x.value(item, elem(box.ty))
        if pure(box_node) and isinstance(box_node, ast.Name):
            return E(f"std::find({box.code}.begin(), {box.code}.end(), {value}) != {box.code}.end()", EQ, BOOL)
        s = x.tmp("s")
        return E(x.iife(f"const auto {s} = {box.code}; return std::find({s}.begin(), {s}.end(), {value}) != "
                        f"{s}.end();").code, ATOM, BOOL)
    raise Unsupported(f"`in` a {box.ty}")
