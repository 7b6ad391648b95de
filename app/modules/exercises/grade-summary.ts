/** The one wording of a run's summary line (the result view, the toast after a run without JavaScript, the review pages). */
import type { GradeResult } from "./grade-result.ts";

/** "3 of 4 tests passed", "1 of 1 test passed", "No tests ran". */
export function gradeSummary(result: Pick<GradeResult, "tests">): string {
  const total = result.tests.length;
  if (total === 0) return "No tests ran";
  const passed = result.tests.filter((t) => t.passed).length;
  return `${passed} of ${total} ${total === 1 ? "test" : "tests"} passed`;
}
