"""Java's exceptions as the Python errors the migrated tests expect (translate.translation.java_raises)."""
from __future__ import annotations

import runpy
from pathlib import Path

import pytest

from translate import get_language
from translate.translation.java_raises import PYTHON_ERROR, fix_raises
from translate.translation.pipeline import TranslateOptions, translate_source

JAVA, PY = get_language("java"), get_language("python")
TEMPLATE = Path(__file__).resolve().parent.parent / "translate" / "project" / "templates" / "junit_asserts.py"

SOURCE = '''public double distance(String s1, String s2) {
    if (s1 == null) {
        throw new NullPointerException("s1 must not be null");
    }
    if (s1.isEmpty()) {
        throw new IllegalArgumentException("empty");
    }
    if (s2 == null) {
        throw new OddException("s2");
    }
    return 0;
}
'''
ANSWER = '''def distance(s1, s2):
    if s1 is None:
        raise ValueError("s1 must not be None")
    if s1 == "":
        raise ValueError("empty")
    if s2 is None:
        raise OddException("s2")
    return 0
'''


def test_each_raise_gets_the_error_the_template_maps_the_source_exception_to():
    got, changed = fix_raises(ANSWER, PY, SOURCE, JAVA)
    assert changed
    assert 'raise TypeError("s1 must not be None")' in got and 'raise ValueError("empty")' in got
    assert 'raise OddException("s2")' in got  # the project's own exception: as written
    asserts = runpy.run_path(str(TEMPLATE))
    space = {"OddException": type("OddException", (Exception,), {})}
    exec(got, space)
    asserts["assertThrows"](asserts["NullPointerException"], lambda: space["distance"](None, "x"))


@pytest.mark.parametrize("answer", [
    ANSWER.replace('    if s2 is None:\n        raise OddException("s2")\n', ""),  # fewer raises: not the same places
    ANSWER.replace("raise ValueError(\"s1", "raise AttributeError(\"s1"),  # already one the template accepts
])
def test_left_alone_where_the_places_do_not_match_or_the_error_is_accepted(answer):
    got, _ = fix_raises(answer, PY, SOURCE, JAVA)
    assert "raise TypeError" not in got


def test_the_table_is_the_templates():
    asserts = runpy.run_path(str(TEMPLATE))
    for java, python in PYTHON_ERROR.items():
        accepted = asserts[java] if isinstance(asserts[java], tuple) else (asserts[java],)
        assert python in {e.__name__ for e in accepted}, java


def test_through_the_pipeline(scripted):
    java = "public class Lev {\n" + SOURCE.replace("public double", "  public static double") + "}\n"
    backend = scripted({"distance": f"```python\n{ANSWER}```"})
    res = translate_source(java, "java", "python", backend, TranslateOptions())
    assert 'raise TypeError("s1 must not be None")' in res.text
