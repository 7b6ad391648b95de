/**
 * Video transcoding against real ffmpeg, PostgreSQL and the media store: a generated
 * 3-second 1280x720 clip with audio, an unreadable file, the time limit. Short clips and
 * x264's ultrafast preset keep it quick.
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server.ts";
import { resetEnvForTests } from "~/utils/env.server.ts";
import { createCourse } from "../../../tests/support/courses.ts";
import { makeTestClip } from "../../../tests/support/video.ts";
import { binaries, ensureExecutable, parseFfmpegInfo, probe, run } from "./ffmpeg.server.ts";
import { getMediaStore } from "./storage.server.ts";
import { h264Codec, planRenditions, playlistSegments, transcodeAsset, type VideoOutputs } from "./transcode.server.ts";

const work = mkdtempSync(path.join(tmpdir(), "academy-transcode-test-"));
// The transcoder's temporary directories go here, so the test can see that none is left behind.
const scratch = path.join(work, "tmp");
let clip: string;
let courseId: string;
const savedTmp = process.env.TMPDIR;

beforeAll(async () => {
  process.env.DATA_DIR = path.join(work, "data");
  resetEnvForTests();
  clip = await makeTestClip(path.join(work, "clip.mp4"), { seconds: 3, width: 1280, height: 720, audio: true });
  courseId = (await createCourse()).id;
  await rm(scratch, { recursive: true, force: true });
  mkdirSync(scratch);
  process.env.TMPDIR = scratch;
});

afterAll(async () => {
  process.env.TMPDIR = savedTmp;
  if (savedTmp === undefined) delete process.env.TMPDIR;
  await rm(work, { recursive: true, force: true });
});

async function storedVideo(file: string, originalName = "lecture.mp4") {
  const asset = await prisma.mediaAsset.create({
    data: { courseId, kind: "VIDEO", status: "PROCESSING", originalName, contentType: "video/mp4", sizeBytes: statSync(file).size },
  });
  const storageKey = `media/${asset.id}/original`;
  await getMediaStore().putFile(storageKey, file, "video/mp4");
  await prisma.mediaAsset.update({ where: { id: asset.id }, data: { storageKey } });
  return asset.id;
}

async function storedText(store: ReturnType<typeof getMediaStore>, key: string) {
  const file = path.join(work, "read-back");
  await store.download(key, file);
  return readFileSync(file);
}

/** A baseline or progressive JPEG's size, from its SOF marker. */
function jpegSize(jpeg: Buffer) {
  for (let i = 2; i + 9 < jpeg.length; ) {
    if (jpeg[i] !== 0xff) return null;
    const marker = jpeg[i + 1];
    if (marker === 0xc0 || marker === 0xc2) return { width: jpeg.readUInt16BE(i + 7), height: jpeg.readUInt16BE(i + 5) };
    i += 2 + jpeg.readUInt16BE(i + 2);
  }
  return null;
}

describe("the ladder", () => {
  it("never goes above the source, by the picture's short side, and keeps at least one rendition", () => {
    const sizes = (w: number, h: number) => planRenditions(w, h).map((r) => `${r.name} ${r.width}x${r.height}`);
    expect(sizes(1280, 720)).toEqual(["360p 640x360", "720p 1280x720"]);
    expect(sizes(1920, 1080)).toEqual(["360p 640x360", "720p 1280x720", "1080p 1920x1080"]);
    expect(sizes(3840, 2160)).toEqual(["360p 640x360", "720p 1280x720", "1080p 1920x1080"]);
    expect(sizes(1280, 719)).toEqual(["360p 640x360"]);
    expect(sizes(640, 360)).toEqual(["360p 640x360"]);
    // Below 360p: one rendition at its own height (even, as H.264 4:2:0 needs).
    expect(sizes(320, 240)).toEqual(["240p 320x240"]);
    expect(sizes(427, 241)).toEqual(["242p 428x242"]);
    // A portrait phone video: 720p is 720 wide.
    expect(sizes(1080, 1920)).toEqual(["360p 360x640", "720p 720x1280", "1080p 1080x1920"]);
  });
});

