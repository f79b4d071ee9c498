"""``translate repo --check`` for Java targets: small projects compiled by the real javac with the JUnit 5 shim and
their tests run by the shim's runner in the sandbox (one javac per project), plus the parsers on fixed text."""
from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from translate.project import check
from translate.project import check_java as cj
from translate.project.blame import frames
from translate.project.build import build_files
from translate.project.check import CheckResult
from translate.project.checkers import CHECKERS
from translate.sandbox import missing_tool

needs_java = pytest.mark.skipif(missing_tool("java") is not None, reason="no javac/java")

MAIN, TEST = "src/main/java/shop", "src/test/java/shop"
STORE = """package shop;

import java.util.HashMap;
import java.util.Map;

public class Store {
    private final Map<String, Integer> stock = new HashMap<>();

    public void add(String name, int n) {
        stock.merge(name, n, Integer::sum);
    }

    public int sell(String name) {
        Integer n = stock.get(name);
        if (n == null) {
            throw new IllegalStateException("no " + name);
        }
        stock.put(name, n - 1);
        return n - 1;
    }

    public double price(String name) {
        return name.length() * 1.5;
    }

    public static Store broken() {
        throw new UnsupportedOperationException("closed");
    }
}
"""
STORE_TEST = """package shop;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

class StoreTest {
    private Store store;

    @BeforeEach
    void setUp() {
        store = new Store();
        store.add("pen", 2);
    }

    @Test
    void sells() {
        assertEquals(1, store.sell("pen"));
        assertEquals(0, store.sell("pen"));
        assertEquals(3, List.of(3).get(0));
    }

    @Test
    void prices() {
        assertEquals(3.0, store.price("ab"), 1e-9);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.sell("ink"));
        assertEquals("no ink", e.getMessage());
    }

    @Test
    void pricesWrong() {
        assertEquals(4.5, store.price("ab"));
    }

    @Test
    void sellsInk() {
        store.sell("ink");
    }

    @Test
    @Disabled
    void notPorted() {
        fail("disabled tests do not run");
    }

    @Test
    void loops() {
        while (store != null) {
            Thread.onSpinWait();
        }
    }
}
"""
SHELF_TEST = """package shop;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

public class ShelfTest {
    @Test
    public void empty() {
        assertNull(null);
        assertArrayEquals(new int[] {1, 2}, new int[] {1, 2});
    }

    @Test
    void counts() {
        assertTrue(new Store().price("") == 0.0, "free");
    }

    @Test
    void messagesLikeJUnit() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertEquals(3, 4, "m"));
        assertEquals("m ==> expected: <3> but was: <4>", e.getMessage());
        assertEquals("3", e.getExpected().getStringRepresentation());
        e = assertThrows(AssertionFailedError.class, () -> assertArrayEquals(new int[] {1, 2}, new int[] {1, 3}));
        assertEquals("array contents differ at index [1], expected: <2> but was: <3>", e.getMessage());
        e = assertThrows(AssertionFailedError.class, () -> assertThrows(IllegalStateException.class, () -> { }));
        assertEquals("Expected java.lang.IllegalStateException to be thrown, but nothing was thrown.", e.getMessage());
        assertThrows(AssertionFailedError.class, () -> assertEquals(new int[] {1}, new int[] {1}));  // not deep
        assertEquals(Double.NaN, Double.NaN);
        assertNotEquals(0.1 + 0.2, 0.3);
        assertEquals(2, java.util.Map.of("x", 2).get("x"));
    }
}
"""
HELPER = """package shop;

final class Fixtures {
    static Store store() {
        return new Store();
    }
}
"""
BROKEN_TEST = """package shop;

import org.junit.jupiter.api.Test;

class BrokenTest {
    private final Store store = Store.broken();

    @Test
    void never() {
    }
}
"""

OFF_TEST = """package shop;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

@Disabled("not ported")
class OffTest {
    @Test
    void off() {
        throw new IllegalStateException("disabled classes do not run");
    }
}
"""


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def _by_path(result: CheckResult) -> dict:
    return {f.path: f for f in result.files}


