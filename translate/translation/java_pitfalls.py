"""Java constructs whose meaning changes in a dynamically typed target, named for the repair turn
(:mod:`translate.translation.pitfalls`' detector for Java sources): integer division, char arithmetic, a ``for``
condition that ``range()`` cannot hold, ``getOrDefault``, ``Math.round``, do-while, a ``for`` of several
variables, ``indexOf``'s -1, ``StringBuilder`` chains (:mod:`translate.translation.java_builders`).
"""
from __future__ import annotations

import tree_sitter

from translate.source.languages import Language
from translate.source.validate import walk
from translate.translation.java_builders import builder_notes


def _text(node: tree_sitter.Node) -> str:
    return node.text.decode("utf-8", "replace")


_DYNAMIC = {"python", "javascript", "typescript"}
_JAVA_INTS = ("integral_type",)


def java_notes(root: tree_sitter.Node, target: Language) -> list[str]:
    """Java constructs whose meaning changes in a dynamically typed target (Python, JavaScript)."""
    if target.name not in _DYNAMIC:
        return []
    py = target.name == "python"
    ints: set[str] = set()
    for node in walk(root):  # names declared with an integer type: parameters, locals, fields
        if node.type in ("formal_parameter", "local_variable_declaration", "field_declaration"):
            kind = node.child_by_field_name("type")
            if kind is not None and kind.type in _JAVA_INTS and _text(kind) != "char":
                if node.type == "formal_parameter":
                    name = node.child_by_field_name("name")
                    ints |= {_text(name)} if name is not None else set()
                else:
                    ints |= {_text(d.child_by_field_name("name")) for d in node.children_by_field_name("declarator")
                             if d.child_by_field_name("name") is not None}
    chars, strings = ({_text(d.child_by_field_name("name")) for node in walk(root)
                       if node.type in ("formal_parameter", "local_variable_declaration", "field_declaration")
                       and node.child_by_field_name("type") is not None
                       and _text(node.child_by_field_name("type")).replace(" ", "") in kinds
                       for d in ([node] if node.type == "formal_parameter" else node.children_by_field_name("declarator"))
                       if d.child_by_field_name("name") is not None} for kinds in (("char", "char[]"), ("String",)))
    notes: dict[str, str] = {}
    for node in walk(root):
        if node.type == "binary_expression":
            op = node.child_by_field_name("operator")
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            sides = [left, right]
            if op is not None and op.type == "/" and all(
                    x is not None and (x.type == "decimal_integer_literal" or x.type == "identifier" and _text(x) in ints)
                    for x in sides):
                expr = " ".join(_text(node).split())
                notes.setdefault("intdiv", f"Java's `{expr}` divides integers: it drops the fraction (toward zero); "
                                           f"write `{'int(a / b)' if py else 'Math.trunc(a / b)'}` for it, "
                                           f"not a plain `/`.")
            if op is not None and op.type in ("+", "-", "*", "%") and py and any(
                    x is not None and _is_char(x, chars) for x in sides) \
                    and not any(x is not None and (x.type == "string_literal" or _text(x) in strings)
                                for x in sides):  # "id" + c, c + hash: text
                notes.setdefault("char", "Java's chars are numbers (`c - 'a'`); in Python use `ord(c) - ord('a')`, "
                                         "and `chr(...)` to get a character back.")
            if op is not None and op.type in ("&&", "||") and node.parent is not None \
                    and node.parent.type == "for_statement" and py:
                cond = " ".join(_text(node).split())
                notes.setdefault("cond", f"the loop runs while `{cond}` holds (both parts): `range()` cannot hold "
                                         "the second part; use a `while` loop with the whole condition.")
        elif node.type == "do_statement" and py:
            notes.setdefault("dowhile", "Java's `do { ... } while (cond);` runs its body once before testing "
                                        "`cond` (hashids' `hash(0, ...)` gives one character); Python has no "
                                        "do-while: write `while True:` with `if not (cond): break` at the end.")
        elif node.type == "for_statement" and py and (
                len(node.children_by_field_name("update")) > 1 or sum(
                    1 for d in (node.child_by_field_name("init").children_by_field_name("declarator")
                                if node.child_by_field_name("init") is not None else []) if d is not None) > 1):
            head = " ".join(_text(node).split("{")[0].split())
            notes.setdefault("multifor", f"`{head}` keeps several variables: each starts at its own value and "
                                         "each update runs after every pass; `range()` carries only one, so set "
                                         "the others before the loop and update them at the end of its body "
                                         "(`+=` where the source adds).")
        elif node.type == "method_invocation" and py:
            name = node.child_by_field_name("name")
            obj = node.child_by_field_name("object")
            called = _text(name) if name is not None else ""
            if called == "indexOf":
                notes.setdefault("indexof", "Java's `s.indexOf(x)` is -1 when `x` is not there; Python's "
                                            "`s.index(x)` raises ValueError: write `s.find(x)` for a string (for a "
                                            "list, `xs.index(x) if x in xs else -1`).")
            if called == "getOrDefault":
                notes.setdefault("getordefault", "`map.getOrDefault(k, d)` is `d.get(k, d)`; `d[k] += n` raises "
                                                 "KeyError for a key that is not there yet: write "
                                                 "`d[k] = d.get(k, 0) + n`.")
            elif called == "round" and obj is not None and _text(obj) == "Math":
                notes.setdefault("round", "Java's `Math.round(x)` rounds halves up (`Math.round(2.5) == 3`) and "
                                          "gives an integer; Python's `round()` rounds halves to even: write "
                                          "`math.floor(x + 0.5)`.")
    return list(notes.values()) + (builder_notes(root) if py else [])  # StringBuilder chains: java_builders


def _is_char(node, chars: set[str]) -> bool:
    """A Java char value: a literal, a ``char`` variable, an element of a ``char[]``, ``s.charAt(i)``."""
    if node.type == "character_literal" or node.type == "identifier" and _text(node) in chars:
        return True
    if node.type == "array_access":
        array = node.child_by_field_name("array")
        return array is not None and array.type == "identifier" and _text(array) in chars
    name = node.child_by_field_name("name") if node.type == "method_invocation" else None
    return name is not None and _text(name) == "charAt"
