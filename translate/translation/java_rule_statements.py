"""Java statements in Python, typed, for the method rule (:mod:`java_rule_classes`): declarations, assignments
(compound ones too), ``if``/``else``, ``while``, ``do``/``while``, ``for`` (a ``range`` where the loop's variable
and bound do not change in its body, else a ``while``), the enhanced ``for``, ``break``/``continue``, ``return``,
``throw new X(...)`` of the JDK's exceptions (as the migrated tests expect them: translate.translation.java_raises),
``try``/``catch`` of the exceptions whose Python the written code raises alike (``NumberFormatException``,
``Exception``), ``switch`` statements (:mod:`java_rule_switch`). Anything else (``finally``, labels, local classes)
raises :class:`Unsupported`.
"""
from __future__ import annotations

from translate.source.validate import walk
from translate.translation.java_raises import PYTHON_ERROR
from translate.translation.java_rule_calls import split_lines, statement_call
from translate.translation.java_rule_exprs import Exprs, Unsupported
from translate.translation.java_rule_ints import bare, divide, nonneg
from translate.translation.java_rule_shapes import assigns, continues, on_self, plus, stride
from translate.translation.java_rule_switch import switch_lines
from translate.translation.java_rule_types import (
    CHAR,
    FLOATING,
    IND,
    INTEGRAL,
    Members,
    base,
    element,
    jtype,
    py_name,
)
from translate.translation.junit_jdk import text

_ERRORS = {**PYTHON_ERROR, "RuntimeException": "RuntimeError", "Exception": "Exception", "Error": "Exception"}
_CAUGHT = {"NumberFormatException": "ValueError", "ArithmeticException": "ZeroDivisionError",
           "Exception": "Exception", "RuntimeException": "Exception"}  # (Python has no checked exceptions)
_COMPOUND = {"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>="}


