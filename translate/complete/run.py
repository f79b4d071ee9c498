"""Stub completion: find stub functions, ask the model for bodies, validate, splice them in place.

Each stub is one engine :class:`~translate.translation.jobs.Job` (multi-turn repair exactly like translation).
A candidate is accepted only when the file with it spliced in still parses (libcst for Python), the
unit keeps its signature, decorators and docstring, and its body is no longer a stub. Units that never
pass leave the file untouched at that place; the reason is recorded.

Completion-style models (CodeGen) see the file up to the unit's signature and docstring and continue
with the body; chat models get the context and the stub in a chat prompt and answer with the whole
function, whose body is grafted under the original signature and docstring
(:mod:`translate.complete.text`).
"""
from __future__ import annotations

import re
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from translate.complete.text import body_end, graft, head_text, indent_stop, trim_context
from translate.engines.base import Backend, GenRequest
from translate.source.languages import Language, get_language
from translate.source.stubs import Stub, definition_nodes, find_stubs, node_for, signature, unwrap
from translate.source.units import ParsedFile, Unit, parse_text, refuse_too_deep
from translate.source.validate import Diagnostic, validate
from translate.translation.assemble import splice
from translate.translation.extract import answer_complete, extract_code
from translate.translation.jobs import Job
from translate.translation.loop import run_jobs
from translate.translation.prompts import templates
from translate.translation.records import FAILED, OK, REPAIRED, Attempt, UnitRecord

GENERATED_MARK = "@generated"


@dataclass
class CompleteOptions:
    max_turns: int = 3
    samples: int = 1
    temperature: float = 0.0
    top_p: float = 0.95
    seed: int | None = None
    context_tokens: int = 768  # budget for the file context before the unit
    max_new_tokens: int = 384  # budget for one body

    def effective_temperature(self) -> float:
        return 0.8 if self.samples > 1 and self.temperature <= 0 else self.temperature


@dataclass
class CompletionResult:
    path: str | None
    language: str
    source: str
    text: str  # the file with every completed stub spliced in (== source when nothing changed)
    units: list[UnitRecord] = field(default_factory=list)  # one per stub found
    skipped: str | None = None  # why the whole file was left alone (@generated, syntax errors, ...)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return self.text != self.source

    @property
    def completed(self) -> int:
        return sum(u.status in (OK, REPAIRED) for u in self.units)

    @property
    def failed(self) -> list[UnitRecord]:
        return [u for u in self.units if u.status == FAILED]

    def to_dict(self) -> dict:
        return {"path": self.path, "language": self.language, "changed": self.changed, "completed": self.completed,
                "failed": len(self.failed), "skipped": self.skipped, "seconds": round(self.seconds, 3),
                "source": self.source, "text": self.text, "units": [u.to_dict() for u in self.units]}

    @classmethod
    def from_dict(cls, d: dict) -> CompletionResult:
        units = [_record_from_dict(u) for u in d.get("units", [])]
        return cls(d.get("path"), d["language"], d["source"], d["text"], units, d.get("skipped"),
                   float(d.get("seconds", 0.0)))


def _record_from_dict(d: dict) -> UnitRecord:
    attempts = []
    for a in d.get("attempts", []):
        diags = [Diagnostic(**x) for x in a.get("diagnostics", [])]
        attempts.append(Attempt(a["turn"], a["candidate"], a["text"], diags, a.get("problem"),
                                a.get("new_tokens", 0), a.get("seconds", 0.0), a.get("verified")))
    return UnitRecord(d["index"], d["kind"], d["name"], d["qualname"], d["source"], d["status"], d.get("output"),
                      d.get("reason"), attempts, d.get("cache_hit", False), d.get("verified"))


def skip_reason(text: str, lang: Language, path: str | None) -> str | None:
    """Files never completed: generated code and Python type-stub files (where ``...`` is the point)."""
    if GENERATED_MARK in text:
        return f"marked {GENERATED_MARK}"
    if path and lang.name == "python" and Path(path).suffix == ".pyi":
        return "a type stub file (.pyi)"
    return None


