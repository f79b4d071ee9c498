from translate.source.languages.base import Language
from translate.source.languages.includes import c_includes, c_prototypes


def _is_stub(node, data: bytes) -> bool:
    """An empty body or one holding only a TODO comment."""
    from translate.source import stubs as stubs
    return node.type == "function_definition" and stubs.brace_body_is_stub(node, data)


LANGUAGE = Language(
    needed_imports=c_includes,
    forward_declarations=lambda code: c_prototypes(code, LANGUAGE),
    function_case="snake",
    name="c",
    display="C",
    static_types=True,
    extensions=(".c", ".h"),
    grammar_module="tree_sitter_c",
    fence="c",
    import_pattern=r'^\s*#\s*include',
    hint='C99 with the standard library.',
    truncate_patterns=(r"\n\n^//", r"\n\n\n", r"^int main\s*\("),
    is_stub=_is_stub,
)
