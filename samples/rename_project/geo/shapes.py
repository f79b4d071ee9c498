"""Shapes: a module-level function and a small class hierarchy."""


def area(width, height):
    """Return width * height (the area of a rectangle)."""
    return width * height


def total_area(rects):
    return sum(area(w, h) for w, h in rects)


def doubled(area):
    # the parameter shadows the module-level function: not a reference to it
    return area * 2


class Stack:
    """A last-in, first-out stack."""

    def __init__(self):
        self.items = []

    def push(self, item):
        self.items.append(item)
        return self

    def pop(self):
        return self.items.pop()

    def push_all(self, values):
        for value in values:
            self.push(value)
        return self


class CountingStack(Stack):
    """A stack that counts its pushes."""

    def __init__(self):
        super().__init__()
        self.pushes = 0

    def push(self, item):
        self.pushes += 1
        return super().push(item)
