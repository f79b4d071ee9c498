from translate.source.languages.base import Language
from translate.source.languages.js_slices import python_slices
from translate.source.languages.ts_strip import strip_types


def _is_stub(node, data: bytes) -> bool:
    """Empty body, only a TODO comment, or ``throw new Error("not implemented" / "TODO")``; not constructors."""
    from translate.source import stubs as stubs
    name = node.child_by_field_name("name")
    if node.type == "method_definition" and stubs.text(name, data) == "constructor":
        return False
    return stubs.brace_body_is_stub(node, data, stubs.throws_new(("Error",), stubs.NOT_IMPLEMENTED_RE))


LANGUAGE = Language(
    function_case="camel",
    name="javascript",
    display="JavaScript",
    extensions=(".js", ".mjs", ".cjs", ".jsx"),
    grammar_module="tree_sitter_javascript",
    aliases=("js", "node"),
    fence="javascript",
    import_pattern=r'^\s*(import\s|(const|let|var)\s+\S+\s*=\s*require\()',
    hint='Plain modern JavaScript (Node.js): no TypeScript type annotations, no imports unless needed. Math has no gcd/sum/factorial.',
    truncate_patterns=(r"\n\n^//", r"\n\n\n", r"^module\.exports", r"^console\.log"),
    is_stub=_is_stub,
    answer_fixups=((strip_types, "TypeScript types removed"), (python_slices, "Python slices written as .slice()")),
)
