/** Course authoring in the instructor studio, over HTTP as a browser without JavaScript uses it. */
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server.ts";
import type { RoleName } from "~/utils/permissions.ts";
import { Browser, visibleText } from "../support/app.ts";
import { createCourse } from "../support/courses.ts";
import { createSessionCookie, createUser } from "../support/factories.ts";

async function signedIn(role: RoleName = "STUDENT", name = "Ada Learner") {
  const user = await createUser({ role, name });
  const { name: cookie, value } = await createSessionCookie(user.id);
  const browser = new Browser();
  browser.cookies.set(cookie, value);
  return { browser, user };
}

/** A course from the fixture importer (2 modules, 2 lessons, a quiz), owned by `authorId`. */
async function authoredCourse(authorId: string, opts: Parameters<typeof createCourse>[0] = {}) {
  const course = await createCourse(opts);
  await prisma.course.update({ where: { id: course.id }, data: { authorId } });
  return course;
}

const studio = (courseId: string) => `/instructor/courses/${courseId}`;
/** Where the content page's forms post: it is the index route under the studio layout, so `?index` (as Remix's <Form> writes it). */
const contentForm = (courseId: string) => `${studio(courseId)}?index`;

/** The course's items in learner order: [kind, title, module title, position]. */
async function outline(courseId: string) {
  const modules = await prisma.courseModule.findMany({ where: { courseId }, orderBy: { position: "asc" } });
  const lessons = await prisma.lesson.findMany({ where: { courseId } });
  const quizzes = await prisma.quiz.findMany({ where: { courseId } });
  const items = [...lessons.map((l) => ({ ...l, kind: "lesson" })), ...quizzes.map((q) => ({ ...q, kind: "quiz" }))].sort((a, b) => a.position - b.position);
  return {
    modulePositions: modules.map((m) => m.position),
    items: items.map((i) => [i.kind, i.title, modules.find((m) => m.id === i.moduleId)!.title, i.position] as const),
  };
}

/** Positions run 0, 1, 2… through the modules in their order. */
function expectConsistent(o: Awaited<ReturnType<typeof outline>>, moduleOrder: string[]) {
  expect(o.modulePositions).toEqual(moduleOrder.map((_, i) => i));
  expect(o.items.map((i) => i[3])).toEqual(o.items.map((_, i) => i));
  const moduleIndex = o.items.map((i) => moduleOrder.indexOf(i[2]));
  expect(moduleIndex).toEqual([...moduleIndex].sort((a, b) => a - b));
}

const questionFields = (prompt: string, options: [string, boolean][], explanation = "Because the SDK sends it.") => ({
  prompt,
  kind: "SINGLE",
  explanation,
  ...Object.fromEntries(options.flatMap(([text, correct], i) => [[`options[${i}].text`, text], ...(correct ? [[`options[${i}].correct`, "on"]] : [])])),
});

