"""The JDK calls of translate.translation.java_rule_jdk in the Java -> Python rule (streams, ``Collections``,
``List.of``, ``Optional``, ``instanceof``, ``try``/``catch``, a split in an expression, ``switch`` and comparators
of translate.translation.java_rule_switch): what the rule writes, and
that it does what the Java does, recorded from the Java itself in the sandbox and checked by the oracle."""
from __future__ import annotations

import pytest

from translate.oracle.compare import check_candidate
from translate.oracle.record import record_source
from translate.sandbox import missing_tool
from translate.translation.java_rule_classes import python_class

JDK = """import java.util.*;
import java.util.stream.*;

class Jdk {
    public static List<Integer> positivesPlusOne(List<Integer> xs) {
        return xs.stream().filter(p -> p > 0).map(p -> p + 1).collect(Collectors.toList());
    }

    public static int total(List<Integer> xs) {
        return xs.stream().mapToInt(Integer::intValue).sum() + xs.stream().reduce(0, Integer::sum);
    }

    public static long negatives(List<Integer> xs) {
        return xs.stream().filter(p -> p < 0).count();
    }

    public static int sumOrFail(List<Integer> xs) {
        return xs.stream().map(Math::abs).reduce(Integer::sum).get();
    }

    public static List<Integer> sortedDown(List<Integer> xs) {
        List<Integer> out = new ArrayList<>(xs);
        Collections.sort(out, Collections.reverseOrder());
        return out;
    }

    public static int spread(List<Integer> xs) {
        if (xs.isEmpty()) {
            return 0;
        }
        List<Integer> copy = new ArrayList<>(xs);
        Collections.sort(copy);
        Collections.reverse(copy);
        return Collections.max(xs) - Collections.min(xs) + Collections.frequency(xs, copy.get(0));
    }

    public static int wordNumbers(String s, int n) {
        List<Integer> nums = new ArrayList<>();
        for (String w : s.split(" ")) {
            try {
                nums.add(Integer.parseInt(w));
            } catch (NumberFormatException ignored) {
            }
        }
        return n - nums.stream().mapToInt(Integer::intValue).sum() + nums.size();
    }

    public static int words(String s) {
        return Arrays.asList(s.split(" ")).size();
    }

    public static Optional<Integer> firstEven(List<Integer> xs) {
        for (int x : xs) {
            if (x % 2 == 0) {
                return Optional.of(x);
            }
        }
        return Optional.empty();
    }

    public static String bits(int n) {
        return Integer.toBinaryString(n);
    }

    public static int edit(List<Integer> xs) {
        List<Integer> ys = new ArrayList<>(xs);
        if (ys.size() > 2) {
            ys.remove(0);
            Integer last = ys.get(ys.size() - 1);
            ys.remove(last);
        }
        ys.sort(Collections.reverseOrder());
        List<Integer> head = ys.subList(0, Math.min(2, ys.size()));
        return ys.indexOf(3) * 100 + ys.lastIndexOf(1) * 10 + (head.equals(xs) ? 1 : 0);
    }

    public static int parsedOr(String s, double bonus) {
        int total = 0;
        try {
            String t = s.strip();
            String[] parts = t.split("-");
            total = Integer.parseInt(parts[0]) + Integer.parseInt(parts[1]);
        } catch (Exception e) {
            return -1;
        }
        total += bonus;
        return total + s.subSequence(0, 1).length();
    }

    public static int parsedExamples() {
        return parsedOr("12-30", 0.7) + parsedOr(" 4-5 ", -2.5) + parsedOr("-3-1", 1.5);
    }

    public static List<String> names(List<Integer> xs) {
        List<String> out = new ArrayList<>();
        for (int x : xs) {
            switch (x) {
                case 1 -> out.add("one");
                case 2, 3 -> out.add("few");
                default -> out.add("many");
            }
        }
        return out;
    }

    public static int classic(int n) {
        int r = 0;
        switch (n) {
            case 0:
                r = 10;
                break;
            case 1:
            case 2:
                return 20;
            default:
                r = -1;
        }
        return r;
    }

    public static List<String> byLengthThenDown(List<String> words) {
        List<String> out = new ArrayList<>(words);
        out.sort(new Comparator<String>() {
            @Override
            public int compare(String a, String b) {
                if (a.length() != b.length()) {
                    return a.length() - b.length();
                }
                return -a.compareTo(b);
            }
        });
        return out;
    }

    public static List<Integer> byOnes(List<Integer> xs) {
        List<Integer> out = new ArrayList<>(xs);
        Collections.sort(out, (a, b) -> Long.compare(Integer.toBinaryString(a).chars().filter(c -> c == '1').count(),
                                                     Integer.toBinaryString(b).chars().filter(c -> c == '1').count()));
        return out;
    }

    public static int merged(List<Integer> xs, List<Integer> ys) {
        List<Integer> all = new ArrayList<>(xs);
        all.addAll(ys);
        Set<Integer> common = new HashSet<>(xs);
        common.retainAll(ys);
        all.removeAll(common);
        return all.size() * 100 + common.size();
    }

    public static List<Integer> smallWithin(List<Integer> xs) {
        if (xs.size() > 3) {
            return List.of(xs.get(0), (xs.size() + 3) / 2);
        }
        return List.of();
    }
}
"""
METHODS = ("positivesPlusOne", "total", "negatives", "sumOrFail", "sortedDown", "spread", "wordNumbers", "words",
           "firstEven", "smallWithin", "bits", "edit",
           "parsedOr", "names", "classic", "byLengthThenDown", "byOnes", "merged")


