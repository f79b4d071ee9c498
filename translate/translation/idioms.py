"""Python idioms a model carries into JavaScript that parse but do not run, fixed where the fix is certain.

Both parse (so the unit checks pass them) and break the program at load or run time:

* ``super().cost(q)`` in a method: a ``super()`` call outside a constructor is a SyntaxError when the module
  loads; the Python meaning is ``super.cost(q)``.
* ``(item, count)``: a parenthesised comma expression is a Python tuple (JavaScript evaluates it to ``count``);
  its meaning is the array ``[item, count]``. Only outside ``for (...;...;...)`` headers, where JavaScript code
  writes comma expressions on purpose (and without parentheses).
* ``"\\033[1m"``: a Python octal escape; in an ES module (strict mode) it is a SyntaxError when the module loads.
  The same character is ``"\\x1b[1m"``.

* ``[...COLORS]`` or ``for (const c of COLORS)`` where ``COLORS`` is a project constant that holds a Python dict (a
  JavaScript object: not iterable, a TypeError when the line runs): Python iterates a dict's keys, so it is
  ``Object.keys(COLORS)``. Only for names the symbol map knows hold a dict literal (``kinds``).

* ``colored("text", onColor = c)``: a Python keyword argument, which JavaScript reads as an assignment to an
  undeclared variable (a ReferenceError in a module) and passes as the next positional argument. For a call of a
  project function whose parameters the symbol map knows (``signatures``, the target names in order; the unit
  checks hold a translation to its source's parameters; a function with ``**kwargs`` only when every keyword names
  one of them), the argument goes to its parameter's position, the gaps ``undefined``: ``colored("text",
  undefined, c)``; the same through a module namespace (``termcolor._canDoColour(noColor = x)``). Only when no
  variable of that name is in scope there.

* ``function testOnColor(on_color, expected) { ... colored("t", undefined, onColor) ... }``: a parameter the body
  never reads, while the body reads the same name in the other case (``onColor``), declared nowhere in reach (a
  ReferenceError when it runs). The model renamed the name in the body and not in the list (the test runner passes
  the parametrized values by position), so the parameter takes the body's name.

* ``n % 100 in [11, 12, 13]``: Python's membership test; JavaScript's ``in`` asks whether the array has the
  *index* ``n % 100`` (false for 11, 12, 13). It is ``[11, 12, 13].includes(n % 100)`` (``new Set([...]).has(x)``
  for a set built in place). With the symbol map, the same for a project constant that holds a list, tuple or set
  (``word in UNCOUNTABLES``: ``[...UNCOUNTABLES].includes(word)``, right whether the translation made it an array
  or a Set) or a string (``c in VOWELS``: ``VOWELS.includes(c)``, Python's substring test); a dict keeps ``in``.

* ``constructor(...args, ...kwargs) { super(...args, ...kwargs); }``: Python's ``*args, **kwargs`` as two rest
  parameters, a SyntaxError when the module loads. The second goes, with its spreads into calls; another use of
  its name reads an empty object (JavaScript passes no keywords).

* ``/(?i)([a-z\\d]*)/``: a regular expression literal that starts with Python's inline flags, an invalid group in
  JavaScript (a SyntaxError when the module loads). The flags move behind the literal: ``/([a-z\\d]*)/i``
  (``i``, ``m``, ``s`` as they are; ``a`` and ``u`` dropped, as JavaScript's ``\\w`` is ASCII and Python 3's
  patterns are Unicode already; a literal with ``x`` or ``L`` is left alone).

* ``process.stdout.isTTY()``: Python's ``sys.stdout.isatty()`` carried over as a call; in Node ``isTTY`` is a
  property (``true`` or missing), so the call is a TypeError. It is ``Boolean(process.stdout.isTTY)`` (the same
  for ``stderr`` and ``stdin``).

* ``new RegExp(rule)`` in a module whose Python source imports ``re``: ``rule`` holds a pattern in Python's syntax
  (``(?i)``, ``\\Z``: a SyntaxError or another meaning in JavaScript). Where the project has Python's ``re`` as a
  template module (``python_re``: its name in the module), the call is ``re.regexp(rule)``, the same RegExp
  with the pattern translated.

* ``partition(self, sep) { ... self.escape(sep) ... }``: Python's ``self`` kept as a method's first parameter
  (callers pass ``sep`` in its place). It goes, and the body reads ``this`` (``cls`` in a static method the same).

* ``Markup(x)``: Python makes an instance by calling its class; a JavaScript class called without ``new`` is a
  TypeError. A call of a class the file declares (or, with the symbol map, a project class it imports: ``kinds``
  ``class``) gets ``new``.

* ``let expect = 1; ... let expect = 2;`` in one block: Python rebinding a name, written as two declarations (a
  SyntaxError when the module loads: markupsafe's whole test file). The later one is an assignment; a ``const``
  first one becomes ``let``.

The pipeline applies the fixes that need nothing but the answer to every answer (its ``clean`` step), so the
behaviour checks and the unit checks see the fixed code; the project writer applies them all to the written file
with the symbol map (``kinds``, ``signatures``), each fix a note in the report.
"""
from __future__ import annotations

