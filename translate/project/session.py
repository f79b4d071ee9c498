"""One ``translate repo`` run as a project: the symbol map before translation, the module writer after it, the
build files and the check at the end. The runner (translate.repo.runner) calls it at those three points.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translate.oracle.scenarios import TestTrace
from translate.project.build import build_files
from translate.project.check import CheckResult
from translate.project.checkers import CHECKERS, can_check
from translate.project.context import ProjectContext, project_prompts
from translate.project.java import JavaModuleWriter
from translate.project.javascript import SHIMS, ModuleWriter
from translate.project.python import PythonModuleWriter
from translate.project.repair import RepairOutcome, repair_rounds
from translate.project.rewrite import ModuleWrite
from translate.project.symbols import SymbolMap, build_symbols
from translate.source.languages import Language
from translate.source.units import ParsedFile
from translate.translation.prompts import PROJECT_CHECK
from translate.translation.records import Attempt, FileResult

# Targets whose output files are rewritten as modules of one project (imports, exports, tests registered).
WRITERS: dict[str, type[ModuleWriter] | type[PythonModuleWriter] | type[JavaModuleWriter]] = {
    "javascript": ModuleWriter, "python": PythonModuleWriter, "java": JavaModuleWriter}
# The test framework of a source language's test classes (the support file the migrated tests need).
CLASS_FRAMEWORKS = {"python": "unittest", "java": "junit"}


@dataclass
class ProjectFile:
    path: str  # source, relative to SRC
    output: str  # relative to DST
    parsed: ParsedFile


@dataclass
class ProjectOutcome:
    """The project part of the report."""

    build_files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    check: CheckResult | None = None  # the last check (after the repair rounds)
    first_check: CheckResult | None = None  # before any repair round, when one ran
    repair: RepairOutcome | None = None

    def to_dict(self) -> dict:
        return {"build_files": self.build_files, "notes": self.notes,
                "check": self.check.to_dict() if self.check is not None else None,
                "first_check": self.first_check.to_dict() if self.first_check is not None else None,
                "repair": self.repair.to_dict() if self.repair is not None else None}


class ProjectSession:
    def __init__(self, files: list[ProjectFile], target: Language):
        self.target = target
        self.symbols: SymbolMap = build_symbols((f.path, f.parsed) for f in files)
        outputs = {self.symbols.by_path[f.path].module: f.output for f in files if f.path in self.symbols.by_path}
        writer = WRITERS.get(target.name)
        self.writer = writer(self.symbols, target, outputs) if writer is not None else None
        self.context = ProjectContext(self.symbols, target)
        self.outcome = ProjectOutcome()
        self.compiler: Any = None  # a Java target's check of each answer in the project (once typed)
        # the repair turns of the answers the test repair rounds kept, by file and unit, oldest first: a file
        # translated again later (the in-place repair) gives them again, so its units keep their repaired answers
        self.kept_turns: dict[str, dict[str, list[Attempt]]] = {}

    @property
    def wants_types(self) -> bool:
        """A Java target from Python: its signatures' types come from a run of the source's tests (:meth:`typed`)."""
        return self.target.name == "java" and isinstance(self.writer, JavaModuleWriter) and any(
            m.language == "python" for m in self.symbols.modules.values())

    def typed(self, trace: TestTrace) -> str:
        """Before translation: the types of the signatures from ``trace`` (what the source project's own tests
        passed and got back; translate.project.java_context). Returns a line for the user."""
        from translate.project.java_context import JavaSignatures
        from translate.project.java_types import TypeMap

        assert isinstance(self.writer, JavaModuleWriter)
        signatures = JavaSignatures(self.symbols, TypeMap.from_records(trace.records), self.target)
        self.writer.signatures = self.context.java = signatures
        from translate.project.java_compile import UnitCompiler

        self.compiler = UnitCompiler(signatures, self.writer.package)
        typed = len(signatures.types.functions) + len(signatures.types.classes)
        if trace.failed:
            return f"types: none from the source's tests ({trace.failed}); the model chooses them"
        return f"types: from the source's {trace.tests} test(s), for {typed} function(s) and class(es)"

    @contextmanager
    def prompts(self) -> Iterator[None]:
        """Pipeline calls inside this block give each unit its project context (and, for Java, compile each
        answer against the project's skeleton: translate.project.java_compile)."""
        token = PROJECT_CHECK.set(self.compiler.problem if self.compiler is not None else None)
        try:
            with project_prompts(self.context):
                yield
        finally:
            PROJECT_CHECK.reset(token)

    def is_test(self, path: str) -> bool:
        m = self.symbols.by_path.get(path)
        return m is not None and m.is_test

    def write_file(self, path: str, output: str, result: FileResult) -> ModuleWrite | None:
        """Rewrite one translated file as a module of the project (before it is written)."""
        if self.writer is None:
            return None
        return self.writer.write(path, output, result)

    def build_files(self, project_name: str, taken: set[str]) -> dict[str, str]:
        """The build files to write (a path another output already has is left to it, with a note)."""
        if self.writer is None:
            return {}
        out = {}
        used = {CLASS_FRAMEWORKS[m.language] for m in self.symbols.modules.values()
                if m.test_classes and m.language in CLASS_FRAMEWORKS}
        if any(tp.fixtures for m in self.symbols.modules.values() for tp in m.test_params.values()):
            used.add("pytest")  # pytest's fixtures (templates/pytest.js)
        used |= {mod for m in self.symbols.modules.values() for mod, _, _ in m.imports if mod in SHIMS}
        frameworks = tuple(sorted(used))
        package = getattr(self.writer, "package", None)  # Java: the package its support classes are in
        for rel, text in build_files(self.target.name, project_name, frameworks, package).items():
            if rel in taken:
                self.outcome.notes.append(f"{rel}: not generated, an output of the same path exists")
            else:
                out[rel] = text
        return out

    def check(self, dst: Path, written: list[tuple[str, str]], wanted: bool | None) -> CheckResult | None:
        """Build and test the written project (``written``: (source path, output path)); ``wanted`` None: when
        the target's toolchain is here."""
        if wanted is False or self.writer is None:
            return None
        why = can_check(self.target.name)
        if why is not None:
            result = CheckResult(self.target.name, skipped=why)
        else:
            # a package's ``__main__`` is a script (running it is the program's work, not loading it): copied
            # beside the modules for the tests that import it, not imported by the build check
            scripts = [o for p, o in written if p.rsplit("/", 1)[-1].startswith("__main__.")]
            modules = [o for p, o in written if not self.is_test(p) and o not in scripts]
            tests = [o for p, o in written if self.is_test(p)]
            result = CHECKERS[self.target.name](dst, modules, tests, [*self.outcome.build_files, *scripts])
        self.outcome.check = result
        return result

    def repair(self, files: dict[str, tuple[ParsedFile, FileResult]], first: CheckResult, backend, options, cache,
               emit: Callable[[str, FileResult, bool], None], check: Callable[[], CheckResult], dst: Path,
               rounds: int) -> str:
        """Repair rounds after the check ``first`` (translate.project.repair). ``files``: source path -> (parsed,
        written result); ``emit(path, result, fresh)`` writes a result (``fresh``: rewrite it as a module first).
        Returns a line saying what the rounds did."""
        from translate.translation.pipeline import translate_parsed

        def retranslate(prior: dict[str, dict[str, list[Attempt]]]) -> dict[str, FileResult]:
            paths = list(prior)
            with self.prompts():
                got = translate_parsed([files[p][0] for p in paths], self.target, backend, options, cache=cache,
                                       prior=lambda path, rec: prior.get(path or "", {}).get(
                                           rec.qualname if rec.kind == "glue" else rec.name, []))
            for path, res in zip(paths, got):
                emit(path, res, True)
            return dict(zip(paths, got))

        def read(out: str) -> str | None:
            try:
                return (dst / out).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None

        def restore(old: dict[str, FileResult]) -> None:
            for path, res in old.items():
                emit(path, res, False)

        last, outcome = repair_rounds(self.symbols, self.target, {p: r for p, (_, r) in files.items()}, first, check,
                                      retranslate, restore, read, rounds, backend.is_chat, self.kept_turns)
        self.outcome.first_check, self.outcome.check, self.outcome.repair = first, last, outcome
        fixed = sum(t.fixed for t in outcome.tests)
        return (f"repair: {len(outcome.rounds)} round(s), {fixed} of {len(outcome.tests)} failing test(s) fixed; "
                f"migrated tests: {last.passed} passed, {last.failed} failed ({outcome.stopped})")
