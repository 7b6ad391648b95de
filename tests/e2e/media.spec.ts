/**
 * The media journey of issue 18, with JavaScript and without: an instructor
 * uploads a video (made here with ffmpeg), captions and a PDF in the studio,
 * waits for the transcoding, publishes; a learner plays the lesson (an HLS
 * master with two renditions or more, captions on), the position resumes, the
 * PDF downloads; an expired or forged media URL is a 403; a guest (and any
 * learner) cannot fetch a draft lesson's media even with a valid signature.
 * The projects s3-js-on and s3-js-off run it again on S3 with two app
 * instances (support/media-targets.ts): the instructor uploads on one, the
 * learner plays from the other.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import ffmpeg from "@ffmpeg-installer/ffmpeg";
import { expect, test, toast, type Db } from "./support/fixtures.ts";
import { mediaTarget, type MediaTarget } from "./support/media-targets.ts";

// ───────────── the files an instructor uploads ─────────────

const FILES_DIR = path.join(tmpdir(), "academy-e2e-media");
const VIDEO_SECONDS = 4;

/** A 4-second 1280x720 clip (test pattern and a tone), WebVTT captions and a one-page PDF, made once per machine. */
function mediaFiles() {
  mkdirSync(FILES_DIR, { recursive: true });
  const video = path.join(FILES_DIR, "lesson-clip.mp4");
  if (!existsSync(video)) {
    const partial = `${video}.${process.pid}.mp4`;
    execFileSync(ffmpeg.path, [
      ...["-v", "error", "-y"],
      ...["-f", "lavfi", "-i", `testsrc=size=1280x720:rate=30:duration=${VIDEO_SECONDS}`],
      ...["-f", "lavfi", "-i", `sine=frequency=440:sample_rate=48000:duration=${VIDEO_SECONDS}`],
      ...["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", partial],
    ]);
    execFileSync("mv", [partial, video]);
  }
  const captions = path.join(FILES_DIR, "lesson-clip.vtt");
  writeFileSync(captions, "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nAn error is captured\n\n00:00:02.000 --> 00:00:04.000\nand reaches Sentry\n");
  const pdf = path.join(FILES_DIR, "cheat-sheet.pdf");
  writeFileSync(pdf, onePagePdf("Sentry cheat sheet"));
  return { video, captions, pdf };
}

