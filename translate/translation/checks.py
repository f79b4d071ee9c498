"""Target-side checks of one answer: a unit of the right kind and name, or valid top-level code."""
from __future__ import annotations

import re

from translate.source.languages import Language
from translate.source.units import parse_text
from translate.source.validate import Diagnostic, check_unit, validate


def split_imports(code: str, lang: Language) -> tuple[list[str], str]:
    """Leading import lines of an answer (to hoist into the file header) and the rest."""
    pat = re.compile(lang.import_pattern)
    lines = code.split("\n")
    imports: list[str] = []
    i = 0
    while i < len(lines) and (not lines[i].strip() or pat.match(lines[i])):
        if lines[i].strip():
            imports.append(lines[i].rstrip())
        i += 1
    return imports, "\n".join(lines[i:])


def needs_wrapper(code: str, lang: Language, kind: str) -> bool:
    """Java/C#: a free function only parses inside a class."""
    if lang.function_wrapper is None or kind not in ("function", "method"):
        return False
    tops = parse_text(code, lang).top_units
    return not (len(tops) == 1 and tops[0].kind == "class")


def check_translation(code: str, lang: Language, kind: str, name: str) -> list[Diagnostic]:
    if not code.strip():
        return [Diagnostic(1, 1, "empty answer")]
    if needs_wrapper(code, lang, kind):
        imports, body = split_imports(code, lang)
        pre, post = lang.function_wrapper
        offset = pre.count("\n")
        wrapped = pre + body + post
        diags = validate(wrapped, lang)
        if diags:
            return [Diagnostic(max(1, d.line - offset + len(imports)), d.column, d.message) for d in diags]
        inner = parse_text(wrapped, lang).top_units
        units = inner[0].children if len(inner) == 1 else []
        named = [u for u in units if _same_name(u.name, name)]
        if len(named) > 1 and len({u.name for u in named}) == 1:  # overloads: Java's default parameters
            named = named[:1]
        units = named if len(named) == 1 else units  # helper methods may come with it
        if len(units) != 1:
            found = ", ".join(u.name for u in units) or "nothing"
            return [Diagnostic(1, 1, f"expected exactly one method named {name}, found {found}")]
        return _name_check(units[0].name, name)
    diags = check_unit(code, lang, kind, name, helpers=True)
    if not diags and kind == "function" and lang.function_check is not None:
        return lang.function_check(code)
    return diags


def _same_name(a: str, b: str) -> bool:
    from translate.source.validate import normalize_name

    return normalize_name(a) == normalize_name(b)


def _name_check(found: str, expected: str) -> list[Diagnostic]:
    from translate.source.validate import normalize_name

    if normalize_name(found) != normalize_name(expected):
        return [Diagnostic(1, 1, f"expected the name {expected}, found {found}")]
    return []


def check_glue(code: str, lang: Language, source_code: str, source: Language) -> list[Diagnostic]:
    """Top-level code must parse; it may be empty only if the source was only imports."""
    if not code.strip():
        if only_imports(source_code, source):
            return []
        return [Diagnostic(1, 1, "empty answer")]
    diags = validate(code, lang)
    if diags and lang.function_wrapper is not None:  # Java: static blocks are members of the module's class
        pre, post = lang.function_wrapper
        if not validate(pre + split_imports(code, lang)[1] + post, lang):
            return []
    return diags


def only_imports(code: str, lang: Language) -> bool:
    pat = re.compile(lang.import_pattern)
    lines = [ln for ln in code.split("\n") if ln.strip() and not ln.strip().startswith(lang.line_comment)]
    return bool(lines) and all(pat.match(ln) for ln in lines)



