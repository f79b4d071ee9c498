"""JUnit test classes translated to Python by rule (translate.translation.junit_python): what is covered comes
out as the source wrote it and runs against the junit_asserts template; anything not covered is left to the
model (``None``), never half translated."""
from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from translate.translation.junit_python import junit_class

TEMPLATE = Path(__file__).resolve().parent.parent / "translate" / "project" / "templates" / "junit_asserts.py"

COUNTER = """package demo;

import static org.junit.jupiter.api.Assertions.*;
import org.junit.jupiter.api.*;

class CounterTest {
    private Counter counter = new Counter(10);
    private int[] seen;

    @BeforeEach
    void setUp() {
        counter.bump(2);  // a comment
        seen = new int[]{1, 2, 3};
    }

    @Test
    void bumpsAndReads() {
        int before = counter.value();
        counter.bump(-1);
        assertEquals(before - 1, counter.value());
        assertTrue(counter.value() > 0 && !counter.isEmpty());
        Assertions.assertNotNull(Counter.zero());
    }

    @Test
    void throwsOnNull() {
        assertThrows(IllegalArgumentException.class, () -> new Counter(-1));
        assertThrows(CounterException.class, () -> { counter.bump(1000); });
    }
}
"""


def test_a_covered_class_comes_out_as_the_source_wrote_it():
    got = junit_class(COUNTER, ["Counter", "CounterException"])
    assert got == (
        "class CounterTest:\n"
        "    seen = None\n\n"
        "    def __init__(self):\n"
        "        self.counter = Counter(10)\n\n"
        "    def set_up(self):\n"
        "        self.counter.bump(2)\n"
        "        self.seen = [1, 2, 3]\n\n"
        "    def bumps_and_reads(self):\n"
        "        before = self.counter.value()\n"
        "        self.counter.bump(-1)\n"
        "        assertEquals(before - 1, self.counter.value())\n"
        "        assertTrue(self.counter.value() > 0 and not self.counter.is_empty())\n"
        "        assertNotNull(Counter.zero())\n\n"
        "    def throws_on_null(self):\n"
        "        assertThrows(IllegalArgumentException, lambda: Counter(-1))\n"
        "        assertThrows(CounterException, lambda: self.counter.bump(1000))\n")


def test_the_translation_runs_against_the_template():
    """The rule's output, with a Python Counter and the template's assertions, passes where the Java passes and
    fails where an assertion fails."""
    code = junit_class(COUNTER, ["Counter", "CounterException"])
    asserts = runpy.run_path(str(TEMPLATE))
    counter = ("class CounterException(Exception):\n    pass\n\n\nclass Counter:\n"
               "    def __init__(self, n):\n        if n < 0:\n            raise ValueError(n)\n        self.n = n\n\n"
               "    def bump(self, k):\n        if self.n + k > 100:\n            raise CounterException()\n"
               "        self.n += k\n\n    def value(self):\n        return self.n\n\n"
               "    def is_empty(self):\n        return self.n == 0\n\n    @staticmethod\n    def zero():\n"
               "        return Counter(0)\n")
    space = {k: v for k, v in asserts.items() if not k.startswith("__")}
    exec(counter + "\n\n" + code, space)
    for test in ("bumps_and_reads", "throws_on_null"):
        asserts["run_test"](space["CounterTest"], test, before_each=("set_up",))
    exec("Counter.value = lambda self: 0", space)
    with pytest.raises(AssertionError):
        asserts["run_test"](space["CounterTest"], "bumps_and_reads", before_each=("set_up",))


