"""A parsed file into the records and model tasks of its segments (the plan the pipeline runs).

Each segment becomes one :class:`UnitRecord`: a unit (function, class, method) with its task for the model, a
big class's skeleton and methods (:mod:`bigclass`), a holder class's header (:mod:`holders`), or top-level code:
blank lines, comments, docstrings and imports are kept without the model (:mod:`glue`), literal tables are
converted without it (:mod:`literals`), the rest is a ``glue`` task. In ``translate repo`` the project context
(translate.project.context) adds what each unit and top-level piece uses from other files.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

from translate.source.languages import Language
from translate.source.units import ParsedFile
from translate.translation.bigclass import plan_segment
from translate.translation.callsites import call_lines
from translate.translation.glue import BLANK, NO_MODEL, recomment, split_glue
from translate.translation.holders import holder_output
from translate.translation.java_loops import whiled
from translate.translation.java_tables import elide_tables
from translate.translation.literals import literal_glue
from translate.translation.naming import NameMap
from translate.translation.prompts import TranslationTask, UnitContext, project_context
from translate.translation.records import OK, SKIPPED, UnitRecord
from translate.translation.rules import RULE_ONLY, RULED, RULED_CODE
from translate.translation.rules import ruled as rule_output


@dataclass(frozen=True)
class GlueText:
    """Top-level code, as the project context sees a unit (translate.project.context)."""

    text: str
    name: str = "<top-level>"
    kind: str = "glue"


def refine(parsed: ParsedFile) -> ParsedFile:
    """Split glue segments into comment / docstring / import / code pieces (still a byte-exact cover)."""
    segments = []
    for seg in parsed.segments:
        if seg.unit is None and seg.role is None and seg.text.strip():
            segments += [piece for _, piece in split_glue(seg, parsed.language)]
        else:
            segments.append(seg)
    return ParsedFile(parsed.language, parsed.source, segments, parsed.diagnostics, parsed.path)


def plan_file(parsed: ParsedFile, target: Language,
               names: NameMap) -> tuple[list[UnitRecord], list[TranslationTask | None]]:
    records, tasks = [], []
    tops = parsed.top_units
    for i, seg in enumerate(parsed.segments):
        split = plan_segment(i, seg, parsed, target, names)  # a big class's skeleton / methods (bigclass)
        if split is not None:
            rec = split[0]
            tasks.append(split[1])
        elif seg.role is not None:  # a holder class's header / closing brace (translate.translation.holders)
            rec = UnitRecord(i, "glue", "<top-level>", f"<top-level {i}>", seg.text)
            rec.status, rec.output = SKIPPED, holder_output(seg, parsed.language, target)
            tasks.append(None)
        elif seg.unit is not None:
            u = seg.unit
            rec = UnitRecord(i, u.kind, u.name, u.qualname, seg.text)
            others = [names.get(o.name) or o.name for o in tops if o is not u]
            code = textwrap.dedent(seg.text) if seg.text[:1] in " \t" else seg.text  # unwrapped methods
            calls = call_lines(parsed.source, parsed.language, u.name, skip=(u.start_line, u.end_line)) \
                if u.kind != "class" else []
            extra = project_context(parsed.path, u)
            code = extra.pop("code", code)  # the project may show the unit another way (pytest: no parametrize)
            ruled = rule_output(parsed.language.name, target.name, code, u.kind, extra)
            for key in RULE_ONLY:  # what the rules alone read
                extra.pop(key, None)
            if ruled is not None:  # a unit whose translation is certain (translation.rules)
                rec.status, rec.output = OK, ruled
                rec.check = RULED if extra.get("test") else RULED_CODE
                tasks.append(None)
            else:
                if u.kind == "class":  # long literal tables: shortened here, written into the answer by rule
                    code, tables = elide_tables(code, parsed.language, target)
                    extra.update({"literal_tables": tables} if tables else {})
                tasks.append(TranslationTask(parsed.language, target, code, u.kind, u.name,
                                             UnitContext(None, others, calls, **extra),
                                             target_name=names.get(u.name) or u.name))
        else:
            rec = UnitRecord(i, "glue", "<top-level>", f"<top-level {i}>", seg.text)
            cls = split_glue(seg, parsed.language)[0][0] if seg.text.strip() else BLANK
            extra, ruled, literal = {}, None, None
            if cls not in NO_MODEL:  # in a project, it is told what it uses from other files (project.context)
                extra = project_context(parsed.path, GlueText(seg.text))
                ruled = rule_output(parsed.language.name, target.name, seg.text.strip("\n"), "glue", extra)
                for key in RULE_ONLY:  # what the rules alone read
                    extra.pop(key, None)
                literal = literal_glue(seg.text, parsed.language, target) if ruled is None else None
            if cls in NO_MODEL:
                rec.status = SKIPPED
                rec.output = seg.text if cls == BLANK else recomment(cls, seg.text, parsed.language, target)
                tasks.append(None)
            elif ruled is not None:  # code a rule says has no target form (a test file's main guard)
                rec.status, rec.output = SKIPPED, ruled
                tasks.append(None)
            elif literal is not None:  # literal values only: translated without the model (translation.literals)
                rec.status, rec.output, rec.check = OK, literal, "literal values, converted without the model"
                tasks.append(None)
            else:
                units = [names.get(o.name) or o.name for o in tops]
                tasks.append(TranslationTask(parsed.language, target, seg.text.strip("\n") + "\n", "glue",
                                             "glue", UnitContext(**extra, units=units)))
        records.append(rec)
    if parsed.language.name == "java" and target.name == "python":  # loops Python has no form for, as whiles
        for t in tasks:
            if t is not None and t.kind != "glue":
                t.code = whiled(t.code, parsed.language)
    return records, tasks
