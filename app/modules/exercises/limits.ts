/**
 * The one table of limits for learner code (decision 039). The sandbox enforces them
 * (`sandbox/runtime.mjs` inside a worker, `sandbox/pool.server.ts` around it); forms and
 * pages quote them from here. No I/O: the client may import it.
 */

export const SANDBOX_LIMITS = {
  /** Wall time of one grading (the learner's module, visible and hidden tests together). */
  timeMs: 3_000,
  /** Memory of one sandbox context (QuickJS's own allocator, not the host's). */
  memoryBytes: 32 * 1024 * 1024,
  /** QuickJS's stack: deep recursion ends with "Maximum call stack size exceeded", never the worker. */
  stackBytes: 256 * 1024,
  /** What `console` may print in one grading; past either cap the run is stopped. */
  outputBytes: 64 * 1024,
  outputLines: 500,
  /** The learner's code (UTF-8 bytes). */
  codeBytes: 50 * 1024,
  /** Test files (visible or hidden) an author may write. */
  testsBytes: 100 * 1024,
  /** A worker that has not answered this long after the time limit is terminated and replaced. */
  hardStopGraceMs: 2_000,
  /** Gradings waiting for a worker, per worker thread; one more answers "busy". */
  queuePerThread: 20,
} as const;

/** UTF-8 bytes, as every size limit of learner and author code counts them. */
export const utf8Bytes = (value: string) => new TextEncoder().encode(value).length;

/** The one size rule of a learner's code: the grader refuses it, and the submit form before grading. */
export const codeTooLong = (code: string) => utf8Bytes(code) > SANDBOX_LIMITS.codeBytes;

const seconds = SANDBOX_LIMITS.timeMs / 1000;
const mebibytes = SANDBOX_LIMITS.memoryBytes / (1024 * 1024);
const kilobytes = (bytes: number) => Math.round(bytes / 1024);

/** The sentences a learner reads when a limit stopped the run (GradeResult.error). */
export const LIMIT_MESSAGES = {
  timeout: `Your code took longer than ${seconds} seconds and was stopped.`,
  memory: `Your code used more than ${mebibytes} MB of memory and was stopped.`,
  output: `Your code printed more than ${kilobytes(SANDBOX_LIMITS.outputBytes)} KB or ${SANDBOX_LIMITS.outputLines} lines; the output was cut there and the run was stopped.`,
  busy: "The grader is busy; try again in a few seconds.",
  codeTooLong: `Your code is longer than ${kilobytes(SANDBOX_LIMITS.codeBytes)} KB; shorten it and submit again.`,
} as const;
