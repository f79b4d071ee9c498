from translate.source.languages.base import Language


def _is_stub(node, data: bytes) -> bool:
    """Empty body, only a TODO comment, or ``todo!()`` / ``unimplemented!()``."""
    from translate.source import stubs as stubs
    def macro(stmt, data: bytes) -> bool:
        call = stubs.unparen(stmt)
        return call.type == "macro_invocation" and stubs.text(call.child_by_field_name("macro"), data) in (
            "todo", "unimplemented")

    return node.type == "function_item" and stubs.brace_body_is_stub(node, data, macro)


LANGUAGE = Language(
    function_case="snake",
    name="rust",
    display="Rust",
    static_types=True,
    extensions=(".rs",),
    grammar_module="tree_sitter_rust",
    aliases=("rs",),
    fence="rust",
    import_pattern=r'^\s*(use|extern\s+crate)\s',
    hint='Stable Rust with the standard library.',
    truncate_patterns=(r"\n\n^//", r"\n\n\n", r"^fn main\s*\("),
    is_stub=_is_stub,
)
