"""Recorded cases as a C++ test (``--emit-tests DIR`` for a C++ output): ``test_<stem>.cpp``, a ``main`` with checks.

The test includes the translated file by its path (its own ``main``, if any, renamed by a macro around the
``#include``), writes each recorded input as a literal of the function's own parameter types
(:mod:`translate.oracle.cpp_types`, as the oracle's C++ driver does), and compares the result, and each list or
map argument after the call, with the source's: floats within the oracle's relative tolerance, containers item by
item, the rest with ``==``. It prints each failing case and exits 1 if any failed::

    g++ -std=c++17 -o t tests/test_stem.cpp && ./t

A case where the source raised is left out with a comment: in C++ the translation may throw or crash (a division by
zero is a signal), and a crash is no check a ``main`` can make; the oracle judges those cases in a forked child.
"""
from __future__ import annotations

import json
from typing import Any

from translate.oracle import drivers
from translate.oracle.cases import Case, Outcome, Recording
from translate.oracle.compare import REL_TOL
from translate.oracle.cpp_types import Unrepresentable, cpp_text, literal, parse_signature, result_fits
from translate.oracle.inputs import call_text

_HEAD = """#define main translate_output_main  // the output's own main, if any, is not this test's
#include "%(rel)s"
#undef main
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace translate_test {
int failed = 0;
inline bool same(double a, double b) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    return a == b || std::fabs(a - b) <= %(rel_tol)r * std::fmax(std::fabs(a), std::fabs(b));
}
inline bool same(float a, float b) { return same(double(a), double(b)); }
template <class T> bool same(const T& a, const T& b);
template <class T> bool same(const std::vector<T>& a, const std::vector<T>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); i++) if (!same(a[i], b[i])) return false;
    return true;
}
template <class K, class V> bool same(const std::map<K, V>& a, const std::map<K, V>& b) {
    if (a.size() != b.size()) return false;
    for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j)
        if (!same(i->first, j->first) || !same(i->second, j->second)) return false;
    return true;
}
template <class T> bool same(const T& a, const T& b) { return a == b; }
template <class T> void check(const char* label, const T& got, const T& want) {
    if (!same(got, want)) { failed++; std::printf("FAIL %%s\\n", label); }
}
}  // namespace translate_test

int main() {
"""


def cpp_tests(recordings: list[tuple[Recording, str]], rel: str, code: str) -> str:
    """The test program's text (after the header line ``emit`` adds)."""
    lines = [_HEAD % {"rel": rel, "rel_tol": REL_TOL}]
    for rec, name in recordings:
        if not rec.usable:
            lines.append(f"    // {rec.function}: no test ({rec.unverifiable or rec.failed or 'no cases'})")
            continue
        unit = drivers.candidate_unit(code, "cpp", name)
        try:
            if unit is None:
                raise Unrepresentable(f"no function {name} in {rel}")
            ret, types = parse_signature(unit.signature, unit.name, code)
        except Unrepresentable as exc:
            why = json.dumps(f"{rec.function}: {exc}")
            lines.append(f'    translate_test::failed++; std::printf("FAIL %s\\n", {why});')
            continue
        for c in rec.cases:
            lines.append(f"    // {call_text(rec.function, c.args)}  [{c.origin}]")
            if c.expected is not None:
                lines.append("    " + _case(unit.name, ret, types, c, c.expected))
    lines += ["    if (translate_test::failed) std::printf(\"%d failed\\n\", translate_test::failed);",
              "    return translate_test::failed ? 1 : 0;", "}", ""]
    return "\n".join(lines)


def _case(name: str, ret, types, c: Case, exp: Outcome) -> str:
    if exp.raised:
        return "// left out: the source raised (a crash in C++ is no check a main can make)"
    if len(types) != len(c.args):
        return f"// left out: {len(types)} parameters, the source {len(c.args)}"
    try:
        decls = [f"{cpp_text(t)} a{k} = {literal(v, t)};" for k, (t, v) in enumerate(zip(types, c.args, strict=True))]
        void = ret is not None and ret[0] == "void"
        if ret is None or (not void and result_fits(exp.value, ret)):
            return f"// left out: {result_fits(exp.value, ret) if ret else 'the return type is not read'}"
        label = json.dumps(call_text(name, c.args))
        call = f"::{name}({', '.join(f'a{k}' for k in range(len(c.args)))})"
        body = [f"{call};"] if void else [f"check({label}, {cpp_text(ret)}({call}), {_value(exp.value, ret)});"]
        for k, (after, t) in enumerate(zip(exp.after or [], types, strict=False)):
            if isinstance(after, (list, dict)):
                body.append(f"check({json.dumps(f'argument {k + 1} after ' + call_text(name, c.args))}, "
                            f"{cpp_text(t)}(a{k}), {_value(after, t)});")
    except Unrepresentable as exc:
        return f"// left out: {exc}"
    return "{ using namespace translate_test; " + " ".join([*decls, *body]) + " }"


def _value(v: Any, t) -> str:
    return f"{cpp_text(t)}({literal(v, t)})"


__all__ = ["cpp_tests"]
