"""Java loops Python has no form for, written as while loops before the model reads them
(translate.translation.java_loops): the rewritten Java compiles and prints what the original prints (real javac),
loops it cannot rewrite exactly are left, and only Java -> Python prompts get them."""
from __future__ import annotations

import subprocess

import pytest

from translate import get_language
from translate.engines.scripted import ScriptedBackend, unit_code
from translate.sandbox import missing_tool
from translate.translation.java_loops import whiled
from translate.translation.pipeline import TranslateOptions, translate_source

JAVA = get_language("java")

SHUFFLE = """public class Shuffle {
  static String shuffle(String alphabet, String salt) {
    int asc_val, j;
    final char[] tmpArr = alphabet.toCharArray();
    for (int i = tmpArr.length - 1, v = 0, p = 0; i > 0; i--, v++) {
      v %= salt.length();
      asc_val = salt.charAt(v);
      p += asc_val;
      j = (asc_val + v + p) % i;
      final char tmp = tmpArr[j];
      tmpArr[j] = tmpArr[i];
      tmpArr[i] = tmp;
    }
    return new String(tmpArr);
  }

  static String hash(long input, String alphabet) {
    String hash = "";
    do {
      hash = alphabet.charAt((int) (input % alphabet.length())) + hash;
      input /= alphabet.length();
    } while (input > 0);
    return hash;
  }

  static int pairs(int n) {
    int count = 0;
    for (int a = 0, b = n; a < b; a++, b--) { count += b - a; }
    int k, m;
    for (k = 0, m = 1; k < n; k++)
      m *= 2;
    do count++; while (count % 7 != 0);
    return count + m;
  }

  public static void main(String[] args) {
    System.out.println(shuffle("abcdefghijklmnop", "this is my salt"));
    System.out.println(hash(123456789L, "abcdefghij") + " " + hash(0L, "xyz"));
    System.out.println(pairs(9) + " " + pairs(0));
  }
}
"""


def test_several_variable_for_loops_and_do_whiles_become_while_loops_in_place():
    out = whiled(SHUFFLE, JAVA)
    assert "    int i = tmpArr.length - 1, v = 0, p = 0;\n    while (i > 0) {\n      v %= salt.length();\n" in out
    assert "      tmpArr[i] = tmp;\n      i--;\n      v++;\n    }\n" in out
    assert "    while (true) {\n      hash = " in out and "      if (input <= 0) break;\n    }\n" in out
    assert "int a = 0, b = n;\n    while (a < b) {\n      count += b - a;\n      a++;\n      b--;\n    }" in out
    assert "k = 0;\n    m = 1;\n    while (k < n) {\n      m *= 2;\n      k++;\n    }" in out
    assert "while (true) {\n      count++;\n      if (count % 7 == 0) break;\n    }" in out
    assert " for (" not in out and "do " not in out
    assert whiled(out, JAVA) == out


@pytest.mark.skipif(missing_tool("java") is not None, reason="javac missing")
def test_the_rewritten_program_prints_what_the_original_prints(tmp_path):
    printed = []
    for name, code in (("a", SHUFFLE), ("b", whiled(SHUFFLE, JAVA))):
        (tmp_path / name).mkdir()
        (tmp_path / name / "Shuffle.java").write_text(code, encoding="utf-8")
        subprocess.run(["javac", "Shuffle.java"], cwd=tmp_path / name, check=True, timeout=120)
        printed.append(subprocess.run(["java", "-cp", ".", "Shuffle"], cwd=tmp_path / name, check=True, timeout=60,
                                      capture_output=True, text=True).stdout)
    assert printed[0] == printed[1] and printed[0].count("\n") == 3


@pytest.mark.parametrize("code", [
    "void f() {\n  for (int i = 0, j = 9; i < j; i++, j--) {\n    if (i == 3) continue;\n    g(i);\n  }\n}\n",
    "void f() {\n  do {\n    if (x()) continue;\n    g();\n  } while (h());\n}\n",
    "void f() {\n  outer:\n  for (int i = 0, j = 1; i < 9; i++, j++) {\n    for (int k = 0; k < 3; k++) {\n"
    "      if (k == j) continue outer;\n    }\n  }\n}\n",
    "void f() {\n  for (int i = 0; i < n; i++) {\n    g(i);\n  }\n}\n",  # a plain for: the model's own
    "void f( {\n  do { g(); } while (h());\n",  # does not parse
])
def test_loops_a_while_would_change_or_that_need_none_are_left(code):
    assert whiled(code, JAVA) == code


def test_a_continue_of_a_nested_loop_does_not_stop_the_rewrite():
    code = ("void f() {\n  for (int i = 0, j = 1; i < 9; i++, j++) {\n    for (int k = 0; k < 3; k++) {\n"
            "      if (k == j) continue;\n    }\n  }\n}\n")
    assert "  int i = 0, j = 1;\n  while (i < 9) {\n    for (int k = 0; k < 3; k++) {" in whiled(code, JAVA)


def test_only_java_to_python_prompts_get_the_while_loops():
    answer = "```python\ndef hash(input, alphabet):\n    return alphabet[0]\n```"
    backend = ScriptedBackend({"hash": answer})
    src = SHUFFLE[SHUFFLE.index("  static String hash"):SHUFFLE.index("  static int pairs")]
    translate_source("public class H {\n" + src + "}\n", "java", "python", backend, TranslateOptions())
    asked = unit_code(backend.by_unit.asked["hash"][0])
    assert "while (true) {" in asked and "if (input <= 0) break;" in asked and "do {" not in asked
    backend = ScriptedBackend({"hash": "```javascript\nfunction hash(input, alphabet) {\n  return alphabet[0];\n}\n```"})
    translate_source("public class H {\n" + src + "}\n", "java", "javascript", backend, TranslateOptions())
    assert "do {" in unit_code(backend.by_unit.asked["hash"][0])
