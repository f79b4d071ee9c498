"""Python values -> JavaScript: how a recorded input is written as a JS literal, and the JS driver.

Python ``int`` and ``float`` both become a JS number (an int beyond 2**53 does not fit: that input is
skipped for this target, and said so); tuples become arrays; a dict with string keys an object literal;
``None`` is ``null``. The driver prints each result in the same canonical JSON lines as the Python driver
(:mod:`translate.oracle.py_driver`): ``undefined`` reads back as ``null``, a ``Map`` as an object, a typed
array as an array; ``NaN``, ``Infinity``, a ``Set``, a class instance or a function is reported as such.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any

from translate.oracle.js_modules import is_esm
from translate.oracle.py_driver import MARK

LANGUAGE = "javascript"
STRICT_NUMBERS = False  # a JS number does not say whether it was an int
_SAFE = 2**53


class Unrepresentable(ValueError):
    pass


def _check(v: Any, depth: int = 0) -> None:
    if depth > 50:
        raise Unrepresentable("nested too deep")
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return
    if isinstance(v, int):
        if abs(v) > _SAFE:
            raise Unrepresentable(f"{v} does not fit a JavaScript number")
    elif isinstance(v, float):
        if math.isnan(v) or math.isinf(v):
            raise Unrepresentable(f"{v} has no JSON form")
    elif isinstance(v, (list, tuple)):
        for x in v:
            _check(x, depth + 1)
    elif isinstance(v, dict):
        for k, x in v.items():
            if not isinstance(k, str):
                raise Unrepresentable("a dict with non-string keys")
            _check(x, depth + 1)
    else:
        raise Unrepresentable(f"a {type(v).__name__} has no JavaScript literal")


def literal(v: Any) -> str:
    """The JavaScript literal for a canonical Python value (:class:`Unrepresentable` when there is none)."""
    _check(v)
    return json.dumps(v, ensure_ascii=True)  # JSON is a JS literal once big ints are excluded


def fits(v: Any) -> str | None:
    """Why a recorded (expected) value cannot come out of a JS function unchanged, else ``None``."""
    try:
        _check(v)
    except Unrepresentable as exc:
        return str(exc)
    return None


_DRIVER = r'''
;(function (f) {
  const MARK = %(mark)s, CAP = %(cap)d;
  const fs = %(fs)s;
  class NotCanonical extends Error {}
  function enc(v, d) {
    if (d > 50) throw new NotCanonical("a structure nested too deep");
    if (v === null || v === undefined) return "null";
    const t = typeof v;
    if (t === "boolean") return v ? "true" : "false";
    if (t === "string") return JSON.stringify(v);
    if (t === "number") { if (!Number.isFinite(v)) throw new NotCanonical(String(v)); return JSON.stringify(v); }
    if (t === "bigint") return v.toString();
    if (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView)))
      return "[" + Array.from(v, (x) => enc(x, d + 1)).join(",") + "]";
    if (v instanceof Map)
      return "{" + Array.from(v, ([k, x]) => JSON.stringify(String(k)) + ":" + enc(x, d + 1)).join(",") + "}";
    if (t === "object") {
      const proto = Object.getPrototypeOf(v);
      if (proto === Object.prototype || proto === null)
        return "{" + Object.keys(v).map((k) => JSON.stringify(k) + ":" + enc(v[k], d + 1)).join(",") + "}";
      throw new NotCanonical("a " + ((v.constructor && v.constructor.name) || "object"));
    }
    throw new NotCanonical("a " + t);
  }
  function emit(i, body) {
    let line = '{"i":' + i + "," + body + "}";
    if (line.length > CAP) line = '{"i":' + i + ',"drop":"output too long to compare"}';
    fs.writeSync(1, MARK + line + "\n");
  }
  if (typeof f !== "function") { emit(-1, '"load":' + JSON.stringify("%(name)s is not a function")); return; }
  const cases = [
%(cases)s
  ];
  for (let i = 0; i < cases.length; i++) {
    const args = cases[i];
    let r;
    try { r = f(...args); }
    catch (e) { emit(i, '"raises":' + JSON.stringify(String((e && e.name) || "Error"))); continue; }
    try {
      const after = args.map((a) => (a !== null && typeof a === "object") ? enc(a, 0) : "null");
      emit(i, '"ok":' + enc(r, 0) + ',"after":[' + after.join(",") + "]");
    } catch (e) {
      if (!(e instanceof NotCanonical)) throw e;
      emit(i, '"drop":' + JSON.stringify("returns " + e.message));
    }
  }
})((() => { try { return %(name)s; } catch (e) { return null; } })());  // outside: no driver name shadows it
'''
QUIET = ("for (const __oracle_k of ['log', 'info', 'warn', 'error', 'debug', 'dir', 'table']) "
         "console[__oracle_k] = () => {};\n")


def strip_exports(code: str) -> str:
    """``code`` without its ``export`` keywords and ``export { ... }`` lists (a driver is appended to it)."""
    code = re.sub(r"^(\s*)export\s+(default\s+)?(?=(async\s+)?(function|const|let|var|class)\b)", r"\1", code,
                  flags=re.MULTILINE)
    return re.sub(r"^\s*export\s*\{[^}]*\};?\s*$", "", code, flags=re.MULTILINE)


def program(candidate: str, name: str, args: list[list[Any]]) -> str:
    """The candidate with its ``export`` keywords dropped, then a driver that calls ``name`` on every case. A
    candidate that still imports (an ES module) gets a driver that imports ``fs`` instead of requiring it."""
    code = strip_exports(candidate)
    cases = ",\n".join("    [" + ", ".join(literal(a) for a in case) + "]" for case in args)
    cap = max(60, 3600 // max(1, len(args)))
    esm = is_esm(code)
    head = 'import * as __oracle_fs from "node:fs";\n' if esm else ""
    return head + QUIET + code + "\n" + _DRIVER % {"mark": json.dumps(MARK), "cap": cap, "name": name, "cases": cases,
                                                    "fs": "__oracle_fs" if esm else 'require("fs")'}