def _case(result: CheckResult, path: str, name: str) -> check.TestCase:
    return next(c for c in _by_path(result)[path].tests if c.name == name)


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CheckResult]:
    """One project, one javac: passing, failing, erroring, timing-out and unloadable tests, a test file without
    tests, and a module path that is a symlink to a file outside the project."""
    root = tmp_path_factory.mktemp("shop")
    dst = _write(root / "out", {f"{MAIN}/Store.java": STORE, f"{TEST}/StoreTest.java": STORE_TEST,
                                f"{TEST}/ShelfTest.java": SHELF_TEST, f"{TEST}/Fixtures.java": HELPER,
                                f"{TEST}/BrokenTest.java": BROKEN_TEST, f"{TEST}/OffTest.java": OFF_TEST})
    outside = _write(root, {"Leak.java": "package shop;\nclass Leak { this does not compile }\n"}) / "Leak.java"
    os.symlink(outside, dst / MAIN / "Leak.java")
    before = sorted(p.relative_to(dst).as_posix() for p in dst.rglob("*"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(cj, "TEST_TIMEOUT_S", 1)
        result = cj.check_java(dst, [f"{MAIN}/Store.java", f"{MAIN}/Leak.java"],
                               [f"{TEST}/StoreTest.java", f"{TEST}/ShelfTest.java", f"{TEST}/Fixtures.java",
                                f"{TEST}/BrokenTest.java", f"{TEST}/OffTest.java"], [])
    assert sorted(p.relative_to(dst).as_posix() for p in dst.rglob("*")) == before  # nothing written to DST
    return dst, result


@needs_java
def test_the_project_builds_and_counts_per_file(shop: tuple[Path, CheckResult]) -> None:
    _, result = shop
    assert result.tool == "javac + JUnit 5 shim"
    assert result.skipped is None
    assert result.builds is True and result.build_errors == []  # the outside Leak.java was not copied
    files = _by_path(result)
    assert [f.path for f in result.files] == [f"{TEST}/StoreTest.java", f"{TEST}/ShelfTest.java",
                                              f"{TEST}/Fixtures.java", f"{TEST}/BrokenTest.java",
                                              f"{TEST}/OffTest.java"]
    assert (files[f"{TEST}/ShelfTest.java"].passed, files[f"{TEST}/ShelfTest.java"].failed) == (3, 0)
    assert files[f"{TEST}/ShelfTest.java"].ok
    store = files[f"{TEST}/StoreTest.java"]
    assert [(c.name, c.passed) for c in store.tests] == [
        ("StoreTest.loops", False), ("StoreTest.prices", True), ("StoreTest.pricesWrong", False),
        ("StoreTest.sells", True), ("StoreTest.sellsInk", False)]  # by name; the @Disabled one did not run
    assert (store.passed, store.failed, store.error) == (2, 3, None)
    assert (result.passed, result.failed) == (5, 3)


@needs_java
def test_a_failing_assertion_has_expected_actual_and_its_frame(shop: tuple[Path, CheckResult]) -> None:
    _, result = shop
    case = _case(result, f"{TEST}/StoreTest.java", "StoreTest.pricesWrong")
    assert case.error == "expected: <4.5> but was: <3.0>"
    assert case.details["name"] == "AssertionFailedError"
    assert (case.details["expected"], case.details["actual"]) == ("4.5", "3.0")
    assert case.details["stack"] == f"StoreTest.pricesWrong ({TEST}/StoreTest.java:35:0)"
    found = frames(case, [f"{MAIN}/Store.java", f"{TEST}/StoreTest.java"])  # blame reads the frames
    assert [(f.function, f.output, f.line) for f in found] == [("StoreTest.pricesWrong", f"{TEST}/StoreTest.java", 35)]


@needs_java
def test_an_exception_in_project_code_names_its_class_and_line(shop: tuple[Path, CheckResult]) -> None:
    _, result = shop
    case = _case(result, f"{TEST}/StoreTest.java", "StoreTest.sellsInk")
    assert case.error == "IllegalStateException: no ink"
    assert case.details["name"] == "IllegalStateException"
    assert "expected" not in case.details
    assert case.details["stack"].splitlines() == [f"Store.sell ({MAIN}/Store.java:16:0)",
                                                  f"StoreTest.sellsInk ({TEST}/StoreTest.java:40:0)"]
    found = frames(case, [f"{MAIN}/Store.java", f"{TEST}/StoreTest.java"])
    assert (found[0].function, found[0].output, found[0].line) == ("Store.sell", f"{MAIN}/Store.java", 16)


@needs_java
def test_an_endless_test_times_out_alone(shop: tuple[Path, CheckResult]) -> None:
    _, result = shop
    case = _case(result, f"{TEST}/StoreTest.java", "StoreTest.loops")
    assert case.error == "TimeoutException: loops() timed out after 1 seconds"
    assert case.details["stack"].splitlines()[0].startswith(f"StoreTest.loops ({TEST}/StoreTest.java:")


@needs_java
def test_files_without_tests_and_a_class_that_cannot_be_made(shop: tuple[Path, CheckResult]) -> None:
    _, result = shop
    files = _by_path(result)
    helper = files[f"{TEST}/Fixtures.java"]
    assert (helper.error, helper.tests) == ("no JUnit test found", [])
    broken = files[f"{TEST}/BrokenTest.java"]
    assert broken.tests == []
    assert broken.error == "UnsupportedOperationException: closed"
    assert broken.error_at == (f"{MAIN}/Store.java", 27)
    off = files[f"{TEST}/OffTest.java"]
    assert (off.error, off.tests) == ("no test ran (all disabled or skipped)", [])


@needs_java
def test_a_compile_error_fails_the_build_and_every_test_file(tmp_path: Path) -> None:
    # outside any method body, so it cannot be set aside (translate.oracle.java_stubs)
    bad_store = STORE.replace("new HashMap<>();", "new HashMap<>(missing);", 1)
    bad_test = SHELF_TEST.replace("assertNull(null);", "assertNull(new Store().nothing());")
    dst = _write(tmp_path, {f"{MAIN}/Store.java": bad_store, f"{TEST}/StoreTest.java": STORE_TEST,
                            f"{TEST}/ShelfTest.java": bad_test})
    result = cj.check_java(dst, [f"{MAIN}/Store.java"], [f"{TEST}/StoreTest.java", f"{TEST}/ShelfTest.java"], [])
    assert result.builds is False
    assert result.build_errors == [
        {"file": f"{MAIN}/Store.java", "error": "line 7: cannot find symbol (symbol: variable missing; "
                                                 "location: class Store)"},
        {"file": f"{TEST}/ShelfTest.java", "error": "line 11: cannot find symbol (symbol: method nothing(); "
                                                    "location: class Store)"}]
    files = _by_path(result)
    assert [f.path for f in result.files] == [f"{TEST}/StoreTest.java", f"{TEST}/ShelfTest.java"]
    store = files[f"{TEST}/StoreTest.java"]
    assert store.error is not None and store.error.startswith(
        f"the project does not compile: {MAIN}/Store.java:7: cannot find symbol")
    assert store.error_at == (f"{MAIN}/Store.java", 7)  # the module's error
    shelf = files[f"{TEST}/ShelfTest.java"]
    assert shelf.error is not None
    assert shelf.error.startswith(f"the project does not compile: {TEST}/ShelfTest.java:11:")
    assert shelf.error_at == (f"{TEST}/ShelfTest.java", 11)  # its own error first
    assert (result.passed, result.failed, store.tests, shelf.tests) == (0, 0, [], [])


def test_without_javac_the_check_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty directory
    result = cj.check_java(tmp_path, [], ["T.java"], [])
    assert (result.skipped, result.builds, result.files) == ("no javac", None, [])


def test_parse_javac_errors_with_details() -> None:
    out = """shop/Store.java:12: error: cannot find symbol
        return n - missing;
                   ^
  symbol:   variable missing
  location: class Store
shop/Store.java:20: error: ';' expected
        int x = 1
                 ^
Note: Some input files use unchecked or unsafe operations.
2 errors
"""
    assert cj.parse_javac(out) == [("shop/Store.java", 12,
                                    "cannot find symbol (symbol: variable missing; location: class Store)"),
                                   ("shop/Store.java", 20, "';' expected")]
    assert cj.parse_javac("error: file not found: X.java\n") == []


def test_rewrite_stack_maps_frames_to_project_paths() -> None:
    project = [f"{MAIN}/Store.java", f"{TEST}/StoreTest.java", "a/Util.java", "b/Util.java"]
    stack = "\n".join(["shop.Store$Shelf.take(Store.java:7)", "shop.StoreTest.lambda$t$0(StoreTest.java:9)",
                       "c.Util.f(Util.java:3)", "other.Gone.g(Gone.java:4)", "shop.Store.native(Unknown Source)",
                       "not a frame"])
    assert cj.rewrite_stack(stack, project).splitlines() == [
        f"Store.Shelf.take ({MAIN}/Store.java:7:0)", f"StoreTest.lambda$t$0 ({TEST}/StoreTest.java:9:0)",
        "Util.f (Util.java:3:0)",  # two project files are named Util.java and neither is in package c
        "Gone.g (Gone.java:4:0)", "Store.native (Unknown Source)"]
    assert cj.rewrite_stack("a.Util.f(Util.java:3)", project) == "Util.f (a/Util.java:3:0)"


def test_test_classes_reads_package_and_test_methods() -> None:
    src = b"""package a.b;
import org.junit.jupiter.api.Test;
class Plain { void x() {} }
public class FirstTest { @org.junit.jupiter.api.Test void t() {} static class Inner { @Test void u() {} } }
abstract class BaseTest { @Test void t() {} }
class SecondTest { @Test @Disabled void t() {} }
interface I {}
"""
    assert cj.test_classes(src) == ["a.b.FirstTest", "a.b.SecondTest"]
    assert cj.test_classes(b"class T { @Test void t() {} }") == ["T"]
    assert cj.test_classes(b"class T { void t() {} }") == []


def test_parse_report_reads_lines_and_the_end() -> None:
    out = ('junk\nTRANSLATE-TEST {"class": "a.T", "test": "t", "ok": true}\n'
           'TRANSLATE-TEST {"class": "a.T", "test": "u", "ok": false, "error": "caf\\u00e9 \\ud800", "stack": ""}\n'
           'TRANSLATE-TEST {"class": "a.T", "te\nTRANSLATE-TEST-DONE\n')
    items, done = cj.parse_report(out)
    assert done is True
    assert [(i["test"], i["ok"]) for i in items] == [("t", True), ("u", False)]
    assert items[1]["error"] == "caf\u00e9 \ufffd"  # a lone surrogate replaced
    assert cj.parse_report(out.replace("TRANSLATE-TEST-DONE", ""))[1] is False


def test_java_is_registered_and_gets_a_pom() -> None:
    assert CHECKERS["java"] is cj.check_java
    files = build_files("java", "My Shop & Co")
    assert list(files) == ["pom.xml"]
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    pom = ET.fromstring(files["pom.xml"])
    assert pom.findtext("m:artifactId", namespaces=ns) == "my-shop-co"
    assert pom.findtext("m:description", namespaces=ns) == "Migrated from My Shop & Co by translate repo"
    assert pom.findtext("m:properties/m:maven.compiler.release", namespaces=ns) == "17"
    dep = pom.find("m:dependencies/m:dependency", ns)
    assert dep is not None and [dep.findtext(f"m:{k}", namespaces=ns) for k in ("artifactId", "version", "scope")] \
        == ["junit-jupiter", "5.11.0", "test"]
    assert pom.findtext("m:build/m:testSourceDirectory", namespaces=ns) == "src/test/java"
