// @ts-check
/**
 * One grading inside QuickJS (decision 039), synchronous, called by the pool's worker
 * (`worker.mjs`) off the main thread. Plain JavaScript on purpose: a worker thread loads
 * it as it is, from the sources, in Vitest, `npm start` and the e2e server alike (no
 * TypeScript loader in the worker); the main thread sends the limits and the modules
 * with each task (`pool.server.ts`), so nothing here imports app code.
 *
 * Each of the visible and the hidden tests runs in a fresh QuickJS runtime (its own
 * memory limit, stack limit and interrupt handler, sharing one deadline): the learner's
 * module `./solution` is evaluated first, then the test module, then the registered
 * tests in order, draining promise jobs and virtual timers in between.
 */
import { Buffer } from "node:buffer";
import { transform } from "sucrase";
import { harnessSource } from "./harness.mjs";

/** Names under which the learner's module can be imported (tests use "./solution"). */
const SOLUTION = "solution";

/**
 * @typedef {{ timeMs: number, memoryBytes: number, stackBytes: number, outputBytes: number, outputLines: number }} Limits
 * @typedef {{ timeout: string, memory: string, output: string }} Messages
 * @typedef {{ code: string, language: "JAVASCRIPT" | "TYPESCRIPT", visibleTests: string, hiddenTests: string,
 *   modules: Record<string, string>, limits: Limits, messages: Messages, seed?: number }} SandboxTask
 * @typedef {import("../grade-result.ts").GradeResult} GradeResult
 * @typedef {import("../grade-result.ts").TestOutcome} TestOutcome
 * @typedef {import("../grade-result.ts").ConsoleLine} ConsoleLine
 * @typedef {import("../grade-result.ts").RunProblem} RunProblem
 * @typedef {import("quickjs-emscripten").QuickJSWASMModule} QuickJSWASMModule
 * @typedef {import("quickjs-emscripten").QuickJSContext} QuickJSContext
 * @typedef {import("quickjs-emscripten").QuickJSHandle} QuickJSHandle
 */

class Stop extends Error {
  /** @param {RunProblem} problem @param {string} message */
  constructor(problem, message) {
    super(message);
    this.problem = problem;
  }
}

/**
 * Strips TypeScript (types only; line numbers are kept) or answers the syntax error.
 * @param {string} code @param {"JAVASCRIPT" | "TYPESCRIPT"} language
 */
function stripTypes(code, language) {
  if (language !== "TYPESCRIPT") return code;
  try {
    return transform(code, { transforms: ["typescript"], disableESTransforms: true, filePath: "solution.ts" }).code;
  } catch (error) {
    const e = /** @type {Error & { loc?: { line: number, column: number } }} */ (error);
    const message = e.message.replace(/^Error transforming [^:]*: /, "").replace(/\s*\(\d+:\d+\)\s*$/, "");
    throw new Stop("syntax", e.loc ? `Syntax error on line ${e.loc.line}, column ${e.loc.column + 1}: ${message}` : `Syntax error: ${message}`);
  }
}

