"""Inputs for a Python source function: its documented examples, literal calls of it, generated values.

Order: examples from its docstring and comments (``>>> f(2, 3)``, ``f(2, 3) == 5``), literal calls of it in
the same file (every argument a literal), then values generated from each parameter's type. The type is
voted from the annotation, the documented examples, the default, how the body uses the parameter and its
name; edge values come first (0, 1, -1, empty, one element, large). Nothing here runs the code: the
recorder (:mod:`translate.oracle.record`) keeps only the inputs the source accepts.
"""
from __future__ import annotations

import ast
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from translate.oracle import numeric_text
from translate.oracle.cases import Case
from translate.oracle.domain import stated_domain
from translate.oracle.fit import fitted
from translate.oracle.parens import closing_paren
from translate.oracle.seeds import literals_in, seeded_texts, table_literals
from translate.oracle.usage import usage
from translate.source import pyast

DEFAULT_LIMIT = 12

_POOLS: dict[str, tuple[Any, list[Any]]] = {  # kind -> (typical value, edge values first)
    "int": (3, [0, 1, -1, 2, -7, 10**6, 10, -12, 5, 99, 1024]),
    "float": (2.5, [0.0, 1.5, -2.25, 0.001, 1e6, -0.5, 10.0, 3.14159]),
    "str": ("hello", ["", "a", "abc", "Hello World", "racecar", "a,b;c d", "AbC", "aaa", "Zz9 !", "2B 7d:E3"]),
    "bool": (True, [False, True]),
    "list[int]": ([3, 1, 2], [[], [1], [3, 1, 2], [-1, 0, 5], [4, 4, 4], [10, -3, 7, 2, 8], [9, 5, 2]]),
    "list[float]": ([1.0, 2.5], [[], [2.0, 2.0], [1.5], [0.5, -2.0, 3.25], [4.5, 2.0, -1.25], [0.5, 1.0, 2.5]]),
    # (a repeated value early; increasing and decreasing runs: a test of order sees both ways)
    "list[str]": (["x", "yz"], [[], ["a"], ["b", "a", "c"], ["a", "a"], ["Hello", "", "world"]]),
    "list[list[int]]": ([[1, 2], [3]], [[], [[1]], [[1, 2], [3, 4]], [[], [5]]]),
    "dict[str,int]": ({"a": 1, "b": 2}, [{}, {"a": 1}, {"x": -2, "y": 3}]),
    "dict[str,str]": ({"a": "x", "b": "yz"}, [{}, {"a": ""}, {"k": "v", "A": "b"}]),
    "list[bool]": ([True, False], [[], [True], [False, False], [True, False, True]]),
    "char": ("a", ["a", "z", "A", "0", " ", "?"]),  # Java/C++ sources: a str of length 1
}
_FUNC_NAMES = re.compile(r"^(f|fn|func|function|key|callback|cb|predicate|pred|cmp|op|handler)$")
_STR_NAMES = re.compile(r"^(s|s\d|t|text|string|word|name|prefix|suffix|sep|line|sentence|char|ch|c|pattern"
                        r"|txt|msg|message|str\w*|\w*_str|\w*_string|\w*_name|\w*text)$")
_LIST_NAMES = re.compile(r"^(xs|ys|arr|array|lst|l|nums|numbers|items|values|data|seq|sequence|elements|vec"
                         r"|list\w*|\w*_list|\w*s)$")
_BOOL_NAMES = re.compile(r"^(flag|is_\w+|has_\w+|\w*_flag|reverse|strict|verbose)$")
_FLOAT_NAMES = re.compile(r"^(threshold|rate|ratio|eps|epsilon|tol|tolerance|alpha|beta|weight|price|amount)$")


class NoInputs(Exception):
    """The function's inputs cannot be produced from simple values (the message says why)."""


@dataclass
class Signature:
    params: list[str]
    defaults: dict[str, Any] = field(default_factory=dict)  # literal defaults only
    annotations: dict[str, ast.expr] = field(default_factory=dict)
    variadic: bool = False


def find_function(tree: ast.Module, name: str) -> ast.FunctionDef | None:
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            return node  # type: ignore[return-value]
    return None


