/**
 * The Academy JSON API over HTTP (build/index.js): every endpoint with a
 * session cookie and with a personal API token; the public catalogue and its
 * filters and paging; drafts only for who may edit them; course writes only
 * for the course's author or an admin (never a student); the 400 bodies naming
 * each field, 401/403/404/409; cookie writes refused unless JSON from this
 * site; enrolments and progress per user. Every answer is checked against the
 * OpenAPI document (tests/support/api-client.ts); the document itself: openapi.test.ts.
 */
import { describe, expect, it } from "vitest";
import { createApiToken } from "~/modules/accounts/api-tokens.server.ts";
import { prisma } from "~/utils/db.server.ts";
import type { RoleName } from "~/utils/permissions.ts";
import { Browser } from "../support/app.ts";
import { createCourse } from "../support/courses.ts";
import { apiClient, type Client, expectDocumented, expectJson, send } from "../support/api-client.ts";

// ───────────── clients (tests/support/api-client.ts: each answer is checked against the OpenAPI document) ─────────────

type Caller = { user: { id: string; name: string }; client: Client };

/** Writes are JSON (what a script or the site's own JavaScript sends); `body: undefined` still says so, as the API asks of cookie writes. */
const cookieClient = (role: RoleName = "STUDENT", name = "Cookie Caller"): Promise<Caller> => apiClient({ auth: "cookie", role, name, jsonWrites: true });
const bearerClient = (role: RoleName = "STUDENT", name = "Token Caller"): Promise<Caller> => apiClient({ auth: "bearer", role, name, jsonWrites: true });
const guest: Client = (method, pathname, body, headers = {}) => send(new Browser(), method, pathname, body, headers, true);

const BOTH = [
  ["session cookie", cookieClient],
  ["API token", bearerClient],
] as const;

async function expectError(response: Response, status: number, error: string) {
  const body = await expectJson(response, status);
  expect(body.error).toBe(error);
  expect(typeof body.message).toBe("string");
  return body;
}

let counter = 0;
/** A course written through the real importer (two lessons and a quiz), authored by `authorId`. */
async function course(opts: { authorId?: string; publish?: boolean; title?: string; lessons?: number } = {}) {
  counter += 1;
  const made = await createCourse({ slug: `api-course-${counter}`, title: opts.title ?? `Api course ${counter}`, publish: opts.publish ?? true, lessons: opts.lessons });
  if (opts.authorId) await prisma.course.update({ where: { id: made.id }, data: { authorId: opts.authorId } });
  return made;
}

const validInput = (overrides: Record<string, unknown> = {}) => ({
  title: `Shipping releases ${++counter}`,
  summary: "Tag releases and see what each deploy changed.",
  description: "## Why\n\nReleases tie errors to **deploys**.",
  level: "INTERMEDIATE",
  category: "Operations",
  tags: ["releases", "deploys"],
  features: ["releases"],
  platforms: ["javascript", "python"],
  estimatedMinutes: 45,
  ...overrides,
});

// ───────────── the endpoints ─────────────


// ───────────── tests ─────────────

