"""Same-language rewrites through the engine: plan units, build rewrite Jobs, splice the results.

Each selected unit (a function, a method, a class without methods; top-level code too for recipes
that need it) becomes one :class:`translate.translation.jobs.Job`: multi-turn prompt, cleaned answer, checks
(:mod:`translate.refactor.checks`), and with ``--tests`` a verify step that runs the project's suite
on a copy holding the rewrites accepted so far. Results are spliced into the original bytes, so every
unit that was not rewritten stays byte-identical (checked again on the assembled file).

Outcomes per unit: rewritten, rolled back (valid, but it turned the tests red), unchanged (the answer
or the recipe's pre-filter left it as it was), failed (never validated: the original stays), skipped
(not selected by ``--only``).
"""
from __future__ import annotations

import fnmatch
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from translate.engines.base import Backend
from translate.refactor.checks import check_rewrite, same_code
from translate.refactor.prompt import RewriteTask, build_request
from translate.refactor.recipes import Recipe
from translate.refactor.testgate import TestGate
from translate.source.languages import Language
from translate.source.units import ParsedFile, Unit, parse_text
from translate.source.validate import Diagnostic, validate
from translate.translation.assemble import splice
from translate.translation.checks import split_imports
from translate.translation.extract import extract_code
from translate.translation.jobs import Job, cached_attempts, fingerprint, lookup
from translate.translation.loop import run_jobs
from translate.translation.pipeline import TranslateOptions
from translate.translation.records import FAILED, SKIPPED, Attempt, UnitRecord

REWRITTEN, ROLLED_BACK, UNCHANGED, FAILED_OUT, SKIPPED_OUT = "rewritten", "rolled back", "unchanged", "failed", "skipped"
OUTCOMES = (REWRITTEN, ROLLED_BACK, UNCHANGED, FAILED_OUT, SKIPPED_OUT)


@dataclass
class Piece:
    """One rewritable part of a file: a leaf unit or a block of top-level code."""

    record: UnitRecord
    start: int  # byte range in the original file
    end: int
    indent: str  # the unit's indentation (methods), removed for the prompt and put back after
    code: str  # dedented original
    outcome: str = SKIPPED_OUT
    task: RewriteTask | None = None


@dataclass
class FileRefactor:
    path: str | None
    language: Language
    original: str
    pieces: list[Piece]
    text: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    accepted: dict[int, str] = field(default_factory=dict)  # piece index -> accepted answer

    def counts(self) -> dict[str, int]:
        c = {o: 0 for o in OUTCOMES}
        for p in self.pieces:
            c[p.outcome] += 1
        return c

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def render(self, accepted: dict[int, str] | None = None) -> str:
        """The file with ``accepted`` answers spliced in and their import lines hoisted."""
        accepted = self.accepted if accepted is None else accepted
        edits, hoisted = [], []
        for i, answer in accepted.items():
            p = self.pieces[i]
            imports, body = split_imports(answer, self.language) if p.record.kind != "glue" else ([], answer)
            hoisted += [line for line in imports if line not in hoisted]
            edits.append((p.start, p.end, _reindent(body, p.indent, p.record.kind == "glue")))
        text = splice(self.original, edits)
        return _hoist(text, [i for i in hoisted if i.strip() not in {ln.strip() for ln in text.split("\n")}],
                      self.language)


def _dedent(text: str, indent: str) -> str:
    if not indent:
        return text
    lines = text.split("\n")
    return "\n".join([lines[0], *(ln[len(indent):] if ln.startswith(indent) else ln for ln in lines[1:])])


def _reindent(code: str, indent: str, glue: bool) -> str:
    code = code.strip("\n") if not glue else code.rstrip("\n")
    if not indent:
        return code
    lines = code.split("\n")
    return "\n".join([lines[0], *(indent + ln if ln.strip() else ln for ln in lines[1:])])


_DOCSTRING = re.compile(r'\A(\s*(#[^\n]*\n|\s)*)("""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\')[^\n]*\n')


