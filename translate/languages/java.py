from translate.languages.base import Language

LANGUAGE = Language(
    name="java",
    display="Java",
    extensions=(".java",),
    grammar_module="tree_sitter_java",
    fence="java",
    import_pattern=r'^\s*(import|package)\s',
    truncate_patterns=(r"\n\n^//", r"\n\n\n", r"^public static void main"),
)
