"""Uses the shapes module through every import style."""
from geo.shapes import area as compute
from . import shapes
import geo.shapes as gs
from .shapes import Stack


def describe(w, h):
    label = "area"  # a string equal to the name: left alone
    note = "computes the area of a rectangle"  # a string that merely contains it
    return f"{label}={compute(w, h)}/{shapes.area(w, h)}/{gs.area(w, h)} ({len(note)})"


def local_area(w, h):
    area = w * h  # a local variable, not the function
    return area


def fill(n):
    s = Stack()
    for i in range(n):
        s.push(i)
    return s


def fill_typed(stack: "Stack", n):
    for i in range(n):
        stack.push(i)
    return stack
