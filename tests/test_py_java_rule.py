"""The Python -> Java rule (translate.translation.py_java_rule): what it writes for Python's meanings that Java's
operators and collections do not share, that the Java does what the Python does (the Python recorded in the
sandbox, the Java compiled and checked by the oracle on the same inputs), the header its callers declare, what it
leaves to the model, and its answer taken in the pipeline where the model's differs."""
from __future__ import annotations

import ast

import pytest

from translate.engines.scripted import ScriptedBackend
from translate.oracle.cases import DIFFERS, VERIFIED
from translate.oracle.compare import check_candidate
from translate.oracle.record import record_source
from translate.sandbox import missing_tool
from translate.translation.pipeline import TranslateOptions, translate_source
from translate.translation.py_java_rule import java_function, module_fields
from translate.translation.py_js_rule import recorded_types
from translate.translation.records import REPAIRED

needs_javac = pytest.mark.skipif(missing_tool("java") is not None, reason="javac is not installed")

SOURCE = '''from typing import Dict, List, Optional


def wrap(i: int, n: int) -> int:
    return i % n + i // n


def mean(xs: List[int]) -> float:
    if xs == []:
        return 0.0
    return sum(xs) / len(xs)


def ends(xs: List[int]) -> List[int]:
    if not xs:
        return []
    return [xs[-1]] + xs[1:-1] + xs[:1]


def clipped(s: str, k: int) -> str:
    return s[k:] + s[:-k] + s[::-1] + s[::2]


def vowels(s: str) -> int:
    return len([c for c in s.lower() if c in "aeiou"])


def caps(words: List[str]) -> str:
    return " ".join(w[0].upper() + w[1:] for w in words if w.strip())


def counts(s: str) -> Dict[str, int]:
    seen = {}
    for c in s:
        if c.isalpha():
            seen[c] = seen.get(c, 0) + 1
    return seen


def by_length(words: List[str]) -> List[str]:
    return sorted(words, key=lambda w: len(w), reverse=True)


def same(xs: List[int], ys: List[int]) -> bool:
    return len(xs) > 0 and xs[0] == ys[0] and 1000 in xs


def fib(n: int) -> int:
    a, b = 0, 1
    while n > 0:
        a, b = b, a + b
        n -= 1
    return a


def primes(limit: int) -> List[int]:
    def is_prime(k):
        if k < 2:
            return False
        for d in range(2, int(k ** 0.5) + 1):
            if k % d == 0:
                return False
        return True
    return [p for p in range(limit) if is_prime(p)]


def bits(n: int) -> str:
    return bin(n)[2:] if n >= 0 else bin(n)


def hexes(num: str) -> int:
    primes = ('2', '3', 'B')
    total = 0
    for i in range(len(num)):
        if num[i] in primes:
            total += ord(num[i]) - ord("0")
    return total // 2


def running(xs: List[int]) -> List[int]:
    best = None
    out = []
    for x in xs:
        if best is None or x > best:
            best = x
        out.append(best)
    return out


def first(xs: List[str]) -> Optional[str]:
    for x in xs:
        if x.isupper():
            return x
    return None


def rounded(x: float) -> int:
    return round(x) + int(x)


def palindrome_suffix(s: str) -> int:
    i = 0
    while s[i:] != s[i:][::-1]:
        i += 1
    return i


def words(s: str) -> List[str]:
    a, b = s.split(",") if "," in s else (s, s)
    return [a.strip(), b.swapcase()] + s.split()


def labelled(n: int, unit: str) -> str:
    return "{0}{1} ({1}s: {0})".format(n, unit) + "{}!".format(n)
'''
FUNCTIONS = [f.name for f in ast.parse(SOURCE).body if isinstance(f, ast.FunctionDef)]
INPUTS = {"wrap": [[-7, 3], [7, -3], [-1, 5], [9, 4]], "clipped": [["abcdef", 2], ["", 3], ["hey", 7], ["ab", -1]],
          "primes": [[20], [2]], "counts": [["abca b"], [""]], "ends": [[[]], [[1, 2, 3]], [[4]]],
          "mean": [[[]], [[1, 2]]], "rounded": [[2.5], [3.5], [-2.5], [0.4]], "bits": [[5], [-5], [0]],
          "caps": [[["ab", " ", "c"]]], "hexes": [["23B4"], [""], ["2"]], "running": [[[]], [[3, 1, 4, 1, 5]]],
          "same": [[[1000, 2], [1000]], [[], []], [[3000], [3000]]], "first": [[["ab", "CD"]], [[]], [["x"]]],
          "palindrome_suffix": [["abcb"], ["aa"], [""]], "words": [["ab, Cd"], ["x y"], ["a,b,c"]],
          "labelled": [[-3, "kg"], [0, ""]]}