describe("who may author", () => {
  it("keeps students out of every studio page and action, and changes nothing", async () => {
    const { user: author } = await signedIn("INSTRUCTOR");
    const course = await authoredCourse(author.id, { publish: false });
    const { browser: student } = await signedIn("STUDENT");
    const before = await outline(course.id);
    const pages = [
      "/instructor",
      "/instructor/courses/new",
      studio(course.id),
      `${studio(course.id)}/lessons/${course.lessons[0].id}`,
      `${studio(course.id)}/quizzes/${course.quizzes[0].id}`,
      `${studio(course.id)}/versions`,
    ];
    for (const page of pages) {
      const response = await student.get(page);
      expect(response.status, page).toBe(403);
      expect(visibleText(await response.text())).toContain("You don't have access to this page");
    }
    const posts: [string, Record<string, string>][] = [
      ["/instructor/courses/new", { title: "Sneaky course", summary: "A summary that is long enough.", level: "BEGINNER", category: "Fundamentals", estimatedMinutes: "10" }],
      [contentForm(course.id), { intent: "add-module", title: "Sneaky module" }],
      [contentForm(course.id), { intent: "publish", note: "" }],
      [contentForm(course.id), { intent: "delete-course" }],
      [`${studio(course.id)}/lessons/${course.lessons[0].id}`, { intent: "delete-lesson" }],
      [`${studio(course.id)}/quizzes/${course.quizzes[0].id}`, { intent: "delete-quiz" }],
    ];
    for (const [path, fields] of posts) expect((await student.post(path, fields)).status, `${path} ${fields.intent}`).toBe(403);
    expect(await prisma.course.count({ where: { title: "Sneaky course" } })).toBe(0);
    expect(await outline(course.id)).toEqual(before);
    expect(await prisma.courseModule.count({ where: { courseId: course.id } })).toBe(2);
    expect((await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).status).toBe("DRAFT");
    expect(await prisma.lesson.count({ where: { courseId: course.id } })).toBe(2);
  });

  it("answers 403 to another instructor, 404 for what doesn't exist, and lets an admin edit any course", async () => {
    const { user: author } = await signedIn("INSTRUCTOR", "Course Author");
    const course = await authoredCourse(author.id);
    const other = await authoredCourse(author.id);
    const { browser: stranger } = await signedIn("INSTRUCTOR", "Other Instructor");

    const home = visibleText(await (await stranger.get("/instructor")).text());
    expect(home).toContain("No courses yet");
    for (const path of [studio(course.id), `${studio(course.id)}/lessons/${course.lessons[0].id}`, `${studio(course.id)}/quizzes/${course.quizzes[0].id}`, `${studio(course.id)}/versions`]) {
      expect((await stranger.get(path)).status, path).toBe(403);
    }
    expect((await stranger.post(contentForm(course.id), { intent: "add-module", title: "Not mine" })).status).toBe(403);
    const lessonPath = `${studio(course.id)}/lessons/${course.lessons[0].id}`;
    expect((await stranger.post(lessonPath, { intent: "save-lesson", title: "Hijacked", slug: "hijacked", summary: "x y z", moduleId: course.lessons[0].moduleId, estimatedMinutes: "5" })).status).toBe(403);
    expect((await prisma.lesson.findUniqueOrThrow({ where: { id: course.lessons[0].id } })).title).toBe("Lesson number 1");

    expect((await stranger.get(studio("no-such-course"))).status).toBe(404);
    // A lesson or quiz of another course is not found under this one.
    expect((await (await signedInAs(author.id)).get(`${studio(course.id)}/lessons/${other.lessons[0].id}`)).status).toBe(404);
    expect((await (await signedInAs(author.id)).get(`${studio(course.id)}/quizzes/${other.quizzes[0].id}`)).status).toBe(404);

    const { browser: admin } = await signedIn("ADMIN");
    expect(visibleText(await (await admin.get("/instructor")).text())).toContain(course.title);
    const renamed = await admin.post(contentForm(course.id), { intent: "rename-module", moduleId: course.lessons[0].moduleId, title: "Renamed by admin" });
    expect(renamed.status).toBe(302);
    expect((await prisma.courseModule.findUniqueOrThrow({ where: { id: course.lessons[0].moduleId } })).title).toBe("Renamed by admin");

    const guest = await new Browser().get(studio(course.id));
    expect(guest.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(studio(course.id))}`);
  });

  it("says why: the reason the thrower wrote, under the studio's header and tabs when the viewer edits the course", async () => {
    const { browser, user: author } = await signedIn("INSTRUCTOR", "Course Author");
    const course = await authoredCourse(author.id);
    const other = await authoredCourse(author.id);
    const header = new RegExp(`<h1[^>]*>${course.title}</h1>`);

    // Someone else's course: the real reason, not "ask an admin to change your role", and no header.
    const { browser: stranger } = await signedIn("INSTRUCTOR", "Other Instructor");
    for (const path of [studio(course.id), `${studio(course.id)}/versions`]) {
      const refused = await stranger.get(path);
      expect(refused.status, path).toBe(403);
      const html = await refused.text();
      expect(visibleText(html)).toContain("You don't have access to this page");
      expect(visibleText(html)).toContain("Only the course's author and admins can edit it.");
      expect(visibleText(html)).not.toContain("ask an admin to change your role");
      expect(html).not.toMatch(header);
    }
    // A student is told it is their role.
    const { browser: student } = await signedIn("STUDENT");
    expect(visibleText(await (await student.get(studio(course.id))).text())).toContain("Your account's role doesn't include this area.");

    // A lesson that isn't in this course: the page's 404, under the course's header and tabs.
    const missing = await browser.get(`${studio(course.id)}/lessons/${other.lessons[0].id}`);
    expect(missing.status).toBe(404);
    const html = await missing.text();
    expect(visibleText(html)).toContain("There is no such lesson in this course.");
    expect(html).toMatch(header);
    expect(html).toContain('aria-label="Course sections"');
    expect(html).toMatch(/<h2 id="status-title"[^>]*>We couldn&#x27;t find that page<\/h2>/);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);

    // A form the page doesn't have: a 400 that says so, header kept.
    const unknown = await browser.post(`${studio(course.id)}/lessons/${course.lessons[0].id}`, { intent: "nothing" });
    expect(unknown.status).toBe(400);
    const unknownHtml = await unknown.text();
    expect(visibleText(unknownHtml)).toContain("That form asked for something this page doesn't do.");
    expect(unknownHtml).toMatch(header);

    // An unknown course: a 404 page of its own (no header to keep).
    const nowhere = await browser.get(studio("no-such-course"));
    expect(nowhere.status).toBe(404);
    expect(visibleText(await nowhere.text())).toContain("There is no such course.");
  });
});

async function signedInAs(userId: string) {
  const { name, value } = await createSessionCookie(userId);
  const browser = new Browser();
  browser.cookies.set(name, value);
  return browser;
}

describe("building a course without JavaScript", () => {
  it("creates a course, its modules, lessons and quiz, refuses to publish an empty quiz, then publishes version 1", async () => {
    const { browser, user } = await signedIn("INSTRUCTOR", "Ines Instructor");
    const created = await browser.post("/instructor/courses/new", {
      intent: "create",
      title: "Alerting from scratch",
      summary: "Set up alerts that reach the right person.",
      description: "You will **build** alerts.",
      level: "BEGINNER",
      category: "Operations",
      features: "alerts",
      estimatedMinutes: "40",
    });
    expect(created.status).toBe(302);
    const course = await prisma.course.findFirstOrThrow({ where: { title: "Alerting from scratch" } });
    expect(created.headers.get("Location")).toBe(studio(course.id));
    expect(course).toMatchObject({ slug: "alerting-from-scratch", status: "DRAFT", authorId: user.id, features: ["alerts"] });

    await browser.post(contentForm(course.id), { intent: "add-module", title: "Basics" });
    await browser.post(contentForm(course.id), { intent: "add-module", title: "Routing" });
    const [basics, routing] = await prisma.courseModule.findMany({ where: { courseId: course.id }, orderBy: { position: "asc" } });
    const added = await browser.post(contentForm(course.id), { intent: "add-lesson", moduleId: basics.id, title: "Your first alert" });
    const lesson = await prisma.lesson.findFirstOrThrow({ where: { courseId: course.id } });
    expect(added.headers.get("Location")).toBe(`${studio(course.id)}/lessons/${lesson.id}`);
    expect(lesson.slug).toBe("your-first-alert");
    const saved = await browser.post(`${studio(course.id)}/lessons/${lesson.id}`, {
      intent: "save-lesson",
      title: "Your first alert",
      slug: "your-first-alert",
      summary: "Create an issue alert.",
      moduleId: basics.id,
      estimatedMinutes: "8",
      required: "on",
      bodyMarkdown: "## Create it\n\nOpen **Alerts**.",
    });
    expect(saved.status).toBe(302);
    expect(await prisma.lesson.findUniqueOrThrow({ where: { id: lesson.id } })).toMatchObject({ bodyHtml: expect.stringContaining("<strong>Alerts</strong>"), estimatedMinutes: 8, required: true });

    await browser.post(contentForm(course.id), { intent: "add-quiz", moduleId: routing.id, title: "Routing check" });
    const quiz = await prisma.quiz.findFirstOrThrow({ where: { courseId: course.id } });
    const refused = await browser.post(contentForm(course.id), { intent: "publish", note: "First release" });
    expect(refused.status).toBe(400);
    expect(visibleText(await refused.text())).toContain("The quiz “Routing check” has no questions yet");
    expect((await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).status).toBe("DRAFT");

    const question = await browser.post(`${studio(course.id)}/quizzes/${quiz.id}`, {
      intent: "add-question",
      ...questionFields("Where do urgent alerts go?", [["PagerDuty", true], ["A muted channel", false], ["", false]]),
    });
    expect(question.status).toBe(302);
    const [q] = await prisma.quizQuestion.findMany({ where: { quizId: quiz.id } });
    expect(q.options).toEqual([{ id: "o1", text: "PagerDuty", correct: true }, { id: "o2", text: "A muted channel", correct: false }]);

    const published = await browser.post(contentForm(course.id), { intent: "publish", note: "First release" });
    expect(published.status).toBe(302);
    const after = await prisma.course.findUniqueOrThrow({ where: { id: course.id } });
    expect(after).toMatchObject({ status: "PUBLISHED", version: 1 });
    expect(await prisma.courseVersion.findMany({ where: { courseId: course.id }, select: { number: true, note: true, publishedByName: true } })).toEqual([
      { number: 1, note: "First release", publishedByName: "Ines Instructor" },
    ]);
    const page = visibleText(await (await new Browser().get(`/courses/${after.slug}`)).text());
    expect(page).toContain("Your first alert");
    expect(page).toContain("Quiz: Routing check");
    expect(page).toMatch(/Updated on \d{1,2} \w+ \d{4}/);
  });

  it("keeps every typed value next to the errors when the server refuses a form", async () => {
    const { browser, user } = await signedIn("INSTRUCTOR");
    const course = await authoredCourse(user.id);
    const lessonPath = `${studio(course.id)}/lessons/${course.lessons[0].id}`;
    const bad = await browser.post(lessonPath, {
      intent: "save-lesson",
      title: "ab",
      slug: "Not A Slug",
      summary: "Still a summary",
      moduleId: course.lessons[0].moduleId,
      estimatedMinutes: "many",
      bodyMarkdown: "My *typed* body that must survive",
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    const text = visibleText(html);
    expect(text).toContain("Use at least 3 characters.");
    expect(text).toContain("Use lowercase letters, digits and single hyphens.");
    expect(text).toContain("Enter the minutes as a number.");
    expect(html).toContain("My *typed* body that must survive");
    expect(html).toMatch(/value="Not A Slug"/);
    expect(html).toMatch(/aria-invalid="true"[^>]*name="title"|name="title"[^>]*aria-invalid="true"/);
    expect((await prisma.lesson.findUniqueOrThrow({ where: { id: course.lessons[0].id } })).title).toBe("Lesson number 1");

    // A slug the other lesson uses.
    const clash = await browser.post(lessonPath, { intent: "save-lesson", title: "Renamed", slug: "lesson-2", summary: "Fine summary", moduleId: course.lessons[0].moduleId, estimatedMinutes: "5" });
    expect(clash.status).toBe(400);
    expect(visibleText(await clash.text())).toContain("Another lesson or quiz of this course uses this slug.");

    const quizPath = `${studio(course.id)}/quizzes/${course.quizzes[0].id}`;
    const noAnswer = await browser.post(quizPath, { intent: "add-question", ...questionFields("What is a breadcrumb?", [["A trail of events", false], ["A bread", false]]) });
    expect(noAnswer.status).toBe(400);
    const quizHtml = await noAnswer.text();
    expect(visibleText(quizHtml)).toContain("Tick the correct option.");
    expect(quizHtml).toContain("What is a breadcrumb?");
    expect(quizHtml).toMatch(/value="A trail of events"/);

    const details = await browser.post(contentForm(course.id), { intent: "details", title: "A typed new title", summary: "too short", level: "BEGINNER", category: "Nowhere", estimatedMinutes: "30" });
    expect(details.status).toBe(400);
    const detailsHtml = await details.text();
    expect(visibleText(detailsHtml)).toContain("Write at least 10 characters.");
    expect(visibleText(detailsHtml)).toContain("Choose one of: Fundamentals");
    expect(detailsHtml).toMatch(/value="A typed new title"/);
    expect((await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).title).toBe(course.title);

    const badCourse = await browser.post("/instructor/courses/new", { intent: "create", title: "Typed title stays", slug: "Bad Slug!", summary: "short", level: "BEGINNER", category: "Fundamentals", estimatedMinutes: "30" });
    expect(badCourse.status).toBe(400);
    const courseHtml = await badCourse.text();
    expect(visibleText(courseHtml)).toContain("Write at least 10 characters.");
    expect(courseHtml).toMatch(/value="Typed title stays"/);
  });

  it("previews typed Markdown on the server without saving it", async () => {
    const { browser, user } = await signedIn("INSTRUCTOR");
    const course = await authoredCourse(user.id);
    const lessonPath = `${studio(course.id)}/lessons/${course.lessons[0].id}`;
    const response = await browser.post(lessonPath, { intent: "preview", title: "", bodyMarkdown: "## Draft heading\n\n<script>alert(1)</script>Visible" });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<h2>Draft heading</h2>");
    expect(html).not.toContain("<script>alert(1)");
    expect(visibleText(html)).toContain("Of what you typed (not saved yet)");
    expect((await prisma.lesson.findUniqueOrThrow({ where: { id: course.lessons[0].id } })).bodyMarkdown).not.toContain("Draft heading");
  });
});

describe("reordering", () => {
  it("keeps modules numbered 0… and lessons and quizzes in one sequence through the modules", async () => {
    const { browser, user } = await signedIn("INSTRUCTOR");
    const course = await authoredCourse(user.id, { lessons: 3 });
    // Modules: "First steps" (lessons 1, 2), "Going further" (lesson 3, quiz).
    const [l1, l2, l3] = course.lessons;
    const quiz = course.quizzes[0];
    const move = (kind: string, id: string, direction: string) => browser.post(contentForm(course.id), { intent: "move-item", kind, id, direction });

    expect((await move("lesson", l2.id, "down")).headers.get("Location")).toBe(`${studio(course.id)}#item-${l2.id}`);
    let o = await outline(course.id);
    expect(o.items.map((i) => [i[1], i[2]])).toEqual([
      ["Lesson number 1", "First steps"],
      ["Lesson number 2", "Going further"],
      ["Lesson number 3", "Going further"],
      ["Final quiz", "Going further"],
    ]);
    expectConsistent(o, ["First steps", "Going further"]);

    await move("quiz", quiz.id, "up"); // 2, quiz, 3
    await move("lesson", l1.id, "up"); // already first: nothing moves
    for (let i = 0; i < 3; i++) await move("lesson", l3.id, "up"); // 2, 3, quiz → 3, 2, quiz → into "First steps"
    o = await outline(course.id);
    expect(o.items.map((i) => [i[1], i[2]])).toEqual([
      ["Lesson number 1", "First steps"],
      ["Lesson number 3", "First steps"],
      ["Lesson number 2", "Going further"],
      ["Final quiz", "Going further"],
    ]);
    expectConsistent(o, ["First steps", "Going further"]);

    await browser.post(contentForm(course.id), { intent: "add-module", title: "Wrap-up" });
    const wrap = await prisma.courseModule.findFirstOrThrow({ where: { courseId: course.id, title: "Wrap-up" } });
    await browser.post(contentForm(course.id), { intent: "move-module", moduleId: wrap.id, direction: "up" });
    await browser.post(contentForm(course.id), { intent: "move-module", moduleId: wrap.id, direction: "up" });
    o = await outline(course.id);
    expectConsistent(o, ["Wrap-up", "First steps", "Going further"]);
    // The empty module is first now: lesson 1 moves up into it.
    await move("lesson", l1.id, "up");
    o = await outline(course.id);
    expect(o.items[0]).toEqual(["lesson", "Lesson number 1", "Wrap-up", 0]);
    expectConsistent(o, ["Wrap-up", "First steps", "Going further"]);

    // A module with lessons can't be deleted; an empty one can, and the rest close up.
    const refused = await browser.post(contentForm(course.id), { intent: "delete-module", moduleId: wrap.id });
    expect(visibleText(await (await browser.follow(refused)).text())).toContain("“Wrap-up” still has lessons or quizzes: move or delete them first.");
    await move("lesson", l1.id, "down");
    await browser.post(contentForm(course.id), { intent: "delete-module", moduleId: wrap.id });
    o = await outline(course.id);
    expectConsistent(o, ["First steps", "Going further"]);
    expect(o.items.map((i) => i[1])).toEqual(["Lesson number 1", "Lesson number 3", "Lesson number 2", "Final quiz"]);

    // The lesson editor moves a lesson to the end of another module; deleting closes the gap.
    await browser.post(`${studio(course.id)}/lessons/${l1.id}`, { intent: "save-lesson", title: "Lesson number 1", slug: "lesson-1", summary: "Moved.", moduleId: quiz.moduleId, estimatedMinutes: "5" });
    o = await outline(course.id);
    expect(o.items.map((i) => [i[1], i[2]])).toEqual([
      ["Lesson number 3", "First steps"],
      ["Lesson number 2", "Going further"],
      ["Final quiz", "Going further"],
      ["Lesson number 1", "Going further"],
    ]);
    expectConsistent(o, ["First steps", "Going further"]);
    await browser.post(`${studio(course.id)}/lessons/${l2.id}`, { intent: "delete-lesson" });
    o = await outline(course.id);
    expect(o.items.map((i) => i[1])).toEqual(["Lesson number 3", "Final quiz", "Lesson number 1"]);
    expectConsistent(o, ["First steps", "Going further"]);

    // The learner's course page walks the same order.
    const page = visibleText(await (await browser.get(`/courses/${course.slug}`)).text());
    expect(page.indexOf("Lesson number 3")).toBeLessThan(page.indexOf("Final quiz"));
    expect(page.indexOf("Final quiz")).toBeLessThan(page.indexOf("Lesson number 1"));
  });

  it("reorders quiz questions and keeps their positions unique", async () => {
    const { browser, user } = await signedIn("INSTRUCTOR");
    const course = await authoredCourse(user.id);
    const quiz = course.quizzes[0];
    const [q1, q2] = quiz.questions;
    const path = `${studio(course.id)}/quizzes/${quiz.id}`;
    await browser.post(path, { intent: "move-question", questionId: q2.id, direction: "up" });
    expect((await prisma.quizQuestion.findMany({ where: { quizId: quiz.id }, orderBy: { position: "asc" } })).map((q) => [q.id, q.position])).toEqual([
      [q2.id, 0],
      [q1.id, 1],
    ]);
    await browser.post(path, { intent: "delete-question", questionId: q2.id });
    expect((await prisma.quizQuestion.findMany({ where: { quizId: quiz.id } })).map((q) => [q.id, q.position])).toEqual([[q1.id, 0]]);
  });
});

