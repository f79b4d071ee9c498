"""Imports of npm packages the model wrote, kept as marked comments (translate.project.js_packages): a migrated
project has no packages, so one such line made the whole module, and every module importing it, fail at load."""
from __future__ import annotations

import pytest

from translate.project.js_packages import comment_unknown_imports, package_of
from translate.sandbox import missing_tool, run_program
from translate.source.languages import get_language


@pytest.mark.parametrize(("spec", "package"), [
    ("t", "t"), ("lodash/fp", "lodash"), ("@scope/pkg/sub", "@scope/pkg"), ("./pricing.js", None),
    ("../a.js", None), ("node:fs", None), ("fs", None), ("path", None), ("/abs/x.js", None)])
def test_what_names_a_package(spec, package):
    assert package_of(spec) == package


def test_a_package_import_becomes_a_comment_and_the_module_loads():
    code = ('import t from "t"; // Replace \'t\' with the actual module\nimport fs from "node:fs";\n'
            'import { discount } from "./pricing.js";\n\nexport function size(x) {\n  return x.length;\n}\n')
    notes: list[str] = []
    got = comment_unknown_imports(code, get_language("javascript"), notes)
    assert got.startswith("// translate: the package 't' is not in the migrated project (a made-up module, or one "
                          "to install by hand); the import, kept as a comment: import t from \"t\";")
    assert 'import fs from "node:fs";\nimport { discount } from "./pricing.js";\n' in got
    assert notes == ["the model's import of the package 't' kept as a comment: the project has no such package"]
    assert comment_unknown_imports(got, get_language("javascript"), []) == got  # nothing left to do


@pytest.mark.skipif(missing_tool("javascript") is not None, reason="no node")
def test_node_fails_on_the_import_and_runs_without_it():
    code = 'import t from "t";\nconsole.log("loaded");\n'
    assert "loaded" not in run_program(code, "javascript", filename="m.mjs").stdout
    fixed = comment_unknown_imports(code, get_language("javascript"), [])
    assert run_program(fixed, "javascript", filename="m.mjs").stdout.strip() == "loaded"


@pytest.mark.skipif(missing_tool("javascript") is not None, reason="no node")
def test_commonjs_paths_are_defined_in_an_es_module(tmp_path):
    from translate.project.js_packages import define_cjs_paths

    js = get_language("javascript")
    code = 'import path from "node:path";\n\nconsole.log(path.basename(__dirname), path.basename(__filename));\n'
    notes: list[str] = []
    fixed = define_cjs_paths(code, js, notes)
    assert notes == ["__dirname/__filename, which an ES module lacks, defined from import.meta.url"]
    assert "ReferenceError: __dirname is not defined" in run_program(code, "javascript", filename="m.mjs").stderr
    assert run_program(fixed, "javascript", filename="m.mjs").stdout.split()[1] == "m.mjs"
    declared = 'const __dirname = "/x";\nconsole.log(__dirname);\n'
    assert define_cjs_paths(declared, js, []) == declared  # its own: left alone
    assert define_cjs_paths("console.log(1);\n", js, []) == "console.log(1);\n"


@pytest.mark.skipif(missing_tool("javascript") is not None, reason="no node")
def test_node_modules_used_without_an_import_are_imported():
    from translate.project.js_packages import fix_module_system

    js = get_language("javascript")
    code = 'export function base(p) {\n  return path.basename(p) + os.EOL.length;\n}\nconsole.log(base("/a/b.txt"));\n'
    notes: list[str] = []
    fixed = fix_module_system(code, js, notes)
    assert fixed.startswith('import path from "node:path";\nimport os from "node:os";\n')
    assert run_program(fixed, "javascript", filename="m.mjs").stdout.strip() == "b.txt1"
    own = "const path = { basename: (p) => p };\nfunction f(os) {\n  return os.x + path.basename('a');\n}\n"
    assert fix_module_system(own, js, []) == own  # its own path and os: left alone


def test_another_functions_local_of_that_name_does_not_count():
    from translate.project.js_packages import import_node_modules

    code = ("function a(f) {\n  return path.join('x', f);\n}\n\nfunction b() {\n  const path = a('y');\n"
            "  return path.length;\n}\n")
    assert import_node_modules(code, get_language("javascript"), []).startswith('import path from "node:path";\n')