def _segment(name: str) -> str:
    tree = ast.parse(SOURCE)
    fn = next(f for f in tree.body if isinstance(f, ast.FunctionDef) and f.name == name)
    return ast.get_source_segment(SOURCE, fn) or ""


def _java(name: str) -> str:
    return java_function(_segment(name), SOURCE) or ""


def test_pythons_meanings_are_written_out_where_javas_differ():
    assert "Math.floorMod(i, n) + Math.floorDiv(i, n)" in _java("wrap")
    assert "(double) sum" in _java("mean") and "xs.isEmpty()" in _java("mean")  # ``/`` of ints; ``== []``
    ends = _java("ends")
    assert "xs.get(xs.size() - 1)" in ends and "subList(" in ends, ends
    clipped = _java("clipped")
    assert "Math.max(0, Math.min(" in clipped and "new StringBuilder(s).reverse()" in clipped, clipped
    assert '"aeiou".indexOf(c) >= 0' in _java("vowels")
    counts = _java("counts")
    assert "Map<String, Long> seen = new LinkedHashMap<String, Long>();" in counts, counts  # insertion order
    assert "seen.getOrDefault(String.valueOf(c), 0L)" in counts, counts
    same = _java("same")  # items unboxed where read (two boxes never compared by ==), values boxed as the items
    assert "(long) xs.get(0) == (long) ys.get(0)" in same and "xs.contains(1000L)" in same, same
    assert "a = t" in _java("fib")  # a, b = b, a + b: the right side first
    primes = _java("primes")  # a nested function that reads none of its function's names: a method of its own
    assert "public static boolean is_prime(long k)" in primes, primes
    assert "Math.rint(x)" in _java("rounded")  # halves to even
    assert "Optional" not in _java("first") and "return null;" in _java("first")  # None as null, undeclared
    assert 'String.valueOf(n) + String.valueOf(unit) + " (" + String.valueOf(unit)' in _java("labelled")  # format
    assert java_function('def f(n: int) -> str:\n    return "{}{0}".format(n)\n') is None  # Python raises
    suffix = _java("palindrome_suffix")  # a test needing statements: evaluated each time round
    assert "while (true) {" in suffix and "break;" in suffix, suffix


def test_the_declared_header_is_kept_and_its_types_are_the_locals():
    """HumanEval-X's protocol gives the Java declaration: its types are the header's, ``int`` the width of every
    integer (a ``List<Integer>`` built in the body is the one returned), ``Optional`` returns wrapped."""
    code = "def evens(xs):\n    out = []\n    for x in xs:\n        if x % 2 == 0:\n            out.append(x)\n" \
           "    return out\n"
    out = java_function(code, code, None, "public List<Integer> evens(List<Integer> xs) {\n")
    assert out is not None and out.startswith("public static List<Integer> evens(List<Integer> xs) {"), out
    assert "List<Integer> out = new ArrayList<Integer>();" in out and "for (int x : xs)" in out, out
    longest = "def longest(xs):\n    if not xs:\n        return None\n    return max(xs, key=len)\n"
    out = java_function(longest, longest, None, "public Optional<String> longest(List<String> xs) {")
    assert out is not None and "return Optional.empty();" in out and "return Optional.of(" in out, out
    assert java_function(code, code, None, "public List<Integer> other(List<Integer> xs) {") is None
    assert java_function(code, code, None, "public List<Integer> evens(List<Object> xs) {") is None


