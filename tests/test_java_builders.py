"""Java StringBuilder chains written as the Python they mean, in the notes of a Java -> Python repair turn
(translation.java_builders, through translation.pitfalls): the real Java grammar."""
from __future__ import annotations

import re

from translate.source.languages import get_language
from translate.translation.pitfalls import pitfalls
from translate.translation.prompts import TranslationTask, chat_messages
from translate.translation.records import Attempt

JAVA, PY = get_language("java"), get_language("python")
# sqids' encodeNumbers and decode, cut down
ENCODE = """String encode(long offset) {
    final StringBuilder alphabetB = new StringBuilder(this.alphabet.substring((int) offset))
            .append(this.alphabet, 0, (int) offset);
    final char prefix = alphabetB.charAt(0);
    String alphabet = alphabetB.reverse().toString();
    return prefix + alphabet;
}"""
DECODE = """String rotate(String id) {
    final int offset = this.alphabet.indexOf(id.charAt(0));
    String alphabet = new StringBuilder(this.alphabet.substring(offset))
            .append(this.alphabet, 0, offset)
            .reverse()
            .toString();
    return alphabet;
}"""


class _Self:
    alphabet = "abcdefg"


def test_a_reversed_chain_is_written_as_python_that_does_what_the_java_does():
    notes = pitfalls(DECODE, JAVA, PY)
    [chain] = [n for n in notes if "StringBuilder chains" in n]
    python = re.search(r"is `([^`]+)`", chain).group(1)
    assert python == "(self.alphabet[offset:] + self.alphabet[0:offset])[::-1]"
    # Java: "abcdefg" from offset 2 is "cdefg" + "ab", reversed: "bagfedc"
    assert eval(python, {"self": _Self(), "offset": 2}) == "bagfedc"
    assert "appends the slice `s[start:end]`" in chain


def test_an_in_place_reversal_names_the_reads_on_each_side():
    notes = pitfalls(ENCODE, JAVA, PY)
    assert any("`alphabetB.reverse()` turns the StringBuilder `alphabetB` round in place" in n for n in notes), notes
    [chain] = [n for n in notes if "StringBuilder chains" in n]  # the slice appended, casts dropped
    assert "is `self.alphabet[offset:] + self.alphabet[0:offset]`" in chain


def test_plain_builders_and_other_targets_get_no_note():
    plain = "String f(int n) {\n    StringBuilder sb = new StringBuilder();\n    sb.append(n);\n    return sb.toString();\n}"
    assert not any("StringBuilder" in n for n in pitfalls(plain, JAVA, PY))
    assert not any("StringBuilder" in n for n in pitfalls(DECODE, JAVA, get_language("cpp")))


def test_the_repair_turn_carries_the_notes():
    task = TranslationTask(JAVA, PY, DECODE, "method", "rotate")
    wrong = Attempt(turn=1, candidate=0, text="def rotate(self, id):\n    return self.alphabet\n", problem="it differs")
    messages, _ = chat_messages(task, [wrong])
    assert "(self.alphabet[offset:] + self.alphabet[0:offset])[::-1]" in messages[-1]["content"]
