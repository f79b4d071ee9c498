"""Python test discovery for the project writers: pytest's parametrized tests and fixtures, read from the source
so the runner supplies them, not the model, and the test classes of a module (unittest's, pytest's, mixins).

A pytest test function may take parameters: the cases of ``@pytest.mark.parametrize`` decorators (stacked ones
multiply) and fixtures (``monkeypatch``, ``capsys``, or a ``@pytest.fixture`` function of the test file). The
model translates the function alone, with its parameters and without the decorators (it is told the runner
passes them); the module writer then registers one test per case and builds each fixture (the JavaScript
template ``pytest.js``). A table is either literal rows (``[("a", 1), ("b", 2)]``, evaluated here) or a name
of the test file (``SINGULAR_TO_PLURAL``), iterated in the target.
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field

from translate.source import pyast
from translate.translation.literals import js_literal

# The fixtures the target's template provides, by target (templates/pytest.js).
BUILTIN_FIXTURES = {"javascript": ("monkeypatch", "capsys")}
_PARAMETRIZE = ("pytest.mark.parametrize", "mark.parametrize", "parametrize")
_FIXTURE = ("pytest.fixture", "fixture")


@dataclass(frozen=True)
class Table:
    """One ``parametrize`` decorator: its argument names and its rows (evaluated) or the name holding them."""

    names: tuple[str, ...]
    rows: tuple | None = None  # one value per case: a tuple of len(names) when there are several names
    ref: str | None = None  # a module-level name of the test file holding the rows
    packed: bool = False  # one name given as a tuple (``("word",)``): each row of ``ref`` is a 1-tuple


@dataclass(frozen=True)
class TestParams:
    """How the runner calls one test function: its parameters in order, the tables, the fixtures."""

    params: tuple[str, ...]
    tables: tuple[Table, ...] = ()
    problem: str | None = None  # a decorator that could not be read: the test is not registered, with this reason
    fixtures: tuple[str, ...] = field(default=())

    @property
    def parametrized(self) -> bool:
        return bool(self.tables)


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return _dotted(node.func)
    return ""


def _names(node: ast.expr) -> tuple[str, ...] | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return tuple(n.strip() for n in node.value.split(",") if n.strip())
    if isinstance(node, (ast.List, ast.Tuple)) and all(isinstance(e, ast.Constant) and isinstance(e.value, str)
                                                       for e in node.elts):
        return tuple(str(e.value) for e in node.elts if isinstance(e, ast.Constant))
    return None


def _row(node: ast.expr) -> object:
    """A row's value; ``pytest.param(a, b, id=..., marks=...)`` is its values."""
    if isinstance(node, ast.Call) and _dotted(node.func) in ("pytest.param", "param"):
        values = [ast.literal_eval(a) for a in node.args]
        return values[0] if len(values) == 1 else tuple(values)
    return ast.literal_eval(node)


def _table(call: ast.Call) -> Table | str:
    args = list(call.args)
    kw = {k.arg: k.value for k in call.keywords if k.arg}
    names_node = args[0] if args else kw.get("argnames")
    values_node = args[1] if len(args) > 1 else kw.get("argvalues")
    names = _names(names_node) if names_node is not None else None
    if not names or values_node is None:
        return "a parametrize decorator whose argument names are not literal"
    packed = len(names) == 1 and not isinstance(names_node, ast.Constant)  # pytest unpacks the rows then
    if isinstance(values_node, ast.Name) or _sum_of_names(values_node):
        return Table(names, ref=ast.unparse(values_node), packed=packed)  # ``ROWS``, ``ROWS + MORE_ROWS``
    if not isinstance(values_node, (ast.List, ast.Tuple)):
        return f"a parametrize table that is neither literal rows nor a name: {ast.unparse(values_node)[:60]}"
    try:
        rows = _unpacked(tuple(_row(e) for e in values_node.elts), names, packed)
    except (ValueError, TypeError, SyntaxError, RecursionError):
        return "a parametrize table whose rows are not literal values"
    if rows is None:
        return "a parametrize table whose rows do not match its argument names"
    return Table(names, rows=rows)


def _sum_of_names(node: ast.expr) -> bool:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return all(isinstance(n, ast.Name) or _sum_of_names(n) for n in (node.left, node.right))
    return False


def _unpacked(rows: tuple, names: tuple[str, ...], packed: bool) -> tuple | None:
    """``rows`` as one value (one name) or one tuple of values (several) per case; None if a row does not match."""
    if len(names) == 1 and not packed:
        return rows
    if any(not isinstance(r, (tuple, list)) or len(r) != len(names) for r in rows):
        return None
    return tuple(r[0] for r in rows) if len(names) == 1 else rows