describe("probing", () => {
  it("reads duration, size and audio alike with ffprobe and with ffmpeg alone", async () => {
    const withProbe = await probe(clip, { using: "ffprobe" });
    expect(withProbe).toMatchObject({ width: 1280, height: 720, hasAudio: true, videoStream: 0, audioStream: 1 });
    expect(withProbe.durationSeconds).toBeGreaterThan(2.9);
    expect(withProbe.durationSeconds).toBeLessThan(3.2);
    // The npm ffprobe (2023) and ffmpeg (2018) builds may round the container's duration differently.
    const withFfmpeg = await probe(clip, { using: "ffmpeg" });
    expect({ ...withFfmpeg, durationSeconds: 0 }).toEqual({ ...withProbe, durationSeconds: 0 });
    expect(withFfmpeg.durationSeconds).toBeCloseTo(withProbe.durationSeconds, 1);
  });

  it("reads ffmpeg's report: a rotated phone video, cover art that is not a video, a non-square pixel", () => {
    const phone = [
      "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'x.mov':",
      "  Duration: 00:01:02.50, start: 0.000000, bitrate: 9000 kb/s",
      "    Stream #0:0(und): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, stereo, fltp, 128 kb/s (default)",
      "    Stream #0:1(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(tv, bt709), 1920x1080, 8000 kb/s, 30 fps, 30 tbr, 600 tbn (default)",
      "    Metadata:",
      "      rotate          : 90",
      "    Side data:",
      "      displaymatrix: rotation of -90.00 degrees",
    ].join("\n");
    expect(parseFfmpegInfo(phone)).toEqual({ format: "mov,mp4,m4a,3gp,3g2,mj2", duration: 62.5, audio: 0, video: { index: 1, width: 1920, height: 1080, sar: 1, rotation: -90 } });
    const song = [
      "  Duration: 00:03:00.00, start: 0.025057, bitrate: 320 kb/s",
      "    Stream #0:0: Audio: mp3, 44100 Hz, stereo, fltp, 320 kb/s",
      "    Stream #0:1: Video: mjpeg (Baseline), yuvj420p(pc, bt470bg/unknown/unknown), 500x500 [SAR 1:1 DAR 1:1], 90k tbr, 90k tbn (attached pic)",
    ].join("\n");
    expect(parseFfmpegInfo(song)).toEqual({ format: "", duration: 180, audio: 0, video: null });
    const anamorphic = "    Stream #0:0: Video: mpeg2video (Main), yuv420p(tv, top first), 720x576 [SAR 64:45 DAR 16:9], 25 fps";
    expect(parseFfmpegInfo(anamorphic).video).toEqual({ index: 0, width: 720, height: 576, sar: 64 / 45, rotation: 0 });
  });

  it("refuses a still image, which ffmpeg would read as a one-frame video", async () => {
    const poster = path.join(work, "still.jpg");
    await run((await binaries()).ffmpeg, ["-v", "error", "-y", "-i", clip, "-frames:v", "1", poster], { timeLimitMs: 30_000 });
    await expect(probe(poster, { using: "ffprobe" })).rejects.toThrow("This file is a still image, not a video.");
    await expect(probe(poster, { using: "ffmpeg" })).rejects.toThrow("This file is a still image, not a video.");
  });

  it("makes a binary without its executable bit runnable (npm may skip the installers' postinstall chmod)", () => {
    const copy = path.join(work, "tool");
    copyFileSync(process.execPath, copy);
    chmodSync(copy, 0o644);
    expect(ensureExecutable(copy)).toBe(true);
    expect(statSync(copy).mode & 0o111).toBe(0o111);
  });
});

