"""Python tests translated to JUnit 5 by rule, without the model, where every statement is simple.

``translate repo --to java`` must keep a test's calls, values and expectations; the 1.5B pack rewrites tests
with cases of its own. The common pytest function or unittest class is a few plain statements whose Java is
certain: this module writes it (the reverse of ``junit_python``), in the shape the project's Java writer uses:
project functions static-imported, ``new C(...)`` for project classes, JUnit's assertions static-imported.

Covered: assignments to locals (``var`` the first time) and to fields, expression statements of calls,
``pass``, docstrings; pytest ``assert`` of ``==``/``!=``/``is [not] None``/``is``/ordering/``not``/calls,
``pytest.approx``, ``pytest.raises`` (``with`` or call form), ``pytest.fail``; the ``try``/``except E: pass``
forms that expect an exception; unittest's assertEqual/NotEqual/True/False/IsNone/IsNotNone/Is/IsNot/
AlmostEqual/NotAlmostEqual/Greater/Less/GreaterEqual/LessEqual/Raises and fail, with setUp/tearDown and helpers.
Expressions: see ``pytest_junit_expr``. Anything else (loops, ``if``, fixtures, parametrize, keyword
arguments, builtins, subscripts, KeyError, ...) and the whole test is left to the model (``None``).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from tree_sitter import Node

from translate.source.languages import Language, get_language
from translate.translation.naming import target_name
from translate.translation.pytest_junit_expr import (
    ExprWriter,
    JavaProject,
    Unsupported,
    assigned,
    bare,
    has_call,
    is_call_of,
    is_constant,
    is_number,
    java_int,
    java_string,
    kids,
    text,
)

__all__ = ["JavaProject", "pytest_function"]

T = TypeVar("T")
_OPTIONAL = ("msg", "places", "delta")
# unittest's assertions: their parameters, in order (msg, places and delta may be left out)
_UNITTEST = {
    **dict.fromkeys(("assertEqual", "assertEquals", "assertNotEqual", "assertIs", "assertIsNot", "assertGreater",
                     "assertLess", "assertGreaterEqual", "assertLessEqual"), ("first", "second", "msg")),
    **dict.fromkeys(("assertAlmostEqual", "assertNotAlmostEqual"), ("first", "second", "places", "msg", "delta")),
    **dict.fromkeys(("assertTrue", "assertFalse", "assertIsNone", "assertIsNotNone"), ("first", "msg")),
    "fail": ("msg",),
}
_OPERATOR = {"assertEqual": "==", "assertEquals": "==", "assertNotEqual": "!=", "assertIs": "is",
             "assertIsNot": "is not", "assertGreater": ">", "assertLess": "<", "assertGreaterEqual": ">=",
             "assertLessEqual": "<="}
_SAME = {"assertTrue": "assertTrue", "assertFalse": "assertFalse", "assertIsNone": "assertNull",
         "assertIsNotNone": "assertNotNull"}
_EQUALITY = {"==": "assertEquals", "!=": "assertNotEquals", "is": "assertSame", "is not": "assertNotSame"}
_NOT_NUMBERS = ("tuple", "list", "set", "dictionary", "string", "true", "false", "none", "keyword_argument",
                "list_splat", "dictionary_splat")
_CONDITIONS = ("call", "comparison_operator", "boolean_operator", "not_operator", "identifier", "attribute",
               "true")


def _call(name: str, *args: str, msg: str | None = None) -> str:
    return f"{name}({', '.join([*args, *([msg] if msg else [])])});"


def indent(lines: list[str]) -> list[str]:
    return [f"    {line}" if line else line for line in lines]


class Writer(ExprWriter):
    """Writes one test method's statements (and a unittest class's, one method after the other)."""

    def __init__(self, project: JavaProject, java: Language, fields: dict[str, str] | None = None,
                 methods: dict[str, str] | None = None):
        super().__init__(project, java, fields)
        self.methods = methods or {}  # a unittest class's methods: python name -> Java name

    def method(self, fn: Node, params: list[str]) -> list[str]:
        body = fn.child_by_field_name("body")
        given = fn.child_by_field_name("parameters")
        returns = fn.child_by_field_name("return_type")
        if body is None or given is None or [text(p) for p in kids(given)] != params or fn.children[0].type == "async" \
                or returns is not None and text(returns) != "None":
            raise Unsupported("a test with parameters (fixtures), or an async one")
        self.begin(assigned(body))
        lines = self.block(kids(body))
        self.check_final()
        return lines

    def block(self, nodes: list[Node]) -> list[str]:
        return [line for node in nodes for line in self.statement(node)]

    def statement(self, node: Node) -> list[str]:
        t, parts = node.type, kids(node)
        if t == "pass_statement":
            return []
        if t == "assert_statement":
            return [self.assertion(node)]
        if t == "with_statement":
            return self.with_raises(node)
        if t == "try_statement":
            return self.try_raises(node)
        if t != "expression_statement" or len(parts) != 1:
            raise Unsupported(t)
        if parts[0].type == "string":
            return []  # a docstring
        if parts[0].type == "assignment":
            return [self.assign(parts[0])]
        if parts[0].type == "call":
            return self.call_statement(parts[0])
        raise Unsupported(f"the statement {parts[0].type}")

    def assign(self, node: Node) -> str:
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or right is None or node.child_by_field_name("type") is not None or right.type == "assignment":
            raise Unsupported("an annotated or chained assignment")
        value, kind, field = self.expr(right), self.type_of(right), self.field(left)
        if field is not None:
            if kind is None or self.fields.setdefault(field, kind) != kind:
                raise Unsupported(f"a field whose Java type is not stated: self.{field}")
            return f"{self.field_ref(field)} = {value};"
        if left.type == "attribute":
            return f"{self.attribute(left)} = {value};"
        if left.type != "identifier":
            raise Unsupported("an unpacking or subscript assignment")
        name = text(left)
        first = name not in self.locals
        if first and value == "null" or not first and self.locals[name] != kind:
            raise Unsupported(f"the local {name} of no stated type or of two")
        self.locals.setdefault(name, kind)
        self.use(name, assign=True)
        return f"{'var ' if first else ''}{self.java_name(name)} = {value};"

    def call_statement(self, node: Node) -> list[str]:
        fn, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
        own = self.field(fn) if fn is not None else None
        if own is not None and args is not None:
            if own in _UNITTEST:
                return [self.unittest_assert(own, node)]
            if own == "assertRaises":
                return [self.raises_call(kids(args))]
            if own in self.methods and not kids(args):
                return [f"{self.methods[own]}();"]
            raise Unsupported(f"self.{own}")
        if self.unittest and text(node) in ("super().setUp()", "super().tearDown()"):
            return []
        if is_call_of(node, "pytest", "fail") and args is not None:
            found = kids(args)
            if len(found) > 1 or found and found[0].type == "keyword_argument":
                raise Unsupported("pytest.fail's options")
            return [_call("fail", msg=self.message(found[0] if found else None))]
        if is_call_of(node, "pytest", "raises") and args is not None:
            return [self.raises_call(kids(args))]
        return [self.expr(node) + ";"]

    def message(self, node: Node | None) -> str | None:
        """An assertion's message, when it is a plain string (any other is dropped)."""
        try:
            return java_string(node) if node is not None and node.type == "string" else None
        except Unsupported:
            return None

    def assertion(self, node: Node) -> str:
        parts = kids(node)
        test, msg = bare(parts[0]), self.message(parts[1]) if len(parts) == 2 else None
        if len(parts) > 2:
            raise Unsupported("a malformed assert")
        if test.type == "false":
            return _call("fail", msg=msg)
        if test.type == "not_operator":
            return _call("assertFalse", self.truth(test.child_by_field_name("argument")), msg=msg)
        if test.type != "comparison_operator":
            return _call("assertTrue", self.truth(test), msg=msg)
        left, right, op = self.compared(test)
        return self.compare(left, right, op, msg)

    def truth(self, node: Node | None) -> str:
        """A condition JUnit can assert: a comparison, a call, ``and``/``or``/``not``, a boolean or a name (Java
        compiles it only as a boolean); a value of another stated type is refused (Python's truthiness)."""
        node = bare(node) if node is not None else None
        kind = self.type_of(node) if node is not None else None
        if node is None or node.type not in _CONDITIONS or kind not in (None, "boolean"):
            raise Unsupported("an assertion of a value's truth")
        return self.expr(node)

    def compare(self, actual: Node, expected: Node, op: str, msg: str | None) -> str:
        actual, expected = (self.const(bare(n)) for n in (actual, expected))
        if is_call_of(actual, "pytest", "approx"):
            actual, expected = expected, actual
        if op == "==" and is_call_of(expected, "pytest", "approx"):
            return self.approx(actual, expected, msg)
        if op in ("<", "<=", ">", ">="):
            return _call("assertTrue", f"{self.expr(actual)} {op} {self.expr(expected)}", msg=msg)
        if op not in _EQUALITY:
            raise Unsupported(f"an assert of {op}")
        if is_constant(actual) and not is_constant(expected) or has_call(actual) and has_call(expected):
            actual, expected = expected, actual  # the literal is expected; calls run in the test's order
        if expected.type == "none":
            return _call("assertNull" if op in ("==", "is") else "assertNotNull", self.expr(actual), msg=msg)
        if expected.type in ("true", "false"):  # Python's 1 == True: only a boolean, which Java checks, is kept
            kept = (expected.type == "true") == (op in ("==", "is"))
            return _call("assertTrue" if kept else "assertFalse", self.truth(actual), msg=msg)
        name = _EQUALITY[op]
        if "tuple" in (actual.type, expected.type) and not any(
                n.type == "tuple" and len(kids(n)) == 2 for n in (actual, expected)):  # a pair: a Map.Entry, equals
            if op != "==":
                raise Unsupported("a tuple compared but for equality")
            name = "assertArrayEquals"
        return _call(name, self.expr(expected), self.expr(actual), msg=msg)

    def approx(self, actual: Node, approx: Node, msg: str | None) -> str:
        """``a == pytest.approx(b)``: pytest's default tolerance, max(1e-6 relative, 1e-12 absolute)."""
        args = approx.child_by_field_name("arguments")
        found = kids(args) if args is not None else []
        target = found[0] if len(found) == 1 else None
        if target is None or not is_number(target) and (has_call(target) or target.type in _NOT_NUMBERS):
            raise Unsupported("pytest.approx of this")  # b is written twice: no call in it
        expected = self.expr(target)
        delta = f"{max(abs(float(expected.rstrip('L'))) * 1e-6, 1e-12):.6g}" if is_number(target) \
            else f"Math.max(Math.abs({expected}) * 1e-6, 1e-12)"
        return _call("assertEquals", expected, self.expr(actual), delta, msg=msg)

    def unittest_assert(self, name: str, node: Node) -> str:
        bound = self.bind(_UNITTEST[name], node)
        msg = self.message(bound.get("msg"))
        if name == "fail":
            return _call("fail", msg=msg)
        if name in _SAME:
            check = self.truth(bound["first"]) if name in ("assertTrue", "assertFalse") else self.expr(bound["first"])
            return _call(_SAME[name], check, msg=msg)
        first, second = bound["first"], bound["second"]
        if name in _OPERATOR:
            return self.compare(first, second, _OPERATOR[name], msg)
        places, delta = bound.get("places"), bound.get("delta")
        if places is not None and (delta is not None or places.type != "integer" or int(java_int(places)) > 300) \
                or {first.type, second.type} & set(_NOT_NUMBERS):
            raise Unsupported("assertAlmostEqual of these")
        tolerance = self.expr(delta) if delta is not None else f"0.5e-{java_int(places) if places else 7}"
        if has_call(first) and has_call(second):
            first, second = second, first  # the calls run in the test's order
        expected, actual = self.expr(second), self.expr(first)
        return _call("assertEquals" if name == "assertAlmostEqual" else "assertNotEquals", expected, actual,
                     tolerance, msg=msg)

    @staticmethod
    def bind(params: tuple[str, ...], node: Node) -> dict[str, Node]:
        """The arguments of a unittest assertion by parameter name; keywords only for these parameters."""
        args = node.child_by_field_name("arguments")
        bound: dict[str, Node] = {}
        for i, arg in enumerate(kids(args) if args is not None else []):
            key, value = (params[i] if i < len(params) else "", arg) if arg.type != "keyword_argument" else (
                text(arg.child_by_field_name("name") or arg), arg.child_by_field_name("value"))
            if key not in params or key in bound or value is None or arg.type.endswith("splat"):
                raise Unsupported("arguments of a unittest assertion")
            bound[key] = value
        if any(p not in bound for p in params if p not in _OPTIONAL):
            raise Unsupported("a unittest assertion's arguments missing")
        return bound

    def in_lambda(self, work: Callable[[], T]) -> T:
        """``work`` done inside a new lambda scope (see ``check_final``)."""
        outer, self.scopes = self.scope, self.scopes + 1
        self.scope = self.scopes
        try:
            return work()
        finally:
            self.scope = outer

    def throws(self, exc: Node, body: list[Node]) -> list[str]:
        cls = self.exception(exc)
        lines = self.in_lambda(lambda: self.block(body))
        return [f"assertThrows({cls}, () -> {{", *indent(lines), "});"]

    def raises_call(self, args: list[Node]) -> str:
        """``assertRaises(E, fn, *args)`` / ``pytest.raises(E, fn, *args)``: ``fn(args)`` in the lambda."""
        if len(args) < 2 or any(a.type in ("keyword_argument", "list_splat", "dictionary_splat") for a in args):
            raise Unsupported("assertRaises with options")
        cls = self.exception(args[0])
        return f"assertThrows({cls}, () -> {self.in_lambda(lambda: self.invoke(args[1], args[2:]))});"

    def with_raises(self, node: Node) -> list[str]:
        clauses = [c for c in kids(node) if c.type == "with_clause"]
        items = kids(clauses[0]) if len(clauses) == 1 else []
        value = items[0].child_by_field_name("value") if len(items) == 1 else None
        body = node.child_by_field_name("body")
        raises = value is not None and (is_call_of(value, "pytest", "raises")
                                        or self.unittest and is_call_of(value, "self", "assertRaises"))
        args = value.child_by_field_name("arguments") if value is not None and raises else None
        if body is None or args is None or len(kids(args)) != 1:
            raise Unsupported("a with statement other than pytest.raises(E) / self.assertRaises(E)")
        return self.throws(kids(args)[0], kids(body))

    def try_raises(self, node: Node) -> list[str]:
        """``try: S except E: pass else: <fail>`` or ``try: S; <fail> except E: pass``: S must raise E."""
        body = node.child_by_field_name("body")
        others = [c for c in kids(node) if c.type != "block"]  # the body is the try's one block
        excepts = [c for c in others if c.type == "except_clause"]
        elses = [c for c in others if c.type == "else_clause"]
        handler = kids(excepts[0]) if len(excepts) == 1 else []
        if body is None or len(others) != len(excepts) + len(elses) or len(handler) != 2 or \
                [s.type for s in kids(handler[1])] != ["pass_statement"]:
            raise Unsupported("a try statement other than one that expects an exception")
        stmts = kids(body)
        if elses and self.fails(kids(kids(elses[0])[-1])):  # the else's block
            return self.throws(handler[0], stmts)
        if elses or len(stmts) < 2 or not self.fails(stmts[-1:]) or text(handler[0]) in ("Exception", "AssertionError"):
            raise Unsupported("a try statement whose failure is not certain")
        return self.throws(handler[0], stmts[:-1])

    def fails(self, stmts: list[Node]) -> bool:
        """Is ``stmts`` one statement that fails the test (``raise AssertionError``, ``pytest.fail``, ...)?"""
        stmt = stmts[0] if len(stmts) == 1 else None
        inner = kids(stmt) if stmt is not None else []
        if stmt is None or len(inner) not in (1, 2):
            return False
        first = inner[0]
        fn = first.child_by_field_name("function") if first.type == "call" else first
        if stmt.type == "raise_statement":
            return len(inner) == 1 and fn is not None and text(fn) == "AssertionError"
        if stmt.type == "assert_statement":
            return first.type == "false"
        return stmt.type == "expression_statement" and len(inner) == 1 and first.type == "call" and (
            is_call_of(first, "pytest", "fail") or self.unittest and is_call_of(first, "self", "fail"))


