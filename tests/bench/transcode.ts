/**
 * The video part of `npm run bench` (section "video transcode"): the transcoding time of a
 * generated 60-second 1280x720 clip with sound (ffmpeg's testsrc picture and a sine tone), through
 * the job's own path (transcodeAsset: media store, probe, 360p + 720p HLS, MP4, poster, upload,
 * READY) with the production preset, on the bench database and a temporary local media store.
 * Generating the clip is not counted. Besides the wall time: the CPU seconds ffmpeg used (Linux:
 * this process's finished children), which other load on the machine changes far less, and the load
 * average while it ran. The moving test picture is harder to encode than most
 * lectures (slides, a talking head), so real videos of that length tend to go faster.
 */
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";

/** CPU seconds of this process's finished (waited-for) children: /proc/self/stat cutime + cstime, in clock ticks (100 Hz). */
function childrenCpuSeconds() {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return NaN;
  }
}

export async function benchTranscode(databaseUrl: string, seconds = 60) {
  const work = mkdtempSync(path.join(tmpdir(), "academy-bench-transcode-"));
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: process.env.SESSION_SECRET ?? "bench-session-secret-0123456789",
    DATA_DIR: path.join(work, "data"),
  });
  const { resetEnvForTests } = await import("../../app/utils/env.server.ts");
  resetEnvForTests();
  const { prisma, disconnectPrisma } = await import("../../app/utils/db.server.ts");
  const { getMediaStore } = await import("../../app/modules/media/storage.server.ts");
  const { DEFAULT_PRESET, transcodeAsset } = await import("../../app/modules/media/transcode.server.ts");
  const { makeTestClip } = await import("../support/video.ts");
  let assetId: string | undefined;
  try {
    const clip = await makeTestClip(path.join(work, "clip.mp4"), { seconds, width: 1280, height: 720, audio: true });
    const course = await prisma.course.findFirstOrThrow({ select: { id: true }, orderBy: { slug: "asc" } });
    const asset = await prisma.mediaAsset.create({
      data: { courseId: course.id, kind: "VIDEO", status: "PROCESSING", originalName: "bench.mp4", contentType: "video/mp4", sizeBytes: statSync(clip).size },
    });
    assetId = asset.id;
    const storageKey = `media/${asset.id}/original`;
    await getMediaStore().putFile(storageKey, clip, "video/mp4");
    await prisma.mediaAsset.update({ where: { id: asset.id }, data: { storageKey } });

    const cpuBefore = childrenCpuSeconds();
    const started = performance.now();
    const result = await transcodeAsset(asset.id);
    const ms = performance.now() - started;
    const cpu = childrenCpuSeconds() - cpuBefore;
    const load = loadavg()[0];
    if (!("status" in result) || result.status !== "READY") throw new Error(`the bench transcode did not finish: ${JSON.stringify(result)}`);
    const store = getMediaStore();
    const keys = await store.list(`media/${asset.id}/`);
    let hlsBytes = 0;
    for (const key of keys.filter((k) => k.includes("/hls/"))) hlsBytes += (await store.head(key))?.size ?? 0;
    const mp4Bytes = (await store.head(`media/${asset.id}/video.mp4`))?.size ?? 0;
    return {
      task: `video transcode (${seconds} s 1280x720 clip with sound)`,
      "time s": Math.round(ms / 100) / 10,
      "× real time": Math.round((seconds * 1000 * 10) / ms) / 10,
      "ffmpeg CPU s": Number.isNaN(cpu) ? "-" : Math.round(cpu * 10) / 10,
      "load avg (1 min)": Math.round(load * 10) / 10,
      renditions: result.outputs.renditions.map((r) => `${r.height}p ${Math.round(r.bandwidth / 1000)} kb/s`).join(", "),
      "HLS MB": Math.round(hlsBytes / 1e5) / 10,
      "MP4 MB": Math.round(mp4Bytes / 1e5) / 10,
      preset: DEFAULT_PRESET,
      cores: cpus().length,
    };
  } finally {
    if (assetId) await prisma.mediaAsset.delete({ where: { id: assetId } }).catch(() => undefined);
    await disconnectPrisma();
    await rm(work, { recursive: true, force: true });
  }
}
