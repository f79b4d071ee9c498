"""A target declaration the callers fix (translate.translation.declared): HumanEval-X's protocol, where each task
gives the target language's declaration of its function. Shown to the model; in typed-first targets an answer
whose types differ from it gets a repair turn."""
from __future__ import annotations

import pytest

from translate.evaluation.humanevalx import humanevalx_dir
from translate.source.languages import get_language
from translate.translation.declared import declared_problem, header, types

JAVA_DECL = ("import java.util.*;\nimport java.lang.*;\n\nclass Solution {\n"
             "    public boolean hasCloseElements(List<Double> numbers, double threshold) {\n")
CPP_DECL = "#include<stdio.h>\n#include<vector>\nusing namespace std;\nbool has_close_elements(vector<float> numbers, float threshold){\n"


def test_the_header_of_the_function_in_any_naming_style():
    assert header(JAVA_DECL, "has_close_elements") == "public boolean hasCloseElements(List<Double> numbers, double threshold)"
    assert header(CPP_DECL, "hasCloseElements") == "bool has_close_elements(vector<float> numbers, float threshold)"
    assert header("const hasCloseElements = (numbers, threshold) => {\n", "has_close_elements") == \
        "const hasCloseElements = (numbers, threshold)"
    assert header(JAVA_DECL, "below_zero") == ""


def test_types_read_from_a_header_or_an_answer():
    assert types(header(JAVA_DECL, "hasCloseElements"), "hasCloseElements") == ("boolean", ["List<Double>", "double"])
    assert types("vector<vector<int>> f(map<string, int> m, const vector<int>& xs, int n = 3) {\n  return f(m, xs);\n}",
                 "f") == ("vector<vector<int>>", ["map<string,int>", "vector<int>", "int"])
    assert types("int main() { return g(1); }", "g") is None  # a call is not a definition


def test_an_answer_with_other_types_gets_a_problem_that_quotes_the_declaration():
    java, cpp = get_language("java"), get_language("cpp")
    decl = header(JAVA_DECL, "hasCloseElements")
    wrong = "public boolean hasCloseElements(List<Float> numbers, float threshold) {\n  return false;\n}\n"
    said = declared_problem(wrong, decl, java, "hasCloseElements")
    assert said is not None and decl in said and "List<Float>" in said
    assert declared_problem(wrong.replace("Float", "Double").replace("float", "double"), decl, java, "hasCloseElements") is None
    # a const reference takes what the callers pass: not a difference
    assert declared_problem("bool has_close_elements(const vector<float>& numbers, float threshold) {\n return false;\n}",
                            header(CPP_DECL, "has_close_elements"), cpp, "has_close_elements") is None
    # the same types spelled with their namespace (measured: every C++ answer of a 40-task run writes `std::`)
    assert declared_problem("std::vector<std::string> f(std::vector<float> xs, std::string s) {\n return {};\n}",
                            "vector<string> f(vector<float> xs, string s)", cpp, "f") is None
    assert declared_problem("java.util.List<Double> f(java.util.List<Double> xs) {\n return xs;\n}",
                            "public List<Double> f(List<Double> xs)", java, "f") is None
    assert declared_problem("x", "", java, "f") is None  # nothing declared
    assert declared_problem(wrong, decl, get_language("javascript"), "hasCloseElements") is None  # untyped target


FLOAT = """```java
public boolean hasCloseElements(List<Float> numbers, float threshold) {
    for (int i = 0; i < numbers.size(); i++)
        for (int j = i + 1; j < numbers.size(); j++)
            if (Math.abs(numbers.get(i) - numbers.get(j)) < threshold) return true;
    return false;
}
```"""
DOUBLE = FLOAT.replace("Float", "Double").replace("float", "double")


@pytest.mark.skipif(not (humanevalx_dir(None) / "python").is_dir(), reason="HumanEval-X data not found")
def test_humaneval_x_with_the_target_declaration_in_both_systems(scripted):
    """Python -> Java, Python/0: the pipeline's first answer takes ``List<Float>`` (the harness passes
    ``List<Double>``: it does not compile there), the declaration's check asks again, the second answer passes;
    the naive baseline is told the same declaration."""
    from translate.evaluation.translation import EvalSettings, evaluate_humanevalx
    from translate.translation.pipeline import TranslateOptions

    turns = iter([FLOAT, DOUBLE])
    asked: list[str] = []

    def answer(req):
        text = [m["content"] for m in req.messages if m["role"] == "user"][-1]
        asked.append(text)
        if "top-level" in text:
            return "```java\n```"
        if text.startswith("Translate this Python function to Java.\n\n```python\nfrom typing"):  # the naive one
            return DOUBLE
        return next(turns)

    st = EvalSettings("python", "java", limit=1, baseline="naive", options=TranslateOptions(max_turns=3),
                      declaration=True)
    report = evaluate_humanevalx(st, scripted(answer))
    decl = "public boolean hasCloseElements(List<Double> numbers, double threshold)"
    first = next(t for t in asked if "has_close_elements" in t and "top-level" not in t and "naive" not in t)
    assert "Its callers use this Java declaration" in first and decl in first
    repair = next(t for t in asked if "keep its parameter and return types exactly" in t)
    assert "List<Float>" in repair
    pipe = report["per_task"][0]["pipeline"]["samples"][0]
    assert pipe["passed"] and pipe["repaired"], pipe["message"]
    naive_msg = next(t for t in asked if t.startswith("Translate this Python function to Java.\n\n"))
    assert decl in naive_msg and report["per_task"][0]["naive"]["c"] == 1
    assert report["settings"]["declaration"] is True


HEX_KEY = ("def hex_key(num):\n    primes = ('2', '3', '5', '7', 'B', 'D')\n    total = 0\n"
           "    for i in range(0, len(num)):\n        if num[i] in primes:\n            total += 1\n    return total\n")


def test_the_declared_header_types_a_python_sources_inputs():
    """``hex_key(num)`` reads like a list (``num[i]``, ``len(num)``); its callers' ``int hexKey(String num)`` says
    a string: the recording's inputs follow the declaration, voted as an annotation is."""
    from translate.source.units import parse_text
    from translate.translation.class_behaviour import _hints
    from translate.translation.declared import DECLARED, declared_kinds
    from translate.translation.recorder import Recorder

    assert declared_kinds("class Solution {\n    public int hexKey(String num) {\n", "hex_key") == ["str"]
    assert declared_kinds(CPP_DECL, "has_close_elements") == ["list[float]", "float"]
    assert declared_kinds("public Optional<Object> compareOne(Object a, Object b) {", "compare_one") == [None, None]
    assert declared_kinds("", "hex_key") is None
    parsed = parse_text(HEX_KEY, get_language("python"), path="Python/78")
    assert _hints(parsed, "hex_key") is None  # no declaration known
    token = DECLARED.set(lambda path, name: "public int hexKey(String num) {" if path == "Python/78" else "")
    try:
        hints = _hints(parsed, "hex_key")
    finally:
        DECLARED.reset(token)
    assert hints == ["str"]
    recorder = Recorder()
    plain = recorder.submit(HEX_KEY, "python", "hex_key").result()
    typed = recorder.submit(HEX_KEY, "python", "hex_key", None, hints).result()
    assert any(isinstance(c.args[0], list) for c in plain.cases)
    assert typed.usable and all(isinstance(c.args[0], str) for c in typed.cases)
    assert {c.expected.value for c in typed.cases} != {0}  # strings with prime hex digits among them