def read_test_params(code: str, name: str) -> TestParams | None:
    """The parameters the runner passes to test function ``name`` (its source ``code``, decorators included);
    None when it takes none."""
    try:
        tree = pyast.parse(code)
    except SyntaxError:
        return None
    fn = next((n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name == name), None)
    if fn is None:
        return None
    a = fn.args
    params = tuple(p.arg for p in [*a.posonlyargs, *a.args, *a.kwonlyargs])
    if not params:
        return None
    tables: list[Table] = []
    problem = None
    for dec in fn.decorator_list:
        if isinstance(dec, ast.Call) and _dotted(dec.func) in _PARAMETRIZE:
            t = _table(dec)
            if isinstance(t, str):
                problem = problem or t
            else:
                tables.append(t)
    covered = {n for t in tables for n in t.names}
    fixtures = tuple(p for p in params if p not in covered)
    return TestParams(params, tuple(reversed(tables)), problem, fixtures)  # the decorator nearest the def first


def _constant(node: ast.expr, consts: dict[str, ast.expr], depth: int = 0) -> tuple:
    """The rows a module-level table holds: literal rows, another table's name, or ``A + B`` of tables."""
    if depth > 8:
        raise ValueError("a table defined too deep")
    if isinstance(node, ast.Name):
        return _constant(consts[node.id], consts, depth + 1)  # a KeyError: not a constant of the file
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _constant(node.left, consts, depth + 1) + _constant(node.right, consts, depth + 1)
    if isinstance(node, (ast.List, ast.Tuple)):
        return tuple(_row(e) for e in node.elts)
    raise ValueError("not a literal table")


def resolve_tables(params: dict[str, TestParams], source: str) -> tuple[dict[str, TestParams], frozenset[str]]:
    """``params`` with the rows of each table named by a module-level constant of the test file where its value is
    literal (``SINGULAR_TO_PLURAL = (("search", "searches"), ...)``, ``A + B`` of such), and the constants used
    nowhere else than in the ``parametrize`` decorators of tests whose every table now has its rows: a target that
    writes each case into its test (JUnit, translate.translation.pytest_junit) needs no copy of them."""
    try:
        tree = pyast.parse(source)
    except (SyntaxError, RecursionError, ValueError):
        return params, frozenset()
    consts = {s.targets[0].id: s.value for s in tree.body
              if isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name)}
    out = {}
    for name, tp in params.items():
        tables = []
        for t in tp.tables:
            rows = t.rows
            if rows is None and t.ref is not None:
                try:
                    rows = _unpacked(_constant(pyast.parse_expression(t.ref).body, consts), t.names, t.packed)
                except (ValueError, TypeError, SyntaxError, RecursionError, KeyError):
                    rows = None
            tables.append(Table(t.names, rows, t.ref, t.packed))
        out[name] = TestParams(tp.params, tuple(tables), tp.problem, tp.fixtures)
    inside: set[int] = set()  # the Name nodes of decorators whose tables all have rows
    for fn in tree.body:
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        done = out.get(fn.name)
        if done is not None and done.problem is None and all(t.rows is not None for t in done.tables):
            inside.update(id(n) for dec in fn.decorator_list for n in ast.walk(dec) if isinstance(n, ast.Name))
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
            and id(n) not in inside}
    in_tables = {n for tp in out.values() for t in tp.tables if t.ref for n in re.findall(r"\w+", t.ref)}
    return out, frozenset(c for c in consts if c not in used and c in in_tables)


def case_values(tp: TestParams, limit: int = 1000) -> list[dict[str, str]] | None:
    """Every case of a parametrized test without fixtures, as parameter -> the Python literal of its value (stacked
    tables multiply, the decorator nearest the ``def`` varying slowest, as pytest orders them); None when a table
    has no rows here, the test takes fixtures, or there are more than ``limit`` cases."""
    if not tp.tables or tp.problem is not None or tp.fixtures or any(t.rows is None for t in tp.tables):
        return None
    cases: list[dict[str, str]] = [{}]
    for t in tp.tables:
        rows = t.rows or ()
        if len(cases) * len(rows) > limit:
            return None
        cases = [{**c, **({t.names[0]: repr(r)} if len(t.names) == 1 else
                          {n: repr(v) for n, v in zip(t.names, r)})} for c in cases for r in rows]
    return cases


