"""A Python answer using a standard module it never imports gets the import (translation.py_imports): real
grammar, the pipeline with scripted answers."""
from __future__ import annotations

import pytest

from translate import get_language
from translate.engines.scripted import ScriptedBackend
from translate.translation.pipeline import TranslateOptions, translate_source
from translate.translation.py_imports import add_missing_imports, missing_modules

PY = get_language("python")


def test_free_module_names_read_as_attributes_are_imported_at_the_top():
    code = 'def f(x, s):\n    return math.ceil(x) + len(re.sub("a", "b", s)) + len(string.digits)\n'
    got, fixed = add_missing_imports(code, PY)
    assert fixed and got.startswith("import math\nimport re\nimport string\n\ndef f(x, s):")
    space: dict = {}
    exec(got, space)
    assert space["f"](1.5, "ab") == 14


@pytest.mark.parametrize("code", [
    "import math as m\n\ndef f(x):\n    return m.ceil(x)\n",  # imported under another name
    "def f(math):\n    return math.ceil(1)\n",  # a parameter
    "from math import ceil\n\ndef f(x):\n    return ceil(x)\n",
    "def f(xs):\n    for re in xs:\n        re.strip()\n    return [os.x for os in xs]\n",  # loop targets
    "def f():\n    return numpy.zeros(3) + helpers.g()\n",  # not the standard library
    "def f(t):\n    return types.get(t)\n",  # a stdlib name more likely a missing local
    "def f(:\n    return math.ceil(1)\n",  # does not parse
])
def test_names_bound_in_the_answer_or_not_standard_modules_get_no_import(code):
    assert add_missing_imports(code, PY) == (code, False)


def test_the_import_goes_after_a_docstring_and_future_imports():
    code = '"""Doc."""\nfrom __future__ import annotations\n\nX = collections.Counter("aab")\n'
    got = add_missing_imports(code, PY)[0]
    assert got.startswith('"""Doc."""\nfrom __future__ import annotations\nimport collections\n'), got
    assert missing_modules(got, PY) == [] and missing_modules(code, get_language("javascript")) == []


def test_a_java_method_answered_without_its_import_runs_in_the_assembled_file():
    src = "public class Grid {\n  static int cells(int n, double per) {\n    return (int) Math.ceil(n / per);\n  }\n}\n"
    backend = ScriptedBackend({"cells": "```python\ndef cells(n, per):\n    return int(math.ceil(n / per))\n```"})
    res = translate_source(src, "java", "python", backend, TranslateOptions())
    assert "import math" in res.text, res.text
    space: dict = {}
    exec(res.text, space)
    cells = space["Grid"].cells if "Grid" in space else space["cells"]
    assert cells(7, 2.0) == 4
