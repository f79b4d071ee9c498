"""A Java test helper class of static methods, written by rule (translate.translation.junit_helpers)."""
from __future__ import annotations

import pytest

from translate.translation.junit_helpers import helper_class

HELPER = """final class Checks {
    static String kind(Item item) {
        return "item";
    }

    static String kind(Perishable item) {
        return "perishable";
    }

    static void sameKind(Item a, Item b) {
        assertEquals(kind(a), kind(b));
    }
}
"""
CLASSES = "class Item:\n    pass\n\n\nclass Perishable(Item):\n    pass\n\n\n"


def _load(code: str) -> dict:
    space: dict = {"assertEquals": lambda a, b: None if a == b else (_ for _ in ()).throw(AssertionError((a, b)))}
    exec(CLASSES + code, space)
    return space


def test_overloads_by_parameter_type_run_the_most_specific_that_applies():
    code = helper_class(HELPER, ["Item", "Perishable"])
    assert code is not None and "def _kind_0(item):" in code and "def _kind_1(item):" in code
    space = _load(code)
    checks, item, perishable = space["Checks"], space["Item"](), space["Perishable"]()
    assert (checks.kind(item), checks.kind(perishable)) == ("item", "perishable")  # a Perishable is an Item too
    checks.same_kind(item, space["Item"]())  # the class's own method, called through the class
    with pytest.raises(AssertionError):
        checks.same_kind(item, perishable)
    with pytest.raises(TypeError, match="int is none of the types kind is overloaded for"):
        checks.kind(3)


@pytest.mark.parametrize("java", [
    HELPER.replace("static String kind(Item item)", "String kind(Item item)"),  # not all static
    HELPER.replace("kind(Perishable item)", "kind(Perishable item, int n)"),  # overloads of two arities
    HELPER.replace("kind(Perishable item)", "kind(Other item)"),  # a type that is not the project's
    "final class Empty {\n}\n",  # nothing to write
])
def test_what_is_not_covered_is_left_to_the_model(java):
    assert helper_class(java, ["Item", "Perishable"]) is None