def parse_one(code: str, kind: str) -> Node | None:
    root = get_language("python").parse(code.encode("utf-8")).root_node
    found = kids(root)
    return found[0] if not root.has_error and len(found) == 1 and found[0].type == kind else None


def pytest_function(code: str, project: JavaProject, cases: list[dict[str, str]] | None = None) -> str | None:
    """The JUnit 5 method of one pytest test function ``code`` (its whole ``def test_x(): ...`` text), or None
    when some part is not covered (the model translates it then). A parametrized test comes with its ``cases``
    (parameter -> the Python literal of its value, translate.project.pytest_params): one ``@Test`` method per
    case, ``testX_0``, ``testX_1``, ..., with the case's values written where the parameters are read."""
    java = get_language("java")
    if cases:
        top = parse_one(code, "decorated_definition")
        fn = top.child_by_field_name("definition") if top is not None else None
    else:
        fn = parse_one(code, "function_definition")
    if fn is None or fn.type != "function_definition":
        return None
    name = text(fn.child_by_field_name("name") or fn)
    if not name.startswith("test"):
        return None
    java_name = target_name(name, "function", java)
    try:
        if not cases:
            return _method(java_name, Writer(project, java).method(fn, []))
        given = fn.child_by_field_name("parameters")
        params = [text(p) for p in kids(given)] if given is not None else []
        body = fn.child_by_field_name("body")
        if body is None or any(p.type != "identifier" for p in kids(given or fn)) \
                or set(params) & set(assigned(body)) or any(set(case) != set(params) for case in cases):
            return None  # fixtures, or a parameter the body assigns
        methods = []
        for i, case in enumerate(cases):
            writer = Writer(project, java)
            writer.consts = {p: _literal(value) for p, value in case.items()}
            methods.append(_method(f"{java_name}_{i}", writer.method(fn, params)))
    except Unsupported:
        return None
    return "\n\n".join(methods)


def _method(name: str, lines: list[str]) -> str:
    return "\n".join(["@Test", f"void {name}() {{", *indent(lines), "}"])


def _literal(value: str) -> Node:
    """The expression node of a Python literal's text."""
    root = get_language("python").parse(f"_ = {value}".encode()).root_node
    stmt = kids(root)[0] if not root.has_error and len(kids(root)) == 1 else None
    assign = kids(stmt)[0] if stmt is not None and stmt.type == "expression_statement" else None
    right = assign.child_by_field_name("right") if assign is not None and assign.type == "assignment" else None
    if right is None:
        raise Unsupported("a parameter value that is not one expression")
    return right
