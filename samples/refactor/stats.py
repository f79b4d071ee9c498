"""Small statistics helpers: the sample for `translate refactor --tests` (its tests: test_stats.py)."""


def mean(values):
    """Arithmetic mean of a non-empty sequence."""
    return sum(values) / len(values)


def median(values):
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def describe(values):
    return "n=%d mean=%.2f median=%.2f" % (len(values), mean(values), median(values))


class RunningTotal:
    """A running sum and count."""

    def __init__(self):
        self.total = 0
        self.count = 0

    def add(self, value):
        self.total += value
        self.count += 1
        return self

    def average(self):
        return self.total / self.count if self.count else 0.0
