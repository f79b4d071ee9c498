"""Keyword arguments a translation passed by position without their names, put back by the source's call."""
from translate.project.keyword_calls import place_dropped_keywords
from translate.source.languages import get_language
from translate.translation.records import FAILED, OK, UnitRecord

JS = get_language("javascript")
SIGS = {"colored": ["text", "color", "onColor", "attrs", "**"], "tc.colored": ["text", "color", "onColor", "attrs"],
        "pair": ["a", "b", "c"]}


def unit(source: str, output: str, status: str = OK) -> UnitRecord:
    return UnitRecord(0, "function", "t", "t", source, status=status, output=output)


def test_a_dropped_keyword_goes_to_its_parameter_with_undefined_in_the_gap():
    src = "def t(c):\n    assert colored('x', on_color=c) == 1\n    assert tc.colored('x', attrs=[c]) == 2\n"
    out = "function t(c) {\n    assert(colored('x', c) === 1);\n    assert(tc.colored('x', [c]) === 2);\n}\n"
    text, notes = place_dropped_keywords(out, [unit(src, out)], JS, {}, SIGS)
    assert text == out.replace("colored('x', c)", "colored('x', undefined, c)").replace(
        "tc.colored('x', [c])", "tc.colored('x', undefined, undefined, [c])"), text
    assert [n.split(":")[0] for n in notes] == ["line 2", "line 3"]


def test_calls_already_right_or_not_paired_with_certainty_are_left_alone():
    cases = [
        ("pair(1, b=2)", "pair(1, 2)"),  # the keyword is already in its place
        ("pair(1, c=3, b=2)", "pair(1, 2, 3)"),  # keywords out of parameter order: which value is which is unknown
        ("pair(1, c=3)", "pair(1, undefined, 3)"),  # the model placed it itself
        ("pair(*xs, c=3)", "pair(...xs, 3)"),  # a spread
        ("colored('x', bold=True)", "colored('x', true)"),  # a keyword only **kwargs takes: no known place
        ("other(1, c=3)", "other(1, 3)"),  # not a project function
    ]
    for src, out in cases:
        text, notes = place_dropped_keywords(out + ";\n", [unit(f"def t():\n    {src}\n", out + ";\n")], JS, {}, SIGS)
        assert (text, notes) == (out + ";\n", []), src
    # as many calls in the source as in the translation, or none is touched
    src = "def t():\n    pair(1, c=3)\n    pair(2, c=4)\n"
    out = "pair(1, 3);\n"
    assert place_dropped_keywords(out, [unit(src, out)], JS, {}, SIGS) == (out, [])
    # a failed unit (kept as a comment) says nothing about the written calls
    assert place_dropped_keywords(out, [unit("def t():\n    pair(1, c=3)\n", out, FAILED)], JS, {}, SIGS) == (out, [])


def test_an_imported_alias_and_a_parameter_renamed_to_the_target_case():
    src = "def t(c):\n    paint('x', on_color=c)\n"
    out = "function t(c) { paint('x', c); }\n"
    text, _ = place_dropped_keywords(out, [unit(src, out)], JS, {"paint": "paint"},
                                     {"paint": ["text", "color", "onColor"]})
    assert text == "function t(c) { paint('x', undefined, c); }\n"
