/**
 * Course analytics on a small, known dataset: the figures the instructor sees,
 * the CSV they download, and who may see either.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { courseAnalytics, csvField } from "~/modules/academy/analytics.server.ts";
import { completeLesson, enroll, recordLessonVisit, submitQuiz } from "~/modules/academy/learning.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { Browser, visibleText } from "../support/app.ts";
import { signedInBrowser } from "../support/signed-in.ts";
import { createCourse } from "../support/courses.ts";
import { createUser } from "../support/factories.ts";

const DAY = 86_400_000;

/** A CSV body (after its byte-order mark) as rows of fields, reading RFC 4180 quoting. */
function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows: string[][] = [];
  // A field is either quoted (quotes doubled inside) or runs to the next comma or line end.
  const field = /("((?:[^"]|"")*)"|[^",\r\n]*)(,|\r\n)/gy;
  let row: string[] = [];
  let parsed = 1;
  field.lastIndex = parsed;
  for (let m = field.exec(text); m; m = field.exec(text)) {
    row.push(m[2] !== undefined ? m[2].replace(/""/g, '"') : m[1]);
    if (m[3] === "\r\n") {
      rows.push(row);
      row = [];
    }
    parsed = field.lastIndex;
  }
  expect(parsed).toBe(text.length);
  return rows;
}

// Three lessons and a final quiz (pass mark 100) with two questions:
// q1 (single): o1 right, o2 wrong. q2 (multiple): o1 and o2 right, o3 wrong.
let course: Awaited<ReturnType<typeof createCourse>>;
let instructor: Awaited<ReturnType<typeof signedInBrowser>>;
const learners: Record<string, string> = {};

beforeAll(async () => {
  instructor = await signedInBrowser("INSTRUCTOR", { name: "Ines Author" });
  course = await createCourse({ title: "Analytics course", lessons: 3 });
  await prisma.course.update({ where: { id: course.id }, data: { authorId: instructor.user.id } });
  const [l1, l2, l3] = course.lessons;
  const quiz = { ...course.quizzes[0], courseId: course.id };
  const [q1, q2] = quiz.questions;
  const learner = async (name: string, daysAgo: number) => {
    const user = await createUser({ name });
    await enroll(user.id, course.id);
    await prisma.enrollment.update({ where: { userId_courseId: { userId: user.id, courseId: course.id } }, data: { enrolledAt: new Date(Date.now() - daysAgo * DAY) } });
    learners[name] = user.id;
    return user.id;
  };

  // Jay finishes everything: 5 + 10 minutes on lessons 1 and 2, fails the quiz once (q2 half done), then passes.
  const jay = await learner('Doe, "Jay"', 10);
  for (const lesson of [l1, l2, l3]) await completeLesson(jay, lesson);
  await recordLessonVisit(jay, l1, 300, 0);
  await recordLessonVisit(jay, l2, 600, 0);
  await submitQuiz(jay, quiz, { [q1.id]: ["o1"], [q2.id]: ["o1"] });
  await submitQuiz(jay, quiz, { [q1.id]: ["o1"], [q2.id]: ["o1", "o2"] });

  // Ada completes lesson 1, spends time on lessons 1 and 2, and gets both questions wrong.
  const ada = await learner("Ada", 5);
  await completeLesson(ada, l1);
  await recordLessonVisit(ada, l1, 100, 0);
  await recordLessonVisit(ada, l2, 200, 0);
  await submitQuiz(ada, quiz, { [q1.id]: ["o2"], [q2.id]: ["o3"] });

  // A name a spreadsheet would run as a formula: completes lesson 1 with no time recorded (JavaScript off).
  const formula = await learner("=1+1", 3);
  await completeLesson(formula, l1);

  // Bob enrolled today and did nothing yet.
  await learner("Bob", 0);
});

