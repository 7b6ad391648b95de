/** The Academy over HTTP, as a browser without JavaScript uses it. */
import { describe, expect, it } from "vitest";
import { parseCatalog, writeCatalog } from "~/modules/academy/importer.server.ts";
import { completeLesson, submitQuiz } from "~/modules/academy/learning.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { NotFoundError } from "~/utils/errors.ts";
import { Browser, visibleText } from "../support/app.ts";
import { signedInBrowser } from "../support/signed-in.ts";
import { courseFiles, createCourse } from "../support/courses.ts";

const lessonPath = (course: { slug: string }, lessonSlug: string) => `/courses/${course.slug}/lessons/${lessonSlug}`;

describe("catalogue and search", () => {
  it("finds courses by words in their lessons, ranked, with highlighted snippets", async () => {
    await createCourse({ slug: "flamegraph-course", title: "Reading performance data", lessonBody: (i) => (i === 2 ? "## Flame graphs\n\nA flamegraph shows where CPU time goes." : "Nothing special.") });
    await createCourse({ slug: "other-course", title: "Something unrelated" });
    const response = await new Browser().get("/courses?q=flamegraph");
    const html = await response.text();
    const text = visibleText(html);
    expect(text).toContain("1 course for “flamegraph”");
    expect(text).toContain("Reading performance data");
    expect(text).toContain("Lesson: Lesson number 2");
    expect(html).toMatch(/<mark[^>]*>flamegraph<\/mark>/);
    expect(text).not.toContain("Something unrelated");
  });

  it("tolerates a typo by falling back to similar titles", async () => {
    await createCourse({ slug: "kubernetes-course", title: "Kubernetes observability" });
    const text = visibleText(await (await new Browser().get("/courses?q=kubrnetes")).text());
    expect(text).toContain("No exact matches for “kubrnetes”");
    expect(text).toContain("Kubernetes observability");
  });

  it("filters by level and platform through URL parameters, and hides drafts", async () => {
    await createCourse({ slug: "draft-course", title: "Unreleased draft course", publish: false });
    const text = visibleText(await (await new Browser().get("/courses?level=beginner&platform=javascript")).text());
    expect(text).not.toContain("Unreleased draft course");
    expect(text).toMatch(/\d+ courses?/);
    const none = visibleText(await (await new Browser().get("/courses?level=advanced&platform=javascript")).text());
    expect(none).toContain("No courses match these filters.");
  });

  it("shows a draft only to its author and admins, as a preview", async () => {
    const draft = await createCourse({ slug: "secret-draft", title: "Secret draft", publish: false });
    const author = await signedInBrowser("INSTRUCTOR");
    await prisma.course.update({ where: { id: draft.id }, data: { authorId: author.user.id } });
    expect((await new Browser().get("/courses/secret-draft")).status).toBe(404);
    expect((await (await signedInBrowser("STUDENT")).browser.get("/courses/secret-draft")).status).toBe(404);
    expect((await (await signedInBrowser("INSTRUCTOR")).browser.get("/courses/secret-draft")).status).toBe(404);
    for (const { browser } of [author, await signedInBrowser("ADMIN")]) {
      const page = await browser.get("/courses/secret-draft");
      expect(page.status).toBe(200);
      expect(visibleText(await page.text())).toContain("Draft preview");
    }
  });
});

