"""Repair turns name the source constructs that do not carry over (real tree-sitter-python)."""
from __future__ import annotations

from translate.source.languages import get_language
from translate.translation.pitfalls import pitfalls
from translate.translation.prompts import TranslationTask, chat_messages
from translate.translation.records import Attempt

PY = get_language("python")
GCD = "def gcd(a, b):\n    while b:\n        a, b = b, a % b\n    return a\n"


def test_parallel_assignment_is_named_for_cpp():
    notes = pitfalls(GCD, PY, get_language("cpp"))
    assert len(notes) == 2 and "`a, b = b, a % b` assigns every target at once" in notes[0]
    assert "`%` takes the sign of the divisor" in notes[1]


def test_each_detector_fires_only_on_its_construct():
    js = get_language("javascript")
    assert pitfalls("def f(x, y):\n    x, y = 1, 2\n    return x + y\n", PY, js) == []  # no target read on the right
    assert any("`sort()`" in n for n in pitfalls("def f(xs):\n    return sorted(xs)\n", PY, js))
    assert pitfalls("def f(xs):\n    return sorted(xs, key=len)\n", PY, js) == []
    assert any("`//`" in n for n in pitfalls("def f(a):\n    return a // 2\n", PY, get_language("java")))
    assert any("`xs[-1]`" in n for n in pitfalls("def f(xs):\n    return xs[-1]\n", PY, get_language("cpp")))
    assert pitfalls("def f(xs):\n    return xs[0] + 7 / 2\n", PY, get_language("cpp")) == []
    assert any("`x % 10`" in n for n in pitfalls("def f(x):\n    return x % 10\n", PY, js))
    assert pitfalls("def f(x):\n    return '%d' % x\n", PY, js) == []  # string formatting, not a remainder
    assert pitfalls(GCD, PY, PY) == [] and pitfalls("int f() { return 1; }\n", get_language("cpp"), PY) == []


def test_only_repair_turns_carry_the_notes():
    task = TranslationTask(PY, get_language("cpp"), GCD, "function", "gcd")
    first, _ = chat_messages(task, [])
    assert "Note:" not in "".join(m["content"] for m in first)
    wrong = Attempt(turn=1, candidate=0, text="int gcd(int a, int b) { while (b) { a = b; b = a % b; } return a; }",
                    problem="the tests failed: Assertion `gcd(12, 18) == 6' failed.")
    repair, _ = chat_messages(task, [wrong])
    assert repair[-1]["role"] == "user" and "Assertion" in repair[-1]["content"]
    assert "Note: `a, b = b, a % b` assigns every target at once" in repair[-1]["content"]


def test_reserved_words_and_comprehensions_are_named():
    js = get_language("javascript")
    code = "def strange(lst):\n    res, switch = [], True\n    return [str(x) for x in lst]\n"
    notes = pitfalls(code, PY, js)
    assert "`switch` is a reserved word in JavaScript: rename it." in notes
    assert any("no comprehensions" in n for n in notes)
    assert not any("reserved" in n for n in pitfalls("def f(count):\n    return count\n", PY, js))


def test_python_builtins_left_in_javascript_are_a_problem():
    from translate.translation.pitfalls import leftover_builtins

    js = get_language("javascript")
    assert leftover_builtins("function f(xs) {\n  return new Array(max(xs) + 1).fill(0);\n}\n", js) == (
        "`max` is not defined in JavaScript (Python built-in): use JavaScript's own way")
    assert leftover_builtins("function f(xs) {\n  return Math.max(...xs);\n}\n", js) is None
    # defined in the answer, or elsewhere in the file (``known``): not a problem
    assert leftover_builtins("function f(xs) {\n  const len = (a) => a.length;\n  return len(xs);\n}\n", js) is None
    assert leftover_builtins("function f(xs) {\n  return sum(xs);\n}\n", js, frozenset({"sum"})) is None
    assert leftover_builtins("int f() { return max(1, 2); }\n", get_language("cpp")) is None


def test_the_pitfalls_part_puts_the_notes_on_the_first_turn(monkeypatch):
    task = TranslationTask(PY, get_language("cpp"), GCD, "function", "gcd")
    monkeypatch.setenv("TRANSLATE_PROMPT_PARTS", "+pitfalls")
    first, _ = chat_messages(task, [])
    assert "Note: `a, b = b, a % b` assigns every target at once" in first[-1]["content"]


