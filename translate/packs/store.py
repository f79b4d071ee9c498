"""Where packs live and which are installed: ``<model home>/models/<pack>/<file>`` plus ``manifest.json``.

A pack counts as installed only when its manifest (written after the model file, atomically) names the
pinned file, size and sha256, and the file has that size. Queries never write anything.
"""
from __future__ import annotations

import json
from pathlib import Path

from translate.errors import InputError, ModelError
from translate.home import home_dir
from translate.packs import registry
from translate.packs.registry import Pack

MANIFEST = "manifest.json"


def models_dir() -> Path:
    return home_dir() / "models"


def pack_dir(pack: Pack) -> Path:
    return models_dir() / pack.name


def find_pack(name: str) -> Pack | None:
    """The pack called ``name`` (its alias, display name or an extra alias; case-insensitive)."""
    key = name.strip().casefold()
    for pack in registry.PACKS.values():
        if key in (n.casefold() for n in pack.names()):
            return pack
    return None


def is_pack_name(name: str) -> bool:
    return find_pack(name) is not None


def known_names() -> str:
    return ", ".join(registry.PACKS)


def get_pack(name: str) -> Pack:
    pack = find_pack(name)
    if pack is None:
        raise InputError(f"unknown model pack {name!r} (known: {known_names()})")
    return pack


def read_manifest(pack: Pack) -> dict | None:
    try:
        data = json.loads((pack_dir(pack) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def installed_path(pack: Pack) -> Path | None:
    """The pack's model file if it is installed and matches the pinned size and hash (by its manifest)."""
    data = read_manifest(pack)
    if not data or data.get("sha256") != pack.sha256 or data.get("bytes") != pack.size \
            or data.get("file") != pack.filename:
        return None
    f = pack_dir(pack) / pack.filename
    try:
        return f if f.is_file() and f.stat().st_size == pack.size else None
    except OSError:
        return None


def installed_packs() -> list[tuple[Pack, Path]]:
    """Installed packs, best first (coder packs by rank, then the others)."""
    found = [(p, f) for p in registry.PACKS.values() if (f := installed_path(p)) is not None]
    return sorted(found, key=lambda pf: (not pf[0].coder, -pf[0].rank, pf[0].name))


def best_installed_coder() -> tuple[Pack, Path] | None:
    return next(((p, f) for p, f in installed_packs() if p.coder), None)


def require_installed(pack: Pack) -> Path:
    f = installed_path(pack)
    if f is None:
        raise ModelError(f"model pack {pack.name} is not installed: run `translate models install {pack.name}` "
                         f"({pack.mb} MB download)")
    return f
