/**
 * The starter catalogue's demo video goes through the upload pipeline: a lesson whose
 * `video:` / `captions:` name a file under public/ gets media assets, the start-up sweep
 * queues the transcode, and the job makes it READY.
 */
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parseCatalog, writeCatalog } from "~/modules/academy/importer.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { resetEnvForTests } from "~/utils/env.server.ts";
import { stopBoss } from "~/utils/jobs.server.ts";
import { ensureQueues } from "../../../jobs/index.ts";
import { mediaTranscodeJob, mediaTranscodeSweepJob } from "../../../jobs/media-transcode.ts";
import { PUBLIC_DIR } from "../../../prisma/seed/catalog.ts";
import { courseFiles } from "../../../tests/support/courses.ts";
import { localMediaFile } from "./catalog-media.server.ts";
import { getMediaStore } from "./storage.server.ts";
import { enqueueTranscode, MEDIA_TRANSCODE_QUEUE } from "./transcode-queue.server.ts";
import type { VideoOutputs } from "./transcode.server.ts";

const DEMO = "/media/how-an-error-reaches-sentry.mp4";
const DEMO_CAPTIONS = "/media/how-an-error-reaches-sentry.en.vtt";
const work = mkdtempSync(path.join(tmpdir(), "academy-catalog-media-test-"));

beforeAll(async () => {
  process.env.DATA_DIR = path.join(work, "data");
  resetEnvForTests();
  await ensureQueues();
});

afterAll(async () => {
  await stopBoss();
  await rm(work, { recursive: true, force: true });
});

function demoCourse() {
  const lesson = [
    "---",
    "type: lesson",
    "title: How error monitoring works",
    "module: Going further",
    "summary: The demo video.",
    "estimatedMinutes: 5",
    `video: ${DEMO}`,
    `captions: ${DEMO_CAPTIONS}`,
    "---",
    "Watch the video.",
    "",
  ].join("\n");
  const { slug, files } = courseFiles({ lessons: 1, extra: {} });
  files.set(`courses/${slug}/03-demo-video.md`, lesson);
  const parsed = parseCatalog(files);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return { slug, catalog: parsed.catalog };
}

const jobsFor = (assetId: string) =>
  prisma.$queryRaw<{ id: string; state: string }[]>`SELECT id::text, state::text FROM pgboss.job WHERE name = ${MEDIA_TRANSCODE_QUEUE} AND data->>'assetId' = ${assetId}`;

it("names only files under public/", () => {
  expect(localMediaFile(PUBLIC_DIR, DEMO)).toBe(path.join(PUBLIC_DIR, "media/how-an-error-reaches-sentry.mp4"));
  expect(localMediaFile(PUBLIC_DIR, `${DEMO}?v=2`)).toBe(path.join(PUBLIC_DIR, "media/how-an-error-reaches-sentry.mp4"));
  for (const url of ["https://example.com/media/how-an-error-reaches-sentry.mp4", "//example.com/x.mp4", "/media/none.mp4", "/../package.json", "/media/%2e%2e/%2e%2e/package.json", "/media", undefined]) {
    expect(localMediaFile(PUBLIC_DIR, url)).toBeNull();
  }
});

