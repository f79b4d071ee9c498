"""One config: every ``TRANSLATE_*`` variable is declared in translate.config.ENV_VARS and listed in the README's
table, read only through env()/env_int()/env_flag(); one precedence (flag > env > user config > project >
default) in resolve(); the options several commands share have the same ranges everywhere."""
from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from translate.config import ENV_VARS, env, env_int, resolve
from translate.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
NAME = re.compile(r"\bTRANSLATE_[A-Z0-9_]*[A-Z0-9]\b")
# names that look like settings but are not: test_sandbox.py plants this fake secret to see the sandbox hide it
NOT_SETTINGS = {"TRANSLATE_TEST_SECRET_TOKEN", "TRANSLATE_TEST_REAL_HOME"}  # (the suite's own, tests/conftest.py)


def _files():
    for top in ("translate", "tests", "bench", ".ci"):
        for p in sorted((ROOT / top).rglob("*")):
            if p.is_file() and p.suffix in (".py", ".toml", ".md", "") and "__pycache__" not in p.parts:
                yield p


def test_every_variable_named_in_the_code_is_declared():
    undeclared = {}
    for p in _files():
        try:
            text = p.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for name in set(NAME.findall(text)) - set(ENV_VARS) - NOT_SETTINGS:
            undeclared.setdefault(name, str(p.relative_to(ROOT)))
    assert not undeclared, f"declare these in translate/config/__init__.py ENV_VARS: {undeclared}"


def test_the_readme_table_lists_every_variable():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `(TRANSLATE_[A-Z0-9_]+)` \|", readme, re.M))
    assert set(ENV_VARS) <= rows, f"missing from the README's environment table: {set(ENV_VARS) - rows}"
    assert rows <= set(ENV_VARS)
    assert set(NAME.findall(readme)) - NOT_SETTINGS <= set(ENV_VARS)


def test_the_package_reads_variables_only_through_config():
    direct = []
    for p in (ROOT / "translate").rglob("*.py"):
        if p.parent.name == "config" and p.name == "__init__.py":
            continue
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"environ|getenv|envvar=", line) and ("TRANSLATE_" in line or "_ENV" in line):
                direct.append(f"{p.relative_to(ROOT)}:{i}: {line.strip()}")
    assert not direct, direct


def test_env_refuses_an_undeclared_name():
    with pytest.raises(KeyError, match="not a declared setting"):
        env("TRANSLATE_" + "NO_SUCH_SETTING")


def test_env_int_error_is_one_line(monkeypatch):
    monkeypatch.setenv("TRANSLATE_LLAMACPP_SLOTS", "lots")
    with pytest.raises(InputError) as err:
        env_int("TRANSLATE_LLAMACPP_SLOTS", 0)
    assert str(err.value) == "TRANSLATE_LLAMACPP_SLOTS must be a whole number, got 'lots'"
    monkeypatch.setenv("TRANSLATE_LLAMACPP_SLOTS", " ")
    assert env_int("TRANSLATE_LLAMACPP_SLOTS", 3) == 3


def test_resolve_takes_flag_then_env_then_user_config_then_project_then_default(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    user = tmp_path / "translate" / "config.toml"
    user.parent.mkdir()
    user.write_text('model = "from-user"\n')
    monkeypatch.setenv("TRANSLATE_MODEL", "from-env")
    project = {"model": "from-project"}

    def get(flag=None):
        s = resolve(flag, "TRANSLATE_MODEL", "model", "from-default", project=project, project_path="/p/pyproject.toml",
                    flag_name="--model")
        return s.value, s.layer

    assert get("from-flag") == ("from-flag", "flag")
    assert get() == ("from-env", "env")
    monkeypatch.setenv("TRANSLATE_MODEL", "  ")  # blank is unset
    assert get() == ("from-user", "user")
    user.write_text("trusted = []\n")
    assert get() == ("from-project", "project")
    assert resolve(None, None, "concurrency", 0, project={"concurrency": 7},
                   project_path="/p/pyproject.toml").where("concurrency") == "/p/pyproject.toml: [tool.translate] concurrency"
    project.clear()
    assert get() == ("from-default", "default")
    calls = []
    assert resolve("x", None, "model", None, project=lambda: calls.append(1) or ({}, None)).value == "x"
    assert not calls  # a project table given as a callable is read only when it is needed


# commands where a shared option means something else, or keeps another default on purpose
DIFFERENT = {("eval humaneval-x", "--samples"),  # K programs per task for pass@K, not candidates per turn
             ("complete", "--max-new-tokens"),  # one body: 384
             ("repo", "--check")}  # --check/--no-check: build the migrated project and run its tests (issue 20)


def _commands(group, path=()):
    for name, cmd in group.commands.items():
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, (*path, name))
        else:
            yield " ".join((*path, name)), cmd


def test_generation_options_have_the_same_range_and_default_everywhere():
    from translate.cli.main import main
    from translate.cli.options import _SHARED

    shared = {decls[0]: kwargs for decls, kwargs in _SHARED.values()}
    seen = 0
    for name, cmd in _commands(main):
        for opt in cmd.params:
            flag = opt.opts[0] if isinstance(opt, click.Option) else None
            if flag not in shared or (name, flag) in DIFFERENT:
                continue
            seen += 1
            want = click.Option(["--x"], **shared[flag])
            assert opt.type.to_info_dict() == want.type.to_info_dict(), (name, flag)
            if flag != "--temperature" or name != "eval humaneval-x":  # None there: 0.8 when K > 1
                assert opt.default == want.default, (name, flag)
    assert seen > 30
