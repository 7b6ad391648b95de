import { randomBytes } from "node:crypto";
import { strToU8, zipSync } from "fflate";
import type { Page } from "@playwright/test";
import { expect, test, toast } from "./support/fixtures.ts";

/** Errors the app logs (a hydration mismatch, a crash), without the browser's own notes on HTTP answers (4xx, a stylesheet from a newer build). */
function pageErrors(page: Page) {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !/^(Failed to load resource|Refused to apply style)/.test(message.text())) errors.push(message.text());
  });
  return errors;
}

/** A course folder zipped as an instructor would, with its files overridden or added by `extra`. */
function zipOf(files: Map<string, string>, extra: Record<string, string> = {}) {
  const entries: Record<string, Uint8Array> = {};
  for (const [file, text] of files) entries[file.replace(/^courses\//, "")] = strToU8(text);
  for (const [name, text] of Object.entries(extra)) entries[name] = strToU8(text);
  return Buffer.from(zipSync(entries));
}

test("an instructor imports a course from a .zip, and gets a per-file report for a broken one", async ({ page, db, loginAs }) => {
  const instructor = await loginAs("INSTRUCTOR", { name: "Zoe Zipper" });
  const good = db.courses.courseFiles({ slug: `zipped-${randomBytes(4).toString("hex")}`, title: `Zipped course ${randomBytes(2).toString("hex")}` });
  const title = good.files.get(`courses/${good.slug}/course.md`)!.match(/title: (.*)/)![1];
  const errors = pageErrors(page);

  await page.goto("/instructor/import");
  await expect(page.getByRole("heading", { level: 1, name: "Import a course" })).toBeVisible();
  await expect(page.getByLabel("An example course folder")).toContainText("my-error-monitoring-course/");
  await page.getByLabel("Course .zip file").setInputFiles({ name: `${good.slug}.zip`, mimeType: "application/zip", buffer: zipOf(good.files) });
  await page.getByRole("button", { name: "Import course" }).click();
  await expect(toast(page)).toContainText(`Imported ${title} as a draft: 2 lessons and 1 quiz.`);
  await expect(page.getByRole("heading", { name: `${title} is imported` })).toBeVisible();
  await expect(page.getByRole("link", { name: "Open in the course editor" })).toHaveAttribute("href", /^\/instructor\/courses\/\w+$/);
  const course = await db.prisma.course.findUniqueOrThrow({ where: { slug: good.slug }, include: { _count: { select: { lessons: true, quizzes: true } } } });
  expect(course).toMatchObject({ status: "DRAFT", authorId: instructor.id, _count: { lessons: 2, quizzes: 1 } });
  await page.getByRole("link", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(/Draft preview: learners can't see this course/)).toBeVisible();

  // A broken course: one lesson with bad front matter, a junk file; nothing of it may reach the database.
  const broken = db.courses.courseFiles({ slug: `broken-${randomBytes(4).toString("hex")}` });
  const zip = zipOf(broken.files, {
    [`${broken.slug}/01-lesson-1.md`]: "---\ntype: lesson\ntitle: Lesson number 1\nmodule: First steps\nestimatedMinutes: lots\n---\nBody.\n",
    [`${broken.slug}/diagram.png`]: "not really a png",
  });
  await page.goto("/instructor/import");
  await page.getByLabel("Course .zip file").setInputFiles({ name: "broken.zip", mimeType: "application/zip", buffer: zip });
  await page.getByRole("button", { name: "Import course" }).click();
  const report = page.getByRole("alert").filter({ hasText: "Nothing was imported from broken.zip" });
  await expect(report).toBeVisible();
  await expect(report).toContainText("2 files have problems.");
  await expect(report.getByRole("row", { name: `${broken.slug}/01-lesson-1.md` })).toContainText("summary:");
  await expect(report.getByRole("row", { name: `${broken.slug}/01-lesson-1.md` })).toContainText("estimatedMinutes:");
  await expect(report.getByRole("row", { name: `${broken.slug}/diagram.png` })).toContainText("not a Markdown file");
  await expect(report.getByRole("row", { name: `${broken.slug}/02-lesson-2.md` })).toContainText("Valid");
  expect(await db.prisma.course.findUnique({ where: { slug: broken.slug } })).toBeNull();
  expect(await db.prisma.lesson.count({ where: { course: { slug: broken.slug } } })).toBe(0);
  expect(errors).toEqual([]);
});

test("a .zip over 10 MB gets a clear error next to the file field", async ({ page, loginAs }) => {
  await loginAs("INSTRUCTOR");
  await page.goto("/instructor/import");
  await page.getByLabel("Course .zip file").setInputFiles({ name: "huge.zip", mimeType: "application/zip", buffer: randomBytes(11 * 1024 * 1024) });
  await page.getByRole("button", { name: "Import course" }).click();
  await expect(page.getByText("The file is larger than 10 MB.")).toBeVisible();
  await expect(page.getByLabel("Course .zip file")).toHaveAttribute("aria-invalid", "true");
});

test("an instructor posts an announcement that an enrolled learner sees on the dashboard and in the outbox", async ({ page, db, loginAs, contextAs }) => {
  const instructor = await loginAs("INSTRUCTOR", { name: "Annie Announcer" });
  const course = await db.courses.createCourse({ title: `Announced course ${randomBytes(3).toString("hex")}` });
  await db.prisma.course.update({ where: { id: course.id }, data: { authorId: instructor.id } });
  const learner = await db.factories.createUser({ name: "Lena Learner" });
  await db.prisma.enrollment.create({ data: { userId: learner.id, courseId: course.id } });
  const title = `Office hours ${randomBytes(3).toString("hex")}`;
  const errors = pageErrors(page);

  await page.goto(`/instructor/courses/${course.id}/announcements`);
  await expect(page.getByRole("heading", { level: 1, name: course.title })).toBeVisible();
  await expect(page.getByText("Posting emails the 1 learner enrolled in this course")).toBeVisible();
  // An empty message is refused, and the title stays.
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Post announcement" }).click();
  await expect(page.getByText("Write the announcement.")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await page.getByLabel("Message").fill("Drop in on **Thursday** with your questions.");
  await page.getByRole("button", { name: "Post announcement" }).click();
  await expect(toast(page)).toContainText("Announcement posted and emailed to 1 learner.");
  const past = page.getByRole("region", { name: "Past announcements" });
  await expect(past.getByRole("heading", { name: title })).toBeVisible();
  await expect(past.locator("strong", { hasText: "Thursday" })).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue("");

  const learnerContext = await contextAs(learner.id);
  const learnerPage = await learnerContext.newPage();
  await learnerPage.goto("/dashboard");
  const announcements = learnerPage.getByRole("region", { name: "Announcements" });
  await expect(announcements.getByRole("heading", { name: title })).toBeVisible();
  await expect(announcements).toContainText(course.title);
  await expect(announcements).toContainText("Drop in on Thursday with your questions.");

  // Demo mode without SMTP: the outbox is public, and holds the learner's copy.
  await learnerPage.goto("/outbox");
  const mail = learnerPage.getByRole("article").filter({ has: learnerPage.getByRole("heading", { name: `${course.title}: ${title}` }) });
  await expect(mail).toContainText(`To ${learner.email}`);
  await expect(mail).toContainText("Annie Announcer posted an announcement");
  // The send-email worker picks up the bulk-queued job and keeps the mail (no SMTP in demo mode).
  await expect(async () => {
    await learnerPage.reload();
    await expect(mail).toContainText("status stored", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await learnerContext.close();
  expect(errors).toEqual([]);
});

test("a student can't reach the import or announcements pages", async ({ page, db, loginAs }) => {
  await loginAs("STUDENT");
  const course = await db.courses.createCourse({ title: `Guarded course ${randomBytes(3).toString("hex")}` });
  for (const path of ["/instructor/import", `/instructor/courses/${course.id}/announcements`, "/instructor/import/example.zip"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    if (!path.endsWith(".zip")) await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  }
});