it("imports the demo video and captions as assets, queues the transcode at start and makes it READY; importing again keeps them", async () => {
  const { slug, catalog } = demoCourse();
  await writeCatalog(prisma, catalog, { publish: true, localMediaDir: PUBLIC_DIR });
  const lesson = await prisma.lesson.findFirstOrThrow({ where: { slug: "demo-video", course: { slug } }, include: { videoAsset: true, captionsAsset: true } });
  // The path as written stays (what an export writes back); the assets win where they are READY.
  expect(lesson).toMatchObject({ videoUrl: DEMO, captionsUrl: DEMO_CAPTIONS });
  const video = lesson.videoAsset!;
  const captions = lesson.captionsAsset!;
  expect(video).toMatchObject({
    kind: "VIDEO",
    status: "PROCESSING",
    courseId: lesson.courseId,
    lessonId: lesson.id,
    originalName: "how-an-error-reaches-sentry.mp4",
    contentType: "video/mp4",
    storageKey: `media/${video.id}/original`,
  });
  expect(Number(video.sizeBytes)).toBe(statSync(path.join(PUBLIC_DIR, DEMO)).size);
  expect(captions).toMatchObject({ kind: "CAPTIONS", status: "READY", contentType: "text/vtt", storageKey: `media/${captions.id}/original` });
  const store = getMediaStore();
  expect(await store.head(video.storageKey)).toMatchObject({ size: Number(video.sizeBytes) });
  const vtt = path.join(work, "captions.vtt");
  await store.download(captions.storageKey, vtt);
  expect(readFileSync(vtt, "utf8")).toBe(readFileSync(path.join(PUBLIC_DIR, DEMO_CAPTIONS), "utf8"));

  // The seed runs before the workers: their start-up sweep queues the transcode, once.
  expect(mediaTranscodeSweepJob.runAtStart).toBe(true);
  const swept = (await mediaTranscodeSweepJob.handle({}, {} as never)) as { enqueued: string[] };
  expect(swept.enqueued).toContain(video.id);
  expect(((await mediaTranscodeSweepJob.handle({}, {} as never)) as { enqueued: string[] }).enqueued).not.toContain(video.id);
  await enqueueTranscode(video.id);
  const queued = await jobsFor(video.id);
  expect(queued).toHaveLength(1);

  // The job as the worker runs it (its id: pg-boss's retry count says whether it is the last attempt).
  expect(await mediaTranscodeJob.handle({ assetId: video.id }, { id: queued[0].id } as never)).toMatchObject({ status: "READY" });
  const ready = await prisma.mediaAsset.findUniqueOrThrow({ where: { id: video.id } });
  expect(ready).toMatchObject({ status: "READY", progress: 100, error: null });
  // 640x360 with no sound: one 360p rendition, video-only codecs.
  const outputs = ready.outputs as VideoOutputs;
  expect(outputs).toMatchObject({ width: 640, height: 360, hls: "hls/master.m3u8", mp4: "video.mp4", poster: "poster.jpg" });
  expect(outputs.durationSeconds).toBeCloseTo(12, 0);
  expect(outputs.renditions.map((r) => r.height)).toEqual([360]);
  const master = path.join(work, "master.m3u8");
  await store.download(`media/${video.id}/hls/master.m3u8`, master);
  expect(readFileSync(master, "utf8")).toMatch(/RESOLUTION=640x360,CODECS="avc1\.[0-9a-f]{6}"\n360p\/index\.m3u8\n$/);
  for (const file of ["video.mp4", "poster.jpg", "hls/360p/index.m3u8"]) expect(await store.head(`media/${video.id}/${file}`)).not.toBeNull();

  // A READY video is not queued again; importing the same files again keeps the assets.
  // (The job above ran outside pg-boss, so its row is still there: still just that one.)
  await enqueueTranscode(video.id);
  expect(await jobsFor(video.id)).toHaveLength(1);
  expect((await prisma.mediaAsset.findUniqueOrThrow({ where: { id: video.id } })).status).toBe("READY");
  await writeCatalog(prisma, catalog, { publish: true, localMediaDir: PUBLIC_DIR });
  expect(await prisma.lesson.findFirstOrThrow({ where: { id: lesson.id } })).toMatchObject({ videoAssetId: video.id, captionsAssetId: captions.id });
  expect(await prisma.mediaAsset.count({ where: { lessonId: lesson.id } })).toBe(2);
}, 120_000);

it("leaves a catalogue imported without localMediaDir as plain URLs (zip uploads, tests)", async () => {
  const { slug, catalog } = demoCourse();
  await writeCatalog(prisma, catalog, { publish: true });
  const lesson = await prisma.lesson.findFirstOrThrow({ where: { slug: "demo-video", course: { slug } } });
  expect(lesson).toMatchObject({ videoUrl: DEMO, videoAssetId: null, captionsAssetId: null });
});

it("queues a FAILED video again when asked, as PROCESSING with the old error cleared", async () => {
  const { slug, catalog } = demoCourse();
  await writeCatalog(prisma, catalog, { publish: true, localMediaDir: PUBLIC_DIR });
  const { videoAssetId } = await prisma.lesson.findFirstOrThrow({ where: { slug: "demo-video", course: { slug } } });
  await prisma.mediaAsset.update({ where: { id: videoAssetId! }, data: { status: "FAILED", error: "earlier failure" } });
  await enqueueTranscode(videoAssetId!);
  expect(await prisma.mediaAsset.findUniqueOrThrow({ where: { id: videoAssetId! } })).toMatchObject({ status: "PROCESSING", error: null, progress: 0 });
  expect((await jobsFor(videoAssetId!)).map((j) => j.state)).toEqual(["created"]);
});