def signature(fn: ast.FunctionDef) -> Signature:
    a = fn.args
    positional = [*a.posonlyargs, *a.args]
    sig = Signature([p.arg for p in positional], variadic=bool(a.vararg or a.kwarg or a.kwonlyargs))
    for p, d in zip(positional[len(positional) - len(a.defaults):], a.defaults):
        try:
            sig.defaults[p.arg] = ast.literal_eval(d)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            pass
    sig.annotations = {p.arg: p.annotation for p in positional if p.annotation is not None}
    return sig


def call_text(name: str, args: list[Any]) -> str:
    return f"{name}({', '.join(repr(a) for a in args)})"


# --- documented examples and literal calls -------------------------------------------------------------

def _call_args(call: ast.Call, sig: Signature) -> list[Any] | None:
    """The positional arguments of a call whose every argument is a literal, else ``None``."""
    try:
        if any(isinstance(a, ast.Starred) for a in call.args):
            return None
        args = [ast.literal_eval(a) for a in call.args]
        named = {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg}
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    if len(call.keywords) != len(named) or len(args) > len(sig.params):
        return None
    for p in sig.params[len(args):]:
        if p in named:
            args.append(named.pop(p))
        elif p in sig.defaults:
            args.append(sig.defaults[p])
        else:
            return None
    return None if named else args


def documented_calls(text: str, name: str, sig: Signature) -> list[list[Any]]:
    """Literal calls of ``name`` in a docstring or comments: ``>>> f(2, 3)``, ``f(2, 3) == 5``."""
    out: list[list[Any]] = []
    for raw in text.split("\n"):
        line = re.sub(r"^\s*(>>>|\.\.\.|#)\s?", "", raw)
        for m in re.finditer(rf"(?<![\w.]){re.escape(name)}\s*\(", line):
            end = closing_paren(line, m.end() - 1)
            if end is None:
                continue
            try:
                node = pyast.parse_expression(line[m.start():end]).body
            except (SyntaxError, ValueError, MemoryError, RecursionError):
                continue
            if isinstance(node, ast.Call):
                args = _call_args(node, sig)
                if args is not None:
                    out.append(args)
    return out


_STATED = re.compile(r"^\s*(?:Input\s*:|For)\s+(.+)$", re.IGNORECASE)
_STATED_END = re.compile(r"\s+(?:the|then|output|should|returns?)\b|\s*(?:->|=>|#)|\s*[,.]?\s*$", re.IGNORECASE)


def stated_inputs(text: str, sig: Signature) -> list[list[Any]]:
    """Inputs stated in words: ``Input: arr = [1, 2], k = 3``, ``Input: [4, 2]``, ``For lst = [1, 2] the output
    should be 3`` (names must be the parameters'; every value a literal)."""
    out: list[list[Any]] = []
    for line in text.split("\n"):
        m = _STATED.match(line)
        if not m:
            continue
        rest = m.group(1)
        for end in _STATED_END.finditer(rest):
            try:
                node = pyast.parse_expression(f"_f({rest[:end.start()].rstrip(',')})").body
            except (SyntaxError, ValueError, MemoryError, RecursionError):
                continue
            args = _call_args(node, sig) if isinstance(node, ast.Call) else None
            if args is not None:
                out.append(args)
                break
    return out


def literal_calls(tree: ast.Module, name: str, sig: Signature) -> list[list[Any]]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name:
            args = _call_args(node, sig)
            if args is not None:
                out.append(args)
    return out


def _doc_text(source: str, fn: ast.FunctionDef) -> str:
    parts = [ast.get_docstring(fn, clean=True) or ""]
    lines = source.split("\n")
    first = min([fn.lineno, *(d.lineno for d in fn.decorator_list)]) - 1
    above = first
    while above > 0 and lines[above - 1].lstrip().startswith("#"):
        above -= 1
    for line in lines[above:(fn.end_lineno or fn.lineno)]:
        if "#" in line:
            parts.append(line.split("#", 1)[1])
    return "\n".join(parts)


# --- types -----------------------------------------------------------------------------------------------

