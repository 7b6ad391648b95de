import { expect, test, toast } from "./support/fixtures.ts";

test("a student completes a course, fails then passes the quiz, and a visitor verifies the certificate", async ({ page, db, loginAs, browser, baseURL, jsEnabled }) => {
  const course = await db.courses.createCourse({ title: `Certified course ${Date.now()}`, lessons: 2 });
  const student = await loginAs("STUDENT", { name: "Margaret Hamilton" });

  await page.goto(`/courses/${course.slug}`);
  await page.getByRole("button", { name: "Enrol in this course" }).click();
  await expect(toast(page)).toContainText(`You're enrolled in ${course.title}`);
  await expect(page.getByRole("heading", { level: 1, name: "Lesson number 1" })).toBeVisible();
  await page.getByRole("button", { name: "Mark complete and continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lesson number 2" })).toBeVisible();
  await page.getByRole("button", { name: "Mark complete and continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Final quiz" })).toBeVisible();

  // First attempt: one wrong answer.
  await page.getByRole("radio", { name: "Sentry.captureException(error)" }).check();
  await page.getByRole("checkbox", { name: "Tracing" }).check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByRole("heading", { name: "Not passed yet: 50%" })).toBeVisible();
  await expect(page.getByText("Tracing and Replay are; spreadsheets are not.")).toBeVisible();
  await page.getByRole("link", { name: "Try again" }).click();

  await page.getByRole("radio", { name: "Sentry.captureException(error)" }).check();
  await page.getByRole("checkbox", { name: "Tracing" }).check();
  await page.getByRole("checkbox", { name: "Session Replay" }).check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByRole("heading", { name: "Passed: 100%" })).toBeVisible();
  await page.getByRole("link", { name: "Course complete: view your certificate" }).click();
  await expect(page.getByTestId("learner-name")).toHaveText("Margaret Hamilton");
  const certificateUrl = page.url();
  const code = await page.getByTestId("verification-code").textContent();

  // A logged-out visitor verifies it and downloads the PDF.
  const visitor = await browser.newContext({ javaScriptEnabled: jsEnabled });
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(certificateUrl);
  await expect(visitorPage.getByRole("heading", { name: "Certificate of completion" })).toBeVisible();
  await expect(visitorPage.getByText(course.title)).toBeVisible();
  await expect(visitorPage.getByTestId("verification-code")).toHaveText(code!);
  await expect(visitorPage.getByText("Valid certificate")).toBeVisible();
  const [download] = await Promise.all([visitorPage.waitForEvent("download"), visitorPage.getByRole("link", { name: "Download PDF" }).click()]);
  expect(download.suggestedFilename()).toBe(`sentry-academy-certificate-${code}.pdf`);
  const pdf = await download.path();
  const { readFileSync } = await import("node:fs");
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
  await visitor.close();

  // The dashboard shows the progress, the streak and the badges.
  await page.goto("/dashboard");
  await expect(page.getByTestId("streak")).toHaveText("1 day");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: course.title }) });
  await expect(card.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  await expect(card.getByRole("link", { name: "View certificate" })).toBeVisible();
  const badges = page.locator("section[aria-labelledby=badges] li");
  await expect(badges.filter({ hasText: "First lesson" })).toContainText("Earned");
  await expect(badges.filter({ hasText: "First course" })).toContainText("Earned");
  await expect(badges.filter({ hasText: "Quiz ace" })).toContainText("Earned");
  await expect(badges.filter({ hasText: "Week of learning" })).not.toContainText("Earned");
  await expect(page.getByRole("list", { name: "Not earned yet" })).toContainText("Week of learning");
  expect(student.email).toBeTruthy();
  expect(baseURL).toBeTruthy();
});

test("the dashboard shows a course in progress with its next lesson", async ({ page, db, loginAs }) => {
  const course = await db.courses.createCourse({ title: `Half-done course ${Date.now()}`, lessons: 2 });
  await loginAs();
  await page.goto(`/courses/${course.slug}/lessons/lesson-1`);
  await page.getByRole("button", { name: "Mark complete and continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lesson number 2" })).toBeVisible();
  await page.goto("/dashboard");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: course.title }) });
  await expect(card.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "33");
  await expect(card.getByRole("link", { name: "Next: Lesson number 2" })).toBeVisible();
});