describe("Academy API: the catalogue", () => {
  it("lists published courses to guests, filtered and paged, with a `next` link, and never a draft", async () => {
    const titles = ["Alpha alerts", "Beta breadcrumbs", "Gamma grouping"];
    for (const title of titles) await course({ title });
    await course({ title: "Delta draft", publish: false });
    await prisma.course.updateMany({ where: { title: "Gamma grouping" }, data: { level: "ADVANCED", platforms: ["python"], features: ["tracing"], category: "Backend" } });

    const first = await guest("GET", "/api/courses?limit=2");
    const page1 = await expectJson(first, 200);
    expect(first.headers.get("Cache-Control")).toBe("public, max-age=10");
    expect(page1.courses.map((c: { title: string }) => c.title)).toEqual(["Alpha alerts", "Beta breadcrumbs"]);
    expect(page1.page).toEqual({ number: 1, limit: 2, total: 3, pages: 2, next: "/api/courses?limit=2&page=2" });
    expect(page1.courses[0]).toMatchObject({ status: "published", level: "BEGINNER", category: "Fundamentals", lessonCount: 2, quizCount: 1, editable: false });
    expect(page1.courses[0].url).toMatch(/\/courses\/api-course-\d+$/);

    const page2 = await expectJson(await guest("GET", page1.page.next), 200);
    expect(page2.courses.map((c: { title: string }) => c.title)).toEqual(["Gamma grouping"]);
    expect(page2.page.next).toBeNull();

    for (const query of ["level=advanced", "platform=python", "feature=tracing", "category=backend"]) {
      const body = await expectJson(await guest("GET", `/api/courses?${query}`), 200);
      expect(body.courses.map((c: { title: string }) => c.title), query).toEqual(["Gamma grouping"]);
    }
    const search = await expectJson(await guest("GET", "/api/courses?q=breadcrumbs"), 200);
    expect(search.courses.map((c: { title: string }) => c.title)).toEqual(["Beta breadcrumbs"]);
    const past = await expectJson(await guest("GET", "/api/courses?page=9"), 200);
    expect(past).toMatchObject({ courses: [], page: { number: 9, total: 3, pages: 1, next: null } });

    // The same list with a cookie or a token (private, never cached).
    for (const [, make] of BOTH) {
      const response = await (await make()).client("GET", "/api/courses");
      expect((await expectJson(response, 200)).courses).toHaveLength(3);
      expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    }
  });

  it("answers 400 naming each bad query parameter", async () => {
    const body = await expectError(await guest("GET", "/api/courses?level=expert&limit=0&platform=cobol&feature=magic&status=secret&page=x"), 400, "invalid_request");
    expect(Object.keys(body.fields).sort()).toEqual(["feature", "level", "limit", "page", "platform", "status"]);
    expect(body.fields.level[0]).toContain("BEGINNER");
  });

  it("shows drafts only to who may edit them: the author with `mine` or `status`, any draft to an admin", async () => {
    const author = await cookieClient("INSTRUCTOR", "Author");
    const other = await bearerClient("INSTRUCTOR", "Other instructor");
    const draft = await course({ authorId: author.user.id, publish: false, title: "Authored draft" });
    const published = await course({ authorId: author.user.id, title: "Authored published" });
    await course({ authorId: other.user.id, publish: false, title: "Someone else's draft" });

    const mine = await expectJson(await author.client("GET", "/api/courses?mine=true"), 200);
    expect(mine.courses.map((c: { title: string }) => c.title)).toEqual(["Authored draft", "Authored published"]);
    expect(mine.courses.every((c: { editable: boolean }) => c.editable)).toBe(true);
    const drafts = await expectJson(await author.client("GET", "/api/courses?status=draft"), 200);
    expect(drafts.courses.map((c: { id: string }) => c.id)).toEqual([draft.id]);
    // (Earlier tests' courses are in this database too.)
    const all = (await expectJson(await other.client("GET", "/api/courses?status=all&limit=100"), 200)).courses.map((c: { title: string }) => c.title);
    expect(all).toEqual(expect.arrayContaining(["Authored published", "Someone else's draft"]));
    expect(all).not.toContain("Authored draft");

    const admin = await bearerClient("ADMIN", "Admin");
    const adminDrafts = await expectJson(await admin.client("GET", "/api/courses?status=draft&limit=100"), 200);
    expect(adminDrafts.courses.map((c: { title: string }) => c.title)).toEqual(expect.arrayContaining(["Authored draft", "Someone else's draft"]));
    expect(adminDrafts.courses.every((c: { status: string; editable: boolean }) => c.status === "draft" && c.editable)).toBe(true);

    await expectError(await guest("GET", "/api/courses?mine=true"), 401, "unauthorized");
    for (const [, make] of BOTH) await expectError(await (await make("STUDENT")).client("GET", "/api/courses?status=draft"), 403, "forbidden");

    // One course by id or slug; a draft is a 404 for guests, students and other instructors.
    for (const ref of [draft.id, draft.slug]) {
      const body = await expectJson(await author.client("GET", `/api/courses/${ref}`), 200);
      expect(body).toMatchObject({ id: draft.id, status: "draft", editable: true });
      expect(body.modules.map((m: { title: string }) => m.title)).toEqual(["First steps", "Going further"]);
      expect(body.modules[1].items.map((i: { kind: string }) => i.kind)).toEqual(["lesson", "quiz"]);
      expect((await expectJson(await admin.client("GET", `/api/courses/${ref}`), 200)).editable).toBe(true);
      await expectError(await guest("GET", `/api/courses/${ref}`), 404, "not_found");
      await expectError(await other.client("GET", `/api/courses/${ref}`), 404, "not_found");
      await expectError(await (await cookieClient("STUDENT")).client("GET", `/api/courses/${ref}/lessons`), 404, "not_found");
    }
    const publicView = await expectJson(await guest("GET", `/api/courses/${published.slug}`), 200);
    expect(publicView).toMatchObject({ id: published.id, status: "published", editable: false, descriptionHtml: expect.stringContaining("A course for tests.") });
    await expectError(await guest("GET", "/api/courses/no-such-course"), 404, "not_found");
  });

  it("answers 401 to a malformed or revoked token even where guests may read", async () => {
    const response = await guest("GET", "/api/courses", undefined, { Authorization: "Bearer sa_nope" });
    await expectError(response, 401, "unauthorized");
    expect(response.headers.get("WWW-Authenticate")).toContain('error="invalid_token"');
  });
});

