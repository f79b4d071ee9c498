"""Java's class scope in Python: a nested class or a class constant named bare in the class's methods, qualified.

Java code in ``Sqids`` and in its nested ``Builder`` says ``new Builder()``, ``Builder.DEFAULT_ALPHABET`` and
``MIN_ALPHABET_LENGTH``: the nested class and the static fields are in scope everywhere in the class. A Python
class body is no scope for the functions in it: ``Builder`` or ``MIN_ALPHABET_LENGTH`` in a method of ``Sqids``
is looked up among the module's globals, a NameError at the first call (the 1.5B wrote both in sqids' answers).
Each such bare name is written ``Sqids.Builder`` / ``Sqids.MIN_ALPHABET_LENGTH``, the name that resolves, unless
the function binds the name itself (a parameter, an assignment) or the module does (then it is the module's).

Java also keeps a field and a method of one name apart (sqids' ``Builder.alphabet`` and ``alphabet(...)``); in
Python the attribute hides the method. :func:`rename_shadowing_fields` names such a field ``_alphabet``, in every
place the code reads or sets it (the outer class's ``builder.alphabet`` too), and leaves the calls to the method.
"""
from __future__ import annotations

import builtins

from translate.source.languages import Language, get_language
from translate.source.validate import node_text, normalize_name, walk
from translate.translation.assemble import splice

_BINDS = ("parameters", "lambda_parameters")
_BUILTINS = frozenset(dir(builtins))
# source languages where a bare call inside a method is the class's own method first (qualify_methods)
BARE_METHOD_CALLS = frozenset({"java", "cpp", "csharp", "kotlin"})


def _scope(block, functions: bool = True) -> set[str]:
    """The names a class body or a module binds at its own level: classes, functions (``functions``), ``X = ...``,
    imports."""
    out = set()
    for stmt in block.named_children if block is not None else []:
        inner = stmt.child_by_field_name("definition") if stmt.type == "decorated_definition" else stmt
        if inner is not None and (inner.type == "class_definition"
                                  or functions and inner.type == "function_definition"):
            out.add(node_text(inner.child_by_field_name("name")))
        elif stmt.type == "expression_statement" and stmt.named_child_count == 1 \
                and stmt.named_children[0].type == "assignment":
            left = stmt.named_children[0].child_by_field_name("left")
            if left is not None and left.type == "identifier":
                out.add(node_text(left))
        elif stmt.type in ("import_statement", "import_from_statement"):
            out |= {node_text(n) for n in walk(stmt) if n.type == "identifier"}
    return out


def _bound(fn, name: str) -> bool:
    """Does function ``fn`` bind ``name`` itself (a parameter, an assignment, a loop variable)?"""
    for n in walk(fn):
        if n.type in _BINDS and any(node_text(i) == name for i in walk(n) if i.type == "identifier"):
            return True
        target = n.child_by_field_name("left") if n.type in ("assignment", "for_statement") else None
        if target is not None and any(node_text(i) == name for i in walk(target) if i.type == "identifier"
                                      and (i.parent is None or i.parent.type != "attribute")):
            return True
    return False


def qualify_nested(code: str) -> str:
    """``code`` (Python) with each bare use of a nested class or class attribute inside the functions of its
    top-level class written ``Outer.Name``; unchanged when it does not parse or has none."""
    python = get_language("python")
    data = code.encode("utf-8")
    root = python.parse(data).root_node
    if root.has_error:
        return code
    edits: dict[int, tuple[int, int, str]] = {}  # by start: a def inside a def is walked twice
    module = _scope(root)
    for top in root.named_children:
        cls = top.child_by_field_name("definition") if top.type == "decorated_definition" else top
        if cls is None or cls.type != "class_definition":
            continue
        outer = node_text(cls.child_by_field_name("name"))
        # nested classes and class attributes; not methods (a bare call of one is an error ``self.`` would fix)
        nested = _scope(cls.child_by_field_name("body"), functions=False) - module
        if not nested:
            continue
        for fn in (n for n in walk(cls) if n.type == "function_definition"):
            for ident in walk(fn.child_by_field_name("body")):
                name = node_text(ident) if ident.type == "identifier" else ""
                parent = ident.parent
                if name not in nested or parent is None or _bound(fn, name):
                    continue
                if parent.type == "attribute" and parent.child_by_field_name("attribute") == ident:
                    continue  # ``x.Builder``: an attribute, not the name
                if parent.type in ("class_definition", "function_definition", "keyword_argument") \
                        and parent.child_by_field_name("name") == ident:
                    continue
                edits[ident.start_byte] = (ident.start_byte, ident.end_byte, f"{outer}.{name}")
    if not edits:
        return code
    return splice(code, list(edits.values()))


