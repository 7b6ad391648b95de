/**
 * Two app instances sharing one database and one S3 bucket (s3rver), each with its own empty
 * DATA_DIR, serve media as one (decision 034): a file written to the bucket once is served by
 * both, a URL one instance signed works on the other, a session made on one opens the other's
 * user-bound URLs, an HLS playlist fetched from one leads to segments the other serves, and a
 * file deleted from the bucket is gone from both. The style of scale-out.test.ts.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mediaUrl } from "~/modules/media/signing.server.ts";
import { S3Store } from "~/modules/media/storage.server.ts";
import { parseEnv } from "~/utils/env.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { createCourse } from "../support/courses.ts";
import { createUser, DEFAULT_PASSWORD } from "../support/factories.ts";
import { createMediaAsset, segmentBytes, videoFiles } from "../support/media.ts";
import { startApp, type AppProcess } from "../support/processes.ts";
import { startLocalS3, type LocalS3 } from "../support/s3.ts";

let s3: LocalS3;
let a: AppProcess;
let b: AppProcess;
let store: S3Store;
const dataDirs: string[] = [];

beforeAll(async () => {
  s3 = await startLocalS3();
  store = new S3Store({ ...parseEnv({ DATABASE_URL: process.env.DATABASE_URL!, SESSION_SECRET: process.env.SESSION_SECRET!, ...s3.env }), S3_BUCKET: s3.bucket });
  const env = (dataDir: string) => ({
    DATABASE_URL: process.env.DATABASE_URL!,
    SESSION_SECRET: process.env.SESSION_SECRET!,
    DEMO_MODE: "false",
    JOB_POLL_SECONDS: "0.5",
    DATA_DIR: dataDir,
    ...s3.env,
  });
  for (let i = 0; i < 2; i++) dataDirs.push(mkdtempSync(path.join(tmpdir(), `academy-instance-${i}-`)));
  // One after the other: two first starts on a fresh database would race to create pg-boss's schema.
  a = await startApp(env(dataDirs[0]), 120_000);
  b = await startApp(env(dataDirs[1]), 120_000);
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await s3?.close();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

async function signIn(base: string, email: string) {
  const login = await fetch(`${base}/login`, { method: "POST", redirect: "manual", body: new URLSearchParams({ email, password: DEFAULT_PASSWORD }) });
  expect(login.status).toBe(302);
  return login.headers.getSetCookie().find((c) => c.startsWith("__session="))!.split(";")[0];
}

describe("two instances on one S3 bucket", () => {
  it("serve the same files, through each other's signed URLs and sessions", { timeout: 60_000 }, async () => {
    const course = await createCourse({ publish: true });
    const video = videoFiles();
    const asset = await createMediaAsset(store, { courseId: course.id, lessonId: course.lessons[0].id, kind: "VIDEO", files: video.files, outputs: video.outputs });
    const learner = await createUser();
    const cookie = await signIn(a.url, learner.email);

    // The learner's URL, signed once, works on both instances with the session made on A.
    const mp4 = mediaUrl(asset.id, "video.mp4", { id: learner.id });
    for (const instance of [a, b]) {
      const response = await fetch(`${instance.url}${mp4}`, { headers: { Cookie: cookie, Range: "bytes=4-11" } });
      expect([response.status, response.headers.get("Content-Range")]).toEqual([206, `bytes 4-11/${video.files["video.mp4"].body.length}`]);
      expect(Buffer.from(await response.arrayBuffer()).toString()).toBe("ftypmp42");
      // ...and through another account's session on either, not at all.
      const stranger = await signIn(instance.url, (await createUser()).email);
      expect((await fetch(`${instance.url}${mp4}`, { headers: { Cookie: stranger } })).status).toBe(403);
    }

    // The master playlist from A, a rendition from B, its segment from A again.
    const masterResponse = await fetch(`${a.url}${mediaUrl(asset.id, "hls/master.m3u8", { id: learner.id })}`, { headers: { Cookie: cookie, "Accept-Encoding": "gzip, br" } });
    // Through the real server: never compressed (no-transform), inert when opened directly (the sandbox CSP among the headers).
    expect(masterResponse.headers.get("Content-Encoding")).toBeNull();
    expect(masterResponse.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(masterResponse.headers.get("Content-Security-Policy")).toMatch(/default-src 'none'; img-src data:; style-src 'unsafe-inline'; media-src 'self'; sandbox/);
    const master = await masterResponse.text();
    const rendition = master.split("\n").find((l) => l.startsWith("/files/"))!;
    const playlist = await fetch(`${b.url}${rendition}`, { headers: { Cookie: cookie } });
    expect(playlist.status).toBe(200);
    const segment = (await playlist.text()).split("\n").find((l) => l.startsWith("/files/"))!;
    const bytes = await fetch(`${a.url}${segment}`, { headers: { Cookie: cookie } });
    expect(Buffer.from(await bytes.arrayBuffer())).toEqual(segmentBytes(360, 0));

    // Nothing went to either instance's own disk.
    for (const dir of dataDirs) expect(readdirSync(dir).filter((entry) => entry === "media")).toEqual([]);

    // Deleted from the bucket (as the cleanup job or a delete in the studio on any instance would): gone from both.
    await store.deletePrefix(`media/${asset.id}/`);
    for (const instance of [a, b]) expect((await fetch(`${instance.url}${mp4}`, { headers: { Cookie: cookie } })).status).toBe(404);
    // Unpublished through the database: both refuse the learner at once.
    const poster = mediaUrl(asset.id, "poster.jpg", null);
    await store.put(`media/${asset.id}/poster.jpg`, video.files["poster.jpg"].body, { contentType: "image/jpeg" });
    expect((await fetch(`${b.url}${poster}`)).status).toBe(200);
    await prisma.course.update({ where: { id: course.id }, data: { status: "DRAFT" } });
    for (const instance of [a, b]) expect((await fetch(`${instance.url}${poster}`)).status).toBe(404);
  });
});