def _hoist(text: str, imports: list[str], lang: Language) -> str:
    """Insert import lines after the file's last leading import (or its docstring)."""
    if not imports:
        return text
    block = "".join(f"{i.strip()}\n" for i in imports)
    pat = re.compile(lang.import_pattern)
    lines = text.split("\n")
    last = None
    for n, line in enumerate(lines):
        if pat.match(line) and not line.startswith((" ", "\t")):
            last = n
        elif line.strip() and not line.startswith((lang.line_comment, " ", "\t", ")")) and last is not None:
            break
    if last is not None:
        while last + 1 < len(lines) and lines[last].rstrip().endswith(("(", ",", "\\")):
            last += 1  # a parenthesised import continues
        return "\n".join(lines[: last + 1]) + "\n" + block.rstrip("\n") + "\n" + "\n".join(lines[last + 1:])
    m = _DOCSTRING.match(text) if lang.name == "python" else None
    at = m.end() if m else 0
    return text[:at] + block + ("\n" if text[at:].strip() else "") + text[at:]


def _leaves(parsed: ParsedFile) -> list[Unit]:
    return [u for u in parsed.units if not u.children]


def _context(parsed: ParsedFile, unit: Unit | None) -> str:
    lines = []
    if unit is not None and unit.parent:
        parent = next((u for u in parsed.units if u.qualname == unit.parent), None)
        if parent is not None:
            lines.append(f"It is a method of `{parent.signature}`.")
    pat = re.compile(parsed.language.import_pattern)
    imports = [ln.strip() for s in parsed.segments if s.unit is None for ln in s.text.split("\n") if pat.match(ln)]
    if imports:
        lines.append("The file imports: " + "; ".join(imports[:8]) + ".")
    others = [u.signature for u in _leaves(parsed) if u is not unit][:12]
    if others and unit is not None:
        lines.append("Other definitions in the file: " + ", ".join(f"`{s}`" for s in others) + ".")
    return "\n".join(lines) + "\n" if lines else ""


def _head(code: str, unit: Unit, allow: frozenset[str]) -> str:
    """Decorators/comments + ``def name`` of the original: a completion model's forced start."""
    if allow & {"name", "decorators"} or unit.kind == "glue":
        return ""
    m = re.search(rf"\b(def|class|function|fn|func)\s+{re.escape(unit.name)}\b", code)
    return code[: m.end()] if m else ""


def plan_file(parsed: ParsedFile, recipe: Recipe, only: list[str] | None) -> FileRefactor:
    data = parsed.source.encode("utf-8")
    plan = FileRefactor(parsed.path, parsed.language, parsed.source, [])
    pieces: list[tuple[int, int, str, UnitRecord, Unit | None]] = []
    for u in _leaves(parsed):
        line_start = data.rfind(b"\n", 0, u.start_byte) + 1
        indent = data[line_start:u.start_byte].decode("utf-8")
        pieces.append((u.start_byte, u.end_byte, indent if not indent.strip() else "",
                       UnitRecord(len(pieces), u.kind, u.name, u.qualname, u.text), u))
    if recipe.include_glue and not only:
        for seg in parsed.segments:
            if seg.unit is None and _has_code(seg.text, parsed.language):
                lead = len(seg.text) - len(seg.text.lstrip("\n"))
                body = seg.text.strip("\n")
                start = seg.start_byte + len(seg.text[:lead].encode("utf-8"))
                line = data.count(b"\n", 0, start) + 1
                rec = UnitRecord(len(pieces), "glue", "<top-level>", f"<top-level line {line}>", body)
                pieces.append((start, start + len(body.encode("utf-8")), "", rec, None))
    pieces.sort(key=lambda p: p[0])
    for n, (start, end, indent, rec, unit) in enumerate(pieces):
        rec.index = n
        code = _dedent(data[start:end].decode("utf-8"), indent)
        piece = Piece(rec, start, end, indent, code)
        if only and not any(fnmatch.fnmatchcase(rec.qualname, g) or fnmatch.fnmatchcase(rec.name, g) for g in only):
            rec.reason = "not selected by --only"
        elif recipe.applies is not None and not recipe.applies(code, rec.kind):
            piece.outcome, rec.status, rec.output = UNCHANGED, SKIPPED, code
            rec.reason = f"nothing to do for the {recipe.name} recipe"
        else:
            piece.task = RewriteTask(parsed.language, code, rec.kind, rec.name, recipe.instruction, recipe.allow,
                                     _context(parsed, unit), _head(code, unit, recipe.allow) if unit else "",
                                     recipe.example, recipe.start(code) if recipe.start and unit else "",
                                     recipe.until)
        plan.pieces.append(piece)
    return plan


