"""Python generator expressions and comprehensions a model carried into Java, written as streams.

The 1.5B, asked for ``Bundle`` of the sample project, answers ``String.join(", ", item.name for item in
this.items)`` (or ``", ".join(...)``): Python's generator inside a Java call, a syntax error that three turns and
a note about ``join`` did not fix in most recorded runs. The loop is certain where the Python source has a
generator or comprehension over the same loop variable and the answer's group reads ``BODY for VAR in ITER [if
COND]``; what it becomes depends on what consumes it, which the answer says:

- ``String.join(SEP, ...)`` / ``"SEP".join(...)`` -> ``ITER.stream().map(VAR -> String.valueOf(BODY))
  .collect(Collectors.joining(SEP))``;
- ``sum(...)`` -> ``.mapToInt``/``.mapToLong``/``.mapToDouble(VAR -> BODY).sum()`` (int where BODY's last name is
  declared an int or is a ``length()``/``size()``, else double);
- ``any(...)``/``all(...)`` -> ``.anyMatch``/``.allMatch``; ``max(...)``/``min(...)`` -> ``.max``/``.min`` in
  natural order; ``list(...)``, ``[...]``, ``new ArrayList<>(...)`` -> ``.collect(Collectors.toList())``;
  ``set(...)``, ``new HashSet<>(...)`` -> ``Collectors.toSet()``; ``sorted(...)`` -> sorted, to a list.

``ITER`` is streamed with ``.stream()`` (a Java collection), ``Arrays.stream(...)`` where the answer declares it an
array or it is a ``split(...)``, ``IntStream.range(...).boxed()`` for Python's ``range``; ``if COND`` is a
``filter``. The answer changes only where the result has fewer syntax errors than before.
"""
from __future__ import annotations

import re

from translate.source.languages import Language, get_language
from translate.source.validate import normalize_name, walk

_FOR = re.compile(r"\bfor\s+([A-Za-z_]\w*)\s+in\s+")
_CALLEE = re.compile(r'(new\s+\w+(?:<[^<>()]*>)?|String\.join|"(?:[^"\\\n]|\\.)*"\s*\.\s*join|[A-Za-z_][\w.]*)\s*$')
_INTS = ("int", "Integer", "short", "byte", "char")
_LONGS = ("long", "Long")
_STREAMS = "java.util.stream."
_OPEN, _CLOSE = "([{", ")]}"


def source_loop_names(source: str) -> frozenset[str]:
    """The loop variables (normalized) of the generator expressions and comprehensions in Python ``source``."""
    data = source.encode("utf-8")
    found: set[str] = set()
    for n in walk(get_language("python").parse(data).root_node):
        if n.type != "for_in_clause" or n.parent is None or n.parent.type not in (
                "generator_expression", "list_comprehension", "set_comprehension"):
            continue
        left = n.child_by_field_name("left")
        if left is not None and left.type == "identifier":
            found.add(normalize_name(data[left.start_byte:left.end_byte].decode("utf-8")))
    return frozenset(found)


def skip_string(text: str, i: int, step: int) -> int:
    """The index past the string or char literal whose quote is at ``i`` (scanning in direction ``step``)."""
    q = text[i]
    j = i + step
    while 0 <= j < len(text) and text[j] != "\n":
        if text[j] == q and (step > 0 and text[j - 1] != "\\" or step < 0 and (j == 0 or text[j - 1] != "\\")):
            return j + step
        j += step
    return j


def enclosing(text: str, at: int) -> tuple[int, int] | None:
    """(open, close) indexes of the innermost brackets around ``at``, or None."""
    depth, i = 0, at - 1
    while i >= 0:
        c = text[i]
        if c in "\"'":
            i = skip_string(text, i, -1)
            continue
        if c in _CLOSE:
            depth += 1
        elif c in _OPEN:
            if depth == 0:
                break
            depth -= 1
        elif c in ";" and depth == 0:
            return None
        i -= 1
    if i < 0:
        return None
    depth, j = 0, at
    while j < len(text):
        c = text[j]
        if c in "\"'":
            j = skip_string(text, j, 1)
            continue
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            if depth == 0:
                return (i, j) if _OPEN.index(text[i]) == _CLOSE.index(c) else None
            depth -= 1
        elif c == ";" and depth == 0:
            return None
        j += 1
    return None


