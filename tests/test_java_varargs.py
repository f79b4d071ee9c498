"""A Java varargs parameter as Python's ``*name`` in a method translated alone (translation.java_varargs): real
grammar, a split class through the pipeline with scripted answers."""
from __future__ import annotations

from translate import get_language
from translate.engines.scripted import ScriptedBackend
from translate.translation.java_varargs import spread_array_args, star_varargs
from translate.translation.pipeline import TranslateOptions, translate_source

PY = get_language("python")
ENCODE = "/** Encode {@code numbers}. */\npublic String encode(long... numbers) {\n  return _encode(numbers);\n}\n"
OUTLINE = "class Hashids {\n  public String encode(long... numbers) { }\n  private String _encode(long... numbers) { }\n}"


def test_the_varargs_parameter_is_starred_and_passed_on_spread():
    answer = "def encode(self, numbers):\n    if not numbers:\n        return ''\n    return self._encode(numbers)\n"
    got, changed = star_varargs(answer, PY, ENCODE, OUTLINE)
    assert changed and got == ("def encode(self, *numbers):\n    if not numbers:\n        return ''\n"
                               "    return self._encode(*numbers)\n")
    assert star_varargs(got, PY, ENCODE, OUTLINE) == (got, False)  # already starred
    plain = "public String encode(long[] numbers) {\n  return _encode(numbers);\n}\n"
    assert star_varargs(answer, PY, plain, OUTLINE) == (answer, False)
    assert star_varargs(answer, get_language("javascript"), ENCODE, OUTLINE) == (answer, False)


def test_a_split_classs_varargs_method_takes_its_arguments_as_the_tests_pass_them():
    body = "".join(f"  // {i}\n" for i in range(130))  # over SPLIT_LINES: a split class
    src = ("public class Codec {\n  private final int base = 10;\n" + body + "  public String encode(long... numbers) {\n    return join(numbers);\n"
           "  }\n\n  private static String join(long... numbers) {\n    return java.util.Arrays.toString(numbers);\n"
           "  }\n}\n")
    skeleton = ("```python\nclass Codec:\n    def __init__(self):\n        self.base = 10\n\n"
                "    def encode(self, numbers):\n        pass\n\n    @staticmethod\n"
                "    def join(numbers):\n        pass\n```")
    backend = ScriptedBackend({"class Codec": skeleton,
                               "encode": "```python\ndef encode(self, numbers):\n    return Codec.join(numbers)\n```",
                               "join": "```python\ndef join(numbers):\n    return str(list(numbers))\n```"})
    res = translate_source(src, "java", "python", backend, TranslateOptions())
    space: dict = {}
    exec(res.text, space)
    assert space["Codec"]().encode(1, 2, 3) == "[1, 2, 3]", res.text


def test_an_array_passed_alone_to_a_varargs_method_is_spread():
    """hashids' ``_decode``: ``long[] arr = ...; return this.encode(arr);`` with ``encode(long... numbers)``."""
    java = ("private long[] check(String hash, List<Long> ret) {\n    long[] arr = new long[ret.size()];\n"
            "    for (int k = 0; k < arr.length; k++) { arr[k] = ret.get(k); }\n"
            "    if (!this.encode(arr).equals(hash)) { arr = new long[0]; }\n    return arr;\n}")
    outline = "public String encode(long... numbers) {"
    code = ("def check(self, hash, ret):\n    arr = [int(x) for x in ret]\n    if self.encode(arr) != hash:\n"
            "        arr = []\n    return arr\n")
    fixed, changed = spread_array_args(code, get_language("python"), java, outline)
    assert changed and "self.encode(*arr)" in fixed

    class Codec:
        def encode(self, *numbers):
            return "-".join(str(n) for n in numbers)

    space: dict = {}
    exec(fixed, space)
    assert space["check"](Codec(), "1-2", [1, 2]) == [1, 2]
    # a list that is no Java array, or a method that takes no varargs: left alone
    assert not spread_array_args(code, get_language("python"), java.replace("long[] arr", "List<Long> arr"), outline)[1]
    assert not spread_array_args(code, get_language("python"), java, "public String encode(long[] numbers) {")[1]
