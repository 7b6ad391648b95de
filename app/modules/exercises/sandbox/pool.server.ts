/**
 * The sandbox's worker pool (decision 039): gradings run in piscina worker threads, never
 * on the thread that renders pages. Each app process has its own pool, created on the
 * first grading. A full queue answers the "busy" problem at once; a worker that has not
 * answered `hardStopMs` after it started a task (a run that never reached QuickJS's
 * interrupt check) is terminated and replaced, and the grading answers "timeout".
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import type { GradeResult, RunProblem } from "../grade-result.ts";
import type { SandboxTask } from "./runtime.mjs";

const WORKER = "app/modules/exercises/sandbox/worker.mjs";

/**
 * The worker's file. From the sources it sits beside this module; from the server build
 * (build/index.js, where Remix bundled this module) it is found by walking up to the
 * project, whose app/ ships with the build (npm start, the Docker image).
 */
export function sandboxWorkerFile(from: string = import.meta.url): string {
  const beside = fileURLToPath(new URL("./worker.mjs", from));
  if (existsSync(beside)) return beside;
  for (let dir = path.dirname(fileURLToPath(from)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, WORKER);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  if (existsSync(path.join(process.cwd(), WORKER))) return path.join(process.cwd(), WORKER);
  throw new Error(`The sandbox worker ${WORKER} was not found above ${fileURLToPath(from)}`);
}

export type SandboxPoolOptions = {
  threads: number;
  /** Tasks waiting per thread before "busy". */
  queuePerThread: number;
  /** How long a started task may take before its worker is terminated. */
  hardStopMs: number;
  messages: { timeout: string; busy: string };
  /** Another worker file (tests of the pool itself). */
  filename?: string;
};

export type SandboxPool = {
  run: (task: SandboxTask) => Promise<GradeResult>;
  threads: number;
  close: () => Promise<void>;
};

function problemResult(problem: RunProblem, error: string, durationMs: number): GradeResult {
  return { status: "error", problem, error, tests: [], console: [], consoleTruncated: false, durationMs };
}

export function createSandboxPool(options: SandboxPoolOptions): SandboxPool {
  const pool = new Piscina({
    filename: options.filename ?? sandboxWorkerFile(),
    minThreads: options.threads,
    maxThreads: options.threads,
    concurrentTasksPerWorker: 1,
    // No loader flags from the parent (npm start runs `node --import tsx`): the worker is plain
    // JavaScript, and tsx would rewrite the harness whose source text is sent to QuickJS.
    execArgv: [],
    idleTimeout: Infinity,
    // Learner code runs inside QuickJS's own heap (its memory limit); this caps the thread around it.
    resourceLimits: { maxOldGenerationSizeMb: 256 },
  });

  // The queue is kept here, first come first served, and piscina only ever gets a task a thread
  // is free for: its own queue leaves tasks with an abort signal out of maxQueue, and a task
  // submitted as another finishes could take the thread ahead of older ones (a submission
  // waited 11 s at 20 in flight in the bench).
  const capacity = options.threads * (1 + options.queuePerThread);
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };

  async function run(task: SandboxTask): Promise<GradeResult> {
    if (running + waiting.length >= capacity) return problemResult("busy", options.messages.busy, 0);
    if (running < options.threads) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    const started = Date.now();
    const controller = new AbortController();
    const { port1, port2 } = new MessageChannel();
    let hardStop: NodeJS.Timeout | undefined;
    port1.once("message", () => {
      hardStop = setTimeout(() => controller.abort(new Error("hard stop")), options.hardStopMs);
    });
    port1.unref();
    try {
      return (await pool.run({ ...task, started: port2 }, { transferList: [port2], signal: controller.signal })) as GradeResult;
    } catch (error) {
      if (controller.signal.aborted) return problemResult("timeout", options.messages.timeout, Date.now() - started);
      // The thread itself died (it is replaced): not the learner's doing, but their run is lost.
      console.error(`[sandbox] a grading failed: ${error instanceof Error ? error.message : String(error)}`);
      return problemResult("busy", options.messages.busy, Date.now() - started);
    } finally {
      release();
      clearTimeout(hardStop);
      port1.close();
    }
  }

  return { run, threads: options.threads, close: () => pool.close({ force: true }) };
}
