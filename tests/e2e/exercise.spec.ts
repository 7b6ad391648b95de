/**
 * The exercise on a lesson page (decision 041), with JavaScript on (CodeMirror, a fetcher: the result
 * appears without a page load) and off (a textarea and a plain form post, redirected to the page with
 * the stored result). The exercise is made here through Prisma, not taken from the catalogue.
 */
import type { Page } from "@playwright/test";
import { expect, runId, test, type Db } from "./support/fixtures.ts";

const VISIBLE = `import { add } from "./solution";

test("adds two small numbers", () => {
  expect(add(1, 2)).toBe(3);
});
`;
const HIDDEN = `import { add } from "./solution";

test("adds negative numbers", () => {
  expect(add(-2, -3)).toBe(-5);
});
`;
/** The visible test passes; the hidden one decides. */
const ALMOST = "export function add(a, b) {\n  return Math.abs(a) + Math.abs(b);\n}\n";
const RIGHT = "export function add(a, b) {\n  console.log('adding', a, b);\n  return a + b;\n}\n";
const LOOP = "export function add(a, b) {\n  while (true) {}\n}\n";

async function exerciseLesson(db: Db, id: string) {
  const course = await db.courses.createCourse({ title: `Exercise course ${id}`, lessons: 2, quiz: false });
  const lesson = course.lessons[1];
  await db.prisma.exercise.create({
    data: { lessonId: lesson.id, language: "JAVASCRIPT", starterCode: "export function add(a, b) {\n  // your code\n}\n", visibleTests: VISIBLE, hiddenTests: HIDDEN, solution: RIGHT },
  });
  return { course, lesson, path: `/courses/${course.slug}/lessons/${lesson.slug}` };
}

/** Replaces the code: in CodeMirror with JavaScript (select all, then a paste), in the textarea without. */
async function writeCode(page: Page, jsEnabled: boolean, code: string) {
  if (jsEnabled) {
    const editor = page.locator("[data-testid=code-editor] .cm-content");
    await editor.click();
    await page.keyboard.press("ControlOrMeta+a");
    await editor.evaluate((element, text) => {
      const data = new DataTransfer();
      data.setData("text/plain", text);
      element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, code);
    await expect(page.locator("#exercise-code")).toHaveValue(code);
  } else {
    await page.getByLabel("Your code (JavaScript)").fill(code);
  }
}

test("a learner fails, fixes and passes an exercise where a hidden test decides", async ({ page, db, loginAs, jsEnabled }) => {
  const { lesson, path } = await exerciseLesson(db, runId(jsEnabled));
  const learner = await loginAs("STUDENT", { name: "Grace Runner" });
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 2, name: "Exercise" })).toBeVisible();
  await expect(page.getByTestId("visible-tests")).toContainText('test("adds two small numbers"');
  await expect(page.getByRole("button", { name: /Mark complete/ })).toHaveCount(0);
  if (jsEnabled) {
    // CodeMirror over the textarea, with line numbers and the keyboard hint.
    await expect(page.locator(".cm-editor .cm-lineNumbers")).toBeVisible();
    await expect(page.getByText("In the editor, Tab indents. To leave it with the keyboard, press Escape, then Tab.")).toBeVisible();
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  }

  await writeCode(page, jsEnabled, ALMOST);
  await page.getByRole("button", { name: "Run tests" }).click();
  const result = page.getByTestId("grade-result");
  await expect(result.getByTestId("grade-summary")).toContainText("1 of 2 tests passed");
  await expect(result.getByTestId("grade-test").filter({ hasText: "adds two small numbers" })).toContainText("Passed");
  const hidden = result.getByTestId("grade-test").filter({ hasText: "adds negative numbers" });
  await expect(hidden).toContainText("hidden");
  await expect(hidden).toContainText("Failed");
  await expect(hidden).toContainText("expected 5 to be -5");
  await expect(page.getByTestId("exercise-status")).toContainText("Pass every test to complete this exercise.");
  if (jsEnabled) {
    // No page load; the summary has the focus.
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await expect(page.locator("#exercise-summary")).toBeFocused();
  } else {
    expect(new URL(page.url()).hash).toBe("#exercise-result");
    await expect(page.getByLabel("Your code (JavaScript)")).toHaveValue(ALMOST);
  }

  await writeCode(page, jsEnabled, RIGHT);
  await page.getByRole("button", { name: "Run tests" }).click();
  await expect(result.getByTestId("grade-summary")).toContainText("2 of 2 tests passed");
  await expect(result.locator("pre")).toContainText("adding -2 -3");
  await expect(page.getByTestId("exercise-status")).toContainText("✓ Exercise passed");
  await expect(page.getByRole("navigation", { name: "Course outline" }).getByRole("link", { name: `Exercise: ${lesson.title} (done)` })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ask for a review" })).toHaveAttribute("href", /^\/reviews\/new\?submission=/);
  const progress = await db.prisma.lessonProgress.findUniqueOrThrow({ where: { userId_lessonId: { userId: learner.id, lessonId: lesson.id } } });
  expect(progress.completedAt).not.toBeNull();
  // The page as it loads afresh shows the stored latest run and the code that passed.
  await page.goto(path);
  await expect(page.getByTestId("grade-summary")).toContainText("2 of 2 tests passed");
  await expect(page.locator("#exercise-code")).toHaveValue(RIGHT);
});

