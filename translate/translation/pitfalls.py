"""Source constructs that models often mistranslate, named for the repair turn.

A repair turn quotes what went wrong (a failed assertion, a parse error). A small model given only
"Assertion `gcd(12, 18) == 6' failed" tends to answer with the same code again; it fixes the code when
the feedback also says which construct of the source does not carry over (Python's
``a, b = b, a % b`` assigns from the old values; ``//`` rounds down; JavaScript's ``sort()`` compares
strings). Each detector reads the source unit's syntax tree (tree-sitter) and returns notes; only
repair turns show them, so a first answer is never steered by them (bench/RESULTS.md, ``## prompts``).
Adding a source language is one function in ``DETECTORS``.
"""
from __future__ import annotations

from collections.abc import Callable

import tree_sitter

from translate.source.languages import Language
from translate.source.validate import walk
from translate.translation.java_pitfalls import java_notes

_SUPER_DOT = {"java", "javascript", "typescript"}
_C_LIKE = {"c", "cpp", "java", "javascript", "typescript", "csharp", "go", "rust"}


def _text(node: tree_sitter.Node) -> str:
    return node.text.decode("utf-8", "replace")


def _python(root: tree_sitter.Node, target: Language) -> list[str]:
    notes: list[str] = []
    seen: set[str] = set()

    def add(key: str, note: str) -> None:
        if key not in seen:
            seen.add(key)
            notes.append(note)

    for node in walk(root):
        if node.type == "assignment":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is not None and right is not None and left.type in ("pattern_list", "tuple_pattern") \
                    and right.type in ("expression_list", "tuple"):
                targets = {_text(c) for c in left.named_children}
                used = {_text(c) for c in walk(right) if c.type == "identifier"}
                if targets & used:
                    line = " ".join(_text(node).split())
                    add("swap", f"`{line}` assigns every target at once, from the values before the line: "
                                f"in {target.display}, assign from the old values (save them first).")
            if left is not None and right is not None and left.type in ("pattern_list", "tuple_pattern") \
                    and right.type not in ("expression_list", "tuple") and target.name == "java":
                names = ", ".join(f"`{_text(c)}`" for c in left.named_children)
                add("unpack", f"Java has no tuple unpacking (`{' '.join(_text(node).split())}`): declare each of "
                              f"{names} from the value (a pair is a Map.Entry: `Item item = pair.getKey(); int have = "
                              f"pair.getValue();`), and use those names afterwards.")
        elif node.type == "call" and _text(node).startswith("super().") and target.name in _SUPER_DOT:
            add("super", f"{target.display} calls the parent's method as `super.name(...)` (no parentheses after "
                         f"`super`) and the parent's constructor as `super(...)`.")
        elif node.type == "binary_operator" and target.name in _C_LIKE:
            op = node.child_by_field_name("operator")
            if op is not None and op.type == "//":
                add("floordiv", f"Python's `//` rounds down (toward negative infinity) and gives an integer; "
                                f"{target.display}'s `/` does not do both.")
            left = node.child_by_field_name("left")
            if op is not None and op.type == "%" and left is not None and left.type not in ("string", "concatenated_string"):
                expr = " ".join(_text(node).split())
                add("mod", f"Python's `%` takes the sign of the divisor (`-1 % 10 == 9`), {target.display}'s the "
                           f"sign of the dividend (`-1 % 10 == -1`): for `{expr}` with a negative left side write "
                           f"`((a % b) + b) % b`.")
        elif node.type == "call" and target.name in ("javascript", "typescript"):
            fn = node.child_by_field_name("function")
            name = _text(fn) if fn is not None else ""
            args = node.child_by_field_name("arguments")
            has_key = args is not None and any(a.type == "keyword_argument" and _text(a).startswith("key")
                                               for a in args.named_children)
            if (name == "sorted" or name.endswith(".sort")) and not has_key:
                add("sort", "JavaScript's `sort()` without a comparator compares values as strings: "
                            "sort numbers with `(a, b) => a - b`.")
        elif node.type == "subscript" and target.name in _C_LIKE:
            for idx in node.children_by_field_name("subscript"):
                negative = idx.type == "unary_operator" and _text(idx).startswith("-")
                if negative or idx.type == "slice":
                    add("index", f"Python's negative indexes and slices (`{' '.join(_text(node).split())}`) "
                                 f"count from the end; {target.display} indexing does not.")
    return notes


