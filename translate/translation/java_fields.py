"""A Java class's fields, kept in its Python translation.

The 1.5B pack, asked for a Java class with several constructors (hashids-java's ``Hashids``: 12 fields, four
constructors chained to one of 80 lines), answered with a three-line ``__init__`` and none of the class's
constants: every test then failed on ``'Hashids' object has no attribute 'MAX_NUMBER'`` or ``'guards'``, and the
answer was "ok", since it parsed and had the class's name. What a class must keep is certain from its source:

- :func:`missing_fields`, a soft check (a repair turn, the answer kept if no turn does better): the fields the
  Java class declares that the Python class never sets, neither as a class attribute nor as ``self.x = ...``;
- :func:`constructor_problem`, a soft check too: an ``__init__`` that some Java constructor's arguments do not fit
  (sqids' ``Sqids(Builder builder)`` answered as ``__init__(self, alphabet, alphabet_length, min_length, block_list)``:
  ``Sqids(self)`` in the Builder's ``build()`` fails);
- :func:`unset_fields`, a soft check of a constructor translated alone: the fields it sets, each set on ``self``;
- :func:`add_constants`, by rule: a ``static final`` field whose value is a literal (a number, a string, a char,
  a boolean, ``null``) and that the answer still lacks becomes a class attribute at the top of the class.

Names are compared as :func:`~translate.source.validate.normalize_name` does (``minHashLength`` is
``min_hash_length``; a leading underscore aside). Only the outermost class of the unit is read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from translate.source.languages import Language, get_language
from translate.source.validate import node_text, normalize_name, walk


@dataclass(frozen=True)
class JavaField:
    name: str
    static: bool
    final: bool
    value: str | None  # the initializer's Java text



def _class(root, lang_name: str, name: str = ""):
    """The top-level class named ``name`` (names compared as normalize_name does), else the first one: an answer
    may hold copies of other classes before its own (a base class it was not asked for)."""
    kinds = ("class_declaration",) if lang_name == "java" else ("class_definition",)
    found = []
    for node in root.named_children:
        inner = node.child_by_field_name("definition") if node.type == "decorated_definition" else node
        if inner is not None and inner.type in kinds:
            found.append(inner)
    named = [c for c in found if normalize_name(node_text(c.child_by_field_name("name"))) == normalize_name(name)]
    return (named or found or [None])[0]


def class_name(code: str) -> str:
    """The name of the first class of the Java ``code`` ("" when none)."""
    cls = _class(get_language("java").parse(code.encode("utf-8")).root_node, "java")
    return node_text(cls.child_by_field_name("name")) if cls is not None else ""


def source_fields(code: str) -> list[JavaField]:
    """The fields declared in the body of the first class of the Java ``code`` (empty when none parses)."""
    java = get_language("java")
    cls = _class(java.parse(code.encode("utf-8")).root_node, "java")
    body = cls.child_by_field_name("body") if cls is not None else None
    out: list[JavaField] = []
    for member in body.named_children if body is not None else []:
        if member.type != "field_declaration":
            continue
        mods = next((c for c in member.children if c.type == "modifiers"), None)
        words = set(node_text(mods).split()) if mods is not None else set()
        for decl in (c for c in member.named_children if c.type == "variable_declarator"):
            value = decl.child_by_field_name("value")
            out.append(JavaField(node_text(decl.child_by_field_name("name")), "static" in words, "final" in words,
                                 node_text(value) if value is not None else None))
    return out


def python_fields(code: str, name: str = "") -> set[str] | None:
    """Normalized names the Python class ``name`` (else the first) of ``code`` sets: class attributes and ``self.x``
    (or ``cls.x``, ``C.x``) assignments anywhere in it. None when the code has no class."""
    python = get_language("python")
    cls = _class(python.parse(code.encode("utf-8")).root_node, "python", name)
    if cls is None:
        return None
    name = node_text(cls.child_by_field_name("name"))
    owners = {"self", "cls", name}
    found = {normalize_name(a) for a in class_attributes(cls.child_by_field_name("body"))}
    for node in walk(cls):
        if node.type in ("assignment", "augmented_assignment"):
            targets = [node.child_by_field_name("left")]
            if targets[0] is not None and targets[0].type in ("pattern_list", "tuple_pattern"):
                targets = list(targets[0].named_children)
            for t in targets:
                if t is not None and t.type == "attribute":
                    obj = t.child_by_field_name("object")
                    if obj is not None and node_text(obj) in owners:
                        found.add(normalize_name(node_text(t.child_by_field_name("attribute"))))
        elif node.type == "call" and node_text(node.child_by_field_name("function")) == "setattr":  # setattr(self, "x", v)
            args = node.child_by_field_name("arguments")
            parts = args.named_children if args is not None else []
            if len(parts) >= 2 and node_text(parts[0]) in owners and parts[1].type == "string":
                found.add(normalize_name(node_text(parts[1]).strip("\"'")))
    return found


def class_attributes(body) -> set[str]:
    """The names a Python class ``body`` assigns at its own level (``LIMIT = 3``)."""
    out = set()
    for stmt in body.named_children if body is not None else []:
        inner = stmt.named_children[0] if stmt.type == "expression_statement" and stmt.named_children else None
        if inner is not None and inner.type == "assignment":
            left = inner.child_by_field_name("left")
            if left is not None and left.type == "identifier":
                out.add(node_text(left))
    return out


def insert_in_class(code: str, name: str, lines: list[str]) -> str | None:
    """``code`` with ``lines`` at the top of its Python class ``name`` (else its first), after a docstring and
    followed by a blank line; None when there is no class with a body."""
    cls = _class(get_language("python").parse(code.encode("utf-8")).root_node, "python", name)
    body = cls.child_by_field_name("body") if cls is not None else None
    if body is None or not body.named_children:
        return None
    first = body.named_children[0]
    if first.type == "expression_statement" and first.named_children and first.named_children[0].type == "string":
        at = first.end_point[0] + 1  # after the docstring
    else:
        at = first.start_point[0]
    indent = " " * first.start_point[1]
    rows = code.split("\n")
    gap = [""] if at < len(rows) and rows[at].strip() else []
    return "\n".join(rows[:at] + [indent + ln for ln in lines] + gap + rows[at:])


def _missing(answer: str, source: str) -> list[JavaField]:
    have = python_fields(answer, class_name(source))
    if have is None:
        return []
    return [f for f in source_fields(source) if normalize_name(f.name) not in have]


def missing_fields(answer: str, source: str, src: Language, target: Language, static_only: bool = False) -> str | None:
    """The problem of a Python class translated from a Java class that leaves out some of its fields
    (``static_only``: its constructor is translated apart, and sets the others)."""
    if src.name != "java" or target.name != "python":
        return None
    gone = [f for f in _missing(answer, source) if f.static or not static_only]
    if not gone:
        return None
    static = [f.name for f in gone if f.static]
    instance = [f.name for f in gone if not f.static]
    parts = []
    if static:
        parts.append(f"the static field(s) {', '.join(static)} (class attributes, with the Java values)")
    if instance:
        parts.append(f"the field(s) {', '.join(instance)} (set on self in __init__, as the Java constructors "
                     f"set them)")
    return ("the Java class declares fields that this Python class never sets: " + "; and ".join(parts)
            + "; keep every field and the constructor's whole logic")


def _constructors(code: str) -> list[tuple[int, str]]:
    """(how many parameters, the parameter list as written) of each constructor of the first Java class in
    ``code`` (``[(0, "()")]``: none declared, Java's default constructor); varargs count as any number (-1)."""
    java = get_language("java")
    cls = _class(java.parse(code.encode("utf-8")).root_node, "java")
    body = cls.child_by_field_name("body") if cls is not None else None
    out = []
    for member in body.named_children if body is not None else []:
        if member.type == "constructor_declaration":
            params = member.child_by_field_name("parameters")
            given = [p for p in params.named_children if p.type in ("formal_parameter", "spread_parameter")]
            out.append((-1 if any(p.type == "spread_parameter" for p in given) else len(given),
                        " ".join(node_text(params).split())))
    return out or [(0, "()")]


def constructor_problem(answer: str, source: str, src: Language, target: Language) -> str | None:
    """The problem of a Python class whose ``__init__`` cannot be called with the arguments of each of its Java
    class's constructors (positional, as the translated callers pass them)."""
    if src.name != "java" or target.name != "python":
        return None
    ctors = _constructors(source)
    arities = [n for n, _ in ctors]
    cls = _class(get_language("python").parse(answer.encode("utf-8")).root_node, "python", class_name(source))
    body = cls.child_by_field_name("body") if cls is not None else None
    inits = [n for n in (body.named_children if body is not None else []) if n.type == "function_definition"
             and node_text(n.child_by_field_name("name")) == "__init__"]
    if len(inits) != 1 or -1 in arities:
        return None
    params = [p for p in inits[0].child_by_field_name("parameters").named_children if p.type != "comment"][1:]
    if any(p.type in ("list_splat_pattern", "dictionary_splat_pattern") for p in params):
        return None
    required = sum(1 for p in params if p.type in ("identifier", "typed_parameter"))
    names = [normalize_name(node_text(p if p.type == "identifier" else p.named_children[0])) for p in params]
    java = re.findall(r"(\w+)\s*(?:,|\)$)", ctors[0][1]) if len(ctors) == 1 else []
    if all(required <= n <= len(params) for n in arities) \
            and names[:len(java)] == [normalize_name(n) for n in java]:  # one constructor: its parameters too
        return None
    want = ", ".join(str(n) for n in sorted(set(arities)))
    written = " and ".join(f"`{class_name(source)}{p}`" for _, p in ctors)
    takes = f"takes {required if required == len(params) else f'{required} to {len(params)}'}" \
        if not all(required <= n <= len(params) for n in arities) else \
        f"has the parameters ({', '.join(node_text(p).split('=')[0].strip() for p in params)})"
    return (f"the Java constructors take {want} argument(s) ({written}) and their callers pass them so; this "
            f"__init__ {takes}: give __init__ exactly those parameters (defaults only for what a shorter "
            f"constructor leaves out) and do what the Java constructor does with them")


def java_members(java: str):
    """The syntax tree of Java class members (a method, a class, a unit of a split class), parsed inside a class."""
    return get_language("java").parse(f"class __C {{\n{java}\n}}\n".encode()).root_node


def python_root(code: str, target: Language):
    """The syntax tree of a Python answer, None when it does not parse."""
    root = target.parse(code.encode("utf-8")).root_node
    return None if root.has_error else root


def this_field(left) -> str | None:
    """The field an assignment's target ``this.x`` names (None for any other target)."""
    if left is None or left.type != "field_access" or node_text(left.child_by_field_name("object")) != "this":
        return None
    return node_text(left.child_by_field_name("field"))


def unset_fields(answer: str, source: str, src: Language, target: Language) -> str | None:
    """The problem of an ``__init__`` answered for a Java constructor alone (a split class's, translation.bigclass)
    that never sets on ``self`` a field the constructor sets (``this.salt = ...``: hashids' answer dropped two)."""
    if src.name != "java" or target.name != "python":
        return None
    data = f"class __C {{\n{source}\n}}\n".encode()
    root = get_language("java").parse(data).root_node
    ctor = next((n for n in walk(root) if n.type == "constructor_declaration"), None)
    if root.has_error or ctor is None:
        return None
    sets = [f for n in walk(ctor) if n.type == "assignment_expression"
            for f in [this_field(n.child_by_field_name("left"))] if f is not None]
    py = get_language("python").parse(answer.encode("utf-8")).root_node
    have = {normalize_name(node_text(a.child_by_field_name("attribute"))) for n in walk(py)
            if n.type in ("assignment", "augmented_assignment") for a in [n.child_by_field_name("left")]
            if a is not None and a.type == "attribute" and node_text(a.child_by_field_name("object")) == "self"}
    gone = [f for f in dict.fromkeys(sets) if normalize_name(f) not in have]
    if not gone or py.has_error:
        return None
    return (f"the Java constructor sets the field(s) {', '.join(gone)} (`this.{gone[0]} = ...`), which this "
            f"__init__ never sets on self: keep every assignment of the constructor")


_INT = re.compile(r"-?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|\d[\d_]*)[lL]?")
_FLOAT = re.compile(r"-?(\d[\d_]*\.?[\d_]*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)[fFdD]?")
_STRING = re.compile(r'"(?:[^"\\\n]|\\[btnfr"\'\\])*"')
_CHAR = re.compile(r"'(?:[^'\\\n]|\\[btnfr\"'\\])'")


def python_literal(java: str) -> str | None:
    """The Python of a Java literal, or None when ``java`` is not one this module is sure of."""
    v = java.strip()
    if v in ("true", "false"):
        return v.capitalize()
    if v == "null":
        return "None"
    if _INT.fullmatch(v):
        digits = v.rstrip("lL")
        bare = digits.lstrip("-")
        if len(bare) > 1 and bare[0] == "0" and bare[1].isdigit():  # Java's octal 017
            return digits[: len(digits) - len(bare)] + "0o" + bare[1:]
        return digits
    if _FLOAT.fullmatch(v) and any(c.isdigit() for c in v):
        text = v.rstrip("fFdD")
        return text + "0" if text.endswith(".") else text
    if _STRING.fullmatch(v):
        return v
    if _CHAR.fullmatch(v):
        return '"' + v[1:-1].replace('"', '\\"').replace("\\'", "'") + '"'
    return None


def add_constants(answer: str, target: Language, source: str) -> tuple[str, bool]:
    """``answer`` with the source's ``static final`` literal fields it lacks added at the top of its class."""
    if target.name != "python":
        return answer, False
    lines = []
    for f in _missing(answer, source):
        value = python_literal(f.value) if f.static and f.final and f.value is not None else None
        if value is not None:
            lines.append(f"{f.name} = {value}")
    out = insert_in_class(answer, class_name(source), lines) if lines else None
    return (answer, False) if out is None else (out, True)
