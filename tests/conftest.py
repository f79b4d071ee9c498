"""Shared fixtures. Model fixtures build everything locally: nothing is downloaded."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def tiny_codegen_dir(tmp_path_factory) -> Path:
    """A tiny random-weight CodeGenForCausalLM + local BPE tokenizer saved as a model directory."""
    from tiny_model import build_tiny_codegen

    return build_tiny_codegen(tmp_path_factory.mktemp("tiny-codegen"))


@pytest.fixture()
def scripted():
    """Factory for the scripted fake backend (unit tests of pure logic only)."""
    from translate.backends.scripted import ScriptedBackend

    return ScriptedBackend
