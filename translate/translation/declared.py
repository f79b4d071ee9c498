"""A target declaration the callers fix: shown to the model, and its types checked in the answer.

HumanEval-X's translation protocol (CodeGeeX) gives the target-language declaration of each task's function
with the source; a migration whose callers are already written gives the same fact. Where the caller knows it
(``translate eval humaneval-x --target-declaration``), the unit's prompt shows the declared header and, for
targets that write types before names (Java, C, C++, C#), an answer whose parameter or return types differ
from it gets a repair turn: ``List<Float>`` where the callers pass ``List<Double>`` does not compile there.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from contextvars import ContextVar

from translate.source.languages import Language
from translate.source.validate import normalize_name

# (source path, unit name) -> the declared target header of that unit, or "" (none)
DECLARED: ContextVar[Callable[[str | None, str], str] | None] = ContextVar("translate_declared", default=None)

TYPED_FIRST = frozenset({"java", "cpp", "c", "csharp"})  # targets whose headers read ``type name(type arg)``
_MODIFIERS = re.compile(r"\b(public|private|protected|static|final|inline|constexpr|virtual|synchronized|abstract|"
                        r"extern|override|template\s*<[^>]*>)\b\s*")
_CALL = re.compile(r"\b(\w+)\s*\(")
_DEFINES = re.compile(r"\b(\w+)\s*[(=]")  # ``f(`` or JavaScript's ``const f = (...) =>``


def declared_for(path: str | None, name: str) -> str:
    provider = DECLARED.get()
    return provider(path, name) if provider is not None else ""


def header(declaration: str, name: str) -> str:
    """The header of function ``name`` (any naming style) in a declaration: from its line to the end, without
    the opening ``{`` or Python's ``:`` (``public boolean f(List<Double> xs)``); "" when it is not there."""
    lines = declaration.rstrip().split("\n")
    for i in range(len(lines) - 1, -1, -1):
        if any(normalize_name(m.group(1)) == normalize_name(name) for m in _DEFINES.finditer(lines[i])):
            text = "\n".join(line.rstrip() for line in lines[i:]).strip()
            return re.sub(r"\s*(\{|=>\s*\{|:)\s*$", "", text)
    return ""


def _split(params: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in params:
        depth += ch in "<([" and 1 or 0
        depth -= ch in ">)]" and 1 or 0
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return [p for p in (*out, cur) if p.strip()]


def _type(text: str) -> str:
    text = _MODIFIERS.sub("", text.split("=")[0])
    text = re.sub(r"\bconst\b|&|\bstd\s*::\s*|\bjava\.(?:util|lang)\.", " ", text)  # what names the same type
    text = re.sub(r"\s*([<>,*\[\]])\s*", r"\1", " ".join(text.split()))
    return text


def types(code: str, name: str) -> tuple[str, list[str]] | None:
    """(return type, parameter types) of the definition of ``name`` in ``code`` (a header or a whole answer), for
    languages that write the type first; ``None`` when there is none."""
    return next(all_types(code, name), None)


def all_types(code: str, name: str):
    """(return type, parameter types) of each definition of ``name`` in ``code`` (its overloads), in order."""
    for m in _CALL.finditer(code):
        if normalize_name(m.group(1)) != normalize_name(name):
            continue
        start = code.rfind("\n", 0, m.start()) + 1
        before = re.split(r"[;{}(),=]", code[start:m.start()])[-1]
        ret = _type(before)
        if not ret or ret.split()[-1] in ("return", "new", "else", "throw") or before.rstrip().endswith((".", "->")):
            continue  # a call, not the definition
        depth, end = 0, m.end() - 1
        for end in range(m.end() - 1, len(code)):
            depth += {"(": 1, ")": -1}.get(code[end], 0)
            if depth == 0:
                break
        params = [p.split("=")[0].strip() for p in _split(code[m.end():end]) if p.strip() != "void"]
        yield ret, [_type(" ".join(p.split()[:-1]) if len(p.split()) > 1 else p) for p in params]


def declared_problem(answer: str, declared: str, target: Language, name: str) -> str | None:
    """A repair turn's problem when the answer's types differ from the declared header's, else ``None``."""
    if not declared or target.name not in TYPED_FIRST:
        return None
    want, got = types(declared, name), types(answer, name)
    if want is None or got is None or want in all_types(answer, name):  # one of its overloads is the declared one
        return None
    have = ", ".join(got[1])
    return (f"its callers use the declaration `{declared}`: keep its parameter and return types exactly "
            f"(the answer has `{got[0]} {name}({have})`)")


def declared_kinds(declaration: str, name: str) -> list[str | None] | None:
    """Each parameter's input kind (translate.oracle.inputs: ``str``, ``list[int]``...) as the declared target
    header of ``name`` types it, None for a type that builds no input (``Object``); None without a typed header.
    A Python source's inputs are voted with these (``hex_key(num)`` declared ``int hexKey(String num)``)."""
    from translate.oracle import cpp_types, java_values

    found = types(header(declaration, name), name) if declaration else None
    if found is None:
        return None
    kinds: list[str | None] = []
    for t in found[1]:
        try:
            kind = java_values.kind(t)
        except Exception:  # a type Java's reader does not know: C++'s may
            kind = "!"
        if kind.startswith("!"):
            try:
                kind = cpp_types.kind(cpp_types.parse_type(t))
            except Exception:
                kind = "!"
        kinds.append(None if kind.startswith("!") else kind.lstrip("?"))
    return kinds
