"""How far the rules that write translations without a model reach, on HumanEval-X.

    python bench/rule_bench.py [--from java|cpp --to python | --from python --to javascript|cpp|java [--declaration]]
                               [--limit N] [--json OUT]

Java -> Python (translate.translation.java_rule_classes): every method of each task's ``Solution`` is written as
the free function the pipeline would try (``free_function``). C++ -> Python
(translate.translation.cpp_py_rule): every function of the task's C++. Python -> JavaScript (translate.translation.
py_js_rule): every function of the task's Python, its untyped parameters typed from the source's recorded runs as
the pipeline's behaviour check records them (the benchmark's tests are never read), then renamed as the pipeline
names them; Python -> C++ and Java (py_cpp_rule, py_java_rule) the same way, with ``--declaration`` given the
target declaration HumanEval-X gives with each task. Where the rule writes all of a task's functions, the result runs against the task's hidden tests in
the target language in the sandbox (the same program ``translate eval`` builds). Prints the functions covered, the
tasks covered, how many of those pass the hidden tests (a rule answer that fails them is a bug in the rule: in the
pipeline it is kept only where the source's recorded behaviour confirms it), and the reasons the rule gave up,
most frequent first. The rule never sees the tests; they only score.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _reason(method, cls) -> str | None:
    """Why the rule gives up on ``method`` (a tree-sitter node of ``cls``), or None where it writes it."""
    from translate.translation.java_rule_classes import members_of, method_lines
    from translate.translation.java_rule_exprs import Unsupported

    try:
        method_lines(method, members_of(cls, merge=True))
    except Unsupported as exc:
        return str(exc)
    except (ValueError, IndexError, StopIteration, KeyError) as exc:
        return f"{type(exc).__name__} (a rule bug)"
    return None


def _java_python(src) -> tuple[list[str], list[str], int]:
    """(methods written, reasons the rule gave up, methods) for one Java task's ``Solution``."""
    from translate.source.languages import get_language
    from translate.translation.java_rule_classes import free_function
    from translate.translation.junit_jdk import text

    program = src.source_program
    root = get_language("java").parse(program.encode()).root_node
    cls = next(c for c in root.named_children if c.type == "class_declaration")
    outs, why, methods = [], [], 0
    for m in cls.child_by_field_name("body").named_children:
        if m.type != "method_declaration":
            continue
        methods += 1
        out = free_function(text(m), program)
        if out is None:
            why.append(_reason(m, cls) or "the written Python was refused")
        else:
            outs.append(out)
    return outs, why, methods


def _python_javascript(src) -> tuple[list[str], list[str], int]:
    """(functions written, renamed as the pipeline names them; reasons the rule gave up; functions) for one
    Python task."""
    import ast

    from translate.oracle.record import record_source
    from translate.source.languages import get_language
    from translate.translation.naming import NameMap, rename_identifiers
    from translate.translation.py_js_rule import recorded_types, write_function
    from translate.translation.py_js_types import Unsupported

    program = src.source_program
    try:
        fns = [f for f in ast.parse(program).body if isinstance(f, ast.FunctionDef)]
    except SyntaxError:
        return [], ["the task's Python does not parse"], 1
    js = get_language("javascript")
    names = NameMap(js)
    names.add_all((f.name, "function") for f in fns)
    outs, why = [], []
    for f in fns:
        try:
            types = recorded_types(record_source(program, "python", f.name))  # as the pipeline's check records it
            code = write_function(ast.get_source_segment(program, f), program, types)
            outs.append(rename_identifiers(code, js, names))
        except Unsupported as exc:
            why.append(str(exc))
        except Exception as exc:
            why.append(f"{type(exc).__name__}: {exc} (a rule bug)")
    return outs, why, len(fns)


def _python_java(src, declaration: str = "") -> tuple[list[str], list[str], int]:
    """As :func:`_python_cpp`, into Java (``declaration``: HumanEval-X's Java declaration)."""
    return _python_cpp(src, declaration, "java")


