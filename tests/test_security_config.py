"""A cloned repository must not choose where your code and your secrets go (issue 17): its pyproject.toml's
``[tool.translate]`` may name a server (``base_url``), a key variable (``api_key_env``) or a remote model
only when the user trusts the project (translate/config/trust.py). The attacker's server is a recording
proxy in front of ``translate serve`` with a scripted model; what reached it is what is asserted."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from fault_proxy import FaultProxy

from translate.cli.main import main
from translate.config import trust as config_trust
from translate.engines import resolve as modelres
from translate.engines.base import GenRequest
from translate.engines.loader import BackendConfig
from translate.engines.remote_settings import remote_settings
from translate.engines.scripted import ScriptedBackend
from translate.packs import is_pack_name
from translate.server import ServerThread
from translate.server.app import create_app

SECRET = "AKIA-attacker-wants-this-0123456789"
STUB = 'import math\n\n\ndef area(radius):\n    """Area of a circle."""\n    ...\n'


def answer(req: GenRequest) -> str:
    text = req.prompt or "\n".join(m["content"] for m in req.messages)
    if "Area of a circle" in text:
        return "```python\ndef area(radius):\n    return math.pi * radius ** 2\n```"
    return "```javascript\nfunction add(a, b) {\n  return a + b;\n}\n```"


class Recording(FaultProxy):
    """Every request that reached the server, with its Authorization header."""

    def __init__(self, upstream: str):
        super().__init__(upstream)
        self.seen: list[tuple[str, str, str | None]] = []

    def _handle(self, h, method):
        self.seen.append((method, h.path, h.headers.get("authorization")))
        return super()._handle(h, method)


@pytest.fixture()
def attacker():
    with ServerThread(create_app(ScriptedBackend(answer, is_chat=True, model_id="x"))) as url:
        proxy = Recording(url)
        try:
            yield proxy
        finally:
            proxy.close()


@pytest.fixture(autouse=True)
def clean_env(tmp_path, monkeypatch):
    """No user config, trust, model, server or key from this machine; no fallback model either (a run
    that ignores the project's model stops with 'no model', exit 3, instead of loading one)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    for var in ("TRANSLATE_TRUST", "TRANSLATE_MODEL", "TRANSLATE_BASE_URL", "TRANSLATE_SERVER", "OPENAI_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(modelres, "embedded_gguf", lambda: None)
    config_trust._warned.clear()
    yield
    config_trust._warned.clear()


def hostile_project(root: Path, url: str) -> Path:
    root.mkdir(parents=True)
    (root / "pyproject.toml").write_text(f'[project]\nname = "innocent"\n\n[tool.translate]\nmodel = "openai:x"\n'
                                         f'base_url = "{url}"\napi_key_env = "SOME_SECRET"\n')
    (root / "calc.py").write_text("def add(a, b):\n    return a + b\n")
    (root / "geometry.py").write_text(STUB)
    return root


def run(args, cwd: Path, monkeypatch, **env):
    monkeypatch.chdir(cwd)
    res = CliRunner().invoke(main, [str(a) for a in args], env={"SOME_SECRET": SECRET, **env})
    assert "Traceback" not in res.output, res.output
    assert SECRET not in res.output
    return res


def warned(res, project: Path) -> bool:
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("translate: warning: ignored")]
    return (len(lines) == 1 and "api_key_env, base_url, model" in lines[0]
            and str(project / "pyproject.toml") in lines[0] and "--trust-project" in lines[0])


@pytest.mark.parametrize("cmd", [["file", "calc.py", "--to", "javascript", "--no-cache"], ["complete", "geometry.py"]])
def test_an_untrusted_project_sends_nothing_and_says_what_it_ignored(cmd, attacker, tmp_path, monkeypatch):
    project = hostile_project(tmp_path / "clone", attacker.url)
    res = run(cmd, project, monkeypatch)
    assert attacker.seen == []  # not even a probe
    assert res.exit_code == 3 and "no model" in res.stderr, res.output  # the project's model was not taken
    assert warned(res, project), res.stderr
    assert (project / "geometry.py").read_text() == STUB and not (project / "calc.js").exists()


def test_an_untrusted_project_cannot_redirect_or_pick_the_key_of_the_users_own_model(attacker, tmp_path, monkeypatch):
    project = hostile_project(tmp_path / "clone", attacker.url)
    # the user names a remote model, but no server: the project's base_url is not taken
    res = run(["file", "calc.py", "--to", "javascript", "--no-cache", "--model", "openai:x"], project, monkeypatch)
    assert res.exit_code == 2 and "needs the server" in res.stderr and warned(res, project), res.output
    assert attacker.seen == []
    # the user's own server gets the user's key (OPENAI_API_KEY), not the variable the project named
    with ServerThread(create_app(ScriptedBackend(answer, is_chat=True, model_id="x"))) as url:
        mine = Recording(url)
        try:
            res = run(["complete", "geometry.py", "--model", "openai:x", "--base-url", mine.url], project, monkeypatch,
                      OPENAI_API_KEY="users-own-key")
        finally:
            mine.close()
    assert res.exit_code == 1 and "math.pi" in (project / "geometry.py").read_text(), res.output
    assert {auth for _, _, auth in mine.seen} == {"Bearer users-own-key"} and attacker.seen == []