def test_classes_of(classes: dict[str, tuple[tuple[str, ...], list[str], bool]]) -> dict[str, list[str]]:
    """The test classes of a module and their test methods, inherited ones included, from ``classes`` (name ->
    (bases as written, its own test methods, has ``__init__``)): unittest's (a ``TestCase`` base, here or through
    a base of the same module) and pytest's (named ``Test*``, no ``__init__``). A base of the same module passes
    its test methods on (a mixin holding the tests, as in ``class DictTests(TestCase, DictTestsMixin)``)."""
    def lineage(name: str, seen: tuple[str, ...] = ()) -> list[str]:
        out = [name]
        for b in classes[name][0]:
            if b in classes and b not in seen and b != name:
                out += [x for x in lineage(b, (*seen, name)) if x not in out]
        return out

    found: dict[str, list[str]] = {}
    for name in classes:
        line = lineage(name)
        unittest = any(b.split(".")[-1].endswith("TestCase") for c in line for b in classes[c][0])
        if unittest or (name.startswith("Test") and not any(classes[c][2] for c in line)):
            found[name] = list(dict.fromkeys(m for c in line for m in classes[c][1]))
    return found


def fixture_functions(source: str) -> frozenset[str]:
    """The ``@pytest.fixture`` functions of a module (its source; none when it does not parse)."""
    try:
        tree = pyast.parse(source)
    except (SyntaxError, ValueError, RecursionError):
        return frozenset()
    out = set()
    for n in tree.body:
        if isinstance(n, ast.FunctionDef) and any(_dotted(d) in _FIXTURE for d in n.decorator_list):
            out.add(n.name)
    return frozenset(out)


def strip_parametrize(code: str) -> str:
    """``code`` (one test function) without its ``parametrize`` decorators: the runner passes the cases."""
    try:
        tree = pyast.parse(code)
    except SyntaxError:
        return code
    lines = code.split("\n")
    cut: set[int] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for dec in node.decorator_list:
                if isinstance(dec, ast.Call) and _dotted(dec.func) in _PARAMETRIZE and dec.end_lineno is not None:
                    cut.update(range(dec.lineno - 1, dec.end_lineno))
    return "\n".join(ln for i, ln in enumerate(lines) if i not in cut)


def js_registration(test: str, fn: str, tp: TestParams, names: dict[str, str],
                    fixture_params: dict[str, tuple[str, ...]]) -> tuple[list[str], str | None]:
    """The ``node:test`` lines running test ``test`` (the JavaScript function ``fn``) once per case, with its
    fixtures, or ([], why not). ``names``: source name -> JavaScript name declared in the file (the tables and
    fixture functions); ``fixture_params``: a fixture function's parameters (source names)."""
    if tp.problem is not None:
        return [], tp.problem
    loops: list[str] = []
    value: dict[str, str] = {}
    for k, table in enumerate(tp.tables):
        if table.ref is not None:
            rows = names.get(table.ref)
            if rows is None:
                return [], f"its parametrize table `{table.ref}` is not defined in the migrated file"
        else:
            lits = [js_literal(r) for r in table.rows or ()]
            if any(lit is None for lit in lits):
                return [], "a parametrize row has no JavaScript literal (bytes, a set, a complex number)"
            rows = "[" + ", ".join(lits) + "]"  # type: ignore[arg-type]
        loops.append(f"for (const [i{k}, r{k}] of {rows}.entries())")
        for j, n in enumerate(table.names):
            whole = len(table.names) == 1 and not (table.packed and table.ref is not None)
            value[n] = f"r{k}" if whole else f"r{k}[{j}]"
    uses_fx = False

    def arg(p: str, seen: tuple[str, ...]) -> str | None:
        nonlocal uses_fx
        if p in value:
            return value[p]
        if p in BUILTIN_FIXTURES["javascript"]:
            uses_fx = True
            return f"fx.{p}"
        if p in fixture_params and p in names and p not in seen and len(seen) < 8:
            inner = [arg(q, (*seen, p)) for q in fixture_params[p]]
            if any(a is None for a in inner):
                return None
            uses_fx = True
            return f'fx.use("{p}", {", ".join([names[p], *inner])})'  # type: ignore[list-item]
        return None

    args = []
    for p in tp.params:
        a = arg(p, ())
        if a is None:
            return [], f"its fixture `{p}` has no JavaScript counterpart here"
        args.append(a)
    call = f"{fn}({', '.join(args)})"
    body = f"withFixtures((fx) => {call})" if uses_fx else call
    # the case's indices, as pytest names a case: ``test_x[0-2]`` (``test`` is a Python identifier)
    name = "`" + test + "[" + "-".join(f"${{i{k}}}" for k in range(len(loops))) + "]`" if loops else json.dumps(test)
    return [" ".join([*loops, f"test({name}, () => {body});"])], None
