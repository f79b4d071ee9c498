"""A Python answer that lost one of its source's loops gets a repair turn (translation.structure): real grammars;
Python's idioms for a loop are not a lost loop; the pipeline with scripted answers."""
from __future__ import annotations

import pytest

from translate import get_language
from translate.engines.scripted import ScriptedBackend
from translate.translation.pipeline import TranslateOptions, translate_source
from translate.translation.structure import dropped_loops

JAVA, PY = get_language("java"), get_language("python")
ENCODE = """static String encode(long[] numbers, String alphabet) {
    long hash = 0;
    for (int i = 0; i < numbers.length; i++) {
      hash += numbers[i] % (i + 100);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < numbers.length; i++) {
      long num = numbers[i] + hash;
      out.append(alphabet.charAt((int) (num % alphabet.length())));
    }
    while (out.length() < 4) {
      out.insert(0, alphabet.charAt(0));
    }
    return out.toString();
}"""
LOST = """def encode(numbers, alphabet):
    hash = 0
    for i in range(len(numbers)):
        hash += numbers[i] % (i + 100)
    out = ""
    num = numbers[i] + hash
    out += alphabet[num % len(alphabet)]
    while len(out) < 4:
        out = alphabet[0] + out
    return out
"""
KEPT = LOST.replace("    num = numbers[i] + hash\n    out += alphabet[num % len(alphabet)]\n",
                    "    for i in range(len(numbers)):\n        num = numbers[i] + hash\n"
                    "        out += alphabet[num % len(alphabet)]\n")


def test_a_lost_loop_is_named_with_the_sources_loops():
    problem = dropped_loops(LOST, ENCODE, JAVA, PY)
    assert problem is not None and "has 3 loops" in problem and "this answer has 2" in problem
    assert "`for (int i = 0; i < numbers.length; i++)`" in problem and "`while (out.length() < 4)`" in problem
    assert dropped_loops(KEPT, ENCODE, JAVA, PY) is None
    assert dropped_loops(LOST, ENCODE, JAVA, get_language("javascript")) is None


@pytest.mark.parametrize("java, python", [
    ("int total(int[] xs) {\n  int s = 0;\n  for (int x : xs) s += x;\n  return s;\n}",
     "def total(xs):\n    return sum(xs)\n"),
    ("String rev(String s) {\n  String r = \"\";\n  for (int i = s.length() - 1; i >= 0; i--) r += s.charAt(i);\n"
     "  return r;\n}", "def rev(s):\n    return s[::-1]\n"),
    ("boolean has(int[] xs, int v) {\n  for (int x : xs) { if (x == v) return true; }\n  return false;\n}",
     "def has(xs, v):\n    return v in xs\n"),
    ("int[] zeros(int n) {\n  int[] a = new int[n];\n  for (int i = 0; i < n; i++) a[i] = 0;\n  return a;\n}",
     "def zeros(n):\n    return [0] * n\n"),
    ("List<Integer> sq(List<Integer> xs) {\n  List<Integer> r = new ArrayList<>();\n"
     "  for (int x : xs) r.add(x * x);\n  return r;\n}", "def sq(xs):\n    return [x * x for x in xs]\n"),
    ("String up(String s) {\n  char[] c = s.toCharArray();\n  for (int i = 0; i < c.length; i++) "
     "c[i] = Character.toUpperCase(c[i]);\n  return new String(c);\n}", "def up(s):\n    return s.upper()\n"),
])
def test_pythons_idioms_for_a_loop_are_not_a_lost_loop(java, python):
    assert dropped_loops(python, java, JAVA, PY) is None


def test_a_java_method_that_lost_a_loop_is_asked_again_and_the_loop_comes_back():
    src = f"public class Codec {{\n  {ENCODE}\n}}\n"
    backend = ScriptedBackend({"encode": [f"```python\n{LOST}```", f"```python\n{KEPT}```"]})
    res = translate_source(src, "java", "python", backend, TranslateOptions())
    assert "    for i in range(len(numbers)):\n        num = numbers[i] + hash\n" in res.text, res.text
    unit = next(u for u in res.units if u.kind == "function")
    assert "a loop of the source is missing" in (unit.attempts[0].problem or "") and len(unit.attempts) == 2
