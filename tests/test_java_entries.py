"""A name of the source's tuple unpacking, used undeclared in a Java answer that holds the pair as a Map.Entry, is
read from the entry (translate.translation.java_entries): the 1.5B's ``Store.sell`` of the sample project."""
from __future__ import annotations

import pytest

from translate.source.languages import get_language
from translate.translation.java_entries import fix_entry_names

JAVA = get_language("java")
SOURCE = '''class Store:
    def sell(self, name, count, percent=0):
        item, have = self.stock.get(name, (None, 0))
        if item is None or have < count:
            raise OutOfStock(name)
        self.stock[name] = (item, have - count)
        return discount(order_total([(item, count)]), percent)
'''
SELL = '''class Store {
    Map<String, Map.Entry<Item, Integer>> stock;

    public void add(Item item, int count) {
        this.stock.put(item.name, new AbstractMap.SimpleEntry<>(item, count));
    }

    public double sell(String name, int count, int percent) {
        Map.Entry<Item, Integer> itemEntry = this.stock.get(name);
        if (itemEntry == null || have < count) {
            throw new OutOfStock(name);
        }
        this.stock.put(name, new AbstractMap.SimpleEntry<>(itemEntry.getKey(), itemEntry.getValue() - count));
        return discount(orderTotal(Arrays.asList(new AbstractMap.SimpleEntry<>(item, count))), percent);
    }
}
'''


def test_undeclared_unpacked_names_are_read_from_the_entry():
    fixed, notes = fix_entry_names(SELL, JAVA, SOURCE)
    assert "new AbstractMap.SimpleEntry<>(itemEntry.getKey(), count)" in fixed
    assert "itemEntry == null || itemEntry.getValue() < count" in fixed
    assert "put(item.name, new AbstractMap.SimpleEntry<>(item, count))" in fixed  # add's own parameter
    assert len(notes) == 2 and not JAVA.parse(fixed.encode()).root_node.has_error


@pytest.mark.parametrize("answer, source", [
    (SELL, SOURCE.replace("item, have = self.stock.get(name, (None, 0))", "pair = self.stock.get(name)")),
    (SELL.replace("String name, int count, int percent", "String name, int count, int percent, Item item, int have"),
     SOURCE),  # declared as parameters
    (SELL.replace("throw new OutOfStock(name);", "throw new OutOfStock(name);\n        }\n        {\n"
                  "        Map.Entry<Item, Integer> other = null;"), SOURCE),  # two entries: which one is unclear
    (SELL.replace("Map.Entry<Item, Integer> itemEntry", "Object itemEntry"), SOURCE),  # no entry local
])
def test_left_alone_where_the_entry_is_not_certain(answer, source):
    assert fix_entry_names(answer, JAVA, source) == (answer, [])
