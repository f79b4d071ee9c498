"""A big Java class's constructor unit translated to Python, judged through its class's methods against the
rule's constructor (translate.translation.ctor_behaviour): the model's stands unless the rule's makes the methods
match the source on more inputs. Real sandbox (javac, java, python3), scripted answers."""
from __future__ import annotations

import pytest

from translate.engines.scripted import ScriptedBackend
from translate.sandbox import missing_tool
from translate.translation.pipeline import TranslateOptions, translate_source
from translate.translation.records import OK, REPAIRED

pytestmark = pytest.mark.skipif(missing_tool("java") is not None, reason="javac missing")

SRC = """public class Wheel {
    private static final String LETTERS = "abcdefghij";
    private final String ring;
    private final int step;

    public Wheel() {
        int s = 3;
        if (s < 1) {
            throw new IllegalArgumentException("step");
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < LETTERS.length(); i++) {
            char c = LETTERS.charAt(i);
            if (i % 2 == 0) {
                b.append(c);
            }
        }
        for (int i = 0; i < LETTERS.length(); i++) {
            char c = LETTERS.charAt(i);
            if (i % 2 == 1) {
                b.append(c);
            }
        }
        String r = b.toString();
        if (r.length() != LETTERS.length()) {
            throw new IllegalStateException("lost a letter");
        }
        if (r.isEmpty()) {
            throw new IllegalStateException("empty");
        }
        this.ring = r;
        this.step = s;
    }

    public char at(int n) {
        return ring.charAt((n * step) % ring.length());
    }

    public String word(int n) {
        return "" + at(n) + at(n + 1);
    }
}
"""
SKELETON = ("```python\nclass Wheel:\n    LETTERS = 'abcdefghij'\n\n    def __init__(self):\n        pass\n\n"
            "    def at(self, n):\n        pass\n\n    def word(self, n):\n        pass\n```")
CTOR_WRONG = "```python\ndef __init__(self):\n    self.ring = Wheel.LETTERS\n    self.step = 3\n```"
CTOR_RIGHT = ("```python\ndef __init__(self):\n    self.ring = Wheel.LETTERS[0::2] + Wheel.LETTERS[1::2]\n"
              "    self.step = 3\n```")
AT = "```python\ndef at(self, n):\n    return self.ring[(n * self.step) % len(self.ring)]\n```"
WORD = "```python\ndef word(self, n):\n    return self.at(n) + self.at(n + 1)\n```"


def _run(ctor: str):
    backend = ScriptedBackend({"class Wheel": SKELETON, "public Wheel()": ctor, "char at": AT, "word": WORD})
    opts = TranslateOptions(verify="auto", split_class_tokens=40, max_turns=2)
    result = translate_source(SRC, "java", "python", backend, opts)
    return {u.qualname: u for u in result.units}, result, backend


def test_a_wrong_constructor_gives_way_to_the_rules_when_the_methods_then_match_the_source():
    units, result, backend = _run(CTOR_WRONG)
    ctor = units["Wheel.Wheel"]
    assert ctor.status == REPAIRED and ctor.check.endswith("through its class's methods; written by rule from the "
                                                          "source)"), (ctor.check, ctor.attempts)
    assert "LETTERS" in ctor.output and "for i in range(len(Wheel.LETTERS)):" in ctor.output, ctor.output
    assert len(backend.by_unit.asked["public Wheel()"]) == 1  # replaced, not asked again
    assert units["Wheel.at"].check.startswith("verified ("), units["Wheel.at"].check
    space: dict = {}
    exec(result.text, space)
    assert space["Wheel"]().word(1) == "gd"  # ring "acegibdfhj", step 3: ring[3] + ring[6]


def test_a_right_constructor_stands_and_stays_unverifiable():
    units, _, _ = _run(CTOR_RIGHT)
    ctor = units["Wheel.Wheel"]
    assert ctor.status == OK and ctor.output.strip().startswith("def __init__(self):\n    self.ring = Wheel.LETTERS[0"), \
        ctor.output
    assert ctor.check == "unverifiable (a constructor runs within its class's method checks)", ctor.check
    assert units["Wheel.word"].check.startswith("verified ("), units["Wheel.word"].check


SMALL = """public class Counter {
    private final int start;

    public Counter() {
        this.start = 2;
    }

    public int next(int n) {
        return start + n;
    }
}
"""


def test_a_whole_class_whose_constructor_raises_is_judged_and_repaired():
    """A class translated as one unit owns its constructor: an answer whose ``__init__`` raises differs (it was
    taken for "its class does not build" and never judged, and its last answer was kept as it was)."""
    broken = "```python\nclass Counter:\n    def __init__(self):\n        self.start = start\n\n" \
             "    def next(self, n):\n        return self.start + n\n```"
    right = "```python\nclass Counter:\n    def __init__(self):\n        self.start = 2\n\n" \
            "    def next(self, n):\n        return self.start + n\n```"
    backend = ScriptedBackend({"class Counter": [broken, right]})
    opts = TranslateOptions(verify="auto", max_turns=2, rule_answers=False)
    unit = {u.qualname: u for u in translate_source(SMALL, "java", "python", backend, opts).units}["Counter"]
    assert unit.status == REPAIRED and unit.check.startswith("verified ("), (unit.check, unit.attempts)
    assert "NameError" in backend.by_unit.asked["class Counter"][1].messages[-1]["content"]


GAUGE = """public class Gauge {
    private static final int STEP = 3;
    private final int step;

    public Gauge() {
        this.step = STEP;
    }

    public Gauge(int step) {
        this.step = step;
    }

    public int up(int n) {
        int out = n;
        for (int i = 0; i < step; i++) {
            out += i;
        }
        return out;
    }

    public int down(int n) {
        return n - step;
    }
}
"""


def test_a_skeleton_without_the_constructor_the_methods_run_on_gives_way_to_the_rules():
    """The skeleton holds short constructors (one sets what the other takes, java-string-similarity's
    ``JaroWinkler``): the model's ``__init__(self, step)`` without the default that ``Gauge()`` needs failed every
    method; the rule's skeleton (``step=STEP``) makes them match the source."""
    skeleton = ("```python\nclass Gauge:\n    STEP = 3\n\n    def __init__(self, step):\n        self.step = step\n\n"
                "    def up(self, n):\n        pass\n\n    def down(self, n):\n        pass\n```")
    up = "```python\ndef up(self, n):\n    return n + sum(range(self.step))\n```"
    down = "```python\ndef down(self, n):\n    return n - self.step\n```"
    backend = ScriptedBackend({"class Gauge": skeleton, "int up": up, "int down": down})
    opts = TranslateOptions(verify="auto", split_class_tokens=40, max_turns=2)
    units = {u.qualname: u for u in translate_source(GAUGE, "java", "python", backend, opts).units}
    shell = units["Gauge"]
    assert shell.check.startswith("verified (") and shell.check.endswith(
        "through its class's methods; written by rule from the source)"), (shell.check, shell.attempts)
    assert "def __init__(self, step=STEP):" in shell.output, shell.output
    assert units["Gauge.up"].check.startswith("verified ("), units["Gauge.up"].check
