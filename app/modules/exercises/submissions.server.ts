/**
 * A learner's runs of an exercise (decision 041): submit (rate limit, size, grade in the sandbox,
 * store, complete the lesson on a pass), and what the lesson page reads back (the latest run and
 * whether the learner ever passed). The exercise's hidden tests and reference solution are read
 * here for the grader only; nothing in this module returns them.
 */
import type { ExerciseLanguage, SubmissionStatus } from "~/generated/prisma/client.ts";
import { completeLesson, enroll } from "~/modules/academy/learning.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { ConflictError } from "~/utils/errors.ts";
import { rateLimit, type Limited } from "~/utils/rate-limit.server.ts";
import { queryOne, sql } from "~/utils/sql.server.ts";
import type { GradeResult } from "./grade-result.ts";
import { gradeSubmission } from "./grader.server.ts";
import { codeTooLong, LIMIT_MESSAGES } from "./limits.ts";

/** The one refusal of "Mark complete" on an exercise lesson (the page's form and the JSON API). */
const EXERCISE_COMPLETES_ITSELF = "This lesson is an exercise: it is completed when your code passes its tests. Run the tests on the lesson page.";

/** Throws the 409 when the lesson is an exercise (its completion comes from a passing submission only). */
export async function refuseManualCompletion(lessonId: string) {
  const row = await queryOne<{ id: string }>(sql`SELECT id FROM "Exercise" WHERE "lessonId" = ${lessonId}`);
  if (row) throw new ConflictError(EXERCISE_COMPLETES_ITSELF);
}

export type StoredSubmission = {
  id: string;
  code: string;
  language: ExerciseLanguage;
  status: SubmissionStatus;
  result: GradeResult;
  createdAt: Date;
};

/** The learner's latest run of the exercise, and whether any run of theirs passed (their best status). */
export async function latestSubmission(userId: string, exerciseId: string): Promise<{ latest: StoredSubmission | null; passed: boolean }> {
  const row = await queryOne<StoredSubmission & { passed: boolean }>(sql`
    SELECT s.id, s.code, s.language::text AS language, s.status::text AS status, s.result, s."createdAt",
           EXISTS (SELECT 1 FROM "ExerciseSubmission" p
                    WHERE p."exerciseId" = ${exerciseId} AND p."userId" = ${userId} AND p.status = 'PASSED') AS passed
      FROM "ExerciseSubmission" s
     WHERE s."exerciseId" = ${exerciseId} AND s."userId" = ${userId}
     ORDER BY s."createdAt" DESC, s.id DESC
     LIMIT 1`);
  if (!row) return { latest: null, passed: false };
  const { passed, ...latest } = row;
  return { latest, passed };
}

const STATUS: Record<GradeResult["status"], SubmissionStatus> = { passed: "PASSED", failed: "FAILED", error: "ERROR" };

export type SubmitOutcome =
  | { ok: false; reason: "size"; message: string }
  | { ok: false; reason: "rate_limited"; message: string; limited: Limited }
  | {
      ok: true;
      submission: StoredSubmission;
      /** Set when this run passed: what completing the lesson did (progress, certificate, badges). */
      completion: Awaited<ReturnType<typeof completeLesson>> | null;
    };

/**
 * Grades `code` for `userId` on the exercise of `lesson` and stores the run. The caller has checked
 * the lesson is visible to the user. Enrols them (as completing a lesson does); a pass completes the
 * lesson through `completeLesson`, so progress, paths, certificates, badges and streaks follow.
 */
export async function submitExercise(userId: string, lesson: { id: string; courseId: string }, code: string): Promise<SubmitOutcome> {
  // Refused before grading: no worker, no rate-limit hit, nothing stored.
  if (codeTooLong(code)) return { ok: false, reason: "size", message: LIMIT_MESSAGES.codeTooLong };
  const exercise = await prisma.exercise.findUnique({
    where: { lessonId: lesson.id },
    select: { id: true, language: true, visibleTests: true, hiddenTests: true },
  });
  if (!exercise) throw new ConflictError("This lesson has no exercise to run.");
  // Counted before the work (decision 019): a burst gets exactly the limit.
  const limited = await rateLimit("exercise-submit", userId);
  if (limited) return { ok: false, reason: "rate_limited", message: limited.message, limited };
  await enroll(userId, lesson.courseId);
  const result = await gradeSubmission({ code, language: exercise.language, visibleTests: exercise.visibleTests, hiddenTests: exercise.hiddenTests });
  const saved = await prisma.exerciseSubmission.create({
    data: {
      exerciseId: exercise.id,
      userId,
      code,
      language: exercise.language,
      status: STATUS[result.status] ?? "ERROR",
      result,
      durationMs: Math.max(0, Math.round(result.durationMs || 0)),
    },
    select: { id: true, code: true, language: true, status: true, createdAt: true },
  });
  const completion = saved.status === "PASSED" ? await completeLesson(userId, lesson) : null;
  return { ok: true, submission: { ...saved, result }, completion };
}

/** How many of the course's exercises the learner passed (the certificate says so: decision 041). */
export async function passedExerciseCount(userId: string, courseId: string): Promise<number> {
  const row = await queryOne<{ count: number }>(sql`
    SELECT count(DISTINCT x.id)::int AS count
      FROM "Exercise" x JOIN "Lesson" l ON l.id = x."lessonId"
     WHERE l."courseId" = ${courseId}
       AND EXISTS (SELECT 1 FROM "ExerciseSubmission" s WHERE s."exerciseId" = x.id AND s."userId" = ${userId} AND s.status = 'PASSED')`);
  return row?.count ?? 0;
}
