"""Which units a failing migrated test blames, and what their repair turn is told.

A test blames the project units its source calls (from the symbol map: the names the test function uses that
its file imports, followed to the file that defines them), first those no passing test calls itself; a later
round widens to the units those call in turn (one level) and the units on the failure's stack. The test
function itself is blamed only when the failure is in its own code (a ReferenceError raised inside it). An error
the test runner's template raises (``monkeypatch.setattr`` of a name it cannot patch, a fixture it lacks) is the
migrated test's use of the runner: the unit of the test file on the innermost frame is blamed (the test, or the
helper it called).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from translate.project.check import TestCase
from translate.project.symbols import SymbolMap
from translate.source.languages import get_language
from translate.translation.naming import target_name
from translate.translation.records import OK, REPAIRED, FileResult, UnitRecord
from translate.translation.rules import RULED

_WORD = re.compile(r"[A-Za-z_]\w*")
_FRAME = re.compile(r"^(?:async )?(?:(?P<fn>[\w$.<>\[\] ]+?) \()?(?:file://)?(?P<file>[^\s()]+?):(?P<line>\d+):\d+\)?$")
_METHODS = ("function_definition", "method_declaration", "method_definition")  # Python, Java, JavaScript
MAX_BLAMED = 4  # units one failing test sends to repair in a round
_PY_FRAME = re.compile(r"^(?P<file>[^\s:]+\.py):(?P<line>\d+)(?:: in (?P<fn>[\w.<>]+))?$")  # translate.project.check_python
_OWN_CODE = ("ReferenceError", "SyntaxError", "NameError")  # failures inside the test function's own code
RUNNER_TEMPLATES = ("pytest.js", "unittest.js", "junit_asserts.py")  # translate.project.build's test support


@dataclass(frozen=True)
class UnitRef:
    path: str  # source path
    name: str  # top-level unit (function or class) name in the source

    def __str__(self) -> str:
        return f"{self.path}::{self.name}"


@dataclass(frozen=True)
class Frame:
    function: str
    output: str  # project output path
    line: int


def _raised_by_runner(case: TestCase) -> bool:
    """Whether the innermost frame of the failure's stack is in the test runner's template."""
    for line in case.details.get("stack", "").splitlines():
        m = _FRAME.match(line.strip()) or _PY_FRAME.match(line.strip())
        if m is not None:
            return m.group("file").rsplit("/", 1)[-1] in RUNNER_TEMPLATES
    return False


def case_of(name: str) -> str:
    """The test a reported name is a case of: ``test_color[3]`` (a parametrized case) -> ``test_color``."""
    return re.sub(r"\[[^\[\]]*\]$", "", name)


def frames(case: TestCase, outputs: list[str]) -> list[Frame]:
    """The stack frames of a failure that are in project output files (innermost first)."""
    out = []
    for line in case.details.get("stack", "").splitlines():
        m = _FRAME.match(line.strip()) or _PY_FRAME.match(line.strip())
        if m is None:
            continue
        path = m.group("file")
        hit = next((o for o in outputs if path == o or path.endswith("/" + o)), None)
        if hit is not None:
            out.append(Frame((m.group("fn") or "").replace("TestContext.", ""), hit, int(m.group("line"))))
    return out


class Blamer:
    """Maps tests to units through the symbol map and the translated files' records."""

    def __init__(self, symbols: SymbolMap, results: dict[str, FileResult], target):
        self.symbols = symbols
        self.results = results  # source path -> its (latest) result
        self.target = target
        self.output_of = {p: r.output_path or "" for p, r in results.items()}

    def record(self, ref: UnitRef) -> UnitRecord | None:
        """The record of a unit; top-level code by its qualified name (``<top-level 3>``)."""
        res = self.results.get(ref.path)
        if res is None:
            return None
        if ref.name.startswith("<top-level"):
            return next((u for u in res.units if u.kind == "glue" and u.qualname == ref.name), None)
        return next((u for u in res.units if u.kind != "glue" and u.name == ref.name), None)

    def at_line(self, output: str, line: int, read) -> UnitRef | None:
        """The unit or top-level code whose translation holds line ``line`` of the written file ``output``
        (``read(output) -> text``): where a file that did not load failed."""
        path = next((p for p, o in self.output_of.items() if o == output), None)
        text = read(output) if path is not None else None
        if path is None or not text or not 0 < line <= text.count("\n") + 1:
            return None
        code = text.split("\n")[line - 1].strip()
        if len(code) < 3:
            return None
        for u in self.results[path].units:
            if u.status in (OK, REPAIRED) and u.output and any(ln.strip() == code for ln in u.output.split("\n")):
                return UnitRef(path, u.qualname if u.kind == "glue" else u.name)
        return None

    def _uses(self, path: str, text: str, skip: str | None = None) -> list[UnitRef]:
        """Project units the source ``text`` of file ``path`` names: imported ones and the file's own."""
        m = self.symbols.by_path.get(path)
        if m is None:
            return []
        words = set(_WORD.findall(text))
        refs: list[UnitRef] = []
        for b in m.bindings:
            if b.local not in words:
                continue
            names = [b.name] if b.name is not None else [n for n in self.symbols.exported(b.module) if n in words]
            for n in names:
                sym = self.symbols.origin(b.module, n)
                owner = self.symbols.modules.get(sym.module) if sym is not None else None
                if sym is not None and owner is not None and sym.kind != "constant":
                    refs.append(UnitRef(owner.path, sym.name))
        refs += [UnitRef(path, n) for n, s in m.defined.items() if n in words and n != skip and s.kind != "constant"]
        return [r for i, r in enumerate(refs) if r not in refs[:i] and self.record(r) is not None]

    def test_record(self, test_path: str, test: str) -> UnitRecord | None:
        """The unit of a test: a test function, or the class of a test method (``Cls.method``)."""
        test = case_of(test)
        return self.record(UnitRef(test_path, test)) or self.record(UnitRef(test_path, test.split(".")[0]))

    def test_source(self, test_path: str, test: str) -> str | None:
        """The source text of a test: the function; for a test method ``Cls.method``, its class without the other
        test methods (its fields and set-up stay: they make what the method tests)."""
        rec = self.test_record(test_path, test)
        if rec is None:
            return None
        cls, _, method = case_of(test).partition(".")
        m = self.symbols.by_path.get(test_path)
        if not method or rec.name != cls or m is None:
            return rec.source
        others = set(m.test_classes.get(cls, [])) - {method}
        data = rec.source.encode("utf-8")
        cuts = []
        stack = [get_language(m.language).parse(data).root_node]
        while stack:
            node = stack.pop()
            name = node.child_by_field_name("name") if node.type in _METHODS else None
            if name is not None and data[name.start_byte:name.end_byte].decode("utf-8") in others:
                cuts.append((node.start_byte, node.end_byte))
                continue
            stack.extend(node.children)
        for start, end in sorted(cuts, reverse=True):
            data = data[:start] + data[end:]
        return data.decode("utf-8")

    def direct(self, test_path: str, test: str) -> list[UnitRef]:
        text = self.test_source(test_path, test)
        return self._uses(test_path, text, skip=case_of(test).split(".")[0]) if text is not None else []

    def one_level(self, refs: list[UnitRef]) -> list[UnitRef]:
        out: list[UnitRef] = []
        for r in refs:
            rec = self.record(r)
            if rec is not None:
                out += [u for u in self._uses(r.path, rec.source, skip=r.name) if u not in out]
        return out

    def on_stack(self, fs: list[Frame]) -> list[UnitRef]:
        """Units (of files that are not tests) whose target name a frame names (``Store.sell`` -> ``Store``)."""
        by_output = {o: p for p, o in self.output_of.items()}
        out: list[UnitRef] = []
        for f in fs:
            path = by_output.get(f.output)
            m = self.symbols.by_path.get(path or "")
            if path is None or m is None or m.is_test:
                continue
            head = f.function.split(".")[0]
            for name, sym in m.defined.items():
                if target_name(name, sym.kind, self.target) == head and UnitRef(path, name) not in out:
                    out.append(UnitRef(path, name))
        return out

    def _about_test(self, case: TestCase, unit: str) -> bool:
        """The error is about the migrated test itself (``StoreTest.test_sell() missing 3 required positional
        arguments``): the runner could not call it as written."""
        message = case.details.get("error") or case.error or ""
        name = target_name(unit, "class" if "." in case.name else "function", self.target)
        return bool(re.search(rf"\b{re.escape(name)}(\.\w+)?\(\) (missing|takes)\b", message))

    def _test_unit(self, test_path: str, function: str) -> UnitRef | None:
        """The unit of the test file whose target name a frame names (``assertCprint``, ``TestX.testY``)."""
        m = self.symbols.by_path.get(test_path)
        head = function.split(".")[0]
        for name, sym in (m.defined.items() if m is not None else ()):
            if target_name(name, sym.kind, self.target) == head or name == head:
                ref = UnitRef(test_path, name)
                return ref if self.record(ref) is not None else None
        return None

    def blame(self, test_path: str, case: TestCase, passing: set[UnitRef], widen: bool) -> list[UnitRef]:
        """The units ``case`` (a failing test of the file ``test_path``) sends to repair: ``passing``, the units
        passing tests call directly, only when nothing else is left; ``widen``: a later round."""
        fs = frames(case, list(self.output_of.values()))
        own = self.output_of.get(test_path)
        unit = case_of(case.name).split(".")[0]
        if self._about_test(case, unit):
            return [UnitRef(test_path, unit)]
        rec = self.test_record(test_path, case.name)
        ruled = rec is not None and rec.check == RULED  # the source's own test, written by rule: what it calls
        # is wrong, not its assertion (hashids-java: every round re-asked the ruled test class, "unchanged")
        if case.details.get("name") in _OWN_CODE and fs and fs[0].output == own and not ruled:  # in the test
            return [self._test_unit(test_path, fs[0].function) or UnitRef(test_path, unit)]  # file: its function
        if _raised_by_runner(case) and fs and fs[0].output == own and not ruled:
            return [self._test_unit(test_path, fs[0].function) or UnitRef(test_path, unit)]
        direct = self.direct(test_path, case.name)
        first = [r for r in direct if r not in passing] or direct
        if not widen:
            return first[:MAX_BLAMED]
        more = [r for r in self.on_stack(fs) + self.one_level(direct) if r not in passing and r not in first]
        return list(dict.fromkeys(first + more))[:MAX_BLAMED]