@pytest.mark.parametrize("how", ["config", "config-symlink", "env", "env-star", "flag"])
def test_a_trusted_project_uses_its_server_and_key(how, attacker, tmp_path, monkeypatch):
    project = hostile_project(tmp_path / "work" / "proj", attacker.url)
    env, flags, cwd = {}, [], project
    if how.startswith("config"):
        cfg = tmp_path / "xdg" / "translate" / "config.toml"
        cfg.parent.mkdir(parents=True)
        cfg.write_text(f'trusted = ["{tmp_path / "work"}"]\n')  # a root: everything below it
        if how == "config-symlink":  # reached through a link: judged by its real path
            (tmp_path / "link").symlink_to(project, target_is_directory=True)
            cwd = tmp_path / "link"
    elif how == "env":
        env["TRANSLATE_TRUST"] = os.pathsep.join([str(tmp_path / "elsewhere"), str(project)])
    elif how == "env-star":
        env["TRANSLATE_TRUST"] = "*"
    else:
        flags = ["--trust-project"]
    res = run(["file", "calc.py", "--to", "javascript", "--no-cache", *flags], cwd, monkeypatch, **env)
    assert res.exit_code == 0, res.output
    assert "function add" in (project / "calc.js").read_text() and "warning: ignored" not in res.stderr
    assert any(path.endswith("/chat/completions") for _, path, _ in attacker.seen)
    assert {auth for _, _, auth in attacker.seen} == {f"Bearer {SECRET}"}  # the project's choice, as trusted
    if how == "flag":
        res = run(["complete", "geometry.py", "--trust-project"], project, monkeypatch)
        assert res.exit_code == 1 and "math.pi" in (project / "geometry.py").read_text(), res.output


def test_what_an_untrusted_project_keeps(tmp_path, monkeypatch):
    project = tmp_path / "p"
    (project / "models" / "m").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    (project / "models" / "out").symlink_to(tmp_path / "outside", target_is_directory=True)
    py = project / "pyproject.toml"
    table = {"layout": {"case": "kebab"}, "api": "chat", "concurrency": 4, "request_timeout": 9.0,
             "model_revision": "r1", "base_url": "http://evil", "api_key_env": "AWS_SECRET_ACCESS_KEY",
             "some_future_command": "curl evil"}
    kept, ignored = config_trust.split(py, table)
    assert set(kept) == {"layout", "api", "concurrency", "request_timeout", "model_revision"}
    assert set(ignored) == {"base_url", "api_key_env", "some_future_command"}
    models = {"models/m": True, "./models/m": True, "models/out": False, "../outside": False, str(tmp_path): False,
              "~/models/m": False, "openai:x": False, "Qwen/Qwen2.5-Coder-1.5B-Instruct": False, "gpt2": False}
    for ref, ok in models.items():
        assert ("model" in config_trust.split(py, {"model": ref})[0]) is ok, ref
    assert config_trust.split(py, {"model": "qwen2.5-coder-1.5b"}, is_pack=is_pack_name)[0] == {"model": "qwen2.5-coder-1.5b"}  # a pack
    # trusted: everything; a root is compared by real path and whole components (/p is not /p-evil)
    monkeypatch.setenv("TRANSLATE_TRUST", str(project))
    assert config_trust.split(py, table) == (table, [])
    assert config_trust.split(tmp_path / "p-evil" / "pyproject.toml", table)[1]


def test_remote_settings_take_only_harmless_keys_from_an_untrusted_project(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.translate]\nbase_url = "http://evil:1"\napi_key_env = "SOME"\n'
                                             'concurrency = 4\n')
    monkeypatch.setenv("SOME", SECRET)
    monkeypatch.setenv("OPENAI_API_KEY", "mine")
    s = remote_settings(BackendConfig(base_urls=("http://mine:2",)), "openai:m")
    assert s.base_urls == ("http://mine:2/v1",) and s.api_key == "mine" and s.concurrency == 4
    remote_settings(BackendConfig(base_urls=("http://mine:2",)), "openai:m")
    assert capsys.readouterr().err.count("warning: ignored api_key_env, base_url") == 1  # once per file
    s = remote_settings(BackendConfig(trust_project=True), "openai:m")
    assert s.base_urls == ("http://evil:1/v1",) and s.api_key == SECRET


def test_a_broken_user_config_is_one_line_exit_2(attacker, tmp_path, monkeypatch):
    project = hostile_project(tmp_path / "clone", attacker.url)
    cfg = tmp_path / "xdg" / "translate" / "config.toml"
    cfg.parent.mkdir(parents=True)
    cfg.write_text("trusted = [\n")
    res = run(["file", "calc.py", "--to", "javascript", "--no-cache"], project, monkeypatch)
    assert res.exit_code == 2 and str(cfg) in res.stderr and "invalid TOML" in res.stderr, res.output
    assert attacker.seen == []
