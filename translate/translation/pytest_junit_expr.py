"""The expressions of a Python test written as Java by rule (``pytest_junit``'s expression half).

A test's values must reach Java unchanged, so only the forms whose Java is certain are written: literals (ints,
floats, plain strings re-escaped for Java, True/False/None), the test's own locals, fields on ``self`` (a unittest
class), calls of project functions (static-imported) and classes (``new C(...)``), methods and fields of objects,
tuple/list/dict/set literals in the project's Java shapes, arithmetic whose meaning is the same in both languages,
comparisons, ``and``/``or``/``not``. Anything else raises ``Unsupported`` and the test is left to the model.
"""
from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass

from tree_sitter import Node

from translate.source import pyast
from translate.source.languages import Language
from translate.translation.java_literals import (
    Unsupported,
    java_float,
    java_int,
    java_string,
    java_string_value,
    text,
)
from translate.translation.naming import target_name

JAVA_RESERVED = frozenset(
    "abstract assert boolean break byte case catch char class const continue default do double else enum extends "
    "final finally float for goto if implements import instanceof int interface long native new package private "
    "protected public return short static strictfp super switch synchronized this throw throws transient try void "
    "volatile while true false null var record yield _ "
    "List Map Set ArrayList HashMap HashSet Math Object String".split())  # and the names the written Java uses
# Python's own exceptions whose Java counterpart the migrated project throws; any other (KeyError: a Java map
# returns null) is refused.
BUILTIN_EXCEPTIONS = {"ValueError": "IllegalArgumentException", "TypeError": "IllegalArgumentException",
                      "IndexError": "IndexOutOfBoundsException", "ZeroDivisionError": "ArithmeticException",
                      "Exception": "Exception", "RuntimeError": "RuntimeException", "AssertionError": "AssertionError"}
# Methods of Python's str/list/dict/set, whose Java differs: called only on an object known to be of a project class.
_PY_METHODS = frozenset(
    "append extend insert pop remove clear copy count index sort reverse keys values items get update setdefault "
    "popitem add discard union intersection difference split join strip lstrip rstrip upper lower startswith "
    "endswith replace find format encode decode isdigit isalpha title capitalize splitlines zfill".split())
# str methods computed on a parametrized test's literal values (their result is the literal the case means)
_FOLDED = frozenset("capitalize upper lower title swapcase casefold strip lstrip rstrip replace zfill startswith "
                    "endswith isdigit isalpha isupper islower".split())
_ARITHMETIC = {"+", "-", "*", "%", "/"}  # ``/`` with a float literal only
_ORDER = {"<", "<=", ">", ">="}
_ATOMS = {"identifier", "attribute", "call", "parenthesized_expression", "integer", "float", "string", "true",
          "false", "none"}
_LITERAL_TYPES = {"float": "double", "string": "String", "true": "boolean", "false": "boolean", "tuple": "Object[]"}
_NUMBERS = {"int", "long", "double"}
_BOXED = {"int": "Integer", "long": "Long", "double": "Double", "boolean": "Boolean"}


@dataclass(frozen=True)
class JavaProject:
    """What the rule knows of the project, by the names the test file uses (its imports' local names)."""
    # python local name -> Java method name (static-imported); ``mod.f`` (an imported module's) -> ``Holder.f``
    functions: dict[str, str]
    classes: dict[str, str]  # python local name (or ``mod.C``) -> Java class name
    exceptions: frozenset[str] = frozenset()  # the python local names (among classes) that are exception classes


def kids(node: Node) -> list[Node]:
    """The named children of ``node``, comments left out."""
    return [c for c in node.named_children if c.type != "comment"]


def is_literal(node: Node) -> bool:
    """A number, boolean or None literal (a negated number too): ``==`` means the same in Java on these."""
    if node.type == "unary_operator" and text(node.child_by_field_name("operator") or node).startswith("-"):
        node = node.child_by_field_name("argument") or node
    return node.type in ("integer", "float", "true", "false", "none")


