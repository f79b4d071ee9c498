"""Turn per-unit records into the output file: hoist imports, keep failures as marked comments, wrap
free functions for class-only languages, validate the whole result."""
from __future__ import annotations

import re

from translate.source.languages import Language
from translate.source.units import ParsedFile
from translate.source.validate import Diagnostic, validate
from translate.translation.assemble import assemble
from translate.translation.bigclass import merge_split
from translate.translation.checks import split_imports
from translate.translation.doccarry import carry_doc
from translate.translation.glue_java import dedupe_fields
from translate.translation.records import FAILED, FileResult, UnitRecord


def class_name(path: str | None) -> str:
    from pathlib import Path

    stem = Path(path).stem if path else "Translated"
    name = "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", stem) if part)
    return name if name and not name[0].isdigit() else f"T{name}"


def finalize(parsed: ParsedFile, records: list[UnitRecord], target: Language) -> tuple[str, list[Diagnostic]]:
    parsed, records = merge_split(parsed, records, target)  # split big classes back as one class each
    replacements: dict[int, str] = {}
    failures: dict[int, str] = {}
    hoisted: list[str] = []
    free_functions = False
    for rec in records:
        seg_text = parsed.segments[rec.index].text
        if rec.status == FAILED or rec.output is None:
            failures[rec.index] = rec.reason or "no valid translation"
            continue
        out = rec.output
        if rec.kind != "glue":
            imports, out = split_imports(out, target)
            hoisted += [i for i in imports if i not in hoisted]
            unit = parsed.segments[rec.index].unit
            if unit is not None and parsed.language.name == "python":
                out = carry_doc(out, unit.doc, target)
            free_functions |= rec.kind in ("function", "method") and target.function_wrapper is not None
        elif target.name == "java" and _members(out, target):  # a module's fields and static blocks: in its class
            free_functions = True
        if not seg_text.strip():  # blank glue: copied as it is
            replacements[rec.index] = out
            continue
        # keep the source's spacing around the unit
        lead = seg_text[: len(seg_text) - len(seg_text.lstrip("\n"))]
        trail = seg_text[len(seg_text.rstrip("\n")):]
        replacements[rec.index] = lead + out.strip("\n") + trail if out.strip() else lead + trail
    body = assemble(parsed.segments, replacements, failures, parsed.language, target, validate_result=False).text
    if target.needed_imports is not None:  # std headers / java.util that the translated code uses
        hoisted += [line for line in target.needed_imports("\n".join(hoisted) + "\n" + body) if line not in hoisted]
    header = "".join(f"{line}\n" for line in hoisted if line not in body)
    if target.forward_declarations is not None:  # C/C++: functions the file calls before it defines them
        header += "".join(f"{line}\n" for line in target.forward_declarations(body))
    if free_functions:
        imports, rest = split_imports(body, target)
        indented = "\n".join(("    " + ln) if ln.strip() else ln for ln in rest.strip("\n").split("\n"))
        header += "".join(f"{i}\n" for i in imports)
        body = dedupe_fields(f"\npublic class {class_name(parsed.path)} {{\n{indented}\n}}\n", target,
                             class_name(parsed.path))
    text = header + ("\n" if header and not body.startswith("\n") else "") + body
    return text, validate(text, target)


def _members(code: str, target: Language) -> bool:
    """Does Java top-level code hold class members (fields, static blocks), not only imports and comments?"""
    root = target.parse(code.encode("utf-8")).root_node
    return any(n.type not in ("import_declaration", "package_declaration", "line_comment", "block_comment")
               for n in root.named_children)


def default_output_path(src: str, target: Language) -> str:
    from pathlib import Path

    p = Path(src)
    out = p.with_suffix(target.default_extension)
    if target.function_wrapper is not None:  # Java: the file name must match the public class
        out = p.with_name(class_name(src) + target.default_extension)
    return str(out)


def report_dict(results: list[FileResult]) -> dict:
    return {"files": [r.to_dict() for r in results]}
