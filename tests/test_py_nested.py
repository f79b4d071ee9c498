"""A nested class named bare in the methods of its outer class (translate.translation.py_nested): qualified, so
the Python runs as the Java did."""
from __future__ import annotations

import pytest

from translate.translation.py_nested import qualify_methods, qualify_nested, rename_shadowing_fields

CODE = '''class Codec:
    def __init__(self, builder):
        self.width = builder.width

    @staticmethod
    def builder():
        return Builder()

    def shadow(self, Builder):
        return Builder

    class Builder:
        DEFAULT = 10

        def __init__(self):
            self.width = Builder.DEFAULT

        def build(self):
            def inner():
                return Builder.DEFAULT
            return Codec(self) if inner() else self.Builder
'''


def test_bare_nested_names_are_qualified_and_the_class_runs():
    space: dict = {}
    exec(CODE, space)
    try:
        space["Codec"].builder()
        raise AssertionError("the bare name resolved: this test shows nothing")
    except NameError:
        pass
    got = qualify_nested(CODE)
    assert "return Codec.Builder()" in got and "self.width = Codec.Builder.DEFAULT" in got
    assert "return Codec.Builder.DEFAULT" in got  # a def inside a def: once
    assert "def shadow(self, Builder):\n        return Builder\n" in got  # a parameter of that name: left
    assert "else self.Builder" in got and "    class Builder:" in got  # an attribute and the definition: left
    space = {}
    exec(got, space)
    assert space["Codec"].builder().build().width == 10
    assert qualify_nested(got) == got


def test_code_without_nested_classes_or_that_does_not_parse_is_unchanged():
    assert qualify_nested("class A:\n    def f(self):\n        return B()\n") == "class A:\n    def f(self):\n        return B()\n"
    assert qualify_nested("class A(:\n") == "class A(:\n"


def test_class_constants_named_bare_in_methods_are_qualified_unless_the_module_has_them():
    """sqids' answer: ``if alphabet_length < MIN_ALPHABET_LENGTH`` in ``__init__``, Java's static field in scope
    there, a NameError in Python. A constant the module also defines, and a method's name, are left."""
    code = ("LIMIT = 9\n\n\nclass Sqids:\n    MIN = 3\n    LIMIT = 255\n\n    def __init__(self, n):\n"
            "        if n < MIN or n > LIMIT:\n            raise ValueError(n)\n        self.n = size()\n\n"
            "    def size(self):\n        return MIN\n")
    got = qualify_nested(code)
    assert "if n < Sqids.MIN or n > LIMIT:" in got and "return Sqids.MIN" in got and "self.n = size()" in got
    space: dict = {}
    exec(got.replace("self.n = size()", "self.n = self.size()"), space)
    assert space["Sqids"](5).n == 3


SQIDS = '''class Sqids:
    def __init__(self, builder):
        self.alphabet = builder.alphabet
        self.min_length = builder.min_length

    class Builder:
        count = 0

        def __init__(self):
            self.alphabet = "abc"
            self.min_length = 0

        def alphabet(self, alphabet):
            if alphabet is not None:
                self.alphabet = alphabet
            return self

        def min_length(self, n):
            self.min_length = n
            return self

        @staticmethod
        def count():
            return Sqids.Builder.count + 1

        def build(self):
            return Sqids(self)
'''


def test_a_field_named_as_a_method_is_renamed_where_it_is_read_and_set():
    """sqids' Builder: Java's fields ``alphabet``/``minLength`` and setters of the same names. As answered, the
    attribute hides the setter (a TypeError at ``.alphabet("xyz")``); renamed, the builder chain works, reads in
    the outer class included, and a class attribute named as a static method too."""
    space: dict = {}
    exec(SQIDS, space)
    try:
        space["Sqids"].Builder().alphabet("xyz")
        raise AssertionError("the attribute did not hide the method: this test shows nothing")
    except TypeError:
        pass
    got = rename_shadowing_fields(SQIDS)
    assert "self._alphabet = builder._alphabet" in got and "def alphabet(self, alphabet):" in got
    assert "        _count = 0\n" in got and "return Sqids.Builder._count + 1" in got
    space = {}
    exec(got, space)
    built = space["Sqids"].Builder().alphabet("xyz").min_length(4).build()
    assert (built._alphabet, built._min_length, space["Sqids"].Builder.count()) == ("xyz", 4, 1)
    assert rename_shadowing_fields(got) == got
    taken = SQIDS.replace('self.min_length = 0', 'self.min_length = 0\n            self._alphabet = None')
    assert "self.alphabet = alphabet" in rename_shadowing_fields(taken)  # ``_alphabet`` taken: left to the check