# Words a Python identifier may be that the target reserves (an answer that keeps them does not parse).
RESERVED: dict[str, frozenset[str]] = {
    "javascript": frozenset("case catch class const debugger default delete do enum export extends function "
                            "implements instanceof interface let new package private protected public static "
                            "super switch this throw typeof var void with".split()),
    "cpp": frozenset("auto bool case catch char class const default delete do double enum explicit export extern "
                     "float friend goto inline int long mutable namespace new operator private protected public "
                     "register short signed sizeof static struct switch template this throw typedef typename "
                     "union unsigned using virtual void volatile".split()),
    "java": frozenset("abstract boolean byte case catch char class const default do double enum extends final "
                      "float goto implements instanceof int interface long native new package private protected "
                      "public short static super switch synchronized this throw throws transient void "
                      "volatile".split()),
}
RESERVED["typescript"] = RESERVED["javascript"] | frozenset("type declare namespace module readonly".split())
RESERVED["c"] = RESERVED["cpp"]
RESERVED["csharp"] = RESERVED["java"] | frozenset("object string ref out params base checked decimal".split())


_LOOPS = ("list_comprehension", "generator_expression", "set_comprehension", "dictionary_comprehension")


def _python_extra(root: tree_sitter.Node, target: Language) -> list[str]:
    notes = []
    reserved = RESERVED.get(target.name, frozenset())
    names = sorted(({_text(n) for n in walk(root) if n.type == "identifier"} - {"super"}) & reserved)  # super(): a call
    if names:
        words = ", ".join(f"`{n}`" for n in names)
        notes.append(f"{words} {'is a reserved word' if len(names) == 1 else 'are reserved words'} in "
                     f"{target.display}: rename {'it' if len(names) == 1 else 'them'}.")
    if any(n.type in ("list_comprehension", "generator_expression", "set_comprehension", "dictionary_comprehension")
           for n in walk(root)):
        notes.append(f"{target.display} has no comprehensions (`[x for x in ...]`): write a loop "
                     f"(or map/filter where {target.display} has them).")
    joins = [n for n in walk(root) if n.type == "call" and _text(n.child_by_field_name("function") or n).endswith(".join")
             and (n.child_by_field_name("arguments") or n).type == "generator_expression"]  # f(x for x in y)
    if target.name == "java" and joins:
        notes.append(f"`{' '.join(_text(joins[0]).split())}` joins what the generator yields: in Java, "
                     "`items.stream().map(x -> x.name).collect(Collectors.joining(sep))` (import java.util.stream.*), "
                     "or a loop with a StringBuilder.")
    if target.name == "java" and any(n.type == "call" and _text(n).startswith("super().__init__(") and any(
            c.type in _LOOPS for c in walk(n)) for n in walk(root)):
        notes.append("Java's `super(...)` must be the first statement of a constructor, with no loop before it: "
                     "compute its argument in a `private static` helper method of the class and call "
                     "`super(name, helper(items))`, or use a stream (`items.stream().mapToDouble(i -> i.price).sum()`).")
    return notes


DETECTORS: dict[str, Callable[[tree_sitter.Node, Language], list[str]]] = {
    "python": lambda root, target: _python(root, target) + _python_extra(root, target),
    "java": java_notes,
}


def pitfalls(code: str, source: Language, target: Language) -> list[str]:
    """Notes on the constructs of ``code`` (a ``source`` unit) that do not carry over to ``target``."""
    detect = DETECTORS.get(source.name)
    if detect is None or source.name == target.name:
        return []
    tree = source.parse(code.encode("utf-8"))
    return detect(tree.root_node, target)