def plan(parsed: ParsedFile) -> tuple[list[Stub], str | None]:
    """(stubs to complete, reason the file is skipped)."""
    reason = skip_reason(parsed.source, parsed.language, parsed.path)
    if reason:
        return [], reason
    stubs = find_stubs(parsed)
    if stubs and parsed.diagnostics:
        d = parsed.diagnostics[0]
        return stubs, f"the file has syntax errors (line {d.line}: {d.message}); fix them first"
    return stubs, None


def _occurrence(units: list[Unit], unit: Unit) -> int:
    return [u.start_byte for u in units if u.qualname == unit.qualname].index(unit.start_byte)


def check_completion(source: str, lang: Language, unit: Unit, candidate: str) -> list[Diagnostic]:
    """Why ``candidate`` cannot replace ``unit`` in ``source`` (empty list: it can)."""
    if not candidate.strip():
        return [Diagnostic(1, 1, "empty answer")]
    new_text = splice(source, [(unit.start_byte, unit.end_byte, candidate)])
    diags = validate(new_text, lang)
    if diags:
        d = diags[0]
        line = d.line - unit.start_line + 1
        inside = 1 <= line <= candidate.count("\n") + 1
        return [Diagnostic(line if inside else 1, d.column, d.message if inside else f"the file no longer parses: {d.message}")]
    old = parse_text(source, lang)
    new = parse_text(new_text, lang)
    nth = _occurrence(old.units, unit)
    same = [u for u in new.units if u.qualname == unit.qualname]
    if len(same) <= nth:
        return [Diagnostic(1, 1, f"expected the {unit.kind} {unit.name}, found no such definition")]
    got = same[nth]
    old_node = node_for(unit, definition_nodes(old))
    node = node_for(got, definition_nodes(new))
    new_data = new_text.encode("utf-8")
    if node is None or old_node is None:
        return [Diagnostic(1, 1, f"expected the {unit.kind} {unit.name}, found no such definition")]
    if signature(node, new_data) != signature(old_node, source.encode("utf-8")):
        shown = re.split(r"\s(?:#|//)", unit.signature)[0]
        return [Diagnostic(1, 1, f"the signature changed: keep `{shown}` exactly (got `{got.signature}`)")]
    if _norm_doc(got.doc) != _norm_doc(unit.doc):
        return [Diagnostic(1, 1, "the docstring changed: keep it exactly as it was")]
    if lang.is_stub is not None and lang.is_stub(unwrap(node), new_data):
        return [Diagnostic(1, 1, "the body is still a stub: write a real implementation")]
    return []


def _norm_doc(doc: str | None) -> str:
    return " ".join((doc or "").split())


@dataclass
class _Task:
    result: CompletionResult
    stub: Stub
    record: UnitRecord


def _make_job(task: _Task, lang: Language, backend: Backend, opts: CompleteOptions) -> Job:
    source = task.result.source
    stub, unit = task.stub, task.stub.unit
    data = source.encode("utf-8")
    chat = bool(backend.is_chat)
    context = trim_context(data[: unit.start_byte].decode("utf-8"), opts.context_tokens, backend.count_tokens, lang)
    head = head_text(stub, data, lang)
    what = "method" if unit.kind == "method" else "function"
    values = dict(language=lang.display, what=what, name=unit.name, hint=lang.hint, fence=lang.fence,
                  comment=lang.line_comment, indent=stub.indent, head=head)
    budget = min(opts.max_new_tokens + (backend.count_tokens(unit.text) if chat else 0), 2048)
    t = templates("complete")

    def build(attempts: list[Attempt]) -> GenRequest:
        turn_firsts = {a.turn: a for a in reversed(attempts)}  # first candidate of each finished turn
        finals = [turn_firsts[k] for k in sorted(turn_firsts)]
        common = dict(max_new_tokens=budget, temperature=opts.effective_temperature(), top_p=opts.top_p,
                      n=opts.samples, seed=opts.seed)
        if chat:
            ctx = t["chat"]["context"].format(context=context.strip("\n"), **values) if context.strip() else ""
            stub_code = _dedent(stub.indent + unit.text)
            messages = [{"role": "system", "content": t["chat"]["system"].format(**values)},
                        {"role": "user", "content": t["chat"]["first"].format(context=ctx, stub=stub_code, **values)}]
            for a in finals:
                messages.append({"role": "assistant", "content": f"```{lang.fence}\n{_dedent(stub.indent + a.text).rstrip()}\n```"})
                messages.append({"role": "user", "content": t["chat"]["repair"].format(problem=a.problem or "it did not validate", **values)})
            req = GenRequest(messages=messages, prefix=t["chat"]["prefix"].format(**values), **common)
            req.is_complete = lambda text: answer_complete(text, lang, True)
            return req
        if finals:
            problem = " ".join((finals[-1].problem or "it did not validate").split())
            prompt = t["completion"]["repair"].format(context=context, problem=problem, **values)
        else:
            prompt = t["completion"]["first"].format(context=context, **values)
        if lang.indent_blocks:
            return GenRequest(prompt=prompt, stop=[indent_stop(stub.indent)], **common)
        req = GenRequest(prompt=prompt, **common)
        req.is_complete = lambda text: body_end(text) is not None
        return req

    def clean(raw: str) -> str:
        if chat:
            return graft(extract_code(raw, lang, fenced=True), stub, data, lang)
        if lang.indent_blocks:
            return (head + raw).rstrip()
        end = body_end(raw)
        return head + (raw[:end] if end is not None else raw).rstrip()

    def check(candidate: str) -> list[Diagnostic]:
        return check_completion(source, lang, unit, candidate)

    return Job(task.record, build, check, clean)