def test_a_field_the_answer_named_with_an_underscore_is_read_so_from_the_other_class():
    """sqids, the run after the constructor became a unit of its own: the Builder's answer named its fields
    ``_alphabet`` itself, the constructor's answer read ``builder.alphabet`` as Java does (the bound method:
    ``len()`` of a method, 27 of 28 tests). Attributes not called are the field, ``builder._alphabet``; calls
    keep the method."""
    code = SQIDS.replace("self.alphabet = \"abc\"", "self._alphabet = \"abc\"").replace(
        "                self.alphabet = alphabet", "                self._alphabet = alphabet")
    got = rename_shadowing_fields(code)
    assert "self.alphabet = builder._alphabet" in got and "self._alphabet = alphabet" in got
    assert "def alphabet(self, alphabet):" in got
    space: dict = {}
    exec(got, space)
    assert space["Sqids"].Builder().alphabet("xyz").build().alphabet == "xyz"
    space = {}
    exec(code, space)
    assert callable(space["Sqids"].Builder().alphabet("xyz").build().alphabet)  # as answered: the method


METHODS = """import math


def helper(x):
    return x + 1


class Codec:
    def __init__(self, salt):
        self.salt = salt

    @staticmethod
    def shuffle(alphabet, salt):
        return alphabet[::-1] if salt else alphabet

    def pad(self, s):
        return s + self.salt

    def encode(self, s):
        s = shuffle(s, self.salt)
        return pad(s) + str(helper(1))

    @classmethod
    def make(cls):
        return cls(shuffle("ab", "x"))

    def local(self, shuffle):
        return shuffle("q", "")
"""


def test_bare_calls_of_the_classs_methods_are_qualified_and_the_class_runs():
    """hashids' ``_encode`` called its static ``consistent_shuffle`` bare, as the Java does: a NameError."""
    got = qualify_methods(METHODS)
    assert "s = Codec.shuffle(s, self.salt)" in got and "return self.pad(s) + str(helper(1))" in got
    assert 'return cls(Codec.shuffle("ab", "x"))' in got
    assert 'return shuffle("q", "")' in got  # the function's own parameter
    space: dict = {}
    exec(got, space)
    assert space["Codec"]("!").encode("abc") == "cba!2" and space["Codec"].make().salt == "ba"
    exec(METHODS, space)
    with pytest.raises(NameError):
        space["Codec"]("!").encode("abc")
    assert qualify_methods(got) == got and qualify_methods("def f(:\n") == "def f(:\n"


DAMERAU_JAVA = """public class Damerau {
    public final double distance(String s1, String s2) {
        return min(s1.length(), s2.length(), 3, hash(s1));
    }
    private static int min(final int a, final int b, final int c, final int d) {
        return Math.min(a, Math.min(b, Math.min(c, d)));
    }
    private static int hash(String s) {
        return s.length() * 2;
    }
}"""
DAMERAU = """class Damerau:
    def distance(self, s1, s2):
        return min(len(s1), len(s2), 3, hash(s1))

    def min(a, b, c, d):
        return min(a, min(b, min(c, d)))

    def hash(self, s):
        return len(s) * 2
"""


def test_a_method_named_as_a_builtin_is_called_so_only_where_the_java_calls_its_own():
    """stringsim's ``Damerau.min`` calls ``Math.min`` inside (the builtin, in Python) and is called by ``distance``;
    a Java static answered with ``self`` is called on ``self``."""
    got = qualify_methods(DAMERAU, DAMERAU_JAVA)
    assert "return Damerau.min(len(s1), len(s2), 3, self.hash(s1))" in got
    assert "return min(a, min(b, min(c, d)))" in got
    space: dict = {}
    exec(got, space)
    assert space["Damerau"]().distance("abcd", "abcdef") == 3
    assert qualify_methods(DAMERAU) == DAMERAU  # no Java to say so: ``min`` and ``hash`` stay the builtins


def test_a_builtin_named_call_is_the_classs_only_with_the_java_calls_arity():
    """stringsim's OptimalStringAlignment: ``min(a, b, c)`` is its own 3-argument method, ``Math.min(x, y)`` in the
    same Java method the builtin; the answer writes both ``min(...)``: only the first is the class's."""
    java = ("class OSA {\n  double distance(int[] d, int cost) {\n    int x = min(d[0] + 1, d[1] + 1, d[2] + cost);\n"
            "    return Math.min(x, d[3] + cost);\n  }\n"
            "  private static int min(int a, int b, int c) {\n    return Math.min(a, Math.min(b, c));\n  }\n}\n")
    answer = ("class OSA:\n    def distance(self, d, cost):\n        x = min(d[0] + 1, d[1] + 1, d[2] + cost)\n"
              "        return min(x, d[3] + cost)\n\n    @staticmethod\n    def min(a, b, c):\n"
              "        return min(a, min(b, c))\n")
    got = qualify_methods(answer, java)
    assert "x = OSA.min(d[0] + 1, d[1] + 1, d[2] + cost)" in got and "return min(x, d[3] + cost)" in got
    space: dict = {}
    exec(got, space)
    assert space["OSA"]().distance([5, 1, 9, 0], 2) == 2
