// pytest's fixtures for the tests migrated by `translate repo` (a template, not model output): each migrated
// test function that took fixtures is registered with node:test through withFixtures, which builds them for
// that one test and undoes them afterwards, as pytest does. `monkeypatch` and `capsys` are pytest's; a fixture
// function of the test file is made once per test by `fx.use(name, fixture, ...args)` (a generator fixture is
// run to its `yield` and finished after the test).

// Python attributes a migrated test patches by name (`monkeypatch.setattr("sys.stdout.isatty", f)`, or
// `setattr("os", "isatty", f)` with the module named), and what JavaScript code reads instead: [object, property,
// the value from Python's]. null: nothing in JavaScript reads it, so the patch has nothing to do.
const isTTY = (call) => (v) => Boolean(typeof v === "function" ? call(v) : v);
const PYTHON_ATTRIBUTES = {
  "os.isatty": [() => process.stdout, "isTTY", isTTY((f) => f(1))],
  "sys.stdout.isatty": [() => process.stdout, "isTTY", isTTY((f) => f())],
  "sys.stderr.isatty": [() => process.stderr, "isTTY", isTTY((f) => f())],
  "sys.stdout.fileno": null,
  "sys.stderr.fileno": null,
};

// A JavaScript attribute named by its dotted path from the global object ("process.stdout.isTTY"): [object,
// property], or null when the object on the way is not there.
function javascriptPath(dotted) {
  const parts = dotted.split(".");
  let obj = globalThis;
  for (const p of parts.slice(0, -1)) {
    obj = obj === null || obj === undefined ? undefined : obj[p];
  }
  if (obj === null || (typeof obj !== "object" && typeof obj !== "function") || parts.length < 2) return null;
  return [obj, parts[parts.length - 1]];
}

class MonkeyPatch {
  constructor() { this.undo = []; }

  setenv(name, value) {
    const had = Object.prototype.hasOwnProperty.call(process.env, name);
    const old = process.env[name];
    process.env[name] = String(value);
    this.undo.push(() => { if (had) process.env[name] = old; else delete process.env[name]; });
  }

  delenv(name, raising = true) {
    if (!Object.prototype.hasOwnProperty.call(process.env, name)) {
      if (raising) throw new Error(`KeyError: ${name}`);
      return;
    }
    const old = process.env[name];
    delete process.env[name];
    this.undo.push(() => { process.env[name] = old; });
  }

  setattr(target, name, value, raising = true) {
    if (typeof target === "string") {  // a Python attribute named by its dotted path, or a JavaScript one
      const dotted = typeof name === "string" && value !== undefined ? `${target}.${name}` : target;
      const given = dotted === target ? name : value;
      if (dotted in PYTHON_ATTRIBUTES) {
        const mapped = PYTHON_ATTRIBUTES[dotted];
        if (mapped !== null) this.setattr(mapped[0](), mapped[1], mapped[2](given), false);
        return;
      }
      const found = javascriptPath(dotted);
      if (found === null) {
        throw new TypeError(`monkeypatch.setattr: '${dotted}' names nothing this runner can patch; patch what the `
          + `source patches, by its Python name (${Object.keys(PYTHON_ATTRIBUTES).join(", ")}), or an object `
          + "and a property name: monkeypatch.setattr(process.stdout, 'isTTY', true)");
      }
      this.setattr(found[0], found[1], given, false);
      return;
    }
    if (target === null || (typeof target !== "object" && typeof target !== "function")) {
      throw new TypeError(`monkeypatch.setattr: cannot set ${name} on ${String(target)}`);
    }
    if (raising && !(name in target)) throw new Error(`AttributeError: ${name}`);
    const own = Object.getOwnPropertyDescriptor(target, name);
    try {
      target[name] = value;
    } catch {  // a getter without a setter (process.stdout): defined over
      Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: true });
    }
    this.undo.push(() => { if (own) Object.defineProperty(target, name, own); else delete target[name]; });
  }

  delattr(target, name, raising = true) {
    if (!(name in target)) {
      if (raising) throw new Error(`AttributeError: ${name}`);
      return;
    }
    const had = Object.prototype.hasOwnProperty.call(target, name);
    const old = target[name];
    delete target[name];
    this.undo.push(() => { if (had) target[name] = old; });
  }

  setitem(mapping, key, value) {
    const had = Object.prototype.hasOwnProperty.call(mapping, key);
    const old = mapping[key];
    mapping[key] = value;
    this.undo.push(() => { if (had) mapping[key] = old; else delete mapping[key]; });
  }

  restore() {
    while (this.undo.length) this.undo.pop()();
  }
}

class CaptureFixture {
  constructor() {
    this.out = [];
    this.err = [];
    this.saved = [process.stdout.write, process.stderr.write];
    process.stdout.write = (chunk, ...rest) => { this.out.push(String(chunk)); return done(rest); };
    process.stderr.write = (chunk, ...rest) => { this.err.push(String(chunk)); return done(rest); };
  }

  readouterr() {
    const result = { out: this.out.join(""), err: this.err.join("") };
    this.out = [];
    this.err = [];
    return result;
  }

  restore() {
    [process.stdout.write, process.stderr.write] = this.saved;
  }
}

function done(rest) {
  const callback = rest.find((x) => typeof x === "function");
  if (callback) callback();
  return true;
}

function isGenerator(value) {
  return value !== null && typeof value === "object" && typeof value.next === "function"
    && typeof value[Symbol.iterator] === "function";
}

class Fixtures {
  constructor() { this.made = {}; this.finish = []; }

  get monkeypatch() { return this.made.monkeypatch ??= this.track(new MonkeyPatch()); }

  get capsys() { return this.made.capsys ??= this.track(new CaptureFixture()); }

  track(fixture) {
    this.finish.push(() => fixture.restore());
    return fixture;
  }

  use(name, fixture, ...args) {
    if (Object.prototype.hasOwnProperty.call(this.made, name)) return this.made[name];
    let value = fixture(...args);
    if (isGenerator(value)) {
      const generator = value;
      this.finish.push(() => generator.next());
      value = generator.next().value;
    }
    this.made[name] = value;
    return value;
  }

  close() {
    while (this.finish.length) this.finish.pop()();
  }
}

export function withFixtures(body) {
  const fx = new Fixtures();
  let result;
  try {
    result = body(fx);
  } catch (error) {
    fx.close();
    throw error;
  }
  if (result && typeof result.then === "function") {
    return result.finally(() => fx.close());
  }
  fx.close();
  return result;
}