def _out() -> str:
    out = python_class(JDK)
    assert out is not None
    return out


def test_streams_collections_and_optionals_are_written_as_python_expressions():
    out = _out()
    assert "return [p + 1 for p in (p for p in xs if p > 0)]" in out
    assert "return sum(xs) + sum(xs)" in out
    assert "return sum(1 for _ in (p for p in xs if p < 0))" in out
    assert "functools.reduce(lambda a, b: a + b, (abs(x) for x in xs))" in out  # .get() of an empty one raises
    assert "out.sort(reverse=True)" in out and "copy.sort()" in out and "copy.reverse()" in out
    assert "max(xs) - min(xs) + xs.count(copy[0])" in out
    assert "except ValueError:\n" in out  # NumberFormatException: what int() raises
    assert "return len(list((s.rstrip(\" \").split(\" \") if s.rstrip(\" \") or not s else [])))" in out
    assert "return x" in out and "return None" in out  # Optional.of / Optional.empty
    assert 'format(n & 0xFFFFFFFF, "b")' in out  # Java prints a negative int's two's complement
    assert "del ys[0]" in out and "if last in ys:\n                ys.remove(last)" in out  # by index, by value
    assert "(ys.index(3) if 3 in ys else -1)" in out and "ys[0:min(2, len(ys))]" in out
    assert "except Exception:" in out and "t = s.strip()" in out and "s[0:1]" in out
    assert "total = int(total + bonus)" in out  # Java's += narrows back to int, truncating
    assert "if x == 1:\n                out.append(\"one\")\n            elif x == 2 or x == 3:" in out
    assert "if n == 0:\n            r = 10\n        elif n == 1 or n == 2:\n            return 20\n        else:" in out
    assert "out.sort(key=functools.cmp_to_key(_compare))" in out and out.startswith("import functools\n")
    assert "map(ord, format(a & 0xFFFFFFFF, \"b\"))" in out  # chars(): the code units
    assert "all_.extend(ys)" in out and "common.intersection_update(ys)" in out  # all_: off the built-in
    assert "all_[:] = [v for v in all_ if v not in common]" in out
    # (a + b) / 2: the parentheses kept where Python's // would bind first
    assert "(len(xs) + 3) // 2" in out


def test_javas_split_drops_trailing_empty_strings_and_keeps_one_from_an_empty_string():
    ns: dict = {}
    exec(_out(), ns)
    words = ns["Jdk"].words
    assert [words(s) for s in ("", "   ", "a  b ", " a", "a")] == [1, 0, 3, 2, 1]  # what Java's split gives


def test_an_instanceof_is_pythons_exact_type_and_a_cast_from_object_keeps_the_value():
    java = """class F {
    static List<Integer> ints(List<Object> values) {
        List<Integer> out = new ArrayList<>();
        for (Object x : values) {
            if (x instanceof Integer) {
                out.add((Integer) x);
            }
        }
        return out;
    }
}
"""
    out = python_class(java)
    assert out is not None and "if type(x) is int:" in out
    ns: dict = {}
    exec(out, ns)
    assert ns["F"].ints([1, True, "2", 3.0, 4]) == [1, 4]  # a Boolean is not an Integer in Java


@pytest.mark.parametrize("java", [
    "try { return n; } catch (IllegalStateException e) { return 0; }",  # no Python error is certain to match
    "try { return Integer.parseInt(s); } catch (NumberFormatException e) { return e.getMessage().length(); }",
    "try { return n; } finally { n = 0; }",
    "return List.of(1, 2).stream().sorted().collect(Collectors.toList()).size();",
    "return Optional.of(n).map(x -> x + 1).get();",
    "switch (n) { case 1: n++; case 2: return n; default: return 0; }",  # a group that falls through
    "switch (s.length()) { case 1: return 1; default: return 0; }",  # on an expression
])
def test_what_the_jdk_rule_does_not_cover_is_left_to_the_model(java):
    assert python_class(f"class A {{\n    static int f(int n, String s) {{\n{java}\n    }}\n}}\n") is None


@pytest.mark.skipif(missing_tool("java") is not None, reason="java is not installed")
def test_the_rules_jdk_python_does_what_the_java_does_on_the_recorded_inputs():
    out = _out()
    for method in METHODS:
        rec = record_source(JDK, "java", f"Jdk.{method}", limit=10)
        assert rec.usable, (method, rec.unverifiable, rec.failed)
        verdict = check_candidate(rec, out, "python")
        assert verdict.status == "verified", (method, verdict)
