/**
 * Time to first frame of a lesson's video in Chromium (decision 037), for
 * `npm run bench` (BENCH_ROUTES="video start" for this section alone): a
 * 20-second 1280x720 clip (ffmpeg's testsrc and a tone) goes through the real
 * pipeline (the media store, transcodeAsset: HLS 360p+720p, MP4, poster) and
 * onto two published lessons of the bench catalogue, one with the HLS master
 * (hls.js plays it), one with the MP4 alone (the browser's own player). Then
 * Playwright-core drives /usr/bin/chromium against the production app, a cold
 * browser context per run (nothing cached), as a guest:
 *
 * - play → first frame: the page loaded and its player ready (for HLS: hls.js
 *   imported and the master and rendition playlists parsed, as they are by the
 *   time a learner reaches for the play button), `play()` on the muted video,
 *   until the first `requestVideoFrameCallback` (a frame composited);
 * - navigation → first frame: the same run from the start of navigation
 *   (HTML, scripts, hydration, for HLS the lazy hls.js chunk and the playlists,
 *   then play), with "player ready" the moment play was pressed.
 *
 * Each with the loopback network as it is, and with Chromium's network
 * emulation at 20 Mbit/s down and 40 ms round trips (a good home connection).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ffmpeg from "@ffmpeg-installer/ffmpeg";
import { chromium, type Browser } from "playwright-core";

const RUNS = Number(process.env.BENCH_VIDEO_RUNS ?? 7);
const CLIP_SECONDS = 20;
const NETWORKS = [
  { name: "loopback", conditions: null },
  { name: "20 Mbit/s, 40 ms RTT", conditions: { offline: false, latency: 40, downloadThroughput: (20_000_000 / 8) | 0, uploadThroughput: (5_000_000 / 8) | 0 } },
] as const;

/**
 * Transcodes the clip into the app's media store and puts it on two lessons of `courseSlug`: the paths of the
 * HLS lesson and the MP4-only lesson. Runs in this process against the bench database and the app's DATA_DIR.
 */