describe("editing a published course", () => {
  it("keeps a learner's progress, records a version, and shows learners “Updated on”", async () => {
    const { browser: author, user } = await signedIn("INSTRUCTOR", "Edith Editor");
    const course = await authoredCourse(user.id, { lessons: 2, publish: false });
    expect(visibleText(await (await author.get(`/courses/${course.slug}`)).text())).not.toContain("Updated on");
    await author.post(contentForm(course.id), { intent: "publish", note: "" });
    const { browser: student, user: learner } = await signedIn("STUDENT");
    await student.post(`/courses/${course.slug}`, { intent: "enroll" });
    await student.post(`/courses/${course.slug}/lessons/lesson-1`, { intent: "complete" });

    const [l1, l2] = course.lessons;
    const saved = await author.post(`${studio(course.id)}/lessons/${l1.id}`, {
      intent: "save-lesson",
      title: "Lesson one, revised",
      slug: "lesson-1",
      summary: "Now with more detail.",
      moduleId: l1.moduleId,
      estimatedMinutes: "7",
      required: "on",
      bodyMarkdown: "## Revised\n\nCall `Sentry.captureException(error)` and read the **new** part.",
    });
    expect(saved.status).toBe(302);
    expect(visibleText(await (await author.follow(saved)).text())).toContain("Learners see it now; their progress is kept.");
    await author.post(contentForm(course.id), { intent: "move-item", kind: "lesson", id: l2.id, direction: "up" });

    expect(await prisma.lessonProgress.findUnique({ where: { userId_lessonId: { userId: learner.id, lessonId: l1.id } } })).toMatchObject({ completedAt: expect.any(Date) });
    const versions = await prisma.courseVersion.findMany({ where: { courseId: course.id }, orderBy: { number: "asc" }, select: { number: true, note: true } });
    expect(versions).toEqual([
      { number: 1, note: "Published" },
      { number: 2, note: "Edited the lesson “Lesson one, revised”" },
      { number: 3, note: "Moved the lesson “Lesson number 2” up" },
    ]);
    const coursePage = visibleText(await (await student.get(`/courses/${course.slug}`)).text());
    expect(coursePage).toMatch(/Updated on \d{1,2} \w+ \d{4}/);
    expect(coursePage).toContain("1 of 3 required items done");
    expect(coursePage).toMatch(/Lesson one, revised.*Done/);
    expect(visibleText(await (await student.get(`/courses/${course.slug}/lessons/lesson-1`)).text())).toContain("read the new part");

    const history = visibleText(await (await author.get(`${studio(course.id)}/versions?version=2`)).text());
    expect(history).toContain("Edited the lesson “Lesson one, revised”");
    expect(history).toContain("Edith Editor");
    expect(history).toMatch(/Version 2: .*Lesson one, revised · 7 min Edited/);
    expect((await author.get(`${studio(course.id)}/versions?version=99`)).status).toBe(404);
  });

  it("refuses to delete a course with learners, and unpublishing keeps their progress", async () => {
    const { browser: author, user } = await signedIn("INSTRUCTOR");
    const course = await authoredCourse(user.id);
    const { browser: student, user: learner } = await signedIn("STUDENT");
    await student.post(`/courses/${course.slug}/lessons/lesson-1`, { intent: "complete" });
    const refused = await author.post(contentForm(course.id), { intent: "delete-course" });
    expect(visibleText(await (await author.follow(refused)).text())).toContain("1 learner is enrolled: unpublish the course instead of deleting it");
    await author.post(contentForm(course.id), { intent: "unpublish" });
    expect((await student.get(`/courses/${course.slug}`)).status).toBe(404);
    expect(await prisma.lessonProgress.count({ where: { userId: learner.id } })).toBe(1);

    // The author previews the draft with a clear banner.
    const preview = visibleText(await (await author.get(`/courses/${course.slug}`)).text());
    expect(preview).toContain("Preview — not published");
    expect(preview).toContain("Back to the studio");
  });
});