def test_what_the_rule_does_not_cover_is_left_to_the_model():
    for code in ("def f(x: int):\n    print(x)\n",  # I/O
                 "def f(x: int):\n    try:\n        return 1 // x\n    except ZeroDivisionError:\n        return 0\n",
                 "def f(x):\n    return x + x\n",  # the type of x is not known
                 "def f(x: float) -> str:\n    return str(x)\n",  # Java prints floats differently
                 "def f(x: int) -> int:\n    return (x, 'a')[0]\n",  # a tuple of two types
                 "def f(x: int) -> int:\n    def g():\n        return x\n    return g()\n",  # reads x
                 "def f(xs: List[int]) -> int:\n    for i in range(len(xs)):\n        pass\n    return i\n",
                 "class A:\n    pass\n"):
        assert java_function(code, "from typing import Dict, List\n" + code) is None, code


@needs_javac
def test_the_rules_java_does_what_the_python_does():
    """Each function recorded in Python (the inputs given here and generated ones: negatives, empty strings and
    lists), its rule answer compiled and run by the oracle on the same inputs: verified on all."""
    for name in FUNCTIONS:
        recording = record_source(SOURCE, "python", name, inputs=INPUTS.get(name))
        assert recording.usable, (name, recording.unverifiable, recording.failed)
        code = java_function(_segment(name), SOURCE, recorded_types(recording))
        assert code is not None, name
        verdict = check_candidate(recording, code, "java")
        assert verdict.status == VERIFIED, (name, verdict.reason, verdict.counterexamples, code)
        assert verdict.inputs >= 2, name


@needs_javac
def test_the_pipeline_takes_the_rules_answer_where_the_models_differs():
    """The README's own example into Java: ``i % n`` written as Java's ``%`` is wrong for negative ``i``. The check
    finds it, the repair turn repeats it, and the rule's answer is checked and taken, its check line saying so;
    without rule answers the model's answer stays."""
    source = "def wrap_index(i, n):\n    return i % n\n"
    wrong = "```java\npublic static long wrapIndex(long i, long n) {\n    return i % n;\n}\n```"
    result = translate_source(source, "python", "java", ScriptedBackend({"wrap_index": wrong}),
                              TranslateOptions(verify="auto", max_turns=2))
    unit = next(u for u in result.units if u.kind == "function")
    assert unit.status == REPAIRED and "written by rule" in (unit.check or ""), (unit.check, unit.output)
    assert "Math.floorMod(i, n)" in unit.output, unit.output
    off = translate_source(source, "python", "java", ScriptedBackend({"wrap_index": wrong}),
                           TranslateOptions(verify="auto", max_turns=2, rule_answers=False))
    unit = next(u for u in off.units if u.kind == "function")
    assert "written by rule" not in (unit.check or "") and "return i % n;" in unit.output


@needs_javac
def test_a_nested_function_is_taken_as_a_method_beside_its_function():
    """An unannotated function whose nested ``is_prime`` reads none of its names: the rule writes the helper as a
    method of its own after it (its return type read from the function's own returns, not the helper's), the
    pipeline keeps both through its cleaning and the check verifies them together."""
    source = '''def count_primes(limit):
    def is_prime(k):
        if k < 2:
            return False
        for d in range(2, k):
            if k % d == 0:
                return False
        return True
    return len([p for p in range(limit) if is_prime(p)]) + -7 % 3
'''
    wrong = "```java\npublic static long countPrimes(long limit) {\n    return -7 % 3;\n}\n```"
    result = translate_source(source, "python", "java", ScriptedBackend({"count_primes": wrong}),
                              TranslateOptions(verify="auto", max_turns=2))
    unit = next(u for u in result.units if u.kind == "function")
    assert unit.status == REPAIRED and "written by rule" in (unit.check or ""), (unit.check, unit.output)
    assert "public static boolean is_prime(long k) {" in unit.output and "if (is_prime(p))" in unit.output


