"""The project-wide symbol map reads Java: packages as module names, top-level types with their methods, single,
wildcard and static imports, same-package visibility, foreign imports, and JUnit test classes with their hooks.

A small Maven-layout project is written to tmp_path and parsed with the project's own tree-sitter grammar.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from translate.project.symbols import Binding, SymbolMap, build_symbols, is_test_path
from translate.source.languages import get_language
from translate.source.units import parse_text

JAVA = get_language("java")

FILES = {
    "src/main/java/shop/Store.java": """package shop;

import java.util.HashMap;
import java.util.Map;
import util.Money;
import static util.Rates.percentOf;

public class Store {
    private final Map<String, Integer> stock = new HashMap<>();
    private final Map<String, Item> items = new HashMap<>();

    public Store() { this(10); }
    public Store(int capacity) { }
    private Store(int capacity, boolean open) { }

    public void add(Item item) { add(item, 1); }

    public void add(Item item, int count) {
        items.put(item.getName(), item);
        stock.merge(item.getName(), count, Integer::sum);
    }

    public double sell(String name, int count, int percent) {
        Integer have = stock.get(name);
        if (have == null || have < count) throw new OutOfStockException(name);
        stock.put(name, have - count);
        return Money.round(items.get(name).getPrice() * count * (100 - percentOf(percent)) / 100);
    }

    protected int count(String name) { return stock.getOrDefault(name, 0); }

    private void audit() { }
}
""",
    "src/main/java/shop/Item.java": """package shop;

public class Item implements Comparable<Item>, java.io.Serializable {
    private final String name;
    private final double price;

    public Item(String name, double price) { this.name = name; this.price = price; }

    public String getName() { return name; }
    public double getPrice() { return price; }
    public int compareTo(Item other) { return name.compareTo(other.name); }
}
""",
    "src/main/java/shop/OutOfStockException.java": """package shop;

public class OutOfStockException extends RuntimeException {
    public OutOfStockException(String name) { super(name + " is out of stock"); }
}
""",
    "src/main/java/util/Money.java": """package util;

public final class Money {
    private Money() { }
    public static double round(double amount) { return Math.round(amount * 100) / 100.0; }
    public static final class Cents { }
}
""",
    "src/main/java/util/Rates.java": """package util;

public class Rates {
    public static int percentOf(int p) { return Math.max(0, Math.min(100, p)); }
}
""",
    "src/main/java/report/Summary.java": """package report;

import shop.*;
import shop.Store;
import java.util.*;
import util.Money.Cents;
import static util.Rates.*;

public class Summary<T extends Item> extends Base<T> {
    public String describe(Store store, List<String> names) { return names.toString(); }
}

class Base<T> { }
""",
    "src/test/java/shop/StoreTest.java": """package shop;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StoreTest {
    private Store store;

    @BeforeEach
    void setUp() {
        store = new Store();
        store.add(new Item("pen", 2.0), 3);
    }

    @Test
    void sellsWithDiscount() {
        assertEquals(3.0, store.sell("pen", 2, 25), 1e-9);
    }

    @Test
    void refusesMoreThanStock() {
        assertThrows(OutOfStockException.class, () -> store.sell("pen", 5, 0));
    }

    void helper() { }
}
""",
    # named like a test, but no @Test method: not a test (build_symbols' rule, and the annotation rule)
    "src/test/java/shop/TestData.java": """package shop;

