/**
 * The studio's exercise fields (decision 043): language, starter code, visible and hidden tests and
 * the reference solution, each with its limit and its message. The lesson editor's form of an
 * exercise lesson is the lesson's schema with these added; "Check the reference solution" needs the
 * solution too. No server imports: Conform validates with these in the browser.
 */
import { z } from "zod";
import { LessonSchema } from "~/modules/academy/authoring-schemas.ts";
import { CODE_MAX_BYTES } from "./limits.ts";

export const EXERCISE_LANGUAGES = [
  { value: "JAVASCRIPT", label: "JavaScript" },
  { value: "TYPESCRIPT", label: "TypeScript" },
] as const;

const KB = Math.round(CODE_MAX_BYTES / 1024);
const bytes = (s: string) => new TextEncoder().encode(s).length;

/** Code of at most CODE_MAX_BYTES (the sandbox's own cap, limits.ts), named in the message. `""` when left empty. */
const code = (what: string) =>
  z
    .string()
    .default("")
    .refine((s) => bytes(s) <= CODE_MAX_BYTES, `Keep ${what} under ${KB} KB.`);

/** A test module: something with at least one `test("…", …)` call in it. */
const HAS_TEST = /\btest\s*\(/;

export const exerciseFields = {
  language: z.enum(["JAVASCRIPT", "TYPESCRIPT"], { error: "Choose JavaScript or TypeScript." }),
  starterCode: code("the starter code"),
  visibleTests: z
    .string({ error: "Write at least one visible test: learners see it, and it tells them what to do." })
    .refine((s) => s.trim() !== "", "Write at least one visible test: learners see it, and it tells them what to do.")
    .refine((s) => bytes(s) <= CODE_MAX_BYTES, `Keep the visible tests under ${KB} KB.`)
    .refine((s) => HAS_TEST.test(s), 'Write the tests as test("what it checks", () => { expect(…) }).'),
  hiddenTests: code("the hidden tests").refine((s) => s.trim() === "" || HAS_TEST.test(s), 'Write the hidden tests as test("what it checks", () => { expect(…) }), or leave them empty.'),
  solution: code("the reference solution"),
};

export const ExerciseSchema = z.object(exerciseFields);
export type ExerciseInput = z.output<typeof ExerciseSchema>;

/** "Save lesson" on an exercise lesson: the lesson's fields and the exercise's, saved together. */
export const ExerciseLessonSchema = LessonSchema.extend(exerciseFields);
export type ExerciseLessonInput = z.output<typeof ExerciseLessonSchema>;

/** "Check the reference solution": what is typed, not what is saved; the lesson's own fields aren't checked. */
export const CheckSolutionSchema = ExerciseSchema.extend({
  solution: exerciseFields.solution.refine((s) => s.trim() !== "", "Write a reference solution to check it against the tests."),
});
