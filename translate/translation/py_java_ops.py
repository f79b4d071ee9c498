"""Python's binary operators and comparisons in Java, for the Python -> Java rule (:mod:`py_java_exprs`).

``/`` divides as doubles, ``//`` and ``%`` floor (``Math.floorDiv``/``Math.floorMod`` where the signs are not
known to be non-negative), integer ``**`` by a non-negative constant multiplies, ``+`` on strings concatenates
(a character first made a ``String``: ``'a' + 'b'`` is an ``int`` in Java), ``*`` repeats a string or a
one-item list; comparisons chain, strings compare with ``equals``/``compareTo``, containers with ``equals``,
``in`` searches (``contains``, ``indexOf`` of a character, ``containsKey``), ``is None`` is ``== null``.
"""
from __future__ import annotations

import ast

from translate.translation.py_cpp_exprs import E, negate, par
from translate.translation.py_cpp_types import CHAR, py
from translate.translation.py_java_exprs import char_literal
from translate.translation.py_js_exprs import ADD, AND, ATOM, EQ, MUL, REL, UNARY, pure
from translate.translation.py_js_types import BOOL, FLOAT, INT, STR, Unsupported, elem, is_num, known

_BITS = {ast.BitAnd: ("&", 10), ast.BitOr: ("|", 8), ast.BitXor: ("^", 9), ast.LShift: ("<<", 13),
         ast.RShift: (">>", 13)}


def binop(x, node: ast.BinOp) -> E:
    if isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
        from translate.translation.py_java_methods import percent_formatted

        return x.java(percent_formatted(node.left.value, node.right))
    a, b = x.java(node.left), x.java(node.right)
    ka, kb = known(a.ty, "an operand").kind, known(b.ty, "an operand").kind
    op = type(node.op)
    if is_num(a.ty) and is_num(b.ty):
        return _numbers(x, node, x.num(a), x.num(b))
    if op is ast.Add and py(a.ty).kind == "str" and py(b.ty).kind == "str":
        left = x.string(a) if a.ty.kind == "char" and b.ty.kind == "char" else a
        return E(f"{par(left, ADD)} + {par(b, ADD + 1)}", ADD, STR)
    if op is ast.Add and ka == kb == "list":
        if py(a.ty) != py(b.ty) and a.ty.args and b.ty.args:
            raise Unsupported("lists of two types concatenated")
        ty = a.ty if a.ty.args else b.ty
        r = x.tmp("r")
        x.pre.append(f"{x.t(ty)} {r} = {x.widths.new(ty, a.code)};")
        x.pre.append(f"{r}.addAll({b.code});")
        return E(r, ATOM, ty)
    if op is ast.Mult and {ka, kb} in ({"str", "int"}, {"char", "int"}):
        seq, n, n_node = (a, b, node.right) if kb == "int" else (b, a, node.left)
        count = _int(x, n) if x.nonnegative(n_node) else f"Math.max(0, {_int(x, n)})"
        return E(f"{par(x.string(seq), ATOM)}.repeat({count})", ATOM, STR)
    if op is ast.Mult and {ka, kb} == {"list", "int"}:
        seq_node, n = (node.left, b) if ka == "list" else (node.right, a)
        if not (isinstance(seq_node, ast.List) and len(seq_node.elts) == 1):
            raise Unsupported("a list repeated that is not a one-element display")
        item = x.java(seq_node.elts[0])
        ity = py(item.ty)
        if ity.kind not in ("int", "float", "bool", "str"):
            raise Unsupported("a list of containers repeated (Python shares the inner one)")
        ty = py(a.ty if ka == "list" else b.ty)
        return E(x.widths.new(ty, f"Collections.nCopies(Math.max(0, {_int(x, n)}), "
                                  f"{x.value(item, ity, boxed=True)})"), ATOM, ty)
    if ka == kb == "set" and op in (ast.BitAnd, ast.BitOr, ast.Sub):
        r = x.tmp("r")
        fn = {ast.BitAnd: "retainAll", ast.BitOr: "addAll", ast.Sub: "removeAll"}[op]
        x.pre.append(f"{x.t(a.ty)} {r} = {x.widths.new(a.ty, a.code)};")
        x.pre.append(f"{r}.{fn}({b.code});")
        return E(r, ATOM, a.ty)
    raise Unsupported(f"{type(node.op).__name__} on {a.ty} and {b.ty}")


def _int(x, e: E) -> str:
    """An int expression where Java wants an ``int`` (a count, an index)."""
    return e.code if x.widths.int_t == "int" else f"(int) {par(e, UNARY)}"