@needs_javac
def test_without_a_declaration_the_rule_keeps_the_header_the_other_units_call():
    """No declared header: the rule writes the types of the model's own answer (``int``), which the file's other
    units were written against, not its own ``long`` (Java refuses ``int lcm`` returning a ``long`` quotient)."""
    source = "def gcd(a, b):\n    while b:\n        a, b = b, a % b\n    return a\n\n\n" \
             "def lcm(a, b):\n    return a * b // gcd(a, b)\n"
    gcd = "```java\npublic static int gcd(int a, int b) {\n    while (b != 0) {\n        int t = b;\n" \
          "        b = a % b;\n        a = t;\n    }\n    return a;\n}\n```"
    lcm = "```java\npublic static int lcm(int a, int b) {\n    return Math.floorDiv(a * b, gcd(a, b));\n}\n```"
    result = translate_source(source, "python", "java", ScriptedBackend({"gcd": gcd, "lcm": lcm}),
                              TranslateOptions(verify="auto", max_turns=2))
    units = {u.name: u for u in result.units if u.kind == "function"}
    assert "written by rule" in (units["gcd"].check or ""), (units["gcd"].check, units["gcd"].output)
    assert "public static int gcd(int a, int b) {" in units["gcd"].output, units["gcd"].output
    assert "Math.floorMod(a, b)" in units["gcd"].output, units["gcd"].output
    assert "does not run" not in (units["lcm"].check or ""), units["lcm"].check


@needs_javac
def test_a_parameter_its_first_statement_retypes_keeps_the_declared_type():
    """inflection's ``ordinal(number: int)`` is called by its tests with text (``"-11"``), so its callers declare
    ``ordinal(String number)``; its body's first statement makes the number (``number = abs(int(number))``). The
    rule keeps the declared ``String`` parameter under another name and the local takes the number; the oracle's
    inputs are what that header takes (the docstring's ``ordinal(-11)`` passed as ``"-11"``), and the Java matches
    the Python on all of them."""
    source = '''def ordinal(number: int) -> str:
    """
        >>> ordinal(-11)
        'th'
        >>> ordinal(1002)
        'nd'
    """
    number = abs(int(number))
    if number % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
'''
    declared = "public static String ordinal(String number)"
    recording = record_source(source, "python", "ordinal", hints=["str"])
    args = [c.args[0] for c in recording.cases]
    assert all(isinstance(a, str) for a in args) and "-11" in args and "1002" in args, args
    code = java_function(source, source, None, declared)
    assert code is not None and "public static String ordinal(String number_arg) {" in code, code
    assert "long number = Math.abs(Long.parseLong(number_arg.strip()));" in code, code
    verdict = check_candidate(recording, code, "java")
    assert verdict.status == VERIFIED and verdict.inputs >= 6, (verdict.reason, verdict.counterexamples, code)
    untyped = java_function(source, source)  # no declaration: the parameter is the number it is annotated as
    assert untyped is not None and "ordinal(long number)" in untyped, untyped


TABLES = '''import re

RULES = [
    ("(?i)(quiz)$", r"\\1zes"),
    ("(?i)(m|l)ouse$", r"\\1ice"),
    ("(?i)(x|ch|ss|sh)$", r"\\1es"),
    ("$", "s"),
]
WORDS = {"sheep", "fish"}


def plural(word: str) -> str:
    """
    >>> plural("Mouse")
    'Mice'
    >>> plural("box")
    'boxes'
    """
    if not word or word.lower() in WORDS:
        return word
    for inflection in WORDS:
        if re.search(r"(?i)\\b(%s)\\Z" % inflection, word):
            return word
    for rule, replacement in RULES:
        if re.search(rule, word):
            return re.sub(rule, replacement, word)
    return word
'''
TABLE_FIELDS = '''static List<Map.Entry<String, String>> RULES = new ArrayList<>(List.of(
    Map.entry("(?i)(quiz)$", "\\\\1zes"),
    Map.entry("(?i)(m|l)ouse$", "\\\\1ice"), Map.entry("(?i)(x|ch|ss|sh)$", "\\\\1es"), Map.entry("$", "s")));
static Set<String> WORDS = new HashSet<>(Set.of("sheep", "fish"));
'''


