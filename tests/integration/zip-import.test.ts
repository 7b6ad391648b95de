/** Bulk upload of a course as a .zip, over HTTP as a browser without JavaScript sends it. */
import { randomBytes } from "node:crypto";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server.ts";
import { Browser, visibleText } from "../support/app.ts";
import { signedInBrowser } from "../support/signed-in.ts";
import { courseFiles } from "../support/courses.ts";

/** A zip of the test course folder, as `<prefix><slug>/...`, plus any extra entries. */
function courseZip(opts: { slug?: string; prefix?: string; title?: string; extra?: Record<string, string | Uint8Array> } = {}) {
  const { slug, files } = courseFiles({ slug: opts.slug, title: opts.title });
  const entries: Record<string, Uint8Array> = {};
  for (const [file, text] of files) entries[`${opts.prefix ?? ""}${file.replace(/^courses\//, "")}`] = strToU8(text);
  for (const [name, content] of Object.entries(opts.extra ?? {})) entries[name] = typeof content === "string" ? strToU8(content) : content;
  return { slug, zip: zipSync(entries) };
}

function upload(browser: Browser, bytes: Uint8Array, fileName = "course.zip") {
  const form = new FormData();
  form.set("zip", new File([new Uint8Array(bytes)], fileName, { type: "application/zip" }));
  return browser.request("/instructor/import", { method: "POST", body: form });
}

/** The row of one file in the report table, as text. */
function reportRow(html: string, file: string) {
  const escaped = file.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
  const match = new RegExp(`<tr[^>]*data-file="${escaped.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*>([\\s\\S]*?)</tr>`).exec(html);
  return match ? visibleText(match[1]) : null;
}

