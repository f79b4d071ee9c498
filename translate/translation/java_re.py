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

The same calls written through locals (``Pattern p = Pattern.compile(k, flags); Matcher m = p.matcher(word); if
(m.find()) return m.replaceAll(v);``, another run's inflection ``pluralize``) are put in the chained form first
(:func:`inline_matchers`) where that changes nothing: the locals are used only there, every use of the matcher
is ``find()`` / ``replaceAll(r)`` / ``replaceFirst(r)``, and no name they read is assigned in the method.
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


def _declared(node, type_name: str) -> tuple[str, object] | None:
    """(name, value) of ``Type name = value;`` with one declarator."""
    if node.type != "local_variable_declaration":
        return None
    typ = node.child_by_field_name("type")
    decls = [c for c in node.named_children if c.type == "variable_declarator"]
    if typ is None or typ.text != type_name.encode() or len(decls) != 1:
        return None
    name, value = decls[0].child_by_field_name("name"), decls[0].child_by_field_name("value")
    return (name.text.decode(), value) if name is not None and value is not None and name.text else None


def _names(node) -> list:
    """The identifiers under ``node`` that name variables (not a method or field named after a dot)."""
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        stack.extend(n.children)
        up = n.parent
        named = up is not None and (up.type == "method_invocation" and up.child_by_field_name("name") == n
                                    or up.type == "field_access" and up.child_by_field_name("field") == n)
        if n.type == "identifier" and not named:
            out.append(n)
    return out


def _assigned(method) -> set[str]:
    """The names assigned (``=``, ``+=``, ``++``) anywhere in ``method``."""
    out: set[str] = set()
    stack = [method]
    while stack:
        n = stack.pop()
        stack.extend(n.children)
        target = n.child_by_field_name("left") if n.type == "assignment_expression" else (
            n.named_children[0] if n.type == "update_expression" and n.named_children else None)
        if target is not None and target.type == "identifier" and target.text:
            out.add(target.text.decode())
    return out


def inline_matchers(code: str, target: Language) -> str:
    """``code`` with each matcher held in locals written as the chained call at its uses (see the module)."""
    if target.name != "java" or "Matcher" not in code:
        return code
    data = code.encode("utf-8")
    text = lambda n: data[n.start_byte:n.end_byte].decode("utf-8")
    edits: list[tuple[int, int, str]] = []
    stack = [target.parse(data).root_node]
    while stack:
        method = stack.pop()
        if method.type not in ("method_declaration", "constructor_declaration"):
            stack.extend(method.children)
            continue
        assigned = _assigned(method)
        idents = _names(method)
        patterns: dict[str, tuple[object, object]] = {}
        walk = [method]
        while walk:
            n = walk.pop()
            walk.extend(reversed(n.children))
            if (pat := _declared(n, "Pattern")) is not None:
                patterns[pat[0]] = (n, pat[1])
                continue
            if (mat := _declared(n, "Matcher")) is None:
                continue
            name, value = mat
            parts = _call_parts(data, value)
            if parts is None or parts[1] != "matcher" or len(parts[2]) != 1 or parts[0] is None:
                continue
            drop = [n]
            receiver = parts[0]
            if receiver.type == "identifier" and text(receiver) in patterns:
                decl, compiled = patterns[text(receiver)]
                if sum(1 for i in idents if i.text == receiver.text) != 2:  # its declaration and this use
                    continue
                drop.append(decl)
            else:
                compiled = receiver
            if _compiled(data, compiled) is None:
                continue
            reads = {i.text.decode() for i in [*_names(compiled), *_names(parts[2][0])] if i.text}
            uses = [i for i in idents if i.text == name.encode() and i.start_byte >= n.end_byte]
            calls = [_call_parts(data, u.parent) if u.parent is not None and u.parent.child_by_field_name("object") == u
                     else None for u in uses]
            if (reads & assigned or name in assigned or not uses or sum(1 for i in idents if i.text == name.encode())
                    != len(uses) + 1 or any(c is None or not ((c[1] == "find" and not c[2]) or (
                        c[1] in ("replaceAll", "replaceFirst") and len(c[2]) == 1)) for c in calls)):
                continue
            chained = f"{text(compiled)}.matcher({text(parts[2][0])})"
            edits += [(u.start_byte, u.end_byte, chained) for u in uses]
            for d in drop:
                start, end = d.start_byte, d.end_byte
                while start > 0 and data[start - 1:start] in (b" ", b"\t"):
                    start -= 1
                if data[end:end + 1] == b"\n":
                    end += 1
                edits.append((start, end, ""))
    return splice(code, edits) if edits else code


def restore_java_re(code: str, target: Language, keep_calls: list[str]) -> tuple[str, list[str]]:
    """``code`` (a Java answer) with the java.util.regex forms of the calls in ``keep_calls`` put back on the
    project's ``re`` class (see the module); notes."""
    sub, search = "re.sub" in keep_calls, "re.search" in keep_calls
    if target.name != "java" or not (sub or search) or not ("replace" in code or ".find()" in code):
        return code, []
    code = inline_matchers(code, target)
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
