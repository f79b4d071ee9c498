"""Python: tree-sitter finds units; libcst is the validation gate.

tree-sitter-python is error-tolerant in ways that matter here: it accepts ``def f(x):\\nreturn x``
and ``print 'hi'`` without an ERROR node. libcst's parser rejects both, so it has the last word.
"""
from __future__ import annotations

from translate.languages.base import Language


def _libcst_diagnostics(code: str):
    import libcst

    from translate.validate import Diagnostic

    try:
        libcst.parse_module(code)
    except libcst.ParserSyntaxError as exc:
        message = str(exc.message).strip().splitlines()[0] if exc.message else "syntax error"
        return [Diagnostic(line=exc.raw_line, column=exc.raw_column + 1, message=f"libcst: {message}")]
    except Exception as exc:  # libcst raises a few other errors on odd input
        return [Diagnostic(line=1, column=1, message=f"libcst: {type(exc).__name__}: {exc}")]
    return []


LANGUAGE = Language(
    name="python",
    display="Python",
    extensions=(".py", ".pyi"),
    grammar_module="tree_sitter_python",
    line_comment="#",
    aliases=("py", "python3"),
    fence="python",
    import_pattern=r'^\s*(import|from)\s',
    truncate_patterns=(r"\n\n^#", r"^'''", r'^"""', r"\n\n\n", r"^if __name__"),
    extra_validate=_libcst_diagnostics,
)
