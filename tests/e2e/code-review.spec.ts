/**
 * Peer code review (decision 042), with JavaScript on and off: the author asks for a review, another
 * learner who passed answers with a line comment and "Request changes", the author is notified, opens
 * the notification at the line and replies; the course's instructor hides the comment. The review
 * pages at 320 px scroll no sideways and have no serious axe violation.
 */
import type { Page } from "@playwright/test";
import { expect, runId, test, toast } from "./support/fixtures.ts";

/** axe-core on the page's own content; it runs as a script, so with JavaScript on (the HTML is the same without). */
async function seriousAxeViolations(page: Page, jsEnabled: boolean) {
  if (!jsEnabled) return [];
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const { violations } = await new AxeBuilder({ page }).include("main").analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function fitsAt320(page: Page, jsEnabled: boolean) {
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), page.url()).toBeLessThanOrEqual(320);
  expect(await seriousAxeViolations(page, jsEnabled), page.url()).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Writes a comment: with JS through the line's Comment button (inline form), without through the page's form with a line number. */
async function commentOnLine(page: Page, jsEnabled: boolean, line: number, body: string, verdict?: "Request changes") {
  if (jsEnabled) {
    await page.getByRole("button", { name: `Comment on line ${line}`, exact: true }).click();
    const form = page.getByRole("form", { name: `Comment on line ${line}` });
    await form.getByLabel(`Your comment on line ${line}`).fill(body);
    if (verdict) await form.getByLabel(verdict).check();
    await form.getByRole("button", { name: "Post comment" }).click();
  } else {
    await page.getByLabel("Line (optional)").fill(String(line));
    await page.getByLabel("Your comment", { exact: true }).fill(body);
    if (verdict) await page.getByLabel(verdict).check();
    await page.getByRole("button", { name: "Post comment" }).click();
  }
  await expect(toast(page)).toContainText(`Comment posted on line ${line}.`);
}

