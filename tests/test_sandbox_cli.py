"""--sandbox on the commands that run code: require without bwrap, the closing warning, the reports."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from translate.cli import main
from translate.evaluation.humanevalx import humanevalx_dir
from translate.sandbox import isolation, set_mode

HAVE_BWRAP = isolation("auto").bwrap is not None
WARNING = "translate: warning: filesystem isolation is off"
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(autouse=True)
def _restore_mode():
    yield
    set_mode("auto", check=False)


@pytest.fixture
def no_bwrap(monkeypatch, tmp_path):
    monkeypatch.setenv("TRANSLATE_BWRAP", str(tmp_path / "no-such-bwrap"))


@pytest.fixture
def stats_tree(tmp_path):
    root = tmp_path / "proj"
    root.mkdir()
    shutil.copy(SAMPLES / "refactor" / "stats.py", root / "stats.py")
    return root


def _one_line_error(res, message: str) -> None:
    assert res.exit_code == 2, res.output
    assert res.stderr.strip() == f"translate: error: {message}", res.stderr
    assert "Traceback" not in res.output


def test_require_without_bwrap_is_one_line_and_exit_2(no_bwrap, stats_tree, tmp_path):
    message = "--sandbox require: bwrap is not installed (apt-get install bubblewrap)"
    tests = tmp_path / "t.test.js"
    tests.write_text("console.assert(true)\n")
    for args in (["eval", "humaneval-x", "--limit", "1", "--sandbox", "require"],
                 ["eval", "mtpb", "--limit", "1", "--sandbox", "require"],
                 ["file", str(SAMPLES / "python" / "temperature.py"), "--to", "javascript", "-o", str(tmp_path / "o.js"),
                  "--tests", str(tests), "--sandbox", "require"],
                 ["refactor", str(stats_tree / "stats.py"), "--recipe", "docstrings", "--root", str(stats_tree),
                  "--tests", "true", "--sandbox", "require"]):
        _one_line_error(CliRunner().invoke(main, args), message)
    assert not (tmp_path / "o.js").exists()


def test_unknown_sandbox_mode_is_a_usage_error():
    res = CliRunner().invoke(main, ["eval", "humaneval-x", "--sandbox", "maybe"])
    assert res.exit_code == 2 and "'maybe' is not one of 'auto', 'require', 'off'" in res.stderr


def test_refactor_tests_without_bwrap_warn_once(no_bwrap, stats_tree):
    # The suite is red before any rewrite: the command stops there (no model), after one unisolated run.
    res = CliRunner().invoke(main, ["refactor", str(stats_tree / "stats.py"), "--recipe", "docstrings",
                                    "--root", str(stats_tree), "--tests", "exit 3"])
    assert res.exit_code == 2
    assert res.stderr.count(WARNING) == 1, res.stderr
    assert "fails before any rewrite" in res.stderr


@pytest.mark.skipif(not HAVE_BWRAP, reason="bubblewrap is not usable here")
def test_refactor_tests_with_bwrap_do_not_warn(stats_tree):
    res = CliRunner().invoke(main, ["refactor", str(stats_tree / "stats.py"), "--recipe", "docstrings",
                                    "--root", str(stats_tree), "--tests", f"rm {stats_tree / 'stats.py'}"])
    assert res.exit_code == 2 and "fails before any rewrite" in res.stderr  # rm: read-only file system
    assert WARNING not in res.stderr
    assert (stats_tree / "stats.py").exists()


@pytest.mark.slow
@pytest.mark.skipif(not (humanevalx_dir(None) / "python").is_dir(), reason="benchmark data not found")
@pytest.mark.parametrize("way", ["fallback", "off", "bwrap"])
def test_eval_report_records_the_sandbox(way, tiny_codegen_dir, tmp_path, monkeypatch):
    if way == "bwrap" and not HAVE_BWRAP:
        pytest.skip("bubblewrap is not usable here")
    if way == "fallback":
        monkeypatch.setenv("TRANSLATE_BWRAP", str(tmp_path / "no-such-bwrap"))
    report_path = tmp_path / "he.json"
    res = CliRunner().invoke(main, ["eval", "humaneval-x", "--limit", "1", "--model", str(tiny_codegen_dir),
                                    "--max-turns", "1", "--max-new-tokens", "8", "--report", str(report_path), "-q",
                                    *(["--sandbox", "off"] if way == "off" else [])])
    assert res.exit_code == 0, res.output
    sandbox = json.loads(report_path.read_text())["sandbox"]
    assert sandbox["mode"] == ("off" if way == "off" else "auto")
    assert sandbox["filesystem_isolation"] is (way == "bwrap")
    assert res.stderr.count(WARNING) == (0 if way == "bwrap" else 1), res.stderr
    if way == "fallback":
        assert "bwrap is not installed" in sandbox["note"] and sandbox["notes"][0] == sandbox["note"]
