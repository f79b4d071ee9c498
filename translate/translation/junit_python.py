"""JUnit test classes translated to Python by rule, without the model, where every statement is simple.

A migrated test must make the same calls with the same values and expect the same results as its source. The
1.5B pack, asked for a whole JUnit class, keeps rewriting it as parametrized pytest methods with cases of its own
(``samples/project-java``'s ``StoreTest`` in every recorded run), and asked for one method at a time it answers
with copies of the classes under test. The common JUnit test is a few plain statements, whose Python is certain:
this module writes it (the form ``translate repo``'s Python project writer registers: the class with one method
per test, snake_case names, fields on ``self``, JUnit's assertions kept with their argument order and imported
from the ``junit_asserts`` template).

Covered: fields (initializers go into ``__init__``, as JUnit builds an instance per test), methods without
parameters whose statements are expression statements, local variable declarations, ``return``, ``if``/``else``
and ``for (T x : xs)``; literals, names, ``this``, ``new C(...)`` of a project class, calls (``obj.m(...)``,
``C.m(...)``, the class's own helpers, ``assertX``/``fail``, ``Assertions.assertX``), fields of project objects,
``a[i]``, ``C.class``, lambdas with one expression, ``Arrays.asList``/``List.of`` as lists, arithmetic other than
``/``, comparisons, ``&&``/``||``/``!``, the conditional operator, array initializers, and the JDK's strings,
collections and constants where their Python is certain (:mod:`junit_jdk`). Anything else (other loops,
``try``, casts, anonymous classes, division, parameterized tests) and the whole class is left to the model.
"""
from __future__ import annotations

import keyword
import re
from collections.abc import Iterable

from translate.source.languages import Language, get_language
from translate.source.validate import validate, walk
from translate.translation import junit_jdk as jdk
from translate.translation.junit_jdk import Unsupported as _Unsupported
from translate.translation.junit_jdk import text as _text
from translate.translation.naming import target_name

_BINARY = {"+": "+", "-": "-", "*": "*", "%": "%", "<": "<", ">": ">", "<=": "<=", ">=": ">=", "==": "==",
           "!=": "!=", "&&": "and", "||": "or"}
# Methods every Java object has, whose Python differs (``equals`` is ``==``, ``toString`` is ``str``): never
# copied. The JDK's collection and string methods: copied only on an object of a project class (its own
# ``add`` or ``get``), never on a value whose type is not known to be one (``list.size()`` is ``len(list)``).
_LIST_OF = {"Arrays.asList", "List.of"}
_ZEROS = {"int": "0", "long": "0", "short": "0", "byte": "0", "float": "0.0", "double": "0.0", "boolean": "False"}
_OBJECT_METHODS = {"equals", "hashCode", "toString", "getClass", "compareTo", "clone", "wait", "notify"}
_JDK_METHODS = {"size", "length", "get", "put", "add", "remove", "contains", "containsKey", "containsValue",
                "isEmpty", "charAt", "substring", "indexOf", "lastIndexOf", "startsWith", "endsWith", "trim", "split",
                "toUpperCase", "toLowerCase", "keySet", "values", "entrySet", "stream", "forEach", "iterator",
                "hasNext", "next", "intValue", "doubleValue", "longValue", "clear", "addAll", "set", "sort", "format",
                "matches", "replace", "replaceAll", "join", "getOrDefault", "putIfAbsent", "toArray", "asList", "of",
                "getKey", "getValue", "isPresent", "orElse", "valueOf", "parseInt", "parseDouble", "append"}


def _name(name: str) -> str:
    return name + "_" if keyword.iskeyword(name) or name in ("self", "None", "True", "False") else name


