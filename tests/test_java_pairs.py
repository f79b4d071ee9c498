"""A refused Java pair is told against the Python pair it stands for (translate.translation.java_pairs): the
sample project's ``Store.sell`` passed ``name`` where its source pair holds ``item``, and the 1.5B answered the
same line on every turn that quoted javac alone."""
from __future__ import annotations

import pytest

from translate.source.languages import get_language
from translate.translation.java_pairs import pair_hints, source_pairs
from translate.translation.prompts import TranslationTask, chat_messages
from translate.translation.records import Attempt

PYTHON, JAVA = get_language("python"), get_language("java")
SOURCE = '''def sell(self, name, count, percent=0):
    item, have = self.stock.get(name, (None, 0))
    if item is None or have < count:
        raise OutOfStock(name)
    self.stock[name] = (item, have - count)
    return discount(order_total([(item, count)]), percent)
'''
LINE = "return discount(orderTotal(List.of(new AbstractMap.SimpleEntry<>(name, count))), percent);"
PROBLEM = ("it does not compile: javac: method orderTotal in class Pricing cannot be applied to given types; "
           "(required: List<Entry<Item,Integer>>; found: List<SimpleEntry<String,Integer>>), at `" + LINE + "`")
HINT = ("`new AbstractMap.SimpleEntry<>(name, count)` stands for the Python pair `(item, count)`: its first value "
        "there is `item`, not `name`.")


def test_the_sources_pairs():
    assert source_pairs(SOURCE) == [("None", "0"), ("item", "have - count"), ("item", "count")]


def test_a_refused_entry_is_told_what_the_sources_pair_holds():
    assert pair_hints(PROBLEM, SOURCE, PYTHON, JAVA) == [HINT]
    entry = PROBLEM.replace("new AbstractMap.SimpleEntry<>(name, count)", "Map.entry(name, this.count)")
    assert pair_hints(entry, SOURCE, PYTHON, JAVA) == [
        "`Map.entry(name, this.count)` stands for the Python pair `(item, count)`: its first value there is `item`, "
        "not `name`."]


@pytest.mark.parametrize("problem, source", [
    (PROBLEM.replace("cannot be applied to given types; (required: List<Entry<Item,Integer>>; found: "
                     "List<SimpleEntry<String,Integer>>)", "cannot find symbol"), SOURCE),  # not a type error
    (PROBLEM, SOURCE.replace("(item, count)", "(item, total)")),  # no source pair agrees in one place
    (PROBLEM.replace("(name, count)", "(item, count)"), SOURCE),  # the same pair as the source's
    (PROBLEM.replace("(name, count)", "(name.trim(1), count)"), SOURCE),  # not a plain name or field
])
def test_no_hint_where_the_pair_is_not_certain(problem, source):
    assert pair_hints(problem, source, PYTHON, JAVA) == []


def test_the_repair_turn_carries_the_hint():
    task = TranslationTask(PYTHON, JAVA, SOURCE, "function", "sell")
    messages, _ = chat_messages(task, [Attempt(turn=0, candidate=0, text=LINE, problem=PROBLEM)])
    assert HINT in messages[-1]["content"]
    js = TranslationTask(PYTHON, get_language("javascript"), SOURCE, "function", "sell")
    assert HINT not in chat_messages(js, [Attempt(turn=0, candidate=0, text=LINE, problem=PROBLEM)])[0][-1]["content"]
