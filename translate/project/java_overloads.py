"""Java overloads for Python's default parameters, written where the translation left them out.

``def sell(self, name, count, percent=0)`` is called both ways in Python; Java needs a method per arity. The
prompt shows the overloads (translate.project.java_context), but a model may write only the full one, and a
caller (a migrated test) calling ``store.sell("pen", 2)`` then does not compile. Each missing one is certain:
it calls the full method with the default (``double sell(String name, int count) { return sell(name, count, 0);
}``), so it is added without the model, when the full method is there and every type is known.
"""
from __future__ import annotations

from translate.project.java_context import JavaSignatures, Param
from translate.project.symbols import Symbol
from translate.source.languages import Language
from translate.translation.naming import target_name

_LITERALS = {"True": "true", "False": "false", "None": "null"}


def _java_literal(default: str) -> str | None:
    d = default.strip()
    if d in _LITERALS:
        return _LITERALS[d]
    if d.lstrip("-").replace(".", "", 1).replace("e", "", 1).replace("-", "").isdigit():
        return d
    if len(d) >= 2 and d[0] == d[-1] and d[0] in "'\"" and "\\" not in d and '"' not in d[1:-1]:
        return '"' + d[1:-1] + '"'
    return None


def _arities(data: bytes, body) -> set[tuple[str, int]]:
    out = set()
    for m in body.named_children:
        if m.type in ("method_declaration", "constructor_declaration"):
            name = m.child_by_field_name("name")
            params = m.child_by_field_name("parameters")
            if name is not None and params is not None:
                n = sum(1 for p in params.named_children if p.type in ("formal_parameter", "spread_parameter"))
                out.add((data[name.start_byte:name.end_byte].decode(), n))
    return out


def _overload(name: str, ret: str | None, params: list[Param], cut: int, static: bool, ctor: bool) -> str | None:
    values = [_java_literal(p.default) if p.default is not None else None for p in params[cut:]]
    if any(v is None for v in values) or any(p.type is None for p in params):
        return None
    head = ", ".join(f"{p.type} {p.name}" for p in params[:cut])
    args = ", ".join([p.name for p in params[:cut]] + [v for v in values if v is not None])
    if ctor:
        return f"    {name}({head}) {{\n        this({args});\n    }}"
    call = f"{name}({args});"
    body = call if ret == "void" else f"return {call}"
    return f"    {'static ' if static else ''}{ret} {name}({head}) {{\n        {body}\n    }}"


def _missing(name: str, ret: str | None, params: list[Param], have: set[tuple[str, int]], static: bool,
             ctor: bool) -> list[str]:
    if (name, len(params)) not in have or (ret is None and not ctor):
        return []
    out = []
    for cut in range(len(params) - 1, -1, -1):
        if params[cut].default is None:
            break
        if (name, cut) not in have:
            text = _overload(name, ret, params, cut, static, ctor)
            if text is not None:
                out.append(text)
    return out


def add_overloads(text: str, java: Language, sig: JavaSignatures, classes: dict[str, Symbol],
                  holder: str | None, functions: list[Symbol]) -> tuple[str, list[str]]:
    """``text`` with the missing overloads of each class in ``classes`` (Java name -> source symbol) and of the
    module functions in the class ``holder``; and the names of those added."""
    data = text.encode("utf-8")
    root = java.parse(data).root_node
    edits: list[tuple[int, str]] = []
    added: list[str] = []
    for node in root.named_children:
        if node.type != "class_declaration":
            continue
        name_node, body = node.child_by_field_name("name"), node.child_by_field_name("body")
        if name_node is None or body is None:
            continue
        cname = data[name_node.start_byte:name_node.end_byte].decode()
        have = _arities(data, body)
        new: list[str] = []
        if cname in classes:
            sym = classes[cname]
            ct = sig.types.classes.get((sig.path_of(sym), sym.name))
            for mname, params in sym.methods:
                ctor = mname == "__init__"
                fn = (ct.init if ctor else ct.methods.get(mname)) if ct is not None else None
                jname = cname if ctor else target_name(mname, "method", java)
                ret = None if ctor else sig.ret_type(fn)
                new += _missing(jname, ret, sig.params(params, fn), have, mname in sym.static, ctor)
        elif cname == holder:
            for sym in functions:
                fn = sig.types.functions.get((sig.path_of(sym), sym.name))
                new += _missing(target_name(sym.name, "function", java), sig.ret_type(fn), sig.params(sym.params, fn),
                                have, True, False)
        if new:
            edits.append((body.end_byte - 1, "\n" + "\n\n".join(new) + "\n"))
            added += [f"{cname}.{t.split('(')[0].split()[-1]}" for t in new]
    for at, insert in sorted(edits, reverse=True):
        data = data[:at] + insert.encode("utf-8") + data[at:]
    return data.decode("utf-8"), added
