"""A JavaScript module of a migrated project checked where its imports resolve (translate.oracle.js_modules):
``translate verify`` on ``translate repo``'s ES modules, which import each other and the support templates."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from translate.cli.main import main
from translate.oracle import check_candidate, record_source
from translate.oracle.js_modules import is_esm, module_files
from translate.sandbox import missing_tool, run_program

needs_node = pytest.mark.skipif(missing_tool("javascript") is not None, reason="no node")
PYRE = Path(__file__).resolve().parent.parent / "translate" / "project" / "templates" / "pyre.js"

SRC = '''import re


def words(s):
    """>>> words("a b  c")
    ['a', 'b', 'c']
    """
    return re.split(r"\\s+", s.strip())


def twice(x):
    """>>> twice(3)
    6
    """
    return 2 * x
'''
MODULE = '''import * as re from "../pyre.js";
import { double } from "./helpers.js";

export function words(s) {
  return re.split("\\\\s+", s.trim());
}

export function twice(x) {
  return double(x);
}
'''


def project(tmp_path: Path, module: str = MODULE) -> Path:
    """out/package.json, out/pyre.js, out/lib/src.js importing ../pyre.js and ./helpers.js (which imports it back)."""
    out = tmp_path / "out"
    (out / "lib").mkdir(parents=True)
    (out / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    (out / "pyre.js").write_text(PYRE.read_text(encoding="utf-8"), encoding="utf-8")
    (out / "lib" / "helpers.js").write_text(
        'import { twice } from "./src.js";\nexport function double(x) { return 2 * x; }\n'
        "export const four = (x) => twice(twice(x));\n", encoding="utf-8")
    (out / "lib" / "src.js").write_text(module, encoding="utf-8")
    (tmp_path / "src.py").write_text(SRC, encoding="utf-8")
    return out / "lib" / "src.js"


def test_module_files_follow_relative_imports_inside_the_project_root(tmp_path):
    mod = project(tmp_path)
    found = module_files(mod)
    assert found is not None and str(found.path) == "lib/src.js"
    assert set(found.files) == {"package.json", "pyre.js", "lib/helpers.js", "lib/src.js"}
    assert found.missing == []
    assert found.program_path("import * as re from '../pyre.js';\n") == "lib/src.mjs"
    assert found.program_path("const re = require('../pyre.cjs');\n") == "lib/src.cjs"


def test_nothing_outside_the_root_is_read(tmp_path):
    secret = tmp_path / "secret.js"
    secret.write_text("export const key = 'do not read';\n", encoding="utf-8")
    mod = project(tmp_path, MODULE + 'import { key } from "../../secret.js";\n')
    os.symlink(secret, mod.parent / "linked.js")  # a link inside the root that points out of it
    (mod.parent / "helpers.js").write_text('import { key } from "./linked.js";\nexport const double = (x) => 2 * x;\n',
                                           encoding="utf-8")
    found = module_files(mod)
    assert found is not None
    assert not any("do not read" in text for text in found.files.values())
    assert "../../secret.js" in found.missing and "./linked.js" in found.missing


def test_a_module_without_relative_imports_needs_no_files(tmp_path):
    mod = tmp_path / "m.js"
    mod.write_text('import fs from "node:fs";\nexport const f = (x) => x;\n', encoding="utf-8")
    assert module_files(mod) is None
    assert is_esm(mod.read_text()) and not is_esm("const important = 1;\nimportant + 1;\n")


def test_program_files_stay_inside_the_run_directory():
    with pytest.raises(ValueError, match="inside its directory"):
        run_program("print(1)", "python", extra_files={"../x.py": "1"})
    with pytest.raises(ValueError, match="inside its directory"):
        run_program("print(1)", "python", filename="/tmp/x.py")


@needs_node
def test_verify_runs_a_migrated_module_among_the_files_it_imports(tmp_path):
    mod = project(tmp_path)
    res = CliRunner().invoke(main, ["verify", str(tmp_path / "src.py"), str(mod)])
    assert res.exit_code == 0, res.output
    assert "words: verified (" in res.output and "twice: verified (" in res.output
    # the same module checked alone (no project files): its first import stops it
    verdict = check_candidate(record_source(SRC, "python", "twice"), MODULE, "javascript")
    assert verdict.status == "failed" and "does not run" in (verdict.reason or "")


@needs_node
def test_an_es_module_candidate_gets_a_driver_that_imports_fs():
    code = 'import { strict as assert } from "node:assert";\nexport function twice(x) { assert.ok(true); return 2 * x; }\n'
    verdict = check_candidate(record_source(SRC, "python", "twice"), code, "javascript")
    assert verdict.status == "verified", verdict
