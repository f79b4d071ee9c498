"""The Python-to-JavaScript fixes the project writer applies to a whole written module, in order, with what the
symbol map knows (:mod:`translate.project.javascript` calls :func:`fix_python_module`).

Each fix is certain where it applies and says so in a note (the report's file notes): Python idioms
(:mod:`translate.translation.idioms`, with the project's constants, classes and function signatures), keyword
arguments the model passed by position (:mod:`keyword_calls`), tuple unpacking
(:mod:`translate.translation.unpacking`), environment variables tested with ``in``
(:mod:`translate.translation.environ`), ``re.sub`` callbacks reading a match object
(:mod:`translate.translation.replace_callbacks`), Python's ``re`` calls turned into JavaScript methods
(:mod:`translate.translation.re_calls`), ``typing.cast(T, v)`` written as ``v`` (:mod:`typing_casts`), locals
assigned without a declaration (:mod:`undeclared`); in a test
file, the ``monkeypatch`` calls written from the source (:mod:`monkeypatch`) and Jest's ``expect`` written as
``node:assert`` (:mod:`translate.translation.testblocks`); and CommonJS main guards
(:mod:`main_guard`).
"""
from __future__ import annotations

from translate.project.idiom_facts import call_signatures, constant_kinds
from translate.project.keyword_calls import place_dropped_keywords
from translate.project.main_guard import fix_main_guards
from translate.project.monkeypatch import fix_test_patches
from translate.project.symbols import ModuleInfo, SymbolMap
from translate.project.typing_casts import cast_names, drop_casts
from translate.project.undeclared import declare_assigned
from translate.source.languages import Language
from translate.translation.environ import fix_environ_tests
from translate.translation.idioms import fix_python_idioms
from translate.translation.naming import target_name
from translate.translation.re_calls import restore_re_calls
from translate.translation.records import FAILED, FileResult
from translate.translation.replace_callbacks import fix_replace_callbacks
from translate.translation.testblocks import jest_to_assert
from translate.translation.unpacking import fix_unpacking


def fix_python_module(text: str, target: Language, symbols: SymbolMap, m: ModuleInfo, result: FileResult,
                      locals_: dict[str, str], known: set[str], notes: list[str]) -> str:
    """``text`` (the written module of Python module ``m``) with the fixes of the module docstring; ``locals_``:
    source local name -> target local name of ``m``'s imports; ``known``: names the file gets from elsewhere
    (imports, the test runner's); each fix's note is appended to ``notes``."""
    signatures = call_signatures(symbols, m, locals_, target)
    python_re = next((local for (mod, name, local), level in zip(m.imports, m.level)
                      if level == 0 and mod == "re" and name is None), None)
    source = "".join(rec.source for rec in result.units)
    steps = [
        lambda t: fix_python_idioms(t, target, signatures, constant_kinds(symbols, m, locals_, target), python_re),
        lambda t: place_dropped_keywords(t, result.units, target, locals_, signatures),
        lambda t: fix_unpacking(t, target, source),
        lambda t: fix_environ_tests(t, target, source),
        lambda t: fix_replace_callbacks(t, target, source),
        lambda t: restore_re_calls(t, target, source, python_re, python_re or "re"),
        lambda t: drop_casts(t, target, cast_names(m)),
        lambda t: declare_assigned(t, target, known),
    ]
    if m.is_test:
        tests = {target_name(rec.name, "function", target): rec.source for rec in result.units
                 if rec.name in m.tests and rec.kind == "function" and rec.status != FAILED}
        steps.append(lambda t: fix_test_patches(t, target, tests))
        steps.append(lambda t: jest_to_assert(t, target))  # helpers too: the pipeline did the test functions
    steps.append(lambda t: fix_main_guards(t, target, m.is_test))
    for step in steps:
        text, fixed = step(text)
        notes += fixed
    return text
