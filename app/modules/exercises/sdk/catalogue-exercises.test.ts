/**
 * Every exercise of the starter catalogue, through the real grader (decision 040): its starter fails,
 * its solution passes every visible and hidden test, and a hidden test decides something the visible
 * ones don't check (the starter fails at least one hidden test).
 */
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseCatalog, readContentDir } from "~/modules/academy/importer.server.ts";
import { closeSandbox, gradeSubmission } from "../grader.server.ts";

const parsed = parseCatalog(readContentDir(path.resolve(import.meta.dirname, "../../../../prisma/seed/content")));
if (!parsed.ok) throw new Error(`the starter catalogue does not parse: ${JSON.stringify(parsed.errors)}`);
const exercises = parsed.catalog.courses.flatMap((course) =>
  course.items.flatMap((item) => (item.kind === "lesson" && item.exercise ? [{ name: `${course.slug}/${item.slug}`, ...item.exercise, features: item.fm.features ?? course.fm.features }] : [])),
);

afterAll(closeSandbox);

describe("the starter catalogue's exercises", () => {
  it("has at least eight, covering tracing, breadcrumbs, PII, sampling, releases, feedback, crons and source maps", () => {
    expect(exercises.length).toBeGreaterThanOrEqual(8);
    const slugs = exercises.map((e) => e.name.split("/")[1]).join(" ");
    for (const topic of ["trace-a-checkout", "breadcrumbs", "scrub-pii", "traces-sampler", "release-and-environment", "feedback", "monitor", "frames-match"]) {
      expect(slugs).toContain(topic);
    }
    for (const exercise of exercises) expect(exercise.solution, exercise.name).toBeTruthy();
  });

  for (const exercise of exercises) {
    it(`${exercise.name}: the starter fails (a hidden test too), the solution passes`, async () => {
      const tests = { language: exercise.language, visibleTests: exercise.visibleTests, hiddenTests: exercise.hiddenTests };
      const starter = await gradeSubmission({ code: exercise.starterCode, ...tests });
      expect(starter.problem, starter.error).toBeNull();
      expect(starter.status).toBe("failed");
      expect(starter.tests.some((t) => t.hidden && !t.passed)).toBe(true);
      expect(starter.tests.some((t) => t.hidden)).toBe(true);

      const solution = await gradeSubmission({ code: exercise.solution!, ...tests });
      const failures = solution.tests.filter((t) => !t.passed).map((t) => `${t.name}: ${t.message}`);
      expect({ status: solution.status, error: solution.error, failures }).toEqual({ status: "passed", error: "", failures: [] });
      expect(solution.tests.filter((t) => t.hidden).length).toBeGreaterThan(0);
    });
  }
});
