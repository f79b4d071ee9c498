"""MTPB: loading, the sample cut, the turn loop, and the scorer on gold-like programs (real sandbox)."""
from __future__ import annotations

import re

import pytest

from translate.evaluation.humanevalx import default_data_dir
from translate.evaluation.mtpb import (
    PREFIX,
    generate_cases,
    load_mtpb,
    score_cases,
    score_program,
    summarize,
    truncate,
)

DATA = default_data_dir()
pytestmark = pytest.mark.skipif(not (DATA / "mtpb" / "mtpb.jsonl").is_file(), reason="MTPB data not found")


@pytest.fixture(scope="module")
def problems():
    return {p.id: p for p in load_mtpb()}


def test_load(problems):
    assert len(problems) == 115
    p = problems["1"]
    assert len(p.inputs) == len(p.outputs) == 5
    assert p.max_gen_length == 128
    assert p.turns(0)[0] == 'Assign the string "abcde" to a variable named "my_string".'


def test_truncate_follows_the_codegen_sampler():
    assert truncate("\nif a > b:\n    r = a\nelse:\n    r = b\n\n\n\n#") == "\nif a > b:\n    r = a\nelse:\n    r = b"
    assert truncate("x = 1\n# next turn\ny = 2") == "x = 1\n"
    assert truncate("print(a)\nprint(b)\n") == "print(a)\n"
    assert truncate("def f():\n    return 1\ndef g():\n    return 2\n") == "def f():\n    return 1\n"
    assert truncate('x = 1\n"""doc"""') == "x = 1\n"
    assert truncate("y = 3") == "y = 3"


GOLD_LIKE = {
    "1": 'my_string = "{A}"\nmy_string = my_string.lower()\nchars = list(set(my_string))\nchars = sorted(chars)\nprint(chars)\n',
    "3": "def minutes_to_seconds(m):\n    return m * 60\n\ndef hours_to_seconds(h):\n    return h * 3600\n\n"
         "print(hours_to_seconds({a1}) + minutes_to_seconds({a2}))\n",
    "4": "def fib(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n\n"
         "def square(x):\n    return x * x\n\nsquare(fib({a1}))\n",  # last expression, no print: the checker adds it
}


@pytest.mark.parametrize("pid", sorted(GOLD_LIKE))
def test_gold_like_programs_pass_every_input(problems, pid):
    p = problems[pid]
    for case, (inputs, gold) in enumerate(zip(p.inputs, p.outputs)):
        program = PREFIX + GOLD_LIKE[pid].format(**inputs)
        verdict = score_program(program, gold)
        assert verdict["passed"], (pid, case, verdict)


def test_wrong_outputs_fail(problems):
    p = problems["3"]
    program = PREFIX + GOLD_LIKE["3"].format(**p.inputs[0]).replace("* 60", "* 61")
    assert not score_program(program, p.outputs[0])["passed"]
    crash = score_program(PREFIX + "print(1 / 0)\n", 1)
    assert not crash["passed"] and "ZeroDivisionError" in crash["error"]
    silent = score_program(PREFIX + "x = 1\nfor i in range(3):\n    x += i\n", 4)
    assert not silent["passed"]  # nothing printed, and a for loop cannot be turned into a print


def test_casting_rules_of_the_original_checker():
    assert score_program(PREFIX + "print('7980')\n", 7980)["passed"]  # cast to the gold type
    assert score_program(PREFIX + "print(np.float64(0.1 + 0.2))\n", 0.3)["passed"]  # floats within 1e-6
    assert not score_program(PREFIX + "print(0.3001)\n", 0.3)["passed"]
    assert score_program(PREFIX + "print(np.array([1, 2]))\n", [1, 2])["passed"]
    assert score_program(PREFIX + "print(True)\n", True)["passed"]
    assert score_program(PREFIX + "print('True')\n", True)["passed"]  # bools compare as strings
    assert not score_program(PREFIX + "print({'1': 2})\n", {"1": 2})["passed"]  # dict: not comparable


def test_turn_loop_with_a_scripted_completion_model(problems, scripted):
    """A scripted 'model' that writes the right code for each instruction of problem 3 scores 5/5."""
    answers = {
        "integer minutes": "def minutes_to_seconds(m):\n    return m * 60\n\n\n\n# junk after the cut",
        "integer hours": "def hours_to_seconds(h):\n    return h * 3600\n",
        "Print the total": "print(hours_to_seconds({a1}) + minutes_to_seconds({a2}))\nprint('extra')\n",
    }

    def answer(req):
        instruction = req.prompt.rstrip("\n").rsplit("\n", 1)[-1]
        for key, code in answers.items():
            if key in instruction:
                nums = re.findall(r"\d+", instruction)
                return code.format(a1=nums[0], a2=nums[1]) if "{a1}" in code else code
        raise AssertionError(instruction)

    backend = scripted(answer, is_chat=False)
    p = problems["3"]
    cases = generate_cases([p], backend)
    assert len(cases) == 5 and all(len(c.turns) == 3 for c in cases)
    assert all(r.prompt.startswith(PREFIX) and r.max_new_tokens == 128 for r in backend.requests)
    assert "junk" not in cases[0].history and "extra" not in cases[0].history
    score_cases(cases)
    summary = summarize(cases)
    assert summary["passed"] == 5 and summary["pass_rate"] == 1.0
    assert summary["per_problem"] == {"3": 5}