/** A minimal valid PDF with one line of text (offsets computed, so readers accept it). */
function onePagePdf(text: string) {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${`BT /F1 18 Tf 20 70 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 18 Tf 20 70 Td (${text}) Tj ET\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

// ───────────── browsers on a target ─────────────

/** A browser context on `baseURL`, signed in as `userId` (null: a guest), this run's JavaScript setting; fails the test on a CSP violation. */
async function open(browser: Browser, db: Db, baseURL: string, userId: string | null, jsEnabled: boolean, violations: string[]) {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: jsEnabled, acceptDownloads: true });
  if (userId) {
    const { name, value } = await db.factories.createSessionCookie(userId);
    await context.addCookies([{ name, value, url: baseURL }]);
  }
  context.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
  });
  return context;
}

/** Uploads one file through a slot of the studio lesson page's "Video and files" panel (the plain form without JS, tus with JS). */
async function upload(page: Page, slot: "Video" | "Captions" | "Resources", file: string, title?: string) {
  const region = page.getByRole("region", { name: slot, exact: true });
  await region.getByLabel(slot === "Resources" ? "Add a resource" : slot === "Video" ? "Upload a video" : "Upload captions").setInputFiles(file);
  if (title) await region.getByLabel("Title shown to learners (optional)").fill(title);
  await region.getByRole("button", { name: slot === "Resources" ? "Add resource" : "Upload", exact: true }).click();
  // With JS the form says so in place (tus); without, the page comes back with a toast.
  await expect(region.getByRole("status").filter({ hasText: "Uploaded" }).or(toast(page).filter({ hasText: /uploaded|added/i })).first()).toBeVisible({ timeout: 30_000 });
}

/** The signed URL of `file` of the lesson's video, read from the page (the markup or its data). */
function signedFromPage(html: string, file: RegExp) {
  const escaped = new RegExp(`/files/[A-Za-z0-9_-]+/${file.source}\\?(?:[A-Za-z0-9=_%-]|&amp;|&|\\\\+u0026)+`);
  const found = escaped.exec(html)?.[0];
  return found?.replace(/\\+u0026|&amp;/g, "&") ?? null;
}

const withSig = (url: string, sig: string) => url.replace(/sig=[^&]+/, `sig=${sig}`);
/** Another valid-looking signature: its first character changed (the last one of base64url also holds padding bits). */
const forged = (url: string) => withSig(url, new URL(url, "http://x").searchParams.get("sig")!.replace(/^./, (c) => (c === "A" ? "B" : "A")));

// ───────────── the journey ─────────────

async function journey({ browser, db, jsEnabled, target, name }: { browser: Browser; db: Db; jsEnabled: boolean; target: MediaTarget; name: string }) {
  const files = mediaFiles();
  const violations: string[] = [];
  const contexts: BrowserContext[] = [];
  try {
    const instructor = await db.factories.createUser({ role: "INSTRUCTOR", name: "Vida Video" });
    const learnerUser = await db.factories.createUser({ name: "Lars Learner" });
    const draft = await db.courses.createCourse({ title: `Video course ${name}`, lessons: 2, publish: false });
    await db.prisma.course.update({ where: { id: draft.id }, data: { authorId: instructor.id } });
    const lesson = draft.lessons[0];

    // The instructor uploads the video, its captions and a PDF in the studio...
    const studioContext = await open(browser, db, target.baseURL, instructor.id, jsEnabled, violations);
    contexts.push(studioContext);
    const studio = await studioContext.newPage();
    const lessonStudio = `/instructor/courses/${draft.id}/lessons/${lesson.id}`;
    await studio.goto(lessonStudio);
    await upload(studio, "Video", files.video);
    await upload(studio, "Captions", files.captions);
    await upload(studio, "Resources", files.pdf, "Cheat sheet");

    // ...waits for the transcoding (the studio shows its progress, then "Ready")...
    await expect
      .poll(
        async () => {
          await studio.goto(lessonStudio);
          return (await studio.getByRole("region", { name: "Video", exact: true }).innerText()).replace(/\s+/g, " ");
        },
        { message: "the studio shows the video as ready", timeout: 120_000, intervals: [1000, 2000] },
      )
      .toMatch(/\bReady\b/);
    const video = await db.prisma.mediaAsset.findFirstOrThrow({ where: { courseId: draft.id, kind: "VIDEO" } });
    expect(video.status).toBe("READY");

    // Before publishing, the draft's media is nobody's but the author's: not a guest's, not a learner's,
    // even with a valid signature (the files route checks the lesson, not only the signature).
    const { mediaUrl } = await import("~/modules/media/signing.server.ts");
    const outputs = video.outputs as { mp4: string; hls: string; renditions: unknown[] };
    for (const viewer of [null, { id: learnerUser.id }]) {
      const context = await open(browser, db, target.otherURL, viewer?.id ?? null, jsEnabled, violations);
      contexts.push(context);
      for (const file of [outputs.mp4, outputs.hls]) {
        const response = await context.request.get(mediaUrl(video.id, file, viewer));
        expect([403, 404], `${viewer ? "a learner" : "a guest"} fetching the draft's ${file}`).toContain(response.status());
      }
    }

    // ...and publishes.
    await studio.goto(`/instructor/courses/${draft.id}`);
    await studio.getByRole("button", { name: "Publish course" }).click();
    await expect(toast(studio)).toContainText("Published");

    // A learner (on the other instance, for the S3 targets) enrols and opens the lesson.
    const learnerContext = await open(browser, db, target.otherURL, learnerUser.id, jsEnabled, violations);
    contexts.push(learnerContext);
    const page = await learnerContext.newPage();
    await page.goto(`/courses/${draft.slug}`);
    await page.getByRole("button", { name: "Enrol in this course" }).click();
    await expect(page.getByRole("heading", { level: 1, name: lesson.title })).toBeVisible();
    const lessonPath = new URL(page.url()).pathname;
    const player = page.locator("video");
    await expect(player).toHaveAttribute("preload", "metadata");
    await expect(player).toHaveAttribute("poster", /\/files\/[^/]+\/poster\.jpg\?exp=\d+&u=[^&]+&sig=/);
    await expect(player.locator('source[type="video/mp4"]')).toHaveAttribute("src", new RegExp(`/files/${video.id}/video\\.mp4\\?`));
    await expect(player.locator('track[kind="captions"]')).toHaveAttribute("default", "");

    // The HLS master lists two renditions or more, each playlist fetched through a fresh signed URL.
    // (Read from the document as the server sends it: with JS the page above came by client-side navigation.)
    const html = await (await page.request.get(lessonPath)).text();
    const master = signedFromPage(html, /hls\/master\.m3u8/)!;
    expect(master, "the page names the HLS master").toBeTruthy();
    const playlist = await (await page.request.get(master)).text();
    expect(playlist.match(/#EXT-X-STREAM-INF/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    const child = /^[^#\s].*$/m.exec(playlist)![0];
    expect(child).toMatch(/\?exp=\d+&u=[^&]+&sig=/);
    expect((await page.request.get(new URL(child, new URL(master, target.otherURL)).href)).status()).toBe(200);
    // The captions are WebVTT.
    const captions = await page.request.get((await player.locator("track").getAttribute("src"))!);
    expect(await captions.text()).toMatch(/^WEBVTT/);

    if (jsEnabled) {
      // hls.js plays it: a quality menu with Auto and each rendition, captions showing.
      await expect(player).toHaveAttribute("data-engine", "hls.js");
      const quality = page.getByLabel("Quality");
      await expect(quality.locator("option")).toHaveCount(1 + outputs.renditions.length);
      expect(outputs.renditions.length).toBeGreaterThanOrEqual(2);
      await expect(page.getByRole("button", { name: "Captions" })).toHaveAttribute("aria-pressed", "true");
      await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.textTracks[0]?.mode)).toBe("showing");
      // The lowest rendition, 1.5×; then from the keyboard: Tab reaches the captions toggle, Space turns them off and on.
      await quality.selectOption({ label: (await quality.locator("option").last().textContent())! });
      await page.getByLabel("Speed").selectOption({ label: "1.5×" });
      expect(await player.evaluate((v: HTMLVideoElement) => v.playbackRate)).toBe(1.5);
      await page.getByLabel("Speed").focus();
      await page.keyboard.press("Tab");
      const captionsToggle = page.getByRole("button", { name: "Captions" });
      await expect(captionsToggle).toBeFocused();
      await page.keyboard.press("Space");
      await expect(captionsToggle).toHaveAttribute("aria-pressed", "false");
      expect(await player.evaluate((v: HTMLVideoElement) => v.textTracks[0]?.mode)).toBe("hidden");
      await page.keyboard.press("Space");
      await expect(captionsToggle).toHaveAttribute("aria-pressed", "true");
      expect(await player.evaluate((v: HTMLVideoElement) => v.textTracks[0]?.mode)).toBe("showing");
      const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
      expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

      // Play, pause past the second second: the position is saved at once...
      await player.evaluate((v: HTMLVideoElement) => {
        v.muted = true;
        void v.play();
      });
      await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 15_000 }).toBeGreaterThan(2.2);
      // hls.js took the element over from the MP4 on play (a MediaSource blob: URL), keeping the speed.
      expect(await player.evaluate((v: HTMLVideoElement) => [v.currentSrc.slice(0, 5), v.playbackRate])).toEqual(["blob:", 1.5]);
      const saved = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith(lessonPath));
      await player.evaluate((v: HTMLVideoElement) => v.pause());
      await saved;
      await expect
        .poll(async () => (await db.prisma.lessonProgress.findFirst({ where: { userId: learnerUser.id, lessonId: lesson.id } }))?.lastPosition ?? 0)
        .toBeGreaterThanOrEqual(2);
      // ...and the next visit starts there.
      await page.reload();
      await expect(player).toHaveAttribute("data-engine", "hls.js");
      await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    } else {
      // The browser's own player: it plays the MP4 with the captions showing.
      await player.click();
      await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 15_000 }).toBeGreaterThan(1);
      expect(await player.evaluate((v: HTMLVideoElement) => v.textTracks[0]?.mode)).toBe("showing");
      await player.click();
      // No script saves the position here; the position a learner's last visit saved (the beacon's form) resumes
      // without one, through a media fragment.
      const response = await page.request.post(lessonPath, { form: { intent: "progress", seconds: "5", position: "2" }, headers: { Origin: target.otherURL } });
      expect(response.status()).toBe(200);
      await page.reload();
      await expect(player.locator("source")).toHaveAttribute("src", /#t=2$/);
      await expect.poll(() => player.evaluate((v: HTMLVideoElement) => (v.readyState >= 1 ? v.currentTime : -1)), { timeout: 15_000 }).toBe(2);
    }

    // The PDF downloads, through its signed URL.
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Cheat sheet" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe("%PDF-");

    // Signatures: the learner's MP4 URL works (a range request: 206), forged or expired it is a 403,
    // and it is the learner's alone: a guest using it is refused too.
    const mp4 = (await player.locator("source").getAttribute("src"))!.split("#")[0]!;
    const ranged = await page.request.get(mp4, { headers: { Range: "bytes=0-1023" } });
    expect(ranged.status()).toBe(206);
    expect(ranged.headers()["content-range"]).toMatch(/^bytes 0-1023\/\d+$/);
    expect((await page.request.get(forged(mp4))).status()).toBe(403);
    expect((await page.request.get(forged(master))).status()).toBe(403);
    const expired = mediaUrl(video.id, outputs.mp4, { id: learnerUser.id }, 60, Date.now() - 2 * 3600_000);
    expect((await page.request.get(expired)).status()).toBe(403);
    const guest = await open(browser, db, target.otherURL, null, jsEnabled, violations);
    contexts.push(guest);
    expect((await guest.request.get(mp4)).status()).toBe(403);
    // A guest's own signature works now that the lesson is public.
    expect((await guest.request.get(mediaUrl(video.id, outputs.mp4, null), { headers: { Range: "bytes=0-15" } })).status()).toBe(206);
    expect(violations, "Content-Security-Policy violations").toEqual([]);
  } finally {
    for (const context of contexts) await context.close();
  }
}

test.describe("media", () => {
  // Transcoding runs in the app's job queue: give the journey time on a 2-core machine.
  test.describe.configure({ timeout: 180_000 });

  test("an instructor uploads a video, captions and a PDF; a learner plays, resumes and downloads; signatures hold", async ({ browser, db, jsEnabled }, testInfo) => {
    const target = mediaTarget(testInfo.project.name);
    await journey({ browser, db, jsEnabled, target, name: `${testInfo.project.name} ${Date.now()}` });
  });
});