def _numbers(x, node: ast.BinOp, a: E, b: E) -> E:
    op = type(node.op)
    floats = "float" in (a.ty.kind, b.ty.kind)
    num = FLOAT if floats else INT
    if op in (ast.Add, ast.Sub, ast.Mult):
        sym, level = {ast.Add: ("+", ADD), ast.Sub: ("-", ADD), ast.Mult: ("*", MUL)}[op]
        return E(f"{par(a, level)} {sym} {par(b, level + 1)}", level, num)
    if op is ast.Div:
        left = a if floats else E(f"(double) {par(a, UNARY)}", UNARY, FLOAT)
        return E(f"{par(left, MUL)} / {par(b, MUL + 1)}", MUL, FLOAT)
    if op is ast.FloorDiv:
        if floats:
            return E(f"Math.floor({a.code} / {par(b, MUL + 1)})", ATOM, FLOAT)
        if x.nonnegative(node.left) and x.nonnegative(node.right):
            return E(f"{par(a, MUL)} / {par(b, MUL + 1)}", MUL, INT)
        return E(f"Math.floorDiv({a.code}, {b.code})", ATOM, INT)
    if op is ast.Mod:
        if floats:  # Java's % is C's fmod; Python's takes the divisor's sign
            m, d = x.tmp("m"), x.tmp("d")
            x.pre += [f"double {d} = {b.code};", f"double {m} = {par(a, MUL)} % {d};",
                      f"if ({m} != 0 && ({d} < 0) != ({m} < 0)) {{ {m} += {d}; }}"]
            return E(m, ATOM, FLOAT)
        if x.nonnegative(node.left) and x.nonnegative(node.right) or getattr(node, "_zero_test", False):
            return E(f"{par(a, MUL)} % {par(b, MUL + 1)}", MUL, INT)
        return E(f"Math.floorMod({a.code}, {b.code})", ATOM, INT)
    if op is ast.Pow:
        if floats:
            return E(f"Math.pow({a.code}, {b.code})", ATOM, FLOAT)
        r = node.right
        if isinstance(r, ast.Constant) and isinstance(r.value, int) and 0 <= r.value <= 3 and pure(node.left):
            if r.value == 0:
                return E(f"1{x.widths.suffix}", ATOM, INT)
            return E(" * ".join([par(a, MUL + 1)] * r.value), MUL, INT)
        if not x.nonnegative(r):
            raise Unsupported("** of an integer by an exponent that may be negative (Python gives a float)")
        p, i = x.tmp("p"), x.tmp("i")
        x.pre.append(f"{x.widths.int_t} {p} = 1;")
        x.pre.append(f"for ({x.widths.int_t} {i} = 0; {i} < {par(b, REL + 1)}; {i}++) {{ {p} *= {par(a, MUL + 1)}; }}")
        return E(p, ATOM, INT)
    if op in _BITS and not floats:
        sym, level = _BITS[op]
        if a.ty.kind == "bool" and b.ty.kind == "bool" and sym in ("&", "|", "^"):
            return E(f"{par(a, level)} {sym} {par(b, level + 1)}", level, BOOL)
        return E(f"{par(a, level)} {sym} {par(b, level + 1)}", level, INT)
    raise Unsupported(f"{op.__name__} on numbers")


def compare(x, node: ast.Compare) -> E:
    parts = []
    left_node = node.left
    for i, (op, right_node) in enumerate(zip(node.ops, node.comparators, strict=True)):
        if i and not pure(left_node):  # ``97 <= ord(c) <= 122``: the middle one evaluated once
            left_node = x.held(left_node)
        parts.append(_one(x, left_node, op, right_node) if i == 0 else x.guarded(
            lambda r, lft=left_node, o=op: _one(x, lft, o, r), right_node))
        left_node = right_node
    if len(parts) == 1:
        return parts[0]
    return E(" && ".join(par(p, AND + 1) for p in parts), AND, BOOL)