class _Writer:
    def __init__(self, fields: dict[str, str], methods: set[str], classes: set[str], target: Language,
                 varargs: frozenset[str] = frozenset(), project_methods: frozenset[str] | None = None):
        self.fields, self.methods, self.classes, self.target = fields, methods, classes, target
        self.project_methods = project_methods  # the project classes' method names (None: not known)
        self.varargs = varargs  # project methods taking ``T... xs``: an array passed alone is spread
        self.owner = "self"  # what the class's own methods are called on (a helper of static methods: its class)
        self.locals: dict[str, str] = {}  # name -> its declared Java type ("" for a lambda's parameter)

    def method(self, node) -> list[str]:
        params = node.child_by_field_name("parameters")
        body = node.child_by_field_name("body")
        if params is None or params.named_children or body is None:
            raise _Unsupported("a test method with parameters")
        self.locals = {}
        name = target_name(_text(node.child_by_field_name("name")), "method", self.target)
        lines = [line for stmt in body.named_children if stmt.type not in ("line_comment", "block_comment")
                 for line in self.statement(stmt)]
        return [f"def {name}(self):", *(f"    {ln}" for ln in lines or ["pass"])]

    def statement(self, node) -> list[str]:
        if node.type == "expression_statement":
            (expr,) = node.named_children
            if expr.type == "update_expression":  # x++; --x;
                return [self.step(expr)]
            right = expr.child_by_field_name("right") if expr.type == "assignment_expression" else None
            if right is not None and right.type == "update_expression" and _text(right)[-2:] in ("++", "--") \
                    and _text(expr.child_by_field_name("operator")) == "=":  # a[i] = x--: the old value, then the step
                return [f"{self.expr(expr.child_by_field_name('left'))} = {self.expr(right.named_children[0])}",
                        self.step(right)]
            obj = expr.child_by_field_name("object") if expr.type == "method_invocation" else None
            done = jdk.method(self, obj, _text(expr.child_by_field_name("name")),
                              jdk.arguments(expr.child_by_field_name("arguments")), True) if obj is not None else None
            return [done or self.expr(expr)]
        if node.type == "for_statement":
            return self.counted_for(node)
        if node.type == "try_statement":
            return [self.expected_throw(node)]
        if node.type == "local_variable_declaration":
            out = []
            kind = node.child_by_field_name("type")
            for decl in (c for c in node.named_children if c.type == "variable_declarator"):
                name = _text(decl.child_by_field_name("name"))
                value = decl.child_by_field_name("value")
                declared = _text(kind) if kind is not None else ""
                if declared == "var" and value is not None and value.type == "object_creation_expression":
                    declared = _text(value.child_by_field_name("type"))
                self.locals[name] = declared
                out.append(f"{_name(name)} = {self.expr(value) if value is not None else 'None'}")
            return out
        if node.type == "return_statement":
            return ["return " + self.expr(node.named_children[0]) if node.named_children else "return"]
        if node.type == "enhanced_for_statement":  # for (T x : xs) -> for x in xs:
            name = _text(node.child_by_field_name("name"))
            declared = node.child_by_field_name("type")
            self.locals[name] = _text(declared) if declared is not None else ""
            head = f"for {_name(name)} in {self.expr(node.child_by_field_name('value'))}:"
            return [head, *self.block(node.child_by_field_name("body"))]
        if node.type == "if_statement":
            out = [f"if {self.condition(node)}:",
                   *self.block(node.child_by_field_name("consequence"))]
            other = node.child_by_field_name("alternative")
            while other is not None and other.type == "if_statement":
                out += [f"elif {self.condition(other)}:",
                        *self.block(other.child_by_field_name("consequence"))]
                other = other.child_by_field_name("alternative")
            return out + (["else:", *self.block(other)] if other is not None else [])
        raise _Unsupported(node.type)

    def expected_throw(self, node) -> str:
        """JUnit 3/4's ``try { call; fail(...); } catch (E ignored) { }``: ``assertThrows(E, lambda: call)``."""
        body = node.child_by_field_name("body")
        stmts = [s for s in body.named_children if s.type not in ("line_comment", "block_comment")]
        catches = [c for c in node.named_children if c.type == "catch_clause"]
        if len(stmts) != 2 or len(catches) != 1 or any(c.type == "finally_clause" for c in node.named_children) \
                or any(s.type != "expression_statement" for s in stmts):
            raise _Unsupported("a try statement")
        call, fail = (s.named_children[0] for s in stmts)
        if fail.type != "method_invocation" or _text(fail.child_by_field_name("name")) != "fail" \
                or call.type not in ("method_invocation", "object_creation_expression"):
            raise _Unsupported("a try statement")
        param = next(c for c in catches[0].named_children if c.type == "catch_formal_parameter")
        kinds = [c for c in param.named_children if c.type == "catch_type"][0].named_children
        handler = catches[0].child_by_field_name("body")
        if len(kinds) != 1 or any(c.type not in ("line_comment", "block_comment") for c in handler.named_children):
            raise _Unsupported("a catch that does something")
        return f"assertThrows({self.type_name(kinds[0], literal=True)}, lambda: {self.expr(call)})"

    def step(self, node) -> str:
        """``x++`` / ``--x`` on a local or field, as a statement."""
        (operand,) = node.named_children
        if operand.type not in ("identifier", "field_access", "array_access"):
            raise _Unsupported("an update of an expression")
        return f"{self.expr(operand)} {'+' if '++' in _text(node) else '-'}= 1"

    def counted_for(self, node) -> list[str]:
        """``for (int i = a; i < b; i++)`` (or ``<=``, ``i--`` with ``>``/``>=``) whose body never assigns ``i``:
        ``for i in range(...)``; the bound is read once, as ``range`` does, so a body changing it is refused."""
        init, cond, body = (node.child_by_field_name(f) for f in ("init", "condition", "body"))
        updates = node.children_by_field_name("update")
        if init is None or init.type != "local_variable_declaration" or cond is None or len(updates) != 1:
            raise _Unsupported("a for loop")
        decls = [c for c in init.named_children if c.type == "variable_declarator"]
        if len(decls) != 1 or decls[0].child_by_field_name("value") is None:
            raise _Unsupported("a for loop")
        var = _text(decls[0].child_by_field_name("name"))
        step = _text(updates[0]).replace(" ", "")
        up = step in (var + "++", "++" + var)
        if not up and step not in (var + "--", "--" + var) or cond.type != "binary_expression" \
                or _text(cond.child_by_field_name("left")) != var:
            raise _Unsupported("a for loop")
        op = _text(cond.child_by_field_name("operator"))
        if op not in (("<", "<=") if up else (">", ">=")):
            raise _Unsupported("a for loop")
        bound = cond.child_by_field_name("right")
        assigned = {_text(n.child_by_field_name("left")) for n in walk(body) if n.type == "assignment_expression"}
        assigned |= {_text(n.named_children[0]) for n in walk(body) if n.type == "update_expression"}
        if var in assigned or {_text(n) for n in walk(bound) if n.type == "identifier"} & assigned:
            raise _Unsupported("a for loop whose counter or bound changes")
        self.locals[var] = _text(init.child_by_field_name("type"))
        start, end = self.expr(decls[0].child_by_field_name("value")), self.expr(bound)
        if up:
            head = f"for {_name(var)} in range({start}, {end if op == '<' else f'{end} + 1'}):"
        else:
            head = f"for {_name(var)} in range({start}, {end if op == '>' else f'{end} - 1'}, -1):"
        return [head, *self.block(body)]

    def condition(self, node) -> str:
        cond = node.child_by_field_name("condition")
        return self.expr(cond.named_children[0] if cond.type == "parenthesized_expression" else cond)

    def block(self, node) -> list[str]:
        """A nested statement or ``{ ... }`` block, indented one level."""
        stmts = node.named_children if node.type == "block" else [node]
        lines = [ln for s in stmts if s.type not in ("line_comment", "block_comment") for ln in self.statement(s)]
        return [f"    {ln}" for ln in lines or ["pass"]]

    def expr(self, node) -> str:
        t = node.type
        if t == "decimal_integer_literal":
            return _text(node).rstrip("lL").replace("_", "")
        if t == "decimal_floating_point_literal":
            text = _text(node).rstrip("fFdD").replace("_", "")
            return text + "0" if text.endswith(".") else text
        if t == "string_literal":
            text = _text(node)
            if text.startswith('"""'):
                raise _Unsupported("a text block")
            return text
        if t == "character_literal":
            return '"' + _text(node)[1:-1].replace('"', '\\"') + '"'
        if t in ("true", "false"):
            return t.capitalize()
        if t == "null_literal":
            return "None"
        if t == "this":
            return "self"
        if t == "identifier":  # a local, a field, a project class; anything else (``Integer``, ``Math``) is Java's
            name = _text(node)
            if name in self.locals:
                return _name(name)
            if name in self.fields:
                return f"self.{name}"
            if name in self.classes:
                return target_name(name, "class", self.target)
            raise _Unsupported(f"the name {name}")
        if t == "parenthesized_expression":
            return f"({self.expr(node.named_children[0])})"
        if t == "unary_expression":
            op = _text(node.child_by_field_name("operator"))
            operand = self.expr(node.child_by_field_name("operand"))
            if op == "!":
                return f"not {operand}"
            if op in ("-", "+"):
                return op + operand
            raise _Unsupported(op)
        wrapped = jdk.folded(node)  # integer constants that wrap around in Java
        if wrapped is not None:
            return wrapped
        if t == "cast_expression":
            return jdk.cast(self, node)
        if t == "binary_expression":
            op = _text(node.child_by_field_name("operator"))
            if op not in _BINARY:
                raise _Unsupported(op)  # ``/``: integer or real division depends on types we do not know
            return f"{self.expr(node.child_by_field_name('left'))} {_BINARY[op]} {self.expr(node.child_by_field_name('right'))}"
        if t == "ternary_expression":
            cond, yes, no = (self.expr(node.child_by_field_name(f)) for f in ("condition", "consequence", "alternative"))
            return f"({yes} if {cond} else {no})"
        if t == "assignment_expression":
            if _text(node.child_by_field_name("operator")) != "=":
                raise _Unsupported("a compound assignment")
            return f"{self.expr(node.child_by_field_name('left'))} = {self.expr(node.child_by_field_name('right'))}"
        if t == "field_access":
            obj, field = node.child_by_field_name("object"), _text(node.child_by_field_name("field"))
            if obj.type == "this":
                return f"self.{field}"
            if jdk.named(_text(node)) is not None:  # Long.MAX_VALUE
                return jdk.named(_text(node))
            if field == "length":
                if obj.type == "identifier" and self.declared(_text(obj)).endswith("]"):
                    return f"len({self.expr(obj)})"
                raise _Unsupported("an array's length")
            return f"{self.expr(obj)}.{field}"  # a field of a project object (a JDK constant's name is refused)
        if t == "array_access":
            return f"{self.expr(node.child_by_field_name('array'))}[{self.expr(node.child_by_field_name('index'))}]"
        if t == "class_literal":
            return self.type_name(node.named_children[0], literal=True)
        if t == "object_creation_expression":
            collection = jdk.creation(self, node)
            if collection is not None:
                return collection
            if any(c.type == "class_body" for c in node.named_children):
                raise _Unsupported("an anonymous class")
            cls = node.child_by_field_name("type")
            args = self.args(node.child_by_field_name("arguments"))
            return f"{self.type_name(cls)}({args})"
        if t == "method_invocation":
            return self.call(node)
        if t == "lambda_expression":
            params, body = node.child_by_field_name("parameters"), node.child_by_field_name("body")
            given = [_text(p) for p in ([params] if params.type == "identifier" else params.named_children)]
            if any(not re.fullmatch(r"\w+", g) for g in given):
                raise _Unsupported("typed lambda parameters")
            self.locals.update(dict.fromkeys(given, ""))
            names = [_name(g) for g in given]
            if body.type == "block":
                stmts = [s for s in body.named_children if s.type not in ("line_comment", "block_comment")]
                if len(stmts) != 1 or stmts[0].type != "expression_statement":
                    raise _Unsupported("a lambda with statements")
                body = stmts[0].named_children[0]
            return f"lambda{' ' + ', '.join(names) if names else ''}: {self.expr(body)}"
        if t in ("array_creation_expression", "array_initializer"):
            init = node if t == "array_initializer" else node.child_by_field_name("value")
            dims = [c for c in node.named_children if c.type == "dimensions_expr"]
            if init is None and len(dims) == 1 and not any(c.type == "dimensions" for c in node.named_children):
                zero = _ZEROS.get(_text(node.child_by_field_name("type")), "None")  # Java's default element
                return f"[{zero}] * {self.expr(dims[0].named_children[0])}"
            if init is None:
                raise _Unsupported("an array of a size")
            return "[" + ", ".join(self.expr(c) for c in init.named_children) + "]"
        raise _Unsupported(t)

    def declared(self, name: str) -> str:
        """The Java type ``name`` was declared with, as a local or a field ("" when neither)."""
        return self.locals.get(name, "") if name in self.locals else self.fields.get(name, "")

    def project_typed(self, node) -> bool:
        """Is ``node`` a value of a project class: a field or local declared with one, or ``new C(...)``?"""
        if node.type == "object_creation_expression":
            declared = _text(node.child_by_field_name("type"))
        elif node.type == "identifier":
            declared = self.declared(_text(node))
        elif node.type == "field_access" and node.child_by_field_name("object").type == "this":
            declared = self.fields.get(_text(node.child_by_field_name("field")), "")
        else:
            return False
        return declared in self.classes

    def type_name(self, node, literal: bool = False) -> str:
        name = _text(node)
        thrown = literal and name.endswith(("Exception", "Error"))  # ``assertThrows(E.class, ...)``: the project's
        # exception, or Java's, which the junit_asserts template names as the Python error migrated code raises
        if node.type != "type_identifier" or name not in self.classes and not thrown:
            raise _Unsupported(f"the type {name}")
        return target_name(name, "class", self.target)

    def args(self, node) -> str:
        return ", ".join(self.expr(c) for c in jdk.arguments(node)) if node is not None else ""

    def call(self, node) -> str:
        obj = node.child_by_field_name("object")
        name = _text(node.child_by_field_name("name"))
        args = self.args(node.child_by_field_name("arguments"))
        given = jdk.arguments(node.child_by_field_name("arguments"))
        if name in self.varargs and len(given) == 1 and (given[0].type == "array_creation_expression" or (
                given[0].type == "identifier" and self.declared(_text(given[0])).endswith("]"))):
            args = "*" + args  # Java passes the array as the varargs themselves
        if obj is not None and f"{_text(obj)}.{name}" in _LIST_OF:  # Arrays.asList(a, b), List.of(a, b): a list
            return f"[{args}]"
        if obj is not None and _text(obj) == "Arrays" and name == "equals":  # element by element
            left, right = (self.expr(c) for c in given)
            return f"list({left}) == list({right})"
        if obj is not None and _text(obj) == "System.out" and name == "println":
            return f"print({args})"
        if obj is not None and _text(obj) in ("Assertions", "Assert") and re.fullmatch(r"assert[A-Z]\w*|fail", name):
            return f"{name}({args})"
        done = jdk.method(self, obj, name, given) if obj is not None else None
        if done is not None:
            return done
        if name in _OBJECT_METHODS or obj is not None and name in _JDK_METHODS and not self.project_typed(obj):
            raise _Unsupported(f"the method {name} of a value whose Python may differ")
        if obj is None:  # the class's own method (an ``assertSameColor`` helper too), else JUnit's
            if name in self.methods:
                return f"{self.owner}.{target_name(name, 'method', self.target)}({args})"
            if re.fullmatch(r"assert[A-Z]\w*|fail", name):
                return f"{name}({args})"
            raise _Unsupported(f"a call of {name}")
        return f"{self.expr(obj)}.{target_name(name, 'method', self.target)}({args})"


