"""A Java varargs parameter as Python's ``*name``, in a method translated alone.

hashids' ``encode(long... numbers)`` came back as ``def encode(self, numbers)``: its tests call
``hashids.encode(1, 2, 3)`` and 12 of 17 failed on ``takes 2 positional arguments but 4 were given`` or ``'int'
object is not iterable``. Java's ``T... xs`` is certain from the source: the answer's parameter of that name (any
naming style) becomes ``*xs``, and where the method passes ``xs`` on, alone, to a varargs method of its class
(``_encode(numbers)``: Java spreads an array passed to varargs) the call spreads it, ``self._encode(*numbers)``.
"""
from __future__ import annotations

import re

from translate.source.languages import Language
from translate.source.validate import node_text, normalize_name, walk
from translate.translation.assemble import splice
from translate.translation.java_fields import python_root

_VARARGS = re.compile(r"\b(\w+)\s*\(([^()]*)\.\.\.\s*(\w+)\s*\)\s*(?:throws\s[\w.,\s]+)?\{")


def _uncommented(java: str) -> str:
    return re.sub(r"/\*.*?\*/|//[^\n]*", "", java, flags=re.S)


def varargs_methods(java: str) -> set[str]:
    """The names (normalized) of the methods ``java`` declares with a varargs parameter."""
    return {normalize_name(m.group(1)) for m in _VARARGS.finditer(java)}


def star_varargs(code: str, target: Language, java: str, outline: str = "") -> tuple[str, bool]:
    """``code`` (the Python answer for the Java method ``java``) with its varargs parameter starred (see the
    module); unchanged when the source has none or the answer's parameter is not found."""
    java = _uncommented(java)  # a Javadoc's ``{@code ...}`` is no body
    head = _VARARGS.search(java)
    if target.name != "python" or head is None or head.start() > java.find("{"):
        return code, False
    want = normalize_name(head.group(3))
    spread = varargs_methods(java) | varargs_methods(outline)
    root = target.parse(code.encode("utf-8")).root_node
    fn = next((n for n in walk(root) if n.type == "function_definition"
               and normalize_name(node_text(n.child_by_field_name("name"))) == normalize_name(head.group(1))), None)
    if root.has_error or fn is None:
        return code, False
    params = fn.child_by_field_name("parameters")
    plain = [p for p in params.named_children if p.type in ("identifier", "typed_parameter")
             and normalize_name(node_text(p if p.type == "identifier" else p.named_children[0])) == want]
    if len(plain) != 1 or any(p.type in ("list_splat_pattern", "typed_parameter") and node_text(p).startswith("*")
                              for p in params.named_children):
        return code, False
    name_node = plain[0] if plain[0].type == "identifier" else plain[0].named_children[0]
    name = node_text(name_node)
    edits = [(name_node.start_byte, name_node.end_byte, "*" + name)]
    edits += [(a.start_byte, a.end_byte, "*" + name) for a in _lone_arguments(fn, spread) if node_text(a) == name]
    return splice(code, edits), True


def _lone_arguments(node, spread: set[str]) -> list:
    """The argument of each call under ``node`` of a method named in ``spread`` (normalized) with one argument."""
    out = []
    for call in walk(node):
        callee = call.child_by_field_name("function") if call.type == "call" else None
        if callee is None:
            continue
        called = node_text(callee.child_by_field_name("attribute") if callee.type == "attribute" else callee)
        args = call.child_by_field_name("arguments").named_children
        if normalize_name(called) in spread and len(args) == 1:
            out.append(args[0])
    return out


_ARRAY_NAMES = re.compile(r"\b[\w.]+(?:<[^<>]*>)?(?:\s*\[\s*\])+\s+(\w+)\s*[=;,)]")


def spread_array_args(code: str, target: Language, java: str, outline: str = "") -> tuple[str, bool]:
    """``code`` (a Python answer for the Java ``java``) with an array passed alone to a varargs method of the
    class spread: hashids' ``_decode`` ends ``return this.encode(arr)`` with ``long[] arr``, and Java passes the
    array as the varargs; the answer's ``self.encode(arr)`` handed ``encode(*numbers)`` one list, and every
    decode raised ``'<' not supported between 'list' and 'int'``. The argument is spread (``*arr``) where its
    name is declared an array in the Java and the method called declares ``T...`` (here or in the class's
    outline)."""
    if target.name != "python" or "[]" not in java:
        return code, False
    plain = _uncommented(java)
    arrays = {normalize_name(m.group(1)) for m in _ARRAY_NAMES.finditer(plain)}
    spread = varargs_methods(plain) | varargs_methods(outline)
    if not arrays or not spread:
        return code, False
    root = python_root(code, target)
    if root is None:
        return code, False
    edits = [(a.start_byte, a.end_byte, "*" + node_text(a)) for a in _lone_arguments(root, spread)
             if a.type == "identifier" and normalize_name(node_text(a)) in arrays]
    return (splice(code, edits), True) if edits else (code, False)