def _decorated(cls, decorators: tuple[str, ...]) -> set[str]:
    """The names of the class's methods decorated with one of ``decorators`` (``@staticmethod``, ...)."""
    body = cls.child_by_field_name("body")
    return {node_text(c.child_by_field_name("definition").child_by_field_name("name"))
            for c in (body.named_children if body is not None else []) if c.type == "decorated_definition"
            and c.child_by_field_name("definition").type == "function_definition"
            and any(node_text(d).lstrip("@").strip() in decorators for d in c.named_children if d.type == "decorator")}


def _java_call(c) -> tuple[str, int, bool]:
    """(name normalized, argument count, whether it calls the class's own method: bare, on ``this`` or on a class
    name that is not ``Math``) of a Java method invocation."""
    obj = c.child_by_field_name("object")
    own = obj is None or node_text(obj) == "this" or obj.type == "identifier" and node_text(obj)[:1].isupper() \
        and node_text(obj) != "Math"
    args = c.child_by_field_name("arguments")
    return normalize_name(node_text(c.child_by_field_name("name"))), len(args.named_children) if args else 0, own


def _java_methods(java: str) -> dict[str, tuple[bool, set[tuple[str, int, bool]]]]:
    """The methods ``java`` declares (normalized name -> whether one is static, the calls in their bodies:
    :func:`_java_call`)."""
    out: dict[str, tuple[bool, set[tuple[str, int, bool]]]] = {}
    if not java:
        return out
    root = get_language("java").parse(f"class __C {{\n{java}\n}}\n".encode()).root_node
    for m in (n for n in walk(root) if n.type == "method_declaration"):
        mods = next((c for c in m.children if c.type == "modifiers"), None)
        calls = {_java_call(c) for c in walk(m) if c.type == "method_invocation"}
        key = normalize_name(node_text(m.child_by_field_name("name")))
        static, seen = out.get(key, (False, set()))
        out[key] = (static or (mods is not None and "static" in node_text(mods).split()), seen | calls)
    return out


def _is_own(call, calls: set[tuple[str, int, bool]]) -> bool:
    """Whether a bare Python call of a builtin's name (``min(a, b)``) is the Java class's own method: the Java calls
    its own with that many arguments and never ``Math.min`` with as many (stringsim's ``min(a, b, c)`` beside
    ``Math.min(x, y)`` in one method)."""
    args = call.child_by_field_name("arguments")
    if args is None or any(a.type in ("list_splat", "dictionary_splat", "keyword_argument") for a in args.named_children):
        return False
    key = normalize_name(node_text(call.child_by_field_name("function")))
    n = len([a for a in args.named_children if a.type != "comment"])
    return (key, n, True) in calls and (key, n, False) not in calls


