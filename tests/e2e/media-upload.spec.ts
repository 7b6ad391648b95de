/**
 * The studio's upload UI (decision 035), JavaScript off (plain multipart forms, refusals on a 4xx
 * page next to the field) and on (tus with a progress bar, resumed after a dropped connection):
 * an instructor adds captions (SRT, converted), a resource and a video to a lesson, sees a file
 * refused by its content, and finds everything in the course's media library, at 1280 and 320 px.
 */
import { writeFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test, toast } from "./support/fixtures.ts";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const SRT = "1\n00:00:01,000 --> 00:00:03,000\nHello from the captions\n\n2\n00:00:03,500 --> 00:00:05,000\nSecond cue\n";
/** A PDF padded to about 1.5 MB, so an upload takes a moment. */
const PDF = Buffer.concat([Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"), Buffer.alloc(1_500_000, 0x20), Buffer.from("\ntrailer << /Root 1 0 R >>\n%%EOF\n")]);
/** An MP4's first box and nothing playable: the transcoding job fails it with a message. */
const NOT_A_VIDEO = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom"), Buffer.from([0, 0, 2, 0]), Buffer.from("isommp42"), Buffer.alloc(4000, 1)]);

async function seriousAxeViolations(page: Page, jsEnabled: boolean) {
  if (!jsEnabled) return [];
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const { violations } = await new AxeBuilder({ page }).include("main").analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Picks a file in one of the panel's upload forms and sends it. */
async function uploadIn(page: Page, section: string, file: { name: string; buffer: Buffer; mimeType?: string }, button = "Upload") {
  const slot = page.getByRole("region", { name: section, exact: true });
  await slot.locator('input[type="file"]').setInputFiles({ mimeType: "application/octet-stream", ...file });
  await slot.getByRole("button", { name: button, exact: true }).click();
  return slot;
}

test("an instructor uploads captions, a resource and a video to a lesson, sees a refusal next to the field, and finds them in the media library", async ({ page, db, loginAs, jsEnabled }, testInfo) => {
  test.setTimeout(120_000);
  const user = await loginAs("INSTRUCTOR", { name: "Uma Uploader" });
  const course = await db.courses.createCourse({ publish: false, title: `Media course ${testInfo.project.name} ${Date.now()}` });
  await db.prisma.course.update({ where: { id: course.id }, data: { authorId: user.id } });
  const lesson = course.lessons[0];
  const lessonPage = `/instructor/courses/${course.id}/lessons/${lesson.id}`;
  await page.goto(lessonPage);
  const panel = page.getByRole("region", { name: "Video and files" });
  await expect(panel).toBeVisible();
  // The limit is written next to each field.
  await expect(panel.getByText("MP4, MOV, WebM or MKV, up to 2 GB.")).toBeVisible();
  await expect(panel.getByText("WebVTT (.vtt) or SubRip (.srt, converted to WebVTT), UTF-8, up to 2 MB.")).toBeVisible();

  // Captions in SubRip: converted and stored.
  const captions = await uploadIn(page, "Captions", { name: "english.srt", buffer: Buffer.from(SRT) });
  if (jsEnabled) await expect(captions.getByRole("status")).toContainText("Uploaded “english.srt”");
  else await expect(toast(page)).toContainText("Captions “english.srt” uploaded.");
  await expect(page.getByRole("region", { name: "Captions", exact: true }).getByText("english.srt", { exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Captions", exact: true }).getByText("Ready", { exact: true })).toBeVisible();

  // A PNG named like a video is refused by its content, the message under the video field (a 4xx without JS).
  const refusedResponse = page.waitForResponse((r) => r.request().method() !== "GET" && /\/media\?kind=video|\/uploads\/tus\//.test(r.url()) && r.status() >= 400);
  await uploadIn(page, "Video", { name: "lecture.mp4", buffer: PNG });
  expect((await refusedResponse).status()).toBe(415);
  const message = "This file is a PNG image, which isn't accepted for a video. Accepted: MP4, MOV, WebM or MKV, up to 2 GB.";
  const videoField = page.getByRole("region", { name: "Video", exact: true }).getByLabel("Upload a video");
  await expect(videoField).toHaveAttribute("aria-invalid", "true");
  await expect(videoField).toHaveAccessibleDescription(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));

  // A resource, with a title; with JS it shows its progress on the way.
  if (!jsEnabled) await page.goto(lessonPage);
  const resources = page.getByRole("region", { name: "Resources", exact: true });
  await resources.getByLabel("Title shown to learners (optional)").fill("Lesson slides");
  await uploadIn(page, "Resources", { name: "slides.pdf", buffer: PDF }, "Add resource");
  if (jsEnabled) await expect(resources.getByRole("status")).toContainText("Uploaded “slides.pdf”");
  else await expect(toast(page)).toContainText("Resource “slides.pdf” added.");
  await expect(resources.getByText("Lesson slides")).toBeVisible();
  await expect(resources.getByText(/slides\.pdf · 1\.4 MB/)).toBeVisible();

  // A "video" ffmpeg can't read: it transcodes, then fails with the job's message.
  await uploadIn(page, "Video", { name: "broken.mp4", buffer: NOT_A_VIDEO });
  const video = page.getByRole("region", { name: "Video", exact: true });
  await expect(video.getByText("broken.mp4", { exact: true })).toBeVisible();
  if (!jsEnabled) {
    await expect(toast(page)).toContainText("Video “broken.mp4” uploaded");
    // Without JS, the panel's link asks again until the job is done.
    await expect(async () => {
      if (!(await video.getByText("Failed", { exact: true }).isVisible())) await page.getByRole("link", { name: "Refresh status" }).click({ timeout: 1000 });
      await expect(video.getByText("Failed", { exact: true })).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 60_000 });
  } else {
    // With JS the panel polls by itself.
    await expect(video.getByText("Failed", { exact: true })).toBeVisible({ timeout: 60_000 });
  }

  const assets = await db.prisma.mediaAsset.findMany({ where: { courseId: course.id }, orderBy: { createdAt: "asc" } });
  expect(assets.map((a) => [a.kind, a.status, a.contentType])).toEqual([
    ["CAPTIONS", "READY", "text/vtt"],
    ["RESOURCE", "READY", "application/pdf"],
    ["VIDEO", "FAILED", "video/mp4"],
  ]);
  expect(await seriousAxeViolations(page, jsEnabled)).toEqual([]);
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await panel.screenshot({ path: testInfo.outputPath(`lesson-media-${width}.png`) });
    if (width === 320) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  }

  // The course's media library lists all three with their kind, size, status and use.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("link", { name: "Media", exact: true }).click();
  const list = page.getByRole("list", { name: "Uploaded files" });
  await expect(list.getByRole("listitem")).toHaveCount(3);
  await expect(list.getByRole("listitem").filter({ hasText: "english.srt" })).toContainText(`Captions of “${lesson.title}”`);
  await expect(list.getByRole("listitem").filter({ hasText: "Lesson slides" })).toContainText("Ready");
  await expect(list.getByRole("listitem").filter({ hasText: "broken.mp4" })).toContainText("Failed");
  expect(await seriousAxeViolations(page, jsEnabled)).toEqual([]);
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: testInfo.outputPath(`media-library-${width}.png`), fullPage: true });
    if (width === 320) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  }

  // Deleting from the library removes the file and its use.
  await page.setViewportSize({ width: 1280, height: 900 });
  const slides = list.getByRole("listitem").filter({ hasText: "Lesson slides" });
  await slides.getByText("Delete…").click();
  await slides.getByRole("button", { name: "Delete for good" }).click();
  await expect(toast(page)).toContainText("“Lesson slides” deleted.");
  await expect(list.getByRole("listitem")).toHaveCount(2);
  expect((await db.prisma.lesson.findUniqueOrThrow({ where: { id: lesson.id } })).resources).toEqual([]);
});

test("the course image is uploaded from the course's settings page", async ({ page, db, loginAs, jsEnabled }, testInfo) => {
  const user = await loginAs("INSTRUCTOR");
  const course = await db.courses.createCourse({ publish: false, title: `Cover course ${testInfo.project.name} ${Date.now()}` });
  await db.prisma.course.update({ where: { id: course.id }, data: { authorId: user.id } });
  await page.goto(`/instructor/courses/${course.id}`);
  const section = page.getByRole("region", { name: "Course image" });
  await section.getByLabel("Upload a course image").setInputFiles({ name: "cover.png", mimeType: "image/png", buffer: PNG });
  await section.getByRole("button", { name: "Upload", exact: true }).click();
  if (jsEnabled) await expect(section.getByRole("status")).toContainText("Uploaded “cover.png”");
  else await expect(toast(page)).toContainText("Image “cover.png” uploaded.");
  await page.goto(`/instructor/courses/${course.id}`);
  await expect(page.getByRole("region", { name: "Course image" }).getByText("cover.png")).toBeVisible();
  const saved = await db.prisma.course.findUniqueOrThrow({ where: { id: course.id }, include: { coverAsset: true } });
  expect(saved.coverAsset).toMatchObject({ kind: "IMAGE", status: "READY", contentType: "image/png" });
});

test("with JavaScript, an upload survives a dropped connection and goes on where it stopped", async ({ page, db, loginAs, jsEnabled }, testInfo) => {
  test.skip(!jsEnabled, "resumable uploads are the JavaScript enhancement; without it the form posts the file whole");
  const user = await loginAs("INSTRUCTOR");
  const course = await db.courses.createCourse({ publish: false, title: `Resume course ${testInfo.project.name} ${Date.now()}` });
  await db.prisma.course.update({ where: { id: course.id }, data: { authorId: user.id } });
  await page.goto(`/instructor/courses/${course.id}/lessons/${course.lessons[0].id}`);

  // The first chunk's connection drops after the request is sent.
  const tusRequests: string[] = [];
  let dropped = false;
  await page.route("**/uploads/tus/**", async (route) => {
    const request = route.request();
    tusRequests.push(request.method());
    if (request.method() === "PATCH" && !dropped) {
      dropped = true;
      await route.abort("connectionreset");
      return;
    }
    await route.continue();
  });
  const file = testInfo.outputPath("notes.pdf");
  writeFileSync(file, PDF);
  const resources = await uploadIn(page, "Resources", { name: "notes.pdf", buffer: PDF }, "Add resource");
  await expect(resources.getByRole("status")).toContainText("Uploaded “notes.pdf”", { timeout: 30_000 });
  // Created once, the lost chunk asked about (HEAD) and sent again.
  expect(tusRequests.filter((m) => m === "POST")).toHaveLength(1);
  expect(tusRequests).toContain("HEAD");
  expect(tusRequests.filter((m) => m === "PATCH").length).toBeGreaterThanOrEqual(2);
  const [asset] = await db.prisma.mediaAsset.findMany({ where: { courseId: course.id } });
  expect(asset).toMatchObject({ kind: "RESOURCE", status: "READY", sizeBytes: BigInt(PDF.length) });
  await expect(resources.getByText(/notes\.pdf · 1\.4 MB/)).toBeVisible();
});
