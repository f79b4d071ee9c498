"""What the toolkit needs to know about one programming language.

Each language lives in its own small module (``translate/source/languages/<name>.py``) that builds a
:class:`Language` and, where the language needs it, overrides a hook (extra validation,
stub detection). The registry in ``translate/source/languages/__init__.py`` is an explicit dict.
The tree-sitter query that finds units is data: ``grammars/<name>/units.scm``.
"""
from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import tree_sitter

if TYPE_CHECKING:  # pragma: no cover
    from translate.source.validate import Diagnostic


def grammars_dir() -> Path:
    """Installed wheels carry ``translate/grammars``; a source checkout has ``grammars/`` at the top."""
    here = Path(__file__).resolve().parents[2]  # the translate package
    for cand in (here / "grammars", here.parent / "grammars"):
        if cand.is_dir():
            return cand
    raise FileNotFoundError("grammars/ folder not found next to the translate package")


@dataclass(frozen=True)
class Language:
    name: str  # registry key, also the grammars/ folder name
    display: str  # human name used in prompts ("JavaScript")
    extensions: tuple[str, ...]
    grammar_module: str  # python module of the grammar wheel
    grammar_func: str = "language"  # function returning the language pointer
    line_comment: str = "//"
    aliases: tuple[str, ...] = ()
    fence: str = ""  # markdown fence tag models use (```js)
    # Regexes (multiline) before which a completion model's output is cut: the CodeGen
    # ``truncate_before_pattern`` idea, per target language.
    truncate_patterns: tuple[str, ...] = (r"\n\n\n\n",)
    # Blocks delimited by indentation (Python) rather than braces: decides when an answer is complete.
    indent_blocks: bool = False
    # Languages without free functions (Java, C#): a function is validated inside this wrapper.
    function_wrapper: tuple[str, str] | None = None
    # Short advice for the model when this is the target language (prompt templates add it).
    hint: str = ""
    # A line that imports something (hoisted from answers into the file's header).
    import_pattern: str = r"^$"
    # Optional hooks, set by a language module.
    extra_validate: Callable[[str], list[Diagnostic]] | None = field(default=None, compare=False)
    is_stub: Callable[[tree_sitter.Node, bytes], bool] | None = field(default=None, compare=False)
    # More checks of an answer that must be a top-level function (after it parsed as one).
    function_check: Callable[[str], list[Diagnostic]] | None = field(default=None, compare=False)
    # An answer that does not validate may be fixed deterministically: (fix, note) pairs tried in turn (a fix
    # returns None when it cannot); the job loop keeps the first fix that validates and records its note.
    answer_fixups: tuple[tuple[Callable[[str], str | None], str], ...] = field(default=(), compare=False)
    # Parameters carry declared types (C, C++, Java, C#, Go, Rust, TypeScript): a translated signature must
    # fit the types its callers pass, so the prompt shows how the user's --tests call the unit.
    static_types: bool = False
    # Naming style of functions and methods (translate.translation.naming): snake | camel | pascal | exported (Go) | keep
    function_case: str = "keep"
    # The standard include/import lines a whole file needs for what its code uses (translate.source.languages.includes)
    needed_imports: Callable[[str], list[str]] | None = field(default=None, compare=False)
    # Declarations a whole file needs before its code (C/C++: prototypes of functions used before defined)
    forward_declarations: Callable[[str], list[str]] | None = field(default=None, compare=False)

    # --- tree-sitter plumbing (cached per language) ---
    @property
    def ts_language(self) -> tree_sitter.Language:
        return _ts_language(self.grammar_module, self.grammar_func)

    def parser(self) -> tree_sitter.Parser:
        return tree_sitter.Parser(self.ts_language)

    def parse(self, data: bytes) -> tree_sitter.Tree:
        ranges = _skip_comment_runs(data) if self.indent_blocks else None
        if ranges:
            return tree_sitter.Parser(self.ts_language, included_ranges=ranges).parse(data)
        return self.parser().parse(data)

    @property
    def query_path(self) -> Path:
        return grammars_dir() / self.name / "units.scm"

    @property
    def query(self) -> tree_sitter.Query:
        return _query(self.name, self.grammar_module, self.grammar_func, str(self.query_path))

    @property
    def default_extension(self) -> str:
        return self.extensions[0]

    def comment(self, text: str) -> str:
        """Turn text into line comments in this language."""
        return "\n".join(
            (self.line_comment + (" " + line if line else "")).rstrip() for line in text.split("\n")
        )


# tree-sitter-python's external scanner, at each line end after a statement, looks ahead over all the comment
# lines that follow (to find the next line's indentation): a run of k comment lines costs O(k^2). Measured:
# 8,000 comment lines after ``x = 1`` took 3.1 s to parse (2,000: 0.2 s), a 2 MB comment-heavy file minutes.
# The parser skips the middle of long runs (tree-sitter ``included_ranges``: the bytes keep their positions,
# there is just no node for them); the first and last _KEEP_LINES lines of each run stay comment nodes.
# A line with a triple quote never counts (it may end a string that the run sits in).
_KEEP_LINES = 64
_RUN = re.compile(rb"""(?m)^(?:[ \t]*(?:#(?:(?!\"\"\"|\'\'\')[^\n])*)?\n)+""")


def _skip_comment_runs(data: bytes) -> list[tree_sitter.Range] | None:
    """Included ranges that leave out the middle of each run of over 2 * _KEEP_LINES comment/blank lines."""
    if b"#" not in data:
        return None
    ranges: list[tree_sitter.Range] = []
    start, start_row = 0, 0  # the included range being built
    for m in _RUN.finditer(data):
        if m.group().count(b"\n") <= 2 * _KEEP_LINES:
            continue
        cut = m.start()
        for _ in range(_KEEP_LINES):
            cut = data.index(b"\n", cut) + 1
        resume = m.end() - 1
        for _ in range(_KEEP_LINES):
            resume = data.rindex(b"\n", m.start(), resume)
        resume += 1
        cut_row = start_row + data.count(b"\n", start, cut)
        resume_row = cut_row + data.count(b"\n", cut, resume)
        ranges.append(tree_sitter.Range((start_row, 0), (cut_row, 0), start, cut))
        start, start_row = resume, resume_row
    if not ranges:
        return None
    end_row = start_row + data.count(b"\n", start)
    end_col = len(data) - (data.rfind(b"\n") + 1)
    ranges.append(tree_sitter.Range((start_row, 0), (end_row, end_col), start, len(data)))
    return ranges


@functools.cache
def _ts_language(module: str, func: str) -> tree_sitter.Language:
    mod = importlib.import_module(module)
    return tree_sitter.Language(getattr(mod, func)())


@functools.cache
def _query(name: str, module: str, func: str, path: str) -> tree_sitter.Query:
    src = Path(path).read_text(encoding="utf-8")
    return tree_sitter.Query(_ts_language(module, func), src)