def has_call(node: Node) -> bool:
    """Does ``node`` call anything (its evaluation may have effects)?"""
    return node.type == "call" or any(has_call(c) for c in node.named_children)


def is_constant(node: Node) -> bool:
    """A literal: the expected side of an equality."""
    return is_literal(node) or node.type == "string"


def bare(node: Node) -> Node:
    """``node`` without the parentheses around it."""
    while node.type == "parenthesized_expression" and len(kids(node)) == 1:
        node = kids(node)[0]
    return node


def is_number(node: Node) -> bool:
    """An int or float literal, negated or not."""
    inner = node.child_by_field_name("argument") if node.type == "unary_operator" else node
    return inner is not None and is_literal(node) and inner.type in ("integer", "float")


def assigned(node: Node) -> list[str]:
    """The names ``node``'s assignments bind (its locals)."""
    left = node.child_by_field_name("left") if node.type == "assignment" else None
    own = [text(left)] if left is not None and left.type == "identifier" else []
    return own + [name for child in node.named_children for name in assigned(child)]


def is_call_of(node: Node, owner: str, name: str) -> bool:
    """Is ``node`` a call of ``owner.name`` (``pytest.raises``, ``self.assertEqual``)?"""
    fn = node.child_by_field_name("function") if node.type == "call" else None
    return fn is not None and fn.type == "attribute" and text(fn) == f"{owner}.{name}"


