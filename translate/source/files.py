"""Reading source files safely: every bad input becomes one clear :class:`InputError`."""
from __future__ import annotations

from pathlib import Path

from translate.config import env_int
from translate.errors import InputError
from translate.source.languages import Language, language_for_path
from translate.source.units import ParsedFile, parse_text, refuse_too_deep

DEFAULT_MAX_BYTES = 2 * 1024 * 1024  # override with --max-bytes or TRANSLATE_MAX_BYTES


def max_bytes_default() -> int:
    return env_int("TRANSLATE_MAX_BYTES", DEFAULT_MAX_BYTES, "a number of bytes")


def read_source(path: str | Path, max_bytes: int | None = None) -> str:
    """The text of a source file, or an InputError saying in one line why it cannot be used."""
    p = Path(path)
    limit = max_bytes_default() if max_bytes is None else max_bytes
    if not p.exists():
        raise InputError(f"{path}: no such file")
    if p.is_dir():
        raise InputError(f"{path}: is a directory (use `translate repo` for a tree)")
    if not p.is_file():
        raise InputError(f"{path}: not a regular file")
    try:
        size = p.stat().st_size
        if size > limit:
            raise InputError(f"{path}: {size} bytes is over the size limit of {limit} bytes (--max-bytes / TRANSLATE_MAX_BYTES)")
        data = p.read_bytes()
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(f"{path}: file is empty")
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: looks like a binary file (NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"{path}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at line {line}, column {column}); convert it to UTF-8 first"
        ) from None


def unix_newlines(text: str) -> str:
    """``text`` with Windows (``\\r\\n``) and old Mac (``\\r``) line ends as ``\\n``: a translation is a new
    file, and units, comments and glue are cut and joined at ``\\n`` (a CRLF Java file's licence comment, turned
    into ``#`` lines, swallowed the class after it)."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def load(path: str | Path, lang: str | None = None, max_bytes: int | None = None, newlines: bool = False) -> ParsedFile:
    """Detect the language, read and parse ``path`` (``newlines``: with :func:`unix_newlines`, for a translation;
    without, the file's own line ends, for edits written back into it)."""
    language: Language = language_for_path(path, lang)
    text = read_source(path, max_bytes)
    text = unix_newlines(text) if newlines else text
    return refuse_too_deep(parse_text(text, language, str(path)))