describe("versions under concurrent edits", () => {
  it("two editors saving a published course at once each get their own version, and the latest holds both changes", async () => {
    const { updateLesson } = await import("~/modules/academy/lesson-authoring.server.ts");
    const { publishCourse } = await import("~/modules/academy/course-admin.server.ts");
    const author = await createUser({ role: "INSTRUCTOR", name: "Ada Author" });
    const admin = await createUser({ role: "ADMIN", name: "Abe Admin" });
    const course = await authoredCourse(author.id);
    await publishCourse(course.id, { id: author.id, name: author.name, role: "INSTRUCTOR" }, "First");
    const lessons = await prisma.lesson.findMany({ where: { courseId: course.id }, orderBy: { position: "asc" } });
    const edit = (lesson: (typeof lessons)[number], title: string, user: { id: string; name: string; role: RoleName }) =>
      updateLesson(course.id, lesson.id, { title, slug: lesson.slug, summary: lesson.summary, moduleId: lesson.moduleId, estimatedMinutes: lesson.estimatedMinutes, required: lesson.required, bodyMarkdown: lesson.bodyMarkdown }, user);
    await Promise.all([
      edit(lessons[0], "Edited by the author", { id: author.id, name: author.name, role: "INSTRUCTOR" }),
      edit(lessons[1], "Edited by an admin", { id: admin.id, name: admin.name, role: "ADMIN" }),
    ]);
    const versions = await prisma.courseVersion.findMany({ where: { courseId: course.id }, orderBy: { number: "asc" } });
    expect(versions.map((v) => v.number)).toEqual([1, 2, 3]);
    expect(versions.map((v) => v.publishedByName).slice(1).sort()).toEqual(["Abe Admin", "Ada Author"]);
    const latest = versions[2].snapshot as { lessons: { title: string }[] };
    expect(latest.lessons.map((l) => l.title)).toEqual(expect.arrayContaining(["Edited by the author", "Edited by an admin"]));
    expect((await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).version).toBe(3);
  });
});
