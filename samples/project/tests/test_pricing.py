import unittest

from inventory.models import Item
from inventory.pricing import discount, order_total


class TestPricing(unittest.TestCase):
    def setUp(self):
        self.pen = Item("pen", 1.5)

    def test_discount_takes_percent_off(self):
        self.assertEqual(discount(80, 25), 60)

    def test_negative_percent_is_clamped(self):
        self.assertEqual(discount(10, -5), 10)

    def test_order_total_adds_lines(self):
        self.assertAlmostEqual(order_total([(self.pen, 2), (Item("pad", 0.25), 4)]), 4.0)


if __name__ == "__main__":
    unittest.main()
