"""A migrated Python class derives from the project classes its Java source extends and implements.

The 1.5B pack, translating java-string-similarity's ``Damerau implements MetricStringDistance`` alone, wrote its
own ``class StringDistance(ABC)`` above ``class Damerau(StringDistance)``: a copy that shadows the project's
interface, so ``isinstance(d, MetricStringDistance)`` is false and the tests' helpers, which take a
``StringDistance``, see a stranger. The bases are the symbol map's, not the model's: each class of the module gets
the project bases its source declares (superclass, then interfaces, the writer imports them), a base that is an
ancestor of another one left out (Python's method order needs that; Java does not mind), the project names the
model put instead dropped, other bases (``ABC``) kept; a top-level copy of a project class that no longer has any
use in the module is removed.
"""
from __future__ import annotations

from translate.project.rewrite import ModuleWrite, removal
from translate.project.symbols import ModuleInfo, SymbolMap
from translate.source.languages import Language
from translate.source.validate import node_text, walk
from translate.translation.assemble import splice
from translate.translation.naming import target_name


def _class(node):
    """(the class definition, its name) of a top-level statement, or (None, "")."""
    cls = node.child_by_field_name("definition") if node.type == "decorated_definition" else node
    name = cls.child_by_field_name("name") if cls is not None and cls.type == "class_definition" else None
    return (cls, node_text(name)) if name is not None else (None, "")


def _ancestors(name: str, bases: dict[str, tuple[str, ...]], seen: set[str] | None = None) -> set[str]:
    seen = set() if seen is None else seen
    for b in bases.get(name, ()):
        if b not in seen:
            seen.add(b)
            _ancestors(b, bases, seen)
    return seen


def project_bases(text: str, m: ModuleInfo, symbols: SymbolMap, locals_: dict[str, str], target: Language,
                  w: ModuleWrite) -> str:
    """``text`` (the module's Python) with each class deriving from its source's project bases (see the module)."""
    classes = {s.name: s.bases for mod in symbols.modules.values() for s in mod.defined.values() if s.kind == "class"}
    if target.name != "python" or m.language != "java" or not classes:
        return text
    project = {target_name(n, "class", target) for n in classes}
    own = {target_name(s.name, "class", target): s for s in m.defined.values() if s.kind == "class"}
    data = text.encode("utf-8")
    root = target.parse(data).root_node
    if root.has_error:
        return text
    edits: list[tuple[int, int, str]] = []
    for node in root.named_children:
        cls, name = _class(node)
        sym = own.get(name)
        if cls is None or sym is None:
            continue
        want = [b for b in sym.bases if b in locals_ and b in classes]
        want = [locals_[b] for b in want if not any(b in _ancestors(o, classes) for o in want if o != b)]
        args = cls.child_by_field_name("superclasses")
        given = [a for a in args.named_children if a.type != "comment"] if args is not None else []
        names = [node_text(a) for a in given if a.type in ("identifier", "attribute")]
        if not want or all(b in names for b in want):
            continue
        kept = [node_text(a) for a in given if a.type not in ("identifier", "attribute")
                or node_text(a) not in project and node_text(a) not in want and node_text(a) != "object"]
        new = "(" + ", ".join([*want, *kept]) + ")"
        end = args.end_byte if args is not None else cls.child_by_field_name("name").end_byte
        edits.append((args.start_byte if args is not None else end, end, new))
        w.notes.append(f"{name} derives from {', '.join(want)}, as its source does"
                       + (f" (the answer had {', '.join(names)})" if names else ""))
    if not edits:
        return text
    text = splice(text, edits)
    data = text.encode("utf-8")
    root = target.parse(data).root_node
    used = [node_text(n) for n in walk(root) if n.type == "identifier"]
    drop = []
    for node in root.named_children:  # the model's copies of project classes, now used by nothing
        name = _class(node)[1]
        if name in project and name not in own and used.count(name) == 1:
            drop.append(removal(data, node.start_byte, node.end_byte))
            w.notes.append(f"dropped the model's copy of {name} (the project's {name} is the base now)")
    return splice(text, drop) if drop else text
