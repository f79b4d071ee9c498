"""What a model is, read from its files without loading it: the id and revision that cache keys use,
and whether it gets chat or completion prompts.

* GGUF files: the header's metadata (``general.architecture``, ``tokenizer.chat_template``); the
  revision is the file's sha256 (pinned for model packs, otherwise computed once and remembered by
  path, size and mtime in the model home).
* Model directories and hub ids: ``config.json`` (``model_type``) and the tokenizer's chat template
  (``tokenizer_config.json`` or ``chat_template.jinja``).
"""
from __future__ import annotations

import hashlib
import json
import mmap
import struct
from pathlib import Path

from translate.engines.base import Identity
from translate.engines.resolve import ModelSpec
from translate.errors import ModelError
from translate.home import home_dir

# --- GGUF header -----------------------------------------------------------------------------------
_SCALARS = {0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 6: "f", 7: "?", 10: "Q", 11: "q", 12: "d"}
_STRING, _ARRAY = 8, 9


def gguf_metadata(path: Path, keys: frozenset[str] = frozenset({"general.architecture", "general.name",
                                                                 "tokenizer.chat_template"})) -> dict:
    """The wanted string/scalar metadata of a GGUF file (v2/v3), skipping everything else.

    The header is read through a memory map: a tokenizer's vocabulary and merges are some 300,000
    strings to step over, and offsets into a map cost a fraction of a read and a seek each."""
    try:
        with open(path, "rb") as fh:
            try:
                buf = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            except ValueError:  # an empty file cannot be mapped
                buf = None
            if buf is None or len(buf) < 24 or buf[:4] != b"GGUF":
                raise ModelError(f"{path}: not a GGUF file (bad magic)")
            with buf:
                version, _tensors, count = struct.unpack_from("<IQQ", buf, 4)
                if version < 2:
                    raise ModelError(f"{path}: GGUF version {version} is too old")
                return _read_kv(buf, count, keys)
    except OSError as exc:
        raise ModelError(f"{path}: cannot read model file: {exc.strerror or exc}") from None
    except (struct.error, UnicodeDecodeError, MemoryError, OverflowError, IndexError):
        raise ModelError(f"{path}: damaged GGUF header") from None


def _read_kv(buf, count: int, keys: frozenset[str]) -> dict:
    """The metadata key/value pairs from offset 24 of ``buf``; only ``keys`` are decoded."""
    size = len(buf)
    u64, u32 = struct.Struct("<Q").unpack_from, struct.Struct("<I").unpack_from
    off = 24

    def skip(n: int) -> None:
        nonlocal off
        off += n
        if off > size:
            raise struct.error("past the end of the file")

    def string(keep: bool):
        nonlocal off
        (n,) = u64(buf, off)
        start = off + 8
        skip(8 + n)
        return buf[start:off].decode("utf-8") if keep else None

    def value(vtype: int, keep: bool):
        nonlocal off
        if vtype == _STRING:
            return string(keep)
        if vtype == _ARRAY:
            (etype,) = u32(buf, off)
            (n,) = u64(buf, off + 4)
            skip(12)
            if etype in _SCALARS:
                skip(n * struct.calcsize("<" + _SCALARS[etype]))
            elif etype == _STRING:  # the vocabulary: lengths only
                for _ in range(n):
                    (length,) = u64(buf, off)
                    off += 8 + length
                skip(0)
            else:
                for _ in range(n):
                    value(etype, False)
            return None
        fmt = "<" + _SCALARS[vtype]
        start = off
        skip(struct.calcsize(fmt))
        return struct.unpack_from(fmt, buf, start)[0] if keep else None

    out = {}
    for _ in range(count):
        key = string(True)
        (vtype,) = u32(buf, off)
        skip(4)
        v = value(vtype, key in keys)
        if key in keys:
            out[key] = v
            if len(out) == len(keys):
                break
    return out