def qualify_methods(code: str, java: str = "") -> str:
    """``code`` (Python, from the Java class ``java``) with each bare call of a method of the enclosing top-level
    class qualified: ``Outer.m(...)`` for a static or class method (decorated so, or static in the Java),
    ``self.m(...)`` for another method called from one whose first parameter is ``self`` (Java calls
    ``consistentShuffle(...)`` bare; hashids' answer did the same, a NameError). A method named as a Python builtin
    (``min``, ``hash``) is the builtin in Python, so its bare call is qualified only where the Java method of the
    same name calls the class's own with as many arguments, and not ``Math.min`` (:func:`_is_own`; stringsim's
    ``min`` calls ``Math.min`` inside, its callers the class's 3-argument ``min`` beside ``Math.min(x, y)``).
    Unchanged where the module or the function binds the name, or the code does not parse."""
    root = get_language("python").parse(code.encode("utf-8")).root_node
    if root.has_error:
        return code
    module, source = _scope(root), _java_methods(java)
    edits: dict[int, tuple[int, int, str]] = {}
    for top in root.named_children:
        cls = top.child_by_field_name("definition") if top.type == "decorated_definition" else top
        if cls is None or cls.type != "class_definition":
            continue
        outer, methods = node_text(cls.child_by_field_name("name")), _defs(cls, "function_definition") - module
        body = cls.child_by_field_name("body")
        fns = [i.child_by_field_name("definition") if i.type == "decorated_definition" else i
               for i in (body.named_children if body is not None else [])]
        firsts = {node_text(f.child_by_field_name("name")): node_text(f.child_by_field_name("parameters")).strip("()")
                  .split(",")[0].split(":")[0].strip() for f in fns if f is not None and f.type == "function_definition"}
        static = _decorated(cls, ("staticmethod", "classmethod")) | {  # static in the Java, answered without self
            m for m in methods if source.get(normalize_name(m), (False,))[0] and firsts.get(m) not in ("self", "cls")}
        for item in body.named_children if body is not None and methods else []:
            fn = item.child_by_field_name("definition") if item.type == "decorated_definition" else item
            if fn is None or fn.type != "function_definition":
                continue
            params = fn.child_by_field_name("parameters").named_children
            own = node_text(fn.child_by_field_name("name"))
            has_self = bool(params) and node_text(params[0]) == "self" and own not in static
            calls_own = source.get(normalize_name(own), (False, set()))[1]
            for call in (n for n in walk(fn.child_by_field_name("body")) if n.type == "call"):
                name = call.child_by_field_name("function")
                called = node_text(name) if name is not None and name.type == "identifier" else ""
                if called not in methods or _bound(fn, called) \
                        or called in _BUILTINS and not _is_own(call, calls_own):
                    continue
                owner = outer if called in static else "self" if has_self else ""
                if owner:
                    edits[name.start_byte] = (name.start_byte, name.end_byte, f"{owner}.{called}")
    return splice(code, list(edits.values())) if edits else code


def _defs(cls, kind: str) -> set[str]:
    """The names of the ``kind`` definitions (``function_definition``, ``class_definition``) in a class body."""
    body = cls.child_by_field_name("body")
    defs = [c.child_by_field_name("definition") if c.type == "decorated_definition" else c
            for c in (body.named_children if body is not None else [])]
    return {node_text(d.child_by_field_name("name")) for d in defs if d is not None and d.type == kind}


def _self_fields(cls) -> set[str]:
    """The attributes ``self.x = ...`` sets in the class's own methods (not in a nested class's)."""
    out = set()
    for n in walk(cls.child_by_field_name("body")):
        left = n.child_by_field_name("left") if n.type == "assignment" else None
        if left is not None and left.type == "attribute" and node_text(left.child_by_field_name("object")) == "self":
            owner = n.parent
            while owner is not None and owner.type != "class_definition":
                owner = owner.parent
            if owner == cls:
                out.add(node_text(left.child_by_field_name("attribute")))
    return out


def shadowing_fields(code: str, target: Language) -> str | None:
    """The problem of a Python class whose methods set ``self.x`` where ``x`` is also one of its methods' names
    (the instance attribute hides the method: ``obj.x(...)`` calls the attribute's value); a repair turn's, where
    :func:`rename_shadowing_fields` could not rename it."""
    if target.name != "python":
        return None
    root = get_language("python").parse(code.encode("utf-8")).root_node
    for cls in (n for n in walk(root) if n.type == "class_definition"):
        both = sorted(_self_fields(cls) & _defs(cls, "function_definition"))
        if both:
            shown = ", ".join(f"`self.{n}`" for n in both)
            return (f"in class {node_text(cls.child_by_field_name('name'))}, {shown} set in a method hides the method "
                    f"of the same name on every instance (Java keeps fields and methods apart, Python does not): "
                    f"name the field `_{both[0]}` and use that name wherever the field is read or set")
    return None