test("a review request is answered with a line comment, the author is notified and replies, an instructor hides the comment", async ({ page, db, loginAs, contextAs, jsEnabled, baseURL }) => {
  test.setTimeout(90_000);
  const { createExercise, createSubmission } = await import("../support/code-reviews.ts");
  const run = runId(jsEnabled);
  const course = await db.courses.createCourse({ title: `Reviewed course ${run}`, lessons: 1 });
  const instructor = await db.factories.createUser({ role: "INSTRUCTOR", name: "Iris Instructor" });
  await db.prisma.course.update({ where: { id: course.id }, data: { authorId: instructor.id } });
  const exercise = await createExercise(course.lessons[0].id);
  const reviewer = await db.factories.createUser({ name: "Pat Passer" });
  await createSubmission(exercise.id, reviewer.id);

  // The author asks for a review of their submission.
  const author = await loginAs("STUDENT", { name: "Ada Author" });
  const submission = await createSubmission(exercise.id, author.id);
  // From the exercise: "Ask for a review" under the latest run.
  await page.goto(`/courses/${course.slug}/lessons/${course.lessons[0].slug}`);
  await page.getByRole("link", { name: "Ask for a review" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ask for a review" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/reviews/new\\?submission=${submission.id}$`));
  await fitsAt320(page, jsEnabled);
  await page.getByLabel("Note for reviewers (optional)").fill("Is my checkout span right?");
  await page.getByRole("button", { name: "Ask for a review" }).click();
  await expect(toast(page)).toContainText("Review requested");
  await expect(page).toHaveURL(/\/reviews\/[a-z0-9]+$/);
  const reviewUrl = new URL(page.url()).pathname;

  // Another learner who passed finds it in the queue and asks for changes on line 5.
  const reviewerContext = await contextAs(reviewer.id);
  const reviewerPage = await reviewerContext.newPage();
  await reviewerPage.goto(`${baseURL}/reviews`);
  await reviewerPage.locator("section[aria-labelledby=queue-title]").getByRole("link", { name: "Lesson number 1" }).click();
  await expect(reviewerPage.getByRole("heading", { level: 1, name: "Review: Lesson number 1" })).toBeVisible();
  await expect(reviewerPage.getByText("Is my checkout span right?")).toBeVisible();
  await commentOnLine(reviewerPage, jsEnabled, 5, "Count with reduce, and name the span <checkout>.", "Request changes");
  await expect(reviewerPage).toHaveURL(new RegExp(`${reviewUrl}#L5$`));
  await expect(reviewerPage.locator("#L5")).toContainText("Count with reduce, and name the span <checkout>.");
  await expect(reviewerPage.getByRole("heading", { level: 1 }).locator("..")).toContainText("Changes requested");

  // The author sees the notification in the header, opens it, and lands on the line.
  await page.goto("/reviews");
  await page.getByRole("link", { name: "Notifications, 1 unread" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await fitsAt320(page, jsEnabled);
  await page.getByRole("link", { name: "Pat Passer asked for changes in your code for “Lesson number 1”" }).click();
  await expect(page).toHaveURL(new RegExp(`${reviewUrl}#L5$`));
  const line5 = page.locator("#L5");
  await expect(line5.getByRole("article", { name: "Comment by Pat Passer" })).toContainText("Count with reduce, and name the span <checkout>.");
  await expect(line5).toContainText("Requested changes");
  await fitsAt320(page, jsEnabled);

  // The author replies at the same line; no verdict is offered to them.
  if (!jsEnabled) await expect(page.getByRole("radio")).toHaveCount(0);
  await commentOnLine(page, jsEnabled, 5, "Thanks: renamed it and used reduce.");
  await expect(line5.getByRole("article", { name: "Comment by Ada Author" })).toContainText("Thanks: renamed it and used reduce.");
  await page.getByRole("link", { name: "Notifications" }).first().click();
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(toast(page)).toContainText("All notifications marked as read.");
  await expect(page.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();

  // The course's instructor hides the reviewer's comment from the studio's Reviews tab.
  const instructorContext = await contextAs(instructor.id);
  const instructorPage = await instructorContext.newPage();
  await instructorPage.goto(`${baseURL}/instructor/courses/${course.id}`);
  await instructorPage.getByRole("navigation", { name: "Course sections" }).getByRole("link", { name: "Reviews" }).click();
  await expect(instructorPage.getByRole("heading", { name: "Code reviews" })).toBeVisible();
  const spot = instructorPage.getByRole("article", { name: "Comment by Pat Passer" });
  await spot.getByRole("button", { name: "Hide this comment" }).click();
  await expect(toast(instructorPage)).toContainText("Comment hidden.");
  await expect(instructorPage.getByRole("article", { name: "Comment by Pat Passer" }).getByRole("button", { name: "Show (unhide) this comment" })).toBeVisible();
  await fitsAt320(instructorPage, jsEnabled);

  await page.goto(reviewUrl);
  await expect(page.locator("#L5")).toContainText("A comment was hidden by an instructor.");
  await expect(page.getByText("Count with reduce")).toHaveCount(0);
  await expect(page.locator("#L5")).toContainText("Thanks: renamed it and used reduce.");
});

test("the review pages refuse a learner who did not pass", async ({ page, db, loginAs, jsEnabled }) => {
  const { createExercise, createSubmission } = await import("../support/code-reviews.ts");
  const course = await db.courses.createCourse({ title: `Closed review ${runId(jsEnabled)}`, lessons: 1 });
  const exercise = await createExercise(course.lessons[0].id);
  const author = await db.factories.createUser({ name: "Ada Author" });
  const submission = await createSubmission(exercise.id, author.id);
  const review = await db.prisma.codeReview.create({ data: { authorId: author.id, exerciseId: exercise.id, submissionId: submission.id } });
  const learner = await loginAs("STUDENT", { name: "Not Yet" });
  await createSubmission(exercise.id, learner.id, { passed: false });
  const response = await page.goto(`/reviews/${review.id}`);
  expect(response?.status()).toBe(403);
  await expect(page.getByText("Only the learner who asked, learners who passed this exercise and the course's instructors can see this review.")).toBeVisible();
  await page.goto("/reviews");
  await expect(page.getByText("Nothing to review: reviews appear here for exercises you have passed.")).toBeVisible();
  await fitsAt320(page, jsEnabled);
});
