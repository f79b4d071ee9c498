from translate.languages.base import Language

LANGUAGE = Language(
    name="csharp",
    display="C#",
    extensions=(".cs",),
    grammar_module="tree_sitter_c_sharp",
    aliases=("c#", "cs"),
    fence="csharp",
    import_pattern=r'^\s*using\s',
    truncate_patterns=(r"\n\n^//", r"\n\n\n"),
)
