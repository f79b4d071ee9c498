"""A Java class whose skeleton answer failed keeps its constants and simple constructors by rule
(translation.java_shell): real grammars; the defaults from the smaller constructors; what is not simple left to
the model; a split class through the pipeline with a broken skeleton answer runs."""
from __future__ import annotations

from translate import get_language
from translate.engines.scripted import ScriptedBackend
from translate.translation.java_shell import fill_shell, simple_init
from translate.translation.pipeline import TranslateOptions, translate_source
from translate.translation.records import FAILED

PY = get_language("python")
JARO = """public class JaroWinkler implements StringSimilarity {
    private static final double DEFAULT_THRESHOLD = 0.7;
    private static final int THREE = 3;
    private final double threshold;

    public JaroWinkler() {
        this.threshold = DEFAULT_THRESHOLD;
    }

    public JaroWinkler(final double threshold) {
        this.threshold = threshold;
    }

    public final double getThreshold() {
        return threshold;
    }

    public final double similarity(final String s1, final String s2) {
        // a long body, answered as a method of its own
        if (s1.equals(s2)) {
            return 1;
        }
        int common = 0;
        for (int i = 0; i < Math.min(s1.length(), s2.length()); i++) {
            if (s1.charAt(i) == s2.charAt(i)) {
                common++;
            }
        }
        return common > THREE ? 1 - threshold : threshold;
    }
}
"""


def test_simple_constructors_make_one_init_with_defaults():
    assert simple_init(JARO) == ["def __init__(self, threshold=DEFAULT_THRESHOLD):", "    self.threshold = threshold"]
    forwards = ("class Box {\n  static final int SIDE = 2;\n  int width; String label;\n"
                "  Box() { this(SIDE); }\n  Box(int width) { this(width, \"box\"); }\n"
                "  Box(int width, String label) {\n    this.width = width;\n    this.label = label;\n  }\n}\n")
    assert simple_init(forwards) == ["def __init__(self, width=SIDE, label=\"box\"):", "    self.width = width",
                                     "    self.label = label"]


def test_a_constructor_that_computes_is_left_to_the_model():
    computes = JARO.replace("this.threshold = threshold;", "this.threshold = Math.abs(threshold);")
    assert simple_init(computes) is None
    calls = JARO.replace("this.threshold = DEFAULT_THRESHOLD;", "this.threshold = DEFAULT_THRESHOLD;\n        init();")
    assert simple_init(calls) is None
    shadowed = JARO.replace("this.threshold = threshold;", "threshold = threshold;")
    assert simple_init(shadowed) is None  # the parameter set to itself: the field is never set
    assert simple_init("class Empty {\n  int f() { return 1; }\n}\n") is None
    shell = "class JaroWinkler:\n    # kept\n    pass\n"
    assert fill_shell(shell, get_language("javascript"), JARO) == shell


def test_a_failed_skeleton_keeps_the_classs_constants_and_constructor_and_the_class_runs():
    method = ("```python\ndef similarity(self, s1, s2):\n    if s1 == s2:\n        return 1\n"
              "    common = sum(1 for a, b in zip(s1, s2) if a == b)\n"
              "    return 1 - self.threshold if common > self.THREE else self.threshold\n```")
    backend = ScriptedBackend({"public class JaroWinkler": "```python\nclass JaroWinkler(\n```",
                               "similarity": method, "getThreshold": "```python\ndef get_threshold(self):\n"
                               "    return self.threshold\n```"})
    res = translate_source(JARO, "java", "python", backend, TranslateOptions(split_class_tokens=60))
    assert any(u.status == FAILED and u.kind == "class" for u in res.units), [(u.qualname, u.status) for u in res.units]
    assert "    DEFAULT_THRESHOLD = 0.7\n" in res.text and "def __init__(self, threshold=DEFAULT_THRESHOLD):" in res.text
    space: dict = {}
    exec(res.text, space)
    assert space["JaroWinkler"]().get_threshold() == 0.7
    assert space["JaroWinkler"](0.2).similarity("abcdx", "abcdy") == 0.8
