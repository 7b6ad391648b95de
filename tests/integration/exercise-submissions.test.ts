/**
 * Exercises on the lesson page (decision 041): who may run the tests (guest, signed in and not
 * enrolled, enrolled), what the page shows after a run without JavaScript (the stored latest run),
 * that the hidden tests and the reference solution never reach the browser, that another learner's
 * run is never shown, the rate limit and the size cap with their messages next to the editor, that
 * "Mark complete" is refused for an exercise (form and API), and that a pass completes the lesson
 * and counts for the certificate.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server.ts";
import { apiClient, expectJson } from "../support/api-client.ts";
import { Browser, visibleText } from "../support/app.ts";
import { createCourse } from "../support/courses.ts";
import { signedInBrowser } from "../support/signed-in.ts";

const VISIBLE_TESTS = `import { add } from "./solution";

test("adds two small numbers", () => {
  expect(add(1, 2)).toBe(3);
});
`;

/** A course of one lesson and one exercise (lesson 2), the exercise made here through Prisma. */
async function exerciseCourse() {
  const secret = randomBytes(6).toString("hex");
  const course = await createCourse({ title: `Exercise course ${secret}`, lessons: 2, quiz: false });
  const lesson = course.lessons[1];
  const exercise = await prisma.exercise.create({
    data: {
      lessonId: lesson.id,
      language: "JAVASCRIPT",
      starterCode: `export function add(a, b) {\n  // starter-${secret}\n}\n`,
      visibleTests: VISIBLE_TESTS,
      hiddenTests: `import { add } from "./solution";\n// hidden-secret-${secret}\ntest("adds negative numbers", () => {\n  expect(add(-2, -3)).toBe(-5);\n});\n`,
      solution: `export function add(a, b) {\n  return a + b; // solution-secret-${secret}\n}\n`,
    },
  });
  const path = `/courses/${course.slug}/lessons/${lesson.slug}`;
  return { course, lesson, exercise, secret, path, hiddenMarker: `hidden-secret-${secret}`, solutionMarker: `solution-secret-${secret}` };
}

/** Visible tests pass, the hidden one fails (absolute values). */
const ALMOST = "export function add(a, b) {\n  return Math.abs(a) + Math.abs(b);\n}\n";
const RIGHT = "export function add(a, b) {\n  console.log('adding', a, b);\n  return a + b;\n}\n";

/** The editor's text as a person sees it (the textarea's content, decoded). */
function editorCode(html: string) {
  const match = /<textarea[^>]*id="exercise-code"[^>]*>([\s\S]*?)<\/textarea>/.exec(html);
  if (!match) throw new Error("no editor on the page");
  return match[1].replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, "&").replace(/^\n/, "");
}