# Python built-ins a JavaScript answer sometimes calls as if they existed there.
_PY_BUILTINS = frozenset("abs all any bin chr divmod enumerate filter float hex int isinstance len list map max min "
                         "ord pow print range reversed round sorted str sum tuple zip".split())


_DEFINITIONS = ("function_definition", "class_definition", "function_declaration", "class_declaration",
                "method_declaration", "class")


def untested(code: str, must_call: list[str], source: Language, target: Language) -> str | None:
    """A problem when a migrated test (``must_call``: the project names its source test calls) calls none of
    them, or only some, or defines one itself: it would not test the migrated code (mocks, copies)."""
    if not must_call or not code.strip():
        return None
    used, defined = set(), set()
    for node in walk(target.parse(code.encode("utf-8")).root_node):
        if node.type in ("identifier", "type_identifier", "property_identifier"):
            used.add(_text(node))
        elif node.type in _DEFINITIONS:
            name = node.child_by_field_name("name")
            if name is not None:
                defined.add(_text(name))
    own = sorted(set(must_call) & defined)
    if own:
        return (f"the test defines {', '.join(own)} itself; the project's {', '.join(own)} is imported for it: "
                "call it, do not redefine it")
    missing = [n for n in must_call if n not in used]
    if missing:
        return (f"the test no longer calls {', '.join(missing)} (the {source.display} test does): keep every call "
                f"of the original on the project's real {', '.join(missing)} (imported for it), no mocks")
    return None


def dropped_calls(code: str, keep_calls: list[str], source: Language, target: Language) -> str | None:
    """A problem when an answer no longer makes a call of ``keep_calls`` (``re.sub``: a module the target gets
    with the source's API), e.g. Python's ``re.search(rule, word)`` turned into ``rule.test(word)`` on a pattern
    string written in Python's syntax."""
    if not keep_calls or not code.strip():
        return None
    made = set()
    for node in walk(target.parse(code.encode("utf-8")).root_node):
        if node.type in ("member_expression", "attribute", "field_access"):
            made.add(_text(node))
    missing = [c for c in keep_calls if c not in made]
    if not missing:
        return None
    module = missing[0].split(".")[0]
    return (f"the {source.display} code calls {', '.join(missing)}: `{module}` is imported for it with "
            f"{source.display}'s API and pattern syntax, so keep those calls as they are ({missing[0]}(...)), "
            "not the target's own methods")


def test_method_params(code: str, target: Language) -> str | None:
    """A problem when a migrated test class's methods take parameters (pytest's parametrize or fixtures): the
    runner calls each test method with none, as the source's test framework does."""
    if target.name not in ("python", "javascript", "typescript"):
        return None
    bad = []
    for node in walk(target.parse(code.encode("utf-8")).root_node):
        holder = node.parent.parent if node.parent is not None and node.parent.type == "decorated_definition" \
            else node.parent
        in_class = holder is not None and (holder.type == "class_body" or holder.type == "block" and holder.parent
                                           is not None and holder.parent.type == "class_definition")
        if node.type in ("function_definition", "method_definition") and in_class:
            params = node.child_by_field_name("parameters")
            names = [c for c in params.named_children if c.type != "comment"] if params is not None else []
            marked = node.parent is not None and node.parent.type == "decorated_definition" and any(
                _text(d).startswith(("@pytest", "@mark", "@parametrize")) for d in node.parent.named_children
                if d.type == "decorator")
            if (len(names) > (1 if node.type == "function_definition" else 0) or marked) \
                    and node.child_by_field_name("name"):
                bad.append(_text(node.child_by_field_name("name")))
    if not bad:
        return None
    only = "only `self`" if target.name == "python" else "no parameters"
    return (f"{', '.join(bad)} take{'s' * (len(bad) == 1)} parameters or pytest marks: each test method takes "
            f"{only} (no parametrize, no fixtures, no decorators); write one method per test of the original with its "
            "own values")