def load_problem(file: str, error: str, at: tuple[str, int], read) -> str:
    """What the unit at the line a migrated file died at when it loaded is told."""
    text = read(at[0]) or ""
    lines = text.split("\n")
    code = lines[at[1] - 1].strip() if 0 < at[1] <= len(lines) else ""
    return (f"the migrated test file {file} does not load: {error}, at {at[0]}:{at[1]}"
            + (f": `{code}`" if code else "") + ". Every test in it fails until this code runs when the module loads.")


def problem(case: TestCase, test_output: str, test_code: str | None, outputs: list[str], read, chat: bool,
            fence: str = "javascript") -> str:
    """What a blamed unit's repair turn is told: the test, its error, expected vs actual, the failing line in a
    project file (``read(output path) -> text``), and (chat models) the test's code."""
    d = case.details
    kind = d.get("name") or "Error"
    message = (d.get("error") or case.error or "it failed").strip()
    head = message if message.startswith(kind) else f"{kind}: {message}"
    lines = [f"the migrated test `{case.name}` ({test_output}) fails with {head}"]
    if "expected" in d or "actual" in d:
        lines.append(f"expected: {d.get('expected', '?')}; actual: {d.get('actual', '?')}")
    for f in frames(case, outputs)[:3]:
        text = read(f.output)
        code = text.split("\n")[f.line - 1].strip() if text and 0 < f.line <= text.count("\n") + 1 else ""
        lines.append(f"at {f.function or '<top level>'} ({f.output}:{f.line})" + (f": `{code}`" if code else ""))
    lines.append("The source's own test passes on the source code: make this code do what the source code does.")
    if not chat:
        return "; ".join(" ".join(ln.split()) for ln in lines)
    if test_code:
        # without the model's own import lines (the written file's imports are generated: translate.project)
        cut = [ln for ln in test_code.strip("\n").split("\n") if not ln.startswith(("import ", "from "))]
        cut = "\n".join(cut).strip("\n").split("\n")[:30]
        lines.append(f"The test:\n```{fence}\n" + "\n".join(cut) + "\n```")
    return "\n".join(lines)
