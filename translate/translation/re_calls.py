"""Python's ``re`` calls that a translation turned into JavaScript string and RegExp methods, put back.

``if re.search(rule, word): return re.sub(rule, replacement, word)`` came back as ``if (rule.test(word)) return
word.replace(rule, replacement);`` (inflection's ``pluralize``). ``rule`` holds a pattern string in Python's
syntax: ``rule.test`` is a TypeError on a string, and ``word.replace(rule, ...)`` would replace the pattern's
text literally. Where the module has Python's ``re`` as the project's template (``python_re``: its name in the
file) and the Python source makes the very call with the same names (either case style), the JavaScript method
goes back to that call, which has Python's meaning:

- ``p.test(s)``, ``p.exec(s)``, ``s.match(p)`` -> ``re.search(p, s)`` (or ``re.match``/``re.fullmatch``, the one
  the source calls with ``p, s``);
- ``s.replace(p, r)``, ``s.replaceAll(p, r)`` -> ``re.sub(p, r, s)``;
- ``s.split(p)`` -> ``re.split(p, s)``.

Only plain names as arguments: a call on a literal pattern is the model's own JavaScript regex and stays.
"""
from __future__ import annotations

from translate.source.languages import Language, get_language
from translate.source.validate import normalize_name
from translate.translation.assemble import splice

_FINDERS = ("search", "match", "fullmatch")


def python_re_calls(source: str, re_name: str) -> set[tuple[str, tuple[str, ...]]]:
    """(function, normalized argument names) of each ``re_name.f(a, b, ...)`` call in Python ``source`` whose
    arguments are all plain names."""
    py = get_language("python")
    data = source.encode("utf-8")
    found: set[tuple[str, tuple[str, ...]]] = set()
    stack = [py.parse(data).root_node]
    while stack:
        n = stack.pop()
        stack.extend(n.children)
        if n.type != "call":
            continue
        fn, args = n.child_by_field_name("function"), n.child_by_field_name("arguments")
        if fn is None or args is None or fn.type != "attribute":
            continue
        obj, attr = fn.child_by_field_name("object"), fn.child_by_field_name("attribute")
        if obj is None or attr is None or data[obj.start_byte:obj.end_byte].decode("utf-8") != re_name:
            continue
        if all(a.type == "identifier" for a in args.named_children):
            found.add((data[attr.start_byte:attr.end_byte].decode("utf-8"),
                       tuple(normalize_name(data[a.start_byte:a.end_byte].decode("utf-8")) for a in args.named_children)))
    return found


def _restore(data: bytes, call, calls: set[tuple[str, tuple[str, ...]]], re_name: str) -> str | None:
    fn, args = call.child_by_field_name("function"), call.child_by_field_name("arguments")
    if fn is None or args is None or fn.type != "member_expression":
        return None
    obj, prop = fn.child_by_field_name("object"), fn.child_by_field_name("property")
    items = args.named_children
    if obj is None or prop is None or obj.type != "identifier" or any(a.type != "identifier" for a in items):
        return None
    text = lambda n: data[n.start_byte:n.end_byte].decode("utf-8")
    method, target, given = text(prop), text(obj), [text(a) for a in items]
    if method in ("test", "exec") and len(given) == 1:
        order = [target, given[0]]
        wanted: tuple[str, ...] = _FINDERS
    elif method == "match" and len(given) == 1:
        order, wanted = [given[0], target], _FINDERS
    elif method in ("replace", "replaceAll") and len(given) == 2:
        order, wanted = [given[0], given[1], target], ("sub",)
    elif method == "split" and len(given) == 1:
        order, wanted = [given[0], target], ("split",)
    else:
        return None
    key = tuple(normalize_name(o) for o in order)
    for f in wanted:
        if (f, key) in calls:
            return f"{re_name}.{f}({', '.join(order)})"
    return None


def restore_re_calls(text: str, target: Language, source: str, python_re: str | None,
                     source_re: str = "re") -> tuple[str, list[str]]:
    """``text`` (a JavaScript module) with the ``re`` calls of its Python ``source`` put back (see the module);
    ``python_re``: the template's name in the file, ``source_re``: ``re``'s name in the source. Notes."""
    if target.name != "javascript" or python_re is None:
        return text, []
    calls = python_re_calls(source, source_re)
    if not calls:
        return text, []
    data = text.encode("utf-8")
    edits: list[tuple[int, int, str]] = []
    notes: list[str] = []
    stack = [target.parse(data).root_node]
    while stack:
        n = stack.pop()
        new = _restore(data, n, calls, python_re) if n.type == "call_expression" else None
        if new is not None:
            was = data[n.start_byte:n.end_byte].decode("utf-8")
            edits.append((n.start_byte, n.end_byte, new))
            notes.append(f"line {n.start_point[0] + 1}: `{was}` is Python's `{new}` (a pattern from Python): kept")
            continue
        stack.extend(n.children)
    return splice(text, edits), notes
