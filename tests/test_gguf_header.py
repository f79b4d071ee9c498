"""The GGUF header reader (translate.engines.identity.gguf_metadata) on files written here."""
from __future__ import annotations

import struct

import pytest

from translate.engines.identity import gguf_metadata
from translate.errors import ModelError


def _s(text: str) -> bytes:
    raw = text.encode("utf-8")
    return struct.pack("<Q", len(raw)) + raw


def _kv_string(key: str, value: str) -> bytes:
    return _s(key) + struct.pack("<I", 8) + _s(value)


def _header(*kvs: bytes, version: int = 3) -> bytes:
    return b"GGUF" + struct.pack("<IQQ", version, 0, len(kvs)) + b"".join(kvs)


def _file(tmp_path, data: bytes):
    path = tmp_path / "m.gguf"
    path.write_bytes(data)
    return path


def test_reads_wanted_keys_past_string_and_scalar_arrays(tmp_path):
    vocab = [f"tok{i}" for i in range(5000)] + ["é", ""]
    kvs = [
        _kv_string("general.architecture", "qwen2"),
        _s("general.file_type") + struct.pack("<I", 4) + struct.pack("<I", 15),  # a u32 scalar, skipped
        _s("tokenizer.ggml.tokens") + struct.pack("<I", 9) + struct.pack("<IQ", 8, len(vocab))
        + b"".join(_s(t) for t in vocab),
        _s("tokenizer.ggml.token_type") + struct.pack("<I", 9) + struct.pack("<IQ", 5, 3) + struct.pack("<3i", 1, 2, 3),
        _s("nested") + struct.pack("<I", 9) + struct.pack("<IQ", 9, 2)
        + struct.pack("<IQ", 4, 1) + struct.pack("<I", 7) + struct.pack("<IQ", 8, 1) + _s("x"),
        _kv_string("general.name", "Tiny"),
        _kv_string("tokenizer.chat_template", "{{ messages }}"),
    ]
    meta = gguf_metadata(_file(tmp_path, _header(*kvs)))
    assert meta == {"general.architecture": "qwen2", "general.name": "Tiny", "tokenizer.chat_template": "{{ messages }}"}


def test_missing_keys_are_absent(tmp_path):
    meta = gguf_metadata(_file(tmp_path, _header(_kv_string("general.architecture", "llama"))))
    assert meta == {"general.architecture": "llama"}


@pytest.mark.parametrize("data, message", [
    (b"", "bad magic"),
    (b"NOTGGUF" + bytes(40), "bad magic"),
    (b"GGUF" + struct.pack("<IQQ", 1, 0, 0), "too old"),
])
def test_not_a_gguf_file(tmp_path, data, message):
    with pytest.raises(ModelError, match=message):
        gguf_metadata(_file(tmp_path, data))


def test_truncated_header_is_damaged(tmp_path):
    whole = _header(_kv_string("general.name", "Tiny"), _kv_string("tokenizer.chat_template", "x" * 100))
    for cut in (30, len(whole) - 50, len(whole) - 1):
        with pytest.raises(ModelError, match="damaged GGUF header"):
            gguf_metadata(_file(tmp_path, whole[:cut]))
    # a string array whose lengths run past the end
    bad = _header(_s("tokenizer.ggml.tokens") + struct.pack("<I", 9) + struct.pack("<IQ", 8, 10) + _s("a"))
    with pytest.raises(ModelError, match="damaged GGUF header"):
        gguf_metadata(_file(tmp_path, bad))


def test_missing_file_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="cannot read model file"):
        gguf_metadata(tmp_path / "absent.gguf")
