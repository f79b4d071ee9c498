"""pytest's ``monkeypatch`` calls of a migrated test written from the source, not by the model.

What a test patches decides what it tests. The model rewrites Python's patches in its own way, and differently
each run: ``monkeypatch.setattr(os, "isatty", lambda fd: True)`` came back as
``monkeypatch.setattr('process.stdout', { isatty: true, fileno: 1 })`` (it replaced the stream, so the code under
test read no ``isTTY`` and printed no colour: 31 of termcolor's 65 migrated tests). The runner's template
(``templates/pytest.js``) knows what JavaScript reads for the Python attributes tests patch (its
``PYTHON_ATTRIBUTES``), so the calls can be written from the source itself: each ``monkeypatch.setattr``,
``setenv``, ``delenv``, ``delattr`` call at the top level of the Python test's body becomes the same call with
its arguments as JavaScript values (a module by its name, ``lambda fd: True`` as ``(fd) => true``, a test
parameter by the name the translation gave it), and those replace the model's own ``monkeypatch.*`` statements,
at the place of the first. Only when every call converts and each attribute patched by name is one the template
maps; otherwise the model's code stays.
"""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from translate.source.languages import Language, get_language
from translate.source.validate import normalize_name

PYTEST_TEMPLATE = Path(__file__).resolve().parent / "templates" / "pytest.js"
_METHODS = ("setattr", "setenv", "delenv", "delattr")
_LITERALS = {"True": "true", "False": "false", "None": "null"}


def mapped_attributes() -> frozenset[str]:
    """The Python attributes the template patches by name (the keys of its ``PYTHON_ATTRIBUTES``)."""
    text = PYTEST_TEMPLATE.read_text(encoding="utf-8")
    block = text[text.index("const PYTHON_ATTRIBUTES"):]
    block = block[:block.index("};")]
    return frozenset(re.findall(r'^\s*"([\w.]+)":', block, re.M))


def _text(data: bytes, node) -> str:
    return data[node.start_byte:node.end_byte].decode("utf-8")


def _value(data: bytes, node, params: dict[str, str]) -> str | None:
    """A Python argument as JavaScript, or None when it is not a plain value, a test parameter or a lambda of one."""
    t = _text(data, node)
    if node.type in ("true", "false", "none"):
        return _LITERALS[t]
    if node.type in ("integer", "float"):
        return t.replace("_", "")
    if node.type == "string":
        if any(c.type == "interpolation" for c in node.children) or re.match(r"^[A-Za-z]*[bfBF]", t):
            return None
        try:
            return json.dumps(ast.literal_eval(t))
        except (ValueError, SyntaxError):
            return None
    if node.type == "identifier":
        return params.get(normalize_name(t))
    if node.type == "lambda":
        body = node.child_by_field_name("body")
        args = node.child_by_field_name("parameters")
        names = [_text(data, a) for a in args.named_children] if args is not None else []
        if body is None or any(not re.fullmatch(r"\w+", n) for n in names):
            return None
        inner = _value(data, body, params)
        return None if inner is None else f"({', '.join(names)}) => {inner}"
    return None


def source_calls(source: str, params: dict[str, str], mapped: frozenset[str]) -> list[str] | None:
    """The JavaScript statements of the ``monkeypatch`` calls at the top level of the Python test function
    ``source``, in order; None when one does not convert (``params``: normalized Python parameter -> its name in
    the translation)."""
    py = get_language("python")
    data = source.encode("utf-8")
    fn = next((n for n in py.parse(data).root_node.named_children if n.type in ("function_definition",
                                                                                "decorated_definition")), None)
    if fn is not None and fn.type == "decorated_definition":
        fn = fn.child_by_field_name("definition")
    body = fn.child_by_field_name("body") if fn is not None else None
    if body is None:
        return None
    out: list[str] = []
    for stmt in body.named_children:
        call = stmt.named_children[0] if stmt.type == "expression_statement" and stmt.named_child_count else None
        func = call.child_by_field_name("function") if call is not None and call.type == "call" else None
        if func is None or not re.fullmatch(r"monkeypatch\.\w+", _text(data, func)):
            if "monkeypatch." in _text(data, stmt):
                return None  # a patch inside a block: not ours to move
            continue
        method = _text(data, func).split(".", 1)[1]
        if method not in _METHODS:
            return None
        args: list[str] = []
        for a in call.child_by_field_name("arguments").named_children:  # type: ignore[union-attr]
            node = a.child_by_field_name("value") if a.type == "keyword_argument" else a
            if a.type == "keyword_argument" and _text(data, a.child_by_field_name("name")) != "raising":
                return None
            if method in ("setattr", "delattr") and not args and a.type == "identifier" and \
                    normalize_name(_text(data, a)) not in params:
                args.append(json.dumps(_text(data, a)))  # a module, by its name
                continue
            v = _value(data, node, params) if node is not None else None
            if v is None:
                return None
            args.append(v)
        if method == "setattr" and args:
            first = json.loads(args[0]) if args[0].startswith('"') else None
            dotted = first if len(args) == 2 else (f"{first}.{json.loads(args[1])}" if first is not None
                                                   and args[1].startswith('"') else None)
            if dotted is None or dotted not in mapped:
                return None
        out.append(f"monkeypatch.{method}({', '.join(args)});")
    return out


def _patch_statements(data: bytes, body) -> list:
    return [s for s in body.named_children if s.type == "expression_statement"
            and re.match(r"\s*monkeypatch\.\w+\s*\(", _text(data, s))]


def fix_test_patches(text: str, target: Language, tests: dict[str, str]) -> tuple[str, list[str]]:
    """``text`` (a migrated JavaScript test file) with the ``monkeypatch`` statements of each test function
    written from its Python source (``tests``: the function's name in the file -> its Python source); notes."""
    if target.name != "javascript" or not tests:
        return text, []
    mapped = mapped_attributes()
    data = text.encode("utf-8")
    edits: list[tuple[int, int, str]] = []
    notes: list[str] = []
    for node in target.parse(data).root_node.named_children:
        fn = node.child_by_field_name("declaration") if node.type == "export_statement" else node
        name = fn.child_by_field_name("name") if fn is not None and fn.type == "function_declaration" else None
        if name is None or _text(data, name) not in tests:
            continue
        assert fn is not None
        body, plist = fn.child_by_field_name("body"), fn.child_by_field_name("parameters")
        params = {normalize_name(_text(data, p)): _text(data, p) for p in plist.named_children
                  if p.type == "identifier"} if plist is not None else {}
        ours = _patch_statements(data, body) if body is not None else []
        if not ours:
            continue
        calls = source_calls(tests[_text(data, name)], params, mapped)
        if not calls:
            continue
        written = [" ".join(_text(data, s).split()) for s in ours]
        if written == calls:
            continue
        line = data.rfind(b"\n", 0, ours[0].start_byte) + 1
        ind = data[line:ours[0].start_byte].decode("utf-8")
        edits.append((ours[0].start_byte, ours[0].end_byte, ("\n" + ind).join(calls)))
        for s in ours[1:]:
            start = data.rfind(b"\n", 0, s.start_byte)
            edits.append((start if data[start + 1:s.start_byte].strip() == b"" else s.start_byte, s.end_byte, ""))
        notes.append(f"{_text(data, name)}: its monkeypatch calls written from the source's "
                     f"({len(calls)} in place of the model's {len(ours)})")
    out = data
    for a, z, new in sorted(edits, key=lambda e: -e[0]):
        out = out[:a] + new.encode("utf-8") + out[z:]
    return out.decode("utf-8"), notes
