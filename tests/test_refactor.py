"""``translate refactor`` with the scripted backend (pure logic) and real tests/grammars/libcst."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import libcst
import pytest
from click.testing import CliRunner

from translate.cli.main import main
from translate.refactor.recipes import from_instruction, get_recipe
from translate.refactor.refactor import REWRITTEN, ROLLED_BACK, SKIPPED_OUT, UNCHANGED, refactor_parsed
from translate.refactor.testgate import TestGate
from translate.source.languages import get_language
from translate.source.units import parse_text
from translate.translation.pipeline import TranslateOptions

PY = get_language("python")
PYTEST = f"{sys.executable} -m pytest -q -p no:cacheprovider"


def _task_message(req) -> str:
    """The user message that asks for this unit (after a recipe's worked example, before repairs)."""
    return [m["content"] for m in req.messages if m["role"] == "user" and m["content"].startswith("Rewrite")][-1]


def _unit_of(req) -> str:
    """Which unit a request is about: the name in backticks of its task message."""
    text = _task_message(req)
    m = re.search(r"(?:function|method|class) `(\w+)`", text)
    return m.group(1) if m else "<glue>"


def _answer(code: str) -> str:
    return f"```python\n{code.strip()}\n```\nThat is the rewrite."


def _scripted(scripted, answers: dict[str, list[str]]):
    """A backend answering per unit name from a list (the last answer repeats); others echo the unit."""
    calls: dict[str, int] = {}

    def respond(req):
        name = _unit_of(req)
        calls[name] = calls.get(name, 0) + 1
        if name in answers:
            seq = answers[name]
            return _answer(seq[min(calls[name], len(seq)) - 1])
        return _answer(_task_message(req).split("```python\n", 1)[1].rsplit("```", 1)[0])

    backend = scripted(respond)
    backend.calls = calls
    return backend


@pytest.fixture()
def stats_tree(tmp_path, samples_dir) -> Path:
    dest = tmp_path / "refactor"
    shutil.copytree(samples_dir / "refactor", dest)
    return dest


MEAN_GOOD = '''
def mean(values):
    """Arithmetic mean of a non-empty sequence."""
    total = 0
    for v in values:
        total += v
    return total / len(values)
'''
MEDIAN_BAD = '''
def median(values):
    ordered = sorted(values)
    return ordered[len(ordered) // 2]
'''


def test_rewrite_that_breaks_the_tests_is_rolled_back_and_a_good_one_kept(stats_tree, scripted):
    path = stats_tree / "stats.py"
    original = path.read_text()
    backend = _scripted(scripted, {"mean": [MEAN_GOOD], "median": [MEDIAN_BAD]})
    parsed = parse_text(original, PY, str(path))
    with TestGate(PYTEST, stats_tree, timeout=120) as gate:
        gate.baseline()
        [plan] = refactor_parsed([parsed], backend, from_instruction("use explicit loops"),
                                 TranslateOptions(max_turns=2), gate=gate)
    outcome = {p.record.qualname: p.outcome for p in plan.pieces}
    assert outcome["mean"] == REWRITTEN
    assert outcome["median"] == ROLLED_BACK
    assert outcome["describe"] == UNCHANGED and outcome["RunningTotal.add"] == UNCHANGED
    assert len(outcome) == 6  # every leaf unit is accounted for
    # the failing rewrite went back to the model as a repair turn, with the test failure quoted
    assert backend.calls["median"] == 2
    repair = [r for r in backend.requests if _unit_of(r) == "median"][1].messages[-1]["content"]
    assert "tests fail" in repair and "test_median_odd_and_even" in repair
    median = parse_text(original, PY).units[1].text
    assert median in plan.text and "total += v" in plan.text
    path.write_text(plan.text)
    res = subprocess.run(PYTEST.split(), cwd=stats_tree, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stdout


def test_cli_tests_flag_rolls_back_and_writes_out(stats_tree, scripted, monkeypatch, tmp_path):
    backend = _scripted(scripted, {"mean": [MEAN_GOOD], "median": [MEDIAN_BAD]})
    monkeypatch.setattr("translate.engines.loader.open_backend", lambda *a, _b=backend, **k: _b)
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["refactor", str(stats_tree / "stats.py"), "-i", "use explicit loops",
                                    "--tests", PYTEST, "--root", str(stats_tree), "--out", str(out),
                                    "--max-turns", "1", "--report", str(tmp_path / "r.json")])
    assert res.exit_code == 1, res.output  # a unit was rolled back
    assert "rolled back  median" in res.stderr and "rewritten    mean" in res.stderr
    text = (out / "stats.py").read_text()
    assert "total += v" in text and "(ordered[mid - 1] + ordered[mid]) / 2" in text
    assert (stats_tree / "stats.py").read_text() != text  # the input is untouched without --in-place


def test_failing_suite_before_any_rewrite_is_an_input_error(stats_tree):
    res = CliRunner().invoke(main, ["refactor", str(stats_tree / "stats.py"), "-i", "x",
                                    "--tests", f"{sys.executable} -c 'raise SystemExit(3)'", "--root", str(stats_tree)])
    assert res.exit_code == 2
    assert res.stderr.strip().count("\n") == 0 and "fails before any rewrite" in res.stderr


PY3 = {
    "count_words": None,  # already Python 3: the recipe's pre-filter leaves it unchanged, no model call
    "report": '''
def report(counts):
    for word, n in sorted(counts.items()):
        print("%s: %d" % (word, n))
''',
    "parse_int": '''
def parse_int(text):
    try:
        return int(text)
    except ValueError as e:
        print("bad number:", e, file=sys.stderr)
        return None
''',
    "add": '''
def add(self, key):
    if key in self.seen:
        self.seen[key] += 1
    else:
        self.seen[key] = 1
''',
    "total": '''
def total(self):
    return sum(n for _, n in self.seen.items())
''',
}
GLUE3 = '''if __name__ == "__main__":
    report(count_words(sys.stdin))
    print("done")
'''


def test_py2to3_recipe_output_parses_as_python3(samples_dir, scripted):
    path = samples_dir / "py2" / "wordcount.py"
    original = path.read_text()
    answers = {k: [v] for k, v in PY3.items() if v}
    # the first answer for `total` keeps a Python 2 idiom: the recipe's check sends it back for repair
    answers["total"] = ["def total(self):\n    return sum(n for _, n in self.seen.iteritems())\n", PY3["total"]]
    answers["<glue>"] = [GLUE3]
    backend = _scripted(scripted, answers)
    [plan] = refactor_parsed([parse_text(original, PY, str(path))], backend, get_recipe("py2to3"),
                             TranslateOptions(max_turns=3))
    libcst.parse_module(plan.text)  # parses as Python 3
    assert not plan.diagnostics
    assert "iteritems" not in plan.text and "has_key" not in plan.text and "except ValueError as e" in plan.text
    outcome = {p.record.qualname: p.outcome for p in plan.pieces}
    assert outcome["count_words"] == UNCHANGED and "count_words" not in backend.calls
    assert outcome["Tally.total"] == REWRITTEN and backend.calls["total"] == 2
    assert plan.pieces[[p.record.qualname for p in plan.pieces].index("Tally.total")].record.status == "repaired"
    assert "    def total(self):\n        return sum(n for _, n in self.seen.items())" in plan.text  # re-indented
    # untouched parts are byte-identical: the module docstring, count_words, the class header
    assert plan.text.startswith(original[: original.index("def report")])
    assert '    """Counts how often each key was added."""\n\n    def __init__(self):\n        self.seen = {}' in plan.text


def test_only_glob_selects_units_and_others_are_skipped(stats_tree, scripted):
    backend = _scripted(scripted, {"add": ["def add(self, value):\n    self.total = self.total + value\n"
                                           "    self.count = self.count + 1\n    return self\n"]})
    parsed = parse_text((stats_tree / "stats.py").read_text(), PY, "stats.py")
    [plan] = refactor_parsed([parsed], backend, from_instruction("no augmented assignment"),
                             TranslateOptions(max_turns=1), only=["RunningTotal.*"])
    outcome = {p.record.qualname: p.outcome for p in plan.pieces}
    assert outcome == {"mean": SKIPPED_OUT, "median": SKIPPED_OUT, "describe": SKIPPED_OUT,
                       "RunningTotal.__init__": UNCHANGED, "RunningTotal.add": REWRITTEN,
                       "RunningTotal.average": UNCHANGED}
    assert "        self.total = self.total + value\n        self.count = self.count + 1\n" in plan.text
    assert set(backend.calls) == {"__init__", "add", "average"}


def test_signature_changes_are_rejected_and_imports_hoisted(stats_tree, scripted):
    hinted = ("from typing import Sequence\n\ndef mean(values: Sequence[float]) -> float:\n"
              '    """Arithmetic mean of a non-empty sequence."""\n    return sum(values) / len(values)\n')
    backend = _scripted(scripted, {
        "mean": ["def mean(values, weights=None):\n    return sum(values) / len(values)\n", hinted],
        "median": ["def middle(values: list[float]) -> float:\n    return sorted(values)[0]\n"],
    })
    parsed = parse_text((stats_tree / "stats.py").read_text(), PY, "stats.py")
    [plan] = refactor_parsed([parsed], backend, get_recipe("type-hints"), TranslateOptions(max_turns=2),
                             only=["mean", "median"])
    by = {p.record.qualname: p for p in plan.pieces}
    assert by["mean"].outcome == REWRITTEN and by["mean"].record.status == "repaired"
    assert "the parameters changed" in by["mean"].record.attempts[0].problem
    assert by["median"].outcome == "failed" and "median, found middle" in by["median"].record.reason
    assert plan.text.startswith('"""Small statistics helpers') and "\nfrom typing import Sequence\n" in plan.text
    assert "def median(values):\n    ordered = sorted(values)" in plan.text
    libcst.parse_module(plan.text)


def test_cli_list_and_usage_errors(tmp_path):
    run = lambda *a: CliRunner().invoke(main, ["refactor", *a])
    res = run("--list")
    assert res.exit_code == 0 and all(n in res.output for n in ("py2to3", "type-hints", "f-strings", "docstrings"))
    (tmp_path / "a.py").write_text("def f(x):\n    return x\n")
    (tmp_path / "a.js").write_text("function f(x) { return x; }\n")
    for args, needle in [((str(tmp_path / "a.py"),), "exactly one of"),
                         ((str(tmp_path / "a.py"), "-i", "x", "-r", "py2to3"), "exactly one of"),
                         ((str(tmp_path / "a.py"), "-r", "nope"), "unknown recipe"),
                         ((str(tmp_path / "a.js"), "-r", "type-hints"), "works on python files"),
                         ((str(tmp_path / "a.py"), "-i", "x", "--in-place", "--out", str(tmp_path / "o")), "exclude"),
                         ((str(tmp_path / "missing.py"), "-i", "x"), "no such file"),
                         ((), "PATH")]:
        res = run(*args)
        assert res.exit_code == 2 and needle in res.stderr, (args, res.output)
        assert res.stderr.strip().count("\n") == 0


def test_recipe_with_nothing_to_do_needs_no_model(tmp_path):
    f = tmp_path / "done.py"
    f.write_text('def f(x: int) -> int:\n    """Twice x."""\n    return 2 * x\n')
    res = CliRunner().invoke(main, ["refactor", str(f), "-r", "type-hints", "--check", "--model", str(tmp_path / "nope")])
    assert res.exit_code == 0, res.output
    assert "unchanged    f: nothing to do for the type-hints recipe" in res.stderr


def test_directory_in_place_uses_repo_selection_and_the_cache_resumes(tmp_path, scripted, monkeypatch):
    tree = tmp_path / "tree"
    (tree / "pkg").mkdir(parents=True)
    (tree / ".gitignore").write_text("generated/\n")
    (tree / "pkg" / "a.py").write_text("def one():\n    return 1\n")
    (tree / "pkg" / "b.py").write_text('def two():\n    """Two."""\n    return 2\n')
    (tree / "generated").mkdir()
    (tree / "generated" / "c.py").write_text("def three():\n    return 3\n")
    backend_answers = {"one": ['def one():\n    """Return one."""\n    return 1\n']}
    backend = _scripted(scripted, backend_answers)
    monkeypatch.setattr("translate.engines.loader.open_backend", lambda *a, **k: backend)
    cache = tmp_path / "cache.sqlite"
    args = ["refactor", str(tree), "-r", "docstrings", "--in-place", "--cache", str(cache)]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    assert (tree / "pkg" / "a.py").read_text() == 'def one():\n    """Return one."""\n    return 1\n'
    assert (tree / "generated" / "c.py").read_text() == "def three():\n    return 3\n"  # ignored: not selected
    assert set(backend.calls) == {"one"}  # b.py already has its docstring
    # the same input again (the file restored): every unit comes from the cache, no model call
    (tree / "pkg" / "a.py").write_text("def one():\n    return 1\n")
    again = _scripted(scripted, {})
    monkeypatch.setattr("translate.engines.loader.open_backend", lambda *a, **k: again)
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    assert again.requests == [] and '"""Return one."""' in (tree / "pkg" / "a.py").read_text()


def test_check_and_diff_write_nothing(stats_tree, scripted, monkeypatch):
    path = stats_tree / "stats.py"
    before = path.read_text()
    for flag, code in (("--check", 1), ("--diff", 0), (None, 0)):
        backend = _scripted(scripted, {"mean": [MEAN_GOOD]})
        monkeypatch.setattr("translate.engines.loader.open_backend", lambda *a, _b=backend, **k: _b)
        res = CliRunner().invoke(main, ["refactor", str(path), "-i", "use explicit loops", "--only", "mean",
                                        *([flag] if flag else [])])
        assert res.exit_code == code, (flag, res.output)
        assert ("+    for v in values:" in res.stdout) == (flag != "--check")
        assert path.read_text() == before
    assert "nothing written" in res.stderr
