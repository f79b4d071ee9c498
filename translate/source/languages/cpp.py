from translate.source.languages.base import Language
from translate.source.languages.includes import c_prototypes, cpp_includes


def _is_stub(node, data: bytes) -> bool:
    """An empty body or one holding only a TODO comment; constructors and destructors (no return type) are not stubs."""
    from translate.source import stubs as stubs
    if node.type != "function_definition" or node.child_by_field_name("type") is None:
        return False
    return stubs.brace_body_is_stub(node, data)


LANGUAGE = Language(
    needed_imports=cpp_includes,
    forward_declarations=lambda code: c_prototypes(code, LANGUAGE),
    function_case="snake",
    name="cpp",
    display="C++",
    static_types=True,
    extensions=(".cpp", ".cc", ".cxx", ".hpp", ".hh", ".hxx"),
    grammar_module="tree_sitter_cpp",
    aliases=("c++", "cxx"),
    fence="cpp",
    import_pattern=r'^\s*(#\s*include|using\s+namespace)',
    hint='C++17 with the standard library.',
    truncate_patterns=(r"\n\n^//", r"\n\n\n", r"^int main\s*\("),
    is_stub=_is_stub,
)
