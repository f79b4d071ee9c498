"""The C++ drivers' standard headers precompiled once (translate.sandbox.pch): the compile takes the header,
the verdicts stay what they were, and a header that cannot be used costs only speed."""
from __future__ import annotations

from pathlib import Path

import pytest

from translate.oracle import check_candidate, record_source
from translate.sandbox import missing_tool, pch, runner

pytestmark = pytest.mark.skipif(missing_tool("cpp") is not None, reason="no g++")

SRC = 'def add(a: int, b: int) -> int:\n    """>>> add(2, 3)\n    5\n    """\n    return a + b\n'
GOOD = "int add(int a, int b) { return a + b; }\n"


@pytest.fixture()
def compiles(monkeypatch, tmp_path):
    """Each g++ command line and the folders it was given; the header kept in ``tmp_path / "pch"``."""
    monkeypatch.setenv("TRANSLATE_PCH", str(tmp_path / "pch"))
    seen: list[tuple[list[str], tuple[str, ...]]] = []
    run = runner.run_command

    def spy(argv, *args, **kwargs):
        if "g++" in Path(argv[0]).name:
            seen.append((list(argv), tuple(kwargs.get("expose") or ())))
        return run(argv, *args, **kwargs)
    monkeypatch.setattr(runner, "run_command", spy)
    return seen


def test_candidate_checks_compile_with_the_precompiled_header_built_once(compiles, tmp_path):
    rec = record_source(SRC, "python", "add")
    for _ in range(2):
        assert check_candidate(rec, GOOD, "cpp").status == "verified"
    (gch,) = (tmp_path / "pch").glob("*/prelude.h.gch")
    built = gch.stat().st_mtime_ns
    assert len(compiles) == 2
    for argv, expose in compiles:
        at = argv.index("-include")
        assert Path(argv[at + 1]) == gch.with_suffix("") and expose == (str(gch.parent),)
    assert check_candidate(rec, "int add(int a, int b) { return a - b; }\n", "cpp").status == "differs"
    bad = check_candidate(rec, "int add(int a, int b) { return a + ; }\n", "cpp")
    assert bad.status == "failed" and "compile" in (bad.reason or ""), bad
    assert gch.stat().st_mtime_ns == built  # not built again


def test_off_compiles_without_it(compiles, monkeypatch):
    monkeypatch.setenv("TRANSLATE_PCH", "off")
    assert check_candidate(record_source(SRC, "python", "add"), GOOD, "cpp").status == "verified"
    assert compiles and all("-include" not in argv for argv, _ in compiles)


def test_a_header_that_cannot_be_used_costs_only_speed(compiles, tmp_path):
    rec = record_source(SRC, "python", "add")
    assert check_candidate(rec, GOOD, "cpp").status == "verified"
    (gch,) = (tmp_path / "pch").glob("*/prelude.h.gch")
    gch.write_bytes(b"not a precompiled header")  # g++ then reads prelude.h itself
    assert check_candidate(rec, GOOD, "cpp").status == "verified"
    for f in gch.parent.iterdir():  # gone altogether (the run remembers it): compiled again without it
        f.unlink()
    compiles.clear()
    assert check_candidate(rec, GOOD, "cpp").status == "verified"
    assert [("-include" in argv) for argv, _ in compiles] == [True, False]
    assert check_candidate(rec, GOOD, "cpp").status == "verified"  # and the next check builds it again
    assert gch.is_file() and "-include" in compiles[-1][0]


def test_the_header_is_the_prelude_and_keyed_by_the_compiler(tmp_path, monkeypatch):
    monkeypatch.setenv("TRANSLATE_PCH", str(tmp_path))
    gxx = runner.find_tool("g++") or "g++"
    first = pch.header_for("#include <vector>\n", gxx)
    assert first is not None and first.read_text() == "#include <vector>\n" and first.with_suffix(".h.gch").is_file()
    other = pch.header_for("#include <map>\n", gxx)
    assert other is not None and other.parent != first.parent
    monkeypatch.setattr(pch, "_compiler_id", lambda gxx: None)  # no compiler answer: no header, no error
    monkeypatch.setenv("TRANSLATE_PCH", str(tmp_path / "again"))
    assert pch.header_for("#include <set>\n", gxx) is None


def test_a_header_the_sandbox_cannot_read_is_not_tried_again(compiles, monkeypatch):
    """The header is there but the compile cannot read it (a home hidden from the sandbox): one compile falls back,
    the next ones go without it."""
    rec = record_source(SRC, "python", "add")
    assert check_candidate(rec, GOOD, "cpp").status == "verified"  # builds it
    seen = runner.run_command

    def unreadable(argv, *args, **kwargs):
        if "-include" in argv:
            compiles.append((list(argv), tuple(kwargs.get("expose") or ())))
            header = argv[argv.index("-include") + 1]
            return runner.RunResult("failed", stderr=f"cc1plus: fatal error: {header}: No such file or directory",
                                    phase="compile")
        return seen(argv, *args, **kwargs)
    monkeypatch.setattr(runner, "run_command", unreadable)
    compiles.clear()
    for _ in range(2):
        assert check_candidate(rec, GOOD, "cpp").status == "verified"
    assert [("-include" in argv) for argv, _ in compiles] == [True, False, False]