describe("learning a course to its certificate", () => {
  it("enrols, completes lessons, fails then passes the quiz, and gets a verifiable certificate", async () => {
    const course = await createCourse({ slug: "journey-course", title: "Journey course", lessons: 2 });
    const { browser, user } = await signedInBrowser("STUDENT", { name: "Grace Hopper" });

    const enrol = await browser.post(`/courses/${course.slug}`, { intent: "enroll" });
    expect(enrol.headers.get("Location")).toBe(lessonPath(course, "lesson-1"));

    const first = await browser.post(lessonPath(course, "lesson-1"), { intent: "complete" });
    expect(first.headers.get("Location")).toBe(lessonPath(course, "lesson-2"));
    await browser.post(lessonPath(course, "lesson-2"), { intent: "complete" });
    const coursePage = visibleText(await (await browser.get(`/courses/${course.slug}`)).text());
    expect(coursePage).toContain("2 of 3 required items done");
    expect(coursePage).toMatch(/Continue\s*:\s*Final quiz/);

    const quiz = course.quizzes[0];
    const [q1, q2] = quiz.questions;
    const quizPath = `/courses/${course.slug}/quizzes/${quiz.slug}`;
    // The right answers are not in the page before submitting.
    expect(await (await browser.get(quizPath)).text()).not.toContain('"correct"');
    const failed = await browser.request(quizPath, {
      method: "POST",
      body: new URLSearchParams([[`q:${q1.id}`, "o1"], [`q:${q2.id}`, "o1"]]),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    const failedText = visibleText(await failed.text());
    expect(failedText).toContain("Not passed yet: 50%");
    expect(failedText).toContain("Tracing and Replay are; spreadsheets are not.");
    expect(await prisma.certificate.count({ where: { userId: user.id } })).toBe(0);

    const passed = await browser.request(quizPath, {
      method: "POST",
      body: new URLSearchParams([[`q:${q1.id}`, "o1"], [`q:${q2.id}`, "o1"], [`q:${q2.id}`, "o2"]]),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    const passedText = visibleText(await passed.text());
    expect(passedText).toContain("Passed: 100%");
    expect(passedText).toContain("Best score: 100%");
    const certificate = await prisma.certificate.findFirstOrThrow({ where: { userId: user.id } });

    // Anyone can verify it, logged out.
    const verify = visibleText(await (await new Browser().get(`/certificates/${certificate.id}`)).text());
    expect(verify).toContain("Grace Hopper");
    expect(verify).toContain("Journey course");
    expect(verify).toContain(certificate.verificationCode);
    expect(verify).toContain("Valid certificate");
    const pdf = await new Browser().get(`/certificates/${certificate.id}/pdf`);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");

    const badges = (await prisma.userBadge.findMany({ where: { userId: user.id } })).map((b) => b.badge).sort();
    expect(badges).toEqual(["first-course", "first-lesson", "quiz-ace"]);
    const dashboard = visibleText(await (await browser.get("/dashboard")).text());
    expect(dashboard).toContain("Current streak 1 day");
    expect(dashboard).toContain("View certificate");
  });

  it("lets only admins revoke a certificate, and the public page then says so", async () => {
    const course = await createCourse({ lessons: 1, quiz: false });
    const { browser: student, user } = await signedInBrowser();
    await student.post(lessonPath(course, "lesson-1"), { intent: "complete" });
    const certificate = await prisma.certificate.findFirstOrThrow({ where: { userId: user.id } });

    expect((await student.post(`/certificates/${certificate.id}`, { intent: "revoke", reason: "cheating" })).status).toBe(403);
    const { browser: admin } = await signedInBrowser("ADMIN");
    const empty = await admin.post(`/certificates/${certificate.id}`, { intent: "revoke", reason: "" });
    expect(empty.status).toBe(400);
    expect(visibleText(await empty.text())).toContain("Say why it is revoked");
    await admin.post(`/certificates/${certificate.id}`, { intent: "revoke", reason: "Issued by mistake" });
    expect(visibleText(await (await new Browser().get(`/certificates/${certificate.id}`)).text())).toContain("Revoked: Issued by mistake");
  });

  it("keeps a learner's progress when the course is imported again with edits", async () => {
    const { slug, files } = courseFiles({ slug: "reimport-course", lessons: 2 });
    let parsed = parseCatalog(files);
    if (!parsed.ok) throw new Error("fixture");
    await writeCatalog(prisma, parsed.catalog, { publish: true });
    const { browser, user } = await signedInBrowser();
    await browser.post(`/courses/${slug}/lessons/lesson-1`, { intent: "complete" });
    files.set(`courses/${slug}/01-lesson-1.md`, files.get(`courses/${slug}/01-lesson-1.md`)!.replace("Call", "Now call"));
    parsed = parseCatalog(files);
    if (!parsed.ok) throw new Error("fixture");
    await writeCatalog(prisma, parsed.catalog, { publish: true });
    expect(await prisma.lessonProgress.count({ where: { userId: user.id, completedAt: { not: null } } })).toBe(1);
    expect(visibleText(await (await browser.get(`/courses/${slug}/lessons/lesson-1`)).text())).toContain("Now call");
  });

  it("answers a lesson completed or a quiz submitted while its course is deleted with 404, not a crash", async () => {
    // The course is deleted between the page's visibility check and the learner's write (the fuzz
    // test found this race): the write fails on a foreign key and must read as "not here any more".
    const course = await createCourse({ slug: "vanishing-course", lessons: 1 });
    const { user } = await signedInBrowser();
    const ghost = { id: course.lessons[0]!.id, courseId: "no-such-course" };
    await expect(completeLesson(user.id, ghost)).rejects.toBeInstanceOf(NotFoundError);
    const quiz = course.quizzes[0]!;
    await expect(submitQuiz(user.id, { id: quiz.id, courseId: "no-such-course", passMark: 70 }, {})).rejects.toBeInstanceOf(NotFoundError);
  });
});

const NASTY = [
  "<script>window.__xss = 1; alert('xss')</script>",
  '<img src="x" onerror="alert(1)">',
  "[click me](javascript:alert(1))",
  '<a href="javascript:alert(2)" onclick="alert(3)">raw link</a>',
].join("\n\n");

/** No live script element, event-handler attribute or javascript: URL (escaped source text in an edit box is fine). */
function expectInert(html: string) {
  expect(html).not.toContain("<script>window.__xss");
  expect(html).not.toMatch(/<[a-z][^>]*\son(error|click)=/i);
  expect(html).not.toMatch(/<a[^>]*href="javascript:/i);
}

describe("untrusted Markdown renders inert", () => {
  it("in lessons", async () => {
    const course = await createCourse({ lessons: 1, lessonBody: () => NASTY });
    const html = await (await new Browser().get(lessonPath(course, "lesson-1"))).text();
    expectInert(html);
    expect(visibleText(html)).toContain("click me");
  });

  it("in discussion posts and replies", async () => {
    const course = await createCourse({ lessons: 1 });
    const { browser } = await signedInBrowser();
    await browser.post(lessonPath(course, "lesson-1"), { intent: "post", body: NASTY });
    const post = await prisma.discussionPost.findFirstOrThrow({ where: { lesson: { courseId: course.id } } });
    await browser.post(lessonPath(course, "lesson-1"), { intent: "post", parentId: post.id, body: NASTY });
    const html = await (await browser.get(lessonPath(course, "lesson-1"))).text();
    expectInert(html);
  });
});

describe("lesson page", () => {
  it("plays a video with a captions track, and links previous and next", async () => {
    const course = await createCourse({ lessons: 2 });
    await prisma.lesson.update({ where: { id: course.lessons[1].id }, data: { videoUrl: "/media/demo.mp4", captionsUrl: "/media/demo.en.vtt" } });
    const html = await (await new Browser().get(lessonPath(course, "lesson-2"))).text();
    expect(html).toMatch(/<video[^>]*controls=""[^>]*preload="metadata"[^>]*>\s*<source src="\/media\/demo.mp4" type="video\/mp4"\/>/);
    expect(html).toMatch(/<track kind="captions" srcLang="en" label="English" src="\/media\/demo.en.vtt"/i);
    expect(html).toMatch(/<a[^>]*rel="prev"[^>]*href="\/courses\/[^"]+\/lessons\/lesson-1"|<a[^>]*href="\/courses\/[^"]+\/lessons\/lesson-1"[^>]*rel="prev"/);
  });
});

describe("bookmarks, notes and discussion", () => {
  it("keeps notes private and lists them with bookmarks on My notes", async () => {
    const course = await createCourse({ lessons: 1 });
    const { browser } = await signedInBrowser();
    await browser.post(lessonPath(course, "lesson-1"), { intent: "bookmark", on: "true" });
    await browser.post(lessonPath(course, "lesson-1"), { intent: "note", body: "Remember to set the release name" });
    const notes = visibleText(await (await browser.get("/notes")).text());
    expect(notes).toContain("Lesson number 1");
    expect(notes).toContain("Remember to set the release name");
    const { browser: other } = await signedInBrowser();
    expect(await (await other.get(lessonPath(course, "lesson-1"))).text()).not.toContain("Remember to set the release name");
  });

  it("lets authors edit their own posts only, and instructors hide posts", async () => {
    const course = await createCourse({ lessons: 1 });
    const { browser: author } = await signedInBrowser("STUDENT", { name: "Post Author" });
    const empty = await author.post(lessonPath(course, "lesson-1"), { intent: "post", body: " " });
    expect(empty.status).toBe(400);
    expect(visibleText(await empty.text())).toContain("Write at least 2 characters");
    await author.post(lessonPath(course, "lesson-1"), { intent: "post", body: "How do I **upload** source maps?" });
    const post = await prisma.discussionPost.findFirstOrThrow({ where: { lesson: { courseId: course.id } } });

    const { browser: other } = await signedInBrowser("STUDENT", { name: "Someone Else" });
    await other.post(lessonPath(course, "lesson-1"), { intent: "post", parentId: post.id, body: "Use sentry-cli sourcemaps upload." });
    const hijacked = await other.post(lessonPath(course, "lesson-1"), { intent: "edit-post", postId: post.id, body: "hijacked" });
    expect(hijacked.status).toBe(403);
    // The error page gives the thrower's reason, not the role text (decision 023).
    expect(visibleText(await hijacked.text())).toContain("You can only edit your own posts.");
    await author.post(lessonPath(course, "lesson-1"), { intent: "edit-post", postId: post.id, body: "How do I upload source maps with Vite?" });
    let page = visibleText(await (await other.get(lessonPath(course, "lesson-1"))).text());
    expect(page).toContain("How do I upload source maps with Vite?");
    expect(page).toContain("edited");
    expect(page).toContain("Use sentry-cli sourcemaps upload.");

    expect((await other.post(lessonPath(course, "lesson-1"), { intent: "hide-post", postId: post.id, hidden: "true" })).status).toBe(403);
    const { browser: instructor, user: author2 } = await signedInBrowser("INSTRUCTOR");
    await prisma.course.update({ where: { id: course.id }, data: { authorId: author2.id } });
    await instructor.post(lessonPath(course, "lesson-1"), { intent: "hide-post", postId: post.id, hidden: "true" });
    page = visibleText(await (await other.get(lessonPath(course, "lesson-1"))).text());
    expect(page).toContain("This post was hidden by an instructor.");
    expect(page).not.toContain("How do I upload source maps with Vite?");
  });

  it("lets instructors hide posts only in their own courses (admins in any)", async () => {
    const { browser: instructor, user: owner } = await signedInBrowser("INSTRUCTOR", { name: "Course Owner" });
    const { browser: instructor2, user: owner2 } = await signedInBrowser("INSTRUCTOR", { name: "Other Instructor" });
    const { browser: admin } = await signedInBrowser("ADMIN");
    const course = await createCourse({ lessons: 1 });
    const theirs = await createCourse({ lessons: 1 });
    await prisma.course.update({ where: { id: course.id }, data: { authorId: owner.id } });
    const { browser: student } = await signedInBrowser("STUDENT", { name: "Poster" });
    await student.post(lessonPath(course, "lesson-1"), { intent: "post", body: "A question in the owner's course" });
    const post = await prisma.discussionPost.findFirstOrThrow({ where: { lesson: { courseId: course.id } } });

    // instructor2 is not this course's author: refused, post unchanged, and no moderation button.
    const refused = await instructor2.post(lessonPath(course, "lesson-1"), { intent: "hide-post", postId: post.id, hidden: "true" });
    expect(refused.status).toBe(403);
    const refusedText = visibleText(await refused.text());
    expect(refusedText).toContain("Only the course's instructor can hide posts.");
    expect(refusedText).not.toContain("ask an admin to change your role");
    expect((await prisma.discussionPost.findUniqueOrThrow({ where: { id: post.id } })).hiddenAt).toBeNull();
    expect(await (await instructor2.get(lessonPath(course, "lesson-1"))).text()).not.toContain('value="hide-post"');

    // instructor2 moderates her own course.
    await prisma.course.update({ where: { id: theirs.id }, data: { authorId: owner2.id } });
    await student.post(lessonPath(theirs, "lesson-1"), { intent: "post", body: "A question in instructor2's course" });
    const own = await prisma.discussionPost.findFirstOrThrow({ where: { lesson: { courseId: theirs.id } } });
    expect((await instructor2.post(lessonPath(theirs, "lesson-1"), { intent: "hide-post", postId: own.id, hidden: "true" })).status).toBe(302);
    expect((await prisma.discussionPost.findUniqueOrThrow({ where: { id: own.id } })).hiddenAt).not.toBeNull();

    // The owner and an admin may.
    expect((await instructor.post(lessonPath(course, "lesson-1"), { intent: "hide-post", postId: post.id, hidden: "true" })).status).toBe(302);
    expect((await prisma.discussionPost.findUniqueOrThrow({ where: { id: post.id } })).hiddenAt).not.toBeNull();
    expect((await admin.post(lessonPath(course, "lesson-1"), { intent: "hide-post", postId: post.id, hidden: "false" })).status).toBe(302);
    expect((await prisma.discussionPost.findUniqueOrThrow({ where: { id: post.id } })).hiddenAt).toBeNull();
  });
});
