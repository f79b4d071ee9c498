from translate.languages.base import Language

LANGUAGE = Language(
    name="rust",
    display="Rust",
    extensions=(".rs",),
    grammar_module="tree_sitter_rust",
    aliases=("rs",),
    fence="rust",
    import_pattern=r'^\s*(use|extern\s+crate)\s',
    truncate_patterns=(r"\n\n^//", r"\n\n\n", r"^fn main\s*\("),
)
