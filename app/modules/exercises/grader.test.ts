import { execFileSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { closeSandbox, gradeSubmission, type Submission } from "./grader.server.ts";
import { LIMIT_MESSAGES, SANDBOX_LIMITS } from "./limits.ts";
import { createSandboxPool, sandboxWorkerFile } from "./sandbox/pool.server.ts";
import { tracingExercise } from "./sandbox/tracing-exercise.ts";

afterAll(closeSandbox);

// A stand-in for the Sentry modules (the real ones are the sdk's, decision 040): enough to import.
const MODULES = {
  "sentry-testkit": "const sent = []; export function record(e) { sent.push(e) } export function events() { return sent.slice() }",
  "@sentry/node": 'import { record } from "sentry-testkit"; export function captureMessage(message) { record({ message }) }',
};

const grade = (submission: Partial<Submission> & { code: string }) =>
  gradeSubmission({ language: "JAVASCRIPT", visibleTests: 'test("runs", () => {})', hiddenTests: "", ...submission }, MODULES);

describe("gradeSubmission", () => {
  it("passes when every visible and hidden test passes, and lists each with the learner's console", async () => {
    const result = await grade({
      code: 'import * as Sentry from "@sentry/node";\nexport function add(a, b) { console.log("adding", a, b); Sentry.captureMessage("added"); return a + b; }',
      visibleTests: 'import { add } from "./solution";\ntest("adds", () => { expect(add(1, 2)).toBe(3); });',
      hiddenTests: 'import { add } from "./solution";\nimport { events } from "sentry-testkit";\ntest("adds negatives", () => { expect(add(-1, -2)).toBe(-3); expect(events()).toHaveLength(1); });',
    });
    expect(result).toMatchObject({ status: "passed", problem: null, error: "" });
    expect(result.tests).toEqual([
      { name: "adds", hidden: false, passed: true, message: "" },
      { name: "adds negatives", hidden: true, passed: true, message: "" },
    ]);
    expect(result.console).toEqual([
      { level: "log", text: "adding 1 2" },
      { level: "log", text: "adding -1 -2" },
    ]);
  });

  it("grades an exercise against the Sentry stand-in: the starter fails, the solution passes", async () => {
    const { solution, starter, ...tests } = tracingExercise;
    const passed = await gradeSubmission({ ...tests, code: solution });
    expect(passed).toMatchObject({ status: "passed", problem: null });
    expect(passed.tests.map((t) => [t.name, t.hidden, t.passed])).toEqual([
      ["returns the total", false, true],
      ["sends a checkout transaction", false, true],
      ["has two child spans", true, true],
    ]);
    expect(passed.console.map((line) => line.text)).toContain("charged 5");
    const failed = await gradeSubmission({ ...tests, code: starter });
    expect(failed.status).toBe("failed");
    expect(failed.tests.map((t) => t.passed)).toEqual([true, false, false]);
    expect(failed.tests[1].message).toBe("expected [] to have length 1, got 0");
  });

  it("fails with each assertion's message, in file order, async tests and .not included", async () => {
    const result = await grade({
      code: "export const double = (n) => n * 3;",
      visibleTests: [
        'import { double } from "./solution";',
        'test("doubles", () => { expect(double(2)).toBe(4); });',
        'test("is a number", () => { expect(typeof double(2)).not.toBe("string"); });',
        'test("later", async () => { await new Promise((r) => setTimeout(r, 5000)); expect({ a: [1, double(1)] }).toEqual({ a: [1, 2] }); });',
        'test("spans", () => { expect([{ op: "db" }]).toHaveLength(2); });',
      ].join("\n"),
    });
    expect(result.status).toBe("failed");
    expect(result.tests.map((t) => [t.name, t.passed, t.message])).toEqual([
      ["doubles", false, "expected 6 to be 4"],
      ["is a number", true, ""],
      ["later", false, "expected { a: [1, 3] } to equal { a: [1, 2] }"],
      ["spans", false, 'expected [{ op: "db" }] to have length 2, got 1'],
    ]);
  });

  it("strips TypeScript, keeping line numbers in syntax errors", async () => {
    const ok = await grade({
      language: "TYPESCRIPT",
      code: "type Span = { name: string };\nexport const name = (s: Span): string => s.name;",
      visibleTests: 'import { name } from "./solution";\ntest("names", () => { expect(name({ name: "checkout" })).toBe("checkout"); });',
    });
    expect(ok.status).toBe("passed");
    const ts = await grade({ language: "TYPESCRIPT", code: "export function f(a: number) {\n  return a +;\n}" });
    expect(ts).toMatchObject({ status: "error", problem: "syntax", error: "Syntax error on line 2, column 14: Unexpected token" });
    const js = await grade({ code: "export const x = 1;\n\nlet y = ;" });
    expect(js).toMatchObject({ status: "error", problem: "syntax", error: "Syntax error on line 3: unexpected token in expression: ';'" });
  });

  it("runs the visible and the hidden tests each in a fresh context, with the same seeded Math.random", async () => {
    const result = await grade({
      code: "export const state = { calls: 0 }; export const roll = Math.random();",
      visibleTests: 'import { state, roll } from "./solution";\ntest("first", () => { state.calls++; globalThis.leak = true; console.log(roll); expect(state.calls).toBe(1); });',
      hiddenTests: 'import { state, roll } from "./solution";\ntest("fresh", () => { state.calls++; console.log(roll); expect(state.calls).toBe(1); expect(globalThis.leak).toBeUndefined(); });',
    });
    expect(result.status).toBe("passed");
    expect(result.console[0].text).toBe(result.console[1].text);
    expect(Number(result.console[0].text)).toBeGreaterThan(0);
  });

  it("reports a module that throws, an exception in a test and an async test that never settles", async () => {
    const throwing = await grade({ code: 'export const x = 1;\nthrow new TypeError("no DSN");' });
    expect(throwing).toMatchObject({ status: "error", problem: "runtime", error: "Your code threw an error when it loaded (line 2): TypeError: no DSN" });
    const inTest = await grade({
      code: "export const user = null;",
      visibleTests: 'import { user } from "./solution";\ntest("reads", () => { user.id; });\ntest("never", () => new Promise(() => {}));\ntest("after", () => {});',
    });
    expect(inTest.tests.map((t) => [t.name, t.passed, t.message])).toEqual([
      ["reads", false, "TypeError: cannot read property 'id' of null"],
      ["never", false, "This async test never finished: its promise was still pending when nothing was left to run."],
      ["after", true, ""],
    ]);
    const missing = await grade({ code: "export const a = 1;", visibleTests: 'import { b } from "./solution";\ntest("b", () => {});' });
    expect(missing).toMatchObject({ problem: "runtime", error: 'The tests import "b" from your code, but your code does not export it.' });
  });

  it("has no require, process, fetch or Node modules, and learner code cannot replace expect", async () => {
    const globals = await grade({
      code: "export const kinds = [typeof require, typeof process, typeof fetch, typeof std, typeof os, typeof globalThis.__sandboxPrint].join();",
      visibleTests: 'import { kinds } from "./solution";\ntest("none", () => { expect(kinds).toBe("undefined,undefined,undefined,undefined,undefined,undefined"); });\ntest("call", () => { require("fs"); });',
    });
    expect(globals.tests.map((t) => [t.passed, t.message])).toEqual([
      [true, ""],
      [false, "ReferenceError: 'require' is not defined"],
    ]);
    for (const name of ["fs", "node:child_process", "https://example.com/x.js", "../../etc/passwd"]) {
      const imported = await grade({ code: `import x from ${JSON.stringify(name)};\nexport default x;` });
      expect(imported).toMatchObject({ status: "error", problem: "runtime" });
      expect(imported.error).toContain(`Cannot import "${name}": the sandbox has no file system, network or Node.js modules`);
    }
    const dynamic = await grade({ code: "export const p = import('fs');", visibleTests: 'import { p } from "./solution";\ntest("loads", async () => { await p; });' });
    expect(dynamic.tests[0].message).toMatch(/Cannot import "fs"/);
    const cheat = await grade({ code: "globalThis.expect = () => ({ toBe() {} });", visibleTests: 'test("honest", () => { expect(1).toBe(2); });' });
    expect(cheat.status).not.toBe("passed");
  });

  it("stops an infinite loop after 3 seconds, also one inside a promise job", async () => {
    for (const code of ["for (;;) {}", "Promise.resolve().then(() => { for (;;) {} });\nexport const x = 1;"]) {
      const started = Date.now();
      const result = await grade({ code });
      expect(result).toMatchObject({ status: "error", problem: "timeout", error: "Your code took longer than 3 seconds and was stopped." });
      expect(Date.now() - started).toBeLessThan(SANDBOX_LIMITS.timeMs + 1500);
    }
  });

  it("stops a memory bomb at the memory limit", async () => {
    const result = await grade({ code: "export const buffers = [new ArrayBuffer(16 << 20), new ArrayBuffer(32 << 20)];" });
    expect(result).toMatchObject({ status: "error", problem: "memory", error: LIMIT_MESSAGES.memory });
    // One small allocation at a time: stopped by the memory limit, or by the time limit on a slow machine.
    const gradual = await grade({ code: "const all = [];\nfor (let i = 0; ; i++) all.push([i, i, i, i, i, i, i, i, i, i, i, i, i, i, i, i]);" });
    expect(gradual.status).toBe("error");
    expect(["memory", "timeout"]).toContain(gradual.problem);
    expect((await grade({ code: "export const ok = true;" })).status).toBe("passed");
  });

  it("cuts huge output at the cap and stops the run", async () => {
    const result = await grade({ code: 'for (;;) console.log("breadcrumb");' });
    expect(result).toMatchObject({ status: "error", problem: "output", error: LIMIT_MESSAGES.output, consoleTruncated: true });
    expect(result.console).toHaveLength(SANDBOX_LIMITS.outputLines);
    const wide = await grade({ code: 'console.log("x".repeat(200_000));' });
    expect(wide).toMatchObject({ problem: "output", consoleTruncated: true });
    expect(wide.console[0].text.length).toBeLessThanOrEqual(SANDBOX_LIMITS.outputBytes);
  });

  it("turns deep recursion into a failed test, or a runtime problem at the top level", async () => {
    const inTest = await grade({ code: "export const depth = (n) => depth(n + 1) + 1;", visibleTests: 'import { depth } from "./solution";\ntest("recurses", () => { depth(0); });' });
    expect(inTest.tests[0]).toMatchObject({ passed: false, message: "RangeError: Maximum call stack size exceeded (too deep a recursion)" });
    const top = await grade({ code: "const depth = (n) => depth(n + 1) + 1;\ndepth(0);" });
    expect(top).toMatchObject({ problem: "runtime" });
    expect(top.error).toContain("Maximum call stack size exceeded");
  });

  it("refuses code over the size limit without running it", async () => {
    const result = await grade({ code: `// ${"x".repeat(SANDBOX_LIMITS.codeBytes)}` });
    expect(result).toMatchObject({ status: "error", error: LIMIT_MESSAGES.codeTooLong });
  });

  it("keeps the main thread serving while a run loops", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 50);
    const result = await grade({ code: "for (;;) {}" });
    clearInterval(timer);
    expect(result.problem).toBe("timeout");
    // 3 s at one tick per 50 ms is 60 (fewer on a loaded machine); a blocked main thread would count none.
    expect(ticks).toBeGreaterThan(20);
  });
});

