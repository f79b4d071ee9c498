"""Free functions in class-only targets (Java, C#) are static methods.

A Python (JavaScript, C, ...) top-level function has no instance. Translated to Java or C#, it lands in
the file's public class, so it must be ``static``: callers (other translated functions, the user's
tests) call ``Mathx.gcd(12, 18)``, and a static method cannot call an instance one. Chat models often
write ``public int gcd(...)`` for a lone function; this adds the missing keyword. Methods of an answer
that brings its own class are left as they are.
"""
from __future__ import annotations

from translate.checks import needs_wrapper, split_imports
from translate.languages import Language

_MODIFIER_NODES = {"modifiers", "modifier"}  # Java: one `modifiers` node; C#: one `modifier` per keyword


def make_static(code: str, lang: Language) -> str:
    """``code`` (a function answer for a class-only target) with ``static`` on each of its top-level methods."""
    if lang.function_wrapper is None or not code.strip() or not needs_wrapper(code, lang, "function"):
        return code
    imports, body = split_imports(code, lang)
    pre, post = lang.function_wrapper
    data = (pre + body + post).encode("utf-8")
    tree = lang.parser().parse(data)
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
    head = "".join(f"{line}\n" for line in imports)
    return head + ("\n" if head else "") + new_body if imports else new_body
