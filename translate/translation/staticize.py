"""Free functions in class-only targets (Java, C#): out of the model's class, and static.

Asked for one Java function, chat models often answer with a whole program: ``public class Main { the
function; public static void main(...) { a demo } }``. ``unwrap_class_answer`` keeps the class's members
but the demo ``main`` (the file's own class will hold them).

A Python (JavaScript, C, ...) top-level function has no instance. Translated to Java or C#, it lands in
the file's public class, so it must be ``static``: callers (other translated functions, the user's
tests) call ``Mathx.gcd(12, 18)``, and a static method cannot call an instance one. Chat models often
write ``public int gcd(...)`` for a lone function; this adds the missing keyword. Methods of an answer
that brings its own class are left as they are.
"""
from __future__ import annotations

import textwrap

from translate.source.languages import Language
from translate.translation.checks import needs_wrapper, split_imports

_MODIFIER_NODES = {"modifiers", "modifier"}  # Java: one `modifiers` node; C#: one `modifier` per keyword


def unwrap_class_answer(code: str, lang: Language, name: str) -> str:
    """``code`` without the one class it wraps the function ``name`` in (imports kept, ``main`` dropped);
    unchanged unless the answer is exactly that: one top-level class with a method called ``name``."""
    from translate.source.validate import normalize_name

    if lang.function_wrapper is None or not code.strip():
        return code
    data = code.encode("utf-8")
    root = lang.parse(data).root_node
    if root.has_error:
        return code
    classes = [n for n in root.named_children if n.type == "class_declaration"]
    others = [n for n in root.named_children if n.type not in ("class_declaration", "comment", "line_comment",
                                                                "block_comment", "import_declaration",
                                                                "using_directive", "package_declaration")]
    if len(classes) != 1 or others:
        return code
    body = classes[0].child_by_field_name("body")
    if body is None:
        return code
    members = list(body.named_children)
    if normalize_name(name) not in {normalize_name(_name(m)) for m in members if m.type == "method_declaration"}:
        return code
    keep = [m for m in members if not (m.type == "method_declaration" and _name(m) in ("main", "Main"))]
    if any(m.type not in ("method_declaration", "field_declaration", "comment", "line_comment", "block_comment")
           for m in keep):
        return code  # constructors, nested types: a real class, not a wrapper
    head = "".join(data[n.start_byte : n.end_byte].decode("utf-8") + "\n" for n in root.named_children
                   if n.type in ("import_declaration", "using_directive"))
    pieces = []
    for m in keep:
        line_start = data.rfind(b"\n", 0, m.start_byte) + 1
        pieces.append(textwrap.dedent(data[line_start : m.end_byte].decode("utf-8")))
    return head + ("\n" if head else "") + "\n\n".join(p.strip("\n") for p in pieces) + "\n"


def _name(node) -> str:
    n = node.child_by_field_name("name")
    return n.text.decode("utf-8") if n is not None else ""


def make_static(code: str, lang: Language) -> str:
    """``code`` (a function answer for a class-only target) with ``static`` on each of its top-level methods."""
    if lang.function_wrapper is None or not code.strip() or not needs_wrapper(code, lang, "function"):
        return code
    imports, body = split_imports(code, lang)
    pre, post = lang.function_wrapper
    data = (pre + body + post).encode("utf-8")
    tree = lang.parse(data)
    if tree.root_node.has_error:
        return code
    classes = [n for n in tree.root_node.children if n.type == "class_declaration"]
    if len(classes) != 1:
        return code
    holder = classes[0].child_by_field_name("body")
    inserts: list[int] = []
    for node in holder.children if holder is not None else []:
        if node.type != "method_declaration":
            continue
        mods = [c for c in node.children if c.type in _MODIFIER_NODES]
        if any(b"static" in m.text.split() for m in mods):
            continue
        inserts.append(mods[-1].end_byte if mods else node.start_byte)
    if not inserts:
        return code
    for at in sorted(inserts, reverse=True):
        before = data[at - 1 : at] if at else b""
        word = b" static" if before and not before.isspace() else b"static "
        data = data[:at] + word + data[at:]
    text = data.decode("utf-8")
    new_body = text[len(pre) : len(text) - len(post)]
    return "".join(f"{line}\n" for line in imports) + "\n" + new_body if imports else new_body
