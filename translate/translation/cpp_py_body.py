"""C++ statements in Python, typed, for the C++ -> Python rule (:mod:`cpp_py_rule`).

The writer is the Java rule's (:class:`java_rule_statements.Body`: typed expressions, ``/`` and ``%`` truncating
toward zero, ``char`` as a one-character ``str`` that becomes ``ord(c)`` where C++ widens it to a number, ``for``
loops as ``range`` where the loop's variable and bound do not change in its body); this class reads
tree-sitter-cpp's nodes and writes C++'s own meanings where they differ from Java's:

- value semantics: a ``vector`` assigned, passed by value and changed, pushed into another, or copied in a
  declaration is copied (``list(v)``); a ``string`` is immutable in Python, so ``s[i] = c`` rebuilds it;
- a number is a condition (``while (n)``); ``string += int`` appends the character of that code; ``c -= 32``
  of a ``char`` is the character of the new code;
- a declared local without a value is ``0``, ``""`` or ``[]``; ``int f[100]`` is a list of 100 zeros.

Expressions: :mod:`cpp_py_exprs`; calls of the standard library and of the file's own functions: :mod:`cpp_py_calls`. Anything else raises
:class:`Unsupported` and the unit is the model's alone.
"""
from __future__ import annotations

import re

from translate.source.validate import walk
from translate.translation import cpp_py_maps as maps
from translate.translation.cpp_py_exprs import _FRESH, CppExprs, copied, mutated, root_name
from translate.translation.cpp_py_types import declarator_name, type_of
from translate.translation.java_rule_ints import bare, nonneg
from translate.translation.java_rule_shapes import assigns, continues, plus, stride
from translate.translation.java_rule_types import BOOLEAN, CHAR, FLOATING, INTEGRAL, Members, element, wrap
from translate.translation.junit_jdk import Unsupported, text


