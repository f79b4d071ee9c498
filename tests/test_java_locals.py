"""A Java method's locals held to in its Python answer (translation.java_locals): a dropped ``ret = []`` set
again, a local read from the wrong one of two read from the right one; the rewritten answers are run."""
from __future__ import annotations

from translate.source.languages import get_language
from translate.translation.java_locals import fix_locals

PY = get_language("python")
# sqids' decode and encodeNumbers, cut down
JAVA = """public class Codec {
    private String alphabet = "abcdef";

    public List<Long> decode(String id) {
        List<Long> ret = new ArrayList<>();
        int total = 0;
        for (char c : id.toCharArray()) {
            ret.add((long) this.alphabet.indexOf(c));
        }
        return ret;
    }

    public String encode(int offset) {
        final StringBuilder alphabetB = new StringBuilder(this.alphabet.substring(offset))
                .append(this.alphabet, 0, offset);
        final char prefix = alphabetB.charAt(0);
        String alphabet = alphabetB.reverse().toString();
        return prefix + alphabet;
    }

    public String encode() {
        return encode(0);
    }
}
"""
ANSWER = '''class Codec:
    alphabet = "abcdef"

    def decode(self, id):
        """Numbers back."""
        for c in id:
            ret.append(self.alphabet.index(c))
        return ret

    def encode(self, offset):
        alphabet_b = self.alphabet[offset:] + self.alphabet[:offset]
        alphabet = alphabet_b[::-1]
        prefix = alphabet[0]
        return prefix + alphabet
'''


def _codec(code: str):
    space: dict = {}
    exec(code, space)
    return space["Codec"]()


def test_a_dropped_local_is_set_and_a_wrong_read_put_right():
    fixed, changed = fix_locals(ANSWER, PY, JAVA)
    assert changed
    assert '"""Numbers back."""\n        ret = []\n' in fixed, fixed  # after the docstring
    assert "total" not in fixed  # never read: not added
    assert "prefix = alphabet_b[0]" in fixed
    codec = _codec(fixed)
    assert codec.decode("cab") == [2, 0, 1]
    assert codec.encode(2) == "c" + "bafedc"  # Java: prefix from "cdefab", then the reversed text


def test_answers_that_bind_the_local_or_read_the_right_one_are_left_alone():
    right = ANSWER.replace('        """Numbers back."""\n', "        ret = list()\n").replace(
        "prefix = alphabet[0]", "prefix = alphabet_b[0]")
    assert fix_locals(right, PY, JAVA) == (right, False)
    # a module-level name, or a read the Java makes from that same local: nothing to do
    module = "ret = []\n" + ANSWER.replace("prefix = alphabet[0]", "prefix = alphabet_b[0]")
    assert fix_locals(module, PY, JAVA) == (module, False)


def test_a_name_spelled_otherwise_is_not_the_local():
    """``Item item = null;`` in the Java and ``Item(...)`` (the class, imported by the project writer) in the answer."""
    java = "class Shop {\n    Item make(String name) {\n        Item item = null;\n        item = new Item(name);\n        return item;\n    }\n}"
    code = "class Shop:\n    def make(self, name):\n        return Item(name)\n"
    assert fix_locals(code, PY, java) == (code, False)
