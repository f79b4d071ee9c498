"""Java/C# holder classes (``class Solution { methods }``) become top-level functions in targets that
have free functions; real grammars, scripted answers."""
from __future__ import annotations

from translate import get_language, parse_text
from translate.source.validate import validate
from translate.translation.holders import CLOSE, OPEN, is_holder, unwrap_holders
from translate.translation.pipeline import translate_source
from translate.translation.records import OK, REPAIRED, SKIPPED

JAVA = """import java.util.*;

class Solution {
    /** Twice x. */
    public int twice(int x) {
        return 2 * x;
    }

    // helper
    public boolean isEven(int n) {
        return n % 2 == 0;
    }
}
"""


def _top(code: str, lang: str = "java"):
    return parse_text(code, get_language(lang)).top_units[0]


def test_only_stateless_method_holders_are_unwrapped():
    assert is_holder(_top(JAVA.split("\n", 2)[2]))
    assert is_holder(_top("public final class Util {\n  static int f() { return 1; }\n}\n"))
    assert not is_holder(_top("class Point {\n  int x;\n  int getX() { return x; }\n}\n"))
    assert not is_holder(_top("class A extends B {\n  int f() { return 1; }\n}\n"))
    assert not is_holder(_top("class C {\n  C() {}\n  int f() { return 1; }\n}\n"))
    assert not is_holder(_top("class Empty {\n}\n"))
    assert is_holder(_top("class Solution {\n    public int f() { return 1; }\n}\n", "csharp"))


def test_unwrapping_covers_the_file_byte_for_byte():
    parsed = unwrap_holders(parse_text(JAVA, get_language("java")), get_language("python"))
    assert "".join(s.text for s in parsed.segments) == JAVA
    roles = [s.role for s in parsed.segments if s.role]
    assert roles == [OPEN, CLOSE]
    fns = [s.unit for s in parsed.segments if s.unit]
    assert [(u.kind, u.name, u.parent) for u in fns] == [("function", "twice", None), ("function", "isEven", None)]
    # the method's indentation and doc comment travel with it
    assert [s.text.splitlines()[0] for s in parsed.segments if s.unit] == ["    /** Twice x. */", "    // helper"]
    # Java -> C#: C# needs a class too, nothing is unwrapped
    same = unwrap_holders(parse_text(JAVA, get_language("java")), get_language("csharp"))
    assert [s.role for s in same.segments if s.role] == []


def test_holder_methods_translate_to_top_level_python_functions(scripted):
    backend = scripted({  # routed by the unit each request is for (the shipped prompt)
        "twice": ["```python\ndef twice(self, x):\n    return 2 * x\n```",  # first answer keeps `self`
                  "```python\ndef twice(x):\n    return 2 * x\n```"],
        "isEven": "```python\ndef is_even(n):\n    return n % 2 == 0\n```"})
    res = translate_source(JAVA, "java", "python", backend)
    asked = [r.messages[-1]["content"] for r in backend.requests]
    out = res.text
    assert not validate(out, get_language("python")), out
    assert "\ndef twice(x):" in out and "\ndef is_even(n):" in out  # top level, not indented
    assert "# Java class Solution only held functions" in out
    assert "class Solution" not in out.replace("# Java class Solution", "")
    status = {u.name: u.status for u in res.units}
    assert status["twice"] == REPAIRED and status["isEven"] == OK
    assert any("no `self` parameter" in t for t in asked)
    assert all(u.status == SKIPPED for u in res.units if u.kind == "glue")
    # the prompt shows the method dedented
    assert any("\npublic int twice(int x) {" in t for t in asked)
    ns: dict = {}
    exec(out, ns)
    assert ns["twice"](21) == 42 and ns["is_even"](4)