import re

from translate.source.languages import Language
from translate.translation.assemble import splice
from translate.translation.idiom_params import (
    FUNCTIONS,
    fix_rest,
    in_scope,
    redeclared,
    renamed_params,
    self_param,
)

_OCTAL = re.compile(r"\\([0-7]{1,3})")


def _in_constructor(node, data: bytes) -> bool:
    while node is not None:
        if node.type == "method_definition":
            name = node.child_by_field_name("name")
            return name is not None and data[name.start_byte:name.end_byte] == b"constructor"
        node = node.parent
    return False


def _methods(root) -> list:
    out, stack = [], [root]
    while stack:
        n = stack.pop()
        if n.type == "method_definition":
            out.append(n)
        stack.extend(n.children)
    return out


def _octal(data: bytes, node) -> str | None:
    """The hex escape an octal escape sequence stands for (``\\033`` -> ``\\x1b``); None for others and ``\\0``
    (the NUL escape, allowed in strict mode when no digit follows)."""
    m = _OCTAL.fullmatch(data[node.start_byte:node.end_byte].decode("utf-8", "replace"))
    if m is None or m.group(1) == "0" or int(m.group(1), 8) > 0xFF:
        return None
    return f"\\x{int(m.group(1), 8):02x}"


def _dict_iterated(data: bytes, node, dicts: frozenset[str]) -> object | None:
    """The identifier a spread or a for-of iterates, when it names a dict constant (``dicts``)."""
    if node.type == "spread_element":
        arg = node.named_children[0] if node.named_children else None
    elif node.type == "for_in_statement" and any(c.type == "of" for c in node.children):
        arg = node.child_by_field_name("right")
    else:
        return None
    if arg is not None and arg.type == "identifier" and data[arg.start_byte:arg.end_byte].decode("utf-8") in dicts:
        return arg
    return None


def _bound_inside(data: bytes, root) -> frozenset[str]:
    """Names taken as parameters, or declared anywhere but the program's top level."""
    def name(n) -> str:
        return data[n.start_byte:n.end_byte].decode("utf-8")

    found: set[str] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.type == "formal_parameters":
            found.update(name(c) for c in node.named_children if c.type == "identifier")
        elif node.type == "arrow_function":
            param = node.child_by_field_name("parameter")
            if param is not None and param.type == "identifier":
                found.add(name(param))
        elif node.type == "catch_clause":
            param = node.child_by_field_name("parameter")
            if param is not None and param.type == "identifier":
                found.add(name(param))
        elif node.type == "variable_declarator":
            decl = node.parent
            top = decl is not None and (decl.parent is None or decl.parent.type == "program"
                                        or (decl.parent.type == "export_statement" and decl.parent.parent is not None
                                            and decl.parent.parent.type == "program"))
            target = node.child_by_field_name("name")
            if not top and target is not None and target.type == "identifier":
                found.add(name(target))
    return frozenset(found)


