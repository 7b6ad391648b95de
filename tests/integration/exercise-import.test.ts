/**
 * Exercises in the Markdown/zip import format (decision 040): the Exercise row is written next to its
 * Lesson, updated in place on re-import, removed when the file stops being an exercise; a broken
 * exercise in a .zip is reported on its own row, by the code block's word, and nothing is written.
 */
import { randomBytes } from "node:crypto";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { parseCatalog, writeCatalog } from "~/modules/academy/importer.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { visibleText } from "../support/app.ts";
import { courseFiles } from "../support/courses.ts";
import { signedInBrowser } from "../support/signed-in.ts";

function exercise(opts: { type?: string; starter?: string; tests?: string | null; hidden?: string; solution?: string } = {}) {
  const block = (info: string, code: string | null | undefined) => (code == null ? "" : `\n\`\`\`js ${info}\n${code}\n\`\`\`\n`);
  return [
    "---",
    `type: ${opts.type ?? "exercise"}`,
    "title: Capture a failed payment",
    "module: Hands-on",
    "summary: Send the error to Sentry.",
    "estimatedMinutes: 10",
    "---",
    "Call **captureException** when the payment fails.",
    block("starter", opts.starter ?? "export function pay() {}"),
    block("tests", opts.tests === undefined ? 'import { pay } from "./solution";\ntest("pays", () => { expect(pay).toBeDefined(); });' : opts.tests),
    block("hidden-tests", opts.hidden),
    block("solution", opts.solution),
  ].join("\n");
}

async function importFiles(files: Map<string, string>) {
  const parsed = parseCatalog(files);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  await writeCatalog(prisma, parsed.catalog, { publish: true });
}

describe("importing exercises", () => {
  it("writes the Exercise next to its lesson, updates it in place, and removes it when the file becomes a plain lesson", async () => {
    const { slug, files } = courseFiles({ lessons: 1 });
    files.set(`courses/${slug}/02-capture.md`, exercise({ hidden: 'test("hidden", () => {});', solution: "export function pay() { return 1; }" }));
    await importFiles(files);
    const lesson = await prisma.lesson.findFirstOrThrow({ where: { course: { slug }, slug: "capture" }, include: { exercise: true } });
    expect(lesson.bodyMarkdown).toBe("Call **captureException** when the payment fails.");
    expect(lesson.bodyHtml).not.toContain("pays");
    expect(lesson.exercise).toMatchObject({
      language: "JAVASCRIPT",
      starterCode: "export function pay() {}",
      visibleTests: 'import { pay } from "./solution";\ntest("pays", () => { expect(pay).toBeDefined(); });',
      hiddenTests: 'test("hidden", () => {});',
      solution: "export function pay() { return 1; }",
    });
    const plain = await prisma.lesson.findFirstOrThrow({ where: { course: { slug }, slug: "lesson-1" }, include: { exercise: true } });
    expect(plain.exercise).toBeNull();

    // Re-import with new starter code and no solution: same lesson, same Exercise row.
    files.set(`courses/${slug}/02-capture.md`, exercise({ starter: "export const pay = () => 2;" }));
    await importFiles(files);
    const again = await prisma.exercise.findUniqueOrThrow({ where: { lessonId: lesson.id } });
    expect(again).toMatchObject({ id: lesson.exercise!.id, starterCode: "export const pay = () => 2;", hiddenTests: "", solution: null });

    // The file becomes a plain lesson: the lesson stays (progress kept), its Exercise goes.
    files.set(`courses/${slug}/02-capture.md`, exercise({ type: "lesson" }));
    await importFiles(files);
    expect(await prisma.exercise.findUnique({ where: { lessonId: lesson.id } })).toBeNull();
    const same = await prisma.lesson.findUniqueOrThrow({ where: { id: lesson.id } });
    expect(same.slug).toBe("capture");
  });

  it("a .zip with a broken exercise reports the file's problems by block and writes nothing", async () => {
    const { browser } = await signedInBrowser("INSTRUCTOR");
    const slug = `exercise-zip-${randomBytes(3).toString("hex")}`;
    const { files } = courseFiles({ slug, lessons: 1 });
    files.set(`courses/${slug}/02-capture.md`, exercise({ tests: null }));
    files.set(`courses/${slug}/03-huge.md`, exercise({ starter: "// x\n".repeat(11_000) }));
    const entries = Object.fromEntries([...files].map(([file, text]) => [file.replace(/^courses\//, ""), strToU8(text)]));
    const form = new FormData();
    form.set("zip", new File([zipSync(entries)], "exercise.zip", { type: "application/zip" }));
    const response = await browser.request("/instructor/import", { method: "POST", body: form });
    expect(response.status).toBe(400);
    const html = await response.text();
    const row = (file: string) => visibleText(new RegExp(`<tr[^>]*data-file="${file}"[^>]*>([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? "");
    expect(row(`${slug}/02-capture.md`)).toContain("tests: add the visible tests in a ```js tests block");
    expect(row(`${slug}/03-huge.md`)).toContain("starter: Keep the starter code under 50 KB.");
    expect(row(`${slug}/01-lesson-1.md`)).toContain("Valid");
    expect(await prisma.course.findUnique({ where: { slug } })).toBeNull();
  });

  it("a valid .zip imports its exercise as a draft's lesson", async () => {
    const { browser } = await signedInBrowser("INSTRUCTOR");
    const slug = `exercise-ok-${randomBytes(3).toString("hex")}`;
    const { files } = courseFiles({ slug, lessons: 1 });
    files.set(`courses/${slug}/02-capture.md`, exercise());
    const entries = Object.fromEntries([...files].map(([file, text]) => [file.replace(/^courses\//, ""), strToU8(text)]));
    const form = new FormData();
    form.set("zip", new File([zipSync(entries)], "exercise.zip", { type: "application/zip" }));
    const response = await browser.request("/instructor/import", { method: "POST", body: form });
    expect(response.status).toBe(302);
    const exercises = await prisma.exercise.findMany({ where: { lesson: { course: { slug } } }, include: { lesson: true } });
    expect(exercises.map((e) => [e.lesson.slug, e.starterCode])).toEqual([["capture", "export function pay() {}"]]);
  });
});
