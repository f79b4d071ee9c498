"""Python's numeric and conversion builtins in JavaScript, for the Python -> JavaScript rule (:mod:`py_js_calls`).

``int(s)`` of a string is ``parseInt(s, 10)``, of a float ``Math.trunc``; ``str(n)`` only of an integer (Python
writes floats and booleans otherwise); ``round`` halves to even and rounds to ``n`` digits as ``toFixed`` does;
``bin`` keeps Python's ``0b`` and sign; ``isinstance`` only for the types a JavaScript value tells apart; ``math``'s
functions are ``Math``'s. A value read twice is computed once (:func:`_once`).
"""
from __future__ import annotations

import ast

from translate.translation.py_js_exprs import ARROW, ATOM, POW, UNARY, E, Exprs, par, pure
from translate.translation.py_js_types import BOOL, FLOAT, INT, STR, Ty, Unsupported, is_num, known

_MATH = {"sqrt": ("Math.sqrt", FLOAT), "floor": ("Math.floor", INT), "ceil": ("Math.ceil", INT),
         "fabs": ("Math.abs", FLOAT), "exp": ("Math.exp", FLOAT), "log2": ("Math.log2", FLOAT),
         "log10": ("Math.log10", FLOAT), "trunc": ("Math.trunc", INT), "sin": ("Math.sin", FLOAT),
         "cos": ("Math.cos", FLOAT), "tan": ("Math.tan", FLOAT), "atan": ("Math.atan", FLOAT),
         "atan2": ("Math.atan2", FLOAT), "hypot": ("Math.hypot", FLOAT), "pow": ("Math.pow", FLOAT)}


def args_of(w: Exprs, args: list[ast.expr]) -> str:
    return ", ".join(par(w.js(a), ARROW) for a in args)


def one_arg(w: Exprs, node: ast.Call, name: str) -> E:
    if len(node.args) != 1:
        raise Unsupported(f"{name}() with {len(node.args)} arguments")
    return w.js(node.args[0])


def math_call(w: Exprs, attr: str, node: ast.Call) -> E:
    if node.keywords:
        raise Unsupported("math with keywords")
    if attr == "log" and len(node.args) == 1:
        return E(f"Math.log({args_of(w, node.args)})", ATOM, FLOAT)
    if attr == "isqrt":
        return E(f"Math.floor(Math.sqrt({args_of(w, node.args)}))", ATOM, INT)
    if attr not in _MATH:
        raise Unsupported(f"math.{attr}")
    fn, ty = _MATH[attr]
    return E(f"{fn}({args_of(w, node.args)})", ATOM, ty)


def _abs(w: Exprs, node: ast.Call) -> E:
    v = one_arg(w, node, "abs")
    if not is_num(known(v.ty, "abs()")):
        raise Unsupported(f"abs() of {v.ty}")
    return E(f"Math.abs({v.code})", ATOM, v.ty)


def _int(w: Exprs, node: ast.Call) -> E:
    if len(node.args) == 2:
        s, base = w.js(node.args[0]), w.js(node.args[1])
        if s.ty.kind != "str":
            raise Unsupported("int(x, base) of a non-string")
        return E(f"parseInt({s.code}, {par(base, ARROW)})", ATOM, INT)
    v = one_arg(w, node, "int")
    kind = known(v.ty, "int()").kind
    if kind == "str":
        return E(f"parseInt({v.code}, 10)", ATOM, INT)
    if kind == "float":
        return E(f"Math.trunc({v.code})", ATOM, INT)
    if kind in ("int", "bool"):
        return E(f"Number({v.code})", ATOM, INT) if kind == "bool" else v
    raise Unsupported(f"int() of {v.ty}")


def _float(w: Exprs, node: ast.Call) -> E:
    v = one_arg(w, node, "float")
    kind = known(v.ty, "float()").kind
    if kind == "str":
        return E(f"parseFloat({v.code})", ATOM, FLOAT)
    if kind in ("int", "float"):
        return E(v.code, v.prec, FLOAT)
    raise Unsupported(f"float() of {v.ty}")