def _python_cpp(src, declaration: str = "", target: str = "cpp") -> tuple[list[str], list[str], int]:
    """(functions written, renamed as the pipeline names them; reasons the rule gave up; functions) for one
    Python task, into C++ (``declaration``: HumanEval-X's C++ declaration, with ``--declaration``) or Java."""
    import ast

    from translate.oracle.record import record_source
    from translate.source.languages import get_language
    from translate.translation.naming import NameMap, rename_identifiers
    from translate.translation.py_cpp_rule import write_function as write_cpp
    from translate.translation.py_java_rule import write_function as write_java
    from translate.translation.py_js_rule import recorded_types
    from translate.translation.py_js_types import Unsupported

    program = src.source_program
    try:
        fns = [f for f in ast.parse(program).body if isinstance(f, ast.FunctionDef)]
    except SyntaxError:
        return [], ["the task's Python does not parse"], 1
    write_function = write_java if target == "java" else write_cpp
    cpp = get_language(target)
    names = NameMap(cpp)
    names.add_all((f.name, "function") for f in fns)
    outs, why = [], []
    for f in fns:
        try:
            types = recorded_types(record_source(program, "python", f.name))
            code = write_function(ast.get_source_segment(program, f), program, types,
                                  declaration if f is fns[-1] else "")
            outs.append(rename_identifiers(code, cpp, names))
        except Unsupported as exc:
            why.append(str(exc))
        except Exception as exc:
            why.append(f"{type(exc).__name__}: {exc} (a rule bug)")
    return outs, why, len(fns)


def _cpp_python(src, declaration: str = "") -> tuple[list[str], list[str], int]:
    """(functions written, reasons the rule gave up, functions) for one C++ task (``declaration``: HumanEval-X's
    Python declaration, with ``--declaration``)."""
    from translate.translation.cpp_py_rule import function_lines, python_function
    from translate.translation.cpp_py_types import functions, name_of
    from translate.translation.declared import header
    from translate.translation.junit_jdk import Unsupported, text

    program = src.source_program
    fns = functions(program)
    if not fns:
        return [], ["the task's C++ does not parse"], 1
    outs, why = [], []
    for fn in fns:
        out = python_function(text(fn), program, header(declaration, name_of(fn)) if declaration else "")
        if out is not None:
            outs.append(out)
            continue
        try:
            function_lines(fn, program)
            why.append("the written Python was refused")
        except Unsupported as exc:
            why.append(str(exc))
        except Exception as exc:
            why.append(f"{type(exc).__name__}: {exc} (a rule bug)")
    return outs, why, len(fns)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=None, help="the bench folder (default: ../shared/bench)")
    ap.add_argument("--from", dest="source", default="java", choices=("java", "python", "cpp"))
    ap.add_argument("--to", dest="target", default="python", choices=("python", "javascript", "cpp", "java"))
    ap.add_argument("--declaration", action="store_true",
                    help="give the rule the target declaration (HumanEval-X's protocol, as --target-declaration)")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", default=None, help="write the per-task rows here")
    args = ap.parse_args(argv)

    from translate.evaluation.humanevalx import load_pairs, run_many

    rule = {("java", "python"): _java_python, ("python", "javascript"): _python_javascript,
            ("python", "cpp"): _python_cpp, ("cpp", "python"): _cpp_python, ("python", "java"): _python_java}.get((args.source, args.target))
    if rule is None:
        ap.error(f"no rule for {args.source} -> {args.target}")
    rows, reasons, items = [], collections.Counter(), []
    methods = covered = 0
    for src, tgt in load_pairs(args.source, args.target, args.data, args.limit):
        outs, why, n = rule(src, tgt.declaration) if rule in (_python_cpp, _cpp_python, _python_java) and args.declaration \
            else rule(src)
        methods += n
        covered += len(outs)
        for w in why:
            reasons[w] += 1
        row = {"task_id": src.task_id, "covered": not why, "reasons": why}
        rows.append(row)
        if not why:
            items.append(("\n\n".join(outs), tgt))
            row["code"] = items[-1][0]
    t0 = time.perf_counter()
    outcomes = run_many(items) if items else []
    seconds = time.perf_counter() - t0
    by_id = {tgt.task_id.split("/")[1]: o for (_, tgt), o in zip(items, outcomes, strict=True)}
    passed = []
    for row in rows:
        o = by_id.get(row["task_id"].split("/")[1]) if row["covered"] else None
        if o is not None:
            row["passed"], row["message"] = o.passed, o.message
            if o.passed:
                passed.append(row["task_id"])
    done = [r for r in rows if r["covered"]]
    print(f"tasks {len(rows)}, functions {methods}: the rule writes {covered} ({covered / max(methods, 1):.0%}),"
          f" all methods of {len(done)} tasks")
    print(f"hidden tests: {len(passed)} / {len(done)} covered tasks pass ({seconds:.0f} s in the sandbox)")
    for row in done:
        if not row.get("passed"):
            print(f"  FAILS {row['task_id']}: {(row.get('message') or '')[:300]}")
    print("why the rule gave up (functions):")
    for why, n in reasons.most_common():
        print(f"  {n:3d}  {why}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
