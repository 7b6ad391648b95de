/**
 * Authoring exercises in the studio (decision 043), over HTTP as a browser without JavaScript uses
 * it: who may, "Add exercise" in the outline, saving the code and tests with the lesson (field
 * messages for bad input), "Check the reference solution" through the real grader, turning a
 * lesson into an exercise and back, and versions that keep the exercise.
 */
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server.ts";
import { RATE_LIMITS, rateLimit } from "~/utils/rate-limit.server.ts";
import { STARTER_EXERCISE } from "~/modules/exercises/authoring.server.ts";
import { Browser, visibleText } from "../support/app.ts";
import { browserFor, signedInBrowser } from "../support/signed-in.ts";
import { createCourse } from "../support/courses.ts";

async function authoredCourse(authorId: string, opts: Parameters<typeof createCourse>[0] = {}) {
  const course = await createCourse({ quiz: false, ...opts });
  await prisma.course.update({ where: { id: course.id }, data: { authorId } });
  return course;
}

const studio = (courseId: string) => `/instructor/courses/${courseId}`;
const contentForm = (courseId: string) => `${studio(courseId)}?index`;
const lessonPage = (courseId: string, lessonId: string) => `${studio(courseId)}/lessons/${lessonId}`;

/** A textarea's text as the page shows it (React escapes it in the HTML). */
function textarea(html: string, name: string) {
  const match = new RegExp(`<textarea[^>]*\\sname="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  if (!match) return undefined;
  return match[1].replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

const addition = {
  starterCode: "export function add(a, b) {\n  return 0;\n}\n",
  visibleTests: 'import { add } from "./solution";\n\ntest("adds two numbers", () => {\n  expect(add(1, 2)).toBe(3);\n});\n',
  hiddenTests: 'import { add } from "./solution";\n\ntest("adds negative numbers", () => {\n  expect(add(-2, -3)).toBe(-5);\n});\n',
  solution: "export function add(a, b) {\n  return a + b;\n}\n",
};

/** The lesson form's fields of an exercise lesson, as the page would post them. */
function exerciseForm(lesson: { title: string; slug: string; moduleId: string }, exercise: Partial<typeof addition> & { language?: string } = {}) {
  return {
    title: lesson.title,
    slug: lesson.slug,
    summary: "Write an add function.",
    moduleId: lesson.moduleId,
    estimatedMinutes: "10",
    bodyMarkdown: "## Your task\n\nMake `add` add.",
    language: "JAVASCRIPT",
    ...addition,
    ...exercise,
  };
}

describe("who may author exercises", () => {
  it("lets only the course's author and admins add, edit, check or remove an exercise", async () => {
    const { user: author } = await signedInBrowser("INSTRUCTOR", { name: "Course Author" });
    const course = await authoredCourse(author.id, { publish: false });
    const moduleId = course.lessons[0].moduleId;
    const exerciseLesson = course.lessons[1];
    await prisma.exercise.create({ data: { lessonId: exerciseLesson.id, ...addition } });
    const path = lessonPage(course.id, exerciseLesson.id);
    const refusedPosts: Record<string, string>[] = [
      { intent: "add-exercise", moduleId, title: "Sneaky exercise" },
      { intent: "save-lesson", ...exerciseForm({ title: "Hijacked", slug: "hijacked", moduleId }, { solution: "export const stolen = 1;" }) },
      { intent: "check-solution", ...addition, language: "JAVASCRIPT" },
      { intent: "make-exercise" },
      { intent: "remove-exercise" },
    ];
    const target = (fields: Record<string, string>) => (fields.intent === "add-exercise" ? contentForm(course.id) : fields.intent === "make-exercise" ? lessonPage(course.id, course.lessons[0].id) : path);

    const { browser: student } = await signedInBrowser("STUDENT");
    const { browser: stranger } = await signedInBrowser("INSTRUCTOR", { name: "Other Instructor" });
    for (const [who, browser] of [["student", student], ["another instructor", stranger]] as const) {
      const page = await browser.get(path);
      expect(page.status, who).toBe(403);
      const html = await page.text();
      expect(html, who).not.toContain("return a + b");
      for (const fields of refusedPosts) expect((await browser.post(target(fields), fields)).status, `${who} ${fields.intent}`).toBe(403);
    }
    // A guest is sent to log in.
    const guest = await new Browser().post(path, { intent: "check-solution", ...addition, language: "JAVASCRIPT" });
    expect(guest.status).toBe(302);
    expect(guest.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    // Nothing changed.
    expect(await prisma.lesson.count({ where: { courseId: course.id } })).toBe(2);
    expect(await prisma.exercise.findUniqueOrThrow({ where: { lessonId: exerciseLesson.id } })).toMatchObject(addition);
    expect(await prisma.exercise.count({ where: { lessonId: course.lessons[0].id } })).toBe(0);

    // The author: a lesson of another course is not found under this one.
    const other = await authoredCourse(author.id, { publish: false });
    const mine = await browserFor(author.id);
    expect((await mine.get(lessonPage(course.id, other.lessons[0].id))).status).toBe(404);
    expect((await mine.post(lessonPage(course.id, other.lessons[0].id), { intent: "make-exercise" })).status).toBe(404);
    expect((await mine.post(lessonPage(course.id, "no-such-lesson"), { intent: "remove-exercise" })).status).toBe(404);
    expect(await prisma.exercise.count({ where: { lessonId: other.lessons[0].id } })).toBe(0);

    // An admin edits anyone's exercise.
    const { browser: admin } = await signedInBrowser("ADMIN");
    const saved = await admin.post(path, { intent: "save-lesson", ...exerciseForm({ title: "Adding up", slug: "adding-up", moduleId }, { hiddenTests: "" }) });
    expect(saved.status).toBe(302);
    expect(await prisma.exercise.findUniqueOrThrow({ where: { lessonId: exerciseLesson.id } })).toMatchObject({ hiddenTests: "", solution: addition.solution });
    const added = await admin.post(contentForm(course.id), { intent: "add-exercise", moduleId, title: "Admin's exercise" });
    expect(added.status).toBe(302);
  });
});

describe("authoring an exercise without JavaScript", () => {
  it("adds an exercise from the outline with a starter that fails and a solution that passes, and opens it", async () => {
    const { browser, user } = await signedInBrowser("INSTRUCTOR");
    const course = await authoredCourse(user.id, { publish: false });
    const moduleId = course.lessons[0].moduleId;
    const added = await browser.post(contentForm(course.id), { intent: "add-exercise", moduleId, title: "Report the checkout error" });
    expect(added.status).toBe(302);
    const lesson = await prisma.lesson.findFirstOrThrow({ where: { courseId: course.id, title: "Report the checkout error" }, include: { exercise: true } });
    expect(added.headers.get("Location")).toBe(lessonPage(course.id, lesson.id));
    expect(lesson.slug).toBe("report-the-checkout-error");
    expect(lesson.bodyMarkdown).toContain("## Your task");
    expect(lesson.exercise).toMatchObject({ language: "JAVASCRIPT", starterCode: STARTER_EXERCISE.starterCode, visibleTests: STARTER_EXERCISE.visibleTests, hiddenTests: "" });

    const page = await browser.follow(added);
    const html = await page.text();
    const text = visibleText(html);
    expect(text).toContain("Exercise “Report the checkout error” added.");
    expect(text).toContain("Exercise: Report the checkout error");
    expect(text).toContain("Reference solution (optional)");
    expect(textarea(html, "starterCode")).toBe(STARTER_EXERCISE.starterCode);
    expect(textarea(html, "visibleTests")).toBe(STARTER_EXERCISE.visibleTests);
    // The outline says it is an exercise.
    const outline = visibleText(await (await browser.get(studio(course.id))).text());
    expect(outline).toMatch(/Exercise Report the checkout error/);

    // The starter as it comes: its solution passes the test through the real grader, its starter code fails it.
    const check = await browser.post(lessonPage(course.id, lesson.id), { intent: "check-solution", ...STARTER_EXERCISE, instructions: "" });
    expect(check.status).toBe(200);
    const checked = visibleText(await check.text());
    expect(checked).toContain("The reference solution passes every test.");
    expect(checked).toContain("The starter code fails 1 of 1 test, so learners have something to do.");
  });

  it("saves the code and tests with the lesson, and answers bad input with a message next to each field", async () => {
    const { browser, user } = await signedInBrowser("INSTRUCTOR");
    const course = await authoredCourse(user.id, { publish: false });
    const lesson = course.lessons[0];
    await browser.post(lessonPage(course.id, lesson.id), { intent: "make-exercise" });
    const path = lessonPage(course.id, lesson.id);

    const bad = await browser.post(path, {
      intent: "save-lesson",
      ...exerciseForm(lesson, { language: "COBOL", visibleTests: "", hiddenTests: "expect(1).toBe(1)", starterCode: "x".repeat(51 * 1024) + "// typed" }),
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    const text = visibleText(html);
    expect(text).toContain("Choose JavaScript or TypeScript.");
    expect(text).toContain("Keep the starter code under 50 KB.");
    expect(text).toMatch(/Write at least one test\(.*\) in the visible tests\./);
    // What was typed is still there, and the field says it is wrong.
    expect(textarea(html, "hiddenTests")).toBe("expect(1).toBe(1)");
    expect(html).toMatch(/<textarea[^>]*aria-invalid="true"[^>]*name="visibleTests"|<textarea[^>]*name="visibleTests"[^>]*aria-invalid="true"/);
    expect(await prisma.exercise.findUniqueOrThrow({ where: { lessonId: lesson.id } })).toMatchObject({ starterCode: STARTER_EXERCISE.starterCode });

    // A textarea posts CR LF line ends: stored as LF.
    const saved = await browser.post(path, { intent: "save-lesson", ...exerciseForm(lesson, { language: "TYPESCRIPT", solution: "", visibleTests: addition.visibleTests.replace(/\n/g, "\r\n") }) });
    expect(saved.status).toBe(302);
    expect(await prisma.exercise.findUniqueOrThrow({ where: { lessonId: lesson.id } })).toMatchObject({ language: "TYPESCRIPT", ...addition, solution: null });
    expect(await prisma.lesson.findUniqueOrThrow({ where: { id: lesson.id } })).toMatchObject({ bodyHtml: expect.stringContaining("<code>add</code>"), estimatedMinutes: 10 });
    const reopened = await (await browser.follow(saved)).text();
    expect(textarea(reopened, "hiddenTests")).toBe(addition.hiddenTests);
    expect(reopened).toMatch(/<option value="TYPESCRIPT" selected=""/);
  });

  it("checks the reference solution against visible and hidden tests, and says when the starter already passes", async () => {
    const { browser, user } = await signedInBrowser("INSTRUCTOR");
    const course = await authoredCourse(user.id, { publish: false });
    const lesson = course.lessons[0];
    const path = lessonPage(course.id, lesson.id);
    // Not an exercise yet: nothing to check.
    expect((await browser.post(path, { intent: "check-solution", language: "JAVASCRIPT", ...addition })).status).toBe(400);
    await browser.post(path, { intent: "make-exercise" });

    const good = await browser.post(path, { intent: "check-solution", language: "JAVASCRIPT", ...addition });
    expect(good.status).toBe(200);
    const goodHtml = await good.text();
    const goodText = visibleText(goodHtml);
    expect(goodText).toContain("The reference solution passes every test.");
    expect(goodText).toContain("2 of 2 tests passed");
    expect(goodText).toMatch(/adds negative numbers\s+hidden/);
    expect(goodText).toContain("The starter code fails 2 of 2 tests, so learners have something to do.");
    // Nothing was saved: the check runs what was typed, which stays in the fields.
    expect(textarea(goodHtml, "solution")).toBe(addition.solution);
    expect(await prisma.exercise.findUniqueOrThrow({ where: { lessonId: lesson.id } })).toMatchObject({ starterCode: STARTER_EXERCISE.starterCode });

    // A solution that misses the hidden case, a starter that already passes.
    const wrong = await browser.post(path, { intent: "check-solution", language: "JAVASCRIPT", ...addition, starterCode: addition.solution, solution: "export function add(a, b) {\n  return a > 0 ? a + b : 0;\n}\n" });
    expect(wrong.status).toBe(200);
    const wrongText = visibleText(await wrong.text());
    expect(wrongText).toContain("The reference solution does not pass every test.");
    expect(wrongText).toContain("1 of 2 tests passed");
    expect(wrongText).toContain("The starter code passes every test too: a learner would pass without writing anything.");

    // TypeScript is stripped before it runs; a syntax error is the grader's sentence, not a 500.
    const typed = await browser.post(path, { intent: "check-solution", language: "TYPESCRIPT", ...addition, solution: "export function add(a: number, b: number): number {\n  return a + b;\n}\n" });
    expect(visibleText(await typed.text())).toContain("The reference solution passes every test.");
    const broken = await browser.post(path, { intent: "check-solution", language: "JAVASCRIPT", ...addition, solution: "export function add(a, b) {" });
    expect(broken.status).toBe(200);
    expect(visibleText(await broken.text())).toContain("The reference solution does not pass every test.");

    // No solution: a message next to the field, nothing run.
    const missing = await browser.post(path, { intent: "check-solution", language: "JAVASCRIPT", ...addition, solution: "" });
    expect(missing.status).toBe(400);
    expect(visibleText(await missing.text())).toContain("Write a reference solution to check it against the tests.");

    // Checks are rate limited per instructor (each is two gradings in the shared pool): the 429 says so next to the button.
    for (let i = 0; i < RATE_LIMITS["exercise-check"].points; i++) await rateLimit("exercise-check", user.id);
    const limited = await browser.post(path, { intent: "check-solution", language: "JAVASCRIPT", ...addition });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    const limitedHtml = await limited.text();
    expect(visibleText(limitedHtml)).toContain("You have checked exercises 20 times in a minute.");
    expect(textarea(limitedHtml, "solution")).toBe(addition.solution);
  });

  it("turns a lesson into an exercise and back, saying what goes with the code", async () => {
    const { browser, user } = await signedInBrowser("INSTRUCTOR");
    const course = await authoredCourse(user.id, { publish: false });
    const lesson = course.lessons[0];
    const path = lessonPage(course.id, lesson.id);
    expect(visibleText(await (await browser.get(path)).text())).toContain("Make this lesson an exercise");

    const made = await browser.post(path, { intent: "make-exercise" });
    expect(made.status).toBe(302);
    const exercise = await prisma.exercise.findUniqueOrThrow({ where: { lessonId: lesson.id } });
    expect(exercise.visibleTests).toBe(STARTER_EXERCISE.visibleTests);
    // Its content stays: it is the instructions now.
    expect((await prisma.lesson.findUniqueOrThrow({ where: { id: lesson.id } })).bodyMarkdown).toBe(lesson.bodyMarkdown);

    // A learner's submission: the confirmation says it goes too.
    const { user: learner } = await signedInBrowser("STUDENT");
    await prisma.exerciseSubmission.create({ data: { exerciseId: exercise.id, userId: learner.id, code: "x", language: "JAVASCRIPT", status: "FAILED", result: {} } });
    const page = visibleText(await (await browser.get(path)).text());
    expect(page).toContain("Turn this exercise into a plain lesson…");
    expect(page).toContain("are removed, and with them learners' 1 submission.");

    const removed = await browser.post(path, { intent: "remove-exercise" });
    expect(removed.status).toBe(302);
    expect(await prisma.exercise.count({ where: { lessonId: lesson.id } })).toBe(0);
    expect(await prisma.exerciseSubmission.count({ where: { userId: learner.id } })).toBe(0);
    const after = await (await browser.follow(removed)).text();
    expect(visibleText(after)).toContain("is a plain lesson again");
    expect(textarea(after, "visibleTests")).toBeUndefined();
  });

  it("keeps the exercise in the course's versions, and marks a version that changed its tests", async () => {
    const { browser, user } = await signedInBrowser("INSTRUCTOR");
    const course = await authoredCourse(user.id, { publish: true });
    const lesson = course.lessons[0];
    const path = lessonPage(course.id, lesson.id);
    await browser.post(path, { intent: "make-exercise" });
    expect((await browser.post(path, { intent: "save-lesson", ...exerciseForm(lesson) })).status).toBe(302);

    const latest = await prisma.courseVersion.findFirstOrThrow({ where: { courseId: course.id }, orderBy: { number: "desc" } });
    const snapshot = latest.snapshot as { lessons: { id: string; exercise: unknown }[] };
    expect(snapshot.lessons.find((l) => l.id === lesson.id)!.exercise).toEqual({ language: "JAVASCRIPT", ...addition });
    expect(latest.note).toBe(`Edited the exercise “${lesson.title}”`);

    // Only the hidden tests change: the version says the exercise was edited.
    expect((await browser.post(path, { intent: "save-lesson", ...exerciseForm(lesson, { hiddenTests: addition.hiddenTests.replace("-5", "-5 ") }) })).status).toBe(302);
    const { version } = await prisma.course.findUniqueOrThrow({ where: { id: course.id } });
    const history = visibleText(await (await browser.get(`${studio(course.id)}/versions?version=${version}`)).text());
    expect(history).toContain(`${lesson.title} · Exercise, 10 min · optional Edited`);
    // The other lesson did not change.
    expect(history).toMatch(/Lesson number 2 · 5 min(?! Edited)/);
  });
});
