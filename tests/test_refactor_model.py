"""``translate refactor`` end to end with the tiny random-weight CodeGen model (real tokenizer and generate).

Its answers are garbage, so most units fail and keep their original text: what matters is the
bookkeeping. Every unit is in the report with an outcome, every unit that was not rewritten is
byte-identical in the output, and the output file parses.
"""
from __future__ import annotations

import json
import shutil

import libcst
import pytest
from click.testing import CliRunner

from translate.cli.main import main
from translate.refactor.refactor import OUTCOMES
from translate.source.languages import get_language
from translate.source.units import parse_text
from translate.source.validate import validate

pytestmark = pytest.mark.slow
PY = get_language("python")


def test_refactor_sample_module_with_tiny_codegen(tiny_codegen_dir, samples_dir, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(samples_dir / "refactor", src)
    shutil.copy(samples_dir / "python" / "shapes.py", src / "shapes.py")
    out, report = tmp_path / "out", tmp_path / "report.json"
    res = CliRunner().invoke(main, ["refactor", str(src / "stats.py"), str(src / "shapes.py"), "--recipe", "docstrings",
                                    "--model", str(tiny_codegen_dir), "--out", str(out), "--report", str(report),
                                    "--max-turns", "2", "--max-new-tokens", "48", "--quiet"])
    assert "Traceback" not in res.output, res.output
    assert res.exit_code in (0, 1), res.output
    data = json.loads(report.read_text())
    assert data["model"] == str(tiny_codegen_dir)
    for name in ("stats.py", "shapes.py"):
        original = (src / name).read_text()
        result = (out / name).read_text()
        entry = next(f for f in data["files"] if f["path"].endswith(name))
        leaves = [u for u in parse_text(original, PY).units if not u.children]
        # the report accounts for every unit, each with one of the outcomes
        assert [u["qualname"] for u in entry["units"]] == [u.qualname for u in leaves]
        assert all(u["outcome"] in OUTCOMES for u in entry["units"])
        assert sum(entry["counts"].values()) == len(leaves)
        # units that were not rewritten are byte-identical; the file parses
        kept = {u["qualname"] for u in entry["units"] if u["outcome"] != "rewritten"}
        after = {u.qualname: u.text for u in parse_text(result, PY).units if not u.children}
        for u in leaves:
            if u.qualname in kept:
                assert after[u.qualname] == u.text
        assert validate(result, PY) == []
        libcst.parse_module(result)
    stats = next(f for f in data["files"] if f["path"].endswith("stats.py"))
    by = {u["qualname"]: u for u in stats["units"]}
    # `mean` already has a docstring: the recipe leaves it alone without asking the model
    assert by["mean"]["outcome"] == "unchanged" and by["mean"]["attempts"] == 0
    assert by["median"]["attempts"] >= 1  # went through the model (real generate, real validation)
