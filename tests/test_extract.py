"""Answers cut by the target's parser: chatter before the code, the end of the first unit."""
from __future__ import annotations

import pytest

from translate.source.languages import get_language
from translate.translation.extract import extract_code, unit_end

PY = get_language("python")
JS = get_language("javascript")


def test_an_unfenced_def_header_is_code_not_chatter():
    # the regex that dropped leading lines ending in ':' removed this header
    assert extract_code("def add(a, b):\n    return a + b", PY, fenced=True) == "def add(a, b):\n    return a + b\n"
    assert extract_code("class A:\n    x = 1\n", PY, fenced=True) == "class A:\n    x = 1\n"


@pytest.mark.parametrize("chatter", ["Here is the code:", "Sure! Here it is:", "The translated function:"])
def test_prose_before_unfenced_code_is_dropped(chatter):
    assert extract_code(f"{chatter}\ndef f(x):\n    return x\n", PY, fenced=True) == "def f(x):\n    return x\n"
    assert extract_code(f"{chatter}\nfunction f(x) {{\n  return x;\n}}\n", JS, fenced=True) == \
        "function f(x) {\n  return x;\n}\n"


def test_a_closing_brace_inside_a_string_does_not_end_the_unit():
    code = "function f() {\n  const s = `x\n}\ny`;\n  return s;\n}\nconsole.log(f());\n"
    assert unit_end(code, JS) == code.index("console")
    java = get_language("java")
    block = 'public static String f() {\n    String s = """\n}\n""";\n    return s;\n}\nmore\n'
    assert unit_end(block, java) == block.index("more")


def test_a_unit_still_open_has_no_end():
    assert unit_end("function f() {\n  return 1;\n", JS) is None
    assert unit_end("function f() {\n  const s = `\n}\n", JS) is None


def test_a_bare_java_method_answer_loses_its_copy_of_another_unit():
    # lcm's answer brought its own gcd: kept, the assembled class defined gcd twice (javac: already defined)
    from translate.translation.checks import shape_answer

    java = get_language("java")
    code = ("/** Least common multiple. */\npublic static int lcm(int a, int b) {\n    return a * b / gcd(a, b);\n}\n\n"
            "/** gcd */\npublic static int gcd(int a, int b) {\n    return b == 0 ? a : gcd(b, a % b);\n}\n")
    shaped = shape_answer(code, java, "lcm", frozenset({"gcd", "lcm"}))
    assert "int gcd(" not in shaped and "int lcm(" in shaped and "gcd(a, b)" in shaped
    helper = code.replace("gcd", "helper")
    assert shape_answer(helper, java, "lcm", frozenset({"gcd", "lcm"})) == helper  # a helper of its own stays


def test_a_java_answer_wrapped_in_a_class_with_a_sibling_copy_keeps_one_definition(scripted):
    # lcm's answer as a whole class holding gcd too: unwrapped, its gcd must go (gcd is the file's own unit)
    from translate.source.languages import get_language as lang
    from translate.translation.pipeline import TranslateOptions, translate_source

    src = "def gcd(a, b):\n    while b:\n        a, b = b, a % b\n    return a\n\n\ndef lcm(a, b):\n    return a * b // gcd(a, b)\n"
    gcd = "public static int gcd(int a, int b) {\n    while (b != 0) { int t = b; b = a % b; a = t; }\n    return a;\n}\n"
    lcm = ("```java\npublic class Main {\n    public static int gcd(int a, int b) {\n        return b == 0 ? a : gcd(b, a % b);\n"
           "    }\n\n    public static int lcm(int a, int b) {\n        return a * b / gcd(a, b);\n    }\n\n"
           "    public static void main(String[] args) {\n        System.out.println(lcm(4, 6));\n    }\n}\n```\n")
    backend = scripted({"gcd": f"```java\n{gcd}```\n", "lcm": lcm})
    result = translate_source(src, "python", "java", backend, TranslateOptions(max_turns=1))
    assert lang("java") and result.text.count("int gcd(") == 1, result.text
    assert "int lcm(" in result.text and "main(" not in result.text