def junit_class(code: str, classes: list[str], varargs: Iterable[str] = (),
                project_methods: Iterable[str] | None = None) -> str | None:
    """The Python of the JUnit test class ``code``, or None when some part of it is not covered (the model
    translates it then). ``classes``: the project classes the test may build or name (their Java names);
    ``varargs``: the project methods whose last parameter is ``T... xs`` (Python's ``*xs``); ``project_methods``:
    the project classes' method names (a JDK method no project class has is the JDK's; None: not known)."""
    java, python = get_language("java"), get_language("python")
    root = java.parse(code.encode("utf-8")).root_node
    decls = [c for c in root.named_children if c.type == "class_declaration"]
    if root.has_error or len(decls) != 1:
        return None
    cls = decls[0]
    body = cls.child_by_field_name("body")
    if body is None or cls.child_by_field_name("superclass") is not None:
        return None
    members = [m for m in body.named_children if m.type not in ("line_comment", "block_comment")]
    if not all(m.type in ("field_declaration", "method_declaration") for m in members):
        return None
    fields = {_text(d.child_by_field_name("name")): d.child_by_field_name("value")
              for m in members if m.type == "field_declaration"
              for d in m.named_children if d.type == "variable_declarator"}
    types = {_text(d.child_by_field_name("name")): _text(m.child_by_field_name("type"))
             for m in members if m.type == "field_declaration"
             for d in m.named_children if d.type == "variable_declarator"}
    methods = {_text(m.child_by_field_name("name")) for m in members if m.type == "method_declaration"}
    if any(m.type == "field_declaration" and "static" in _text(m).split("=")[0].split() for m in members):
        return None  # a static field lives across tests: not this simple form
    writer = _Writer(types, methods, set(classes), python, frozenset(varargs),
                     None if project_methods is None else frozenset(project_methods))
    lines = [f"class {target_name(_text(cls.child_by_field_name('name')), 'class', python)}:"]
    try:
        inits = [f"self.{name} = {writer.expr(value)}" for name, value in fields.items() if value is not None]
        lines += [f"    {name} = None" for name, value in fields.items() if value is None]
        if inits:
            lines += ["", "    def __init__(self):", *(f"        {ln}" for ln in inits)]
        for m in members:
            if m.type == "method_declaration":
                mods = [c for c in m.children if c.type == "modifiers"]
                if mods and "static" in _text(mods[0]).split():
                    return None  # @BeforeAll / @AfterAll: once per class, not this simple form
                lines += [""] * (len(lines) > 1) + [f"    {ln}" for ln in writer.method(m)]
    except (_Unsupported, ValueError):
        return None
    text = "\n".join(lines) + "\n"
    return None if validate(text, python) else text
