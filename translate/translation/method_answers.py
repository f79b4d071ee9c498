"""One method's answer, for a big class split into a skeleton and methods (translate.translation.bigclass): where a
completion model's bare method ends (:func:`method_end`), the method out of whatever the model wrapped it in
(:func:`method_answer`), and the method as it sits in the translated class (:func:`as_member`: the skeleton's
decorators and ``static`` kept; Python's ``self`` added where it is missing, dropped from a static method).
"""
from __future__ import annotations

import re
import textwrap

from translate.source.languages import Language, get_language
from translate.source.units import Unit, parse_text
from translate.source.validate import node_text, normalize_name, validate, walk
from translate.translation.checks import split_imports


def _method_nodes(code: str, lang: Language):
    """(data, method nodes) of ``code`` wrapped in a class (JavaScript: a bare method does not parse alone)."""
    data = f"class __Split {{\n{code}\n}}\n".encode()
    tree = lang.parse(data)
    if tree.root_node.has_error:
        return data, []
    body = tree.root_node.named_children[0].child_by_field_name("body")
    return data, [n for n in (body.named_children if body is not None else []) if n.type == "method_definition"]


_METHOD_CLOSE = re.compile(r"^\}[ \t;,]*$", re.M)


def method_end(code: str, lang: Language) -> int | None:
    """Index just past a bare method a completion model wrote at column 0 (JavaScript ``add(x) {...}``, which
    does not parse as a top-level unit), or None while it is open: the first column-0 ``}`` up to which the
    text, inside a class, is one or more methods. Other languages' answers end as their units do."""
    if lang.name != "javascript":
        return None
    for m in _METHOD_CLOSE.finditer(code):
        if _method_nodes(code[:m.start() + 1], lang)[1]:
            return m.end() + (1 if code[m.end():m.end() + 1] == "\n" else 0)
    return None


_PROPERTY = re.compile(r"(?P<pre>(?:\s*(?://[^\n]*|/\*.*?\*/))*\s*)(?:[A-Za-z_$][\w$]*\.)*(?P<name>[A-Za-z_$][\w$]*)\s*[:=]\s*"
                       r"(?P<async>async\s+)?function\s*(?P<star>\*?)\s*(?:[A-Za-z_$][\w$]*\s*)?\(", re.S)


def method_answer(code: str, target: Language, name: str) -> str:
    """A method answer in the form the unit checks read: out of a class the model wrapped it in; for JavaScript,
    a function (``add(x) {}`` -> ``function add(x) {}``; ``static``/``get`` come back from the skeleton)."""
    if not code.strip():
        return code
    want = normalize_name(name)
    parsed = parse_text(code, target)
    tops = parsed.top_units
    if not parsed.diagnostics and not any(normalize_name(u.name) == want for u in tops):
        for cls in (u for u in tops if u.kind == "class"):
            found = [c for c in cls.children if normalize_name(c.name) == want]
            if found:
                imports, _ = split_imports(code, target)
                data = code.encode("utf-8")
                line = data.rfind(b"\n", 0, found[0].start_byte) + 1
                text = textwrap.dedent(data[line:found[0].end_byte].decode("utf-8"))
                code = "".join(f"{i}\n" for i in imports) + ("\n" if imports else "") + text.strip("\n") + "\n"
                break
    return _js_function(code, target, want) if target.name == "javascript" else code


def _js_function(code: str, target: Language, want: str) -> str:
    """A JavaScript method answer as a function; the forms small models write: ``name: function (x) {...},`` (an
    object literal's member), ``Cls.prototype.name = function (x) {...};``, a bare ``name(x) {...}``, and a
    ``this`` parameter (Python's ``self``) dropped."""
    m = _PROPERTY.match(code)
    if m and normalize_name(m["name"]) == want:
        fixed = (f"{m['pre']}{m['async'] or ''}function{m['star']} {m['name']}("
                 + re.sub(r"[,;]\s*\Z", "", code[m.end():].rstrip()) + "\n")
        code = fixed if not validate(fixed, target) else code
    elif validate(code, target):
        data, nodes = _method_nodes(code, target)
        for node in nodes:
            n = node.child_by_field_name("name")
            if n is not None and normalize_name(n.text.decode("utf-8")) == want:
                mods = data[node.start_byte:n.start_byte].decode("utf-8")
                head = ("async " if "async" in mods.split() else "") + "function" + ("*" if "*" in mods else "")
                pre = data[len("class __Split {\n"):node.start_byte].decode("utf-8")
                code = textwrap.dedent(pre + head + " " + data[n.start_byte:node.end_byte].decode("utf-8")).strip() + "\n"
                break
    return re.sub(r"(\bfunction\s*\*?\s*[A-Za-z_$][\w$]*\s*\()\s*this\s*(?:,\s*|(?=\)))", r"\1", code, count=1)


