"""What a function's documentation states about its inputs, to keep generated inputs inside it.

A generated input outside the stated domain (``-2.5`` for "given a positive number", ``"hello"`` for "two
strings consisting only of 1s and 0s") makes a correct translation "differ" on a case the source was never
meant for, and sends it to a repair turn. Documented inputs are never filtered: only generated ones.

Read from sentences that describe inputs (they say *given*, *input*, *assume*, *takes*, *consisting*,
*where*, *constraints*, or start ``n (int):``), never from what the function returns ("return the positive
numbers" states nothing about the input):

- sign words: *positive* (> 0), *non-negative* / *natural* (>= 0), attributed to the parameter named within
  a few words after the word, else to the elements of a list parameter when the phrase names an array or
  list, else to every numeric parameter;
- *non-empty* (length >= 1), same attribution over strings and lists;
- *of equal length* / *the same length*: the sequence parameters have equal lengths;
- an alphabet: *consisting only of 1s and 0s*, *only digits*, *lowercase letters*, quoted characters
  (*a string of "(" and ")"*);
- written constraints whose names are all parameters, on a line of their own (``1. 1 <= len(arr) <= 100``) or in
  parentheses in such a sentence (``given k (0 <= k < len(s))``); never an ``if x > 0`` of the description.
"""
from __future__ import annotations

import ast
import operator
import re
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from translate.source import pyast

_INPUT_WORDS = re.compile(r"\b(given|input|inputs|assume|assuming|takes?|accepts?|receives?|consist\w*|where|"
                          r"constraints?|will be|you are|you're|guaranteed|arguments?|param|parameters?|args)\b",
                          re.I)
_SIGN = re.compile(r"\b(strictly\s+positive|positive|non-?negative|natural)\b", re.I)
_NOT_SIGN = re.compile(r"\b(non-?positive|positive\s+(?:or|and|/)\s+negative|negative\s+(?:or|and|/)\s+positive)\b",
                       re.I)
_NON_EMPTY = re.compile(r"\b(non-?empty|not\s+empty)\b", re.I)
_EQUAL_LENGTH = re.compile(r"\b(equal|same)\s+lengths?\b", re.I)
_ONLY = re.compile(r"\b(?:consist\w*|contain\w*|made|composed|string)\s+(?:only\s+)?of\s+(?:only\s+)?([^.;:]+)", re.I)
_ALPHABETS = [  # (phrase, characters), the first match wins
    (re.compile(r"\b(1s?\s+and\s+0s?|0s?\s+and\s+1s?|zeros?\s+and\s+ones?|ones?\s+and\s+zeros?|binary digits)\b", re.I),
     "01"),
    (re.compile(r"\blower-?\s?case\s+(english\s+)?(letters|characters|alphabets?)\b", re.I), string.ascii_lowercase),
    (re.compile(r"\bupper-?\s?case\s+(english\s+)?(letters|characters|alphabets?)\b", re.I), string.ascii_uppercase),
    (re.compile(r"\bdigits\b", re.I), string.digits),
    (re.compile(r"\b(english\s+)?letters\b", re.I), string.ascii_letters),
]
_QUOTED_CHAR = re.compile(r"""(['"])(.)\1""")
_OPS = {ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge}
_NUMERIC = ("int", "float")


