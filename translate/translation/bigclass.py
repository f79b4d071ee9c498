"""Big classes: translated as a skeleton plus one unit per method, then put back together.

A class is one unit as long as it is small. A class whose source is over :data:`SPLIT_TOKENS` (estimated at
:data:`CHARS_PER_TOKEN` characters a token) or :data:`SPLIT_LINES` lines is split instead: the default pack's
answer is capped at 1,024 new tokens (``TranslateOptions.max_new_tokens``) in a 4,096-token context, and a
translation runs to about 1.3 times its source's tokens, so past ~800 source tokens the answer of a whole class
may not finish, and past ~2,800 its prompt does not fit at all (a 498-line class failed that way).

Split, it becomes (still a byte-exact cover of the file, like :mod:`translate.translation.holders`):

- the **skeleton** (role :data:`SKELETON`, the segment up to the first method): the class with its header,
  docstring, fields, constructor and dunder methods whole, every other method reduced to its signature with an
  empty body (Python ``pass``, brace languages ``{ }``); one unit of kind ``class``, sent to the model as usual;
- each other method (role :data:`METHOD`): one unit of kind ``method``, asked for alone with the source skeleton
  shown before it (``UnitContext.outline``; chat models only), so the model knows the fields and the siblings;
  a nested class with methods of its own (sqids' ``Sqids.Builder``) the same way, as a unit of kind ``class``
  (its body in the skeleton is the empty placeholder);
- the text between and after them (role :data:`REST`): already in the skeleton, not sent.

:func:`merge_split` (called by ``output.finalize``) puts the class back: the translated skeleton is parsed
(``parse_text`` for the target) and each method's translation replaces the placeholder of the same name, at its
indentation; a method missing from the skeleton is added at the end of the class; a failed method becomes the
marked comment of ``assemble.failed_block`` inside the class. When the skeleton fails, a bare class holds its
source in such a comment, and the methods. Sources and targets: Python, Java, JavaScript (other pairs keep the
whole class). The threshold is ``TranslateOptions.split_class_tokens`` (0: never split).
"""
from __future__ import annotations

import dataclasses
import re
import textwrap

from translate.source.languages import Language
from translate.source.units import ParsedFile, Segment, Unit, parse_text
from translate.source.validate import normalize_name, validate
from translate.translation.assemble import failed_block
from translate.translation.checks import split_imports
from translate.translation.java_shell import fill_shell
from translate.translation.java_tables import elide_tables
from translate.translation.method_answers import as_member, is_static
from translate.translation.prompts import TranslationTask, UnitContext, project_context
from translate.translation.py_nested import BARE_METHOD_CALLS, qualify_methods, qualify_nested, rename_shadowing_fields
from translate.translation.py_overloads import merge_overloads
from translate.translation.records import FAILED, OK, SKIPPED, UnitRecord
from translate.translation.rules import RULE_ONLY, ruled

SKELETON, METHOD, REST = "class-skeleton", "class-method", "class-rest"
SPLIT_TOKENS = 800
SPLIT_LINES = 120
CONSTRUCTOR_LINES = 25  # a longer one of a split class is a unit of its own (see _own_constructor)
CHARS_PER_TOKEN = 3.5
LANGUAGES = ("python", "java", "javascript")  # as source and as target
_PLACEHOLDER = {"python": "pass", "java": "{ }", "javascript": "{ }"}
# a class to put the methods in when the skeleton failed
_SHELL = {"python": "class {name}:\n{ind}{block}\n{ind}pass\n", "java": "class {name} {{\n{ind}{block}\n}}\n",
          "javascript": "class {name} {{\n{ind}{block}\n}}\n"}
_IND = {"python": "    ", "java": "    ", "javascript": "  "}
_CONSTRUCTOR = {"python": "__init__", "javascript": "constructor"}  # Java: the class's name
_FORWARDS = re.compile(r"^[^{]*\{\s*this\s*\(")  # a Java constructor that starts by calling another


