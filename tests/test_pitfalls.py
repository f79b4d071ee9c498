"""Repair turns name the source constructs that do not carry over (real tree-sitter-python)."""
from __future__ import annotations

from translate.languages import get_language
from translate.pitfalls import pitfalls
from translate.prompts import TranslationTask, chat_messages
from translate.records import Attempt

PY = get_language("python")
GCD = "def gcd(a, b):\n    while b:\n        a, b = b, a % b\n    return a\n"


def test_parallel_assignment_is_named_for_cpp():
    notes = pitfalls(GCD, PY, get_language("cpp"))
    assert len(notes) == 1 and "`a, b = b, a % b` assigns every target at once" in notes[0]


def test_each_detector_fires_only_on_its_construct():
    js = get_language("javascript")
    assert pitfalls("def f(x, y):\n    x, y = 1, 2\n    return x + y\n", PY, js) == []  # no target read on the right
    assert any("`sort()`" in n for n in pitfalls("def f(xs):\n    return sorted(xs)\n", PY, js))
    assert pitfalls("def f(xs):\n    return sorted(xs, key=len)\n", PY, js) == []
    assert any("`//`" in n for n in pitfalls("def f(a):\n    return a // 2\n", PY, get_language("java")))
    assert any("`xs[-1]`" in n for n in pitfalls("def f(xs):\n    return xs[-1]\n", PY, get_language("cpp")))
    assert pitfalls("def f(xs):\n    return xs[0] + 7 / 2\n", PY, get_language("cpp")) == []
    assert pitfalls(GCD, PY, PY) == [] and pitfalls("int f() { return 1; }\n", get_language("cpp"), PY) == []


def test_only_repair_turns_carry_the_notes():
    task = TranslationTask(PY, get_language("cpp"), GCD, "function", "gcd")
    first, _ = chat_messages(task, [])
    assert "Note:" not in "".join(m["content"] for m in first)
    wrong = Attempt(turn=1, candidate=0, text="int gcd(int a, int b) { while (b) { a = b; b = a % b; } return a; }",
                    problem="the tests failed: Assertion `gcd(12, 18) == 6' failed.")
    repair, _ = chat_messages(task, [wrong])
    assert repair[-1]["role"] == "user" and "Assertion" in repair[-1]["content"]
    assert "Note: `a, b = b, a % b` assigns every target at once" in repair[-1]["content"]
