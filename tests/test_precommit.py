"""The pre-commit hook for real: `pre-commit` runs the hook from this checkout's .pre-commit-hooks.yaml in
a temporary git repository. Deterministic completions come from a server with a scripted backend
(TRANSLATE_SERVER); the random tiny CodeGen model in-process shows the failure path."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from translate.engines.scripted import ScriptedBackend
from translate.server import ServerThread
from translate.server.app import create_app

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
STUB = 'def double(x):\n    """Return twice x."""\n    raise NotImplementedError\n'
DONE = 'def double(x):\n    """Return twice x."""\n    return 2 * x\n'

pytestmark = pytest.mark.skipif(shutil.which("git") is None or not (BIN / "pre-commit").exists(),
                                reason="needs git and pre-commit (pip install -e '.[test]')")


def manifest_hook() -> dict:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    return hook


def test_manifest_is_valid_and_as_documented():
    p = subprocess.run([str(BIN / "pre-commit"), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr
    hook = manifest_hook()
    assert hook["id"] == "translate-complete" and hook["language"] == "python"
    assert hook["entry"] == "translate complete" and hook["require_serial"] is True
    assert {"python", "javascript", "ts", "java", "c", "c++", "go", "rust", "c#"} <= set(hook["types_or"])


def _git(repo: Path, *args: str, env: dict, check: bool = True) -> subprocess.CompletedProcess:
    p = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=600)
    if check:
        assert p.returncode == 0, p.stdout + p.stderr
    return p


@pytest.fixture()
def repo(tmp_path):
    """A git repo whose .pre-commit-config.yaml runs our manifest's hook (`repo: local`, the same id, entry,
    types and serial setting; `language: system` so pre-commit uses this venv instead of building one)."""
    hook = {k: v for k, v in manifest_hook().items() if k != "description"}
    hook["language"] = "system"
    (tmp_path / "repo").mkdir()
    repo = tmp_path / "repo"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "TRANSLATE_"))}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", PRE_COMMIT_HOME=str(tmp_path / "pc-home"),
               HOME=str(tmp_path), GIT_CONFIG_NOSYSTEM="1")
    _git(repo, "init", "-q", "-b", "main", env=env)
    _git(repo, "config", "user.email", "dev@example.com", env=env)
    _git(repo, "config", "user.name", "Dev", env=env)
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}))
    subprocess.run([str(BIN / "pre-commit"), "install"], cwd=repo, env=env, check=True, capture_output=True)
    (repo / "mathx.py").write_text(STUB)
    (repo / "notes.md").write_text("raise NotImplementedError\n")  # not a supported type: never passed
    _git(repo, "add", ".pre-commit-config.yaml", "mathx.py", "notes.md", env=env)
    return repo, env


def fill(req) -> str:
    user = [m for m in req.messages if m["role"] == "user"][0]["content"]
    assert "`double`" in user
    return "```python\ndef double(x):\n    return 2 * x\n```"


def test_first_commit_fails_with_the_file_completed_second_passes(repo):
    repo, env = repo
    with ServerThread(create_app(ScriptedBackend(fill))) as url:
        env = {**env, "TRANSLATE_SERVER": url}
        first = _git(repo, "commit", "-m", "add double", env=env, check=False)
        assert first.returncode != 0, first.stdout + first.stderr
        out = first.stdout + first.stderr
        assert "translate-complete" in out or "complete stub functions" in out
        assert "completed 1 stub(s) in mathx.py" in out
        assert (repo / "mathx.py").read_text() == DONE
        # the hook did not stage anything: the index still has the stub, the completion is unstaged
        assert _git(repo, "show", ":mathx.py", env=env).stdout == STUB
        assert "AM mathx.py" in _git(repo, "status", "--porcelain", env=env).stdout.splitlines()
        assert _git(repo, "log", "--oneline", env=env, check=False).returncode != 0  # no commit yet
        _git(repo, "add", "mathx.py", env=env)
        second = _git(repo, "commit", "-m", "add double", env=env, check=False)
        assert second.returncode == 0, second.stdout + second.stderr
    assert _git(repo, "show", "HEAD:mathx.py", env=env).stdout == DONE
    assert (repo / "notes.md").read_text() == "raise NotImplementedError\n"


def test_random_model_cannot_complete_commit_fails_file_untouched(repo, tiny_codegen_dir):
    repo, env = repo
    env = {**env, "TRANSLATE_MODEL": str(tiny_codegen_dir)}  # in-process, no server
    p = subprocess.run([str(BIN / "pre-commit"), "run", "translate-complete", "--files", "mathx.py"], cwd=repo,
                       env=env, capture_output=True, text=True, timeout=600)
    out = p.stdout + p.stderr
    assert p.returncode == 1, out  # pre-commit reports the hook's exit code 2 as a failure
    assert "exit code: 2" in out and "mathx.py:1: cannot complete function double:" in out
    assert (repo / "mathx.py").read_text() == STUB
    commit = _git(repo, "commit", "-m", "stub", env=env, check=False)
    assert commit.returncode != 0 and (repo / "mathx.py").read_text() == STUB