@dataclass
class Domain:
    """Checks on one argument list; each ``(reason, check)``: the check says whether the args are inside."""
    checks: list[tuple[str, Callable[[list[Any]], bool]]] = field(default_factory=list)

    def outside(self, args: list[Any]) -> str | None:
        """Why ``args`` is outside the stated domain, or ``None`` when it is inside (or cannot be told)."""
        for reason, check in self.checks:
            try:
                inside = check(args)
            except Exception:  # a value of another shape than the statement assumed: not judged
                continue
            if not inside:
                return reason
        return None

    def split(self, cases: list[list[Any]]) -> tuple[list[list[Any]], list[tuple[list[Any], str]]]:
        """(the argument lists inside, (each one outside, why))."""
        inside, outside = [], []
        for args in cases:
            why = self.outside(args)
            if why is None:
                inside.append(args)
            else:
                outside.append((args, why))
        return inside, outside

    def choose(self, near: list[list[Any]], made: list[list[Any]], limit: int
               ) -> tuple[list[list[Any]], list[tuple[list[Any], str]]]:
        """The generated argument lists to run, inside the domain: up to ``limit // 2`` neighbours of documented
        examples (``near``), then ``made`` ones, ``2 * limit`` in all; and each one left out, with why."""
        near, out_near = self.split(near)
        made, out_made = self.split(made)
        near = near[:limit // 2]
        outside = [(args, f"outside the stated domain ({why})") for args, why in out_near + out_made]
        return [*near, *made[:2 * limit - len(near)]], outside

    def __bool__(self) -> bool:
        return bool(self.checks)


def _sentences(doc: str) -> list[str]:
    text = re.sub(r">>>[^\n]*\n?[^\n]*", " ", doc)  # examples are inputs already, not statements
    return [s for s in re.split(r"(?<=[.;!?])\s+|\n\s*\n", text) if s.strip()]


def _base(kind: str) -> str:
    return kind.lstrip("?").split(":")[0]  # "str:int" (numbers as text): a str


def _scalar_ok(v: Any, test: Callable[[float], bool]) -> bool:
    return v is None or isinstance(v, bool) or not isinstance(v, (int, float)) or test(v)


def _targets(sentence: str, end: int, params: list[str], kinds: list[str], want: tuple[str, ...]) -> list[int]:
    """Which parameters a phrase ending at ``end`` speaks of: one named within six words after it, else the
    parameters of a wanted kind (``scalar``, ``list``, ``str``) that the sentence names, else all of them."""
    after = re.findall(r"\w+", sentence[end:])[:6]
    for w in after:
        if w in params:
            return [params.index(w)]
    ok = [i for i, k in enumerate(kinds) if _shape(_base(k)) in want]
    named = [i for i in ok if re.search(rf"\b{re.escape(params[i])}\b", sentence)]
    return named or ok


def _shape(kind: str) -> str:
    if kind in _NUMERIC:
        return "scalar"
    if kind.startswith("list["):
        return "list"
    return kind


def _sign_checks(sentence: str, params: list[str], kinds: list[str]) -> list[tuple[str, Callable]]:
    out: list[tuple[str, Callable]] = []
    if _NOT_SIGN.search(sentence):
        return out
    for m in _SIGN.finditer(sentence):
        word = m.group(1).lower()
        test: Callable[[float], bool] = (lambda v: v > 0) if "positive" in word else (lambda v: v >= 0)
        label = "positive" if "positive" in word else "non-negative"
        nearby = " ".join(re.findall(r"\w+", sentence[m.end():])[:4]).lower()
        of_list = bool(re.search(r"\b(arrays?|lists?|sequences?|vectors?)\b", sentence[max(0, m.start() - 30):m.end() + 40],
                                 re.I)) and not re.match(r"(integer|number|float)s?\s+\w+\s*(,|$)", nearby)
        for i in _targets(sentence, m.end(), params, kinds, ("list",) if of_list else ("scalar", "list")):
            shape = _shape(_base(kinds[i]))
            if shape == "scalar":
                out.append((f"{params[i]} {label}", lambda a, i=i, t=test: _scalar_ok(a[i], t)))
            elif shape == "list" and _base(kinds[i]) in ("list[int]", "list[float]"):
                out.append((f"{params[i]}: {label} numbers",
                            lambda a, i=i, t=test: a[i] is None or all(_scalar_ok(v, t) for v in a[i])))
    return out


def _length_checks(sentence: str, params: list[str], kinds: list[str]) -> list[tuple[str, Callable]]:
    out: list[tuple[str, Callable]] = []
    for m in _NON_EMPTY.finditer(sentence):
        for i in _targets(sentence, m.end(), params, kinds, ("list", "str")):
            if _shape(_base(kinds[i])) in ("list", "str"):
                out.append((f"{params[i]} non-empty", lambda a, i=i: a[i] is None or len(a[i]) > 0))
    if _EQUAL_LENGTH.search(sentence):
        seqs = [i for i, k in enumerate(kinds) if _shape(_base(k)) in ("list", "str")]
        named = [i for i in seqs if re.search(rf"\b{re.escape(params[i])}\b", sentence)]
        group = named if len(named) >= 2 else seqs
        if len(group) >= 2:
            names = ", ".join(params[i] for i in group)
            out.append((f"{names} of equal length", lambda a, g=tuple(group): len({len(a[i]) for i in g}) == 1))
    return out


def _alphabet_checks(sentence: str, params: list[str], kinds: list[str]) -> list[tuple[str, Callable]]:
    m = _ONLY.search(sentence)
    if not m:
        return []
    phrase = m.group(1)
    chars = "".join(dict.fromkeys(c for _, c in _QUOTED_CHAR.findall(phrase)))
    if len(chars) < 2:
        chars = next((cs for pattern, cs in _ALPHABETS if pattern.search(phrase)), "")
    if not chars:
        return []
    if re.search(r"\bspaces?\b", phrase, re.I):
        chars += " "
    allowed = frozenset(chars)
    strs = [i for i, k in enumerate(kinds) if _base(k) in ("str", "list[str]")]
    named = [i for i in strs if re.search(rf"\b{re.escape(params[i])}\b", sentence)]
    out: list[tuple[str, Callable]] = []
    for i in named or strs:
        def inside(a: list[Any], i: int = i) -> bool:
            v = a[i]
            items = v if isinstance(v, list) else [v]
            return all(x is None or set(x) <= allowed for x in items)
        out.append((f"{params[i]} only of {''.join(sorted(allowed))!r}", inside))
    return out


def _eval(node: ast.expr, env: dict[str, Any]) -> Any:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.Name):
        return env[node.id]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len" and len(node.args) == 1:
        return len(_eval(node.args[0], env))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_eval(node.operand, env)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Pow)):
        ops = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Pow: operator.pow}
        return ops[type(node.op)](_eval(node.left, env), _eval(node.right, env))
    raise ValueError("not a constraint")


