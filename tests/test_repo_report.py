"""Runner logic, reports and progress with the scripted backend (pure logic; no model)."""
from __future__ import annotations

import io
import json
import re

import pytest

from translate.repo.progress import Progress
from translate.repo.report import REPORT_JSON, REPORT_MD
from translate.repo.runner import RepoOptions, migrate
from translate.translation.records import FAILED, OK, UnitRecord

ANSWERS = {
    "add": "function add(a, b) {\n  return a + b;\n}",
    "sub": "function sub(a, b) {\n  return a - b;\n}",
    "bad": "function bad(x) {\n  return x +;\n}",  # never parses
}


def _answer(req):
    text = req.prompt or "\n".join(m["content"] for m in req.messages)
    name = re.findall(r"def (\w+)\(", text)[-1]
    return f"```javascript\n{ANSWERS[name]}\n```\n"


@pytest.fixture()
def project(tmp_path):
    src = tmp_path / "src"
    (src / "pkg").mkdir(parents=True)
    (src / "pkg" / "a.py").write_text("def add(a, b):\n    return a + b\n")
    (src / "pkg" / "b.py").write_text("def sub(a, b):\n    return a - b\n\n\ndef bad(x):\n    return x\n")
    (src / "notes.txt").write_text("hello\n")
    return src


def test_report_counts_statuses_tokens_and_failures(project, tmp_path, scripted):
    backend = scripted(_answer)
    out = tmp_path / "out"
    stream = io.StringIO()
    report = migrate(RepoOptions(src=project, dst=out, target="javascript", max_turns=2, copy_other=True,
                                 progress="lines", use_git=False), backend=backend, stream=stream)
    # the module exports its public names (translate.project.javascript)
    assert (out / "pkg" / "a.js").read_text().strip() == ANSWERS["add"] + "\n\nexport { add };"
    b_js = (out / "pkg" / "b.js").read_text()
    assert ANSWERS["sub"] in b_js and "translate: FAILED function bad" in b_js
    assert (out / "notes.txt").read_text() == "hello\n"
    data = json.loads((out / REPORT_JSON).read_text())
    t = data["totals"]
    assert (t["units"], t[OK], t[FAILED], t["files_translated"], t["files_copied"]) == (3, 2, 1, 2, 1)
    assert t["model_calls"] == 2  # turn 1 for all three units, turn 2 for `bad` only
    assert t["cache_hits"] == 0 and t["new_tokens"] == t["generated_tokens"] > 0
    units = {u["qualname"]: u for f in data["files"] for u in f.get("units", [])}
    assert units["bad"]["status"] == FAILED and units["bad"]["attempts"] == 2
    assert units["bad"]["diagnostics"] and "after 2 turns" in units["bad"]["reason"]
    assert units["add"]["status"] == OK and units["add"]["attempts"] == 1
    md = (out / REPORT_MD).read_text()
    assert "## Failed units" in md and "| pkg/b.py | bad | 2 |" in md
    assert "units 3/3" in stream.getvalue()  # the final plain progress line
    assert report.failed == 1

    # unchanged re-run: everything from the cache, no model call
    again = scripted(lambda req: pytest.fail("the model was called on an unchanged tree"))
    report2 = migrate(RepoOptions(src=project, dst=out, target="javascript", max_turns=2, quiet=True,
                                  use_git=False), backend=again)
    t2 = report2.totals()
    assert t2["cache_hit_rate"] == 1.0 and t2["model_calls"] == 0 and t2["new_tokens"] == 0
    assert (out / "pkg" / "b.js").read_text() == b_js
    # --no-resume ignores the cache
    report3 = migrate(RepoOptions(src=project, dst=out, target="javascript", max_turns=1, quiet=True,
                                  resume=False, use_git=False), backend=scripted(_answer))
    assert report3.totals()["cache_hits"] == 0 and report3.model_calls == 1


def test_dry_run_writes_nothing(project, tmp_path, scripted):
    out = tmp_path / "out"
    report = migrate(RepoOptions(src=project, dst=out, target="java", dry_run=True, use_git=False),
                     backend=scripted([]))
    assert not out.exists()
    assert {f.path: (f.output, f.units) for f in report.files} == {  # a Maven layout (translate.repo.layout)
        "pkg/a.py": ("src/main/java/pkg/A.java", 1), "pkg/b.py": ("src/main/java/pkg/B.java", 2)}


def test_a_big_class_counts_its_skeleton_and_each_method_split_out_of_it(tmp_path, scripted):
    """Progress and the dry run's plan count what the pipeline asks for (it showed ``units 13/7`` and a
    negative ETA on a project whose classes were split)."""
    src = tmp_path / "src"
    src.mkdir()
    methods = "".join(f"\n    def m{i}(self, x):\n        y = x + {i}\n        y = y * 2\n        return y - {i}\n"
                      for i in range(30))
    (src / "big.py").write_text("class Big:\n    def __init__(self):\n        self.n = 0\n" + methods
                                + "\n\ndef small():\n    return 1\n")
    report = migrate(RepoOptions(src=src, dst=tmp_path / "out", target="javascript", dry_run=True, use_git=False),
                     backend=scripted([]))
    assert [f.units for f in report.files] == [1 + 30 + 1]  # the skeleton, its 30 methods, small


