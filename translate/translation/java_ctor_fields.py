"""A Java constructor's field assignment the Python ``__init__`` turned into a local, set on ``self`` again.

hashids' constructor begins ``this.salt = salt != null ? salt : DEFAULT_SALT;`` and later reads ``this.salt``. Every
answer of the 1.5B, and every repair turn naming the field (``java_fields.unset_fields``), came back with
``if salt is None: salt = self.DEFAULT_SALT`` and read the local ``salt`` after it: the computation is there, the
field is never set, and 13 of the project's 17 tests failed on ``'Hashids' object has no attribute 'salt'``.

Where the answer carries the field's value in a local of the same name, the value is certain, and ``self.x = x``
at the end of ``__init__`` sets it. A field ``x`` is set so when the constructor sets ``this.x``, the answer never
sets ``self.x`` (any naming style, a leading ``_`` too), has a parameter or local ``x``, and either

- the Java assignment is ``this.x = x`` itself (the local's final value is the field's), or
- ``x`` is a parameter of the Java constructor that the Java never assigns, while the answer assigns ``x``: the
  answer moved the field's computation into the local, as hashids' did.

An ``__init__`` with a ``return`` of its own, or a Java class with more than one constructor, is left alone.
"""
from __future__ import annotations

from translate.source.languages import Language
from translate.source.validate import node_text, normalize_name, walk
from translate.translation.assemble import splice
from translate.translation.java_fields import java_members, this_field


def _java_constructor(java: str):
    root = java_members(java)
    ctors = [n for n in walk(root) if n.type == "constructor_declaration"]
    return ctors[0] if len(ctors) == 1 and not root.has_error else None


def _java_sets(ctor) -> tuple[dict[str, str], set[str], set[str]]:
    """Field -> the assigned expression (``this.x = ...``), the parameters, the bare names assigned."""
    fields: dict[str, str] = {}
    bare: set[str] = set()
    for n in walk(ctor):
        if n.type in ("assignment_expression", "update_expression"):
            left = n.child_by_field_name("left") if n.type == "assignment_expression" else n.named_children[0]
            if left is None:
                continue
            if (field := this_field(left)) is not None:
                fields.setdefault(field, node_text(n.child_by_field_name("right")))
            elif left.type == "identifier":
                bare.add(normalize_name(node_text(left)))
    params = {normalize_name(node_text(p.child_by_field_name("name"))) for p in walk(ctor.child_by_field_name("parameters"))
              if p.type in ("formal_parameter", "spread_parameter") and p.child_by_field_name("name") is not None}
    return fields, params, bare


def _init(code: str, target: Language):
    root = target.parse(code.encode("utf-8")).root_node
    inits = [n for n in walk(root) if n.type == "function_definition"
             and node_text(n.child_by_field_name("name")) == "__init__"]
    return inits[0] if len(inits) == 1 and not root.has_error else None


def _python_names(init) -> tuple[dict[str, str], set[str], set[str]]:
    """normalized -> spelling of the parameters and locals, the normalized names assigned, the ``self`` fields set."""
    names: dict[str, str] = {}
    for p in init.child_by_field_name("parameters").named_children:
        ident = p if p.type == "identifier" else next((c for c in p.named_children if c.type == "identifier"), None)
        if ident is not None and node_text(ident) != "self":
            names[normalize_name(node_text(ident))] = node_text(ident)
    assigned: set[str] = set()
    fields: set[str] = set()
    for n in walk(init.child_by_field_name("body")):
        if n.type not in ("assignment", "augmented_assignment"):
            continue
        left = n.child_by_field_name("left")
        if left is not None and left.type == "identifier":
            names.setdefault(normalize_name(node_text(left)), node_text(left))
            assigned.add(normalize_name(node_text(left)))
        elif left is not None and left.type == "attribute" and node_text(left.child_by_field_name("object")) == "self":
            fields.add(normalize_name(node_text(left.child_by_field_name("attribute"))))
    return names, assigned, fields


def keep_field_assignments(code: str, target: Language, java: str) -> tuple[str, bool]:
    """``code`` (a Python ``__init__``, alone or in its class, from the Java ``java``) with ``self.x = x`` added at its
    end for each field of the module's rule."""
    if target.name != "python" or "this." not in java:
        return code, False
    ctor, init = _java_constructor(java), _init(code, target)
    if ctor is None or init is None or any(n.type == "return_statement" for n in walk(init)):
        return code, False
    java_fields, params, java_bare = _java_sets(ctor)
    names, assigned, have = _python_names(init)
    lines = []
    for field, value in java_fields.items():
        key = normalize_name(field)
        if key in have or key not in names:
            continue
        if normalize_name(value) == key or (key in params and key not in java_bare and key in assigned):
            lines.append(f"self.{names[key]} = {names[key]}")
    if not lines:
        return code, False
    body = init.child_by_field_name("body")
    indent = " " * body.start_point[1]
    return splice(code, [(body.end_byte, body.end_byte, "".join(f"\n{indent}{line}" for line in lines))]), True
