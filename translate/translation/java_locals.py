"""A Java method's locals, held to in its Python answer: a local the answer reads but never sets, and a local
read from the wrong one of two.

sqids' ``decode`` and ``encodeNumbers`` were right in the 1.5B's answer but for one line each, and 20 of the
project's 28 tests failed on those two lines (27 of 28 pass with both put right):

- ``List<Long> ret = new ArrayList<>();`` opens ``decode``; the answer's repair turn dropped it and kept
  ``ret.append(...)``: NameError. A local the Java declares at the top of the method body with an initial value
  of a known form (``new ArrayList<>()`` is ``[]``, a map ``{}``, a set ``set()``, ``new StringBuilder()`` ``""``,
  a literal) that the answer reads and never assigns, binds, imports or defines at module level is set at the
  start of the answer's body.
- ``final char prefix = alphabetB.charAt(0);`` comes before ``alphabetB`` is reversed; the answer wrote
  ``alphabet = alphabet_b[::-1]`` and then ``prefix = alphabet[0]``, the first character of the reversed copy.
  Where the Java sets a local from an element of another local (``x.charAt(i)``, ``x.get(i)``, ``x[i]``) and the
  answer sets the same local from the same position of a different local that the Java also has, while the
  answer has the Java's one set before that line, the answer's read is made from it.
"""
from __future__ import annotations

import builtins
import re

from translate.source.languages import Language
from translate.source.validate import node_text, normalize_name, walk
from translate.translation.assemble import splice
from translate.translation.java_fields import java_members, python_literal, python_root

_EMPTY = {"ArrayList": "[]", "LinkedList": "[]", "ArrayDeque": "[]", "Stack": "[]", "Vector": "[]",
          "HashMap": "{}", "TreeMap": "{}", "LinkedHashMap": "{}", "HashSet": "set()", "TreeSet": "set()",
          "LinkedHashSet": "set()", "StringBuilder": '""'}
_BINDERS = ("assignment", "for_statement", "for_in_clause", "with_item", "as_pattern", "except_clause",
            "named_expression", "import_statement", "import_from_statement", "global_statement",
            "nonlocal_statement")


def _initial(value) -> str | None:
    """The Python of a Java local's initial value, for the forms the module knows."""
    if value.type == "object_creation_expression":
        kind = re.sub(r"<.*>", "", node_text(value.child_by_field_name("type"))).split(".")[-1].strip()
        args = value.child_by_field_name("arguments").named_children
        if kind in _EMPTY and (not args or (kind != "StringBuilder" and len(args) == 1
                                            and args[0].type == "decimal_integer_literal")):
            return _EMPTY[kind]  # ``new ArrayList<>(16)``: a capacity, still empty
        return None
    literal = value.type in ("decimal_integer_literal", "decimal_floating_point_literal", "string_literal", "true",
                             "false", "null_literal")
    return python_literal(node_text(value)) if literal else None


def _java_methods(java: str) -> dict[str, list]:
    """Normalized name -> the Java methods of that name (overloads: each)."""
    root = java_members(java)
    out: dict[str, list] = {}
    for m in walk(root):
        if m.type == "method_declaration" and m.child_by_field_name("body") is not None:
            out.setdefault(normalize_name(node_text(m.child_by_field_name("name"))), []).append(m)
    return out


def _java_method(found: list, fn):
    """Of the overloads ``found``, the one with as many parameters as the Python function ``fn`` (``self`` aside)."""
    names = [node_text(p) for p in fn.child_by_field_name("parameters").named_children]
    count = len(names) - (1 if names[:1] in (["self"], ["cls"]) else 0)
    same = [m for m in found if len(m.child_by_field_name("parameters").named_children) == count]
    return same[0] if len(same) == 1 else found[0] if len(found) == 1 else None


def _bound(fn) -> dict[str, int]:
    """Normalized name -> the first byte where the Python function ``fn`` binds it (parameters at 0)."""
    out: dict[str, int] = {}
    params = fn.child_by_field_name("parameters")
    for n in walk(params):
        if n.type == "identifier":
            out.setdefault(normalize_name(node_text(n)), 0)
    for n in walk(fn.child_by_field_name("body")):
        if n.type in _BINDERS or n.type in ("function_definition", "class_definition"):
            target = n.child_by_field_name("left") or n.child_by_field_name("name") or n
            for i in walk(target) if n.type not in ("function_definition", "class_definition") else [target]:
                if i.type in ("identifier", "dotted_name"):
                    out.setdefault(normalize_name(node_text(i).split(".")[0]), n.start_byte)
    return out


def _reads(fn) -> dict[str, list]:
    out: dict[str, list] = {}
    for n in walk(fn.child_by_field_name("body")):
        up = n.parent
        if n.type != "identifier" or up is None:
            continue
        if up.type == "attribute" and up.child_by_field_name("attribute") == n:
            continue
        if up.type == "keyword_argument" and up.child_by_field_name("name") == n:
            continue
        out.setdefault(normalize_name(node_text(n)), []).append(n)
    return out


