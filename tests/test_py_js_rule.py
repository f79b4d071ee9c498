"""The Python -> JavaScript rule (translate.translation.py_js_rule): what it writes for Python's meanings that
JavaScript's operators do not share, that the JavaScript does what the Python does (the Python recorded in the
sandbox, the JavaScript checked by the oracle on the same inputs), what it leaves to the model, and its answer
taken in the pipeline where the model's differs."""
from __future__ import annotations

import ast

import pytest

from translate.engines.scripted import ScriptedBackend
from translate.oracle.cases import VERIFIED
from translate.oracle.compare import check_candidate
from translate.oracle.record import record_source
from translate.sandbox import missing_tool
from translate.translation.pipeline import TranslateOptions, translate_source
from translate.translation.py_js_rule import js_function, recorded_types
from translate.translation.records import REPAIRED

needs_node = pytest.mark.skipif(missing_tool("javascript") is not None, reason="node is not installed")

SOURCE = '''from typing import Any, Dict, List, Tuple


def wrap(i: int, n: int) -> int:
    return i % n


def halves(xs: List[int]) -> List[int]:
    return [x // 2 for x in xs if x % 2 != 0]


def last_or_empty(xs: List[int]) -> List[int]:
    if not xs:
        return []
    return [xs[-1]] + xs[:-1]


def same(a: List[int], b: List[int]) -> bool:
    return a == b and len(a) > 0


def shout(words: List[str]) -> str:
    return "-".join(w.upper() for w in words if w.strip()).replace("A", "4")


def counts(s: str) -> Dict[str, int]:
    seen = {}
    for c in s:
        if c.isalpha():
            seen[c] = seen.get(c, 0) + 1
    return seen


def by_length(words: List[str]) -> List[str]:
    return sorted(words, key=lambda w: (len(w), w), reverse=True)


def pairs(n: int) -> List[Tuple[int, int]]:
    out = []
    for i in range(n):
        for j in range(i + 1, n, 2):
            out.append((i, j))
    return out


def digits(n: int) -> int:
    total = 0
    for d in str(abs(n)):
        total += int(d)
    if n < 0:
        total = -total
    return total


def fib(n: int) -> int:
    a, b = 0, 1
    while n > 0:
        a, b = b, a + b
        n -= 1
    return a


def primes(limit):
    def is_prime(k):
        if k < 2:
            return False
        return all(k % d for d in range(2, int(k ** 0.5) + 1))
    return [p for p in range(limit) if is_prime(p)]


def rotate(s: str, k: int) -> str:
    if len(s) == 0:
        return s
    k = k % len(s)
    return s[k:] + s[:k] + "!" * (k - 1)


def halve(x: float) -> int:
    import math
    return round(x / 2) + math.floor(x) + round(x, 1)


def bits(n: int) -> str:
    return bin(n)[2:] if n >= 0 else bin(n)


def short(xs: List[int]) -> bool:
    return xs == [] or 0 <= len(xs) - 1 < 3


def triples(n: int) -> int:
    a = [i * i - i + 1 for i in range(1, n + 1)]
    ans = []
    for i in range(n):
        for j in range(i + 1, n):
            if (a[i] + a[j]) % 3 == 0:
                ans += [(a[i], a[j])]
    return len(ans)


def running(xs: List[int]) -> List[int]:
    best = None
    out = []
    for x in xs:
        if best is None:
            best = x
        else:
            best = max(best, x)
        out.append(best)
    return out


def ints(values: List[Any]) -> List[int]:
    return [x for x in values if isinstance(x, int) and not isinstance(x, bool)]
'''
FUNCTIONS = [f.name for f in ast.parse(SOURCE).body if isinstance(f, ast.FunctionDef)]
INPUTS = {"wrap": [[-7, 3], [7, -3], [-1, 5], [9, 4]], "rotate": [["abc", -4], ["", 2], ["hello", 7]],
          "digits": [[-405], [0], [1999]], "primes": [[20], [2]], "pairs": [[5], [0]],
          "counts": [["abca b"], [""]], "last_or_empty": [[[]], [[1, 2, 3]]],
          "halve": [[5.0], [-5.0], [3.0], [7.4], [-0.5]], "bits": [[5], [-5], [0]], "short": [[[]], [[1, 2, 3, 4]]],
          "triples": [[5], [0]], "ints": [[[1, "a", 2.5, True, [3], None, -4]], [["x", 0]]]}


def _segment(name: str) -> str:
    tree = ast.parse(SOURCE)
    fn = next(f for f in tree.body if isinstance(f, ast.FunctionDef) and f.name == name)
    return ast.get_source_segment(SOURCE, fn) or ""


