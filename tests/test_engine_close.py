"""A command's models go back when it ends: every backend open_backend returned is closed by the CLI
(translate.engines.loader.close_opened), so in-process callers that run one command after another (the tests,
a notebook) do not hold one loaded model per command until the garbage collector finds them."""
from __future__ import annotations

from click.testing import CliRunner

from translate.cli.main import main
from translate.engines import loader
from translate.engines.base import Engine, Identity


class _Loaded(Engine):
    model_id, revision, family, is_chat = "stub", "1", "completion", False

    def __init__(self) -> None:
        self.closed = 0

    def generate(self, requests, on_result=None):
        return []

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def close(self) -> None:
        self.closed += 1


def test_close_opened_releases_the_loaded_model_of_every_open_backend():
    made: list[_Loaded] = []
    ident = Identity("stub", "1", "completion", False, "scripted")
    lazy = loader.LazyBackend(ident, lambda: made.append(_Loaded()) or made[-1])
    unused = loader.LazyBackend(ident, lambda: made.append(_Loaded()) or made[-1])
    loader._OPENED.update((lazy, unused))
    assert lazy.count_tokens("a b") == 2 and lazy.loaded and len(made) == 1
    loader.close_opened()
    assert made[0].closed == 1 and not lazy.loaded  # released; the unused one never loaded, nothing to close
    assert len(made) == 1 and len(loader._OPENED) == 0
    lazy.close()
    assert made[0].closed == 1  # closing again releases nothing twice
    assert lazy.count_tokens("a") == 1 and len(made) == 2  # a later use loads the model again


def test_a_command_closes_the_models_it_opened(tiny_codegen_dir, tmp_path, monkeypatch):
    opened: list[loader.LazyBackend] = []
    real = loader.open_backend

    def recorded(*args, **kwargs):
        engine = real(*args, **kwargs)
        opened.append(engine)
        monkeypatch.setattr(engine, "close", lambda: (calls.append("close"), type(engine).close(engine)))
        return engine

    calls: list[str] = []
    monkeypatch.setattr(loader, "open_backend", recorded)
    src = tmp_path / "f.py"
    src.write_text("def f(x):\n    return x + 1\n")
    res = CliRunner().invoke(main, ["file", str(src), "--to", "javascript", "--model", str(tiny_codegen_dir),
                                    "--max-turns", "1", "--max-new-tokens", "8", "--no-cache", "-q",
                                    "-o", str(tmp_path / "f.js")])
    assert res.exit_code in (0, 1), res.output  # a random-weight model: its answer may not parse
    assert len(opened) == 1 and calls == ["close"]  # the model was asked, then released when the command ended
    assert not opened[0].loaded and len(loader._OPENED) == 0


def test_an_engine_with_a_thread_gate_is_freed_when_dropped_not_at_the_next_garbage_collection():
    """The llama.cpp engine holds a UseGate that calls back its ``_restart``: held strongly, that was a cycle,
    and a dropped engine kept its loaded model (2.2 GB for the 1.5B pack) until the collector ran."""
    import gc
    import weakref

    from translate.engines.threads import ThreadPlan, UseGate

    class Owner:
        def __init__(self) -> None:
            self.gate = UseGate(ThreadPlan.__new__(ThreadPlan), self.restart)

        def restart(self, threads: int) -> None:
            pass

    gc.disable()
    try:
        owner = Owner()
        dead = weakref.ref(owner)
        del owner
        assert dead() is None  # freed by its reference count alone
    finally:
        gc.enable()
