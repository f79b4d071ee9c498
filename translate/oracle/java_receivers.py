"""Objects to run a Java method on, built the way the project's own tests build them.

A Java method is recorded on ``new Owner()``; a class without a constructor that takes no arguments left all its
methods unverifiable. sqids' ``Sqids`` has one private constructor taking a ``Builder``: its 16 units were
unverifiable in every run, so no method was ever held to the source, and the 1.5B's slips in ``decode`` and
``encodeNumbers`` reached the tests unnamed. Its tests say how one is built: ``Sqids sqids =
Sqids.builder().build();``.

:func:`receivers` reads a Java test file for such recipes: a local or a field of type ``Owner`` whose initializer
is made only of ``new X(...)``, calls on a class (``Sqids.builder()``) or on what the chain built so far
(``.alphabet("abc")``, ``.build()``) and literal arguments (strings, numbers, booleans, ``null``). The Java driver
evaluates the recipe for every call (a fresh object each time, as ``new Owner()``); :func:`python_receiver` writes
the same chain for a Python candidate, each name looked up in any naming style (``minLength`` is ``min_length``).
"""
from __future__ import annotations

import re

from translate.source.languages import get_language
from translate.source.validate import node_text, walk

_LITERALS = {"string_literal", "decimal_integer_literal", "decimal_floating_point_literal", "hex_integer_literal",
             "true", "false", "null_literal", "character_literal"}
MAX_LENGTH = 200  # characters of a recipe (a longer one is a test's data, not a way to build an object)


def _literal(node) -> bool:
    if node.type in _LITERALS:
        return True
    return node.type == "unary_expression" and node_text(node).startswith("-") and len(node.named_children) == 1 \
        and node.named_children[0].type in ("decimal_integer_literal", "decimal_floating_point_literal")


def _plain(node) -> bool:
    """Whether ``node`` builds an object from literals only (the module's kinds of step)."""
    if node.type == "object_creation_expression":
        if any(c.type == "class_body" for c in node.named_children):
            return False
        return all(_literal(a) for a in node.child_by_field_name("arguments").named_children)
    if node.type == "method_invocation":
        obj = node.child_by_field_name("object")
        if obj is None or not all(_literal(a) for a in node.child_by_field_name("arguments").named_children):
            return False
        return _class_name(obj) or _plain(obj)
    return False


def _class_name(node) -> bool:
    """``Sqids`` or ``Sqids.Builder``: a type's name (capitalised, by Java's convention)."""
    if node.type == "identifier":
        return node_text(node)[:1].isupper()
    return node.type in ("field_access", "scoped_identifier") and all(
        part[:1].isupper() for part in node_text(node).split("."))


def _type_name(node) -> str:
    return re.sub(r"<.*>", "", node_text(node)).strip().split(".")[-1]


def receivers(code: str) -> dict[str, list[str]]:
    """Class (simple name) -> the Java expressions the test file ``code`` builds one with (the module's kinds)."""
    root = get_language("java").parse(code.encode("utf-8")).root_node
    out: dict[str, list[str]] = {}
    for node in walk(root):
        if node.type not in ("local_variable_declaration", "field_declaration"):
            continue
        kind = node.child_by_field_name("type")
        if kind is None:
            continue
        for d in node.children_by_field_name("declarator"):
            value = d.child_by_field_name("value")
            if value is None or not _plain(value):
                continue
            owner = _type_name(kind)
            if owner == "var":
                if value.type != "object_creation_expression":
                    continue
                owner = _type_name(value.child_by_field_name("type"))
            text = " ".join(node_text(value).split())
            if len(text) <= MAX_LENGTH and text not in out.setdefault(owner, []):
                out[owner].append(text)
    return out


def _py_literal(node) -> str:
    text = node_text(node)
    if node.type in ("true", "false"):
        return text.capitalize()
    if node.type == "null_literal":
        return "None"
    if node.type == "character_literal" or node.type == "string_literal":
        return text
    return re.sub(r"[lLfFdD]$", "", text) if not text.lower().startswith("0x") else text.rstrip("lL")


def _py(node, module: str) -> str:
    if node.type == "object_creation_expression":
        return f"{_py_type(node.child_by_field_name('type'), module)}({_args(node)})"
    if node.type == "method_invocation":
        obj = node.child_by_field_name("object")
        base = _py_type(obj, module) if _class_name(obj) else _py(obj, module)
        return f"_attr({base}, {node_text(node.child_by_field_name('name'))!r})({_args(node)})"
    raise ValueError(node.type)


def _py_type(node, module: str) -> str:
    out = module
    for part in re.sub(r"<.*>", "", node_text(node)).split("."):
        out = f"_attr({out}, {part.strip()!r})"
    return out


def _args(node) -> str:
    return ", ".join(_py_literal(a) for a in node.child_by_field_name("arguments").named_children)


def python_receiver(java: str, module: str) -> str | None:
    """The Python expression for the recipe ``java`` (names looked up by ``_attr(obj, name)`` from ``module``, the
    candidate's module object in the driver); None where the recipe is not one of the module's kinds."""
    root = get_language("java").parse(f"class __R {{ Object __r = {java}; }}".encode()).root_node
    values = [d.child_by_field_name("value") for n in walk(root) if n.type == "variable_declarator"
              for d in [n] if d.child_by_field_name("value") is not None]
    if root.has_error or len(values) != 1 or not _plain(values[0]):
        return None
    return _py(values[0], module)
