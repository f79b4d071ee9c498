"""Output path mapping and its [tool.translate.layout] configuration."""
from __future__ import annotations

from pathlib import PurePosixPath as P

import pytest

from translate.errors import InputError
from translate.repo.layout import convert_case, load_layout
from translate.source.languages import get_language


@pytest.mark.parametrize("stem,case,out", [
    ("text_stats", "pascal", "TextStats"), ("textStats", "snake", "text_stats"), ("HTTPServer", "snake", "http_server"),
    ("_private_mod", "snake", "_private_mod"), ("my_module", "kebab", "my-module"), ("my_module", "camel", "myModule"),
    ("__init__", "keep", "__init__"),
])
def test_convert_case(stem, case, out):
    assert convert_case(stem, case) == out


def test_defaults_per_target(tmp_path):
    js = load_layout(tmp_path, get_language("javascript"))
    assert js.output_for(P("pkg/text_stats.py")) == P("pkg/text_stats.js")
    assert js.output_for(P("pkg/__init__.py")) == P("pkg/index.js")
    java = load_layout(tmp_path, get_language("java"))
    # a Python project becomes a Maven one: sources under src/main/java, tests under src/test/java
    assert java.output_for(P("pkg/text_stats.py")) == P("src/main/java/pkg/TextStats.java")
    assert java.output_for(P("tests/test_stats.py")) == P("src/test/java/tests/TestStats.java")
    assert load_layout(tmp_path, get_language("rust")).output_for(P("a/__init__.py")) == P("a/mod.rs")
    assert load_layout(tmp_path, get_language("go")).output_for(P("a/TextStats.java")) == P("a/text_stats.go")


def test_nearest_pyproject_configures_the_layout(tmp_path):
    (tmp_path / "pyproject.toml").write_text("""
[tool.translate.layout]
case = { typescript = "kebab" }
rename = { "__init__" = "mod" }
dirs = { "src/pkg" = "lib", "src" = "other" }
extension = { typescript = ".mts" }
""")
    src = tmp_path / "repo" / "src"
    src.mkdir(parents=True)
    ts = load_layout(src, get_language("typescript"))
    assert ts.config_path == tmp_path / "pyproject.toml"
    assert ts.output_for(P("src/pkg/text_stats.py")) == P("lib/text-stats.mts")
    assert ts.output_for(P("src/x/__init__.py")) == P("other/x/mod.mts")
    assert ts.copy_for(P("src/pkg/data.json")) == P("lib/data.json")
    js = load_layout(src, get_language("javascript"))  # case/extension tables name only typescript
    assert js.output_for(P("top/text_stats.py")) == P("top/text_stats.js")
    # a closer pyproject without the table: defaults
    (tmp_path / "repo" / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert load_layout(src, get_language("typescript")).output_for(P("a_b.py")) == P("a_b.ts")


@pytest.mark.parametrize("toml,msg", [
    ("[tool.translate.layout]\ncase = 'shout'\n", "case must be one of"),
    ("[tool.translate.layout]\nfolders = {}\n", "unknown key"),
    ("[tool.translate.layout]\ndirs = { 'a' = '../b' }\n", "without '..'"),
    ("[tool.translate.layout\n", "invalid TOML"),
])
def test_bad_config_is_one_line_input_error(tmp_path, toml, msg):
    (tmp_path / "pyproject.toml").write_text(toml)
    with pytest.raises(InputError, match=msg) as err:
        load_layout(tmp_path, get_language("javascript"))
    assert "\n" not in str(err.value)