def split_top(text: str, sep: str = ",") -> list[str]:
    """``text`` split at ``sep`` outside brackets and string literals."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        c = text[i]
        if c in "\"'":
            i = skip_string(text, i, 1)
            continue
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth -= 1
        elif c == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return parts


def _condition(cond: str) -> str:
    """Python's boolean words in a condition, as Java's operators."""
    cond = re.sub(r"\bis\s+not\s+None\b", "!= null", cond)
    cond = re.sub(r"\bis\s+None\b", "== null", cond)
    cond = re.sub(r"\band\b", "&&", cond)
    cond = re.sub(r"\bor\b", "||", cond)
    return re.sub(r"\bnot\s+", "!", cond)


def _stream(iterable: str, text: str) -> str:
    m = re.fullmatch(r"range\((.*)\)", iterable, re.S)
    if m:
        args = split_top(m.group(1))
        bounds = ", ".join(a.strip() for a in args) if len(args) == 2 else f"0, {args[0].strip()}"
        return f"{_STREAMS}IntStream.range({bounds}).boxed()" if len(args) <= 2 else ""
    name = iterable.rsplit(".", 1)[-1]
    array = re.search(r"\[\]\s+" + re.escape(name) + r"\b", text) or re.search(r"\.split\([^()]*\)$", iterable)
    return f"java.util.Arrays.stream({iterable})" if array else f"{iterable}.stream()"


def _numeric(body: str, text: str) -> str:
    """``Int``, ``Long`` or ``Double``: the stream a sum of ``body`` needs, from the type ``text`` declares for its
    last name."""
    if re.search(r"\.(length|size)\(\)$", body):
        return "Int"
    last = re.findall(r"\w+", body)
    decl = re.search(r"\b(\w+)\s+" + re.escape(last[-1]) + r"\b\s*[;=,)]", text) if last else None
    kind = decl.group(1) if decl else ""
    return "Int" if kind in _INTS else "Long" if kind in _LONGS else "Double"


def _rewrite(callee: str, args: list[str], var: str, text: str) -> str | None:
    """The stream for the call ``callee(args)`` whose last argument is a Python generator over ``var``."""
    m = re.fullmatch(r"\s*(.+?)\s+for\s+" + re.escape(var) + r"\s+in\s+(.+?)(?:\s+if\s+(.+?))?\s*", args[-1], re.S)
    if m is None:
        return None
    body, iterable, cond = m.group(1).strip(), m.group(2).strip(), m.group(3)
    stream = _stream(iterable, text)
    if not stream:
        return None
    if cond:
        stream += f".filter({var} -> {_condition(cond.strip())})"
    mapped = f"{stream}.map({var} -> {body})" if body != var else stream
    collect = f".collect({_STREAMS}Collectors."
    callee = " ".join(callee.split())
    if callee == "String.join" and len(args) == 2:
        return f"{stream}.map({var} -> String.valueOf({body})){collect}joining({args[0].strip()}))"
    if callee.endswith("join") and callee.startswith('"') and len(args) == 1:
        sep = callee[:callee.rindex(".")].strip()
        return f"{stream}.map({var} -> String.valueOf({body})){collect}joining({sep}))"
    if len(args) != 1:
        return None
    if callee == "sum":
        kind = "Int" if body == var and "IntStream.range" in stream else _numeric(body, text)
        return f"{stream}.mapTo{kind}({var} -> {body}).sum()"
    if callee in ("any", "all"):
        return f"{stream}.{callee}Match({var} -> {_condition(body)})"
    if callee in ("max", "min"):
        return f"{mapped}.{callee}(java.util.Comparator.naturalOrder()).get()"
    if callee in ("", "list") or re.fullmatch(r"new\s+(ArrayList|LinkedList)(<[^<>()]*>)?", callee):
        return f"{mapped}{collect}toList())"
    if callee == "set" or re.fullmatch(r"new\s+(HashSet|LinkedHashSet)(<[^<>()]*>)?", callee):
        return f"{mapped}{collect}toSet())"
    if callee == "sorted":
        return f"{mapped}.sorted(){collect}toList())"
    return None


def _errors(java: Language, text: str) -> int:
    """The ERROR and MISSING nodes of ``text``'s tree, nested ones too."""
    return sum(n.type == "ERROR" or n.is_missing for n in walk(java.parse(text.encode("utf-8")).root_node))


def fix_java_generators(text: str, target: Language, source: str, types: str = "") -> tuple[str, list[str]]:
    """(fixed text, notes) for Java code ``text`` translated from Python ``source``; ``types``: more Java text
    that declares the names the answer uses (the class's outline), for a sum's numeric type."""
    if target.name != "java" or " for " not in text:
        return text, []
    loops = source_loop_names(source)
    if not loops:
        return text, []
    before = _errors(target, text)
    if before == 0:
        return text, []
    out, notes, end = text, [], len(text)
    for m in reversed(list(_FOR.finditer(text))):
        if normalize_name(m.group(1)) not in loops or m.start() >= end:
            continue
        span = enclosing(text, m.start())
        if span is None or span[1] >= end:
            continue
        open_, close = span
        args = split_top(text[open_ + 1:close])
        if not args or m.group(0) not in args[-1]:
            continue
        if text[open_] == "[":  # a list comprehension: ``[`` that indexes nothing
            callee, start = "", open_
            prev = re.search(r"(\w+|[)\]])\s*$", text[:open_])
            if prev is not None and prev.group(1) not in ("return", "yield", "throw"):
                continue
        elif text[open_] == "(" and (callee_m := _CALLEE.search(text[:open_])) is not None:
            callee, start = callee_m.group(1), callee_m.start(1)
        else:
            continue
        new = _rewrite(callee, args, m.group(1), text + "\n" + types)
        if new is None:
            continue
        out = out[:start] + new + out[close + 1:]
        end = start
        notes.append(f"a Python generator over `{m.group(1)}` written as a Java stream")
    if not notes or _errors(target, out) >= before:
        return text, []
    return out, notes
