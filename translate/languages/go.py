from translate.languages.base import Language

LANGUAGE = Language(
    name="go",
    display="Go",
    extensions=(".go",),
    grammar_module="tree_sitter_go",
    aliases=("golang",),
    fence="go",
    import_pattern=r'^\s*(import|package)\b',
    truncate_patterns=(r"\n\n^//", r"\n\n\n", r"^func main\s*\("),
)
