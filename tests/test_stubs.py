"""Stub detection per language (the ``is_stub`` hook of each language module), on real grammars."""
from __future__ import annotations

import pytest

from translate.source.files import load
from translate.source.languages import all_languages, get_language
from translate.source.stubs import find_stubs
from translate.source.units import parse_text

EXPECTED = {
    "geometry.py": ["circle_area"],
    "textutil.py": ["count_words", "reverse_words", "is_palindrome", "capitalize_all", "vowel_count", "Formatter.wrap"],
    "stack.js": ["Stack.push", "Stack.pop", "sum"],
    "queue.ts": ["Queue.enqueue", "Queue.dequeue"],
    "MathUtil.java": ["MathUtil.gcd", "MathUtil.isPrime"],
    "mathutil.c": ["max2", "factorial"],
    "counter.cpp": ["Counter.increment", "repeat"],
    "mathutil.go": ["Abs", "Max"],
    "mathutil.rs": ["gcd", "is_even", "Counter.increment"],
    "MathUtil.cs": ["MathUtil.Cube"],
}


def stub_names(code: str, lang: str) -> list[str]:
    return [s.unit.qualname for s in find_stubs(parse_text(code, get_language(lang)))]


def test_every_language_has_a_stub_hook():
    assert all(lang.is_stub is not None for lang in all_languages())


def test_sample_per_language_covers_the_registry(samples_dir):
    langs = {load(samples_dir / "stubs" / name).language.name for name in EXPECTED}
    assert langs == {lang.name for lang in all_languages()}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_stubs(samples_dir, name):
    parsed = load(samples_dir / "stubs" / name)
    assert not parsed.diagnostics
    assert [s.unit.qualname for s in find_stubs(parsed)] == EXPECTED[name]


@pytest.mark.parametrize("body", [
    "...", "pass", "raise NotImplementedError", "raise NotImplementedError('later')",
    '"""Doc."""', '"""Doc."""\n    ...', '"""Doc."""\n    pass', "# TODO: complete\n    return 0",
    "x = 1  # todo: Complete this", "(...)",
])
def test_python_stub_bodies(body):
    assert stub_names(f"def f(x):\n    {body}\n", "python") == ["f"]


@pytest.mark.parametrize("body", [
    "return x", '"""Doc."""\n    return x', "pass\n    return x", "raise ValueError('no')",
    "# TODO: later\n    return 1", "...\n    ...",
])
def test_python_real_bodies(body):
    assert stub_names(f"def f(x):\n    {body}\n", "python") == []


def test_python_exemptions_abstract_overload_protocol():
    code = (
        "import abc, typing\nfrom typing import overload, Protocol\n\n"
        "class Base(abc.ABC):\n    @abc.abstractmethod\n    def a(self): ...\n"
        "    @abc.abstractmethod\n    def b(self):\n        raise NotImplementedError\n"
        "    @property\n    def c(self):\n        pass\n\n"
        "@overload\ndef g(x: int) -> int: ...\n@typing.overload\ndef g(x: str) -> str: ...\n"
        "def g(x):\n    return x\n\n"
        "class P(typing.Protocol[int]):\n    def m(self) -> int: ...\n"
        "class Q(Protocol):\n    def m(self) -> int: ...\n"
    )
    assert stub_names(code, "python") == ["Base.c"]


def test_python_classes_are_never_stubs_but_their_methods_are():
    assert stub_names('class A:\n    """Doc."""\n\n    def m(self):\n        pass\n', "python") == ["A.m"]


@pytest.mark.parametrize("lang,code,expected", [
    ("javascript", "function f() { /* intentionally empty */ }", []),
    ("javascript", "function f() { // TODO\n}", ["f"]),
    ("javascript", 'function f() { throw new Error("bad input"); }', []),
    ("javascript", 'export function f() { throw new Error("Not yet implemented"); }', ["f"]),
    ("javascript", "const f = () => 1;", []),
    ("typescript", "function f(): number { throw new Error('TODO'); }", ["f"]),
    ("java", "class A { void f() { throw new IllegalStateException(); } }", []),
    ("java", "class A { void f() { throw new java.lang.UnsupportedOperationException(\"x\"); } }", ["A.f"]),
    ("java", "class A { void f() { /* TODO */ } int g() { return 1; } }", ["A.f"]),
    ("java", "interface I { void f(); }", []),
    ("csharp", "class A { void F() { throw new System.NotImplementedException(); } }", ["A.F"]),
    ("csharp", "class A { void F() { throw new ArgumentException(); } }", []),
    ("c", "int f(void) { return 0; }", []),
    ("c", "int f(void) { /* keep */ }", []),
    ("cpp", "struct S { S() {} virtual ~S() {} };", []),
    ("cpp", "int f() { // TODO\n}", ["f"]),
    ("go", 'package p\nfunc f() { panic("not implemented") }', ["f"]),
    ("go", 'package p\nfunc f() { panic(err) }', []),
    ("go", "package p\nfunc f() {\n\t// TODO: complete\n\tx := 1\n\t_ = x\n}", ["f"]),
    ("rust", "fn f() -> u8 { todo!(\"later\") }", ["f"]),
    ("rust", "fn f() { panic!(\"boom\") }", []),
    ("rust", "fn f() -> u8 { 1 }", []),
    ("rust", "trait T { fn f(&self); }", []),
])
def test_c_family_rules(lang, code, expected):
    assert stub_names(code, lang) == expected


def test_stub_offsets_point_at_definition_and_body():
    code = "# about f\n@decorate\ndef f(x):\n    pass\n"
    (stub,) = find_stubs(parse_text(code, get_language("python")))
    data = code.encode()
    assert stub.unit.start_byte == 0  # the unit carries its leading comment
    assert data[stub.def_start:].startswith(b"@decorate")
    assert data[stub.body_start:].startswith(b"pass")
    method = find_stubs(parse_text("class A:\n    def m(self):\n        ...\n", get_language("python")))[0]
    assert method.indent == "    "
