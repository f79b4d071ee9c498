"""C++ types and functions for the C++ -> Python rule (:mod:`cpp_py_rule`), in the Java rule's type names.

The C++ rule writes its Python with the Java rule's typed expression and statement writer
(:mod:`java_rule_statements`), whose type names it reuses: ``int``, ``long``, ``double``, ``char``,
``boolean``, ``String``, ``T[]`` for a ``vector<T>`` (a Python list either way), ``map<K,V>``, ``umap<K,V>``
(``unordered_map``), ``set<T>``, ``uset<T>`` (``unordered_set``) and ``pair<A,B>`` (:mod:`cpp_py_maps`). A C++ type outside these (pointers, classes, ``set``,
``unsigned`` arithmetic) raises :class:`Unsupported`: the unit is the
model's alone. ``float`` is written as ``double`` (the behaviour check compares floats with a tolerance).
"""
from __future__ import annotations

import re

from translate.source.languages import get_language
from translate.translation.java_rule_types import Members
from translate.translation.junit_jdk import Unsupported, text

_SCALARS = {"int": "int", "short": "int", "long": "long", "long long": "long", "long int": "long",
            "long long int": "long", "size_t": "long", "double": "double", "float": "double",
            "long double": "double", "char": "char", "bool": "boolean", "string": "String", "void": "void",
            "int64_t": "long", "int32_t": "int", "int16_t": "int", "ptrdiff_t": "long"}


def ctype(written: str) -> str:
    """The rule's name of the C++ type ``written`` (``const vector<int>&`` -> ``int[]``), or Unsupported."""
    t = re.sub(r"\bstd::", "", written)
    t = re.sub(r"\bconst\b|&", "", t)
    t = re.sub(r"\s+", " ", t).strip()
    t = re.sub(r"\s*([<>,])\s*", r"\1", t)
    if t in _SCALARS:
        return _SCALARS[t]
    m = re.fullmatch(r"(map|unordered_map|pair)<(.+)>", t)
    if m:
        from translate.translation.cpp_py_maps import split_args

        args = [ctype(a) for a in split_args(m[2])]
        if len(args) != 2 or m[1] != "pair" and not (args[0] in _SCALARS.values() and args[0] != "double"):
            raise Unsupported(f"the C++ type {written}")
        return f"{ {'map': 'map', 'unordered_map': 'umap', 'pair': 'pair'}[m[1]]}<{args[0]},{args[1]}>"
    m = re.fullmatch(r"(.+)::(?:const_)?iterator", t)
    if m:  # a map's or set's iterator (translate.translation.cpp_py_iterators)
        inner = ctype(m[1])
        if not inner.startswith(("map<", "umap<", "set<", "uset<")):
            raise Unsupported(f"the C++ type {written}")
        return f"iter<{inner}>"
    m = re.fullmatch(r"(set|unordered_set)<(.+)>", t)
    if m:
        inner = ctype(m[2])
        if inner not in _SCALARS.values() or inner in ("double", "void"):
            raise Unsupported(f"the C++ type {written}")
        return f"{'set' if m[1] == 'set' else 'uset'}<{inner}>"
    m = re.fullmatch(r"vector<(.+)>", t)
    if m:
        inner = ctype(m[1])
        if inner in ("void", "boolean"):  # vector<bool> is a bitset whose items are no references
            raise Unsupported(f"a vector<{m[1]}>")
        return inner + "[]"
    raise Unsupported(f"the C++ type {written}")


def type_of(node) -> str:
    """The rule's type of a declaration node's ``type`` field (a declaration, parameter, range loop, cast)."""
    typ = node.child_by_field_name("type")
    if typ is None:
        raise Unsupported("a declaration without a type")
    if typ.type == "placeholder_type_specifier":
        return "auto"
    return ctype(text(typ))


def declarator_name(node) -> tuple[str, bool]:
    """(name, by reference) of a parameter's or local's declarator (``&v``, ``v``)."""
    ref = False
    while node is not None and node.type in ("reference_declarator", "init_declarator"):
        ref = ref or node.type == "reference_declarator"
        node = node.named_children[0] if node.type == "reference_declarator" else node.child_by_field_name(
            "declarator")
    if node is None or node.type != "identifier":
        raise Unsupported(f"a declarator {text(node) if node is not None else ''}")
    return text(node), ref


def params(fn) -> list[tuple[str, str, bool]]:
    """(name, type, by reference) of a function definition's parameters."""
    decl = fn.child_by_field_name("declarator")
    if decl is None or decl.type != "function_declarator":
        raise Unsupported("a function declarator")
    out = []
    for p in decl.child_by_field_name("parameters").named_children:
        if p.type == "comment":
            continue
        if p.type != "parameter_declaration" or p.child_by_field_name("declarator") is None:
            raise Unsupported(f"a parameter {text(p)}")
        name, ref = declarator_name(p.child_by_field_name("declarator"))
        out.append((name, type_of(p), ref))
    return out


def function_name(name: str) -> str:
    """The Python name of a function of the file, as the pipeline names it (snake case); a name that would shadow
    a Python builtin the rule's code calls (``min``, ``len``) or is a keyword is refused."""
    from translate.translation.java_rule_types import py_name

    out = py_name(name)
    if out.endswith("_") and not name.endswith("_"):
        raise Unsupported(f"a function named {name} (a Python builtin or keyword)")
    return out


def name_of(fn) -> str:
    decl = fn.child_by_field_name("declarator")
    name = decl.child_by_field_name("declarator") if decl is not None else None
    if name is None or name.type != "identifier":
        raise Unsupported("a function name that is not a plain name")
    return text(name)


def functions(source: str) -> list:
    """The function definitions at the top of a C++ file (none: a syntax error)."""
    root = get_language("cpp").parse(source.encode("utf-8")).root_node
    if root.has_error:
        return []
    return [n for n in root.named_children if n.type == "function_definition"]


def members_of(source: str) -> Members:
    """The functions of a C++ file as the rule's ``Members``: name -> (return type, static, parameter types,
    varargs); a name defined twice (an overload) or with a type the rule does not cover is not callable."""
    methods: dict[str, tuple[str, bool, list[str], bool]] = {}
    overloaded: set[str] = set()
    refs: dict[str, list[bool]] = {}
    for fn in functions(source):
        try:
            name, ps = name_of(fn), params(fn)
            ret = type_of(fn)
        except Unsupported:
            continue
        if name in methods:
            overloaded.add(name)
        methods[name] = (ret, True, [t for _, t, _ in ps], False)
        refs[name] = [r for _, _, r in ps]
    members = Members("", {}, methods, overloaded)
    members.refs = refs  # type: ignore[attr-defined]
    return members
