"""parse -> prompt -> generate -> validate (-> repair turn) -> assemble, for one file or many.

Units from every file given share the engine's batches. A unit cache (``.get/.put``) short-cuts units
whose inputs did not change; keys cover the model identity, a fingerprint of the prompt template and the
code that cleans and checks answers (``KEY_INPUTS``), the prompt parts, generation settings, languages,
unit text and the context the prompt used.
"""
from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import partial
from typing import Protocol

from translate.engines.base import Backend, Engine, GenRequest
from translate.source.languages import Language, get_language
from translate.source.units import ParsedFile, parse_text, refuse_too_deep
from translate.translation.behaviour import FileState, UnitVerifier, not_checked
from translate.translation.bigclass import SPLIT_TOKENS, split_big_classes
from translate.translation.checks import check_glue, check_translation
from translate.translation.class_behaviour import behaviour_verifier, unit_functions
from translate.translation.clean import clean_answer
from translate.translation.ctor_behaviour import constructor_verifier, wire
from translate.translation.declared import declared_problem
from translate.translation.extract import answer_complete, split_fence
from translate.translation.holders import unwrap_holders
from translate.translation.java_fields import constructor_problem, missing_fields, unset_fields
from translate.translation.jobs import Job, fingerprint, lookup, replay_record
from translate.translation.keys import KEY_INPUTS, NOT_KEYED  # noqa: F401  (NOT_KEYED: tests/test_cache_keys.py)
from translate.translation.loop import run_jobs
from translate.translation.method_answers import method_end
from translate.translation.naming import NameMap
from translate.translation.output import finalize
from translate.translation.pitfalls import (
    dropped_calls,
    leftover_builtins,
    python_string_ops,
    shadowed_builtins,
    test_method_params,
    untested,
)
from translate.translation.plan import plan_file, refine
from translate.translation.premade import conclude, rule_answer
from translate.translation.prompts import PROJECT_CHECK, PROJECT_CONTEXT, TranslationTask, build_request, chat_parts
from translate.translation.py_nested import shadowing_fields
from translate.translation.py_overloads import duplicate_methods
from translate.translation.recorder import Recorder
from translate.translation.records import FAILED, Attempt, FileResult, UnitRecord
from translate.translation.signature import parameter_problem, params_of
from translate.translation.split_repair import split_seeds
from translate.translation.structure import dropped_loops


@dataclass
class TranslateOptions:
    max_turns: int = 3
    samples: int = 1  # candidates per turn; the first that validates is kept
    temperature: float = 0.0  # 0 = greedy (with samples > 1 a temperature of 0.8 is used)
    top_p: float = 0.95
    seed: int | None = None
    repair_temperature: float = 0.7  # repair turns sample (seeded per unit), so they can differ from turn 1
    # candidates per repair turn when the user's tests judge them (--tests): the first that passes is kept
    # (a behaviour check's repair turns ask for one answer each: see build() in _make_job)
    repair_samples: int = 3
    # one more turn of this many sampled answers for a unit still failing when its turns ran out or it repeated
    # itself (translate.translation.loop.rescue); 0: none
    rescue_samples: int = 0
    rule_answers: bool = True  # Java -> Python, Python -> JavaScript: a rule's answer where the model's differ (translation.premade)
    rescue_temperature: float = 0.8
    batch_size: int = 32
    token_factor: float = 2.5  # new-token budget = factor * source tokens + slack
    token_slack: int = 64
    max_new_tokens: int = 1024
    # behaviour checks against the source (translate.translation.behaviour): auto | require | off. The
    # library's default is off; the commands default to auto.
    verify: str = "off"
    # a class over this many (estimated) source tokens is translated as a skeleton plus one unit per method
    # (translate.translation.bigclass); 0: never
    split_class_tokens: int = SPLIT_TOKENS

    def effective_temperature(self) -> float:
        if self.samples > 1 and self.temperature <= 0:
            return 0.8
        return self.temperature

    def generation_key(self) -> dict:
        d = asdict(self)
        d.pop("batch_size")  # does not change answers
        d.pop("split_class_tokens")  # what the units are: their code is in the key
        return d


