/**
 * Report §4: the stored XSS through the zip import (javascript:/data: URLs in
 * resources, video, captions, cover), the one URL rule everywhere a URL is
 * stored (zip, studio form, API), URLs stored before the rule rendering inert,
 * remote images (tracking pixels) in discussion posts, and the open redirect.
 */
import { randomBytes } from "node:crypto";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server.ts";
import type { RoleName } from "~/utils/permissions.ts";
import { Browser, visibleText } from "../support/app.ts";
import { courseFiles, createCourse } from "../support/courses.ts";
import { createSessionCookie, createUser } from "../support/factories.ts";

async function signedIn(role: RoleName, name = "Ida Instructor") {
  const user = await createUser({ role, name });
  const { name: cookie, value } = await createSessionCookie(user.id);
  const browser = new Browser();
  browser.cookies.set(cookie, value);
  return { browser, user };
}

const XSS = "javascript:fetch('/admin/users',{method:'POST',body:new URLSearchParams({userId:'attacker',role:'ADMIN'})})";

/** The test course as a zip, with the first lesson's front matter lines and the course's extra lines added. */
function courseZip(lessonLines: string[], courseLines: string[] = []) {
  const slug = `urls-${randomBytes(3).toString("hex")}`;
  const { files } = courseFiles({ slug });
  const entries: Record<string, Uint8Array> = {};
  for (const [file, text] of files) {
    let content = text;
    if (file.endsWith("/01-lesson-1.md")) content = content.replace("estimatedMinutes: 5\n", `estimatedMinutes: 5\n${lessonLines.join("\n")}\n`);
    if (file.endsWith("/course.md")) content = content.replace("estimatedMinutes: 30\n", `estimatedMinutes: 30\n${courseLines.join("\n")}\n`);
    entries[file.replace(/^courses\//, "")] = strToU8(content);
  }
  return { slug, zip: zipSync(entries) };
}

function upload(browser: Browser, bytes: Uint8Array) {
  const form = new FormData();
  form.set("zip", new File([new Uint8Array(bytes)], "course.zip", { type: "application/zip" }));
  return browser.request("/instructor/import", { method: "POST", body: form });
}

describe("the URL rule on the zip import", () => {
  it("refuses the report's reproducer (a javascript: resource), naming the field, and writes nothing", async () => {
    const { browser } = await signedIn("INSTRUCTOR");
    const { slug, zip } = courseZip(["resources:", '  - title: "Click me"', `    url: "${XSS}"`]);
    const response = await upload(browser, zip);
    expect(response.status).toBe(400);
    const text = visibleText(await response.text());
    expect(text).toContain("Nothing was imported");
    expect(text).toMatch(/resources\.0\.url: Use an http\(s\) address or a path starting with \//);
    expect(await prisma.course.count({ where: { slug } })).toBe(0);
  });

  it("refuses javascript: and data: in video, captions and cover, each by name", async () => {
    const { browser } = await signedIn("INSTRUCTOR");
    const lesson = courseZip(['video: "javascript:alert(1)"', 'captions: "data:text/vtt,WEBVTT"']);
    const response = await upload(browser, lesson.zip);
    expect(response.status).toBe(400);
    const text = visibleText(await response.text());
    expect(text).toMatch(/01-lesson-1\.md ✗ Problem video: Use an http\(s\) address or a path starting with \/\.; captions: Use an http\(s\) address/);
    // The cover was not validated at all before.
    const cover = courseZip([], ['cover: "javascript:alert(2)"']);
    const refused = await upload(browser, cover.zip);
    expect(refused.status).toBe(400);
    expect(visibleText(await refused.text())).toMatch(/course\.md ✗ Problem cover: Use an http\(s\) address/);
    expect(await prisma.course.count({ where: { slug: { in: [lesson.slug, cover.slug] } } })).toBe(0);
  });

  it("still imports https and same-site URLs", async () => {
    const { browser } = await signedIn("INSTRUCTOR");
    const { slug, zip } = courseZip(
      ["video: /media/intro.mp4", "captions: https://cdn.example/intro.vtt", "resources:", "  - title: Docs", "    url: https://docs.sentry.io/"],
      ["cover: /media/cover.png"],
    );
    expect((await upload(browser, zip)).status).toBe(302);
    const course = await prisma.course.findUniqueOrThrow({ where: { slug }, include: { lessons: { orderBy: { position: "asc" } } } });
    expect(course.coverUrl).toBe("/media/cover.png");
    expect(course.lessons[0]).toMatchObject({ videoUrl: "/media/intro.mp4", captionsUrl: "https://cdn.example/intro.vtt", resources: [{ title: "Docs", url: "https://docs.sentry.io/" }] });
  });
});

describe("the URL rule on the studio form and the API", () => {
  it("refuses a javascript: cover in the course form (message next to the field) and in the API (400 naming it)", async () => {
    const { browser, user } = await signedIn("INSTRUCTOR");
    const course = await createCourse({ lessons: 1, publish: false });
    await prisma.course.update({ where: { id: course.id }, data: { authorId: user.id } });
    const form = await browser.post(`/instructor/courses/${course.id}?index`, {
      intent: "details",
      title: "Course with a bad cover",
      summary: "A summary that is long enough.",
      level: "BEGINNER",
      category: "Fundamentals",
      estimatedMinutes: "30",
      coverUrl: "javascript:alert(1)",
    });
    expect(form.status).toBe(400);
    expect(visibleText(await form.text())).toContain("Use an http(s) address or a path starting with /.");

    const api = await browser.request(`/api/courses/${course.id}`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ coverUrl: "data:image/svg+xml,<svg onload=alert(1)>" }),
    });
    expect(api.status).toBe(400);
    expect((await api.json()).fields.coverUrl[0]).toBe("Use an http(s) address or a path starting with /.");
    expect((await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).coverUrl).toBeNull();
  });
});

