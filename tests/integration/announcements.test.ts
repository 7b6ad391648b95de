/** Course announcements: posted by the course's instructor, emailed through the outbox, shown on learners' dashboards. */
import { beforeAll, describe, expect, it } from "vitest";
import { ensureQueues } from "../../jobs/index.ts";
import { postAnnouncement } from "~/modules/academy/announcements.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { SEND_EMAIL_QUEUE } from "~/utils/email.server.ts";
import { visibleText } from "../support/app.ts";
import { signedInBrowser } from "../support/signed-in.ts";
import { createCourse } from "../support/courses.ts";

/** A published course authored by a new instructor, with `learners` enrolled students. */
async function courseWithLearners(learners: number, title = "Announced course") {
  const instructor = await signedInBrowser("INSTRUCTOR", { name: "Irene Instructor" });
  const course = await createCourse({ title });
  await prisma.course.update({ where: { id: course.id }, data: { authorId: instructor.user.id } });
  const enrolled = [];
  for (let i = 0; i < learners; i++) {
    const learner = await signedInBrowser("STUDENT", { name: `Learner ${i + 1}` });
    await prisma.enrollment.create({ data: { userId: learner.user.id, courseId: course.id } });
    enrolled.push(learner);
  }
  return { instructor, course, enrolled, page: `/instructor/courses/${course.id}/announcements` };
}

async function jobsFor(emailIds: string[]) {
  const rows = await prisma.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM pgboss.job WHERE name = $1 AND data->>'emailId' = ANY($2::text[])`, SEND_EMAIL_QUEUE, emailIds);
  return rows.length;
}

beforeAll(async () => {
  // The send-email queue, so queued jobs are stored (no worker runs here: emails stay QUEUED).
  await ensureQueues();
});

describe("posting an announcement", () => {
  it("emails every enrolled learner through the outbox and shows on their dashboards only", async () => {
    const { instructor, course, enrolled, page } = await courseWithLearners(2);
    const outsider = await signedInBrowser("STUDENT", { name: "Not Enrolled" });

    const form = await instructor.browser.get(page);
    expect(form.status).toBe(200);
    expect(visibleText(await form.text())).toContain("Posting emails the 2 learners enrolled in this course");

    const posted = await instructor.browser.post(page, { title: "Live Q&A on Friday", body: "Join us **Friday at 16:00 UTC** to ask anything about the course." });
    expect(posted.status).toBe(302);
    expect(posted.headers.get("Location")).toBe(page);
    const after = await (await instructor.browser.follow(posted)).text();
    expect(visibleText(after)).toContain("Announcement posted and emailed to 2 learners.");
    expect(after).toContain("<strong>Friday at 16:00 UTC</strong>");

    const announcement = await prisma.announcement.findFirstOrThrow({ where: { courseId: course.id } });
    expect(announcement).toMatchObject({ title: "Live Q&A on Friday", authorId: instructor.user.id, authorName: "Irene Instructor" });

    const emails = await prisma.email.findMany({ where: { subject: `${course.title}: Live Q&A on Friday` } });
    expect(emails.map((e) => e.to).sort()).toEqual(enrolled.map((l) => l.user.email).sort());
    expect(emails.every((e) => e.status === "QUEUED")).toBe(true);
    const toFirst = emails.find((e) => e.to === enrolled[0].user.email)!;
    expect(toFirst.text).toContain("Hi Learner 1,");
    expect(toFirst.text).toContain("Join us **Friday at 16:00 UTC** to ask anything about the course.");
    expect(toFirst.text).toMatch(new RegExp(`Open the course: https?://[^\\s]+/courses/${course.slug}`));
    expect(await jobsFor(emails.map((e) => e.id))).toBe(2);

    const dashboard = visibleText(await (await enrolled[1].browser.get("/dashboard")).text());
    expect(dashboard).toContain("Announcements");
    expect(dashboard).toContain("Live Q&A on Friday");
    expect(dashboard).toContain(`${course.title} ·`);
    expect(dashboard).toContain("Join us Friday at 16:00 UTC");
    const elsewhere = visibleText(await (await outsider.browser.get("/dashboard")).text());
    expect(elsewhere).not.toContain("Live Q&A on Friday");
    // The course page says it too, to its learners only.
    const coursePage = visibleText(await (await enrolled[0].browser.get(`/courses/${course.slug}`)).text());
    expect(coursePage).toContain("Announcement Live Q&A on Friday Irene Instructor ·");
    expect(visibleText(await (await outsider.browser.get(`/courses/${course.slug}`)).text())).not.toContain("Live Q&A on Friday");
    expect(await prisma.email.count({ where: { to: outsider.user.email } })).toBe(0);
  });

  it("keeps what was typed and says what's missing", async () => {
    const { instructor, course, page } = await courseWithLearners(1, "Quiet course");
    const noBody = await instructor.browser.post(page, { title: "A title worth keeping", body: "" });
    expect(noBody.status).toBe(400);
    const html = await noBody.text();
    expect(visibleText(html)).toContain("Write the announcement.");
    expect(html).toContain('value="A title worth keeping"');

    const noTitle = await instructor.browser.post(page, { title: " ", body: "A body that is long enough to post." });
    const noTitleHtml = await noTitle.text();
    expect(visibleText(noTitleHtml)).toContain("Enter a title.");
    expect(noTitleHtml).toContain("A body that is long enough to post.</textarea>");
    expect(await prisma.announcement.count({ where: { courseId: course.id } })).toBe(0);
    expect(await prisma.email.count({ where: { subject: { startsWith: `${course.title}:` } } })).toBe(0);
  });

  it("is only for who may edit the course", async () => {
    const { course, enrolled, page } = await courseWithLearners(1);
    const learner = enrolled[0];
    expect((await learner.browser.get(page)).status).toBe(403);
    expect((await learner.browser.post(page, { title: "Hijack", body: "Not allowed to post this one." })).status).toBe(403);
    const other = await signedInBrowser("INSTRUCTOR", { name: "Other Instructor" });
    expect((await other.browser.get(page)).status).toBe(403);
    expect((await other.browser.post(page, { title: "Hijack", body: "Not allowed to post this one." })).status).toBe(403);
    expect(await prisma.announcement.count({ where: { courseId: course.id } })).toBe(0);
    expect((await other.browser.get("/instructor/courses/no-such-course/announcements")).status).toBe(404);

    const admin = await signedInBrowser("ADMIN", { name: "Ada Admin" });
    const byAdmin = await admin.browser.post(page, { title: "From the admins", body: "Admins may post to every course." });
    expect(byAdmin.status).toBe(302);
    expect(await prisma.announcement.count({ where: { courseId: course.id } })).toBe(1);
  });
});