def _dedent(text: str) -> str:
    return textwrap.dedent(text)


def complete_parsed(files: list[ParsedFile], backend: Backend, options: CompleteOptions | None = None,
                    on_unit: Callable[[str | None, UnitRecord], None] | None = None) -> list[CompletionResult]:
    """Complete the stubs of every file; units of all files share the engine's batches."""
    opts = options or CompleteOptions()
    t0 = time.perf_counter()
    results, tasks = [], []
    for parsed in files:
        res = CompletionResult(parsed.path, parsed.language.name, parsed.source, parsed.source)
        results.append(res)
        stubs, reason = plan(parsed)
        for i, stub in enumerate(stubs):
            u = stub.unit
            rec = UnitRecord(i, u.kind, u.name, u.qualname, u.text)
            if reason:
                rec.status, rec.reason = FAILED, reason
            res.units.append(rec)
            if not reason:
                tasks.append(_Task(res, stub, rec))
        res.skipped = reason if reason and not stubs else None
    owner = {id(t.record): t.result.path for t in tasks}
    jobs = [_make_job(t, get_language(t.result.language), backend, opts) for t in tasks]
    run_jobs(jobs, backend, opts, on_done=(lambda job: on_unit(owner[id(job.record)], job.record)) if on_unit else None)
    for res in results:
        _assemble(res, [t for t in tasks if t.result is res])
    elapsed = time.perf_counter() - t0
    for res in results:
        res.seconds = elapsed / max(1, len(results))
    return results


def _assemble(res: CompletionResult, tasks: list[_Task]) -> None:
    edits = [(t.stub.unit.start_byte, t.stub.unit.end_byte, t.record.output) for t in tasks
             if t.record.status in (OK, REPAIRED) and t.record.output is not None]
    if not edits:
        return
    text = splice(res.source, edits)
    diags = validate(text, get_language(res.language))
    if diags:  # each unit passed alone but not together: keep the file as it was
        for t in tasks:
            if t.record.status in (OK, REPAIRED):
                t.record.status = FAILED
                t.record.reason = f"the completed file does not parse (line {diags[0].line}: {diags[0].message})"
        return
    res.text = text


def complete_source(text: str, language: str, backend: Backend, options: CompleteOptions | None = None,
                    *, path: str | None = None) -> CompletionResult:
    """Complete the stubs of one source text."""
    return complete_parsed([refuse_too_deep(parse_text(text, get_language(language), path))], backend, options)[0]


def stub_lines(parsed: ParsedFile) -> list[tuple[int, str]]:
    """(line, qualname) of each stub, for ``--check``."""
    stubs, reason = plan(parsed)
    return [] if reason and not stubs else [(s.unit.start_line, s.unit.qualname) for s in stubs]


__all__ = ["CompleteOptions", "CompletionResult", "complete_parsed", "complete_source", "check_completion",
           "plan", "skip_reason", "stub_lines", "GENERATED_MARK"]