class CppBody(CppExprs):
    """The statements of one C++ function (see the module)."""

    BLOCK = "compound_statement"

    def __init__(self, members: Members, returns: str):
        super().__init__(members, True, returns)
        self.refs: set[str] = set()  # the parameters taken by reference
        self.as_tuple = False  # the callers declare a tuple where the C++ returns a vector

    # statements -------------------------------------------------------------------------------------------
    def comment(self, node) -> list[str] | None:
        if node.type != "comment":
            return None
        return ["# " + text(node)[2:].strip()] if text(node).startswith("//") else []

    def condition(self, node) -> str:
        while node.type in ("condition_clause", "parenthesized_expression"):
            kids = [k for k in node.named_children if k.type != "comment"]
            if node.type == "condition_clause" and node.child_by_field_name("value") is None or len(kids) != 1:
                raise Unsupported("a declaration in a condition")
            node = kids[0]
        code, typ = self.expr(node)
        if typ not in BOOLEAN and typ not in INTEGRAL and typ not in FLOATING:
            raise Unsupported(f"a {typ or 'value'} as a condition")
        return code

    def _s_declaration(self, node) -> list[str]:
        from translate.translation.cpp_py_calls import construct

        if any(c.type in ("storage_class_specifier", "type_qualifier") and text(c) != "const" for c in node.children):
            raise Unsupported("a static or volatile local")
        typ, out = type_of(node), []
        for d in node.children_by_field_name("declarator"):
            if d.type == "identifier" and typ.startswith("iter<"):
                self.declare(text(d), typ)  # an iterator a loop sets (cpp_py_iterators)
                continue
            if d.type == "identifier":
                if typ == "auto":
                    raise Unsupported("auto without a value")
                zero = maps.zero(typ)
                out.append(f"{self.declare(text(d), typ)} = {zero}")
                continue
            if d.type == "array_declarator" or d.type == "init_declarator" and \
                    d.child_by_field_name("declarator").type == "array_declarator":
                out.append(self.array(d, typ))
                continue
            if d.type != "init_declarator":
                raise Unsupported(f"a declarator {d.type}")
            name, ref = declarator_name(d.child_by_field_name("declarator"))
            value = d.child_by_field_name("value")
            if ref:
                raise Unsupported("a local reference")
            if value.type == "argument_list":
                code, vtyp = construct(self, typ, list(value.named_children))
            elif value.type == "initializer_list":
                code, vtyp = self.listed(value, typ)
            else:
                code, vtyp = self.expr(value)
                if vtyp.endswith("[]") and value.type not in _FRESH:
                    code = copied(code, vtyp)
            if typ == "auto":
                if vtyp in ("", "void", "null"):
                    raise Unsupported("auto of a value of unknown type")
                typ = vtyp
            out.append(f"{self.declare(name, typ)} = {self.convert(code, vtyp, typ)}")
            if typ in INTEGRAL and self.root is not None and nonneg(self, value) and not assigns(self.root, name):
                self.fixed_nonneg.add(name)
            typ = type_of(node)
        return out

    def array(self, d, typ: str) -> str:
        """``int f[100];`` as ``f = [0] * 100``; ``int a[] = {1, 2}`` as a list."""
        value = d.child_by_field_name("value") if d.type == "init_declarator" else None
        arr = d.child_by_field_name("declarator") if d.type == "init_declarator" else d
        name_node, size = arr.child_by_field_name("declarator"), arr.child_by_field_name("size")
        if name_node.type != "identifier" or typ not in maps.ZERO or typ == "String":
            raise Unsupported("an array of arrays or of strings")
        items = [self.expr(c) for c in value.named_children if c.type != "comment"] \
            if value is not None and value.type == "initializer_list" else []
        if value is not None and value.type != "initializer_list":
            raise Unsupported("an array from a value")
        written = [self.convert(c, t, typ) for c, t in items]
        if size is None:
            code = "[" + ", ".join(written) + "]"
        else:
            n, ntyp = self.expr(size)
            if ntyp not in INTEGRAL:
                raise Unsupported("an array's size")
            rest = f"[{maps.ZERO[typ]}] * {wrap(n)}" if not written else \
                f"[{maps.ZERO[typ]}] * ({n} - {len(written)})"
            code = rest if not written else "[" + ", ".join(written) + "] + " + rest
        return f"{self.declare(text(name_node), typ + '[]')} = {code}"

    def target(self, node) -> tuple[str, str]:
        if node.type == "identifier" and text(node) in self.refs and not self.local(text(node)).endswith("[]"):
            raise Unsupported("an assignment to a parameter taken by reference")
        if node.type not in ("identifier", "subscript_expression"):
            raise Unsupported(f"an assignment to a {node.type}")
        if node.type == "subscript_expression":
            obj, otyp = self.wrapped(node.child_by_field_name("argument"))
            if maps.is_map(otyp):
                return maps.write(self, obj, otyp, node)
            if otyp == "String":
                raise Unsupported("an assignment to a character of a string")
        return self.expr(node)

    def _s_expression_statement(self, node) -> list[str]:
        from translate.translation.cpp_py_calls import statement_call

        if not node.named_children:
            return []
        expr = node.named_children[0]
        if expr.type == "comma_expression":
            return [ln for part in (expr.child_by_field_name("left"), expr.child_by_field_name("right"))
                    for ln in self.effect(part)]
        return self.effect(expr) if expr.type != "call_expression" else \
            (statement_call(self, expr) or [self.expr(expr)[0]])

    def effect(self, expr) -> list[str]:
        """An expression evaluated for its effect: an assignment, ``++``/``--``, a call."""
        from translate.translation.cpp_py_calls import statement_call

        if expr.type == "assignment_expression":
            return [self.assignment(expr)]
        if expr.type == "update_expression":
            done = maps.compound(self, expr.named_children[0], "+" if "++" in text(expr) else "-", "1", "int")
            if done is not None:
                return [done]
            code, typ = self.target(expr.named_children[0])
            if typ not in INTEGRAL:
                raise Unsupported(f"++ of a {typ}")
            return [f"{code} {'+' if '++' in text(expr) else '-'}= 1"]
        if expr.type == "call_expression":
            return statement_call(self, expr) or [self.expr(expr)[0]]
        if expr.type == "comma_expression":
            return self.effect(expr.child_by_field_name("left")) + self.effect(expr.child_by_field_name("right"))
        raise Unsupported(f"a {expr.type} as a statement")

    def assignment(self, node) -> str:
        op, left_node = text(node.child_by_field_name("operator")), node.child_by_field_name("left")
        right_node = node.child_by_field_name("right")
        if left_node.type == "subscript_expression" and op == "=":
            obj, otyp = self.expr(left_node.child_by_field_name("argument"))
            if otyp == "String":  # a character of a string: the string rebuilt around it
                if left_node.child_by_field_name("argument").type != "identifier":
                    raise Unsupported("an assignment to a character of a string in a container")
                index, ityp = self.index(left_node)
                if not re.fullmatch(r"[\w.]+( [-+] \w+)?", index):
                    raise Unsupported("a string's character assigned at an index with calls")
                value, vtyp = self.expr(right_node)
                self.target(left_node.child_by_field_name("argument"))
                return f"{obj} = {obj}[:{index}] + {self.convert(value, vtyp, 'char')} + {obj}[{plus(index, 1)}:]"
        if op in ("+=", "-=", "*="):
            value, vtyp = self.expr(right_node)
            done = maps.compound(self, left_node, op[0], self.operand(right_node, op[0], "right")[0], vtyp)
            if done is not None:
                return done
        if right_node.type == "initializer_list" and op == "=":
            left, ltyp = self.target(left_node)
            return f"{left} = {self.listed(right_node, ltyp)[0]}"
        if op in ("+=", "-="):
            left, ltyp = self.target(left_node)
            right, rtyp = self.expr(right_node)
            if ltyp == "String" and rtyp in INTEGRAL and op == "+=":
                return f"{left} += chr({bare(right)})"
            if ltyp in CHAR and rtyp in INTEGRAL | CHAR:  # char arithmetic: the character of the new code
                return f"{left} = chr(ord({left}) {op[0]} {wrap(self.as_number(right, rtyp))})"
        if op == "=":
            left, ltyp = self.target(left_node)
            right, rtyp = self.expr(right_node)
            if rtyp.endswith("[]") and right_node.type not in _FRESH:
                return f"{left} = {copied(right, rtyp)}"
        return super().assignment(node)

    def _s_for_statement(self, node) -> list[str]:
        from translate.translation.cpp_py_iterators import iterator_loop

        self.scopes.append({})
        try:
            ranged = self._ranged(node) or iterator_loop(self, node)
            if ranged is not None:
                return ranged
            body = node.child_by_field_name("body")
            if continues(body):
                raise Unsupported("continue in a for loop that is not a range")
            init = node.child_by_field_name("initializer")
            start = [] if init is None else self._s_declaration(init) if init.type == "declaration" \
                else self.effect(init)
            cond = node.child_by_field_name("condition")
            update = node.child_by_field_name("update")
            steps = self.effect(update) if update is not None else []
            head = f"while {self.condition(cond)}:" if cond is not None else "while True:"
            return [*start, head, *self.block(body, steps)]
        finally:
            self.scopes.pop()

    def _ranged(self, node) -> list[str] | None:
        """``for (int i = a; i < b; i++)`` as ``for i in range(a, b)``, where the body changes neither ``i`` nor
        what ``b`` reads; None for another loop."""
        init, cond = node.child_by_field_name("initializer"), node.child_by_field_name("condition")
        update, body = node.child_by_field_name("update"), node.child_by_field_name("body")
        if init is None or cond is None or update is None or init.type != "declaration":
            return None
        decls = init.children_by_field_name("declarator")
        typ = type_of(init)
        if len(decls) != 1 or decls[0].type != "init_declarator" or typ not in INTEGRAL:
            return None
        var, value = text(decls[0].child_by_field_name("declarator")), decls[0].child_by_field_name("value")
        if cond.type != "binary_expression" or text(cond.child_by_field_name("left")) != var or assigns(body, var) \
                or any(n.type == "identifier" and text(n) == var for n in walk(cond.child_by_field_name("right"))):
            return None
        op, bound = text(cond.child_by_field_name("operator")), cond.child_by_field_name("right")
        step = stride(update, var)
        if step is None or op not in ("<", "<=", ">", ">=") or (step > 0) != (op in ("<", "<=")) \
                or not self.stable(bound, body) or value.type in ("argument_list", "initializer_list"):
            return None
        return self.range_loop(var, typ, value, op, bound, step, body)

    def stable(self, bound, body) -> bool:
        """Whether a loop's bound reads only what its body leaves alone: literals, locals it does not assign,
        the ``size()`` of containers it does not change."""
        for n in walk(bound):
            if n.type == "call_expression":
                fn = n.child_by_field_name("function")
                if fn.type != "field_expression" or text(fn.child_by_field_name("field")) not in ("size", "length"):
                    return False
                name = root_name(fn.child_by_field_name("argument"))
                if name is None or mutated(body, name):
                    return False
            elif n.type == "identifier" and self.local(text(n)) is not None and assigns(body, text(n)):
                return False
        return True

    def _s_for_range_loop(self, node) -> list[str]:
        values, vtyp = self.expr(node.child_by_field_name("right"))
        el = "char" if vtyp == "String" else element(vtyp)
        if maps.is_map(vtyp):
            values, el = maps.items(values, vtyp)
        elif maps.is_set(vtyp):
            values, el = maps.ordered(values, vtyp)
            el = element(el)
        decl = node.child_by_field_name("declarator")
        if decl.type == "structured_binding_declarator" or decl.type == "reference_declarator" and \
                decl.named_children[0].type == "structured_binding_declarator":
            return self.bound_loop(node, values, el)
        typ = type_of(node)
        typ = el if typ == "auto" else typ
        if not el or typ != el and not (typ in INTEGRAL and el in INTEGRAL):
            raise Unsupported(f"a loop of {typ} over a {vtyp or 'value of unknown type'}")
        name, ref = declarator_name(node.child_by_field_name("declarator"))
        body = node.child_by_field_name("body")
        if (ref or typ.endswith("[]")) and mutated(body, name):
            raise Unsupported("a loop's element changed in its body")
        self.scopes.append({})
        try:
            return [f"for {self.declare(name, typ)} in {values}:", *self.block(body)]
        finally:
            self.scopes.pop()

    def bound_loop(self, node, values: str, el: str) -> list[str]:
        """``for (auto [k, v] : m)``: the pair's parts as two names."""
        decl = node.child_by_field_name("declarator")
        decl = decl.named_children[0] if decl.type == "reference_declarator" else decl
        names = [text(n) for n in decl.named_children if n.type == "identifier"]
        if not el.startswith("pair<") or len(names) != 2 or type_of(node) != "auto":
            raise Unsupported("a structured binding of another value")
        body = node.child_by_field_name("body")
        if any(mutated(body, n) for n in names):
            raise Unsupported("a bound name changed in its loop")
        self.scopes.append({})
        try:
            ks, vs = (self.declare(n, t) for n, t in zip(names, maps.parts(el), strict=True))
            return [f"for {ks}, {vs} in {values}:", *self.block(body)]
        finally:
            self.scopes.pop()

    def _s_return_statement(self, node) -> list[str]:
        kids = [k for k in node.named_children if k.type != "comment"]
        if kids and kids[0].type == "initializer_list":
            items = self.listed(kids[0], self.returns)[0]
            return [f"return ({items[1:-1]}{',' if len(kids[0].named_children) == 1 else ''})" if self.as_tuple
                    else f"return {items}"]
        if self.as_tuple and kids:
            code, typ = self.expr(kids[0])
            return [f"return tuple({bare(code)})"]
        return super()._s_return_statement(node)

    # expressions ------------------------------------------------------------------------------------------
__all__ = ["CppBody", "copied", "mutated", "root_name"]
