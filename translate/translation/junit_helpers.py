"""A test helper class of static methods (JUnit tests call it), translated to Python by rule like the tests.

java-string-similarity's ``testutil.NullEmptyTests`` holds the assertions every test class shares, with two
``testDistance`` methods overloaded by parameter type: for a ``NormalizedStringDistance`` the distance of ``""``
and ``"foo"`` is 1.0, for any other ``StringDistance`` 3.0. Asked for it, the 1.5B pack kept one of the two, so
4 tests failed for a helper that no longer said what the source says. Its statements are the simple kind
:mod:`translate.translation.junit_python` writes; this module adds what a helper has besides: static methods with
parameters (``@staticmethod``, the class's own calls through the class), and overloads of one arity that differ
in one parameter's project type, written as one method that calls the most specific one that applies
(``isinstance``, the longest ``__mro__``), as Java chooses for the declared type of the argument.
"""
from __future__ import annotations

from collections.abc import Iterable

from translate.source.languages import get_language
from translate.source.validate import validate
from translate.translation.junit_python import _text, _Unsupported, _Writer
from translate.translation.naming import target_name


def _params(node) -> list[tuple[str, str]]:
    params = node.child_by_field_name("parameters")
    out = []
    for p in params.named_children if params is not None else []:
        if p.type != "formal_parameter":
            raise _Unsupported("a parameter of another kind")
        out.append((_text(p.child_by_field_name("name")), _text(p.child_by_field_name("type"))))
    return out


def _method(writer: _Writer, node, name: str) -> list[str]:
    params = _params(node)
    writer.locals = dict(params)
    body = node.child_by_field_name("body")
    lines = [ln for s in body.named_children if s.type not in ("line_comment", "block_comment")
             for ln in writer.statement(s)] if body is not None else []
    args = ", ".join(p for p, _ in params)
    return ["@staticmethod", f"def {name}({args}):", *(f"    {ln}" for ln in lines or ["pass"])]


def _dispatch(owner: str, name: str, overloads: list, classes: set[str]) -> tuple[list[str], list[str]]:
    """(the dispatching method, the private names of the overloads) for overloads of one arity whose parameters
    differ at one position, in a project class each."""
    shapes = [_params(m) for m in overloads]
    if len({len(s) for s in shapes}) != 1:
        raise _Unsupported("overloads of different arities")
    differ = [i for i in range(len(shapes[0])) if len({s[i][1] for s in shapes}) > 1]
    if len(differ) != 1 or any(s[differ[0]][1] not in classes for s in shapes):
        raise _Unsupported("overloads that differ otherwise")
    at = differ[0]
    names = [f"_{name}_{k}" for k in range(len(overloads))]
    args = [p for p, _ in shapes[0]]
    kinds = ", ".join(f"({target_name(s[at][1], 'class', get_language('python'))}, {owner}.{n})"
                      for s, n in zip(shapes, names))
    return ["@staticmethod", f"def {name}({', '.join(args)}):",
            f"    # Java's overloads by the type of {args[at]}: the most specific that applies",
            f"    options = [o for o in ({kinds},) if isinstance({args[at]}, o[0])]",
            "    if not options:",
            f"        raise TypeError(f\"{{type({args[at]}).__name__}} is none of the types {name} is overloaded for\")",
            f"    return max(options, key=lambda o: len(o[0].__mro__))[1]({', '.join(args)})"], names


def helper_class(code: str, classes: list[str], varargs: Iterable[str] = (),
                 project_methods: Iterable[str] | None = None) -> str | None:
    """The Python of a Java class of static methods only, or None when some part of it is not covered
    (``project_methods``: as :func:`~translate.translation.junit_python.junit_class` takes them)."""
    java, python = get_language("java"), get_language("python")
    root = java.parse(code.encode("utf-8")).root_node
    decls = [c for c in root.named_children if c.type == "class_declaration"]
    if root.has_error or len(decls) != 1 or decls[0].child_by_field_name("superclass") is not None:
        return None
    body = decls[0].child_by_field_name("body")
    members = [m for m in body.named_children if m.type not in ("line_comment", "block_comment")] if body else []
    static = [m for m in members if m.type == "method_declaration" and any(
        c.type == "modifiers" and "static" in _text(c).split() for c in m.children)]
    if not members or len(static) != len(members):
        return None
    owner = target_name(_text(decls[0].child_by_field_name("name")), "class", python)
    groups: dict[str, list] = {}
    for m in static:
        groups.setdefault(_text(m.child_by_field_name("name")), []).append(m)
    writer = _Writer({}, set(groups), set(classes), python, frozenset(varargs),
                     None if project_methods is None else frozenset(project_methods))
    writer.owner = owner
    lines = [f"class {owner}:"]
    try:
        for jname, overloads in groups.items():
            name = target_name(jname, "method", python)
            if len(overloads) == 1:
                methods = [_method(writer, overloads[0], name)]
            else:
                head, names = _dispatch(owner, name, overloads, set(classes))
                methods = [head, *(_method(writer, m, n) for m, n in zip(overloads, names))]
            for method in methods:
                lines += [""] * (len(lines) > 1) + [f"    {ln}" for ln in method]
    except (_Unsupported, ValueError, StopIteration):
        return None
    text = "\n".join(lines) + "\n"
    return None if validate(text, python) else text
