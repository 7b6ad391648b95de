/**
 * Authoring exercises in the studio (decision 043). An exercise is a lesson with an Exercise row:
 * the lesson's body is the instructions, the row holds the language, starter code, visible and
 * hidden tests and the reference solution. Every change goes through the studio's `change` (who may
 * edit the course, the course row's lock, a new version on a published course), so versions carry
 * the exercise (course-admin.server.ts `snapshotOf`).
 */
import { change, requireLesson } from "~/modules/academy/authoring.server.ts";
import type { Author } from "~/modules/academy/course-admin.server.ts";
import { createLesson, writeLesson } from "~/modules/academy/lesson-authoring.server.ts";
import type { ExerciseInput, ExerciseLessonInput } from "./authoring-schema.ts";
import { gradeSubmission } from "./grader.server.ts";

/** What a new exercise starts with: a small task its starter fails and its solution passes, to be rewritten. */
export const STARTER_EXERCISE = {
  instructions: [
    "## Your task",
    "",
    "`checkout(cart)` throws when the cart is empty, and nobody hears about it. Report the error to Sentry with",
    "`Sentry.captureException(error)`, then throw it again so the caller still sees it.",
    "",
    "The tests under the editor show what is checked. More tests run when you submit.",
  ].join("\n"),
  language: "JAVASCRIPT" as const,
  starterCode: [
    'import * as Sentry from "@sentry/node";',
    "",
    'Sentry.init({ dsn: "https://examplePublicKey@o0.ingest.sentry.io/0" });',
    "",
    "export function checkout(cart) {",
    "  // Report the error to Sentry before it leaves this function.",
    '  if (cart.items.length === 0) throw new Error("The cart is empty");',
    "  return cart.items.length;",
    "}",
    "",
  ].join("\n"),
  visibleTests: [
    'import { checkout } from "./solution";',
    'import { events, reset } from "sentry-testkit";',
    "",
    'test("an empty cart\'s error reaches Sentry", () => {',
    "  reset();",
    "  expect(() => checkout({ items: [] })).toThrow();",
    "  expect(events()).toHaveLength(1);",
    "});",
    "",
  ].join("\n"),
  hiddenTests: "",
  solution: [
    'import * as Sentry from "@sentry/node";',
    "",
    'Sentry.init({ dsn: "https://examplePublicKey@o0.ingest.sentry.io/0" });',
    "",
    "export function checkout(cart) {",
    "  try {",
    '    if (cart.items.length === 0) throw new Error("The cart is empty");',
    "    return cart.items.length;",
    "  } catch (error) {",
    "    Sentry.captureException(error);",
    "    throw error;",
    "  }",
    "}",
    "",
  ].join("\n"),
};

const exerciseData = (input: ExerciseInput) => ({
  language: input.language,
  starterCode: input.starterCode,
  visibleTests: input.visibleTests,
  hiddenTests: input.hiddenTests,
  // An empty solution is no solution.
  solution: input.solution.trim() === "" ? null : input.solution,
});

const { instructions, ...starterRow } = STARTER_EXERCISE;

/** A new exercise at the end of the module: a lesson with the starter's instructions and an Exercise row. */
export function addExercise(courseId: string, input: { moduleId: string; title: string }, user: Author) {
  return change(courseId, user, async (tx, course) => {
    const lesson = await createLesson(tx, course, { ...input, bodyMarkdown: instructions });
    await tx.exercise.create({ data: { lessonId: lesson.id, ...starterRow } });
    return { result: lesson, note: `Added the exercise “${input.title}”` };
  });
}

/** Saves an exercise lesson: the lesson's fields and its exercise, in one change (one version). */
export function saveExerciseLesson(courseId: string, lessonId: string, input: ExerciseLessonInput, user: Author) {
  return change(courseId, user, async (tx) => {
    const saved = await writeLesson(tx, courseId, lessonId, input);
    const data = exerciseData(input);
    await tx.exercise.upsert({ where: { lessonId }, create: { lessonId, ...data }, update: data });
    return { result: saved, note: `Edited the exercise “${input.title}”` };
  });
}

/** Turns a lesson into an exercise with the starter code and test (its body stays: it becomes the instructions). */
export function makeExercise(courseId: string, lessonId: string, user: Author) {
  return change(courseId, user, async (tx) => {
    const lesson = await requireLesson(tx, courseId, lessonId);
    const existing = await tx.exercise.findUnique({ where: { lessonId }, select: { id: true } });
    if (existing) return { result: lesson, note: null };
    await tx.exercise.create({ data: { lessonId, ...starterRow } });
    return { result: lesson, note: `Made “${lesson.title}” an exercise` };
  });
}

/** Turns an exercise back into a plain lesson: its code and tests go, and with them learners' submissions and reviews of it. */
export function removeExercise(courseId: string, lessonId: string, user: Author) {
  return change(courseId, user, async (tx) => {
    const lesson = await requireLesson(tx, courseId, lessonId);
    const { count } = await tx.exercise.deleteMany({ where: { lessonId } });
    return { result: lesson, note: count ? `Made “${lesson.title}” a plain lesson again` : null };
  });
}

/**
 * "Check the reference solution": grades the solution against the visible and hidden tests, and the
 * starter code too (a good exercise's starter fails some test, or a learner passes without writing
 * anything). Both run in the grader's worker pool; the grader never throws for what the code does.
 */
export async function checkExercise(input: ExerciseInput) {
  const run = (code: string) => gradeSubmission({ code, language: input.language, visibleTests: input.visibleTests, hiddenTests: input.hiddenTests });
  const [solution, starter] = await Promise.all([run(input.solution), run(input.starterCode)]);
  return { solution, starter };
}
