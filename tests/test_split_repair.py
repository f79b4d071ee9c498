"""A repair turn for a split class goes to the method the failure points at (translation.split_repair): the real
pipeline, a unit cache and scripted answers; the skeleton keeps the turn where no method is named."""
from __future__ import annotations

from translate import get_language, parse_text
from translate.engines.scripted import ScriptedBackend
from translate.translation.cache import UnitCache
from translate.translation.pipeline import TranslateOptions, translate_parsed
from translate.translation.records import Attempt

PY = get_language("python")
JAVA = """public class Codec {
    private final int width;

    public Codec(int width) {
        this.width = width;
    }

    public String pad(String s) {
        String out = s;
        while (out.length() < width) {
            out = "0" + out;
        }
        return out;
    }

    public String twice(String s) {
        return pad(s) + pad(s);
    }
}
"""
SKELETON = ("```python\nclass Codec:\n    def __init__(self, width):\n        self.width = width\n\n"
            "    def pad(self, s):\n        pass\n\n    def twice(self, s):\n        pass\n```")
WRONG = "```python\ndef pad(self, s):\n    out = s\n    while len(out) < self.width:\n        out = '1' + out\n    return out\n```"
RIGHT = WRONG.replace("'1' + out", "'0' + out")
TWICE = "```python\ndef twice(self, s):\n    return self.pad(s) + self.pad(s)\n```"
OPTS = TranslateOptions(split_class_tokens=40, verify="off")


def _run(backend, cache, problem: str | None | list[str]):
    problems = [] if problem is None else [problem] if isinstance(problem, str) else problem

    def prior(path, rec):  # the class's repair turns, oldest first (kept rounds, then this one)
        if rec.name != "Codec":
            return []
        return [Attempt(turn=0, candidate=0, text=f"class Codec: ... # {n}", problem=p) for n, p in enumerate(problems)]

    [res] = translate_parsed([parse_text(JAVA, get_language("java"), "Codec.java")], PY, backend, OPTS, cache=cache,
                             prior=prior)
    return res


def test_the_method_holding_the_failing_line_gets_the_repair_turn(tmp_path):
    backend = ScriptedBackend({"public class Codec": [SKELETON, SKELETON], "pad": [WRONG, RIGHT], "twice": TWICE})
    with UnitCache(tmp_path / "c.sqlite") as cache:
        first = _run(backend, cache, None)
        assert "out = '1' + out" in first.text
        problem = ("the migrated test `CodecTest.pads` (tests/codec_test.py) fails with AssertionError: expected "
                   "'007', got '117'; at <top level> (codec.py:9): `out = '1' + out`")
        second = _run(backend, cache, problem)
    assert "out = '0' + out" in second.text, second.text
    asked = backend.by_unit.asked
    assert len(asked["pad"]) == 2 and problem in asked["pad"][1].messages[-1]["content"]
    assert "out = '1' + out" in "\n".join(m["content"] for m in asked["pad"][1].messages)  # from its own answer
    assert len(asked["public class Codec"]) == 1 and len(asked["twice"]) == 1  # the skeleton is not asked again
    space: dict = {}
    exec(second.text, space)
    assert space["Codec"](3).twice("7") == "007007"


def test_a_failure_that_names_no_method_stays_with_the_skeleton(tmp_path):
    backend = ScriptedBackend({"public class Codec": [SKELETON, SKELETON], "pad": [WRONG], "twice": TWICE})
    with UnitCache(tmp_path / "c.sqlite") as cache:
        _run(backend, cache, None)
        _run(backend, cache, "the migrated test `CodecTest.builds` fails with TypeError: Codec() takes 1 argument")
    asked = backend.by_unit.asked
    assert len(asked["public class Codec"]) == 2 and len(asked["pad"]) == 1


def test_a_wrong_value_goes_to_the_method_the_test_calls_and_the_ones_it_calls(tmp_path):
    """hashids: a wrong hash, no line of the class on the stack; the test calls ``encode``, which calls ``_encode``."""
    again = TWICE.replace("self.pad(s) + self.pad(s)", "''.join([self.pad(s), self.pad(s)])")
    backend = ScriptedBackend({"public class Codec": [SKELETON], "pad": [WRONG, RIGHT], "twice": [TWICE, again]})
    with UnitCache(tmp_path / "c.sqlite") as cache:
        _run(backend, cache, None)
        problem = ("the migrated test `CodecTest.pads` fails with AssertionError: expected: <'007007'> but was: "
                   "<'117117'>\nThe test:\n```python\ncodec = Codec(3)\nassertEquals('007007', codec.twice('7'))\n```")
        second = _run(backend, cache, problem)
    asked = backend.by_unit.asked
    assert len(asked["twice"]) == 2 and len(asked["pad"]) == 2 and len(asked["public class Codec"]) == 1
    assert "out = '0' + out" in second.text


def _failing_at(line: str) -> str:
    return f"the migrated test `CodecTest.pads` fails with AssertionError; at <top level> (codec.py:9): `{line}`"


def test_a_later_round_asks_a_method_again_from_its_repaired_answer(tmp_path):
    """Round 2 replays round 1's kept turn (from the cache) and asks ``pad`` again from that repair, not from its
    first answer."""
    still = WRONG.replace("'1' + out", "'2' + out")
    backend = ScriptedBackend({"public class Codec": [SKELETON], "pad": [WRONG, still, RIGHT], "twice": TWICE})
    with UnitCache(tmp_path / "c.sqlite") as cache:
        _run(backend, cache, None)
        round1 = [_failing_at("out = '1' + out")]
        assert "'2' + out" in _run(backend, cache, round1).text
        second = _run(backend, cache, [*round1, _failing_at("out = '2' + out")])
    asked = backend.by_unit.asked
    assert len(asked["pad"]) == 3, [len(v) for v in asked.values()]
    assert "out = '2' + out" in "\n".join(m["content"] for m in asked["pad"][2].messages)
    assert "out = '0' + out" in second.text


def test_a_later_round_on_another_method_keeps_the_earlier_repair(tmp_path):
    again = TWICE.replace("self.pad(s) + self.pad(s)", "''.join([self.pad(s), self.pad(s)])")
    backend = ScriptedBackend({"public class Codec": [SKELETON], "pad": [WRONG, RIGHT], "twice": [TWICE, again]})
    with UnitCache(tmp_path / "c.sqlite") as cache:
        _run(backend, cache, None)
        round1 = [_failing_at("out = '1' + out")]
        _run(backend, cache, round1)
        second = _run(backend, cache, [*round1, _failing_at("return self.pad(s) + self.pad(s)")])
    asked = backend.by_unit.asked
    assert len(asked["pad"]) == 2 and len(asked["twice"]) == 2 and len(asked["public class Codec"]) == 1
    assert "out = '0' + out" in second.text and "''.join(" in second.text, second.text