@pytest.mark.parametrize("java", [
    "class T {\n  @Test\n  void a() {\n    if (x()) { assertTrue(true); }\n  }\n}\n",  # control flow
    "class T {\n  @Test\n  void a() {\n    assertEquals(2, 5 / 2);\n  }\n}\n",  # division: types unknown
    "class T {\n  @Test\n  void a() {\n    assertEquals(1, Integer.parseInt(\"1\"));\n  }\n}\n",  # the JDK's names
    "class T {\n  @Test\n  void a(int n) {\n    assertTrue(n > 0);\n  }\n}\n",  # a parameter
    "class T {\n  static Counter c = new Counter(1);\n  @Test\n  void a() {\n    c.bump(1);\n  }\n}\n",  # static
    "class T {\n  @BeforeAll\n  static void once() {\n    assertTrue(true);\n  }\n}\n",  # once per class
    "class T extends Base {\n  @Test\n  void a() {\n    assertTrue(true);\n  }\n}\n",  # a base class
    "class T {\n  @Test\n  void a() {\n    assertEquals(1, new Other().x());\n  }\n}\n",  # not a project class
    "class T {\n  @Test\n  void a() {\n    assertEquals(1, (int) 1.5);\n  }\n}\n",  # a cast
    "class T {\n  @Test\n  void a() {\n    assertEquals(1, 1);\n  }\n  class Inner {}\n}\n",  # a nested class
    "class T {\n  Counter c = new Counter(1);\n  @Test\n  void a() {\n    List<Integer> xs = c.items();\n"
    "    assertEquals(0, xs.indexOf(3));\n  }\n}\n",  # a List's indexOf (-1 in Java, an error in Python)
    "class T {\n  @Test\n  void a() {\n    assertEquals(2, new Counter(1).name().length());\n  }\n}\n",  # a String's
    "class T {\n  @Test\n  void a() {\n    assertTrue(new Counter(1).equals(new Counter(1)));\n  }\n}\n",  # Object's
    "class T {\n  @Test\n  void a() {\n    assertEquals(0, new TreeSet<Integer>().size());\n  }\n}\n",  # sorted
    "class T {\n  @Test\n  void a() {\n    assertEquals(1, counter.x;\n  }\n}\n",  # does not parse
])
def test_anything_not_covered_is_left_to_the_model(java):
    assert junit_class(java, ["Counter"]) is None


def test_the_rest_of_the_covered_forms():
    java = ("class T {\n  @Test\n  void a() {\n    long n = 5L;\n    String s = \"a\\tb\";\n    Object o = null;\n"
            "    double d = 2.5f + 1.;\n    char c = 'x';\n    boolean b = n == 5 ? true : false;\n"
            "    assertEquals(n, helper(n));\n    assertEquals(3, new Counter(1).add(2));\n    Counter k = new Counter(2);\n    assertNull(k.get(0));\n  }\n\n"
            "  long helper(long n) {\n    return n;\n  }\n}\n")
    got = junit_class(java, ["Counter"])
    assert got is None  # ``helper`` takes a parameter: the class is the model's
    java = java.replace("long helper(long n) {\n    return n;\n  }", "long helper() {\n    return 5;\n  }").replace(
        "helper(n)", "helper()")
    assert junit_class(java, ["Counter"]) == (
        "class T:\n    def a(self):\n        n = 5\n        s = \"a\\tb\"\n        o = None\n        d = 2.5 + 1.0\n"
        "        c = \"x\"\n        b = (True if n == 5 else False)\n        assertEquals(n, self.helper())\n"
        "        assertEquals(3, Counter(1).add(2))\n        k = Counter(2)\n        assertNull(k.get(0))\n\n"
        "    def helper(self):\n        return 5\n")


def test_loops_branches_fields_and_lists():
    java = ("class T {\n  private Counter c = new Counter(1);\n\n  @Test\n  void a() {\n"
            "    for (int n : Arrays.asList(1, 2)) {\n      c.bump(n);\n    }\n"
            "    if (c.value() > 3) {\n      fail(\"big\");\n    } else if (c.value() < 0) fail(\"negative\");\n"
            "    else {\n      assertEquals(4, c.value());\n    }\n"
            "    assertEquals(List.of(4), c.history()[0].items);\n  }\n}\n")
    assert junit_class(java, ["Counter"]) == (
        "class T:\n\n    def __init__(self):\n        self.c = Counter(1)\n\n    def a(self):\n"
        "        for n in [1, 2]:\n            self.c.bump(n)\n"
        "        if self.c.value() > 3:\n            fail(\"big\")\n        elif self.c.value() < 0:\n"
        "            fail(\"negative\")\n        else:\n            assertEquals(4, self.c.value())\n"
        "        assertEquals([4], self.c.history()[0].items)\n")
    assert junit_class(java.replace("c.history()[0].items", "c.history().length"), ["Counter"]) is None


JUNIT4 = """import org.junit.Assert;
import org.junit.Test;

public class ArraysTest {
  @Test
  public void fills() {
    final long[] xs = new long[4];
    long current = 10L;
    for (int i = 0; i < xs.length; i++) {
      xs[i] = current--;
    }
    System.out.println("fills");
    Assert.assertEquals(4, xs.length);
    Assert.assertEquals(6L, current);
    Assert.assertTrue(Arrays.equals(xs, new long[] { 10L, 9L, 8L, 7L }));
    int n = 0;
    for (int j = 3; j >= 1; j--) n++;
    Assert.assertEquals(3, n);
  }
}
"""