def is_big(unit: Unit, limit_tokens: int = SPLIT_TOKENS) -> bool:
    """Is the class ``unit`` over the threshold (``limit_tokens`` estimated tokens or :data:`SPLIT_LINES`)?"""
    if limit_tokens <= 0:
        return False
    lines = unit.end_line - unit.start_line + 1
    return len(unit.text) / CHARS_PER_TOKEN > limit_tokens or lines > SPLIT_LINES


def _kept_whole(child: Unit, cls: Unit) -> bool:
    """Constructors and dunder methods stay in the skeleton (they define the fields and the protocol), and nested
    classes without methods (records of fields)."""
    if child.kind == "class":
        return not any(c.kind == "method" for c in child.children)
    return (child.kind != "method" or child.name in (cls.name, "constructor")
            or "constructor" in child.node_type or (child.name.startswith("__") and child.name.endswith("__")))


def is_constructor(unit: Unit) -> bool:
    """Is ``unit`` the constructor that the target's constructor stands for (Java's, ``__init__``,
    JavaScript's ``constructor``)?"""
    return unit.kind == "method" and (unit.name in ("__init__", "constructor") or "constructor" in unit.node_type)


def constructor_name(target: Language, cls_name: str) -> str:
    """The name a constructor has in ``target`` (Java: its class's)."""
    return _CONSTRUCTOR.get(target.name, cls_name)


def _own_constructor(cls: Unit) -> Unit | None:
    """The constructor asked for alone, as a method: the class's only one, or the only one that does not forward
    to another (Java's ``this(...)``: those stay in the skeleton), when it is over :data:`CONSTRUCTOR_LINES` lines. sqids' 45-line ``Sqids(Builder)`` kept in the skeleton came back as an
    ``__init__`` of four parameters (its local variables) in every run of the 1.5B, and the repair turns that
    quoted the constructor did not change that; alone, the parameter check holds it to the source's."""
    ctors = [c for c in cls.children if is_constructor(c) and not _FORWARDS.search(c.text)]
    if len(ctors) != 1 or ctors[0].end_line - ctors[0].start_line + 1 <= CONSTRUCTOR_LINES:
        return None
    return ctors[0]


def _constructor(child: Unit, cls: Unit) -> bool:
    """A constructor (:func:`is_constructor`), or a method of object creation that stays in the skeleton too."""
    return is_constructor(child) or child.name in (cls.name, "__new__", "__post_init__")


def _skeleton(data: bytes, u: Unit, bodies: list, lang: Language) -> str:
    """The class ``u`` with each of ``bodies`` replaced by the empty placeholder body."""
    skeleton = data[u.start_byte:u.end_byte]
    for b in sorted(bodies, key=lambda b: -b.start_byte):
        a, z = b.start_byte - u.start_byte, b.end_byte - u.start_byte
        skeleton = skeleton[:a] + _PLACEHOLDER[lang.name].encode() + skeleton[z:]
    return skeleton.decode("utf-8")


def _def_node(root, unit: Unit):
    """The tree-sitter node of ``unit`` (its outermost node within the unit's bytes)."""
    node = root.named_descendant_for_byte_range(unit.end_byte - 1, unit.end_byte - 1)
    while node is not None and node.parent is not None and node.parent.start_byte >= unit.start_byte \
            and node.parent.end_byte <= unit.end_byte and not _class_body(node.parent):
        node = node.parent
    return node


def _class_body(node) -> bool:
    return node.parent is not None and node.parent.type in ("class_definition", "class_declaration") \
        and node.parent.child_by_field_name("body") == node


def _body_node(node):
    for _ in range(3):
        if node is None:
            return None
        body = node.child_by_field_name("body")
        if body is not None:
            return body
        node = node.child_by_field_name("definition")
    return None


