"""Entry point: imports the package in several ways and prints one line per result."""
import geo
from geo import area
from geo.report import describe, fill, fill_typed, local_area
from geo.shapes import CountingStack, total_area


class Journal:
    """An unrelated class with a method of the same name as Stack.push."""

    def __init__(self):
        self.lines = []

    def push(self, line):
        self.lines.append(line)
        return len(self.lines)


def main():
    journal = Journal()
    journal.push(area(2, 3))
    journal.push(geo.area(4, 5))
    journal.push(total_area([(1, 2), (3, 4)]))
    journal.push(describe(2, 2))
    journal.push(local_area(3, 3))
    journal.push(fill(3).items)
    counting = CountingStack()
    counting.push(1)
    counting.push_all([2, 3])
    journal.push((counting.items, counting.pushes))
    journal.push(fill_typed(geo.Stack(), 2).items)
    return journal.lines


if __name__ == "__main__":
    for line in main():
        print(line)
