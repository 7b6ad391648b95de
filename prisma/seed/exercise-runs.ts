/**
 * Demo submissions carry real results (decision 039): an exercise's reference solution graded by the
 * real grader, the result a demo learner's passing submission stores. Nothing is made up: an exercise
 * without a solution, or whose solution does not pass, has no passing run.
 */
import type { GradeResult } from "../../app/modules/exercises/grade-result.ts";

export type SeedExercise = { id: string; language: "JAVASCRIPT" | "TYPESCRIPT"; solution: string | null; visibleTests: string; hiddenTests: string };

/** Each exercise's passing run of its reference solution, by exercise id. */
export async function passingRuns(exercises: (SeedExercise | null)[]): Promise<Map<string, GradeResult>> {
  const runs = new Map<string, GradeResult>();
  const withSolution = exercises.filter((e): e is SeedExercise & { solution: string } => Boolean(e?.solution));
  if (withSolution.length === 0) return runs;
  const { gradeSubmission } = await import("../../app/modules/exercises/grader.server.ts");
  for (const exercise of withSolution) {
    const result = await gradeSubmission({ code: exercise.solution, language: exercise.language, visibleTests: exercise.visibleTests, hiddenTests: exercise.hiddenTests });
    if (result.status === "passed") runs.set(exercise.id, result);
  }
  return runs;
}
