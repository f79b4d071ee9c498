"""Python: tree-sitter finds units; libcst is the validation gate.

tree-sitter-python is error-tolerant in ways that matter here: it accepts ``def f(x):\\nreturn x``
and ``print 'hi'`` without an ERROR node. libcst's parser rejects both, so it has the last word.
"""
from __future__ import annotations

import ast
import re

from translate.source.languages.base import Language

_LIBCST_AT = re.compile(r"^(?:parser|tokenizer) error: (?:error at (\d+):(\d+): )?")


def _libcst_diagnostics(code: str):
    """libcst decides; the message and position come from Python's own parser when it agrees.

    libcst's native parser reports where the offending token *ends* ("error at 2:7: expected
    INDENT" for ``return`` at 2:1); CPython's SyntaxError points at its start and says more
    ("expected an indented block after function definition on line 1").
    """
    import libcst

    from translate.source.validate import Diagnostic

    try:
        libcst.parse_module(code)
    except libcst.ParserSyntaxError as exc:
        found = _python_syntax_error(code)
        if found is not None:
            return [found]
        raw = " ".join(str(exc.message or "syntax error").split())
        match = _LIBCST_AT.match(raw)
        message = _shorten(raw[match.end():] if match else raw)
        if match and match.group(1):
            line, column = int(match.group(1)), int(match.group(2)) + 1
        else:
            line, column = exc.raw_line, exc.raw_column + 1
        return [Diagnostic(line=max(line, 1), column=max(column, 1), message=f"libcst: {message}")]
    except Exception as exc:  # libcst raises a few other errors on odd input
        return [Diagnostic(line=1, column=1, message=f"libcst: {type(exc).__name__}: {exc}")]
    return []


def _python_syntax_error(code: str):
    from translate.source.validate import Diagnostic

    try:
        compile(code, "<unit>", "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as exc:
        if not exc.lineno:
            return Diagnostic(line=1, column=1, message=exc.msg)
        return Diagnostic(line=exc.lineno, column=max(exc.offset or 1, 1), message=exc.msg)
    except (ValueError, RecursionError, MemoryError):
        return None
    return None


def _shorten(message: str, keep: int = 6) -> str:
    """'expected one of !=, %, &, (, *, ... (33 choices)' instead of the full token list."""
    head, sep, choices = message.partition("expected one of ")
    items = choices.split(", ") if sep else []
    if len(items) <= keep:
        return message
    return f"{head}expected one of {', '.join(items[:keep])}, ... ({len(items)} choices)"


_ABSTRACT_DECORATORS = {"abstractmethod", "abstractproperty", "abstractclassmethod", "abstractstaticmethod", "overload"}


def _is_stub(node, data: bytes) -> bool:
    """A body that is only ``...``, ``pass``, ``raise NotImplementedError(...)`` or a docstring, or
    carries a ``# TODO: complete`` marker. Abstract methods, overloads and Protocol members are not stubs."""
    from translate.source import stubs as stubs
    if node.type != "function_definition" or _stub_exempt(node, data):
        return False
    if stubs.has_marker(node, data):
        return True
    body = node.child_by_field_name("body")
    stmts = [c for c in (body.named_children if body is not None else []) if c.type not in stubs.COMMENT_TYPES]
    has_doc = bool(stmts) and stmts[0].type == "expression_statement" and stubs.unparen(stmts[0]).type == "string"
    rest = stmts[1:] if has_doc else stmts
    if not rest:
        return has_doc
    if len(rest) != 1:
        return False
    stmt = rest[0]
    if stmt.type == "pass_statement" or stubs.unparen(stmt).type == "ellipsis":
        return True
    if stmt.type == "raise_statement" and stmt.named_child_count:
        raised = stmt.named_children[0]
        if raised.type == "call":
            raised = raised.child_by_field_name("function")
        return stubs.text(raised, data).rsplit(".", 1)[-1] == "NotImplementedError"
    return False


def _stub_exempt(node, data: bytes) -> bool:
    from translate.source import stubs as stubs
    wrapper = node.parent
    if wrapper is not None and wrapper.type == "decorated_definition":
        for deco in wrapper.children:
            if deco.type == "decorator":
                name = stubs.text(deco, data).lstrip("@").split("(", 1)[0].strip().rsplit(".", 1)[-1]
                if name in _ABSTRACT_DECORATORS:
                    return True
    owner = wrapper.parent if wrapper is not None and wrapper.type == "decorated_definition" else wrapper
    cls = owner.parent if owner is not None and owner.type == "block" else None
    if cls is not None and cls.type == "class_definition":
        bases = cls.child_by_field_name("superclasses")
        names = stubs.text(bases, data).strip("()").split(",")
        return any(n.split("[", 1)[0].strip().rsplit(".", 1)[-1] == "Protocol" for n in names)
    return False


_SELF_FIRST = re.compile(r"^(?:async\s+)?def\s+\w+\s*\(\s*self\s*[,)]", re.M)


def _function_check(code: str):
    """A top-level function takes no ``self`` (a method unwrapped from a Java/C# holder class must lose it)."""
    from translate.source.validate import Diagnostic

    return [Diagnostic(1, 1, "a top-level function takes no `self` parameter")] if _SELF_FIRST.search(code) else []


LANGUAGE = Language(
    function_case="snake",
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
    function_check=_function_check,
    indent_blocks=True,
    hint="Use only the Python standard library. Keep it plain Python 3.",
    is_stub=_is_stub,
)
