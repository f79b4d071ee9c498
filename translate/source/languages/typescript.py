from translate.source.languages.base import Language


def _is_stub(node, data: bytes) -> bool:
    """Empty body, only a TODO comment, or ``throw new Error("not implemented" / "TODO")``; not constructors."""
    from translate.source import stubs as stubs
    name = node.child_by_field_name("name")
    if node.type == "method_definition" and stubs.text(name, data) == "constructor":
        return False
    return stubs.brace_body_is_stub(node, data, stubs.throws_new(("Error",), stubs.NOT_IMPLEMENTED_RE))


LANGUAGE = Language(
    function_case="camel",
    name="typescript",
    display="TypeScript",
    static_types=True,
    extensions=(".ts", ".mts", ".cts"),
    grammar_module="tree_sitter_typescript",
    grammar_func="language_typescript",
    aliases=("ts",),
    fence="typescript",
    import_pattern=r'^\s*(import\s|(const|let|var)\s+\S+\s*=\s*require\()',
    hint='TypeScript with type annotations.',
    truncate_patterns=(r"\n\n^//", r"\n\n\n", r"^console\.log"),
    is_stub=_is_stub,
)
