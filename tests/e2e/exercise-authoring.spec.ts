import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { expect, test, toast } from "./support/fixtures.ts";

/**
 * Serious or critical axe-core violations on the page. Without JavaScript axe can't run in the page
 * (it schedules its work with timers), so, as pages.spec.ts does, the no-JS DOM is served at the same
 * URL to a helper page whose scripts a Content-Security-Policy refuses, and axe runs there.
 */
async function seriousAxeViolations(page: Page, browser: Browser, jsEnabled: boolean) {
  const builder = (p: Page) => new AxeBuilder({ page: p }).setLegacyMode(true).options({ resultTypes: ["violations"] });
  let target = page;
  if (!jsEnabled) {
    const url = page.url();
    const html = (await page.content()).replace(/<\/?noscript>/g, "");
    const context = await browser.newContext({ javaScriptEnabled: true, viewport: page.viewportSize() });
    target = await context.newPage();
    await target.route(
      (u) => u.href === url,
      (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", headers: { "Content-Security-Policy": "script-src 'none'" }, body: html }),
    );
    await target.goto(url);
  }
  try {
    const { violations } = await builder(target).analyze();
    return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  } finally {
    if (target !== page) await target.context().close();
  }
}

/** A code field holds `text`: the textarea without JavaScript, the code editor over it with. */
async function expectCode(page: Page, name: string, text: string, jsEnabled: boolean) {
  const field = page.getByRole("textbox", { name, exact: true });
  if (jsEnabled) await expect(field).toContainText(text);
  else await expect(field).toHaveValue(new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
}

/**
 * Replaces a code field's code: without JavaScript, the textarea; with it, CodeMirror (select all,
 * then a paste, as a person would: typing would auto-indent and close brackets). The textarea under
 * the editor is what the form posts.
 */
async function writeCode(page: Page, name: string, field: string, code: string, jsEnabled: boolean) {
  const box = page.getByRole("textbox", { name, exact: true });
  if (!jsEnabled) return box.fill(code);
  // The editor has replaced the textarea (a lazy chunk).
  await expect(box).toHaveAttribute("contenteditable", "true");
  await box.click();
  await page.keyboard.press("ControlOrMeta+a");
  await box.evaluate((element, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, code);
  await expect(page.locator(`textarea[name=${field}]`)).toHaveValue(code);
}

const exercise = {
  starter: "export function add(a, b) {\n  return 0;\n}\n",
  visible: 'import { add } from "./solution";\n\ntest("adds two numbers", () => {\n  expect(add(1, 2)).toBe(3);\n});\n',
  hidden: 'import { add } from "./solution";\n\ntest("adds negative numbers", () => {\n  expect(add(-2, -3)).toBe(-5);\n});\n',
  solution: "export function add(a, b) {\n  return a + b;\n}\n",
};

/**
 * Decision 043, JS on and off: an instructor adds an exercise from the course outline, writes its
 * starter, tests (one hidden) and reference solution, checks the solution through the grader, saves
 * and publishes; a learner opens the exercise and passes it, a hidden test included.
 */
test("an instructor authors an exercise with a hidden test in the studio, and a learner passes it", async ({ page, browser, db, loginAs, contextAs, jsEnabled }, testInfo) => {
  test.setTimeout(120_000);
  const instructor = await loginAs("INSTRUCTOR", { name: "Stella Studio" });
  const course = await db.courses.createCourse({ title: `Exercise studio ${testInfo.project.name} ${Date.now()}`, lessons: 1, quiz: false, publish: false });
  await db.prisma.course.update({ where: { id: course.id }, data: { authorId: instructor.id } });

  // "Add exercise" next to "Add lesson" and "Add quiz" in the outline.
  await page.goto(`/instructor/courses/${course.id}`);
  const card = page.getByRole("listitem").filter({ has: page.getByLabel("New lesson or quiz in “First steps”") });
  await card.getByLabel("New lesson or quiz in “First steps”").fill("Add two numbers");
  await card.getByRole("button", { name: "Add exercise" }).click();
  await expect(toast(page)).toContainText("Exercise “Add two numbers” added");
  await expect(page.getByRole("heading", { level: 2, name: "Exercise: Add two numbers" })).toBeVisible();
  // It opens with a starter to rewrite.
  await expectCode(page, "Visible tests", "sentry-testkit", jsEnabled);

  await page.getByLabel("Summary", { exact: true }).fill("Write a function that adds.");
  await writeCode(page, "Starter code", "starterCode", exercise.starter, jsEnabled);
  await writeCode(page, "Visible tests", "visibleTests", exercise.visible, jsEnabled);
  await writeCode(page, "Hidden tests (optional)", "hiddenTests", exercise.hidden, jsEnabled);
  await writeCode(page, "Reference solution (optional)", "solution", exercise.solution, jsEnabled);

  // Check the reference solution: it passes the visible and the hidden test; the starter fails both.
  await page.getByRole("button", { name: "Check the reference solution" }).click();
  const check = page.getByTestId("exercise-check");
  await expect(check).toContainText("The reference solution passes every test.");
  await expect(check).toContainText("The starter code fails 2 of 2 tests, so learners have something to do.");
  const solutionRun = check.getByRole("region", { name: "Reference solution" });
  await expect(solutionRun.getByTestId("grade-summary")).toContainText("2 of 2 tests passed");
  await expect(solutionRun.getByTestId("grade-test").filter({ hasText: "adds negative numbers" })).toContainText("hidden");
  // What was typed is still in the fields (nothing saved yet).
  await expectCode(page, "Hidden tests (optional)", "adds negative numbers", jsEnabled);

  // The studio's exercise page: no serious axe violation, and no sideways scroll at 320 px.
  expect(await seriousAxeViolations(page, browser, jsEnabled)).toEqual([]);
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.screenshot({ path: testInfo.outputPath("studio-exercise-320.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole("button", { name: "Save lesson" }).click();
  await expect(toast(page)).toContainText("Exercise “Add two numbers” saved.");
  await expectCode(page, "Hidden tests (optional)", "adds negative numbers", jsEnabled);
  const saved = await db.prisma.exercise.findFirstOrThrow({ where: { lesson: { courseId: course.id } } });
  expect(saved).toMatchObject({ starterCode: exercise.starter, visibleTests: exercise.visible, hiddenTests: exercise.hidden, solution: exercise.solution });

  // Publish.
  await page.goto(`/instructor/courses/${course.id}`);
  await expect(page.getByRole("listitem").filter({ hasText: "Add two numbers" }).getByText("Exercise", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Publish course" }).click();
  await expect(toast(page)).toContainText("Published");

  // A learner opens it, sees the visible test (not the hidden one, not the solution) and passes.
  const { id: learnerId } = await db.factories.createUser({ role: "STUDENT", name: "Lena Learner" });
  const learnerPage = await (await contextAs(learnerId)).newPage();
  const lesson = await db.prisma.lesson.findUniqueOrThrow({ where: { id: saved.lessonId } });
  await learnerPage.goto(`/courses/${course.slug}/lessons/${lesson.slug}`);
  await expect(learnerPage.getByTestId("visible-tests")).toContainText("adds two numbers");
  await expect(learnerPage.locator("main")).not.toContainText("adds negative numbers");
  await expect(learnerPage.locator("main")).not.toContainText("return a + b");
  await writeCode(learnerPage, "Your code (JavaScript)", "code", exercise.solution, jsEnabled);
  await learnerPage.getByRole("button", { name: "Run tests" }).click();
  const run = learnerPage.getByRole("region", { name: "Your latest run" });
  await expect(run.getByTestId("grade-summary")).toContainText("2 of 2 tests passed");
  await expect(run.getByTestId("grade-test").filter({ hasText: "adds negative numbers" })).toContainText("hidden");
  await expect
    .poll(async () => (await db.prisma.lessonProgress.findFirst({ where: { lessonId: lesson.id, userId: learnerId } }))?.completedAt ?? null)
    .not.toBeNull();
  if (!jsEnabled) await expect(learnerPage.getByRole("textbox", { name: "Your code (JavaScript)" })).toHaveValue(exercise.solution);
});
