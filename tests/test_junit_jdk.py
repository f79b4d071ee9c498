"""The JDK values of a JUnit test by rule (translate.translation.junit_jdk): strings, collections and constants
whose Python is certain come out so and run against the junit_asserts template; anything else leaves the class
to the model."""
from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from translate.translation.junit_python import junit_class

TEMPLATE = Path(__file__).resolve().parent.parent / "translate" / "project" / "templates" / "junit_asserts.py"

CODEC_TEST = """class CodecTest {
    private final int width = Codec.ALPHABET.length();

    @Test
    void tables() {
        Map<String, List<Long>> ids = new HashMap<String, List<Long>>() {
            {
                put("a", Arrays.asList(0L));
                put("b", Arrays.asList(1L, 2L));
            }
        };
        for (String id : ids.keySet()) {
            List<Long> numbers = ids.get(id);
            Assertions.assertEquals(new Codec(width).encode(numbers), id);
            Assertions.assertTrue(id.length() >= 1 && !id.isEmpty() && ids.containsKey(id));
        }
        List<List<Long>> rows = new ArrayList<List<Long>>() {{
            add(Arrays.asList(0L));
            add(Arrays.asList((long) Integer.MAX_VALUE));
        }};
        Assertions.assertEquals(2, rows.size());
        Assertions.assertEquals(2147483647L, rows.get(1).get(0));
    }

    @Test
    void sets() {
        Set<String> blocked = new HashSet<>(Arrays.asList(
                "x", // a comment between the arguments
                "y"));
        blocked.add("z");
        Assertions.assertTrue(blocked.contains("z") && blocked.size() == 3);
        List<String> seen = new ArrayList<>();
        seen.add("q");
        Map<String, Integer> counts = new HashMap<>();
        counts.put("q", 1);
        Assertions.assertEquals(counts.get("q"), seen.size());
        Assertions.assertEquals("bc", "abc".substring(1));
    }

    @Test
    void overflow() {
        Assertions.assertThrows(RuntimeException.class, () -> new Codec(width).encode(Arrays.asList(Long.MAX_VALUE + 1)));
        Assertions.assertEquals(Integer.MIN_VALUE, Integer.MAX_VALUE + 1);
        Assertions.assertEquals(4294967296L, Integer.MAX_VALUE + 2147483649L);
    }
}
"""
METHODS = ["encode", "decode"]  # the project's method names: no ``length`` or ``size`` of its own
CODEC = ("class Codec:\n    ALPHABET = 'abc'\n\n    def __init__(self, width):\n        self.width = width\n\n"
         "    def encode(self, numbers):\n        if any(n < 0 for n in numbers):\n            raise ValueError(numbers)\n"
         "        return 'ab'[numbers[0]] if len(numbers) == 1 else 'b'\n")


def test_collections_strings_and_constants_come_out_as_python():
    got = junit_class(CODEC_TEST, ["Codec"], (), METHODS)
    assert got is not None
    lines = [ln.strip() for ln in got.splitlines()]
    for want in ('self.width = len(Codec.ALPHABET)', 'ids = {"a": [0], "b": [1, 2]}', "for id in ids.keys():",
                 "numbers = ids.get(id)", "assertTrue(len(id) >= 1 and not (len(id) == 0) and (id in ids))",
                 "rows = [[0], [2147483647]]", "assertEquals(2, len(rows))", "assertEquals(2147483647, rows[1][0])",
                 'blocked = set(["x", "y"])', 'blocked.add("z")', 'seen.append("q")', 'counts["q"] = 1',
                 "counts = {}", "seen = []", 'assertEquals("bc", "abc"[1:])',
                 "assertThrows(RuntimeException, lambda: Codec(self.width).encode([-9223372036854775808]))",
                 "assertEquals(-2147483648, -2147483648)",  # Java's int wraps around
                 "assertEquals(4294967296, 2147483647 + 2147483649)"):  # long arithmetic: no wrap, as written
        assert want in lines, want


def test_the_translation_runs_against_the_template():
    """Against a Python Codec and the template's assertions: passes as the Java passes; a codec that does not
    raise for Java's wrapped ``Long.MAX_VALUE + 1`` (a negative number) fails the test."""
    code = junit_class(CODEC_TEST, ["Codec"], (), METHODS)
    asserts = runpy.run_path(str(TEMPLATE))
    space = {k: v for k, v in asserts.items() if not k.startswith("__")}
    exec(CODEC + "\n\n" + code, space)
    for test in ("tables", "sets", "overflow"):
        asserts["run_test"](space["CodecTest"], test)
    exec("Codec.encode = lambda self, numbers: 'ab'[0]", space)
    with pytest.raises(AssertionError):
        asserts["run_test"](space["CodecTest"], "overflow")


@pytest.mark.parametrize("java", [
    "    Assertions.assertEquals(3, Codec.ALPHABET.length());\n",  # whose length()? not known without the project's
    "    Assertions.assertEquals(0, new ArrayList<Integer>(10).size());\n",  # a capacity, not a copy
    "    Assertions.assertEquals(0, new TreeMap<String, Integer>().size());\n",  # sorted order
    "    List<Integer> xs = new ArrayList<>();\n    Assertions.assertTrue(xs.add(1));\n",  # add's value
    "    Map<String, Integer> m = new HashMap<String, Integer>() {{ put(\"a\", 1); clear(); }};\n",  # more than puts
    "    Assertions.assertEquals(1, (int) 1.5);\n",  # a cast that truncates
    "    long n = 5L;\n    Assertions.assertEquals(5, (int) n);\n",  # a narrowing cast of a variable
    "    String s = \"a\";\n    Assertions.assertEquals(\"a\", s.trim());\n",  # Java's trim is not Python's strip
])
def test_anything_else_is_left_to_the_model(java):
    code = "class T {\n  @Test\n  void a() {\n" + java + "  }\n}\n"
    methods = None if "ALPHABET" in java else METHODS
    assert junit_class(code, ["Codec"], (), methods) is None


def test_a_project_method_of_the_same_name_is_not_the_jdks():
    """``x.length()`` on a value of unknown type is a string's only while no project class declares ``length``."""
    code = "class T {\n  @Test\n  void a() {\n    Assertions.assertEquals(3, Codec.ALPHABET.length());\n  }\n}\n"
    assert "assertEquals(3, len(Codec.ALPHABET))" in junit_class(code, ["Codec"], (), METHODS)
    assert junit_class(code, ["Codec"], (), [*METHODS, "length"]) is None
