import { describe, expect, it } from "vitest";
import { courseFiles } from "../../../tests/support/courses.ts";
import { parseCatalog } from "./importer.server.ts";

describe("parseCatalog", () => {
  it("accepts a valid course with lessons and a quiz, in file order", () => {
    const { files } = courseFiles({ slug: "good-course", lessons: 3 });
    const parsed = parseCatalog(files);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.catalog.courses[0].items.map((i) => `${i.kind}:${i.slug}`)).toEqual(["lesson:lesson-1", "lesson:lesson-2", "lesson:lesson-3", "quiz:final-quiz"]);
  });

  it("reports every bad file by name and imports nothing", () => {
    const { files } = courseFiles({ slug: "bad-course", lessons: 2 });
    files.set("courses/bad-course/03-broken.md", "---\ntype: lesson\ntitle: Broken\n---\nno module or summary");
    files.set("courses/bad-course/04-yaml.md", "---\ntitle: [unclosed\n---\n");
    files.set("courses/bad-course/notes.md", "---\ntype: lesson\n---\n");
    files.set("courses/bad-course/course.md", files.get("courses/bad-course/course.md")!.replace("features: [errors]", "features: [telepathy]"));
    files.set("paths/missing.md", "---\ntitle: A path\nsummary: A path that names a course nobody wrote.\ncourses: [no-such-course]\n---\n");
    const parsed = parseCatalog(files);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const byFile = Object.fromEntries(parsed.errors.map((e) => [e.file, e.message]));
    expect(byFile["courses/bad-course/course.md"]).toMatch(/features\.0: Unknown Sentry feature "telepathy"\./);
    expect(byFile["courses/bad-course/notes.md"]).toMatch(/NN-<slug>\.md/);
    expect(byFile["paths/missing.md"]).toMatch(/unknown course: no-such-course/);
    // Lessons of a course whose course.md is invalid are reported too.
    expect(byFile["courses/bad-course/03-broken.md"]).toMatch(/course\.md/);
  });

  it("explains a lesson's missing fields", () => {
    const { files } = courseFiles({ slug: "fields", lessons: 1 });
    files.set("courses/fields/02-broken.md", "---\ntype: lesson\ntitle: Broken lesson\n---\nbody");
    const parsed = parseCatalog(files);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([{ file: "courses/fields/02-broken.md", message: expect.stringMatching(/module: .*summary: .*estimatedMinutes: /) }]);
  });

  it("rejects a single-answer question with two right answers", () => {
    const { files } = courseFiles({ slug: "quiz-check", lessons: 1 });
    files.set(
      "courses/quiz-check/09-quiz.md",
      "---\ntype: quiz\ntitle: Bad quiz\nmodule: M\nquestions:\n  - prompt: Pick one\n    kind: single\n    options:\n      - text: A\n        correct: true\n      - text: B\n        correct: true\n    explanation: Both?\n---\n",
    );
    const parsed = parseCatalog(files);
    expect(!parsed.ok && parsed.errors[0].message).toMatch(/exactly one correct option/);
  });
});
