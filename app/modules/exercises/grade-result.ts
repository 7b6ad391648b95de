/**
 * What grading a submission answers (decision 039): the contract between the sandbox
 * (`grader.server.ts`), the pages that show a result (JS on and off), the stored
 * `ExerciseSubmission.result` and the review pages. No I/O here: the client imports it.
 */

export type TestOutcome = {
  name: string;
  /** From the hidden tests: the learner sees its name and outcome, never its code. */
  hidden: boolean;
  passed: boolean;
  /** The assertion's message when it failed ("expected 2 spans, got 1"), else "". */
  message: string;
};

export type ConsoleLine = { level: "log" | "info" | "warn" | "error" | "debug"; text: string };

/**
 * Why a run did not get through its tests, if it did not:
 * - "syntax": the code (or the TypeScript) does not compile; `error` has the message and line;
 * - "runtime": the learner's module threw at the top level;
 * - "timeout": it took longer than the time limit ("took longer than 3 seconds");
 * - "memory": it went over the memory limit;
 * - "output": it printed more than the output cap;
 * - "busy": the grader's queue is full; nothing ran (try again in a few seconds).
 */
export type RunProblem = "syntax" | "runtime" | "timeout" | "memory" | "output" | "busy";

export type GradeResult = {
  /** passed: every test passed; failed: the code ran and a test failed; error: see `problem`. */
  status: "passed" | "failed" | "error";
  problem: RunProblem | null;
  /** A sentence for the learner when `problem` is set, e.g. "Your code took longer than 3 seconds and was stopped." */
  error: string;
  /** Visible tests first, then hidden ones, each in file order. */
  tests: TestOutcome[];
  /** What the learner's code (and the tests) printed, in order, capped. */
  console: ConsoleLine[];
  consoleTruncated: boolean;
  durationMs: number;
};