def test_a_modules_tables_and_its_re_calls_are_read_where_translate_repo_declares_them():
    """inflection's ``pluralize`` reads the module's tables and calls ``re``: in ``translate repo`` the unit is
    shown each table as a static field of its class (``static Set<String> WORDS;  // a field of this module's
    class``) and the project has a class ``re`` with Python's API (its patterns and ``\\1`` replacements are
    Python's), so the rule reads the tables by name, a pair row as its ``Map.Entry``, and calls that class.
    Without them (``translate file``, an eval) the function stays the model's."""
    fn = TABLES[TABLES.index("def plural"):]
    imported = ["static List<Map.Entry<String, String>> RULES;  // a field of this module's class: use it, do not "
                "declare it", "static Set<String> WORDS;  // a field of this module's class: use it, do not declare it",
                "discount(double total)  // from pricing"]
    fields = module_fields(imported)
    assert fields == {"RULES": "List<Map.Entry<String, String>>", "WORDS": "Set<String>"}
    code = java_function(fn, TABLES, None, "", fields, frozenset({"re"}))
    assert code is not None
    assert "for (Map.Entry<String, String> p1_ : RULES) {" in code and "String rule = p1_.getKey();" in code, code
    assert "WORDS.contains(word.toLowerCase())" in code, code
    assert 're.search("" + "(?i)\\\\b(" + String.valueOf(inflection) + ")\\\\Z", word) != null' in code, code
    assert "return re.sub(rule, replacement, word);" in code, code
    assert java_function(fn, TABLES) is None  # no tables, no re class
    assert java_function(fn, TABLES, None, "", fields) is None  # the tables but not the re class
    assert java_function("def f(w: str) -> str:\n    RULES = []\n    return w\n", "", None, "", fields) is None
    add = "def add_rule(a: str, b: str) -> None:\n    RULES.insert(0, (a, b + 's'))\n"  # inflection's _irregular
    added = java_function(add, add, None, "", fields)
    assert added is not None and 'RULES.add(0, Map.entry(a, b + "s"));' in added, added


@needs_javac
def test_the_rules_java_reading_tables_through_re_does_what_the_python_does():
    fn = TABLES[TABLES.index("def plural"):]
    code = java_function(fn, TABLES, None, "", {"RULES": "List<Map.Entry<String, String>>", "WORDS": "Set<String>"},
                         frozenset({"re"}))
    recording = record_source(TABLES, "python", "plural")
    assert recording.usable, recording.unverifiable
    verdict = check_candidate(recording, f"import java.util.*;\n\nclass Holder {{\n{TABLE_FIELDS}{code}}}\n", "java")
    assert verdict.status == VERIFIED and verdict.inputs >= 8, (verdict.reason, verdict.counterexamples, code)
    wrong = code.replace("return re.sub(rule, replacement, word);", "return word.replaceAll(rule, replacement);")
    verdict = check_candidate(recording, f"import java.util.*;\n\nclass Holder {{\n{TABLE_FIELDS}{wrong}}}\n", "java")
    assert verdict.status != VERIFIED, "Java's replaceAll reads \\1 as a literal 1: Mouse -> M1ice"


def test_percent_formatting_on_a_literal_is_written_as_its_text():
    assert '"" + String.valueOf(a) + "-" + String.valueOf(n) + "%"' in (
        java_function('def f(a: str, n: int) -> str:\n    return "%s-%s%%" % (a, n)\n') or "")
    for code in ('def f(a: str) -> str:\n    return "x%d" % a\n',  # other conversions stay the model's
                 'def f(a: str) -> str:\n    return "%s%s" % a\n',  # too few: Python raises TypeError
                 'def f(a: str, b: str) -> str:\n    return "%s" % (a, b)\n'):  # too many: TypeError
        assert java_function(code) is None, code


@needs_javac
def test_defaults_are_overloads_and_keyword_format_fields_are_their_values():
    """inflection's ``parameterize(string, separator='-')``: Java has no defaults, so the full function is
    written and an overload per trailing default calls it with the value; ``translate repo`` declares both
    headers and the rule takes the full one. ``"{sep}".format(sep=s)`` is the f-string of its keywords. The
    Java, overloads and all, compiles and matches the Python (the check calls the full header)."""
    source = '''def joined(word: str, sep: str = "-", times: int = 2) -> str:
    """
    >>> joined("ab")
    'ab-ab'
    """
    return sep.join([word] * times) + "{end}".format(end=sep)
'''
    declared = ("public static String joined(String word, String sep, int times)\n"
                "public static String joined(String word, String sep)  // times = 2\n"
                "public static String joined(String word)  // sep = '-', times = 2")
    code = java_function(source, source, None, declared)
    assert code is not None and "public static String joined(String word, String sep, int times) {" in code, code
    assert "public static String joined(String word, String sep) {\n    return joined(word, sep, 2);\n}" in code
    assert 'public static String joined(String word) {\n    return joined(word, "-", 2);\n}' in code, code
    undeclared = java_function(source, source)
    assert undeclared is not None and "return joined(word, sep, 2L);" in undeclared, undeclared
    recording = record_source(source, "python", "joined")
    verdict = check_candidate(recording, code, "java")
    assert verdict.status == VERIFIED and verdict.inputs >= 4, (verdict.reason, verdict.counterexamples, code)
    assert java_function("def f(xs: list = []) -> int:\n    return len(xs)\n") is None  # a shared default


