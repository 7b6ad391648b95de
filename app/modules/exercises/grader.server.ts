/**
 * Grading a learner's submission (decision 039): their code and the exercise's tests run
 * in the sandbox, a QuickJS WebAssembly engine inside a worker thread of this process
 * (`sandbox/`), within the limits of `limits.ts`. Never throws for anything the learner
 * (or the author) wrote: every outcome is a GradeResult.
 */
import { availableParallelism } from "node:os";
import { parseStartupEnv } from "~/utils/env.server.ts";
import type { GradeResult } from "./grade-result.ts";
import { codeTooLong, LIMIT_MESSAGES, SANDBOX_LIMITS } from "./limits.ts";
import { createSandboxPool, type SandboxPool } from "./sandbox/pool.server.ts";
import { sandboxModules } from "./sdk/index.ts";

export type Submission = {
  code: string;
  language: "JAVASCRIPT" | "TYPESCRIPT";
  visibleTests: string;
  hiddenTests: string;
};


let pool: SandboxPool | undefined;

/**
 * This process's pool, created on the first grading (SANDBOX_THREADS, default cores − 1). Read with
 * the start-up rules: the demo seed (`npm run db:seed`) grades the reference solutions before a
 * SESSION_SECRET need exist.
 */
function sandboxPool(): SandboxPool {
  pool ??= createSandboxPool({
    threads: parseStartupEnv(process.env).SANDBOX_THREADS ?? Math.max(1, availableParallelism() - 1),
    queuePerThread: SANDBOX_LIMITS.queuePerThread,
    hardStopMs: SANDBOX_LIMITS.timeMs + SANDBOX_LIMITS.hardStopGraceMs,
    messages: LIMIT_MESSAGES,
  });
  return pool;
}

/**
 * Grades a submission. `modules` are what its code may import by name: the Sentry
 * stand-in (`@sentry/node`, `@sentry/browser`, `sentry-testkit`, decision 040) unless a
 * test passes others.
 */
export async function gradeSubmission(submission: Submission, modules: Record<string, string> = sandboxModules): Promise<GradeResult> {
  if (codeTooLong(submission.code)) {
    return { status: "error", problem: "syntax", error: LIMIT_MESSAGES.codeTooLong, tests: [], console: [], consoleTruncated: false, durationMs: 0 };
  }
  return sandboxPool().run({
    code: submission.code,
    language: submission.language === "TYPESCRIPT" ? "TYPESCRIPT" : "JAVASCRIPT",
    visibleTests: submission.visibleTests ?? "",
    hiddenTests: submission.hiddenTests ?? "",
    modules,
    limits: SANDBOX_LIMITS,
    messages: LIMIT_MESSAGES,
  });
}

/** Stops this process's grading threads (server shutdown, tests). */
export async function closeSandbox(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}