describe("importing a course from a .zip", () => {
  it("imports a valid course as a draft authored by the uploader, with its lessons and quiz", async () => {
    const { browser, user } = await signedInBrowser("INSTRUCTOR");
    // Zipped one folder down, as macOS does it, with its resource forks and .DS_Store.
    const { slug, zip } = courseZip({
      prefix: "export/",
      title: "Zipped course",
      extra: { "__MACOSX/export/._course.md": "junk", "export/.DS_Store": "junk", [`export/README.md`]: "# Notes" },
    });
    const response = await upload(browser, zip, "zipped-course.zip");
    expect(response.status).toBe(302);
    const course = await prisma.course.findUniqueOrThrow({
      where: { slug },
      include: { lessons: { orderBy: { position: "asc" } }, quizzes: { include: { questions: true } }, modules: true },
    });
    expect(response.headers.get("Location")).toBe(`/instructor/import?course=${course.id}`);
    expect(course).toMatchObject({ title: "Zipped course", status: "DRAFT", authorId: user.id });
    expect(course.lessons.map((l) => l.slug)).toEqual(["lesson-1", "lesson-2"]);
    expect(course.quizzes[0].questions).toHaveLength(2);
    expect(course.modules).toHaveLength(2);

    const page = visibleText(await (await browser.follow(response)).text());
    expect(page).toContain("Imported Zipped course as a draft: 2 lessons and 1 quiz.");
    expect(page).toContain("Zipped course is imported");
    expect(page).toContain("2 lessons and 1 quiz in 2 modules. It is a draft");
    const html = await (await browser.get(`/instructor/import?course=${course.id}`)).text();
    expect(html).toContain(`href="/instructor/courses/${course.id}"`);
    expect(html).toContain(`href="/courses/${slug}"`);
    // The draft is not in the catalogue, but its author can preview it.
    expect((await new Browser().get(`/courses/${slug}`)).status).toBe(404);
    expect(visibleText(await (await browser.get(`/courses/${slug}`)).text())).toContain("Draft preview");
  });

  it("reports every broken file by name and writes nothing", async () => {
    const { browser } = await signedInBrowser("INSTRUCTOR");
    const slug = `broken-${randomBytes(3).toString("hex")}`;
    const { zip } = courseZip({
      slug,
      extra: {
        // Bad front matter: no title, and a level that does not exist.
        [`${slug}/01-lesson-1.md`]: "---\ntype: lesson\nmodule: First steps\nsummary: A lesson.\nestimatedMinutes: 5\n---\nBody.\n",
        [`${slug}/04-no-answer.md`]: [
          "---",
          "type: quiz",
          "title: Quiz without an answer",
          "module: Going further",
          "questions:",
          "  - prompt: Which is right?",
          "    options:",
          "      - text: This one",
          "      - text: That one",
          "    explanation: Neither, as it happens.",
          "---",
          "",
        ].join("\n"),
        [`${slug}/notes.txt`]: "scratch notes",
        "../../etc/evil.md": "---\ntitle: evil\n---\n",
      },
    });
    const before = await prisma.course.count();
    const response = await upload(browser, zip, "broken.zip");
    expect(response.status).toBe(400);
    const html = await response.text();
    const text = visibleText(html);
    expect(text).toContain("Nothing was imported from broken.zip");
    expect(text).toContain("4 files have problems.");
    expect(reportRow(html, `${slug}/01-lesson-1.md`)).toMatch(/Problem.*title:/);
    expect(reportRow(html, `${slug}/04-no-answer.md`)).toMatch(/Problem.*needs at least one correct option/);
    expect(reportRow(html, `${slug}/notes.txt`)).toMatch(/Problem.*not a Markdown file/);
    expect(reportRow(html, "../../etc/evil.md")).toMatch(/Problem.*unsafe path/);
    expect(reportRow(html, `${slug}/02-lesson-2.md`)).toContain("Valid");
    expect(reportRow(html, `${slug}/course.md`)).toContain("Valid");
    expect(await prisma.course.findUnique({ where: { slug } })).toBeNull();
    expect(await prisma.course.count()).toBe(before);
  });

  it("says what's wrong with the zip itself: not a zip, no course folder, several courses", async () => {
    const { browser } = await signedInBrowser("INSTRUCTOR");
    const notZip = visibleText(await (await upload(browser, strToU8("just some text"), "notes.zip")).text());
    expect(notZip).toContain("This file isn't a readable .zip archive.");

    // The folder's contents zipped instead of the folder.
    const flat = zipSync({ "course.md": strToU8(courseFiles().files.values().next().value!), "01-intro.md": strToU8("---\n---\n") });
    const flatPage = await upload(browser, flat, "flat.zip");
    expect(flatPage.status).toBe(400);
    const flatHtml = await flatPage.text();
    expect(reportRow(flatHtml, "course.md")).toContain("course.md must be in the course's folder");
    expect(reportRow(flatHtml, "01-intro.md")).toContain("Not checked");

    const two = zipSync({ ...unzipSync(courseZip().zip), ...unzipSync(courseZip().zip) });
    expect(visibleText(await (await upload(browser, two, "two.zip")).text())).toContain("Upload one course at a time: this zip has 2 course.md files");

    const empty = visibleText(await (await upload(browser, zipSync({ "a/": new Uint8Array() }), "empty.zip")).text());
    expect(empty).toContain("No course.md found.");
  });

  it("refuses a file over 10 MB and zips that unpack too large, with a clear message", async () => {
    const { browser } = await signedInBrowser("INSTRUCTOR");
    const big = await upload(browser, randomBytes(10 * 1024 * 1024 + 1), "huge.zip");
    expect(big.status).toBe(413);
    const bigHtml = await big.text();
    expect(visibleText(bigHtml)).toContain("The file is larger than 10 MB.");
    expect(bigHtml).toMatch(/id="zip"[^>]*aria-invalid="true"/);
    // Browsers announce the size up front: refused before parsing.
    const form = new FormData();
    form.set("zip", new File([randomBytes(10 * 1024 * 1024 + 1)], "huge.zip"));
    const encoded = new Response(form);
    const body = new Uint8Array(await encoded.arrayBuffer());
    const announced = await browser.request("/instructor/import", {
      method: "POST",
      body,
      headers: { "Content-Type": encoded.headers.get("Content-Type")!, "Content-Length": String(body.byteLength) },
    });
    expect(announced.status).toBe(413);
    expect(visibleText(await announced.text())).toContain("The file is larger than 10 MB.");

    // A small upload that would unpack to 1.5 MB in one file, and to 25 MB in all.
    const { slug, zip } = courseZip({ extra: {} });
    const entries = unzipSync(zip);
    const oneBig = await upload(browser, zipSync({ ...entries, [`${slug}/09-huge.md`]: new Uint8Array(1.5 * 1024 * 1024) }, { level: 9 }), "one-big.zip");
    expect(reportRow(await oneBig.text(), `${slug}/09-huge.md`)).toContain("larger than 1 MB");
    const many = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`${slug}/${10 + i}-part.md`, new Uint8Array(1000 * 1024)]));
    const bomb = await upload(browser, zipSync({ ...entries, ...many }, { level: 9 }), "bomb.zip");
    expect(bomb.status).toBe(400);
    expect(visibleText(await bomb.text())).toContain("The course's files add up to more than 20 MB once unzipped.");
    const crowded = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`${slug}/x${i}.md`, new Uint8Array(1)]));
    expect(visibleText(await (await upload(browser, zipSync({ ...entries, ...crowded }), "crowded.zip")).text())).toContain("The zip holds more than 500 files");
    expect(await prisma.course.findUnique({ where: { slug } })).toBeNull();
  });

  it("asks for a file when none was chosen", async () => {
    const { browser } = await signedInBrowser("INSTRUCTOR");
    const form = new FormData();
    form.set("zip", new File([], "", { type: "application/octet-stream" }));
    const response = await browser.request("/instructor/import", { method: "POST", body: form });
    expect(response.status).toBe(400);
    expect(visibleText(await response.text())).toContain("Choose the course's .zip file.");
  });

  it("updates the uploader's own course in place, keeping lesson ids; refuses someone else's slug", async () => {
    const { browser, user } = await signedInBrowser("INSTRUCTOR");
    const { slug, zip } = courseZip({ title: "First version" });
    await upload(browser, zip);
    const first = await prisma.course.findUniqueOrThrow({ where: { slug }, include: { lessons: { orderBy: { position: "asc" } } } });

    const { zip: second } = courseZip({ slug, title: "Second version" });
    const again = await upload(browser, second);
    expect(again.status).toBe(302);
    expect(visibleText(await (await browser.follow(again)).text())).toContain("Updated Second version from course.zip");
    const updated = await prisma.course.findUniqueOrThrow({ where: { slug }, include: { lessons: { orderBy: { position: "asc" } } } });
    expect(updated).toMatchObject({ id: first.id, title: "Second version", authorId: user.id, status: "DRAFT" });
    expect(updated.lessons.map((l) => l.id)).toEqual(first.lessons.map((l) => l.id));

    const { browser: other } = await signedInBrowser("INSTRUCTOR", { name: "Other Instructor" });
    const { zip: stolen } = courseZip({ slug, title: "Taken over" });
    const refused = await upload(other, stolen);
    expect(refused.status).toBe(400);
    expect(visibleText(await refused.text())).toContain(`A course with the slug "${slug}" already exists and you can't edit it.`);
    expect((await prisma.course.findUniqueOrThrow({ where: { slug } })).title).toBe("Second version");

    // An admin may update it; a published course gets a new version for its learners.
    await prisma.course.update({ where: { slug }, data: { status: "PUBLISHED" } });
    const { browser: admin } = await signedInBrowser("ADMIN", { name: "Ada Admin" });
    const { zip: third } = courseZip({ slug, title: "Third version" });
    const byAdmin = await upload(admin, third);
    expect(visibleText(await (await admin.follow(byAdmin)).text())).toContain("The course is published: learners see the new content now (version 1).");
    expect(await prisma.course.findUniqueOrThrow({ where: { slug } })).toMatchObject({ title: "Third version", authorId: user.id, status: "PUBLISHED", version: 1 });
  });

  it("offers an example course zip that imports as it is", async () => {
    const { browser } = await signedInBrowser("INSTRUCTOR");
    const page = await (await browser.get("/instructor/import")).text();
    expect(page).toContain('href="/instructor/import/example.zip"');
    const download = await browser.get("/instructor/import/example.zip");
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Type")).toBe("application/zip");
    const imported = await upload(browser, new Uint8Array(await download.arrayBuffer()), "my-error-monitoring-course.zip");
    expect(imported.status).toBe(302);
    const course = await prisma.course.findUniqueOrThrow({ where: { slug: "my-error-monitoring-course" }, include: { _count: { select: { lessons: true, quizzes: true } } } });
    // Seven lessons, one of them an exercise with its code (decision 040), and the quiz.
    expect(course._count).toEqual({ lessons: 7, quizzes: 1 });
    expect(await prisma.exercise.count({ where: { lesson: { courseId: course.id } } })).toBe(1);
  });

  it("is for instructors and admins only", async () => {
    const { browser: student } = await signedInBrowser("STUDENT", { name: "Sam Student" });
    expect((await student.get("/instructor/import")).status).toBe(403);
    expect((await student.get("/instructor/import/example.zip")).status).toBe(403);
    const { slug, zip } = courseZip();
    expect((await upload(student, zip)).status).toBe(403);
    expect(await prisma.course.findUnique({ where: { slug } })).toBeNull();
    const guest = await new Browser().get("/instructor/import");
    expect(guest.status).toBe(302);
    expect(guest.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});
