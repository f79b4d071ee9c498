"""Top-level code between units, split so the model only sees what needs a model.

A glue segment is split (by its top-level tree-sitter nodes) into runs of comments, docstrings,
imports and other code. Comments and docstrings are re-commented in the target language and source
imports are kept as comments (each translated unit brings the imports it needs, hoisted to the top),
all without the model (Python's ``__all__`` counts as an import: it is the module's interface, and
``translate repo`` writes a JavaScript project's imports and exports itself: translate.project.javascript);
only the remaining statements (constants, a main guard) are translated. A Python ``if TYPE_CHECKING:`` block
(``typing.TYPE_CHECKING`` is false when the program runs: imports and classes for type checkers only) is kept
as a comment too: translated, it ran code Python never runs (markupsafe's ``te.ParamSpec("_P")`` with ``te``
never imported: a ReferenceError when the module loaded).
"""
from __future__ import annotations

import re

from translate.source.languages import Language
from translate.source.units import Segment

COMMENT, DOC, IMPORT, CODE, BLANK, TYPING = "comment", "doc", "import", "code", "blank", "typing"
ALIAS = "alias"
NO_MODEL = (BLANK, COMMENT, DOC, IMPORT, TYPING, ALIAS)  # kept without the model (as comments, or as they are)
_TYPE_CHECKING = re.compile(r"(?:\w+\.)*TYPE_CHECKING")
# A Python type alias or type variable: a name bound to a subscripted typing form (``t.Union[int, str]``,
# ``Optional[Item]``), to ``TypeVar(...)``/``NewType(...)``, or annotated ``TypeAlias``. It has no value when a
# program in another language runs (uritemplate's ``ScalarVariableValue = t.Union[...]`` came back as
# ``t.Union([...])``, a ReferenceError that stopped the module at load), so it stays a comment.
_ALIAS = re.compile(
    r"\w+\s*(?::\s*(?:\w+\.)*TypeAlias\s*=.*|=\s*(?:\w+\.)*(?:(?:Union|Optional|Callable|Dict|List|Tuple|Set|"
    r"FrozenSet|Mapping|MutableMapping|Sequence|MutableSequence|Iterable|Iterator|Type|Literal|Awaitable|Coroutine|"
    r"Generator|AbstractSet|Collection|Annotated|DefaultDict|OrderedDict|Counter|Deque|ClassVar|Final)\s*\[|"
    r"(?:TypeVar|NewType|ParamSpec|TypeVarTuple)\s*\().*)", re.S)


def _classify(node, text: str, lang: Language) -> str:
    if "comment" in node.type:
        return COMMENT
    if lang.name == "python" and node.type == "expression_statement" and node.named_child_count == 1 \
            and node.named_children[0].type in ("string", "concatenated_string"):
        return DOC
    if lang.name == "python" and node.type == "if_statement" and node.child_by_field_name("alternative") is None:
        cond = node.child_by_field_name("condition")
        if cond is not None and _TYPE_CHECKING.fullmatch(cond.text.decode("utf-8", "replace")):
            return TYPING
    if lang.name == "python" and node.type == "expression_statement" and _ALIAS.fullmatch(text):
        return ALIAS
    if re.match(lang.import_pattern, text.split("\n", 1)[0]):
        return IMPORT
    if lang.name == "python" and re.match(r"__all__\s*[+]?=", text):
        return IMPORT  # the module's export list: part of its interface, like its imports (no model)
    return CODE


def split_glue(seg: Segment, lang: Language) -> list[tuple[str, Segment]]:
    """(class, sub-segment) pieces covering ``seg`` exactly; whitespace joins the piece before it."""
    data = seg.text.encode("utf-8")
    tree = lang.parse(data)
    if tree.root_node.has_error:
        return [(CODE, seg)]
    pieces: list[tuple[str, int, int]] = []  # class, start, end (bytes within seg)
    for node in tree.root_node.children:
        cls = _classify(node, data[node.start_byte:node.end_byte].decode("utf-8"), lang)
        if pieces and pieces[-1][0] == cls:
            pieces[-1] = (cls, pieces[-1][1], node.end_byte)
        else:
            start = pieces[-1][2] if pieces else 0
            pieces.append((cls, start, node.end_byte))
    if not pieces:
        return [(BLANK, seg)]
    cls, start, _ = pieces[-1]
    pieces[-1] = (cls, start, len(data))  # trailing whitespace
    out = []
    char = seg.start_char
    for cls, start, end in pieces:
        text = data[start:end].decode("utf-8")
        out.append((cls, Segment(text, seg.start_byte + start, seg.start_byte + end, char)))
        char += len(text)
    return out


def _docstring_body(text: str) -> str:
    s = text.strip()
    for q in ('"""', "'''", '"', "'"):
        for prefix in ("", "r", "u", "b", "R", "U", "B"):
            if s.startswith(prefix + q) and s.endswith(q) and len(s) >= len(prefix) + 2 * len(q):
                return s[len(prefix) + len(q): -len(q)].strip("\n")
    return s


_NOTES = {TYPING: "{lang} for type checkers only (`if TYPE_CHECKING:` is false when the program runs):",
          ALIAS: "{lang} type aliases, for type checkers only (no value when the program runs):",
          IMPORT: "{lang} imports (each translated unit brings what it needs):"}


def recomment(cls: str, text: str, source: Language, target: Language) -> str:
    """Comment, docstring or import text as target-language comments, keeping the surrounding blank lines."""
    lead = text[: len(text) - len(text.lstrip("\n"))]
    trail = text[len(text.rstrip()):]
    body = text.strip()
    if cls == COMMENT:
        lines = []
        for line in body.split("\n"):
            s = line.strip()
            if s.startswith(source.line_comment):
                s = s[len(source.line_comment):]
                lines.append(f"{target.line_comment}{s}")
            elif source.line_comment == target.line_comment:
                lines.append(line)
            else:  # inside a block comment
                s = s.removeprefix("/*").removesuffix("*/").removeprefix("*")
                lines.append(f"{target.line_comment} {s.strip()}".rstrip())
        return lead + "\n".join(lines) + trail
    if cls == DOC:
        return lead + target.comment(_docstring_body(body)) + trail
    # the rest (imports, type-checking code) kept, commented, for the reader: a note on why, then the source
    note = _NOTES.get(cls, _NOTES[IMPORT]).format(lang=source.display)
    return lead + target.comment(note + "\n" + body) + trail
