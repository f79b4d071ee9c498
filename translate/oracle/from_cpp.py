"""C++ sources: inputs for a free function, the function run once in the sandbox, what it did recorded.

The source is a C++ file (HumanEval-X style: ``#include``s, ``using namespace std;``, the function and its
helpers). Inputs, in order: the ones the caller passed, documented examples in its comments
(``>>> f({1, 2}, 3)``, ``f("ab") == 2``), literal calls of it in the code, then values generated from the
parameters' C++ types (:mod:`translate.oracle.cpp_types`), edge values first. The driver is the C++
target's (:mod:`translate.oracle.to_cpp`): one compile, each call in a forked child, so a crash reads as a
raise (a documented input the source crashes on is expected to raise) and a hang as a dropped input.
Arguments after the call are recorded only for non-const reference parameters.
"""
from __future__ import annotations

import re
from typing import Any

from translate.oracle import cpp_types, numeric_text, to_cpp
from translate.oracle.cases import Recording
from translate.oracle.from_java import gather_typed, split_comments
from translate.source.languages import get_language
from translate.source.units import Unit, parse_text
from translate.source.validate import normalize_name

_HAZARDS = [
    (r"\b(s?rand|random_device|mt19937(_64)?|default_random_engine|random_shuffle)\b", "uses randomness"),
    (r"\b(time|clock|gettimeofday|clock_gettime)\s*\(|\bchrono::", "reads the clock"),
    (r"\b(fopen|ifstream|ofstream|fstream|scanf|getline|getchar|cin|fgets|freopen)\b", "uses files or reads input"),
    (r"\b(getenv|system|popen|fork|exec[lv]p?e?)\s*\(", "uses the operating system"),
    (r"\b(socket|connect)\s*\(", "uses the network"),
    (r"\bstd::thread\b|\bpthread_create\b|\basync\s*\(", "uses threads"),
]


def find_function(code: str, name: str) -> Unit | None:
    try:
        parsed = parse_text(code, get_language("cpp"))
    except (ValueError, RuntimeError):
        return None
    units = [u for u in parsed.units if u.kind == "function"]
    found = [u for u in units if u.name == name] or [u for u in units if normalize_name(u.name) == normalize_name(name)]
    return found[0] if found else None


def param_names(signature: str, name: str) -> list[str]:
    m = re.search(rf"\b{re.escape(name)}\s*\((.*)\)", signature, re.DOTALL)
    raw = m.group(1).strip() if m else ""
    names: list[str] = []
    for p in cpp_types.split_top(raw) if raw not in ("", "void") else []:
        words = re.findall(r"[A-Za-z_]\w*", p.split("=", 1)[0])
        names.append(words[-1] if words else f"arg{len(names)}")
    return names


def record_cpp(code: str, function_name: str, *, inputs: list[list[Any]] | None, limit: int, per_call: float,
               generate_inputs: bool) -> Recording:
    from translate.oracle.record import run_typed

    rec = Recording(function_name, [], source="cpp")
    unit = find_function(code, function_name)
    if unit is None:
        rec.unverifiable = f"no function {function_name} in the C++ source"
        return rec
    _, body = split_comments(code)
    body = re.sub(r"^\s*#.*$", "", body, flags=re.MULTILINE)  # an #include <ctime> alone is no hazard
    why = next((why for pattern, why in _HAZARDS if re.search(pattern, body)), None)
    if why:
        rec.unverifiable = f"{function_name} {why}"
        return rec
    try:
        ret, types = cpp_types.parse_signature(unit.signature, unit.name, code)
    except cpp_types.Unrepresentable as exc:
        rec.unverifiable = str(exc)
        return rec
    rec.params = param_names(unit.signature, unit.name)
    kinds = [cpp_types.kind(t) for t in types]
    kinds = numeric_text.refined(kinds, rec.params, unit.text)
    cases, rec.dropped = gather_typed(code, unit.name, rec.params, types, kinds, cpp_types.coerce, cpp=True,
                                      limit=limit, given=inputs, generated=generate_inputs,
                                      function_text=unit.text)
    return run_typed(rec, cases, limit, lang="cpp", display="C++", timeout=10.0, per_call=per_call,
                     program=lambda chosen: to_cpp.program(code, unit.name, ret, types, [c.args for c in chosen],
                                                           per_call=per_call),
                     outputs=out_params(unit.signature, unit.name), gist=_compile_gist)


def _compile_gist(text: str) -> str:
    """g++'s first ``error:`` line, else the last line."""
    lines = [x.strip() for x in (text or "").split("\n") if x.strip()]
    return next((x for x in lines if "error:" in x), lines[-1] if lines else "no output")[:240]


def out_params(signature: str, name: str) -> list[bool]:
    """Which parameters the caller sees changed: non-const references (``vector<int>& xs``); a copy or a
    ``const&`` never is, so a Python candidate that sorts its list in place does not differ there."""
    m = re.search(rf"\b{re.escape(name)}\s*\((.*)\)", signature, re.DOTALL)
    raw = m.group(1).strip() if m else ""
    return [("&" in p and not re.search(r"\bconst\b", p)) for p in
            (cpp_types.split_top(raw) if raw not in ("", "void") else [])]
