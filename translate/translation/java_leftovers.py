"""Java's string and collection calls left in a Python answer translated from Java, in their Python form.

sqids' constructor, asked for alone, came back with ``alphabet.split("")`` (Java: the characters; Python: ValueError,
an empty separator) and ``self.alphabet.length()`` (Python's ``str`` has no ``length``): every test failed at the
first object. Python's ``str``, ``list``, ``set`` and ``dict`` have none of these methods, so such a call can only be
the Java one left in, and each has one Python form:

- ``s.split("")`` -> ``list(s)``, and ``s.split()`` where the Java source splits that same ``s`` with ``""``;
- ``s.length()``, ``xs.size()`` -> ``len(s)``; ``s.isEmpty()`` -> ``(len(s) == 0)``; ``s.charAt(i)`` -> ``s[i]``;
- ``a.equals(b)`` -> ``(a == b)``; ``s.toLowerCase()``, ``s.toUpperCase()``, ``s.trim()`` -> ``s.lower()``,
  ``s.upper()``, ``s.strip()``; ``a.retainAll(b)`` (or ``retain_all``) -> ``a.intersection_update(b)``.

Except where the call may be the project's own: a method of that name defined in the answer, declared in the Java
unit or its class (``UnitContext.outline``), or, in ``translate repo``, anywhere in the project's Java code
(``UnitContext.java_methods``). ``split("")`` is always rewritten: no Python object's ``split`` takes ``""``.
"""
from __future__ import annotations

import re

from translate.source.languages import Language
from translate.source.validate import node_text, normalize_name, walk
from translate.translation.assemble import splice

# Java method -> (arguments it takes, the Python form of ``obj.m(args)``)
_FORMS = {
    "length": (0, "len({obj})"), "size": (0, "len({obj})"), "isEmpty": (0, "(len({obj}) == 0)"),
    "charAt": (1, "{obj}[{arg}]"), "equals": (1, "({obj} == {arg})"), "toLowerCase": (0, "{obj}.lower()"),
    "toUpperCase": (0, "{obj}.upper()"), "trim": (0, "{obj}.strip()"),
    "retainAll": (1, "{obj}.intersection_update({arg})"), "retain_all": (1, "{obj}.intersection_update({arg})"),
}
REWRITTEN = frozenset(_FORMS)
_EMPTY = ('""', "''")
MAX_PASSES = 8


def _declared(java: str) -> set[str]:
    """Method names ``java`` declares (``int length() {``), of those :data:`_FORMS` rewrites."""
    return {m for m in _FORMS if re.search(rf"\b{m}\s*\([^;{{}})]*\)\s*(?:throws\s[\w.,\s]+)?\{{", java)}


def _edits(code: str, target: Language, own: set[str], chars: set[str]) -> list[tuple[int, int, str]]:
    root = target.parse(code.encode("utf-8")).root_node
    if root.has_error:
        return []
    defined = {node_text(n.child_by_field_name("name")) for n in walk(root) if n.type == "function_definition"}
    edits: list[tuple[int, int, str]] = []
    for n in walk(root):
        fn = n.child_by_field_name("function") if n.type == "call" else None
        if fn is None or fn.type != "attribute" or any(a <= n.start_byte < z for a, z, _ in edits):
            continue
        name, obj = node_text(fn.child_by_field_name("attribute")), node_text(fn.child_by_field_name("object"))
        args = [a for a in n.child_by_field_name("arguments").named_children if a.type != "comment"]
        if name == "split" and (len(args) == 1 and node_text(args[0]) in _EMPTY or not args and normalize_name(obj) in chars):
            edits.append((n.start_byte, n.end_byte, f"list({obj})"))
        elif name in _FORMS and name not in own and name not in defined and len(args) == _FORMS[name][0] \
                and all(a.type not in ("keyword_argument", "list_splat", "dictionary_splat") for a in args):
            arg = node_text(args[0]) if args else ""
            edits.append((n.start_byte, n.end_byte, _FORMS[name][1].format(obj=obj, arg=arg)))
    return edits


def fix_java_leftovers(code: str, target: Language, java: str, outline: str = "",
                       project_methods: list[str] | tuple[str, ...] = ()) -> tuple[str, bool]:
    """``code`` (Python, translated from the Java ``java``) with the Java calls of the module in their Python form
    (outermost first, then again for the calls inside them)."""
    if target.name != "python" or not any(f".{m}(" in code for m in (*_FORMS, "split")):
        return code, False
    own = _declared(java) | _declared(outline) | (set(project_methods) & set(_FORMS))
    # what the source splits into characters: ``alphabet.split()`` in the answer is that call with its "" lost
    chars = {normalize_name(m.group(1).replace("this.", "self.")) for m in re.finditer(r'([\w.]+)\.split\(\s*""\s*\)', java)}
    changed = False
    for _ in range(MAX_PASSES):
        edits = _edits(code, target, own, chars)
        if not edits:
            break
        code, changed = splice(code, edits), True
    return code, changed