describe("the dashboard's announcements", () => {
  it("shows the newest five of the last 30 days, newest first", async () => {
    const { course, enrolled } = await courseWithLearners(1, "Busy course");
    const day = 86_400_000;
    const make = (title: string, daysAgo: number) =>
      prisma.announcement.create({ data: { courseId: course.id, authorName: "Irene", title, bodyMarkdown: "Body.", bodyHtml: "<p>Body.</p>", createdAt: new Date(Date.now() - daysAgo * day) } });
    await make("Too old to show", 31);
    for (let i = 1; i <= 6; i++) await make(`Update number ${i}`, 7 - i);
    const text = visibleText(await (await enrolled[0].browser.get("/dashboard")).text());
    const shown = [...text.matchAll(/Update number (\d)/g)].map((m) => Number(m[1]));
    expect(shown).toEqual([6, 5, 4, 3, 2]);
    expect(text).not.toContain("Too old to show");
  });
});

describe("a course with 10,000 learners", () => {
  it("queues 10,000 emails and jobs in a few bulk inserts", async () => {
    const { course, instructor } = await courseWithLearners(0, "Popular course");
    const stamp = Date.now().toString(36);
    await prisma.user.createMany({ data: Array.from({ length: 10_000 }, (_, i) => ({ email: `bulk-${stamp}-${i}@example.com`, name: `Bulk ${i}` })) });
    const users = await prisma.user.findMany({ where: { email: { startsWith: `bulk-${stamp}-` } }, select: { id: true } });
    await prisma.enrollment.createMany({ data: users.map((u) => ({ userId: u.id, courseId: course.id })) });

    const started = performance.now();
    const emailed = await postAnnouncement(course, { ...instructor.user, role: "INSTRUCTOR" }, { title: "Welcome, everyone", body: "Glad to have all of you here." });
    const ms = performance.now() - started;
    console.info(`[announcements] 10,000 learners emailed in ${Math.round(ms)} ms`);
    expect(emailed).toBe(10_000);
    const emails = await prisma.email.findMany({ where: { subject: `${course.title}: Welcome, everyone` }, select: { id: true } });
    expect(emails).toHaveLength(10_000);
    expect(await jobsFor(emails.map((e) => e.id))).toBe(10_000);
  }, 60_000);
});