def _one(x, left: ast.expr, op: ast.cmpop, right: ast.expr) -> E:
    if isinstance(op, (ast.Eq, ast.NotEq)) and isinstance(left, ast.BinOp) and isinstance(left.op, ast.Mod) \
            and isinstance(right, ast.Constant) and right.value == 0:
        left._zero_test = True  # type: ignore[attr-defined]
    if isinstance(op, (ast.Is, ast.IsNot)) or isinstance(op, (ast.Eq, ast.NotEq)) and isinstance(
            right, ast.Constant) and right.value is None:
        if not (isinstance(right, ast.Constant) and right.value is None):
            raise Unsupported("`is` with something other than None")
        a = x.java(left)
        if a.ty.kind != "opt":
            raise Unsupported(f"`is None` on a {a.ty}")
        sym = "==" if isinstance(op, (ast.Is, ast.Eq)) else "!="
        return E(f"{par(a, EQ)} {sym} null", EQ, BOOL)
    if isinstance(op, (ast.In, ast.NotIn)):
        e = _contains(x, left, right)
        return negate(e) if isinstance(op, ast.NotIn) else e
    if isinstance(op, (ast.Eq, ast.NotEq)) and (isinstance(right, (ast.List, ast.Tuple)) and not right.elts
                                                or isinstance(right, ast.Dict) and not right.keys):
        e = x.truth(left)  # ``xs == []``
        return negate(e) if isinstance(op, ast.Eq) else e
    a, b = x.java(left), x.java(right)
    sym = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}[type(op)]
    level = EQ if sym in ("==", "!=") else REL
    ka, kb = known(a.ty, "a comparison").kind, known(b.ty, "a comparison").kind
    if is_num(a.ty) and is_num(b.ty):
        if "bool" in (ka, kb) and ka != kb:
            a, b = x.num(a), x.num(b)
        return E(f"{par(a, level)} {sym} {par(b, level + 1)}", level, BOOL)
    if py(a.ty).kind == "str" and py(b.ty).kind == "str":
        a, b = _chars(x, a, b)
        if a.ty.kind == "char":
            return E(f"{par(a, level)} {sym} {par(b, level + 1)}", level, BOOL)
        if level == EQ:
            e = E(f"{par(a, ATOM)}.equals({b.code})", ATOM, BOOL)
            return e if sym == "==" else negate(e)
        return E(f"{par(a, ATOM)}.compareTo({b.code}) {sym} 0", REL, BOOL)
    if ka == kb and ka in ("list", "set", "dict") and level == EQ:
        e = E(f"{par(a, ATOM)}.equals({b.code})", ATOM, BOOL)
        return e if sym == "==" else negate(e)
    raise Unsupported(f"comparing a {a.ty} with a {b.ty}")


def _chars(x, a: E, b: E) -> tuple[E, E]:
    """Two string operands made comparable: a character against a one-character literal as two ``char``s, a
    character against any other string as two strings."""
    if a.ty.kind == "char" and b.ty.kind == "char":
        return a, b
    if a.ty.kind == "char" or b.ty.kind == "char":
        first = a.ty.kind == "char"
        c, other = (a, b) if first else (b, a)
        lit = _literal_text(other)
        if lit is not None and len(lit) == 1:
            other = E(char_literal(lit), ATOM, CHAR)
        else:
            c = x.string(c)
        return (c, other) if first else (other, c)
    return a, b


def _literal_text(e: E) -> str | None:
    if not (e.code.startswith('"') and e.code.endswith('"')) or e.ty.kind != "str":
        return None
    try:
        out = ast.literal_eval(e.code)
    except (ValueError, SyntaxError):
        return None
    return out if isinstance(out, str) and "\\" not in e.code else None


def _contains(x, item_node: ast.expr, box_node: ast.expr) -> E:
    if isinstance(box_node, (ast.Tuple, ast.List, ast.Set)) and box_node.elts and not any(
            isinstance(e, ast.Starred) for e in box_node.elts):  # ``c in ("a", "b")``: a display searched
        if not pure(item_node):  # computed once, before the statement
            item_node = x.held(item_node)
        tests = [_one(x, item_node, ast.Eq(), e) for e in box_node.elts]
        return E(" || ".join(par(t, 7) for t in tests), 6, BOOL)
    box = x.java(box_node)
    item = x.java(item_node)
    kind = known(box.ty, "the right of `in`").kind
    if kind == "str":
        if item.ty.kind == "char":
            return E(f"{par(box, ATOM)}.indexOf({item.code}) >= 0", REL, BOOL)
        return E(f"{par(box, ATOM)}.contains({x.value(item, STR)})", ATOM, BOOL)
    if kind == "set" and box.ty.args:
        return E(f"{par(box, ATOM)}.contains({x.value(item, box.ty.args[0], boxed=True)})", ATOM, BOOL)
    if kind == "dict" and box.ty.args:
        return E(f"{par(box, ATOM)}.containsKey({x.value(item, box.ty.args[0], boxed=True)})", ATOM, BOOL)
    if kind == "list" and box.ty.args:
        return E(f"{par(box, ATOM)}.contains({x.value(item, py(elem(box.ty)), boxed=True)})", ATOM, BOOL)
    raise Unsupported(f"`in` a {box.ty}")


__all__ = ["binop", "compare", "FLOAT", "BOOL"]
