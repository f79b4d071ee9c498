"""Long literal tables of a Java class (translate.translation.java_tables): shortened in the prompt, written into
the Python answer by rule, every item as the source has it."""
from __future__ import annotations

from translate import get_language
from translate.engines.scripted import unit_code
from translate.translation.java_tables import MIN_ITEMS, elide_tables, fill_tables
from translate.translation.pipeline import TranslateOptions, translate_source

JAVA, PY = get_language("java"), get_language("python")
WORDS = [f"w{i:03d}" for i in range(40)]
SOURCE = ("public class Words {\n  public static final Set<String> BLOCKED = Collections.unmodifiableSet(Stream.of(\n"
          + ",\n".join(f'      "{w}"' for w in WORDS) + ").collect(Collectors.toSet()));\n"
          "  private static final int[] PRIMES = {" + ", ".join(str(p) for p in range(2, 2 + MIN_ITEMS)) + "};\n"
          "  private static final int[] FEW = {1, 2, 3};\n  private final String name;\n\n"
          "  public Words(String name) { this.name = name; }\n\n"
          "  public boolean isBlocked(String w) { return BLOCKED.contains(w); }\n}\n")


def test_tables_are_shortened_and_their_python_values_kept():
    code, tables = elide_tables(SOURCE, JAVA, PY)
    assert set(tables) == {"BLOCKED", "PRIMES"}  # FEW is short: left to the model
    assert '"w000", "w001" /* ... and 38 more literals: written by rule, do not copy */).collect(' in code
    assert "w002" not in code and "{1, 2, 3}" in code
    assert tables["BLOCKED"].startswith('frozenset({"w000", "w001", "w002"') and eval(tables["BLOCKED"]) == set(WORDS)
    assert eval(tables["PRIMES"]) == list(range(2, 2 + MIN_ITEMS))
    assert elide_tables(SOURCE, JAVA, get_language("javascript")) == (SOURCE, {})  # Python targets only


def test_the_answer_gets_every_item_where_it_assigns_the_field_or_as_a_class_attribute():
    _, tables = elide_tables(SOURCE, JAVA, PY)
    answer = ('class Words:\n    BLOCKED = frozenset({"w000", "w001"})\n\n    def __init__(self, name):\n'
              '        self.name = name\n\n    def is_blocked(self, w):\n        return w in self.BLOCKED\n')
    got, changed = fill_tables(answer, PY, tables)
    assert changed
    space: dict = {}
    exec(got, space)
    words = space["Words"]("x")
    assert words.is_blocked("w039") and not words.is_blocked("w040") and space["Words"].PRIMES[-1] == 1 + MIN_ITEMS
    assert got.startswith("class Words:\n    PRIMES = [2, 3,")  # not in the answer: added to the class


def test_through_the_pipeline_the_prompt_is_short_and_the_class_complete(scripted):
    answer = ('```python\nclass Words:\n    BLOCKED = frozenset({"w000", "w001"})\n    PRIMES = [2, 3]\n'
              '    FEW = [1, 2, 3]\n\n    def __init__(self, name):\n        self.name = name\n\n'
              '    def is_blocked(self, w):\n        return w in Words.BLOCKED\n```')
    backend = scripted({"Words": answer})
    res = translate_source(SOURCE, "java", "python", backend, TranslateOptions())
    (req,) = backend.by_unit.asked["Words"]
    assert "w039" not in unit_code(req) and "38 more literals" in unit_code(req)
    space: dict = {}
    exec(res.text, space)
    assert space["Words"]("x").is_blocked("w039") and len(space["Words"].PRIMES) == MIN_ITEMS


def test_a_missing_table_goes_after_the_class_docstring():
    _, tables = elide_tables(SOURCE, JAVA, PY)
    answer = 'class Words:\n    """Blocked words."""\n    BLOCKED = frozenset()\n\n    def is_blocked(self, w):\n' \
             '        return w in self.BLOCKED\n'
    got, changed = fill_tables(answer, PY, tables, "Words")
    assert changed and got.startswith('class Words:\n    """Blocked words."""\n    PRIMES = [2, 3,')
    space: dict = {}
    exec(got, space)
    assert space["Words"].__doc__ == "Blocked words." and len(space["Words"].BLOCKED) == 40


def test_a_repair_turn_quotes_the_answer_with_its_tables_short_again(scripted):
    """The answer quoted in a repair turn has the tables the rule filled in: sqids' Builder's repair prompt was 4,899
    tokens with its 560 strings, over the context. It is cut as the first prompt showed it (and still parses)."""
    first = ('```python\nclass Words:\n    BLOCKED = frozenset({"w000", "w001"})\n    FEW = [1, 2, 3]\n\n'
             '    def __init__(self, title):\n'
             '        pass\n\n    def is_blocked(self, w):\n        return w in Words.BLOCKED\n```')  # no field ``name``
    # (``title``: with a parameter ``name`` the field comes back by rule, java_ctor_fields, and no turn is needed)
    second = first.replace("(self, title):\n        pass\n", "(self, name):\n        self.name = name\n")
    backend = scripted({"Words": [first, second]})
    res = translate_source(SOURCE, "java", "python", backend, TranslateOptions(max_turns=2))
    asked = backend.by_unit.asked["Words"]
    assert len(asked) == 2
    repair = asked[1].messages[-2]["content"] + asked[1].messages[-1]["content"]  # the answer, the problem
    assert "name" in repair and "w039" not in repair and "# ... and 38 more literals: written by rule" in repair
    assert "[2, 3  # ... and 14 more literals" in repair
    space: dict = {}
    exec(res.text, space)
    assert space["Words"]("x").is_blocked("w039") and space["Words"]("x").name == "x"
