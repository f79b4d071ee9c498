"""Cache keys hash the prompt templates and the code that cleans and checks answers (no hand-bumped version)."""
from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from translate import get_language
from translate.refactor import refactor
from translate.refactor.prompt import RewriteTask
from translate.refactor.recipes import get_recipe
from translate.translation import pipeline
from translate.translation.pipeline import TranslateOptions, cache_key
from translate.translation.prompts import TranslationTask

BACKEND = SimpleNamespace(model_id="m", revision="r", is_chat=True)
PY, JS = get_language("python"), get_language("javascript")
TASK = TranslationTask(PY, JS, "def add(a, b):\n    return a + b\n", "function", "add")


def _copies(root: Path, inputs: tuple[str, ...], edit: str | None = None) -> tuple[str, ...]:
    """The fingerprint's input files copied under ``root`` (same names, same text), the first one named
    ``edit`` with a line added. (The fingerprint is computed once per process for a set of files: an
    edit is a new set, as it is in a new process.)"""
    out = []
    for i, p in enumerate(inputs):
        dst = root / str(i) / Path(p).name
        dst.parent.mkdir(parents=True)
        shutil.copyfile(p, dst)
        if edit == dst.name:
            dst.write_text(dst.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
            edit = None
        out.append(str(dst))
    return tuple(out)


def _key() -> str:
    return cache_key(BACKEND, TranslateOptions(), TASK)


def test_the_key_is_stable():
    assert _key() == _key()
    assert all(Path(p).is_file() for p in pipeline.KEY_INPUTS + refactor.KEY_INPUTS)
    assert "translate.toml" in {Path(p).name for p in pipeline.KEY_INPUTS}


def test_every_module_of_the_translation_package_is_keyed_or_said_why_not():
    package = Path(pipeline.__file__).parent
    keyed = {Path(p).name for p in pipeline.KEY_INPUTS if Path(p).parent == package}
    modules = {p.name for p in package.glob("*.py")}
    assert not keyed & set(pipeline.NOT_KEYED)
    assert modules == keyed | set(pipeline.NOT_KEYED), modules ^ (keyed | set(pipeline.NOT_KEYED))


@pytest.mark.parametrize("name", ["translate.toml", "extract.py", "checks.py", "staticize.py", "pipeline.py"])
def test_editing_a_template_or_a_cleaning_module_changes_the_key(tmp_path, monkeypatch, name):
    before, inputs = _key(), pipeline.KEY_INPUTS
    monkeypatch.setattr(pipeline, "KEY_INPUTS", _copies(tmp_path / "same", inputs))
    assert _key() == before  # where the files lie does not matter, only their names and text
    monkeypatch.setattr(pipeline, "KEY_INPUTS", _copies(tmp_path / "edited", inputs, name))
    edited = _key()
    assert edited != before
    assert _key() == edited


def test_the_prompt_parts_stay_in_the_key(monkeypatch):
    before = _key()
    monkeypatch.setenv("TRANSLATE_PROMPT_PARTS", "system")
    assert _key() != before


@pytest.mark.parametrize("name", ["prompt.py", "recipes.py", "checks.py"])
def test_the_refactor_key_follows_its_prompts_recipes_and_checks(tmp_path, monkeypatch, name):
    recipe = get_recipe("docstrings")
    task = RewriteTask(PY, "def f(x):\n    return x\n", "function", "f", recipe.instruction, recipe.allow, "", "")

    def key() -> str:
        return refactor.cache_key(BACKEND, TranslateOptions(), recipe, task, None)

    before, inputs = key(), refactor.KEY_INPUTS
    assert key() == before
    monkeypatch.setattr(refactor, "KEY_INPUTS", _copies(tmp_path / "same", inputs))
    assert key() == before
    monkeypatch.setattr(refactor, "KEY_INPUTS", _copies(tmp_path / "edited", inputs, name))  # refactor's own files
    assert key() != before


def test_refactor_runs_the_shared_cached_loop_answers_journaled_and_units_committed(tmp_path, scripted):
    """refactor goes through translate's cached job loop: each answer is journaled as it arrives (a killed
    run keeps it), a finished unit is committed and its answers leave the journal, a re-run asks nothing."""
    from translate.refactor.recipes import from_instruction
    from translate.source.units import parse_text
    from translate.translation.cache import UnitCache

    src = "def f(a, b):\n    return a + b\n\n\ndef g(a):\n    return a * 2\n"
    seen: list[int] = []

    def answer(req):
        text = "\n".join(m["content"] for m in req.messages) if req.messages else req.prompt
        if "return a * 2" in text:  # g's request: the run dies while answering it
            assert len(seen) == 1, "the first answer was not journaled before the call ended"
            raise KeyboardInterrupt
        return "```python\ndef f(a, b):\n    return b + a\n```"

    recipe = from_instruction("swap the operands")
    with UnitCache(tmp_path / "c.sqlite") as cache:
        real_put = cache.journal_put
        cache.journal_put = lambda k, v: (real_put(k, v), seen.append(1))
        with pytest.raises(KeyboardInterrupt):
            refactor.refactor_parsed([parse_text(src, PY, "m.py")], scripted(answer), recipe,
                                     TranslateOptions(max_turns=1), cache=cache)
        assert cache.journal_len() == 1 and len(cache) == 0
        again = scripted(lambda req: "```python\ndef g(a):\n    return 2 * a\n```")
        [plan] = refactor.refactor_parsed([parse_text(src, PY, "m.py")], again, recipe,
                                          TranslateOptions(max_turns=1), cache=cache)
        assert len(again.requests) == 1  # f's answer came from the journal
        assert "return b + a" in plan.text and "return 2 * a" in plan.text
        assert cache.journal_len() == 0 and len(cache) == 2
        third = scripted(lambda req: "unused")
        refactor.refactor_parsed([parse_text(src, PY, "m.py")], third, recipe, TranslateOptions(max_turns=1),
                                 cache=cache)
        assert third.requests == []  # every unit from the cache
