"""Python's ``re`` calls that a Java answer wrote with java.util.regex, put back on the project's ``re`` class.

``translate repo`` gives a Python project that imports ``re`` a Java class ``re`` with Python's API
(translate/project/templates/re.java), shows it to each unit that uses it and asks for its calls to be kept
(``keep_calls``). The 1.5B still wrote inflection's ``re.sub(rule, replacement, word)`` as
``Pattern.compile(rule.getKey(), Pattern.CASE_INSENSITIVE).matcher(word).replaceAll(rule.getValue())``: the
replacements come from the module's tables in Python's syntax (``\\1``), which Java's ``replaceAll`` reads as
an escaped ``1`` (``passersby`` -> ``1sby``). Where the unit's source makes that very call (``re.sub`` /
``re.search`` in ``keep_calls``), the Java form goes back to it:

- ``Pattern.compile(p[, flags]).matcher(s).replaceAll(r)`` -> ``re.sub(p, r, s[, 0, flags])``
  (``replaceFirst``: count 1);
- ``s.replaceAll(p, r)`` (String's) -> ``re.sub(p, r, s)`` (``replaceFirst``: count 1);
- ``Pattern.compile(p[, flags]).matcher(s).find()`` -> ``(re.search(p, s[, flags]) != null)``.

The class takes Java's ``$1`` where Python's ``\\1`` is meant too, so an answer that had converted its
templates keeps working. Flags other than Pattern's case, multiline and dotall leave the call as it is.
"""
from __future__ import annotations

from translate.source.languages import Language
from translate.translation.assemble import splice

_FLAGS = {"CASE_INSENSITIVE": "re.IGNORECASE", "MULTILINE": "re.MULTILINE", "DOTALL": "re.DOTALL"}
_PATTERN = ("Pattern", "java.util.regex.Pattern")


def _call_parts(data: bytes, node) -> tuple[object, str, list] | None:
    """(object node or None, method name, argument nodes) of a ``method_invocation``."""
    if node is None or node.type != "method_invocation":
        return None
    name, args = node.child_by_field_name("name"), node.child_by_field_name("arguments")
    if name is None or args is None:
        return None
    return node.child_by_field_name("object"), data[name.start_byte:name.end_byte].decode("utf-8"), args.named_children


def _flags(data: bytes, node) -> str | None:
    """Pattern's flags expression as the ``re`` class's (``Pattern.CASE_INSENSITIVE | Pattern.DOTALL``)."""
    text = data[node.start_byte:node.end_byte].decode("utf-8")
    out = []
    for part in text.split("|"):
        owner, _, flag = part.strip().rpartition(".")
        if owner not in _PATTERN or flag not in _FLAGS:
            return None
        out.append(_FLAGS[flag])
    return " | ".join(out)


def _compiled(data: bytes, node) -> tuple[str, str | None] | None:
    """(pattern text, flags or None) of ``Pattern.compile(p[, flags]).matcher(...)``'s receiver."""
    parts = _call_parts(data, node)
    if parts is None or parts[1] != "compile" or parts[0] is None or not 1 <= len(parts[2]) <= 2:
        return None
    owner = data[parts[0].start_byte:parts[0].end_byte].decode("utf-8")
    if owner not in _PATTERN:
        return None
    flags = _flags(data, parts[2][1]) if len(parts[2]) == 2 else None
    if len(parts[2]) == 2 and flags is None:
        return None
    return data[parts[2][0].start_byte:parts[2][0].end_byte].decode("utf-8"), flags


def _rewrite(data: bytes, node, sub: bool, search: bool) -> str | None:
    parts = _call_parts(data, node)
    if parts is None:
        return None
    obj, method, args = parts
    text = lambda n: data[n.start_byte:n.end_byte].decode("utf-8")
    count = "1" if method == "replaceFirst" else "0"
    matcher = _call_parts(data, obj)
    if matcher is not None and matcher[1] == "matcher" and len(matcher[2]) == 1:
        compiled = _compiled(data, matcher[0])
        if compiled is None:
            return None
        pattern, flags = compiled
        subject = text(matcher[2][0])
        if sub and method in ("replaceAll", "replaceFirst") and len(args) == 1:
            tail = f", {count}, {flags}" if flags else (", 1" if count == "1" else "")
            return f"re.sub({pattern}, {text(args[0])}, {subject}{tail})"
        if search and method == "find" and not args:
            return f"(re.search({pattern}, {subject}{', ' + flags if flags else ''}) != null)"
        return None
    if sub and method in ("replaceAll", "replaceFirst") and len(args) == 2 and obj is not None:
        tail = ", 1" if count == "1" else ""
        return f"re.sub({text(args[0])}, {text(args[1])}, {text(obj)}{tail})"
    return None


def restore_java_re(code: str, target: Language, keep_calls: list[str]) -> tuple[str, list[str]]:
    """``code`` (a Java answer) with the java.util.regex forms of the calls in ``keep_calls`` put back on the
    project's ``re`` class (see the module); notes."""
    sub, search = "re.sub" in keep_calls, "re.search" in keep_calls
    if target.name != "java" or not (sub or search) or not ("replace" in code or ".find()" in code):
        return code, []
    data = code.encode("utf-8")
    edits: list[tuple[int, int, str]] = []
    notes: list[str] = []
    stack = [target.parse(data).root_node]
    while stack:
        n = stack.pop()
        new = _rewrite(data, n, sub, search) if n.type == "method_invocation" else None
        if new is None:
            stack.extend(n.children)
            continue
        was = " ".join(data[n.start_byte:n.end_byte].decode("utf-8").split())
        edits.append((n.start_byte, n.end_byte, new))
        notes.append(f"line {n.start_point[0] + 1}: `{was}` is the source's `{new.strip('()').split('(')[0]}`: kept")
    return (splice(code, edits), notes) if edits else (code, [])
