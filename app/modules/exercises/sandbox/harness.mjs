// This function runs inside QuickJS (its source text is evaluated there), not in Node; it is not type-checked.
/**
 * The test harness inside the sandbox (decision 039): `console`, `test`, `expect`, virtual
 * timers and a seeded `Math.random`, installed as a global script before any module runs.
 * `installHarness` is never called in Node: `harnessSource()` sends its text to QuickJS.
 *
 * It talks to the host only through two functions the host put on the global object
 * (`__sandboxPrint`, `__sandboxReport`), which it takes and deletes before learner code
 * runs; it answers the host through the control object it returns (kept by the host,
 * unreachable from learner code). `test` and `expect` are read-only globals and the
 * harness keeps its own copies of the built-ins it uses, so learner code cannot make
 * a test pass by replacing them.
 */
function installHarness(g, seed) {
  const print = g.__sandboxPrint;
  const report = g.__sandboxReport;
  delete g.__sandboxPrint;
  delete g.__sandboxReport;

  const ObjectKeys = Object.keys;
  const ObjectIs = Object.is;
  const getPrototypeOf = Object.getPrototypeOf;
  const hasOwn = Object.prototype.hasOwnProperty;
  const isArray = Array.isArray;
  const stringify = JSON.stringify;
  const StringCtor = String;
  const ErrorCtor = Error;
  const RegExpCtor = RegExp;
  const PromiseCtor = Promise;
  const call = (fn, self, ...args) => Reflect.apply(fn, self, args);
  const regexpTest = RegExp.prototype.test;
  const stringIncludes = String.prototype.includes;
  const arrayIncludes = Array.prototype.includes;
  const arrayPush = Array.prototype.push;
  const arrayJoin = Array.prototype.join;
  const arrayMap = Array.prototype.map;
  const promiseThen = Promise.prototype.then;

  // Math.random: mulberry32, the same sequence in every context of every run.
  let state = seed >>> 0;
  Math.random = function random() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  /** A short, safe rendering of any value for messages and console lines. */
  function show(value, depth = 0, seen = []) {
    if (typeof value === "string") return depth === 0 ? value : stringify(value);
    if (typeof value === "function") return `[Function ${value.name || "anonymous"}]`;
    if (typeof value === "bigint") return `${value}n`;
    if (typeof value === "symbol") return StringCtor(value);
    if (value === null || typeof value !== "object") return StringCtor(value);
    if (value instanceof ErrorCtor) return `${value.name}: ${value.message}`;
    if (value instanceof RegExpCtor) return StringCtor(value);
    if (value instanceof Date) return isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
    if (call(arrayIncludes, seen, value)) return "[Circular]";
    if (depth >= 4) return isArray(value) ? "[Array]" : "[Object]";
    const inner = [...seen, value];
    if (isArray(value)) {
      const items = call(arrayMap, value.length > 50 ? value.slice(0, 50) : value, (v) => show(v, depth + 1, inner));
      if (value.length > 50) call(arrayPush, items, `… ${value.length - 50} more`);
      return `[${call(arrayJoin, items, ", ")}]`;
    }
    if (value instanceof Map) return `Map(${value.size}) ${show(Object.fromEntries(value), depth, seen)}`;
    if (value instanceof Set) return `Set(${value.size}) ${show([...value], depth, seen)}`;
    if (typeof value.then === "function") return "Promise {}";
    const keys = ObjectKeys(value);
    const shown = call(arrayMap, keys.slice(0, 50), (k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : stringify(k)}: ${show(value[k], depth + 1, inner)}`);
    if (keys.length > 50) call(arrayPush, shown, `… ${keys.length - 50} more`);
    const proto = getPrototypeOf(value);
    const name = proto && proto !== Object.prototype && proto.constructor && proto.constructor.name ? `${proto.constructor.name} ` : "";
    return shown.length ? `${name}{ ${call(arrayJoin, shown, ", ")} }` : `${name}{}`;
  }

  const consoleObject = {};
  for (const level of ["log", "info", "warn", "error", "debug"]) {
    consoleObject[level] = (...args) => {
      print(level, call(arrayJoin, call(arrayMap, args, (a) => show(a)), " "));
    };
  }
  consoleObject.trace = consoleObject.debug;
  g.console = consoleObject;

  // Timers on a virtual clock: the host fires the next one when no promise job is left.
  let now = 0;
  let nextTimerId = 1;
  const timers = new Map();
  function addTimer(fn, ms, args, repeat) {
    if (typeof fn !== "function") throw new TypeError("The callback must be a function");
    const id = nextTimerId++;
    const delay = Math.max(0, Number(ms) || 0);
    timers.set(id, { fn, at: now + delay, delay, args, repeat, order: id });
    return id;
  }
  g.setTimeout = (fn, ms, ...args) => addTimer(fn, ms, args, false);
  g.setInterval = (fn, ms, ...args) => addTimer(fn, ms, args, true);
  g.clearTimeout = (id) => void timers.delete(id);
  g.clearInterval = g.clearTimeout;
  if (typeof g.queueMicrotask !== "function") g.queueMicrotask = (fn) => void call(promiseThen, PromiseCtor.resolve(), () => fn());

  class AssertionError extends Error {}
  AssertionError.prototype.name = "AssertionError";

  function equals(a, b, seen = []) {
    if (ObjectIs(a, b)) return true;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
    if (getPrototypeOf(a) !== getPrototypeOf(b)) return false;
    if (a instanceof Date) return a.getTime() === b.getTime();
    if (a instanceof RegExpCtor) return StringCtor(a) === StringCtor(b);
    for (const [x, y] of seen) if (x === a && y === b) return true;
    const inner = [...seen, [a, b]];
    if (isArray(a)) {
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!equals(a[i], b[i], inner)) return false;
      return true;
    }
    if (a instanceof Map || a instanceof Set) {
      if (a.size !== b.size) return false;
      return equals([...a], [...b], inner);
    }
    // Like Jest's toEqual: a property whose value is undefined counts as absent.
    const keysA = ObjectKeys(a).filter((k) => a[k] !== undefined);
    const keysB = ObjectKeys(b).filter((k) => b[k] !== undefined);
    if (keysA.length !== keysB.length) return false;
    for (const k of keysA) if (!call(hasOwn, b, k) || !equals(a[k], b[k], inner)) return false;
    return true;
  }

  function propertyPath(path) {
    if (isArray(path)) return path;
    return StringCtor(path)
      .replace(/\[(\d+)\]/g, ".$1")
      .split(".")
      .filter((p) => p !== "");
  }

  function makeMatchers(actual, negated) {
    const not = negated ? " not" : "";
    const check = (pass, message) => {
      if (pass === negated) throw new AssertionError(message);
    };
    const matchers = {
      toBe: (expected) => check(ObjectIs(actual, expected), `expected ${show(actual, 1)}${not} to be ${show(expected, 1)}`),
      toEqual: (expected) => check(equals(actual, expected), `expected ${show(actual, 1)}${not} to equal ${show(expected, 1)}`),
      toStrictEqual: (expected) => check(equals(actual, expected), `expected ${show(actual, 1)}${not} to equal ${show(expected, 1)}`),
      toContain: (item) => {
        const pass =
          typeof actual === "string" ? call(stringIncludes, actual, item) : actual != null && typeof actual[Symbol.iterator] === "function" ? call(arrayIncludes, [...actual], item) : false;
        check(pass, `expected ${show(actual, 1)}${not} to contain ${show(item, 1)}`);
      },
      toMatch: (pattern) => {
        if (typeof actual !== "string") throw new AssertionError(`expected a string to match ${show(pattern, 1)}, got ${show(actual, 1)}`);
        const pass = pattern instanceof RegExpCtor ? call(regexpTest, new RegExpCtor(pattern.source, pattern.flags.replace("g", "")), actual) : call(stringIncludes, actual, StringCtor(pattern));
        check(pass, `expected ${show(actual, 1)}${not} to match ${show(pattern, 1)}`);
      },
      toHaveLength: (length) => {
        const has = actual != null && typeof actual.length === "number";
        check(has && actual.length === length, `expected ${show(actual, 1)}${not} to have length ${length}${has ? `, got ${actual.length}` : ""}`);
      },
      toHaveProperty: (path, ...value) => {
        let target = actual;
        let found = true;
        for (const key of propertyPath(path)) {
          if (target == null || !(typeof target === "object" || typeof target === "function") || !(key in target)) {
            found = false;
            break;
          }
          target = target[key];
        }
        const label = isArray(path) ? call(arrayJoin, path, ".") : StringCtor(path);
        if (value.length === 0) check(found, `expected ${show(actual, 1)}${not} to have property "${label}"`);
        else check(found && equals(target, value[0]), `expected property "${label}" of ${show(actual, 1)}${not} to equal ${show(value[0], 1)}${found ? `, got ${show(target, 1)}` : " (it has no such property)"}`);
      },
      toBeTruthy: () => check(!!actual, `expected ${show(actual, 1)}${not} to be truthy`),
      toBeFalsy: () => check(!actual, `expected ${show(actual, 1)}${not} to be falsy`),
      toBeDefined: () => check(actual !== undefined, `expected a value${not} to be defined${negated ? `, got ${show(actual, 1)}` : ""}`),
      toBeUndefined: () => check(actual === undefined, `expected ${show(actual, 1)}${not} to be undefined`),
      toBeNull: () => check(actual === null, `expected ${show(actual, 1)}${not} to be null`),
      toBeGreaterThan: (n) => check(actual > n, `expected ${show(actual, 1)}${not} to be greater than ${show(n, 1)}`),
      toBeGreaterThanOrEqual: (n) => check(actual >= n, `expected ${show(actual, 1)}${not} to be greater than or equal to ${show(n, 1)}`),
      toBeLessThan: (n) => check(actual < n, `expected ${show(actual, 1)}${not} to be less than ${show(n, 1)}`),
      toBeLessThanOrEqual: (n) => check(actual <= n, `expected ${show(actual, 1)}${not} to be less than or equal to ${show(n, 1)}`),
      toBeInstanceOf: (ctor) => check(actual instanceof ctor, `expected ${show(actual, 1)}${not} to be an instance of ${ctor && ctor.name}`),
      toThrow: (expected) => {
        if (typeof actual !== "function") throw new AssertionError(`expected a function to call, got ${show(actual, 1)}`);
        let thrown = false;
        let error;
        try {
          actual();
        } catch (e) {
          thrown = true;
          error = e;
        }
        const message = error instanceof ErrorCtor ? error.message : StringCtor(error);
        let pass = thrown;
        let what = "to throw";
        if (thrown && expected !== undefined) {
          if (typeof expected === "string") {
            pass = call(stringIncludes, message, expected);
            what = `to throw an error containing ${stringify(expected)}`;
          } else if (expected instanceof RegExpCtor) {
            pass = call(regexpTest, expected, message);
            what = `to throw an error matching ${StringCtor(expected)}`;
          } else if (typeof expected === "function") {
            pass = error instanceof expected;
            what = `to throw ${expected.name}`;
          }
        }
        check(pass, `expected the function${not} ${what}${thrown ? `, it threw ${show(error, 1)}` : ", it did not throw"}`);
      },
    };
    return matchers;
  }

  function expect(actual) {
    const matchers = makeMatchers(actual, false);
    matchers.not = makeMatchers(actual, true);
    return matchers;
  }

  const tests = [];
  let hidden = false;
  function test(name, fn) {
    if (typeof fn !== "function") throw new TypeError(`test(${stringify(String(name))}) needs a function`);
    call(arrayPush, tests, { name: StringCtor(name), fn, hidden });
  }
  for (const [name, value] of [
    ["test", test],
    ["it", test],
    ["expect", expect],
  ]) {
    Object.defineProperty(g, name, { value, writable: false, configurable: false, enumerable: false });
  }

  const NEVER_SETTLED = {};
  let abandonCurrent = null;

  function failure(error) {
    if (error instanceof AssertionError) return error.message;
    if (error instanceof ErrorCtor) {
      if (error.name === "InternalError" && error.message === "stack overflow") return "RangeError: Maximum call stack size exceeded (too deep a recursion)";
      return `${error.name}: ${error.message}`;
    }
    return `Thrown: ${show(error, 1)}`;
  }

  async function run() {
    for (let i = 0; i < tests.length; i++) {
      const t = tests[i];
      try {
        const result = t.fn();
        if (result && typeof result.then === "function") {
          const abandoned = new PromiseCtor((resolve) => {
            abandonCurrent = () => resolve(NEVER_SETTLED);
          });
          const settled = await PromiseCtor.race([result, abandoned]);
          abandonCurrent = null;
          if (settled === NEVER_SETTLED) {
            report(t.name, t.hidden, false, "This async test never finished: its promise was still pending when nothing was left to run.");
            continue;
          }
        }
        report(t.name, t.hidden, true, "");
      } catch (error) {
        abandonCurrent = null;
        report(t.name, t.hidden, false, failure(error));
      }
    }
  }

  // The host's handle on the harness.
  return {
    setHidden(value) {
      hidden = !!value;
    },
    run,
    /** Ends a test whose promise can no longer settle; false when none is waiting. */
    abandon() {
      if (!abandonCurrent) return false;
      abandonCurrent();
      return true;
    },
    /** Fires the earliest timer (advancing the virtual clock); false when none is left. */
    fireNextTimer() {
      let next = null;
      for (const [id, timer] of timers) if (!next || timer.at < next[1].at || (timer.at === next[1].at && timer.order < next[1].order)) next = [id, timer];
      if (!next) return false;
      const [id, timer] = next;
      now = Math.max(now, timer.at);
      if (timer.repeat) {
        timer.at = now + Math.max(1, timer.delay);
        timer.order = nextTimerId++;
      } else timers.delete(id);
      try {
        timer.fn(...timer.args);
      } catch (error) {
        print("error", `Uncaught ${show(error)}`);
      }
      return true;
    },
  };
}

/** The script that installs the harness in a fresh context; it evaluates to the control object. */
export function harnessSource(seed) {
  // `__name`: what a transpiler keeping function names (esbuild's keepNames, as tsx uses) may call.
  return `(function () { const __name = (fn) => fn; return (${installHarness.toString()})(globalThis, ${Number(seed) >>> 0}); })()`;
}
