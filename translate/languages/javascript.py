from translate.languages.base import Language

LANGUAGE = Language(
    name="javascript",
    display="JavaScript",
    extensions=(".js", ".mjs", ".cjs", ".jsx"),
    grammar_module="tree_sitter_javascript",
    aliases=("js", "node"),
    fence="javascript",
    import_pattern=r'^\s*(import\s|(const|let|var)\s+\S+\s*=\s*require\()',
    truncate_patterns=(r"\n\n^//", r"\n\n\n", r"^module\.exports", r"^console\.log"),
)
