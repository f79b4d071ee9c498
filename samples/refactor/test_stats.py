"""The sample's own tests: `translate refactor samples/refactor/stats.py --root samples/refactor --tests "python -m pytest -q"`."""
from stats import RunningTotal, describe, mean, median


def test_mean():
    assert mean([1, 2, 3, 4]) == 2.5


def test_median_odd_and_even():
    assert median([3, 1, 2]) == 2
    assert median([4, 1, 3, 2]) == 2.5


def test_describe():
    assert describe([1, 2, 3]) == "n=3 mean=2.00 median=2.00"


def test_running_total():
    total = RunningTotal().add(2).add(4)
    assert (total.total, total.count, total.average()) == (6, 2, 3.0)
    assert RunningTotal().average() == 0.0