def _keywords(data: bytes, call, signatures: dict[str, list[str]]) -> str | None:
    """The argument list of ``call`` with its keyword arguments in their positions, or None (see the module)."""
    fn, args = call.child_by_field_name("function"), call.child_by_field_name("arguments")
    params = signatures.get(data[fn.start_byte:fn.end_byte].decode("utf-8")) if fn is not None and \
        fn.type in ("identifier", "member_expression") else None
    if params is None or args is None:
        return None
    declared = in_scope(data, call)
    items = [a for a in args.named_children if a.type != "comment"]
    if params[-1:] == ["**"]:  # ``**kwargs``: only keywords that name a parameter have a known place
        params = params[:-1]
        for a in items:
            left = a.child_by_field_name("left") if a.type == "assignment_expression" else None
            name = data[left.start_byte:left.end_byte].decode() if left is not None and left.type == "identifier" else None
            if name is not None and name not in params and name not in declared:
                return None
    placed: dict[int, str] = {}
    keyword = False
    for i, a in enumerate(items):
        text = data[a.start_byte:a.end_byte].decode("utf-8")
        left = a.child_by_field_name("left") if a.type == "assignment_expression" else None
        name = data[left.start_byte:left.end_byte].decode("utf-8") if left is not None else None
        if left is not None and left.type == "identifier" and name in params and name not in declared:
            right = a.child_by_field_name("right")
            at = params.index(name)
            if at in placed or right is None:
                return None
            placed[at] = data[right.start_byte:right.end_byte].decode("utf-8")
            keyword = True
        elif keyword or a.type == "spread_element" or i in placed:
            return None  # a positional argument after a keyword one: not Python's shape
        else:
            placed[i] = text
    if not keyword:
        return None
    return "(" + ", ".join(placed.get(i, "undefined") for i in range(max(placed) + 1)) + ")"


def _membership(data: bytes, node, kinds: dict[str, str]) -> str | None:
    """``[..].includes(x)`` for ``x in [..]`` (``new Set(..).has(x)`` for ``x in new Set(..)``; ``kinds``: project
    constants -> the kind of their value), else None."""
    op, left, right = (node.child_by_field_name(f) for f in ("operator", "left", "right"))
    if op is None or data[op.start_byte:op.end_byte] != b"in" or left is None or right is None:
        return None
    x, coll = (data[n.start_byte:n.end_byte].decode("utf-8") for n in (left, right))
    if right.type == "array":
        return f"{coll}.includes({x})"
    if right.type == "identifier" and kinds.get(coll) in ("list", "tuple", "set"):
        return f"[...{coll}].includes({x})"
    if right.type == "identifier" and kinds.get(coll) == "str":
        return f"{coll}.includes({x})"
    ctor = right.child_by_field_name("constructor") if right.type == "new_expression" else None
    if ctor is not None and data[ctor.start_byte:ctor.end_byte] == b"Set":
        return f"{coll}.has({x})"
    return None


_STREAMS = frozenset({"process.stdout", "process.stderr", "process.stdin"})


def _classes(data: bytes, root) -> frozenset[str]:
    """The names of the classes the file declares (at any depth)."""
    found, stack = set(), [root]
    while stack:
        n = stack.pop()
        if n.type == "class_declaration" and (name := n.child_by_field_name("name")) is not None:
            found.add(data[name.start_byte:name.end_byte].decode("utf-8"))
        stack.extend(n.children)
    return frozenset(found)


def _class_call(data: bytes, call, classes: frozenset[str]) -> str | None:
    """The class name of ``X(...)`` where ``X`` is one of ``classes`` (Python creates instances by calling the
    class; a JavaScript class called without ``new`` is a TypeError), else None."""
    fn = call.child_by_field_name("function")
    if fn is None or fn.type != "identifier" or not classes:
        return None
    name = data[fn.start_byte:fn.end_byte].decode("utf-8")
    return name if name in classes else None


