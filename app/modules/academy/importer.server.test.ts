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

/** An exercise file (decision 040): lesson front matter + language, code in fenced blocks named by their info word. */
function exerciseFile(blocks: Record<string, string>, front = "") {
  const fences = Object.entries(blocks).map(([info, code]) => `\`\`\`${info}\n${code}\n\`\`\``);
  return [
    "---",
    "type: exercise",
    "title: Trace a checkout",
    "module: Hands-on",
    "summary: Add spans.",
    "estimatedMinutes: 10",
    front,
    "---",
    "## Your task",
    "",
    "Wrap it in a span. The CLI does this:",
    "",
    "```bash\nsentry-cli releases new 1.0\n```",
    "",
    ...fences,
  ].join("\n");
}

const STARTER = 'import * as Sentry from "@sentry/node";\nexport function run() {}';
const TESTS = 'import { run } from "./solution";\ntest("runs", () => { expect(run()).toBeUndefined(); });';

describe("exercises in the content format", () => {
  it("takes the code out of the body: the rest is the instructions, other code blocks stay", () => {
    const { files } = courseFiles({ slug: "exercise-course", lessons: 1 });
    files.set(
      "courses/exercise-course/02-trace.md",
      exerciseFile({ "js starter": STARTER, "js tests": TESTS, "js hidden-tests": 'test("hidden", () => {});', "ts solution": "export function run() {}" }, "language: typescript"),
    );
    const parsed = parseCatalog(files);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const item = parsed.catalog.courses[0].items.find((i) => i.slug === "trace");
    expect(item).toMatchObject({
      kind: "lesson",
      fm: { title: "Trace a checkout", required: true },
      exercise: { language: "TYPESCRIPT", starterCode: STARTER, visibleTests: TESTS, hiddenTests: 'test("hidden", () => {});', solution: "export function run() {}" },
    });
    expect(item?.body).toBe("## Your task\n\nWrap it in a span. The CLI does this:\n\n```bash\nsentry-cli releases new 1.0\n```");
    // A plain lesson has no exercise.
    expect(parsed.catalog.courses[0].items.find((i) => i.slug === "lesson-1")).not.toHaveProperty("exercise");
  });

  it("hidden tests and the solution are optional; JavaScript is the default language", () => {
    const { files } = courseFiles({ slug: "minimal-exercise", lessons: 1 });
    files.set("courses/minimal-exercise/02-min.md", exerciseFile({ "js starter": STARTER, "javascript tests": TESTS }));
    const parsed = parseCatalog(files);
    expect(parsed.ok && parsed.catalog.courses[0].items.find((i) => i.slug === "min")).toMatchObject({
      exercise: { language: "JAVASCRIPT", hiddenTests: "", solution: undefined },
    });
  });

  it("reports each problem by the block's word, with the front matter's, and imports nothing", () => {
    const { files } = courseFiles({ slug: "bad-exercises", lessons: 1 });
    files.set("courses/bad-exercises/02-no-tests.md", exerciseFile({ "js starter": STARTER }, "language: cobol"));
    files.set("courses/bad-exercises/03-empty-tests.md", exerciseFile({ "js starter": STARTER, "js tests": "// nothing yet" }));
    files.set("courses/bad-exercises/04-twice.md", exerciseFile({ "js starter": STARTER, "js tests": TESTS, "js solution": "a", "ts solution": "b", "python hidden-tests": "x" }));
    files.set("courses/bad-exercises/05-huge.md", exerciseFile({ "js starter": "x".repeat(51 * 1024), "js tests": TESTS }));
    files.set("courses/bad-exercises/06-open.md", exerciseFile({ "js tests": TESTS }) + "\n```js starter\nexport const a = 1;\n");
    const parsed = parseCatalog(files);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const byFile = Object.fromEntries(parsed.errors.map((e) => [e.file.split("/").at(-1), e.message]));
    expect(byFile["02-no-tests.md"]).toBe('language: Say "javascript" or "typescript".; tests: add the visible tests in a ```js tests block');
    expect(byFile["03-empty-tests.md"]).toBe('tests: Write at least one test("name", () => { ... }) in the visible tests.');
    expect(byFile["04-twice.md"]).toBe("solution: there is more than one solution block; keep one; hidden-tests: start the block with ```js hidden-tests (or ts)");
    expect(byFile["05-huge.md"]).toBe("starter: Keep the starter code under 50 KB.");
    expect(byFile["06-open.md"]).toBe("starter: the code block is not closed with ```");
  });

  it("names exercise among the item types when the type is missing", () => {
    const { files } = courseFiles({ slug: "no-type", lessons: 1 });
    files.set("courses/no-type/02-x.md", "---\ntitle: Untyped\n---\nbody");
    const parsed = parseCatalog(files);
    expect(!parsed.ok && parsed.errors[0].message).toMatch(/^type: say "lesson", "exercise" or "quiz"; /);
  });
});
