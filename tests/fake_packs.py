"""Fake model packs for tests: real part wheels (zip files) in a find-links folder, a registry entry
pinned to their concatenation, and pip pointed at that folder only."""
from __future__ import annotations

import hashlib
import json
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from translate.packs import registry
from translate.packs.registry import Pack, Part


def make_wheel(folder: Path, dist: str, version: str, members: dict[str, bytes]) -> Path:
    """A py3-none-any wheel holding ``members``, an ``__init__.py`` that must never run, and a dist-info."""
    mod = dist.replace("-", "_")
    whl = folder / f"{mod}-{version}-py3-none-any.whl"
    info = f"{mod}-{version}.dist-info"
    with zipfile.ZipFile(whl, "w") as zf:
        zf.writestr(f"{mod}/__init__.py", "import pathlib; pathlib.Path('/tmp/IMPORTED-' + __name__).touch()\n"
                                          "raise SystemExit('a part wheel was imported')\n")
        for name, data in members.items():
            zf.writestr(name, data)
        zf.writestr(f"{info}/METADATA", f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
        zf.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
        zf.writestr(f"{info}/RECORD", "")
    return whl


@dataclass
class FakePack:
    pack: Pack
    links: Path  # the find-links folder holding the wheels
    data: bytes  # the whole file
    slices: list[bytes] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.pack.name


def fake_pack(tmp: Path, monkeypatch, *, name: str = "fake-coder", sizes=(300_000, 300_000, 123_457),
              rank: int = 100, coder: bool = True, sha256: str | None = None, size: int | None = None,
              extra: dict[int, dict[str, bytes]] | None = None, without_member: frozenset[int] = frozenset(),
              without_wheel: frozenset[int] = frozenset(), seed: int = 7) -> FakePack:
    """Register pack ``name`` (parts ``<name>-part1..N==1.0``) and build its wheels under ``tmp/links``."""
    links = tmp / "links"
    links.mkdir(parents=True, exist_ok=True)
    rnd = __import__("random").Random(seed)
    slices = [rnd.randbytes(n) for n in sizes]
    dist = f"{name}-part"
    mod = dist.replace("-", "_")
    parts = tuple(Part(f"{dist}{i}", "1.0", f"{mod}{i}/data/part{i:02d}.bin") for i in range(1, len(sizes) + 1))
    for i, (part, data) in enumerate(zip(parts, slices), 1):
        if i in without_wheel:
            continue
        members = {} if i in without_member else {part.member: data}
        members.update((extra or {}).get(i, {}))
        make_wheel(links, part.dist, part.version, members)
    whole = b"".join(slices)
    pack = Pack(name=name, display=f"Fake {name.title()} Q4", licence="MIT", origin="tests", parts=parts,
                size=len(whole) if size is None else size, sha256=sha256 or hashlib.sha256(whole).hexdigest(),
                filename=f"{name}.gguf", coder=coder, rank=rank)
    monkeypatch.setitem(registry.PACKS, name, pack)
    pip_offline(monkeypatch, links)
    return FakePack(pack, links, whole, slices)


def pip_offline(monkeypatch, links: Path) -> None:
    """pip sees only ``links``: no configuration files, no index."""
    for var in list(os.environ):
        if var.startswith("PIP_"):
            monkeypatch.delenv(var)
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(links))


def mark_installed(pack: Pack, home: Path) -> Path:
    """Make ``pack`` look installed without downloading it (a sparse file of the pinned size)."""
    d = home / "models" / pack.name
    d.mkdir(parents=True, exist_ok=True)
    f = d / pack.filename
    with open(f, "wb") as fh:
        fh.truncate(pack.size)
    (d / "manifest.json").write_text(json.dumps({"name": pack.name, "file": pack.filename, "bytes": pack.size,
                                                 "sha256": pack.sha256}))
    return f


def home_files(home: Path) -> list[str]:
    """Every file and folder under ``home``, relative, sorted (the install lock aside)."""
    return sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.name != ".lock")
