"""Java ``char`` arithmetic in a Python answer, as ``ord(...)`` (translation.java_chars): real grammars; the rewritten
Python returns what the Java prints (real javac); concatenations, comparisons of characters and answers that already
hold numbers left alone; the pipeline with a scripted answer."""
from __future__ import annotations

import subprocess

import pytest

from translate import get_language
from translate.engines.scripted import ScriptedBackend
from translate.sandbox.runner import missing_tool
from translate.translation.java_chars import numeric_chars, ord_chars
from translate.translation.pipeline import TranslateOptions, translate_source

PY = get_language("python")
JAVA = """public class Mix {
  private final String alphabet = "abcdefghij";

  static String shuffle(String alphabet) {
    char[] chars = alphabet.toCharArray();
    int n = chars.length;
    for (int i = 0, j = n - 1; j > 0; i++, j--) {
      int r = (i * j + chars[i] + chars[j]) % n;
      char t = chars[i];
      chars[i] = chars[r];
      chars[r] = t;
    }
    return new String(chars);
  }

  long offset(long[] numbers) {
    long offset = numbers.length;
    for (int i = 0; i < numbers.length; i++) {
      offset = offset + this.alphabet.charAt((int) (numbers[i] % 10)) + i;
    }
    return offset;
  }

  static int digit(String s, int k) {
    char c = s.charAt(k);
    if (c > 47 && c < 'z') {
      return c - '0';
    }
    return -1;
  }

  public static void main(String[] args) {
    System.out.println(shuffle("abcdefghijklmnop"));
    System.out.println(new Mix().offset(new long[] {3, 14, 15, 92}));
    System.out.println(digit("a7", 1));
  }
}
"""
ANSWER = """class Mix:
    def __init__(self):
        self.alphabet = "abcdefghij"

    @staticmethod
    def shuffle(alphabet):
        chars = list(alphabet)
        n = len(chars)
        i, j = 0, n - 1
        while j > 0:
            r = (i * j + chars[i] + chars[j]) % n
            t = chars[i]
            chars[i] = chars[r]
            chars[r] = t
            i += 1
            j -= 1
        return "".join(chars)

    def offset(self, numbers):
        offset = len(numbers)
        for i in range(len(numbers)):
            offset = offset + self.alphabet[numbers[i] % 10] + i
        return offset

    @staticmethod
    def digit(s, k):
        c = s[k]
        if c > 47 and c < 'z':
            return c - '0'
        return -1
"""


def _run(code: str) -> list[str]:
    space: dict = {}
    exec(code, space)
    mix = space["Mix"]
    return [mix.shuffle("abcdefghijklmnop"), str(mix().offset([3, 14, 15, 92])), str(mix.digit("a7", 1))]


def test_characters_used_as_numbers_become_their_codes():
    got, changed = ord_chars(ANSWER, PY, JAVA)
    assert changed
    assert "r = (i * j + ord(chars[i]) + ord(chars[j])) % n" in got
    assert "offset = offset + ord(self.alphabet[numbers[i] % 10]) + i" in got
    assert "if ord(c) > 47 and c < 'z':" in got and "return ord(c) - ord('0')" in got
    assert "t = chars[i]" in got and "chars[i] = chars[r]" in got
    with pytest.raises(TypeError):  # as answered: ``int + str``
        _run(ANSWER)
    assert ord_chars(got, PY, JAVA) == (got, False)


@pytest.mark.skipif(missing_tool("java") is not None, reason="javac missing")
def test_the_rewritten_python_returns_what_the_java_prints(tmp_path):
    (tmp_path / "Mix.java").write_text(JAVA, encoding="utf-8")
    subprocess.run(["javac", "Mix.java"], cwd=tmp_path, check=True, timeout=120)
    printed = subprocess.run(["java", "-cp", ".", "Mix"], cwd=tmp_path, check=True, timeout=60,
                             capture_output=True, text=True).stdout.split()
    assert _run(ord_chars(ANSWER, PY, JAVA)[0]) == printed


def test_concatenations_character_comparisons_and_numbers_already_are_left_alone():
    java = ('String f(String s, int k) {\n  char c = s.charAt(k);\n  char d = s.charAt(0);\n'
            '  String t = "<" + c + d;\n  if (c < d) { return t; }\n  return c + ">";\n}\n')
    numeric, joined, _ = numeric_chars(java)
    assert numeric == set() and ("name", "c") in joined
    answer = "def f(s, k):\n    c = s[k]\n    d = s[0]\n    t = '<' + c + d\n    if c < d:\n        return t\n" \
             "    return c + '>'\n"
    assert ord_chars(answer, PY, java) == (answer, False)
    held = ("static int g(String s) {\n  char[] cs = s.toCharArray();\n  return cs[0] - cs[1];\n}\n")
    as_codes = "def g(s):\n    cs = [ord(ch) for ch in s]\n    return cs[0] - cs[1]\n"
    assert ord_chars(as_codes, PY, held) == (as_codes, False)
    assert ord_chars("def g(s):\n    cs = list(s)\n    return cs[0] - cs[1]\n", PY, held)[0] == \
        "def g(s):\n    cs = list(s)\n    return ord(cs[0]) - ord(cs[1])\n"
    assert ord_chars(as_codes, get_language("javascript"), held) == (as_codes, False)


def test_a_char_named_in_two_kinds_is_not_guessed():
    java = ("int f(String s) {\n  char c = s.charAt(0);\n  return c - 1;\n}\n"
            "int g(int c) {\n  return c - 1;\n}\n")
    answer = "def f(s):\n    c = s[0]\n    return c - 1\n"
    assert ord_chars(answer, PY, java) == (answer, False)


def test_a_java_to_python_answer_comes_out_fixed():
    src = "public class Codes {\n  static int gap(String s) {\n    return s.charAt(1) - s.charAt(0);\n  }\n}\n"
    backend = ScriptedBackend({"gap": "```python\ndef gap(s):\n    return s[1] - s[0]\n```"})
    res = translate_source(src, "java", "python", backend, TranslateOptions())
    assert "return ord(s[1]) - ord(s[0])" in res.text, res.text