def split_big_classes(parsed: ParsedFile, target: Language, limit_tokens: int = SPLIT_TOKENS) -> ParsedFile:
    """Split each top-level class over the threshold into skeleton / method / rest segments (see the module)."""
    if parsed.language.name not in LANGUAGES or target.name not in LANGUAGES or limit_tokens <= 0:
        return parsed
    if not any(s.unit is not None and s.unit.kind == "class" and is_big(s.unit, limit_tokens) for s in parsed.segments):
        return parsed
    data = parsed.source.encode("utf-8")
    root = parsed.language.parse(data).root_node
    out: list[Segment] = []
    for seg in parsed.segments:
        u = seg.unit
        ctor = _own_constructor(u) if u is not None and u.kind == "class" else None
        methods = [c for c in u.children if not _kept_whole(c, u) or c is ctor] \
            if u is not None and u.kind == "class" else []
        bodies = [_body_node(_def_node(root, m)) for m in methods]
        if u is None or len(methods) < 2 or not is_big(u, limit_tokens) or any(b is None for b in bodies) \
                or ruled(parsed.language.name, target.name, u.text, "class", project_context(parsed.path, u)):
            out.append(seg)  # small, or translated whole by rule (a JUnit class of plain statements)
            continue
        skeleton = _skeleton(data, u, bodies, parsed.language)
        if len(skeleton) / CHARS_PER_TOKEN > limit_tokens:  # still big: its dunder methods go too (markupsafe's
            # Markup kept them whole: its skeleton's prompt was 4,188 tokens, over the context)
            more = [c for c in u.children if c.kind == "method" and c not in methods and not _constructor(c, u)]
            more_bodies = [_body_node(_def_node(root, m)) for m in more]
            if more and all(b is not None for b in more_bodies):
                methods = sorted(methods + more, key=lambda m: m.start_byte)
                bodies = [_body_node(_def_node(root, m)) for m in methods]
                skeleton = _skeleton(data, u, bodies, parsed.language)
        shell = dataclasses.replace(u, text=skeleton, children=[])
        char, pos = seg.start_char, seg.start_byte
        for i, m in enumerate(methods):
            start = m.start_byte  # the method's indentation travels with it
            line = data.rfind(b"\n", pos, start) + 1
            if line > pos and not data[line:start].strip():
                start = line
            for piece in (Segment(data[pos:start].decode("utf-8"), pos, start, char, shell if i == 0 else None,
                                  role=SKELETON if i == 0 else REST),
                          Segment(data[start:m.end_byte].decode("utf-8"), start, m.end_byte, 0, m, role=METHOD)):
                piece.start_char = char
                if piece.text or piece.role != REST:
                    out.append(piece)
                char += len(piece.text)
            pos = m.end_byte
        out.append(Segment(data[pos:seg.end_byte].decode("utf-8"), pos, seg.end_byte, char, role=REST))
    return ParsedFile(parsed.language, parsed.source, out, parsed.diagnostics, parsed.path)


def planned_units(parsed: ParsedFile, target: Language, limit_tokens: int = SPLIT_TOKENS) -> int:
    """How many units the pipeline asks for in ``parsed``: its top-level units, a split class counting its
    skeleton and each method split out of it."""
    split = split_big_classes(parsed, target, limit_tokens)
    return len(parsed.top_units) + sum(1 for seg in split.segments if seg.role == METHOD)


