/**
 * The studio's media uploads over HTTP (decision 035): plain multipart forms as a browser without
 * JavaScript sends them, and the resumable tus endpoint as tus-js-client speaks it. Who may upload,
 * where, what is refused and with which message, and what is left behind.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { strToU8, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server.ts";
import type { RoleName } from "~/utils/permissions.ts";
import { Browser, visibleText } from "../support/app.ts";
import { createCourse } from "../support/courses.ts";
import { projectRoot } from "../support/processes.ts";
import { signedInBrowser } from "../support/signed-in.ts";

// The media store and tus's partial uploads live under DATA_DIR: a folder of this test file's own.
const dataDir = mkdtempSync(path.join(tmpdir(), "media-uploads-"));
process.env.DATA_DIR = dataDir;

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
/** The start of an MP4 (an ftyp box): enough for the type check; transcoding is the video job's. */
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom"), Buffer.from([0, 0, 2, 0]), Buffer.from("isommp42"), Buffer.alloc(4000, 1)]);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const SRT = "1\n00:00:01,000 --> 00:00:03,500\nHello, <i>world</i>\n";

type TusHandler = (request: Request) => Promise<Response>;
let handleTus: TusHandler;

beforeAll(async () => {
  const build = (await import(pathToFileURL(path.join(projectRoot, "build/index.js")).href)) as { entry: { module: { handleTusRequest: TusHandler } } };
  handleTus = build.entry.module.handleTusRequest;
});

async function authoredCourse(authorId: string) {
  const course = await createCourse({ publish: false });
  await prisma.course.update({ where: { id: course.id }, data: { authorId } });
  return course;
}

const lessonMedia = (courseId: string, lessonId: string) => `/instructor/courses/${courseId}/lessons/${lessonId}/media`;
const library = (courseId: string) => `/instructor/courses/${courseId}/media`;

/** Posts one file the way a browser's plain multipart form does. */
function upload(browser: Browser, url: string, field: string, bytes: Uint8Array, name: string, extra: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const form = new FormData();
  form.set("intent", "upload");
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  form.set(field, new File([new Uint8Array(bytes)], name, { type: "application/octet-stream" }));
  return browser.request(`${url}?kind=${field}`, { method: "POST", body: form, headers });
}

const storedFile = (assetId: string) => [path.join(dataDir, "media", "media", assetId, "original"), path.join(dataDir, "media", assetId, "original")].find((p) => existsSync(p));
const leftovers = () => (existsSync(path.join(tmpdir(), "academy-uploads")) ? readdirSync(path.join(tmpdir(), "academy-uploads")) : []);