def test_junit4_asserts_counted_loops_arrays_and_steps():
    """JUnit 4's ``Assert.x``, a counted ``for``, ``new long[n]``, ``a.length`` of an array local, ``x--`` inside an
    assignment (the old value, then the step), ``Arrays.equals``: written by rule, and the result runs."""
    got = junit_class(JUNIT4, [])
    assert got is not None
    assert "for i in range(0, len(xs)):\n            xs[i] = current\n            current -= 1\n" in got
    assert "for j in range(3, 1 - 1, -1):\n            n += 1\n" in got
    assert "assertTrue(list(xs) == list([10, 9, 8, 7]))" in got and "xs = [0] * 4" in got
    asserts = runpy.run_path(str(TEMPLATE))
    space = {k: v for k, v in asserts.items() if not k.startswith("__")}
    exec(got, space)
    asserts["run_test"](space["ArraysTest"], "fills")
    broken = JUNIT4.replace("xs[i] = current--;", "xs[i] = --current;")  # a prefix step is not this form
    assert junit_class(broken, []) is None


@pytest.mark.parametrize("loop", [
    "for (int i = 0; i < n; i++) { i += 2; }",  # the counter changes in the body
    "for (int i = 0; i < n; i++) { n--; }",  # the bound changes
    "for (int i = 0; i != n; i++) { }",  # not a range
    "for (int i = 0, j = 1; i < n; i++) { }",  # two counters
    "for (int i = 0; i < n; i += 2) { }",  # another step
])
def test_counted_loops_that_are_not_a_range_are_left_to_the_model(loop):
    java = f"class T {{\n  @Test\n  void a() {{\n    int n = 3;\n    {loop}\n  }}\n}}\n"
    assert junit_class(java, []) is None


def test_an_array_passed_alone_to_varargs_is_spread():
    """``encode(long... numbers)`` called with a ``long[]``: Java passes the array as the varargs, Python's
    ``encode(*numbers)`` needs ``*xs``; one value, several values and a method that is not varargs stay as written."""
    java = ("class T {\n  @Test\n  void a() {\n    final long[] xs = { 1L, 2L };\n    Codec c = new Codec();\n"
            "    c.encode(xs);\n    c.encode(5L);\n    c.encode(1L, 2L);\n    c.encode(new long[] { 3L });\n"
            "    c.store(xs);\n  }\n}\n")
    got = junit_class(java, ["Codec"], ["encode"])
    assert got is not None
    assert ["c.encode(*xs)", "c.encode(5)", "c.encode(1, 2)", "c.encode(*[3])", "c.store(xs)"] == \
        [ln.strip() for ln in got.splitlines() if ln.strip().startswith("c.")]
    assert "c.encode(xs)" in junit_class(java, ["Codec"])  # without the project's varargs: as written


def test_try_call_fail_catch_is_assert_throws():
    """JUnit 3/4's idiom for an expected exception: the call, ``fail(...)``, an empty catch of the exception."""
    java = ("class T {\n  @Test\n  void a() {\n    Counter c = new Counter(1);\n    try {\n      c.bump(null);\n"
            "      fail(\"A NullPointerException was not thrown.\");\n    } catch (NullPointerException ignored) {\n"
            "    }\n  }\n}\n")
    got = junit_class(java, ["Counter"])
    assert got is not None and "assertThrows(NullPointerException, lambda: c.bump(None))" in got
    asserts = runpy.run_path(str(TEMPLATE))
    space = {k: v for k, v in asserts.items() if not k.startswith("__")}
    exec("class Counter:\n    def __init__(self, n):\n        self.n = n\n\n    def bump(self, k):\n"
         "        return self.n + k\n\n" + got, space)  # None + 1: a TypeError, as Java's NullPointerException
    asserts["run_test"](space["T"], "a")
    for other in ("    } catch (NullPointerException e) {\n      e.printStackTrace();\n",  # a catch that acts
                  "    } catch (NullPointerException | IllegalStateException e) {\n"):  # two types
        assert junit_class(java.replace("    } catch (NullPointerException ignored) {\n", other), ["Counter"]) is None
