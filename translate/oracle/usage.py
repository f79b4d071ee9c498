"""How a Python function uses a parameter, as votes for the kind of input to generate for it
(:func:`translate.oracle.inputs.param_kinds`): string and list methods called on it, arithmetic and ordered
comparisons with it, ``range`` of it, iteration and items of it, a call of it, an item of it compared with or
added to a one-character string (a string's characters), a slice of it compared with a string."""
from __future__ import annotations

import ast
from collections import Counter

_STR_METHODS = {"lower", "upper", "split", "strip", "lstrip", "rstrip", "startswith", "endswith", "isdigit",
                "isalpha", "isalnum", "isspace", "isupper", "islower", "replace", "find", "rfind", "title",
                "capitalize", "swapcase", "splitlines", "encode", "zfill", "center", "ljust", "rjust"}
_LIST_METHODS = {"append", "extend", "sort", "pop", "insert", "remove", "reverse", "clear"}


def usage(fn: ast.FunctionDef, param: str) -> Counter:
    votes: Counter = Counter()
    for node in ast.walk(fn):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == param:
            if node.attr in _STR_METHODS:
                votes["str"] += 3
            elif node.attr in _LIST_METHODS:
                votes["list[int]"] += 3
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range":
            if any(isinstance(a, ast.Name) and a.id == param for a in node.args):
                votes["int"] += 3
        elif isinstance(node, ast.BinOp) and any(isinstance(s, ast.Name) and s.id == param for s in (node.left, node.right)):
            if isinstance(node.op, (ast.Mod, ast.FloorDiv, ast.BitAnd, ast.BitOr, ast.LShift, ast.RShift)):
                votes["int"] += 1
            other = node.right if isinstance(node.left, ast.Name) and node.left.id == param else node.left
            if isinstance(node.op, (ast.Div, ast.Pow, ast.Sub)) or (
                    isinstance(other, ast.Constant) and type(other.value) in (int, float)):
                votes["int"] += 3  # arithmetic with a number: x * 9 / 5, x - 1, x ** 2
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and \
                isinstance(node.operand, ast.Name) and node.operand.id == param:
            votes["int"] += 2
        elif isinstance(node, ast.Compare) and isinstance(node.ops[0], (ast.Lt, ast.LtE, ast.Gt, ast.GtE)) and \
                any(isinstance(s, ast.Name) and s.id == param for s in (node.left, *node.comparators)):
            votes["int"] += 3  # ordered comparisons: numbers far more often than strings
        elif isinstance(node, ast.For) and isinstance(node.iter, ast.Name) and node.iter.id == param:
            votes["list[int]"] += 1
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == param:
            votes["list[int]"] += 1
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == param:
            votes["!function"] += 5
        if _char_of(node, param):
            votes["str"] += 2
    return votes


def _char_of(node: ast.AST, param: str) -> bool:
    """``param[i] == " "`` or ``"-" + param[i]``: an item of ``param`` compared with or added to a one-character
    string, as a string's characters are (an item of a list is rarely a single character)."""
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
        sides = (node.left, node.comparators[0])
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        sides = (node.left, node.right)
    else:
        return False
    item = any(isinstance(s, ast.Subscript) and isinstance(s.value, ast.Name) and s.value.id == param
               and not isinstance(s.slice, ast.Slice) for s in sides)
    part = any(isinstance(s, ast.Subscript) and isinstance(s.value, ast.Name) and s.value.id == param
               and isinstance(s.slice, ast.Slice) for s in sides)
    text = [s.value for s in sides if isinstance(s, ast.Constant) and isinstance(s.value, str)]
    return bool(text) and ((item and len(text[0]) == 1) or part)  # value[-2:] == ".5": a slice of a string