def test_a_leftover_builtin_gets_a_repair_turn(scripted):
    from translate.translation.pipeline import TranslateOptions, translate_source
    from translate.translation.records import REPAIRED

    src = "def top(xs):\n    return max(xs)\n"
    backend = scripted(["```javascript\nfunction top(xs) {\n  return max(xs);\n}\n```",
                        "```javascript\nfunction top(xs) {\n  return Math.max(...xs);\n}\n```"])
    res = translate_source(src, "python", "javascript", backend, options=TranslateOptions(max_turns=2))
    [unit] = [u for u in res.units if u.kind != "glue"]
    assert unit.status == REPAIRED and "Math.max(...xs)" in res.text
    assert "`max` is not defined in JavaScript" in unit.attempts[0].problem
    assert "`max` is not defined in JavaScript" in backend.requests[-1].messages[-1]["content"]


def test_a_python_answer_shadowing_a_builtin_it_calls_is_a_problem():
    from translate.translation.pitfalls import shadowed_builtins

    bad = "def count_distinct(string):\n    set = set(string.lower())\n    return len(set)\n"
    assert shadowed_builtins(bad, PY) == ("`set` is assigned as a variable and also called as Python's built-in "
                                          "in the same function (UnboundLocalError): rename the variable")
    assert shadowed_builtins("def f(s):\n    chars = set(s)\n    return len(chars)\n", PY) is None
    assert shadowed_builtins("def f(xs):\n    max = 0\n    for x in xs:\n        max = x\n    return max\n", PY) is None
    assert shadowed_builtins("def f(xs):\n    for sum in xs:\n        print(sum(xs))\n", PY) is not None
    assert shadowed_builtins(bad, get_language("javascript")) is None


def test_java_constructs_that_change_meaning_in_python_are_named():
    java = get_language("java")
    py, js, cpp = get_language("python"), get_language("javascript"), get_language("cpp")

    def notes(body: str, target=py) -> str:
        return " ".join(pitfalls(f"class A {{ int f(int a, int b, double x) {{ {body} }} }}", java, target))

    assert "`int(a / b)`" in notes("return a / b;") and "Math.trunc" in notes("return a / b;", js)
    assert "divides integers" not in notes("return x / b;")  # a double: `/` stays
    assert "KeyError" in notes("return m.getOrDefault(a, 0);") and "KeyError" not in notes("return m.get(a);")
    assert "math.floor(x + 0.5)" in notes("return (int) Math.round(x);")
    assert "Math.round" not in notes("return (int) Math.round(x);", js)  # JavaScript rounds halves up too
    assert "ord(c)" in notes("return a - 'a';") and "while" in notes("for (int i = 0; i < a && b > 0; i++) {} return 0;")
    assert "while" not in notes("for (int i = 0; i < a; i++) {} return 0;")
    assert pitfalls("class A { int f(int a, int b) { return a / b; } }", java, cpp) == []  # same meaning in C++


def test_a_repair_answer_that_repeats_an_earlier_one_is_told_so(monkeypatch):
    task = TranslationTask(PY, get_language("javascript"), GCD, "function", "gcd")
    code = "function gcd(a, b) {\n  while (b) { a = b; b = a % b; }\n  return a;\n}"
    problem = "it differs from the source on gcd(12, 18): expected 6, got 18"
    one = [Attempt(turn=1, candidate=0, text=code, problem=problem)]
    two = [*one, Attempt(turn=2, candidate=0, text=code.replace("  ", "    "), problem=problem)]
    msgs, _ = chat_messages(task, one)
    assert "same code" not in msgs[-1]["content"]
    msgs, _ = chat_messages(task, two)
    assert msgs[-1]["content"].startswith("Your answer is not valid: That is the same code as your earlier answer")
    assert "same code" not in msgs[-3]["content"]  # the first repair turn: nothing was repeated yet
    monkeypatch.setenv("TRANSLATE_PROMPT_PARTS", "-repeat")
    msgs, _ = chat_messages(task, two)
    assert "same code" not in msgs[-1]["content"]


def test_python_string_operations_left_in_javascript_are_named():
    from translate.translation.pitfalls import python_string_ops

    js = get_language("javascript")
    assert "Python's % formatting" in (python_string_ops("const r = new RegExp('%s{2,}' % sep);", js) or "")
    assert "no `format` method" in (python_string_ops("const s = '^{sep}'.format(sep);", js) or "")
    assert "no `join` method" in (python_string_ops("const s = ', '.join(xs);", js) or "")
    assert python_string_ops("const s = xs.join(', ') + `${n % 2}` + (7 % 2);", js) is None
    assert python_string_ops("x = '%s' % y", PY) is None  # a Python answer: its own operations


