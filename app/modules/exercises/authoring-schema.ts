/**
 * The studio's exercise form (decision 043): language, starter code, visible and hidden tests and
 * the reference solution. The fields' rules (sizes from the sandbox's limits, "at least one test")
 * are `exerciseFields` in academy/fields.ts, the same the zip import checks; here they become the
 * lesson editor's forms. No server imports: Conform validates with these in the browser.
 */
import { z } from "zod";
import { exerciseFields } from "~/modules/academy/fields.ts";
import { LessonSchema } from "~/modules/academy/authoring-schemas.ts";

export const EXERCISE_LANGUAGES = [
  { value: "JAVASCRIPT", label: "JavaScript" },
  { value: "TYPESCRIPT", label: "TypeScript" },
] as const;

/**
 * A form posts an empty textarea as nothing (Conform): it is parsed as "" (`prefault`, which Conform
 * leaves uncoerced), so the field's own rule says what is missing ("Write at least one test…"). A
 * textarea posts its lines ending in CR LF: the code is stored with LF, as the import stores it.
 */
const text = (field: z.ZodType<string, string>) => field.prefault("").transform((code) => code.replace(/\r\n?/g, "\n"));

const studioExerciseFields = {
  language: exerciseFields.language,
  starterCode: text(exerciseFields.starterCode),
  visibleTests: text(exerciseFields.visibleTests),
  hiddenTests: text(exerciseFields.hiddenTests),
  solution: text(exerciseFields.solution),
};

const ExerciseSchema = z.object(studioExerciseFields);
export type ExerciseInput = z.output<typeof ExerciseSchema>;

/** "Save lesson" on an exercise lesson: the lesson's fields and the exercise's, saved together. */
export const ExerciseLessonSchema = LessonSchema.extend(studioExerciseFields);
export type ExerciseLessonInput = z.output<typeof ExerciseLessonSchema>;

/** "Check the reference solution": what is typed, not what is saved; the lesson's own fields aren't checked. */
export const CheckSolutionSchema = ExerciseSchema.extend({
  solution: text(exerciseFields.solution.refine((s) => s.trim() !== "", "Write a reference solution to check it against the tests.")),
});
