"""unittest.TestCase classes translated to JUnit 5 classes by rule (translate.translation.pytest_junit writes
their statements): fields typed from what ``setUp`` assigns, ``@BeforeEach setUp``, ``@AfterEach tearDown``, one
``@Test`` per test method, helpers as private methods; anything not covered is left to the model (None)."""
from __future__ import annotations

from tree_sitter import Node

from translate.source.languages import Language, get_language
from translate.translation.naming import target_name
from translate.translation.pytest_junit import Writer, indent, parse_one
from translate.translation.pytest_junit_expr import JavaProject, Unsupported, kids, text


def unittest_class(code: str, project: JavaProject) -> str | None:
    """The JUnit 5 class of one ``unittest.TestCase`` class ``code``: fields, ``@BeforeEach setUp``,
    ``@AfterEach tearDown``, one ``@Test`` per test method, helpers as private methods; or None when some part
    is not covered."""
    cls = parse_one(code, "class_definition")
    try:
        return _unittest(cls, project, get_language("java")) if cls is not None else None
    except Unsupported:
        return None


def _members(cls: Node) -> dict[str, Node]:
    """A TestCase class's methods by name; anything but methods and a docstring is refused."""
    bases, body = cls.child_by_field_name("superclasses"), cls.child_by_field_name("body")
    if bases is None or body is None or [text(b) for b in kids(bases)] not in (["unittest.TestCase"], ["TestCase"]):
        raise Unsupported("a class that is not a plain TestCase")
    methods: dict[str, Node] = {}
    for member in kids(body):
        name = text(member.child_by_field_name("name") or member)
        if member.type == "function_definition" and name not in methods and not name.startswith("__"):
            methods[name] = member
        elif member.type != "pass_statement" and (member.type != "expression_statement"
                                                  or [k.type for k in kids(member)] != ["string"]):
            raise Unsupported(f"the class member {member.type}")
    return methods


def _rank(name: str) -> int:
    """The order methods are written in: setUp first (fields get their types), helpers, tests, tearDown."""
    return 0 if name == "setUp" else 3 if name == "tearDown" else 2 if name.startswith("test") else 1


def _place(name: str) -> int:
    """The order methods are emitted in: setUp, tearDown, the tests, the helpers."""
    return (0, 3, 2, 1)[_rank(name)]


def _unittest(cls: Node, project: JavaProject, java: Language) -> str:
    methods = _members(cls)
    names = {name: target_name(name, "function", java) for name in methods}
    if len(set(names.values())) < len(names) or set(names.values()) & set(project.functions.values()):
        raise Unsupported("two methods of one Java name, or a method hiding a project function")
    fields: dict[str, str] = {}
    writer = Writer(project, java, fields, names)
    bodies = {name: writer.method(methods[name], ["self"]) for name in sorted(methods, key=_rank)}
    if len({writer.java_name(name) for name in fields}) < len(fields):
        raise Unsupported("two fields of one Java name")
    declared = [f"private {kind} {writer.java_name(name)};" for name, kind in fields.items()]
    parts = [declared] if declared else []
    for name in sorted(methods, key=_place):
        note = {"setUp": "@BeforeEach", "tearDown": "@AfterEach"}.get(name, "@Test" if name.startswith("test") else "")
        head = f"void {names[name]}() {{" if note else f"private void {names[name]}() {{"
        parts.append([*([note] if note else []), head, *indent(bodies[name]), "}"])
    body = [line for i, part in enumerate(parts) for line in [""] * (i > 0) + part]
    return "\n".join([f"class {target_name(text(cls.child_by_field_name('name') or cls), 'class', java)} {{",
                      *indent(body), "}"])
