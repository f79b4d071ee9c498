"""Python keyword arguments whose names the translation dropped, put back in their parameters' places.

JavaScript has no keyword arguments, and a model translating ``colored("text", on_color=c)`` often writes
``colored("text", c)``: the value lands in ``color``, the second parameter, not ``on_color``, the third. The
answer parses and runs; the result is wrong (termcolor's migrated ``test_on_color``: ``\\x1b[undefinedm``).

The source says where each value belongs, so the fix is certain under narrow conditions. The calls of one
project function (the symbol map knows its parameters, ``signatures``) are paired in document order between the
source file's units and the written file, only when both have the same number of them. A pair is rewritten when
the source call has ``p`` positional arguments and keywords ``k1, k2, ...`` (no ``*``/``**`` spreads), named
parameters in that order (so the translation's order, whichever the model followed, is that one), and the
translation passes exactly ``p + len(k)`` plain arguments in which some keyword sits before its parameter's
position: the gaps get ``undefined`` (the parameter's default). ``colored("text", c)`` -> ``colored("text",
undefined, c)``.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

from translate.source.languages import Language, get_language
from translate.translation.assemble import splice
from translate.translation.naming import target_name
from translate.translation.records import FAILED, UnitRecord


@dataclass(frozen=True)
class _SourceCall:
    callee: str  # the target spelling: ``colored``, ``termcolor.colored``
    positional: int
    keywords: tuple[str, ...] | None  # target names; None: a spread, or a shape we do not pair


def _source_calls(units: list[UnitRecord], locals_: dict[str, str], target: Language,
                  signatures: dict[str, list[str]]) -> list[_SourceCall]:
    python = get_language("python")
    found: list[_SourceCall] = []
    for rec in units:
        if rec.status == FAILED or not rec.output:
            continue
        data = textwrap.dedent(rec.source).encode("utf-8")
        stack = [python.parse(data).root_node]
        calls = []
        while stack:
            node = stack.pop()
            if node.type == "call":
                calls.append(node)
            stack.extend(reversed(node.children))
        for call in calls:
            fn, args = call.child_by_field_name("function"), call.child_by_field_name("arguments")
            if fn is None or args is None or args.type != "argument_list":
                continue
            callee = _callee(data[fn.start_byte:fn.end_byte].decode("utf-8"), locals_, target)
            if callee not in signatures:
                continue
            items = [a for a in args.named_children if a.type != "comment"]
            positional = sum(1 for a in items if a.type not in ("keyword_argument", "list_splat",
                                                                   "dictionary_splat"))
            names = [a.child_by_field_name("name") for a in items if a.type == "keyword_argument"]
            keywords: tuple[str, ...] | None = tuple(
                target_name(data[n.start_byte:n.end_byte].decode("utf-8"), "function", target)
                for n in names if n is not None)
            if any(a.type in ("list_splat", "dictionary_splat") for a in items) or \
                    any(a.type == "keyword_argument" for a in items[:positional]):
                keywords = None
            found.append(_SourceCall(callee, positional, keywords))
    return found


def _callee(text: str, locals_: dict[str, str], target: Language) -> str:
    """The target spelling of a Python callee ``f`` or ``module.f``."""
    head, _, attr = text.partition(".")
    if not attr:
        return locals_.get(head, target_name(head, "function", target))
    if "." in attr:
        return text
    return f"{locals_.get(head, head)}.{target_name(attr, 'function', target)}"


def _placed(args: list[str], call: _SourceCall, params: list[str]) -> list[str] | None:
    """``args`` with the keyword values moved to their parameters' positions, or None (see the module)."""
    if call.keywords is None or not call.keywords or len(args) != call.positional + len(call.keywords):
        return None
    params = params[:-1] if params[-1:] == ["**"] else params
    if any(k not in params for k in call.keywords):
        return None
    at = [params.index(k) for k in call.keywords]
    if at[0] < call.positional or any(b <= a for a, b in zip(at, at[1:])):
        return None
    if at == list(range(call.positional, call.positional + len(at))):
        return None  # nothing before its place
    out = args[:call.positional] + ["undefined"] * (at[-1] + 1 - call.positional)
    for value, i in zip(args[call.positional:], at):
        out[i] = value
    return out


def place_dropped_keywords(text: str, units: list[UnitRecord], target: Language, locals_: dict[str, str],
                           signatures: dict[str, list[str]]) -> tuple[str, list[str]]:
    """(fixed text, notes) for the written JavaScript ``text`` of a Python file's ``units``."""
    if target.name != "javascript" or not signatures:
        return text, []
    by_callee: dict[str, list[_SourceCall]] = {}
    for c in _source_calls(units, locals_, target, signatures):
        by_callee.setdefault(c.callee, []).append(c)
    if not any(c.keywords for calls in by_callee.values() for c in calls):
        return text, []
    data = text.encode("utf-8")
    tree = target.parse(data)
    if tree.root_node.has_error:
        return text, []
    written: dict[str, list] = {}
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "call_expression" and (fn := node.child_by_field_name("function")) is not None:
            name = data[fn.start_byte:fn.end_byte].decode("utf-8")
            if name in by_callee:
                written.setdefault(name, []).append(node)
        stack.extend(reversed(node.children))
    edits: list[tuple[int, int, str]] = []
    notes: list[str] = []
    for callee, calls in by_callee.items():
        nodes = written.get(callee, [])
        if len(nodes) != len(calls):
            continue
        for call, node in zip(calls, nodes):
            args_node = node.child_by_field_name("arguments")
            items = [a for a in args_node.named_children if a.type != "comment"] if args_node is not None else []
            if any(a.type in ("spread_element", "assignment_expression") for a in items):
                continue
            placed = _placed([data[a.start_byte:a.end_byte].decode("utf-8") for a in items], call,
                             signatures[callee])
            if placed is not None:
                new = f"({', '.join(placed)})"
                edits.append((args_node.start_byte, args_node.end_byte, new))
                notes.append(f"line {node.start_point[0] + 1}: keyword arguments of the source put in their "
                             f"places: `{callee}{new}`")
    return (splice(text, edits) if edits else text), notes
