"""Units per language: every query compiles, the samples match their golden unit tables, and the
shapes that are easy to get wrong (wrappers, scopes, attributes, nested functions) come out right.

Regenerate the goldens with ``UPDATE_GOLDEN=1 python -m pytest tests/test_units.py`` and review
the diff by eye before committing.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import tree_sitter

from translate.source.languages import REGISTRY, get_language
from translate.source.units import parse_text

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
SAMPLES = sorted(p for lang in REGISTRY for p in (ROOT / "samples" / lang).glob("*") if p.is_file())


def _table(path: Path, lang: str) -> list[dict]:
    parsed = parse_text(path.read_text(encoding="utf-8"), get_language(lang))
    return [
        {"kind": u.kind, "qualname": u.qualname, "start_line": u.start_line, "end_line": u.end_line,
         "signature": u.signature, "doc": u.doc}
        for u in parsed.units
    ]


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_units_query_compiles_against_its_pinned_grammar(name):
    lang = REGISTRY[name]
    src = lang.query_path.read_text(encoding="utf-8")
    query = tree_sitter.Query(lang.ts_language, src)  # raises QueryError on a bad node or field name
    captures = {query.capture_name(i) for i in range(query.capture_count)}
    assert "name" in captures
    assert captures & {"definition.function", "definition.method", "definition.class"}
    named = {c for c in captures if not c.startswith("_")}  # ``@_c``: a predicate's own capture, by convention
    assert named <= {"name", "doc", "scope", "ignore", "definition.function", "definition.method", "definition.class"}


def test_every_language_has_samples():
    have = {p.parent.name for p in SAMPLES}
    assert have == set(REGISTRY)
    assert len([p for p in SAMPLES if p.parent.name == "python"]) >= 2


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_sample_matches_golden_unit_table(path):
    lang = path.parent.name
    got = _table(path, lang)
    golden = GOLDEN / lang / f"{path.stem}.json"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert golden.exists(), f"no golden for {path}; run with UPDATE_GOLDEN=1 and review it"
    assert got == json.loads(golden.read_text(encoding="utf-8"))
    # every sample shows the features the samples are meant to cover
    kinds = {u["kind"] for u in got}
    assert "function" in kinds or "method" in kinds
    assert any(u["doc"] for u in got)


def _units(code: str, lang: str):
    return [(u.kind, u.qualname) for u in parse_text(code, get_language(lang)).units]


def test_python_decorated_and_nested():
    code = "@dec\ndef f():\n    def inner():\n        pass\n    return inner\n\n\nclass A:\n    @staticmethod\n    def m():\n        pass\n"
    parsed = parse_text(code, get_language("python"))
    assert [(u.kind, u.qualname) for u in parsed.units] == [("function", "f"), ("class", "A"), ("method", "A.m")]
    assert parsed.units[0].text.startswith("@dec\n")  # the decorator travels with the function
    assert parsed.units[2].text.startswith("@staticmethod")


def test_leading_comments_belong_to_the_unit_but_not_across_a_blank_line():
    code = "// file header\n\n// adds\n// two numbers\nfunction add(a, b) {\n  return a + b;\n}\n"
    (unit,) = parse_text(code, get_language("javascript")).units
    assert unit.start_line == 3
    assert unit.doc == "// adds\n// two numbers"
    code = "x = 1  # trailing comment of code\ndef f():\n    pass\n"
    (unit,) = parse_text(code, get_language("python")).units
    assert unit.start_line == 2 and unit.doc is None


def test_javascript_bound_functions_exports_and_class_expressions():
    code = (
        "export function a() {}\n"
        "export const b = (x) => x;\n"
        "let c = function () {};\n"
        "exports.d = function () {};\n"
        "export default class E { m() {} }\n"
        "const data = { f() { return 1; } };\n"
        "foo(class { g() {} });\n"
    )
    assert _units(code, "javascript") == [
        ("function", "a"), ("function", "b"), ("function", "c"), ("function", "d"), ("class", "E"), ("method", "E.m"),
    ]
    seg = parse_text(code, get_language("javascript")).segments
    assert seg[0].unit is not None and seg[0].text.startswith("export function a")


def test_typescript_method_decorator_travels_with_its_method():
    code = "class A {\n  /** doc */\n  @logged\n  get(): number {\n    return 1;\n  }\n}\n"
    parsed = parse_text(code, get_language("typescript"))
    method = parsed.units[1]
    assert method.qualname == "A.get"
    assert method.text.startswith("/** doc */\n  @logged\n  get()")
    assert method.doc == "/** doc */"
    assert _units("interface I { f(): void }\ntype T = number;\n", "typescript") == []


def test_go_receiver_methods_are_qualified_by_their_type():
    code = (
        "package p\n\ntype Box[T any] struct {\n\tv T\n}\n\n"
        "func (b *Box[T]) Get() T { return b.v }\n\nfunc (b Box[T]) Put(v T) {}\n\nfunc Free() {}\n"
    )
    assert _units(code, "go") == [("class", "Box"), ("method", "Box.Get"), ("method", "Box.Put"), ("function", "Free")]


def test_go_type_declaration_at_end_without_newline_has_no_error():
    parsed = parse_text("package p\n\ntype A struct {\n\tx int\n}", get_language("go"))
    assert parsed.diagnostics == []
    assert [u.qualname for u in parsed.units] == ["A"]


def test_c_names_through_pointer_declarators():
    code = "const char **names(void) { return 0; }\nstatic int *one(int n) { return 0; }\nint (plain)(void) { return 0; }\nint proto(void);\n"
    assert _units(code, "c") == [("function", "names"), ("function", "one"), ("function", "plain")]


def test_cpp_qualified_methods_templates_and_class_semicolon():
    code = (
        "namespace n {\nclass A {\n  int f() const { return 1; }\n  int g();\n};\n}\n"
        "int n::A::g() { return 2; }\n"
        "A &A::operator=(const A &o) { return *this; }\n"
        "template <typename T>\nstruct B { T t; };\n"
        "template <> struct B<bool> { bool t; };\n"
    )
    parsed = parse_text(code, get_language("cpp"))
    assert [(u.kind, u.qualname) for u in parsed.units] == [
        ("class", "A"), ("method", "A.f"), ("method", "A.g"), ("method", "A.operator="), ("class", "B"), ("class", "B<bool>"),
    ]
    assert parsed.units[0].text.endswith("};")
    assert parsed.units[4].text.startswith("template <typename T>\nstruct B")


def test_rust_attributes_impls_and_module_items():
    code = (
        "/// A point.\n#[derive(Debug)]\nstruct P { x: i32 }\n\n"
        "impl<T> From<T> for P { fn from(_: T) -> Self { P { x: 0 } } }\n\n"
        "mod m {\n    #[test]\n    fn t() {}\n}\n"
    )
    parsed = parse_text(code, get_language("rust"))
    assert [(u.kind, u.qualname) for u in parsed.units] == [("class", "P"), ("class", "P"), ("method", "P.from"), ("function", "t")]
    assert parsed.units[0].text.startswith("/// A point.\n#[derive(Debug)]\nstruct P")
    assert parsed.units[0].doc == "/// A point."
    assert parsed.units[3].text.startswith("#[test]\n")


def test_java_anonymous_class_and_interface_methods_stay_inside():
    code = (
        "interface I { int f(); default int g() { return 1; } }\n"
        "class A {\n  Runnable r = new Runnable() { public void run() {} };\n  A() {}\n  void m() { new Object() { void x() {} }; }\n}\n"
    )
    assert _units(code, "java") == [("class", "I"), ("method", "I.g"), ("class", "A"), ("method", "A.A"), ("method", "A.m")]


def test_csharp_expression_bodied_members_and_local_functions():
    code = "class A {\n  int P => 1;\n  public A() {}\n  int F() => 2;\n  void G() { int L() => 3; }\n  ~A() {}\n}\n"
    assert _units(code, "csharp") == [("class", "A"), ("method", "A.A"), ("method", "A.F"), ("method", "A.G"), ("method", "A.A")]


@pytest.mark.parametrize("lang", sorted(REGISTRY))
def test_file_with_syntax_errors_still_lists_what_parses(lang):
    sample = next(p for p in SAMPLES if p.parent.name == lang)
    text = sample.read_text(encoding="utf-8")
    broken = text + "\n\n)(}{ @@@ ]]\n"
    parsed = parse_text(broken, get_language(lang))
    assert parsed.diagnostics, "the garbage at the end is reported"
    assert "".join(s.text for s in parsed.segments) == broken
    assert len(parsed.units) >= len(parse_text(text, get_language(lang)).units) - 1


def test_the_wheel_ships_the_grammars_folder_inside_the_package():
    """Building a wheel takes too long for the suite; check the mapping it is built from (verified by
    hand: `pip wheel --no-deps . -w /tmp/w` lists translate/grammars/<lang>/units.scm)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wheel = config["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["force-include"]["grammars"] == "translate/grammars"
    assert {p.parent.name for p in (ROOT / "grammars").glob("*/units.scm")} == set(REGISTRY)