def plan_segment(i: int, seg: Segment, parsed: ParsedFile, target: Language,
                 names) -> tuple[UnitRecord, TranslationTask | None] | None:
    """The record and task of a split class's segment (None for any other segment)."""
    if seg.role == REST:
        rec = UnitRecord(i, "glue", "<top-level>", f"<top-level {i}>", seg.text, status=SKIPPED, output="")
        return rec, None
    if seg.role not in (SKELETON, METHOD) or seg.unit is None:
        return None
    u = seg.unit
    extra = {k: v for k, v in project_context(parsed.path, u).items() if k not in RULE_ONLY}
    others = [names.get(o.name) or o.name for o in parsed.top_units if o is not u and o.kind != "method"]
    target_name = names.get(u.name) or u.name
    if seg.role == SKELETON:
        rec = UnitRecord(i, "class", u.name, u.qualname, u.text)
        code, tables = elide_tables(u.text, parsed.language, target)  # long literal tables: by rule
        apart = any(is_constructor(s.unit) for s in _pieces(parsed, i) if s.role == METHOD and s.unit is not None)
        return rec, TranslationTask(parsed.language, target, code, "class", u.name,
                                    UnitContext(None, others, [], literal_tables=tables, constructor_apart=apart,
                                                **extra), target_name=target_name)
    cls = next(s.unit for s in reversed(parsed.segments[:i]) if s.role == SKELETON and s.unit is not None)
    siblings = [names.get(s.unit.name) or s.unit.name for s in parsed.segments
                if s.role == METHOD and s.unit is not None and s.unit.parent == u.parent and s.unit is not u]
    kind = "class" if u.kind == "class" else "method"  # a nested class, or a method
    if is_constructor(u):  # asked for, and looked for in its answers, by the target's constructor name
        target_name = constructor_name(target, names.get(cls.name) or cls.name)
    rec = UnitRecord(i, kind, u.name, u.qualname, seg.text)
    code, tables = elide_tables(textwrap.dedent(seg.text), parsed.language, target) if kind == "class" \
        else (textwrap.dedent(seg.text), {})
    return rec, TranslationTask(parsed.language, target, code, kind, target_name if is_constructor(u) else u.name,
                                UnitContext(cls.name, others + siblings, [], literal_tables=tables,
                                            outline=elide_tables(cls.text, parsed.language, target)[0], **extra),
                                target_name=target_name)


def _pieces(parsed: ParsedFile, i: int) -> list[Segment]:
    """The segments after split class ``i``'s skeleton that belong to it (its methods and the text between)."""
    out = []
    for seg in parsed.segments[i + 1:]:
        if seg.role not in (METHOD, REST):
            break
        out.append(seg)
    return out


def _indent(text: str, ind: str) -> str:
    return "\n".join((ind + ln) if ln.strip() and i else ln for i, ln in enumerate(text.split("\n")))


def _rebuild(skeleton: str, cls_name: str, methods: list[UnitRecord], parsed: ParsedFile,
             target: Language, java: str = "") -> str | None:
    """The translated class with every method put in, or None when the skeleton holds no such class (``java``: the
    class's source, when it is Java)."""
    tree = parse_text(skeleton, target)
    classes = [u for u in tree.top_units if u.kind == "class"]
    named = [u for u in classes if normalize_name(u.name) == normalize_name(cls_name)]
    if tree.diagnostics or not (named or len(classes) == 1):
        return None
    cls = (named or classes)[0]
    data = skeleton.encode("utf-8")
    used: set[int] = set()
    edits: list[tuple[int, int, str]] = []
    appended: list[str] = []
    preludes: list[str] = []
    imports: list[str] = []
    first_ind = None
    for rec in methods:
        source = parsed.segments[rec.index].unit
        name = constructor_name(target, cls.name) if source is not None and is_constructor(source) else rec.name
        slot = next((c for c in cls.children if id(c) not in used and normalize_name(c.name) == normalize_name(name)), None)
        line = data.rfind(b"\n", 0, slot.start_byte) + 1 if slot is not None else 0
        ind = data[line:slot.start_byte].decode("utf-8") if slot is not None else None
        if slot is not None:
            used.add(id(slot))
            first_ind = first_ind if first_ind is not None else ind
        if rec.status == FAILED or rec.output is None:
            text = failed_block(textwrap.dedent(rec.source).strip("\n") + "\n", rec.reason or "no valid translation",
                                parsed.language, target, f"{rec.kind} {rec.qualname}").rstrip("\n")
        else:
            imps, body = split_imports(rec.output, target)
            imports += [i for i in imps if i not in imports]
            text, prelude = as_member(body, target, name, slot, is_static(rec.source, parsed.language),
                                       cls_name) if rec.kind == "method" else (body.strip("\n"), "")
            if prelude:
                preludes.append(prelude)
        if slot is not None:
            edits.append((slot.start_byte, slot.end_byte, _indent(text, ind or "")))
        else:
            appended.append(text)
    if appended:
        ind = first_ind if first_ind is not None else " " * (2 if target.name == "javascript" else 4)
        members = [ind + _indent(t, ind) for t in appended]
        if target.indent_blocks:
            edits.append((cls.end_byte, cls.end_byte, "".join("\n\n" + m for m in members)))
        else:  # before the class's closing brace
            close = cls.start_byte + data[cls.start_byte:cls.end_byte].rstrip(b"; \t\n").rfind(b"}")
            line = data.rfind(b"\n", 0, close) + 1
            extra = "".join("\n" + m + "\n" for m in members)
            edits.append((line, line, extra) if not data[line:close].strip() else (close, close, extra))
    out = data
    for a, z, new in sorted(edits, key=lambda e: -e[0]):
        out = out[:a] + new.encode("utf-8") + out[z:]
    text = out.decode("utf-8")
    if target.name == "python" and validate(text, target):  # a class body left with comments only
        text = text.rstrip("\n") + "\n" + (first_ind or "    ") + "pass\n"
    if target.name == "python":  # a nested class answered alone names itself bare: ``Outer.Nested`` there; a
        text = rename_shadowing_fields(qualify_nested(text))  # field and a method of one name, across the pieces
        if parsed.language.name in BARE_METHOD_CALLS:  # Java's bare ``m(...)`` is the class's: ``self.m(...)``
            bodies = "\n".join([java, *(m.source for m in methods)]) if parsed.language.name == "java" else ""
            text = qualify_methods(text, bodies)  # (with the methods' sources: the skeleton's source has no bodies)
        text = merge_overloads(text, target)[0]  # Java overloads, each a method unit, met again: one method
    head_imports, rest = split_imports(text, target)
    head = [i for i in imports + head_imports if i]
    return "\n".join(dict.fromkeys(head)) + ("\n\n" if head else "") + \
        "".join(p + "\n\n\n" for p in preludes) + rest.strip("\n") + "\n"