def _annotation_kind(node: ast.expr) -> str | None:
    """``int``, ``list[int]``, ``?str`` (Optional), ``!Foo`` (a type we cannot build), or ``None``."""
    text = ast.unparse(node).replace("typing.", "").replace(" ", "")
    opt = ""
    m = re.fullmatch(r"Optional\[(.+)\]", text) or re.fullmatch(r"(.+)\|None", text) or re.fullmatch(r"None\|(.+)", text)
    if m:
        opt, text = "?", m.group(1)
    text = re.sub(r"^(List|Sequence|Iterable|Tuple|tuple|MutableSequence)\b", "list", text)
    text = re.sub(r"^Dict\b|^Mapping\b", "dict", text)
    text = re.sub(r"\b(List|Sequence)\[", "list[", text).replace(",...]", "]")
    text = {"list": "list[int]", "dict": "dict[str,int]", "dict[str,float]": "dict[str,int]"}.get(text, text)
    if re.fullmatch(r"list\[(int|float|str|bool)(,\1)*\]", text):
        text = "list[" + text[5:].split(",")[0].rstrip("]") + "]"
    if text in _POOLS:
        return opt + text
    return "!" + text


def _value_kind(v: Any) -> str | None:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float, str)):
        return type(v).__name__
    if isinstance(v, (list, tuple)):
        inner = {_value_kind(x) for x in v}
        if not inner:
            return "list[int]"
        if inner == {"int", "float"}:
            return "list[float]"
        k = f"list[{inner.pop()}]" if len(inner) == 1 else None
        return k if k in _POOLS else None
    if isinstance(v, dict) and all(isinstance(k, str) for k in v):
        return "dict[str,int]"
    return None


def param_kinds(fn: ast.FunctionDef, sig: Signature, examples: list[list[Any]],
                hints: list[str | None] | None = None) -> list[str]:
    """One kind per parameter (``int``, ``?list[int]``...); :class:`NoInputs` when one cannot be built.
    ``hints``: a kind per parameter from the target's declared header (or None): where given, the kind (the
    target takes nothing else)."""
    kinds = []
    for i, p in enumerate(sig.params):
        votes: Counter = Counter()
        if hints and len(hints) == len(sig.params) and hints[i] in _POOLS:  # what the target takes: decisive
            votes[hints[i]] += 1000
        if p in sig.annotations:
            votes[_annotation_kind(sig.annotations[p])] += 10
        for ex in examples:
            votes[_value_kind(ex[i])] += 8
        if p in sig.defaults:
            votes[_value_kind(sig.defaults[p])] += 6
        votes.update(usage(fn, p))
        name = p.lower()
        for pattern, kind in ((_FUNC_NAMES, "!function"), (_BOOL_NAMES, "bool"), (_STR_NAMES, "str"),
                              (_FLOAT_NAMES, "float"), (_LIST_NAMES, "list[int]")):
            if pattern.match(name):
                votes[kind] += 2
                break
        votes.pop(None, None)
        kind = votes.most_common(1)[0][0] if votes else "int"
        if kind.startswith("!"):
            raise NoInputs(f"parameter {p} is {'a function' if kind == '!function' else 'of type ' + kind[1:]}")
        if kind == "str":
            kind = numeric_text.refine(ast.unparse(fn), p)
        if p in sig.defaults and sig.defaults[p] is None and not kind.startswith("?"):
            kind = "?" + kind
        kinds.append(kind)
    return kinds


def _pool(kind: str, texts: list[str] | None = None) -> tuple[Any, list[Any]]:
    base = kind.lstrip("?")
    typical, edges = numeric_text.pool(base) if base.startswith("str:") else _POOLS[base]
    if base == "str" and texts:  # the source's own literals after the first few edge values (translate.oracle.seeds)
        edges = [*edges[:3], *(t for t in texts if t not in edges), *edges[3:]]
    return typical, ([None, *edges] if kind.startswith("?") else list(edges))


