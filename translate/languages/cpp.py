from translate.languages.base import Language

LANGUAGE = Language(
    name="cpp",
    display="C++",
    extensions=(".cpp", ".cc", ".cxx", ".hpp", ".hh", ".hxx"),
    grammar_module="tree_sitter_cpp",
    aliases=("c++", "cxx"),
    fence="cpp",
    import_pattern=r'^\s*(#\s*include|using\s+namespace)',
    truncate_patterns=(r"\n\n^//", r"\n\n\n", r"^int main\s*\("),
)