describe("the sandbox pool", () => {
  const task = (code: string) => ({
    code,
    language: "JAVASCRIPT" as const,
    visibleTests: 'test("t", () => {})',
    hiddenTests: "",
    modules: {},
    limits: { ...SANDBOX_LIMITS, timeMs: 300 },
    messages: LIMIT_MESSAGES,
  });

  it("answers busy when its queue is full, without running the task", async () => {
    const pool = createSandboxPool({ threads: 1, queuePerThread: 1, hardStopMs: 5_000, messages: LIMIT_MESSAGES });
    try {
      expect((await pool.run(task("export const warm = 1;"))).status).toBe("passed");
      const results = await Promise.all([pool.run(task("for (;;) {}")), pool.run(task("for (;;) {}")), pool.run(task("export const x = 1;"))]);
      expect(results.map((r) => r.problem)).toEqual(["timeout", "timeout", "busy"]);
      expect(results[2].error).toBe("The grader is busy; try again in a few seconds.");
      expect((await pool.run(task("export const x = 1;"))).status).toBe("passed");
    } finally {
      await pool.close();
    }
  });

  it("serves gradings in the order they came, a free thread never going to a newcomer first", async () => {
    const pool = createSandboxPool({ threads: 1, queuePerThread: 20, hardStopMs: 5_000, messages: LIMIT_MESSAGES });
    try {
      const order: number[] = [];
      // Each client submits again as soon as its answer arrives, as learners clicking "Run" do.
      const client = async (id: number) => {
        for (let round = 0; round < 3; round++) {
          await pool.run(task(`export const id = ${id};`));
          order.push(id);
        }
      };
      await Promise.all([0, 1, 2, 3].map(client));
      expect(order).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3]);
    } finally {
      await pool.close();
    }
  });

  it("terminates and replaces a worker that never yields", async () => {
    const pool = createSandboxPool({
      threads: 1,
      queuePerThread: 4,
      hardStopMs: 500,
      messages: LIMIT_MESSAGES,
      filename: path.join(import.meta.dirname, "sandbox/fixtures/hang-worker.mjs"),
    });
    try {
      const [hung, next] = await Promise.all([pool.run(task("hang")), pool.run(task("after"))]);
      expect(hung).toMatchObject({ status: "error", problem: "timeout", error: LIMIT_MESSAGES.timeout });
      expect(next).toMatchObject({ status: "passed", tests: [{ name: "after" }] });
    } finally {
      await pool.close();
    }
  });

  it("grades in a process started like npm start (node --import tsx), whose workers must not inherit the loader", () => {
    const root = path.resolve(import.meta.dirname, "../../..");
    const script = [
      `const { gradeSubmission, closeSandbox } = await import(${JSON.stringify(path.join(root, "app/modules/exercises/grader.server.ts"))});`,
      'const result = await gradeSubmission({ code: "export const f = () => 1;", language: "TYPESCRIPT", visibleTests: \'import { f } from "./solution"; test("f", () => expect(f()).toBe(1));\', hiddenTests: "" });',
      "console.log(JSON.stringify(result));",
      "await closeSandbox();",
    ].join("\n");
    const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, env: { ...process.env, NODE_ENV: "production" }, encoding: "utf8" });
    expect(JSON.parse(output.trim().split("\n").at(-1)!)).toMatchObject({ status: "passed", tests: [{ name: "f", passed: true }] });
  }, 90_000);

  it("finds its worker file from the sources and from the server build", () => {
    const root = path.resolve(import.meta.dirname, "../../..");
    const worker = path.join(root, "app/modules/exercises/sandbox/worker.mjs");
    expect(sandboxWorkerFile(pathToFileURL(path.join(root, "app/modules/exercises/sandbox/pool.server.ts")).href)).toBe(worker);
    expect(sandboxWorkerFile(pathToFileURL(path.join(root, "build/index.js")).href)).toBe(worker);
  });
});