def _str(w: Exprs, node: ast.Call) -> E:
    v = one_arg(w, node, "str")
    kind = known(v.ty, "str()").kind
    if kind == "str":
        return v
    if kind == "int":
        return E(f"String({v.code})", ATOM, STR)
    raise Unsupported(f"str() of {v.ty} (Python writes it differently)")


def _ord(w: Exprs, node: ast.Call) -> E:
    return E(f"{par(one_arg(w, node, 'ord'), ATOM)}.codePointAt(0)", ATOM, INT)


def _chr(w: Exprs, node: ast.Call) -> E:
    return E(f"String.fromCodePoint({one_arg(w, node, 'chr').code})", ATOM, STR)


def _round(w: Exprs, node: ast.Call) -> E:
    """Python's ``round``: halves to even (``Math.round`` rounds them up); to ``n`` digits as ``toFixed`` does (the
    decimal nearest the float's exact value: the two differ only on an exact binary tie)."""
    x = w.js(node.args[0]) if node.args else None
    if x is None or not is_num(known(x.ty, "round()")) or len(node.args) > 2 or node.keywords:
        raise Unsupported("round() of that")
    if len(node.args) == 2:
        n = node.args[1]
        if not (isinstance(n, ast.Constant) and isinstance(n.value, int) and n.value >= 0):
            raise Unsupported("round() to a computed number of digits")
        return E(f"Number({par(x, ATOM)}.toFixed({n.value}))", ATOM, FLOAT)
    if x.ty.kind == "int":
        return x
    return _once(node.args[0], x, lambda v: f"Math.abs({v} % 1) === 0.5 ? 2 * Math.round({v} / 2) : Math.round({v})",
                 INT)


def _once(node: ast.expr, x: E, body, ty: Ty) -> E:
    """``body(x)`` where it reads ``x`` more than once: in place where ``x`` is pure, else through an arrow called
    on it (``((v) => ...)(f(y))``), so a computed value is computed once."""
    if pure(node):
        return E(f"({body(par(x, ATOM))})", ATOM, ty)
    return E(f"((v) => {body('v')})({x.code})", ATOM, ty)


def _bin(w: Exprs, node: ast.Call) -> E:
    x = one_arg(w, node, "bin")
    if x.ty.kind not in ("int", "bool"):
        raise Unsupported("bin() of that")
    return _once(node.args[0], x, lambda v: f"{v} < 0 ? \"-0b\" + (-{v}).toString(2) : \"0b\" + {v}.toString(2)", STR)


_KINDS = {"int": "(Number.isInteger({x}) || typeof {x} === \"boolean\")", "bool": "typeof {x} === \"boolean\"",
          "str": "typeof {x} === \"string\"", "list": "Array.isArray({x})"}


def _isinstance(w: Exprs, node: ast.Call) -> E:
    """``isinstance(x, int)`` and the like, for the types a JavaScript value tells apart (not ``float``: JavaScript's
    ``3.0`` is an integer)."""
    if len(node.args) != 2 or not isinstance(node.args[0], ast.Name) or not isinstance(node.args[1], ast.Name) \
            or node.args[1].id not in _KINDS or node.args[1].id in w.scope:
        raise Unsupported("isinstance() of that")
    x = w.js(node.args[0])
    return E(_KINDS[node.args[1].id].format(x=x.code), 6, BOOL)


def _pow(w: Exprs, node: ast.Call) -> E:
    if len(node.args) != 2:
        raise Unsupported("pow() with a modulus")
    a, b = w.js(node.args[0]), w.js(node.args[1])
    return E(f"{par(a, ATOM)} ** {par(b, UNARY)}", POW, FLOAT if "float" in (a.ty.kind, b.ty.kind) else INT)


NUMBERS = {"abs": _abs, "int": _int, "float": _float, "str": _str, "ord": _ord, "chr": _chr, "pow": _pow,
           "round": _round, "bin": _bin, "isinstance": _isinstance}