def _element_of(node, python: bool):
    """The local a value reads one element of (``x.charAt(i)``, ``x.get(i)``, ``x[i]``), and the index's text."""
    if python:
        if node.type == "subscript" and node.child_by_field_name("value").type == "identifier":
            index = node.child_by_field_name("subscript")
            return node.child_by_field_name("value"), node_text(index) if index is not None else None
        return None, None
    if node.type == "array_access" and node.child_by_field_name("array").type == "identifier":
        return node.child_by_field_name("array"), node_text(node.child_by_field_name("index"))
    name = node.child_by_field_name("name") if node.type == "method_invocation" else None
    obj = node.child_by_field_name("object") if name is not None else None
    args = node.child_by_field_name("arguments").named_children if name is not None else []
    if obj is not None and obj.type == "identifier" and node_text(name) in ("charAt", "get") and len(args) == 1:
        return obj, node_text(args[0])
    return None, None


def fix_locals(code: str, target: Language, java: str) -> tuple[str, bool]:
    """``code`` (Python, from the Java ``java``) with the module's two rules applied to each of its functions."""
    if target.name != "python":
        return code, False
    methods = _java_methods(java)
    if not methods:
        return code, False
    root = python_root(code, target)
    if root is None:
        return code, False
    module = set()  # the names bound at module level: imports, assignments, definitions
    for top in root.named_children:
        top = top.child_by_field_name("definition") if top.type == "decorated_definition" else top
        if top.type in ("function_definition", "class_definition"):
            module.add(normalize_name(node_text(top.child_by_field_name("name"))))
        elif top.type in ("import_statement", "import_from_statement", "expression_statement"):
            target = top.named_children[0].child_by_field_name("left") if top.type == "expression_statement" \
                and top.named_children and top.named_children[0].type == "assignment" else top
            if top.type != "expression_statement" or target is not top:
                module |= {normalize_name(node_text(i)) for i in walk(target) if i.type == "identifier"}
    edits: list[tuple[int, int, str]] = []
    for fn in walk(root):
        found = methods.get(normalize_name(node_text(fn.child_by_field_name("name")))) \
            if fn.type == "function_definition" else None
        m = _java_method(found, fn) if found else None
        if m is None:
            continue
        bound, reads = _bound(fn), _reads(fn)
        java_locals: dict[str, object] = {}
        for n in walk(m):
            if n.type == "variable_declarator" and n.parent is not None and n.parent.type == "local_variable_declaration":
                java_locals.setdefault(normalize_name(node_text(n.child_by_field_name("name"))), n)
        lines = []
        for stmt in m.child_by_field_name("body").named_children:  # the body's own declarations: set first
            for d in stmt.children_by_field_name("declarator") if stmt.type == "local_variable_declaration" else []:
                key, value = normalize_name(node_text(d.child_by_field_name("name"))), d.child_by_field_name("value")
                init = _initial(value) if value is not None else None
                java_name = node_text(d.child_by_field_name("name"))
                spelled = {java_name, re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", java_name).lower()}
                said = node_text(reads[key][0]) if key in reads else ""
                if init is not None and said in spelled and key not in bound and key not in module \
                        and not hasattr(builtins, said):  # ``Item`` (a class) is no ``item``: spelled as the Java's
                    lines.append(f"{said} = {init}")
        body = fn.child_by_field_name("body")
        if lines:
            first = body.named_children[0]
            at = first if not (first.type == "expression_statement" and first.named_children
                               and first.named_children[0].type == "string") or len(body.named_children) < 2 \
                else body.named_children[1]
            indent = " " * at.start_point[1]
            edits.append((at.start_byte, at.start_byte, "".join(f"{ln}\n{indent}" for ln in lines)))
        edits += _wrong_reads(fn, java_locals, bound)
    if not edits:
        return code, False
    return splice(code, edits), True


def _wrong_reads(fn, java_locals: dict[str, object], bound: dict[str, int]) -> list[tuple[int, int, str]]:
    edits = []
    spelled = {}
    for n in walk(fn):
        if n.type == "identifier":
            spelled.setdefault(normalize_name(node_text(n)), node_text(n))
    for a in walk(fn.child_by_field_name("body")):
        left, right = (a.child_by_field_name("left"), a.child_by_field_name("right")) if a.type == "assignment" \
            else (None, None)
        if left is None or right is None or left.type != "identifier":
            continue
        decl = java_locals.get(normalize_name(node_text(left)))
        value = decl.child_by_field_name("value") if decl is not None else None  # type: ignore[attr-defined]
        want, index = _element_of(value, False) if value is not None else (None, None)
        got, got_index = _element_of(right, True)
        if want is None or got is None or index is None or got_index is None:
            continue
        w, g = normalize_name(node_text(want)), normalize_name(node_text(got))
        if w == g or g not in java_locals or normalize_name(index) != normalize_name(got_index):
            continue
        if w in bound and bound[w] < a.start_byte and w in spelled:
            edits.append((got.start_byte, got.end_byte, spelled[w]))
    return edits
