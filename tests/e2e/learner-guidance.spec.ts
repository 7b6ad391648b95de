/**
 * Guidance for learners (decision 032), JS on and off: the first-visit dashboard's next
 * step, each role's landing page after login, the one certificate count on the course and
 * lesson pages and in the quiz result, partly-right feedback, and the phone layout.
 */
import { expect, test, toast } from "./support/fixtures.ts";
import { enrol, passwordStep } from "./support/two-factor.ts";

test("a new learner's dashboard suggests a first course, and its button starts it", async ({ page, loginAs }) => {
  await loginAs("STUDENT", { name: "Fiona First" });
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Welcome to Sentry Academy, Fiona First" })).toBeVisible();
  const steps = page.locator("section[aria-labelledby=first-steps]");
  await expect(steps.getByRole("heading", { name: "Your first step" })).toBeVisible();
  await expect(steps.getByText("Suggested first course")).toBeVisible();
  await expect(steps.getByRole("link", { name: "See what connecting does" })).toHaveAttribute("href", "/sentry");
  await expect(steps.getByRole("heading", { name: "Or follow a learning path" })).toBeVisible();
  // No wall of zero counters or grey "Not yet" cards on a first visit.
  await expect(page.getByTestId("streak")).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Not earned yet" }).getByRole("listitem")).toHaveCount(6);
  const title = (await steps.locator("h3 a").first().textContent())!.trim();
  await steps.getByRole("button", { name: "Start this course" }).click();
  await expect(toast(page)).toContainText(`You're enrolled in ${title}`);
  await expect(page).toHaveURL(/\/courses\/[^/]+\/lessons\//);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Welcome back, Fiona First" })).toBeVisible();
});

test("after login a learner lands on the dashboard; a page that asked for the login wins", async ({ page, db, browser, baseURL, jsEnabled }) => {
  const student = await db.factories.createUser({ role: "STUDENT" });
  await page.goto("/login");
  await passwordStep(page, student.email, student.password!);
  await expect(page).toHaveURL(/\/dashboard$/);
  const asked = await browser.newContext({ javaScriptEnabled: jsEnabled, baseURL });
  const p = await asked.newPage();
  await p.goto("/login?redirectTo=%2Fpaths");
  await passwordStep(p, student.email, student.password!);
  await expect(p).toHaveURL(/\/paths$/);
  await asked.close();
});

for (const [role, home, heading] of [
  ["INSTRUCTOR", "/instructor", "Instructor studio"],
  ["ADMIN", "/admin", "Administration"],
  ["SE", "/staff", "POC Portal"],
] as const) {
  test(`after login an ${role} lands in ${home}`, async ({ page, db }) => {
    const user = await db.factories.createUser({ role });
    await page.goto("/login");
    await passwordStep(page, user.email, user.password!);
    await enrol(page); // staff enrol a second factor at their first sign-in
    await page.getByRole("link", { name: "I've saved them: continue" }).click();
    await expect(page).toHaveURL(new RegExp(`${home}$`));
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  });
}

test("the course, the lesson and the quiz result give one count of what the certificate needs", async ({ page, db, loginAs }) => {
  const course = await db.courses.createCourse({ title: `Certificate count ${Date.now()}`, lessons: 2 });
  await loginAs("STUDENT");
  await page.goto(`/courses/${course.slug}`);
  await expect(page.getByRole("listitem").filter({ hasText: "2 lessons · 1 quiz" })).toBeVisible();
  await expect(page.getByText("To get a certificate: finish 2 lessons and pass the quiz.")).toBeVisible();
  await page.getByRole("button", { name: "Enrol in this course" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lesson number 1" })).toBeVisible();
  await expect(page.getByText("Lesson 1 of 2")).toBeVisible();
  await page.getByRole("button", { name: "Mark complete and continue" }).click();
  await expect(toast(page)).toContainText("You earned the “First lesson” badge.");

  // The lesson page: the outline beside it, the current item marked, the done one checked.
  const outline = page.getByRole("navigation", { name: "Course outline" });
  await expect(outline.getByRole("link", { name: "Lesson number 2" })).toHaveAttribute("aria-current", "page");
  await expect(outline.getByRole("link", { name: "Lesson number 1 (done)" })).toBeVisible();
  await expect(outline.getByText("1 of 3 required items done")).toBeVisible();
  await expect(outline.getByText("To get your certificate: finish 1 lesson and pass the quiz.")).toBeVisible();
  await expect(page.getByText("Lesson 2 of 2")).toBeVisible();
  await page.goto(`/courses/${course.slug}`);
  const progress = page.getByRole("complementary", { name: "Your progress" });
  await expect(progress.getByText("1 of 3 required items done")).toBeVisible();
  await expect(progress.getByText("To get your certificate: finish 1 lesson and pass the quiz.")).toBeVisible();

  // A half-right multi-select answer is "partly right" and names what was missed.
  await page.goto(`/courses/${course.slug}/quizzes/${course.quizzes[0].slug}`);
  await page.getByRole("radio", { name: "Sentry.captureException(error)" }).check();
  await page.getByRole("checkbox", { name: "Tracing" }).check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  const second = page.getByRole("listitem").filter({ hasText: "Which are Sentry features?" });
  await expect(second.getByRole("heading")).toContainText("Partly right");
  await expect(second.getByRole("heading")).not.toContainText("Wrong");
  await expect(second.getByText("You missed “Session Replay”.")).toBeVisible();

  // A pass says what is left for the certificate.
  await page.getByRole("link", { name: "Try again" }).click();
  await page.getByRole("radio", { name: "Sentry.captureException(error)" }).check();
  await page.getByRole("checkbox", { name: "Tracing" }).check();
  await page.getByRole("checkbox", { name: "Session Replay" }).check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  const result = page.getByRole("status").filter({ hasText: "Passed: 100%" });
  await expect(result).toContainText("You earned the “Quiz ace” badge.");
  await expect(result.getByText("2 of 3 required items done")).toBeVisible();
  await expect(result.getByText("To get your certificate: finish 1 lesson.")).toBeVisible();
  // …and leads to it: the lesson still needed, not just the next item in the course.
  await result.getByRole("link", { name: "Continue: Lesson number 2" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lesson number 2" })).toBeVisible();
});

test("on a phone the course's Enrol box comes before the syllabus; on a wide screen the lesson outline sits beside the lesson", async ({ page, db, loginAs }) => {
  const course = await db.courses.createCourse({ title: `Layout course ${Date.now()}`, lessons: 2 });
  await loginAs("STUDENT");
  await page.setViewportSize({ width: 320, height: 720 });
  await page.goto(`/courses/${course.slug}`);
  const action = await page.getByRole("button", { name: "Enrol in this course" }).boundingBox();
  const syllabus = await page.getByRole("heading", { name: "Syllabus" }).boundingBox();
  expect(action!.y).toBeLessThan(syllabus!.y);
  expect(action!.y).toBeLessThan(720 * 1.5);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/courses/${course.slug}/lessons/lesson-1`);
  const article = await page.getByRole("article").first().boundingBox();
  const outline = await page.getByRole("navigation", { name: "Course outline" }).boundingBox();
  expect(outline!.x).toBeGreaterThanOrEqual(article!.x + article!.width);
  expect(outline!.y).toBeLessThan(article!.y + 200);
});