def _istty_call(data: bytes, call) -> str | None:
    """``process.stdout`` for a call ``process.stdout.isTTY()`` with no arguments."""
    fn, args = call.child_by_field_name("function"), call.child_by_field_name("arguments")
    if fn is None or fn.type != "member_expression" or args is None or args.named_child_count:
        return None
    obj, prop = fn.child_by_field_name("object"), fn.child_by_field_name("property")
    if obj is None or prop is None or data[prop.start_byte:prop.end_byte] != b"isTTY":
        return None
    stream = data[obj.start_byte:obj.end_byte].decode("utf-8")
    return stream if stream in _STREAMS else None


_INLINE_FLAGS = re.compile(r"\(\?([aiLmsux]+)\)")


def _inline_flags(data: bytes, node) -> tuple[str, str] | None:
    """(the pattern without its leading inline flags, the flags after it) of a regex literal (see the module)."""
    pattern = next((c for c in node.children if c.type == "regex_pattern"), None)
    flags = next((c for c in node.children if c.type == "regex_flags"), None)
    if pattern is None:
        return None
    text = data[pattern.start_byte:pattern.end_byte].decode("utf-8")
    have = data[flags.start_byte:flags.end_byte].decode("utf-8") if flags is not None else ""
    m = _INLINE_FLAGS.match(text)
    if m is None or set(m.group(1)) & set("xL") or m.end() == len(text):
        return None
    return text[m.end():], have + "".join(f for f in dict.fromkeys(m.group(1)) if f in "ims" and f not in have)


