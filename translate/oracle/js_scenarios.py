"""The JavaScript driver that replays recorded scenarios (:mod:`translate.oracle.scenarios`) on a translated module.

The program is the module itself (its ``export`` keywords dropped, run in its place in the project) followed
by an async driver. A class of the module is found by name in any naming style (``days_left`` ==
``daysLeft``); a class of another project module is imported from that module's translation (``import()`` of
its relative path) and must be exported there; a static or class method (``Cls.name``) is the class's static
member of that name, called on the class. For each scenario the driver builds the object with ``new``
(arguments that are objects are built the same way), calls each method in order (a getter is read), and
prints one line per step: ``{"i": scenario, "j": step, "ok": value}``, ``"raises"``, ``"drop"`` (a value with
no canonical form) or ``"missing"`` (no such class, function or method), then ``{"i": scenario, "state":
fields}``. Class instances print as ``{"$class": name, "$fields": {...}}``, like the tracer's.
"""
from __future__ import annotations

import json
from typing import Any

from translate.oracle.js_modules import is_esm
from translate.oracle.py_driver import MARK, marked
from translate.oracle.to_javascript import QUIET, strip_exports

_DRIVER = r'''
;(async function () {
  const MARK = %(mark)s;
  const fs = %(fs)s;
  const LOCAL = {};
%(local)s
  const IMPORTS = %(imports)s, OWN = %(own)s;
  class NotCanonical extends Error {}
  class Missing extends Error {}
  const norm = (s) => String(s).replace(/_/g, "").toLowerCase();
  function enc(v, d) {
    if (d > 30) throw new NotCanonical("a structure nested too deep");
    if (v === null || v === undefined) return null;
    const t = typeof v;
    if (t === "boolean" || t === "string") return v;
    if (t === "number") { if (!Number.isFinite(v)) throw new NotCanonical(String(v)); return v; }
    if (t === "bigint") return Number(v);
    if (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))) return Array.from(v, (x) => enc(x, d + 1));
    if (v instanceof Map) { const o = {}; for (const [k, x] of v) o[String(k)] = enc(x, d + 1); return o; }
    if (t === "object") {
      const o = {};
      for (const k of Object.keys(v)) if (typeof v[k] !== "function") o[k] = enc(v[k], d + 1);
      const proto = Object.getPrototypeOf(v);
      if (proto === Object.prototype || proto === null) return o;
      if (typeof v.then === "function") throw new NotCanonical("a Promise");
      return { "$class": (v.constructor && v.constructor.name) || "Object", "$fields": o };
    }
    throw new NotCanonical("a " + t);
  }
  function emit(rec) { fs.writeSync(1, MARK + JSON.stringify(rec) + "\n"); }
  const found = {};
  async function resolve(key) {
    const at = key.lastIndexOf(":"), [top, ...path] = key.slice(at + 1).split(".");
    let v = await resolveTop(key.slice(0, at), norm(top));
    for (const name of path) {  // a static method of a class: Cls.name, inherited statics too, called on Cls
      const owner = v;
      v = undefined;
      for (let p = owner; typeof p === "function" && p !== Function.prototype; p = Object.getPrototypeOf(p)) {
        const k = Object.getOwnPropertyNames(p).find((k) => norm(k) === norm(name) && k !== "prototype");
        if (k !== undefined) { v = typeof owner[k] === "function" ? owner[k].bind(owner) : undefined; break; }
      }
    }
    return v;
  }
  async function resolveTop(file, want) {
    if (file === OWN) return LOCAL[want];
    if (!(file in IMPORTS)) return undefined;
    let ns;
    try { ns = await import(IMPORTS[file]); } catch (e) { return undefined; }
    for (const space of [ns, ns && ns.default]) {
      if (!space || (typeof space !== "object" && typeof space !== "function")) continue;
      for (const k of Object.keys(space)) if (norm(k) === want) return space[k];
    }
    return undefined;
  }
  for (const key of %(keys)s) found[key] = await resolve(key);
  function dec(v) {
    if (Array.isArray(v)) return v.map(dec);
    if (v !== null && typeof v === "object") {
      if ("$default" in v) return undefined;  // a parameter left at its default
      if ("$new" in v) {
        const C = found[v["$new"]];
        if (typeof C !== "function") throw new Missing("no class " + v["$new"].split(":").pop());
        return new C(...v.args.map(dec));
      }
      const o = {};
      for (const k of Object.keys(v)) o[k] = dec(v[k]);
      return o;
    }
    return v;
  }
  function member(obj, name) {
    const want = norm(name);
    for (let p = obj; p && p !== Object.prototype; p = Object.getPrototypeOf(p))
      for (const k of Object.getOwnPropertyNames(p)) if (k !== "constructor" && norm(k) === want) return k;
    throw new Missing("no method " + name);
  }
  function outcome(i, j, run) {
    let r;
    try { r = run(); }
    catch (e) {
      if (e instanceof Missing) { emit({ i, j, missing: e.message }); return false; }
      emit({ i, j, raises: String((e && e.name) || "Error") }); return true;
    }
    try { emit({ i, j, ok: enc(r, 0) }); } catch (e) { emit({ i, j, drop: "returns " + e.message }); }
    return r;
  }
  const SCENARIOS = %(scenarios)s;
  for (let i = 0; i < SCENARIOS.length; i++) {
    const s = SCENARIOS[i];
    if ("fn" in s) {
      outcome(i, 0, () => { const f = found[s.fn]; if (typeof f !== "function") throw new Missing("no function " + s.fn.split(":").pop()); return f(...dec(s.args)); });
      continue;
    }
    let obj = null;
    try {
      const C = found[s.cls];
      if (typeof C !== "function") throw new Missing("no class " + s.cls.split(":").pop());
      obj = new C(...dec(s.init));
      emit({ i, j: 0, ok: null });
    } catch (e) {
      emit(e instanceof Missing ? { i, j: 0, missing: e.message } : { i, j: 0, raises: String((e && e.name) || "Error") });
      continue;
    }
    s.steps.forEach((step, n) => outcome(i, n + 1, () => {
      const k = member(obj, step.m), v = obj[k];
      return typeof v === "function" ? v.apply(obj, dec(step.args)) : v;
    }));
    try { emit({ i, state: enc(obj, 0) }); } catch (e) { emit({ i, state: null }); }
  }
})().catch((e) => { require_fs().writeSync(1, %(mark)s + JSON.stringify({ load: String(e && e.stack || e).slice(0, 300) }) + "\n"); });
function require_fs() { return %(fs)s; }
'''