class UnitCache(Protocol):
    def get(self, key: str) -> dict | None: ...
    def put(self, key: str, value: dict) -> None: ...


Verifier = Callable[[str], tuple[bool, str | None]]
OnUnit = Callable[[str | None, UnitRecord], None]
# (source path, unit record) -> the unit's repair turns, oldest first (an earlier answer with its problem each): the
# kept ones of earlier rounds, then this round's; the unit starts on the last one ([]: as usual). A split class's
# pieces replay the whole chain (translation.split_repair); any other unit's last turn already holds its answer.
Prior = Callable[[str | None, UnitRecord], list[Attempt]]


def seeded_key(key: str, seeded: Attempt) -> str:
    """The cache key of a unit (key ``key``) asked on the repair turn ``seeded``."""
    return hashlib.sha256(f"{key}|{seeded.text}|{seeded.problem}".encode()).hexdigest()


def _outcome(cache: UnitCache | None, keys: list[str | None], pos: int, seeded: Attempt | None) -> dict | None:
    """The cached outcome of the unit at ``pos`` asked as usual (``seeded`` None) or on the repair turn ``seeded``."""
    key = keys[pos]
    if cache is None or key is None:
        return None
    return cache.get(seeded_key(key, seeded) if seeded is not None else key)


def _budget(backend: Backend, text: str, opts: TranslateOptions) -> int:
    n = backend.count_tokens(text)
    return max(32, min(opts.max_new_tokens, int(n * opts.token_factor) + opts.token_slack))


