"""A ``for`` loop over a ``map`` or ``set`` with an iterator, for the C++ -> Python rule (:mod:`cpp_py_body`).

``for (it = m.begin(); it != m.end(); it++)`` (the iterator declared before, ``map<K, V>::iterator it;``, or in
the loop, ``auto it = m.begin()``) is ``for it in sorted(m.items()):``, ``it->first``/``it->second`` the items of
the entry and ``*it`` a set's value, where the body changes neither the iterator nor the container and the
iterator is not read after the loop (C++'s is then ``end()``, Python's the last item).
"""
from __future__ import annotations

from translate.source.validate import walk
from translate.translation import cpp_py_maps as maps
from translate.translation.cpp_py_exprs import mutated
from translate.translation.cpp_py_types import declarator_name
from translate.translation.junit_jdk import Unsupported, text


def _call(node, field: str) -> str | None:
    """The container ``x`` of ``x.<field>()``, or None."""
    if node is None or node.type != "call_expression":
        return None
    fn = node.child_by_field_name("function")
    if fn.type != "field_expression" or text(fn.child_by_field_name("field")) != field \
            or text(fn.child_by_field_name("operator")) != ".":
        return None
    return text(fn.child_by_field_name("argument"))


def _start(body, init) -> tuple[str, str] | None:
    """(iterator, container) of ``it = m.begin()`` or ``auto it = m.begin()``."""
    if init is None:
        return None
    if init.type == "assignment_expression" and text(init.child_by_field_name("operator")) == "=":
        it, value = init.child_by_field_name("left"), init.child_by_field_name("right")
        if it.type != "identifier" or not (body.local(text(it)) or "").startswith("iter<"):
            return None
        box = _call(value, "begin")
        return (text(it), box) if box else None
    if init.type == "declaration":
        decls = init.children_by_field_name("declarator")
        if len(decls) != 1 or decls[0].type != "init_declarator":
            return None
        box = _call(decls[0].child_by_field_name("value"), "begin")
        return (declarator_name(decls[0].child_by_field_name("declarator"))[0], box) if box else None
    return None


def iterator_loop(body, node) -> list[str] | None:
    """The Python of the ``for`` statement ``node`` where it iterates a map or set (see the module), else None."""
    start = _start(body, node.child_by_field_name("initializer"))
    if start is None:
        return None
    it, box = start
    cond, update = node.child_by_field_name("condition"), node.child_by_field_name("update")
    if cond is None or cond.type != "binary_expression" or text(cond.child_by_field_name("operator")) != "!=" \
            or text(cond.child_by_field_name("left")) != it or _call(cond.child_by_field_name("right"), "end") != box \
            or update is None or update.type != "update_expression" or text(update.named_children[0]) != it:
        raise Unsupported("an iterator loop other than begin() .. end()")
    values, typ = body.expr(cond.child_by_field_name("right").child_by_field_name("function")
                            .child_by_field_name("argument"))
    if maps.is_map(typ):
        values, el = maps.items(values, typ)
    elif maps.is_set(typ):
        values, el = maps.ordered(values, typ)
        el = el[:-2]
    else:
        raise Unsupported(f"an iterator loop over a {typ}")
    loop_body = node.child_by_field_name("body")
    if mutated(loop_body, box) or mutated(loop_body, it):
        raise Unsupported("an iterator loop that changes its container or iterator")
    outside = [n for n in walk(body.root) if n.type == "identifier" and text(n) == it
               and not node.start_byte <= n.start_byte < node.end_byte]
    if any(n.parent is None or n.parent.type != "declaration" for n in outside):
        raise Unsupported("an iterator read outside its loop")
    body.scopes.append({})
    try:
        return [f"for {body.declare(it, f'ptr<{el}>')} in {values}:", *body.block(loop_body)]
    finally:
        body.scopes.pop()
