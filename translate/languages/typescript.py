from translate.languages.base import Language

LANGUAGE = Language(
    name="typescript",
    display="TypeScript",
    extensions=(".ts", ".mts", ".cts"),
    grammar_module="tree_sitter_typescript",
    grammar_func="language_typescript",
    aliases=("ts",),
    fence="typescript",
    import_pattern=r'^\s*(import\s|(const|let|var)\s+\S+\s*=\s*require\()',
    truncate_patterns=(r"\n\n^//", r"\n\n\n", r"^console\.log"),
)
