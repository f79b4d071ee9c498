"""Python tests translated to JUnit 5 by rule (translate.translation.pytest_junit): what is covered comes out with
the same calls, values and expectations, compiles and passes against the project's Java; anything not covered is
left to the model (``None``), never half translated."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from translate.translation.pytest_junit import JavaProject, pytest_function
from translate.translation.unittest_junit import unittest_class

SHIM = Path(__file__).resolve().parent.parent / "translate" / "project" / "templates" / "junit_shim"
PROJECT = JavaProject(functions={"discount": "discount", "order_total": "orderTotal", "split_total": "splitTotal"},
                      classes={"Store": "Store", "Item": "Item", "OutOfStock": "OutOfStock"},
                      exceptions=frozenset({"OutOfStock"}))

SELL = '''def test_sell_reduces_stock():
    store = Store()
    store.add(Item("pen", 1.5), 4)
    assert store.sell("pen", 2) == 3.0
    try:
        store.sell("pen", 3)
    except OutOfStock:
        pass
    else:
        raise AssertionError("expected OutOfStock")
'''
SELL_JAVA = """@Test
void testSellReducesStock() {
    var store = new Store();
    store.add(new Item("pen", 1.5), 4);
    assertEquals(3.0, store.sell("pen", 2));
    assertThrows(OutOfStock.class, () -> {
        store.sell("pen", 3);
    });
}"""

LITERALS = '''def test_order_total_and_split() -> None:
    """Literals in the project's Java shapes."""
    items = [Item("pen", 1.5), Item('cap', 2.0)]
    assert order_total(items) == pytest.approx(3.5), "the sum"
    assert split_total(7) == (3, 4)
    names = {"pen": 1, "cap": 2}
    assert discount(10, 150) == 0
    assert not discount(20, 10) < 10
    assert Store().find("ink") is None
    assert 45 == discount(50, 10)
    with pytest.raises(ValueError):
        discount(-1, 10)
'''
LITERALS_JAVA = """@Test
void testOrderTotalAndSplit() {
    var items = new ArrayList<>(List.of(new Item("pen", 1.5), new Item("cap", 2.0)));
    assertEquals(3.5, orderTotal(items), 3.5e-06, "the sum");
    assertEquals(Map.entry(3, 4), splitTotal(7));
    var names = new HashMap<>(Map.of("pen", 1, "cap", 2));
    assertEquals(0, discount(10, 150));
    assertFalse(discount(20, 10) < 10);
    assertNull(new Store().find("ink"));
    assertEquals(45, discount(50, 10));
    assertThrows(IllegalArgumentException.class, () -> {
        discount(-1, 10);
    });
}"""

STRINGS = r'''def test_item_names():
    item = Item('it\'s "q" \\ \t é 中', 0.5)
    assert item.name == 'it\'s "q" \\ \t é 中'
    assert item.days_left > -1
    item.days_left = 2 * 3 + 1
    assert item.days_left == 7
    assert item.price / 2.0 == 0.25
'''
STRINGS_JAVA = r"""@Test
void testItemNames() {
    var item = new Item("it's \"q\" \\ \t \u00e9 \u4e2d", 0.5);
    assertEquals("it's \"q\" \\ \t \u00e9 \u4e2d", item.name);
    assertTrue(item.daysLeft > -1);
    item.daysLeft = 2 * 3 + 1;
    assertEquals(7, item.daysLeft);
    assertEquals(0.25, item.price / 2.0);
}"""

PRICING = '''class TestPricing(unittest.TestCase):
    """Pricing, as a unittest class."""

    def setUp(self):
        self.store = Store()
        self.rate = 0.25
        self.items = [Item("pen", 1.5), Item("cap", 2.0)]
        self.stock()

    def test_total(self):
        self.assertAlmostEqual(order_total(self.items), 3.5)
        self.assertAlmostEqual(order_total(self.items), 3.5, 2, "close")
        self.assertAlmostEqual(order_total(self.items), 3.49, delta=0.02)
        self.assertGreater(self.rate, 0.1)
        self.assertEqual(self.store.sell("pen", 1), 1.5, msg="one pen")

    def test_out_of_stock(self):
        store = Store()
        self.assertRaises(OutOfStock, store.sell, "pen", 1)
        self.assertRaises(ValueError, discount, -1, 0)
        with self.assertRaises(OutOfStock):
            self.store.sell("pen", 99)
        self.assertIsNone(self.store.find("ink"))
        self.assertTrue(self.store.has("pen"))

    def stock(self):
        self.store.add(Item("pen", 1.5), 4)