def fix_python_idioms(text: str, target: Language, signatures: dict[str, list[str]] | None = None,
                      kinds: dict[str, str] | None = None, python_re: str | None = None) -> tuple[str, list[str]]:
    """(fixed text, notes) for a JavaScript file; ``signatures``: project function name -> its parameters' target
    names, in order; ``kinds``: project constant -> the kind of the literal it holds (``dict``, ``set``, ...);
    ``python_re``: the name Python's ``re`` (the template module) has in this file, if it has one."""
    if target.name != "javascript":
        return text, []
    data = text.encode("utf-8")
    tree = target.parse(data)
    if tree.root_node.has_error:
        return text, []
    rest, notes = fix_rest(data, tree.root_node)  # first: the other fixes read the fixed parameter lists
    for fn in _methods(tree.root_node):
        dropped = self_param(data, fn)
        rest += dropped
        if dropped:
            notes.append((fn.start_point[0], "Python's `self` parameter dropped from a method: `this` is it"))
    if rest:
        text = splice(text, rest)
        data = text.encode("utf-8")
        tree = target.parse(data)
    edits: list[tuple[int, int, str]] = []
    bound = _bound_inside(data, tree.root_node) if kinds else frozenset()
    kinds = {n: k for n, k in (kinds or {}).items() if n not in bound}  # a local of the same name: not it
    dicts = frozenset(n for n, k in kinds.items() if k == "dict")
    classes = _classes(data, tree.root_node) | {n for n, k in kinds.items() if k == "class"}
    if python_re is not None and (python_re in _bound_inside(data, tree.root_node) or re.search(
            rf"\b(?:const|let|var|function|class)\s+{re.escape(python_re)}\b", text)):
        python_re = None  # the answer has a variable of that name
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        arg = _dict_iterated(data, node, dicts) if dicts else None
        if arg is not None:
            name = data[arg.start_byte:arg.end_byte].decode("utf-8")
            edits.append((arg.start_byte, arg.end_byte, f"Object.keys({name})"))
            notes.append((node.start_point[0], f"`{name}` (a Python dict) iterated by its keys: `Object.keys({name})`"))
        fixed = _keywords(data, node, signatures) if signatures and node.type == "call_expression" else None
        if fixed is not None:
            args = node.child_by_field_name("arguments")
            edits.append((args.start_byte, args.end_byte, fixed))
            notes.append((node.start_point[0], f"keyword arguments (Python) passed by position: `{fixed}`"))
            continue  # the arguments are rewritten whole
        if node.type in ("statement_block", "program"):
            more, said = redeclared(data, node)
            edits += more
            notes += said
        if node.type in FUNCTIONS:
            for param, other in renamed_params(data, node):
                was = data[param.start_byte:param.end_byte].decode("utf-8")
                edits.append((param.start_byte, param.end_byte, other))
                notes.append((param.start_point[0], f"the parameter `{was}` renamed `{other}`, the name its body reads"))
        if node.type == "member_expression":
            obj = node.child_by_field_name("object")
            if obj is not None and obj.type == "call_expression" and not _in_constructor(node, data):
                fn, args = obj.child_by_field_name("function"), obj.child_by_field_name("arguments")
                if fn is not None and fn.type == "super" and args is not None and args.named_child_count == 0:
                    edits.append((obj.start_byte, obj.end_byte, "super"))
                    notes.append((node.start_point[0], "`super().` (Python) made `super.`"))
        elif python_re is not None and node.type in ("new_expression", "call_expression") and (
                callee := node.child_by_field_name("constructor" if node.type == "new_expression" else "function")) \
                is not None and data[callee.start_byte:callee.end_byte] == b"RegExp" \
                and node.child_by_field_name("arguments") is not None:
            edits.append((node.start_byte, callee.end_byte, f"{python_re}.regexp"))
            notes.append((node.start_point[0], f"`RegExp` over a pattern from Python: `{python_re}.regexp` translates it"))
        elif node.type == "call_expression" and (cls := _class_call(data, node, classes)) is not None:
            edits.append((node.start_byte, node.start_byte, "new "))
            notes.append((node.start_point[0], f"`{cls}(...)` (a Python class called) made `new {cls}(...)`"))
            stack.extend(node.children)
            continue
        elif node.type == "call_expression" and (stream := _istty_call(data, node)) is not None:
            edits.append((node.start_byte, node.end_byte, f"Boolean({stream}.isTTY)"))
            notes.append((node.start_point[0], f"`{stream}.isTTY()` (Python's isatty()) read as the property it is"))
            continue
        elif node.type == "binary_expression" and (member := _membership(data, node, kinds)) is not None:
            edits.append((node.start_byte, node.end_byte, member))
            notes.append((node.start_point[0], f"Python's membership test made `{member}`"))
            continue
        elif node.type == "regex" and (moved := _inline_flags(data, node)) is not None:
            was = data[node.start_byte:node.end_byte].decode("utf-8")
            edits.append((node.start_byte, node.end_byte, f"/{moved[0]}/{moved[1]}"))
            notes.append((node.start_point[0], f"Python's inline flags in `{was}` moved behind it: `/{moved[0]}/{moved[1]}`"))
        elif node.type == "escape_sequence" and _octal(data, node) is not None:
            octal = data[node.start_byte:node.end_byte].decode("utf-8")
            edits.append((node.start_byte, node.end_byte, _octal(data, node) or ""))
            notes.append((node.start_point[0], f"the octal escape `{octal}` (Python) made `{_octal(data, node)}`"))
        elif node.type == "parenthesized_expression" and node.named_child_count == 1 \
                and node.named_children[0].type == "sequence_expression" \
                and (node.parent is None or node.parent.type not in ("for_statement",)):
            inner = node.named_children[0]
            items = data[inner.start_byte:inner.end_byte].decode("utf-8")
            edits.append((node.start_byte, node.end_byte, f"[{items}]"))
            notes.append((node.start_point[0], f"the tuple `({items})` (Python) made an array"))
            continue
        stack.extend(node.children)
    return (splice(text, edits) if edits else text), [f"line {n + 1}: {what}" for n, what in sorted(notes)]