describe("Academy API: writing courses", () => {
  for (const [auth, make] of BOTH) {
    it(`creates, changes, publishes and deletes a course (${auth})`, async () => {
      const author = await make("INSTRUCTOR", "Ines Instructor");
      const created = await author.client("POST", "/api/courses", validInput({ title: `Release health via ${auth}` }));
      const body = await expectJson(created, 201);
      expect(created.headers.get("Location")).toBe(`/api/courses/${body.id}`);
      expect(body).toMatchObject({ status: "draft", editable: true, lessonCount: 0, level: "INTERMEDIATE", tags: ["releases", "deploys"], modules: [] });
      expect(body.descriptionHtml).toContain("<strong>deploys</strong>");
      expect((await prisma.course.findUniqueOrThrow({ where: { id: body.id } })).authorId).toBe(author.user.id);

      // A partial PUT changes only what it sends.
      const changed = await expectJson(await author.client("PUT", `/api/courses/${body.id}`, { summary: "See what every deploy changed, and roll back." }), 200);
      expect(changed).toMatchObject({ summary: "See what every deploy changed, and roll back.", tags: ["releases", "deploys"], features: ["releases"], platforms: ["javascript", "python"] });
      expect(changed.descriptionHtml).toContain("<strong>deploys</strong>");

      // Publishing needs a lesson: refused, and nothing written.
      const refused = await expectError(await author.client("PUT", `/api/courses/${body.id}`, { title: "Never saved", status: "published" }), 409, "conflict");
      expect(refused.message).toContain("lesson");
      expect(await prisma.course.findUniqueOrThrow({ where: { id: body.id }, select: { title: true, status: true } })).toEqual({ title: body.title, status: "DRAFT" });

      const deleted = await expectJson(await author.client("DELETE", `/api/courses/${body.id}`), 200);
      expect(deleted).toEqual({ deleted: true, id: body.id });
      await expectError(await author.client("GET", `/api/courses/${body.id}`), 404, "not_found");
    });
  }

  it("publishes and unpublishes with `status`, one version per publish", async () => {
    const author = await bearerClient("INSTRUCTOR");
    const draft = await course({ authorId: author.user.id, publish: false });
    const guestList = async () => (await expectJson(await guest("GET", "/api/courses?limit=100"), 200)).courses.map((c: { id: string }) => c.id);
    expect(await guestList()).not.toContain(draft.id);

    // A quiz nobody could pass (no questions) blocks publishing, as in the studio.
    const quiz = await prisma.quiz.findFirstOrThrow({ where: { courseId: draft.id } });
    const empty = await prisma.quiz.create({ data: { courseId: draft.id, moduleId: quiz.moduleId, slug: "empty-quiz", title: "Empty quiz", position: 99 } });
    const blocked = await expectError(await author.client("PUT", `/api/courses/${draft.id}`, { status: "published" }), 409, "conflict");
    expect(blocked.message).toContain("“Empty quiz” has no questions");
    expect((await prisma.course.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("DRAFT");
    await prisma.quiz.delete({ where: { id: empty.id } });

    const published = await expectJson(await author.client("PUT", `/api/courses/${draft.id}`, { status: "published", estimatedMinutes: "50" }), 200);
    expect(published).toMatchObject({ status: "published", version: 1, estimatedMinutes: 50 });
    expect((await expectJson(await guest("GET", `/api/courses/${draft.slug}`), 200)).status).toBe("published");
    // Guests see the change at once (behind the page cache of a running server: within its 10 s).
    expect(await guestList()).toContain(draft.id);

    const back = await expectJson(await author.client("PUT", `/api/courses/${draft.slug}`, { status: "draft" }), 200);
    expect(back).toMatchObject({ status: "draft", version: 1 });
    expect(await prisma.courseVersion.count({ where: { courseId: draft.id } })).toBe(1);
    await expectError(await guest("GET", `/api/courses/${draft.slug}`), 404, "not_found");
    expect(await guestList()).not.toContain(draft.id);
  });

  it("answers 400 naming each bad or unknown field, and 409 for a taken slug", async () => {
    const { client } = await cookieClient("INSTRUCTOR");
    const bad = await expectError(
      await client("POST", "/api/courses", { summary: "short", level: "EXPERT", category: "Cooking", features: ["errors", "telepathy"], estimatedMinutes: 0, colour: "purple" }),
      400,
      "invalid_request",
    );
    expect(Object.keys(bad.fields).sort()).toEqual(["category", "colour", "estimatedMinutes", "features[1]", "level", "summary", "title"]);
    expect(bad.fields.title).toEqual(["Enter a title."]);
    expect(bad.fields["features[1]"][0]).toContain("telepathy");
    expect(bad.fields.colour[0]).toContain("Unknown field");
    expect(await prisma.course.count({ where: { summary: "short" } })).toBe(0);

    const { id, slug } = await expectJson(await client("POST", "/api/courses", validInput()), 201);
    const empty = await expectError(await client("PUT", `/api/courses/${id}`, {}), 400, "invalid_request");
    expect(empty.fields[""][0]).toContain("Send at least one of");
    const badPut = await expectError(await client("PUT", `/api/courses/${id}`, { status: "live", slug: "Not A Slug" }), 400, "invalid_request");
    expect(Object.keys(badPut.fields).sort()).toEqual(["slug", "status"]);
    const notJson = await client("POST", "/api/courses", undefined, { "Content-Type": "application/json" });
    await expectError(notJson, 400, "invalid_request");

    const taken = await expectError(await client("POST", "/api/courses", validInput({ slug })), 409, "conflict");
    expect(taken.message).toContain(slug);
    const other = await expectJson(await client("POST", "/api/courses", validInput()), 201);
    await expectError(await client("PUT", `/api/courses/${other.id}`, { slug, title: "Renamed for nothing" }), 409, "conflict");
    expect((await prisma.course.findUniqueOrThrow({ where: { id: other.id } })).title).toBe(other.title);
  });

  it("lets only the course's author or an admin change it: another instructor gets 403, a hidden draft 404", async () => {
    const author = await cookieClient("INSTRUCTOR", "Author");
    const other = await bearerClient("INSTRUCTOR", "Other");
    const published = await course({ authorId: author.user.id });
    const draft = await course({ authorId: author.user.id, publish: false });
    await expectError(await other.client("PUT", `/api/courses/${published.id}`, { summary: "Hijacked summary text" }), 403, "forbidden");
    await expectError(await other.client("DELETE", `/api/courses/${published.id}`), 403, "forbidden");
    await expectError(await other.client("PUT", `/api/courses/${draft.id}`, { summary: "Hijacked summary text" }), 404, "not_found");
    await expectError(await other.client("PUT", "/api/courses/no-such-course", { summary: "Nothing to see here" }), 404, "not_found");
    expect((await prisma.course.findUniqueOrThrow({ where: { id: published.id } })).summary).toBe(published.summary);

    const admin = await cookieClient("ADMIN");
    expect((await expectJson(await admin.client("PUT", `/api/courses/${published.id}`, { summary: "Edited by an admin." }), 200)).summary).toBe("Edited by an admin.");
  });

  it("refuses to delete a course with learners (409) and keeps it", async () => {
    const author = await bearerClient("INSTRUCTOR");
    const taken = await course({ authorId: author.user.id });
    const learner = await bearerClient("STUDENT");
    await expectJson(await learner.client("POST", "/api/enrollments", { courseId: taken.id }), 201);
    const refused = await expectError(await author.client("DELETE", `/api/courses/${taken.id}`), 409, "conflict");
    expect(refused.message).toContain("1 learner is enrolled");
    expect(await prisma.course.count({ where: { id: taken.id } })).toBe(1);
  });

  it("never lets a student (cookie or token) or a guest reach a course write, and writes nothing", async () => {
    const owned = await course();
    const before = await prisma.course.findMany({ orderBy: { id: "asc" } });
    const writes = [
      ["POST", "/api/courses", validInput()],
      ["PUT", `/api/courses/${owned.id}`, { summary: "A student's summary." }],
      ["PUT", `/api/courses/${owned.id}`, { status: "draft" }],
      ["DELETE", `/api/courses/${owned.id}`, undefined],
    ] as const;
    for (const [method, pathname, body] of writes) {
      for (const [, make] of BOTH) await expectError(await (await make("STUDENT")).client(method, pathname, body), 403, "forbidden");
      await expectError(await guest(method, pathname, body), 401, "unauthorized");
    }
    expect(await prisma.course.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("refuses a cookie-signed write that is not JSON or comes from another site (CSRF); a token needs neither", async () => {
    const author = await cookieClient("INSTRUCTOR");
    const form = await author.client("POST", "/api/courses", undefined, { "Content-Type": "application/x-www-form-urlencoded" });
    await expectError(form, 403, "cross_site_request");
    const evil = await author.client("POST", "/api/courses", validInput(), { Origin: "https://evil.example" });
    await expectError(evil, 403, "cross_site_request");
    const sibling = await author.client("POST", "/api/courses", validInput(), { "Sec-Fetch-Site": "same-site" });
    await expectError(sibling, 403, "cross_site_request");
    expect(await prisma.course.count({ where: { authorId: author.user.id } })).toBe(0);
    await expectJson(await author.client("POST", "/api/courses", validInput(), { Origin: "http://localhost:3000", "Sec-Fetch-Site": "same-origin" }), 201);

    // A token may post a form: a browser never sends an Authorization header on its own.
    const script = await bearerClient("INSTRUCTOR");
    const fields = { ...validInput(), tags: "releases, deploys", features: "releases", platforms: "python", estimatedMinutes: "20" };
    const response = await new Browser().request("/api/courses", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: await tokenHeader(script.user.id) },
      body: new URLSearchParams(fields),
    });
    await expectDocumented("POST", "/api/courses", response);
    expect((await expectJson(response, 201)).tags).toEqual(["releases", "deploys"]);
  });
});

/** A fresh token for the user, as an Authorization header value. */
async function tokenHeader(userId: string) {
  return `Bearer ${(await createApiToken(userId, "form post")).token}`;
}

describe("Academy API: lessons", () => {
  for (const [auth, make] of BOTH) {
    it(`reads a course's lessons and a lesson as Markdown and HTML, public when published (${auth})`, async () => {
      const published = await course({ lessons: 3 });
      const listed = await expectJson(await guest("GET", `/api/courses/${published.slug}/lessons`), 200);
      expect(listed.course).toEqual({ id: published.id, slug: published.slug, title: published.title, status: "published" });
      expect(listed.lessons.map((l: { slug: string }) => l.slug)).toEqual(["lesson-1", "lesson-2", "lesson-3"]);
      expect(listed.lessons[0]).not.toHaveProperty("completed");
      expect(listed.lessons[2].module.title).toBe("Going further");

      const lessonId = published.lessons[0].id;
      const lesson = await expectJson(await guest("GET", `/api/lessons/${lessonId}`), 200);
      expect(lesson).toMatchObject({ id: lessonId, title: "Lesson number 1", course: { id: published.id, status: "published" }, module: { title: "First steps" } });
      expect(lesson.bodyMarkdown).toContain("`Sentry.captureException(error)`");
      expect(lesson.bodyHtml).toContain("<code>Sentry.captureException(error)</code>");
      expect(lesson.url).toMatch(new RegExp(`/courses/${published.slug}/lessons/lesson-1$`));
      expect(lesson).not.toHaveProperty("completed");

      // Signed in (no enrolment needed to read), each lesson says whether you completed it.
      const learner = await make("STUDENT");
      expect((await expectJson(await learner.client("GET", `/api/lessons/${lessonId}`), 200)).completed).toBe(false);
      await expectJson(await learner.client("POST", `/api/lessons/${lessonId}/complete`), 200);
      expect((await expectJson(await learner.client("GET", `/api/lessons/${lessonId}`), 200)).completed).toBe(true);
      const mine = await expectJson(await learner.client("GET", `/api/courses/${published.id}/lessons`), 200);
      expect(mine.lessons.map((l: { completed: boolean }) => l.completed)).toEqual([true, false, false]);
    });
  }

  it("hides a draft's lessons like the pages do, except from its author; unknown ids are 404", async () => {
    const author = await bearerClient("INSTRUCTOR");
    const draft = await course({ authorId: author.user.id, publish: false });
    const lessonId = draft.lessons[0].id;
    await expectError(await guest("GET", `/api/lessons/${lessonId}`), 404, "not_found");
    await expectError(await (await cookieClient("INSTRUCTOR")).client("GET", `/api/lessons/${lessonId}`), 404, "not_found");
    await expectError(await guest("GET", `/api/courses/${draft.id}/lessons`), 404, "not_found");
    expect((await expectJson(await author.client("GET", `/api/lessons/${lessonId}`), 200)).course.status).toBe("draft");
    expect((await expectJson(await author.client("GET", `/api/courses/${draft.id}/lessons`), 200)).lessons).toHaveLength(2);
    await expectError(await guest("GET", "/api/lessons/no-such-lesson"), 404, "not_found");
  });
});

describe("Academy API: learning", () => {
  for (const [auth, make] of BOTH) {
    it(`completes lessons (enrolling as the page does) up to the certificate's next step, and reports progress (${auth})`, async () => {
      const taught = await course({ lessons: 2 });
      const learner = await make("STUDENT", "Lena Learner");
      const [first, second] = taught.lessons;

      const done = await expectJson(await learner.client("POST", `/api/lessons/${first.id}/complete`), 200);
      expect(done).toMatchObject({
        lessonId: first.id,
        completed: true,
        course: { id: taught.id, progress: { done: 1, total: 3, percent: 33 }, completed: false },
        courseCompletedNow: false,
        certificateId: null,
        newBadges: ["first-lesson"],
        next: { kind: "lesson", id: second.id, slug: "lesson-2" },
      });
      // Completing again changes nothing.
      const again = await expectJson(await learner.client("POST", `/api/lessons/${first.id}/complete`), 200);
      expect(again.course.progress.done).toBe(1);
      expect(again.newBadges).toEqual([]);
      const secondDone = await expectJson(await learner.client("POST", `/api/lessons/${second.id}/complete`), 200);
      expect(secondDone.next).toMatchObject({ kind: "quiz", slug: "final-quiz" });

      const { enrollments } = await expectJson(await learner.client("GET", "/api/users/me/enrollments"), 200);
      expect(enrollments).toHaveLength(1);
      expect(enrollments[0]).toMatchObject({ course: { id: taught.id, slug: taught.slug, status: "published" }, completedAt: null, progress: { done: 2, total: 3, percent: 67 }, certificateId: null, next: { kind: "quiz" } });

      const progress = await expectJson(await learner.client("GET", "/api/users/me/progress"), 200);
      expect(progress).toMatchObject({ completedLessons: 2, completedCourses: 0, currentStreak: 1, longestStreak: 1 });
      expect(progress.badges.map((b: { slug: string }) => b.slug)).toEqual(["first-lesson"]);
      expect(progress.courses).toHaveLength(1);
      expect(progress.courses[0].completedLessonIds.sort()).toEqual([first.id, second.id].sort());
      expect(progress.courses[0].passedQuizIds).toEqual([]);
    });
  }

  it("finishes a course with its last item and returns the certificate", async () => {
    const taught = await createCourse({ slug: "api-no-quiz", lessons: 1, quiz: false });
    const learner = await bearerClient("STUDENT");
    const done = await expectJson(await learner.client("POST", `/api/lessons/${taught.lessons[0].id}/complete`), 200);
    expect(done).toMatchObject({ course: { completed: true, progress: { percent: 100 } }, courseCompletedNow: true, next: null });
    const certificate = await prisma.certificate.findFirstOrThrow({ where: { userId: learner.user.id, courseId: taught.id } });
    expect(done.certificateId).toBe(certificate.id);
    const { enrollments } = await expectJson(await learner.client("GET", "/api/users/me/enrollments"), 200);
    expect(enrollments[0].certificateId).toBe(certificate.id);
    expect(enrollments[0].completedAt).not.toBeNull();
  });

  for (const [auth, make] of BOTH) {
    it(`enrols by id or slug: 201, then 200 when already enrolled (${auth})`, async () => {
      const taught = await course();
      const learner = await make("STUDENT");
      const created = await learner.client("POST", "/api/enrollments", { courseId: taught.slug });
      const body = await expectJson(created, 201);
      expect(created.headers.get("Location")).toBe("/api/users/me/enrollments");
      expect(body).toMatchObject({ course: { id: taught.id }, completedAt: null, progress: { done: 0, total: 3, percent: 0 }, next: { kind: "lesson", slug: "lesson-1" } });
      const again = await expectJson(await learner.client("POST", "/api/enrollments", { courseId: taught.id }), 200);
      expect(again.enrolledAt).toBe(body.enrolledAt);
      expect(await prisma.enrollment.count({ where: { userId: learner.user.id } })).toBe(1);
    });
  }

  it("answers 400 naming courseId, 409 for a draft its author tries, and 401 to guests", async () => {
    const learner = await cookieClient("STUDENT");
    expect((await expectError(await learner.client("POST", "/api/enrollments", {}), 400, "invalid_request")).fields).toEqual({ courseId: ["Required: the course's id or slug."] });
    expect((await expectError(await learner.client("POST", "/api/enrollments", { courseId: "nope" }), 400, "invalid_request")).fields).toHaveProperty("courseId");
    expect((await expectError(await learner.client("POST", "/api/enrollments", { courseId: 7, extra: true }), 400, "invalid_request")).fields).toHaveProperty("extra");

    const author = await bearerClient("INSTRUCTOR");
    const draft = await course({ authorId: author.user.id, publish: false });
    // A student can't tell a draft from nothing; its author is told why.
    expect((await expectError(await learner.client("POST", "/api/enrollments", { courseId: draft.id }), 400, "invalid_request")).fields).toHaveProperty("courseId");
    await expectError(await author.client("POST", "/api/enrollments", { courseId: draft.id }), 409, "not_published");
    await expectError(await author.client("POST", `/api/lessons/${draft.lessons[0].id}/complete`), 409, "not_published");
    await expectError(await learner.client("POST", `/api/lessons/${draft.lessons[0].id}/complete`), 404, "not_found");
    expect(await prisma.enrollment.count({ where: { courseId: draft.id } })).toBe(0);

    const taught = await course();
    await expectError(await guest("POST", "/api/enrollments", { courseId: taught.id }), 401, "unauthorized");
    await expectError(await guest("POST", `/api/lessons/${taught.lessons[0].id}/complete`), 401, "unauthorized");
    // The session cookie alone is not enough for a write that is not JSON.
    await expectError(await learner.client("POST", `/api/lessons/${taught.lessons[0].id}/complete`, undefined, { "Content-Type": "text/plain" }), 403, "cross_site_request");
    await expectError(await learner.client("POST", "/api/enrollments", { courseId: taught.id }, { Origin: "https://evil.example" }), 403, "cross_site_request");
    expect(await prisma.enrollment.count({ where: { userId: learner.user.id } })).toBe(0);
  });

  it("keeps /api/users/me/* per user, and /api/users/me itself working", async () => {
    const taught = await course();
    const ada = await bearerClient("STUDENT", "Ada");
    const bob = await cookieClient("STUDENT", "Bob");
    await expectJson(await ada.client("POST", `/api/lessons/${taught.lessons[0].id}/complete`), 200);
    expect((await expectJson(await bob.client("GET", "/api/users/me/enrollments"), 200)).enrollments).toEqual([]);
    expect(await expectJson(await bob.client("GET", "/api/users/me/progress"), 200)).toMatchObject({ completedLessons: 0, courses: [], badges: [] });
    expect((await expectJson(await ada.client("GET", "/api/users/me/enrollments"), 200)).enrollments).toHaveLength(1);
    expect(await expectJson(await ada.client("GET", "/api/users/me"), 200)).toMatchObject({ id: ada.user.id, name: "Ada" });
    await expectError(await guest("GET", "/api/users/me/enrollments"), 401, "unauthorized");
    await expectError(await guest("GET", "/api/users/me/progress"), 401, "unauthorized");
    await expectError(await guest("GET", "/api/users/me"), 401, "unauthorized");
  });

  it("answers 405 with Allow for other methods", async () => {
    const { client } = await bearerClient("ADMIN");
    for (const [method, pathname, allow] of [
      ["DELETE", "/api/courses", "GET, POST"],
      ["POST", "/api/courses/x", "GET, PUT, DELETE"],
      ["POST", "/api/lessons/x", "GET"],
      ["PUT", "/api/enrollments", "POST"],
      ["POST", "/api/users/me/progress", "GET"],
    ] as const) {
      const response = await client(method, pathname, {});
      await expectError(response, 405, "method_not_allowed");
      expect(response.headers.get("Allow")).toBe(allow);
    }
  });
});