def as_member(code: str, target: Language, name: str, slot: Unit | None, static: bool = False,
               owner: str = "") -> tuple[str, str]:
    """(the method as it sits in class ``owner``, what goes before the class: helper definitions it came with).
    ``slot``: its placeholder in the translated skeleton (its ``static``/``get``/decorators are kept); ``static``:
    the source method is static or a class method (used when there is no slot)."""
    want = normalize_name(name)
    parsed = parse_text(code, target)
    tops = parsed.top_units
    main = [u for u in tops if normalize_name(u.name) == want]
    if parsed.diagnostics or len(main) != 1 or target.name == "java":
        return code.strip("\n"), ""
    u = main[0]
    prelude = "\n\n".join(t.text.strip("\n") for t in tops if t is not u)
    text = u.text
    if target.name == "javascript":
        m = re.search(rf"(?:export\s+(?:default\s+)?)?(?:async\s+)?function\s*\*?\s*(?={re.escape(u.name)}\b)", text)
        pm = re.search(rf"^[ \t]*((?:(?:static|async|get|set)\s+|\*\s*)*){re.escape(slot.name)}\s*\(", slot.text,
                       re.M) if slot is not None else None
        mods = pm.group(1) if pm else ("async " if m and "async" in m.group(0) else "")  # ``export`` goes
        if pm is None and static and "static" not in mods:  # no skeleton to say so: the source's decorator does
            mods = "static " + mods
        if m:
            text = text[:m.start()] + mods + text[m.end():]
    elif target.name == "python":  # no slot: the skeleton's answer left the method out (stringsim's ``min``)
        decorators = [ln.strip() for ln in slot.text.split("\n") if ln.strip().startswith("@")] if slot else []
        if decorators and not re.search(r"^\s*@", text, re.M):
            text = "\n".join(decorators) + "\n" + text
        if static and not re.search(r"^\s*@(staticmethod|classmethod)\b", text, re.M):  # the source's is static
            text = "@staticmethod\n" + text  # (hashids' skeleton answered ``def consistent_shuffle(self, ...)``)
        head = re.search(rf"def\s+{re.escape(u.name)}\s*\(\s*self\b\s*,?\s*", text) if owner else None
        if "@staticmethod" in text and head is not None:  # static, answered with ``self`` (hashids' ``hash(self,
            # input, alphabet)`` called as ``Hashids.hash(num, alphabet)``): no self; ``self.x`` is the class's
            text = text[:head.start()] + f"def {u.name}(" + re.sub(r"\bself\.", f"{owner}.", text[head.end():])
        text = _slot_defaults(text, u.name, slot.text) if slot is not None else text
        if "@staticmethod" not in text:
            first = "cls" if "@classmethod" in text else "self"
            text = re.sub(rf"(def\s+{re.escape(u.name)}\s*\()(?!\s*(?:self|cls)\b)\s*(\)?)",
                          lambda g: g.group(1) + first + (", " if not g.group(2) else "") + g.group(2), text, count=1)
    return textwrap.dedent(text).strip("\n"), prelude


def _param_list(code: str, name: str):
    """(data, the parameter list node, its names) of the Python function ``name`` in ``code``, or None."""
    data = textwrap.dedent(code).encode("utf-8")
    root = get_language("python").parse(data).root_node
    fn = next((n for n in walk(root) if n.type == "function_definition"
               and node_text(n.child_by_field_name("name")) == name), None)
    params = fn.child_by_field_name("parameters") if fn is not None else None
    if params is None:
        return None
    names = [node_text(p.child_by_field_name("name") or p) for p in params.named_children
             if p.type in ("identifier", "default_parameter")]
    return data, params, names if len(names) == len(params.named_children) else None


def _slot_defaults(text: str, name: str, slot: str) -> str:
    """``text`` (a Python method) with the parameter list of its placeholder ``slot`` in the translated skeleton,
    when that names the same parameters and gives some defaults: Java's constructors that forward to the one
    translated alone (hashids' ``Hashids()``, ``Hashids(salt)``, ... -> ``Hashids(salt, minHashLength, alphabet)``)
    are the skeleton's defaults (``def __init__(self, salt="", min_hash_length=0, ...)``), which the method's own
    answer, from the long constructor alone, cannot know."""
    mine, theirs = _param_list(text, name), _param_list(slot, name)
    if mine is None or theirs is None or mine[2] is None or mine[2] != theirs[2] \
            or not any(p.type == "default_parameter" for p in theirs[1].named_children):
        return text
    data, params = mine[0], mine[1]
    return (data[:params.start_byte] + node_text(theirs[1]).encode("utf-8") + data[params.end_byte:]).decode("utf-8")


def is_static(source: str, lang: Language) -> bool:
    """Is the source method static (Python ``@staticmethod``/``@classmethod``, ``static`` in Java/JavaScript)?"""
    if lang.name == "python":
        return re.search(r"^\s*@(?:staticmethod|classmethod)\b", source, re.M) is not None
    head = source.split("(", 1)[0]
    return re.search(r"\bstatic\b", head) is not None