def _has_code(text: str, lang: Language) -> bool:
    return any(ln.strip() and not ln.strip().startswith(lang.line_comment) for ln in text.split("\n"))


# What a cached rewrite depends on besides its inputs, hashed into its key (no version bumped by hand): the
# prompts (prompt.py holds the templates), the recipes (instructions, pre-filters, finishing, extra checks),
# the checks and this module (cleaning, verifying, replaying), the answer extraction and the job loop.
_HERE = Path(__file__).resolve().parent
KEY_INPUTS: tuple[str, ...] = tuple(str(_HERE / name) for name in (
    "prompt.py", "recipes.py", "checks.py", "refactor.py", "../translation/prompts.py",
    "../translation/extract.py", "../translation/jobs.py"))


def cache_key(backend: Backend, opts: TranslateOptions, recipe: Recipe, task: RewriteTask, tests: str | None) -> str:
    payload = {"model": backend.model_id, "revision": backend.revision, "chat": backend.is_chat,
               "code_version": fingerprint(KEY_INPUTS), "recipe": recipe.name,
               "gen": opts.generation_key(), "task": task.key(), "tests": tests, "kind": "refactor"}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


OnUnit = Callable[[str | None, UnitRecord], None]


def refactor_parsed(files: list[ParsedFile], backend: Backend, recipe: Recipe, options: TranslateOptions, *,
                    only: list[str] | None = None, gate: TestGate | None = None, cache=None,
                    on_unit: OnUnit | None = None) -> list[FileRefactor]:
    """Plan and run: every file's units rewritten in shared batches."""
    plans = [plan_file(p, recipe, only) for p in files]
    run_plans(plans, backend, recipe, options, gate=gate, cache=cache, on_unit=on_unit)
    return plans


def needs_model(plans: list[FileRefactor]) -> bool:
    return any(p.task is not None for plan in plans for p in plan.pieces)


def run_plans(plans: list[FileRefactor], backend: Backend | None, recipe: Recipe, options: TranslateOptions, *,
              gate: TestGate | None = None, cache=None, on_unit: OnUnit | None = None) -> None:
    """Rewrite the planned pieces (``backend`` may be None when :func:`needs_model` is False)."""
    jobs: list[Job] = []
    owner: dict[int, FileRefactor] = {}
    for plan in plans:
        for i, piece in enumerate(plan.pieces):
            owner[id(piece.record)] = plan
            if piece.task is None:
                if on_unit:
                    on_unit(plan.path, piece.record)
                continue
            job = _job(plan, i, piece, backend, options, recipe, gate)
            key = None
            if cache is not None:
                key = cache_key(backend, options, recipe, piece.task, gate.command if gate else None)
            if lookup(cache, key, partial(_replay, job)):  # checked (and tested) again
                if on_unit:
                    on_unit(plan.path, piece.record)
                continue
            job.key = key
            jobs.append(job)

    # the shared cached loop: each finished unit committed, each answer journaled as it arrives
    run_jobs(jobs, backend, options, on_done=(lambda job: on_unit(owner[id(job.record)].path, job.record))
             if on_unit else None, cache=cache)
    for plan in plans:
        _finish(plan, gate is not None)


