"""The things a store sells: a small class hierarchy."""
from inventory.util import round_cents


class Item:
    def __init__(self, name, price):
        self.name = name
        self.price = price

    def cost(self, quantity):
        return round_cents(self.price * quantity)

    def describe(self):
        return f"{self.name} at {self.price}"


class Perishable(Item):
    def __init__(self, name, price, days_left):
        super().__init__(name, price)
        self.days_left = days_left

    def cost(self, quantity):
        if self.days_left <= 1:
            return round_cents(self.price * quantity / 2)
        return super().cost(quantity)


class Bundle(Item):
    def __init__(self, name, items):
        super().__init__(name, sum(item.price for item in items))
        self.items = items

    def describe(self):
        return self.name + ": " + ", ".join(item.name for item in self.items)