export async function seedBenchVideo(databaseUrl: string, dataDir: string, courseSlug: string, lessons: [string, string]) {
  process.env.DATABASE_URL = databaseUrl;
  process.env.DATA_DIR = dataDir;
  process.env.SESSION_SECRET ??= "bench-session-secret-0123456789";
  const { prisma } = await import("~/utils/db.server.ts");
  const { getMediaStore } = await import("~/modules/media/storage.server.ts");
  const { transcodeAsset } = await import("~/modules/media/transcode.server.ts");
  const course = await prisma.course.findUniqueOrThrow({ where: { slug: courseSlug }, select: { id: true } });
  const [hlsLesson, mp4Lesson] = await Promise.all(lessons.map((slug) => prisma.lesson.findFirstOrThrow({ where: { courseId: course.id, slug }, select: { id: true, videoAssetId: true } })));
  const existing = hlsLesson!.videoAssetId ? await prisma.mediaAsset.findUnique({ where: { id: hlsLesson!.videoAssetId } }) : null;
  const store = getMediaStore();
  if (existing?.status !== "READY" || !(await store.head(`media/${existing.id}/video.mp4`))) {
    const dir = mkdtempSync(path.join(tmpdir(), "bench-video-"));
    try {
      const clip = path.join(dir, "clip.mp4");
      execFileSync(ffmpeg.path, [
        ...["-v", "error", "-y", "-f", "lavfi", "-i", `testsrc=size=1280x720:rate=30:duration=${CLIP_SECONDS}`],
        ...["-f", "lavfi", "-i", `sine=frequency=440:sample_rate=48000:duration=${CLIP_SECONDS}`],
        ...["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", clip],
      ]);
      const asset = await prisma.mediaAsset.create({
        data: { courseId: course.id, lessonId: hlsLesson!.id, kind: "VIDEO", status: "PROCESSING", originalName: "bench-clip.mp4", contentType: "video/mp4", storageKey: "" },
      });
      const key = `media/${asset.id}/original`;
      await store.putFile(key, clip, "video/mp4");
      await prisma.mediaAsset.update({ where: { id: asset.id }, data: { storageKey: key } });
      const result = await transcodeAsset(asset.id);
      if (!("status" in result) || result.status !== "READY") throw new Error(`the bench clip did not transcode: ${JSON.stringify(result)}`);
      // The MP4-only lesson: a second asset with the same MP4 and poster, and no HLS.
      const outputs = result.outputs;
      const mp4Only = await prisma.mediaAsset.create({
        data: {
          courseId: course.id,
          lessonId: mp4Lesson!.id,
          kind: "VIDEO",
          status: "READY",
          originalName: "bench-clip.mp4",
          contentType: "video/mp4",
          storageKey: key,
          outputs: { durationSeconds: outputs.durationSeconds, width: outputs.width, height: outputs.height, renditions: [], mp4: outputs.mp4, poster: outputs.poster },
        },
      });
      for (const [file, type] of [[outputs.mp4, "video/mp4"], [outputs.poster, "image/jpeg"]] as const) {
        const local = path.join(dir, path.basename(file));
        await store.download(`media/${asset.id}/${file}`, local);
        await store.putFile(`media/${mp4Only.id}/${file}`, local, type);
      }
      await prisma.lesson.update({ where: { id: hlsLesson!.id }, data: { videoAssetId: asset.id } });
      await prisma.lesson.update({ where: { id: mp4Lesson!.id }, data: { videoAssetId: mp4Only.id } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return lessons.map((slug) => `/courses/${courseSlug}/lessons/${slug}`) as [string, string];
}

type Run = { playToFrame: number; navigationToFrame: number; ready: number; engine: string };

/** In the page: play the muted video, resolve at its first composited frame (performance.now() counts from navigation). */
const PLAY_TO_FIRST_FRAME = `new Promise((resolve, reject) => {
  const v = document.querySelector("video");
  const timer = setTimeout(() => reject(new Error("no frame within 30 s")), 30000);
  v.muted = true;
  const started = performance.now();
  v.requestVideoFrameCallback((now) => {
    clearTimeout(timer);
    resolve({ playToFrame: now - started, navigationToFrame: now, ready: started, engine: v.dataset.engine || "" });
  });
  v.play().catch(reject);
})`;

/** One cold run: a new context, the page, the player ready, play, the first frame. */
async function once(browser: Browser, url: string, engine: "hls.js" | "mp4", network: (typeof NETWORKS)[number]): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    if (network.conditions) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", network.conditions);
    }
    await page.goto(url, { waitUntil: "domcontentloaded" });
    const video = page.locator("video");
    await video.waitFor();
    if (engine === "hls.js") {
      // hls.js attached and the playlists parsed: the quality menu appears on MANIFEST_PARSED.
      await page.locator('video[data-engine="hls.js"]').waitFor({ timeout: 30_000 });
      await page.getByLabel("Quality").waitFor({ timeout: 30_000 });
    } else {
      await page.waitForFunction(() => (document.querySelector("video") as HTMLVideoElement).readyState >= 1, null, { timeout: 30_000 });
    }
    // A string, not a function: tsx's transform would name the inner functions with a helper the page lacks.
    return (await page.evaluate(PLAY_TO_FIRST_FRAME)) as Run;
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const ms = (value: number) => Math.round(value);

/** The table: per network and engine, median (min-max) of each measure over RUNS cold runs. */
export async function benchVideoStart(base: string, paths: { hls: string; mp4: string }) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--autoplay-policy=no-user-gesture-required", "--disable-background-networking", "--disable-component-update"],
  });
  const rows: Record<string, string | number>[] = [];
  try {
    for (const network of NETWORKS) {
      for (const [engine, pathname] of [["hls.js", paths.hls], ["mp4", paths.mp4]] as const) {
        await once(browser, `${base}${pathname}`, engine, network); // warm the server (not counted)
        const runs: Run[] = [];
        for (let i = 0; i < RUNS; i++) runs.push(await once(browser, `${base}${pathname}`, engine, network));
        console.log(`[bench] first frame, ${engine}, ${network.name}: ${runs.map((r) => Math.round(r.playToFrame)).join(", ")} ms`);
        if (runs.some((r) => r.engine !== engine)) throw new Error(`expected the ${engine} player, got ${runs.map((r) => r.engine).join(", ")}`);
        const play = runs.map((r) => r.playToFrame);
        const nav = runs.map((r) => r.navigationToFrame);
        const ready = runs.map((r) => r.ready);
        rows.push({
          network: network.name,
          player: engine === "hls.js" ? "HLS (hls.js)" : "MP4 (native)",
          runs: RUNS,
          "play → first frame, median ms": ms(median(play)),
          "min-max": `${ms(Math.min(...play))}-${ms(Math.max(...play))}`,
          "player ready after navigation, median ms": ms(median(ready)),
          "navigation → first frame, median ms": ms(median(nav)),
          "min-max ": `${ms(Math.min(...nav))}-${ms(Math.max(...nav))}`,
        });
      }
    }
  } finally {
    await browser.close();
  }
  return rows;
}