describe("transcoding an upload", () => {
  it("turns a 3-second 720p clip into 360p and 720p HLS (no 1080p), an MP4 and a poster; progress reaches 100", async () => {
    const id = await storedVideo(clip);
    const seen: number[] = [];
    const watching = setInterval(() => {
      void prisma.mediaAsset.findUnique({ where: { id }, select: { progress: true } }).then((a) => a && seen.push(a.progress));
    }, 150);
    const result = await transcodeAsset(id, { preset: "ultrafast" });
    clearInterval(watching);
    expect(result).toMatchObject({ status: "READY" });

    const asset = await prisma.mediaAsset.findUniqueOrThrow({ where: { id } });
    expect(asset).toMatchObject({ status: "READY", progress: 100, error: null });
    seen.push(asset.progress);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const outputs = asset.outputs as VideoOutputs;
    expect(Object.keys(outputs).sort()).toEqual(["durationSeconds", "height", "hls", "mp4", "poster", "renditions", "width"]);
    expect(outputs).toMatchObject({ width: 1280, height: 720, hls: "hls/master.m3u8", mp4: "video.mp4", poster: "poster.jpg" });
    expect(outputs.durationSeconds).toBeGreaterThan(2.9);
    expect(outputs.renditions.map((r) => [r.height, r.playlist])).toEqual([
      [360, "hls/360p/index.m3u8"],
      [720, "hls/720p/index.m3u8"],
    ]);
    for (const r of outputs.renditions) expect(r.bandwidth).toBeGreaterThan(10_000);

    const store = getMediaStore();
    const keys = await store.list(`media/${id}/`);
    expect(keys.some((k) => k.includes("1080p"))).toBe(false);
    for (const file of ["original", "hls/master.m3u8", "hls/360p/index.m3u8", "hls/720p/index.m3u8", "video.mp4", "poster.jpg"]) {
      expect(keys).toContain(`media/${id}/${file}`);
    }

    // The master playlist: one variant per rendition with its bandwidth, size and codecs, pointing at a playlist that exists.
    const master = (await storedText(store, `media/${id}/hls/master.m3u8`)).toString("utf8");
    expect(master.startsWith("#EXTM3U\n")).toBe(true);
    const variants = [...master.matchAll(/^#EXT-X-STREAM-INF:(.*)\n(.+)$/gm)].map((m) => ({ attrs: m[1], uri: m[2] }));
    expect(variants.map((v) => v.uri)).toEqual(["360p/index.m3u8", "720p/index.m3u8"]);
    for (const [i, v] of variants.entries()) {
      expect(v.attrs).toMatch(/^BANDWIDTH=\d+,AVERAGE-BANDWIDTH=\d+,RESOLUTION=\d+x\d+,CODECS="avc1\.[0-9a-f]{6},mp4a\.40\.2"$/);
      expect(Number(/BANDWIDTH=(\d+)/.exec(v.attrs)![1])).toBe(outputs.renditions[i].bandwidth);
      expect(v.attrs).toContain(`RESOLUTION=${["640x360", "1280x720"][i]}`);
      const playlist = (await storedText(store, `media/${id}/hls/${v.uri}`)).toString("utf8");
      expect(playlist).toContain("#EXT-X-ENDLIST");
      expect(Number(/#EXT-X-TARGETDURATION:(\d+)/.exec(playlist)![1])).toBeLessThanOrEqual(6);
      const segments = playlistSegments(playlist);
      expect(segments.length).toBeGreaterThan(0);
      const first = await storedText(store, `media/${id}/hls/${v.uri.replace("index.m3u8", segments[0].uri)}`);
      expect(h264Codec(first)).toBe(/CODECS="([^,]+),/.exec(v.attrs)![1]);
    }

    // The MP4: 720p with audio, the moov atom before the media (faststart); the poster: a JPEG at the MP4's size.
    const mp4 = path.join(work, "out.mp4");
    await store.download(`media/${id}/video.mp4`, mp4);
    expect(await probe(mp4)).toMatchObject({ width: 1280, height: 720, hasAudio: true });
    const bytes = readFileSync(mp4);
    expect(bytes.indexOf("moov")).toBeGreaterThan(0);
    expect(bytes.indexOf("moov")).toBeLessThan(bytes.indexOf("mdat"));
    const poster = path.join(work, "poster.jpg");
    await store.download(`media/${id}/poster.jpg`, poster);
    expect(readFileSync(poster).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(jpegSize(readFileSync(poster))).toEqual({ width: 1280, height: 720 });

    expect(readdirSync(scratch)).toEqual([]);
  }, 180_000);

  it("fails a text file named .mp4 with a message saying it is not a readable video, without retrying", async () => {
    const fake = path.join(work, "notes.mp4");
    writeFileSync(fake, "These are my lecture notes, not a video.\n".repeat(50));
    const id = await storedVideo(fake, "notes.mp4");
    const result = await transcodeAsset(id, { preset: "ultrafast", finalAttempt: false });
    expect(result).toMatchObject({ status: "FAILED" });
    const asset = await prisma.mediaAsset.findUniqueOrThrow({ where: { id } });
    expect(asset.status).toBe("FAILED");
    expect(asset.error).toMatch(/^This file can't be read as a video \(.+\)\. Upload a video file such as MP4 \(H\.264\), MOV or WebM\.$/);
    expect(asset.error).not.toContain(scratch);
    expect(await getMediaStore().list(`media/${id}/`)).toEqual([`media/${id}/original`]);
    expect(readdirSync(scratch)).toEqual([]);
  });

  it("stops ffmpeg at the time limit: retried while attempts are left, FAILED on the last one", async () => {
    const id = await storedVideo(clip);
    await expect(transcodeAsset(id, { preset: "ultrafast", timeLimitMs: 1, finalAttempt: false })).rejects.toThrow(/ran out of time/);
    expect(await prisma.mediaAsset.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "PROCESSING", progress: 0 });
    expect((await prisma.mediaAsset.findUniqueOrThrow({ where: { id } })).error).toMatch(/ran out of time.*Trying again shortly\.$/);

    expect(await transcodeAsset(id, { preset: "ultrafast", timeLimitMs: 1, finalAttempt: true })).toMatchObject({ status: "FAILED" });
    expect((await prisma.mediaAsset.findUniqueOrThrow({ where: { id } })).error).toMatch(/^Transcoding failed: .*ran out of time/);
    expect(readdirSync(scratch)).toEqual([]);
  });
});
