"""A Java method whose class has no constructor without arguments is recorded on an object built as the project's
tests build one, and a Python candidate is checked on the same object (translate.oracle.java_receivers): the real
Java grammar, javac and java in the sandbox, and the Python driver."""
from __future__ import annotations

import pytest

from translate.oracle.compare import check_candidate
from translate.oracle.java_receivers import python_receiver, receivers
from translate.oracle.record import record_source
from translate.sandbox import missing_tool

needs_java = pytest.mark.skipif(missing_tool("java") is not None, reason="java is not installed")

CODEC = """import java.util.*;

public class Codec {
    private final String alphabet;
    private final int minLength;

    private Codec(Builder builder) {
        this.alphabet = builder.alphabet;
        this.minLength = builder.minLength;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String pad(String s) {
        StringBuilder out = new StringBuilder(s);
        while (out.length() < minLength) {
            out.append(alphabet.charAt(out.length() % alphabet.length()));
        }
        return out.toString();
    }

    public static class Builder {
        private String alphabet = "xyz";
        private int minLength = 0;

        public Builder alphabet(String alphabet) {
            this.alphabet = alphabet;
            return this;
        }

        public Builder minLength(int minLength) {
            this.minLength = minLength;
            return this;
        }

        public Codec build() {
            return new Codec(this);
        }
    }
}
"""
TEST = """import org.junit.jupiter.api.Test;

public class CodecTest {
    private final Codec shared = Codec.builder().minLength(4).build();

    @Test
    public void pads() {
        Codec codec = Codec.builder().alphabet("ab").minLength(5).build();
        String word = "q";
        Codec other = Codec.builder().alphabet(word).build();  // not from literals: no recipe
        var list = new ArrayList<Integer>();
        Runnable r = new Runnable() { public void run() {} };
        assertEquals("qabab", codec.pad("q"));
    }
}
"""
PYTHON = '''class Codec:
    def __init__(self, builder):
        self.alphabet = builder._alphabet
        self.min_length = builder._min_length

    @staticmethod
    def builder():
        return Codec.Builder()

    def pad(self, s):
        out = s
        while len(out) < self.min_length:
            out += self.alphabet[len(out) % len(self.alphabet)]
        return out

    class Builder:
        def __init__(self):
            self._alphabet = "xyz"
            self._min_length = 0

        def alphabet(self, alphabet):
            self._alphabet = alphabet
            return self

        def min_length(self, min_length):
            self._min_length = min_length
            return self

        def build(self):
            return Codec(self)
'''


def test_the_recipes_a_test_file_builds_objects_with():
    found = receivers(TEST)
    assert found["Codec"] == ['Codec.builder().minLength(4).build()',
                              'Codec.builder().alphabet("ab").minLength(5).build()']  # not the one from a local
    assert found["ArrayList"] == ["new ArrayList<Integer>()"]  # ``var`` with ``new``: its type
    assert "Runnable" not in found  # an anonymous class is no recipe


def test_a_recipe_in_python_looks_names_up_in_any_style():
    said = python_receiver('Codec.builder().minLength(-4).build()', "_module")
    assert said == "_attr(_attr(_attr(_attr(_module, 'Codec'), 'builder')(), 'minLength')(-4), 'build')()"
    assert python_receiver("new Codec.Builder().alphabet(\"ab\", true, null)", "m") == \
        "_attr(_attr(_attr(m, 'Codec'), 'Builder')(), 'alphabet')(\"ab\", True, None)"
    assert python_receiver("Codec.builder().alphabet(word).build()", "m") is None


@needs_java
def test_a_method_is_recorded_and_checked_on_the_object_the_tests_build():
    assert "no constructor without arguments" in (record_source(CODEC, "java", "Codec.pad", limit=6).unverifiable or "")
    recipe = 'Codec.builder().minLength(4).build()'
    rec = record_source(CODEC, "java", "Codec.pad", limit=6, receiver=recipe)
    assert rec.usable and rec.receiver == recipe, (rec.unverifiable, rec.failed)
    assert any(c.args == [""] and c.expected.value == "xyzx" for c in rec.cases), [(c.args, c.expected) for c in rec.cases]
    assert check_candidate(rec, PYTHON, "python").status == "verified"
    wrong = PYTHON.replace("self.alphabet[len(out) % len(self.alphabet)]", "self.alphabet[0]")
    v = check_candidate(rec, wrong, "python")
    assert v.status == "differs", v
    assert str(v.counterexamples[0]).startswith("input Codec.builder().minLength(4).build().pad("), v.counterexamples


@needs_java
def test_translate_repo_checks_the_methods_of_a_class_built_by_a_builder(tmp_path):
    from translate.engines.scripted import ScriptedBackend
    from translate.repo.runner import RepoOptions, migrate

    src = tmp_path / "codec"
    (src / "src/main/java").mkdir(parents=True)
    (src / "src/test/java").mkdir(parents=True)
    (src / "src/main/java/Codec.java").write_text(CODEC)
    (src / "src/test/java/CodecTest.java").write_text(
        "import org.junit.jupiter.api.Test;\nimport static org.junit.jupiter.api.Assertions.assertEquals;\n\n"
        "public class CodecTest {\n    @Test\n    public void pads() {\n"
        "        Codec codec = Codec.builder().alphabet(\"ab\").minLength(5).build();\n"
        "        assertEquals(\"qabab\", codec.pad(\"q\"));\n    }\n}\n")
    wrong = PYTHON.replace("self.alphabet[len(out) % len(self.alphabet)]", "self.alphabet[0]")
    backend = ScriptedBackend({"public class Codec": [f"```python\n{wrong}```", f"```python\n{PYTHON}```"]})
    opts = RepoOptions(src=src, dst=tmp_path / "py", target="python", quiet=True, use_git=False, check=False,
                       max_turns=2, extra={"verify": "auto"})  # the command's default
    report = migrate(opts, backend=backend)
    units = {u.qualname: u for f in report.files if f.result for u in f.result.units}
    check = units["Codec"].check or ""
    assert check.startswith("verified"), check
    asked = backend.by_unit.asked["public class Codec"]
    assert len(asked) == 2  # the first answer differed: its repair turn quotes the object the tests build
    assert "Codec.builder().alphabet(\"ab\").minLength(5).build().pad(" in asked[1].messages[-1]["content"]
