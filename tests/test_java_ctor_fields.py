"""A Java constructor's field the Python ``__init__`` kept in a local, set on ``self`` (translation.java_ctor_fields):
real grammars; hashids' shape runs after the rewrite and not before; the cases where the value is not certain left
alone; the pipeline with a scripted answer."""
from __future__ import annotations

import pytest

from translate import get_language
from translate.engines.scripted import ScriptedBackend
from translate.translation.java_ctor_fields import keep_field_assignments
from translate.translation.pipeline import TranslateOptions, translate_source

PY = get_language("python")
CTOR = """public Codec(String salt, int minLength, String alphabet) {
    this.salt = salt != null ? salt : DEFAULT_SALT;
    this.minLength = minLength > 0 ? minLength : 0;
    String unique = "";
    for (char c : alphabet.toCharArray()) {
      if (unique.indexOf(c) < 0) unique += c;
    }
    alphabet = shuffle(unique, this.salt);
    this.alphabet = alphabet;
  }"""
ANSWER = """class Codec:
    DEFAULT_SALT = ""

    def __init__(self, salt=None, min_length=0, alphabet="abc"):
        if salt is None:
            salt = self.DEFAULT_SALT
        if min_length <= 0:
            min_length = 0
        unique = ""
        for c in alphabet:
            if c not in unique:
                unique += c
        alphabet = unique[::-1] if salt else unique
        self.alphabet = alphabet

    def encode(self, n):
        return self.salt + self.alphabet * max(n, self.min_length)
"""


def test_fields_kept_in_locals_are_set_on_self_and_the_class_runs():
    got, changed = keep_field_assignments(ANSWER, PY, CTOR)
    assert changed
    assert got.count("self.salt = salt") == 1 and got.count("self.min_length = min_length") == 1
    assert "        self.alphabet = alphabet\n        self.salt = salt\n        self.min_length = min_length\n" in got
    space: dict = {}
    exec(got, space)
    assert space["Codec"]("s", 2, "aab").encode(1) == "sbaba"
    exec(ANSWER, space)
    with pytest.raises(AttributeError):  # as answered
        space["Codec"]("s", 2, "aab").encode(1)
    assert keep_field_assignments(got, PY, CTOR) == (got, False)


def test_a_value_that_is_not_certain_is_left_alone():
    # the Java reassigns the parameter before the field is set: the local's final value is not the field's
    moved = CTOR.replace("this.salt = salt != null ? salt : DEFAULT_SALT;", "salt = salt.trim();\n    this.salt = salt + 1;")
    assert "self.salt = salt" not in keep_field_assignments(ANSWER, PY, moved)[0]
    # the answer never assigns the parameter, so the field's default is nowhere in it
    raw = ANSWER.replace("        if salt is None:\n            salt = self.DEFAULT_SALT\n", "")
    assert "self.salt = salt" not in keep_field_assignments(raw, PY, CTOR)[0]
    # an __init__ that returns early, two Java constructors, a Python target only
    early = ANSWER.replace("        unique = \"\"\n", "        if not alphabet:\n            return\n        unique = \"\"\n")
    assert keep_field_assignments(early, PY, CTOR) == (early, False)
    two = f"class Codec {{\n  {CTOR}\n  public Codec() {{ this(null, 0, \"abc\"); }}\n}}\n"
    assert keep_field_assignments(ANSWER, PY, two) == (ANSWER, False)
    assert keep_field_assignments(ANSWER, get_language("javascript"), CTOR) == (ANSWER, False)


def test_a_plain_field_assignment_the_answer_dropped_is_put_back():
    java = "Box(int width) {\n  int w = width * 2;\n  this.w = w;\n}"
    answer = "def __init__(self, width):\n    w = width * 2\n"
    assert keep_field_assignments(answer, PY, java)[0] == "def __init__(self, width):\n    w = width * 2\n    self.w = w\n"


def test_a_java_to_python_class_comes_out_with_its_fields():
    src = ("public class Box {\n  private final int w;\n  public Box(int w) {\n    this.w = w > 0 ? w : 1;\n  }\n"
           "  public int area() {\n    return w * w;\n  }\n}\n")
    answer = ("```python\nclass Box:\n    def __init__(self, w):\n        if w <= 0:\n            w = 1\n\n"
              "    def area(self):\n        return self.w * self.w\n```")
    res = translate_source(src, "java", "python", ScriptedBackend({"Box": answer}), TranslateOptions())
    assert "            w = 1\n        self.w = w\n" in res.text, res.text
