"""Word counting, written for Python 2 (the sample for `translate refactor --recipe py2to3`)."""
import sys


def count_words(lines):
    counts = {}
    for line in lines:
        for word in line.split():
            counts[word] = counts.get(word, 0) + 1
    return counts


def report(counts):
    for word, n in sorted(counts.iteritems()):
        print "%s: %d" % (word, n)


def parse_int(text):
    try:
        return int(text)
    except ValueError, e:
        print >>sys.stderr, "bad number:", e
        return None


class Tally(object):
    """Counts how often each key was added."""

    def __init__(self):
        self.seen = {}

    def add(self, key):
        if self.seen.has_key(key):
            self.seen[key] += 1
        else:
            self.seen[key] = 1

    def total(self):
        return sum(n for _, n in self.seen.iteritems())


if __name__ == "__main__":
    report(count_words(sys.stdin))
    print "done"