test("an infinite loop ends with 'took longer than 3 seconds' while another learner's pages keep answering", async ({ page, db, loginAs, contextAs, jsEnabled }) => {
  test.setTimeout(60_000);
  const { path } = await exerciseLesson(db, runId(jsEnabled));
  await loginAs("STUDENT");
  const other = await db.factories.createUser({ role: "STUDENT" });
  const otherPage = await (await contextAs(other.id)).newPage();
  await page.goto(path);
  await writeCode(page, jsEnabled, LOOP);

  const started = Date.now();
  const running = page.getByRole("button", { name: "Run tests" }).click();
  // While the loop runs in the sandbox's worker, another learner loads a page.
  await page.waitForTimeout(500);
  const before = Date.now();
  const response = await otherPage.goto("/courses", { waitUntil: "domcontentloaded" });
  const answeredIn = Date.now() - before;
  expect(response?.status()).toBe(200);
  await expect(otherPage.getByRole("heading", { level: 1 })).toBeVisible();
  expect(answeredIn, `the other learner's page took ${answeredIn} ms`).toBeLessThan(1_500);
  expect(Date.now() - started, "the page answered while the run was still going").toBeLessThan(3_000);

  await running;
  await expect(page.getByRole("alert").filter({ hasText: "took longer than 3 seconds" })).toContainText("Your code took longer than 3 seconds and was stopped.");
  expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
  await expect(page.getByTestId("grade-summary")).toContainText("Did not run");
});

test("the exercise page at 1280 and 320 px: no sideways scroll, no serious axe violation, keyboard out of the editor", async ({ page, db, loginAs, jsEnabled }) => {
  const { path } = await exerciseLesson(db, runId(jsEnabled));
  await loginAs("STUDENT");
  await page.goto(path);
  await writeCode(page, jsEnabled, `${ALMOST}// ${"a-long-comment-without-spaces-".repeat(6)}\n`);
  await page.getByRole("button", { name: "Run tests" }).click();
  await expect(page.getByTestId("grade-summary")).toContainText("1 of 2 tests passed");
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(path);
    await expect(page.getByTestId("grade-summary")).toBeVisible();
    if (jsEnabled) await expect(page.locator(".cm-editor")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `scroll width at ${width} px`).toBeLessThanOrEqual(width);
    if (jsEnabled) {
      const { default: AxeBuilder } = await import("@axe-core/playwright");
      const { violations } = await new AxeBuilder({ page }).include("main").analyze();
      const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      expect(serious).toEqual([]);
    }
  }
  if (jsEnabled) {
    // Tab indents inside the editor; Escape then Tab moves on to the next control.
    const editor = page.locator("[data-testid=code-editor] .cm-content");
    await editor.click();
    await page.keyboard.press("Tab");
    await expect(editor).toBeFocused();
    await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    await expect(editor).not.toBeFocused();
    await expect(page.getByRole("button", { name: "Run tests" })).toBeFocused();
  }
});