describe("the figures", () => {
  it("counts enrolments, the funnel, time per lesson, pass rates and the hardest questions", async () => {
    const a = await courseAnalytics(course.id);
    expect(a.summary).toEqual({ enrolled: 4, completed: 1, enrolledLast30Days: 4, averageProgress: 38, requiredItems: 4 });

    expect(a.funnel.map((s) => [s.kind, s.title, s.learners])).toEqual([
      ["lesson", "Lesson number 1", 3],
      ["lesson", "Lesson number 2", 1],
      ["lesson", "Lesson number 3", 1],
      ["quiz", "Final quiz", 1],
    ]);
    expect(a.lessonTime.map((l) => [l.title, l.averageSeconds, l.learners])).toEqual([
      ["Lesson number 1", 200, 2],
      ["Lesson number 2", 400, 2],
      ["Lesson number 3", 0, 0],
    ]);
    expect(a.quizzes).toEqual([
      { id: course.quizzes[0].id, title: "Final quiz", passMark: 100, questions: 2, attempts: 3, learners: 2, passed: 1, averageScore: 50 },
    ]);
    expect(a.hardestQuestions.map((q) => [q.prompt, q.quizTitle, q.wrong, q.attempts])).toEqual([
      ["Which are Sentry features?", "Final quiz", 2, 3],
      ["Which call sends an error?", "Final quiz", 1, 3],
    ]);

    // One point per UTC day from the first enrolment (10 days ago) to today.
    expect(a.enrolments.unit).toBe("day");
    expect(a.enrolments.points).toHaveLength(11);
    expect(a.enrolments.points.map((p) => p.count)).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1]);
    expect(a.enrolments.points.at(-1)!.total).toBe(4);
    expect(a.enrolments.points[0].start.toISOString().slice(0, 10)).toBe(new Date(Date.now() - 10 * DAY).toISOString().slice(0, 10));
  });

  it("shows them on the page, as charts with their numbers in tables", async () => {
    const response = await instructor.browser.get(`/instructor/courses/${course.id}/analytics`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const text = visibleText(html);
    expect(text).toContain("Analytics course");
    expect(text).toMatch(/Figures as of .+ UTC ?; they are refreshed every minute/);
    expect(text).toContain("Enrolled learners 4 4 in the last 30 days");
    expect(text).toContain("Completed the course 1 25% of enrolled learners");
    expect(text).toContain("Average progress 38%");
    // The charts are images with a name and a summary...
    expect(html).toMatch(/<svg role="img" aria-labelledby="funnel-chart-title funnel-chart-desc"/);
    expect(text).toContain("Of 4 enrolled learners, 75% got through Lesson number 1; 25% got through Lesson number 2; 25% got through Lesson number 3; 25% got through Quiz: Final quiz.");
    // ...and tables with the same numbers.
    expect(text).toContain("1. Lesson number 1 3 75%");
    expect(text).toContain("4. Quiz: Final quiz 1 25%");
    expect(text).toContain("1. Lesson number 1 3 min 20 s 2");
    expect(text).toContain("2. Lesson number 2 6 min 40 s 2");
    expect(text).toContain("Final quiz 2 1 50% 3 50% 100%");
    expect(text).toContain("Which are Sentry features? Final quiz 3 2 67%");
    // The learner table: newest enrolment first.
    expect(text).toMatch(/Learners’ progress, 1–4 of 4 .*Bob .* Not started .*=1\+1 .* In progress .*Ada .* In progress .*Doe, "Jay" .* Completed/);
  });

  it("sorts and pages the learner table with plain links", async () => {
    const byProgress = visibleText(await (await instructor.browser.get(`/instructor/courses/${course.id}/analytics?sort=progress&dir=desc`)).text());
    expect(byProgress).toMatch(/Learners’ progress, 1–4 of 4 .*Doe, "Jay" .*Ada .*Bob/);
    expect(byProgress).toContain("Page 1 of 1");
    const html = await (await instructor.browser.get(`/instructor/courses/${course.id}/analytics?sort=name`)).text();
    expect(html).toMatch(/aria-sort="ascending"><a [^>]*href="[^"]*\?sort=name&amp;dir=desc#learners">Learner/);
    const pastTheEnd = visibleText(await (await instructor.browser.get(`/instructor/courses/${course.id}/analytics?page=9`)).text());
    expect(pastTheEnd).toContain("none on page 9");
    expect(pastTheEnd).toContain("Previous page");
  });
});

