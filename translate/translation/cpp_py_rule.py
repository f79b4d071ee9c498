"""The C++ -> Python rule: a C++ function written as Python without a model, with C++'s meaning.

C++ declares every type, so the rule needs no recording of the source's runs: each expression is written with
its C++ type (:mod:`cpp_py_types`) by the Java rule's typed writer adapted to tree-sitter-cpp and to C++'s
meanings (:mod:`cpp_py_body`, :mod:`cpp_py_calls`): integer ``/`` and ``%`` truncating toward zero, ``char``
arithmetic through ``ord``/``chr``, containers copied where C++ copies them, implicit conversions written out.
A construct outside the covered subset (pointers, ``map``, ``pair``, classes, lambdas, ``printf``) gives no
answer: the unit is the model's alone.

As with the other rules (:mod:`translate.translation.premade`), the pipeline asks the model first and tries the
rule's answer only when a turn's answers fail, keeping it only where the behaviour check ran it and it matched
the C++ source on the recorded inputs.
"""
from __future__ import annotations

import re

from translate.source.languages import get_language
from translate.source.validate import validate
from translate.translation import cpp_py_maps as maps
from translate.translation.cpp_py_body import CppBody, copied, mutated
from translate.translation.cpp_py_types import function_name, functions, members_of, name_of, params, type_of
from translate.translation.java_rule_types import IND
from translate.translation.junit_jdk import Unsupported

_ERRORS = (Unsupported, ValueError, IndexError, KeyError, StopIteration, AttributeError, TypeError, RecursionError)


def function_lines(fn, source: str, as_tuple: bool = False) -> list[str]:
    """The Python lines of a C++ function definition node ``fn`` (``source``: its file, for its callees), or
    Unsupported; ``as_tuple``: the callers declare a tuple where the C++ returns a vector."""
    members = members_of(source)
    ret = type_of(fn)
    body = CppBody(members, ret)
    if as_tuple and not ret.endswith("[]"):
        raise Unsupported("a tuple declared where the C++ returns no vector")
    body.as_tuple = as_tuple
    block = fn.child_by_field_name("body")
    body.root = block
    names, entry = [], []
    for name, typ, ref in params(fn):
        if typ == "auto":
            raise Unsupported("an auto parameter")
        names.append(body.declare(name, typ))
        if ref:
            body.refs.add(name)
        elif maps.is_map(typ) or (typ.endswith("[]") or maps.is_set(typ)) and mutated(block, name):
            # (a map's m[k] read inserts)
            entry.append(f"{names[-1]} = {copied(names[-1], typ)}")  # C++ passed a copy: the caller's is kept
    lines = entry + [ln for k in block.named_children for ln in body.statement(k)]
    imports = [f"import {m}" for m in sorted(body.imports)]
    head = f"def {function_name(name_of(fn))}({', '.join(names)}):"
    return [*imports, *([""] if imports else []), head, *[IND + ln for ln in (lines or ["pass"])]]


def python_function(code: str, source: str = "", declared: str = "") -> str | None:
    """The Python of the C++ function ``code`` (``source``: its file, whose other functions it may call), or None
    where the rule does not cover it. ``declared``: the Python header its callers declare (HumanEval-X's target
    declaration): a ``-> Tuple[...]`` there makes the C++ vector returned a tuple."""
    try:
        fns = functions(code)
        if len(fns) != 1:
            return None
        as_tuple = re.search(r"->\s*(?:typing\.)?[Tt]uple\b", declared) is not None
        out = "\n".join(function_lines(fns[0], source or code, as_tuple)) + "\n"
    except _ERRORS:
        return None
    return None if validate(out, get_language("python")) else out


def rule_answer(task, fenced: bool, holder: str = "") -> str | None:
    """The rule's answer to a C++ -> Python ``TranslationTask`` of a function (``holder``: its file's source), in
    the form the model answers (``fenced``: in a chat model's code fence); None where it does not cover it."""
    if task.source.name != "cpp" or task.target.name != "python" or task.kind != "function" \
            or task.context.test or task.context.must_call:
        return None
    out = python_function(task.code, holder, task.context.declared)
    return None if out is None else f"```python\n{out}```\n" if fenced else out
