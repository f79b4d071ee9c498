"""``translate repo --check`` for Python targets: a tiny project imported and its tests run under pytest in the
real sandbox (this interpreter and its pytest: nothing to skip on)."""
from __future__ import annotations

from pathlib import Path

from translate.project.check_python import check_python, module_name, parse_junit, source_test_name

STORE = """class Store:
    def __init__(self):
        self.stock = {"pen": 2}

    def sell(self, name):
        return self.stock[name] > 0

    def refuse(self):
        assert 1 == 2, "refused"
"""
STORE_TEST = """import pytest

from shop.store import Store


def test_StoreTest__sells():
    assert Store().sell("pen")


def test_StoreTest__refuses():
    Store().refuse()


@pytest.mark.skip(reason="not ported")
def test_StoreTest__skipped():
    pass


class TestShelf:
    def test_empty(self):
        assert Store().stock
"""


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def test_source_test_name_maps_junit_methods() -> None:
    assert source_test_name("test_StoreTest__sells") == "StoreTest.sells"
    assert source_test_name("test_Store_Test___private") == "Store_Test._private"
    assert source_test_name("test_StoreTest__sells[2]") == "StoreTest.sells[2]"
    assert source_test_name("test_sells") == "test_sells"
    assert source_test_name("test___x") == "test___x"


def test_module_name() -> None:
    assert module_name("shop/store.py") == "shop.store"
    assert module_name("shop/__init__.py") == "shop"
    assert module_name("pyproject.toml") is None


def test_project_builds_and_tests_run(tmp_path: Path) -> None:
    dst = _write(tmp_path, {"shop/__init__.py": "", "shop/store.py": STORE, "tests/shop/store_test.py": STORE_TEST})
    result = check_python(dst, ["shop/__init__.py", "shop/store.py"], ["tests/shop/store_test.py"], [])
    assert result.tool == "pytest" and result.skipped is None
    assert result.builds is True and result.build_errors == []
    [tf] = result.files
    assert tf.path == "tests/shop/store_test.py" and tf.error is None
    by_name = {t.name: t for t in tf.tests}
    assert sorted(by_name) == ["StoreTest.refuses", "StoreTest.sells", "TestShelf.test_empty"]  # the skip left out
    assert by_name["StoreTest.sells"].passed and by_name["TestShelf.test_empty"].passed
    bad = by_name["StoreTest.refuses"]
    assert not bad.passed
    assert bad.error is not None and bad.error.startswith("AssertionError: refused")
    assert bad.details["name"] == "AssertionError"
    assert "refused" in bad.details["error"]
    # innermost first, relative to the project, no scratch directory left in it
    assert bad.details["stack"].splitlines() == ["shop/store.py:9", "tests/shop/store_test.py:11"]
    assert (tf.passed, tf.failed, result.passed, result.failed) == (2, 1, 2, 1)
    assert not (tmp_path / ".translate-junit-0.xml").exists()  # DST is not written to


def test_a_test_that_loops_for_ever_fails_alone_with_the_stack_of_its_loop(tmp_path: Path, monkeypatch) -> None:
    """sqids' migrated tests: one encoding loop that never ends made every test file run out of its time, and the
    report said nothing of any test."""
    import translate.project.check_python as cp

    monkeypatch.setattr(cp, "PER_TEST_SECONDS", 0.5)
    loop = "def spin(n):\n    while n > 0:\n        try:\n            n += 1\n        except Exception:\n" \
           "            pass\n    return n\n"
    tests = "from shop.loop import spin\n\n\ndef test_spins():\n    spin(1)\n\n\ndef test_stops():\n" \
            "    assert spin(0) == 0\n"
    dst = _write(tmp_path, {"shop/__init__.py": "", "shop/loop.py": loop, "tests/shop/loop_test.py": tests})
    result = check_python(dst, ["shop/__init__.py", "shop/loop.py"], ["tests/shop/loop_test.py"], [])
    [tf] = result.files
    assert tf.error is None, tf.error
    by_name = {t.name: t for t in tf.tests}
    assert by_name["test_stops"].passed and not by_name["test_spins"].passed
    assert by_name["test_spins"].error.startswith("TimeoutError: the test ran over 0.5 s")
    assert by_name["test_spins"].details["stack"].splitlines()[0].startswith("shop/loop.py:")