def leftover_builtins(code: str, target: Language, known: frozenset[str] = frozenset()) -> str | None:
    """A problem when a JavaScript/TypeScript answer calls a Python built-in (``max(xs)``) that nothing in
    the answer or the file (``known``) defines: it would only fail when run (ReferenceError)."""
    if target.name not in ("javascript", "typescript") or not code.strip():
        return None
    root = target.parse(code.encode("utf-8")).root_node
    defined, called = set(known), []
    for node in walk(root):
        if node.type in ("function_declaration", "variable_declarator", "class_declaration"):
            name = node.child_by_field_name("name")
            if name is not None:
                defined.add(_text(name))
        elif node.type in ("formal_parameters",):
            defined |= {_text(c) for c in walk(node) if c.type == "identifier"}
        elif node.type == "call_expression":
            fn = node.child_by_field_name("function")
            if fn is not None and fn.type == "identifier" and _text(fn) in _PY_BUILTINS:
                called.append(_text(fn))
    missing = sorted(set(called) - defined)
    if not missing:
        return None
    names = ", ".join(f"`{n}`" for n in missing)
    return (f"{names} {'is' if len(missing) == 1 else 'are'} not defined in {target.display} "
            f"(Python built-in{'s' * (len(missing) != 1)}): use {target.display}'s own way")


_STRINGS = ("string", "template_string")


def python_string_ops(code: str, target: Language) -> str | None:
    """A problem when a JavaScript/TypeScript answer keeps Python's string operations, which fail when run:
    ``"%s-x" % v`` (NaN), ``"{}".format(v)`` and ``", ".join(xs)`` (no such method: a TypeError)."""
    if target.name not in ("javascript", "typescript") or not code.strip():
        return None
    for node in walk(target.parse(code.encode("utf-8")).root_node):
        if node.type == "binary_expression" and node.child_by_field_name("operator") is not None \
                and _text(node.child_by_field_name("operator")) == "%" \
                and getattr(node.child_by_field_name("left"), "type", "") in _STRINGS:
            return (f"`{_text(node)[:60]}` is Python's % formatting: in {target.display} a string % a value is NaN; "
                    "use a template literal (`${value}`)")
        if node.type == "call_expression":
            fn = node.child_by_field_name("function")
            obj = fn.child_by_field_name("object") if fn is not None and fn.type == "member_expression" else None
            prop = fn.child_by_field_name("property") if obj is not None else None
            if obj is not None and obj.type in _STRINGS and prop is not None and _text(prop) in ("format", "join"):
                how = "a template literal (`${value}`)" if _text(prop) == "format" else "`items.join(separator)`"
                return (f"`{_text(node)[:60]}` is Python: {target.display} strings have no `{_text(prop)}` method "
                        f"(a TypeError); use {how}")
    return None


def shadowed_builtins(code: str, target: Language) -> str | None:
    """A problem when a Python answer both assigns and calls a built-in's name in one function
    (``set = set(s.lower())``, a Java variable called ``set``): Python makes the name local to the whole
    function, so the call fails (UnboundLocalError) or calls the variable."""
    import builtins

    if target.name != "python" or not code.strip():
        return None
    root = target.parse(code.encode("utf-8")).root_node
    found: set[str] = set()
    for fn in (n for n in walk(root) if n.type == "function_definition"):
        assigned, called = set(), set()
        for node in walk(fn):
            if node.type in ("assignment", "augmented_assignment", "for_statement"):
                left = node.child_by_field_name("left")
                right = node.child_by_field_name("right")
                if left is not None and not (right is not None and right.type == "lambda"):
                    assigned |= {_text(c) for c in walk(left) if c.type == "identifier"} \
                        if left.type != "identifier" else {_text(left)}
            elif node.type == "call":
                f = node.child_by_field_name("function")
                if f is not None and f.type == "identifier":
                    called.add(_text(f))
        found |= {n for n in assigned & called if callable(getattr(builtins, n, None))}
    if not found:
        return None
    names = ", ".join(f"`{n}`" for n in sorted(found))
    return (f"{names} {'is' if len(found) == 1 else 'are'} assigned as a variable and also called as Python's "
            f"built-in in the same function (UnboundLocalError): rename the variable")
