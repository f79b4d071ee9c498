from inventory.models import Bundle, Item, Perishable
from inventory.pricing import discount
from inventory.store import OutOfStock, Store


def test_discount_is_clamped():
    assert discount(10, 150) == 0


def test_perishable_half_price():
    assert Perishable("milk", 2.0, 1).cost(3) == 3.0


def test_sell_reduces_stock():
    store = Store()
    store.add(Item("pen", 1.5), 4)
    assert store.sell("pen", 2) == 3.0
    try:
        store.sell("pen", 3)
    except OutOfStock:
        pass
    else:
        raise AssertionError("expected OutOfStock")


def test_bundle_describe():
    assert Bundle("kit", [Item("a", 1), Item("b", 2)]).describe() == "kit: a, b"
