from translate.source.languages.base import Language
from translate.source.languages.includes import java_imports


def _is_stub(node, data: bytes) -> bool:
    """Empty body, only a TODO comment, or ``throw new UnsupportedOperationException(...)``; not constructors."""
    from translate.source import stubs as stubs
    if node.type != "method_declaration":
        return False
    return stubs.brace_body_is_stub(node, data, stubs.throws_new(("UnsupportedOperationException",)))


LANGUAGE = Language(
    needed_imports=java_imports,
    function_case="camel",
    name="java",
    display="Java",
    static_types=True,
    extensions=(".java",),
    grammar_module="tree_sitter_java",
    fence="java",
    import_pattern=r'^\s*(import|package)\s',
    hint='Java 17. Only the java.* standard library.',
    function_wrapper=("class Wrapper__ {\n", "\n}\n"),
    truncate_patterns=(r"\n\n^//", r"\n\n\n", r"^public static void main"),
    is_stub=_is_stub,
)
