"""Recorded cases as tests in the target's own runner (``--emit-tests DIR``): ``test_<stem>.py`` (pytest),
``<stem>.test.mjs`` (``node --test``; the output run with ``vm``, exported or not), ``<Class>Test.java`` (plain
``main``, exit 1 at the first failure), ``test_<stem>.cpp`` (a ``main`` with checks: :mod:`emit_cpp`). The oracle's rules (:mod:`translate.oracle.compare`): floats within 1e-6,
any exception for an expected one, list/dict arguments checked after the call, Python ints kept ints."""
from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from translate.oracle import drivers, to_java, to_javascript
from translate.oracle.cases import Case, Outcome, Recording
from translate.oracle.compare import REL_TOL
from translate.oracle.inputs import call_text

_IDENT, _WORD = re.compile(r"[A-Za-z_$][\w$]*"), re.compile(r"\W")
_TARGETS = {"py": "python", "python3": "python", "js": "javascript", "node": "javascript"}
Items = list[tuple[Recording, str]]


def emit(recordings: Items, target: str, output_path: str, tests_dir: str, *,
         output_code: str | None = None) -> tuple[str, str]:
    """(test file name, its text) for ``output_path``, the file going in ``tests_dir``; ``recordings``: (recording,
    its name in the target). Java reads the output (or ``output_code``) for the parameter types. ValueError: no
    test emitter for ``target``, or no recording has a case."""
    if (lang := _TARGETS.get(target.lower(), target.lower())) not in ("python", "javascript", "java", "cpp"):
        raise ValueError(f"no test emitter for {target} yet (there are: python, javascript, java, cpp)")
    if not any(rec.usable for rec, _ in recordings):
        raise ValueError("no recorded case to write as a test")
    if bad := [name for _, name in recordings if not _IDENT.fullmatch(name)]:
        raise ValueError(f"{bad[0]!r} is no function name")
    rel = os.path.relpath(os.path.abspath(output_path), os.path.abspath(tests_dir)).replace(os.sep, "/")
    stem, note = Path(output_path).stem, "#" if lang == "python" else "//"
    head = f"{note} What the source's {', '.join(r.function for r, _ in recordings)} did: `translate --emit-tests`\n"
    if lang == "python":
        return f"test_{stem}.py", head + _python(recordings, rel, stem)
    if lang == "javascript":
        return f"{stem}.test.mjs", head + _javascript(recordings, rel)
    if lang == "cpp":
        from translate.oracle.emit_cpp import cpp_tests

        return f"test_{stem}.cpp", head + cpp_tests(recordings, rel, output_code or Path(output_path).read_text("utf-8"))
    return f"{stem}Test.java", head + _java(recordings, rel, stem, output_code or Path(output_path).read_text("utf-8"))


def _functions(recordings: Items, note: str, indent: str, one: Callable[[Recording, str], tuple[str, str]],
               case: Callable[[Recording, Case, Outcome], list[str]]) -> str:
    """Each usable recording as ``one``'s (opening, closing) around its cases, each written by ``case``."""
    out = []
    for rec, name in recordings:
        if not rec.usable:
            out.append(f"\n{note} {rec.function}: no test ({rec.unverifiable or rec.failed or 'no cases'})\n")
            continue
        opening, closing = one(rec, name)
        lines = [opening]
        for c in rec.cases:
            lines.append(f"{indent}{note} {call_text(rec.function, c.args)}  [{c.origin}]")
            lines += [indent + x for x in case(rec, c, c.expected)] if c.expected else []
        out.append("\n".join([*lines, closing]))
    return "".join(out)


def _render(v: Any, leaf: Callable[[Any], str], seq: str, pairs: str, sep: str = ": ") -> str:
    """A value as source text: ``leaf`` for scalars, ``seq``/``pairs`` (``{}`` where the items go) for the rest."""
    again = (lambda x: _render(x, leaf, seq, pairs, sep))
    if isinstance(v, dict):
        return pairs.replace("{}", ", ".join(f"{leaf(k)}{sep}{again(x)}" for k, x in v.items()))
    return seq.replace("{}", ", ".join(map(again, v))) if isinstance(v, (list, tuple)) else leaf(v)


