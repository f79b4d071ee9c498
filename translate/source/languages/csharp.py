from translate.source.languages.base import Language


def _is_stub(node, data: bytes) -> bool:
    """Empty body, only a TODO comment, or ``throw new NotImplementedException(...)``; not constructors."""
    from translate.source import stubs as stubs
    if node.type not in ("method_declaration", "local_function_statement"):
        return False
    return stubs.brace_body_is_stub(node, data, stubs.throws_new(("NotImplementedException",)))


LANGUAGE = Language(
    function_case="pascal",
    name="csharp",
    display="C#",
    static_types=True,
    extensions=(".cs",),
    grammar_module="tree_sitter_c_sharp",
    aliases=("c#", "cs"),
    fence="csharp",
    import_pattern=r'^\s*using\s',
    hint='C# 10 with the .NET standard library.',
    function_wrapper=("class Wrapper__ {\n", "\n}\n"),
    truncate_patterns=(r"\n\n^//", r"\n\n\n"),
    is_stub=_is_stub,
)
