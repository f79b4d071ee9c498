"""A Java class's fields kept in its Python translation (translate.translation.java_fields): the fields an answer
leaves out get a repair turn, and the source's literal constants are added by rule."""
from __future__ import annotations

import pytest

from translate import get_language
from translate.translation.java_fields import (
    add_constants,
    constructor_problem,
    missing_fields,
    python_literal,
    source_fields,
)
from translate.translation.pipeline import TranslateOptions, translate_source

JAVA, PY = get_language("java"), get_language("python")

SOURCE = '''public class Hashids {
  public static final long MAX_NUMBER = 9007199254740992L;
  private static final String DEFAULT_SEPS = "cfhistuCFHISTU";
  private static final double SEP_DIV = 3.5;
  private static final char SPACE = ' ';
  private static final List<String> NAMES = new ArrayList<>();
  private final String salt;
  private final int minHashLength;
  private String seps;

  public Hashids(String salt, int minHashLength) {
    this.salt = salt;
    this.minHashLength = minHashLength;
    this.seps = DEFAULT_SEPS + salt;
  }

  public long max() { return MAX_NUMBER; }
}
'''

GUTTED = '''class Hashids:
    """Short ids."""
    def __init__(self, salt="", min_hash_length=0):
        self.salt = salt
        self.min_hash_length = min_hash_length

    def max(self):
        return self.MAX_NUMBER
'''


def test_the_source_fields_are_read_with_their_modifiers():
    got = {f.name: (f.static, f.final, f.value) for f in source_fields(SOURCE)}
    assert got["MAX_NUMBER"] == (True, True, "9007199254740992L")
    assert got["seps"] == (False, False, None) and got["salt"] == (False, True, None)
    assert list(got) == ["MAX_NUMBER", "DEFAULT_SEPS", "SEP_DIV", "SPACE", "NAMES", "salt", "minHashLength", "seps"]


def test_an_answer_without_some_fields_is_told_which():
    problem = missing_fields(GUTTED, SOURCE, JAVA, PY)
    assert problem is not None
    assert "MAX_NUMBER, DEFAULT_SEPS, SEP_DIV, SPACE, NAMES (class attributes" in problem
    assert "the field(s) seps (set on self in __init__" in problem  # min_hash_length is minHashLength
    whole = GUTTED.replace("        self.min_hash_length = min_hash_length\n",
                           "        self.min_hash_length = min_hash_length\n        self.seps, x = '', 1\n")
    whole = whole.replace('    """Short ids."""\n', '    """Short ids."""\n    MAX_NUMBER = 1\n    NAMES: list = []\n'
                          '    DEFAULT_SEPS = SEP_DIV = SPACE = None\n')
    assert missing_fields(whole, SOURCE, JAVA, PY) is not None  # a chained assignment sets only its first name
    whole = whole.replace("    DEFAULT_SEPS = SEP_DIV = SPACE = None\n",
                          "    DEFAULT_SEPS = 'a'\n    SEP_DIV = 3.5\n    SPACE = ' '\n")
    assert missing_fields(whole, SOURCE, JAVA, PY) is None
    assert missing_fields(GUTTED, SOURCE, PY, JAVA) is None  # another direction: not this check


def test_literal_constants_are_added_and_the_class_runs():
    fixed, changed = add_constants(GUTTED, PY, SOURCE)
    assert changed
    assert fixed.startswith('class Hashids:\n    """Short ids."""\n    MAX_NUMBER = 9007199254740992\n'
                            '    DEFAULT_SEPS = "cfhistuCFHISTU"\n    SEP_DIV = 3.5\n    SPACE = " "\n\n    def __init__')
    assert "NAMES" not in fixed  # not a literal: left to the model, which is told
    space: dict = {}
    exec(fixed, space)
    assert space["Hashids"]("s").max() == 9007199254740992
    problem = missing_fields(fixed, SOURCE, JAVA, PY)
    assert problem is not None and "NAMES" in problem and "seps" in problem and "MAX_NUMBER" not in problem
    assert add_constants(fixed, PY, SOURCE) == (fixed, False)


@pytest.mark.parametrize("java,python", [
    ("9007199254740992L", "9007199254740992"), ("0x1F", "0x1F"), ("1_000", "1_000"), ("3.5f", "3.5"),
    ("2.", "2.0"), ("1e3", "1e3"), ("-7", "-7"), ('"a\\"b\\n"', '"a\\"b\\n"'), ("'c'", '"c"'), ("'\"'", '"\\""'),
    ("true", "True"), ("null", "None"),
    ("new int[3]", None), ("A + 1", None), ('"\\u00e9"', None), ("'\\u0041'", None), ("017", "0o17"), ("0", "0"),
    ("-010L", "-0o10"),
])
def test_python_literal(java, python):
    assert python_literal(java) == python
    if python is not None:
        eval(python)  # valid Python: 017 would be a SyntaxError there


