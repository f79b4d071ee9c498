"""A Java factory method (``return new T(...);``) whose Python answer builds something else is written from the Java
(translation.java_factories): the real grammars, and the pipeline with a scripted answer."""
from __future__ import annotations

from translate import get_language, parse_text
from translate.engines.scripted import ScriptedBackend
from translate.translation.java_factories import fix_factories
from translate.translation.pipeline import TranslateOptions, translate_parsed

PY = get_language("python")
JAVA = """public class Codec {
    private final String alphabet;

    private Codec(Builder builder) {
        this.alphabet = builder.alphabet;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static Codec of(String alphabet, boolean strict) {
        return new Codec(new Builder().alphabet(alphabet));
    }

    public String alphabet() {
        return alphabet;
    }

    public static class Builder {
        private String alphabet = "abc";

        public Builder alphabet(String alphabet) {
            this.alphabet = alphabet;
            return this;
        }

        public Codec build() {
            return new Codec(this);
        }
    }
}
"""
# the 1.5B's answer in sqids: the builder wrapped in the object it builds
WRONG = '''class Codec:
    def __init__(self, builder):
        self._alphabet = builder._alphabet

    @staticmethod
    def builder():
        """A builder."""
        return Codec(Codec.Builder())

    def alphabet(self):
        return self._alphabet

    class Builder:
        def __init__(self):
            self._alphabet = "abc"

        def alphabet(self, alphabet):
            self._alphabet = alphabet
            return self

        def build(self):
            return Codec(self)
'''


def _run(code: str):
    space: dict = {}
    exec(code, space)
    return space["Codec"]


def test_the_factory_returns_what_the_java_builds():
    fixed, changed = fix_factories(WRONG, PY, JAVA)
    assert changed and "return Codec.Builder()" in fixed, fixed
    assert _run(fixed).builder().alphabet("xyz").build().alphabet() == "xyz"
    assert '"""A builder."""' in fixed  # the rest of the method as answered
    # the answer as it was: the builder is a Codec, which has no build
    assert not hasattr(_run(WRONG).builder(), "build")


def test_an_answer_that_builds_it_already_is_left_alone():
    right = WRONG.replace("return Codec(Codec.Builder())", "return Codec.Builder()")
    assert fix_factories(right, PY, JAVA) == (right, False)
    # ``build``'s ``return new Codec(this)``: answered ``Codec(self)``, as the Java says
    assert "return Codec(self)" in fix_factories(WRONG, PY, JAVA)[0]


def test_parameters_this_and_literals_by_their_place_in_the_answer():
    java = ("class Point {\n  Point(int x, int y, boolean f) {}\n"
            "  static Point at(int x, int y) { return new Point(y, x, true); }\n"
            "  Pair pair() { return new Pair(this, null, 3L); }\n}")
    code = ("class Point:\n    @staticmethod\n    def at(a, b):\n        return (a, b)\n\n"
            "    def pair(me):\n        return [me]\n")
    fixed, changed = fix_factories(code, PY, java)
    assert changed and "return Point(b, a, True)" in fixed and "return Pair(me, None, 3)" in fixed, fixed


def test_a_body_that_does_more_than_build_is_not_touched():
    java = ("class Codec {\n  static Codec make() { Codec c = new Codec(); return c; }\n"
            "  static Codec wrap(Codec c) { return new Codec(c.copy()); }\n"
            "  static Runnable job() { return new Runnable() { public void run() {} }; }\n}")
    code = ("class Codec:\n    @staticmethod\n    def make():\n        return 1\n\n    @staticmethod\n"
            "    def wrap(c):\n        return 2\n\n    @staticmethod\n    def job():\n        return 3\n")
    assert fix_factories(code, PY, java) == (code, False)
    # an answer doing more than one return: left to the checks
    longer = WRONG.replace("        return Codec(Codec.Builder())", "        b = 1\n        return Codec(Codec.Builder())")
    assert fix_factories(longer, PY, JAVA) == (longer, False)


def test_the_pipeline_puts_a_class_answer_right():
    backend = ScriptedBackend({"public class Codec": f"```python\n{WRONG}```"})
    [res] = translate_parsed([parse_text(JAVA, get_language("java"), "Codec.java")], PY, backend,
                             TranslateOptions(verify="off", max_turns=1))
    assert "return Codec.Builder()" in res.text, res.text