def cache_key(backend: Backend, opts: TranslateOptions, task: TranslationTask) -> str:
    payload = {
        "model": backend.model_id, "revision": backend.revision, "chat": backend.is_chat,
        "code_version": fingerprint(KEY_INPUTS), "parts": sorted(chat_parts()), "gen": opts.generation_key(),
        "source": task.source.name,
        "target": task.target.name, "kind": task.kind, "name": task.name, "code": task.code,
        "context": task.context.key(),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


@dataclass
class _Plan:
    parsed: ParsedFile
    records: list[UnitRecord]


def _not_again(soft: Callable[[str], str | None] | None, seeded: Attempt) -> Callable[[str], str | None]:
    """A repair turn's soft check: an answer that is the code it was asked to repair (whitespace aside) fails with
    that code's problem, so the next turn is asked (the prompt then says the answer repeated itself) instead of
    ending the job on it; if no turn answers anything else, it is kept as it was."""
    same = " ".join(seeded.text.split())

    def check(code: str) -> str | None:
        if same and " ".join(code.split()) == same:
            return seeded.problem or "it is the code that failed"
        return soft(code) if soft is not None else None
    return check


def _make_job(backend: Backend, opts: TranslateOptions, task: TranslationTask, rec: UnitRecord,
              verifier: Verifier | UnitVerifier | None, names: NameMap, holder: str = "") -> Job:
    fenced = backend.is_chat
    budget = _budget(backend, task.code, opts)
    glue = task.kind == "glue"

    def build(attempts: list[Attempt]) -> GenRequest:
        turn = len({a.turn for a in attempts}) + 1
        temperature = opts.effective_temperature()
        n = opts.samples
        if turn > 1 and isinstance(verifier, UnitVerifier):
            # a behaviour repair: one answer a turn (greedy first, then sampled). Measured on Python -> JavaScript,
            # 80 tasks (bench/RESULTS.md `## oracle`): turn 2's greedy answer fixed 8 units, turn 3's three samples
            # 1 unit for 39% of all tokens
            if turn > 2:
                temperature = max(temperature, opts.repair_temperature)
        elif turn > 1:
            temperature = max(temperature, opts.repair_temperature)
            if verifier is not None and not glue:  # tests tell candidates apart: ask for several
                n = max(n, opts.repair_samples)
        if job.rescuing:  # the last turn: several sampled answers to the same repair prompt
            temperature, n = max(temperature, opts.rescue_temperature), max(n, job.rescue)
        seed = int(hashlib.sha256(f"{opts.seed}|{turn}|{task.code}".encode()).hexdigest()[:8], 16)
        req = build_request(task, attempts, chat=fenced, max_new_tokens=budget, temperature=temperature,
                            top_p=opts.top_p, n=n, seed=seed)
        if fenced:  # chat models: the closing fence ends the answer (helpers may follow the unit inside it)
            req.is_complete = lambda text: split_fence(text)[1]
        elif task.kind == "method":  # completion models: the end of the unit, or of a bare method (bigclass)
            req.is_complete = lambda text: answer_complete(text, task.target, False) \
                or method_end(text, task.target) is not None
        elif not glue:  # completion models: the end of the first unit
            req.is_complete = lambda text: answer_complete(text, task.target, False)
        return req

    clean = partial(clean_answer, task=task, names=names, fenced=fenced)

    if glue:
        check = lambda code: check_glue(code, task.target, task.code, task.source)
    else:
        check = lambda code: check_translation(code, task.target, task.kind, task.name)
    soft = None
    keep = task.context.keep_calls
    behaviour = verifier if isinstance(verifier, UnitVerifier) else None

    def lost(code: str) -> str | None:  # a dropped ``re.sub``, a lost loop of the source
        return dropped_calls(code, keep, task.source, task.target) or dropped_loops(code, task.code, task.source,
                                                                                     task.target)
    if behaviour is not None:  # named when the answer differs
        behaviour.hint = lost
    if task.kind in ("function", "method"):
        source_params = params_of(task.code, task.source, task.name)
        known = frozenset(task.context.names)

        def dropped(code: str) -> str | None:  # a gate only where no behaviour check judges the answer
            return None if behaviour is not None and behaviour.recording.usable else lost(code)

        def soft(code: str) -> str | None:
            return (declared_problem(code, task.context.declared, task.target, task.target_name or task.name)
                    or parameter_problem(code, task.target, source_params, task.name, task.source)
                    or leftover_builtins(code, task.target, known) or shadowed_builtins(code, task.target)
                    or python_string_ops(code, task.target) or unset_fields(code, task.code, task.source, task.target)
                    or untested(code, task.context.must_call, task.source, task.target) or dropped(code))
    elif task.context.must_call:  # a test class
        soft = lambda code: (untested(code, task.context.must_call, task.source, task.target)
                             or test_method_params(code, task.target))
    elif task.kind == "class" and task.source.name == "java":  # its fields left out, methods defined twice
        soft = lambda code: missing_fields(code, task.code, task.source, task.target, task.context.constructor_apart) \
            or constructor_problem(code, task.code, task.source, task.target) \
            or duplicate_methods(code, task.target) or shadowing_fields(code, task.target)
    in_project = PROJECT_CHECK.get()  # read here: the job loop's threads do not see this context
    if in_project is not None and task.context.where and task.kind in ("function", "class"):
        inner = soft

        def soft(code: str) -> str | None:
            return (inner(code) if inner is not None else None) \
                or in_project(task.context.where, task.name, task.kind, code)
    job = Job(rec, build, check, clean, None if glue else verifier, fixups=task.target.answer_fixups, soft_check=soft)
    job.stop_when_stuck = not (fenced and "fresh" in chat_parts())  # ``fresh`` starts over after a repeat
    job.rescue = 0 if glue else opts.rescue_samples
    if isinstance(verifier, UnitVerifier):
        job.conclude = lambda record, v=verifier: conclude(record, v)
        job.premade = rule_answer(task, fenced, holder, verifier, rec) if opts.rule_answers else None  # (premade)
    return job


def translate_parsed(files: list[ParsedFile], target: Language, backend: Backend, options: TranslateOptions,
                     *, cache: UnitCache | None = None, on_unit: OnUnit | None = None,
                     verifier: Verifier | None = None, prior: Prior | None = None) -> list[FileResult]:
    """``prior``: top-level units it gives an attempt (``turn=0``: the answer and what is wrong with it) start on a
    repair turn, cached under their own key (the unit's key, that answer and that problem); a split class's pieces
    are not asked (its constructor has the class's name)."""
    t0 = time.perf_counter()
    backend.batch_size = options.batch_size  # one knob: the options' batch size is the backend's
    jobs: list[Job] = []
    plans: list[_Plan] = []
    owner: dict[int, str | None] = {}
    in_project = PROJECT_CONTEXT.get() is not None  # translate repo: classes stay classes (translation.holders)
    parsed_files = [refine(split_big_classes(unwrap_holders(f, target, keep=in_project), target,
                                              options.split_class_tokens)) for f in files]
    names = NameMap(target)  # every unit of every file: calls across files get the same names
    names.add_all((u.name, u.kind) for parsed in parsed_files for u in parsed.units)
    callers = getattr(verifier, "callers", None)  # a verifier built from target tests knows their calls
    behaviour = options.verify != "off" and verifier is None  # the user's tests, when given, judge instead
    recorder = Recorder(cache) if behaviour else None
    for parsed in parsed_files:
        records, tasks = plan_file(parsed, target, names)
        plans.append(_Plan(parsed, records))
        state = FileState(parsed, records, target)
        for task in tasks if callers is not None else []:  # what the user's tests pass to each unit
            if task is not None and task.kind != "glue":
                task.context.test_calls = callers(task.target_name)
        keys = [cache_key(backend, options, t) if cache is not None and t is not None else None for t in tasks]
        moved = split_seeds(parsed, records, partial(prior, parsed.path), partial(_outcome, cache, keys)) \
            if prior is not None else {}  # a split class's turn
        for pos, (rec, task) in enumerate(zip(records, tasks)):
            owner[id(rec)] = parsed.path
            functions = unit_functions(rec, parsed, target) if recorder is not None and rec.kind != "glue" else []
            if recorder is not None and rec.kind != "glue" and (not functions or task is None):
                rec.check = not_checked(rec)
            if task is None:
                if on_unit:
                    on_unit(parsed.path, rec)
                continue
            key = keys[pos]
            chain = prior(parsed.path, rec) if prior is not None and "." not in rec.qualname else []
            seeded = moved[pos] if pos in moved else chain[-1] if chain else None  # split classes' pieces: split_repair
            if seeded is not None and key is not None:
                key = seeded_key(key, seeded)
            if lookup(cache, key, partial(replay_record, rec)):  # the cached outcome, as is
                if on_unit:
                    on_unit(parsed.path, rec)
                continue
            unit_verifier: Verifier | UnitVerifier | None = verifier
            if recorder is not None and functions:  # recorded while the model answers
                unit_verifier = behaviour_verifier(state, pos, functions, recorder, parsed, parsed.language.display)
            if recorder is not None:  # a big Java class's constructor or skeleton: through its methods
                unit_verifier = constructor_verifier(state, pos, rec, parsed, target, unit_verifier)
            job = _make_job(backend, options, task, rec, unit_verifier, names, parsed.source)
            wire(state, pos, job)
            job.key = key
            if seeded is not None:
                rec.attempts.append(seeded)
                job.soft_check = _not_again(job.soft_check, seeded)
            jobs.append(job)

    # the shared cached loop: each finished unit committed, each answer journaled as it arrives
    try:
        run_jobs(jobs, backend, options, on_done=(lambda job: on_unit(owner[id(job.record)], job.record))
                 if on_unit else None, cache=cache)
    finally:
        if recorder is not None:
            recorder.close()
    results = []
    for plan in plans:
        text, diags = finalize(plan.parsed, plan.records, target)
        results.append(FileResult(plan.parsed.path, plan.parsed.language.name, target.name, text, plan.records,
                                  diags, seconds=0.0, model=backend.model_id))
    elapsed = time.perf_counter() - t0
    total_units = sum(len(r.units) for r in results) or 1
    for r in results:  # wall time shared by units when files were batched together
        r.seconds = elapsed * len(r.units) / total_units
    return results


def translate_sources(items: list[tuple[str | None, str, str]], target: str, backend: Backend,
                      options: TranslateOptions | None = None, *, cache: UnitCache | None = None,
                      on_unit: OnUnit | None = None, verifier: Verifier | None = None) -> list[FileResult]:
    """Translate many ``(path, text, source_language)`` items in shared batches."""
    tgt = get_language(target)
    parsed = [refuse_too_deep(parse_text(text, get_language(src), path)) for path, text, src in items]
    return translate_parsed(parsed, tgt, backend, options or TranslateOptions(), cache=cache, on_unit=on_unit,
                            verifier=verifier)


def translate_source(text: str, source: str, target: str, backend: Backend, options: TranslateOptions | None = None,
                     *, verifier: Verifier | None = None, path: str | None = None,
                     on_unit: OnUnit | None = None) -> FileResult:
    """Translate one source text; returns the :class:`FileResult` the CLI prints."""
    return translate_sources([(path, text, source)], target, backend, options, verifier=verifier, on_unit=on_unit)[0]


def translate_file(src: str, target: str, *, output: str | None = None, source: str | None = None,
                   backend: Backend | Callable[[], Backend] | None = None, model: str | None = None, options: TranslateOptions | None = None,
                   force: bool = False, write: bool = True, verifier: Verifier | None = None,
                   on_unit: OnUnit | None = None, max_bytes: int | None = None,
                   cache: UnitCache | None = None) -> FileResult:
    """Translate the file ``src`` and (unless ``write=False``) write the result atomically.

    The default output is beside the source with the target extension; the source is never overwritten
    and an existing output only with ``force``. ``output="-"`` writes nothing (the caller prints).
    ``backend``: an engine, or a function that makes one (called only once the input is known good).
    ``cache``: a unit cache (the CLI uses the user's, :func:`user_unit_cache`); a re-run whose units are all
    cached loads no model.
    """
    from pathlib import Path

    from translate.errors import InputError
    from translate.fsutil import atomic_write_text
    from translate.source.files import load
    from translate.source.validate import validate
    from translate.translation.output import default_output_path

    tgt = get_language(target)
    parsed = load(src, source, max_bytes, newlines=True)
    diags = validate(parsed.source, parsed.language)
    if diags:
        d = diags[0]
        raise InputError(f"{src}:{d.line}:{d.column}: source has syntax errors ({d.message}); fix them first "
                         f"(`translate check {src}` lists them)")
    out = output or default_output_path(src, tgt)
    if out != "-":
        if Path(out).resolve() == Path(src).resolve():
            raise InputError(f"{out}: output would overwrite the source")
        if write and Path(out).exists() and not force:
            raise InputError(f"{out} exists; pass --force to overwrite it, or -o elsewhere")
    opts = options or TranslateOptions()
    if backend is None:
        from translate.engines.loader import BackendConfig, open_backend

        engine: Backend = open_backend(BackendConfig(model=model))
    else:
        engine = backend if isinstance(backend, Engine) else backend()
    result = translate_parsed([parsed], tgt, engine, opts, on_unit=on_unit, verifier=verifier,
                              cache=None if verifier is not None else cache)[0]
    result.output_path = None if out == "-" else out
    if write and out != "-":
        atomic_write_text(out, result.text)
    return result


def user_unit_cache():
    """The unit cache ``translate file`` keeps in the user's translate home (``TRANSLATE_HOME``)."""
    from translate.home import home_dir
    from translate.translation.cache import UnitCache as SqliteUnitCache

    return SqliteUnitCache(home_dir() / "units.sqlite")


__all__ = ["translate_file", "TranslateOptions", "translate_source", "translate_sources", "translate_parsed", "cache_key", "FAILED"]