def test_a_gutted_skeleton_gets_a_repair_turn_naming_its_fields(scripted):
    """Through the pipeline: the Java class's skeleton answered without ``seps`` is asked again with the problem,
    the constants are added by rule in both answers, and the repaired class sets every field."""
    repaired = GUTTED.replace("        self.min_hash_length = min_hash_length\n",
                              "        self.min_hash_length = min_hash_length\n"
                              "        self.seps = Hashids.DEFAULT_SEPS + salt\n        self.NAMES = []\n")
    backend = scripted({"Hashids": [f"```python\n{GUTTED}```", f"```python\n{repaired}```"]})
    res = translate_source(SOURCE, "java", "python", backend, TranslateOptions())
    asked = backend.by_unit.asked["Hashids"]
    assert len(asked) == 2
    second = "\n".join(m["content"] for m in asked[1].messages if m["role"] == "user")
    assert "never sets" in second and "seps" in second and "MAX_NUMBER" not in second.split("never sets")[1]
    assert "MAX_NUMBER = 9007199254740992" in res.text and "self.seps = Hashids.DEFAULT_SEPS + salt" in res.text
    space: dict = {}
    exec(res.text, space)
    assert space["Hashids"]("x", 0).seps == "cfhistuCFHISTUx"


def test_the_constants_go_into_the_class_asked_for_not_a_copy_before_it():
    """java-string-similarity's JaroWinkler: the answer began with its own copy of a base class; the constants
    went there, and ``def __init__(self, threshold=DEFAULT_THRESHOLD)`` failed at import (a NameError)."""
    java = ("public class JaroWinkler implements StringSimilarity {\n  private static final double DEFAULT_THRESHOLD = 0.7;\n"
            "  private final double threshold;\n  public JaroWinkler() { this.threshold = DEFAULT_THRESHOLD; }\n}\n")
    answer = ("class StringSimilarity:\n    pass\n\n\nclass JaroWinkler(StringSimilarity):\n"
              "    def __init__(self, threshold=DEFAULT_THRESHOLD):\n        self.threshold = threshold\n")
    fixed, changed = add_constants(answer, PY, java)
    assert changed and "class JaroWinkler(StringSimilarity):\n    DEFAULT_THRESHOLD = 0.7\n" in fixed
    space: dict = {}
    exec(fixed, space)
    assert space["JaroWinkler"]().threshold == 0.7
    assert missing_fields(fixed, java, JAVA, PY) is None
    assert missing_fields(answer, java, JAVA, PY) is not None  # the copy's fields do not count


def test_an_init_that_a_java_constructors_arguments_do_not_fit_is_a_problem():
    """sqids' ``private Sqids(final Builder builder)`` answered as ``__init__(self, alphabet, alphabet_length,
    min_length, block_list)``: the Builder's ``Sqids(self)`` fails; overloads need defaults for the shorter ones."""
    java = get_language("java")
    src = ("public class Sqids {\n    private Sqids(final Builder builder) { }\n\n"
           "    public static final class Builder {\n        public Builder(int a, int b) { }\n    }\n}\n")
    bad = "class Sqids:\n    def __init__(self, alphabet, alphabet_length, min_length, block_list):\n        pass\n"
    problem = constructor_problem(bad, src, java, PY)
    assert problem is not None and "take 1 argument(s)" in problem and "takes 4" in problem
    assert constructor_problem("class Sqids:\n    def __init__(self, builder):\n        pass\n", src, java, PY) is None
    overloads = "class H { H() { this(\"\"); }\n  H(String salt) { }\n  H(String salt, int n) { } }\n"
    assert constructor_problem("class H:\n    def __init__(self, salt='', n=0):\n        pass\n", overloads, java,
                               PY) is None
    short = constructor_problem("class H:\n    def __init__(self, salt, n=0):\n        pass\n", overloads, java, PY)
    assert short is not None and "0, 1, 2" in short and "takes 1 to 2" in short
    assert constructor_problem("class H:\n    def __init__(self, x):\n        pass\n", "class H { int x; }", java,
                               PY) is not None  # Java's default constructor takes nothing
    assert constructor_problem("class H:\n    def __init__(self, *xs):\n        pass\n", overloads, java, PY) is None
    assert constructor_problem(bad, src, java, get_language("javascript")) is None
    gamed = "class Sqids:\n    def __init__(self, alphabet='x', alphabet_length=6):\n        pass\n"  # arity 1 fits
    problem = constructor_problem(gamed, src, java, PY)  # one constructor: its parameters, not any that fit
    assert problem is not None and "has the parameters (alphabet, alphabet_length)" in problem
    assert constructor_problem("class Sqids:\n    def __init__(self, builder: 'Builder'):\n        pass\n", src, java,
                               PY) is None


def test_a_constructor_answered_alone_must_set_every_field_it_sets():
    """hashids' constructor, a unit of its own, came back without ``this.salt = ...`` and ``this.minHashLength =
    ...``: every method reading them failed."""
    from translate.translation.java_fields import unset_fields

    java, py = get_language("java"), get_language("python")
    source = ("public Hashids(String salt, int minHashLength) {\n    this.salt = salt != null ? salt : \"\";\n"
              "    this.minHashLength = Math.max(minHashLength, 0);\n    String seps = \"cf\";\n"
              "    this.seps = seps;\n}\n")
    answer = "def __init__(self, salt, min_hash_length):\n    seps = 'cf'\n    self._seps = seps\n"
    problem = unset_fields(answer, source, java, py)
    assert problem is not None and "salt, minHashLength" in problem and "seps" not in problem.split("(")[0], problem
    full = answer + "    self.salt = salt or ''\n    self.min_hash_length = max(min_hash_length, 0)\n"
    assert unset_fields(full, source, java, py) is None
    method = "public void reset() {\n    this.salt = \"\";\n}\n"  # a method, not a constructor
    assert unset_fields(answer, method, java, py) is None
    assert unset_fields(answer, source, java, get_language("javascript")) is None
