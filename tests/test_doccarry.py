"""A Python unit's docstring is carried into its translation as a doc comment (translate/translation/doccarry.py)."""
from __future__ import annotations

from translate import get_language
from translate.source.validate import validate
from translate.translation.doccarry import carry_doc

JS, GO, PY = get_language("javascript"), get_language("go"), get_language("python")


def test_one_line_docstring_becomes_a_jsdoc_line():
    out = carry_doc("function f(x) {\n  return x;\n}\n", '"""Return x."""', JS)
    assert out == "/** Return x. */\nfunction f(x) {\n  return x;\n}\n"
    assert not validate(out, JS)


def test_multi_line_docstring_is_dedented_and_keeps_the_answers_indentation():
    doc = '"""Sum of squares.\n\n    Negative values count too.\n    """'
    out = carry_doc("\n  function f(v) { return 0; }\n", doc, JS)
    assert out == "\n  /**\n   * Sum of squares.\n   *\n   * Negative values count too.\n   */\n  function f(v) { return 0; }\n"


def test_go_gets_line_comments():
    assert carry_doc("func f() {}\n", "'''Do nothing.'''", GO) == "// Do nothing.\nfunc f() {}\n"


def test_answers_with_their_own_comment_python_targets_and_no_docstring_are_unchanged():
    assert carry_doc("// mine\nfunction f() {}\n", '"""Theirs."""', JS) == "// mine\nfunction f() {}\n"
    assert carry_doc("/** mine */\nfunction f() {}\n", '"""Theirs."""', JS) == "/** mine */\nfunction f() {}\n"
    assert carry_doc("def f():\n    pass\n", '"""Doc."""', PY) == "def f():\n    pass\n"
    assert carry_doc("function f() {}\n", None, JS) == "function f() {}\n"


def test_a_comment_closer_in_the_docstring_cannot_end_the_comment_early():
    out = carry_doc("function f() {}\n", '"""Strips */ and more."""', JS)
    assert not validate(out, JS) and "*/ and" not in out


def test_translate_file_puts_the_docstring_above_the_translated_function(tmp_path):
    from translate.engines.scripted import ScriptedBackend
    from translate.translation.pipeline import TranslateOptions, translate_sources

    src = 'def twice(x):\n    """Double x."""\n    return 2 * x\n'
    code = "function twice(x) {\n  return 2 * x;\n}\n```"
    backend = ScriptedBackend(["```javascript\n" + code])  # backends return the forced prefix too
    [res] = translate_sources([("m.py", src, "python")], "javascript", backend, TranslateOptions(max_turns=1))
    assert "/** Double x. */\nfunction twice(x) {" in res.text
