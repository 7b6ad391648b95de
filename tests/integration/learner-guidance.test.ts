/**
 * Guidance for learners (issue 17, decision 032): one certificate count on the course,
 * lesson, quiz result and dashboard; quiz feedback that never says "Wrong" beside a right
 * pick; badge toasts that name the badge; a first-visit dashboard with a next step; each
 * role's landing page after login; and the certificate PDF.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server.ts";
import { Browser, visibleText } from "../support/app.ts";
import { createCourse } from "../support/courses.ts";
import { createUser, DEFAULT_PASSWORD } from "../support/factories.ts";
import { signedInBrowser } from "../support/signed-in.ts";

const lessonPath = (course: { slug: string }, lessonSlug: string) => `/courses/${course.slug}/lessons/${lessonSlug}`;

async function submitQuiz(browser: Browser, course: Awaited<ReturnType<typeof createCourse>>, answers: [string, string][]) {
  const quiz = course.quizzes[0];
  const response = await browser.request(`/courses/${course.slug}/quizzes/${quiz.slug}`, {
    method: "POST",
    body: new URLSearchParams(answers),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  expect(response.status).toBe(200);
  return visibleText(await response.text());
}

describe("one certificate count", () => {
  it("says the same thing on the course page, the lesson page, the quiz result and the dashboard", async () => {
    const course = await createCourse({ title: `Counted course ${Date.now()}`, lessons: 2 });
    const [q1, q2] = course.quizzes[0].questions;

    // Before starting: what a certificate takes, lessons and quizzes counted apart.
    const guest = visibleText(await (await new Browser().get(`/courses/${course.slug}`)).text());
    expect(guest).toContain("2 lessons · 1 quiz");
    expect(guest).toContain("To get a certificate: finish 2 lessons and pass the quiz.");

    const { browser } = await signedInBrowser("STUDENT");
    await browser.post(`/courses/${course.slug}`, { intent: "enroll" });
    const done = await browser.post(lessonPath(course, "lesson-1"), { intent: "complete" });
    // The badge toast names the badge.
    expect(visibleText(await (await browser.follow(done)).text())).toContain("You earned the “First lesson” badge.");

    const count = "1 of 3 required items done";
    const todo = "To get your certificate: finish 1 lesson and pass the quiz.";
    const coursePage = visibleText(await (await browser.get(`/courses/${course.slug}`)).text());
    expect(coursePage).toContain(count);
    expect(coursePage).toContain(todo);
    const lessonPage = visibleText(await (await browser.get(lessonPath(course, "lesson-2"))).text());
    expect(lessonPage).toContain("Lesson 2 of 2");
    expect(lessonPage).toContain(count);
    expect(lessonPage).toContain(todo);
    const dashboard = visibleText(await (await browser.get("/dashboard")).text());
    expect(dashboard).toContain(count);
    expect(dashboard).toContain(todo);

    // A half-right "choose all that apply" answer: partly right, with what was missed; never "Wrong".
    const partly = await submitQuiz(browser, course, [[`q:${q1.id}`, "o1"], [`q:${q2.id}`, "o1"]]);
    expect(partly).toContain("Not passed yet: 50%");
    expect(partly).toContain("Partly right");
    expect(partly).toContain("You missed “Session Replay”");
    expect(partly).not.toContain("Wrong");
    expect(partly).not.toContain("To get your certificate");

    // A pass says what is left for the certificate.
    const passed = await submitQuiz(browser, course, [[`q:${q1.id}`, "o1"], [`q:${q2.id}`, "o1"], [`q:${q2.id}`, "o2"]]);
    expect(passed).toContain("Passed: 100%");
    expect(passed).toContain("You earned the “Quiz ace” badge.");
    expect(passed).toContain("2 of 3 required items done");
    expect(passed).toContain("To get your certificate: finish 1 lesson.");
    expect(passed).toMatch(/Continue\s*:\s*Lesson number 2/);

    // The last lesson earns it; a later pass says it is ready.
    await browser.post(lessonPath(course, "lesson-2"), { intent: "complete" });
    const again = await submitQuiz(browser, course, [[`q:${q1.id}`, "o1"], [`q:${q2.id}`, "o1"], [`q:${q2.id}`, "o2"]]);
    expect(again).toContain("3 of 3 required items done");
    expect(again).toMatch(/Your certificate is ready: view your certificate ?\./);
    expect(visibleText(await (await browser.get(`/courses/${course.slug}`)).text())).toContain("Course complete: your certificate is ready.");
  });

  it("a wrong single answer still says Wrong, and a wrong extra pick is named", async () => {
    const course = await createCourse({ lessons: 1 });
    const [q1, q2] = course.quizzes[0].questions;
    const { browser } = await signedInBrowser("STUDENT");
    const text = await submitQuiz(browser, course, [[`q:${q1.id}`, "o2"], [`q:${q2.id}`, "o1"], [`q:${q2.id}`, "o2"], [`q:${q2.id}`, "o3"]]);
    expect(text).toContain("✗ Wrong");
    expect(text).toContain("Partly right");
    expect(text).toMatch(/Not right: “[^”]+”/);
  });
});

describe("first visit", () => {
  it("greets a new learner with a suggested first course from the catalogue and the way to connect Sentry", async () => {
    await createCourse({ title: `Starter course ${Date.now()}` });
    const { browser } = await signedInBrowser("STUDENT", { name: "Nora New" });
    const html = await (await browser.get("/dashboard")).text();
    const text = visibleText(html);
    expect(text).toContain("Welcome to Sentry Academy, Nora New");
    expect(text).not.toContain("Welcome back");
    expect(text).toContain("Suggested first course");
    expect(text).toContain("Connect Sentry");
    expect(text).not.toContain("Current streak");
    // The suggestion is a published beginner course, and its button enrols (a POST form, no JS needed).
    const slug = html.match(/action="\/courses\/([^"?]+)\?index"/)?.[1];
    const course = await prisma.course.findUniqueOrThrow({ where: { slug: slug! } });
    expect(course).toMatchObject({ status: "PUBLISHED", level: "BEGINNER" });
    const enrol = await browser.post(`/courses/${slug}?index`, { intent: "enroll" });
    expect(enrol.status).toBe(302);
    expect(enrol.headers.get("Location")).toMatch(new RegExp(`^/courses/${slug}/`));
    expect(visibleText(await (await browser.get("/dashboard")).text())).toContain("Welcome back, Nora New");
  });
});

describe("landing after login", () => {
  it("sends each role where its work is, unless a page asked for the login", async () => {
    const landing = { STUDENT: "/dashboard", INSTRUCTOR: "/instructor", ADMIN: "/admin", SE: "/staff" } as const;
    for (const [role, home] of Object.entries(landing) as [keyof typeof landing, string][]) {
      const user = await createUser({ role });
      const login = await new Browser().post("/login", { email: user.email, password: DEFAULT_PASSWORD });
      expect(login.status, role).toBe(302);
      const location = login.headers.get("Location")!;
      // Staff owe a second factor first: the landing page rides along to that step.
      if (location.startsWith("/login/two-factor")) expect(new URL(location, "http://x").searchParams.get("redirectTo"), role).toBe(home);
      else expect(location, role).toBe(home);
      const asked = await new Browser().post("/login", { email: user.email, password: DEFAULT_PASSWORD, redirectTo: "/courses?level=beginner" });
      const askedLocation = asked.headers.get("Location")!;
      if (askedLocation.startsWith("/login/two-factor")) expect(new URL(askedLocation, "http://x").searchParams.get("redirectTo"), role).toBe("/courses?level=beginner");
      else expect(askedLocation, role).toBe("/courses?level=beginner");
    }
  });

  it("lands an instructor whose address isn't confirmed yet as a learner, and never off-site", async () => {
    const unverified = await createUser({ role: "INSTRUCTOR", emailVerified: false });
    const login = await new Browser().post("/login", { email: unverified.email, password: DEFAULT_PASSWORD });
    expect(login.headers.get("Location")).toMatch(/^\/(dashboard|login\/two-factor\?redirectTo=%2Fdashboard)$/);
    const student = await createUser();
    const offsite = await new Browser().post("/login", { email: student.email, password: DEFAULT_PASSWORD, redirectTo: "//evil.example/" });
    expect(offsite.headers.get("Location")).toBe("/dashboard");
  });
});

describe("the certificate PDF", () => {
  it("embeds its fonts and carries the learner, the course and the verification URL (link and QR code)", async () => {
    const course = await createCourse({ title: "PDF course", lessons: 1, quiz: false });
    const { browser, user } = await signedInBrowser("STUDENT", { name: "Katherine Johnson" });
    await browser.post(lessonPath(course, "lesson-1"), { intent: "complete" });
    const certificate = await prisma.certificate.findFirstOrThrow({ where: { userId: user.id } });
    const page = visibleText(await (await browser.get(`/certificates/${certificate.id}`)).text());
    expect(page).toContain("Add to LinkedIn profile");

    const response = await new Browser().get(`/certificates/${certificate.id}/pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    const pdf = Buffer.from(await response.arrayBuffer());
    const bytes = pdf.toString("latin1");
    expect(bytes.startsWith("%PDF-")).toBe(true);
    // Embedded (subset) Inter, not a built-in font the reader substitutes.
    expect(bytes).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(bytes).toMatch(/\/BaseFont \/[A-Z]{6}\+Inter-Bold/);
    expect(bytes).not.toContain("/Helvetica");
    const verifyUrl = new RegExp(`/certificates/${certificate.id}\\)`);
    expect(bytes).toMatch(new RegExp(`/URI \\(https?://[^)]+${verifyUrl.source}`));
    expect(bytes).toContain("(Katherine Johnson completed PDF course. Verify at ");
    // The visible text, where poppler's pdftotext is installed (it is in CI and the dev image).
    if (existsSync("/usr/bin/pdftotext")) {
      const file = path.join(mkdtempSync(path.join(tmpdir(), "cert-")), "c.pdf");
      writeFileSync(file, pdf);
      const text = execFileSync("/usr/bin/pdftotext", ["-layout", file, "-"]).toString();
      expect(text).toContain("Katherine Johnson");
      expect(text).toContain("PDF course");
      expect(text).toContain(certificate.verificationCode);
      expect(text).toMatch(new RegExp(`Verify at https?://\\S+/certificates/${certificate.id}`));
    }
  });
});
