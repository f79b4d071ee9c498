"""Python generators a model left in a Java answer become streams (translate.translation.java_generators): the
sample project's ``Bundle``, answered with ``String.join(", ", item.name for item in this.items)`` in most recorded
runs, compiles with a real javac after the fix and gives the source's values."""
from __future__ import annotations

import subprocess

import pytest

from translate.sandbox import missing_tool
from translate.source.languages import get_language
from translate.translation.clean import clean_answer
from translate.translation.java_generators import fix_java_generators, source_loop_names
from translate.translation.naming import NameMap
from translate.translation.prompts import TranslationTask, UnitContext

JAVA = get_language("java")
PYTHON = get_language("python")

SOURCE = '''class Bundle(Item):
    def __init__(self, name, items):
        super().__init__(name, sum(item.price for item in items))
        self.items = items

    def describe(self):
        return self.name + ": " + ", ".join(item.name for item in self.items)
'''
ANSWER = '''class Bundle extends Item {
    List<Item> items;

    Bundle(String name, List<Item> items) {
        super(name, sum(item.price for item in items));
        this.items = items;
    }

    public String describe() {
        return this.name + ": " + String.join(", ", item.name for item in this.items);
    }
}
'''
ITEM = "class Item {\n    String name;\n    double price;\n    Item(String name, double price) { this.name = name; this.price = price; }\n}\n"
MAIN = '''public class Main {
    public static void main(String[] args) {
        Bundle b = new Bundle("kit", List.of(new Item("pen", 1.5), new Item("ink", 2.25)));
        System.out.println(b.describe() + "|" + b.price);
    }
}
'''


def test_the_loop_names_come_from_the_sources_generators_and_comprehensions():
    src = "def f(xs):\n    a = [x for x in xs]\n    b = {k for k in xs}\n    for plain in xs:\n        pass\n"
    assert source_loop_names(src) == {"x", "k"}
    assert source_loop_names(SOURCE) == {"item"}


def test_the_bundle_answer_compiles_and_gives_the_sources_values(tmp_path):
    if missing_tool("java"):
        pytest.fail("javac is not installed: the Java checks cannot run")
    fixed, notes = fix_java_generators(ANSWER, JAVA, SOURCE, ITEM)
    assert len(notes) == 2
    assert "items.stream().mapToDouble(item -> item.price).sum()" in fixed
    assert 'Collectors.joining(", ")' in fixed and " for item in " not in fixed
    assert not JAVA.parse(fixed.encode()).root_node.has_error
    (tmp_path / "Main.java").write_text("import java.util.*;\n" + ITEM + fixed + MAIN)
    subprocess.run(["javac", "-d", str(tmp_path), str(tmp_path / "Main.java")], check=True, capture_output=True)
    run = subprocess.run(["java", "-cp", str(tmp_path), "Main"], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "kit: pen, ink|3.75"  # Python: Bundle('kit', [...]).describe(), .price


@pytest.mark.parametrize("answer, expected", [
    ('return ", ".join(w for w in words if w is not None and not w.isEmpty());',
     'return words.stream().filter(w -> w != null && !w.isEmpty()).map(w -> String.valueOf(w))'
     '.collect(java.util.stream.Collectors.joining(", "));'),
    ("return [w.trim() for w in words];",
     "return words.stream().map(w -> w.trim()).collect(java.util.stream.Collectors.toList());"),
    ("return sum(w.length() for w in words);", "return words.stream().mapToInt(w -> w.length()).sum();"),
    ("return any(w.isEmpty() for w in line.split(\" \"));",
     'return java.util.Arrays.stream(line.split(" ")).anyMatch(w -> w.isEmpty());'),
    ("return sum(w for w in range(n));", "return java.util.stream.IntStream.range(0, n).boxed().mapToInt(w -> w).sum();"),
])
def test_each_consumer_gets_its_stream(answer, expected):
    source = "def f(words, line, n):\n    return [w for w in words]\n"
    code = f"static Object f(List<String> words, String line, int n) {{\n    {answer}\n}}\n"
    fixed, notes = fix_java_generators(code, JAVA, source)
    assert fixed == code.replace(answer, expected) and notes


@pytest.mark.parametrize("answer, source", [
    (ANSWER, "def describe(self):\n    return self.name\n"),  # the source has no generator over `item`
    (ANSWER.replace("item.name for item in this.items", "items2"), "x = 1\n"),  # nothing to do
    ("int f(List<Integer> xs) { int s = 0; for (int item : xs) { s += item; } return s; }",
     SOURCE),  # a Java for-each parses: left alone
    ('String f() { return xs[item for item in ys]; }', SOURCE),  # an index, not a list comprehension
    ('String f() { return frob(item for item in ys); }', SOURCE),  # a consumer it does not know
])
def test_left_alone_where_the_loop_is_not_certain(answer, source):
    assert fix_java_generators(answer, JAVA, source) == (answer, [])


def test_clean_answer_applies_it_to_a_python_sources_java_answer():
    task = TranslationTask(source=PYTHON, target=JAVA, code=SOURCE, kind="class", name="Bundle",
                           context=UnitContext(shape=ITEM))
    code = clean_answer("```java\n" + ANSWER + "```\n", task=task, names=NameMap(JAVA), fenced=True)
    assert "mapToDouble(item -> item.price)" in code and "joining" in code