def _constraint(text: str, params: list[str]) -> tuple[str, Callable] | None:
    text = text.strip().rstrip(".,;").replace("≤", "<=").replace("≥", ">=")
    try:
        node = pyast.parse_expression(text).body
    except SyntaxError:
        return None
    if not isinstance(node, ast.Compare) or not all(type(op) in _OPS for op in node.ops):
        return None
    names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} - {"len"}
    if not names or not names <= set(params):
        return None

    def inside(a: list[Any], node: ast.Compare = node) -> bool:
        env = dict(zip(params, a))
        left = _eval(node.left, env)
        for op, right_node in zip(node.ops, node.comparators):
            right = _eval(right_node, env)
            if not _OPS[type(op)](left, right):
                return False
            left = right
        return True
    return text, inside


def _constraint_checks(doc: str, params: list[str]) -> list[tuple[str, Callable]]:
    """Constraints written on a line of their own (``1. 1 <= len(arr) <= 100``, ``* n >= 0``)."""
    out = []
    for line in doc.split("\n"):
        body = re.sub(r"^\s*(?:[-*•]|\d+[.)]|constraints?:)\s*", "", line, flags=re.I)
        found = _constraint(body, params) if re.search(r"<|>|≤|≥", body) else None
        if found:
            out.append(found)
    return out


def stated_domain(doc: str, params: list[str], kinds: list[str]) -> Domain:
    """The checks ``doc`` states about the inputs of a function with these parameters and kinds."""
    domain = Domain()
    if not doc or not params or len(kinds) != len(params):
        return domain
    for sentence in _sentences(doc):
        flat = " ".join(sentence.split())
        # a parameter's description: "n (int): ...", "brackets is a string of ...", "a and b are ..."
        described = re.match(rf"(?:{'|'.join(map(re.escape, params))})\b(?:\s*\([^)]*\))?\s*(?::|is an?\b|are\b)", flat)
        if not (_INPUT_WORDS.search(flat) or described):
            continue
        if re.match(r"(returns?|prints?|outputs?)\b", flat, re.I) and not re.search(r"\bgiven\b", flat, re.I):
            continue  # about the result
        domain.checks += _sign_checks(flat, params, kinds) + _length_checks(flat, params, kinds)
        domain.checks += _alphabet_checks(flat, params, kinds)
        for inner in re.findall(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)", flat):  # (1 <= k <= len(arr))
            found = _constraint(inner, params) if re.search(r"<|>|≤|≥", inner) else None
            if found:
                domain.checks.append(found)
    domain.checks += _constraint_checks(doc, params)
    return domain