def _job(plan: FileRefactor, i: int, piece: Piece, backend: Backend, opts: TranslateOptions, recipe: Recipe,
         gate: TestGate | None) -> Job:
    task = piece.task
    glue = task.kind == "glue"
    budget = min(opts.max_new_tokens, max(64, int(backend.count_tokens(task.code) * opts.token_factor) + 96))

    def build(attempts: list[Attempt]):
        return build_request(task, attempts, chat=backend.is_chat, max_new_tokens=budget,
                             temperature=opts.effective_temperature(), top_p=opts.top_p, n=opts.samples,
                             seed=opts.seed)

    def clean(raw: str) -> str:
        code = extract_code(raw, task.lang, fenced=backend.is_chat, whole=glue)
        return recipe.finish(code, task.code) if recipe.finish is not None and not glue else code

    def check(code: str) -> list[Diagnostic]:
        return check_rewrite(code, task.code, task.lang, task.kind, task.name, recipe)

    def verify(code: str) -> tuple[bool, str | None]:
        if same_code(code, task.code):
            return True, None
        ok, why = gate.try_text(gate.relative(plan.path), plan.render({**plan.accepted, i: code}))
        if ok:
            plan.accepted[i] = code
            return True, None
        return False, f"the project's tests fail with this rewrite ({why})"

    return Job(piece.record, build, check, clean, verify if gate is not None else None)


def _replay(job: Job, hit: dict) -> bool:
    """Use a cached result; a cached rewrite is checked (and verified) again first. False: run the job."""
    rec = job.record
    rec.attempts = cached_attempts(hit)
    rec.cache_hit = True
    if hit["status"] == FAILED or hit.get("verified") is False or not hit.get("output"):
        rec.status, rec.output, rec.reason = hit["status"], hit.get("output"), hit.get("reason")
        rec.verified = hit.get("verified")
        return True
    code = hit["output"]
    if job.check(code):
        rec.attempts, rec.cache_hit = [], False
        return False
    if job.verify is not None:
        ok, why = job.verify(code)
        if not ok:
            rec.attempts, rec.cache_hit = [], False
            return False
        rec.verified = True
    rec.status, rec.output, rec.reason = hit["status"], code, hit.get("reason")
    return True


def _finish(plan: FileRefactor, gated: bool) -> None:
    for i, p in enumerate(plan.pieces):
        rec = p.record
        if p.task is None:
            continue
        if rec.status == FAILED or rec.output is None:
            p.outcome = FAILED_OUT
        elif rec.verified is False:
            p.outcome = ROLLED_BACK
        elif same_code(rec.output, p.code):
            p.outcome = UNCHANGED
        else:
            p.outcome = REWRITTEN
            if not gated:
                plan.accepted[i] = rec.output
    plan.accepted = {i: a for i, a in plan.accepted.items() if plan.pieces[i].outcome == REWRITTEN}
    plan.text = plan.render()
    problem = _integrity(plan)
    if problem is not None:
        for i in plan.accepted:
            plan.pieces[i].outcome, plan.pieces[i].record.reason = FAILED_OUT, problem
        plan.accepted = {}
        plan.text = plan.original
    plan.diagnostics = validate(plan.text, plan.language) if plan.changed else []


def _integrity(plan: FileRefactor) -> str | None:
    """Why the assembled file cannot be kept (None: fine): it must parse if the original did, and every
    unit that was not rewritten must be byte-identical."""
    if not plan.accepted:
        return None
    if validate(plan.text, plan.language) and not validate(plan.original, plan.language):
        d = validate(plan.text, plan.language)[0]
        return f"the assembled file does not parse (line {d.line}: {d.message})"
    touched = {plan.pieces[i].record.index for i in plan.accepted}
    before = [p.record for p in plan.pieces if p.record.kind != "glue" and p.record.index not in touched]
    after = [u.text for u in _leaves(parse_text(plan.text, plan.language))]
    at = 0
    for rec in before:  # in order: each untouched unit is still there, byte for byte
        while at < len(after) and after[at] != rec.source:
            at += 1
        if at == len(after):
            return f"unit {rec.qualname} would not stay byte-identical"
        at += 1
    return None
