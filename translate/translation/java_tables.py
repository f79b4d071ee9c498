"""Long literal tables in a Java class, written into its Python translation by rule instead of through the model.

sqids-java's ``Builder.DEFAULT_BLOCK_LIST`` is ``Collections.unmodifiableSet(Stream.of("1d10t", ..., "zoccola")
.collect(Collectors.toSet()))``: 560 strings, so the class's prompt does not fit the default pack's 4,096-token
context, and a model that copies 560 strings may drop or change some. The values are certain, so:

- :func:`elide_tables` shortens each such argument list or array initializer (at least :data:`MIN_ITEMS` literals)
  in the code sent to the model to its first two items and a comment saying how many the rule writes, and returns
  the Python value of every table by field name (``frozenset({...})`` for a set, a list otherwise);
- :func:`fill_tables` puts each value into the answer: the right-hand side of the field's assignment (a class
  attribute, ``self.x = ...`` or ``Cls.x = ...``), or, where the answer has none, a class attribute of the first
  class.
"""
from __future__ import annotations

from translate.source.languages import Language, get_language
from translate.source.validate import node_text, normalize_name, walk
from translate.translation.assemble import splice
from translate.translation.java_fields import insert_in_class, python_literal

MIN_ITEMS = 16
_LITERALS = ("string_literal", "character_literal", "decimal_integer_literal", "hex_integer_literal",
             "decimal_floating_point_literal", "true", "false", "null_literal")



def _field_name(node) -> tuple[str, str] | None:
    """(name, declared type) of the field whose initializer holds ``node``."""
    while node is not None and node.type != "variable_declarator":
        node = node.parent
    decl = node.parent if node is not None else None
    if decl is None or decl.type != "field_declaration":
        return None
    return node_text(node.child_by_field_name("name")), node_text(decl.child_by_field_name("type"))


def elide_tables(code: str, source: Language, target: Language) -> tuple[str, dict[str, str]]:
    """``code`` with each long literal table shortened, and the tables' Python values by field name."""
    if source.name != "java" or target.name != "python" or code.count(",") < MIN_ITEMS:
        return code, {}
    root = get_language("java").parse(code.encode("utf-8")).root_node
    edits: list[tuple[int, int, str]] = []
    tables: dict[str, str] = {}
    for node in walk(root):
        if node.type not in ("argument_list", "array_initializer") or node.named_child_count < MIN_ITEMS:
            continue
        items = [c for c in node.named_children if c.type not in ("line_comment", "block_comment")]
        values = [python_literal(node_text(c)) if c.type in _LITERALS else None for c in items]
        owner = _field_name(node)
        if owner is None or any(v is None for v in values) or owner[0] in tables:
            continue
        name, declared = owner
        init = node_text(node.parent) if node.parent is not None else ""
        as_set = declared.split("<")[0].endswith("Set") or "toSet" in init or "Set.of" in init
        body = ", ".join(v for v in values if v is not None)
        tables[name] = f"frozenset({{{body}}})" if as_set else f"[{body}]"
        kept = ", ".join(node_text(c) for c in items[:2])
        edits.append((items[0].start_byte, items[-1].end_byte,
                      f"{kept} /* ... and {len(items) - 2} more literals: written by rule, do not copy */"))
    return (splice(code, edits), tables) if edits else (code, {})


def fill_tables(answer: str, target: Language, tables: dict[str, str], name: str = "") -> tuple[str, bool]:
    """``answer`` with each table's value as the right-hand side of its field's assignment (see the module);
    ``name``: the class a missing one goes into (else the first)."""
    if target.name != "python" or not tables:
        return answer, False
    python = get_language("python")
    root = python.parse(answer.encode("utf-8")).root_node
    want = {normalize_name(k): v for k, v in tables.items()}
    edits: list[tuple[int, int, str]] = []
    done: set[str] = set()
    for node in walk(root):
        if node.type != "assignment":
            continue
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or right is None:
            continue
        name = node_text(left.child_by_field_name("attribute")) if left.type == "attribute" else node_text(left)
        key = normalize_name(name)
        if key in want and key not in done and (left.type == "identifier" or left.type == "attribute"):
            edits.append((right.start_byte, right.end_byte, want[key]))
            done.add(key)
    out = splice(answer, edits) if edits else answer
    missing = [f"{k} = {tables[k]}" for k in tables if normalize_name(k) not in done]
    inserted = insert_in_class(out, name, missing) if missing else None
    out = inserted if inserted is not None else out
    return out, out != answer


def shorten_tables(answer: str, tables: dict[str, str]) -> str:
    """``answer`` (an answer ``fill_tables`` filled) with each table's value cut to its first two items and a
    comment, as the prompt showed it: a repair turn quotes the answer, and sqids' 560 strings put that prompt at
    4,899 tokens, over the 4,096-token context."""
    for value in tables.values():
        if value not in answer:
            continue
        data = value.encode("utf-8")
        found = [n for n in walk(get_language("python").parse(data).root_node) if n.type in ("set", "list")]
        items = [c for c in found[0].named_children if c.type != "comment"] if found else []
        if len(items) <= 2:
            continue
        cut = (data[:items[1].end_byte].decode("utf-8")
               + f"  # ... and {len(items) - 2} more literals: written by rule, do not copy\n"
               + data[found[0].end_byte - 1:].decode("utf-8"))
        answer = answer.replace(value, cut)
    return answer
