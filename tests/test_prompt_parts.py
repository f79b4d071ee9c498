"""The chat prompt's elements (translate/templates/translate.toml `[chat] parts`, TRANSLATE_PROMPT_PARTS):
with none of them the first turn is exactly the naive baseline's one message, and each element adds
only its own text."""
from __future__ import annotations

import pytest

from translate import get_language
from translate.engines.scripted import ScriptedBackend
from translate.evaluation.naive import naive_request
from translate.translation.pipeline import TranslateOptions
from translate.translation.prompts import CHAT_PARTS, TranslationTask, UnitContext, chat_messages

PY, JS = get_language("python"), get_language("javascript")
CODE = "def is_boiling(celsius):\n    return celsius >= 100\n"
CTX = UnitContext(parent=None, names=["celsiusToFahrenheit"], calls=["if is_boiling(t):"],
                  test_calls=["console.assert(isBoiling(100));"])


def task() -> TranslationTask:
    return TranslationTask(PY, JS, CODE, "function", "is_boiling", CTX, target_name="isBoiling")


def with_parts(monkeypatch, *parts: str):
    monkeypatch.setenv("TRANSLATE_PROMPT_PARTS", ",".join(parts) if parts else ",".join(f"-{p}" for p in CHAT_PARTS))
    return chat_messages(task(), [])


def test_no_parts_is_the_naive_prompt(monkeypatch):
    messages, prefix = with_parts(monkeypatch)
    naive = naive_request(CODE, "python", "javascript", ScriptedBackend([]), TranslateOptions())
    assert messages == naive.messages and prefix == ""


@pytest.mark.parametrize("part, text", [
    ("keep", "Name it `isBoiling`"),
    ("context", "`celsiusToFahrenheit`"),
    ("calls", "if is_boiling(t):"),
    ("hint", "no TypeScript"),
])
def test_each_part_adds_its_text_to_the_user_message(monkeypatch, part, text):
    bare, _ = with_parts(monkeypatch)
    messages, _ = with_parts(monkeypatch, part)
    assert len(messages) == 1 and text in messages[0]["content"] and text not in bare[0]["content"]


def test_calls_include_the_users_test_lines_for_typed_targets(monkeypatch):
    monkeypatch.setenv("TRANSLATE_PROMPT_PARTS", "calls")
    ts = TranslationTask(PY, get_language("typescript"), CODE, "function", "is_boiling", CTX, target_name="isBoiling")
    assert "console.assert(isBoiling(100));" in chat_messages(ts, [])[0][0]["content"]
    assert "console.assert(isBoiling(100));" not in chat_messages(task(), [])[0][0]["content"]  # JavaScript


def test_system_example_and_prefix(monkeypatch):
    messages, prefix = with_parts(monkeypatch, "system", "example", "prefix")
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert "countVowels" in messages[2]["content"] and prefix == "```javascript\n"


def test_unknown_part_is_refused(monkeypatch):
    monkeypatch.setenv("TRANSLATE_PROMPT_PARTS", "system,shouting")
    with pytest.raises(ValueError, match="shouting"):
        chat_messages(task(), [])


def test_the_tests_call_lines_reach_typed_targets_only():
    from translate.source.languages import get_language
    from translate.translation.prompts import TranslationTask, UnitContext, chat_messages

    code = "def total(values, n):\n    return sum(values[:n])\n"
    for target, line, shown in (("cpp", "assert(total(v, 3) == 6);", True), ("java", "assert total(v, 3) == 6;", True),
                                ("javascript", "console.assert(total([1, 2, 3], 3) === 6);", False),
                                ("python", "assert total([1, 2, 3], 3) == 6", False)):
        task = TranslationTask(get_language("python"), get_language(target), code, "function", "total",
                               UnitContext(test_calls=[line]))
        messages, _ = chat_messages(task, [])
        assert (line in messages[-1]["content"]) is shown, target


def test_a_long_units_repair_conversation_quotes_only_its_last_answer():
    """sqids' ``Sqids`` skeleton: a 1,100-token class with two answers quoted came to 4,911 tokens, over the
    context, and its third turn was never asked. Past ``HISTORY_CHARS`` only the last answer is quoted; a short
    unit's conversation keeps every turn."""
    from translate.translation.prompts import HISTORY_CHARS
    from translate.translation.records import Attempt

    java, py = get_language("java"), get_language("python")
    long = "class Big {\n" + "".join(f"    int f{i}() {{ return {i}; }}\n" for i in range(140)) + "}\n"
    answer = "class Big:\n" + "".join(f"    def f{i}(self):\n        return {i}\n" for i in range(140))
    attempts = [Attempt(turn=1, candidate=0, text=answer + "    # one\n", problem="first problem"),
                Attempt(turn=2, candidate=0, text=answer + "    # two\n", problem="second problem")]
    assert len(long) + 2 * len(answer) > HISTORY_CHARS > len(long)
    messages, _ = chat_messages(TranslationTask(java, py, long, "class", "Big"), attempts)
    shown = [m["content"] for m in messages if m["role"] == "assistant"]
    assert len(shown) == 1 and "# two" in shown[0] and "second problem" in messages[-1]["content"]
    short = [Attempt(turn=t, candidate=0, text=f"class Big:\n    x = {t}\n", problem=f"problem {t}") for t in (1, 2)]
    messages, _ = chat_messages(TranslationTask(java, py, "class Big { int x; }", "class", "Big"), short)
    assert [m["content"].count("x = ") for m in messages if m["role"] == "assistant"] == [1, 1]
    # short answers with long problems (a repair round's: failing tests quoted with their code) count too
    test = "The test:\n```python\n" + "".join(f"assert codec.decode('{i}') == [{i}]\n" for i in range(150)) + "```"
    wordy = [Attempt(turn=t, candidate=0, text=f"class Big:\n    x = {t}\n", problem=f"problem {t}: {test}")
             for t in (1, 2)]
    assert 2 * len(test) > HISTORY_CHARS
    messages, _ = chat_messages(TranslationTask(java, py, "class Big { int x; }", "class", "Big"), wordy)
    assert [m["content"].count("x = ") for m in messages if m["role"] == "assistant"] == [1]
    assert "problem 2" in messages[-1]["content"] and "problem 1" not in "".join(m["content"] for m in messages)
