/**
 * Transcoding with the media store on S3 (a local s3rver, tests/support/s3.ts): the original is
 * downloaded from the bucket and every output goes back to it with its content type, as on a
 * scale-out deployment where another instance serves them.
 */
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { prisma } from "~/utils/db.server.ts";
import { createCourse } from "../../../tests/support/courses.ts";
import { changeEnv } from "../../../tests/support/env.ts";
import { startLocalS3, type LocalS3 } from "../../../tests/support/s3.ts";
import { makeTestClip } from "../../../tests/support/video.ts";
import { getMediaStore } from "./storage.server.ts";
import { transcodeAsset, type VideoOutputs } from "./transcode.server.ts";

let s3: LocalS3;
const work = mkdtempSync(path.join(tmpdir(), "academy-transcode-s3-test-"));

beforeAll(async () => {
  s3 = await startLocalS3();
  await changeEnv(s3.env);
});

afterAll(async () => {
  await changeEnv(Object.fromEntries(Object.keys(s3.env).map((name) => [name, undefined])));
  await s3.close();
  await rm(work, { recursive: true, force: true });
});

it("reads the original from S3 and writes every output there with its content type", async () => {
  const clip = await makeTestClip(path.join(work, "clip.mp4"), { seconds: 3, width: 1280, height: 720, audio: true });
  const course = await createCourse();
  const asset = await prisma.mediaAsset.create({
    data: { courseId: course.id, kind: "VIDEO", status: "PROCESSING", originalName: "clip.mp4", contentType: "video/mp4", sizeBytes: statSync(clip).size },
  });
  const store = getMediaStore();
  expect(store.constructor.name).toBe("S3Store");
  await store.putFile(`media/${asset.id}/original`, clip, "video/mp4");
  await prisma.mediaAsset.update({ where: { id: asset.id }, data: { storageKey: `media/${asset.id}/original` } });

  expect(await transcodeAsset(asset.id, { preset: "ultrafast" })).toMatchObject({ status: "READY" });
  const outputs = (await prisma.mediaAsset.findUniqueOrThrow({ where: { id: asset.id } })).outputs as VideoOutputs;
  expect(outputs.renditions.map((r) => r.height)).toEqual([360, 720]);
  const types: Record<string, string> = {};
  for (const key of await store.list(`media/${asset.id}/`)) types[key.slice(`media/${asset.id}/`.length).replace(/segment_\d+/, "segment_N")] = (await store.head(key))!.contentType;
  expect(types).toEqual({
    original: "video/mp4",
    "hls/master.m3u8": "application/vnd.apple.mpegurl",
    "hls/360p/index.m3u8": "application/vnd.apple.mpegurl",
    "hls/360p/segment_N.ts": "video/mp2t",
    "hls/720p/index.m3u8": "application/vnd.apple.mpegurl",
    "hls/720p/segment_N.ts": "video/mp2t",
    "video.mp4": "video/mp4",
    "poster.jpg": "image/jpeg",
  });
  const master = path.join(work, "master.m3u8");
  await store.download(`media/${asset.id}/hls/master.m3u8`, master);
  expect(readFileSync(master, "utf8").match(/^#EXT-X-STREAM-INF:/gm)).toHaveLength(2);
}, 120_000);