# --- file hash, remembered ---------------------------------------------------------------------------
def file_sha256(path: Path) -> str:
    """sha256 of a (large) file, computed once per (path, size, mtime) and remembered in the model home."""
    st = path.stat()
    memo_file = home_dir() / "hashes.json"
    key = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"
    try:
        memo = json.loads(memo_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        memo = {}
    if key in memo:
        return memo[key]
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 22):
            h.update(chunk)
    digest = h.hexdigest()
    memo = {k: v for k, v in memo.items() if not k.startswith(f"{path.resolve()}|")}
    memo[key] = digest
    try:
        from translate.fsutil import atomic_write_text

        memo_file.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(str(memo_file), json.dumps(memo, indent=1) + "\n")
    except OSError:
        pass  # a read-only home: hash again next time
    return digest


# --- identities (each engine's ``identify`` in translate.engines.registry puts these together) -------
def model_id_of(spec: ModelSpec) -> str:
    from translate.engines.resolve import EMBEDDED_NAME

    return EMBEDDED_NAME if spec.origin == "embedded" else spec.ref


def files_revision(spec: ModelSpec) -> str:
    """A content identity of a model's files without hashing the weights: the hub id itself, or a hash of
    a GGUF file's size and first MiB, or of a directory's file names, sizes and JSON files."""
    h = hashlib.sha256()
    if spec.kind == "gguf":
        f = spec.path / spec.gguf_file
        h.update(str(f.stat().st_size).encode())
        with open(f, "rb") as fh:
            h.update(fh.read(1 << 20))
    elif spec.kind == "dir":
        for f in sorted(spec.path.iterdir()):
            if f.is_file():
                h.update(f.name.encode())
                h.update(str(f.stat().st_size).encode())
                if f.suffix == ".json":
                    h.update(f.read_bytes())
    else:
        return spec.ref
    return h.hexdigest()[:16]


def gguf_family(spec: ModelSpec) -> tuple[str, bool]:
    """(family, is_chat) from a GGUF header: a chat template makes it a chat model."""
    meta = gguf_metadata(spec.path / spec.gguf_file)
    chat = bool(meta.get("tokenizer.chat_template"))
    return ("chat" if chat else "completion"), chat


def llamacpp_identity(spec: ModelSpec) -> Identity:
    """llama.cpp answers depend on the exact file: the revision is its sha256."""
    if spec.kind != "gguf":
        raise ModelError(f"the llama.cpp engine needs a .gguf model file; {spec.ref} is not one")
    family, chat = gguf_family(spec)
    sha = spec.sha256 or file_sha256(spec.path / spec.gguf_file)
    return Identity(model_id_of(spec), sha[:16] + "+llamacpp", family, chat, "llamacpp")


def _hf_files(spec: ModelSpec) -> Path | None:
    """The folder holding config.json / tokenizer files: the directory, or the hub snapshot in the cache."""
    if spec.kind == "dir":
        return spec.path
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:  # pragma: no cover - a dependency of transformers
        return None
    found = try_to_load_from_cache(spec.ref, "config.json")
    return Path(found).parent if isinstance(found, str) else None


def dir_family(spec: ModelSpec) -> tuple[str, bool]:
    """(family, is_chat) of a model directory or cached hub model, from config.json and the tokenizer files."""
    folder = _hf_files(spec)
    if folder is None:
        from translate.engines.resolve import hf_cache_dir

        raise ModelError(
            f"model {spec.ref} is not in the local Hugging Face cache ({hf_cache_dir()}) and cannot be downloaded "
            f"here: fetch it on a connected machine (`hf download {spec.ref}`) and copy the cache, or pass a local "
            f"directory / .gguf file with --model")
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        config = {}
    template = (folder / "chat_template.jinja").is_file() or (folder / "chat_template.json").is_file()
    try:
        tok_cfg = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
        template = template or bool(tok_cfg.get("chat_template"))
    except (OSError, ValueError):
        pass
    if config.get("model_type") == "codegen":
        return "codegen", False
    return ("chat" if template else "completion"), template


def transformers_identity(spec: ModelSpec, dtype_suffix: str) -> Identity:
    """The transformers engine's identity; ``dtype_suffix`` ("", "+bfloat16", ...) because its answers
    depend on the weights' dtype (the engine picks it: translate.engines.hf.dtype_suffix)."""
    family, chat = gguf_family(spec) if spec.kind == "gguf" else dir_family(spec)
    return Identity(model_id_of(spec), files_revision(spec) + dtype_suffix, family, chat, "transformers")
