from translate.languages.base import Language

LANGUAGE = Language(
    name="c",
    display="C",
    extensions=(".c", ".h"),
    grammar_module="tree_sitter_c",
    fence="c",
    import_pattern=r'^\s*#\s*include',
    truncate_patterns=(r"\n\n^//", r"\n\n\n", r"^int main\s*\("),
)