_PY = '''# Run: pytest <this folder>
import importlib.util
import pathlib
import sys

import pytest

_PATH = pathlib.Path(__file__).resolve().parent / %(rel)r
sys.path.insert(0, str(_PATH.parent))  # the modules next to it, as when it runs there
_spec = importlib.util.spec_from_file_location(%(module)r, _PATH)
_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_mod)

def _walk(v, leaf):  # what the oracle compares: tuples are lists
    if isinstance(v, (list, tuple)):
        return [_walk(x, leaf) for x in v]
    return {k: _walk(x, leaf) for k, x in v.items()} if isinstance(v, dict) else leaf(v)

def _check(got, expected, strict=True):  # floats within a relative %(rel_tol)r
    got = _walk(got, lambda x: x)
    assert got == _walk(expected, lambda x: pytest.approx(x, rel=%(rel_tol)r, abs=1e-9) if isinstance(x, float) else x)
    if strict:  # 3 is not 3.0, True is not 1
        assert _walk(got, lambda x: type(x).__name__) == _walk(expected, lambda x: type(x).__name__)
'''


_pylit = (lambda v: _render(v, lambda x: repr(x) if not isinstance(x, float) or math.isfinite(x) else f'float("{x}")',
                            "[{}]", "{{}}"))


def _python(recordings: Items, rel: str, stem: str) -> str:
    def case(rec: Recording, c: Case, exp: Outcome) -> list[str]:
        strict = "" if rec.source == "python" else ", strict=False"
        args = ", ".join(_pylit(a) for a in c.args)
        if exp.raised:
            return [f"with pytest.raises(Exception):  # the source raised {exp.error}", f"    f({args})"]
        after = [f"_check(args[{j}], {_pylit(a)}{strict})" for j, a in enumerate(exp.after or []) if a is not None]
        call = "f(*args)" if after else f"f({args})"  # args kept to check them after the call
        return [f"args = [{args}]"] * bool(after) + [f"_check({call}, {_pylit(exp.value)}{strict})", *after]

    one = (lambda rec, name: (f"\n\ndef test_{_WORD.sub('_', rec.function)}():\n    f = _mod.{name}", ""))
    return _PY % {"rel": rel, "module": _WORD.sub("_", stem) + "_translated", "rel_tol": REL_TOL} + _functions(
        recordings, "#", "    ", one, case) + "\n"


_JS = r'''// Run: node --test <this folder>
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs"; import path from "node:path"; import vm from "node:vm";
import { createRequire } from "node:module"; import { fileURLToPath } from "node:url";

const FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), %(rel)s); let context = null;

function fn(name) {  // the translated file runs as a script: with or without exports, CommonJS or not
  if (!context) {
    const module = { exports: {} }, code = fs.readFileSync(FILE, "utf8")
      .replace(/^(\s*)export\s+(default\s+)?(?=(async\s+)?(function|const|let|var|class)\b)/gm, "$1")
      .replace(/^\s*export\s*\{[^}]*\};?\s*$/gm, "");
    context = vm.createContext({ require: createRequire(FILE), module, exports: module.exports, console, process,
      Buffer, URL, TextEncoder, TextDecoder, setTimeout, clearTimeout, setInterval, clearInterval, setImmediate,
      queueMicrotask, structuredClone, __filename: FILE, __dirname: path.dirname(FILE) });
    new vm.Script(code, { filename: FILE }).runInContext(context);
  }
  const ex = context.module.exports;
  let f; try { f = new vm.Script(name).runInContext(context); } catch { f = undefined; }
  if (typeof f !== "function" && ex) f = typeof ex === "function" && ex.name === name ? ex : ex[name];
  assert.equal(typeof f, "function", `${name} is not a function in ${FILE}`);
  return f;
}

function canon(v) {  // what the oracle compares: undefined is null, -0 is 0, typed arrays and Maps plain values
  if (v === undefined || v === null || typeof v !== "object")
    return v === undefined ? null : v === 0 ? 0 : typeof v === "bigint" ? Number(v) : v;
  const tag = Object.prototype.toString.call(v), proto = Object.getPrototypeOf(v);
  if (Array.isArray(v) || (ArrayBuffer.isView(v) && tag !== "[object DataView]")) return Array.from(v, canon);
  if (tag === "[object Map]") return Object.fromEntries(Array.from(v, ([k, x]) => [String(k), canon(x)]));
  if (proto !== null && Object.getPrototypeOf(proto) !== null) return v;  // a class instance: as it is
  return Object.fromEntries(Object.keys(v).map((k) => [k, canon(v[k])]));
}

function assertNear(a, e) {  // numbers within a relative %(rel_tol)r, the rest as deepStrictEqual
  if (typeof a === "number" && typeof e === "number" && !(Number.isInteger(a) && Number.isInteger(e)))
    return assert.ok(Math.abs(a - e) <= Math.max(%(rel_tol)r * Math.max(Math.abs(a), Math.abs(e)), 1e-9),
      `expected ${e}, got ${a}`);
  if (Array.isArray(a) && Array.isArray(e) && a.length === e.length) return a.forEach((x, i) => assertNear(x, e[i]));
  if (!a || !e || typeof a !== "object" || typeof e !== "object" || Array.isArray(a) || Array.isArray(e))
    return assert.deepStrictEqual(a, e);
  assert.deepStrictEqual(Object.keys(a).sort(), Object.keys(e).sort());
  for (const k of Object.keys(e)) assertNear(a[k], e[k]);
}
'''