/** @param {string} requested */
function normalizeName(requested) {
  const local = requested.replace(/^\.\//, "").replace(/\.(m?js|ts)$/, "");
  return local === SOLUTION ? SOLUTION : requested;
}

/** The line of `file` an error points at, if any ("at f (solution:3:5)"). @param {any} error @param {string} file */
function lineIn(error, file) {
  if (error && error.fileName === file && typeof error.lineNumber === "number") return error.lineNumber;
  const match = typeof error?.stack === "string" ? new RegExp(`\\(?${file}:(\\d+)`).exec(error.stack) : null;
  return match ? Number(match[1]) : null;
}

/** @param {any} error */
function describe(error) {
  if (error && typeof error === "object" && "message" in error) {
    if (error.name === "InternalError" && error.message === "stack overflow") return "RangeError: Maximum call stack size exceeded (too deep a recursion)";
    return `${error.name ?? "Error"}: ${error.message}`;
  }
  return `Thrown: ${String(error)}`;
}

/** @param {any} error */
const isOutOfMemory = (error) => error && typeof error === "object" && /out of memory/i.test(String(error.message));

/**
 * Grades one submission. Never throws for anything in the task's code; `poisoned` tells
 * the worker that QuickJS itself failed (then it loads a fresh WebAssembly module).
 * @param {QuickJSWASMModule} quickjs @param {SandboxTask} task
 * @returns {{ result: GradeResult, poisoned: boolean }}
 */
export function gradeInSandbox(quickjs, task) {
  const started = Date.now();
  const deadline = started + task.limits.timeMs;
  /** @type {TestOutcome[]} */
  const tests = [];
  /** @type {ConsoleLine[]} */
  const lines = [];
  const output = { bytes: 0, lines: 0, truncated: false };
  let poisoned = false;

  /** @param {ConsoleLine["level"]} level @param {string} text */
  const print = (level, text) => {
    if (output.truncated) return;
    const count = text.split("\n").length;
    const bytes = Buffer.byteLength(text);
    if (output.lines + count > task.limits.outputLines || output.bytes + bytes > task.limits.outputBytes) {
      const room = task.limits.outputBytes - output.bytes;
      const cut = text.split("\n").slice(0, Math.max(0, task.limits.outputLines - output.lines)).join("\n").slice(0, Math.max(0, room));
      if (cut) lines.push({ level, text: cut });
      output.truncated = true;
      return;
    }
    output.bytes += bytes;
    output.lines += count;
    lines.push({ level, text });
  };

  /** @param {RunProblem | null} problem @param {string} error @returns {{ result: GradeResult, poisoned: boolean }} */
  const finish = (problem, error) => {
    const allPassed = tests.length > 0 && tests.every((t) => t.passed);
    return {
      result: {
        status: problem ? "error" : allPassed ? "passed" : "failed",
        problem,
        error,
        tests,
        console: lines,
        consoleTruncated: output.truncated,
        durationMs: Date.now() - started,
      },
      poisoned,
    };
  };

  try {
    const code = stripTypes(task.code, task.language);
    for (const [source, hidden] of /** @type {const} */ ([
      [task.visibleTests, false],
      [task.hiddenTests, true],
    ])) {
      if (!source.trim()) continue;
      runPhase({ quickjs, task, code, tests: source, hidden, deadline, print, output, outcomes: tests, onPoisoned: () => (poisoned = true) });
    }
    return finish(null, "");
  } catch (error) {
    if (error instanceof Stop) return finish(error.problem, error.message);
    // QuickJS or the host failed (not the learner's code): say so, and start afresh.
    poisoned = true;
    return finish("runtime", `The grader failed while running your code (${error instanceof Error ? error.message : String(error)}). Try again.`);
  }
}

/**
 * One fresh runtime: the learner's module, one test module, its tests.
 * @param {{ quickjs: QuickJSWASMModule, task: SandboxTask, code: string, tests: string, hidden: boolean, deadline: number,
 *   print: (level: ConsoleLine["level"], text: string) => void, output: { truncated: boolean }, outcomes: TestOutcome[], onPoisoned: () => void }} args
 */
function runPhase({ quickjs, task, code, tests, hidden, deadline, print, output, outcomes, onPoisoned }) {
  const testsFile = hidden ? "hidden-tests" : "tests";
  let interrupted = false;
  const runtime = quickjs.newRuntime();
  runtime.setMemoryLimit(task.limits.memoryBytes);
  runtime.setMaxStackSize(task.limits.stackBytes);
  runtime.setInterruptHandler(() => {
    if (output.truncated || Date.now() > deadline) interrupted = true;
    return interrupted;
  });
  runtime.setModuleLoader(
    (name) => {
      if (name === SOLUTION) return code;
      if (Object.hasOwn(task.modules, name)) return task.modules[name];
      const available = Object.keys(task.modules).filter((m) => !m.startsWith("_"));
      return {
        error: new Error(
          `Cannot import "${name}": the sandbox has no file system, network or Node.js modules${available.length ? `; you can import ${available.map((m) => `"${m}"`).join(", ")}` : ""}.`,
        ),
      };
    },
    (_base, requested) => normalizeName(requested),
  );
  const context = runtime.newContext();
  /** @type {QuickJSHandle[]} */
  const handles = [];
  /** @param {QuickJSHandle} h */
  const keep = (h) => {
    handles.push(h);
    return h;
  };
  let memoryHit = false;
  /** Throws the Stop for a limit that ended the run, if one did. */
  const checkLimits = () => {
    if (output.truncated) throw new Stop("output", task.messages.output);
    if (memoryHit) throw new Stop("memory", task.messages.memory);
    if (interrupted || Date.now() > deadline) throw new Stop("timeout", task.messages.timeout);
  };
  /** @param {QuickJSHandle} handle */
  const dumpError = (handle) => {
    let value;
    try {
      value = context.dump(handle);
    } catch {
      value = { name: "Error", message: "an error that could not be read" };
    }
    handle.dispose();
    if (isOutOfMemory(value)) memoryHit = true;
    return value;
  };

  try {
    const printFn = keep(
      context.newFunction("__sandboxPrint", (level, text) => {
        const l = context.getString(level);
        print(/** @type {ConsoleLine["level"]} */ (["log", "info", "warn", "error", "debug"].includes(l) ? l : "log"), context.getString(text));
      }),
    );
    const reportFn = keep(
      context.newFunction("__sandboxReport", (name, isHidden, passed, message) => {
        const text = context.getString(message);
        if (/out of memory/i.test(text)) memoryHit = true;
        outcomes.push({ name: context.getString(name), hidden: Boolean(context.dump(isHidden)), passed: Boolean(context.dump(passed)), message: text });
      }),
    );
    context.setProp(context.global, "__sandboxPrint", printFn);
    context.setProp(context.global, "__sandboxReport", reportFn);
    const control = keep(context.unwrapResult(context.evalCode(harnessSource(task.seed ?? 20261205), "harness.js", { type: "global" })));
    const call = (/** @type {string} */ method, /** @type {QuickJSHandle[]} */ ...args) => {
      const result = context.callMethod(control, method, args);
      if (result.error) {
        const error = dumpError(result.error);
        checkLimits();
        throw new Error(`harness ${method}: ${describe(error)}`);
      }
      return result.value;
    };

    /** Runs jobs and virtual timers until `promise` settles or nothing is left; returns its final state. */
    const settle = (/** @type {QuickJSHandle} */ promise, /** @type {boolean} */ abandonStuck) => {
      for (;;) {
        const jobs = runtime.executePendingJobs();
        if (jobs.error) dumpError(jobs.error);
        checkLimits();
        const state = context.getPromiseState(promise);
        if (state.type !== "pending") return state;
        if (runtime.hasPendingJob()) continue;
        const fired = call("fireNextTimer");
        const didFire = context.dump(fired);
        fired.dispose();
        checkLimits();
        if (didFire) continue;
        if (!abandonStuck) return state;
        const abandoned = call("abandon");
        const didAbandon = context.dump(abandoned);
        abandoned.dispose();
        if (!didAbandon) return state;
      }
    };

    /** Evaluates a module; returns the error it threw (dumped), or null. @param {string} source @param {string} file */
    const evalModule = (source, file) => {
      const evaluated = context.evalCode(source, file, { type: "module" });
      if (evaluated.error) return dumpError(evaluated.error);
      const promise = evaluated.value;
      try {
        const state = settle(promise, false);
        if (state.type === "rejected") return dumpError(state.error);
        if (state.type === "fulfilled" && !state.notAPromise) state.value.dispose();
        return null;
      } finally {
        promise.dispose();
      }
    };

    const loadError = evalModule(`import "./${SOLUTION}";`, "grader");
    checkLimits();
    if (loadError) {
      const line = lineIn(loadError, SOLUTION);
      if (loadError.name === "SyntaxError" && line !== null) throw new Stop("syntax", `Syntax error on line ${line}: ${loadError.message}`);
      if (/^Cannot import "/.test(loadError.message)) throw new Stop("runtime", loadError.message);
      throw new Stop("runtime", `Your code threw an error when it loaded${line !== null ? ` (line ${line})` : ""}: ${describe(loadError)}`);
    }

    call("setHidden", hidden ? context.true : context.false).dispose();
    const testsError = evalModule(tests, testsFile);
    checkLimits();
    if (testsError) {
      const missing = /^Could not find export '(.+)' in module 'solution'$/.exec(String(testsError.message));
      if (missing) throw new Stop("runtime", `The tests import "${missing[1]}" from your code, but your code does not export it.`);
      const line = lineIn(testsError, testsFile);
      throw new Stop("runtime", `The ${hidden ? "hidden " : ""}tests could not run${line !== null ? ` (line ${line} of the test file)` : ""}: ${describe(testsError)}`);
    }

    const running = call("run");
    try {
      settle(running, true);
    } finally {
      running.dispose();
    }
    checkLimits();
  } finally {
    for (const h of handles.reverse()) if (h.alive) h.dispose();
    try {
      context.dispose();
      runtime.dispose();
    } catch {
      // A handle leaked (QuickJS asserts on dispose): the worker replaces its WebAssembly module.
      onPoisoned();
    }
  }
}