describe("the CSV", () => {
  it("has one row per learner, escaped for spreadsheets", async () => {
    const response = await instructor.browser.get(`/instructor/courses/${course.id}/analytics.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(new RegExp(`^attachment; filename="${course.slug}-learners-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    // As bytes: Response.text() would drop the byte-order mark.
    const body = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    // The name with a comma and quotes is quoted, its quotes doubled.
    expect(body).toContain('"Doe, ""Jay"""');
    const [header, ...rows] = parseCsv(body);
    expect(header).toEqual(["Learner", "Enrolled on", "Lessons completed (of 3)", "Progress %", "Time spent (minutes)", "Last activity", "Completed on", "Final quiz: best score %"]);
    const byName = Object.fromEntries(rows.map((r) => [r[0], r]));
    expect(Object.keys(byName).sort()).toEqual(["'=1+1", "Ada", "Bob", 'Doe, "Jay"']);
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);
    const today = day(0);
    expect(byName['Doe, "Jay"']).toEqual(['Doe, "Jay"', day(10), "3", "100", "15", expect.stringMatching(new RegExp(`^${today} \\d\\d:\\d\\d UTC$`)), today, "100"]);
    expect(byName.Ada).toEqual(["Ada", day(5), "1", "25", "5", expect.stringMatching(/ UTC$/), "", "0"]);
    expect(byName["'=1+1"]).toEqual(["'=1+1", day(3), "1", "25", "0", expect.stringMatching(/ UTC$/), "", ""]);
    expect(byName.Bob).toEqual(["Bob", today, "0", "0", "0", expect.stringMatching(/ UTC$/), "", ""]);
  });

  it("escapes fields the RFC 4180 way", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("-2+3,4")).toBe(`"'-2+3,4"`);
    expect(csvField(42)).toBe("42");
    expect(csvField(null)).toBe("");
  });
});

describe("who may see them", () => {
  it("lets the course's author and admins in; other instructors and students get a 403, guests the login page", async () => {
    const page = `/instructor/courses/${course.id}/analytics`;
    const { browser: admin } = await signedInBrowser("ADMIN", { name: "Ada Admin" });
    const adminPage = await admin.get(page);
    expect(adminPage.status).toBe(200);
    // The same figures, rendered for this viewer (the page's HTML is reused only for the same data).
    const adminText = visibleText(await adminPage.text());
    expect(adminText).toContain("Ada Admin");
    expect(adminText).not.toContain("Ines Author");
    expect((await admin.get(`${page}.csv`)).status).toBe(200);

    for (const role of ["INSTRUCTOR", "STUDENT"] as const) {
      const { browser } = await signedInBrowser(role);
      const refused = await browser.get(page);
      expect(refused.status).toBe(403);
      const text = visibleText(await refused.text());
      expect(text).toContain("You can't see this course's analytics");
      expect(text).not.toContain("Doe");
      const csv = await browser.get(`${page}.csv`);
      expect(csv.status).toBe(403);
      expect(await csv.text()).not.toContain("Doe");
    }

    const guest = await new Browser().get(page);
    expect(guest.status).toBe(302);
    expect(guest.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(page)}`);
  });

  it("checks on every view, even when the page's render is kept", async () => {
    const other = await createCourse({ title: "Handed-over course", lessons: 1, quiz: false });
    const author = await signedInBrowser("INSTRUCTOR", { name: "First Author" });
    await prisma.course.update({ where: { id: other.id }, data: { authorId: author.user.id } });
    const page = `/instructor/courses/${other.id}/analytics`;
    expect((await author.browser.get(page)).status).toBe(200);
    expect((await author.browser.get(page)).status).toBe(200);
    const successor = await signedInBrowser("INSTRUCTOR", { name: "Second Author" });
    await prisma.course.update({ where: { id: other.id }, data: { authorId: successor.user.id } });
    expect((await author.browser.get(page)).status).toBe(403);
    expect((await successor.browser.get(page)).status).toBe(200);
  });

  it("answers 404 for a course that doesn't exist", async () => {
    expect((await instructor.browser.get("/instructor/courses/no-such-course/analytics")).status).toBe(404);
    expect((await instructor.browser.get("/instructor/courses/no-such-course/analytics.csv")).status).toBe(404);
  });
});
