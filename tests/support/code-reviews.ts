/**
 * Exercises and graded submissions for the code-review tests, written through Prisma (no sandbox
 * runs: a submission's status and stored GradeResult are what the grader would have answered).
 */
import type { GradeResult } from "~/modules/exercises/grade-result.ts";
import { prisma } from "~/utils/db.server.ts";

export const EXERCISE_CODE = [
  'import * as Sentry from "@sentry/node";',
  "",
  "export function checkout(cart) {",
  '  return Sentry.startSpan({ name: "checkout" }, () => {',
  "    return cart.items.length;",
  "  });",
  "}",
].join("\n");

/** Makes the lesson an exercise (the Exercise row). */
export function createExercise(lessonId: string) {
  return prisma.exercise.create({
    data: { lessonId, starterCode: "export function checkout(cart) {}\n", visibleTests: 'test("a span", () => expect(1).toBe(1));\n' },
  });
}

export function gradeResult(passed: boolean): GradeResult {
  return {
    status: passed ? "passed" : "failed",
    problem: null,
    error: "",
    tests: [
      { name: "sends a span named checkout", hidden: false, passed: true, message: "" },
      { name: "counts the items", hidden: true, passed, message: passed ? "" : "expected 2, got undefined" },
    ],
    console: [{ level: "log", text: "checkout called" }],
    consoleTruncated: false,
    durationMs: 12,
  };
}

/** A graded submission of the exercise by the user. */
export function createSubmission(exerciseId: string, userId: string, opts: { passed?: boolean; code?: string; createdAt?: Date } = {}) {
  const passed = opts.passed ?? true;
  return prisma.exerciseSubmission.create({
    data: {
      exerciseId,
      userId,
      code: opts.code ?? EXERCISE_CODE,
      language: "JAVASCRIPT",
      status: passed ? "PASSED" : "FAILED",
      result: gradeResult(passed),
      durationMs: 12,
      ...(opts.createdAt ? { createdAt: opts.createdAt } : {}),
    },
  });
}