describe("plain (no-JS) uploads to a lesson", () => {
  it("stores a video, captions (SRT converted), a poster and a resource under generated names, attached to the lesson", async () => {
    const { browser, user } = await signedInBrowser("INSTRUCTOR");
    const course = await authoredCourse(user.id);
    const lesson = course.lessons[0];
    const url = lessonMedia(course.id, lesson.id);

    const video = await upload(browser, url, "video", MP4, "../../intro clip.mp4");
    expect(video.status).toBe(302);
    expect(video.headers.get("Location")).toBe(`/instructor/courses/${course.id}/lessons/${lesson.id}#lesson-media`);
    expect((await upload(browser, url, "captions", strToU8(SRT), "english.srt")).status).toBe(302);
    expect((await upload(browser, url, "poster", PNG, "poster.png")).status).toBe(302);
    expect((await upload(browser, url, "resource", PDF, "slides.pdf", { title: "Slides of the lesson" })).status).toBe(302);

    const saved = await prisma.lesson.findUniqueOrThrow({ where: { id: lesson.id } });
    const assets = await prisma.mediaAsset.findMany({ where: { lessonId: lesson.id }, orderBy: { createdAt: "asc" } });
    expect(assets.map((a) => [a.kind, a.status, a.contentType, a.originalName, a.uploadedById])).toEqual([
      ["VIDEO", "PROCESSING", "video/mp4", "intro clip.mp4", user.id],
      ["CAPTIONS", "READY", "text/vtt", "english.srt", user.id],
      ["POSTER", "READY", "image/png", "poster.png", user.id],
      ["RESOURCE", "READY", "application/pdf", "slides.pdf", user.id],
    ]);
    const [v, c, p, r] = assets;
    expect(saved).toMatchObject({ videoAssetId: v.id, captionsAssetId: c.id, posterAssetId: p.id });
    expect(saved.resources).toEqual([{ title: "Slides of the lesson", assetId: r.id }]);
    for (const asset of assets) {
      expect(asset.storageKey).toBe(`media/${asset.id}/original`);
      expect(storedFile(asset.id), asset.kind).toBeTruthy();
    }
    // Captions are stored as the WebVTT they were converted to; the rest byte for byte.
    expect(readFileSync(storedFile(c.id)!, "utf8")).toBe("WEBVTT\n\n00:00:01.000 --> 00:00:03.500\nHello, <i>world</i>\n");
    expect(readFileSync(storedFile(r.id)!).equals(PDF)).toBe(true);
    expect(Number(c.sizeBytes)).toBe(Buffer.byteLength("WEBVTT\n\n00:00:01.000 --> 00:00:03.500\nHello, <i>world</i>\n"));

    // The lesson page's panel shows them, the video transcoding.
    const page = visibleText(await (await browser.get(`/instructor/courses/${course.id}/lessons/${lesson.id}`)).text());
    expect(page).toContain("Video and files");
    expect(page).toMatch(/intro clip\.mp4 .*Transcoding/);
    expect(page).toContain("Slides of the lesson");
    expect(page).toContain("MP4, MOV, WebM or MKV, up to 2 GB");

    // A new video replaces the old one, whose row and bytes go.
    expect((await upload(browser, url, "video", MP4, "take two.mp4")).status).toBe(302);
    expect(await prisma.mediaAsset.findUnique({ where: { id: v.id } })).toBeNull();
    expect(storedFile(v.id)).toBeUndefined();

    // Removing a resource takes it out of the lesson's list and deletes its bytes.
    const removed = await browser.post(url, { intent: "remove", assetId: r.id });
    expect(removed.status).toBe(302);
    expect((await prisma.lesson.findUniqueOrThrow({ where: { id: lesson.id } })).resources).toEqual([]);
    expect(storedFile(r.id)).toBeUndefined();
    expect(leftovers()).toEqual([]);
  });

  it("refuses by content with a 4xx and the message next to the field, and leaves nothing behind", async () => {
    const { browser, user } = await signedInBrowser("INSTRUCTOR");
    const course = await authoredCourse(user.id);
    const url = lessonMedia(course.id, course.lessons[0].id);
    const before = await prisma.mediaAsset.count();

    // A PNG named .mp4 is a PNG.
    const renamed = await upload(browser, url, "video", PNG, "lecture.mp4");
    expect(renamed.status).toBe(415);
    const html = await renamed.text();
    const message = "This file is a PNG image, which isn't accepted for a video. Accepted: MP4, MOV, WebM or MKV, up to 2 GB.";
    expect(visibleText(html)).toContain(message);
    // Next to its field: the video input is invalid and described by the message.
    const input = /<input[^>]*name="video"[^>]*>/.exec(html)![0];
    expect(input).toContain('aria-invalid="true"');
    const errorId = /aria-describedby="[^"]*?(\S+-error)"/.exec(input)![1];
    const list = new RegExp(`<ul id="${errorId}"[^>]*>([\\s\\S]*?)</ul>`).exec(html);
    expect(visibleText(list![1]).trim()).toBe(message);

    const bomb = zipSync({ "a.bin": new Uint8Array(30 * 1024 * 1024), "b.bin": new Uint8Array(30 * 1024 * 1024) }, { level: 9 });
    const zipped = await upload(browser, url, "resource", bomb, "notes.zip");
    expect(zipped.status).toBe(422);
    expect(visibleText(await zipped.text())).toMatch(/The zip unpacks to 60 MB from \d+ KB, more than 100 times its size/);

    const svg = await upload(browser, url, "poster", strToU8('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), "poster.png");
    expect(svg.status).toBe(415);
    expect(visibleText(await svg.text())).toContain("This file is an SVG image, which isn't accepted for a poster image.");

    const tooBig = await upload(browser, url, "captions", Buffer.alloc(2 * 1024 * 1024 + 10, "a"), "huge.vtt");
    expect(tooBig.status).toBe(413);
    expect(visibleText(await tooBig.text())).toContain("The file is larger than 2 MB: captions may be at most 2 MB");

    const empty = await upload(browser, url, "captions", new Uint8Array(0), "empty.vtt");
    expect(empty.status).toBe(400);
    expect(visibleText(await empty.text())).toContain("The file is empty.");

    // A form without its file, a broken multipart body.
    const noFile = new FormData();
    noFile.set("intent", "upload");
    const none = await browser.request(`${url}?kind=video`, { method: "POST", body: noFile });
    expect(none.status).toBe(400);
    expect(visibleText(await none.text())).toContain("Choose a file to upload.");
    const broken = await browser.request(url, { method: "POST", body: "--zzz\r\nbroken", headers: { "Content-Type": "multipart/form-data; boundary=zzz" } });
    expect(broken.status).toBe(400);
    // An image can't be uploaded as a lesson's media, nor a video to the library.
    expect((await upload(browser, url, "image", PNG, "x.png")).status).toBe(400);
    expect((await upload(browser, library(course.id), "video", MP4, "x.mp4")).status).toBe(400);

    expect(await prisma.mediaAsset.count()).toBe(before);
    expect(leftovers()).toEqual([]);
    expect(readdirSync(path.join(dataDir, "media"), { recursive: true }).filter((f) => String(f).includes(course.id))).toEqual([]);
  });
});

describe("who may upload", () => {
  it("guests log in, students and SEs get 403, another instructor's course is 403, someone else's lesson is 404, admins may", async () => {
    const { browser: author, user } = await signedInBrowser("INSTRUCTOR");
    const course = await authoredCourse(user.id);
    const other = await authoredCourse(user.id);
    const urls = [lessonMedia(course.id, course.lessons[0].id), library(course.id)];

    for (const url of urls) {
      const guest = await new Browser().get(url);
      expect(guest.status).toBe(302);
      expect(guest.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(url)}`);
      expect((await upload(new Browser(), url, "image", PNG, "x.png")).status).toBe(302);
    }
    const refused: Record<RoleName, number> = { STUDENT: 403, SE: 403, INSTRUCTOR: 403, ADMIN: 200 };
    for (const [role, status] of Object.entries(refused) as [RoleName, number][]) {
      const { browser } = await signedInBrowser(role);
      for (const url of urls) {
        expect((await browser.get(url)).status, `${role} GET ${url}`).toBe(status);
        const posted = await upload(browser, url, url.endsWith("/media") && url.includes("/lessons/") ? "poster" : "image", PNG, "x.png");
        expect(posted.status, `${role} POST ${url}`).toBe(status === 200 ? 302 : status);
      }
    }
    // The admin's two uploads went in; nobody else's did.
    expect(await prisma.mediaAsset.count({ where: { courseId: course.id } })).toBe(2);

    // A lesson of another course, under this course's id: not found.
    expect((await author.get(lessonMedia(course.id, other.lessons[0].id))).status).toBe(404);
    expect((await upload(author, lessonMedia(course.id, other.lessons[0].id), "poster", PNG, "x.png")).status).toBe(404);
    // Another course's asset can't be deleted through this course.
    const otherAsset = await upload(author, lessonMedia(other.id, other.lessons[0].id), "poster", PNG, "p.png");
    expect(otherAsset.status).toBe(302);
    const asset = await prisma.mediaAsset.findFirstOrThrow({ where: { courseId: other.id } });
    const { browser: stranger } = await signedInBrowser("INSTRUCTOR");
    expect((await stranger.post(library(other.id), { intent: "delete", assetId: asset.id })).status).toBe(403);
    expect((await author.post(library(course.id), { intent: "delete", assetId: asset.id })).status).toBe(302);
    expect(await prisma.mediaAsset.findUnique({ where: { id: asset.id } })).not.toBeNull();
  });

  it("refuses an upload sent from another site, and stores nothing", async () => {
    const { browser, user } = await signedInBrowser("INSTRUCTOR");
    const course = await authoredCourse(user.id);
    const response = await upload(browser, lessonMedia(course.id, course.lessons[0].id), "poster", PNG, "x.png", {}, { Origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(visibleText(await response.text())).toContain("This form was sent from another site");
    const bySite = await upload(browser, library(course.id), "image", PNG, "x.png", {}, { "Sec-Fetch-Site": "cross-site" });
    expect(bySite.status).toBe(403);
    expect(await prisma.mediaAsset.count({ where: { courseId: course.id } })).toBe(0);
  });
});

describe("the course's media library and image", () => {
  it("uploads the course image from the settings page and lists every asset with its kind, size, status and use", async () => {
    const { browser, user } = await signedInBrowser("INSTRUCTOR");
    const course = await authoredCourse(user.id);
    const settings = visibleText(await (await browser.get(`/instructor/courses/${course.id}`)).text());
    expect(settings).toContain("Course image");
    expect(settings).toContain("JPEG, PNG, WebP, GIF or SVG, up to 10 MB");

    const cover = await browser.request(`${library(course.id)}?kind=image&cover=1`, {
      method: "POST",
      body: (() => {
        const form = new FormData();
        form.set("intent", "upload");
        form.set("cover", "1");
        form.set("image", new File([new Uint8Array(PNG)], "cover <script>alert(1)<script>.png"));
        return form;
      })(),
    });
    expect(cover.status).toBe(302);
    const coverAsset = await prisma.mediaAsset.findFirstOrThrow({ where: { courseId: course.id, kind: "IMAGE" } });
    expect((await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).coverAssetId).toBe(coverAsset.id);
    expect((await upload(browser, library(course.id), "image", strToU8('<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"/></svg>'), "diagram.svg")).status).toBe(302);
    const failed = await prisma.mediaAsset.create({
      data: { courseId: course.id, lessonId: course.lessons[0].id, kind: "VIDEO", status: "FAILED", originalName: "broken.mp4", error: "This file isn't a video ffmpeg can read.", sizeBytes: 1234n },
    });
    await prisma.lesson.update({ where: { id: course.lessons[0].id }, data: { videoAssetId: failed.id } });

    const html = await (await browser.get(library(course.id))).text();
    const text = visibleText(html);
    // User text is inert: the file name's markup is shown, not rendered.
    expect(html).toContain("cover &lt;script&gt;alert(1)&lt;script&gt;.png");
    expect(html).not.toContain("<script>alert(1)");
    expect(text).toMatch(/cover &lt;script&gt;alert\(1\)&lt;script&gt;\.png Image · 70 B · image\/png .* Course image Ready/);
    expect(text).toMatch(/diagram\.svg Image · \d+ B · image\/svg\+xml .* Image library Ready/);
    expect(text).toMatch(/broken\.mp4 Video · 1.2 KB .* Video of “Lesson number 1” Failed This file isn't a video ffmpeg can read\./);

    // Deleting the course image's asset clears the course's image.
    expect((await browser.post(library(course.id), { intent: "delete", assetId: coverAsset.id })).status).toBe(302);
    expect((await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).coverAssetId).toBeNull();
    expect((await browser.post(library(course.id), { intent: "delete", assetId: "no-such-asset-0000" })).status).toBe(302);
    expect((await browser.post(library(course.id), { intent: "nonsense" })).status).toBe(400);
  });

  it("refreshes while a video transcodes: a no-JS refresh and a link", async () => {
    const { browser, user } = await signedInBrowser("INSTRUCTOR");
    const course = await authoredCourse(user.id);
    await upload(browser, lessonMedia(course.id, course.lessons[0].id), "video", MP4, "clip.mp4");
    await prisma.mediaAsset.updateMany({ where: { courseId: course.id }, data: { progress: 42 } });
    const html = await (await browser.get(library(course.id))).text();
    expect(html).toMatch(/<noscript><meta http-equiv="refresh" content="10"\/?><\/noscript>/);
    expect(html).toMatch(/role="progressbar" aria-label="Transcoding clip\.mp4"[^>]*aria-valuenow="42"/);
    expect(visibleText(html)).toContain("Refresh now");
  });
});

/** One tus request as tus-js-client sends it, with the browser's cookie. */
function tus(browser: Browser, method: string, url: string, headers: Record<string, string> = {}, body?: Uint8Array) {
  return handleTus(
    new Request(new URL(url, "http://localhost:3000"), {
      method,
      headers: { "Tus-Resumable": "1.0.0", Cookie: browser.cookieHeader(), Origin: "http://localhost:3000", ...headers },
      body: body ? new Uint8Array(body) : undefined,
    }),
  );
}

const metadata = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString("base64")}`)
    .join(",");

describe("resumable uploads (tus)", () => {
  it("creates the asset when the upload starts, resumes after a dropped connection and finishes through the same checks", async () => {
    const { browser, user } = await signedInBrowser("INSTRUCTOR");
    const course = await authoredCourse(user.id);
    const lesson = course.lessons[0];
    const created = await tus(browser, "POST", "/uploads/tus/", {
      "Upload-Length": String(PDF.length),
      "Upload-Metadata": metadata({ courseId: course.id, lessonId: lesson.id, kind: "RESOURCE", filename: "handout.pdf", title: "Handout" }),
    });
    expect(created.status).toBe(201);
    const location = created.headers.get("Location")!;
    const id = location.split("/").pop()!;
    expect(location).toBe(`/uploads/tus/${id}`);
    expect(await prisma.mediaAsset.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "UPLOADING", kind: "RESOURCE", lessonId: lesson.id, originalName: "handout.pdf" });
    // The page shows the upload in progress.
    expect(visibleText(await (await browser.get(`/instructor/courses/${course.id}/lessons/${lesson.id}`)).text())).toMatch(/handout\.pdf Uploading/);

    // The first half arrives, then the connection drops; the client asks where to go on.
    const half = Math.floor(PDF.length / 2);
    const first = await tus(browser, "PATCH", location, { "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream" }, PDF.subarray(0, half));
    expect(first.status).toBe(204);
    const head = await tus(browser, "HEAD", location);
    expect(head.headers.get("Upload-Offset")).toBe(String(half));
    const rest = await tus(browser, "PATCH", location, { "Upload-Offset": String(half), "Content-Type": "application/offset+octet-stream" }, PDF.subarray(half));
    expect(rest.status).toBe(204);
    expect(rest.headers.get("Media-Asset-Status")).toBe("READY");

    const asset = await prisma.mediaAsset.findUniqueOrThrow({ where: { id } });
    expect(asset).toMatchObject({ status: "READY", contentType: "application/pdf", storageKey: `media/${id}/original`, sizeBytes: BigInt(PDF.length) });
    expect(readFileSync(storedFile(id)!).equals(PDF)).toBe(true);
    expect((await prisma.lesson.findUniqueOrThrow({ where: { id: lesson.id } })).resources).toEqual([{ title: "Handout", assetId: id }]);
    // The partial upload is gone, and the finished one can't be patched again.
    expect(existsSync(path.join(dataDir, "tus", id))).toBe(false);
    expect((await tus(browser, "HEAD", location)).status).toBe(404);
  });

  it("refuses a file by content at the last chunk, with the message as the body, and removes its row and bytes", async () => {
    const { browser, user } = await signedInBrowser("INSTRUCTOR");
    const course = await authoredCourse(user.id);
    const created = await tus(browser, "POST", "/uploads/tus/", {
      "Upload-Length": String(PNG.length),
      "Upload-Metadata": metadata({ courseId: course.id, lessonId: course.lessons[0].id, kind: "VIDEO", filename: "lecture.mp4" }),
    });
    const location = created.headers.get("Location")!;
    const done = await tus(browser, "PATCH", location, { "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream" }, PNG);
    expect(done.status).toBe(415);
    expect(await done.text()).toBe("This file is a PNG image, which isn't accepted for a video. Accepted: MP4, MOV, WebM or MKV, up to 2 GB.");
    expect(await prisma.mediaAsset.count({ where: { courseId: course.id } })).toBe(0);
    expect(existsSync(path.join(dataDir, "tus", location.split("/").pop()!))).toBe(false);
  });

  it("checks who, where, which kind and how large before a byte is stored", async () => {
    const { browser, user } = await signedInBrowser("INSTRUCTOR");
    const course = await authoredCourse(user.id);
    const start = (b: Browser, fields: Record<string, string>, length = 100, headers: Record<string, string> = {}) =>
      tus(b, "POST", "/uploads/tus/", { "Upload-Length": String(length), "Upload-Metadata": metadata(fields), ...headers });
    const mine = { courseId: course.id, lessonId: course.lessons[0].id, kind: "POSTER", filename: "p.png" };

    expect((await start(new Browser(), mine)).status).toBe(401);
    for (const role of ["STUDENT", "SE"] as const) expect((await start((await signedInBrowser(role)).browser, mine)).status).toBe(403);
    const stranger = await start((await signedInBrowser("INSTRUCTOR")).browser, mine);
    expect(stranger.status).toBe(403);
    expect((await start((await signedInBrowser("ADMIN")).browser, mine)).status).toBe(201);

    const crossSite = await start(browser, mine, 100, { Origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain("can only be sent from its own pages");

    const tooLarge = await start(browser, mine, 11 * 1024 * 1024);
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.text()).toContain("a poster image may be at most");
    expect((await start(browser, { ...mine, kind: "SPREADSHEET" })).status).toBe(400);
    expect((await start(browser, { ...mine, courseId: "x\u0000y" })).status).toBe(400);
    expect((await start(browser, { ...mine, lessonId: "" })).status).toBe(400);
    const otherCourse = await authoredCourse(user.id);
    expect((await start(browser, { ...mine, lessonId: otherCourse.lessons[0].id })).status).toBe(404);
    expect((await tus(browser, "GET", "/uploads/tus/")).status).toBe(405);

    // Only the admin's upload started; another instructor can't continue or cancel it.
    const admins = await prisma.mediaAsset.findFirstOrThrow({ where: { courseId: course.id } });
    const { browser: other } = await signedInBrowser("INSTRUCTOR");
    expect((await tus(other, "HEAD", `/uploads/tus/${admins.id}`)).status).toBe(404);
    expect((await tus(other, "PATCH", `/uploads/tus/${admins.id}`, { "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream" }, PNG)).status).toBe(404);
    expect((await tus(other, "DELETE", `/uploads/tus/${admins.id}`)).status).toBe(404);
    // Its owner's course's instructor may cancel it: the row goes too.
    expect((await tus(browser, "DELETE", `/uploads/tus/${admins.id}`)).status).toBe(204);
    await expect.poll(() => prisma.mediaAsset.count({ where: { id: admins.id } })).toBe(0);
  });
});

describe("the tus endpoint under bad input", () => {
  it("answers mutated methods, paths, headers and metadata with a 4xx, never a 5xx", async () => {
    const { browser, user } = await signedInBrowser("INSTRUCTOR");
    const course = await authoredCourse(user.id);
    const good = { courseId: course.id, lessonId: course.lessons[0].id, kind: "RESOURCE", filename: "a.pdf" };
    const started = await tus(browser, "POST", "/uploads/tus/", { "Upload-Length": String(PDF.length), "Upload-Metadata": metadata(good) });
    const live = started.headers.get("Location")!;
    const lengths = ["-1", "abc", "1e309", "9007199254740993", "", "0x10", " 5"];
    const metas = ["kind", "kind !!!", `kind ${Buffer.from("\u0000").toString("base64")}`, metadata({ ...good, filename: "\u0000../../x" }), metadata({ ...good, kind: "__proto__" }), `${metadata(good)},${metadata(good)}`, "a".repeat(70_000)];
    const offsets = ["-5", "x", "99999999999", String(PDF.length + 10), ""];
    const paths = ["/uploads/tus/", "/uploads/tus/%00", "/uploads/tus/..%2f..%2fetc%2fpasswd", "/uploads/tus/x".padEnd(300, "y"), "/uploads/tus/a/b", live, `${live}/extra`];
    const statuses: number[] = [];
    const send = async (method: string, url: string, headers: Record<string, string>, body?: Uint8Array) => {
      const response = await tus(browser, method, url, headers, body).catch((error: unknown) => ({ status: 599, text: async () => String(error) }));
      statuses.push(response.status);
      if (response.status >= 500) throw new Error(`${method} ${url} ${JSON.stringify(headers)} -> ${response.status}: ${await response.text()}`);
    };
    for (const length of lengths) await send("POST", "/uploads/tus/", { "Upload-Length": length, "Upload-Metadata": metadata(good) });
    for (const meta of metas) await send("POST", "/uploads/tus/", { "Upload-Length": "10", "Upload-Metadata": meta });
    await send("POST", "/uploads/tus/", { "Upload-Defer-Length": "1", "Upload-Metadata": metadata(good) });
    await send("POST", "/uploads/tus/", { "Upload-Length": "10", "Upload-Metadata": metadata(good), "Upload-Concat": "final;/uploads/tus/a /uploads/tus/b" });
    for (const offset of offsets) await send("PATCH", live, { "Upload-Offset": offset, "Content-Type": "application/offset+octet-stream" }, PDF.subarray(0, 5));
    await send("PATCH", live, { "Upload-Offset": "0", "Content-Type": "text/plain" }, PDF.subarray(0, 5));
    await send("PATCH", live, { "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream" }, new Uint8Array(PDF.length + 100));
    for (const url of paths) for (const method of ["HEAD", "PATCH", "DELETE", "GET", "PUT", "OPTIONS", "POST"]) await send(method, url, { "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream", "Upload-Length": "3" }, method === "PATCH" || method === "POST" ? new Uint8Array(3) : undefined);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.length).toBeGreaterThan(60);
  });
});

describe("the media cleanup job", () => {
  it("removes abandoned uploads, failed assets' bytes and stored files without a row", async () => {
    const { cleanupMedia } = await import("~/modules/media/cleanup.server.ts");
    const { getMediaStore } = await import("~/modules/media/storage.server.ts");
    const { browser, user } = await signedInBrowser("INSTRUCTOR");
    const course = await authoredCourse(user.id);
    const store = getMediaStore();
    const dayAgo = new Date(Date.now() - 25 * 3600_000);

    const abandoned = await prisma.mediaAsset.create({ data: { courseId: course.id, kind: "VIDEO", originalName: "half.mp4", status: "UPLOADING" } });
    const fresh = await prisma.mediaAsset.create({ data: { courseId: course.id, kind: "VIDEO", originalName: "now.mp4", status: "UPLOADING" } });
    const failed = await prisma.mediaAsset.create({ data: { courseId: course.id, kind: "VIDEO", originalName: "bad.mp4", status: "FAILED", error: "Unreadable", storageKey: "" } });
    await store.put(`media/${failed.id}/original`, Buffer.from("x"), { contentType: "video/mp4" });
    await prisma.mediaAsset.update({ where: { id: failed.id }, data: { storageKey: `media/${failed.id}/original` } });
    await prisma.$executeRaw`UPDATE "MediaAsset" SET "updatedAt" = ${dayAgo} WHERE id IN (${abandoned.id}, ${failed.id})`;
    await store.put("media/orphan0000000000/original", Buffer.from("left behind"), { contentType: "application/pdf" });
    expect((await upload(browser, library(course.id), "image", PNG, "kept.png")).status).toBe(302);
    const kept = await prisma.mediaAsset.findFirstOrThrow({ where: { courseId: course.id, kind: "IMAGE" } });

    const result = await cleanupMedia();
    expect(result).toMatchObject({ staleUploads: 1, failedBytes: 1, orphans: 1 });
    expect(await prisma.mediaAsset.findUnique({ where: { id: abandoned.id } })).toBeNull();
    expect(await prisma.mediaAsset.findUnique({ where: { id: fresh.id } })).not.toBeNull();
    expect(await prisma.mediaAsset.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: "FAILED", storageKey: "", error: "Unreadable" });
    expect(await store.head(`media/${failed.id}/original`)).toBeNull();
    expect(await store.head("media/orphan0000000000/original")).toBeNull();
    expect(await store.head(`media/${kept.id}/original`)).not.toBeNull();
  });
});
