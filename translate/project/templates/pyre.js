// Python's `re` module for the code migrated by `translate repo` (a template, not model output): the same
// functions and flags, over JavaScript's RegExp, with Python's pattern syntax translated where it differs
// (inline flags such as `(?i)`, `(?P<name>...)`, `(?P=name)`, `\A`, `\Z`, verbose patterns) and Python's
// replacement templates (`\1`, `\g<1>`, `\g<name>`). Migrated code calls it as Python did: `re.sub(p, r, s)`.

export const IGNORECASE = 2, I = 2, LOCALE = 4, L = 4, MULTILINE = 8, M = 8, DOTALL = 16, S = 16;
export const UNICODE = 32, U = 32, VERBOSE = 64, X = 64, ASCII = 256, A = 256;

export class error extends Error {}

function verbose(source) {
  let out = "", inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") { out += c + (source[i + 1] ?? ""); i++; continue; }
    if (inClass) { if (c === "]") inClass = false; out += c; continue; }
    if (c === "[") { inClass = true; out += c; continue; }
    if (/\s/.test(c)) continue;
    if (c === "#") { while (i < source.length && source[i] !== "\n") i++; continue; }
    out += c;
  }
  return out;
}

function translatePattern(pattern, flags) {
  let source = pattern instanceof Pattern ? pattern.pattern : String(pattern);
  flags |= pattern instanceof Pattern ? pattern.flags : 0;
  const inline = /^\(\?([aiLmsux]+)\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    for (const f of inline[1]) flags |= { i: IGNORECASE, m: MULTILINE, s: DOTALL, x: VERBOSE, a: ASCII, u: UNICODE, L: LOCALE }[f];
  }
  if (flags & VERBOSE) source = verbose(source);
  source = source.replace(/\(\?P<(\w+)>/g, "(?<$1>").replace(/\(\?P=(\w+)\)/g, "\\k<$1>")
    .replace(/\\A/g, "(?<![\\s\\S])").replace(/\\Z/g, "(?![\\s\\S])");
  let js = "d";
  if (flags & IGNORECASE) js += "i";
  if (flags & MULTILINE) js += "m";
  if (flags & DOTALL) js += "s";
  return { source, js, flags };
}

export class Match {
  constructor(m, string, re) { this.m = m; this.string = string; this.re = re; }
  index(g) { return typeof g === "string" ? this.m.indices.groups[g] : this.m.indices[g]; }
  group(...gs) {
    const one = (g = 0) => { const v = typeof g === "string" ? this.m.groups?.[g] : this.m[g]; return v ?? null; };
    return gs.length <= 1 ? one(gs[0]) : gs.map(one);
  }
  groups(defaultValue = null) { return this.m.slice(1).map((v) => v ?? defaultValue); }
  groupdict(defaultValue = null) {
    return Object.fromEntries(Object.entries(this.m.groups ?? {}).map(([k, v]) => [k, v ?? defaultValue]));
  }
  start(g = 0) { return this.index(g)?.[0] ?? -1; }
  end(g = 0) { return this.index(g)?.[1] ?? -1; }
  span(g = 0) { return [this.start(g), this.end(g)]; }
  expand(template) { return expand(template, this); }
}

function expand(template, match) {
  return template.replace(/\\(?:g<(\w+)>|(\d{1,2})|(.))/g, (all, name, num, ch) => {
    if (name !== undefined) return match.group(/^\d+$/.test(name) ? Number(name) : name) ?? "";
    if (num !== undefined) return match.group(Number(num)) ?? "";
    return { n: "\n", t: "\t", r: "\r", "\\": "\\", f: "\f", v: "\v", a: "\x07" }[ch] ?? all;
  });
}

export class Pattern {
  constructor(pattern, flags = 0) {
    const t = translatePattern(pattern, flags);
    this.pattern = pattern instanceof Pattern ? pattern.pattern : String(pattern);
    this.flags = t.flags;
    try {
      this.regex = new RegExp(t.source, t.js);
    } catch (e) {
      throw new error(e.message);
    }
  }
  exec(string, extra, pos = 0, source = this.regex.source) {
    const r = new RegExp(source, this.regex.flags + extra);
    r.lastIndex = pos;
    const m = r.exec(string);
    return m ? new Match(m, string, this) : null;
  }
  search(string, pos = 0) { return this.exec(String(string), "g", pos); }
  match(string, pos = 0) { return this.exec(String(string), "y", pos); }
  fullmatch(string, pos = 0) {
    return this.exec(String(string), "y", pos, `(?:${this.regex.source})(?![\\s\\S])`);
  }
  *finditer(string) {
    const r = new RegExp(this.regex.source, this.regex.flags + "g");
    for (const m of String(string).matchAll(r)) yield new Match(m, String(string), this);
  }
  findall(string) {
    return [...this.finditer(string)].map((m) => {
      const gs = m.groups("");
      return gs.length === 0 ? m.group(0) : gs.length === 1 ? gs[0] : gs;
    });
  }
  subn(repl, string, count = 0) {
    const s = String(string);
    let out = "", last = 0, n = 0;
    for (const m of this.finditer(s)) {
      if (count > 0 && n >= count) break;
      out += s.slice(last, m.start()) + (typeof repl === "function" ? String(repl(m)) : expand(String(repl), m));
      last = m.end();
      n++;
    }
    return [out + s.slice(last), n];
  }
  sub(repl, string, count = 0) { return this.subn(repl, string, count)[0]; }
  split(string, maxsplit = 0) {
    const out = [];
    let last = 0, n = 0;
    for (const m of this.finditer(string)) {
      if (maxsplit > 0 && n >= maxsplit) break;
      if (m.end() === m.start() && m.start() === last && last !== 0) continue;
      out.push(String(string).slice(last, m.start()), ...m.groups());
      last = m.end();
      n++;
    }
    out.push(String(string).slice(last));
    return out;
  }
}

// The migrated code's own `new RegExp(p, f)` where `p` holds a pattern in Python's syntax (it came from the
// Python source): a native RegExp with the pattern translated (inline flags, `(?P<name>`, `\A`, `\Z`), the
// JavaScript flags kept. The writer calls this instead of `RegExp` in a module whose source imports `re`.
export function regexp(pattern, jsFlags) {
  if (pattern instanceof RegExp) return new RegExp(pattern, jsFlags);
  const given = String(jsFlags ?? "");
  let flags = 0;
  for (const f of given) flags |= { i: IGNORECASE, m: MULTILINE, s: DOTALL }[f] ?? 0;
  const t = translatePattern(pattern, flags);
  const js = t.js.replace("d", "") + [...given].filter((f) => !"ims".includes(f)).join("");
  return new RegExp(t.source, js);
}

const cache = new Map();
export function compile(pattern, flags = 0) {
  if (pattern instanceof Pattern) return pattern;
  const key = `${flags}:${pattern}`;
  if (!cache.has(key)) cache.set(key, new Pattern(pattern, flags));
  return cache.get(key);
}
export const search = (pattern, string, flags = 0) => compile(pattern, flags).search(string);
export const match = (pattern, string, flags = 0) => compile(pattern, flags).match(string);
export const fullmatch = (pattern, string, flags = 0) => compile(pattern, flags).fullmatch(string);
export const findall = (pattern, string, flags = 0) => compile(pattern, flags).findall(string);
export const finditer = (pattern, string, flags = 0) => compile(pattern, flags).finditer(string);
export const sub = (pattern, repl, string, count = 0, flags = 0) => compile(pattern, flags).sub(repl, string, count);
export const subn = (pattern, repl, string, count = 0, flags = 0) => compile(pattern, flags).subn(repl, string, count);
export const split = (pattern, string, maxsplit = 0, flags = 0) => compile(pattern, flags).split(string, maxsplit);
export const escape = (s) => String(s).replace(/[.*+?^${}()|[\]\\\-#&~\s]/g, "\\$&");