def test_syntax_error_fails_the_build(tmp_path: Path) -> None:
    dst = _write(tmp_path, {"shop/store.py": STORE, "shop/broken.py": "def f(:\n    pass\n",
                            "shop/needs.py": "from shop.gone import x\n"})
    result = check_python(dst, ["shop/store.py", "shop/broken.py", "shop/needs.py"], [], [])
    assert result.builds is False
    errors = {e["file"]: e["error"] for e in result.build_errors}
    assert sorted(errors) == ["shop/broken.py", "shop/needs.py"]
    assert errors["shop/broken.py"].startswith("SyntaxError: ")
    assert errors["shop/needs.py"] == "ModuleNotFoundError: No module named 'shop.gone'"
    assert result.files == []


def test_test_file_that_does_not_load(tmp_path: Path) -> None:
    dst = _write(tmp_path, {"shop/store.py": STORE,
                            "tests/shop/bad_test.py": "import shop.missing\n\n\ndef test_a():\n    pass\n",
                            "tests/shop/empty_test.py": "X = 1\n"})
    result = check_python(dst, ["shop/store.py"], ["tests/shop/bad_test.py", "tests/shop/empty_test.py"], [])
    assert result.builds is True
    bad, empty = result.files
    assert bad.tests == [] and bad.error == "ModuleNotFoundError: No module named 'shop.missing'"
    assert empty.tests == [] and empty.error == "no tests collected"
    assert not bad.ok and not empty.ok


def test_malformed_report_is_the_file_error(tmp_path: Path) -> None:
    (tmp_path / "r.xml").write_text("<testsuites><testcase")
    tf = parse_junit(tmp_path / "r.xml", "tests/a_test.py", set())
    assert tf.error is not None and tf.error.startswith("no test report") and tf.tests == []
    tf = parse_junit(tmp_path / "missing.xml", "tests/a_test.py", set())
    assert tf.error is not None and tf.error.startswith("no test report")


def test_report_paths_lose_the_scratch_directory(tmp_path: Path) -> None:
    # a native traceback (``--tb=native`` in a project's own config) names files by their absolute scratch path
    (tmp_path / "r.xml").write_text(
        '<testsuites><testsuite><testcase classname="tests.a_test" name="test_Shop__sells">'
        '<failure message="KeyError: &apos;pen&apos;">Traceback (most recent call last):\n'
        '  File "/tmp/translate-check-x1y2/tests/a_test.py", line 4, in test_Shop__sells\n'
        '  File "/usr/lib/python3/json/__init__.py", line 9, in loads\n'
        '  File "/tmp/translate-check-x1y2/shop/store.py", line 7, in sell\n'
        "KeyError: 'pen'</failure></testcase></testsuite></testsuites>")
    tf = parse_junit(tmp_path / "r.xml", "tests/a_test.py", {"tests/a_test.py", "shop/store.py"})
    [case] = tf.tests
    assert case.name == "Shop.sells" and not case.passed and case.error == "KeyError: 'pen'"
    assert case.details["name"] == "KeyError"
    assert case.details["stack"] == "shop/store.py:7\ntests/a_test.py:4"


def test_a_test_file_that_dies_at_load_says_where(tmp_path: Path) -> None:
    dst = _write(tmp_path, {"shop/store.py": STORE + "\nLIMITS = {'a': 1}\n",
                            "tests/shop/bad_test.py": "from shop.store import LIMITS\n\nFIRST = LIMITS[0]\n\n\n"
                                                      "def test_a():\n    assert FIRST\n"})
    result = check_python(dst, ["shop/store.py"], ["tests/shop/bad_test.py"], [])
    (bad,) = result.files
    assert bad.tests == [] and bad.error == "KeyError: 0" and bad.error_at == ("tests/shop/bad_test.py", 3), bad