describe("URLs stored before the rule", () => {
  it("render inert on the lesson page: no javascript: link, video or captions", async () => {
    const course = await createCourse({ lessons: 1 });
    const lesson = await prisma.lesson.findFirstOrThrow({ where: { courseId: course.id } });
    await prisma.lesson.update({
      where: { id: lesson.id },
      data: {
        videoUrl: "javascript:alert(1)",
        captionsUrl: "data:text/vtt,WEBVTT",
        resources: [
          { title: "Click me", url: XSS },
          { title: "Sentry docs", url: "https://docs.sentry.io/" },
        ],
      },
    });
    const html = await (await new Browser().get(`/courses/${course.slug}/lessons/${lesson.slug}`)).text();
    expect(html).not.toMatch(/(href|src)="\s*(javascript|data):/i);
    expect(html).not.toContain("<video");
    expect(visibleText(html)).toContain("Click me");
    expect(html).toContain('<a href="https://docs.sentry.io/" rel="noopener noreferrer">Sentry docs</a>');

    // The JSON API leaves them out too.
    await prisma.course.update({ where: { id: course.id }, data: { coverUrl: "javascript:alert(3)" } });
    const fromApi = await (await new Browser().get(`/api/lessons/${lesson.id}`)).json();
    expect(fromApi).toMatchObject({ videoUrl: null, captionsUrl: null, resources: [{ title: "Sentry docs", url: "https://docs.sentry.io/" }] });
    expect((await (await new Browser().get(`/api/courses/${course.slug}`)).json()).coverUrl).toBeNull();
  });
});

describe("discussion posts", () => {
  it("cannot embed a remote image (a tracking pixel): it becomes a link", async () => {
    const course = await createCourse({ lessons: 1 });
    const { browser } = await signedIn("STUDENT", "Pixel Poster");
    const path = `/courses/${course.slug}/lessons/lesson-1`;
    await browser.post(path, { intent: "post", body: 'Look ![x](https://tracker.example/p.gif) and <img src="https://tracker.example/q.gif" width="1" height="1">' });
    const html = await (await new Browser().get(path)).text();
    expect(html).not.toMatch(/<img[^>]*tracker\.example/);
    expect(html).toContain('href="https://tracker.example/p.gif"');
  });
});

describe("redirects after login stay on the site", () => {
  it("refuses the report's /\\t/host and CR/LF reproducers (no 500)", async () => {
    const { browser } = await signedIn("STUDENT");
    for (const redirectTo of ["%2F%09%2Fevil.example%2F", "%2F%5Cevil.example", "%2F..%2F%2Fevil.example"]) {
      const response = await browser.get(`/login?redirectTo=${redirectTo}`);
      expect(response.status, redirectTo).toBe(302);
      expect(response.headers.get("Location"), redirectTo).toBe("/dashboard");
    }
    // CR/LF in the query string never reaches a route: the request guard answers 400 (decision 018).
    expect((await browser.get("/login?redirectTo=%2F%0D%0Ax")).status).toBe(400);
    // In a posted field it reaches safeRedirect, which drops it.
    const posted = await browser.post("/prompts/dismiss", { prompt: "dashboard-level-up", redirectTo: "/\r\nx" });
    expect(posted.status).toBe(302);
    expect(posted.headers.get("Location")).toBe("/dashboard");
    const dismissed = await browser.post("/prompts/dismiss", { prompt: "dashboard-level-up", redirectTo: "/\t/evil.example/" });
    expect(dismissed.status).toBe(302);
    expect(dismissed.headers.get("Location")).toBe("/dashboard");
  });
});