def test_nothing_to_translate_is_an_input_error(project, tmp_path, scripted):
    from translate.errors import InputError

    with pytest.raises(InputError, match="no Go source files to translate to JavaScript"):
        migrate(RepoOptions(src=project, dst=tmp_path / "o", target="js", source="go", use_git=False),
                backend=scripted([]))
    with pytest.raises(InputError, match="matching the --include/--exclude filters"):
        migrate(RepoOptions(src=project, dst=tmp_path / "o", target="js", exclude=("*.py",), use_git=False),
                backend=scripted([]))
    assert not (tmp_path / "o").exists()


def test_output_collisions_are_skipped_not_overwritten(tmp_path, scripted):
    src = tmp_path / "src"
    src.mkdir()
    (src / "text_stats.py").write_text("def add(a, b):\n    return a + b\n")
    (src / "TextStats.py").write_text("def sub(a, b):\n    return a - b\n")
    report = migrate(RepoOptions(src=src, dst=tmp_path / "out", target="java", quiet=True, use_git=False),
                     backend=scripted(lambda req: "```java\nint add(int a, int b) { return a + b; }\n```"))
    by = {f.path: f for f in report.files}
    assert by["TextStats.py"].output == "src/main/java/TextStats.java" and by["TextStats.py"].status == "translated"
    assert by["text_stats.py"].status == "skipped" and "collides" in by["text_stats.py"].reason


def test_progress_lines_and_quiet():
    now = [0.0]
    stream = io.StringIO()
    p = Progress(2, 4, mode="lines", stream=stream, interval=10, clock=lambda: now[0])
    for t, status in ((4, OK), (12, OK), (16, FAILED)):
        now[0] = t
        p.unit_done(UnitRecord(0, "function", "f", "f", "", status=status))
    p.file_done()
    now[0] = 20
    p.close()
    lines = stream.getvalue().splitlines()
    assert lines == [  # one periodic line (at 12 s: 2 units / 12 s), one at the end
        "translate repo: files 0/2, units 2/4, 0.17 units/s, ETA 0m12s; ok 2, repaired 0, failed 0, cached 0",
        "translate repo: files 1/2, units 3/4, 0.15 units/s, ETA 0m06s; ok 2, repaired 0, failed 1, cached 0",
    ]
    quiet = io.StringIO()
    q = Progress(1, 1, mode="quiet", stream=quiet)
    q.unit_done(UnitRecord(0, "function", "f", "f", "", status=OK))
    q.close()
    assert quiet.getvalue() == ""


class _TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_tty():
    stream = _TTY()
    p = Progress(2, 3, mode="auto", stream=stream)
    assert p.mode == "bar"
    for status in (OK, FAILED):
        p.unit_done(UnitRecord(0, "function", "f", "f", "", status=status))
    p.file_done()
    p.close()
    text = stream.getvalue()
    assert "files 1/2" in text and "2/3" in text and "ok 1 rep 0 fail 1" in text
    assert Progress(1, 1, mode="auto", stream=io.StringIO()).mode == "lines"


def test_report_says_what_the_behaviour_check_observed(tmp_path, scripted):
    """A translation that parses but computes something else is `ok` by status; the report (JSON, markdown and
    the totals) says that its behaviour check found it differing from the source, with the input."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "m.py").write_text("def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n")
    wrong = dict(ANSWERS, sub="function sub(a, b) {\n  return a + b;\n}")  # parses; wrong for every b != 0

    def answer(req):
        text = req.prompt or "\n".join(m["content"] for m in req.messages)
        name = re.findall(r"def (\w+)\(", text)[-1]
        return f"```javascript\n{wrong[name]}\n```\n"

    out = tmp_path / "out"
    report = migrate(RepoOptions(src=src, dst=out, target="javascript", max_turns=1, progress="quiet",
                                 use_git=False, check=False, extra={"verify": "auto", "rule_answers": False}),
                     backend=scripted(answer), stream=io.StringIO())  # rule answers off: the rule would write sub
    data = json.loads((out / REPORT_JSON).read_text())
    units = {u["qualname"]: u for f in data["files"] for u in f["units"]}
    assert units["add"]["check"].startswith("verified (")
    assert units["sub"]["status"] == OK and units["sub"]["check"].startswith("differs (input sub(")
    assert data["totals"]["behaviour"] == {"verified": 1, "differs": 1} == report.totals()["behaviour"]
    md = (out / REPORT_MD).read_text()
    assert "Behaviour against the source: 1 verified, 1 differ." in md
    assert "## Units that do not do what the source does" in md and "| m.py | sub | ok | differs (input sub(" in md


def test_the_data_under_a_test_folder_is_copied_without_copy_other(tmp_path, scripted):
    src = tmp_path / "src"
    (src / "tests" / "fixtures").mkdir(parents=True)
    (src / "tests" / "test_a.py").write_text("def test_one():\n    assert 1 == 1\n")
    (src / "tests" / "fixtures" / "cases.json").write_text('{"a": 1}\n')
    (src / "notes.txt").write_text("hello\n")
    out = tmp_path / "out"
    migrate(RepoOptions(src=src, dst=out, target="javascript", max_turns=1, use_git=False, check=False,
                        quiet=True), backend=scripted(lambda req: "```javascript\nfunction testOne() {}\n```"))
    assert (out / "tests" / "fixtures" / "cases.json").read_text() == '{"a": 1}\n'  # the tests read it
    assert not (out / "notes.txt").exists()  # not test data: only with --copy-other
