"""``--emit-tests DIR``: the behaviour recordings of a translated file, written as tests of its output.

After a run with behaviour checks, every top-level source function whose recording has cases (its unit
was verified or differs) is written as a test in the target's own runner (``translate.oracle.emit_tests``:
pytest, ``node --test``, a Java or C++ ``main``), importing the output by its path, so the migration leaves the
user with regression tests. The recordings come from the unit cache (the run just made them), or are
made again in the sandbox.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from translate.oracle.emit_tests import emit
from translate.source.languages import get_language
from translate.source.units import parse_text
from translate.translation.naming import NameMap
from translate.translation.recorder import Recorder
from translate.translation.records import FileResult


def emit_tests(result: FileResult, source_text: str, tests_dir: str, cache: Any = None) -> tuple[str, int]:
    """Write the test file for ``result`` into ``tests_dir``; (its path, the number of functions it tests).
    ValueError (with the reason) when nothing can be written: no recorded case, or no emitter for the target."""
    from translate.fsutil import atomic_write_text

    if result.output_path is None:
        raise ValueError("the output was not written to a file (tests import it by its path)")
    target = get_language(result.target_language)
    source = parse_text(source_text, get_language(result.source_language), result.path)
    names = NameMap(target)
    names.add_all((u.name, u.kind) for u in source.units)
    wanted = [u for u in result.units if u.kind == "function" and u.check
              and u.check.startswith(("verified", "differs"))]
    recorder = Recorder(cache)
    try:
        futures = [(recorder.submit(source_text, source.language.name, u.name), names.get(u.name) or u.name)
                   for u in wanted]
        items = [(f.result(), name) for f, name in futures]
    finally:
        recorder.close()
    items = [(rec, name) for rec, name in items if rec.usable]
    if not items:
        raise ValueError("no function with recorded inputs (none was verified or differs)")
    name, text = emit(items, target.name, result.output_path, tests_dir, output_code=result.text)
    Path(tests_dir).mkdir(parents=True, exist_ok=True)
    path = str(Path(tests_dir) / name)
    atomic_write_text(path, text)
    return path, len(items)
