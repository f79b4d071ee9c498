"""Small geometry helpers: free functions, a class with a decorator, nested functions."""
import math
from functools import lru_cache

# Default precision used when rounding results.
PRECISION = 3


def circle_area(radius):
    """Return the area of a circle."""
    return round(math.pi * radius * radius, PRECISION)


@lru_cache(maxsize=None)
def fibonacci(n):
    """Return the n-th Fibonacci number."""
    if n < 2:
        return n
    return fibonacci(n - 1) + fibonacci(n - 2)


def make_scaler(factor):
    """Return a function that multiplies its argument by factor."""

    def scale(value):
        return value * factor

    return scale


class Stack:
    """A last-in, first-out stack."""

    def __init__(self):
        self.items = []

    def push(self, item):
        """Put an item on top."""
        self.items.append(item)

    def pop(self):
        """Remove and return the top item."""
        if not self.items:
            raise IndexError("pop from empty stack")
        return self.items.pop()

    @property
    def size(self):
        return len(self.items)


if __name__ == "__main__":
    print(circle_area(2.0))