def test_with_the_fresh_part_a_turn_after_a_repeated_answer_starts_over_without_the_wrong_code(monkeypatch):
    task = TranslationTask(PY, get_language("javascript"), GCD, "function", "gcd")
    code = "function gcd(a, b) {\n  while (b) { a = b; b = a % b; }\n  return a;\n}"
    first = "it differs from the source on gcd(12, 18): expected 6, got 18"
    one = [Attempt(turn=1, candidate=0, text=code, problem=first)]
    two = [*one, Attempt(turn=2, candidate=0, text=code.replace("  ", "    "), problem=first)]
    monkeypatch.setenv("TRANSLATE_PROMPT_PARTS", "+fresh")
    msgs, _ = chat_messages(task, one)  # nothing repeated yet: the usual repair turn
    assert msgs[-2]["role"] == "assistant" and "Earlier translations" not in msgs[-1]["content"]
    msgs, _ = chat_messages(task, two)
    assert [m["role"] for m in msgs] == ["user"]  # the first turn again, no assistant turn: the code is not shown
    assert "while (b)" not in msgs[0]["content"] and "def gcd" in msgs[0]["content"]
    assert f"Earlier translations of this function were wrong: {first}\n" in msgs[0]["content"]
    three = [*two[:1], Attempt(turn=2, candidate=0, text="function gcd(a, b) { return a; }", problem="other")]
    assert [m["role"] for m in chat_messages(task, three)[0]][-2:] == ["assistant", "user"]  # not repeated
    monkeypatch.setenv("TRANSLATE_PROMPT_PARTS", "")
    msgs, _ = chat_messages(task, two)
    assert "Earlier translations" not in msgs[-1]["content"] and msgs[-2]["role"] == "assistant"


def test_a_computed_super_call_is_explained_for_java_and_super_is_not_called_a_reserved_word():
    code = ("class Bundle(Item):\n    def __init__(self, name, items):\n"
            "        super().__init__(name, sum(item.price for item in items))\n        self.items = items\n")
    code += "\n    def describe(self):\n        return self.name + ': ' + ', '.join(i.name for i in self.items)\n"
    notes = pitfalls(code, get_language("python"), get_language("java"))
    assert any("`super(...)` must be the first statement of a constructor" in n for n in notes)
    assert any(n.startswith("`', '.join(i.name for i in self.items)` joins what the generator yields: in Java, "
                            "`items.stream().map(x -> x.name).collect(Collectors.joining(sep))`") for n in notes)
    assert not any("`super` is a reserved word" in n for n in notes)


def test_unpacking_and_super_calls_are_explained_for_java():
    code = ("def sell(self, name, count):\n    item, have = self.stock.get(name, (None, 0))\n"
            "    return super().cost(count)\n")
    notes = pitfalls(code, get_language("python"), get_language("java"))
    assert any(n.startswith("Java has no tuple unpacking (`item, have = self.stock.get(name, (None, 0))`)")
               for n in notes)
    assert any("`super.name(...)` (no parentheses after `super`)" in n for n in notes)
    assert not any("tuple unpacking" in n for n in pitfalls(code, get_language("python"), get_language("cpp")))


def test_java_char_arithmetic_on_variables_and_arrays_is_named():
    """sqids' shuffle: ``(i * j + chars[i] + chars[j]) % chars.length`` on a ``char[]`` (the 1.5B added the
    characters as strings); ``s.charAt(0) - 48`` too; string concatenation and int arrays are not char arithmetic."""
    java = get_language("java")
    shuffle = ("String shuffle(final String alphabet) {\n    final char[] chars = alphabet.toCharArray();\n"
               "    int r = (3 + chars[1] + chars[2]) % chars.length;\n    return new String(chars);\n}\n")
    for code in (shuffle, "int f(String s) { return s.charAt(0) - 48; }", "int f(char c) { return c * 2; }"):
        assert any("ord(" in n for n in pitfalls(code, java, PY)), code
    for code in ("int f(int[] a) { return a[0] + 1; }", "String f(char c) { return \"id\" + c; }",
                 "String f(String s, String h) { return s.charAt(0) + h; }"):  # text, not arithmetic
        assert not any("ord(" in n for n in pitfalls(code, java, PY)), code


def test_java_do_while_multi_variable_for_and_index_of_are_named_for_python():
    """hashids: ``hash`` is a do-while (the 1.5B's ``while`` gave '' for 0), ``consistentShuffle`` a ``for`` with
    three variables (two dropped), ``unhash`` reads ``indexOf``'s -1 (Python's ``index`` raises)."""
    java = get_language("java")
    cases = {"do { n /= 2; } while (n > 0);": "do-while",
             "for (int i = 9, v = 0; i > 0; i--, v++) { v %= 3; }": "keeps several variables",
             "int k = s.indexOf(\"x\");": "s.find(x)"}
    for body, want in cases.items():
        code = f"int f(int n, String s) {{ {body} return n; }}"
        assert any(want in n for n in pitfalls(code, java, PY)), (body, pitfalls(code, java, PY))
    plain = "int f(int n) { for (int i = 0; i < n; i++) { n--; } while (n > 0) { n--; } return n; }"
    assert not any(w in n for n in pitfalls(plain, java, PY) for w in cases.values())
