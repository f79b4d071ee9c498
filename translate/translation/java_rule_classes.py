"""Java methods and plain classes translated to Python by rule: a candidate the behaviour check holds to the source.

The 1.5B pack drops statements of long Java methods (hashids' ``_encode`` lost its main loop in every recorded
run; java-string-similarity's ``Damerau`` its edge loops and a map update) and gets index arithmetic wrong, while
the same methods are plain statements over numbers, strings, arrays and the JDK's collections, whose Python a rule
can write statement by statement. This module writes it, typed (:mod:`java_rule_exprs`, :mod:`java_rule_calls`):
declarations, assignments (compound ones too), ``if``/``else``, ``while``, ``do``/``while``, ``for`` (a
``range`` where the loop's variable and bound do not change in its body, else a ``while``), the enhanced ``for``,
``break``/``continue``, ``return``, ``throw new X(...)`` of the JDK's exceptions (as the migrated tests expect them:
translate.translation.java_raises). A plain class (fields, at most one constructor, methods of distinct names, no
superclass) is written whole. Anything else (``try``, ``switch``, lambdas, labels, overloads, calls on other
project classes) and the rule gives no candidate.

The rule's answer is not taken on trust: it is tried only for a unit whose model answer the behaviour check found
differing from the source, and kept only when the check verifies it on the source's recorded inputs
(translate.translation.loop); its known approximations are listed in :mod:`java_rule_exprs`.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from translate.source.languages import get_language
from translate.source.validate import validate, walk
from translate.translation.java_rule_exprs import Unsupported
from translate.translation.java_rule_statements import Body
from translate.translation.java_rule_types import IND, ZERO, Members, base, jtype, py_member
from translate.translation.junit_jdk import arguments, text

_DEFAULTS = tuple(f" = {v}" for v in (*ZERO.values(), "None"))  # a field's Java default, set again by the constructor


def _modifiers(node) -> list[str]:
    mods = next((c for c in node.children if c.type == "modifiers"), None)
    return [text(c) for c in mods.children if c.type not in ("marker_annotation", "annotation")] if mods else []


def _params(node) -> list[tuple[str, str, bool]]:
    """(name, type, varargs) of each parameter of a method or constructor declaration."""
    out = []
    for p in node.child_by_field_name("parameters").named_children:
        if p.type == "formal_parameter":
            if p.child_by_field_name("dimensions") is not None:
                raise Unsupported("a C-style array parameter")
            out.append((text(p.child_by_field_name("name")), jtype(p), False))
        elif p.type == "spread_parameter":
            typ = next(c for c in p.named_children if c.type not in ("modifiers", "variable_declarator"))
            decl = next(c for c in p.named_children if c.type == "variable_declarator")
            out.append((text(decl.child_by_field_name("name")), jtype(p, typ) + "[]", True))
        elif p.type not in ("line_comment", "block_comment"):
            raise Unsupported(f"a {p.type}")
    return out


def _delegation(decl, ctor: bool) -> list | None:
    """The argument nodes of the one call a declaration's body makes to another overload of its name
    (``this(DEFAULT_N);``, ``return distance(s1, s2, Integer.MAX_VALUE);``), else None."""
    body = decl.child_by_field_name("body")
    stmts = [s for s in body.named_children if s.type not in ("line_comment", "block_comment")] if body else []
    if len(stmts) != 1:
        return None
    s = stmts[0]
    if ctor:
        if s.type != "explicit_constructor_invocation" or text(s.child_by_field_name("constructor")) != "this":
            return None
        return arguments(s.child_by_field_name("arguments"))
    call = s.named_children[0] if s.type in ("return_statement", "expression_statement") and s.named_children \
        else None
    if call is None or call.type != "method_invocation" or \
            text(call.child_by_field_name("name")) != text(decl.child_by_field_name("name")):
        return None
    obj = call.child_by_field_name("object")
    return arguments(call.child_by_field_name("arguments")) if obj is None or obj.type == "this" else None


def _statements(decl) -> list:
    body = decl.child_by_field_name("body")
    return [s for s in body.named_children if s.type not in ("line_comment", "block_comment")] if body else []


def _substituted(decl, main, start: int, members: Members) -> dict[int, str] | None:
    """The defaults of ``main``'s parameters from ``start`` on where ``decl``'s body is ``main``'s with each of
    them replaced by a constant (``NGram() { this.n = DEFAULT_N; }`` beside ``NGram(int n) { this.n = n; }``)."""
    full = _params(main)
    mine, theirs = _statements(decl), _statements(main)
    if len(mine) != len(theirs):
        return None
    out: dict[int, str] = {}
    for a, b in zip(mine, theirs):
        if text(a) == text(b):
            continue
        ea, eb = (s.named_children[0] if s.type == "expression_statement" else None for s in (a, b))
        if ea is None or eb is None or ea.type != "assignment_expression" or eb.type != "assignment_expression" \
                or text(ea.child_by_field_name("left")) != text(eb.child_by_field_name("left")):
            return None
        names = [n for n, _, _ in full]
        right = text(eb.child_by_field_name("right"))
        if right not in names[start:] or names.index(right) in out:
            return None
        k = names.index(right)
        out[k] = field_value(members, full[k][1], ea.child_by_field_name("right"), True)
    return out if sorted(out) == list(range(start, len(full))) else None


def _merge(decls: list, members: Members, ctor: bool) -> tuple[object, dict[int, str], int]:
    """Overloads that are one of them with constants for its last parameters (they call it so, or their body is
    its body so), as that one with defaults: (the declaration written, its parameters' defaults by position, the
    fewest arguments a call passes)."""
    main = max(decls, key=lambda d: len(_params(d)))
    full = _params(main)
    defaults: dict[int, str] = {}
    resolved: dict[int, dict[int, str]] = {len(full): {}}  # by parameter count: the defaults that overload gives
    for d in sorted(decls, key=lambda d: -len(_params(d))):
        if d.start_byte == main.start_byte:  # (nodes compare by position: each read is a new object)
            continue
        own = _params(d)
        if len(own) >= len(full) or len(own) in resolved or any(
                own[k][0] != full[k][0] or own[k][1] != full[k][1] for k in range(len(own))):
            raise Unsupported("an overload that is not a default")
        args = _delegation(d, ctor)
        if args is not None:  # it calls the overload of as many parameters as it passes (this(salt, 0))
            if len(args) not in resolved or len(args) <= len(own) or \
                    any(text(args[k]) != own[k][0] for k in range(len(own))):
                raise Unsupported("an overload that is not a default")
            found: dict[int, str] | None = {k: field_value(members, full[k][1], args[k], True)
                                            for k in range(len(own), len(args))} | resolved[len(args)]
        else:
            found = _substituted(d, main, len(own), members)
        if found is None:
            raise Unsupported("an overload that is not a default")
        resolved[len(own)] = found
        for k, value in found.items():
            if defaults.setdefault(k, value) != value:
                raise Unsupported("overloads with different defaults")
    least = min(resolved)
    if defaults and (any(v for _, _, v in full) or sorted(defaults) != list(range(min(defaults), len(full)))):
        raise Unsupported("defaults that are not the last parameters")
    return main, defaults, least


def members_of(cls, merge: bool = False) -> Members:
    """The fields and methods of a Java class declaration node; ``merge``: overloads that are defaults of one
    declaration (:func:`_merge`) are that one (``Members.merged``), the others not callable."""
    fields: dict[str, tuple[str, bool]] = {}
    decls: dict[str, list] = {}
    name = text(cls.child_by_field_name("name"))
    for m in cls.child_by_field_name("body").named_children:
        if m.type == "field_declaration":
            static = "static" in _modifiers(m)
            for d in m.named_children:
                if d.type == "variable_declarator":
                    dims = d.child_by_field_name("dimensions")
                    typ = jtype(m) + (text(dims).replace(" ", "") if dims else "")
                    fields[text(d.child_by_field_name("name"))] = (typ, static)
        elif m.type in ("method_declaration", "constructor_declaration"):
            key = name if m.type == "constructor_declaration" else text(m.child_by_field_name("name"))
            decls.setdefault(key, []).append(m)
    members = Members(name, fields, {}, set())
    for key, group in decls.items():
        if len(group) > 1:
            members.overloaded.add(key)
    for key, group in decls.items():
        ctor = group[0].type == "constructor_declaration"
        try:
            main, defaults, least = _merge(group, members, ctor) if merge or len(group) == 1 else (None, {}, 0)
            params = _params(main) if main is not None else None
        except Unsupported:
            continue
        if main is None or params is None:
            continue
        members.overloaded.discard(key)
        members.merged[key] = (main, defaults)
        members.least[key] = least
        if not ctor:
            members.methods[key] = (jtype(main), "static" in _modifiers(main),
                                    [t for _, t, _ in params], any(v for _, _, v in params))
    return members


def method_lines(node, members: Members, defaults: dict[int, str] | None = None) -> list[str]:
    """The Python ``def`` of a Java method declaration node (``@staticmethod`` for a static one)."""
    static = "static" in _modifiers(node)
    if node.child_by_field_name("body") is None or "abstract" in _modifiers(node) or "native" in _modifiers(node):
        raise Unsupported("a method without a body")
    if any(c.type == "type_parameters" for c in node.children):
        raise Unsupported("a generic method")
    body = Body(members, static, jtype(node))
    body.root = node.child_by_field_name("body")
    names = _param_names(body, node, defaults or {})
    lines = [ln for k in node.child_by_field_name("body").named_children for ln in body.statement(k)]
    lines[:0] = [f"import {m}" for m in sorted(body.imports)]  # (hoisted to the answer's head: _hoisted)
    name = py_member(text(node.child_by_field_name("name")))
    head = ["@staticmethod", f"def {name}({', '.join(names)}):"] if static else \
        [f"def {name}({', '.join(['self', *names])}):"]
    return head + [IND + ln for ln in (lines or ["pass"])]


def _param_names(body: Body, node, defaults: dict[int, str]) -> list[str]:
    return [("*" if v else "") + body.declare(n, t) + (f"={defaults[k]}" if k in defaults else "")
            for k, (n, t, v) in enumerate(_params(node))]


def field_value(members: Members, typ: str, value, static: bool) -> str:
    if value is None:
        return ZERO.get(base(typ), "None") if not typ.endswith("[]") else "None"
    ex = Body(members, static)
    if static:  # in the class body, before the class exists: other constants by their bare names
        ex.members = Members(members.name, {}, {}, members.overloaded)
        ex.scopes = [{n: t for n, (t, s) in members.fields.items() if s}]
    code, vtyp = ex._array_initializer(value, typ) if value.type == "array_initializer" else ex.expr(value)
    if ex.imports:
        raise Unsupported("a module in a field's value")
    return ex.convert(code, vtyp, typ)


_MODULES = ("import math", "import re", "import functools")  # what the rule's Python imports (Exprs.imports)


def _hoisted(lines: list[str]) -> str:
    """The answer's text with the ``import math`` / ``import re`` its methods need at its head, where the file's
    other units see them too (a method's own import hid ``re`` from the model's methods that use it)."""
    imports = sorted({ln.strip() for ln in lines if ln.strip() in _MODULES})
    rest = [ln for ln in lines if ln.strip() not in _MODULES]
    return "\n".join([*imports, *([""] if imports else []), *rest]) + "\n"


def _parse_class(code: str):
    root = get_language("java").parse(code.encode("utf-8")).root_node
    if root.has_error:
        raise Unsupported("a syntax error")
    classes = [c for c in root.named_children if c.type == "class_declaration"]
    if len(classes) != 1:
        raise Unsupported("not one class")
    return classes[0]


def python_class(code: str, known: Iterable[str] = ()) -> str | None:
    """The Python of a plain Java class (see the module), or None. ``known``: the class names defined beside it
    (the class's interfaces among them are its Python base classes; see rule_answer)."""
    try:
        cls = _parse_class(code)
        interfaces = cls.child_by_field_name("interfaces")
        bases = [text(t) for t in walk(interfaces) if t.type == "type_identifier" and text(t) in set(known)] \
            if interfaces is not None else []
        if cls.child_by_field_name("superclass") is not None or cls.child_by_field_name("type_parameters"):
            raise Unsupported("a subclass or a generic class")
        members = members_of(cls, merge=True)
        if members.overloaded:
            raise Unsupported("overloaded methods")
        name = members.name
        statics: list[str] = []
        inits: list[str] = []
        methods: list[list[str]] = []
        for m in cls.child_by_field_name("body").named_children:
            if m.type == "field_declaration":
                static = "static" in _modifiers(m)
                for d in (d for d in m.named_children if d.type == "variable_declarator"):
                    fname = text(d.child_by_field_name("name"))
                    value = field_value(members, members.fields[fname][0], d.child_by_field_name("value"), static)
                    (statics if static else inits).append(f"{'' if static else 'self.'}{py_member(fname)} = {value}")
            elif m.type == "method_declaration":
                main, defaults = members.merged[text(m.child_by_field_name("name"))]
                if m.start_byte == main.start_byte:
                    methods.append(method_lines(m, members, defaults))
            elif m.type not in ("line_comment", "block_comment", "constructor_declaration"):
                raise Unsupported(f"a {m.type} in the class")
        lines = [f"class {name}({', '.join(bases)}):" if bases else f"class {name}:"]
        lines += [IND + s for s in statics]
        ctor, defaults = members.merged.get(name, (None, {}))
        init = _constructor(ctor, members, inits, defaults)
        for block in ([init] if init else []) + methods:
            lines += [""] + [IND + ln if ln else "" for ln in block]
        if len(lines) == 1:
            lines.append(IND + "pass")
    except (Unsupported, ValueError, IndexError, StopIteration, KeyError):
        return None
    out = _hoisted(lines)
    return None if validate(out, get_language("python")) else out


def _constructor(node, members: Members, inits: list[str], defaults: dict[int, str]) -> list[str]:
    if node is None:
        return ["def __init__(self):", *(IND + i for i in inits)] if inits else []
    body = Body(members, False)
    names = _param_names(body, node, defaults)
    stmts = node.child_by_field_name("body").named_children
    if any(s.type == "explicit_constructor_invocation" for s in stmts):
        raise Unsupported("this(...) or super(...)")
    lines = [ln for s in stmts for ln in body.statement(s)]
    top = {ln.split(" = ", 1)[0] for ln in lines if not ln.startswith(" ") and " = " in ln}
    lines = [i for i in inits if i.split(" = ", 1)[0] not in top or not i.endswith(_DEFAULTS)] + lines
    lines[:0] = [f"import {m}" for m in sorted(body.imports)]
    return [f"def __init__({', '.join(['self', *names])}):", *(IND + ln for ln in (lines or ["pass"]))]


def python_method(code: str, outline: str) -> str | None:
    """The Python of one Java method or constructor ``code`` of the class whose source (bodies or not) is
    ``outline``: a constructor takes the defaults its overloads in the outline give it, and sets the instance
    fields the outline initializes."""
    try:
        cls = _parse_class(outline)
        members = members_of(cls, merge=True)
        root = get_language("java").parse(f"class {members.name} {{\n{code}\n}}".encode()).root_node
        body = root.named_children[0].child_by_field_name("body") if root.named_children else None
        decls = [m for m in body.named_children if m.type in ("method_declaration", "constructor_declaration")] \
            if body is not None and not root.has_error else []
        if len(decls) != 1:
            return None
        decl = decls[0]
        if decl.type == "constructor_declaration":
            main, defaults = members.merged.get(members.name, (None, {}))
            if main is None or len(_params(main)) != len(_params(decl)):
                return None
            inits = [f"self.{py_member(text(d.child_by_field_name('name')))} = "
                     f"{field_value(members, members.fields[text(d.child_by_field_name('name'))][0], value, False)}"
                     for m in cls.child_by_field_name("body").named_children
                     if m.type == "field_declaration" and "static" not in _modifiers(m)
                     for d in m.named_children if d.type == "variable_declarator"
                     for value in [d.child_by_field_name("value")] if value is not None]
            lines = _constructor(decl, members, inits, defaults)
        elif text(decl.child_by_field_name("name")) in members.overloaded:
            return None
        else:
            main, defaults = members.merged.get(text(decl.child_by_field_name("name")), (None, {}))
            lines = method_lines(decl, members, defaults if main is not None and
                                 len(_params(main)) == len(_params(decl)) else {})
    except (Unsupported, ValueError, IndexError, StopIteration, KeyError):
        return None
    out = _hoisted(lines)
    return None if validate(out, get_language("python")) else out


def free_function(code: str, source: str) -> str | None:
    """The Python of a method of a Java class of methods only (``source``: its file, one class), as the free
    function the target gets (translate.translation.holders: HumanEval-X's ``Solution``): no ``self``, the class's
    other methods called by name; None where the rule does not cover it."""
    out = python_method(code, source)
    if out is None:
        return None
    try:
        cls = _parse_class(source)
    except Unsupported:
        return None
    siblings = "|".join(re.escape(py_member(text(m.child_by_field_name("name"))))
                        for m in cls.child_by_field_name("body").named_children if m.type == "method_declaration")
    out = re.sub(r"^@staticmethod\n", "", out, flags=re.M)
    out = re.sub(r"^def (\w+)\(self(?:, |\))", lambda m: f"def {m[1]}(" + (")" if m[0].endswith(")") else ""), out,
                 flags=re.M)
    if siblings:
        out = re.sub(rf"\b(?:self|{re.escape(text(cls.child_by_field_name('name')))})\.({siblings})\(", r"\1(", out)
    return None if re.search(r"\bself\b", out) or validate(out, get_language("python")) else out


def _class_source(source: str, name: str | None) -> str:
    """The text of the class ``name`` (nested ones too) in the Java file ``source``; "" where there is none."""
    if not source or not name:
        return ""
    root = get_language("java").parse(source.encode("utf-8")).root_node
    found = [n for n in walk(root) if n.type == "class_declaration" and text(n.child_by_field_name("name")) == name]
    return text(found[0]) if len(found) == 1 else ""


def rule_answer(task, fenced: bool, holder: str = "") -> str | None:
    """The rule's answer to a Java -> Python ``TranslationTask`` of a method of a split class (with its class's
    outline), of a whole class, or of a method of a class of methods only (``holder``: its file's source; see
    free_function), in the form the model answers (``fenced``: in a chat model's code fence); None for any other
    task or where the rule does not cover the code."""
    if task.source.name != "java" or task.target.name != "python" or task.context.test or task.context.must_call:
        return None
    if task.kind == "method" and task.context.outline:
        # the class with its methods' bodies where the file is known (the outline shows the model their signatures
        # only, so an overload that forwards to another looked like no default, and neither was written)
        out = python_method(task.code, _class_source(holder, task.context.parent) or task.context.outline)
    elif task.kind == "function" and holder:
        out = free_function(task.code, holder)
    elif task.kind == "class" and not task.context.outline:
        # bases from the file only: the check runs the file without the project's other modules (an imported
        # interface there is a NameError); translate repo's writer gives the class its source's project bases
        # (translate.project.py_bases) and imports them
        known = {w for line in task.context.names for w in re.findall(r"\w+", line)}
        out = python_class(task.code, known)
    else:
        return None
    return None if out is None else f"```python\n{out}```\n" if fenced else out
