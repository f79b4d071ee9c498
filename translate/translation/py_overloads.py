"""Java overloads in a Python class: one method with default parameters instead of a second ``def`` that hides it.

Java overloads a method by arity: ``distance(s1, s2)`` calls ``distance(s1, s2, Integer.MAX_VALUE)``. The 1.5B
pack keeps both as ``def distance(...)`` in the Python class, where the second definition replaces the first, so
every two-argument call fails (java-string-similarity's ``Levenshtein``: all of its tests). Where one definition
only forwards to another of the same name, with its own parameters in order followed by values that can be
defaults (literals, ``None``, ``float("inf")``, the class's constants), the forwarding one is certain to be the
other with defaults: :func:`merge_overloads` deletes it and gives the other's trailing parameters those defaults.
Definitions that differ otherwise (overloads by parameter type) are left, and :func:`duplicate_methods` names them
as a problem for a repair turn. (A field named as a method is translation.py_nested's.)
"""
from __future__ import annotations

import re

from translate.source.languages import Language, get_language
from translate.source.validate import node_text, walk
from translate.translation.assemble import splice
from translate.translation.java_fields import class_attributes

_OWNERS = ("self", "cls")



def _classes(root) -> list:
    """Every class of the module ``root``, nested ones too."""
    return [n for n in walk(root) if n.type == "class_definition"]


def _defs(body) -> dict[str, list]:
    """Method name -> its definition nodes (decorated ones as the decorated_definition) in ``body``."""
    out: dict[str, list] = {}
    for stmt in body.named_children:
        fn = stmt.child_by_field_name("definition") if stmt.type == "decorated_definition" else stmt
        if fn is not None and fn.type == "function_definition":
            out.setdefault(node_text(fn.child_by_field_name("name")), []).append((stmt, fn))
    return out


def _params(fn, required: bool = False) -> list[str] | None:
    """Parameter names after ``self``/``cls`` (``required``: those without a default); None when one has a type
    or a star, or a parameter without a default follows one with."""
    params = fn.child_by_field_name("parameters")
    names, plain = [], []
    for p in params.named_children if params is not None else []:
        if p.type == "identifier":
            if len(plain) < len(names):
                return None
            plain.append(node_text(p))
            names.append(node_text(p))
        elif p.type == "default_parameter":
            names.append(node_text(p.child_by_field_name("name")))
        else:
            return None
    out = plain if required else names
    return out[1:] if names[:1] and names[0] in _OWNERS else out


def _default(node, cls: str, attrs: set[str]) -> str | None:
    """``node`` as a default value written in the class body, or None when it cannot be one."""
    t = node.type
    if t in ("integer", "float", "string", "true", "false", "none"):
        return node_text(node)
    if t == "unary_operator" and node.named_children and node.named_children[0].type in ("integer", "float"):
        return node_text(node)
    if t == "call" and re.fullmatch(r"float\(\s*['\"]-?inf['\"]\s*\)", node_text(node)):
        return node_text(node)
    if t == "attribute":  # self.LIMIT, Levenshtein.LIMIT, cls.LIMIT: a class attribute, bare in the class body
        obj, attr = node.child_by_field_name("object"), node_text(node.child_by_field_name("attribute"))
        if obj is not None and node_text(obj) in (*_OWNERS, cls) and attr in attrs:
            return attr
        return None
    if t == "identifier" and node_text(node) in attrs:
        return node_text(node)
    return None


def _forward(fn, name: str, cls: str, attrs: set[str]) -> tuple[int, list[str]] | None:
    """(arity, defaults) when ``fn``'s body only calls ``name`` with its own parameters, then default-able values."""
    own = _params(fn)
    if own is None or _params(fn, required=True) != own:  # a forwarder has no defaults of its own
        return None
    body = fn.child_by_field_name("body")
    stmts = [s for s in body.named_children if s.type != "comment"] if body is not None else []
    if own is None or len(stmts) != 1:
        return None
    stmt = stmts[0]
    call = stmt.named_children[0] if stmt.type in ("return_statement", "expression_statement") and \
        stmt.named_children else None
    if call is None or call.type != "call":
        return None
    func = call.child_by_field_name("function")
    if func is None or func.type != "attribute" or node_text(func.child_by_field_name("attribute")) != name \
            or node_text(func.child_by_field_name("object")) not in (*_OWNERS, cls):
        return None
    args = call.child_by_field_name("arguments").named_children
    if any(a.type in ("keyword_argument", "list_splat", "dictionary_splat") for a in args) or len(args) <= len(own):
        return None
    if [node_text(a) for a in args[:len(own)]] != own:
        return None
    defaults = [_default(a, cls, attrs) for a in args[len(own):]]
    if any(d is None for d in defaults):
        return None
    return len(args), [d for d in defaults if d is not None]


def _merge_once(code: str, python: Language) -> str | None:
    root = python.parse(code.encode("utf-8")).root_node
    for cls in _classes(root):
        body = cls.child_by_field_name("body")
        name = node_text(cls.child_by_field_name("name"))
        attrs = class_attributes(body)
        for method, defs in _defs(body).items():
            if len(defs) < 2:
                continue
            forwards = {id(fn): _forward(fn, method, name, attrs) for _, fn in defs}
            for stmt, fn in defs:
                fwd = forwards[id(fn)]
                if fwd is None:
                    continue
                arity, defaults = fwd
                # the one it forwards to: not a forwarder itself (a chain folds from its full end), taking
                # ``arity`` arguments of which the last ``len(defaults)`` are still required
                full = [f for _, f in defs if f is not fn and forwards[id(f)] is None
                        and len(_params(f) or []) >= arity and len(_params(f, required=True) or []) == arity]
                if len(full) != 1:
                    continue
                params = full[0].child_by_field_name("parameters")
                plain = [p for p in params.named_children if p.type == "identifier"]
                tail = plain[len(plain) - len(defaults):]
                edits = [(p.start_byte, p.end_byte, f"{node_text(p)}={d}") for p, d in zip(tail, defaults)]
                start = stmt.start_byte - (stmt.start_point[1])  # the whole lines of the forwarding method
                end = stmt.end_byte + 1 if code.encode("utf-8")[stmt.end_byte:stmt.end_byte + 1] == b"\n" else stmt.end_byte
                edits.append((start, end, ""))
                return splice(code, edits)
    return None


def merge_overloads(code: str, target: Language, source: str = "") -> tuple[str, bool]:
    """``code`` with each forwarding overload folded into the method it forwards to (see the module docstring)."""
    if target.name != "python" or code.count("def ") < 2:
        return code, False
    python = get_language("python")
    changed = False
    for _ in range(8):  # a chain a(x) -> a(x, 1) -> a(x, 1, 2): one fold a pass
        merged = _merge_once(code, python)
        if merged is None or python.parse(merged.encode("utf-8")).root_node.has_error:
            break
        code, changed = merged, True
    return code, changed


def duplicate_methods(code: str, target: Language) -> str | None:
    """The problem of a Python class that defines a method twice (the last definition hides the others)."""
    if target.name != "python":
        return None
    python = get_language("python")
    for cls in _classes(python.parse(code.encode("utf-8")).root_node):
        twice = [m for m, defs in _defs(cls.child_by_field_name("body")).items() if len(defs) > 1]
        if twice:
            return (f"Python has no overloading: {', '.join(twice)} defined more than once in class "
                    f"{node_text(cls.child_by_field_name('name'))}, and only the last definition is kept; write one "
                    f"method with default parameters (or one that checks its arguments' types)")
    return None

