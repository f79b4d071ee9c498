"""Soft checks of a function or method answer's structure against its source: what a long body loses.

hashids' ``_encode`` (45 lines of Java, three loops) came back from the 1.5B, in every run and after a repair turn
quoting the failing tests, with its main ``for`` loop gone: the body of the loop kept, run once, with ``i`` read
before any loop sets it. The tests said only that the hashes were wrong. The source says more: a Python answer
with fewer loops than the source lost one, unless Python wrote it another way. So loops are counted:

- in the source, its loop statements (:data:`SOURCE_LOOPS`, per language: data);
- in a Python answer, its loops, comprehensions and generator expressions, and every call that walks a sequence
  for the answer (``sum``, ``max``, ``"".join``, ``sorted``, ``.index``, ...) and every ``x in xs`` test and slice
  with a step (a Java search or reversal loop), so an idiom never counts as a lost loop.

An answer with fewer is told which loops the source has (their first lines): in the repair turn of an answer that
does not do what the source does (the behaviour check's hint), or, where no behaviour check judges the unit, as a
soft check's repair turn (the answer stands if the next one is no better).
"""
from __future__ import annotations

from translate.source.languages import Language
from translate.source.validate import node_text, walk

SOURCE_LOOPS: dict[str, tuple[str, ...]] = {
    "java": ("for_statement", "enhanced_for_statement", "while_statement", "do_statement"),
    "c": ("for_statement", "while_statement", "do_statement"),
    "cpp": ("for_statement", "for_range_loop", "while_statement", "do_statement"),
    "csharp": ("for_statement", "foreach_statement", "while_statement", "do_statement"),
    "javascript": ("for_statement", "for_in_statement", "while_statement", "do_statement"),
    "typescript": ("for_statement", "for_in_statement", "while_statement", "do_statement"),
    "go": ("for_statement",),
    "rust": ("for_expression", "while_expression", "loop_expression"),
}
_PY_LOOPS = ("for_statement", "while_statement", "list_comprehension", "set_comprehension",
             "dictionary_comprehension", "generator_expression")
_WALKS = {"sum", "max", "min", "any", "all", "sorted", "reversed", "join", "map", "filter", "zip", "index", "count",
          "find", "rfind", "rindex", "replace", "translate", "split", "sort", "reverse", "extend", "fill", "startswith",
          "endswith", "strip", "lstrip", "rstrip", "lower", "upper", "list", "set", "dict", "tuple", "Counter",
          "defaultdict", "bytes", "bytearray", "deepcopy", "copy", "update", "difference", "intersection", "union",
          "issubset", "issuperset", "isdisjoint", "fromkeys", "zfill", "ljust", "rjust", "center", "format",
          "isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower", "bisect_left", "bisect_right", "heapify",
          "accumulate", "reduce", "product", "permutations", "combinations", "chain", "groupby", "match", "search",
          "findall", "sub", "fullmatch", "finditer", "encode", "decode", "hex", "bin", "oct", "pow", "gcd", "lcm",
          "fsum", "prod", "comb", "perm", "isqrt", "array", "repeat", "cycle", "islice"}


def _python_loops(root) -> int:
    count = 0
    for n in walk(root):
        if n.type in _PY_LOOPS:
            count += 1
        elif n.type == "call":
            fn = n.child_by_field_name("function")
            name = fn.child_by_field_name("attribute") if fn is not None and fn.type == "attribute" else fn
            count += name is not None and node_text(name) in _WALKS
        elif n.type == "comparison_operator" and any(node_text(c) in ("in", "not in") for c in n.children
                                                     if not c.is_named):
            count += 1
        elif n.type == "binary_operator" and node_text(n.child_by_field_name("operator")) == "*" \
                and any(c.type == "list" for c in n.named_children):  # ``[0] * n``: Java's fill loop
            count += 1
        elif n.type == "slice" and node_text(n).count(":") == 2:  # ``s[::-1]``: Java's reversal loop
            count += 1
    return count


def dropped_loops(code: str, source: str, src: Language, target: Language) -> str | None:
    """The problem of a Python answer with fewer loops (or loop-like idioms) than its source has loops."""
    kinds = SOURCE_LOOPS.get(src.name)
    if target.name != "python" or kinds is None:
        return None
    sroot = src.parse(source.encode("utf-8")).root_node
    loops = [n for n in walk(sroot) if n.type in kinds]
    if not loops or sroot.has_error:
        return None
    root = target.parse(code.encode("utf-8")).root_node
    have = _python_loops(root)
    if root.has_error or have >= len(loops):
        return None
    heads = "; ".join(f"`{node_text(n).splitlines()[0].strip().rstrip('{').strip()}`" for n in loops[:6])
    return (f"the {src.display} code has {len(loops)} loops ({heads}) and this answer has {have}: a loop of the "
            f"source is missing; keep every loop, with its whole body inside it")
