"""A store keeps stock and sells items."""
from inventory.pricing import discount, order_total


class OutOfStock(Exception):
    pass


class Store:
    def __init__(self):
        self.stock = {}

    def add(self, item, count):
        self.stock[item.name] = (item, self.stock.get(item.name, (item, 0))[1] + count)

    def sell(self, name, count, percent=0):
        item, have = self.stock.get(name, (None, 0))
        if item is None or have < count:
            raise OutOfStock(name)
        self.stock[name] = (item, have - count)
        return discount(order_total([(item, count)]), percent)
