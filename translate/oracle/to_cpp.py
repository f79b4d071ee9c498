"""Python values -> C++: literals written for the candidate's own parameter types, and the C++ driver.

The candidate's signature says how each recorded input is written (:mod:`translate.oracle.cpp_types`).
An input or a recorded result that does not fit the candidate's fixed-width integers is skipped for this
candidate and said so. One compile per candidate: the candidate (its ``main``, if any, renamed), then a
driver whose ``main`` runs every case in a forked child with an alarm, so a crash (``SIGFPE`` for a
division by zero, ``SIGSEGV``) reads as that case raising and a hang as that case timing out. Results print
as the same canonical JSON lines as the Python driver; the candidate's own output goes to /dev/null.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any

from translate.oracle.cases import Case
from translate.oracle.cpp_types import CType, Unrepresentable, cpp_text, literal, parse_signature, result_fits
from translate.oracle.inputs import call_text
from translate.oracle.py_driver import MARK

LANGUAGE = "cpp"
STRICT_NUMBERS = False  # a double 3.0 where the source returned 3 is a signature question, not behaviour

PRELUDE = """#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <iostream>
#include <list>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>
"""

_DRIVER = r'''
#include <cxxabi.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <typeinfo>
#include <type_traits>
#include <unistd.h>

namespace oracle_drv {
struct NotCanonical { std::string why; };
static int OUT_FD = 1;
static const char* MARK = %(mark)s;
static const std::size_t CAP = %(cap)d;

inline std::string demangle(const char* name) {
    int status = 0;
    char* d = abi::__cxa_demangle(name, nullptr, nullptr, &status);
    std::string s = (status == 0 && d) ? d : name;
    std::free(d);
    return s;
}
inline std::string str(const std::string& s) {
    std::string o = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') { o += '\\'; o += (char) c; }
        else if (c < 0x20 || c == 0x7f) { char b[8]; std::snprintf(b, sizeof b, "\\u%%04x", c); o += b; }
        else o += (char) c;
    }
    return o + "\"";
}
inline void enc(std::string& o, bool v);
inline void enc(std::string& o, char v);
inline void enc(std::string& o, const std::string& v);
inline void enc(std::string& o, const char* v);
inline void enc(std::string& o, double v);
inline void enc(std::string& o, float v);
inline void enc(std::string& o, long double v);
template <class T> typename std::enable_if<std::is_integral<T>::value>::type enc(std::string& o, T v);
template <class T, class A> void enc(std::string& o, const std::vector<T, A>& v);
template <class T, class A> void enc(std::string& o, const std::deque<T, A>& v);
template <class T, class A> void enc(std::string& o, const std::list<T, A>& v);
template <class T, std::size_t N> void enc(std::string& o, const std::array<T, N>& v);
template <class K, class V, class C, class A> void enc(std::string& o, const std::map<K, V, C, A>& v);
template <class K, class V, class H, class E, class A> void enc(std::string& o, const std::unordered_map<K, V, H, E, A>& v);
template <class A, class B> void enc(std::string& o, const std::pair<A, B>& v);
template <class... T> void enc(std::string& o, const std::tuple<T...>& v);
template <class T> void enc(std::string& o, const std::optional<T>& v);
template <class T> typename std::enable_if<!std::is_arithmetic<T>::value>::type enc(std::string& o, const T& v);

inline void enc(std::string& o, bool v) { o += v ? "true" : "false"; }
inline void enc(std::string& o, char v) { o += str(std::string(1, v)); }
inline void enc(std::string& o, const std::string& v) { o += str(v); }
inline void enc(std::string& o, const char* v) { if (v) o += str(v); else o += "null"; }
inline void enc(std::string& o, double v) {
    if (!std::isfinite(v)) throw NotCanonical{std::isnan(v) ? "nan" : "inf"};
    char b[40];
    std::snprintf(b, sizeof b, "%%.17g", v);
    std::string s = b;
    if (s.find_first_of(".eE") == std::string::npos) s += ".0";
    o += s;
}
inline void enc(std::string& o, float v) { enc(o, (double) v); }
inline void enc(std::string& o, long double v) { enc(o, (double) v); }
template <class T> typename std::enable_if<std::is_integral<T>::value>::type enc(std::string& o, T v) {
    o += std::to_string(v);
}
template <class It> void seq(std::string& o, It b, It e) {
    o += "[";
    for (It i = b; i != e; ++i) {
        if (i != b) o += ",";
        typename std::iterator_traits<It>::value_type x = *i;
        enc(o, x);
    }
    o += "]";
}
template <class T, class A> void enc(std::string& o, const std::vector<T, A>& v) { seq(o, v.begin(), v.end()); }
template <class T, class A> void enc(std::string& o, const std::deque<T, A>& v) { seq(o, v.begin(), v.end()); }
template <class T, class A> void enc(std::string& o, const std::list<T, A>& v) { seq(o, v.begin(), v.end()); }
template <class T, std::size_t N> void enc(std::string& o, const std::array<T, N>& v) { seq(o, v.begin(), v.end()); }
inline std::string key(const std::string& k) { return str(k); }
inline std::string key(char k) { return str(std::string(1, k)); }
template <class K> std::string key(const K& k) {
    std::string s;
    enc(s, k);
    return s.size() && s[0] == '"' ? s : str(s);
}
template <class M> void mapping(std::string& o, const M& m) {
    o += "{";
    bool first = true;
    for (const auto& kv : m) {
        if (!first) o += ",";
        first = false;
        o += key(kv.first) + ":";
        enc(o, kv.second);
    }
    o += "}";
}
template <class K, class V, class C, class A> void enc(std::string& o, const std::map<K, V, C, A>& v) { mapping(o, v); }
template <class K, class V, class H, class E, class A>
void enc(std::string& o, const std::unordered_map<K, V, H, E, A>& v) { mapping(o, v); }
template <class A, class B> void enc(std::string& o, const std::pair<A, B>& v) {
    o += "["; enc(o, v.first); o += ","; enc(o, v.second); o += "]";
}
template <class... T> void enc(std::string& o, const std::tuple<T...>& v) {
    o += "[";
    bool first = true;
    std::apply([&](const auto&... x) { ((o += first ? "" : ",", first = false, enc(o, x)), ...); }, v);
    o += "]";
}
template <class T> void enc(std::string& o, const std::optional<T>& v) { if (v) enc(o, *v); else o += "null"; }
template <class T> typename std::enable_if<!std::is_arithmetic<T>::value>::type enc(std::string&, const T&) {
    throw NotCanonical{"a " + demangle(typeid(T).name())};
}
template <class T> std::string after(const T& v, bool box) {
    if (!box) return "null";
    std::string s;
    enc(s, v);
    return s;
}

inline void emit(int i, const std::string& body) {
    std::string line = "{\"i\":" + std::to_string(i) + "," + body + "}";
    if (line.size() > CAP) line = "{\"i\":" + std::to_string(i) + ",\"drop\":\"output too long to compare\"}";
    line = std::string("\n") + MARK + line + "\n";
    for (std::size_t done = 0; done < line.size();) {
        ssize_t n = write(OUT_FD, line.data() + done, line.size() - done);
        if (n <= 0) break;
        done += (std::size_t) n;
    }
}
inline void start() {
    OUT_FD = dup(1);
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) { dup2(null, 1); dup2(null, 2); close(null); }
}
template <class F> void guarded(int i, F body) {
    try { body(); }
    catch (NotCanonical& e) { emit(i, "\"drop\":" + str("returns " + e.why)); }
    catch (const std::exception& e) { emit(i, "\"raises\":" + str(demangle(typeid(e).name()))); }
    catch (...) { emit(i, "\"raises\":\"exception\""); }
}
template <class F> void run(int i, F body) {
    std::fflush(nullptr);
    std::cout.flush();
    pid_t p = fork();
    if (p < 0) { guarded(i, body); return; }
    if (p == 0) {
        alarm(%(alarm)d);
        guarded(i, body);
        std::fflush(nullptr);
        _exit(0);
    }
    int st = 0;
    if (waitpid(p, &st, 0) < 0) return;
    if (WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM) emit(i, "\"drop\":\"timed out after %(alarm)ds\"");
    else if (WIFSIGNALED(st)) emit(i, "\"raises\":" + str(std::string("signal ") + strsignal(WTERMSIG(st))));
    else if (WIFEXITED(st) && WEXITSTATUS(st) != 0) emit(i, "\"raises\":\"exit(" + std::to_string(WEXITSTATUS(st)) + ")\"");
}
}  // namespace oracle_drv

int main() {
    oracle_drv::start();
%(cases)s
    return 0;
}
'''


def prepare(candidate: str, signature: str, name: str, cases: list[Case]) -> tuple[CType | None, list[CType],
                                                                                      list[Case], list[str]]:
    """(return type, parameter types, the cases that fit, notes for those that do not)."""
    ret, types = parse_signature(signature, name, candidate)
    kept, notes = [], []
    for case in cases:
        if len(case.args) != len(types):
            raise Unrepresentable(f"{name} takes {len(types)} parameters, the source {len(case.args)}")
        why = result_fits(case.expected.value if case.expected else None, ret)
        if why is None:
            try:
                for v, t in zip(case.args, types):
                    literal(v, t)
            except Unrepresentable as exc:
                why = str(exc)
        if why:
            notes.append(f"skipped {call_text(name, case.args)}: {why}")
        else:
            kept.append(case)
    return ret, types, kept, notes


def program(candidate: str, name: str, ret: CType | None, types: list[CType], args: list[list[Any]], *,
            per_call: float = 1.0) -> str:
    """The C++ program: standard headers, the candidate, the driver calling ``::name`` on every case."""
    code = re.sub(r"\bint\s+main\s*\(", "int oracle_candidate_main(", candidate)
    blocks = []
    for index, case in enumerate(args):
        decls = " ".join(f"{cpp_text(t)} a{k} = {literal(v, t)};" for k, (t, v) in enumerate(zip(types, case)))
        call = f"::{name}({', '.join(f'a{k}' for k in range(len(case)))})"
        afters = ' + "," + '.join(f"oracle_drv::after(a{k}, {str(isinstance(v, (list, dict))).lower()})"
                                  for k, v in enumerate(case)) or '""'
        if ret is not None and ret[0] == "void":
            result = f'{call}; std::string s = "\\"ok\\":null";'
        else:
            result = f'auto r = {call}; std::string s = "\\"ok\\":"; oracle_drv::enc(s, r);'
        blocks.append(f"    oracle_drv::run({index}, [&]() {{ {decls} {result} "
                      f's += ",\\"after\\":[" + {afters} + "]"; oracle_drv::emit({index}, s); }});')
    cap = max(60, 3600 // max(1, len(args)))
    driver = _DRIVER % {"mark": json.dumps(MARK), "cap": cap, "cases": "\n".join(blocks),
                        "alarm": max(1, math.ceil(per_call))}
    return PRELUDE + "\n" + code + "\n" + driver