public class TestData {
    public static Item pen() { return new Item("pen", 2.0); }
}
""",
}


@pytest.fixture
def symbols(tmp_path: Path) -> SymbolMap:
    for rel, text in FILES.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    paths = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.java"))
    return build_symbols((rel, parse_text((tmp_path / rel).read_text(), JAVA, rel)) for rel in paths)


def test_module_names_come_from_the_package(symbols: SymbolMap) -> None:
    assert sorted(symbols.modules) == ["report.Summary", "shop.Item", "shop.OutOfStockException", "shop.Store",
                                       "shop.StoreTest", "shop.TestData", "util.Money", "util.Rates"]
    store = symbols.by_path["src/main/java/shop/Store.java"]
    assert (store.module, store.package, store.language) == ("shop.Store", "shop", "java")
    assert symbols.find("shop.Store") is store and symbols.find("Store") is store


def test_a_file_without_a_package_keeps_its_path_name() -> None:
    rel = "src/main/java/Main.java"
    symbols = build_symbols([(rel, parse_text("public class Main { public static void main(String[] args) {} }",
                                              JAVA, rel))])
    m = symbols.by_path[rel]
    assert (m.module, m.package) == ("src.main.java.Main", None)
    assert m.defined["Main"].methods == (("main", ("args",)),)


def test_defined_classes_with_methods_and_params(symbols: SymbolMap) -> None:
    store = symbols.modules["shop.Store"].defined["Store"]
    assert (store.module, store.kind, store.bases) == ("shop.Store", "class", ())
    # __init__ first (the longest non-private constructor), overloads once (the longest), no private methods
    assert store.methods == (("__init__", ("capacity",)), ("add", ("item", "count")),
                             ("sell", ("name", "count", "percent")), ("count", ("name",)))
    item = symbols.modules["shop.Item"].defined["Item"]
    assert item.bases == ("Comparable", "Serializable")
    assert item.methods[0] == ("__init__", ("name", "price"))
    exc = symbols.modules["shop.OutOfStockException"].defined["OutOfStockException"]
    assert exc.bases == ("RuntimeException",) and exc.methods == (("__init__", ("name",)),)
    money = symbols.modules["util.Money"].defined["Money"]
    assert money.methods == (("round", ("amount",)),)  # its private constructor is not offered
    summary = symbols.modules["report.Summary"]
    assert list(summary.defined) == ["Summary", "Base"]  # a package-private top-level class too
    assert summary.defined["Summary"].bases == ("Base",)
    assert summary.defined["Summary"].methods == (("describe", ("store", "names")),)


def test_other_kinds_of_types() -> None:
    src = """package geo;
