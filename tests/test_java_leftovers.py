"""Java's string and collection calls left in a Python answer, in their Python form
(translation.java_leftovers): real grammar; the pipeline with scripted answers; the project's own methods kept."""
from __future__ import annotations

import pytest

from translate import get_language
from translate.engines.scripted import ScriptedBackend
from translate.translation.java_leftovers import fix_java_leftovers
from translate.translation.pipeline import TranslateOptions, translate_source

PY = get_language("python")
ANSWER = '''def f(s, xs):
    chars = s.split("")
    if s.trim().toLowerCase().equals("abc") and not xs.isEmpty():
        return s.charAt(s.length() - 1) + str(xs.size()) + chars[0]
    return s.toUpperCase()
'''


def test_each_call_python_lacks_becomes_its_python_form_and_runs():
    got, changed = fix_java_leftovers(ANSWER, PY, "static String f(String s, List<String> xs) { }")
    assert changed
    assert "chars = list(s)" in got and "(s.strip().lower() == \"abc\") and not (len(xs) == 0)" in got
    assert "return s[len(s) - 1] + str(len(xs)) + chars[0]" in got and "return s.upper()" in got
    space: dict = {}
    exec(got, space)
    assert space["f"](" ABC ", ["x"]) == " 1 " and space["f"]("q", []) == "Q"
    with pytest.raises(AttributeError):  # as answered
        exec(ANSWER.replace('s.split("")', "list(s)"), space)
        space["f"](" ABC ", ["x"])


def test_a_method_of_that_name_in_the_answer_the_class_or_the_project_is_left_alone():
    java = "static int f(Bag b) { return b.size(); }"
    answer = "def f(b):\n    return b.size()\n"
    assert fix_java_leftovers(answer, PY, java) == ("def f(b):\n    return len(b)\n", True)
    assert fix_java_leftovers(answer, PY, java, "class Bag {\n  int size() { return n; }\n}") == (answer, False)
    assert fix_java_leftovers(answer, PY, java, project_methods=["size"]) == (answer, False)
    defined = "class Bag:\n    def size(self):\n        return 3\n\n\ndef f(b):\n    return b.size()\n"
    assert fix_java_leftovers(defined, PY, java) == (defined, False)
    keep_split = 'def f(s):\n    return s.split("") + s.split(",")\n'  # no Python split takes "": always
    assert fix_java_leftovers(keep_split, PY, java, project_methods=["split"])[0] == \
        'def f(s):\n    return list(s) + s.split(",")\n'
    assert fix_java_leftovers(answer, get_language("javascript"), java) == (answer, False)


def test_a_split_that_lost_its_empty_separator_and_retain_all_are_put_right():
    """sqids' constructor, the next run: ``alphabet.split()`` for Java's ``alphabet.split("")`` (one word, so the
    unique-characters check failed for every alphabet) and Java's ``retainAll`` snake-cased."""
    java = ('Sqids(Builder b) {\n  if (new HashSet<>(Arrays.asList(alphabet.split(""))).size() != n) { }\n'
            '  List<String> wordChars = Arrays.asList(word.split(""));\n}\n')
    answer = ("def __init__(self, b):\n    if len(set(alphabet.split())) != n:\n        pass\n"
              "    chars = set(word.split())\n    chars.retain_all(other)\n    parts = line.split()\n")
    got = fix_java_leftovers(answer, PY, java)[0]
    assert "len(set(list(alphabet)))" in got and "set(list(word))" in got and "parts = line.split()" in got
    assert "chars.intersection_update(other)" in got


def test_a_java_to_python_answer_comes_out_fixed():
    src = "public class Words {\n  static int count(String s) {\n    return s.trim().length();\n  }\n}\n"
    backend = ScriptedBackend({"count": "```python\ndef count(s):\n    return s.trim().length()\n```"})
    res = translate_source(src, "java", "python", backend, TranslateOptions())
    assert "len(s.strip())" in res.text, res.text


def test_translate_repo_tells_each_java_unit_the_projects_methods_of_those_names():
    from translate import parse_text
    from translate.project.context import ProjectContext
    from translate.project.symbols import build_symbols

    java = get_language("java")
    files = {"src/Bag.java": "public class Bag {\n  private int n;\n  public int size() { return n; }\n}\n",
             "src/Use.java": "public class Use {\n  static int f(Bag b) { return b.size(); }\n}\n"}
    parsed = {p: parse_text(t, java, p) for p, t in files.items()}
    ctx = ProjectContext(build_symbols(parsed.items()), PY)
    use = parsed["src/Use.java"].top_units[0]
    assert ctx("src/Use.java", use)["java_methods"] == ["size"]
    assert "java_methods" not in ProjectContext(build_symbols(parsed.items()), get_language("javascript"))(
        "src/Use.java", use)