describe("running an exercise's tests", () => {
  it("shows a guest the exercise and asks them to sign in to run it", async () => {
    const { path, secret, hiddenMarker, solutionMarker, exercise } = await exerciseCourse();
    const guest = new Browser();
    const page = await guest.get(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    const text = visibleText(html);
    expect(text).toContain("Tests you can see");
    expect(text).toContain('test("adds two small numbers"');
    expect(text).toContain("More tests are hidden");
    expect(text).toContain("Log in to run the tests");
    expect(text).not.toContain("Mark complete");
    expect(editorCode(html)).toContain(`starter-${secret}`);
    expect(html).not.toContain(hiddenMarker);
    expect(html).not.toContain("adds negative numbers");
    expect(html).not.toContain(solutionMarker);
    const posted = await guest.post(path, { intent: "run", code: RIGHT });
    expect(posted.status).toBe(302);
    expect(posted.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    expect(await prisma.exerciseSubmission.count({ where: { exerciseId: exercise.id } })).toBe(0);
  });

  it("fails, then passes, without JavaScript: the page after the redirect shows the stored latest run; a pass completes the lesson and counts for the certificate", async () => {
    const { course, lesson, exercise, path, hiddenMarker, solutionMarker } = await exerciseCourse();
    const { user, browser } = await signedInBrowser("STUDENT", { name: "Ada Runner" });
    // Not enrolled: running the tests works as completing a lesson does (it enrols).
    expect(await prisma.enrollment.count({ where: { userId: user.id, courseId: course.id } })).toBe(0);

    const failed = await browser.post(path, { intent: "run", code: ALMOST });
    expect(failed.status).toBe(302);
    expect(failed.headers.get("Location")).toBe(`${path}#exercise-result`);
    const afterFail = await (await browser.follow(failed)).text();
    const failText = visibleText(afterFail);
    expect(failText).toContain("1 of 2 tests passed");
    expect(failText).toContain("adds two small numbers");
    // The hidden test by name and outcome after a run, with its badge and message; never its code.
    expect(failText).toMatch(/adds negative numbers hidden/);
    expect(failText).toContain("expected 5");
    expect(afterFail).not.toContain(hiddenMarker);
    expect(afterFail).not.toContain(solutionMarker);
    // The editor holds the code that was run; the lesson is not done; no button completes it.
    expect(editorCode(afterFail)).toBe(ALMOST);
    expect(failText).toContain("Not passed yet: Pass every test to complete this exercise.");
    expect(failText).not.toContain("Mark complete");
    expect(await prisma.enrollment.count({ where: { userId: user.id, courseId: course.id } })).toBe(1);
    expect(await prisma.lessonProgress.count({ where: { userId: user.id, lessonId: lesson.id, completedAt: { not: null } } })).toBe(0);
    const stored = await prisma.exerciseSubmission.findFirstOrThrow({ where: { userId: user.id, exerciseId: exercise.id } });
    expect(stored).toMatchObject({ status: "FAILED", code: ALMOST, language: "JAVASCRIPT" });
    expect(afterFail).toContain(`href="/reviews/new?submission=${stored.id}"`);

    // The other lesson first, so the exercise is the last required item.
    await browser.post(`/courses/${course.slug}/lessons/${course.lessons[0].slug}`, { intent: "complete" });
    const passed = await browser.post(path, { intent: "run", code: RIGHT });
    const afterPass = await (await browser.follow(passed)).text();
    const passText = visibleText(afterPass);
    expect(passText).toContain("2 of 2 tests passed");
    expect(passText).toContain("Every test passed. Course complete! Your certificate is ready.");
    expect(passText).toContain("✓ Exercise passed");
    expect(passText).toContain("adding 1 2");
    expect(passText).toContain("2 of 2 required items done");
    const progress = await prisma.lessonProgress.findUniqueOrThrow({ where: { userId_lessonId: { userId: user.id, lessonId: lesson.id } } });
    expect(progress.completedAt).not.toBeNull();
    const certificate = await prisma.certificate.findUniqueOrThrow({ where: { userId_courseId: { userId: user.id, courseId: course.id } } });
    const certificatePage = visibleText(await (await new Browser().get(`/certificates/${certificate.id}`)).text());
    expect(certificatePage).toContain("including a hands-on coding exercise, passed against automated tests");
    // The outline and the course page call it an exercise.
    expect(passText).toContain(`Exercise: ${lesson.title}`);
    const coursePage = visibleText(await (await browser.get(`/courses/${course.slug}`)).text());
    expect(coursePage).toContain("1 lesson · 1 exercise");
    expect(coursePage).toMatch(new RegExp(`Exercise: ${lesson.title} .*? Passed`));
  });

  it("with JavaScript (a fetcher) answers an enrolled learner's run as data, and the loader's data holds neither the hidden tests nor the solution", async () => {
    const { course, path, hiddenMarker, solutionMarker } = await exerciseCourse();
    const { browser } = await signedInBrowser("STUDENT");
    await browser.post(`/courses/${course.slug}`, { intent: "enroll" });
    const ran = await browser.post(`${path}.data`, { intent: "run", code: ALMOST, respond: "data" });
    expect(ran.status).toBe(200);
    const body = await ran.text();
    expect(body).toContain("adds negative numbers");
    expect(body).toContain("FAILED");
    expect(body).not.toContain(hiddenMarker);
    const loaderData = await (await browser.get(`${path}.data`)).text();
    expect(loaderData).toContain("adds two small numbers");
    expect(loaderData).not.toContain(hiddenMarker);
    expect(loaderData).not.toContain(solutionMarker);
    const guestData = await (await new Browser().get(`${path}.data`)).text();
    expect(guestData).not.toContain(hiddenMarker);
    expect(guestData).not.toContain(solutionMarker);
  });

  it("never shows a learner another learner's run", async () => {
    const { path, secret } = await exerciseCourse();
    const { browser: ada } = await signedInBrowser("STUDENT");
    const mine = `${ALMOST}// ada-only-${secret}\n`;
    await ada.post(path, { intent: "run", code: mine });
    expect(await (await ada.get(path)).text()).toContain(`ada-only-${secret}`);
    const { browser: bob } = await signedInBrowser("STUDENT");
    const bobs = await (await bob.get(path)).text();
    expect(bobs).not.toContain(`ada-only-${secret}`);
    expect(visibleText(bobs)).not.toContain("Your latest run");
    expect(editorCode(bobs)).toContain(`starter-${secret}`);
    expect(await (await bob.get(`${path}.data`)).text()).not.toContain(`ada-only-${secret}`);
  });

  it("puts the starter back in the editor without JavaScript (?code=starter)", async () => {
    const { path, secret } = await exerciseCourse();
    const { browser } = await signedInBrowser("STUDENT");
    await browser.post(path, { intent: "run", code: ALMOST });
    expect(editorCode(await (await browser.get(path)).text())).toBe(ALMOST);
    expect(editorCode(await (await browser.get(`${path}?code=starter`)).text())).toContain(`starter-${secret}`);
  });

  it("refuses code over the size cap with the message next to the editor, storing nothing", async () => {
    const { path, exercise } = await exerciseCourse();
    const { user, browser } = await signedInBrowser("STUDENT");
    const huge = `// ${"x".repeat(51 * 1024)}\n`;
    const refused = await browser.post(path, { intent: "run", code: huge });
    expect(refused.status).toBe(400);
    const text = visibleText(await refused.text());
    expect(text).toContain("Your code is longer than 50 KB; shorten it and submit again.");
    expect(await prisma.exerciseSubmission.count({ where: { userId: user.id, exerciseId: exercise.id } })).toBe(0);
  });

  it("rate-limits runs per learner: the 21st in a minute gets the message (page without JavaScript, 429 with it)", async () => {
    const { path, exercise } = await exerciseCourse();
    const { user, browser } = await signedInBrowser("STUDENT");
    for (let i = 0; i < 20; i++) expect((await browser.post(path, { intent: "run", code: `${ALMOST}// run ${i}\n` })).status).toBe(302);
    const refused = await browser.post(path, { intent: "run", code: `${ALMOST}// run 21\n` });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    const html = await refused.text();
    expect(visibleText(html)).toMatch(/You have submitted 20 times in a minute\. Try again in (\d+ seconds?|1 minute)\./);
    // What they typed stays in the editor.
    expect(editorCode(html)).toBe(`${ALMOST}// run 21\n`);
    const withJs = await browser.post(`${path}.data`, { intent: "run", code: ALMOST, respond: "data" });
    expect(withJs.status).toBe(429);
    expect(await withJs.text()).toContain("You have submitted 20 times in a minute.");
    expect(await prisma.exerciseSubmission.count({ where: { userId: user.id, exerciseId: exercise.id } })).toBe(20);
    // Another learner is not limited by it.
    const { browser: other } = await signedInBrowser("STUDENT");
    expect((await other.post(path, { intent: "run", code: ALMOST })).status).toBe(302);
  }, 60_000);

  it("refuses Mark complete (and Mark as not done) for an exercise, on the page and in the API, with a message", async () => {
    const { course, lesson, path } = await exerciseCourse();
    const { user, browser } = await signedInBrowser("STUDENT");
    await browser.post(`/courses/${course.slug}`, { intent: "enroll" });
    const refused = await browser.post(path, { intent: "complete" });
    expect(refused.status).toBe(409);
    expect(visibleText(await refused.text())).toContain("This lesson is an exercise: it is completed when your code passes its tests.");
    expect((await browser.post(path, { intent: "uncomplete" })).status).toBe(409);
    expect(await prisma.lessonProgress.count({ where: { userId: user.id, lessonId: lesson.id, completedAt: { not: null } } })).toBe(0);

    const { client, user: caller } = await apiClient({ auth: "bearer" });
    const answer = await expectJson(await client("POST", `/api/lessons/${lesson.id}/complete`), 409);
    expect(answer).toMatchObject({ error: "conflict", message: expect.stringContaining("it is completed when your code passes its tests") });
    expect(await prisma.lessonProgress.count({ where: { userId: caller.id, lessonId: lesson.id } })).toBe(0);
    // An ordinary lesson of the same course still completes through the API.
    await expectJson(await client("POST", `/api/lessons/${course.lessons[0].id}/complete`), 200);
  });

  it("shows a draft course's exercise only to its editors (404 for a learner, no run stored)", async () => {
    const { course, path, exercise } = await exerciseCourse();
    await prisma.course.update({ where: { id: course.id }, data: { status: "DRAFT" } });
    const { user, browser } = await signedInBrowser("STUDENT");
    expect((await browser.get(path)).status).toBe(404);
    expect((await browser.post(path, { intent: "run", code: RIGHT })).status).toBe(404);
    expect(await prisma.exerciseSubmission.count({ where: { userId: user.id, exerciseId: exercise.id } })).toBe(0);
  });
});
