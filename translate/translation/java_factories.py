"""A Java factory method, ``return new T(...);`` its whole body, whose Python answer builds something else, put right.

sqids' ``public static Builder builder() { return new Builder(); }`` is the door to every object of the project
(``Sqids.builder().alphabet("abc").build()``). The 1.5B answered ``return Sqids(Sqids.Builder())`` in two of the
runs recorded, a builder wrapped in the object it builds: every test then failed on ``'Sqids' object has no
attribute 'build'`` and the repair turns, given the whole class, did not look at the one-line method. The method
returns an object, so no behaviour check runs it.

Such a body has one translation: ``return T(args)``. Where the Java method's body is that one statement, with
arguments that are its parameters, ``this`` or literals, and the answer's method of the same name is one ``return``
of anything but a call of ``T`` with as many arguments, the ``return`` is written from the Java: ``T`` as the
answer spells it elsewhere (``Sqids.Builder``), the parameters by their place in the answer's signature.
"""
from __future__ import annotations

import re

from translate.source.languages import Language
from translate.source.validate import node_text, normalize_name, walk
from translate.translation.assemble import splice
from translate.translation.java_fields import java_members, python_literal, python_root

_LITERAL_TYPES = ("decimal_integer_literal", "decimal_floating_point_literal", "string_literal", "character_literal",
                  "true", "false", "null_literal")


def _factories(java: str) -> dict[str, tuple[str, list[tuple[str, str | int]], int]]:
    """Normalized method name -> (the class it builds, simple name; its arguments: ("param", index), ("this", ""),
    ("literal", Python text); its number of parameters), for the methods whose whole body is ``return new T(...);``
    (overloads left out)."""
    root = java_members(java)
    out: dict[str, tuple[str, list[tuple[str, str | int]], int]] = {}
    seen: set[str] = set()
    for m in walk(root):
        if m.type != "method_declaration" or m.child_by_field_name("name") is None:
            continue
        name = normalize_name(node_text(m.child_by_field_name("name")))
        if name in seen:
            out.pop(name, None)
            continue
        seen.add(name)
        body = m.child_by_field_name("body")
        stmts = [c for c in body.named_children if c.type not in ("line_comment", "block_comment")] if body else []
        value = stmts[0].named_children[0] if len(stmts) == 1 and stmts[0].type == "return_statement" \
            and stmts[0].named_children else None
        if value is None or value.type != "object_creation_expression" or any(
                c.type == "class_body" for c in value.named_children):
            continue
        params = [node_text(p.child_by_field_name("name")) for p in m.child_by_field_name("parameters").named_children
                  if p.type == "formal_parameter" and p.child_by_field_name("name") is not None]
        args: list[tuple[str, str | int]] = []
        for a in value.child_by_field_name("arguments").named_children:
            text = node_text(a)
            if a.type == "identifier" and text in params:
                args.append(("param", params.index(text)))
            elif a.type == "this":
                args.append(("this", ""))
            elif a.type in _LITERAL_TYPES and not text.startswith("'") and (py := python_literal(text)) is not None:
                args.append(("literal", py))
            else:
                break
        else:
            built = re.sub(r"<.*>", "", node_text(value.child_by_field_name("type"))).split(".")[-1].strip()
            out[name] = (built, args, len(params))
    return out


def fix_factories(code: str, target: Language, java: str) -> tuple[str, bool]:
    """``code`` (Python, from the Java ``java``) with each factory method's ``return`` written from the Java where
    the answer's builds something else (the module's rule)."""
    if target.name != "python" or "new " not in java or "return" not in code:
        return code, False
    factories = _factories(java)
    if not factories:
        return code, False
    root = python_root(code, target)
    if root is None:
        return code, False
    edits = []
    for d in walk(root):
        if d.type != "function_definition" or normalize_name(node_text(d.child_by_field_name("name"))) not in factories:
            continue
        built, args, count = factories[normalize_name(node_text(d.child_by_field_name("name")))]
        stmts = [c for c in d.child_by_field_name("body").named_children if c.type != "comment"
                 and not (c.type == "expression_statement" and c.named_children and c.named_children[0].type == "string")]
        value = stmts[0].named_children[0] if len(stmts) == 1 and stmts[0].type == "return_statement" \
            and stmts[0].named_children else None
        if value is None:
            continue
        if value.type == "call" and node_text(value.child_by_field_name("function")).split(".")[-1] == built \
                and len(value.child_by_field_name("arguments").named_children) == len(args):
            continue  # builds it already
        params = [node_text(p) for p in d.child_by_field_name("parameters").named_children if p.type == "identifier"]
        receiver = len(params) == count + 1  # a method's ``self`` (by any name)
        me, params = (params[0], params[1:]) if receiver else ("self", params)
        said = []
        for kind, what in args:
            if kind == "param" and isinstance(what, int) and what < len(params):
                said.append(params[what])
            elif kind == "this":
                said.append(me)
            elif kind == "literal":
                said.append(str(what))
            else:
                break
        else:
            spelled = re.search(rf"\b((?:[A-Za-z_]\w*\.)*{re.escape(built)})\s*\(", code)
            edits.append((value.start_byte, value.end_byte, f"{spelled.group(1) if spelled else built}({', '.join(said)})"))
    if not edits:
        return code, False
    return splice(code, edits), True
