"""Free functions translated to Java / C# become static methods (parsed with the real grammars)."""
from __future__ import annotations

import pytest

from translate.source.languages import get_language
from translate.translation.staticize import make_static


@pytest.mark.parametrize("code, expected", [
    ("public int gcd(int a, int b) { return b == 0 ? a : gcd(b, a % b); }\n",
     "public static int gcd(int a, int b) { return b == 0 ? a : gcd(b, a % b); }\n"),
    ("/** Doc. */\n@SuppressWarnings(\"x\") private int f() { return 1; }\n\nint g() { return f(); }\n",
     "/** Doc. */\n@SuppressWarnings(\"x\") private static int f() { return 1; }\n\nstatic int g() { return f(); }\n"),
    ("import java.util.*;\n\npublic <T> List<T> same(List<T> x) { return x; }\n",
     "import java.util.*;\n\npublic static <T> List<T> same(List<T> x) { return x; }\n"),
])
def test_java_methods_become_static(code, expected):
    assert make_static(code, get_language("java")) == expected


def test_java_left_alone_when_static_or_in_its_own_class_or_broken():
    java = get_language("java")
    for code in ("public static int f() { return 1; }\n",
                 "public class Mathx { public int f() { return 1; } }\n",
                 "public int f( { return 1; }\n"):
        assert make_static(code, java) == code


def test_csharp_methods_become_static():
    code = "/// Doc.\npublic int Gcd(int a) { return a; }\nint F() => 1;\n"
    assert make_static(code, get_language("csharp")) == (
        "/// Doc.\npublic static int Gcd(int a) { return a; }\nstatic int F() => 1;\n")


def test_other_targets_untouched():
    code = "int gcd(int a, int b) { return a; }\n"
    assert make_static(code, get_language("cpp")) == code


def test_pipeline_makes_a_python_function_static_in_java(scripted):
    from translate.translation.pipeline import TranslateOptions, translate_sources

    src = "def twice(x):\n    return 2 * x\n\n\ndef quad(x):\n    return twice(twice(x))\n"
    answers = {"twice": "```java\npublic int twice(int x) {\n    return 2 * x;\n}\n```",
               "quad": "```java\npublic int quad(int x) {\n    return twice(twice(x));\n}\n```"}

    def answer(req):
        text = req.messages[-1]["content"]
        return answers["quad"] if "def quad" in text else answers["twice"]

    [res] = translate_sources([("m.py", src, "python")], "java", scripted(answer), TranslateOptions(max_turns=1))
    assert "public static int twice(int x)" in res.text and "public static int quad(int x)" in res.text
    assert [r.status for r in res.units if r.kind == "function"] == ["ok", "ok"] and not res.diagnostics


WHOLE_PROGRAM = """import java.util.List;

public class Main {
    public static boolean hasClose(List<Float> numbers, float threshold) {
        return helper(numbers) < threshold;
    }

    private static float helper(List<Float> numbers) {
        return 0.0f;
    }

    public static void main(String[] args) {
        System.out.println(hasClose(List.of(1.0f), 0.5f));
    }
}
"""


def test_a_whole_java_program_answer_is_unwrapped_to_its_methods():
    from translate.translation.checks import check_translation
    from translate.translation.staticize import unwrap_class_answer

    java = get_language("java")
    out = unwrap_class_answer(WHOLE_PROGRAM, java, "has_close")
    assert out.startswith("import java.util.List;\n\npublic static boolean hasClose(")
    assert "private static float helper(" in out and "main(" not in out and "class" not in out
    assert check_translation(out, java, "function", "has_close") == []
    assert check_translation(WHOLE_PROGRAM, java, "function", "has_close") != []  # what the unwrap is for


def test_real_classes_and_other_answers_are_left_alone():
    from translate.translation.staticize import unwrap_class_answer

    java = get_language("java")
    with_ctor = "public class P {\n    private int x;\n    public P(int x) { this.x = x; }\n    public int f() { return x; }\n}\n"
    for code, name in ((with_ctor, "f"), (WHOLE_PROGRAM, "other_name"), ("public int f() { return 1; }\n", "f"),
                       ("class A { int f() { return 1; } }\nclass B {}\n", "f")):
        assert unwrap_class_answer(code, java, name) == code