def _drop_wrapped_siblings(code: str, lang: Language, name: str, siblings: frozenset[str]) -> str:
    """Bare methods (Java, C#): drop re-definitions of the file's other units (``lcm``'s answer that brings its
    own ``gcd`` would define ``gcd`` twice in the assembled class: a compile error)."""
    from translate.source.validate import normalize_name

    head, tail = lang.function_wrapper or ("", "")
    imports, rest = split_imports(code, lang)
    if imports:  # an answer's imports do not parse inside the class: the methods alone, the imports kept
        dropped = _drop_wrapped_siblings(rest, lang, name, siblings)
        return code if dropped == rest else "".join(f"{i}\n" for i in imports) + "\n" + dropped
    parsed = parse_text(head + code + tail, lang)
    if parsed.diagnostics or len(parsed.top_units) != 1:
        return code
    methods = list(parsed.top_units[0].children)
    want = normalize_name(name)
    if len({u.name for u in methods if normalize_name(u.name) == want}) != 1:  # the unit (its overloads too)
        return code
    drop = [u for u in methods if normalize_name(u.name) != want and normalize_name(u.name) in siblings]
    if not drop:
        return code
    body = _cut((head + code + tail).encode("utf-8"), drop)
    return body[len(head): len(body) - len(tail)].strip("\n") + "\n"


def _cut(data: bytes, units) -> str:
    """``data`` without the byte ranges of ``units``, runs of blank lines made one."""
    for u in sorted(units, key=lambda u: -u.start_byte):
        data = data[: u.start_byte] + data[u.end_byte:]
    return re.sub(r"\n{3,}", "\n\n", data.decode("utf-8"))


def drop_redefinitions(code: str, lang: Language, siblings: frozenset[str]) -> str:
    """Top-level code's answer without the functions and classes it defines that are the file's units
    (``siblings``, normalized names): their own translations define them, and a second ``const f`` or
    ``function f`` beside the real one stops the module at load (inflection's ``_irregular('person', ...)``
    calls came back with a made-up ``const _irregular = (word, plural) => console.log(...)`` before them)."""
    from translate.source.validate import normalize_name

    parsed = parse_text(code, lang)
    if parsed.diagnostics:
        return code
    drop = [u for u in parsed.top_units if u.kind in ("function", "class") and normalize_name(u.name) in siblings]
    return _cut(code.encode("utf-8"), drop).strip("\n") + "\n" if drop else code


def shape_answer(code: str, lang: Language, name: str, siblings: frozenset[str] = frozenset()) -> str:
    """Keep what a unit's answer is for: the unit named ``name``, the helper definitions it uses, imports
    and comments. Dropped: top-level statements (example usage, prints, tests) and re-definitions of the
    file's other units (``siblings``, normalized names: their own translations provide them).

    Capable models often add a helper or an example call; both used to fail the "exactly one unit" check and
    cost a repair turn. An answer that does not parse, or has no unit named ``name``, is returned as it is
    (the check then says what is wrong)."""
    from translate.source.validate import normalize_name

    if not code.strip():
        return code
    if lang.function_wrapper is not None and needs_wrapper(code, lang, "function"):
        return _drop_wrapped_siblings(code, lang, name, siblings)
    parsed = parse_text(code, lang)
    if parsed.diagnostics:
        return code
    tops = parsed.top_units
    want = normalize_name(name)
    main = [u for u in tops if normalize_name(u.name) == want]
    glue_code = any(seg.unit is None and _statement_lines(seg.text, lang) for seg in parsed.segments)
    if len(main) != 1 or (len(tops) == 1 and not glue_code):
        return code
    keep = {id(main[0])}
    todo = [main[0]]
    while todo:  # helpers the kept units mention, transitively
        text = todo.pop().text
        for u in tops:
            if id(u) not in keep and normalize_name(u.name) not in siblings and re.search(rf"\b{re.escape(u.name)}\b", text):
                keep.add(id(u))
                todo.append(u)
    imp = re.compile(lang.import_pattern)
    head: list[str] = []
    body: list[str] = []
    for seg in parsed.segments:
        if seg.unit is not None:
            if id(seg.unit) in keep:
                body.append(seg.text.strip("\n"))
        else:
            head += [line for line in seg.text.split("\n") if line.strip() and imp.match(line)]
    return "\n".join(head + ([""] if head else []) + ["\n\n".join(body)]) + "\n"


def _statement_lines(text: str, lang: Language) -> list[str]:
    imp = re.compile(lang.import_pattern)
    return [line for line in text.split("\n") if line.strip() and not imp.match(line)
            and not line.strip().startswith((lang.line_comment, "/*", "*", "#" if lang.name == "python" else "\0"))]
