"""A Java unit's answer compiled against the project's skeleton while the unit still has turns left.

javac sees a project only once every unit is written, and one wrong method then stops the build, so what
javac could tell a unit (``item`` is not declared: a Python local its answer never declared) would reach it only
in a repair round after the check. Here each answer of a class or a module function is compiled in the sandbox
with a skeleton of the rest of the project: every class and module function with its typed signature
(translate.project.java_context) and a body that throws. Reported, as a repair turn: a name the answer uses that
neither Java, the project nor the answer declares, and a type error against the signatures the prompts gave
(one about ``Object``, the skeleton's word for a type no test showed, is left out).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from translate.project.build import java_support
from translate.project.java import package_private
from translate.project.java_context import JavaSignatures, Param
from translate.project.java_types import ClassTypes
from translate.project.symbols import Symbol
from translate.sandbox import Limits, find_tool, program_dir
from translate.sandbox import javac as run_javac
from translate.sandbox.runner import JAVAC_VERBOSE
from translate.source.languages import get_language
from translate.translation.checks import split_imports
from translate.translation.glue_java import dedupe_fields
from translate.translation.naming import target_name

LIMITS = Limits(timeout=60, memory_mb=3 * 1024, processes=128, disk_mb=64)
_THROW = "{ throw new UnsupportedOperationException(); }"


def _decl(p: Param) -> str:
    return f"Object{p.name}" if p.name.startswith("...") else f"{p.type or 'Object'} {p.name}"


class UnitCompiler:
    """Compiles answers of one Python project's units as Java against its skeleton."""

    def __init__(self, signatures: JavaSignatures, package: str):
        self.sig, self.package = signatures, package
        self.java = get_language("java")
        self.names = self._project_names()
        self.seen: dict[str, str | None] = {}

    def _project_names(self) -> set[str]:
        out: set[str] = set()
        for m in self.sig.symbols.modules.values():
            out.add(self.sig.holder(m.module))
            for name, sym in m.defined.items():
                out |= {name, target_name(name, "function", self.java)} if sym.kind == "function" else {name}
                out |= {target_name(mn, "method", self.java) for mn, _ in sym.methods}
                ct = self.sig.types.classes.get((m.path, name))
                out |= {target_name(f, "variable", self.java) for f in (ct.fields if ct else {})}
        return out

    def _function_stub(self, sym: Symbol) -> str:
        fn = self.sig.types.functions.get((self.sig.path_of(sym), sym.name))
        ret = self.sig.ret_type(fn) or "Object"
        params = ", ".join(_decl(p) for p in self.sig.params(sym.params, fn))
        return f"    static {ret} {target_name(sym.name, 'function', self.java)}({params}) {_THROW}"

    def _class_stub(self, sym: Symbol) -> str:
        if self.sig.is_exception(sym) and not sym.methods:
            return (f"class {sym.name} extends RuntimeException {{ {sym.name}() {{}} "
                    f"{sym.name}(Object m) {{ super(String.valueOf(m)); }} }}")
        ct = self.sig.types.classes.get((self.sig.path_of(sym), sym.name)) or ClassTypes()
        base = self.sig.base(sym)
        lines = [f"class {sym.name}" + (f" extends {base}" if base else "") + " {", f"    {sym.name}() {{}}"]
        for f, shape in ct.fields.items():
            lines.append(f"    {self.sig.jtype(shape) or 'Object'} {target_name(f, 'variable', self.java)};")
        for mname, params in sym.methods:
            fn = ct.init if mname == "__init__" else ct.methods.get(mname)
            shown = self.sig.params(params, fn if fn is not None and fn.calls else None)
            if mname == "__init__":
                if shown:
                    lines.append(f"    {sym.name}({', '.join(_decl(p) for p in shown)}) {{}}")
                continue
            if mname.startswith("__"):
                continue
            ret = self.sig.ret_type(fn) or "Object"
            static = "static " if mname in sym.static else ""
            lines.append(f"    {static}{ret} {target_name(mname, 'method', self.java)}"
                         f"({', '.join(_decl(p) for p in shown)}) {_THROW}")
        return "\n".join(lines) + "\n}"

    def _files(self, path: str, name: str, kind: str, code: str) -> tuple[dict[str, str], str, int]:
        """The skeleton's files with the answer in a file of its own (an error a stub shows because of the answer,
        like a subclass stub's implicit ``super()``, is not the answer's line); that file and the answer's first
        line in it."""
        statics = [f"import static {self.package}.{self.sig.holder(m.module)}.{target_name(n, 'function', self.java)};"
                   for m in self.sig.symbols.modules.values() if not m.is_test
                   for n, s in m.defined.items() if s.kind == "function"]
        files: dict[str, str] = {}
        if any(mod == "re" for m in self.sig.symbols.modules.values() for mod, _, _ in m.imports):
            files["re.java"] = java_support("re.java", self.package)[1]  # what the written project has
        own, start = "", 0
        for i, m in enumerate(m for m in self.sig.symbols.modules.values() if not m.is_test):
            holder = self.sig.holder(m.module)
            head = [f"package {self.package};", "import java.util.*;",
                    *(s for s in statics if f".{holder}." not in s)]
            functions = [self._function_stub(s) for n, s in m.defined.items()
                         if s.kind == "function" and not (m.path == path and kind == "function" and n == name)]
            mine = m.path == path
            if mine:
                imports, answer = split_imports(code, self.java)
                needed = self.java.needed_imports(answer) if self.java.needed_imports is not None else []
                own = f"Answer{i}.java"
                lines = [*head, *imports, *(n for n in needed if n not in imports)]  # as the file gets them
                if kind == "function":
                    lines += [f"class {holder} {{", *functions]
                    functions = []
                start = len(lines) + 1
                body = answer.strip("\n") if kind == "function" else package_private(answer.strip("\n"))
                files[own] = "\n".join(lines + [body] + (["}"] if kind == "function" else [])) + "\n"
                if kind == "function":  # the answer's own second declaration of a field: one, as the writer keeps
                    files[own] = dedupe_fields(files[own], self.java, holder)
            if functions:
                files[f"H{i}.java"] = "\n".join([*head, f"class {holder} {{", *functions, "}"]) + "\n"
            for k, (n, sym) in enumerate((n, s) for n, s in m.defined.items() if s.kind == "class"):
                if not (mine and kind == "class" and n == name):
                    files[f"C{i}_{k}.java"] = "\n".join([*head, self._class_stub(sym)]) + "\n"
        return files, own, start

    def problem(self, path: str, name: str, kind: str, code: str) -> str | None:
        """What javac says is wrong in ``code`` (the answer for unit ``name`` of ``path``) whatever the rest of the
        project is; None when nothing, or when javac is not here."""
        key = f"{path}|{name}|{kind}|{code}"
        if key not in self.seen:
            self.seen[key] = self._compile(path, name, kind, code)
        return self.seen[key]

    def _compile(self, path: str, name: str, kind: str, code: str) -> str | None:
        from translate.project.check_java import MISSING_SYMBOL, parse_javac

        if find_tool("javac") is None:
            return None
        files, own, start = self._files(path, name, kind, code)
        if not own:
            return None
        work = Path(os.path.realpath(tempfile.mkdtemp(prefix="translate-unit-java-", dir=program_dir("java"))))
        try:
            for rel, text in files.items():
                (work / rel).write_text(text, encoding="utf-8")
            run = run_javac(work, ["-proc:none", "-d", "classes", "-encoding", "UTF-8", "-nowarn", JAVAC_VERBOSE, *files], LIMITS,
                            output_chars=100_000)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        if run.passed:
            return None
        lines = files[own].split("\n")
        found = []
        for file, line, msg in parse_javac(run.stdout + "\n" + run.stderr):
            if file != own or line < start:
                continue
            code_line = lines[line - 1].strip() if 0 < line <= len(lines) else ""
            m = MISSING_SYMBOL.search(msg)
            m = m if m is not None and m.group(1) != "class" else None
            if m is not None and m.group(2) not in self.names:
                what = "declares" if m.group(1) == "variable" else "defines"
                found.append(f"`{m.group(2)}` is used but nothing {what} it in Java (javac: {msg.split(' (')[0]}), "
                             f"at `{code_line}`")
            elif m is None and "cannot find symbol" not in msg and "Object" not in msg:
                # a type error against the signatures the prompt gave (where the skeleton does not know a type it
                # says Object: those are left out, as are names of the project the skeleton may lack)
                found.append(f"javac: {msg}, at `{code_line}`")
        return ("it does not compile: " + "; ".join(dict.fromkeys(found[:3]))) if found else None
