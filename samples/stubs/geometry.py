"""One stub for the hook benchmark: a signature, a docstring, and `...` where the body goes."""
import math


def circle_area(radius):
    """Return the area of a circle with the given radius."""
    ...


def square_area(side):
    """Return the area of a square."""
    return side * side
