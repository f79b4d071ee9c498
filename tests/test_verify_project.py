"""Verifying a migrated project: the Python source runs in its package (translate.oracle.py_project), and
``translate verify SRC_DIR OUT_DIR`` checks each source file against the file the layout made of it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from translate.cli.main import main
from translate.oracle import record_source
from translate.oracle.py_project import import_root, python_module
from translate.sandbox import missing_tool

needs_node = pytest.mark.skipif(missing_tool("javascript") is not None, reason="no node")

PRICING = 'def discount(total, rate=10):\n    """>>> discount(200)\n    180.0\n    """\n    return total * (100 - rate) / 100\n'
STORE = ('from .pricing import discount\n\n\ndef checkout(prices):\n    """>>> checkout([100, 100])\n    180.0\n    """\n'
         '    return discount(sum(prices))\n\n\ndef wrap(i, n):\n    return i % n\n')
JS_PRICING = "export function discount(total, rate = 10) {\n  return total * (100 - rate) / 100;\n}\n"
JS_STORE = ('import { discount } from "./pricing.js";\n\nexport function checkout(prices) {\n'
            "  return discount(prices.reduce((a, b) => a + b, 0));\n}\n\nexport function wrap(i, n) {\n"
            "  return ((i % n) + n) % n;\n}\n")


def source_project(root: Path) -> Path:
    """root/shop/{__init__,pricing,store}.py and root/tests/test_store.py; the store module's path."""
    (root / "shop").mkdir(parents=True)
    (root / "tests").mkdir()
    (root / "shop" / "__init__.py").write_text("", encoding="utf-8")
    (root / "shop" / "pricing.py").write_text(PRICING, encoding="utf-8")
    (root / "shop" / "store.py").write_text(STORE, encoding="utf-8")
    (root / "tests" / "test_store.py").write_text(
        "from shop.store import checkout\n\n\ndef test_checkout():\n    assert checkout([100, 100]) == 180.0\n",
        encoding="utf-8")
    return root / "shop" / "store.py"


def test_a_module_of_a_package_gets_its_dotted_name_and_the_projects_files(tmp_path):
    store = source_project(tmp_path / "src")
    assert import_root(store) == tmp_path / "src"  # the first folder above shop/ without an __init__.py
    mod = python_module(store)
    assert mod is not None and mod.name == "shop.store" and mod.path == "shop/store.py"
    assert set(mod.files) == {"shop/__init__.py", "shop/pricing.py", "shop/store.py", "tests/test_store.py"}
    assert python_module(tmp_path / "src" / "shop" / "pricing.py") is None  # imports nothing of the project


def test_nothing_above_the_import_root_or_behind_a_link_is_read(tmp_path):
    store = source_project(tmp_path / "src")
    (tmp_path / "secret.py").write_text("KEY = 'do not read'\n", encoding="utf-8")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "leak.py").write_text("KEY = 'do not read'\n", encoding="utf-8")
    os.symlink(outside, tmp_path / "src" / "linked")
    os.symlink(tmp_path / "secret.py", tmp_path / "src" / "shop" / "alias.py")
    mod = python_module(store)
    assert mod is not None
    assert not any("do not read" in text for text in mod.files.values()), sorted(mod.files)


def test_a_function_calling_into_its_package_is_recorded_where_the_package_is_importable(tmp_path):
    store = source_project(tmp_path / "src")
    alone = record_source(STORE, "python", "checkout")
    assert alone.failed and "does not load" in alone.failed  # ``from .pricing import ...`` needs the package
    rec = record_source(STORE, "python", "checkout", module=python_module(store))
    assert not rec.failed and rec.usable, rec
    assert any(c.expected is not None and c.expected.value == 180.0 for c in rec.cases)


@needs_node
def test_verify_a_migrated_project_directory(tmp_path):
    source_project(tmp_path / "src")
    out = tmp_path / "out"
    (out / "shop").mkdir(parents=True)
    (out / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    (out / "shop" / "pricing.js").write_text(JS_PRICING, encoding="utf-8")
    (out / "shop" / "store.js").write_text(JS_STORE, encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(main, ["verify", str(tmp_path / "src"), str(out), "--to", "javascript"])
    assert res.exit_code == 0, res.output
    assert "shop/store.py: checkout: verified (" in res.output and "shop/pricing.py: discount: verified (" in res.output
    assert "3 units in 2 files: 3 verified, 0 differs" in res.output and "1 test file not checked" in res.output
    (out / "shop" / "store.js").write_text(JS_STORE.replace("((i % n) + n) % n", "i % n"), encoding="utf-8")
    res = runner.invoke(main, ["verify", str(tmp_path / "src"), str(out), "--to", "javascript"])
    assert res.exit_code == 1 and "shop/store.py: wrap: differs (input wrap(-1, 3)" in res.output, res.output
    (out / "shop" / "pricing.js").unlink()
    res = runner.invoke(main, ["verify", str(tmp_path / "src"), str(out), "--to", "javascript"])
    assert res.exit_code == 1 and "shop/pricing.py: (file): failed (no translation at" in res.output, res.output
    # the store module now imports a file that is not there: its verdict says which
    assert "shop/store.py: checkout: failed (the candidate does not run (" in res.output
    assert "imports not found in its project: ./pricing.js" in res.output, res.output
    res = runner.invoke(main, ["verify", str(tmp_path / "src"), str(out)])
    assert res.exit_code == 2 and "needs --to LANG" in res.output
    res = runner.invoke(main, ["verify", str(tmp_path / "src"), str(out / "shop" / "store.js")])
    assert res.exit_code == 2 and "both be files or both be directories" in res.output


@needs_node
def test_a_project_is_walked_once_and_each_source_parsed_once(tmp_path, monkeypatch):
    """verify_tree shares one walk of each import root between the files, and parses each source once."""
    from translate.oracle import py_project
    from translate.repo import verify

    source_project(tmp_path / "src")
    (tmp_path / "src" / "shop" / "extra.py").write_text(
        "from .pricing import discount\n\n\ndef half(x):\n    return discount(x, 50)\n", encoding="utf-8")
    out = tmp_path / "out"
    (out / "shop").mkdir(parents=True)
    (out / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    (out / "shop" / "pricing.js").write_text(JS_PRICING, encoding="utf-8")
    (out / "shop" / "store.js").write_text(JS_STORE, encoding="utf-8")
    (out / "shop" / "extra.js").write_text('import { discount } from "./pricing.js";\n'
                                          "export function half(x) { return discount(x, 50); }\n", encoding="utf-8")
    walks: list[Path] = []
    parsed: list[str] = []
    root_files, units = py_project.root_files, verify.check_units
    monkeypatch.setattr(py_project, "root_files", lambda root: walks.append(root) or root_files(root))
    monkeypatch.setattr(verify, "check_units", lambda src, lang, path: parsed.append(path) or units(src, lang, path))
    rows, _ = verify.verify_tree(str(tmp_path / "src"), str(out), source_lang=None, target_lang="javascript")
    assert {(p, n, v.status) for p, n, v in rows} >= {("shop/extra.py", "half", "verified"),
                                                      ("shop/store.py", "checkout", "verified")}, rows
    assert walks == [Path(os.path.realpath(tmp_path / "src"))]  # two modules import the project: one walk
    assert sorted(parsed) == sorted(set(parsed)), parsed  # each source parsed once
