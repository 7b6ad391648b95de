/**
 * Course analytics end to end: the course's instructor reads the charts (their
 * names and summaries, and the numbers under them), sorts the learner table and
 * downloads the CSV; another instructor and a student are refused. Each project
 * (JS on / JS off) makes its own course and learners.
 */
import { readFileSync } from "node:fs";
import { expect, runId, test, type Db } from "./support/fixtures.ts";

/** A course of two lessons and a two-question quiz, authored by `authorId`, with three learners. */
async function courseWithLearners(db: Db, authorId: string, run: string) {
  const { completeLesson, enroll, recordLessonVisit, submitQuiz } = await import("~/modules/academy/learning.server.ts");
  const course = await db.courses.createCourse({ title: `Analytics ${run}`, lessons: 2 });
  await db.prisma.course.update({ where: { id: course.id }, data: { authorId } });
  const [l1, l2] = course.lessons;
  const quiz = { ...course.quizzes[0], courseId: course.id };
  const [q1, q2] = quiz.questions;
  const learner = async (name: string) => {
    const user = await db.factories.createUser({ name });
    await enroll(user.id, course.id);
    return user.id;
  };
  const jay = await learner(`Doe, "Jay" ${run}`);
  await completeLesson(jay, l1);
  await completeLesson(jay, l2);
  await recordLessonVisit(jay, l1, 120, 0);
  await recordLessonVisit(jay, l2, 240, 0);
  await submitQuiz(jay, quiz, { [q1.id]: ["o1"], [q2.id]: ["o1", "o2"] });
  const ada = await learner(`Ada ${run}`);
  await completeLesson(ada, l1);
  await recordLessonVisit(ada, l1, 60, 0);
  await submitQuiz(ada, quiz, { [q1.id]: ["o1"], [q2.id]: ["o3"] });
  await learner(`Bob ${run}`);
  return course;
}