class ExprWriter:
    """Writes expressions; knows the test's locals, its class's fields and the lambdas (scopes) it is in."""

    def __init__(self, project: JavaProject, java: Language, fields: dict[str, str] | None = None):
        self.project, self.java = project, java
        self.fields = fields if fields is not None else {}  # python field name -> its Java type
        self.unittest = fields is not None
        self.consts: dict[str, Node] = {}  # a parametrized test's parameters -> this case's values (Python literals)
        self.begin([])

    def begin(self, assigned: list[str]) -> None:
        """Start a method whose assignment targets (its locals, in any scope) are ``assigned``."""
        self.locals: dict[str, str | None] = {}  # python name -> its Java type where known
        self.declared: dict[str, int] = {}  # python name -> the scope its first assignment is in
        self.assigns: dict[str, int] = {}
        self.seen: dict[str, set[int]] = {}  # python name -> the scopes it is read or assigned in
        self.scope, self.scopes = 0, 0
        names = {name: self.java_name(name) for name in set(assigned)}
        if len(set(names.values())) < len(names):
            raise Unsupported("two locals of one Java name")
        self.local_names = set(names.values())  # a field of one of these names is written ``this.x``

    def java_name(self, name: str) -> str:
        java = target_name(name, "variable", self.java)
        if java in JAVA_RESERVED or name in self.project.functions or name in self.project.classes:
            raise Unsupported(f"the name {name}")
        return java

    def use(self, name: str, assign: bool = False) -> None:
        self.seen.setdefault(name, set()).add(self.scope)
        if assign:
            self.assigns[name] = self.assigns.get(name, 0) + 1
            self.declared.setdefault(name, self.scope)

    def check_final(self) -> None:
        """Java's lambdas see only effectively final locals, declared outside them or used only inside them."""
        for name, scopes in self.seen.items():
            reassigned = self.assigns.get(name, 0) > 1 and scopes != {0}
            if reassigned or self.declared.get(name, 0) and scopes != {self.declared[name]}:
                raise Unsupported(f"the local {name} is not effectively final in a lambda")

    def field(self, node: Node) -> str | None:
        """The Python name of ``self.x`` (a unittest class's field), else None."""
        obj = node.child_by_field_name("object")
        if self.unittest and node.type == "attribute" and obj is not None and text(obj) == "self":
            return text(node.child_by_field_name("attribute") or node)
        return None

    def field_ref(self, name: str) -> str:
        java = self.java_name(name)
        return f"this.{java}" if java in self.local_names else java

    def expr(self, node: Node) -> str:
        writers: dict[str, Callable[[Node], str]] = {
            "integer": java_int, "float": java_float, "string": java_string, "true": lambda _: "true", "false": lambda _: "false",
            "none": lambda _: "null", "identifier": self.name, "attribute": self.attribute, "call": self.call,
            "parenthesized_expression": lambda n: f"({self.expr(kids(n)[0])})", "tuple": self.collection,
            "list": self.collection, "set": self.collection, "dictionary": self.collection,
            "unary_operator": self.unary, "binary_operator": self.binary, "comparison_operator": self.comparison,
            "not_operator": lambda n: "!" + self.operand(n.child_by_field_name("argument")),
            "boolean_operator": self.boolean}
        if node.type not in writers:
            raise Unsupported(node.type)
        return writers[node.type](node)

    def name(self, node: Node) -> str:
        """A local's Java name (read)."""
        name = text(node)
        if name in self.consts:
            return self.expr(self.consts[name])
        if name not in self.locals:
            raise Unsupported(f"the name {name}")
        self.use(name)
        return self.java_name(name)

    def const(self, node: Node) -> Node:
        """A case's value where ``node`` is its parameter (it is the literal then: expected, None, a boolean)."""
        return self.consts.get(text(node), node) if node.type == "identifier" else node

    def boolean(self, node: Node) -> str:
        op = "&&" if text(node.child_by_field_name("operator") or node) == "and" else "||"
        return f"{self.side(node, 'left')} {op} {self.side(node, 'right')}"

    def side(self, node: Node, name: str) -> str:
        child = node.child_by_field_name(name)
        if child is None:
            raise Unsupported("a malformed operator")
        return self.expr(child)

    def operand(self, node: Node | None) -> str:
        """An operand of a prefix operator, parenthesized where Java's precedence would differ."""
        if node is None:
            raise Unsupported("a malformed operator")
        out = self.expr(node)
        return out if node.type in _ATOMS and out[:1] not in "-+" else f"({out})"

    def unary(self, node: Node) -> str:
        op = text(node.child_by_field_name("operator") or node)
        if op not in ("-", "+"):
            raise Unsupported(f"the operator {op}")
        return op + self.operand(node.child_by_field_name("argument"))

    def binary(self, node: Node) -> str:
        op = text(node.child_by_field_name("operator") or node)
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or right is None:
            raise Unsupported("a malformed operator")
        kinds = {left.type, right.type}
        if op == "/" and "float" not in kinds:
            raise Unsupported("a division whose Java may be an integer one")
        if op not in _ARITHMETIC or kinds & {"tuple", "list", "set", "dictionary"} or op == "*" and "string" in kinds:
            raise Unsupported(f"the operator {op} here")
        return f"{self.expr(left)} {op} {self.expr(right)}"

    def comparison(self, node: Node) -> str:
        left, right, op = self.compared(node)
        if op in _ORDER:
            return f"{self.expr(left)} {op} {self.expr(right)}"
        if op in ("is", "is not") and right.type == "none":
            return f"{self.expr(left)} {'==' if op == 'is' else '!='} null"
        if op in ("==", "!=") and (is_literal(left) or is_literal(right)):
            return f"{self.expr(left)} {op} {self.expr(right)}"
        raise Unsupported(f"the comparison {op} here")

    @staticmethod
    def compared(node: Node) -> tuple[Node, Node, str]:
        """The two operands and the operator of a comparison that is not a chain."""
        operands = kids(node)
        ops = [" ".join(text(c).split()) for c in node.children if not c.is_named]
        if len(operands) != 2 or len(ops) != 1:
            raise Unsupported("a chained comparison")
        return operands[0], operands[1], ops[0]

    def collection(self, node: Node) -> str:
        if node.type == "tuple":  # a pair is a Map.Entry (the project's shape for 2-tuples), others Object[]
            items = [self.expr(c) for c in kids(node)]
            if len(items) == 2:
                return f"new AbstractMap.SimpleEntry<>({items[0]}, {items[1]})" if "null" in items else \
                    f"Map.entry({items[0]}, {items[1]})"
            return "new Object[]{" + ", ".join(items) + "}"
        items = [self.expr(c) for c in kids(node)] if node.type != "dictionary" else self.pairs(node)
        if "null" in items or node.type == "set" and len(set(items)) < len(items):
            raise Unsupported("null in a Java collection, or a repeated element of a set")
        shape = {"list": ("ArrayList", "List"), "set": ("HashSet", "Set"), "dictionary": ("HashMap", "Map")}
        concrete, factory = shape[node.type]
        return f"new {concrete}<>({factory}.of({', '.join(items)}))" if items else f"new {concrete}<>()"

    def pairs(self, node: Node) -> list[str]:
        pairs = kids(node)
        if any(p.type != "pair" for p in pairs) or len(pairs) > 10:
            raise Unsupported("a dict splat, or more entries than Map.of takes")
        keys, values = [self.side(p, "key") for p in pairs], [self.side(p, "value") for p in pairs]
        if len(set(keys)) < len(keys) or "null" in keys + values:
            raise Unsupported("a repeated key, or null in Map.of")
        return [f"{k}, {v}" for k, v in zip(keys, values)]

    def attribute(self, node: Node) -> str:
        name = self.field(node)
        if name is not None:
            if name not in self.fields:
                raise Unsupported(f"the attribute self.{name}")
            return self.field_ref(name)
        obj, attr = node.child_by_field_name("object"), text(node.child_by_field_name("attribute") or node)
        if obj is None or attr.startswith("__"):
            raise Unsupported("a special attribute")
        return f"{self.expr(obj)}.{target_name(attr, 'variable', self.java)}"

    def args(self, items: list[Node]) -> str:
        if any(a.type in ("keyword_argument", "list_splat", "dictionary_splat", "generator_expression") for a in items):
            raise Unsupported("keyword or starred arguments")
        return ", ".join(self.expr(a) for a in items)

    def call(self, node: Node) -> str:
        fn, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
        if fn is None or args is None:
            raise Unsupported("a malformed call")
        return self.invoke(fn, kids(args))

    def invoke(self, fn: Node, items: list[Node]) -> str:
        """The call of ``fn`` with ``items``: a project function or class, or a method of an object."""
        if fn.type == "identifier":
            name = text(fn)
            if name in self.project.functions and name not in self.locals:
                return f"{self.project.functions[name]}({self.args(items)})"
            if name in self.project.classes and name not in self.locals:
                return f"new {self.project.classes[name]}({self.args(items)})"
            raise Unsupported(f"a call of {name}")
        dotted = text(fn)  # ``mod.f(...)``, ``mod.C(...)`` of an imported project module
        if dotted in self.project.functions:
            return f"{self.project.functions[dotted]}({self.args(items)})"
        if dotted in self.project.classes:
            return f"new {self.project.classes[dotted]}({self.args(items)})"
        obj = fn.child_by_field_name("object")
        method = text(fn.child_by_field_name("attribute") or fn)
        if fn.type != "attribute" or obj is None or method.startswith("__") or self.field(fn) is not None:
            raise Unsupported(f"a call of {text(fn)}")
        if obj.type == "identifier" and text(obj) in self.consts and method in _FOLDED:
            return self.folded(self.consts[text(obj)], method, items)
        if method in _PY_METHODS and self.type_of(obj) not in self.project.classes.values():
            raise Unsupported(f"the method {method} of a value that may be Python's own")
        receiver = self.expr(obj)
        return f"{receiver}.{target_name(method, 'method', self.java)}({self.args(items)})"

    def folded(self, value: Node, method: str, items: list[Node]) -> str:
        """A str method called on a case's value (``plural.capitalize()``), computed here as Python computes it:
        the test's own value, written as a literal."""
        try:
            args = [self.value(a) for a in [value, *items]]
            result = getattr(str, method)(*args) if isinstance(args[0], str) else None
        except (TypeError, ValueError, SyntaxError, RecursionError):
            result = None
        if not isinstance(result, (str, bool)):
            raise Unsupported(f"the method {method} of a case's value")
        written = repr(result)
        return {"True": "true", "False": "false"}.get(written) or java_string_value(result)

    def value(self, node: Node) -> object:
        """The Python value of a literal or of a case's parameter."""
        node = self.const(node)
        if node.type not in ("string", "integer", "float", "true", "false", "none", "unary_operator"):
            raise Unsupported("a value that is not literal")
        return ast.literal_eval(pyast.parse_expression(text(node)).body)

    def exception(self, node: Node) -> str:
        """``E.class`` of an exception the test expects: a project exception class or a mapped builtin."""
        name = text(node)
        if node.type == "attribute" and name in self.project.exceptions and name in self.project.classes:
            return f"{self.project.classes[name]}.class"  # ``mod.E``
        if node.type != "identifier" or name in self.locals:
            raise Unsupported("an expected exception that is not a class name")
        if name in self.project.exceptions and name in self.project.classes:
            return f"{self.project.classes[name]}.class"
        if name in self.project.classes or name in self.project.functions or name not in BUILTIN_EXCEPTIONS:
            raise Unsupported(f"the exception {name}")
        return f"{BUILTIN_EXCEPTIONS[name]}.class"

    def type_of(self, node: Node) -> str | None:
        """The Java type of ``node`` where the expression states it (a literal, ``new C``, a typed local/field)."""
        t = node.type
        if t == "integer":
            return "long" if java_int(node).endswith("L") else "int"
        if t == "tuple" and len(kids(node)) == 2:
            return None  # a Map.Entry of types the literal may not state
        if t in _LITERAL_TYPES:
            return _LITERAL_TYPES[t]
        if t in ("parenthesized_expression", "unary_operator") and kids(node):
            return self.type_of(kids(node)[-1])
        if t in ("comparison_operator", "boolean_operator", "not_operator"):
            return "boolean"
        if t == "binary_operator" and len(kids(node)) == 2:
            sides = {self.type_of(c) for c in kids(node)}
            if "String" in sides and text(node.child_by_field_name("operator") or node) == "+":
                return "String"
            return next((n for n in ("double", "long", "int") if n in sides), None) if sides <= _NUMBERS else None
        if t == "identifier":
            return self.type_of(self.consts[text(node)]) if text(node) in self.consts else self.locals.get(text(node))
        if self.field(node) is not None:
            return self.fields.get(self.field(node) or "")
        fn = node.child_by_field_name("function")
        if t == "call" and fn is not None and (fn.type == "identifier" and text(fn) not in self.locals
                                               or fn.type == "attribute"):
            return self.project.classes.get(text(fn))
        if t in ("list", "set") and kids(node):
            one = self.element_type(kids(node))
            return f"{'List' if t == 'list' else 'Set'}<{one}>" if one else None
        if t == "dictionary" and kids(node) and all(p.type == "pair" for p in kids(node)):
            key = self.element_type([p.child_by_field_name("key") or p for p in kids(node)])
            value = self.element_type([p.child_by_field_name("value") or p for p in kids(node)])
            return f"Map<{key}, {value}>" if key and value else None
        return None

    def element_type(self, items: list[Node]) -> str | None:
        """The boxed Java type all of ``items`` share, where known."""
        types = {self.type_of(c) for c in items}
        one = types.pop() if len(types) == 1 else None
        return _BOXED.get(one, one) if one else None