class Body(Exprs):
    """The statements of one method (see the module)."""

    BLOCK = "block"  # the grammar's block (tree-sitter-cpp's compound_statement: translate.translation.cpp_py_body)

    def __init__(self, members: Members, static: bool, returns: str = "void"):
        super().__init__(members, static)
        self.returns = returns

    def block(self, node, extra: list[str] | None = None) -> list[str]:
        """An indented block for a statement body (its own scope); ``extra``: lines appended to it."""
        self.scopes.append({})
        kids = node.named_children if node.type == self.BLOCK else [node]
        lines = [ln for k in kids for ln in self.statement(k)] + (extra or [])
        self.scopes.pop()
        return [IND + ln for ln in (lines or ["pass"])]

    def comment(self, node) -> list[str] | None:
        """A comment's lines (a line comment kept, a block comment dropped); None for another node."""
        if node.type in ("line_comment", "block_comment"):
            return ["# " + text(node)[2:].strip()] if node.type == "line_comment" else []
        return None

    def statement(self, node) -> list[str]:
        t = node.type
        comment = self.comment(node)
        if comment is not None:
            return comment
        if t == self.BLOCK:
            self.scopes.append({})
            lines = [ln for k in node.named_children for ln in self.statement(k)]
            self.scopes.pop()
            return lines
        handler = getattr(self, "_s_" + t, None)
        if handler is None:
            raise Unsupported(f"a {t}")
        return handler(node)

    def condition(self, node) -> str:
        inner = node.named_children[0] if node.type == "parenthesized_expression" else node
        code, typ = self.expr(inner)
        if typ not in ("boolean", "Boolean"):
            raise Unsupported("a condition that is not a boolean")
        return code

    def _s_local_variable_declaration(self, node) -> list[str]:
        typ = jtype(node)
        out = []
        for d in node.named_children:
            if d.type != "variable_declarator":
                continue
            if d.child_by_field_name("dimensions") is not None or typ == "var":
                raise Unsupported("a C-style array or var declaration")
            value = d.child_by_field_name("value")
            name = text(d.child_by_field_name("name"))
            if value is None:
                self.declare(name, typ)
                continue
            split = split_lines(self, py_name(name), value)
            if split is not None:
                self.declare(name, typ)
                out += split
                continue
            code, vtyp = self._array_initializer(value, typ) if value.type == "array_initializer" else self.expr(value)
            if vtyp == "StringBuilder" and value.type != "object_creation_expression" and \
                    value.type != "method_invocation":
                raise Unsupported("a StringBuilder held twice")
            out.append(f"{self.declare(name, typ)} = {self.convert(code, vtyp, typ)}")
            if typ in INTEGRAL and self.root is not None and nonneg(self, value) and not assigns(self.root, name):
                self.fixed_nonneg.add(name)
        return out

    def target(self, node) -> tuple[str, str]:
        if node.type not in ("identifier", "field_access", "array_access"):
            raise Unsupported(f"an assignment to a {node.type}")
        code, typ = self.expr(node)
        if code.startswith("len("):
            raise Unsupported("an assignment to a length")
        return code, typ

    def _s_expression_statement(self, node) -> list[str]:
        expr = node.named_children[0]
        if expr.type == "assignment_expression":
            left = expr.child_by_field_name("left")
            if text(expr.child_by_field_name("operator")) == "=" and left.type == "identifier":
                split = split_lines(self, self.target(left)[0], expr.child_by_field_name("right"))
                if split is not None:
                    return split
            return [self.assignment(expr)]
        if expr.type == "update_expression":
            operand = expr.named_children[0]
            code, typ = self.target(operand)
            if typ not in INTEGRAL:
                raise Unsupported(f"++ of a {typ}")
            return [f"{code} {'+' if '++' in text(expr) else '-'}= 1"]
        if expr.type == "method_invocation":
            done = statement_call(self, expr)
            return done if done is not None else [self.expr(expr)[0]]
        raise Unsupported(f"a {expr.type} as a statement")

    def assignment(self, node) -> str:
        op = text(node.child_by_field_name("operator"))
        left, ltyp = self.target(node.child_by_field_name("left"))
        right_node = node.child_by_field_name("right")
        right, rtyp = self.expr(right_node)
        if ltyp == "StringBuilder" or rtyp == "StringBuilder" and right_node.type == "identifier":
            raise Unsupported("a StringBuilder assigned")
        if op == "=":
            return f"{left} = {self.convert(right, rtyp, ltyp)}"
        if op not in _COMPOUND:
            raise Unsupported(f"the operator {op}")
        if base(ltyp) == "String" and op == "+=":
            return f"{left} += {self.as_string(right, rtyp)}"
        if ltyp in INTEGRAL and rtyp in FLOATING and op in ("+=", "-=", "*=", "/="):
            # Java narrows the result back: ``i += d`` is ``i = (int) (i + d)``, truncated towards zero
            return f"{left} = int({left} {op[0]} {self.operand(right_node, op[0], 'right')[0]})"
        if ltyp in CHAR or ltyp in INTEGRAL and rtyp in FLOATING or ltyp not in INTEGRAL | FLOATING \
                and not (ltyp in ("boolean", "Boolean") and op in ("&=", "|=", "^=")):
            raise Unsupported(f"{op} on a {ltyp or 'value'}")
        if ltyp in FLOATING and op in ("%=", "&=", "|=", "^=", "<<=", ">>="):
            raise Unsupported(f"{op} on a {ltyp}")
        if op in ("/=", "%=") and ltyp in INTEGRAL:
            target, value = node.child_by_field_name("left"), self.as_number(right, rtyp)
            return f"{left} = {bare(divide(self, op[0], left, value, target, right_node))}"
        return f"{left} {op} {self.as_number(right, rtyp)}"

    def _s_if_statement(self, node, word: str = "if") -> list[str]:
        out = [f"{word} {self.condition(node.child_by_field_name('condition'))}:",
               *self.block(node.child_by_field_name("consequence"))]
        alt = node.child_by_field_name("alternative")
        if alt is not None and alt.type == "else_clause":  # (tree-sitter-cpp's else: translate.translation.cpp_py_body)
            alt = [k for k in alt.named_children if k.type not in ("comment", "line_comment", "block_comment")][-1]
        if alt is not None and alt.type == "if_statement":
            out += self._s_if_statement(alt, "elif")
        elif alt is not None:
            out += ["else:", *self.block(alt)]
        return out

    def _s_while_statement(self, node) -> list[str]:
        return [f"while {self.condition(node.child_by_field_name('condition'))}:",
                *self.block(node.child_by_field_name("body"))]

    def _s_do_statement(self, node) -> list[str]:
        body = node.child_by_field_name("body")
        if continues(body):
            raise Unsupported("continue in a do loop")
        cond = self.condition(node.child_by_field_name("condition"))
        return ["while True:", *self.block(body, [f"if not ({cond}):", IND + "break"])]

    def _s_switch_expression(self, node) -> list[str]:  # (a switch statement; tree-sitter names both so)
        return switch_lines(self, node)

    def _s_try_statement(self, node) -> list[str]:
        """``try { ... } catch (NumberFormatException e) { ... }`` (and ``ArithmeticException``, ``Exception``): the
        exceptions whose Python (``int("x")``'s ValueError, ``//``'s ZeroDivisionError) the written code raises where
        the Java throws; no ``finally``, no resources, the caught value unused."""
        catches = [c for c in node.named_children if c.type == "catch_clause"]
        if not catches or any(c.type in ("finally_clause", "resource_specification") for c in node.named_children):
            raise Unsupported("a try with finally or resources")
        lines = ["try:", *self.block(node.child_by_field_name("body"))]
        for clause in catches:
            param = next(c for c in clause.named_children if c.type == "catch_formal_parameter")
            kinds = [text(t) for c in param.named_children if c.type == "catch_type" for t in c.named_children]
            if not kinds or any(k not in _CAUGHT for k in kinds):
                raise Unsupported(f"a catch of {' | '.join(kinds)}")
            body = clause.child_by_field_name("body")
            name = text(param.child_by_field_name("name"))
            if any(n.type == "identifier" and text(n) == name for n in walk(body)):
                raise Unsupported("a caught exception that is used")
            errors = sorted({_CAUGHT[k] for k in kinds})
            lines += [f"except {errors[0] if len(errors) == 1 else '(' + ', '.join(errors) + ')'}:",
                      *self.block(body)]
        return lines

    def _s_enhanced_for_statement(self, node) -> list[str]:
        values, vtyp = self.expr(node.child_by_field_name("value"))
        typ = jtype(node)
        el = element(vtyp)
        if not el or base(el) != base(typ) and not (el in INTEGRAL and typ in INTEGRAL) \
                and not (el in FLOATING and typ in FLOATING):
            raise Unsupported(f"a loop over a {vtyp or 'value of unknown type'}")
        self.scopes.append({})
        name = self.declare(text(node.child_by_field_name("name")), typ)
        lines = [f"for {name} in {values}:", *self.block(node.child_by_field_name("body"))]
        self.scopes.pop()
        return lines

    def _s_for_statement(self, node) -> list[str]:
        self.scopes.append({})
        try:
            ranged = self._ranged(node)
            if ranged is not None:
                return ranged
            body = node.child_by_field_name("body")
            if continues(body):
                raise Unsupported("continue in a for loop that is not a range")
            init = [ln for n in node.children_by_field_name("init") for ln in self._init(n)]
            cond = node.child_by_field_name("condition")
            steps = [self._step(u) for u in node.children_by_field_name("update")]
            head = f"while {self.condition(cond)}:" if cond is not None else "while True:"
            return [*init, head, *self.block(body, steps)]
        finally:
            self.scopes.pop()

    def _init(self, node) -> list[str]:
        if node.type == "local_variable_declaration":
            return self._s_local_variable_declaration(node)
        if node.type == "assignment_expression":
            return [self.assignment(node)]
        raise Unsupported(f"a {node.type} in a for loop's start")

    def _step(self, node) -> str:
        if node.type == "update_expression":
            code, typ = self.target(node.named_children[0])
            if typ not in INTEGRAL:
                raise Unsupported(f"++ of a {typ}")
            return f"{code} {'+' if '++' in text(node) else '-'}= 1"
        if node.type == "assignment_expression":
            return self.assignment(node)
        raise Unsupported(f"a {node.type} in a for loop's update")

    def _ranged(self, node) -> list[str] | None:
        """``for (int i = a; i < b; i++)`` as ``for i in range(a, b)``, where the body changes neither ``i`` nor
        what ``b`` reads; None for another loop."""
        inits, updates = node.children_by_field_name("init"), node.children_by_field_name("update")
        cond, body = node.child_by_field_name("condition"), node.child_by_field_name("body")
        if len(inits) != 1 or len(updates) != 1 or cond is None or inits[0].type != "local_variable_declaration":
            return None
        decls = [d for d in inits[0].named_children if d.type == "variable_declarator"]
        typ = jtype(inits[0])
        if len(decls) != 1 or typ not in INTEGRAL or decls[0].child_by_field_name("value") is None:
            return None
        var = text(decls[0].child_by_field_name("name"))
        if cond.type != "binary_expression" or text(cond.child_by_field_name("left")) != var \
                or assigns(body, var):
            return None
        op, bound = text(cond.child_by_field_name("operator")), cond.child_by_field_name("right")
        step = stride(updates[0], var)
        if step is None or op not in ("<", "<=", ">", ">=") or (step > 0) != (op in ("<", "<=")) \
                or not self._stable(bound, body):
            return None
        return self.range_loop(var, typ, decls[0].child_by_field_name("value"), op, bound, step, body)

    def range_loop(self, var: str, typ: str, value, op: str, bound, step: int, body) -> list[str] | None:
        """``for var in range(value, bound)`` (``op``: the loop's comparison, ``step``: its stride) of a loop whose
        shape :meth:`_ranged` checked (the C++ rule's too: translate.translation.cpp_py_body); None for a bound
        that is not an integer (``range()`` takes integers only)."""
        if self.expr(bound)[1] not in INTEGRAL | CHAR:
            return None
        start = self.convert(*self.expr(value), typ)
        if op in ("<=", ">="):
            end = plus(self.as_number(*self.operand(bound, "+", "left")), 1 if op == "<=" else -1)
        else:
            end = self.as_number(*self.expr(bound))
        args = ([end] if start == "0" else [start, end]) if step == 1 else [start, end, str(step)]
        name = self.declare(var, typ)
        if step > 0 and nonneg(self, value):
            self.counting.add(var)
        try:
            return [f"for {name} in range({', '.join(args)}):", *self.block(body)]
        finally:
            self.counting.discard(var)

    def _stable(self, bound, body) -> bool:
        """Whether the loop's bound reads only what its body leaves alone (literals, locals it does not assign,
        ``.length`` of arrays, ``length()`` of strings; fields when the body calls none of the class's methods)."""
        calls_own = any(n.type == "method_invocation" and on_self(n.child_by_field_name("object"))
                        for n in walk(body))
        for n in walk(bound):
            if n.type == "method_invocation":
                obj = n.child_by_field_name("object")
                if text(n.child_by_field_name("name")) != "length" or obj is None or self.expr(obj)[1] != "String":
                    return False
            elif n.type == "identifier":
                if self.local(text(n)) is not None:
                    if assigns(body, text(n)):
                        return False
                elif text(n) in self.members.fields and (calls_own or assigns(body, text(n))):
                    return False
            elif n.type == "field_access" and text(n.child_by_field_name("field")) in self.members.fields \
                    and calls_own:
                return False
        return True

    def _s_break_statement(self, node) -> list[str]:
        if node.named_children:
            raise Unsupported("a labelled break")
        return ["break"]

    def _s_continue_statement(self, node) -> list[str]:
        if node.named_children:
            raise Unsupported("a labelled continue")
        return ["continue"]

    def _s_return_statement(self, node) -> list[str]:
        if not node.named_children:
            return ["return"]
        code, typ = self.expr(node.named_children[0])
        if typ == "StringBuilder":
            raise Unsupported("a StringBuilder returned")
        return [f"return {self.convert(code, typ, self.returns)}"]

    def _s_throw_statement(self, node) -> list[str]:
        new = node.named_children[0]
        if new.type != "object_creation_expression":
            raise Unsupported("a throw of a value")
        name = base(jtype(new)).split(".")[-1]
        if name not in _ERRORS:
            raise Unsupported(f"a throw of {name}")
        args = [self.expr(a)[0] for a in new.child_by_field_name("arguments").named_children
                if a.type not in ("line_comment", "block_comment")]
        return [f"raise {_ERRORS[name]}({', '.join(args)})"]

    def _s_empty_statement(self, node) -> list[str]:
        return []