def generate(kinds: list[str], budget: int, texts: list[str] | None = None) -> list[list[Any]]:
    """Up to ``budget`` argument lists: all typical, then one parameter at a time through its edge values
    (the others typical), then combinations by increasing index sum (edge values first). ``texts``: texts
    seeded from the source's literals, tried for its string parameters."""
    if not kinds:
        return [[]]
    pools = [_pool(k, texts) for k in kinds]
    out: list[list[Any]] = []
    seen: set[str] = set()

    def add(args: list[Any]) -> bool:
        key = repr(args)
        if key not in seen:
            seen.add(key)
            out.append(args)
        return len(out) >= budget

    if add([t for t, _ in pools]):
        return out
    for j in range(max(len(e) for _, e in pools)):
        for i, (_, edges) in enumerate(pools):
            if j < len(edges) and add([edges[j] if k == i else t for k, (t, _) in enumerate(pools)]):
                return out
    sizes = [len(e) for _, e in pools]
    for total in range(sum(sizes)):
        for idx in itertools.product(*(range(n) for n in sizes)):
            if sum(idx) == total and add([pools[k][1][x] for k, x in enumerate(idx)]):
                return out
        if len(out) >= budget or total > 12:
            break
    return out


def _variants(v: Any) -> list[Any]:
    """Neighbours of a documented value: shorter, reversed, shifted (the same alphabet as the example)."""
    if isinstance(v, bool):
        return [not v]
    if isinstance(v, int):
        return [v + 1, v - 1, -v]
    if isinstance(v, float):
        return [v * 2, -v]
    if isinstance(v, (str, list, tuple)) and len(v) > 1:
        return [v[: len(v) // 2], v[::-1], v[1:]]
    return []


def derived(examples: list[list[Any]]) -> list[list[Any]]:
    """Documented examples with one argument at a time replaced by a neighbour value."""
    out = []
    for j in range(3):
        for ex in examples:
            for i, v in enumerate(ex):
                alts = _variants(v)
                if j < len(alts):
                    out.append([alts[j] if k == i else x for k, x in enumerate(ex)])
    return out


def gather(source: str, name: str, *, limit: int = DEFAULT_LIMIT, given: list[list[Any]] | None = None,
           generated: bool = True, dropped: list[tuple[str, str]] | None = None,
           hints: list[str | None] | None = None) -> tuple[Signature, list[Case]]:
    """Candidate inputs for ``name`` in ``source`` (more than ``limit``: the recorder drops some). Generated
    inputs outside the domain the documentation states (:mod:`translate.oracle.domain`) are left out, each
    added to ``dropped`` with the reason.

    Raises :class:`NoInputs` when the function is missing or its parameters cannot be built."""
    try:
        tree = pyast.parse(source)
    except SyntaxError as exc:
        raise NoInputs(f"the source does not parse: {exc.msg} (line {exc.lineno})") from exc
    fn = find_function(tree, name)
    if fn is None:
        raise NoInputs(f"no top-level function {name} (methods need objects built from simple values)")
    sig = signature(fn)
    cases: list[Case] = [Case(list(a), "given") for a in given or []]
    doc = _doc_text(source, fn)
    cases += [Case(a, "doc") for a in documented_calls(doc, name, sig) + stated_inputs(doc, sig)]
    cases += [Case(a, "call") for a in literal_calls(tree, name, sig)]
    if hints and len(hints) == len(sig.params):
        cases = fitted(cases, hints)
    examples = [c.args for c in cases if len(c.args) == len(sig.params)]
    if generated and not sig.variadic:
        try:
            kinds = param_kinds(fn, sig, examples, hints)
        except NoInputs:
            if not cases:
                raise
            kinds = None
        if kinds is not None:
            domain = stated_domain(doc, sig.params, kinds)
            own = literals_in(ast.unparse(fn), python=True)
            texts = seeded_texts(own + [t for t in table_literals(tree, fn) if t not in own])
            chosen, outside = domain.choose(derived(examples), generate(kinds, 4 * limit if domain else 2 * limit, texts),
                                            limit)
            (dropped if dropped is not None else []).extend((call_text(name, a), why) for a, why in outside)
            cases += [Case(a, "generated") for a in chosen]
    elif not cases:
        raise NoInputs("variadic parameters (*args, **kwargs, keyword-only) and no documented examples")
    unique: dict[str, Case] = {}
    for c in cases:
        unique.setdefault(repr(c.args), c)
    return sig, list(unique.values())
