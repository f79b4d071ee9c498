"""A nested class named bare in the methods of its outer class (translate.translation.py_nested): qualified, so
the Python runs as the Java did."""
from __future__ import annotations

from translate.translation.py_nested import qualify_nested

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
