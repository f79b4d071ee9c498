"""What a Python class keeps of its Java source when the model's skeleton failed: constants and simple constructors.

java-string-similarity's ``JaroWinkler`` is split (skeleton, then method by method); the 1.5B's skeleton answer
ran on into other classes three times and failed, so the class was written as a shell holding its methods and the
source in a comment: no ``DEFAULT_THRESHOLD``, no ``__init__``, and every test failed on ``'JaroWinkler' object has
no attribute 'threshold'``. Most Java constructors only set fields, from their parameters, literals or the class's
constants, or forward to another (``this(DEFAULT_THRESHOLD)``); those need no model:

- the ``static final`` literal fields (``java_fields.add_constants``);
- one ``__init__`` with the parameters of the constructor that takes the most, each defaulting to what the
  constructors with fewer parameters pass or set for it (``def __init__(self, threshold=DEFAULT_THRESHOLD)``), and
  an assignment per field in the source's order.

A constructor that does anything else (a call, a computation) leaves the shell without ``__init__``, as before.
"""
from __future__ import annotations

from translate.source.languages import Language, get_language
from translate.source.validate import node_text, walk
from translate.translation.java_fields import (
    add_constants,
    class_name,
    insert_in_class,
    python_literal,
    source_fields,
    this_field,
)
from translate.translation.naming import convert_case


def _ctor_facts(ctor) -> tuple[list[str], list[tuple[str, str]], list[str] | None] | None:
    """(parameter names, [(field, value as written)], the arguments of ``this(...)`` or None); None: not simple."""
    params = [node_text(p.child_by_field_name("name")) for p in ctor.child_by_field_name("parameters").named_children
              if p.type == "formal_parameter"]
    sets: list[tuple[str, str]] = []
    forward = None
    for stmt in ctor.child_by_field_name("body").named_children:
        if stmt.type == "line_comment" or stmt.type == "block_comment":
            continue
        if stmt.type == "explicit_constructor_invocation" and node_text(stmt).startswith("this"):
            forward = [node_text(a) for a in stmt.child_by_field_name("arguments").named_children]
            continue
        expr = stmt.named_children[0] if stmt.type == "expression_statement" and stmt.named_children else None
        if expr is None or expr.type != "assignment_expression" or node_text(expr.child_by_field_name("operator")) != "=":
            return None
        left = expr.child_by_field_name("left")
        field = this_field(left) or (node_text(left) if left.type == "identifier" else None)
        if field is None or left.type == "identifier" and field in params:  # ``x = x``: the parameter itself
            return None
        sets.append((field, node_text(expr.child_by_field_name("right"))))
    return params, sets, forward


def _python_value(value: str, params: set[str], constants: set[str]) -> str | None:
    if value in params:
        return convert_case(value, "snake")
    if value in constants:
        return value
    return python_literal(value)


def simple_init(java_class: str) -> list[str] | None:
    """The lines of an ``__init__`` for the Java class's constructors, when each is simple (see the module)."""
    root = get_language("java").parse(java_class.encode("utf-8")).root_node
    cls = next((n for n in root.named_children if n.type == "class_declaration"), None)
    body = cls.child_by_field_name("body") if cls is not None else None
    ctors = [m for m in (body.named_children if body is not None else []) if m.type == "constructor_declaration"]
    facts = [_ctor_facts(c) for c in ctors]
    if not ctors or any(f is None for f in facts):
        return None
    constants = {f.name for f in source_fields(java_class) if f.static and f.final}
    fields = {f.name for f in source_fields(java_class) if not f.static}
    full = max((f for f in facts if f is not None and f[2] is None), key=lambda f: len(f[0]), default=None)
    if full is None:
        return None
    params, sets, _ = full
    defaults: dict[str, str] = {}
    for f in facts:
        assert f is not None
        if f is full or len(f[0]) >= len(params):
            continue
        if f[2] is not None:  # ``this(a, b)``: the arguments are the full constructor's parameters' defaults
            given = dict(zip(params, f[2]))
        else:  # sets fields itself: the full constructor's parameter for that field takes the value
            given = {v: dict(f[1]).get(k, "") for k, v in sets if v in params}
        for p in params[len(f[0]):]:
            value = _python_value(given.get(p, ""), set(f[0]), constants) if given.get(p) else None
            if value is not None and p not in defaults and given.get(p) not in f[0]:
                defaults[p] = value
    if any(p not in defaults for p in params[next((i for i, p in enumerate(params) if p in defaults), len(params)):]):
        return None  # a default before a parameter without one
    head = ", ".join(["self", *(convert_case(p, "snake") + (f"={defaults[p]}" if p in defaults else "")
                                for p in params)])
    lines = [f"def __init__({head}):"]
    for field, value in sets:
        py = _python_value(value, set(params), constants)
        if py is None or field not in fields:
            return None
        lines.append(f"    self.{convert_case(field, 'snake')} = {py}")
    return lines if len(lines) > 1 else None


def fill_shell(shell: str, target: Language, java_class: str) -> str:
    """``shell`` (the Python class written for a failed skeleton) with the Java class's constants and simple
    constructors; unchanged for other targets or where nothing applies."""
    if target.name != "python":
        return shell
    text, init = shell, simple_init(java_class)
    root = target.parse(text.encode("utf-8")).root_node
    if init is not None and not any(n.type == "function_definition" and node_text(n.child_by_field_name("name"))
                                    == "__init__" for n in walk(root)):
        text = insert_in_class(text, class_name(java_class), init) or text
    return add_constants(text, target, java_class)[0]  # above ``__init__``: its defaults name them
