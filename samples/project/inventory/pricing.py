"""Discounts and totals."""
from inventory.util import clamp, round_cents


def discount(total, percent):
    """Take percent off total; the percentage is clamped to 0..100."""
    return round_cents(total * (100 - clamp(percent, 0, 100)) / 100)


def order_total(lines):
    total = 0
    for item, quantity in lines:
        total += item.cost(quantity)
    return round_cents(total)