interface Shape extends Comparable<Shape> { double area(); }
enum Color { RED("r"), GREEN("g"); private Color(String code) { } public String code() { return ""; } }
record Point(int x, int y) { Point { } public int sum(int... more) { return x + y; } }
private class Hidden { }
"""
    m = build_symbols([("geo/Shape.java", parse_text(src, JAVA, "geo/Shape.java"))]).modules["geo.Shape"]
    assert m.defined["Shape"].bases == ("Comparable",) and m.defined["Shape"].methods == (("area", ()),)
    assert m.defined["Color"].methods == (("__init__", ("code",)), ("code", ()))
    assert list(m.defined) == ["Shape", "Color", "Point"]
    assert m.defined["Point"].methods == (("__init__", ("x", "y")), ("sum", ("*more",)))  # varargs as Python writes them


def test_imports_recorded_as_written(symbols: SymbolMap) -> None:
    store = symbols.modules["shop.Store"]
    assert store.imports == [("java.util.HashMap", "HashMap", "HashMap"), ("java.util.Map", "Map", "Map"),
                             ("util.Money", "Money", "Money"), ("util.Rates", "Rates", "Rates")]
    assert store.level == [0, 0, 0, 0]
    assert store.static_imports == [("util.Rates", "percentOf")]
    summary = symbols.modules["report.Summary"]
    assert summary.imports == [("shop", "*", "*"), ("shop.Store", "Store", "Store"), ("java.util", "*", "*"),
                               ("util.Money.Cents", "Cents", "Cents"), ("util.Rates", "Rates", "Rates")]
    assert summary.static_imports == [("util.Rates", "*")]


def test_bindings_explicit_static_and_same_package(symbols: SymbolMap) -> None:
    store = symbols.modules["shop.Store"]
    assert Binding("Money", "util.Money", "Money") in store.bindings  # explicit import
    assert Binding("Rates", "util.Rates", "Rates") in store.bindings  # static import: through its class
    assert Binding("Item", "shop.Item", "Item") in store.bindings  # same package, no import
    assert Binding("OutOfStockException", "shop.OutOfStockException", "OutOfStockException") in store.bindings
    assert {b.local for b in store.bindings} == {"Money", "Rates", "Item", "OutOfStockException"}  # no test code
    assert not any(b.local == "Store" for b in store.bindings)  # not itself
    assert len({b.local for b in store.bindings}) == len(store.bindings)
    assert store.foreign == ["java.util.HashMap", "java.util.Map"]
    origin = symbols.origin("shop.Store", "Item")
    assert origin is not None and origin.module == "shop.Item"
    # a test beside its class sees the package's main classes (and its helpers), and not the other packages
    test = symbols.modules["shop.StoreTest"]
    assert {b.local for b in test.bindings} == {"Store", "Item", "OutOfStockException", "TestData"}


def test_bindings_wildcard(symbols: SymbolMap) -> None:
    summary = symbols.modules["report.Summary"]
    wild = {b.local: b for b in summary.bindings if b.module.startswith("shop.")}
    assert wild == {n: Binding(n, f"shop.{n}", n) for n in ("Item", "OutOfStockException", "Store")}  # not tests
    assert Binding("Rates", "util.Rates", "Rates") in summary.bindings
    assert [b.local for b in summary.bindings].count("Store") == 1  # imported and matched by the wildcard
    assert Binding("Cents", "util.Money", "Cents") in summary.bindings  # a nested class: through its file
    assert summary.foreign == ["java.util.*"]  # a wildcard of no project package, as written


def test_junit_test_class_hooks_and_foreign(symbols: SymbolMap) -> None:
    test = symbols.modules["shop.StoreTest"]
    assert test.is_test and test.tests == []
    assert test.test_classes == {"StoreTest": ["sellsWithDiscount", "refusesMoreThanStock"]}
    assert test.test_hooks == {"StoreTest": {"before_each": ["setUp"], "after_each": [], "before_all": [],
                                             "after_all": []}}
    assert test.foreign == ["org.junit.jupiter.api.BeforeEach", "org.junit.jupiter.api.Test",
                            "org.junit.jupiter.api.Assertions"]
    assert test.static_imports == [("org.junit.jupiter.api.Assertions", "assertEquals"),
                                   ("org.junit.jupiter.api.Assertions", "assertThrows")]
    assert "StoreTest" in test.defined and test.defined["StoreTest"].methods[0] == ("setUp", ())
    for name in ("shop.Store", "shop.Item", "shop.TestData", "report.Summary"):
        m = symbols.modules[name]
        assert not m.is_test and m.test_classes == {} and m.test_hooks == {}


def test_junit4_annotations_and_file_name_rule() -> None:
    src = """package legacy;
import org.junit.Test;
public class LegacyTests {
    @org.junit.BeforeClass public static void boot() { }
    @org.junit.Before public void init() { }
    @After public void done() { }
    @org.junit.Test public void one() { }
    @Test(expected = IllegalStateException.class) public void two() { }
    @ParameterizedTest void notCollected(int x) { }
}
"""
    for rel, tested in (("src/test/java/legacy/LegacyTests.java", True), ("src/main/java/legacy/Legacy.java", False)):
        m = build_symbols([(rel, parse_text(src, JAVA, rel))]).by_path[rel]
        if tested:
            assert m.test_classes == {"LegacyTests": ["one", "two"]}
            assert m.test_hooks["LegacyTests"] == {"before_each": ["init"], "after_each": ["done"],
                                                   "before_all": ["boot"], "after_all": []}
        else:  # not named like a test file: no tests
            assert m.test_classes == {} and m.test_hooks == {} and not m.is_test


def test_test_paths() -> None:
    for rel in ("src/test/java/shop/StoreTest.java", "src/test/java/shop/StoreTests.java",
                "src/test/java/shop/TestStore.java"):
        assert is_test_path(rel, "java") and is_test_path(rel)
    for rel in ("src/main/java/shop/Store.java", "src/main/java/shop/Contest.javax"):
        assert not is_test_path(rel, "java") and not is_test_path(rel)
    assert not is_test_path("StoreTest.java", "python") and not is_test_path("test_store.py", "java")
    assert is_test_path("tests/test_store.py") and is_test_path("tests/test_store.py", "python")