test("an instructor reads the analytics of their course, sorts the learners and downloads the CSV", async ({ page, db, loginAs, jsEnabled }) => {
  const run = runId(jsEnabled);
  const instructor = await loginAs("INSTRUCTOR", { name: `Ines ${run}` });
  const course = await courseWithLearners(db, instructor.id, run);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => (message.type() === "error" ? errors.push(message.text()) : undefined));

  await page.goto(`/instructor/courses/${course.id}/analytics`);
  await expect(page.getByRole("heading", { level: 1, name: course.title })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Course sections" }).getByRole("link", { name: "Analytics" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText(/Figures as of .+ UTC/)).toBeVisible();
  const card = (name: string) => page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name, exact: true }) });
  await expect(card("Enrolled learners")).toHaveText(/Enrolled learners\s*3\s*3 in the last 30 days/);
  await expect(card("Completed the course")).toHaveText(/Completed the course\s*1\s*33% of enrolled learners/);

  // Each chart is an image named by its title and summary...
  await expect(page.getByRole("img", { name: /^Enrolments over time/ })).toBeVisible();
  const funnel = page.getByRole("img", { name: /^Completion funnel/ });
  await expect(funnel).toBeVisible();
  await expect(funnel).toHaveAccessibleName(/Of 3 enrolled learners, 67% got through Lesson number 1; 33% got through Lesson number 2; 33% got through Quiz: Final quiz\./);
  await expect(page.getByRole("img", { name: /^Average time per lesson/ })).toHaveAccessibleName(/the longest is Lesson number 2, 4 min\./);
  await expect(page.getByRole("img", { name: /^Quiz pass rates/ })).toHaveAccessibleName(/Final quiz: 50% of 2 learners passed/);
  await expect(page.getByRole("img", { name: /^Hardest questions/ })).toHaveAccessibleName(/“Which are Sentry features\?” \(Final quiz\), 50% wrong/);

  // ...with its numbers one click away, JavaScript or not.
  const funnelTable = page.getByRole("table", { name: "Completion funnel" });
  await expect(funnelTable).toBeHidden();
  await page.getByText("Show the numbers for completion funnel").click();
  await expect(funnelTable.getByRole("row", { name: "1. Lesson number 1" }).getByRole("cell")).toHaveText(["2", "67%"]);
  await expect(funnelTable.getByRole("row", { name: "3. Quiz: Final quiz" }).getByRole("cell")).toHaveText(["1", "33%"]);
  await page.getByText("Show the numbers for average time per lesson").click();
  await expect(page.getByRole("table", { name: "Average time per lesson" }).getByRole("row", { name: "1. Lesson number 1" }).getByRole("cell")).toHaveText(["1 min 30 s", "2"]);

  // The learner table, sorted by progress.
  const learners = page.getByRole("table", { name: /Learners’ progress/ });
  await expect(learners).toHaveAccessibleName("Learners’ progress, 1–3 of 3");
  await learners.getByRole("link", { name: "Progress" }).click();
  await expect(page).toHaveURL(/sort=progress&dir=desc/);
  const rows = page.getByRole("table", { name: /Learners’ progress/ }).getByRole("row");
  await expect(rows.nth(1)).toContainText(`Doe, "Jay" ${run}`);
  await expect(rows.nth(1).getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  await expect(rows.nth(1)).toContainText("Completed");
  await expect(rows.nth(3)).toContainText(`Bob ${run}`);
  await expect(rows.nth(3)).toContainText("Not started");
  await expect(page.getByRole("columnheader", { name: "Progress" })).toHaveAttribute("aria-sort", "descending");

  // The CSV: one row per learner, the awkward name quoted.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download CSV/ }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${course.slug}-learners-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const csv = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe("Learner,Enrolled on,Lessons completed (of 2),Progress %,Time spent (minutes),Last activity,Completed on,Final quiz: best score %");
  expect(lines).toHaveLength(4);
  const today = new Date().toISOString().slice(0, 10);
  expect(lines.find((l) => l.startsWith(`Ada ${run},`))).toMatch(new RegExp(`^Ada ${run},${today},1,33,1,${today} \\d\\d:\\d\\d UTC,,50$`));
  expect(lines.find((l) => l.startsWith('"Doe, ""Jay""'))).toMatch(new RegExp(`^"Doe, ""Jay"" ${run}",${today},2,100,6,${today} \\d\\d:\\d\\d UTC,${today},100$`));
  expect(lines.find((l) => l.startsWith(`Bob ${run},`))).toMatch(new RegExp(`^Bob ${run},${today},0,0,0,${today} \\d\\d:\\d\\d UTC,,$`));

  // Seen again, the page comes from the kept render: the same page, and it still hydrates cleanly.
  const again = await page.goto(`/instructor/courses/${course.id}/analytics`);
  expect(again?.headers()["x-render-cache"]).toBe("hit");
  await expect(page.getByRole("img", { name: /^Completion funnel/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /Learners’ progress/ }).getByRole("row").nth(1)).toContainText(`Bob ${run}`);
  expect(errors).toEqual([]);
});

test("another instructor and a student are refused the analytics and the CSV", async ({ page, db, loginAs, contextAs, baseURL, jsEnabled }) => {
  const run = runId(jsEnabled);
  const author = await db.factories.createUser({ role: "INSTRUCTOR", name: `Author ${run}` });
  const course = await courseWithLearners(db, author.id, run);
  const path = `/instructor/courses/${course.id}/analytics`;

  await loginAs("INSTRUCTOR", { name: `Other instructor ${run}` });
  const refused = await page.goto(path);
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You can't see this course's analytics" })).toBeVisible();
  await expect(page.getByText(`Ada ${run}`)).toHaveCount(0);
  expect((await page.request.get(`${path}.csv`)).status()).toBe(403);

  const student = await db.factories.createUser({ name: `Student ${run}` });
  const context = await contextAs(student.id);
  const studentPage = await context.newPage();
  expect((await studentPage.goto(`${baseURL}${path}`))?.status()).toBe(403);
  await expect(studentPage.getByRole("heading", { name: "You can't see this course's analytics" })).toBeVisible();
  expect((await studentPage.request.get(`${baseURL}${path}.csv`)).status()).toBe(403);
  await context.close();
});