def _js_check(actual: str, v: Any) -> str:
    floats = "float" in _render(v, lambda x: type(x).__name__, "[{}]", "{{}}")
    how = "assertNear" if floats else "assert.deepStrictEqual"
    return f"{how}(canon({actual}), {to_javascript.literal(v)});"


def _javascript(recordings: Items, rel: str) -> str:
    def case(rec: Recording, c: Case, exp: Outcome) -> list[str]:
        why = to_javascript.fits(c.args) or to_javascript.fits([exp.value, *(exp.after or [])])
        if why:
            return [f"// left out: {why}"]
        args = ", ".join(to_javascript.literal(a) for a in c.args)
        if exp.raised:
            return [f"assert.throws(() => f({args}));  // the source raised {exp.error}"]
        after = [_js_check(f"args[{j}]", a) for j, a in enumerate(exp.after or []) if a is not None]
        return [_js_check(f"f({args})", exp.value)] if not after else [  # args kept to check them after the call
            "{ " + " ".join([f"const args = [{args}];", _js_check("f(...args)", exp.value), *after]) + " }"]

    one = (lambda rec, name: (f"\ntest({json.dumps(rec.function)}, () => {{\n  const f = fn({json.dumps(name)});",
                              "});\n"))
    return _JS % {"rel": json.dumps(rel), "rel_tol": REL_TOL} + _functions(recordings, "//", "  ", one, case)


_JAVA = '''// Run: javac -d build %(rel)s %(cls)s.java && java -cp build %(cls)s
import java.util.*;
import java.util.stream.*;

public class %(cls)s {
    interface Call { Object call() throws Throwable; }  static int checks = 0;
    public static void main(String[] argv) throws Throwable {
%(calls)s
        System.out.println("OK: " + checks + " checks passed");
    }
%(tests)s
    static void fail(String label, String why) { System.err.println("FAIL " + label + ": " + why); System.exit(1); }
    static void check(String label, Object actual, Object expected) {
        if (!same(actual, expected)) fail(label, "expected " + show(expected) + ", got " + show(actual)); else checks++;
    }
    static void raises(String label, Call call) {  // any exception: the names differ across languages
        try { call.call(); } catch (Throwable e) { checks++; return; } fail(label, "expected an exception, got none");
    }
    static List<Object> items(Object v) {  // a List or an array as a List, else null
        if (v instanceof List) return new ArrayList<Object>((List<?>) v);
        return v == null || !v.getClass().isArray() ? null : IntStream.range(0, java.lang.reflect.Array.getLength(v))
            .mapToObj(i -> java.lang.reflect.Array.get(v, i)).collect(Collectors.toList());
    }
    static boolean same(Object a, Object e) {  // the oracle's rules: numbers by value, doubles within %(rel_tol)s
        if (e == null || a == null || e instanceof Boolean || a instanceof Boolean) return Objects.equals(a, e);
        if (e instanceof Number && a instanceof Number) {
            if (!(e instanceof Double || e instanceof Float || a instanceof Double || a instanceof Float))
                return e.toString().equals(a.toString());
            double x = ((Number) e).doubleValue(), y = ((Number) a).doubleValue();
            return Math.abs(x - y) <= Math.max(%(rel_tol)s * Math.max(Math.abs(x), Math.abs(y)), 1e-9);
        }
        if (e instanceof String) return e.equals(a instanceof Character ? String.valueOf(a) : a);
        List<Object> l = items(a), m = items(e);
        if (m != null) return l != null && l.size() == m.size()
            && IntStream.range(0, m.size()).allMatch(i -> same(l.get(i), m.get(i)));
        if (!(e instanceof Map) || !(a instanceof Map)) return false;
        Map<String, Object> s = new HashMap<>();
        ((Map<?, ?>) a).forEach((k, x) -> s.put(String.valueOf(k), x));
        return s.keySet().equals(((Map<?, ?>) e).keySet())
            && ((Map<?, ?>) e).entrySet().stream().allMatch(x -> same(s.get(x.getKey()), x.getValue()));
    }
    static String show(Object v) {
        List<Object> l = items(v);
        return l != null ? l.toString() : v instanceof String ? "\\"" + v + "\\"" : String.valueOf(v);
    }
    @SuppressWarnings("unchecked") static <K, V> Map<K, V> mapOf(Object... kv) {
        Map<K, V> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) m.put((K) kv[i], (V) kv[i + 1]);
        return m;
    }
}
'''


