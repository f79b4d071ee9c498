"""A Python ``re.sub`` callback's match object carried into a JavaScript ``replace`` callback, put right.

``re.sub(r"(?:^|_)(.)", lambda m: m.group(1).upper(), string)`` came back as
``string.replace(/(?:^|_)(.)/g, function(m) { return m[1].toUpperCase(); })`` (inflection's ``camelize``;
``titleize`` the same). Python's callback gets a match object; JavaScript's gets the matched text first and the
groups after it as separate arguments, so ``m[1]`` is the match's second character (``undefined`` for a
one-character match). Where the Python source passes a callback to ``sub``/``subn``, a JavaScript
``replace``/``replaceAll`` callback with one plain parameter used only as ``m[N]`` (a number, some N >= 1) or
``m.group(N)`` takes its arguments as an array instead: ``(...m)``, so ``m[0]`` is the match and ``m[N]`` group N,
as the model meant; ``m.group(N)`` becomes ``m[N]``. A callback that reads its parameter as text
(``w[0].toUpperCase() + w.slice(1)``) stays.
"""
from __future__ import annotations

import re

from translate.source.languages import Language
from translate.source.validate import walk
from translate.translation.assemble import splice

_FUNCTIONS = ("function_expression", "function", "arrow_function")
_PY_SUB = re.compile(r"\bsubn?\(")  # a Python ``re.sub``/``pattern.sub`` call
_PY_MATCH_READ = re.compile(r"\.group\(|\blambda\b|\.groups\(")  # ... with a callback reading a match


def _param(fn) -> object | None:
    """The callback's single plain parameter node, or None."""
    single = fn.child_by_field_name("parameter")
    if single is not None:
        return single if single.type == "identifier" else None
    params = fn.child_by_field_name("parameters")
    named = params.named_children if params is not None else []
    return named[0] if len(named) == 1 and named[0].type == "identifier" else None


def _read(use) -> tuple[bool, tuple[int, int, str] | None] | None:
    """How one use of the parameter reads it: ``(group read, edit)``. ``m[N]`` (N a number): a group read when
    N >= 1, no edit; ``m.group(N)`` / ``m.group()``: a group read, edited to ``m[N]`` / ``m[0]``. None for any
    other use (the parameter is read as text: leave the callback)."""
    parent = use.parent
    if parent is None:
        return None
    if parent.type == "subscript_expression" and parent.child_by_field_name("object") == use:
        index = parent.child_by_field_name("index")
        if index is None or index.type != "number":
            return None
        return (index.text.isdigit() and int(index.text) >= 1), None
    if parent.type == "member_expression" and parent.child_by_field_name("object") == use:
        prop = parent.child_by_field_name("property")
        call = parent.parent
        if prop is None or prop.text != b"group" or call is None or call.type != "call_expression":
            return None
        args = call.child_by_field_name("arguments")
        named = args.named_children if args is not None else []
        if not named:
            return True, (call.start_byte, call.end_byte, f"{use.text.decode()}[0]")
        if len(named) == 1 and named[0].type == "number":
            return True, (call.start_byte, call.end_byte, f"{use.text.decode()}[{named[0].text.decode()}]")
    return None


def fix_replace_callbacks(text: str, target: Language, source: str) -> tuple[str, list[str]]:
    """``text`` (JavaScript) with its ``replace`` callbacks taking the groups (see the module)."""
    if target.name != "javascript" or ".replace" not in text or not (_PY_SUB.search(source) and _PY_MATCH_READ.search(source)):
        return text, []
    data = text.encode("utf-8")
    edits: list[tuple[int, int, str]] = []
    notes: list[str] = []
    for n in walk(target.parse(data).root_node):
        if n.type != "call_expression":
            continue
        fn, args = n.child_by_field_name("function"), n.child_by_field_name("arguments")
        prop = fn.child_by_field_name("property") if fn is not None and fn.type == "member_expression" else None
        named = args.named_children if args is not None else []
        if prop is None or prop.text not in (b"replace", b"replaceAll") or len(named) != 2 \
                or named[1].type not in _FUNCTIONS:
            continue
        callback = named[1]
        param = _param(callback)
        body = callback.child_by_field_name("body")
        if param is None or body is None:
            continue
        reads = [_read(u) for u in walk(body) if u.type == "identifier" and u.text == param.text]
        if not reads or any(r is None for r in reads) or not any(r[0] for r in reads if r is not None):
            continue
        name = param.text.decode()
        single = callback.child_by_field_name("parameter") is not None
        edits.append((param.start_byte, param.end_byte, f"(...{name})" if single else f"...{name}"))
        edits += [r[1] for r in reads if r is not None and r[1] is not None]
        notes.append(f"line {n.start_point[0] + 1}: the `replace` callback's `{name}` is Python's match object: "
                     f"it takes `...{name}` (`{name}[0]` the match, `{name}[1]` its first group)")
    return (splice(text, edits), notes) if edits else (text, [])
