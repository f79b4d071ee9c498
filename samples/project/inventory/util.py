"""Small helpers shared by the other modules."""


def clamp(value, low, high):
    """Keep value between low and high."""
    return max(low, min(high, value))


def round_cents(amount):
    return round(amount * 100) / 100
