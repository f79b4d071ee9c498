from translate.source.languages.base import Language


def _is_stub(node, data: bytes) -> bool:
    """Empty body, only a TODO comment, or ``panic("TODO")`` / ``panic("not implemented")``."""
    from translate.source import stubs as stubs
    def panics(stmt, data: bytes) -> bool:
        call = stubs.unparen(stmt)
        if call.type != "call_expression" or stubs.text(call.child_by_field_name("function"), data) != "panic":
            return False
        return bool(stubs.NOT_IMPLEMENTED_RE.search(stubs.text(call.child_by_field_name("arguments"), data)))

    return stubs.brace_body_is_stub(node, data, panics)


LANGUAGE = Language(
    function_case="exported",
    name="go",
    display="Go",
    static_types=True,
    extensions=(".go",),
    grammar_module="tree_sitter_go",
    aliases=("golang",),
    fence="go",
    import_pattern=r'^\s*(import|package)\b',
    hint='Go with the standard library.',
    truncate_patterns=(r"\n\n^//", r"\n\n\n", r"^func main\s*\("),
    is_stub=_is_stub,
)