def _field_read(attr, renamed: dict[int, set[str]]) -> bool:
    """Whether ``x.name`` (not called) reads a field its class already calls ``_name``: ``self.name`` in that
    class; ``other.name`` anywhere (``builder.alphabet`` in the outer class; its own ``self.alphabet`` stays)."""
    name = node_text(attr.child_by_field_name("attribute"))
    if node_text(attr.child_by_field_name("object")) != "self":
        return True
    cls = attr.parent
    while cls is not None and cls.type != "class_definition":
        cls = cls.parent
    return cls is not None and name in renamed.get(cls.id, set())


def rename_shadowing_fields(code: str) -> str:
    """Java keeps a field and a method of one name apart (sqids' ``Builder.alphabet`` and ``alphabet(...)``), Python
    does not: the attribute hides the method. Each such field is renamed ``_name`` in the whole of ``code``: every
    attribute ``x.name`` that is not called, and the class-level assignment; calls keep the method. Unchanged when
    ``_name`` is taken or the code does not parse. Where the answer named the field ``_name`` itself, the attributes
    ``x.name`` that are not called and read it (:func:`_field_read`) become ``x._name`` too."""
    data = code.encode("utf-8")
    root = get_language("python").parse(data).root_node
    if root.has_error:
        return code
    clash: set[str] = set()
    renamed: dict[int, set[str]] = {}  # class -> its methods ``name`` whose field the answer already calls ``_name``
    for cls in (n for n in walk(root) if n.type == "class_definition"):  # class-level ``x = ...`` or ``self.x``
        fields = _scope(cls.child_by_field_name("body"), functions=False) - _defs(cls, "class_definition")
        fields |= _self_fields(cls)
        methods = _defs(cls, "function_definition")
        clash |= methods & fields
        renamed[cls.id] = {m for m in methods - fields if "_" + m in fields and not m.startswith("_")}
    aliased = set().union(*renamed.values())
    taken = {node_text(n) for n in walk(root) if n.type == "identifier"}
    clash = {n for n in clash if "_" + n not in taken and not n.startswith("__")}
    if not clash and not aliased:
        return code
    edits = []
    for n in walk(root):
        if n.type == "attribute" and not (n.parent is not None and n.parent.type == "call"
                                          and n.parent.child_by_field_name("function") == n):
            name = n.child_by_field_name("attribute")
            if node_text(name) in clash or node_text(name) in aliased and _field_read(n, renamed):
                edits.append((name.start_byte, name.end_byte, "_" + node_text(name)))
        elif n.type == "assignment" and n.parent is not None and n.parent.type == "expression_statement" \
                and n.parent.parent is not None and n.parent.parent.type == "block" \
                and n.parent.parent.parent is not None and n.parent.parent.parent.type == "class_definition":
            left = n.child_by_field_name("left")
            if left is not None and left.type == "identifier" and node_text(left) in clash:
                edits.append((left.start_byte, left.end_byte, "_" + node_text(left)))
    return splice(code, edits) if edits else code


def name_nested_answer(code: str, target: Language, name: str, parent: str) -> str:
    """``code`` (the answer for the nested class ``name`` of ``parent``) with its one top-level class renamed
    ``name`` where the model named it ``parent``: sqids' ``Builder``, asked for alone, came back three times as
    ``class Sqids:`` holding Builder's members, and failed on its name. Only the declaration is renamed (a
    ``Sqids(self)`` in its body is the outer class)."""
    root = target.parse(code.encode("utf-8")).root_node
    tops = [n.child_by_field_name("definition") if n.type == "decorated_definition" else n for n in root.named_children]
    classes = [n for n in tops if n is not None and n.type in ("class_definition", "class_declaration")]
    if root.has_error or len(classes) != 1 or not parent or name == parent:
        return code
    ident = classes[0].child_by_field_name("name")
    if ident is None or node_text(ident) != parent:
        return code
    return splice(code, [(ident.start_byte, ident.end_byte, name)])