def _jscalar(v: Any) -> str:  # a scalar as the Java ``Object`` that ``same`` compares with
    if isinstance(v, int) and not isinstance(v, bool):
        return f"{v}L" if -2**63 <= v < 2**63 else f'new java.math.BigInteger("{v}")'
    if isinstance(v, float):
        return {"inf": "Double.POSITIVE_INFINITY", "-inf": "Double.NEGATIVE_INFINITY", "nan": "Double.NaN"}.get(
            repr(v), repr(v))
    return json.dumps(v, ensure_ascii=True)  # null, true, false or a string


_jobj = (lambda v: _render(v, _jscalar, "Arrays.asList(new Object[]{{}})", "mapOf(new Object[]{{}})", ", "))


def _java(recordings: Items, rel: str, cls: str, code: str) -> str:
    if not _IDENT.fullmatch(cls) or "$" in cls:
        raise ValueError(f"{cls!r} is no Java class name (a Java file is named after its public class)")
    package = re.search(r"^\s*package\s+([\w.]+)\s*;", code, re.MULTILINE)
    calls: list[str] = []
    sigs: dict[str, tuple[str, list[str], str] | None] = {}  # function -> (return type, types, call target)

    def one(rec: Recording, name: str) -> tuple[str, str]:
        method, sigs[rec.function], first = f"test{len(calls)}_{_WORD.sub('_', rec.function)}", None, ""
        calls.append(f"        {method}();")
        try:
            if (unit := drivers.candidate_unit(code, "java", name)) is None:
                raise to_java.Unrepresentable(f"no method {name} in {rel}")
            ret, types, static = to_java.parse_signature(unit.signature, unit.name)
            owner = (package.group(1) + "." if package else "") + (unit.qualname.rpartition(".")[0] or cls)
            sigs[rec.function] = (ret, types, f"{owner}.{unit.name}" if static else f"new {owner}().{unit.name}")
        except to_java.Unrepresentable as exc:
            first = f"\n        fail({json.dumps(rec.function)}, {json.dumps(str(exc))});"
        return f"\n    static void {method}() throws Throwable {{{first}", "    }\n"

    def case(rec: Recording, c: Case, exp: Outcome) -> list[str]:
        if (sig := sigs[rec.function]) is None:
            return []
        ret, types, target = sig
        why, decls = f"{len(types)} parameters, the source {len(c.args)}" if len(types) != len(c.args) else None, []
        try:
            decls = [f"final {t} a{k} = {to_java.literal(v, t).replace('OracleMain.', cls + 'Test.')};"
                     for k, (t, v) in enumerate(zip(types, c.args))]
        except to_java.Unrepresentable as exc:
            why = why or str(exc)
        if why := why or (None if exp.raised else to_java.result_fits(exp.value, ret)):
            return [f"// left out: {why}"]
        call, label = f"{target}({', '.join(f'a{k}' for k in range(len(c.args)))})", call_text(rec.function, c.args)
        if exp.raised:
            return [" ".join(["{", *decls, f"raises({json.dumps(label)}, () -> {{ {call}; return null; }}); }}"])]
        void = ret == "void"
        body = [f"{call};" if void else f"Object r = {call};"]
        body += [f"check({json.dumps(label)}, {'null' if void else 'r'}, {_jobj(exp.value)});"] * (
            not void or exp.value is not None)
        body += [f"check({json.dumps(f'argument {j + 1} after {label}')}, a{j}, {_jobj(a)});"
                 for j, a in enumerate(exp.after or []) if a is not None]
        return ["{ " + " ".join([*decls, *body]) + " }"]

    tests = _functions(recordings, "//", "        ", one, case)
    return _JAVA % {"cls": cls + "Test", "rel": rel, "calls": "\n".join(calls), "tests": tests,
                    "rel_tol": repr(REL_TOL)}