def program(code: str, scenarios: list[dict[str, Any]], *, own: str, imports: dict[str, str],
            names: list[str]) -> str:
    """The module ``code`` (the translation of source file ``own``) and a driver replaying ``scenarios`` (the
    tracer's records); ``imports``: other source files -> the import specifier of their translation;
    ``names``: the module's top-level names (its classes and functions, found by any naming style)."""
    body = strip_exports(code)
    keys = sorted({k for s in scenarios for k in needed_keys(s)})
    local = "\n".join(f"  try {{ LOCAL[{json.dumps(_norm(n))}] = {n}; }} catch (e) {{}}" for n in names
                      if n.replace("$", "_").isidentifier())
    esm = is_esm(code)  # an ES module still, even when its only ES syntax was its exports
    fs = "__oracle_fs" if esm else 'require("fs")'
    head = 'import * as __oracle_fs from "node:fs";\n' if esm else ""
    return head + QUIET + body + "\n" + _DRIVER % {
        "mark": json.dumps(MARK), "fs": fs, "local": local, "imports": json.dumps(imports), "own": json.dumps(own),
        "keys": json.dumps(keys), "scenarios": json.dumps(scenarios)}


def _norm(name: str) -> str:
    return name.replace("_", "").lower()


def needed_keys(value: Any) -> list[str]:
    """Every class or function key a scenario needs resolved: its own and those of the objects it builds."""
    out: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            if k in ("cls", "fn", "$new") and isinstance(v, str):
                out.append(v)
            elif k not in ("out", "state", "init_out"):
                out += needed_keys(v)
    elif isinstance(value, list):
        for v in value:
            out += needed_keys(v)
    return out


def parse(stdout: str) -> tuple[dict[tuple[int, int], dict[str, Any]], dict[int, Any], str | None]:
    """((scenario, step) -> outcome record, scenario -> final fields, load error) from the driver's output."""
    steps: dict[tuple[int, int], dict[str, Any]] = {}
    states: dict[int, Any] = {}
    load = None
    for rec in marked(stdout):
        if "load" in rec:
            load = str(rec["load"])
        elif isinstance(rec.get("i"), int) and "state" in rec:
            states[rec["i"]] = rec["state"]
        elif isinstance(rec.get("i"), int) and isinstance(rec.get("j"), int):
            steps[(rec["i"], rec["j"])] = rec
    return steps, states, load
