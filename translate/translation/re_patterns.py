"""The source's regular expressions kept in a Java answer's calls of the project's ``re`` class.

``translate repo`` gives a Python project that imports ``re`` a Java class ``re`` with Python's API and Python's
pattern syntax (translate/project/templates/re.java), so a Python ``re.sub(r"([a-z\\d])([A-Z])", r"\\1_\\2",
word)`` has one certain Java: the same call with the same pattern, ``re.sub("([a-z\\\\d])([A-Z])", ...)``. The
1.5B wrote inflection's ``underscore`` with ``"(?i)([a-z\\\\d])([A-Z])"``: a flag of its own that makes every
letter pair match (``DeviceType`` -> ``d_ev_ic_et_y_p_e``), and kept it through its repair turns.

Where the unit's Python source and the answer make the same sequence of ``re`` calls (the same functions in the
same order), each answer call whose pattern is a string literal that says something else than the source's
literal pattern at that place gets the source's pattern back, written as a Java string. Patterns built at run
time (``'%s{2,}' % sep``), a different sequence of calls, or strings Java or Python would read differently
than plainly (unknown escapes) are left as they are. Flags and a count of 0 that the answer passes and the source
does not (``re.search(rule, word, re.IGNORECASE)`` for ``re.search(rule, word)``) are dropped the same way.
"""
from __future__ import annotations

import re

from translate.oracle.java_values import unescape
from translate.source.languages import Language, get_language
from translate.translation.assemble import splice
from translate.translation.java_literals import Unsupported, java_string_value, python_string_value

FUNCTIONS = frozenset({"sub", "subn", "search", "match", "fullmatch", "findall", "finditer", "split", "compile"})
_JAVA_ESCAPE = re.compile(r"\\(u+[0-9a-fA-F]{4}|[0-3]?[0-7]{1,2}|[btnfrs\"'\\])")  # escapes javac takes


def python_string(text: str) -> str | None:
    """The value of a plain or raw Python string literal; None for f-strings, bytes and unknown escapes."""
    try:
        return python_string_value(text)
    except Unsupported:
        return None


def java_string(text: str) -> str | None:
    """The value of a Java string literal (not a text block); None where it has an escape Java refuses."""
    if len(text) < 2 or text[0] != '"' or text[-1] != '"' or text.startswith('"""'):
        return None
    body = text[1:-1]
    return None if _JAVA_ESCAPE.sub("", body).count("\\") else unescape(body)


def _calls(root, call: str, owner: str, name: str, args: str) -> list[tuple[int, str, object, object]]:
    """(start, function, first argument node or None, argument list node) of each ``re.<function>(...)`` under
    ``root``."""
    out = []
    stack = [root]
    while stack:
        n = stack.pop()
        stack.extend(n.children)
        if n.type != call:
            continue
        if call == "call":  # Python: the function is an attribute ``re.x``
            fn = n.child_by_field_name("function")
            if fn is None or fn.type != "attribute":
                continue
            obj, attr = fn.child_by_field_name(owner), fn.child_by_field_name(name)
        else:  # Java: a method invocation on ``re``
            obj, attr = n.child_by_field_name(owner), n.child_by_field_name(name)
        if obj is None or attr is None or obj.text != b"re" or (attr.text or b"").decode() not in FUNCTIONS:
            continue
        arglist = n.child_by_field_name(args)
        first = arglist.named_children[0] if arglist is not None and arglist.named_children else None
        out.append((n.start_byte, (attr.text or b"").decode(), first, arglist))
    return sorted(out, key=lambda t: t[0])


def keep_source_patterns(code: str, target: Language, source: str) -> tuple[str, list[str]]:
    """``code`` (a Java answer) with the literal patterns of its ``re`` calls as in the Python ``source`` (see
    the module); notes."""
    if target.name != "java" or "re." not in code or "re." not in source:
        return code, []
    theirs = _calls(get_language("python").parse(source.encode("utf-8")).root_node, "call", "object",
                    "attribute", "arguments")
    data = code.encode("utf-8")
    ours = _calls(target.parse(data).root_node, "method_invocation", "object", "name", "arguments")
    if not ours or [c[1] for c in ours] != [c[1] for c in theirs]:
        return code, []
    edits: list[tuple[int, int, str]] = []
    notes: list[str] = []
    for (_, fn, _, my_args), (_, _, _, src_args) in zip(ours, theirs):
        extra = _added_flags(my_args, src_args)
        if extra is not None:
            edits.append(extra)
            notes.append(f"line {my_args.start_point[0] + 1}: re.{fn}'s flags and count the source does not pass: "
                         "dropped")
    for (_, fn, mine, _), (_, _, src, _) in zip(ours, theirs):
        if mine is None or src is None or mine.type != "string_literal" or src.type != "string":
            continue
        want, have = python_string((src.text or b"").decode()), java_string((mine.text or b"").decode())
        if want is None or have is None or want == have:
            continue
        edits.append((mine.start_byte, mine.end_byte, java_string_value(want)))
        notes.append(f"line {mine.start_point[0] + 1}: re.{fn}'s pattern {have!r} is the source's {want!r}: kept")
    return (splice(code, edits), notes) if edits else (code, [])


_FLAG = re.compile(r"^(re\.[A-Z]+(\s*\|\s*re\.[A-Z]+)*|0)$")


def _added_flags(mine, src) -> tuple[int, int, str] | None:
    """The edit dropping the trailing arguments an answer's call adds to the source's call where each is a flag
    of the ``re`` class or a count of 0 (Python's default): ``re.search(rule, word, re.IGNORECASE)`` where the
    source searches case-sensitively (inflection's irregular rules are case-sensitive patterns: ``Kine`` became
    ``kine``). None where the source passes keywords or the answer adds anything else."""
    if mine is None or src is None or any(a.type == "keyword_argument" for a in src.named_children):
        return None
    have, want = mine.named_children, src.named_children
    if len(have) <= len(want) or not want:
        return None
    if not all(_FLAG.match(" ".join((a.text or b"").decode().split())) for a in have[len(want):]):
        return None
    return have[len(want) - 1].end_byte, have[-1].end_byte, ""