'''
PRICING_JAVA = """class TestPricing {
    private Store store;
    private double rate;
    private List<Item> items;

    @BeforeEach
    void setUp() {
        store = new Store();
        rate = 0.25;
        items = new ArrayList<>(List.of(new Item("pen", 1.5), new Item("cap", 2.0)));
        stock();
    }

    @Test
    void testTotal() {
        assertEquals(3.5, orderTotal(items), 0.5e-7);
        assertEquals(3.5, orderTotal(items), 0.5e-2, "close");
        assertEquals(3.49, orderTotal(items), 0.02);
        assertTrue(rate > 0.1);
        assertEquals(1.5, store.sell("pen", 1), "one pen");
    }

    @Test
    void testOutOfStock() {
        var store = new Store();
        assertThrows(OutOfStock.class, () -> store.sell("pen", 1));
        assertThrows(IllegalArgumentException.class, () -> discount(-1, 0));
        assertThrows(OutOfStock.class, () -> {
            this.store.sell("pen", 99);
        });
        assertNull(this.store.find("ink"));
        assertTrue(this.store.has("pen"));
    }

    private void stock() {
        store.add(new Item("pen", 1.5), 4);
    }
}"""


@pytest.mark.parametrize(("code", "java"), [(SELL, SELL_JAVA), (LITERALS, LITERALS_JAVA), (STRINGS, STRINGS_JAVA)],
                         ids=["try-else", "literals", "strings"])
def test_a_covered_pytest_function_comes_out_as_the_source_wrote_it(code, java):
    assert pytest_function(code, PROJECT) == java


def test_a_covered_unittest_class_comes_out_with_fields_set_up_and_helpers():
    assert unittest_class(PRICING, PROJECT) == PRICING_JAVA


def test_the_other_expected_exception_forms():
    body = ("def test_raises():\n    store = Store()\n"
            "    try:\n        store.sell('pen', 1)\n        pytest.fail('no error')\n"
            "    except OutOfStock:\n        pass\n"
            "    pytest.raises(ZeroDivisionError, discount, 1, 0)\n")
    assert pytest_function(body, PROJECT) == (
        "@Test\nvoid testRaises() {\n    var store = new Store();\n"
        "    assertThrows(OutOfStock.class, () -> {\n        store.sell(\"pen\", 1);\n    });\n"
        "    assertThrows(ArithmeticException.class, () -> discount(1, 0));\n}")


def _body(*lines: str) -> str:
    return "def test_it():\n" + "".join(f"    {line}\n" for line in lines)


def test_a_local_is_declared_once_and_reassigned_with_its_type():
    code = _body("total = 0", "total = total + 5", "big = 10000000000", "ok = total > 1", "assert ok",
                 "assert not ok, 'm'", "assert ok == True")
    assert pytest_function(code, PROJECT) == (
        "@Test\nvoid testIt() {\n    var total = 0;\n    total = total + 5;\n    var big = 10000000000L;\n"
        "    var ok = total > 1;\n    assertTrue(ok);\n    assertFalse(ok, \"m\");\n    assertTrue(ok);\n}")
    assert pytest_function(_body("total = 0", "total = total * 2.5"), PROJECT) is None  # an int var holds no double
    assert pytest_function(_body("total = 0", "assert not total"), PROJECT) is None  # Python's truthiness of an int
    assert pytest_function(_body("total = 1", "assert total == True"), PROJECT) is None  # Python's 1 == True


@pytest.mark.parametrize("code", [
    "@pytest.mark.parametrize('n', [1, 2])\ndef test_it(n):\n    assert discount(n, 10) == 0\n",
    "def test_it(tmp_path):\n    assert discount(1, 10) == 9\n",
    _body("for n in (1, 2):", "    assert discount(n, 10) > 0"),
    _body("if discount(1, 10):", "    pass"),
    _body("assert len(order_total([])) == 0"),
    _body("assert discount(percent=1, price=10) == 9"),
    _body("assert discount(*[1, 10]) == 9"),
    _body("name = f'pen{1}'"),
    _body("name = b'pen'"),
    _body("name = r'a\\b'"),
    _body("with pytest.raises(KeyError):", "    Store().sell('ink', 1)"),
    _body("with pytest.raises(OutOfStock) as info:", "    Store().sell('ink', 1)"),
    _body("store = Store()", "store = Store()", "with pytest.raises(OutOfStock):", "    store.sell('ink', 1)"),
    _body("with pytest.raises(OutOfStock):", "    store = Store()", "    store.sell('ink', 1)",
          "assert store.has('ink')"),
    _body("assert discount(1, 10) // 2 == 4"),
    _body("assert discount(1, 10) / 2 == 4.5"),
    _body("assert (discount(1, 10) == discount(2, 10)) or True"),
    _body("assert [1, 2][0] == 1"),
    _body("assert os.path.exists('x')"),
    _body("assert (lambda: 1)() == 1"),
    _body("assert [n for n in (1, 2)] == [1, 2]"),
    _body("global total"),
    _body("def helper():", "    pass"),
    _body("assert discount(1, 10) in (9, 10)"),
    _body("assert 1 < discount(1, 10) < 10"),
    _body("x = {" + ", ".join(f"{i}: {i}" for i in range(11)) + "}"),
    _body("x = {1, 1}"),
    _body("x = [None]"),
    _body("x = None"),
    _body("names = ['a']", "names.append('b')"),
    _body("try:", "    discount(-1, 0)", "except ValueError:", "    pass"),
    _body("try:", "    discount(-1, 0)", "    raise AssertionError()", "except Exception:", "    pass"),
    "def helper_not_a_test():\n    pass\n",
], ids=lambda code: code.splitlines()[1 if code.startswith("def test_it():") else 0][:50])
def test_a_pytest_function_not_covered_is_left_to_the_model(code):
    assert pytest_function(code, PROJECT) is None


@pytest.mark.parametrize("change", [
    ("(unittest.TestCase)", "(object)"),
    ('    """Pricing, as a unittest class."""\n', "    rate = 0.5\n"),
    ("self.assertGreater(self.rate, 0.1)", "self.assertIn(self.rate, [0.1])"),
    ("self.rate = 0.25", "self.rate = discount(1, 2)"),
    ("self.rate = 0.25", "self.rate = None"),
    ("self.assertGreater(self.rate, 0.1)", "self.assertGreater(self.missing, 0.1)"),
    ("    def stock(self):", "    @staticmethod\n    def stock(self):"),
    ("    def stock(self):", "    def stock(self, n):"),
    ("self.items = [Item(\"pen\", 1.5), Item(\"cap\", 2.0)]", "self.items = []"),
])
def test_a_unittest_class_not_covered_is_left_to_the_model(change):
    old, new = change
    assert old in PRICING
    assert unittest_class(PRICING.replace(old, new), PROJECT) is None


# The project the translated tests run against, as the project's Java writer would leave it.
JAVA_PROJECT = {
    "Item.java": """package shop;

public class Item {
    public String name;
    public double price;
    public int daysLeft = 3;

    public Item(String name, double price) {
        this.name = name;
        this.price = price;
    }
}
""",
    "OutOfStock.java": """package shop;

public class OutOfStock extends RuntimeException {
    public OutOfStock(String name) {
        super(name);
    }
}
""",
    "Store.java": """package shop;

import java.util.*;

public class Store {
    private final Map<String, Item> items = new HashMap<>();
    private final Map<String, Integer> stock = new HashMap<>();

    public void add(Item item, int count) {
        items.put(item.name, item);
        stock.merge(item.name, count, Integer::sum);
    }

    public double sell(String name, int count) {
        if (stock.getOrDefault(name, 0) < count) {
            throw new OutOfStock(name);
        }
        stock.merge(name, -count, Integer::sum);
        return items.get(name).price * count;
    }

    public Item find(String name) {
        return items.get(name);
    }

    public boolean has(String name) {
        return stock.getOrDefault(name, 0) > 0;
    }
}
""",
    "Pricing.java": """package shop;

import java.util.*;

public final class Pricing {
    public static int discount(int price, int percent) {
        if (price < 0) {
            throw new IllegalArgumentException("price");
        }
        return Math.max(0, price - price * percent / 100);
    }

    public static double orderTotal(List<Item> items) {
        double total = 0;
        for (Item item : items) {
            total += item.price;
        }
        return total;
    }

    public static Map.Entry<Integer, Integer> splitTotal(int total) {
        return Map.entry(total / 2, total - total / 2);
    }
}
""",
}
HEADER = ("package shop;\n\nimport static org.junit.jupiter.api.Assertions.*;\nimport static shop.Pricing.*;\n\n"
          "import java.util.*;\nimport org.junit.jupiter.api.*;\n\n")


@pytest.mark.skipif(shutil.which("javac") is None or shutil.which("java") is None or not SHIM.is_dir(),
                    reason="needs a JDK and the JUnit shim")
def test_the_translations_compile_and_pass_against_the_project(tmp_path):
    """The golden outputs, in a test class with the writer's imports, compile with javac against the JUnit shim
    and the project's Java, and every test passes (the same expectations as the Python tests)."""
    methods = [pytest_function(code, PROJECT) for code in (SELL, LITERALS, STRINGS)]
    methods.append(pytest_function(_body("assert discount(0, 10) != 9, 'kept'", "assert not Store().has('ink')"),
                                   PROJECT))
    assert None not in methods
    inner = "\n\n".join("\n".join(f"    {ln}" if ln else ln for ln in (m or "").splitlines()) for m in methods)
    pkg = tmp_path / "src" / "shop"
    pkg.mkdir(parents=True)
    files = {**JAVA_PROJECT, "ShopTest.java": HEADER + "class ShopTest {\n" + inner + "\n}\n",
             "TestPricing.java": HEADER + (unittest_class(PRICING, PROJECT) or "") + "\n"}
    for name, text in files.items():
        (pkg / name).write_text(text, encoding="utf-8")
    sources = [str(p) for p in pkg.glob("*.java")] + [str(p) for p in SHIM.rglob("*.java")]
    out = tmp_path / "classes"
    built = subprocess.run(["javac", "-encoding", "UTF-8", "-nowarn", "-d", str(out), *sources],
                           capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr
    ran = subprocess.run(["java", "-cp", str(out), "translate_check.TranslateTestRunner", "shop.ShopTest",
                          "shop.TestPricing"], capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    for test in ("testSellReducesStock", "testOrderTotalAndSplit", "testItemNames", "testIt", "testTotal",
                 "testOutOfStock"):
        assert test in ran.stdout, ran.stdout  # each test ran (and passed: rc 0)