def test_pythons_meanings_are_written_out_where_javascripts_operators_differ():
    assert "(((i % n) + n) % n)" in (js_function(_segment("wrap"), SOURCE) or "").replace("return ", "(").replace(
        ";", ")")
    halves = js_function(_segment("halves"), SOURCE) or ""
    assert "Math.floor(x / 2)" in halves and ".filter((x) => x % 2 !== 0)" in halves, halves
    last = js_function(_segment("last_or_empty"), SOURCE) or ""
    assert "xs.length === 0" in last and "xs.at(-1)" in last and "[...[xs.at(-1)], ...xs.slice(0, -1)]" in last
    assert "JSON.stringify(a) === JSON.stringify(b)" in (js_function(_segment("same"), SOURCE) or "")
    counts = js_function(_segment("counts"), SOURCE) or ""
    assert "new Map()" in counts and "seen.set(c, " in counts and "return Object.fromEntries(seen);" in counts
    pairs = js_function(_segment("pairs"), SOURCE) or ""
    assert "for (let i = 0; i < n; i++)" in pairs and "for (let j = i + 1; j < n; j += 2)" in pairs, pairs
    halve = js_function(_segment("halve"), SOURCE) or ""
    assert "Math.abs((x / 2) % 1) === 0.5 ? 2 * Math.round((x / 2) / 2)" in halve, halve  # halves to even
    assert "((v) => v < 0 ? " in (js_function("def f(a: int, b: int) -> str:\n    return bin(max(a, b))\n") or "")
    fib = js_function(_segment("fib"), SOURCE) or ""
    assert "let [a, b] = [0, 1];" in fib and "[a, b] = [b, a + b];" in fib, fib


def test_what_the_rule_does_not_cover_is_left_to_the_model():
    for code in ("def f(x: int):\n    print(x)\n",  # I/O
                 "def f(x: int):\n    try:\n        return 1 // x\n    except ZeroDivisionError:\n        return 0\n",
                 "def f(x):\n    return x + x\n",  # the type of x is not known
                 "def f(xs: list):\n    return xs or [1]\n",  # an empty list's truth differs
                 "def f(n):\n    return isinstance(n, float)\n",  # JavaScript's 3.0 is an integer
                 "class A:\n    pass\n"):
        assert js_function(code) is None, code


@needs_node
@pytest.mark.parametrize("name", FUNCTIONS)
def test_the_rules_javascript_does_what_the_python_does(name):
    """Each function recorded in Python (documented inputs, here given, and generated ones: negatives, empty
    strings and lists), its rule answer run by the oracle on the same inputs in node: verified on all."""
    recording = record_source(SOURCE, "python", name, inputs=INPUTS.get(name))
    assert recording.usable, (recording.unverifiable, recording.failed)
    code = js_function(_segment(name), SOURCE, recorded_types(recording))
    assert code is not None, name
    verdict = check_candidate(recording, code, "javascript")
    assert verdict.status == VERIFIED, (verdict.reason, verdict.counterexamples, code)
    assert verdict.inputs >= 2


@needs_node
def test_the_rule_types_untyped_parameters_from_the_recorded_runs():
    recording = record_source(SOURCE, "python", "primes", inputs=INPUTS["primes"])
    assert js_function(_segment("primes"), SOURCE) is None  # ``limit`` alone is not known to be a number
    code = js_function(_segment("primes"), SOURCE, recorded_types(recording)) or ""
    assert "function is_prime(k)" in code.replace("isPrime", "is_prime"), code


@needs_node
def test_the_pipeline_takes_the_rules_answer_where_the_models_differs():
    """The README's own example: ``i % n`` written as JavaScript's ``%`` is wrong for every negative ``i``. The
    check finds it, the repair turn repeats it, and the rule's answer (Python's modulo; the parameters typed from
    the source's recorded runs, written when first tried) is checked and taken, its check line saying so; without
    rule answers the model's wrong answer stays."""
    source = "def wrap_index(i, n):\n    return i % n\n"  # untyped: the rule reads the types from the recording
    wrong = "```javascript\nfunction wrapIndex(i, n) {\n  return i % n;\n}\n```"
    result = translate_source(source, "python", "javascript", ScriptedBackend({"wrap_index": wrong}),
                              TranslateOptions(verify="auto", max_turns=2))
    unit = next(u for u in result.units if u.kind == "function")
    assert unit.status == REPAIRED and "written by rule" in (unit.check or ""), (unit.check, unit.output)
    assert "function wrapIndex(i, n)" in unit.output and "% n) + n) % n" in unit.output, unit.output
    off = translate_source(source, "python", "javascript", ScriptedBackend({"wrap_index": wrong}),
                           TranslateOptions(verify="auto", max_turns=2, rule_answers=False))
    unit = next(u for u in off.units if u.kind == "function")
    assert "written by rule" not in (unit.check or "") and "return i % n;" in unit.output