def merge_split(parsed: ParsedFile, records: list[UnitRecord],
                target: Language) -> tuple[ParsedFile, list[UnitRecord]]:
    """Each split class back as one segment with one record (its assembled translation); others as they are."""
    if not any(s.role == SKELETON for s in parsed.segments):
        return parsed, records
    by_index = {r.index: r for r in records}
    segments: list[Segment] = []
    merged: list[UnitRecord] = []
    i = 0
    while i < len(parsed.segments):
        seg = parsed.segments[i]
        if seg.role != SKELETON or seg.unit is None:
            rec = by_index[i]
            segments.append(seg)
            merged.append(dataclasses.replace(rec, index=len(segments) - 1))
            i += 1
            continue
        j = i + 1 + len(_pieces(parsed, i))
        pieces = parsed.segments[i:j]
        whole = Segment("".join(p.text for p in pieces), seg.start_byte, pieces[-1].end_byte, seg.start_char, seg.unit)
        segments.append(whole)
        shell = by_index[i]
        rec = UnitRecord(len(segments) - 1, "class", shell.name, shell.qualname, whole.text)
        methods = [by_index[k] for k in range(i + 1, j) if parsed.segments[k].role == METHOD]
        text = _rebuild(shell.output, seg.unit.name, methods, parsed, target, seg.unit.text) \
            if shell.status != FAILED and shell.output is not None else None
        if text is None:  # a bare class holding the skeleton's source in a marked comment, and the methods
            block = failed_block(seg.unit.text, shell.reason or "no class in its translation", parsed.language,
                                 target, f"class {shell.qualname} (its skeleton)", _IND[target.name])
            shell = _SHELL[target.name].format(name=seg.unit.name, block=block.rstrip("\n"), ind=_IND[target.name])
            if parsed.language.name == "java":  # its constants and simple constructors, by rule
                shell = fill_shell(shell, target, seg.unit.text)
            text = _rebuild(shell, seg.unit.name, methods, parsed, target, seg.unit.text)
        if text is None:
            rec.status, rec.reason = FAILED, f"its skeleton was not translated ({shell.reason or 'no class in it'})"
        else:
            rec.status, rec.output = OK, text
        merged.append(rec)
        i = j
    return ParsedFile(parsed.language, parsed.source, segments, parsed.diagnostics, parsed.path), merged
