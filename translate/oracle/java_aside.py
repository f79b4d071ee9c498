"""A Java check that does not compile for code outside the unit checked: that code set aside, the unit run.

The oracle checks a unit in its file as assembled so far (its callees, translated beside it, exist). In
Java a compile error anywhere in the file stops javac for all of it, so one unit's broken answer (or the
module's top-level code calling ``irregular`` where the unit is ``_irregular``) left every other unit of the
file unverifiable: inflection's 13 functions, all "the file stops before the check". Here the methods that
hold those errors throw instead (:func:`translate.oracle.java_stubs.stub_file`), the unit's own method and the
driver never: an error there is the unit's. What the unit then does is checked, and the verdict names what was
set aside. A case that reaches a method set aside says nothing of the unit (it is not counted), and a file
whose static initializer was emptied (its tables never filled) cannot show that the unit differs: such a run
verifies or stays unverifiable.

Programs calling Python's ``re`` API (``re.sub(p, r, s)``: what ``translate repo`` writes for a project that
imports ``re``, translate/project/templates/re.java) get that class beside them.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from translate.oracle.java_stubs import METHODS, node_name, stub_file
from translate.source.validate import walk

ASIDE = "NotCompiledHere"  # the exception a method set aside throws (the driver reports its simple name)
_ERROR = re.compile(r"^(?:\./)?([\w$./-]+\.java):(\d+): error: (.*)$", re.M)
_RE_TEMPLATE = Path(__file__).resolve().parent.parent / "project" / "templates" / "re.java"
_USES_RE = re.compile(r"(?<![\w.])re\.(?:sub|subn|search|match|fullmatch|findall|finditer|split|compile|escape|"
                      r"[A-Z]+)\b")
_DEFINES_RE = re.compile(r"\b(?:class|interface|enum)\s+re\b")
MAX_ROUNDS = 4  # javac reports some errors only once others are gone (flow analysis after attribution)


def compile_errors(stderr: str, filename: str) -> list[tuple[int, str]]:
    """(line, message) of each javac error in ``filename``."""
    return [(int(line), msg.strip()) for path, line, msg in _ERROR.findall(stderr or "")
            if Path(path).name == filename]


def set_aside(program: str, stderr: str, filename: str, method: str,
              driver: str = "OracleMain") -> tuple[str, list[str]] | None:
    """``program`` with the methods holding javac's errors (from ``stderr``) throwing :data:`ASIDE`, and their
    names; None when an error is in ``method``, in the ``driver`` class or outside every method body."""
    errors = compile_errors(stderr, filename)
    if not errors:
        return None
    done = stub_file(program, errors, keep=frozenset({method, f"{driver}.*"}), exception=ASIDE)
    if done is None:
        return None
    text, names = done
    if f"class {ASIDE} " not in text:
        text += f"\nclass {ASIDE} extends RuntimeException {{\n    {ASIDE}(String m) {{ super(m); }}\n}}\n"
    return text, names


@lru_cache(maxsize=1)
def _re_class() -> str:
    return re.sub(r"^package\s+[\w.]+;\s*$", "", _RE_TEMPLATE.read_text(encoding="utf-8"), count=1, flags=re.M)


def support_files(program: str) -> dict[str, str]:
    """The files a Java ``program`` needs beside it: ``re.java`` when it calls Python's ``re`` API and does not
    define a class ``re`` itself."""
    if _USES_RE.search(program) and not _DEFINES_RE.search(program):
        return {"re.java": _re_class()}
    return {}


def reads_fields(program: str, method: str, driver: str = "OracleMain") -> list[str]:
    """The fields of ``program`` (its classes but the ``driver``) that ``method`` reads or writes, itself or
    through the methods it calls by name (any overload, any class of the file): what a static initializer
    set aside may have left empty for it."""
    from translate.source.languages import get_language

    data = program.encode("utf-8")
    root = get_language("java").parse(data).root_node
    text = lambda n: data[n.start_byte:n.end_byte].decode("utf-8", "replace")
    fields: set[str] = set()
    bodies: dict[str, list] = {}
    skip = [(n.start_byte, n.end_byte) for n in root.named_children
            if n.type == "class_declaration" and node_name(data, n) == driver]
    for n in walk(root):
        if any(a <= n.start_byte < b for a, b in skip):  # the driver's own fields and methods
            continue
        if n.type == "field_declaration":
            fields |= {node_name(data, d) for d in n.named_children if d.type == "variable_declarator"}
        elif n.type in METHODS and n.child_by_field_name("body") is not None:
            bodies.setdefault(node_name(data, n), []).append(n.child_by_field_name("body"))
    seen, todo, used = {method}, [method], set()
    while todo:
        for body in bodies.get(todo.pop(), []):
            for n in walk(body):
                if n.type == "identifier":
                    name = text(n)
                    used.add(name)
                    if name in bodies and name not in seen:
                        seen.add(name)
                        todo.append(name)
    return sorted(used & fields)


def _lines_of(program: str, method: str) -> list[tuple[int, int]]:
    """(first, last) 1-based lines of each method named ``method``."""
    from translate.source.languages import get_language

    data = program.encode("utf-8")
    return [(n.start_point[0] + 1, n.end_point[0] + 1) for n in walk(get_language("java").parse(data).root_node)
            if n.type in METHODS and node_name(data, n) == method]


def gist(stderr: str, program: str, method: str | None = None, filename: str = "OracleMain.java") -> str | None:
    """javac's first error in ``filename`` (in ``method`` when one is there) as the model can use it: the
    message, the code line it is on (the driver's line numbers mean nothing to the model) and the missing
    symbol, when named."""
    errors = compile_errors(stderr, filename)
    if not errors:
        return None
    spans = _lines_of(program, method) if method else []
    line, msg = next(((ln, m) for ln, m in errors if any(a <= ln <= b for a, b in spans)), errors[0])
    lines = program.split("\n")
    code = " ".join(lines[line - 1].split()) if 0 < line <= len(lines) else ""
    after = (stderr or "").split(f"{filename}:{line}: error: ", 1)[-1].split("\n")
    symbol = next((" ".join(x.split()) for x in after[1:6] if x.strip().startswith("symbol:")), "")
    return f"{msg}" + (f" ({symbol})" if symbol else "") + (f" at `{code[:160]}`" if code else "")