REPLACED = '''import re


def shout(s: str, first: bool = True) -> str:
    if first:
        return re.sub(r"(?:^|_)(.)", lambda m: m.group(1).upper(), s)
    return s[0].lower() + shout(s)[1:]


def headline(s: str) -> str:
    return re.sub(r"\\b('?\\w)", lambda match: match.group(1).capitalize(), s.replace("_", " ").title())
'''


@needs_javac
def test_a_lambda_replacement_is_a_function_of_the_match_and_title_is_pythons():
    """inflection's ``camelize`` and ``titleize``: ``re.sub`` with a lambda of the match is the project class's
    ``sub(pattern, Function<re.Match, String>, string)``; ``str.title`` upper-cases a letter after any character
    without case (``"they're 3rd"`` -> ``"They'Re 3Rd"``), ``capitalize`` the first character only. A lambda
    reading another name (Java's lambdas see only effectively final ones) stays the model's."""
    for name, inputs in (("shout", [["device_type", True], ["device_type", False], ["_x_y", True], ["", True]]),
                         ("headline", [["they're 3rd bill_s"], ["man from THE boondocks"], ["x-men: l'été"],
                                       [""]])):
        fn = ast.get_source_segment(REPLACED, next(f for f in ast.parse(REPLACED).body
                                                  if isinstance(f, ast.FunctionDef) and f.name == name))
        code = java_function(fn, REPLACED, None, "", None, frozenset({"re"}))
        assert code is not None and "(re.Match " in code, (name, code)
        recording = record_source(REPLACED, "python", name, inputs=inputs)
        verdict = check_candidate(recording, code, "java")
        assert verdict.status == VERIFIED and verdict.inputs >= 4, (name, verdict.reason, verdict.counterexamples, code)
    # title() gives "They'Re 3Rd"; the lambda then capitalizes "'R" as "'r"
    assert record_source(REPLACED, "python", "headline", inputs=[["they're 3rd"]], generate=False).cases[0] \
        .expected.value == "They're 3Rd"
    reads = "import re\n\ndef f(s: str, k: str) -> str:\n    return re.sub('a', lambda m: k, s)\n"
    assert java_function(reads[reads.index("def"):], reads, None, "", None, frozenset({"re"})) is None


@needs_javac
def test_a_pair_returned_is_a_map_entry_the_check_reads_as_the_tuple():
    """A Python pair is a ``Map.Entry`` where ``translate repo`` types it (translate.project.java_types) and where
    the rule returns one; the check's Java prints an entry as the pair it stands for, so it matches Python's
    tuple (``(10, 24)``) instead of being a value the check cannot read."""
    source = '''from typing import List, Tuple


def sum_product(numbers: List[int]) -> Tuple[int, int]:
    total, product = 0, 1
    for n in numbers:
        total += n
        product *= n
    return total, product
'''
    code = java_function(source[source.index("def"):], source)
    assert code is not None and "return Map.entry(total, product);" in code, code
    recording = record_source(source, "python", "sum_product", inputs=[[[1, 2, 3, 4]], [[]]])
    verdict = check_candidate(recording, code, "java")
    assert verdict.status == VERIFIED and verdict.inputs >= 4, (verdict.reason, verdict.counterexamples)
    swapped = code.replace("Map.entry(total, product)", "Map.entry(product, total)")
    assert check_candidate(recording, swapped, "java").status == DIFFERS
