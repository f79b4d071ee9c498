"""Python literals written as Java's, by rule (translate.translation.pytest_junit): ints (a long past int's
range), floats, plain strings re-escaped for Java. What has no certain Java raises ``Unsupported``."""
from __future__ import annotations

import math
import re

from tree_sitter import Node

_PY_STRING = re.compile(r"([rRuU]?)('''|\"\"\"|'|\")(.*)\2", re.S)
_ESCAPE = re.compile(r"\\(?:[\\'\"abfnrtv0-7]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]+\})")
_JAVA_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f"}


class Unsupported(Exception):
    """Some part of the test has no certain Java: the test is left to the model."""


def text(node: Node) -> str:
    return (node.text or b"").decode("utf-8")


def java_int(node: Node) -> str:
    """A Python int literal as Java's: an int, or a long (``L``) past int's range."""
    try:
        value = int(text(node), 0)
    except ValueError:
        raise Unsupported("a complex or malformed number") from None
    if -2**31 <= value < 2**31:
        return str(value)
    if -2**63 <= value < 2**63:
        return f"{value}L"
    raise Unsupported("an int past long's range")


def java_float(node: Node) -> str:
    raw = text(node).replace("_", "")
    if raw[-1:] in "jJ" or math.isinf(float(raw)) or float(raw) == 0 and re.search(r"[1-9](?=.*[eE])", raw):
        raise Unsupported("a complex number or a double past Java's range")
    return raw


def python_string_value(literal: str) -> str:
    """The value of a plain or raw Python string literal; f-strings, bytes and unknown escapes are refused."""
    match = _PY_STRING.fullmatch(literal)
    if match is None:
        raise Unsupported("an f-string or a byte string")
    prefix, _, body = match.groups()
    if prefix in ("r", "R"):
        return body
    if _ESCAPE.sub("", body).count("\\"):
        raise Unsupported("a multi-line or raw string, or an unknown escape")
    return body.encode("latin-1", "backslashreplace").decode("unicode_escape") if "\\" in body else body


def java_string(node: Node) -> str:
    """A plain Python string literal as a Java one; f-strings, bytes, raw strings with backslashes, multi-line
    strings and unknown escapes are refused."""
    match = _PY_STRING.fullmatch(text(node))
    if match is not None and ("\n" in match.group(3) or "\\" in match.group(3) and match.group(1) in ("r", "R")):
        raise Unsupported("a multi-line or raw string, or an unknown escape")
    return java_string_value(python_string_value(text(node)))


def java_string_value(value: str) -> str:
    """A Java string literal of ``value``."""
    return '"' + "".join(_java_char(c) for c in value) + '"'


def _java_char(c: str) -> str:
    code = ord(c)
    if c in _JAVA_ESCAPES:
        return _JAVA_ESCAPES[c]
    if code < 0x20 or code == 0x7F:
        return f"\\{code:03o}"  # never \u000a: Java reads \u escapes before it lexes
    if code < 0x7F:
        return c
    if code > 0xFFFF:
        high, low = divmod(code - 0x10000, 0x400)
        return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"
    return f"\\u{code:04x}"
