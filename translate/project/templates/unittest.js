// Python's unittest.TestCase for the tests migrated by `translate repo` (a template, not model output):
// each migrated test class extends TestCase, and each test method is registered with node:test through
// runTestCase, which builds a fresh instance and runs setUp, the test and tearDown, as unittest does.
import assert from "node:assert/strict";

const classesSetUp = new WeakSet();

function isError(value) {
  return typeof value === "function" && (value === Error || value.prototype instanceof Error);
}

export class TestCase {
  setUp() {}
  tearDown() {}

  assertEqual(first, second, msg) { assert.deepStrictEqual(first, second, msg); }
  assertNotEqual(first, second, msg) { assert.notDeepStrictEqual(first, second, msg); }
  assertTrue(value, msg) { assert.ok(value, msg); }
  assertFalse(value, msg) { assert.ok(!value, msg ?? `${value} is not false`); }
  assertIs(first, second, msg) { assert.strictEqual(first, second, msg); }
  assertIsNot(first, second, msg) { assert.notStrictEqual(first, second, msg); }
  assertIsNone(value, msg) { assert.ok(value === null || value === undefined, msg ?? `${value} is not None`); }
  assertIsNotNone(value, msg) { assert.ok(value !== null && value !== undefined, msg ?? "unexpectedly None"); }
  assertIn(member, container, msg) { assert.ok(contains(container, member), msg ?? `${member} not found`); }
  assertNotIn(member, container, msg) { assert.ok(!contains(container, member), msg ?? `${member} found`); }
  assertIsInstance(value, cls, msg) { assert.ok(value instanceof cls, msg); }
  assertGreater(a, b, msg) { assert.ok(a > b, msg ?? `${a} not greater than ${b}`); }
  assertGreaterEqual(a, b, msg) { assert.ok(a >= b, msg ?? `${a} not greater than or equal to ${b}`); }
  assertLess(a, b, msg) { assert.ok(a < b, msg ?? `${a} not less than ${b}`); }
  assertLessEqual(a, b, msg) { assert.ok(a <= b, msg ?? `${a} not less than or equal to ${b}`); }
  assertAlmostEqual(first, second, places = 7, msg) {
    const ok = first === second || Math.round(Math.abs(first - second) * 10 ** places) === 0;
    assert.ok(ok, msg ?? `${first} != ${second} within ${places} places`);
  }
  assertNotAlmostEqual(first, second, places = 7, msg) {
    assert.ok(Math.round(Math.abs(first - second) * 10 ** places) !== 0, msg ?? `${first} == ${second}`);
  }
  assertCountEqual(first, second, msg) {
    const sort = (xs) => [...xs].map((x) => JSON.stringify(x)).sort();
    assert.deepStrictEqual(sort(first), sort(second), msg);
  }
  // assertRaises(ErrorClass, fn, ...args): fn(...args) must throw an ErrorClass (Python's built-in
  // exceptions are Error here); returns the error, like unittest's context manager's `exception`
  assertRaises(expected, fn, ...args) {
    if (typeof fn !== "function") throw new TypeError("assertRaises(ErrorClass, () => { ... }) needs a function");
    let caught = null;
    try {
      fn(...args);
    } catch (err) {
      caught = err;
    }
    assert.ok(caught !== null, `${expected?.name ?? "an error"} not raised`);
    if (isError(expected)) assert.ok(caught instanceof expected, `raised ${caught?.name}, not ${expected.name}`);
    return caught;
  }
  fail(msg) { assert.fail(msg ?? "fail() called"); }
}

function contains(container, member) {
  if (typeof container === "string") return container.includes(member);
  if (container instanceof Map || container instanceof Set) return container.has(member);
  if (Array.isArray(container)) return container.some((x) => x === member || JSON.stringify(x) === JSON.stringify(member));
  if (container && typeof container === "object") return Object.prototype.hasOwnProperty.call(container, member);
  return false;
}

// Runs one test method the way unittest does: setUpClass once per class, a fresh instance, setUp, the test,
// tearDown (also when the test fails).
// A pytest class (no TestCase base) runs the same way, with pytest's setup_method / teardown_method.
export function runTestCase(cls, method) {
  if (typeof cls.setUpClass === "function" && !classesSetUp.has(cls)) {
    classesSetUp.add(cls);
    cls.setUpClass();
  }
  const instance = new cls();
  if (typeof instance[method] !== "function") {
    throw new Error(`the migrated class ${cls.name} has no method ${method}`);
  }
  const setUp = instance.setUp ?? instance.setupMethod ?? instance.setup_method;
  const tearDown = instance.tearDown ?? instance.teardownMethod ?? instance.teardown_method;
  setUp?.call(instance);
  try {
    return instance[method]();
  } finally {
    tearDown?.call(instance);
  }
}

// Python's multiple inheritance, for a test class whose tests live in a mixin of the same file
// (`class DictTests(TestCase, DictTestsMixin)`): the mixins' methods the class does not have are copied onto it.
export function mixin(cls, ...bases) {
  for (const base of bases) {
    for (let proto = base.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const name of Object.getOwnPropertyNames(proto)) {
        if (name !== "constructor" && !(name in cls.prototype)) {
          Object.defineProperty(cls.prototype, name, Object.getOwnPropertyDescriptor(proto, name));
        }
      }
    }
  }
}
