"""``translate rename``: exact renames across the multi-module sample, and the cases it must refuse."""
from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import libcst
import pytest
from click.testing import CliRunner

from translate.cli.main import main
from translate.codemods.rename import rename_symbol
from translate.errors import InputError


@pytest.fixture()
def project(tmp_path, samples_dir) -> Path:
    dest = tmp_path / "rename_project"
    shutil.copytree(samples_dir / "rename_project", dest)
    return dest


def run_app(root: Path) -> str:
    res = subprocess.run([sys.executable, "app.py"], cwd=root, capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    return res.stdout


def cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*.py"))}


def test_function_rename_follows_every_reference(project):
    before = run_app(project)
    res = cli("rename", "area", "rect_area", str(project))
    assert res.exit_code == 0, res.output
    shapes = (project / "geo/shapes.py").read_text()
    report = (project / "geo/report.py").read_text()
    init = (project / "geo/__init__.py").read_text()
    app = (project / "app.py").read_text()
    assert "def rect_area(width, height):" in shapes
    assert "sum(rect_area(w, h) for w, h in rects)" in shapes
    # the parameter that shadows the function stays, with its uses
    assert "def doubled(area):\n" in shapes and "return area * 2" in shapes
    # docstrings and strings that merely contain the name stay
    assert "(the area of a rectangle)" in shapes
    assert 'label = "area"' in report and '"computes the area of a rectangle"' in report
    # from x import y as z: y follows, z stays; module attribute access through every import style
    assert "from geo.shapes import rect_area as compute" in report and "compute(w, h)" in report
    assert "shapes.rect_area(w, h)" in report and "gs.rect_area(w, h)" in report
    assert "area = w * h" in report and "return area\n" in report  # a local variable
    # the package re-export, __all__, and the users of the re-export
    assert "from .shapes import Stack, rect_area" in init and '__all__ = ["Stack", "rect_area"]' in init
    assert "from geo import rect_area" in app and "rect_area(2, 3)" in app and "geo.rect_area(4, 5)" in app
    for text in (shapes, report, init, app):
        libcst.parse_module(text)
    assert run_app(project) == before
    assert "the string \"area\" is left as it is" in res.stderr


def test_method_rename_follows_overrides_self_super_and_known_instances(project):
    before = run_app(project)
    res = cli("rename", "Stack.push", "add", str(project))
    assert res.exit_code == 0, res.output
    shapes = (project / "geo/shapes.py").read_text()
    report = (project / "geo/report.py").read_text()
    app = (project / "app.py").read_text()
    assert "    def add(self, item):\n        self.items.append(item)" in shapes
    assert "self.add(value)" in shapes  # self
    assert "return super().add(item)" in shapes  # the override in the subclass, and super()
    assert shapes.count("def add(self, item):") == 2 and "def push(" not in shapes
    assert "s.add(i)" in report  # s = Stack()
    assert "stack.add(i)" in report  # stack: "Stack"
    assert "counting.add(1)" in app  # counting = CountingStack()
    # an unrelated class with a method of the same name, and its uses, stay
    assert "def push(self, line):" in app and "journal.push(area(2, 3))" in app
    assert "self.items.append(item)" in shapes and "return self.items.pop()" in shapes
    assert run_app(project) == before


def test_class_rename_with_string_annotation_and_reexport(project):
    before = run_app(project)
    res = cli("rename", "geo.Stack", "LifoStack", str(project))  # the re-exported name resolves too
    assert res.exit_code == 0, res.output
    shapes = (project / "geo/shapes.py").read_text()
    report = (project / "geo/report.py").read_text()
    assert "class LifoStack:" in shapes and "class CountingStack(LifoStack):" in shapes
    assert 'def fill_typed(stack: "LifoStack", n):' in report and "s = LifoStack()" in report
    assert '"""A last-in, first-out stack."""' in shapes
    assert "geo.LifoStack()" in (project / "app.py").read_text()
    assert run_app(project) == before


def test_check_and_diff_write_nothing(project):
    files = snapshot(project)
    res = cli("rename", "shapes.area", "rect_area", str(project), "--check")
    assert res.exit_code == 1
    assert "would rename in" in res.stderr
    res = cli("rename", "geo.shapes.area", "rect_area", str(project), "--diff")
    assert res.exit_code == 0
    assert "-def area(width, height):\n+def rect_area(width, height):" in res.stdout
    assert snapshot(project) == files


def _mini(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text))
    return tmp_path


REFUSALS = {
    "ambiguous bare name": ({"a.py": "def helper():\n    return 1\n", "b.py": "def helper():\n    return 2\n"},
                            "helper", "x", "ambiguous"),
    "not found": ({"a.py": "def helper():\n    return 1\n"}, "nothing", "x", "no top-level function"),
    "new name taken": ({"a.py": "def helper():\n    return 1\n\ndef x():\n    return helper()\n"},
                       "helper", "x", "already exists"),
    "new name shadowed by a local": ({"a.py": "def helper():\n    return 1\n\ndef use(x):\n    return helper() + x\n"},
                                     "helper", "x", "already bound"),
    "shadows a used builtin": ({"a.py": "def helper():\n    return len([1])\n"}, "helper", "len", "builtin"),
    "also assigned": ({"a.py": "def helper():\n    return 1\n\nhelper = 3\n"}, "helper", "x", "also bound"),
    "star import": ({"a.py": "def helper():\n    return 1\n", "b.py": "from a import *\n\nprint(helper())\n"},
                    "helper", "x", "import *"),
    "unknown receiver": ({"a.py": "class K:\n    def m(self):\n        return 1\n\ndef use(obj):\n    return obj.m()\n"},
                         "K.m", "n", "unknown type"),
    "override of a base method": ({"a.py": "class B:\n    def m(self):\n        return 1\n\nclass K(B):\n"
                                           "    def m(self):\n        return 2\n"}, "K.m", "n", "overrides"),
    "dunder": ({"a.py": "class K:\n    def __len__(self):\n        return 1\n"}, "K.__len__", "size", "dunder"),
    "bad new name": ({"a.py": "def helper():\n    return 1\n"}, "helper", "new.name", "plain identifier"),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_refusals_are_one_line_and_change_nothing(tmp_path, case):
    files, old, new, needle = REFUSALS[case]
    root = _mini(tmp_path, files)
    before = snapshot(root)
    res = cli("rename", old, new, str(root))
    assert res.exit_code == 2, (case, res.output)
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("translate: error:") and needle in lines[0], lines
    assert snapshot(root) == before


def test_skip_unresolved_leaves_unknown_receivers(tmp_path):
    root = _mini(tmp_path, {"a.py": "class K:\n    def m(self):\n        return self.m\n\n"
                                    "def use(obj, k: K):\n    return obj.m(), k.m()\n"})
    result = rename_symbol([str(root)], "K.m", "n", skip_unresolved=True)
    text = next(iter(result.changes.values()))
    assert "def n(self):" in text and "return self.n" in text and "obj.m(), k.n()" in text
    assert any("unknown type" in note for note in result.notes)


def test_bad_inputs(tmp_path):
    res = cli("rename", "a", "b", str(tmp_path / "missing"))
    assert res.exit_code == 2 and "no such file" in res.stderr
    (tmp_path / "py2.py").write_text("print 'hello'\n")
    res = cli("rename", "a", "b", str(tmp_path / "py2.py"))
    assert res.exit_code == 2 and "cannot parse as Python 3" in res.stderr
    with pytest.raises(InputError, match="py2.py:1"):
        rename_symbol([str(tmp_path / "py2.py")], "a", "b")
